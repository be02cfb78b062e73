//! A file's load as its observer sees it: started, read so far (every
//! [`PROGRESS_EVERY`] rows, so the per-row cost is one remainder), done.

use std::time::Instant;

use csv::StringRecord;

use crate::error::Result;
use crate::facts::FileRows;
use crate::observe::{FileDone, LoadFile, Observer, PROGRESS_EVERY, Progress, Rows};
use crate::parse::CsvFile;

/// Reports one file's load to an observer.
pub(super) struct FileProgress<'o> {
    observer: &'o dyn Observer,
    file: LoadFile,
    started: Instant,
}

impl<'o> FileProgress<'o> {
    /// Tells `observer` that `csv` starts loading into `object`.
    pub(super) fn start(observer: &'o dyn Observer, object: &str, csv: &CsvFile) -> Self {
        let bytes = std::fs::metadata(csv.path()).map_or(0, |m| m.len());
        let file = LoadFile { object: object.to_string(), file: csv.file().to_string(), bytes };
        observer.file_started(&file);
        FileProgress { observer, file, started: Instant::now() }
    }

    /// Called before each record is counted, `rows` being the records
    /// counted so far: reports how far the file is read every
    /// [`PROGRESS_EVERY`] rows (from the first).
    #[inline]
    pub(super) fn row(&self, rows: u64, record: &StringRecord) {
        if rows.is_multiple_of(PROGRESS_EVERY) {
            let bytes = record.position().map_or(0, csv::Position::byte);
            self.observer.file_read(&self.file, Progress { bytes, rows });
        }
    }

    /// Tells the observer the file is done, loaded or not.
    pub(super) fn done(self, rows: &Result<FileRows>) {
        let rows = rows.as_ref().ok().map(|r| Rows {
            read: r.source_rows,
            loaded: r.loaded,
            rejected: r.rejected,
        });
        self.observer.file_done(&self.file, FileDone { rows, took: self.started.elapsed() });
    }
}
