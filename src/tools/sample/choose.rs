//! Choosing a sample in a loaded shadow. Every row of the export counts,
//! loaded or not: the rows of each object (its table, the rows a join
//! export repeats, the rows the load rejected) are listed with their key
//! in `_sample_rows`, and the lookups and link ends of rejected rows,
//! mapped as the load maps them, in `_sample_refs`. The choice is then
//! made in three steps, each kept in `_picked (object, line, down)`:
//!
//! 1. `size` keys of the root by a seeded rank, with every row holding them.
//! 2. Down: the rows of other objects whose lookup points at a chosen row
//!    (line items, activities), and theirs, and the junction rows that
//!    touch any of them (contact roles).
//! 3. Up: every row a picked row points at by lookup or link end, by key,
//!    so a parent the full rehearsal rejects is in the sample too (and
//!    rejected there again) instead of turning into an orphan.

use csv::StringRecord;
use rusqlite::Connection;
use rusqlite::functions::FunctionFlags;

use crate::error::{Error, Result};
use crate::load::ident;
use crate::load::sql::count;
use crate::map::{JunctionPlan, ObjectPlan, Value};
use crate::parse::CsvFile;
use crate::scenario::Scenario;

/// Which rows of the root a sample may choose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Candidates {
    /// Every row with a key, loaded or rejected: the sample shows the
    /// rejects the full export has.
    Every,
    /// Loaded rows only (the baseline compares records that arrive).
    Loaded,
}

/// How the root's rows stood for the choice; `rows = keyless + sharing + keys`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RootRows {
    /// Rows of the root in its export file.
    pub rows: u64,
    /// Distinct keys among them: what a sample chooses from.
    pub keys: u64,
    /// Rows without a key (the load rejects them): no sample can choose them.
    pub keyless: u64,
    /// Rows whose key an earlier row has (a join export's repeats,
    /// duplicates): chosen with that key, not on their own.
    pub sharing: u64,
}

/// Chooses the sample in a loaded shadow: `size` keys of `root` by the
/// seeded rank, with every row that hangs off them and every row they
/// link to. Leaves the lines per file in `_pick_lines (file, line,
/// rejected)` and the keys per object in [`picked_keys`]' tables; returns
/// how many keys of `root` were chosen.
pub(crate) fn choose(
    conn: &Connection,
    scenario: &Scenario,
    root: &str,
    (size, seed): (usize, u64),
    candidates: Candidates,
) -> Result<u64> {
    index_rows(conn, scenario)?;
    let chosen = seed_root(conn, root, size, seed, candidates)?;
    take_children(conn, scenario, root)?;
    share_keys(conn, 1)?;
    take_links(conn, scenario)?;
    take_parents(conn, scenario)?;
    share_keys(conn, 0)?;
    finish(conn, scenario)?;
    Ok(chosen)
}

/// The temporary table (one column, `key`) of the keys of `object` that
/// [`choose`] picked.
pub(crate) fn picked_keys(object: &str) -> String {
    ident(&format!("_pick_{object}"))
}

/// How the rows of `root` stood for the choice (after [`choose`]).
pub(crate) fn root_rows(conn: &Connection, root: &str) -> Result<RootRows> {
    let (rows, with_key, keys) = conn
        .query_row(
            "SELECT count(*), count(key), count(DISTINCT key) FROM _sample_rows WHERE object = ?1",
            [root],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?)),
        )
        .map_err(sql)?;
    let whole = |n: i64| u64::try_from(n).unwrap_or(0);
    Ok(RootRows {
        rows: whole(rows),
        keys: whole(keys),
        keyless: whole(rows - with_key),
        sharing: whole(with_key - keys),
    })
}

/// Rows of `file` in the sample that the full rehearsal rejects.
pub(crate) fn rejected_lines(conn: &Connection, file: &str) -> Result<u64> {
    count(conn, "SELECT count(*) FROM _pick_lines WHERE file = ?1 AND rejected = 1", [file])
}

fn sql(e: rusqlite::Error) -> Error {
    Error::shadow("sample")(e)
}

/// Runs `statement` with `params`; returns the rows it changed.
fn run(conn: &Connection, statement: &str, params: impl rusqlite::Params) -> Result<usize> {
    conn.execute(statement, params).map_err(sql)
}

