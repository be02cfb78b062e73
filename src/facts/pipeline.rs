//! The open pipeline by destination stage at one moment: what the baseline
//! keeps, `verify` compares and the rollback plan lists for preservation.

use serde::{Deserialize, Serialize};

/// The open pipeline by destination stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PipelineBaseline {
    /// The object.
    pub object: String,
    /// Its stage field.
    pub stage: String,
    /// Its amount field.
    pub amount: Option<String>,
    /// Its close-date field.
    pub close_date: Option<String>,
    /// What counts as closed, in words.
    pub closed: String,
    /// Open rows per stage, by stage.
    pub stages: Vec<StageTotal>,
}

/// Open rows of one stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageTotal {
    /// The destination stage (`null` for rows without one).
    pub stage: Option<String>,
    /// Open rows in it.
    pub count: u64,
    /// Their amounts' exact sum, as a decimal string.
    pub amount: String,
    /// The earliest close date.
    pub earliest_close: Option<String>,
    /// The latest close date.
    pub latest_close: Option<String>,
}
