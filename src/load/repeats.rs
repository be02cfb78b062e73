//! Join exports: an export of one object with its associations
//! (HubSpot's contacts with their associated companies) writes a record
//! once per associated row, every object column the same and only the
//! associated columns different. Such a row is one record with several
//! links, not a duplicate key: it is moved out of the object's table to
//! `_repeats` with the line of the record it repeats, and counted as
//! repeated (`source rows = loaded + repeated + rejected`). A row with the
//! same key and any mapped value different is still a duplicate key.

use rusqlite::{Transaction, params};

use super::sql::{self, ident};
use crate::error::{Error, Result};
use crate::facts::FileRows;

/// The bookkeeping table of repeated rows (see the module doc).
pub(super) const TABLE: (&str, &str) = (
    "_repeats",
    "object TEXT NOT NULL, file TEXT NOT NULL, line INTEGER NOT NULL, first_line INTEGER NOT NULL, \
     key TEXT NOT NULL",
);

/// What folding repeated rows moved out of the table (their count is read
/// back from `_repeats` with the file's other counts).
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Folded {
    /// Rows that repeat an earlier row's record.
    pub(super) rows: u64,
    /// Non-ASCII characters of their stored-as-read columns, which the
    /// round-trip count must no longer expect.
    pub(super) non_ascii: u64,
    /// Characters stored damaged among them, which it must no longer count.
    pub(super) lost: u64,
}

/// Moves every row that repeats the first row with its key in all of
/// `fields` (the object's field columns) to `_repeats`. Indexes the key
/// column as `_ix_key_{object}`, which the duplicate-key check reuses.
/// `passthrough` are the stored-as-read columns of the round-trip count.
pub(super) fn fold(
    tx: &Transaction<'_>,
    rows: &FileRows,
    fields: &[String],
    passthrough: &[&str],
) -> Result<Folded> {
    let table = ident(&rows.object);
    let index = ident(&format!("_ix_key_{}", rows.object));
    let sql_error = |e| Error::shadow("fold repeated rows")(e);
    tx.execute_batch(&format!("CREATE INDEX IF NOT EXISTS {index} ON {table} (_key)"))
        .map_err(sql_error)?;
    let same: String = fields.iter().map(|c| format!(" AND t.{c} IS f.{c}")).collect();
    let moved = tx
        .execute(
            &format!(
                "INSERT INTO _repeats (object, file, line, first_line, key) \
                 SELECT ?1, ?2, t._line, d.first, t._key FROM {table} t JOIN \
                 (SELECT _key, min(_line) AS first FROM {table} GROUP BY _key HAVING count(*) > 1) d \
                 ON d._key = t._key JOIN {table} f ON f._key = d._key AND f._line = d.first \
                 WHERE t._line > d.first{same} ORDER BY t._line"
            ),
            params![rows.object, rows.file],
        )
        .map_err(sql_error)?;
    if moved == 0 {
        return Ok(Folded::default());
    }
    let lines = "SELECT line FROM _repeats WHERE object = ?1";
    let moved_total = |function: &str| {
        if passthrough.is_empty() {
            return Ok(0);
        }
        let columns: Vec<String> = passthrough.iter().map(|c| ident(c)).collect();
        sql::count(
            tx,
            &format!(
                "SELECT CAST(total({function}({})) AS INTEGER) FROM {table} WHERE _line IN ({lines})",
                columns.join(", ")
            ),
            [&rows.object],
        )
    };
    let (non_ascii, lost) = (moved_total("non_ascii")?, moved_total("lost_characters")?);
    for bookkeeping in ["_unmapped", "_blanked"] {
        tx.execute(
            &format!("DELETE FROM {bookkeeping} WHERE object = ?1 AND line IN ({lines})"),
            [&rows.object],
        )
        .map_err(sql_error)?;
    }
    tx.execute(&format!("DELETE FROM {table} WHERE _line IN ({lines})"), [&rows.object])
        .map_err(sql_error)?;
    Ok(Folded { rows: moved as u64, non_ascii, lost })
}

/// Rows of `object` recorded as repeats, for a count that must add up.
pub(super) fn count(tx: &Transaction<'_>, object: &str) -> Result<u64> {
    sql::count(tx, "SELECT count(*) FROM _repeats WHERE object = ?1", [object])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::{Charset, EncodingChoice, EncodingOrigin};

    fn rows() -> FileRows {
        FileRows {
            object: "contacts".into(),
            file: "data/contacts.csv".into(),
            encoding: EncodingChoice {
                encoding: Charset::Whatwg(encoding_rs::UTF_8),
                origin: EncodingOrigin::ValidUtf8,
            },
            source_rows: 6,
            loaded: 6,
            rejected: 0,
            delimiter: b',',
            delimiter_sniffed: false,
            footer_lines: 0,
            undecodable_bytes: 0,
            damaged_rows: 0,
            non_ascii_in: 0,
            non_ascii_out: 0,
            non_ascii_damaged: 0,
            links: 0,
            loaded_without_links: 0,
            null_tokens: Vec::new(),
            repeated: 0,
            trimmed_ids: Vec::new(),
            bytes: 0,
        }
    }

    #[test]
    fn rows_repeating_a_record_fold_into_it_and_different_ones_stay() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = super::super::open_database(&dir.path().join("shadow.db")).unwrap();
        conn.execute_batch(
            "CREATE TABLE contacts (_line INTEGER NOT NULL, _key TEXT NOT NULL, name TEXT, phone TEXT);
             INSERT INTO contacts VALUES (2, 'a', 'Zoë', NULL), (3, 'a', 'Zoë', NULL), (4, 'b', 'Bo', '+1'),
                 (5, 'a', 'Zoë', NULL), (6, 'b', 'Bo', '+2'), (7, 'a', 'Zoé', NULL);
             INSERT INTO _unmapped VALUES ('contacts', 'name', 'x', 3, 'a'), ('contacts', 'name', 'y', 6, 'b');",
        )
        .unwrap();
        let tx = conn.transaction().unwrap();
        let fields = ["\"name\"".to_string(), "\"phone\"".to_string()];
        let folded = fold(&tx, &rows(), &fields, &["name"]).unwrap();
        assert_eq!(folded, Folded { rows: 2, non_ascii: 2, lost: 0 });
        assert_eq!(count(&tx, "contacts").unwrap(), 2);
        let repeats: Vec<(i64, i64)> = tx
            .prepare("SELECT line, first_line FROM _repeats ORDER BY line")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(repeats, [(3, 2), (5, 2)]);
        // Line 6 (another phone) and line 7 (another accent) stay for the duplicate-key check.
        let left = sql::count(&tx, "SELECT count(*) FROM contacts", []).unwrap();
        assert_eq!(left, 4);
        assert_eq!(sql::count(&tx, "SELECT count(*) FROM _unmapped", []).unwrap(), 1);
    }
}
