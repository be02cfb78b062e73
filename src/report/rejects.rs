//! `--rejects FILE.csv`: every rejected row with its file, line, reason and
//! original cells, safe to open in a spreadsheet (cells that would run as a
//! formula are neutralised).

use std::path::Path;

use crate::error::{Error, Location, Result};

/// Writes the shadow's `_rejects` table to `path`.
pub fn write(conn: &rusqlite::Connection, path: &Path) -> Result<()> {
    check_target(path)?;
    let csv_error =
        |e: csv::Error| Error::Csv { location: Location::file(path), message: e.to_string() };
    let mut writer = csv::WriterBuilder::new().flexible(true).from_path(path).map_err(csv_error)?;
    writer.write_record(HEADER).map_err(csv_error)?;
    let mut stmt = conn
        .prepare(
            "SELECT file, line, object, coalesce(\"column\", ''), reason, coalesce(key, ''), raw, cells \
             FROM _rejects ORDER BY object, line",
        )
        .map_err(Error::shadow("read rejects"))?;
    let mut rows = stmt.query([]).map_err(Error::shadow("read rejects"))?;
    while let Some(row) = rows.next().map_err(Error::shadow("read rejects"))? {
        let get = |i: usize| row.get::<_, String>(i).map_err(Error::shadow("read rejects"));
        let line: i64 = row.get(1).map_err(Error::shadow("read rejects"))?;
        let cells: Vec<String> = serde_json::from_str(&get(7)?).unwrap_or_default();
        let mut record =
            vec![get(0)?, line.to_string(), get(2)?, get(3)?, get(4)?, get(5)?, get(6)?];
        record.extend(cells);
        writer.write_record(record.iter().map(|c| neutralise(c))).map_err(csv_error)?;
    }
    writer.flush().map_err(|source| Error::Read { location: Location::file(path), source })
}

/// A rejects file replaces an earlier rejects file, never anything else
/// (an export!).
pub fn check_target(path: &Path) -> Result<()> {
    use std::io::Read;
    let header = HEADER.join(",");
    let mut head = Vec::with_capacity(header.len());
    if let Ok(file) = std::fs::File::open(path) {
        // Only the first line matters: the target may be a 2 GB export.
        let _ = file.take(header.len() as u64).read_to_end(&mut head);
    }
    if path.exists() && head != header.as_bytes() {
        return Err(Error::Usage(format!(
            "--rejects {}: the file exists and is not a rejects file; refusing to overwrite it",
            path.display()
        )));
    }
    Ok(())
}

/// The first line of a rejects file.
const HEADER: [&str; 8] =
    ["file", "line", "object", "column", "reason", "key", "value", "original cells …"];

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab,
/// carriage return first) gets a leading apostrophe, so it stays text.
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(neutralise("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(neutralise("+1 303 555 0188"), "'+1 303 555 0188");
        assert_eq!(neutralise("-5"), "'-5");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("Müller"), "Müller");
    }
}
