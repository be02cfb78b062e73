//! `critical_blank`: a field marked `critical` is blank after mapping
//! (blank rows / rows loaded), per field. Default: fail above 3%.
//!
//! Blank is one thing, however the export wrote it: an empty cell, a null
//! token (`#N/A`, `NULL`) or a placeholder (`test@test.com`, `000000000`)
//! are all stored as NULL, so each blank row counts once. The load notes
//! which were tokens and placeholders (`_blanked`), for the count's
//! breakdown and the examples' notes.

use super::contract::{Context, Settings, Takes, Trigger, count, fail_above};
use crate::error::{Error, Result};
use crate::facts::Limits;
use crate::facts::{Authority, RootCause};
use crate::facts::{Counted, Example, Note, TriggerResult};
use crate::load::blanks::{NULL_TOKEN, PLACEHOLDER};
use crate::load::ident;
use crate::scenario::{Field, ObjectMapping, TriggerSettings};

pub const TRIGGER: Trigger = Trigger {
    id: "critical_blank",
    defaults: fail_above(300),
    takes: Takes::Share,
    settings: Settings::Thresholds,
    authority: Authority::Data,
    cause: RootCause::SourceData,
    evaluate,
};

fn evaluate(
    ctx: &Context<'_>,
    limits: Limits,
    _: Option<&TriggerSettings>,
) -> Result<Vec<TriggerResult>> {
    let mut results = Vec::new();
    for object in &ctx.scenario.objects {
        let table = ident(&object.name);
        let critical: Vec<_> = object.fields.iter().filter(|f| f.critical).collect();
        if critical.is_empty() {
            continue;
        }
        // One pass over the table counts the rows and every critical field's blanks.
        let sums: Vec<String> = critical
            .iter()
            .map(|f| format!(", coalesce(sum({} IS NULL), 0)", ident(&f.name)))
            .collect();
        let counts: Vec<u64> = ctx
            .conn
            .query_row(&format!("SELECT count(*){} FROM {table}", sums.concat()), [], |row| {
                (0..=critical.len())
                    .map(|i| row.get::<_, i64>(i))
                    .collect::<rusqlite::Result<Vec<i64>>>()
            })
            .map_err(Error::shadow("count blank critical fields"))?
            .into_iter()
            .map(|n| u64::try_from(n).unwrap_or(0))
            .collect();
        let loaded = counts[0];
        for (field, &blank) in critical.iter().zip(&counts[1..]) {
            let noted = |kind: &str| {
                count(
                    ctx.conn,
                    "SELECT count(*) FROM _blanked WHERE object = ?1 AND field = ?2 AND kind = ?3",
                    [object.name.as_str(), field.name.as_str(), kind],
                )
            };
            let counted = Counted::BlankValues {
                object: object.name.clone(),
                field: field.name.clone(),
                tokens: noted(NULL_TOKEN)?,
                placeholders: noted(PLACEHOLDER)?,
            };
            let mut result = TriggerResult::new(
                TRIGGER.id,
                format!("{}.{}", object.name, field.name),
                counted,
                blank,
                loaded,
                limits,
            )
            .of_population(&object.name);
            if blank > 0 {
                result.set_examples(blank_examples(ctx, object, field)?, blank);
            }
            results.push(result);
        }
    }
    Ok(results)
}

/// The first blank rows of a critical field, each noted blank, a null token
/// or a placeholder (with the token or placeholder as the value).
fn blank_examples(
    ctx: &Context<'_>,
    object: &ObjectMapping,
    field: &Field,
) -> Result<Vec<Example>> {
    let (table, column) = (ident(&object.name), ident(&field.name));
    // The token or placeholder the row held, if it held one.
    let held = |what: &str| {
        format!(
            "(SELECT b.{what} FROM _blanked b WHERE b.object = ?2 AND b.field = ?3 \
             AND b.line = t._line)"
        )
    };
    ctx.examples(
        &object.source.file,
        &format!(
            "SELECT t._line, t._key, ?1, {}, {} FROM {table} t \
             WHERE t.{column} IS NULL ORDER BY t._rowid_",
            held("value"),
            held("kind")
        ),
        [&field.from.name, &object.name, &field.name],
        |row, example| {
            let kind: Option<String> = row.get(4)?;
            example.note = Some(match kind.as_deref() {
                Some(NULL_TOKEN) => Note::NullToken,
                Some(PLACEHOLDER) => Note::Placeholder,
                _ => Note::Blank,
            });
            Ok(())
        },
    )
}
