//! The trigger contract: what a trigger is ([`Trigger`]), what it may look
//! at ([`Context`]), the units its thresholds take, and the helpers every
//! trigger uses to read its settings and draw its examples from the shadow.
//! The triggers and the registry import this file; it imports neither.

use rusqlite::Connection;
use serde::de::{DeserializeOwned, IgnoredAny};

use crate::error::{Error, Result, ScenarioError, ThresholdProblem};
use crate::facts::{
    Authority, EXAMPLES, Example, FileRows, FlagSink, Limit, Limits, Note, Projection, RootCause,
    TriggerResult, Unit, Unreadable,
};
use crate::load::ident;
pub use crate::load::sql::count;
use crate::scenario::destination::{FieldRule, ObjectRules};
use crate::scenario::{Scenario, Threshold, Thresholds, TriggerSettings};

/// Everything a trigger may look at.
pub struct Context<'a> {
    /// The scenario being rehearsed.
    pub scenario: &'a Scenario,
    /// The loaded shadow.
    pub conn: &'a Connection,
    /// Row accounting per export file, in scenario order.
    pub files: &'a [FileRows],
    /// The cut-over projection, when the scenario has a `[cutover]` section.
    pub cutover: Option<&'a Projection>,
    /// The fix list every flagged row goes to (`run --flagged`), with the
    /// id of the trigger evaluating; `None` when none is written.
    pub flagged: Option<(&'a dyn FlagSink, &'static str)>,
}

