//! How many threads a rehearsal uses, for loading files and for the
//! checks: as many as the machine has (`available_parallelism`), unless
//! the command line set a number (`--threads N`).

use std::sync::atomic::{AtomicUsize, Ordering};

/// The number set, 0 for the machine's.
static CHOSEN: AtomicUsize = AtomicUsize::new(0);

/// Uses `n` threads from now on (`--threads N`); 0 goes back to the
/// machine's count.
pub fn set_threads(n: usize) {
    CHOSEN.store(n, Ordering::Relaxed);
}

/// The threads a rehearsal may use: the number set, else the machine's
/// available parallelism, at least 1.
pub fn threads() -> usize {
    match CHOSEN.load(Ordering::Relaxed) {
        0 => std::thread::available_parallelism().map_or(1, usize::from),
        n => n,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_set_wins_over_the_machine() {
        let machine = threads();
        assert!(machine >= 1);
        set_threads(7);
        assert_eq!(threads(), 7);
        set_threads(0);
        assert_eq!(threads(), machine);
    }
}
