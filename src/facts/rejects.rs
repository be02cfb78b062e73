//! A rejected row as the shadow keeps it: where it was, why it was refused,
//! and every original cell, for whoever writes the rejects out.

/// One rejected source row. Borrowed: a real export can have millions, so
/// they are handed over one at a time, never collected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RejectedRow<'a> {
    /// The export file, as the scenario names it.
    pub file: &'a str,
    /// The row's line in the file.
    pub line: u64,
    /// The object or junction it was meant for.
    pub object: &'a str,
    /// The column at fault, or `""` for the whole row.
    pub column: &'a str,
    /// Why it was refused.
    pub reason: &'a str,
    /// The row's source key, or `""`.
    pub key: &'a str,
    /// The value at fault, as read.
    pub raw: &'a str,
    /// Every cell of the row, as read.
    pub cells: &'a [String],
}
