//! One file on several cores. The file's own thread reads its records in
//! batches, in file order, and writes them to the shadow in that same
//! order; between the two, helper threads (and the file's thread itself
//! while it waits) do the per-row work that needs no database: damage
//! detection, typed conversion, value maps, phone and e-mail checks. The
//! reading (decoding, line numbers, quotes, report footers) and the
//! writing stay on one thread each, so every line number, every rowid and
//! the order of every reject are those of a file read on one thread.
//!
//! Rows are reused: a batch's rows go back to the reader once written, so
//! records and value buffers are not allocated again per row, and memory
//! is bounded by the batches in flight, never by the file's size.

use std::collections::{BTreeMap, VecDeque};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, PoisonError, mpsc};

use crate::error::Result;

/// Files this size or larger get helper threads (8 MiB by default); the
/// per-row work of a smaller file is done by its own thread.
static SPLIT_BYTES: AtomicU64 = AtomicU64::new(8 << 20);

/// Rows per batch handed to a helper.
static BATCH_ROWS: AtomicUsize = AtomicUsize::new(512);

/// Changes when a file gets helpers and how many rows a batch holds
/// (`SHADOW_IMPORT_SPLIT_BYTES`, `SHADOW_IMPORT_BATCH_ROWS`): for tests
/// that put helpers on small files and cut them into batches of a few
/// rows. No report changes with either.
pub fn set_split(min_bytes: Option<u64>, batch_rows: Option<usize>) {
    if let Some(bytes) = min_bytes {
        SPLIT_BYTES.store(bytes, Ordering::Relaxed);
    }
    if let Some(rows) = batch_rows {
        BATCH_ROWS.store(rows.max(1), Ordering::Relaxed);
    }
}

/// The helper threads a file of `bytes` gets when `threads` may run.
pub(super) fn helpers_for(bytes: u64, threads: usize) -> usize {
    if bytes >= SPLIT_BYTES.load(Ordering::Relaxed) { threads.saturating_sub(1) } else { 0 }
}

/// A batch of rows on its way through: its place in the file, its rows,
/// and how many of them hold a record (the last batch may hold fewer).
struct Batch<R> {
    seq: u64,
    rows: Vec<R>,
    len: usize,
}

impl<R> Batch<R> {
    /// Does `work` on each row that holds a record.
    fn work(&mut self, work: impl FnMut(&mut R)) {
        self.rows[..self.len].iter_mut().for_each(work);
    }
}

/// Batches read and waiting for their per-row work.
struct Waiting<R> {
    queue: Mutex<(VecDeque<Batch<R>>, bool)>,
    ready: Condvar,
}

impl<R> Waiting<R> {
    fn lock(&self) -> std::sync::MutexGuard<'_, (VecDeque<Batch<R>>, bool)> {
        self.queue.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn push(&self, batch: Batch<R>) {
        self.lock().0.push_back(batch);
        self.ready.notify_one();
    }

    /// The next batch, without waiting.
    fn try_take(&self) -> Option<Batch<R>> {
        self.lock().0.pop_front()
    }

    /// The next batch, waiting for one; `None` once closed.
    fn take(&self) -> Option<Batch<R>> {
        let mut queue = self.lock();
        loop {
            if queue.1 {
                return None;
            }
            if let Some(batch) = queue.0.pop_front() {
                return Some(batch);
            }
            queue = self.ready.wait(queue).unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// No more batches: the ones still waiting are dropped.
    fn close(&self) {
        let mut queue = self.lock();
        queue.0.clear();
        queue.1 = true;
        self.ready.notify_all();
    }
}

/// Runs a file through `read` → `work` → `write` with `helpers` helper
/// threads. `read` fills a row with the next record and says whether
/// there was one; `work` does a row's per-row work, adding what it counts
/// to a tally of its thread's (made by `tally`); `write` stores a worked
/// row, called in file order on this thread. Returns every thread's tally,
/// this thread's first, or the first error of `read` or `write`.
pub(super) fn run<R, T>(
    helpers: usize,
    mut read: impl FnMut(&mut R) -> Result<bool>,
    tally: impl Fn() -> T + Sync,
    work: impl Fn(&mut R, &mut T) + Sync,
    mut write: impl FnMut(&mut R) -> Result<()>,
) -> Result<Vec<T>>
where
    R: Default + Send,
    T: Send,
{
    let waiting = Waiting { queue: Mutex::new((VecDeque::new(), false)), ready: Condvar::new() };
    let (done, arrive) = mpsc::channel::<Batch<R>>();
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (0..helpers)
            .map(|_| {
                let (waiting, done, tally, work) = (&waiting, done.clone(), &tally, &work);
                scope.spawn(move || {
                    let mut counted = tally();
                    while let Some(mut batch) = waiting.take() {
                        batch.work(|r| work(r, &mut counted));
                        if done.send(batch).is_err() {
                            break;
                        }
                    }
                    counted
                })
            })
            .collect();
        drop(done);
        let mut counted = tally();
        let mut flow = Flow::new(&waiting, arrive, helpers.len());
        let outcome = (|| -> Result<bool> {
            loop {
                flow.fill(&mut read)?;
                if flow.next_write == flow.next_read {
                    return Ok(true);
                }
                let Some(mut batch) = flow.next(|r| work(r, &mut counted)) else {
                    return Ok(false);
                };
                batch.rows[..batch.len].iter_mut().try_for_each(&mut write)?;
                flow.written(batch);
            }
        })();
        waiting.close();
        let mut tallies = vec![counted];
        for helper in helpers {
            match helper.join() {
                Ok(counted) => tallies.push(counted),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        match outcome {
            Ok(true) => Ok(tallies),
            Ok(false) => unreachable!("a helper thread stopped without panicking"),
            Err(e) => Err(e),
        }
    })
}

/// The file thread's side of [`run`]: batches read ahead, and those whose
/// work is done waiting for their turn to be written.
struct Flow<'w, R> {
    waiting: &'w Waiting<R>,
    arrive: mpsc::Receiver<Batch<R>>,
    arrived: BTreeMap<u64, Batch<R>>,
    /// Rows of written batches, to read into again.
    spare: Vec<Vec<R>>,
    batch_rows: usize,
    /// Batches read and not yet written, at most.
    in_flight: u64,
    next_read: u64,
    next_write: u64,
    at_end: bool,
}

impl<'w, R: Default> Flow<'w, R> {
    fn new(waiting: &'w Waiting<R>, arrive: mpsc::Receiver<Batch<R>>, helpers: usize) -> Self {
        Flow {
            waiting,
            arrive,
            arrived: BTreeMap::new(),
            spare: Vec::new(),
            batch_rows: BATCH_ROWS.load(Ordering::Relaxed),
            // Enough batches ahead that the helpers do not wait for the reader.
            in_flight: 4 * (helpers as u64 + 1),
            next_read: 0,
            next_write: 0,
            at_end: false,
        }
    }

