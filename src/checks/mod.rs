//! Checks stage: the rollback triggers, evaluated as set-based SQL on the
//! loaded shadow. Each trigger lives in its own file and is registered in
//! [`TRIGGERS`] with its default thresholds and the units they may be
//! written in; the scenario's `warn` / `fail` in `[triggers]` (read by the
//! scenario) are checked against those here, before anything loads (a
//! trigger with settings of its own checks them itself). It returns one
//! [`TriggerResult`] per object or relationship.
//!
//! Every table holds its rows in source line order, so rowid order is line
//! order: example queries `ORDER BY _rowid_` and stop at the first five
//! instead of sorting every offender. (`_rowid_`, not `rowid`: a field may
//! be called `rowid`, never `_rowid_`, as names starting with `_` are ours.)

use rusqlite::Connection;
use serde::de::{DeserializeOwned, IgnoredAny};

use crate::error::{Error, Location, Result, ScenarioError, ThresholdProblem, closest};
use crate::facts::FileRows;
use crate::facts::{Example, INTEGRITY_CHECKS, Note, TriggerResult};
use crate::facts::{Limit, Limits, Unit};
use crate::load::Shadow;
pub use crate::load::sql::count;
use crate::load::sql::{attach, ident};
use crate::observe::{self, Observer, Phase};
use crate::scenario::{RefColumn, Scenario, Threshold, Thresholds, TriggerSettings, ref_columns};
use tempfile::NamedTempFile;

mod critical_blank;
mod duplicate_link;
mod encoding_damage;
mod import_failure;
mod missing_relationship;
mod orphan_reference;
mod primary_link;
mod reference_cycle;
mod unmapped_file;
mod unmapped_value;

/// Everything a trigger may look at.
pub struct Context<'a> {
    /// The scenario being rehearsed.
    pub scenario: &'a Scenario,
    /// The loaded shadow.
    pub conn: &'a Connection,
    /// Row accounting per export file, in scenario order.
    pub files: &'a [FileRows],
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
}

impl Trigger {
    /// The thresholds in force: the scenario's, else the defaults.
    fn limits(&self, settings: Option<&TriggerSettings>) -> Result<Limits> {
        match self.settings {
            Settings::Thresholds => simple_limits(self, settings),
            Settings::Own(_) => Ok(self.defaults),
        }
    }
}

/// Every trigger, in report order.
pub const TRIGGERS: &[Trigger] = &[
    import_failure::TRIGGER,
    missing_relationship::TRIGGER,
    critical_blank::TRIGGER,
    encoding_damage::TRIGGER,
    orphan_reference::TRIGGER,
    duplicate_link::TRIGGER,
    primary_link::TRIGGER,
    reference_cycle::TRIGGER,
    unmapped_value::TRIGGER,
    unmapped_file::TRIGGER,
];

/// Checks every `[triggers]` entry names a known trigger with valid settings.
pub fn validate(scenario: &Scenario) -> Result<()> {
    for settings in &scenario.triggers {
        if !TRIGGERS.iter().any(|t| t.id == settings.id) {
            let known = TRIGGERS.iter().map(|t| t.id).collect();
            let (id, suggestion, known) = unknown_trigger(&settings.id, known);
            return Err(
                ScenarioError::UnknownTrigger { id, suggestion, known }.at(settings.at.clone())
            );
        }
    }
    for trigger in TRIGGERS {
        let settings = settings_for(scenario, trigger.id);
        match trigger.settings {
            Settings::Thresholds => trigger.limits(settings).map(drop)?,
            Settings::Own(validate) => validate(scenario, settings)?,
        }
    }
    let expected = scenario.expect.as_ref().and_then(|e| e.triggers.as_ref());
    for entry in expected.into_iter().flatten() {
        let id = entry.split_once(':').map_or(entry.as_str(), |(id, _)| id);
        if !TRIGGERS.iter().any(|t| t.id == id) && !INTEGRITY_CHECKS.contains(&id) {
            let known = INTEGRITY_CHECKS.into_iter().chain(TRIGGERS.iter().map(|t| t.id)).collect();
            let (id, suggestion, known) = unknown_trigger(id, known);
            let kind = ScenarioError::UnknownExpectedTrigger { id, suggestion, known };
            return Err(kind.at(Location::file(&scenario.path)));
        }
    }
    Ok(())
}

/// Most threads the checks use.
const MAX_THREADS: usize = 4;

