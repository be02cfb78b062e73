//! What a rehearsal tells whoever watches it: export files started, read
//! and done, and phases started and done with their durations. The library
//! reports these events to an [`Observer`] and never prints or draws; the
//! binary implements it with progress bars and timings, a test with a
//! recorder. It sits below every stage (it imports only `std`), so the load
//! threads and the checks report to it without knowing who listens.

use std::fmt;
use std::time::{Duration, Instant};

/// Receives a rehearsal's events. Every method does nothing unless
/// implemented. Events come from several threads at once (files load in
/// parallel, triggers run in parallel), hence `Send + Sync`. Progress comes
/// in chunks ([`PROGRESS_EVERY`] rows), never once per row.
pub trait Observer: Send + Sync {
    /// A file starts loading.
    fn file_started(&self, _file: &LoadFile) {
        // Ignored unless implemented.
    }

    /// A loading file has been read this far.
    fn file_read(&self, _file: &LoadFile, _read: Progress) {
        // Ignored unless implemented.
    }

    /// A file that started is done, loaded or not (an error then follows).
    fn file_done(&self, _file: &LoadFile, _done: FileDone) {
        // Ignored unless implemented.
    }

    /// A phase starts.
    fn phase_started(&self, _phase: Phase<'_>) {
        // Ignored unless implemented.
    }

    /// A phase that started is over, successfully or not, after `took`.
    fn phase_done(&self, _phase: Phase<'_>, _took: Duration) {
        // Ignored unless implemented.
    }
}

/// The observer that ignores everything: what a rehearsal reports to when
/// nobody watches.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Observer for Silent {}

/// Rows read between two [`Observer::file_read`] events of a file.
pub const PROGRESS_EVERY: u64 = 16_384;

/// An export file being loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadFile {
    /// The object or junction the file loads into.
    pub object: String,
    /// The file as the scenario names it (`data/Contact.csv`).
    pub file: String,
    /// Its size in bytes.
    pub bytes: u64,
}

/// How far a file has been read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Bytes of text read (decoded, so near the file's size, not exactly).
    pub bytes: u64,
    /// Records read.
    pub rows: u64,
}

/// How a file's load ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileDone {
    /// Where the file's records went when it loaded; `None` when it failed.
    pub rows: Option<Rows>,
    /// From start to done.
    pub took: Duration,
}

/// A loaded file's records: each one read is loaded or rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rows {
    /// Records read (header and blank lines not counted).
    pub read: u64,
    /// Rows now in the object's table.
    pub loaded: u64,
    /// Rows now in the rejects.
    pub rejected: u64,
}

/// A phase of a rehearsal. Phases nest: [`Phase::LoadFiles`] runs inside
/// [`Phase::Load`], every [`Phase::Trigger`] inside [`Phase::Triggers`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Phase<'a> {
    /// Open and plan every file, load and index them: everything before
    /// the checks.
    Load,
    /// Load and index the files (inside [`Phase::Load`]).
    LoadFiles,
    /// Index the reference columns of the tables one loading thread loaded
    /// (once per thread, inside [`Phase::LoadFiles`]).
    IndexReferences,
    /// Gather what every loading thread rejected and found damaged into the
    /// shadow's tables and index it; list the export files nothing reads
    /// (inside [`Phase::LoadFiles`], after every file).
    Gather,
    /// Evaluate every trigger.
    Triggers,
    /// Resolve every reference once, for all triggers (inside [`Phase::Triggers`]).
    ResolveReferences,
    /// Evaluate one trigger, by id (inside [`Phase::Triggers`]).
    Trigger(&'a str),
    /// Read the value maps' coverage.
    Coverage,
    /// Write the rejects file (`--rejects`).
    Rejects,
    /// Write the fix list (`--flagged`).
    FixList,
    /// Copy the shadow into the one file `--db` keeps.
    KeepShadow,
}

impl<'a> Phase<'a> {
    /// What the phase is called in timings: `load and index`, a trigger's id, …
    pub fn name(&self) -> &'a str {
        match self {
            Phase::Load => "load and index",
            Phase::LoadFiles => "load and index files",
            Phase::IndexReferences => "index references",
            Phase::Gather => "gather rejects",
            Phase::Triggers => "triggers",
            Phase::ResolveReferences => "resolve references",
            Phase::Trigger(id) => id,
            Phase::Coverage => "value-map coverage",
            Phase::Rejects => "write rejects",
            Phase::FixList => "write fix list",
            Phase::KeepShadow => "keep the shadow",
        }
    }
}

impl fmt::Display for Phase<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// Runs `work` as `phase`, telling `observer` when it starts and when it
/// is done (whatever `work` returns) with its duration.
pub fn phase<T>(observer: &dyn Observer, phase: Phase<'_>, work: impl FnOnce() -> T) -> T {
    observer.phase_started(phase);
    let started = Instant::now();
    let result = work();
    observer.phase_done(phase, started.elapsed());
    result
}
