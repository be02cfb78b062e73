//! The inventory of the export: every export file in the folders the
//! scenario reads from, whether an object or junction reads it, and a
//! sample of the cells of each one nothing reads (the missed junction is
//! usually one of them), so the checks can tell what an unmapped file looks
//! like from the shadow alone. Three tables:
//!
//! - `_export_folders (folder)`: each folder as written (`data/`, `./`);
//! - `_export_files (file, mapped, unreadable)`: each export file there, as
//!   written relative to the scenario with forward slashes, in path order;
//!   `unreadable` says why an unmapped file could not be sampled;
//! - `_unmapped_samples (file, "column", header, value, id18, chars)`: the
//!   non-blank trimmed cells of the first [`SAMPLE_ROWS`] rows of each
//!   unmapped file, with both spellings of a Salesforce id (`id18` is the
//!   value itself when it is not one) and the value's length in characters.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use csv::StringRecord;
use rusqlite::{Transaction, params};

use super::{Shadow, sql_int};
use crate::error::{Error, Location, Result};
use crate::map::salesforce_id_18;
use crate::parse::CsvFile;
use crate::scenario::{Scenario, Source};

/// Extensions of files that look like exports.
const EXPORT_EXTENSIONS: [&str; 3] = ["csv", "tsv", "txt"];

/// Rows of an unmapped file sampled to see what its columns reference.
pub const SAMPLE_ROWS: usize = 200;

const SCHEMA: &str = "\
    CREATE TABLE _export_folders (folder TEXT NOT NULL);
    CREATE TABLE _export_files (file TEXT NOT NULL, mapped INTEGER NOT NULL, unreadable TEXT);
    CREATE TABLE _unmapped_samples (file TEXT NOT NULL, \"column\" INTEGER NOT NULL, \
        header TEXT NOT NULL, value TEXT NOT NULL, id18 TEXT NOT NULL, chars INTEGER NOT NULL);
    CREATE INDEX _ix_unmapped_samples ON _unmapped_samples (file, \"column\");";

impl Shadow {
    /// Lists the folders `scenario` reads export files from and records
    /// every export file in them, sampling the unmapped ones.
    pub(super) fn inventory(&self, scenario: &Scenario) -> Result<()> {
        let mapped: BTreeSet<PathBuf> =
            scenario.sources().map(|s| normalise(Path::new(&s.file))).collect();
        // Folders as written in the scenario (`data`), so reports stay relative.
        let folders: BTreeSet<PathBuf> =
            mapped.iter().map(|f| f.parent().map(Path::to_path_buf).unwrap_or_default()).collect();
        let mut found = BTreeSet::new();
        for folder in &folders {
            found.extend(export_files(&scenario.dir, folder)?);
        }
        let sql = |e| Error::shadow("inventory the export")(e);
        let tx = self.conn.unchecked_transaction().map_err(Error::shadow("begin transaction"))?;
        tx.execute_batch(SCHEMA).map_err(sql)?;
        for folder in &folders {
            let name = if folder.as_os_str().is_empty() {
                "./".to_string()
            } else {
                display(folder) + "/"
            };
            tx.execute("INSERT INTO _export_folders (folder) VALUES (?1)", [name]).map_err(sql)?;
        }
        for file in &found {
            let is_mapped = mapped.contains(file);
            let unreadable = if is_mapped { None } else { sample(&tx, scenario, file)? };
            tx.execute(
                "INSERT INTO _export_files (file, mapped, unreadable) VALUES (?1, ?2, ?3)",
                params![display(file), is_mapped, unreadable],
            )
            .map_err(sql)?;
        }
        tx.commit().map_err(Error::shadow("commit"))
    }
}

/// The export files directly in `folder` (relative to `dir`), as `folder/name`.
fn export_files(dir: &Path, folder: &Path) -> Result<Vec<PathBuf>> {
    let read_error = |source| Error::Read { location: Location::file(folder), source };
    let mut files = Vec::new();
    // `run scenario.toml` in the scenario's own folder: `dir` and `folder`
    // are both empty, which names no folder at all.
    let path = dir.join(folder);
    let path = if path.as_os_str().is_empty() { Path::new(".") } else { &path };
    for entry in std::fs::read_dir(path).map_err(read_error)? {
        let entry = entry.map_err(read_error)?;
        let name = PathBuf::from(entry.file_name());
        let is_export = name
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXPORT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
        if is_export && entry.file_type().is_ok_and(|t| t.is_file()) {
            files.push(folder.join(name));
        }
    }
    Ok(files)
}

/// Samples the non-blank cells of an unmapped file's first rows into
/// `_unmapped_samples`. Returns why the file could not be opened, if it
/// could not; a row that cannot be read ends the sample.
fn sample(tx: &Transaction<'_>, scenario: &Scenario, file: &Path) -> Result<Option<String>> {
    let source = Source {
        file: display(file),
        path: scenario.dir.join(file),
        encoding: None,
        delimiter: None,
        declared_at: Location::file(&scenario.path),
    };
    let mut csv = match CsvFile::open(&source) {
        Ok(csv) => csv,
        Err(e) => return Ok(Some(e.to_string())),
    };
    let mut insert = tx
        .prepare_cached(
            "INSERT INTO _unmapped_samples (file, \"column\", header, value, id18, chars) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .map_err(Error::shadow("sample unmapped file"))?;
    let headers = csv.headers().to_vec();
    let mut record = StringRecord::new();
    for _ in 0..SAMPLE_ROWS {
        match csv.read(&mut record) {
            Ok(Some(_)) => {}
            Ok(None) | Err(_) => break,
        }
        for ((column, header), cell) in headers.iter().enumerate().zip(record.iter()) {
            let cell = cell.trim();
            if cell.is_empty() {
                continue;
            }
            // Both spellings of a Salesforce id, whatever the object declares.
            let id18 = salesforce_id_18(cell);
            let chars = sql_int(cell.chars().count() as u64);
            insert
                .execute(params![
                    source.file,
                    sql_int(column as u64),
                    header,
                    cell,
                    id18.as_deref().unwrap_or(cell),
                    chars
                ])
                .map_err(Error::shadow("sample unmapped file"))?;
        }
    }
    Ok(None)
}

/// `./data//x.csv` and `data/x.csv` name the same file.
fn normalise(path: &Path) -> PathBuf {
    path.components().filter(|c| !matches!(c, std::path::Component::CurDir)).collect()
}

/// Forward slashes on every platform, so reports are identical everywhere.
fn display(path: &Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}
