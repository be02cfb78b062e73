//! SQL helpers every stage that reads or writes the shadow uses: quoted
//! identifiers, counts, attached database files.

use std::path::Path;

use rusqlite::{Connection, params};

use crate::error::{Error, Result};

/// Quotes a name from a scenario as an SQLite identifier.
pub fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Runs a `SELECT count(*) …` query.
pub fn count(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<u64> {
    conn.query_row(sql, params, |r| r.get::<_, i64>(0))
        .map(|n| u64::try_from(n).unwrap_or(0))
        .map_err(Error::shadow("count"))
}

/// Attaches the database file at `path` to `conn` as `name`.
pub fn attach(conn: &Connection, path: &Path, name: &str) -> Result<()> {
    conn.execute("ATTACH DATABASE ?1 AS ?2", params![path.to_string_lossy(), name])
        .map(drop)
        .map_err(Error::shadow("attach a database file"))
}
