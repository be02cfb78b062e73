//! An offending row, value or file, located so a person can find it, with
//! what is wrong with it as data: the value, a likely repair, a byte
//! offset and the kind of note. The reports write the words.

use super::{DamageKind, DigitLoss, Link, Quoted, RejectReason, SpreadsheetKind};

/// An offending row, value or file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Example {
    /// The export file.
    pub file: String,
    /// The line in that file where the record starts.
    pub line: Option<u64>,
    /// The record's source key.
    pub key: Option<String>,
    /// The source column concerned.
    pub column: Option<String>,
    /// The offending value.
    pub value: Option<String>,
    /// `value` is a whole raw row, not one cell (a ragged row: its cells
    /// cannot be told apart).
    pub whole_row: bool,
    /// The likely original of a damaged value.
    pub repair: Option<String>,
    /// Where the damage starts in the file, in bytes.
    pub byte_offset: Option<u64>,
    /// What is wrong with it.
    pub note: Option<Note>,
    /// `value` and `repair` are stable tokens standing for personal data
    /// (`--redact`), not the data itself.
    pub masked: bool,
}

impl Example {
    /// The value as a note quotes it: as read, or the token standing for
    /// it when it is masked.
    pub fn quoted(&self) -> Quoted<'_> {
        let value = self.value.as_deref().unwrap_or_default();
        if self.masked { Quoted::Token(value) } else { Quoted::Text(value) }
    }
}

/// What is wrong with an example, per kind.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Note {
    /// Rejected, for the reason the load gave (`not a date in the format %Y-%m-%d`).
    Rejected {
        /// The reason.
        reason: RejectReason,
    },
    /// The critical field is blank.
    Blank,
    /// The critical field holds a null token (the example's value), which
    /// counts as blank.
    NullToken,
    /// The critical field holds a placeholder (the example's value), which
    /// counts as blank.
    Placeholder,
    /// The parent has no link of this kind.
    NoLink(Link),
    /// Encoding damage of this kind (see `repair` and `byte_offset`).
    Damage {
        /// The kind, as the detectors found it.
        kind: DamageKind,
    },
    /// A Salesforce id whose key prefix is not a mapped object's.
    ForeignId {
        /// The key prefix.
        prefix: String,
        /// The standard object it belongs to, if it is one.
        object: Option<&'static str>,
    },
    /// No row of the referenced objects has this key.
    NoSuchKey {
        /// The referenced objects.
        targets: Vec<String>,
    },
    /// The referenced row is in the export, on this line of its object's
    /// file, but was rejected for this reason.
    RejectedTarget {
        /// The referenced object.
        object: String,
        /// The line of the rejected row in that object's file.
        line: u64,
        /// Why it was rejected, if the shadow's record reads back.
        reason: Option<RejectReason>,
    },
    /// The link repeats the pair of the link on this line.
    SamePair {
        /// The earlier line.
        line: u64,
    },
    /// No primary link among this many.
    NoPrimary {
        /// The row's links.
        links: u64,
    },
    /// Several primary links.
    SeveralPrimaries {
        /// How many.
        primaries: u64,
    },
    /// The destination merges the row into the earlier row with the same
    /// merge key: what follows it there and what it would lose.
    MergedInto {
        /// The surviving row's line in the same file.
        line: u64,
        /// The surviving row's key.
        key: String,
        /// Links that point at this row and would follow the surviving
        /// one, per junction or lookup (`deal_contacts`: 2), in scenario order.
        links: Vec<(String, u64)>,
        /// Mapped fields whose values differ between the two rows.
        differing: Vec<String>,
    },
    /// The value repeats the one of the row on this line (with this key),
    /// which the destination keeps.
    DuplicateOf {
        /// The earlier row's line.
        line: u64,
        /// The earlier row's key.
        key: String,
    },
    /// A validation rule refuses the row: the values of the fields it reads.
    RuleFailed {
        /// Each mapped field the rule reads and the row's value (`None`: blank).
        values: Vec<(String, Option<String>)>,
        /// Fields the rule reads that the scenario does not map (blank in
        /// the destination).
        unmapped: Vec<String>,
    },
    /// The row is its own parent.
    OwnParent,
    /// The row is on a longer cycle.
    OnCycle,
    /// A value the map lacks, held by this many rows.
    NotInMap {
        /// Rows holding it.
        rows: u64,
        /// The value map.
        map: String,
    },
    /// An export file nothing reads, with the columns of it that hold keys
    /// of mapped objects (two or more: it looks like a junction).
    UnmappedFile {
        /// The columns found to hold keys.
        references: Vec<KeyColumn>,
    },
    /// An export file nothing reads, that could not be sampled.
    UnreadableFile {
        /// Why.
        error: String,
    },
    /// A file whose rows do not add up.
    Unbalanced {
        /// Records read.
        source: u64,
        /// Rows loaded.
        loaded: u64,
        /// Rows rejected.
        rejected: u64,
    },
    /// The destination holds the example's value; the source through the
    /// mapping gives this one.
    Expected {
        /// What the source gives (`None`: blank).
        expected: Option<String>,
    },
    /// The record is not in the destination's export.
    NotArrived,
    /// A loader's error message (its code first), data or platform.
    LoaderError {
        /// The code (`REQUIRED_FIELD_MISSING`, `UNABLE_TO_LOCK_ROW`, `429`).
        code: String,
    },
    /// A change made in the destination during the window.
    WindowChange {
        /// Created, changed or deleted.
        change: Change,
        /// The value at the load's end, for a changed field.
        before: Option<String>,
        /// A created record already in the source: its key and how it matched.
        duplicate: Option<(String, &'static str)>,
    },
    /// A value a spreadsheet destroyed, held by this many refused rows.
    Spreadsheet {
        /// What the spreadsheet did.
        kind: SpreadsheetKind,
        /// Rows holding the same value.
        rows: u64,
        /// The value is the rows' key.
        key: bool,
    },
    /// A value whose digits a spreadsheet likely lost (the repair, if any,
    /// is the example's).
    DigitsLost {
        /// How.
        loss: DigitLoss,
    },
    /// A file whose non-ASCII characters did not all arrive.
    CharactersChanged {
        /// Non-ASCII characters read.
        read: u64,
        /// Non-ASCII characters in the shadow.
        stored: u64,
        /// Characters stored damaged (U+FFFD, mojibake, `?` for a letter).
        damaged: u64,
    },
}

/// A column of an unmapped file that holds keys of a mapped object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyColumn {
    /// The mapped object.
    pub object: String,
    /// The column's header.
    pub column: String,
}

/// How a record changed in the destination during the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Created after the load.
    Created,
    /// A field changed after the load.
    Changed,
    /// Deleted after the load.
    Deleted,
}
