//! `orphan_reference`: a lookup or junction end holds a key that matches no
//! loaded row of the referenced object(s) (unresolved / references), per
//! reference. Default: fail above 0.5%.
//!
//! Only keys absent from the export count: a reference to a row that is in
//! the export but was rejected is `rejected_reference`'s, not an orphan.
//!
//! When the referenced objects use Salesforce ids, an unresolved id is told
//! apart by its 3-character key prefix: the prefix of a mapped object's
//! keys (loaded or rejected), or of a standard object the migration maps
//! by name (`Lead` for an object `leads` or a file `Lead.csv`), means the
//! row is missing from the export (deleted, filtered); any other prefix
//! means the id points at an object this migration does not map, and the
//! report names it (`006` = Opportunity).

use std::path::Path;

use rusqlite::Connection;

use super::contract::{Context, Settings, Takes, Trigger, count, fail_above, whole};
use super::orphans::{orphans_table, salesforce_object};
use crate::error::{Error, Result};
use crate::facts::Limits;
use crate::facts::{Authority, RootCause};
use crate::facts::{Counted, ForeignIds, Note, TriggerResult};
use crate::load::ident;
use crate::scenario::{Scenario, TriggerSettings, ref_columns};

pub const TRIGGER: Trigger = Trigger {
    id: "orphan_reference",
    defaults: fail_above(50),
    takes: Takes::Share,
    settings: Settings::Thresholds,
    authority: Authority::Data,
    cause: RootCause::IncompleteExport,
    evaluate,
};

fn evaluate(
    ctx: &Context<'_>,
    limits: Limits,
    _: Option<&TriggerSettings>,
) -> Result<Vec<TriggerResult>> {
    let mut results = Vec::new();
    for (n, r) in ref_columns(ctx.scenario).into_iter().enumerate() {
        let (table, column) = (ident(r.table), ident(&r.column));
        // The rows whose reference resolves to nothing.
        let unresolved = format!("FROM {table} c WHERE c._rowid_ IN {}", orphans_table(n));
        let total = count(ctx.conn, &format!("SELECT count({column}) FROM {table}"), [])?;
        let orphans = count(ctx.conn, &format!("SELECT count(*) {unresolved}"), [])?;
        let salesforce = r.by.is_none()
            && r.targets.iter().all(|t| ctx.scenario.object(t).is_some_and(|o| o.salesforce_ids));
        // Prefixes of mapped objects' keys, to tell missing rows from other objects.
        let own = if salesforce { mapped_prefixes(ctx)? } else { Vec::new() };
        let foreign = |prefix: &str| salesforce && is_foreign(ctx.scenario, &own, prefix);
        let elsewhere = if salesforce && orphans > 0 {
            unmapped_objects(ctx, &unresolved, &column, &foreign)?
        } else {
            Vec::new()
        };
        let targets: Vec<String> = r.targets.iter().map(|t| (*t).to_string()).collect();
        let counted = Counted::UnresolvedReferences { targets: targets.clone(), elsewhere };
        let mut result = TriggerResult::new(TRIGGER.id, r.label, counted, orphans, total, limits)
            .of_population(r.table);
        if orphans > 0 {
            let sql =
                format!("SELECT c._line, c._key, ?1, c.{column} {unresolved} ORDER BY c._rowid_");
            let mut found = ctx.examples(r.file, &sql, [r.source_column], |_, _| Ok(()))?;
            for example in &mut found {
                let prefix = example.value.as_deref().and_then(|v| v.get(..3)).unwrap_or_default();
                example.note = Some(if foreign(prefix) {
                    let object = salesforce_object(prefix);
                    Note::ForeignId { prefix: prefix.to_string(), object }
                } else {
                    Note::NoSuchKey { targets: targets.clone() }
                });
            }
            result.set_examples(found, orphans);
        }
        results.push(result);
    }
    Ok(results)
}

/// Whether an unresolved Salesforce id with `prefix` points at an object
/// this migration does not map: not the prefix of a mapped object's keys
/// (`own`), nor of a standard object the scenario maps by name.
fn is_foreign(scenario: &Scenario, own: &[String], prefix: &str) -> bool {
    !own.iter().any(|p| p == prefix)
        && !salesforce_object(prefix).is_some_and(|standard| maps_by_name(scenario, standard))
}

