//! What a trigger found: its measurement against its limits, what it
//! counts, and the offending rows a person can go and fix.

use super::{Counted, Duration, Example, Limits, Measurement, Number, Status, Unit, percent_of};

/// How many example rows a result carries.
pub const EXAMPLES: usize = 5;

/// One trigger (or integrity check) measured on one object, field or relationship.
#[derive(Debug, Clone)]
pub struct TriggerResult {
    /// Trigger id, e.g. `missing_relationship`.
    pub id: &'static str,
    /// What was measured: `contacts`, `contacts.email`, `deals via deal_contacts` …
    pub object: String,
    /// What the offending things are.
    pub counted: Counted,
    /// The measurement: offending of all, or a time.
    pub measurement: Measurement,
    /// The thresholds in force.
    pub limits: Limits,
    /// pass, warn or fail.
    pub status: Status,
    /// Up to [`EXAMPLES`] offending rows a person can go and fix.
    pub examples: Vec<Example>,
    /// How many more offending rows (or values) there are than `examples` shows.
    pub examples_omitted: u64,
    /// The object or junction whose loaded rows the result measures, if
    /// it measures loaded rows (for [`Unmeasurable`]).
    pub population: Option<String>,
    /// Set by the decision when rejects emptied the population: the
    /// result measures nothing and fails (see [`crate::facts::decide`]).
    pub unmeasurable: Option<Unmeasurable>,
    /// Who calls a rollback when it fails; set from the trigger's
    /// registration ([`Authority::Data`] until then).
    pub authority: Authority,
    /// The root cause a failure points to; set from the trigger's
    /// registration ([`RootCause::of_check`] until then).
    pub cause: RootCause,
}

/// Who has the authority to call a rollback on a trigger, by the
/// rollback-planning practice's default: the IT lead calls the technical
/// triggers (the load, the platform, the clock), the RevOps or Sales Ops
/// lead the data triggers (what the records hold and how they link).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Authority {
    /// The load itself: rows and characters arriving, failures, time, API.
    Technical,
    /// The records' content and relationships.
    Data,
}

/// The root cause a failing trigger points to, from the rollback-planning
/// practice's table (junction object missed, stage name mismatch, character
/// encoding, field mapping error, API limit, automation on imported
/// records), plus the causes of this tool's own checks the table has no
/// row for. The reports name it and its prevention beside each failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RootCause {
    /// A junction object (OpportunityContactRole, AccountContactRelation,
    /// deal–contact associations) not mapped, so its links never load.
    JunctionMissed,
    /// Source stage (picklist) names with no target in the destination.
    StageNameMismatch,
    /// The export read in the wrong character encoding, or damaged by one.
    CharacterEncoding,
    /// A field mapped from the wrong column, type or format.
    FieldMapping,
    /// The destination's API limits: the load does not fit the window or
    /// the budget.
    ApiLimit,
    /// Workflows, assignment rules or sequences firing on imported records.
    Automation,
    /// Records in the export that are incomplete or contradict each other
    /// (blank critical fields, cycles, repeated links).
    SourceData,
    /// Parents missing from the export (a filtered or partial export).
    IncompleteExport,
    /// The file passed through a spreadsheet that rewrote its cells.
    Spreadsheet,
    /// The destination platform unavailable or throwing errors.
    Platform,
    /// People working in the destination during the window.
    WindowWork,
    /// The rehearsal's own accounting did not add up.
    Integrity,
    /// What the destination does to records the export never shows: it
    /// merges them, holds a field unique, or its validation rules refuse them.
    DestinationRules,
}

impl RootCause {
    /// The cause of one of migration day's results, by id;
    /// [`RootCause::FieldMapping`] for the arrival checks, and for any other
    /// id until its registration (or, for the integrity checks, the
    /// decision) sets its own.
    pub fn of_check(id: &str) -> RootCause {
        use super::counted::{CHANGED_AFTER_LOAD, RECONCILE, SYSTEM_INSTABILITY};
        match id {
            CHANGED_AFTER_LOAD => RootCause::Automation,
            SYSTEM_INSTABILITY => RootCause::Platform,
            RECONCILE => RootCause::WindowWork,
            _ => RootCause::FieldMapping,
        }
    }
}

/// Why a fail-level result measured nothing: every source row of the
/// object it measures was rejected (0 of 0 deals because every deal was).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmeasurable {
    /// The object or junction whose rows were all rejected.
    pub object: String,
    /// Its rejected rows.
    pub rejected: u64,
}

/// A measured value in the unit of its result.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Amount {
    /// Percent, rounded to two decimals (see [`percent_of`]).
    Percent(f64),
    /// A count of offending rows, values or files.
    Count(u64),
    /// A length of time.
    Duration(Duration),
}

impl Amount {
    /// The value as a plain number in its unit.
    pub fn number(self) -> Number {
        match self {
            Amount::Percent(value) => Number::Fraction(value),
            Amount::Count(count) => Number::Whole(count),
            Amount::Duration(time) => Number::Whole(time.as_seconds()),
        }
    }
}

impl TriggerResult {
    /// A result of `count` offending out of `total`, its status under `limits`.
    pub fn new(
        id: &'static str,
        object: String,
        counted: Counted,
        count: u64,
        total: u64,
        limits: Limits,
    ) -> Self {
        Self::measured(id, object, counted, Measurement::Share { count, total }, limits)
    }

