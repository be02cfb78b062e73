//! Checks stage: the rollback triggers, evaluated as set-based SQL on the
//! loaded shadow. Each trigger lives in its own file and is registered in
//! [`TRIGGERS`] with its default thresholds and the units they may be
//! written in; the scenario's `warn` / `fail` in `[triggers]` (read by the
//! scenario) are checked against those here, before anything loads (a
//! trigger with settings of its own checks them itself). It returns one
//! [`TriggerResult`] per object or relationship.
//!
//! This file is the registry and the runner of the checks. What a trigger
//! is lives in `contract.rs`, the references resolved once for all of them
//! in `orphans.rs`; a trigger imports those two, never this file. A new
//! trigger is one new file plus its line in [`TRIGGERS`].
//!
//! Every table holds its rows in source line order, so rowid order is line
//! order: example queries `ORDER BY _rowid_` and stop at the first five
//! instead of sorting every offender. (`_rowid_`, not `rowid`: a field may
//! be called `rowid`, never `_rowid_`, as names starting with `_` are ours.)

use rusqlite::Connection;

use crate::error::{Error, Location, Result, ScenarioError, closest};
use crate::facts::{FileRows, FlagSink, INTEGRITY_CHECKS, Projection, TriggerResult};
use crate::load::Shadow;
use crate::load::sql::attach;
use crate::observe::{self, Observer, Phase};
use crate::scenario::{Scenario, TriggerSettings, ref_columns};

mod contract;
mod cutover;
mod orphans;

mod api_budget;
mod critical_blank;
mod cutover_window;
mod destination_merge;
mod duplicate_link;
mod encoding_damage;
mod import_failure;
mod lost_digits;
mod missing_relationship;
mod orphan_reference;
mod primary_link;
mod reference_cycle;
mod rejected_reference;
mod spreadsheet_damage;
mod unique_violation;
mod unmapped_file;
mod unmapped_value;
mod validation_rule;

pub use contract::{Context, Settings, Takes, Trigger};

/// Every trigger, in report order.
pub const TRIGGERS: &[Trigger] = &[
    import_failure::TRIGGER,
    missing_relationship::TRIGGER,
    critical_blank::TRIGGER,
    encoding_damage::TRIGGER,
    spreadsheet_damage::TRIGGER,
    lost_digits::TRIGGER,
    orphan_reference::TRIGGER,
    rejected_reference::TRIGGER,
    duplicate_link::TRIGGER,
    primary_link::TRIGGER,
    reference_cycle::TRIGGER,
    unmapped_value::TRIGGER,
    unmapped_file::TRIGGER,
    destination_merge::TRIGGER,
    unique_violation::TRIGGER,
    validation_rule::TRIGGER,
    cutover_window::TRIGGER,
    api_budget::TRIGGER,
];