/// Lists every row of every object with its key (`_sample_rows`), and the
/// lookups and link ends of the rows the load rejected (`_sample_refs`).
fn index_rows(conn: &Connection, scenario: &Scenario) -> Result<()> {
    conn.execute_batch(
        "CREATE TEMP TABLE _sample_rows (object TEXT NOT NULL, line INTEGER NOT NULL, key TEXT, \
             loaded INTEGER NOT NULL, PRIMARY KEY (object, line));
         CREATE INDEX temp._ix_sample_rows_key ON _sample_rows (object, key);
         CREATE TEMP TABLE _sample_refs (object TEXT NOT NULL, line INTEGER NOT NULL, field TEXT NOT NULL, value);
         CREATE INDEX temp._ix_sample_refs ON _sample_refs (object, field, value);
         CREATE TEMP TABLE _picked (object TEXT NOT NULL, line INTEGER NOT NULL, down INTEGER NOT NULL, \
             PRIMARY KEY (object, line));
         CREATE TEMP TABLE _pick_lines (file TEXT NOT NULL, line INTEGER NOT NULL, rejected INTEGER NOT NULL, \
             PRIMARY KEY (file, line));",
    )
    .map_err(sql)?;
    for object in &scenario.objects {
        let name = &object.name;
        let table = ident(name);
        run(
            conn,
            &format!("INSERT OR IGNORE INTO _sample_rows SELECT ?1, _line, _key, 1 FROM {table}"),
            [name],
        )?;
        run(
            conn,
            "INSERT OR IGNORE INTO _sample_rows SELECT ?1, line, key, 1 FROM _repeats WHERE object = ?1",
            [name],
        )?;
        run(
            conn,
            "INSERT OR IGNORE INTO _sample_rows SELECT ?1, line, nullif(key, ''), 0 FROM _rejects WHERE object = ?1",
            [name],
        )?;
        run(conn, &format!("CREATE TEMP TABLE {} (key TEXT PRIMARY KEY)", picked_keys(name)), [])?;
    }
    index_rejected_refs(conn, scenario)
}

/// The lookups of rejected object rows and the ends of rejected junction
/// rows, mapped from the cells `_rejects` keeps as the load maps them.
fn index_rejected_refs(conn: &Connection, scenario: &Scenario) -> Result<()> {
    let mut insert = conn
        .prepare("INSERT INTO _sample_refs (object, line, field, value) VALUES (?1, ?2, ?3, ?4)")
        .map_err(sql)?;
    for object in &scenario.objects {
        if !object.fields.iter().any(|f| f.reference.is_some()) || !has_rejects(conn, &object.name)?
        {
            continue;
        }
        let csv = CsvFile::open(&object.source)?;
        let plan = ObjectPlan::new(scenario, object, &csv)?;
        each_rejected(conn, &object.name, |line, record| {
            for (position, value) in plan.lookups(record) {
                let field = &object.fields[position].name;
                insert.execute(rusqlite::params![object.name, line, field, value]).map_err(sql)?;
            }
            Ok(())
        })?;
    }
    for junction in &scenario.junctions {
        if !has_rejects(conn, &junction.name)? {
            continue;
        }
        let csv = CsvFile::open(&junction.source)?;
        let plan = JunctionPlan::new(scenario, junction, &csv)?;
        each_rejected(conn, &junction.name, |line, record| {
            for (side, keys) in ["left", "right"].into_iter().zip(plan.end_keys(record)) {
                for key in keys {
                    let value = Value::Text(key);
                    insert
                        .execute(rusqlite::params![junction.name, line, side, value])
                        .map_err(sql)?;
                }
            }
            Ok(())
        })?;
    }
    Ok(())
}

fn has_rejects(conn: &Connection, owner: &str) -> Result<bool> {
    Ok(count(conn, "SELECT EXISTS (SELECT 1 FROM _rejects WHERE object = ?1)", [owner])? > 0)
}

/// Hands every rejected row of `owner` to `each` with its line, its cells
/// read back into a record.
fn each_rejected(
    conn: &Connection,
    owner: &str,
    mut each: impl FnMut(i64, &StringRecord) -> Result<()>,
) -> Result<()> {
    let mut statement = conn
        .prepare("SELECT line, cells FROM _rejects WHERE object = ?1 ORDER BY line")
        .map_err(sql)?;
    let mut rows = statement.query([owner]).map_err(sql)?;
    while let Some(row) = rows.next().map_err(sql)? {
        let (line, cells): (i64, String) = (row.get(0).map_err(sql)?, row.get(1).map_err(sql)?);
        let cells: Vec<String> = serde_json::from_str(&cells).unwrap_or_default();
        each(line, &StringRecord::from(cells))?;
    }
    Ok(())
}

