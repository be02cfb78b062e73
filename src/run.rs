//! Orchestration: scenario → (every file checked first) → shadow → load →
//! indexes → triggers → report. Also finds the scenario folders of a suite.

use std::path::{Path, PathBuf};

use crate::checks;
use crate::error::{Error, Location, Result};
use crate::facts::FileRows;
use crate::load::{Job, Shadow};
use crate::map::{JunctionPlan, ObjectPlan};
use crate::parse::CsvFile;
use crate::report::Report;
use crate::report::suite::SuiteCase;
use crate::scenario::{SCENARIO_FILE, Scenario};

/// Options of one rehearsal.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Keep the shadow database at this path (written under a temporary
    /// name, renamed into place when complete).
    pub db: Option<PathBuf>,
    /// Show progress bars on standard error for large files.
    pub progress: bool,
    /// Write every rejected row to this CSV file.
    pub rejects: Option<PathBuf>,
}

/// Rehearses `scenario`: loads every file into a fresh shadow and evaluates
/// the triggers. Problems in the data become rejects and trigger results;
/// an `Err` means the rehearsal could not run (exit code 2).
pub fn rehearse(scenario: &Scenario, options: &RunOptions) -> Result<Report> {
    checks::validate(scenario)?;
    if let Some(path) = &options.rejects
        && path.exists()
    {
        crate::report::rejects::check_target(path)?;
    }
    let timer = Timer::new();
    let (shadow, files) = load(scenario, options.db.as_deref(), options.progress)?;
    timer.lap("load and index");
    if let Some(path) = &options.rejects {
        crate::report::rejects::write(shadow.conn(), path)?;
    }
    let triggers = checks::evaluate(scenario, &shadow, &files)?;
    timer.lap("triggers");
    let value_maps = crate::report::coverage::collect(shadow.conn(), scenario)?;
    let decision = crate::facts::decide(&files, triggers);
    let report = Report::build(scenario, &files, decision, value_maps);
    shadow.finish()?;
    Ok(report)
}

/// Loads every export file of `scenario` into a new shadow (kept at `db`
/// if given) and indexes it: everything a rehearsal does before the checks.
pub fn load(
    scenario: &Scenario,
    db: Option<&Path>,
    progress: bool,
) -> Result<(Shadow, Vec<FileRows>)> {
    let owners = scenario
        .objects
        .iter()
        .map(|o| ("object", &o.name, &o.source))
        .chain(scenario.junctions.iter().map(|j| ("junction", &j.name, &j.source)));
    for (what, name, source) in owners {
        if !source.path.is_file() {
            return Err(Error::MissingDataFile {
                file: source.path.clone(),
                what,
                name: name.clone(),
                declared_at: source.declared_at.clone(),
            });
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
    shadow.show_progress(progress);
    let timer = Timer::new();
    let files = shadow.load(scenario, jobs)?;
    timer.lap("load and index files");
    Ok((shadow, files))
}

/// Phase timings on standard error when `SHADOW_IMPORT_TIMINGS` is set:
/// where a long rehearsal spends its time.
struct Timer {
    start: std::cell::Cell<std::time::Instant>,
    on: bool,
}

impl Timer {
    fn new() -> Timer {
        let on = std::env::var_os("SHADOW_IMPORT_TIMINGS").is_some();
        Timer { start: std::cell::Cell::new(std::time::Instant::now()), on }
    }

    fn lap(&self, phase: &str) {
        if self.on {
            eprintln!("{phase:>24}: {:>8.3} s", self.start.get().elapsed().as_secs_f64());
            self.start.set(std::time::Instant::now());
        }
    }
}

/// Loads the scenario at `path` and rehearses it.
pub fn rehearse_path(path: &Path, options: &RunOptions) -> Result<Report> {
    rehearse(&Scenario::load(path)?, options)
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

/// Rehearses every scenario folder under `dir` whose name contains `filter`.
pub fn rehearse_suite(
    dir: &Path,
    filter: Option<&str>,
    options: &RunOptions,
) -> Result<Vec<SuiteCase>> {
    let mut cases = Vec::new();
    for folder in scenario_folders(dir)? {
        let name = folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if filter.is_some_and(|f| !name.contains(f)) {
            continue;
        }
        let started = std::time::Instant::now();
        let outcome = Scenario::load(&folder).and_then(|s| rehearse(&s, options));
        cases.push(SuiteCase { name, outcome, duration: started.elapsed() });
    }
    Ok(cases)
}