/// Whether `scenario` maps the Salesforce standard object `standard`
/// (`Opportunity`) by name: an object called it, or its plural
/// (`opportunities`), in any case, or read from a file named after it
/// (`data/Opportunity.csv`). A mapped object may have no keys to tell its
/// prefix by (every row rejected without a key, or an empty file).
fn maps_by_name(scenario: &Scenario, standard: &str) -> bool {
    let standard = standard.to_lowercase();
    let plural = match standard.strip_suffix('y') {
        Some(stem) => format!("{stem}ies"),
        None => format!("{standard}s"),
    };
    scenario.objects.iter().any(|o| {
        let name = o.name.to_lowercase();
        let stem = Path::new(&o.source.file)
            .file_stem()
            .map(|s| s.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        name == standard || name == plural || stem == standard
    })
}

/// The key prefixes of every object this migration maps with Salesforce
/// ids, from its loaded rows and its rejected ones: an id with such a
/// prefix points at a mapped object (a row missing from the export, or one
/// of another mapped object), never at "an object this migration does not
/// map", even when every row of that object was rejected.
fn mapped_prefixes(ctx: &Context<'_>) -> Result<Vec<String>> {
    let objects: Vec<&str> =
        ctx.scenario.objects.iter().filter(|o| o.salesforce_ids).map(|o| o.name.as_str()).collect();
    let mut prefixes = target_prefixes(ctx.conn, &objects)?;
    let read = |e| Error::shadow("read key prefixes of rejected rows")(e);
    let mut stmt = ctx
        .conn
        .prepare(
            "SELECT DISTINCT substr(key, 1, 3) FROM _rejects WHERE object = ?1 AND key IS NOT NULL",
        )
        .map_err(read)?;
    for object in objects {
        let rows = stmt.query_map([object], |r| r.get::<_, String>(0)).map_err(read)?;
        for prefix in rows {
            prefixes.push(prefix.map_err(read)?);
        }
    }
    prefixes.sort();
    prefixes.dedup();
    Ok(prefixes)
}

/// The distinct 3-character key prefixes of the targets' loaded rows.
/// Keys are indexed, so each prefix is one seek past the previous one
/// rather than a pass over every key: an object has a handful of prefixes
/// and may have millions of rows.
fn target_prefixes(conn: &Connection, targets: &[&str]) -> Result<Vec<String>> {
    let mut prefixes = Vec::new();
    for target in targets {
        let table = ident(target);
        let prepare = |op: &str| {
            conn.prepare(&format!("SELECT min(_key) FROM {table} WHERE _key {op} ?1"))
                .map_err(Error::shadow("read key prefixes"))
        };
        let (mut from, mut after) = (prepare(">=")?, prepare(">")?);
        // (bound, whether a key equal to it counts); the empty text sorts
        // before every key.
        let mut bound = Some((String::new(), true));
        while let Some((text, inclusive)) = bound {
            let next = if inclusive { &mut from } else { &mut after };
            let Some(key) = next
                .query_row([&text], |r| r.get::<_, Option<String>>(0))
                .map_err(Error::shadow("read key prefixes"))?
            else {
                break;
            };
            let prefix: String = key.chars().take(3).collect();
            bound = if prefix.chars().count() < 3 {
                // A key shorter than a prefix: longer keys may start with it.
                Some((key, false))
            } else {
                past_prefix(&prefix).map(|past| (past, true))
            };
            prefixes.push(prefix);
        }
    }
    Ok(prefixes)
}

/// The first text after every text that starts with `prefix` (keys compare
/// as UTF-8 bytes, which is code point order): its last character moved on
/// by one, or, if that is the last code point, the same for what is before
/// it. `None` when nothing comes after.
fn past_prefix(prefix: &str) -> Option<String> {
    let mut chars: Vec<char> = prefix.chars().collect();
    while let Some(last) = chars.pop() {
        let next = (u32::from(last) + 1..=u32::from(char::MAX)).find_map(char::from_u32);
        if let Some(next) = next {
            chars.push(next);
            return Some(chars.into_iter().collect());
        }
    }
    None
}

/// Unresolved ids per key prefix, for the prefixes of objects this
/// migration does not map (`foreign`).
fn unmapped_objects(
    ctx: &Context<'_>,
    unresolved: &str,
    column: &str,
    foreign: &dyn Fn(&str) -> bool,
) -> Result<Vec<ForeignIds>> {
    let sql = format!(
        "SELECT substr(c.{column}, 1, 3), count(*) {unresolved} GROUP BY 1 ORDER BY count(*) DESC, 1"
    );
    let mut stmt = ctx.conn.prepare(&sql).map_err(Error::shadow("group unresolved ids"))?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, whole(r, 1)?.unwrap_or(0))))
        .map_err(Error::shadow("group unresolved ids"))?;
    let mut found = Vec::new();
    for row in rows {
        let (prefix, count) = row.map_err(Error::shadow("group unresolved ids"))?;
        if foreign(&prefix) {
            found.push(ForeignIds { object: salesforce_object(&prefix), prefix, count });
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::orphans::find_orphans;
    use crate::facts::Example;

    /// The orphan notes of `contacts.company → companies` when every
    /// company was rejected, deals are mapped from `Opportunity.csv` with
    /// no rows, and contacts are loaded.
    fn hints() -> (Vec<ForeignIds>, Vec<(String, Note)>) {
        let dir = tempfile::tempdir().unwrap();
        let text = "[scenario]\nname = \"t\"\n\
             [[object]]\nname = \"companies\"\nfile = \"data/firms.csv\"\nkey = \"Id\"\nids = \"salesforce\"\n\
             [[object]]\nname = \"deals\"\nfile = \"data/Opportunity.csv\"\nkey = \"Id\"\nids = \"salesforce\"\n\
             [[object]]\nname = \"contacts\"\nfile = \"data/Contact.csv\"\nkey = \"Id\"\nids = \"salesforce\"\n\
             fields.company = { from = \"AccountId\", type = \"id\", ref = \"companies\" }\n";
        let scenario =
            Scenario::parse(text, &dir.path().join("scenario.toml"), dir.path()).unwrap();
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "ATTACH DATABASE ':memory:' AS scratch;
             CREATE TABLE _rejects (object TEXT, line INTEGER, key TEXT, kind TEXT, detail TEXT);
             CREATE TABLE companies (_line INTEGER, _key TEXT);
             CREATE TABLE deals (_line INTEGER, _key TEXT);
             CREATE TABLE contacts (_line INTEGER, _key TEXT, company TEXT);
             INSERT INTO _rejects VALUES ('companies', 2, '001000000000001AAA', 'x', '');
             INSERT INTO contacts VALUES
                 (2, '003000000000001AAA', '001000000000001AAA'),
                 (3, '003000000000002AAA', '001000000000099AAA'),
                 (4, '003000000000003AAA', '006000000000001AAA'),
                 (5, '003000000000004AAA', '003000000000077AAA'),
                 (6, '003000000000005AAA', '00Q000000000001AAA');",
        )
        .unwrap();
        find_orphans(&conn, 0, &ref_columns(&scenario)[0]).unwrap();
        let ctx =
            Context { scenario: &scenario, conn: &conn, files: &[], cutover: None, flagged: None };
        let results = evaluate(&ctx, TRIGGER.defaults, None).unwrap();
        let Counted::UnresolvedReferences { elsewhere, .. } = results[0].counted.clone() else {
            panic!("{:?}", results[0].counted)
        };
        let notes = results[0]
            .examples
            .iter()
            .map(|e: &Example| (e.value.clone().unwrap(), e.note.clone().unwrap()))
            .collect();
        (elsewhere, notes)
    }

    #[test]
    fn a_mapped_object_is_never_called_one_this_migration_does_not_map() {
        let (elsewhere, notes) = hints();
        let missing = || Note::NoSuchKey { targets: vec!["companies".into()] };
        // The rejected company is not an orphan; a company missing from the
        // export (only rejected companies tell the 001 prefix), a deal (mapped
        // by its file's name, no rows) and a contact are missing rows; only
        // the lead points at an object this migration does not map.
        assert_eq!(
            notes,
            [
                ("001000000000099AAA".to_string(), missing()),
                ("006000000000001AAA".to_string(), missing()),
                ("003000000000077AAA".to_string(), missing()),
                (
                    "00Q000000000001AAA".to_string(),
                    Note::ForeignId { prefix: "00Q".into(), object: Some("Lead") }
                ),
            ]
        );
        assert_eq!(
            elsewhere,
            [ForeignIds { prefix: "00Q".into(), object: Some("Lead"), count: 1 }]
        );
    }

    #[test]
    fn past_a_prefix_comes_its_last_character_moved_on() {
        assert_eq!(past_prefix("001").as_deref(), Some("002"));
        assert_eq!(past_prefix("00z").as_deref(), Some("00{"));
        assert_eq!(past_prefix("a\u{D7FF}").as_deref(), Some("a\u{E000}"));
        assert_eq!(past_prefix("a\u{10FFFF}").as_deref(), Some("b"));
        assert_eq!(past_prefix("\u{10FFFF}\u{10FFFF}"), None);
    }

    #[test]
    fn key_prefixes_by_seeks_equal_a_scan_even_with_short_and_odd_keys() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE t (_key TEXT NOT NULL); CREATE INDEX k ON t (_key);
             INSERT INTO t VALUES ('00'), ('0'), ('001A'), ('001B'), ('003x'), ('003\u{10FFFF}y'),
                 ('006\u{10FFFF}'), ('a\u{10FFFF}\u{10FFFF}z'), ('b'), ('\u{10FFFF}\u{10FFFF}\u{10FFFF}q');",
        )
        .unwrap();
        let scan: Vec<String> = conn
            .prepare("SELECT DISTINCT substr(_key, 1, 3) FROM t ORDER BY 1")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(scan.len(), 8);
        assert_eq!(target_prefixes(&conn, &["t"]).unwrap(), scan);
    }
}
