//! The fix list's rows on their way to their file (`run --flagged`): a
//! scratch database beside the shadow that the checks' threads insert
//! into as they find rows, read back once, sorted by file and line, so the
//! list never has to fit in memory.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use rusqlite::Connection;

use super::Shadow;
use crate::error::{Error, Result};
use crate::facts::FlaggedRow;
use crate::output::Partial;

/// Flagged rows, kept until they are written in order.
pub struct FlagTable {
    conn: Mutex<Connection>,
    /// Arrival order within a trigger (each trigger runs on one thread).
    seq: AtomicU64,
    _file: Partial,
}

fn sql(e: rusqlite::Error) -> Error {
    Error::shadow("keep a flagged row")(e)
}

impl Shadow {
    /// An empty table of flagged rows in a scratch file beside the shadow.
    pub fn flag_table(&self) -> Result<FlagTable> {
        let file = self.files().scratch()?;
        let conn = Connection::open(file.path()).map_err(sql)?;
        conn.execute_batch(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = FILE;
             CREATE TABLE flagged (file TEXT NOT NULL, line INTEGER, rank INTEGER NOT NULL,
               seq INTEGER NOT NULL, trigger TEXT NOT NULL, key TEXT, \"column\" TEXT,
               value TEXT, reason TEXT NOT NULL);",
        )
        .map_err(sql)?;
        Ok(FlagTable { conn: Mutex::new(conn), seq: AtomicU64::new(0), _file: file })
    }
}

impl FlagTable {
    /// Keeps `row`, flagged by the trigger at `rank` in report order.
    pub fn insert(&self, rank: usize, row: &FlaggedRow) -> Result<()> {
        let seq = self.seq.fetch_add(1, Ordering::Relaxed);
        let conn = self.conn.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut stmt = conn
            .prepare_cached(
                "INSERT INTO flagged (file, line, rank, seq, trigger, key, \"column\", value, reason)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )
            .map_err(sql)?;
        let line = row.line.and_then(|l| i64::try_from(l).ok());
        let (rank, seq) =
            (i64::try_from(rank).unwrap_or(i64::MAX), i64::try_from(seq).unwrap_or(i64::MAX));
        stmt.execute(rusqlite::params![
            row.file,
            line,
            rank,
            seq,
            row.trigger,
            row.key,
            row.column,
            row.value,
            row.reason
        ])
        .map_err(sql)?;
        Ok(())
    }

    /// Every kept row, by file, then line (rows without one last), then
    /// trigger in report order, then as the trigger found them.
    pub fn each_sorted(self, mut each: impl FnMut(&FlaggedRow) -> Result<()>) -> Result<()> {
        let conn = self.conn.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut stmt = conn
            .prepare(
                "SELECT file, line, trigger, key, \"column\", value, reason FROM flagged
                 ORDER BY file, line IS NULL, line, rank, seq",
            )
            .map_err(sql)?;
        let mut rows = stmt.query([]).map_err(sql)?;
        while let Some(r) = rows.next().map_err(sql)? {
            let row = FlaggedRow {
                file: r.get(0).map_err(sql)?,
                line: r.get::<_, Option<i64>>(1).map_err(sql)?.and_then(|l| u64::try_from(l).ok()),
                trigger: r.get(2).map_err(sql)?,
                key: r.get(3).map_err(sql)?,
                column: r.get(4).map_err(sql)?,
                value: r.get(5).map_err(sql)?,
                reason: r.get(6).map_err(sql)?,
            };
            each(&row)?;
        }
        Ok(())
    }
}
