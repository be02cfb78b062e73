//! Reads the shadow's `_rejects` table back, one row at a time, for whoever
//! writes the rejects out.

use super::Shadow;
use crate::error::{Error, Result};
use crate::facts::RejectedRow;

impl Shadow {
    /// Hands every rejected row to `each`, by object then line, one at a
    /// time (an export can have millions). Stops at the first error `each`
    /// returns.
    pub fn each_reject(&self, mut each: impl FnMut(&RejectedRow<'_>) -> Result<()>) -> Result<()> {
        let read = |e| Error::shadow("read rejects")(e);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT file, line, object, coalesce(\"column\", ''), reason, coalesce(key, ''), raw, cells \
                 FROM _rejects ORDER BY object, line",
            )
            .map_err(read)?;
        let mut rows = stmt.query([]).map_err(read)?;
        while let Some(row) = rows.next().map_err(read)? {
            let text = |i: usize| row.get_ref(i).and_then(|v| Ok(v.as_str()?)).map_err(read);
            let line: i64 = row.get(1).map_err(read)?;
            let cells: Vec<String> = serde_json::from_str(text(7)?).unwrap_or_default();
            each(&RejectedRow {
                file: text(0)?,
                line: u64::try_from(line).unwrap_or(0),
                object: text(2)?,
                column: text(3)?,
                reason: text(4)?,
                key: text(5)?,
                raw: text(6)?,
                cells: &cells,
            })?;
        }
        Ok(())
    }
}
