//! The fix list file (`run --flagged FILE.csv`): one row per flagged row of
//! the export (rejected, critical blank, damaged, orphan, unmapped value,
//! parent without a relationship, refused by the destination's rules),
//! with the trigger, file, line, key, column, value and reason, sorted by
//! file and line. Cells are formula-safe, as in the rejects file. Written
//! under a temporary name and renamed into place when complete; an
//! existing file is replaced only if it is a fix list.

use std::path::Path;

use super::rejects::{SafeCsv, check_ours};
use super::words;
use crate::error::{Result, ToolError};
use crate::facts::{Example, FlaggedRow};

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
pub struct Writer(SafeCsv);

impl Writer {
    /// Starts the fix list at `path`, refusing a file that is not one.
    pub fn create(path: &Path) -> Result<Writer> {
        check_target(path)?;
        SafeCsv::create(path, "flagged", &HEADER).map(Writer)
    }

    /// Writes one flagged row.
    pub fn write<'r>(&mut self, row: &'r FlaggedRow) -> Result<()> {
        let line = row.line.map(|l| l.to_string()).unwrap_or_default();
        let text = |cell: &'r Option<String>| cell.as_deref().unwrap_or_default();
        let cells = [&*row.file, &line, text(&row.key), &row.trigger, text(&row.column)];
        self.0.write(cells.into_iter().chain([text(&row.value), &*row.reason]))
    }

    /// Renames the complete fix list into place.
    pub fn finish(self) -> Result<()> {
        self.0.finish()
    }
}

/// Refuses `path` when it exists and is not a fix list (a folder, an
/// export, anything that does not start with the header).
pub fn check_target(path: &Path) -> Result<()> {
    check_ours(path, &HEADER, || ToolError::NotFlaggedFile { path: path.to_path_buf() })
}
