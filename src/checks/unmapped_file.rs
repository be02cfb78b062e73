//! `unmapped_file`: export files sitting beside the mapped ones that no
//! object or junction reads: the missed junction is usually one of them.
//! The load inventories them and samples their cells into the shadow: when
//! two or more columns of one hold keys of mapped objects, the report says
//! it looks like a junction between them.
//! Value: unmapped files / files in the export folders. Default: warn
//! above 0%, never fail (set `fail = "0%"` to make it block).

use rusqlite::params;

use super::contract::{Context, Settings, Takes, Trigger, count};
use crate::error::{Error, Result};
use crate::facts::Limits;
use crate::facts::{Authority, RootCause};
use crate::facts::{Counted, Example, KeyColumn, Note, TriggerResult};
use crate::load::ident;
use crate::scenario::TriggerSettings;

pub const TRIGGER: Trigger = Trigger {
    id: "unmapped_file",
    defaults: Limits::warn_above(0),
    takes: Takes::Share,
    settings: Settings::Thresholds,
    authority: Authority::Data,
    cause: RootCause::JunctionMissed,
    evaluate,
};

fn evaluate(
    ctx: &Context<'_>,
    limits: Limits,
    _: Option<&TriggerSettings>,
) -> Result<Vec<TriggerResult>> {
    // The load's inventory of the folders the scenario reads from.
    let folder_names = strings(ctx, "SELECT folder FROM _export_folders ORDER BY _rowid_")?;
    let unmapped =
        strings(ctx, "SELECT file FROM _export_files WHERE NOT mapped ORDER BY _rowid_")?;
    let total = count(ctx.conn, "SELECT count(*) FROM _export_files", [])?;
    let count = unmapped.len() as u64;
    let mut result = TriggerResult::new(
        TRIGGER.id,
        folder_names.join(", "),
        Counted::UnmappedFiles,
        count,
        total,
        limits,
    );
    result.examples = unmapped
        .iter()
        .map(|f| {
            Ok(Example { file: f.clone(), note: Some(describe(ctx, f)?), ..Example::default() })
        })
        .collect::<Result<_>>()?;
    Ok(vec![result])
}

/// The first column of every row of `sql`, as text.
fn strings(ctx: &Context<'_>, sql: &str) -> Result<Vec<String>> {
    let read = |e| Error::shadow("read the export inventory")(e);
    let mut stmt = ctx.conn.prepare(sql).map_err(read)?;
    let rows = stmt.query_map([], |r| r.get(0)).map_err(read)?;
    rows.collect::<rusqlite::Result<_>>().map_err(read)
}

/// What an unmapped file looks like: a junction between mapped objects
/// (two or more columns holding their keys), a file that references one,
/// or just a file nobody reads. Read from the load's sample of its cells.
fn describe(ctx: &Context<'_>, file: &str) -> Result<Note> {
    let read = |e| Error::shadow("sample unmapped file")(e);
    let unreadable: Option<String> = ctx
        .conn
        .query_row("SELECT unreadable FROM _export_files WHERE file = ?1", [file], |r| r.get(0))
        .map_err(read)?;
    if let Some(e) = unreadable {
        return Ok(Note::UnreadableFile { error: e });
    }
    let mut stmt = ctx
        .conn
        .prepare(
            "SELECT \"column\", header, count(*), max(chars) FROM _unmapped_samples \
             WHERE file = ?1 GROUP BY \"column\" ORDER BY \"column\"",
        )
        .map_err(read)?;
    let columns = stmt
        .query_map([file], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get(2)?, r.get(3)?))
        })
        .map_err(read)?
        .collect::<rusqlite::Result<Vec<(i64, String, i64, i64)>>>()
        .map_err(read)?;
    let mut references = Vec::new();
    for (column, header, values, longest) in columns {
        let values = u64::try_from(values).unwrap_or(0);
        let sampled = Sampled { file, column, values, longest };
        if let Some(object) = referenced_object(ctx, &sampled)? {
            references.push(KeyColumn { object: object.to_string(), column: header });
        }
    }
    Ok(Note::UnmappedFile { references })
}

/// A column of an unmapped file as sampled: its non-blank values (with
/// repeats) and the longest one's length in characters.
struct Sampled<'f> {
    file: &'f str,
    column: i64,
    values: u64,
    longest: i64,
}

/// The mapped object whose keys most of the column's sampled values are (at
/// least half and at least 3, and ahead of every other object; short codes
/// such as scores are not taken for keys).
fn referenced_object<'s>(ctx: &Context<'s>, column: &Sampled<'_>) -> Result<Option<&'s str>> {
    if column.values < 3 || column.longest < 3 {
        return Ok(None);
    }
    let mut hits_by_object = Vec::new();
    for object in &ctx.scenario.objects {
        // Both spellings of a Salesforce id, whatever the object declares.
        let sql = format!(
            "SELECT count(*) FROM _unmapped_samples s WHERE s.file = ?1 AND s.\"column\" = ?2 \
             AND EXISTS (SELECT 1 FROM {} WHERE _key IN (s.value, s.id18))",
            ident(&object.name)
        );
        let hits = count(ctx.conn, &sql, params![column.file, column.column])?;
        hits_by_object.push((hits, object.name.as_str()));
    }
    hits_by_object.sort_by_key(|h| std::cmp::Reverse(h.0));
    Ok(match hits_by_object.as_slice() {
        [(best, name), rest @ ..]
            if *best >= 3
                && best * 2 >= column.values
                && rest.first().is_none_or(|r| r.0 < *best) =>
        {
            Some(name)
        }
        _ => None,
    })
}
