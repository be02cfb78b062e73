//! `--rejects FILE.csv`: every rejected row with its file, line, reason and
//! original cells, safe to open in a spreadsheet (cells that would run as a
//! formula are neutralised).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result, ToolError};
use crate::facts::RejectedRow;
use crate::output::Partial;

/// A rejects file being written: under a temporary name beside the target,
/// renamed onto it by [`Writer::finish`] once complete (dropped unfinished,
/// the temporary file is removed and the target left as it was).
pub struct Writer(SafeCsv);

impl Writer {
    /// Starts a rejects file for `path`, which must be new or an earlier
    /// rejects file ([`check_target`]).
    pub fn create(path: &Path) -> Result<Writer> {
        check_target(path)?;
        SafeCsv::create(path, "rejects", &HEADER).map(Writer)
    }

    /// Writes one rejected row: where, why, and its original cells.
    pub fn write(&mut self, row: &RejectedRow<'_>) -> Result<()> {
        let line = row.line.to_string();
        let fixed = [row.file, &line, row.object, row.column, row.reason, row.key, row.raw];
        self.0.write(fixed.into_iter().chain(row.cells.iter().map(String::as_str)))
    }

    /// Completes the file and renames it onto the target.
    pub fn finish(self) -> Result<()> {
        self.0.finish()
    }
}

/// A CSV file this tool writes for a spreadsheet (rejects, fix list):
/// every cell formula-safe ([`neutralise`]), rows of any length, written
/// under a temporary name beside `path` and renamed onto it when complete.
pub(super) struct SafeCsv {
    csv: csv::Writer<Partial>,
    path: PathBuf,
}

impl SafeCsv {
    /// Starts the file for `path` (already checked) with `header`; `kind`
    /// names the temporary file.
    pub(super) fn create(path: &Path, kind: &str, header: &[&str]) -> Result<SafeCsv> {
        let temp = Partial::beside(path, kind)?;
        let csv = csv::WriterBuilder::new().flexible(true).from_writer(temp);
        let mut out = SafeCsv { csv, path: path.to_path_buf() };
        out.csv.write_record(header).map_err(|e| out.error(e))?;
        Ok(out)
    }

    /// Writes one row, each cell neutralised.
    pub(super) fn write<'c>(&mut self, cells: impl IntoIterator<Item = &'c str>) -> Result<()> {
        self.csv.write_record(cells.into_iter().map(neutralise)).map_err(|e| self.error(e))
    }

    /// Completes the file and renames it onto the target.
    pub(super) fn finish(self) -> Result<()> {
        let SafeCsv { csv, path } = self;
        let write_error = |source| Error::Write { path: path.clone(), source };
        let temp = csv.into_inner().map_err(|e| write_error(e.into_error()))?;
        temp.persist(&path)
    }

    /// A failure to write the rows, named for the target.
    fn error(&self, e: csv::Error) -> Error {
        Error::Write { path: self.path.clone(), source: e.into() }
    }
}

/// A rejects file replaces an earlier rejects file, never anything else
/// (an export!).
pub fn check_target(path: &Path) -> Result<()> {
    check_ours(path, &HEADER, || ToolError::NotRejectsFile { path: path.to_path_buf() })
}

/// Refuses `path` with `refusal` when it exists and is not a file this
/// tool wrote: a folder, or a file that does not start with `header`.
pub(super) fn check_ours(
    path: &Path,
    header: &[&str],
    refusal: impl Fn() -> ToolError,
) -> Result<()> {
    use std::io::Read;
    let header = header.join(",");
    let mut head = Vec::with_capacity(header.len());
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        return Err(Error::Tool(refusal()));
    }
    if let Ok(file) = std::fs::File::open(path) {
        let _ = file.take(header.len() as u64).read_to_end(&mut head);
    }
    if path.exists() && head != header.as_bytes() {
        return Err(Error::Tool(refusal()));
    }
    Ok(())
}

const HEADER: [&str; 8] =
    ["file", "line", "object", "column", "reason", "key", "value", "original cells …"];

/// What a spreadsheet reads as the start of a formula: the ASCII signs and
/// their full-width forms (Excel and LibreOffice take `＝` for `=`).
const FORMULA_STARTS: [char; 8] = ['=', '+', '-', '@', '＝', '＋', '－', '＠'];

/// A cell a spreadsheet would run as a formula gets a leading apostrophe,
/// so it stays text: one starting with a formula sign (ASCII or
/// full-width), also after leading whitespace (spaces, tabs, line breaks,
/// the ideographic space, zero-width characters), or with a tab or
/// carriage return.
pub fn neutralise(cell: &str) -> String {
    let first = cell
        .trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
        })
        .chars()
        .next();
    if cell.starts_with(['\t', '\r']) || first.is_some_and(|c| FORMULA_STARTS.contains(&c)) {
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
        assert_eq!(neutralise(""), "");
        assert_eq!(neutralise("a=b"), "a=b");
        assert_eq!(neutralise("\tplain"), "'\tplain");
        assert_eq!(neutralise("\rplain"), "'\rplain");
    }

    #[test]
    fn full_width_and_whitespace_led_formulas_are_neutralised() {
        for cell in ["＝cmd|' /C calc'!A0", "＋1", "－1", "＠SUM(A1)"] {
            assert_eq!(neutralise(cell), format!("'{cell}"), "{cell}");
        }
        for cell in [" =cmd", "  +1", "\u{3000}=HYPERLINK(\"x\")", "\t=1", "\n@x", "\u{A0}-1"] {
            assert_eq!(neutralise(cell), format!("'{cell}"), "{cell:?}");
        }
        for cell in ["\u{200B}=1", "\u{FEFF}＝1", " \u{3000} ＠x"] {
            assert_eq!(neutralise(cell), format!("'{cell}"), "{cell:?}");
        }
        for cell in [" text", "\u{3000}東京", "x＝y", "  ", "1-2"] {
            assert_eq!(neutralise(cell), cell, "{cell:?}");
        }
    }
}
