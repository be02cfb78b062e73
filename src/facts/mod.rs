//! The facts of a rehearsal, below both the checks that produce them and
//! the reports that render them: row accounting per file, value-map
//! coverage, trigger results with their examples, thresholds and the
//! decision. Plain data; nothing here reads the shadow or prints.

mod coverage;
mod decision;
mod rejects;
mod rows;
mod trigger;
mod units;

pub use coverage::{MapCoverage, ValueCount};
pub use decision::{Status, Verdict};
pub use rejects::RejectedRow;
pub use rows::FileRows;
pub use trigger::{EXAMPLES, Example, TriggerResult};
pub use units::{Limits, Percent, format_percent, percent_of};