/// Picks `size` keys of `root` by the seeded rank, with every row holding
/// them; returns how many keys.
fn seed_root(
    conn: &Connection,
    root: &str,
    size: usize,
    seed: u64,
    candidates: Candidates,
) -> Result<u64> {
    conn.create_scalar_function(
        "sample_rank",
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let key = ctx.get_raw(0).as_str_or_null().unwrap_or_default().unwrap_or_default();
            let seed: i64 = ctx.get(1)?;
            Ok(rank(key, seed.cast_unsigned()).cast_signed())
        },
    )
    .map_err(sql)?;
    let loaded = if candidates == Candidates::Loaded { " AND loaded = 1" } else { "" };
    run(conn, "CREATE TEMP TABLE _sample_seeds (key TEXT PRIMARY KEY)", [])?;
    let chosen = run(
        conn,
        &format!(
            "INSERT INTO _sample_seeds SELECT key FROM \
             (SELECT DISTINCT key FROM _sample_rows WHERE object = ?1 AND key IS NOT NULL{loaded}) \
             ORDER BY sample_rank(key, ?2), key LIMIT ?3"
        ),
        rusqlite::params![root, seed.cast_signed(), i64::try_from(size).unwrap_or(i64::MAX)],
    )?;
    run(
        conn,
        "INSERT INTO _picked SELECT object, line, 1 FROM _sample_rows \
         WHERE object = ?1 AND key IN (SELECT key FROM _sample_seeds)",
        [root],
    )?;
    Ok(u64::try_from(chosen).unwrap_or(0))
}

/// SQL: the keys of the picked rows of the object `?{param}` (only those
/// picked going down, when `down`).
fn keys_of(param: u8, down: bool) -> String {
    let down = if down { " AND p.down = 1" } else { "" };
    format!(
        "SELECT r.key FROM _picked p JOIN _sample_rows r ON r.object = p.object AND r.line = p.line \
         WHERE p.object = ?{param}{down}"
    )
}

/// SQL: the values a reference to `target` (object `?2`) by `by` holds
/// when it names a row picked going down: keys, or the `by` field.
fn down_values(target: &str, by: Option<&str>) -> String {
    match by {
        None => keys_of(2, true),
        Some(by) => format!(
            "SELECT t.{} FROM {} t WHERE t._key IN ({})",
            ident(by),
            ident(target),
            keys_of(2, true)
        ),
    }
}

/// Step 2: rows of other objects whose lookup points at a row picked going
/// down (the root's rows first). Objects are visited by their distance
/// from the root, and a lookup is followed down only from an object one
/// step further from the root than its target, so two objects that point
/// at each other cannot pull each other in without end. The root's own
/// rows are never added this way: the root keeps the rows its rank chose.
fn take_children(conn: &Connection, scenario: &Scenario, root: &str) -> Result<()> {
    let levels = levels(scenario, root);
    let level = |name: &str| levels.iter().find(|(n, _)| *n == name).map(|(_, l)| *l);
    for (name, at) in levels.iter().skip(1) {
        let Some(object) = scenario.object(name) else { continue };
        for field in &object.fields {
            let Some(reference) = &field.reference else { continue };
            let closer = reference.targets.iter().filter(|t| level(t).is_some_and(|l| l < *at));
            for target in closer {
                let values = down_values(target, reference.by.as_deref());
                let (owner, column) = (ident(&object.name), ident(&field.name));
                run(
                    conn,
                    &format!(
                        "INSERT OR IGNORE INTO _picked SELECT ?1, o._line, 1 FROM {owner} o \
                         WHERE o.{column} IN ({values})"
                    ),
                    [&object.name, target],
                )?;
                rejected_children(conn, (&object.name, &field.name), target, &values, 1)?;
            }
        }
    }
    Ok(())
}

