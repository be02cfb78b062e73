//! Drawing a rehearsal for whoever runs it, from the library's events: the
//! progress bars of large files on standard error, and the phase timings
//! `SHADOW_IMPORT_TIMINGS` asks for.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use indicatif::{MultiProgress, ProgressBar, ProgressStyle};
use shadow_import::observe::{FileDone, LoadFile, Observer, Phase, Progress};

/// Files smaller than this load in a blink: no bar.
const BAR_FROM_BYTES: u64 = 8 << 20;

/// The observer for these wishes, or none when neither is asked for.
pub fn observer(bars: bool, timings: bool) -> Option<Arc<dyn Observer>> {
    match (bars, timings) {
        (false, false) => None,
        (true, false) => Some(Arc::new(Bars::new())),
        (false, true) => Some(Arc::new(Timings)),
        (true, true) => Some(Arc::new(Both(Bars::new(), Timings))),
    }
}

/// A progress bar over the bytes of each large file while it loads.
struct Bars {
    bars: MultiProgress,
    /// The bar of each loading file, by object.
    loading: Mutex<HashMap<String, ProgressBar>>,
}

impl Bars {
    fn new() -> Bars {
        Bars { bars: MultiProgress::new(), loading: Mutex::new(HashMap::new()) }
    }

    fn loading(&self) -> std::sync::MutexGuard<'_, HashMap<String, ProgressBar>> {
        self.loading.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Observer for Bars {
    fn file_started(&self, file: &LoadFile) {
        if file.bytes < BAR_FROM_BYTES {
            return;
        }
        let bar = self.bars.add(ProgressBar::new(file.bytes));
        bar.set_style(
            ProgressStyle::with_template(
                "{msg:30} {bar:40} {bytes}/{total_bytes} {bytes_per_sec} {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar.set_message(shadow_import::error::printable(&file.file));
        self.loading().insert(file.object.clone(), bar);
    }

    fn file_read(&self, file: &LoadFile, read: Progress) {
        if file.bytes >= BAR_FROM_BYTES
            && let Some(bar) = self.loading().get(&file.object)
        {
            bar.set_position(read.bytes);
        }
    }

    fn file_done(&self, file: &LoadFile, _: FileDone) {
        let bar = self.loading().remove(&file.object);
        if let Some(bar) = bar {
            bar.finish_and_clear();
            self.bars.remove(&bar);
        }
    }
}

/// Each phase's duration on standard error, and each file's load.
struct Timings;

impl Timings {
    fn line(what: &dyn std::fmt::Display, took: Duration) {
        eprintln!("{what:>24}: {:>8.3} s", took.as_secs_f64());
    }
}

impl Observer for Timings {
    fn file_done(&self, file: &LoadFile, done: FileDone) {
        if done.rows.is_some() {
            Timings::line(
                &format!("load {}", shadow_import::error::printable(&file.object)),
                done.took,
            );
        }
    }

    fn phase_done(&self, phase: Phase<'_>, took: Duration) {
        Timings::line(&phase, took);
    }
}

/// Two observers told the same events.
struct Both<A, B>(A, B);

impl<A: Observer, B: Observer> Observer for Both<A, B> {
    fn file_started(&self, file: &LoadFile) {
        self.0.file_started(file);
        self.1.file_started(file);
    }

    fn file_read(&self, file: &LoadFile, read: Progress) {
        self.0.file_read(file, read);
        self.1.file_read(file, read);
    }

    fn file_done(&self, file: &LoadFile, done: FileDone) {
        self.0.file_done(file, done);
        self.1.file_done(file, done);
    }

    fn phase_started(&self, phase: Phase<'_>) {
        self.0.phase_started(phase);
        self.1.phase_started(phase);
    }

    fn phase_done(&self, phase: Phase<'_>, took: Duration) {
        self.0.phase_done(phase, took);
        self.1.phase_done(phase, took);
    }
}