    /// A result measuring a length of time, its status under `limits`.
    pub fn timed(
        id: &'static str,
        object: String,
        counted: Counted,
        time: Duration,
        limits: Limits,
    ) -> Self {
        Self::measured(id, object, counted, Measurement::Time(time), limits)
    }

    fn measured(
        id: &'static str,
        object: String,
        counted: Counted,
        measurement: Measurement,
        limits: Limits,
    ) -> Self {
        TriggerResult {
            id,
            object,
            counted,
            measurement,
            limits,
            status: limits.status(&measurement),
            examples: Vec::new(),
            examples_omitted: 0,
            population: None,
            unmeasurable: None,
            authority: Authority::Data,
            cause: RootCause::of_check(id),
        }
    }

    /// The result, measuring the loaded rows of `object`.
    #[must_use]
    pub fn of_population(mut self, object: &str) -> Self {
        self.population = Some(object.to_string());
        self
    }

    /// Attaches examples drawn from `of` offending rows or values.
    pub fn set_examples(&mut self, examples: Vec<Example>, of: u64) {
        self.examples_omitted = of.saturating_sub(examples.len() as u64);
        self.examples = examples;
    }

    /// `(count, total)` of a share; `None` for a time.
    pub fn share(&self) -> Option<(u64, u64)> {
        match self.measurement {
            Measurement::Share { count, total } => Some((count, total)),
            Measurement::Time(_) => None,
        }
    }

    /// The unit the result is shown in: its limits', else its measurement's own.
    pub fn unit(&self) -> Unit {
        self.limits.unit().unwrap_or(self.measurement.natural_unit())
    }

    /// The measured value in [`TriggerResult::unit`].
    pub fn value(&self) -> Amount {
        match (self.measurement, self.unit()) {
            (Measurement::Share { count, .. }, Unit::Count) => Amount::Count(count),
            (Measurement::Share { count, total }, _) => Amount::Percent(percent_of(count, total)),
            (Measurement::Time(time), _) => Amount::Duration(time),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{Budget, Limit, Percent};

    #[test]
    fn a_result_is_shown_in_the_unit_of_its_limits() {
        let percent = Limits::fail_above(200);
        let r = TriggerResult::new("t", "x".into(), Counted::RejectedRows, 3, 100, percent);
        assert_eq!(
            (r.unit(), r.value(), r.status),
            (Unit::Percent, Amount::Percent(3.0), Status::Fail)
        );
        assert_eq!(r.share(), Some((3, 100)));
        let count = Limits { warn: None, fail: Some(Limit::Count(10)) };
        let r = TriggerResult::new("t", "x".into(), Counted::RejectedRows, 12, 1000, count);
        assert_eq!((r.unit(), r.value(), r.status), (Unit::Count, Amount::Count(12), Status::Fail));
        let none = Limits { warn: None, fail: None };
        let r = TriggerResult::new("t", "x".into(), Counted::RejectedRows, 12, 1000, none);
        assert_eq!((r.unit(), r.status), (Unit::Percent, Status::Pass));
        let window =
            Limits { warn: None, fail: Some(Limit::Duration(Duration::seconds(4 * 3600))) };
        let of = Counted::Time { of: "the cut-over".into() };
        let r = TriggerResult::timed("t", "x".into(), of, Duration::seconds(5 * 3600), window);
        assert_eq!((r.unit(), r.status, r.share()), (Unit::Duration, Status::Fail, None));
        assert_eq!(r.value(), Amount::Duration(Duration::seconds(18_000)));
        assert_eq!(r.value().number(), Number::Whole(18_000));
        assert_eq!(Amount::Percent(2.5).number().as_f64(), 2.5);
    }

    #[test]
    fn the_cut_over_fails_only_past_its_lines() {
        let hours = |h: u64| Limit::Duration(Duration::seconds(h * 3600));
        let window = Limits { warn: Some(hours(4)), fail: Some(hours(6)) };
        let of = || Counted::Time { of: "the cut-over".into() };
        let at = |s: u64| TriggerResult::timed("t", "x".into(), of(), Duration::seconds(s), window);
        // Ending exactly at the decision point or the window's end is still inside it.
        assert_eq!(at(4 * 3600).status, Status::Pass);
        assert_eq!(at(4 * 3600 + 1).status, Status::Warn);
        assert_eq!(at(6 * 3600).status, Status::Warn);
        assert_eq!(at(6 * 3600 + 1).status, Status::Fail);
        // A day's budget: exactly all of it passes the fail line; one call more fails.
        let budget = Limits {
            warn: Some(Limit::Percent(Percent::hundredths(8000))),
            fail: Some(Limit::Percent(Percent::hundredths(10_000))),
        };
        let calls = |n: u64| {
            TriggerResult::new(
                "t",
                "x".into(),
                Counted::Budget(Budget::DayCalls),
                n,
                200_000,
                budget,
            )
            .status
        };
        assert_eq!(calls(160_000), Status::Pass);
        assert_eq!(calls(160_001), Status::Warn);
        assert_eq!(calls(200_000), Status::Warn);
        assert_eq!(calls(200_001), Status::Fail);
    }
}
