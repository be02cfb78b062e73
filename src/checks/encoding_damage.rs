//! `encoding_damage`: rows whose cells show encoding damage (undecodable
//! bytes, mojibake, U+FFFD, NUL or control characters, `?` for a lost
//! letter; see the `decode::detect` module) / source rows, per export file.
//! Default: fail above 0.1%.

use super::contract::{Context, Settings, Takes, Trigger, count, examples, fail_above, whole};
use crate::error::{Error, Result};
use crate::facts::Limits;
use crate::facts::{Counted, DamageCount, EXAMPLES, Note, TriggerResult};
use crate::scenario::TriggerSettings;

pub const TRIGGER: Trigger = Trigger {
    id: "encoding_damage",
    defaults: fail_above(10),
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
            let found = examples(
                ctx.conn,
                &file.file,
                &format!(
                    "SELECT line, key, \"column\", text, kind, repair, byte_offset \
                     FROM _damage WHERE object = ?1 ORDER BY line, rowid LIMIT {EXAMPLES}"
                ),
                [&file.object],
                |row, example| {
                    example.note = Some(Note::Damage { kind: row.get(4)? });
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

/// Rows per kind of damage, most frequent first.
fn kinds(ctx: &Context<'_>, object: &str) -> Result<Vec<DamageCount>> {
    let mut stmt = ctx
        .conn
        .prepare(
            "SELECT kind, count(DISTINCT line) FROM _damage WHERE object = ?1 \
             GROUP BY kind ORDER BY count(DISTINCT line) DESC, kind",
        )
        .map_err(Error::shadow("prepare damage summary"))?;
    let rows = stmt
        .query_map([object], |r| {
            Ok(DamageCount { kind: r.get(0)?, rows: whole(r, 1)?.unwrap_or(0) })
        })
        .map_err(Error::shadow("summarise damage"))?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(Error::shadow("summarise damage"))
}