impl Context<'_> {
    /// The first [`EXAMPLES`] rows of an examples query (`sql` without a
    /// `LIMIT`, see [`examples`]); when a fix list is written, every row of
    /// it also goes there. The report's examples are the same either way.
    pub fn examples<P: rusqlite::Params>(
        &self,
        file: &str,
        sql: &str,
        params: P,
        complete: impl Fn(&rusqlite::Row<'_>, &mut Example) -> rusqlite::Result<()>,
    ) -> Result<Vec<Example>> {
        if self.flagged.is_none() {
            let limited = format!("{sql} LIMIT {EXAMPLES}");
            return examples(self.conn, file, &limited, params, &complete);
        }
        // One pass: every row to the fix list, the first ones to the report.
        let mut found = Vec::new();
        self.each_flagged(file, sql, params, complete, |example| {
            if found.len() < EXAMPLES {
                found.push(example.clone());
            }
        })?;
        Ok(found)
    }

    /// Sends every row of an examples query to the fix list, when one is
    /// written: for triggers whose report examples are grouped (one per
    /// value) while the fix list wants each row.
    pub fn flag_every(
        &self,
        file: &str,
        sql: &str,
        params: impl rusqlite::Params,
        complete: impl Fn(&rusqlite::Row<'_>, &mut Example) -> rusqlite::Result<()>,
    ) -> Result<()> {
        self.each_flagged(file, sql, params, complete, |_| {})
    }

    /// Sends every row of `sql` to the fix list, each also to `also`;
    /// nothing without a fix list.
    fn each_flagged(
        &self,
        file: &str,
        sql: &str,
        params: impl rusqlite::Params,
        complete: impl Fn(&rusqlite::Row<'_>, &mut Example) -> rusqlite::Result<()>,
        mut also: impl FnMut(&Example),
    ) -> Result<()> {
        let Some((sink, trigger)) = self.flagged else { return Ok(()) };
        let mut stmt = self.conn.prepare(sql).map_err(Error::shadow("prepare flagged rows"))?;
        let mut rows = stmt.query(params).map_err(Error::shadow("query flagged rows"))?;
        while let Some(row) = rows.next().map_err(Error::shadow("read flagged rows"))? {
            let example =
                example_of(row, file, &complete).map_err(Error::shadow("read flagged rows"))?;
            sink.flag(trigger, &example)?;
            also(&example);
        }
        Ok(())
    }
}

/// A registered rollback trigger.
pub struct Trigger {
    /// The id used in `[triggers]`, reports and `[expect]`.
    pub id: &'static str,
    /// The thresholds when the scenario sets none.
    pub defaults: Limits,
    /// The units its thresholds may be written in.
    pub takes: Takes,
    /// What its `[triggers]` entry holds.
    pub settings: Settings,
    /// Who calls a rollback when it fails (copied onto its results).
    pub authority: Authority,
    /// The root cause its failure points to (copied onto its results).
    pub cause: RootCause,
    /// Measures the loaded shadow against the thresholds in force (for
    /// [`Settings::Thresholds`]; `defaults` otherwise), given its entry.
    pub evaluate: fn(&Context<'_>, Limits, Option<&TriggerSettings>) -> Result<Vec<TriggerResult>>,
}

/// What a trigger's `[triggers]` entry holds.
pub enum Settings {
    /// `warn` and `fail` thresholds only (read by the scenario), checked
    /// here against the units the trigger takes.
    Thresholds,
    /// Settings of its own, checked by this function before anything is
    /// loaded (with `None` when the scenario has no entry).
    Own(fn(&Scenario, Option<&TriggerSettings>) -> Result<()>),
}

/// The units a trigger's thresholds may be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Takes {
    /// A share of the rows (values, files …) measured: a percentage
    /// (`"2%"`), or a count of the offending ones (`10`).
    Share,
    /// A length of time (`"4h"`).
    Duration,
}

impl Takes {
    fn accepts(self, unit: Unit) -> bool {
        match self {
            Takes::Share => matches!(unit, Unit::Percent | Unit::Count),
            Takes::Duration => unit == Unit::Duration,
        }
    }

    /// What is wrong with a value in a unit this does not accept.
    fn refusal(self) -> ThresholdProblem {
        match self {
            Takes::Share => ThresholdProblem::TakesShare,
            Takes::Duration => ThresholdProblem::TakesDuration,
        }
    }

    /// What is wrong with a value under `key` that is in no unit, said in
    /// the units this takes.
    fn unreadable(self, key: &'static str, why: Unreadable) -> ThresholdProblem {
        match (self, why) {
            (Takes::Duration, _) => ThresholdProblem::NotDuration,
            (Takes::Share, Unreadable::QuotedCount(count)) => {
                ThresholdProblem::QuotedCount { key, count }
            }
            (Takes::Share, Unreadable::OverHundred(count)) => {
                ThresholdProblem::OverHundred { key, count }
            }
            (Takes::Share, Unreadable::NotCount) => ThresholdProblem::NotCount,
            (Takes::Share, Unreadable::TooLarge) => ThresholdProblem::CountTooLarge,
            (Takes::Share, Unreadable::Other) => ThresholdProblem::NotShare,
        }
    }

    /// What is wrong with `written`, if anything, for a trigger taking this.
    fn problem(self, written: &Threshold) -> Option<ThresholdProblem> {
        match written.limit {
            Err(why) => Some(self.unreadable(written.key, why)),
            Ok(Some(limit)) if !self.accepts(limit.unit()) => Some(self.refusal()),
            Ok(_) => None,
        }
    }
}

impl Trigger {
    /// The thresholds in force: the scenario's, else the defaults.
    pub(super) fn limits(&self, settings: Option<&TriggerSettings>) -> Result<Limits> {
        match self.settings {
            Settings::Thresholds => simple_limits(self, settings),
            Settings::Own(_) => Ok(self.defaults),
        }
    }
}

/// The `warn` / `fail` pair every trigger accepts. Only the keys are
/// checked here: the scenario reads the values, with their place.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table like { warn = \"1%\", fail = \"3%\" }")]
struct ThresholdKeys {
    #[serde(rename = "warn")]
    _warn: Option<IgnoredAny>,
    #[serde(rename = "fail")]
    _fail: Option<IgnoredAny>,
}

/// The limits in force for the trigger `id`: what the scenario wrote
/// (`written`), else `defaults`. A written value must be in a unit the
/// trigger `takes`, and warn and fail in one unit (beside a count, `0%`
/// reads as the count 0, which it equals).
pub fn limits(id: &str, takes: Takes, defaults: Limits, written: &Thresholds) -> Result<Limits> {
    let error = |t: &Threshold, problem| Error::Threshold {
        location: t.at.clone(),
        trigger: id.to_string(),
        text: t.text.clone(),
        problem: Box::new(problem),
    };
    for t in [&written.warn, &written.fail].into_iter().flatten() {
        if let Some(problem) = takes.problem(t) {
            return Err(error(t, problem));
        }
    }
    // Every written value is now a limit or "off".
    let set = |t: &Threshold| t.limit.ok().flatten();
    let warn = written.warn.as_ref().map_or(defaults.warn, set);
    let fail = written.fail.as_ref().map_or(defaults.fail, set);
    if let (Some(w), Some(f), Some(t)) = (warn, fail, &written.warn)
        && written.fail.is_some()
        && above(w, f)
    {
        return Err(error(t, ThresholdProblem::WarnAboveFail { fail: f.to_string() }));
    }
    let zero = |l: Limit| if l.is_zero_percent() { Limit::Count(0) } else { l };
    match (warn, fail) {
        (Some(w), Some(f)) if w.unit() != f.unit() => match (zero(w), zero(f)) {
            (w, f) if w.unit() == f.unit() => Ok(Limits { warn: Some(w), fail: Some(f) }),
            _ => {
                let (blamed, other, value, default) = match (&written.warn, &written.fail) {
                    (Some(t), other) => (t, "fail", f, other.is_none()),
                    (None, Some(t)) => (t, "warn", w, true),
                    (None, None) => return Ok(defaults),
                };
                let value = value.to_string();
                Err(error(blamed, ThresholdProblem::MixedUnits { other, value, default }))
            }
        },
        (warn, fail) => Ok(Limits { warn, fail }),
    }
}

/// Whether `warn` is strictly above `fail`, both in one unit (a warning
/// that could never come before the failure).
fn above(warn: Limit, fail: Limit) -> bool {
    match (warn, fail) {
        (Limit::Percent(w), Limit::Percent(f)) => w > f,
        (Limit::Count(w), Limit::Count(f)) => w > f,
        (Limit::Duration(w), Limit::Duration(f)) => w > f,
        _ => false,
    }
}

/// Deserializes a trigger's settings table; absent settings give the default.
pub fn settings<T: DeserializeOwned + Default>(settings: Option<&TriggerSettings>) -> Result<T> {
    match settings {
        None => Ok(T::default()),
        Some(s) => from_value(s, s.value.clone()),
    }
}

/// Deserializes one settings value, naming the trigger's line on error.
pub fn from_value<T: DeserializeOwned>(
    settings: &TriggerSettings,
    value: toml::Value,
) -> Result<T> {
    value.try_into().map_err(|e: toml::de::Error| {
        let message = crate::error::toml_message(e.message());
        ScenarioError::TriggerSettings { trigger: settings.id.clone(), message }
            .at(settings.at.clone())
    })
}

/// A threshold that fails above `hundredths` hundredths of a percent, with no warn level.
pub const fn fail_above(hundredths: u32) -> Limits {
    Limits::fail_above(hundredths)
}

/// Runs an examples query whose first columns are `line, key, column,
/// value`; `complete` reads the rest of a row into its example (the note,
/// a repair …).
pub fn examples(
    conn: &Connection,
    file: &str,
    sql: &str,
    params: impl rusqlite::Params,
    complete: impl Fn(&rusqlite::Row<'_>, &mut Example) -> rusqlite::Result<()>,
) -> Result<Vec<Example>> {
    let mut stmt = conn.prepare(sql).map_err(Error::shadow("prepare examples query"))?;
    let rows = stmt
        .query_map(params, |row| example_of(row, file, &complete))
        .map_err(Error::shadow("query examples"))?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(Error::shadow("read examples"))
}

/// One row of an examples query as an example of `file`.
fn example_of(
    row: &rusqlite::Row<'_>,
    file: &str,
    complete: impl Fn(&rusqlite::Row<'_>, &mut Example) -> rusqlite::Result<()>,
) -> rusqlite::Result<Example> {
    let mut example = Example {
        file: file.to_string(),
        line: row.get::<_, Option<i64>>(0)?.and_then(|l| u64::try_from(l).ok()),
        key: row.get(1)?,
        column: row.get(2)?,
        value: text(row.get_ref(3)?),
        ..Example::default()
    };
    complete(row, &mut example)?;
    Ok(example)
}

/// For [`examples`]: every example gets `note`.
pub fn noted(note: Note) -> impl Fn(&rusqlite::Row<'_>, &mut Example) -> rusqlite::Result<()> {
    move |_, example| {
        example.note = Some(note.clone());
        Ok(())
    }
}

/// A column of an examples row as a count (`None` when NULL or negative).
pub fn whole(row: &rusqlite::Row<'_>, column: usize) -> rusqlite::Result<Option<u64>> {
    Ok(row.get::<_, Option<i64>>(column)?.and_then(|n| u64::try_from(n).ok()))
}

/// A cell of any SQLite type as text (ids may be stored as integers).
pub fn text(value: rusqlite::types::ValueRef<'_>) -> Option<String> {
    use rusqlite::types::ValueRef;
    match value {
        ValueRef::Null => None,
        ValueRef::Integer(i) => Some(i.to_string()),
        ValueRef::Real(r) => Some(r.to_string()),
        ValueRef::Text(t) | ValueRef::Blob(t) => Some(String::from_utf8_lossy(t).into_owned()),
    }
}

/// What the destination does with an object's records, when the scenario
/// names a destination schema that has the object.
pub fn destination_rules<'s>(ctx: &Context<'s>, object: &str) -> Option<&'s ObjectRules> {
    ctx.scenario.destination.as_ref()?.rules_of(object)
}

/// A mapped field whose values the destination compares across rows (a
/// merge key, a unique field), as it compares them: the SQL of the counts
/// and examples of rows repeating an earlier row's value. The load indexes
/// the compared value, so each lookup is one index probe.
pub struct Compared {
    table: String,
    column: String,
    /// The compared value of the table's row, of row `a`, and of row `b`.
    of: String,
    of_a: String,
    of_b: String,
    /// Every row sharing its value offends, not only those after the first.
    every: bool,
}

impl Compared {
    /// `object.field`, compared as `rule` says. `every`: every row whose
    /// value another row holds offends (an upsert fails for all of them);
    /// otherwise only the rows after the first (the destination keeps the
    /// first: a merge, a unique field).
    pub fn new(object: &str, field: &str, rule: &FieldRule, every: bool) -> Compared {
        let column = ident(field);
        Compared {
            table: ident(object),
            of: rule.compared(&column),
            of_a: rule.compared(&format!("a.{column}")),
            of_b: rule.compared(&format!("b.{column}")),
            column,
            every,
        }
    }

    /// `(offending rows, rows with a value)`, counted on the index in one
    /// pass per figure: rows after the first of their value are rows with
    /// a value minus the distinct values; rows sharing their value are
    /// those of the values held more than once.
    pub fn count(&self, conn: &Connection) -> Result<(u64, u64)> {
        let (table, column, of) = (&self.table, &self.column, &self.of);
        let held =
            count(conn, &format!("SELECT count(*) FROM {table} WHERE {column} IS NOT NULL"), [])?;
        let groups = format!("FROM {table} WHERE {of} IS NOT NULL GROUP BY {of}");
        if self.every {
            let shared = count(
                conn,
                &format!(
                    "SELECT coalesce(sum(n), 0) FROM (SELECT count(*) AS n {groups} HAVING count(*) > 1)"
                ),
                [],
            )?;
            return Ok((shared, held));
        }
        let distinct = count(conn, &format!("SELECT count(*) FROM (SELECT 1 {groups})"), [])?;
        Ok((held.saturating_sub(distinct), held))
    }

    /// `FROM table a WHERE …`: the offending rows (`a`).
    pub fn offending(&self) -> String {
        format!(
            "FROM {t} a WHERE a.{c} IS NOT NULL AND EXISTS (SELECT 1 FROM {t} b WHERE {b} = {a} \
             AND {other})",
            t = self.table,
            c = self.column,
            a = self.of_a,
            b = self.of_b,
            other = if self.every { "b._rowid_ <> a._rowid_" } else { "b._rowid_ < a._rowid_" },
        )
    }

    /// The examples query of the offending rows, in line order: `line, key,
    /// column (?1), value`, then the line and key of the first other row
    /// holding the value (columns 4 and 5), then `extra` columns of row `a`
    /// or of that row (through [`Compared::first`]).
    pub fn examples_sql(&self, extra: &[String]) -> String {
        let extra: String = extra.iter().map(|e| format!(", {e}")).collect();
        format!(
            "SELECT a._line, a._key, ?1, a.{}, {}, {}{extra} {} ORDER BY a._rowid_",
            self.column,
            self.first("_line"),
            self.first("_key"),
            self.offending(),
        )
    }

    /// SQL: `column` (`_line`, `_key`, `_rowid_`) of the first other row
    /// holding the value of row `a`: for a row after the first, the first,
    /// which the destination keeps.
    pub fn first(&self, column: &str) -> String {
        format!(
            "(SELECT b.{column} FROM {t} b WHERE {b} = {a} AND b._rowid_ <> a._rowid_ \
             ORDER BY b._rowid_ LIMIT 1)",
            t = self.table,
            a = self.of_a,
            b = self.of_b
        )
    }
}

/// The limits of a trigger whose only settings are `warn` and `fail`.
fn simple_limits(trigger: &Trigger, settings_: Option<&TriggerSettings>) -> Result<Limits> {
    match settings_ {
        None => Ok(trigger.defaults),
        Some(s) => {
            settings::<ThresholdKeys>(Some(s))?;
            let written = s.thresholds.first().cloned().unwrap_or_default();
            limits(trigger.id, trigger.takes, trigger.defaults, &written)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Location;
    use crate::facts::{Duration, Percent};

    fn written(warn: Option<Limit>, fail: Option<Limit>) -> Thresholds {
        let at = |key, limit: Limit| Threshold {
            limit: Ok(Some(limit)),
            key,
            at: Location::at("scenario.toml", 9, 30),
            text: limit.to_string(),
        };
        Thresholds { warn: warn.map(|l| at("warn", l)), fail: fail.map(|l| at("fail", l)) }
    }

    fn unreadable(why: Unreadable) -> Thresholds {
        let text = "x".to_string();
        let at = Location::at("scenario.toml", 9, 30);
        Thresholds { warn: None, fail: Some(Threshold { limit: Err(why), key: "fail", at, text }) }
    }

    fn problem(result: Result<Limits>) -> ThresholdProblem {
        match result {
            Err(Error::Threshold { problem, .. }) => *problem,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_warn_above_its_fail_is_refused_at_the_warn() {
        let defaults = Limits::fail_above(300);
        let share = |h| Limit::Percent(Percent::hundredths(h));
        let both = written(Some(share(500)), Some(share(300)));
        assert_eq!(
            problem(limits("t", Takes::Share, defaults, &both)),
            ThresholdProblem::WarnAboveFail { fail: "3%".into() }
        );
        let counts = written(Some(Limit::Count(11)), Some(Limit::Count(10)));
        assert!(limits("t", Takes::Share, defaults, &counts).is_err());
        let equal = written(Some(Limit::Count(10)), Some(Limit::Count(10)));
        assert!(limits("t", Takes::Share, defaults, &equal).is_ok());
    }

    #[test]
    fn what_is_written_replaces_the_default_in_a_unit_the_trigger_takes() {
        let defaults = Limits::fail_above(300);
        let none = written(None, None);
        assert_eq!(limits("t", Takes::Share, defaults, &none).unwrap(), defaults);
        let count = written(None, Some(Limit::Count(10)));
        let got = limits("t", Takes::Share, defaults, &count).unwrap();
        assert_eq!(got, Limits { warn: None, fail: Some(Limit::Count(10)) });
        let four_hours = Some(Limit::Duration(Duration::seconds(4 * 3600)));
        let window = written(None, four_hours);
        assert_eq!(
            problem(limits("t", Takes::Share, defaults, &window)),
            ThresholdProblem::TakesShare
        );
        let no_window = Limits { warn: None, fail: four_hours };
        assert_eq!(limits("t", Takes::Duration, no_window, &window).unwrap(), no_window);
        assert_eq!(
            problem(limits("t", Takes::Duration, no_window, &count)),
            ThresholdProblem::TakesDuration
        );
    }

    #[test]
    fn a_value_in_no_unit_is_refused_in_the_units_the_trigger_takes() {
        let defaults = Limits::fail_above(300);
        let refused = |takes, why| problem(limits("t", takes, defaults, &unreadable(why)));
        use ThresholdProblem as P;
        assert_eq!(refused(Takes::Share, Unreadable::Other), P::NotShare);
        assert_eq!(
            refused(Takes::Share, Unreadable::QuotedCount(10)),
            P::QuotedCount { key: "fail", count: 10 }
        );
        assert_eq!(
            refused(Takes::Share, Unreadable::OverHundred(Some(150))),
            P::OverHundred { key: "fail", count: Some(150) }
        );
        assert_eq!(refused(Takes::Share, Unreadable::NotCount), P::NotCount);
        assert_eq!(refused(Takes::Share, Unreadable::TooLarge), P::CountTooLarge);
        for why in [Unreadable::Other, Unreadable::QuotedCount(10), Unreadable::NotCount] {
            assert_eq!(refused(Takes::Duration, why), P::NotDuration);
        }
    }

    #[test]
    fn warn_and_fail_share_a_unit_and_zero_percent_is_a_count_of_zero() {
        let warn_zero = Limits::warn_above(0);
        let fail_five = written(None, Some(Limit::Count(5)));
        let got = limits("t", Takes::Share, warn_zero, &fail_five).unwrap();
        assert_eq!(got, Limits { warn: Some(Limit::Count(0)), fail: Some(Limit::Count(5)) });
        let warn_five = written(Some(Limit::Count(5)), None);
        assert_eq!(
            problem(limits("t", Takes::Share, Limits::fail_above(300), &warn_five)),
            ThresholdProblem::MixedUnits { other: "fail", value: "3%".into(), default: true }
        );
        let both = written(Some(Limit::Percent(Percent::hundredths(100))), Some(Limit::Count(5)));
        assert_eq!(
            problem(limits("t", Takes::Share, Limits::fail_above(300), &both)),
            ThresholdProblem::MixedUnits { other: "fail", value: "5".into(), default: false }
        );
    }
}