/// Checks every `[triggers]` entry names a known trigger with valid settings.
pub fn validate(scenario: &Scenario) -> Result<()> {
    for settings in &scenario.triggers {
        if INTEGRITY_CHECKS.contains(&settings.id.as_str()) {
            let kind = ScenarioError::IntegrityCheckSettings { id: settings.id.clone() };
            return Err(kind.at(settings.at.clone()));
        }
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
    validate_expected(scenario)
}

/// Checks every `[expect] triggers` entry names a trigger, an integrity
/// check or a migration-day check.
fn validate_expected(scenario: &Scenario) -> Result<()> {
    let Some(expect) = &scenario.expect else { return Ok(()) };
    for (n, entry) in expect.triggers.iter().flatten().enumerate() {
        let id = entry.split_once(':').map_or(entry.as_str(), |(id, _)| id);
        let day = crate::facts::MIGRATION_DAY_CHECKS;
        if !TRIGGERS.iter().any(|t| t.id == id)
            && !INTEGRITY_CHECKS.contains(&id)
            && !day.contains(&id)
        {
            let known = INTEGRITY_CHECKS
                .into_iter()
                .chain(TRIGGERS.iter().map(|t| t.id))
                .chain(day)
                .collect();
            let (id, suggestion, known) = unknown_trigger(id, known);
            let kind = ScenarioError::UnknownExpectedTrigger { id, suggestion, known };
            let at = expect.trigger_locations.get(n).cloned();
            return Err(kind.at(at.unwrap_or_else(|| Location::file(&scenario.path))));
        }
    }
    Ok(())
}

/// The thresholds in force for the registered trigger `id` in `scenario`
/// (its `[triggers]` settings, else the defaults); `None` for no such trigger.
pub fn limits_of(scenario: &Scenario, id: &str) -> Result<Option<crate::facts::Limits>> {
    let Some(trigger) = TRIGGERS.iter().find(|t| t.id == id) else { return Ok(None) };
    trigger.limits(scenario.triggers.iter().find(|t| t.id == id)).map(Some)
}

/// What the checks found: one result per trigger and object, and the
/// cut-over projection the cut-over triggers measured.
#[derive(Debug)]
pub struct Evaluation {
    /// The results, in trigger order.
    pub results: Vec<TriggerResult>,
    /// The projection, when the scenario has a `[cutover]` section.
    pub cutover: Option<Projection>,
}

/// Evaluates every trigger against the loaded shadow.
///
/// The work runs on one thread per core, each with its own connection to
/// the shadow (which they only read): first every reference is resolved
/// once (`orphans::find_orphans`), each thread writing the references it took into
/// a scratch database of its own; then the triggers, with every scratch
/// database attached. Results come in trigger order whichever thread
/// computed them, and an error is the one of the first trigger in order.
/// Both steps, and each trigger, are phases told to `observer`.
///
/// Every row a trigger flags also goes to `flagged`, when given (the fix
/// list).
///
/// Between them the cut-over is projected: `loaded` is what the load
/// took, to which the reference resolution's time is added to measure
/// validation when the scenario declares none.
pub fn evaluate(
    scenario: &Scenario,
    shadow: &Shadow,
    files: &[FileRows],
    loaded: std::time::Duration,
    observer: &dyn Observer,
    flagged: Option<&dyn FlagSink>,
) -> Result<Evaluation> {
    let threads = crate::load::threads();
    let refs = ref_columns(scenario);
    let shadow = shadow.files();
    let scratch =
        (0..threads.min(refs.len())).map(|_| shadow.scratch()).collect::<Result<Vec<_>>>()?;
    let resolving = std::time::Instant::now();
    observe::phase(observer, Phase::ResolveReferences, || {
        in_parallel(
            scratch.len(),
            refs.len(),
            None,
            |t| {
                let conn = shadow.reader()?;
                attach(&conn, scratch[t].path(), "scratch")?;
                conn.execute_batch(
                    "PRAGMA scratch.journal_mode = OFF; PRAGMA scratch.synchronous = OFF;",
                )
                .map_err(Error::shadow("configure scratch"))?;
                Ok(conn)
            },
            |conn, n| orphans::find_orphans(conn, n, &refs[n]),
        )
    })?;
    let rehearsal_ms =
        u64::try_from((loaded + resolving.elapsed()).as_millis()).unwrap_or(u64::MAX);
    let projection = cutover::projection(scenario, &shadow.reader()?, files, rehearsal_ms)?;
    let results = in_parallel(
        threads,
        TRIGGERS.len(),
        Some(&longest_first()),
        |_| {
            let conn = shadow.reader()?;
            for (t, file) in scratch.iter().enumerate() {
                attach(&conn, file.path(), &format!("scratch{t}"))?;
            }
            Ok(conn)
        },
        |conn, i| {
            let trigger = &TRIGGERS[i];
            let flagged = flagged.map(|sink| (sink, trigger.id));
            let ctx = Context { scenario, conn, files, cutover: projection.as_ref(), flagged };
            let settings = settings_for(scenario, trigger.id);
            observe::phase(observer, Phase::Trigger(trigger.id), || {
                let results = trigger
                    .limits(settings)
                    .and_then(|limits| (trigger.evaluate)(&ctx, limits, settings))?;
                Ok(results
                    .into_iter()
                    .map(|r| TriggerResult {
                        authority: trigger.authority,
                        cause: trigger.cause,
                        ..r
                    })
                    .collect::<Vec<_>>())
            })
        },
    )?;
    Ok(Evaluation { results: results.into_iter().flatten().collect(), cutover: projection })
}

/// Runs `work(conn, i)` for every `i` in `0..jobs` on `threads` threads,
/// each with the connection `connect(thread)` makes, handing out the jobs in
/// `order` (every job once; `None`: `0..jobs`) as threads come free. Returns
/// the results in job order, or the error of the first failing job in job
/// order (or of a connection).
fn in_parallel<T: Send>(
    threads: usize,
    jobs: usize,
    order: Option<&[usize]>,
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
                        let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if n >= jobs {
                            return done;
                        }
                        let i = order.and_then(|o| o.get(n).copied()).unwrap_or(n);
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

/// Triggers handed to the checking threads before the others, longest
/// first: those that read whole tables. On the 1M-contact bench,
/// lost_digits took 0.96 s of the 1.41 s the triggers took, primary_link
/// 0.24 s and missing_relationship 0.15 s; started last, lost_digits ran
/// alone while the other threads had nothing left to do.
const LONGEST_FIRST: [&str; 3] = ["lost_digits", "primary_link", "missing_relationship"];

/// The positions in [`TRIGGERS`] in the order they are started:
/// [`LONGEST_FIRST`], then the others as registered.
fn longest_first() -> Vec<usize> {
    let long = |id: &str| LONGEST_FIRST.iter().position(|l| *l == id);
    let mut order: Vec<usize> = (0..TRIGGERS.len()).collect();
    order.sort_by_key(|&i| long(TRIGGERS[i].id).unwrap_or(LONGEST_FIRST.len()));
    order
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_triggers_start_first_and_every_trigger_starts_once() {
        for id in LONGEST_FIRST {
            assert!(TRIGGERS.iter().any(|t| t.id == id), "{id} is not registered");
        }
        let order = longest_first();
        let started: Vec<&str> = order.iter().map(|&i| TRIGGERS[i].id).collect();
        assert_eq!(started[..3], LONGEST_FIRST);
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..TRIGGERS.len()).collect::<Vec<_>>());
    }
}