    /// Reads batches until as many are in flight as may be, or the file ends.
    fn fill(&mut self, read: &mut impl FnMut(&mut R) -> Result<bool>) -> Result<()> {
        while !self.at_end && self.next_read - self.next_write < self.in_flight {
            let mut rows = self.spare.pop().unwrap_or_default();
            let mut len = 0;
            while len < self.batch_rows {
                if len == rows.len() {
                    rows.push(R::default());
                }
                if !read(&mut rows[len])? {
                    self.at_end = true;
                    break;
                }
                len += 1;
            }
            if len == 0 {
                self.spare.push(rows);
                break;
            }
            self.waiting.push(Batch { seq: self.next_read, rows, len });
            self.next_read += 1;
        }
        Ok(())
    }

    /// The next batch to write, worked: rather than wait for a helper, this
    /// thread does a waiting batch's `work` itself. `None` if every helper
    /// is gone (one panicked).
    fn next(&mut self, mut work: impl FnMut(&mut R)) -> Option<Batch<R>> {
        loop {
            if let Some(batch) = self.arrived.remove(&self.next_write) {
                return Some(batch);
            }
            let batch = match self.waiting.try_take() {
                Some(mut batch) => {
                    batch.work(&mut work);
                    batch
                }
                None => self.arrive.recv().ok()?,
            };
            self.arrived.insert(batch.seq, batch);
        }
    }

    /// A batch is written: its rows are read into again.
    fn written(&mut self, batch: Batch<R>) {
        self.next_write += 1;
        self.spare.push(batch.rows);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    /// Rows numbered 1..=n pass through, are squared by whichever thread,
    /// and are written in order; the tallies add up to every row.
    fn squares(n: u64, helpers: usize) -> (Vec<u64>, u64) {
        let mut next = 0;
        let mut written = Vec::new();
        let tallies = run(
            helpers,
            |row: &mut u64| {
                next += 1;
                *row = next;
                Ok(next <= n)
            },
            || 0u64,
            |row, count| {
                *row *= *row;
                *count += 1;
            },
            |row| {
                written.push(*row);
                Ok(())
            },
        );
        let tallies = tallies.unwrap_or_default();
        (written, tallies.iter().sum())
    }

    #[test]
    fn rows_are_written_in_file_order_whatever_thread_worked_them() {
        set_split(None, Some(7));
        for helpers in [0, 1, 3] {
            for n in [0, 1, 6, 7, 8, 100, 1000] {
                let (written, worked) = squares(n, helpers);
                let expected: Vec<u64> = (1..=n).map(|i| i * i).collect();
                assert_eq!(written, expected, "{n} rows, {helpers} helpers");
                assert_eq!(worked, n, "{n} rows, {helpers} helpers");
            }
        }
        set_split(None, Some(512));
    }

    #[test]
    fn the_first_error_of_read_or_write_is_returned() {
        let mut next = 0;
        let failed = run(
            2,
            |row: &mut u64| {
                next += 1;
                *row = next;
                if next == 2000 {
                    Err(Error::EmptyFile {
                        location: crate::error::Location::file(std::path::Path::new("x.csv")),
                    })
                } else {
                    Ok(true)
                }
            },
            || (),
            |_, ()| {},
            |_| Ok(()),
        );
        assert!(matches!(failed, Err(Error::EmptyFile { .. })));
        let written = run(
            2,
            |row: &mut u64| {
                *row += 1;
                Ok(true)
            },
            || (),
            |_, ()| {},
            |_| {
                Err(Error::EmptyFile {
                    location: crate::error::Location::file(std::path::Path::new("x.csv")),
                })
            },
        );
        assert!(matches!(written, Err(Error::EmptyFile { .. })));
    }

    #[test]
    fn small_files_get_no_helpers() {
        assert_eq!(helpers_for(1 << 10, 8), 0);
        assert_eq!(helpers_for(64 << 20, 8), 7);
        assert_eq!(helpers_for(64 << 20, 1), 0);
    }
}