/// Evaluates every trigger against the loaded shadow.
///
/// The work runs on one thread per core, each with its own connection to
/// the shadow (which they only read): first every reference is resolved
/// once ([`find_orphans`]), each thread writing the references it took into
/// a scratch database of its own; then the triggers, with every scratch
/// database attached. Results come in trigger order whichever thread
/// computed them, and an error is the one of the first trigger in order.
/// Both steps, and each trigger, are phases told to `observer`.
pub fn evaluate(
    scenario: &Scenario,
    shadow: &Shadow,
    files: &[FileRows],
    observer: &dyn Observer,
) -> Result<Vec<TriggerResult>> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from).min(MAX_THREADS);
    let refs = ref_columns(scenario);
    let shadow = shadow.files();
    let scratch: Vec<NamedTempFile> =
        (0..threads.min(refs.len())).map(|_| shadow.scratch()).collect::<Result<_>>()?;
    observe::phase(observer, Phase::ResolveReferences, || {
        in_parallel(
            scratch.len(),
            refs.len(),
            |t| {
                let conn = shadow.reader()?;
                attach(&conn, scratch[t].path(), "scratch")?;
                conn.execute_batch(
                    "PRAGMA scratch.journal_mode = OFF; PRAGMA scratch.synchronous = OFF;",
                )
                .map_err(Error::shadow("configure scratch"))?;
                Ok(conn)
            },
            |conn, n| find_orphans(conn, n, &refs[n]),
        )
    })?;
    let results = in_parallel(
        threads,
        TRIGGERS.len(),
        |_| {
            let conn = shadow.reader()?;
            for (t, file) in scratch.iter().enumerate() {
                attach(&conn, file.path(), &format!("scratch{t}"))?;
            }
            Ok(conn)
        },
        |conn, i| {
            let trigger = &TRIGGERS[i];
            let ctx = Context { scenario, conn, files };
            let settings = settings_for(scenario, trigger.id);
            observe::phase(observer, Phase::Trigger(trigger.id), || {
                trigger
                    .limits(settings)
                    .and_then(|limits| (trigger.evaluate)(&ctx, limits, settings))
            })
        },
    )?;
    Ok(results.into_iter().flatten().collect())
}

/// Runs `work(conn, i)` for every `i` in `0..jobs` on `threads` threads,
/// each with the connection `connect(thread)` makes, handing out the jobs in
/// order as threads come free. Returns the results in job order, or the
/// error of the first failing job (or of a connection).
fn in_parallel<T: Send>(
    threads: usize,
    jobs: usize,
    connect: impl Fn(usize) -> Result<Connection> + Sync,
    work: impl Fn(&Connection, usize) -> Result<T> + Sync,
) -> Result<Vec<T>> {
    if jobs == 0 {
        return Ok(Vec::new());
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<(usize, Result<T>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads.clamp(1, jobs))
            .map(|thread| {
                let (connect, work, next) = (&connect, &work, &next);
                scope.spawn(move || {
                    let conn = match connect(thread) {
                        Ok(conn) => conn,
                        Err(e) => return vec![(usize::MAX, Err(e))],
                    };
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if i >= jobs {
                            return done;
                        }
                        done.push((i, work(&conn, i)));
                    }
                })
            })
            .collect();
        let mut done = Vec::new();
        for worker in workers {
            match worker.join() {
                Ok(results) => done.extend(results),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        done
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, result)| result).collect()
}

/// An unknown trigger id, the closest known one and every known one.
/// The id written, the closest of `known`, and `known`.
fn unknown_trigger(
    id: &str,
    known: Vec<&'static str>,
) -> (String, Option<String>, Vec<&'static str>) {
    let suggestion = closest(id, known.iter().copied()).map(str::to_string);
    (id.to_string(), suggestion, known)
}

fn settings_for<'s>(scenario: &'s Scenario, id: &str) -> Option<&'s TriggerSettings> {
    scenario.triggers.iter().find(|t| t.id == id)
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
        if t.limit.is_some_and(|l| !takes.accepts(l.unit())) {
            return Err(error(t, takes.refusal()));
        }
    }
    let warn = written.warn.as_ref().map_or(defaults.warn, |t| t.limit);
    let fail = written.fail.as_ref().map_or(defaults.fail, |t| t.limit);
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
        let message = e.message().trim_end().to_string();
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
        .query_map(params, |row| {
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
        })
        .map_err(Error::shadow("query examples"))?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(Error::shadow("read examples"))
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

