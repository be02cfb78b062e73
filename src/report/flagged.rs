//! The fix list file (`run --flagged FILE.csv`): one row per flagged row of
//! the export (rejected, critical blank, damaged, orphan, unmapped value,
//! parent without a relationship, refused by the destination's rules),
//! with the trigger, file, line, key, column, value and reason, sorted by
//! file and line. Cells are formula-safe, as in the rejects file. Written
//! under a temporary name and renamed into place when complete; an
//! existing file is replaced only if it is a fix list.

use std::path::{Path, PathBuf};

use super::rejects::{check_ours, neutralise};
use super::words;
use crate::error::{Error, Result, ToolError};
use crate::facts::{Example, FlaggedRow};
use crate::output::Partial;

/// The header of a fix list.
const HEADER: [&str; 7] = ["file", "line", "key", "trigger", "column", "value", "reason"];

/// The fix list's row for `example`, as trigger `trigger` found it: the
/// reason in the report's words.
pub fn row(trigger: &str, example: &Example) -> FlaggedRow {
    FlaggedRow {
        file: example.file.clone(),
        line: example.line,
        key: example.key.clone(),
        trigger: trigger.to_string(),
        column: example.column.clone(),
        value: example.value.clone(),
        reason: words::flag_reason(trigger, example),
    }
}

/// Writes a fix list, row by row.
pub struct Writer {
    csv: csv::Writer<Partial>,
    path: PathBuf,
}

impl Writer {
    /// Starts the fix list at `path`, refusing a file that is not one.
    pub fn create(path: &Path) -> Result<Writer> {
        check_target(path)?;
        let temp = Partial::beside(path, "flagged")?;
        let csv = csv::WriterBuilder::new().from_writer(temp);
        let mut writer = Writer { csv, path: path.to_path_buf() };
        writer.csv.write_record(HEADER).map_err(|e| writer.error(e))?;
        Ok(writer)
    }

    /// Writes one flagged row.
    pub fn write(&mut self, row: &FlaggedRow) -> Result<()> {
        let line = row.line.map(|l| l.to_string()).unwrap_or_default();
        let text = |cell: &Option<String>| cell.clone().unwrap_or_default();
        let cells =
            [row.file.clone(), line, text(&row.key), row.trigger.clone(), text(&row.column)];
        let cells = cells.into_iter().chain([text(&row.value), row.reason.clone()]);
        self.csv.write_record(cells.map(|c| neutralise(&c))).map_err(|e| self.error(e))
    }

    /// Renames the complete fix list into place.
    pub fn finish(self) -> Result<()> {
        let Writer { csv, path } = self;
        let write_error = |source| Error::Write { path: path.clone(), source };
        let temp = csv.into_inner().map_err(|e| write_error(e.into_error()))?;
        temp.persist(&path)
    }

    fn error(&self, e: csv::Error) -> Error {
        Error::Write { path: self.path.clone(), source: e.into() }
    }
}

/// Refuses `path` when it exists and is not a fix list (a folder, an
/// export, anything that does not start with the header).
pub fn check_target(path: &Path) -> Result<()> {
    check_ours(path, &HEADER, || ToolError::NotFlaggedFile { path: path.to_path_buf() })
}
