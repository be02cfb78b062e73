//! Interrupts: on SIGINT, SIGTERM or SIGHUP every partial file of the run
//! (the shadow being loaded, a report or rejects file being written) is
//! removed and the process exits with 128 + the signal's number, as a shell
//! expects. SIGXFSZ (a file-size limit, `ulimit -f`) is caught so that the
//! write that crosses the limit fails with "File too large" and is reported
//! with its path, instead of killing the process silently.

/// Starts watching for the signals; a no-op where there are none.
#[cfg(unix)]
pub fn watch() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGXFSZ};
    let too_large = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    // If they cannot be registered, the defaults stay: the run still works.
    let _ = signal_hook::flag::register(SIGXFSZ, too_large);
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            shadow_import::output::remove_partials();
            std::process::exit(128 + signal);
        }
    });
}

/// Starts watching for the signals; a no-op where there are none.
#[cfg(not(unix))]
pub fn watch() {}
