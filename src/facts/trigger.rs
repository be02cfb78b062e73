//! What a trigger found: its measurement against its limits and the
//! offending rows a person can go and fix.

use serde::Serialize;

use super::{Limits, Percent, Status, percent_of};

/// How many example rows a result carries.
pub const EXAMPLES: usize = 5;

/// One trigger measured on one object, field or relationship.
#[derive(Debug, Clone, Serialize)]
pub struct TriggerResult {
    /// Trigger id, e.g. `missing_relationship`.
    pub id: &'static str,
    /// What was measured: `contacts`, `contacts.email`, `deals via deal_contacts` …
    pub object: String,
    /// `count / total` in percent, rounded to two decimals.
    pub value: f64,
    /// The fail threshold in percent, if any.
    pub threshold: Option<f64>,
    /// The warn threshold in percent, if any.
    pub warn: Option<f64>,
    /// pass, warn or fail.
    pub status: Status,
    /// Offending rows (or values, or files).
    pub count: u64,
    /// What they are counted against.
    pub total: u64,
    /// The measurement in words: "1104 of 4800 deals have no contact …".
    pub measure: String,
    /// Up to [`EXAMPLES`] offending rows a person can go and fix.
    pub examples: Vec<Example>,
    /// How many more offending rows (or values) there are than `examples` shows.
    pub examples_omitted: u64,
    /// The thresholds, for display.
    #[serde(skip)]
    pub limits: Limits,
}

impl TriggerResult {
    /// A result whose value and status follow from `count / total` and `limits`.
    pub fn new(
        id: &'static str,
        object: String,
        count: u64,
        total: u64,
        limits: Limits,
        measure: String,
    ) -> Self {
        TriggerResult {
            id,
            object,
            value: percent_of(count, total),
            threshold: limits.fail.map(Percent::as_percent),
            warn: limits.warn.map(Percent::as_percent),
            status: limits.status(count, total),
            count,
            total,
            measure,
            examples: Vec::new(),
            examples_omitted: 0,
            limits,
        }
    }
}

impl TriggerResult {
    /// Attaches examples drawn from `of` offending rows or values.
    pub fn set_examples(&mut self, examples: Vec<Example>, of: u64) {
        self.examples_omitted = of.saturating_sub(examples.len() as u64);
        self.examples = examples;
    }
}

/// An offending row, value or file, located so a person can find it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Example {
    /// The export file.
    pub file: String,
    /// The line in that file where the record starts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// The record's source key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// The source column concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// The offending value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// What is wrong with it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}
