//! Orchestration: scenario → (every file checked first) → shadow → load →
//! indexes → triggers → coverage → report (and the rejects file), telling
//! the options' observer how it goes. Also finds the scenario folders of a
//! suite.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::checks;
use crate::error::{Error, Location, Result};
use crate::facts::{Example, FileRows, FlagSink, InputFile};
use crate::load::flagged::FlagTable;
use crate::load::{Job, Shadow};
use crate::map::{JunctionPlan, ObjectPlan};
use crate::observe::{self, Observer, Phase, Silent};
use crate::parse::CsvFile;
use crate::report::Report;
use crate::report::suite::SuiteCase;
use crate::report::{flagged, rejects};
use crate::scenario::{Reach, SCENARIO_FILE, Scenario};

/// Options of one rehearsal.
#[derive(Clone, Default)]
pub struct RunOptions {
    /// Keep the shadow database at this path (written under a temporary
    /// name, renamed into place when complete).
    pub db: Option<PathBuf>,
    /// Write every rejected row to this CSV file (written under a temporary
    /// name, renamed into place when complete).
    pub rejects: Option<PathBuf>,
    /// Write every flagged row (the fix list) to this CSV file, sorted by
    /// file and line (written under a temporary name, renamed into place
    /// when complete).
    pub flagged: Option<PathBuf>,
    /// Where the caller will write the report (`--output`): not written
    /// here, but checked with the other outputs before anything is read.
    pub report: Option<PathBuf>,
    /// Told how the rehearsal goes: files loading, phases and their
    /// durations. Nobody, when `None`.
    pub observer: Option<Arc<dyn Observer>>,
    /// When the rehearsal runs (UTC, RFC 3339), for the report's evidence;
    /// `None` leaves it out, as deterministic runs ask.
    pub run_at: Option<String>,
    /// Warnings fail the run (`--warn-error`): any result at warn level
    /// makes the verdict ROLLBACK.
    pub warn_error: bool,
    /// The key of a redacted baseline, for a scenario folder that verifies
    /// a load against one (`test`); a rehearsal does not use it.
    pub redact_key: Option<crate::report::redact::Redactor>,
}

impl fmt::Debug for RunOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RunOptions")
            .field("db", &self.db)
            .field("rejects", &self.rejects)
            .field("flagged", &self.flagged)
            .field("report", &self.report)
            .field("observer", &self.observer.as_ref().map(|_| "…"))
            .field("run_at", &self.run_at)
            .field("warn_error", &self.warn_error)
            .field("redact_key", &self.redact_key)
            .finish()
    }
}

impl RunOptions {
    /// Whoever watches: the observer, or [`Silent`].
    fn observer(&self) -> &dyn Observer {
        self.observer.as_deref().unwrap_or(&Silent)
    }
}

/// Rehearses `scenario`: loads every file into a fresh shadow, evaluates
/// the triggers, reads the value maps' coverage, and only then writes the
/// rejects file if asked. Problems in the data become rejects and trigger
/// results; an `Err` means the rehearsal could not run (exit code 2).
pub fn rehearse(scenario: &Scenario, options: &RunOptions) -> Result<Report> {
    rehearse_with(scenario, options, |_| Ok(())).map(|(report, ())| report)
}

/// [`rehearse`], and `also` run on the loaded shadow before it closes: what
/// a tool reads from the shadow beside the report (the rollback plan's open
/// pipeline).
pub fn rehearse_with<T>(
    scenario: &Scenario,
    options: &RunOptions,
    also: impl FnOnce(&Shadow) -> Result<T>,
) -> Result<(Report, T)> {
    checks::validate(scenario)?;
    let outputs = [
        ("--output", &options.report),
        ("--db", &options.db),
        ("--rejects", &options.rejects),
        ("--flagged", &options.flagged),
    ];
    let outputs: Vec<(&str, &Path)> =
        outputs.iter().filter_map(|(o, p)| p.as_deref().map(|p| (*o, p))).collect();
    crate::output::refuse_inputs(&scenario.inputs(), &outputs)?;
    if let Some(path) = &options.rejects
        && path.exists()
    {
        rejects::check_target(path)?;
    }
    if let Some(path) = &options.flagged {
        flagged::check_target(path)?;
    }
    let shadow_at = options.db.clone().unwrap_or_else(std::env::temp_dir);
    in_shadow(scenario, options, also)
        .map_err(|e| crate::load::explain_write_failure(e, &shadow_at))
}