/// Resolves reference `n` of [`ref_columns`] once, for every trigger: the
/// rows whose reference matches nothing go to the table `_orphans_{n}`
/// (their rowids) in the connection's `scratch` database. Orphans are few,
/// so "this link resolves" becomes a cheap lookup in a small table instead
/// of a search in a large key index, however many triggers ask.
fn find_orphans(conn: &Connection, n: usize, r: &RefColumn<'_>) -> Result<()> {
    let column = ident(&r.column);
    conn.execute_batch(&format!(
        "CREATE TABLE scratch.{orphans} (row INTEGER PRIMARY KEY);
         INSERT INTO scratch.{orphans} SELECT c._rowid_ FROM {} c WHERE c.{column} IS NOT NULL AND NOT {};",
        ident(r.table),
        resolves(&format!("c.{column}"), &r.targets, r.by),
        orphans = orphans_table(n),
    ))
    .map_err(Error::shadow("find orphans"))
}

/// The table of the rows whose reference `n` of [`ref_columns`] resolves
/// to nothing.
pub fn orphans_table(n: usize) -> String {
    format!("_orphans_{n}")
}

/// SQL condition: the reference `column` of `table` in the row `rowid_sql`
/// resolves (it is not in its orphans table). Only for references [`ref_columns`]
/// lists; a blank value counts as resolving (check `IS NOT NULL` where
/// blank matters).
pub fn not_orphan(scenario: &Scenario, table: &str, column: &str, rowid_sql: &str) -> String {
    let n = ref_columns(scenario).iter().position(|r| r.table == table && r.column == column);
    match n {
        Some(n) => {
            // `x NOT IN table` probes the table's rowid directly: cheaper
            // than a correlated subquery, on every link of a junction.
            format!("{rowid_sql} NOT IN {}", orphans_table(n))
        }
        None => "1".to_string(),
    }
}

/// SQL condition: the value `value_sql` matches a row of one of `targets`:
/// by source key, or by the field `by`, which must then match exactly one
/// row (a value two rows share cannot be resolved by the destination either).
pub fn resolves(value_sql: &str, targets: &[&str], by: Option<&str>) -> String {
    let each: Vec<String> = targets
        .iter()
        .map(|t| match by {
            None => format!("EXISTS (SELECT 1 FROM {} WHERE _key = {value_sql})", ident(t)),
            Some(by) => {
                format!("(SELECT count(*) FROM {} WHERE {} = {value_sql}) = 1", ident(t), ident(by))
            }
        })
        .collect();
    format!("({})", each.join(" OR "))
}

/// Salesforce key prefixes of the standard objects a CRM migration meets,
/// to name what an unresolved id points at.
const SALESFORCE_PREFIXES: [(&str, &str); 16] = [
    ("001", "Account"),
    ("003", "Contact"),
    ("005", "User"),
    ("006", "Opportunity"),
    ("00Q", "Lead"),
    ("00T", "Task"),
    ("00U", "Event"),
    ("00K", "OpportunityContactRole"),
    ("00k", "OpportunityLineItem"),
    ("00v", "CampaignMember"),
    ("01t", "Product2"),
    ("02Z", "AccountContactRole"),
    ("07k", "AccountContactRelation"),
    ("500", "Case"),
    ("701", "Campaign"),
    ("800", "Contract"),
];

/// The Salesforce object a key prefix belongs to, if it is a standard one.
pub fn salesforce_object(prefix: &str) -> Option<&'static str> {
    SALESFORCE_PREFIXES.iter().find(|(p, _)| *p == prefix).map(|(_, name)| *name)
}

/// A cell of any SQLite type as text (ids may be stored as integers).
fn text(value: rusqlite::types::ValueRef<'_>) -> Option<String> {
    use rusqlite::types::ValueRef;
    match value {
        ValueRef::Null => None,
        ValueRef::Integer(i) => Some(i.to_string()),
        ValueRef::Real(r) => Some(r.to_string()),
        ValueRef::Text(t) | ValueRef::Blob(t) => Some(String::from_utf8_lossy(t).into_owned()),
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
    use crate::facts::{Duration, Percent};

    fn written(warn: Option<Limit>, fail: Option<Limit>) -> Thresholds {
        let at = |limit: Option<Limit>| Threshold {
            limit,
            at: Location::at("scenario.toml", 9, 30),
            text: limit.map_or("off".into(), |l| l.to_string()),
        };
        Thresholds { warn: warn.map(|l| at(Some(l))), fail: fail.map(|l| at(Some(l))) }
    }

    fn problem(result: Result<Limits>) -> ThresholdProblem {
        match result {
            Err(Error::Threshold { problem, .. }) => *problem,
            other => panic!("{other:?}"),
        }
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
