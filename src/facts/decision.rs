//! The status of one trigger and the GO / ROLLBACK verdict.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The answer of a rehearsal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// No fail-level trigger fired: the migration may go ahead.
    Go,
    /// At least one fail-level trigger fired: migrating now would need a rollback.
    Rollback,
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Verdict::Go => "GO",
            Verdict::Rollback => "ROLLBACK",
        })
    }
}

/// The outcome of one trigger on one object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Under every threshold.
    Pass,
    /// Over the warn threshold: allowed, but look at it.
    Warn,
    /// Over the fail threshold: the verdict becomes ROLLBACK.
    Fail,
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Status::Pass => "pass",
            Status::Warn => "WARN",
            Status::Fail => "FAIL",
        })
    }
}
