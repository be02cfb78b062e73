//! The facts of a rehearsal, below both the checks that produce them and
//! the reports that render them: row accounting per file, value-map
//! coverage, trigger results with what they count and their examples,
//! thresholds in their units, and the decision. Plain data; nothing here
//! reads the shadow or prints, and the reports write the sentences.

mod blanks;
mod counted;
mod coverage;
mod cutover;
#[cfg(test)]
pub(crate) use cutover::tests as cutover_fixtures;
mod decision;
mod evidence;
mod example;
mod flagged;
mod pipeline;
mod rejects;
mod rows;
mod trigger;
mod units;

pub use crate::decode::detect::DamageKind;
pub use crate::decode::{Charset, Declared};
pub use crate::error::{Quoted, RejectReason};
pub use blanks::{BlankedExample, PlaceholderKind, Placeholders};
pub use counted::{
    ARRIVED_PIPELINE, ARRIVED_ROWS, ARRIVED_VALUES, Arrival, Budget, CHANGED_AFTER_LOAD, Counted,
    DamageCount, DigitLoss, ForeignIds, Link, MIGRATION_DAY_CHECKS, RECONCILE, SYSTEM_INSTABILITY,
    SpreadsheetColumn, SpreadsheetKind,
};
pub use coverage::{MapCoverage, ValueCount};
pub use cutover::{
    ApiLimits, CountSource, DAY_MS, Links, Load, LoadKind, Pace, Projection, Rate, Sourced, Step,
    Validation, Window, callers_ms, calls_for, left_after, project, rate_ms, rounded,
};
pub use decision::{
    Decision, INTEGRITY_CHECKS, NON_ASCII_ROUND_TRIP, ROWS_BALANCE, Verdict, decide,
};
pub use evidence::{Evidence, InputFile};
pub use example::{Change, Example, KeyColumn, Note};
pub use flagged::{FlagSink, FlaggedRow};
pub use pipeline::{PipelineBaseline, StageTotal};
pub use rejects::RejectedRow;
pub use rows::{FileRows, TrimmedIds};
pub use trigger::{Amount, Authority, EXAMPLES, RootCause, TriggerResult, Unmeasurable};
pub use units::{
    Duration, Limit, Limits, Measurement, Number, Percent, Status, Unit, Unreadable,
    format_percent, percent_of,
};
