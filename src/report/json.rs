//! JSON rendering of a [`Report`]: the contract scripts and CI read
//! (`scenario`, `verdict`, `objects`, `triggers`; fields may grow). Each
//! trigger result gives its `unit` and its value and thresholds in it, its
//! counts, and its measure and notes in the words of the other formats.

use serde::{Serialize, Serializer};

use super::{Mismatch, Report, words};
use crate::facts::{Example, Limit, Number, Status, TriggerResult, Unit};

/// Pretty-printed JSON with a final newline.
pub fn render(report: &Report) -> String {
    // Serializing plain data structs with string keys cannot fail.
    let mut text =
        serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

/// Serializes the trigger results of a [`Report`].
pub(super) fn triggers<S: Serializer>(
    results: &[TriggerResult],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(results.iter().map(TriggerJson::of))
}

/// Serializes the `[expect]` mismatches of a [`Report`], one sentence each
/// (tools read them as strings).
pub(super) fn mismatches<S: Serializer>(
    mismatches: &[Mismatch],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(mismatches.iter().map(words::mismatch))
}

#[derive(Serialize)]
struct TriggerJson<'a> {
    id: &'a str,
    object: &'a str,
    unit: Unit,
    value: Number,
    threshold: Option<Number>,
    warn: Option<Number>,
    status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    count: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    total: Option<u64>,
    measure: String,
    /// Every row of what it measures was rejected: it fails, unmeasured.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    not_measurable: bool,
    examples: Vec<ExampleJson<'a>>,
    examples_omitted: u64,
    /// The root cause a failure points to, and its prevention (failures only).
    #[serde(skip_serializing_if = "Option::is_none")]
    root_cause: Option<CauseJson>,
}

#[derive(Serialize)]
struct CauseJson {
    id: crate::facts::RootCause,
    name: &'static str,
    prevention: &'static str,
}

impl<'a> TriggerJson<'a> {
    fn of(r: &'a TriggerResult) -> Self {
        TriggerJson {
            id: r.id,
            object: &r.object,
            unit: r.unit(),
            value: r.value().number(),
            threshold: r.limits.fail.map(Limit::number),
            warn: r.limits.warn.map(Limit::number),
            status: r.status,
            count: r.share().map(|(count, _)| count),
            total: r.share().map(|(_, total)| total),
            measure: words::measure(r),
            not_measurable: r.unmeasurable.is_some(),
            examples: r.examples.iter().map(ExampleJson::of).collect(),
            examples_omitted: r.examples_omitted,
            root_cause: (r.status == Status::Fail).then(|| CauseJson {
                id: r.cause,
                name: super::causes::name(r.cause),
                prevention: super::causes::prevention(r.cause),
            }),
        }
    }
}

#[derive(Serialize)]
struct ExampleJson<'a> {
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    key: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    whole_row: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    repair: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byte_offset: Option<u64>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    masked: bool,
}

impl<'a> ExampleJson<'a> {
    fn of(e: &'a Example) -> Self {
        ExampleJson {
            file: &e.file,
            line: e.line,
            key: e.key.as_deref(),
            column: e.column.as_deref(),
            value: e.value.as_deref(),
            note: words::note(e),
            whole_row: e.whole_row,
            repair: e.repair.as_deref(),
            byte_offset: e.byte_offset,
            masked: e.masked,
        }
    }
}
