//! `encoding_damage`: rows whose cells show encoding damage (undecodable
//! bytes, mojibake, U+FFFD, NUL or control characters, `?` for a lost
//! letter; see [`crate::decode::detect`]) / source rows, per export file.
//! Default: fail above 0.1%.

use super::{Context, Settings, Trigger, count, examples, fail_above};
use crate::error::{Error, Result};
use crate::facts::Limits;
use crate::facts::{EXAMPLES, TriggerResult};
use crate::scenario::TriggerSettings;

pub const TRIGGER: Trigger = Trigger {
    id: "encoding_damage",
    defaults: fail_above(10),
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
        let mut measure = format!("{} of {} rows damaged", file.damaged_rows, file.source_rows);
        let kinds = kinds(ctx, &file.object)?;
        if !kinds.is_empty() {
            measure.push_str(&format!(" ({})", kinds.join(", ")));
        }
        let mut result = TriggerResult::new(
            TRIGGER.id,
            file.object.clone(),
            file.damaged_rows,
            file.source_rows,
            limits,
            measure,
        );
        if file.damaged_rows > 0 {
            let found = examples(
                ctx.conn,
                &file.file,
                &format!(
                    "SELECT line, key, \"column\", text, kind \
                     || coalesce('; likely ' || quote(repair), '') \
                     || coalesce('; byte offset ' || byte_offset, '') \
                     FROM _damage WHERE object = ?1 ORDER BY line, rowid LIMIT {EXAMPLES}"
                ),
                [&file.object],
            )?;
            let cells =
                count(ctx.conn, "SELECT count(*) FROM _damage WHERE object = ?1", [&file.object])?;
            result.set_examples(found, cells);
        }
        results.push(result);
    }
    Ok(results)
}

/// `undecodable bytes: 3 rows` per kind, most frequent first.
fn kinds(ctx: &Context<'_>, object: &str) -> Result<Vec<String>> {
    let mut stmt = ctx
        .conn
        .prepare(
            "SELECT kind, count(DISTINCT line) FROM _damage WHERE object = ?1 \
             GROUP BY kind ORDER BY count(DISTINCT line) DESC, kind",
        )
        .map_err(Error::shadow("prepare damage summary"))?;
    let rows = stmt
        .query_map([object], |r| {
            let rows: i64 = r.get(1)?;
            let plural = if rows == 1 { "" } else { "s" };
            Ok(format!("{}: {rows} row{plural}", r.get::<_, String>(0)?))
        })
        .map_err(Error::shadow("summarise damage"))?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(Error::shadow("summarise damage"))
}
