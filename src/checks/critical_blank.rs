//! `critical_blank`: a field marked `critical` is blank after mapping
//! (blank rows / rows loaded), per field. Default: fail above 3%.

use super::contract::{Context, Settings, Takes, Trigger, examples, fail_above, noted};
use crate::error::{Error, Result};
use crate::facts::Limits;
use crate::facts::{Counted, EXAMPLES, Note, TriggerResult};
use crate::load::ident;
use crate::scenario::TriggerSettings;

pub const TRIGGER: Trigger = Trigger {
    id: "critical_blank",
    defaults: fail_above(300),
    takes: Takes::Share,
    settings: Settings::Thresholds,
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
            let column = ident(&field.name);
            let counted =
                Counted::BlankValues { object: object.name.clone(), field: field.name.clone() };
            let mut result = TriggerResult::new(
                TRIGGER.id,
                format!("{}.{}", object.name, field.name),
                counted,
                blank,
                loaded,
                limits,
            );
            if blank > 0 {
                let found = examples(
                    ctx.conn,
                    &object.source.file,
                    &format!(
                        "SELECT _line, _key, ?1, NULL FROM {table} \
                         WHERE {column} IS NULL ORDER BY _rowid_ LIMIT {EXAMPLES}"
                    ),
                    [&field.from.name],
                    noted(Note::Blank),
                )?;
                result.set_examples(found, blank);
            }
            results.push(result);
        }
    }
    Ok(results)
}
