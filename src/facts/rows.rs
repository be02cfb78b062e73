//! Row accounting per export file: what was read, loaded and rejected.

use crate::decode::EncodingChoice;

/// Row accounting for one export file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRows {
    /// The object or junction the file feeds.
    pub object: String,
    /// The file as the scenario names it.
    pub file: String,
    /// The encoding the file was read with, and why.
    pub encoding: EncodingChoice,
    /// Records in the file (header and blank lines not counted).
    pub source_rows: u64,
    /// Rows now in the object's table.
    pub loaded: u64,
    /// Rows now in `_rejects`.
    pub rejected: u64,
    /// The field delimiter.
    pub delimiter: u8,
    /// Whether the delimiter was sniffed rather than set by the scenario.
    pub delimiter_sniffed: bool,
    /// Report footer lines recognised at the end and excluded (not rows).
    pub footer_lines: u64,
    /// Byte sequences not valid in the encoding (each shown as U+FFFD).
    pub undecodable_bytes: u64,
    /// Rows with encoding damage in at least one cell.
    pub damaged_rows: u64,
    /// Non-ASCII characters in the source cells of loaded rows that are
    /// stored as they are (text fields without a value map, junction ends).
    pub non_ascii_in: u64,
    /// Non-ASCII characters in those fields in the shadow.
    pub non_ascii_out: u64,
    /// Characters of those cells that the damage detectors find stored
    /// damaged, each standing for one character of the source: U+FFFD,
    /// mojibake (`JosÃ©` is one), `?` for a letter, `ï¿½`.
    pub non_ascii_damaged: u64,
    /// Rows in the table: for a junction with a split end, the links.
    pub links: u64,
    /// Junction rows loaded with no link (a blank multi-valued cell, or a
    /// blank end in a file that also feeds an object).
    pub loaded_without_links: u64,
    /// Cells of the file's rows (every column, mapped or not; loaded or
    /// rejected) that are each null token, in the scenario's token order.
    pub null_tokens: Vec<u64>,
    /// Object rows that repeat an earlier row's record (same key, every
    /// mapped value the same: an export joining objects writes a record
    /// once per associated row); recorded in `_repeats`, neither loaded
    /// again nor rejected.
    pub repeated: u64,
    /// Id cells (keys, id fields, junction ends) trimmed of Unicode
    /// whitespace (NBSP, U+3000 …), per column with any, in header order.
    pub trimmed_ids: Vec<TrimmedIds>,
    /// The file's size in bytes.
    pub bytes: u64,
}

/// The id cells of one column that had Unicode whitespace around them,
/// trimmed before they were matched.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TrimmedIds {
    /// The column's header.
    pub column: String,
    /// Cells trimmed, over all source rows of the file.
    pub cells: u64,
}

impl FileRows {
    /// `source rows = loaded + repeated + rejected`.
    pub fn balanced(&self) -> bool {
        self.source_rows == self.accounted()
    }

    /// The rows accounted for: loaded, repeated or rejected.
    pub fn accounted(&self) -> u64 {
        self.loaded + self.repeated + self.rejected
    }

    /// Every non-ASCII character read arrived in the shadow, and none is
    /// stored damaged.
    pub fn round_trip_ok(&self) -> bool {
        self.non_ascii_in == self.non_ascii_out && self.non_ascii_damaged == 0
    }
}
