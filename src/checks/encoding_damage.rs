//! `encoding_damage`: rows whose cells show encoding damage (undecodable
//! bytes, mojibake, U+FFFD, NUL or control characters, `?` for a lost
//! letter; see the `decode::detect` module) / source rows, per export file.
//! Default: fail above 0.1%.

use super::contract::{Context, Settings, Takes, Trigger, count, fail_above, whole};
use crate::error::{Error, Result};
use crate::facts::Limits;
use crate::facts::{Authority, RootCause};
use crate::facts::{Counted, DamageCount, DamageKind, Note, TriggerResult};
use crate::scenario::TriggerSettings;

pub const TRIGGER: Trigger = Trigger {
    id: "encoding_damage",
    defaults: fail_above(10),
    takes: Takes::Share,
    settings: Settings::Thresholds,
    authority: Authority::Technical,
    cause: RootCause::CharacterEncoding,
    evaluate,
};

fn evaluate(
    ctx: &Context<'_>,
    limits: Limits,
    _: Option<&TriggerSettings>,
) -> Result<Vec<TriggerResult>> {
    let mut results = Vec::new();
    for file in ctx.files {
        let counted = Counted::DamagedRows { kinds: kinds(ctx, &file.object)? };
        let mut result = TriggerResult::new(
            TRIGGER.id,
            file.object.clone(),
            counted,
            file.damaged_rows,
            file.source_rows,
            limits,
        );
        if file.damaged_rows > 0 {
            let found = ctx.examples(
                &file.file,
                "SELECT line, key, \"column\", text, kind, repair, byte_offset \
                     FROM _damage WHERE object = ?1 ORDER BY line, rowid",
                [&file.object],
                |row, example| {
                    example.note = Some(Note::Damage { kind: damage_kind(row, 4)? });
                    example.repair = row.get(5)?;
                    example.byte_offset = whole(row, 6)?;
                    Ok(())
                },
            )?;
            let cells =
                count(ctx.conn, "SELECT count(*) FROM _damage WHERE object = ?1", [&file.object])?;
            result.set_examples(found, cells);
        }
        results.push(result);
    }
    Ok(results)
}

/// Rows per kind of damage, most frequent first, then by the kind's name.
fn kinds(ctx: &Context<'_>, object: &str) -> Result<Vec<DamageCount>> {
    let mut stmt = ctx
        .conn
        .prepare("SELECT kind, count(DISTINCT line) FROM _damage WHERE object = ?1 GROUP BY kind")
        .map_err(Error::shadow("prepare damage summary"))?;
    let rows = stmt
        .query_map([object], |r| {
            Ok(DamageCount { kind: damage_kind(r, 0)?, rows: whole(r, 1)?.unwrap_or(0) })
        })
        .map_err(Error::shadow("summarise damage"))?;
    let mut kinds =
        rows.collect::<rusqlite::Result<Vec<_>>>().map_err(Error::shadow("summarise damage"))?;
    kinds.sort_by(|a, b| b.rows.cmp(&a.rows).then_with(|| a.kind.name().cmp(b.kind.name())));
    Ok(kinds)
}

/// The kind of damage in a column holding its code.
fn damage_kind(row: &rusqlite::Row<'_>, column: usize) -> rusqlite::Result<DamageKind> {
    let code: String = row.get(column)?;
    DamageKind::from_code(&code).ok_or_else(|| {
        rusqlite::Error::InvalidColumnType(column, code, rusqlite::types::Type::Text)
    })
}