/// The rehearsal proper, from the load to the report, with `also` run on
/// the shadow at its end.
fn in_shadow<T>(
    scenario: &Scenario,
    options: &RunOptions,
    also: impl FnOnce(&Shadow) -> Result<T>,
) -> Result<(Report, T)> {
    let observer = options.observer();
    let loading = std::time::Instant::now();
    // The inputs are hashed on a thread of their own while they load.
    let (loaded, inputs) = std::thread::scope(|s| {
        let inputs = s.spawn(|| fingerprints(scenario, scenario.inputs()));
        let loaded = observe::phase(observer, Phase::Load, || {
            load(scenario, options.db.as_deref(), observer)
        });
        (loaded, inputs.join())
    });
    let (shadow, files) = loaded?;
    let inputs = inputs.unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
    let loaded = loading.elapsed();
    let fix_list = options.flagged.as_ref().map(|_| shadow.flag_table()).transpose()?;
    let sink = fix_list.as_ref().map(FixList);
    let evaluation = observe::phase(observer, Phase::Triggers, || {
        let sink = sink.as_ref().map(|s| s as &dyn FlagSink);
        checks::evaluate(scenario, &shadow, &files, loaded, observer, sink)
    })?;
    if let (Some(path), Some(table)) = (&options.flagged, fix_list) {
        observe::phase(observer, Phase::FixList, || {
            let mut writer = flagged::Writer::create(path)?;
            table.each_sorted(|row| writer.write(row))?;
            writer.finish()
        })?;
    }
    let value_maps = observe::phase(observer, Phase::Coverage, || shadow.coverage(scenario))?;
    let placeholders = shadow.placeholders(scenario)?;
    if let Some(path) = &options.rejects {
        observe::phase(observer, Phase::Rejects, || write_rejects(&shadow, path))?;
    }
    let decision = crate::facts::decide(&files, evaluation.results, options.warn_error);
    let mut report = Report::build(scenario, &files, decision, value_maps, placeholders);
    report.cutover = evaluation.cutover;
    report.evidence.run_at.clone_from(&options.run_at);
    report.evidence.inputs = inputs;
    let also = also(&shadow)?;
    if options.db.is_some() {
        observe::phase(observer, Phase::KeepShadow, || shadow.finish())?;
    } else {
        shadow.finish()?;
    }
    Ok((report, also))
}

/// The size and sha256 of each of `paths` (the files `scenario` and a
/// migration-day command read), each once, in the order given, named
/// relative to the scenario folder when they are in it.
pub fn fingerprints(scenario: &Scenario, paths: Vec<PathBuf>) -> Result<Vec<InputFile>> {
    let mut seen = std::collections::BTreeSet::new();
    let mut inputs = Vec::new();
    for path in paths {
        // A path that is not a readable regular file is not opened here
        // (a FIFO would wait forever); the load names what is wrong with it.
        if !seen.insert(path.clone()) || crate::error::check_input(&path).is_err() {
            continue;
        }
        let (bytes, sha256) = crate::decode::fingerprint(&path)?;
        let file = path.strip_prefix(&scenario.dir).unwrap_or(&path);
        let file = file.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>();
        inputs.push(InputFile { file: file.join("/"), bytes, sha256 });
    }
    Ok(inputs)
}

/// The fix list's sink: each flagged example as a row of its table.
struct FixList<'t>(&'t FlagTable);

impl FlagSink for FixList<'_> {
    fn flag(&self, trigger: &'static str, example: &Example) -> Result<()> {
        let rank = checks::TRIGGERS.iter().position(|t| t.id == trigger).unwrap_or(usize::MAX);
        self.0.insert(rank, &flagged::row(trigger, example))
    }
}

/// Writes every rejected row of `shadow` to `path`, streaming.
fn write_rejects(shadow: &Shadow, path: &Path) -> Result<()> {
    let mut writer = rejects::Writer::create(path)?;
    shadow.each_reject(|row| writer.write(row))?;
    writer.finish()
}

