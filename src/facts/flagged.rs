//! The fix list (`run --flagged FILE.csv`): every row a trigger flags, with
//! the trigger and the reason, for the client to fix at the source.

use super::Example;
use crate::error::Result;

/// One flagged row of the fix list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlaggedRow {
    /// The export file.
    pub file: String,
    /// The line where the record starts, when the flag is about a record.
    pub line: Option<u64>,
    /// The record's source key.
    pub key: Option<String>,
    /// The trigger that flagged it.
    pub trigger: String,
    /// The source column concerned.
    pub column: Option<String>,
    /// The offending value.
    pub value: Option<String>,
    /// Why, in the report's words (`no contacts through deals.contact`).
    pub reason: String,
}

/// Where the triggers send every row they flag, beside the few examples
/// a report shows. Called from the checks' threads.
pub trait FlagSink: Sync {
    /// Takes one flagged row: `example` as trigger `trigger` found it.
    fn flag(&self, trigger: &'static str, example: &Example) -> Result<()>;
}