/// Every object a lookup chain leads down to from `root`, with its
/// distance (the root first, at 0), nearest first, in scenario order.
fn levels<'s>(scenario: &'s Scenario, root: &'s str) -> Vec<(&'s str, usize)> {
    let mut levels = vec![(root, 0)];
    let mut frontier = 0;
    while frontier < levels.len() {
        let (start, at) = (frontier, levels[frontier].1);
        frontier = levels.len();
        let known: Vec<&str> = levels.iter().map(|(n, _)| *n).collect();
        let reached: Vec<&str> = levels[start..].iter().map(|(n, _)| *n).collect();
        for object in scenario.objects.iter().filter(|o| !known.contains(&o.name.as_str())) {
            let points_at_reached = object.fields.iter().any(|f| {
                f.reference
                    .as_ref()
                    .is_some_and(|r| r.targets.iter().any(|t| reached.contains(&t.as_str())))
            });
            if points_at_reached {
                levels.push((object.name.as_str(), at + 1));
            }
        }
    }
    levels
}

/// Picks the rejected rows of `owner` whose reference `field` (as
/// `_sample_refs` holds it) is one of `values` (object `?2` is `target`).
fn rejected_children(
    conn: &Connection,
    (owner, field): (&str, &str),
    target: &str,
    values: &str,
    down: i64,
) -> Result<usize> {
    run(
        conn,
        &format!(
            "INSERT OR IGNORE INTO _picked SELECT ?1, s.line, ?4 FROM _sample_refs s \
             WHERE s.object = ?1 AND s.field = ?3 AND s.value IN ({values})"
        ),
        rusqlite::params![owner, target, field, down],
    )
}

/// Step 2, junctions: the junction rows that touch a row picked going down,
/// then both ends of every picked link, rejected links too (by key,
/// rejected rows included).
fn take_links(conn: &Connection, scenario: &Scenario) -> Result<()> {
    for junction in &scenario.junctions {
        let ends = [("left", &junction.left), ("right", &junction.right)];
        for (side, end) in ends {
            let values = down_values(&end.target, end.by.as_deref());
            run(
                conn,
                &format!(
                    "INSERT OR IGNORE INTO _picked SELECT ?1, j._line, 0 FROM {} j \
                     WHERE j.\"{side}\" IN ({values})",
                    ident(&junction.name)
                ),
                [&junction.name, &end.target],
            )?;
            rejected_children(conn, (&junction.name, side), &end.target, &values, 0)?;
        }
        for (side, end) in ends {
            let held = format!(
                "SELECT j.\"{side}\" FROM {} j JOIN _picked p ON p.object = ?1 AND p.line = j._line \
                 UNION ALL {REJECTED_HELD}",
                ident(&junction.name)
            );
            let of = [junction.name.as_str(), end.target.as_str(), side];
            take_parent(conn, of, end.by.as_deref(), &held)?;
        }
    }
    Ok(())
}

/// Step 3: every row a picked row's lookup points at, until none is added.
/// A rejected row's lookups are followed too: the sample of a deal the
/// load rejects still holds its account, as the full export does.
fn take_parents(conn: &Connection, scenario: &Scenario) -> Result<()> {
    loop {
        let mut added = 0;
        for object in &scenario.objects {
            for field in &object.fields {
                let Some(reference) = &field.reference else { continue };
                let held = format!(
                    "SELECT o.{} FROM {} o WHERE o._key IN ({}) UNION ALL {REJECTED_HELD}",
                    ident(&field.name),
                    ident(&object.name),
                    keys_of(1, false)
                );
                for target in &reference.targets {
                    let of = [object.name.as_str(), target, field.name.as_str()];
                    added += take_parent(conn, of, reference.by.as_deref(), &held)?;
                }
            }
        }
        if added == 0 {
            return Ok(());
        }
    }
}

/// SQL: the values the reference `?3` of the picked rejected rows of `?1`
/// holds, as `_sample_refs` keeps them.
const REJECTED_HELD: &str = "SELECT s.value FROM _sample_refs s \
     JOIN _picked p ON p.object = s.object AND p.line = s.line WHERE s.object = ?1 AND s.field = ?3";

