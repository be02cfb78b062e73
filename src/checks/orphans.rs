//! References resolved once for every trigger: the rows whose lookup or
//! junction end matches nothing are written to small orphans tables, which
//! the triggers probe instead of searching the large key indexes.
//!
//! No cascades: a reference to a row that is in the export but was
//! rejected is not an orphan (the reject is counted once, where it
//! happened). Such references go to their own small table with the
//! rejected row's line, for `rejected_reference`; the orphans tables hold
//! only keys absent from the export, so every trigger that asks whether a
//! link resolves (`missing_relationship`, `primary_link` …) counts a link
//! to a rejected row as there.

use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::load::sql::ident;
use crate::scenario::{RefColumn, Scenario, ref_columns};

/// Resolves reference `n` of [`ref_columns`] once, for every trigger: the
/// rows whose reference matches nothing go to the table `_orphans_{n}`
/// (their rowids) in the connection's `scratch` database. Orphans are few,
/// so "this link resolves" becomes a cheap lookup in a small table instead
/// of a search in a large key index, however many triggers ask.
pub(super) fn find_orphans(conn: &Connection, n: usize, r: &RefColumn<'_>) -> Result<()> {
    let column = ident(&r.column);
    conn.execute_batch(&format!(
        "CREATE TABLE scratch.{orphans} (row INTEGER PRIMARY KEY);
         CREATE TABLE scratch.{rejected} (row INTEGER PRIMARY KEY, object TEXT NOT NULL, line INTEGER NOT NULL);
         INSERT INTO scratch.{orphans} SELECT c._rowid_ FROM {} c WHERE c.{column} IS NOT NULL AND NOT {};",
        ident(r.table),
        resolves(&format!("c.{column}"), &r.targets, r.by),
        orphans = orphans_table(n),
        rejected = rejected_table(n),
    ))
    .map_err(Error::shadow("find orphans"))?;
    if r.by.is_none() {
        set_aside_rejected(conn, n, r)?;
    }
    Ok(())
}

/// Moves the orphans of reference `n` whose key is a rejected row's of one
/// of its targets to `_rejected_refs_{n}`, with the first such row (SQLite
/// takes a bare column from the row `min()` picks). Only
/// for references by source key: a rejected row's fields are not stored.
fn set_aside_rejected(conn: &Connection, n: usize, r: &RefColumn<'_>) -> Result<()> {
    let targets: Vec<String> = (1..=r.targets.len()).map(|i| format!("?{i}")).collect();
    conn.execute(
        &format!(
            "INSERT INTO scratch.{rejected} \
             SELECT o.row, x.object, min(x.line) FROM scratch.{orphans} o \
             JOIN {table} c ON c._rowid_ = o.row \
             JOIN _rejects x ON x.object IN ({targets}) AND x.key = c.{column} GROUP BY o.row",
            rejected = rejected_table(n),
            orphans = orphans_table(n),
            table = ident(r.table),
            column = ident(&r.column),
            targets = targets.join(", "),
        ),
        rusqlite::params_from_iter(r.targets.iter()),
    )
    .map_err(Error::shadow("find references to rejected rows"))?;
    conn.execute_batch(&format!(
        "DELETE FROM scratch.{orphans} WHERE row IN (SELECT row FROM scratch.{rejected});",
        orphans = orphans_table(n),
        rejected = rejected_table(n),
    ))
    .map_err(Error::shadow("find references to rejected rows"))
}

/// The table of the rows whose reference `n` of [`ref_columns`] points at
/// a row of the export that was rejected: the row, and the rejected row's
/// object and line.
pub fn rejected_table(n: usize) -> String {
    format!("_rejected_refs_{n}")
}

/// The table of the rows whose reference `n` of [`ref_columns`] resolves
/// to nothing.
pub fn orphans_table(n: usize) -> String {
    format!("_orphans_{n}")
}

/// SQL condition: the reference `column` of `table` in the row `rowid_sql`
/// resolves (it is not in its orphans table: its row was loaded, or is in
/// the export and was rejected). Only for references [`ref_columns`]
/// lists; a blank value counts as resolving (check `IS NOT NULL` where
/// blank matters).
pub fn not_orphan(scenario: &Scenario, table: &str, column: &str, rowid_sql: &str) -> String {
    let n = ref_columns(scenario).iter().position(|r| r.table == table && r.column == column);
    match n {
        Some(n) => {
            // `x NOT IN table` probes the table's rowid directly: cheaper
            // than a correlated subquery, on every link of a junction.
            format!("{rowid_sql} NOT IN {}", orphans_table(n))
        }
        None => "1".to_string(),
    }
}

