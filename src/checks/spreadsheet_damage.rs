//! `spreadsheet_damage`: rows refused for values a spreadsheet destroyed
//! (refused rows / source rows), per export file with any. An id, key,
//! reference or junction end in scientific notation (`1.18174E+11`) was
//! rounded to six significant digits: it is never a valid id, and rows that
//! "share" such a key are told as that, not as duplicates. A date rewritten
//! into the spreadsheet's short form (`2/5/24 1:51`) that the field's format
//! does not read is the other kind. The load refuses both (see
//! `map::ids`); this trigger reads those refusals and groups each column's
//! by value, so one example says how many rows one destroyed id took with it.
//! Default: fail above 0%. Files without such values get no result.

use super::contract::{Context, Settings, Takes, Trigger, count, examples, fail_above, whole};
use crate::error::{Error, RejectReason, Result};
use crate::facts::{Authority, RootCause};
use crate::facts::{
    Counted, EXAMPLES, Limits, Note, SpreadsheetColumn, SpreadsheetKind, TriggerResult,
};
use crate::scenario::TriggerSettings;

pub const TRIGGER: Trigger = Trigger {
    id: "spreadsheet_damage",
    defaults: fail_above(0),
    takes: Takes::Share,
    settings: Settings::Thresholds,
    authority: Authority::Data,
    cause: RootCause::Spreadsheet,
    evaluate,
};

/// The reject kinds this trigger counts, with what each is.
fn kinds() -> [(&'static str, SpreadsheetKind); 2] {
    [
        (RejectReason::ScientificNotationId.code(), SpreadsheetKind::DestroyedId),
        (
            RejectReason::SpreadsheetDate { format: String::new() }.code(),
            SpreadsheetKind::RewrittenDate,
        ),
    ]
}

fn kind_of(code: &str) -> Option<SpreadsheetKind> {
    kinds().into_iter().find(|(c, _)| *c == code).map(|(_, k)| k)
}

fn evaluate(
    ctx: &Context<'_>,
    limits: Limits,
    _: Option<&TriggerSettings>,
) -> Result<Vec<TriggerResult>> {
    let [(ids, _), (dates, _)] = kinds();
    let mut results = Vec::new();
    for file in ctx.files {
        let params = rusqlite::params![file.object, ids, dates];
        let of_file = "FROM _rejects WHERE object = ?1 AND kind IN (?2, ?3)";
        let rows = count(ctx.conn, &format!("SELECT count(*) {of_file}"), params)?;
        if rows == 0 {
            continue;
        }
        let columns = columns(ctx, of_file, params)?;
        let counted = Counted::SpreadsheetDamage { columns };
        let mut result = TriggerResult::new(
            TRIGGER.id,
            file.object.clone(),
            counted,
            rows,
            file.source_rows,
            limits,
        );
        let key = key_column(ctx, &file.object);
        // One example per destroyed value, with the rows that hold it.
        let sql = format!(
            "SELECT min(line), min(key), \"column\", raw, kind, count(*) {of_file} \
             GROUP BY \"column\", raw, kind ORDER BY min(line) LIMIT {EXAMPLES}"
        );
        let found = examples(ctx.conn, &file.file, &sql, params, |row, example| {
            let code: String = row.get(4)?;
            let kind = kind_of(&code).unwrap_or(SpreadsheetKind::DestroyedId);
            let rows = whole(row, 5)?.unwrap_or(1);
            let is_key = key.is_some() && example.column.as_deref() == key;
            // A destroyed key is the row's key only as far as the value goes.
            example.key = None;
            example.note = Some(Note::Spreadsheet { kind, rows, key: is_key });
            Ok(())
        })?;
        let values = count(
            ctx.conn,
            &format!("SELECT count(*) FROM (SELECT 1 {of_file} GROUP BY \"column\", raw, kind)"),
            params,
        )?;
        result.set_examples(found, values);
        // The fix list takes every damaged cell, one row each.
        let every = format!("SELECT line, key, \"column\", raw, kind {of_file} ORDER BY line");
        ctx.flag_every(&file.file, &every, params, |row, example| {
            let code: String = row.get(4)?;
            let kind = kind_of(&code).unwrap_or(SpreadsheetKind::DestroyedId);
            example.note = Some(Note::Spreadsheet { kind, rows: 1, key: false });
            Ok(())
        })?;
        results.push(result);
    }
    Ok(results)
}

/// The refused rows per column and kind, in the order the columns first fail.
fn columns(
    ctx: &Context<'_>,
    of_file: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<SpreadsheetColumn>> {
    let read = |e| Error::shadow("summarise spreadsheet damage")(e);
    let sql = format!(
        "SELECT coalesce(\"column\", ''), kind, count(*) {of_file} \
         GROUP BY \"column\", kind ORDER BY min(line)"
    );
    let mut stmt = ctx.conn.prepare(&sql).map_err(read)?;
    let rows = stmt
        .query_map(params, |r| {
            let code: String = r.get(1)?;
            Ok(SpreadsheetColumn {
                column: r.get(0)?,
                kind: kind_of(&code).unwrap_or(SpreadsheetKind::DestroyedId),
                rows: whole(r, 2)?.unwrap_or(0),
            })
        })
        .map_err(read)?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(read)
}

/// The source key column of an object or a junction with a key.
fn key_column<'s>(ctx: &Context<'s>, name: &str) -> Option<&'s str> {
    let scenario = ctx.scenario;
    match scenario.object(name) {
        Some(object) => Some(object.key.name.as_str()),
        None => scenario
            .junctions
            .iter()
            .find(|j| j.name == name)
            .and_then(|j| j.key.as_ref())
            .map(|k| k.name.as_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_counted_kinds_are_the_load_s_reject_codes() {
        assert_eq!(kind_of("scientific_notation_id"), Some(SpreadsheetKind::DestroyedId));
        assert_eq!(kind_of("spreadsheet_date"), Some(SpreadsheetKind::RewrittenDate));
        assert_eq!(kind_of("duplicate_key"), None);
    }
}
