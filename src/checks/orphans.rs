//! References resolved once for every trigger: the rows whose lookup or
//! junction end matches nothing are written to small orphans tables, which
//! the triggers probe instead of searching the large key indexes.

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
         INSERT INTO scratch.{orphans} SELECT c._rowid_ FROM {} c WHERE c.{column} IS NOT NULL AND NOT {};",
        ident(r.table),
        resolves(&format!("c.{column}"), &r.targets, r.by),
        orphans = orphans_table(n),
    ))
    .map_err(Error::shadow("find orphans"))
}

/// The table of the rows whose reference `n` of [`ref_columns`] resolves
/// to nothing.
pub fn orphans_table(n: usize) -> String {
    format!("_orphans_{n}")
}

/// SQL condition: the reference `column` of `table` in the row `rowid_sql`
/// resolves (it is not in its orphans table). Only for references [`ref_columns`]
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