/// SQL condition: the value `value_sql` matches a row of one of `targets`:
/// by source key, or by the field `by`, which must then match exactly one
/// row (a value two rows share cannot be resolved by the destination either).
pub fn resolves(value_sql: &str, targets: &[&str], by: Option<&str>) -> String {
    let each: Vec<String> = targets
        .iter()
        .map(|t| match by {
            None => format!("EXISTS (SELECT 1 FROM {} WHERE _key = {value_sql})", ident(t)),
            Some(by) => {
                format!("(SELECT count(*) FROM {} WHERE {} = {value_sql}) = 1", ident(t), ident(by))
            }
        })
        .collect();
    format!("({})", each.join(" OR "))
}

/// Salesforce key prefixes of the standard objects a CRM migration meets,
/// to name what an unresolved id points at.
const SALESFORCE_PREFIXES: [(&str, &str); 16] = [
    ("001", "Account"),
    ("003", "Contact"),
    ("005", "User"),
    ("006", "Opportunity"),
    ("00Q", "Lead"),
    ("00T", "Task"),
    ("00U", "Event"),
    ("00K", "OpportunityContactRole"),
    ("00k", "OpportunityLineItem"),
    ("00v", "CampaignMember"),
    ("01t", "Product2"),
    ("02Z", "AccountContactRole"),
    ("07k", "AccountContactRelation"),
    ("500", "Case"),
    ("701", "Campaign"),
    ("800", "Contract"),
];

/// The Salesforce object a key prefix belongs to, if it is a standard one.
pub fn salesforce_object(prefix: &str) -> Option<&'static str> {
    SALESFORCE_PREFIXES.iter().find(|(p, _)| *p == prefix).map(|(_, name)| *name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(conn: &Connection, sql: &str) -> Vec<(i64, String, i64)> {
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    #[test]
    fn a_reference_to_a_rejected_row_is_set_aside_and_only_absent_keys_are_orphans() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "ATTACH DATABASE ':memory:' AS scratch;
             CREATE TABLE _rejects (object TEXT, line INTEGER, key TEXT);
             CREATE TABLE companies (_line INTEGER, _key TEXT);
             CREATE TABLE contacts (_line INTEGER, _key TEXT, company TEXT);
             INSERT INTO companies VALUES (2, 'A');
             INSERT INTO _rejects VALUES ('companies', 415, 'B'), ('companies', 9, 'B'), ('contacts', 3, 'C');
             INSERT INTO contacts VALUES (2, 'c1', 'A'), (3, 'c2', 'B'), (4, 'c3', 'C'), (5, 'c4', NULL), (6, 'c5', 'B');",
        )
        .unwrap();
        let reference = RefColumn {
            label: "contacts.company → companies".into(),
            table: "contacts",
            column: "company".into(),
            source_column: "AccountId",
            file: "data/contacts.csv",
            targets: vec!["companies"],
            by: None,
        };
        find_orphans(&conn, 0, &reference).unwrap();
        // `C` is a rejected contact's key, not a company's: an orphan.
        let orphans: Vec<i64> = conn
            .prepare("SELECT row FROM scratch._orphans_0")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(orphans, [3]);
        // Both references to `B` point at its first rejected line.
        assert_eq!(
            rows(&conn, "SELECT row, object, line FROM scratch._rejected_refs_0 ORDER BY row"),
            [(2, "companies".to_string(), 9), (5, "companies".to_string(), 9)]
        );
        // By another field, a rejected row cannot be matched: every miss is an orphan.
        let by = RefColumn { by: Some("name"), ..reference };
        conn.execute_batch(
            "ALTER TABLE companies ADD COLUMN name TEXT; UPDATE companies SET name = 'A';",
        )
        .unwrap();
        find_orphans(&conn, 1, &by).unwrap();
        assert_eq!(
            rows(&conn, "SELECT count(*), '', 0 FROM scratch._orphans_1"),
            [(3, String::new(), 0)]
        );
    }
}