/// Loads every export file of `scenario` into a new shadow (kept at `db`
/// if given) and indexes it: everything a rehearsal does before the checks.
/// Files and phases are told to `observer`.
pub fn load(
    scenario: &Scenario,
    db: Option<&Path>,
    observer: &dyn Observer,
) -> Result<(Shadow, Vec<FileRows>)> {
    let owners = scenario
        .objects
        .iter()
        .map(|o| ("object", &o.name, &o.source))
        .chain(scenario.junctions.iter().map(|j| ("junction", &j.name, &j.source)));
    for (what, name, source) in owners {
        match crate::error::check_input(&source.path) {
            Ok(()) => {}
            Err(crate::error::InputProblem::NotFound) => {
                return Err(Error::MissingDataFile {
                    file: source.path.clone(),
                    what,
                    name: name.clone(),
                    declared_at: source.declared_at.clone(),
                });
            }
            Err(problem) => {
                return Err(Error::DataFileNotAFile(Box::new(crate::error::DataFileNotAFile {
                    file: source.path.clone(),
                    what,
                    name: name.clone(),
                    declared_at: source.declared_at.clone(),
                    problem,
                })));
            }
        }
    }

    // Open every file and resolve every column before loading anything, so
    // a typo in the mapping fails in a second, not after a long load.
    let mut jobs = Vec::with_capacity(scenario.objects.len() + scenario.junctions.len());
    for object in &scenario.objects {
        let csv = CsvFile::open(&object.source)?;
        jobs.push(Job::Object(ObjectPlan::new(scenario, object, &csv)?, csv));
    }
    for junction in &scenario.junctions {
        let csv = CsvFile::open(&junction.source)?;
        jobs.push(Job::Junction(JunctionPlan::new(scenario, junction, &csv)?, csv));
    }

    let mut shadow = Shadow::create(db)?;
    let files =
        observe::phase(observer, Phase::LoadFiles, || shadow.load(scenario, jobs, observer))?;
    Ok((shadow, files))
}

/// Validates `scenario` and loads it into a new shadow, telling nobody:
/// what the tools (`baseline`) start from.
pub fn checked_load(scenario: &Scenario) -> Result<(Shadow, Vec<FileRows>)> {
    checks::validate(scenario)?;
    load(scenario, None, &Silent)
}

/// [`checked_load`], then every trigger evaluated on the shadow: what
/// `verify` runs on the destination's export. The shadow stays open for
/// the caller's own comparisons.
pub fn load_and_evaluate(
    scenario: &Scenario,
) -> Result<(Shadow, Vec<FileRows>, Vec<crate::facts::TriggerResult>)> {
    let loading = std::time::Instant::now();
    let (shadow, files) = checked_load(scenario)?;
    let evaluation = checks::evaluate(scenario, &shadow, &files, loading.elapsed(), &Silent, None)?;
    Ok((shadow, files, evaluation.results))
}

/// The thresholds in force for trigger `id` in `scenario`, if it is one.
pub fn limits_of(scenario: &Scenario, id: &str) -> Result<Option<crate::facts::Limits>> {
    checks::limits_of(scenario, id)
}

/// The ids of every registered trigger, in report order.
pub fn trigger_ids() -> impl Iterator<Item = &'static str> {
    checks::TRIGGERS.iter().map(|t| t.id)
}

/// The folders directly under `dir` that hold a `scenario.toml`, sorted by name.
pub fn scenario_folders(dir: &Path) -> Result<Vec<PathBuf>> {
    let read_error = |source| Error::Read { location: Location::file(dir), source };
    let mut folders = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(read_error)? {
        let path = entry.map_err(read_error)?.path();
        if path.join(SCENARIO_FILE).is_file() {
            folders.push(path);
        }
    }
    folders.sort();
    if folders.is_empty() {
        return Err(Error::NoScenario(dir.to_path_buf()));
    }
    Ok(folders)
}

