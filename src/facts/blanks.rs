//! Placeholders found in e-mail and phone fields: values someone typed to
//! fill a required field (`test@test.com`, `000000000`), which count as
//! blank. Per field, with the first few as examples.

use serde::Serialize;

/// What a field with placeholders holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceholderKind {
    /// E-mail addresses.
    Email,
    /// Phone numbers.
    Phone,
}

/// The placeholders of one field of the loaded rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Placeholders {
    /// `object.field`.
    pub field: String,
    /// E-mail or phone.
    pub kind: PlaceholderKind,
    /// The export file.
    pub file: String,
    /// The source column.
    pub column: String,
    /// Loaded rows whose value is a placeholder.
    pub rows: u64,
    /// The field is `critical`: these rows count toward `critical_blank`.
    pub critical: bool,
    /// The first rows, in file order.
    pub examples: Vec<BlankedExample>,
}

/// One row whose value is a placeholder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BlankedExample {
    /// The line in the export file.
    pub line: u64,
    /// The row's source key.
    pub key: String,
    /// The placeholder as written (trimmed).
    pub value: String,
    /// `value` is a stable token standing for it (`--redact`).
    pub masked: bool,
}