/// Picks the rows of the target `?2` that the values `held` (SQL over the
/// owner `?1` and its reference `?3`) name: every row with the key, loaded
/// or rejected, or the loaded rows whose `by` field matches (a rejected
/// row's fields are not stored, so the full rehearsal cannot match one
/// either).
fn take_parent(
    conn: &Connection,
    [owner, target, reference]: [&str; 3],
    by: Option<&str>,
    held: &str,
) -> Result<usize> {
    let statement = match by {
        None => format!(
            "INSERT OR IGNORE INTO _picked SELECT ?2, r.line, 0 FROM _sample_rows r \
             WHERE r.object = ?2 AND r.key IN ({held})"
        ),
        Some(by) => format!(
            "INSERT OR IGNORE INTO _picked SELECT ?2, t._line, 0 FROM {} t WHERE t.{} IN ({held})",
            ident(target),
            ident(by)
        ),
    };
    run(conn, &statement, [owner, target, reference])
}

/// Picks every row that holds the key of a picked row (a join export's
/// repeats, duplicate keys): a record comes whole.
fn share_keys(conn: &Connection, down: i64) -> Result<()> {
    run(
        conn,
        "INSERT OR IGNORE INTO _picked SELECT r.object, r.line, ?1 FROM \
         (SELECT DISTINCT q.object, q.key FROM _picked p \
          JOIN _sample_rows q ON q.object = p.object AND q.line = p.line WHERE q.key IS NOT NULL) k \
         JOIN _sample_rows r ON r.object = k.object AND r.key = k.key",
        [down],
    )
    .map(drop)
}

/// Writes the picked lines per file (marking those the full rehearsal
/// rejects) and the picked keys per object.
fn finish(conn: &Connection, scenario: &Scenario) -> Result<()> {
    let owners = scenario
        .objects
        .iter()
        .map(|o| (&o.name, &o.source.file))
        .chain(scenario.junctions.iter().map(|j| (&j.name, &j.source.file)));
    for (owner, file) in owners {
        run(
            conn,
            "INSERT INTO _pick_lines (file, line, rejected) \
             SELECT ?2, p.line, EXISTS (SELECT 1 FROM _rejects x WHERE x.object = ?1 AND x.line = p.line) \
             FROM _picked p WHERE p.object = ?1 \
             ON CONFLICT (file, line) DO UPDATE SET rejected = max(rejected, excluded.rejected)",
            [owner, file],
        )?;
    }
    for object in &scenario.objects {
        run(
            conn,
            &format!(
                "INSERT OR IGNORE INTO {} SELECT key FROM ({}) WHERE key IS NOT NULL",
                picked_keys(&object.name),
                keys_of(1, false)
            ),
            [&object.name],
        )?;
    }
    Ok(())
}

/// FNV-1a over the key, mixed with the seed: a stable pseudo-random order.
fn rank(key: &str, seed: u64) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64 ^ seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    for byte in key.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Down goes from the root to the objects pointing at it, then to those
    /// pointing at them; never back up a lookup between two objects that
    /// point at each other.
    #[test]
    fn children_are_followed_away_from_the_root_only() {
        let dir = tempfile::tempdir().unwrap();
        let object = |name: &str, refs: &[(&str, &str)]| {
            let mut text =
                format!("[[object]]\nname = \"{name}\"\nfile = \"{name}.csv\"\nkey = \"Id\"\n");
            for (field, target) in refs {
                text.push_str(&format!(
                    "fields.{field} = {{ from = \"{field}\", ref = \"{target}\" }}\n"
                ));
            }
            text
        };
        let text = [
            "[scenario]\nname = \"t\"\n".to_string(),
            object("companies", &[("owner", "users"), ("primary", "deals")]),
            object("deals", &[("company", "companies")]),
            object("items", &[("deal", "deals")]),
            object("users", &[]),
            object("notes", &[("item", "items"), ("company", "companies")]),
        ]
        .concat();
        let scenario =
            Scenario::parse(&text, &dir.path().join("scenario.toml"), dir.path()).unwrap();
        let levels = levels(&scenario, "companies");
        assert_eq!(levels, [("companies", 0), ("deals", 1), ("notes", 1), ("items", 2)]);
    }

    #[test]
    fn rank_is_stable_and_depends_on_the_seed() {
        assert_eq!(rank("0065g00000BPcRLAA1", 1), rank("0065g00000BPcRLAA1", 1));
        assert_ne!(rank("0065g00000BPcRLAA1", 1), rank("0065g00000BPcRLAA1", 2));
        assert_ne!(rank("a", 1), rank("b", 1));
    }
}