/// Rehearses every scenario folder under `dir` whose name contains
/// `filter`, each reading files as far as `reach` allows, each through
/// `each` (a rehearsal, or what the scenario's migration-day section asks for).
pub fn rehearse_suite(
    dir: &Path,
    filter: Option<&str>,
    reach: Reach,
    options: &RunOptions,
    each: &dyn Fn(&Scenario, &RunOptions) -> Result<Report>,
) -> Result<Vec<SuiteCase>> {
    let mut cases = Vec::new();
    for folder in scenario_folders(dir)? {
        let name = folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if filter.is_some_and(|f| !name.contains(f)) {
            continue;
        }
        let started = std::time::Instant::now();
        let outcome = Scenario::load_with(&folder, reach).and_then(|s| each(&s, options));
        cases.push(SuiteCase { name, outcome, duration: started.elapsed() });
    }
    Ok(cases)
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;
    use std::time::Duration;

    use super::*;
    use crate::observe::{FileDone, LoadFile, Progress};

    /// What a recording observer saw, in order.
    #[derive(Debug, Clone, PartialEq, Eq)]
    enum Event {
        FileStarted(String, String, u64),
        FileRead(String),
        FileDone(String, Option<crate::observe::Rows>),
        PhaseStarted(String),
        PhaseDone(String),
    }

    #[derive(Default)]
    struct Recorder(Mutex<Vec<Event>>);

    impl Recorder {
        fn push(&self, event: Event) {
            self.0.lock().unwrap().push(event);
        }
    }

    impl Observer for Recorder {
        fn file_started(&self, file: &LoadFile) {
            self.push(Event::FileStarted(file.object.clone(), file.file.clone(), file.bytes));
        }
        fn file_read(&self, file: &LoadFile, _: Progress) {
            self.push(Event::FileRead(file.object.clone()));
        }
        fn file_done(&self, file: &LoadFile, done: FileDone) {
            self.push(Event::FileDone(file.object.clone(), done.rows));
        }
        fn phase_started(&self, phase: Phase<'_>) {
            self.push(Event::PhaseStarted(phase.to_string()));
        }
        fn phase_done(&self, phase: Phase<'_>, _: Duration) {
            self.push(Event::PhaseDone(phase.to_string()));
        }
    }

    /// Rehearses the incident with `--rejects` (and `--db` if `keep`) and
    /// returns every event.
    fn events_of(keep: bool) -> (Scenario, Report, Vec<Event>) {
        let scenario = Scenario::load(Path::new("scenarios/opportunity-contact-roles-missed"))
            .expect("scenario");
        let dir = tempfile::tempdir().expect("temp dir");
        let recorder = Arc::new(Recorder::default());
        let options = RunOptions {
            rejects: Some(dir.path().join("rejects.csv")),
            db: keep.then(|| dir.path().join("shadow.db")),
            observer: Some(recorder.clone()),
            ..RunOptions::default()
        };
        let report = rehearse(&scenario, &options).expect("rehearsal");
        let events = recorder.0.lock().unwrap().clone();
        (scenario, report, events)
    }

    /// Rehearses the incident with `--rejects` and `--db` and returns every event.
    fn events_of_a_rehearsal() -> (Scenario, Report, Vec<Event>) {
        events_of(true)
    }

    #[test]
    fn the_observer_sees_every_file_start_be_read_and_finish() {
        let (scenario, report, events) = events_of_a_rehearsal();
        let at = |wanted: Event| {
            events.iter().position(|e| *e == wanted).unwrap_or_else(|| panic!("{wanted:?}"))
        };
        let load_files = at(Event::PhaseStarted("load and index files".into()));
        let owners = scenario.objects.iter().map(|o| (&o.name, &o.source));
        for (object, source) in
            owners.chain(scenario.junctions.iter().map(|j| (&j.name, &j.source)))
        {
            let bytes = std::fs::metadata(&source.path).unwrap().len();
            let o = report.objects.iter().find(|o| o.name == *object).unwrap();
            let rows = crate::observe::Rows {
                read: o.source_rows,
                loaded: o.loaded,
                rejected: o.rejected,
            };
            let started = at(Event::FileStarted(object.clone(), source.file.clone(), bytes));
            // Small files report their first row only.
            let read = at(Event::FileRead(object.clone()));
            let done = at(Event::FileDone(object.clone(), Some(rows)));
            assert!(load_files < started && started < read && read < done, "{events:?}");
        }
        let files = events.iter().filter(|e| matches!(e, Event::FileStarted(..))).count();
        assert_eq!(files, scenario.objects.len() + scenario.junctions.len());
    }

    #[test]
    fn the_observer_sees_the_phases_in_order() {
        let (_, _, events) = events_of_a_rehearsal();
        let phases: Vec<&Event> = events
            .iter()
            .filter(|e| matches!(e, Event::PhaseStarted(_) | Event::PhaseDone(_)))
            .collect();
        let top = [
            "load and index",
            "triggers",
            "value-map coverage",
            "write rejects",
            "keep the shadow",
        ];
        let in_top = |e: &&&Event| match e {
            Event::PhaseStarted(p) | Event::PhaseDone(p) => top.contains(&p.as_str()),
            _ => false,
        };
        let expected: Vec<Event> = top
            .iter()
            .flat_map(|p| [Event::PhaseStarted(p.to_string()), Event::PhaseDone(p.to_string())])
            .collect();
        assert_eq!(phases.iter().filter(in_top).copied().cloned().collect::<Vec<_>>(), expected);

        let at = |e: Event| phases.iter().position(|p| **p == e).unwrap_or_else(|| panic!("{e:?}"));
        let inside = |inner: &str, outer: &str| {
            let (started, done) = (Event::PhaseStarted, Event::PhaseDone);
            assert!(at(started(outer.into())) < at(started(inner.into())), "{inner} in {outer}");
            assert!(at(done(inner.into())) < at(done(outer.into())), "{inner} in {outer}");
        };
        inside("load and index files", "load and index");
        inside("index references", "load and index files");
        inside("gather rejects", "load and index files");
        inside("resolve references", "triggers");
        for trigger in checks::TRIGGERS {
            inside(trigger.id, "triggers");
        }
    }

    #[test]
    fn every_phase_and_trigger_ends_after_it_starts_and_none_is_left_open() {
        let (_, report, events) = events_of_a_rehearsal();
        let mut open: Vec<(String, usize)> = Vec::new();
        let mut seen: Vec<(String, usize)> = Vec::new();
        for event in &events {
            match event {
                Event::PhaseStarted(p) => {
                    match open.iter_mut().find(|(o, _)| o == p) {
                        Some((_, n)) => *n += 1,
                        None => open.push((p.clone(), 1)),
                    }
                    match seen.iter_mut().find(|(o, _)| o == p) {
                        Some((_, n)) => *n += 1,
                        None => seen.push((p.clone(), 1)),
                    }
                }
                Event::PhaseDone(p) => {
                    let running = open.iter_mut().find(|(o, n)| o == p && *n > 0);
                    let (_, n) = running.unwrap_or_else(|| panic!("{p} done before it started"));
                    *n -= 1;
                }
                _ => {}
            }
        }
        assert!(open.iter().all(|(_, n)| *n == 0), "left open: {open:?}");
        let times = |p: &str| seen.iter().find(|(o, _)| o == p).map_or(0, |(_, n)| *n);
        for trigger in checks::TRIGGERS {
            assert_eq!(times(trigger.id), 1, "{} starts once", trigger.id);
        }
        let once = ["load and index", "load and index files", "gather rejects", "triggers"];
        for once in once.into_iter().chain(["resolve references", "keep the shadow"]) {
            assert_eq!(times(once), 1, "{once} starts once");
        }
        // Rejects are gathered once every file is loaded and indexed.
        let gather = events.iter().position(|e| *e == Event::PhaseStarted("gather rejects".into()));
        let last_file = events.iter().rposition(|e| {
            matches!(e, Event::FileDone(..)) || *e == Event::PhaseDone("index references".into())
        });
        assert!(last_file < gather, "{events:?}");
        // Once per loading thread: at least one, at most one per file.
        let indexing = times("index references");
        assert!((1..=report.objects.len()).contains(&indexing), "{indexing}");
        // The shadow is kept last, after the report's data is all read.
        let last = events.iter().rev().find_map(|e| match e {
            Event::PhaseStarted(p) => Some(p.as_str()),
            _ => None,
        });
        assert_eq!(last, Some("keep the shadow"));
    }

    #[test]
    fn without_db_no_shadow_is_kept() {
        let (_, _, events) = events_of(false);
        assert!(events.contains(&Event::PhaseDone("write rejects".into())), "{events:?}");
        assert!(!events.contains(&Event::PhaseStarted("keep the shadow".into())), "{events:?}");
    }

    #[test]
    fn a_done_file_tells_where_its_rows_went() {
        let scenario = Scenario::load(Path::new("scenarios/salesforce-data-loader-bad-ids"))
            .expect("scenario");
        let recorder = Arc::new(Recorder::default());
        let options = RunOptions { observer: Some(recorder.clone()), ..RunOptions::default() };
        let report = rehearse(&scenario, &options).expect("rehearsal");
        let events = recorder.0.lock().unwrap().clone();
        assert!(report.objects.iter().all(|o| o.rejected > 0 && o.loaded > 0), "a mixed case");
        for o in &report.objects {
            let rows = crate::observe::Rows {
                read: o.source_rows,
                loaded: o.loaded,
                rejected: o.rejected,
            };
            assert!(events.contains(&Event::FileDone(o.name.clone(), Some(rows))), "{events:?}");
        }
    }
}
