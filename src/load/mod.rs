//! Load stage: the SQLite shadow destination. The schema is generated from
//! the scenario; each file streams through decode → parse → map into its
//! table inside one transaction with a cached prepared statement. Every
//! source row ends either in its table or in `_rejects`. The load also
//! inventories the export files nothing reads, and hands what the shadow
//! holds (rejected rows, value-map coverage) to whoever writes reports.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};

use csv::StringRecord;
use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, params};

pub mod blanks;
mod coverage;
pub mod flagged;
mod inventory;
mod pipeline;
mod progress;
mod rejects;
mod repeats;
mod rows;
pub mod sql;
mod threads;

pub use pipeline::set_split;
use progress::FileProgress;
pub use rejects::stored_reason;
use rows::{SourceRow, Tally};
use sql::attach;
pub use sql::ident;
pub use threads::{set_threads, threads};

use crate::decode::detect;
use crate::error::{Error, RejectReason, Result, ShadowFileProblem};
use crate::facts::{FileRows, TrimmedIds};
use crate::map::{
    Blanked, Coverage, IdColumn, JunctionPlan, Link, ObjectPlan, Reject, Unmapped, Value,
};
use crate::observe::{self, Observer, Phase};
use crate::output::Partial;
use crate::parse::{CsvFile, RowShape};
use crate::scenario::{FieldType, ObjectMapping, Scenario};

/// The SQLite `application_id` every shadow carries ("SHIM" in ASCII), so
/// `--db` can tell a shadow it may replace from any other database.
const SHADOW_MARK: u32 = 0x5348_494D;

/// `--db` may replace an earlier shadow (an SQLite file carrying
/// [`SHADOW_MARK`]), never another file (an export, a report, a CRM
/// backup that is an SQLite database) and never a folder or device. Read
/// from the file's first 100 bytes, which it leaves as they were; checked
/// before anything is loaded.
fn check_target(path: &Path) -> Result<()> {
    let refuse = |problem| Error::ShadowFile { path: path.to_path_buf(), problem };
    let Ok(meta) = std::fs::metadata(path) else { return Ok(()) };
    if meta.is_dir() {
        return Err(refuse(ShadowFileProblem::Folder));
    }
    if !meta.is_file() {
        return Err(refuse(ShadowFileProblem::NotAFile));
    }
    let mut head = [0u8; 100];
    let read =
        std::fs::File::open(path).and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head));
    if read.is_err() || &head[..16] != b"SQLite format 3\0" {
        return Err(refuse(ShadowFileProblem::NotSqlite));
    }
    if u32::from_be_bytes([head[68], head[69], head[70], head[71]]) != SHADOW_MARK {
        return Err(refuse(ShadowFileProblem::NotAShadow));
    }
    Ok(())
}

/// A shadow write that failed for want of room, said as the system would:
/// SQLite's "database or disk is full" is the disk; its write error under a
/// file-size limit (`ulimit -f`) is that limit. Named for `path`, where the
/// shadow is written (the `--db` target, or the temporary folder). Any
/// other error is returned as it is.
pub fn explain_write_failure(err: Error, path: &Path) -> Error {
    let Error::Shadow { source, .. } = &err else { return err };
    let problem = match source.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DiskFull) => ShadowFileProblem::DiskFull,
        Some(rusqlite::ErrorCode::SystemIoFailure) => match file_size_limit() {
            Some(limit) => ShadowFileProblem::TooLarge { limit },
            None => return err,
        },
        _ => return err,
    };
    Error::ShadowFile { path: path.to_path_buf(), problem }
}

/// The process's file-size limit in bytes, if it has one.
#[cfg(unix)]
fn file_size_limit() -> Option<u64> {
    match rlimit::getrlimit(rlimit::Resource::FSIZE) {
        Ok((soft, _)) if soft != rlimit::INFINITY => Some(soft),
        _ => None,
    }
}

#[cfg(not(unix))]
fn file_size_limit() -> Option<u64> {
    None
}

/// Keys are checked once the file is in, set-based: indexing the key column
/// after the load costs a sort, where a unique index during the load costs a
/// random B-tree insert per row. Every row after the first with the same key
/// moves to `_rejects` (a [`RejectReason::DuplicateKey`]). Returns the
/// non-ASCII characters of the moved rows' stored-as-read columns, which the
/// round-trip count must no longer expect, and the characters stored
/// damaged among them.
fn reject_duplicate_keys(
    tx: &rusqlite::Transaction<'_>,
    rows: &FileRows,
    key_column: &str,
    columns: &[&str],
) -> Result<(u64, u64)> {
    let table = ident(&rows.object);
    let index = ident(&format!("_ix_key_{}", rows.object));
    let sql = |e| Error::shadow("check duplicate keys")(e);
    tx.execute_batch(&format!("CREATE INDEX IF NOT EXISTS {index} ON {table} (_key)"))
        .map_err(sql)?;
    let duplicates = format!(
        "SELECT t._line AS line, t._key AS key, d.first FROM {table} t JOIN \
         (SELECT _key, min(_line) AS first FROM {table} WHERE _key IS NOT NULL GROUP BY _key HAVING count(*) > 1) d \
         ON d._key = t._key WHERE t._line > d.first"
    );
    let mut moved = 0;
    {
        let mut found = tx.prepare(&duplicates).map_err(sql)?;
        let mut found = found.query([]).map_err(sql)?;
        let mut insert = rejects::Insert::new(tx)?;
        while let Some(row) = found.next().map_err(sql)? {
            let (line, key, first): (i64, String, i64) =
                (row.get(0).map_err(sql)?, row.get(1).map_err(sql)?, row.get(2).map_err(sql)?);
            let reject = Reject {
                column: Some(key_column.to_string()),
                reason: RejectReason::DuplicateKey {
                    first_line: u64::try_from(first).unwrap_or(0),
                },
                raw: key.clone(),
            };
            let at = (rows.object.as_str(), rows.file.as_str(), u64::try_from(line).unwrap_or(0));
            insert.row(at, &reject, Some(&key), "[]")?;
            moved += 1;
        }
    }
    if moved == 0 {
        return Ok((0, 0));
    }
    let duplicate = RejectReason::DuplicateKey { first_line: 0 }.code();
    let lines = "SELECT line FROM _rejects WHERE object = ?1 AND kind = ?2";
    let moved_total = |function: &str| {
        if columns.is_empty() {
            return Ok(0);
        }
        let columns: Vec<String> = columns.iter().map(|c| ident(c)).collect();
        sql::count(
            tx,
            &format!(
                "SELECT CAST(total({function}({})) AS INTEGER) FROM {table} WHERE _line IN ({lines})",
                columns.join(", ")
            ),
            params![rows.object, duplicate],
        )
    };
    let (non_ascii, lost) = (moved_total("non_ascii")?, moved_total("lost_characters")?);
    tx.execute(
        &format!("DELETE FROM _unmapped WHERE object = ?1 AND line IN ({lines})"),
        params![rows.object, duplicate],
    )
    .map_err(sql)?;
    tx.execute(
        &format!("DELETE FROM _blanked WHERE object = ?1 AND line IN ({lines})"),
        params![rows.object, duplicate],
    )
    .map_err(sql)?;
    tx.execute(
        &format!("DELETE FROM {table} WHERE _line IN ({lines})"),
        params![rows.object, duplicate],
    )
    .map_err(sql)?;
    Ok((non_ascii, lost))
}

/// SQLite integers are signed; our counts never come near `i64::MAX`.
fn sql_int(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The shadow destination database.
pub struct Shadow {
    conn: Connection,
    file: Partial,
    /// Database files loaded on other threads, attached to `conn`.
    parts: Vec<Partial>,
    keep_as: Option<PathBuf>,
}

/// The shadow's own tables: what did not load, and how each file went.
const BOOKKEEPING: [(&str, &str); 7] = [
    blanks::TABLE,
    (
        "_rejects",
        "object TEXT NOT NULL, file TEXT NOT NULL, line INTEGER NOT NULL, \"column\" TEXT, \
         reason TEXT NOT NULL, kind TEXT NOT NULL, detail TEXT NOT NULL, raw TEXT NOT NULL, \
         key TEXT, cells TEXT NOT NULL",
    ),
    (
        "_unmapped",
        "object TEXT NOT NULL, field TEXT NOT NULL, value TEXT NOT NULL, line INTEGER NOT NULL, \
         key TEXT NOT NULL",
    ),
    (
        "_damage",
        "object TEXT NOT NULL, file TEXT NOT NULL, line INTEGER NOT NULL, \"column\" TEXT NOT NULL, \
         kind TEXT NOT NULL, text TEXT NOT NULL, repair TEXT, byte_offset INTEGER, key TEXT",
    ),
    (
        "_coverage",
        "object TEXT NOT NULL, field TEXT NOT NULL, map TEXT NOT NULL, value TEXT NOT NULL, \
         target TEXT, rows INTEGER NOT NULL",
    ),
    (
        "_files",
        "object TEXT NOT NULL, file TEXT NOT NULL, encoding TEXT NOT NULL, \
         source_rows INTEGER NOT NULL, loaded INTEGER NOT NULL, rejected INTEGER NOT NULL, \
         footer_lines INTEGER NOT NULL, damaged_rows INTEGER NOT NULL, \
         non_ascii_in INTEGER NOT NULL, non_ascii_out INTEGER NOT NULL, repeated INTEGER NOT NULL",
    ),
    repeats::TABLE,
];

/// Opens a shadow database file for loading: no journal and no fsync (the
/// shadow is rebuilt from the export every run), 32 KiB pages (fewer page
/// splits and faster index builds than the default 4 KiB: 13.1 s instead of
/// 14.1 s on the 1M-contact bench), an 8 MiB page cache per connection,
/// and the `non_ascii()` function the round-trip counts use.
fn open_database(path: &Path) -> Result<Connection> {
    let conn = Connection::open(path).map_err(Error::shadow("open"))?;
    conn.execute_batch(
        "PRAGMA page_size = 32768; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = FILE; PRAGMA cache_size = -8192;",
    )
    .map_err(Error::shadow("configure"))?;
    // Any number of columns: one call per row rather than one per cell.
    conn.create_scalar_function(
        "non_ascii",
        -1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let texts = (0..ctx.len()).map(|i| match ctx.get_raw(i) {
                rusqlite::types::ValueRef::Text(text) => non_ascii_chars(text),
                _ => 0,
            });
            Ok(sql_int(texts.sum()))
        },
    )
    .map_err(Error::shadow("register non_ascii()"))?;
    // The characters stored damaged in a row's cells, as the load counts
    // them: for rows the duplicate-key check moves out.
    conn.create_scalar_function(
        "lost_characters",
        -1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let lost = (0..ctx.len()).map(|i| match ctx.get_raw(i) {
                rusqlite::types::ValueRef::Text(text) => {
                    let cell = String::from_utf8_lossy(text);
                    detect::inspect(&cell, &[]).map_or(0, |d| d.lost_characters(&cell))
                }
                _ => 0,
            });
            Ok(sql_int(lost.sum()))
        },
    )
    .map_err(Error::shadow("register lost_characters()"))?;
    let mut sql = String::new();
    for (table, columns) in BOOKKEEPING {
        sql.push_str(&format!("CREATE TABLE {table} ({columns});\n"));
    }
    conn.execute_batch(&sql).map_err(Error::shadow("create schema"))?;
    Ok(conn)
}

/// One export file ready to load: its plan and its reader, positioned
/// after the header.
pub enum Job<'s> {
    /// A file feeding an object's table.
    Object(ObjectPlan<'s>, CsvFile),
    /// A file feeding a junction's table.
    Junction(JunctionPlan<'s>, CsvFile),
}

impl Job<'_> {
    fn csv(&self) -> &CsvFile {
        match self {
            Job::Object(_, csv) | Job::Junction(_, csv) => csv,
        }
    }

    /// The object or junction the file loads into.
    fn name(&self) -> &str {
        match self {
            Job::Object(plan, _) => &plan.object.name,
            Job::Junction(plan, _) => &plan.junction.name,
        }
    }

    /// The table the file loads into.
    fn table_sql(&self) -> String {
        match self {
            Job::Object(plan, _) => {
                let mut sql = format!(
                    "CREATE TABLE {} (_line INTEGER NOT NULL, _key TEXT NOT NULL",
                    ident(&plan.object.name)
                );
                for field in &plan.object.fields {
                    let affinity = match field.kind {
                        FieldType::Int | FieldType::Bool => "INTEGER",
                        _ => "TEXT",
                    };
                    sql.push_str(&format!(", {} {affinity}", ident(&field.name)));
                }
                sql + ");\n"
            }
            Job::Junction(plan, _) => format!(
                "CREATE TABLE {} (_line INTEGER NOT NULL, _key TEXT, \"left\" TEXT NOT NULL, \
                 \"right\" TEXT NOT NULL, \"primary\" INTEGER);\n",
                ident(&plan.junction.name)
            ),
        }
    }

    /// Indexes on the table's reference columns, built after its load
    /// (cheaper than maintaining them row by row) so the checks run as
    /// indexed joins. Index names are positional: names built from object
    /// and field names could collide (`a_b`.`c` and `a`.`b_c`).
    fn index_sql(&self, scenario: &Scenario) -> String {
        let mut sql = String::new();
        match self {
            Job::Object(plan, _) => {
                let object = plan.object;
                let i = scenario.objects.iter().position(|o| o.name == object.name);
                let by_fields: Vec<(&str, &str)> = crate::scenario::ref_columns(scenario)
                    .into_iter()
                    .filter_map(|r| Some((*r.targets.first()?, r.by?)))
                    .collect();
                for (j, field) in object.fields.iter().enumerate() {
                    let is_by = by_fields.contains(&(object.name.as_str(), field.name.as_str()));
                    if field.reference.is_some() || is_by {
                        sql.push_str(&format!(
                            "CREATE INDEX _ix_o{}_f{j} ON {} ({});\n",
                            i.unwrap_or_default(),
                            ident(&object.name),
                            ident(&field.name)
                        ));
                    }
                    // The destination's merge key and unique fields, as it
                    // compares them: the merge and unique checks' lookups.
                    if let Some(rule) = compared_field(scenario, &object.name, &field.name) {
                        sql.push_str(&format!(
                            "CREATE INDEX _ix_o{}_c{j} ON {} ({});\n",
                            i.unwrap_or_default(),
                            ident(&object.name),
                            rule.compared(&ident(&field.name))
                        ));
                    }
                }
            }
            Job::Junction(plan, _) => {
                let i = scenario.junctions.iter().position(|j| j.name == plan.junction.name);
                let (i, table) = (i.unwrap_or_default(), ident(&plan.junction.name));
                // (left, right) serves lookups by left and the duplicate-pair check.
                sql.push_str(&format!(
                    "CREATE INDEX _ix_j{i}_left ON {table} (\"left\", \"right\");\n\
                     CREATE INDEX _ix_j{i}_right ON {table} (\"right\");\n"
                ));
            }
        }
        sql
    }
}

/// The destination's rule of `object.field` when the destination compares
/// its values across rows: its merge key, or a unique field.
fn compared_field<'s>(
    scenario: &'s Scenario,
    object: &str,
    field: &str,
) -> Option<&'s crate::scenario::destination::FieldRule> {
    let rules = scenario.destination.as_ref()?.rules_of(object)?;
    rules
        .merge_key()
        .into_iter()
        .chain(rules.unique_fields())
        .find(|(name, _)| *name == field)
        .map(|(_, rule)| rule)
}

/// The jobs in the order threads take them: largest file first, so the
/// small ones fill in at the end; ties in job order, so the order is the
/// same every run.
fn heaviest_first(sizes: &[u64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..sizes.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(sizes[i]), i));
    order
}

/// Export files waiting for a loading thread, and the first one (in job
/// order) known to have failed: a file after it cannot change which error
/// is reported, so it is skipped; one before it still loads.
struct Queue<'s> {
    jobs: std::sync::Mutex<VecDeque<(usize, Job<'s>)>>,
    first_failed: std::sync::atomic::AtomicUsize,
}

impl<'s> Queue<'s> {
    fn new(jobs: Vec<Job<'s>>) -> Self {
        let sizes: Vec<u64> =
            jobs.iter().map(|j| std::fs::metadata(j.csv().path()).map_or(0, |m| m.len())).collect();
        let mut slots: Vec<Option<Job<'s>>> = jobs.into_iter().map(Some).collect();
        let jobs = heaviest_first(&sizes)
            .into_iter()
            .filter_map(|i| Some((i, slots[i].take()?)))
            .collect();
        Queue {
            jobs: std::sync::Mutex::new(jobs),
            first_failed: std::sync::atomic::AtomicUsize::new(usize::MAX),
        }
    }

    fn next(&self) -> Option<(usize, Job<'s>)> {
        use std::sync::atomic::Ordering::Relaxed;
        let mut jobs = self.jobs.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        while let Some((i, job)) = jobs.pop_front() {
            if i < self.first_failed.load(Relaxed) {
                return Some((i, job));
            }
        }
        None
    }

    fn failed(&self, i: usize) {
        self.first_failed.fetch_min(i, std::sync::atomic::Ordering::Relaxed);
    }
}

impl Shadow {
    /// Creates an empty shadow in a temporary file. With `keep_as`, the
    /// temporary file sits beside that path and is renamed onto it by
    /// [`Shadow::finish`]; otherwise it is removed when the shadow is dropped.
    pub fn create(keep_as: Option<&Path>) -> Result<Shadow> {
        if let Some(path) = keep_as {
            check_target(path)?;
        }
        let file = match keep_as {
            Some(path) => Partial::beside(path, "db")?,
            None => Partial::temporary("db")?,
        };
        let conn = open_database(file.path())?;
        conn.pragma_update(None, "application_id", SHADOW_MARK)
            .map_err(Error::shadow("mark the shadow"))?;
        Ok(Shadow { conn, file, parts: Vec::new(), keep_as: keep_as.map(Path::to_path_buf) })
    }

    /// The connection, for the checks: every table of the load is visible
    /// through it by its plain name.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The shadow's database files, for opening more connections to it.
    pub fn files(&self) -> ShadowFiles {
        ShadowFiles {
            main: self.file.path().to_path_buf(),
            parts: self.parts.iter().map(|p| p.path().to_path_buf()).collect(),
        }
    }

    /// Loads every job, indexes the tables and inventories the export files
    /// nothing reads (`_export_files`, `_unmapped_samples`); returns each
    /// file's row accounting in job order.
    ///
    /// Files load in parallel, one thread per part: the shadow's own file
    /// is the first part, each further thread loads into a database file of
    /// its own beside it, attached afterwards. Threads take the files from
    /// one queue, largest first, so they finish together; each indexes the
    /// tables it loaded. Every part records its rejects, damage and
    /// accounting itself; they are gathered into the shadow's tables. Each
    /// file is read, mapped and checked exactly as if it loaded alone, so
    /// the results do not depend on which thread took it. If files fail, the
    /// error is the one of the first failing file in job order. Each file's
    /// progress, each thread's indexing and the gathering go to `observer`.
    pub fn load(
        &mut self,
        scenario: &Scenario,
        jobs: Vec<Job<'_>>,
        observer: &dyn Observer,
    ) -> Result<Vec<FileRows>> {
        let threads = threads().min(jobs.len()).max(1);
        let dir = self.file.path().parent().unwrap_or(Path::new(".")).to_path_buf();
        let mut parts = Vec::new();
        for _ in 1..threads {
            let file = Partial::new_in(&dir, "part").map_err(|e| Error::ShadowFile {
                path: dir.clone(),
                problem: ShadowFileProblem::Io(e),
            })?;
            parts.push(file);
        }
        let queue = Queue::new(jobs);
        let mut loaded: Vec<(usize, Result<FileRows>)> = Vec::new();
        std::thread::scope(|scope| {
            let workers: Vec<_> = parts
                .iter()
                .map(|file| {
                    let (path, queue) = (file.path(), &queue);
                    // A failure that is not a file's sorts after every file's.
                    scope.spawn(move || match open_database(path) {
                        Ok(conn) => load_queue(&conn, scenario, queue, observer),
                        Err(e) => vec![(usize::MAX, Err(e))],
                    })
                })
                .collect();
            loaded = load_queue(&self.conn, scenario, &queue, observer);
            for worker in workers {
                match worker.join() {
                    Ok(results) => loaded.extend(results),
                    Err(panic) => std::panic::resume_unwind(panic),
                }
            }
        });
        loaded.sort_by_key(|(i, _)| *i);
        let files = loaded.into_iter().map(|(_, rows)| rows).collect::<Result<Vec<_>>>()?;
        observe::phase(observer, Phase::Gather, || self.gather(scenario, parts))?;
        Ok(files)
    }

    /// Attaches the loaded `parts`, gathers their rejects and damage into
    /// the shadow's tables and indexes those; inventories the export files.
    fn gather(&mut self, scenario: &Scenario, parts: Vec<Partial>) -> Result<()> {
        for (n, file) in parts.iter().enumerate() {
            self.attach(n, file.path())?;
        }
        self.parts = parts;
        self.inventory(scenario)?;
        self.conn
            .execute_batch(
                "CREATE INDEX _ix_rejects ON _rejects (object, line);\n\
                 CREATE INDEX _ix_rejects_key ON _rejects (object, key);\n\
                 CREATE INDEX _ix_unmapped ON _unmapped (object, field, value);\n\
                 CREATE INDEX _ix_damage ON _damage (object, line);\n\
                 CREATE INDEX _ix_blanked ON _blanked (object, field, line);\n\
                 PRAGMA shrink_memory;", // the checks open connections of their own
            )
            .map_err(Error::shadow("index references"))
    }

    /// Attaches a part as `part{n}` and gathers its bookkeeping rows (in
    /// their order) into the shadow's tables.
    fn attach(&self, n: usize, path: &Path) -> Result<()> {
        attach_part(&self.conn, n, path)?;
        let mut gather = String::from("BEGIN;\n");
        for (table, _) in BOOKKEEPING {
            gather.push_str(&format!(
                "INSERT INTO main.{table} SELECT * FROM part{n}.{table} ORDER BY rowid;\n\
                 DELETE FROM part{n}.{table};\n"
            ));
        }
        gather.push_str("COMMIT;");
        self.conn.execute_batch(&gather).map_err(Error::shadow("gather a loaded part"))
    }

    /// Closes the shadow. With `--db`, copies the attached parts' tables into
    /// the shadow's file, renames the complete database into place and
    /// returns its path; otherwise the temporary files are removed.
    pub fn finish(self) -> Result<Option<PathBuf>> {
        let Shadow { conn, file, parts, keep_as, .. } = self;
        if keep_as.is_some() {
            for n in 0..parts.len() {
                copy_part(&conn, &format!("part{n}"))?;
            }
        }
        conn.close().map_err(|(_, e)| Error::Shadow { context: "close".into(), source: e })?;
        drop(parts);
        match keep_as {
            None => Ok(None),
            Some(path) => {
                file.persist(&path)?;
                Ok(Some(path))
            }
        }
    }
}

/// The database files of a loaded shadow: the shadow's own and its parts.
pub struct ShadowFiles {
    main: PathBuf,
    parts: Vec<PathBuf>,
}

impl ShadowFiles {
    /// Another connection to the shadow, with every part attached, for work
    /// on several threads at once. It must only read the shadow: what it
    /// writes goes to a [`ShadowFiles::scratch`] database it attaches.
    pub fn reader(&self) -> Result<Connection> {
        let conn = Connection::open(&self.main).map_err(Error::shadow("open"))?;
        conn.execute_batch("PRAGMA temp_store = FILE; PRAGMA cache_size = -8192;")
            .map_err(Error::shadow("configure"))?;
        for (n, part) in self.parts.iter().enumerate() {
            attach_part(&conn, n, part)?;
        }
        Ok(conn)
    }

    /// A new empty database file beside the shadow, removed when dropped.
    pub fn scratch(&self) -> Result<Partial> {
        let dir = self.main.parent().unwrap_or(Path::new("."));
        Partial::new_in(dir, "scratch").map_err(|e| Error::ShadowFile {
            path: dir.to_path_buf(),
            problem: ShadowFileProblem::Io(e),
        })
    }
}

/// Attaches the part loaded into `path` as `part{n}`.
fn attach_part(conn: &Connection, n: usize, path: &Path) -> Result<()> {
    attach(conn, path, &format!("part{n}"))
}

/// Copies an attached part's tables and indexes into the main database
/// and detaches it, so a kept shadow is one self-contained file.
fn copy_part(conn: &Connection, part: &str) -> Result<()> {
    let sql = |e| Error::shadow("copy a loaded part into the kept shadow")(e);
    let bookkeeping: Vec<String> = BOOKKEEPING.iter().map(|(t, _)| format!("'{t}'")).collect();
    let mut schema = Vec::new();
    {
        let mut stmt = conn
            .prepare(&format!(
                "SELECT type, name, sql FROM {part}.sqlite_master WHERE sql IS NOT NULL \
                 AND tbl_name NOT IN ({}) ORDER BY type DESC, rowid",
                bookkeeping.join(", ")
            ))
            .map_err(&sql)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?)))
            .map_err(&sql)?;
        for row in rows {
            schema.push(row.map_err(&sql)?);
        }
    }
    let mut copy = String::from("BEGIN;\n");
    // Tables first (type DESC puts `table` before `index`), each filled
    // before its indexes are built.
    for (kind, name, create) in &schema {
        let create: &String = create;
        copy.push_str(&format!("{create};\n"));
        if kind == "table" {
            copy.push_str(&format!(
                "INSERT INTO main.{0} SELECT * FROM {part}.{0} ORDER BY _rowid_;\n",
                ident(name)
            ));
        }
    }
    copy.push_str("COMMIT;");
    conn.execute_batch(&copy).map_err(&sql)?;
    conn.execute("DETACH DATABASE ?1", [part]).map_err(sql)?;
    Ok(())
}

/// Loads files from `queue` into one database until the queue is empty,
/// then indexes the tables it loaded.
fn load_queue(
    conn: &Connection,
    scenario: &Scenario,
    queue: &Queue<'_>,
    observer: &dyn Observer,
) -> Vec<(usize, Result<FileRows>)> {
    let loader = Loader { conn };
    let mut results = Vec::new();
    let mut indexes = String::new();
    while let Some((i, mut job)) = queue.next() {
        let progress = FileProgress::start(observer, job.name(), job.csv());
        let created = conn.execute_batch(&job.table_sql()).map_err(Error::shadow("create schema"));
        let rows = created.and_then(|()| match &mut job {
            Job::Object(plan, csv) => loader.load_object(plan, csv, &progress),
            Job::Junction(plan, csv) => loader.load_junction(plan, csv, &progress),
        });
        progress.done(&rows);
        if rows.is_err() {
            queue.failed(i);
        } else {
            indexes.push_str(&job.index_sql(scenario));
        }
        results.push((i, rows));
    }
    let indexed = observe::phase(observer, Phase::IndexReferences, || {
        conn.execute_batch(&indexes).map_err(Error::shadow("index references"))
    });
    if let Err(e) = indexed {
        results.push((usize::MAX, Err(e)));
    }
    results
}

/// Loads files into one database connection.
struct Loader<'a> {
    conn: &'a Connection,
}

impl Loader<'_> {
    /// Streams `csv` through `plan` into the object's table. A large file's
    /// per-row work runs on helper threads too (see the `pipeline` module).
    pub fn load_object(
        &self,
        plan: &ObjectPlan<'_>,
        csv: &mut CsvFile,
        progress: &FileProgress<'_>,
    ) -> Result<FileRows> {
        let object = plan.object;
        let insert_sql = insert_row_sql(object);
        let mut rows = self.rows_for(&object.name, csv);
        let file = rows.file.clone();
        let passthrough = plan.passthrough();
        let stored: Vec<usize> = passthrough.iter().map(|p| p.0).collect();
        let (shape, headers) = (csv.shape(), csv.headers().to_vec());
        let helpers = pipeline::helpers_for(rows.bytes, threads());
        let tx = self.begin()?;
        let tallies = {
            let mut insert =
                tx.prepare_cached(&insert_sql).map_err(Error::shadow("prepare insert"))?;
            let mut out = FileWriter::new(&tx, &object.name, &file, &headers)?;
            let mut unmapped_insert = tx
                .prepare_cached("INSERT INTO _unmapped (object, field, value, line, key) VALUES (?1, ?2, ?3, ?4, ?5)")
                .map_err(Error::shadow("prepare insert"))?;
            let mut noted = blanks::Noted::new(&tx)?;
            let work = |row: &mut ObjectRow, tally: &mut Tally| {
                row.work(plan, shape, &headers, &stored, tally);
            };
            let write = |row: &mut ObjectRow| {
                let source = &row.source;
                progress.row(rows.source_rows, &source.record);
                out.source_row(&mut rows, source, Some(plan.raw_key(&source.record)))?;
                let (line, key) = (source.line, row.key.as_str());
                if let Some(reject) = &row.rejected {
                    let key = Some(key).filter(|k| !k.is_empty());
                    return out.reject(line, reject, key, &source.record);
                }
                let line = sql_int(line);
                insert_row(&mut insert, line, key, &row.values)?;
                noted.record(plan, &row.blanked, line, key)?;
                rows.loaded += 1;
                rows.non_ascii_in += row.non_ascii;
                rows.non_ascii_damaged += source.lost_in(stored.iter().copied());
                insert_unmapped(&mut unmapped_insert, object, &row.unmapped, line, key)
            };
            pipeline::run(
                helpers,
                |row: &mut ObjectRow| row.source.read(csv),
                || Tally::new(plan.id_columns()),
                work,
                write,
            )?
        };
        let tally = Tally::sum(tallies).unwrap_or_else(|| Tally::new(Vec::new()));
        rows.null_tokens = tally.null_tokens;
        let passthrough: Vec<&str> = passthrough.iter().map(|p| p.1).collect();
        let fields: Vec<String> = object.fields.iter().map(|f| ident(&f.name)).collect();
        let folded = repeats::fold(&tx, &rows, &fields, &passthrough)?;
        rows.non_ascii_in = rows.non_ascii_in.saturating_sub(folded.non_ascii);
        rows.non_ascii_damaged = rows.non_ascii_damaged.saturating_sub(folded.lost);
        rows.trimmed_ids = tally.padded.counts();
        write_coverage(&tx, object, &tally.coverage)?;
        self.finish_file(tx, rows, csv, &passthrough, Some(&object.key.name))
    }

    /// Streams `csv` through `plan` into the junction's table, as
    /// [`Loader::load_object`] does.
    pub fn load_junction(
        &self,
        plan: &JunctionPlan<'_>,
        csv: &mut CsvFile,
        progress: &FileProgress<'_>,
    ) -> Result<FileRows> {
        let junction = plan.junction;
        let insert_sql = format!(
            "INSERT INTO {} (_line, _key, \"left\", \"right\", \"primary\") VALUES (?1, ?2, ?3, ?4, ?5)",
            ident(&junction.name)
        );
        let mut rows = self.rows_for(&junction.name, csv);
        let file = rows.file.clone();
        let ends = plan.end_columns();
        let (shape, headers) = (csv.shape(), csv.headers().to_vec());
        let helpers = pipeline::helpers_for(rows.bytes, threads());
        let tx = self.begin()?;
        let tallies = {
            let mut insert =
                tx.prepare_cached(&insert_sql).map_err(Error::shadow("prepare insert"))?;
            let mut out = FileWriter::new(&tx, &junction.name, &file, &headers)?;
            let work = |row: &mut JunctionRow, tally: &mut Tally| {
                let source = &mut row.source;
                source.inspect(plan.tokens);
                tally.row(source, plan.tokens);
                let (record, line) = (&source.record, source.line);
                let swallowed = swallowed_reject(shape, &headers, record, line, &mut String::new());
                row.rejected = swallowed.or_else(|| plan.map(record, &mut row.links).err());
                row.non_ascii = non_ascii_in(record, ends).saturating_sub(source.padding);
            };
            let write = |row: &mut JunctionRow| {
                let source = &row.source;
                progress.row(rows.source_rows, &source.record);
                out.source_row(&mut rows, source, plan.raw_key(&source.record))?;
                if let Some(reject) = &row.rejected {
                    let key = plan.raw_key(&source.record).filter(|k| !k.is_empty());
                    return out.reject(source.line, reject, key, &source.record);
                }
                let line = sql_int(source.line);
                for link in &row.links {
                    insert
                        .execute(params![line, link.key, link.left, link.right, link.primary])
                        .map_err(Error::shadow("insert"))?;
                }
                if row.links.is_empty() {
                    rows.loaded_without_links += 1;
                }
                rows.loaded += 1;
                rows.non_ascii_in += row.non_ascii;
                rows.non_ascii_damaged += source.lost_in(ends);
                Ok(())
            };
            pipeline::run(
                helpers,
                |row: &mut JunctionRow| row.source.read(csv),
                || Tally::new(plan.id_columns()),
                work,
                write,
            )?
        };
        let tally = Tally::sum(tallies).unwrap_or_else(|| Tally::new(Vec::new()));
        rows.null_tokens = tally.null_tokens;
        rows.trimmed_ids = tally.padded.counts();
        let key = junction.key.as_ref().map(|k| k.name.as_str());
        self.finish_file(tx, rows, csv, &["left", "right"], key)
    }

    fn rows_for(&self, object: &str, csv: &CsvFile) -> FileRows {
        FileRows {
            object: object.to_string(),
            file: csv.file().to_string(),
            encoding: csv.encoding,
            source_rows: 0,
            loaded: 0,
            rejected: 0,
            delimiter: csv.delimiter.0,
            delimiter_sniffed: csv.delimiter.1,
            footer_lines: 0,
            undecodable_bytes: 0,
            damaged_rows: 0,
            non_ascii_in: 0,
            non_ascii_out: 0,
            non_ascii_damaged: 0,
            links: 0,
            loaded_without_links: 0,
            null_tokens: Vec::new(),
            repeated: 0,
            trimmed_ids: Vec::new(),
            bytes: std::fs::metadata(csv.path()).map_or(0, |m| m.len()),
        }
    }

    fn begin(&self) -> Result<rusqlite::Transaction<'_>> {
        self.conn.unchecked_transaction().map_err(Error::shadow("begin transaction"))
    }

    /// Records the file's accounting, cross-checked against the tables, and
    /// commits. `columns` are the stored-as-read columns whose non-ASCII
    /// characters must match the source's.
    fn finish_file(
        &self,
        tx: rusqlite::Transaction<'_>,
        mut rows: FileRows,
        csv: &CsvFile,
        columns: &[&str],
        key_column: Option<&str>,
    ) -> Result<FileRows> {
        let table = ident(&rows.object);
        if let Some(key_column) = key_column {
            let (non_ascii, lost) = reject_duplicate_keys(&tx, &rows, key_column, columns)?;
            rows.non_ascii_in -= non_ascii;
            rows.non_ascii_damaged = rows.non_ascii_damaged.saturating_sub(lost);
        }
        // Count what actually landed rather than trusting the loop's counters:
        // rows of the table, each from its own source line (a split junction
        // row gives several links with one line, or none).
        rows.links = sql::count(&tx, &format!("SELECT count(*) FROM {table}"), [])?;
        // Object rows have one line each; only a split junction needs DISTINCT.
        let lines = if rows.loaded_without_links > 0 || rows.links > rows.loaded {
            sql::count(&tx, &format!("SELECT count(DISTINCT _line) FROM {table}"), [])?
        } else {
            rows.links
        };
        rows.loaded = lines + rows.loaded_without_links;
        rows.rejected =
            sql::count(&tx, "SELECT count(*) FROM _rejects WHERE object = ?1", [&rows.object])?;
        rows.repeated = repeats::count(&tx, &rows.object)?;
        rows.footer_lines = csv.footer_lines;
        if !columns.is_empty() {
            let sql =
                format!("SELECT CAST(total({}) AS INTEGER) FROM {table}", non_ascii_sql(columns));
            rows.non_ascii_out = sql::count(&tx, &sql, [])?;
        }
        tx.execute(
            "INSERT INTO _files (object, file, encoding, source_rows, loaded, rejected, footer_lines, \
             damaged_rows, non_ascii_in, non_ascii_out, repeated) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                rows.object,
                rows.file,
                rows.encoding.to_string(),
                sql_int(rows.source_rows),
                sql_int(rows.loaded),
                sql_int(rows.rejected),
                sql_int(rows.footer_lines),
                sql_int(rows.damaged_rows),
                sql_int(rows.non_ascii_in),
                sql_int(rows.non_ascii_out),
                sql_int(rows.repeated)
            ],
        )
        .map_err(Error::shadow("record file accounting"))?;
        tx.commit().map_err(Error::shadow("commit"))?;
        Ok(rows)
    }
}

/// The statement inserting one row of `object`'s table.
fn insert_row_sql(object: &ObjectMapping) -> String {
    let table = ident(&object.name);
    let columns: Vec<String> = object.fields.iter().map(|f| ident(&f.name)).collect();
    let placeholders: Vec<String> = (0..columns.len() + 2).map(|i| format!("?{}", i + 1)).collect();
    format!(
        "INSERT INTO {table} (_line, _key{}{}) VALUES ({})",
        if columns.is_empty() { "" } else { ", " },
        columns.join(", "),
        placeholders.join(", ")
    )
}

/// Stores what each value map met: distinct source values, rows, destination.
fn write_coverage(
    tx: &rusqlite::Transaction<'_>,
    object: &ObjectMapping,
    coverage: &Coverage,
) -> Result<()> {
    let mut insert = tx
        .prepare_cached(
            "INSERT INTO _coverage (object, field, map, value, target, rows) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .map_err(Error::shadow("prepare coverage insert"))?;
    for (&position, values) in &coverage.fields {
        let field = &object.fields[position];
        let map = field.map.as_deref().unwrap_or_default();
        for (value, (rows, target)) in values {
            insert
                .execute(params![object.name, field.name, map, value, target, sql_int(*rows)])
                .map_err(Error::shadow("insert coverage"))?;
        }
    }
    Ok(())
}

/// The Unicode whitespace around a file's id cells (see [`crate::map::trim_id`]):
/// the cells trimmed per column, and per row the non-ASCII characters
/// trimmed from cells stored as read, which the round trip must not expect.
struct Padded {
    columns: Vec<IdColumn>,
    cells: Vec<u64>,
}

impl Padded {
    fn new(columns: Vec<IdColumn>) -> Self {
        let cells = vec![0; columns.len()];
        Padded { columns, cells }
    }

    /// Counts the padded id cells of `record`; returns the non-ASCII
    /// characters trimmed from those stored as read.
    fn row(&mut self, record: &StringRecord) -> u64 {
        let mut stored = 0;
        for (column, cells) in self.columns.iter().zip(&mut self.cells) {
            let cell = record.get(column.index).unwrap_or("");
            if let Some(removed) = crate::map::id_padding(cell, column.split) {
                *cells += 1;
                if column.stored_as_read {
                    stored += removed;
                }
            }
        }
        stored
    }

    /// Adds the cells `other` counted (over other rows of the same file).
    fn absorb(&mut self, other: &Padded) {
        for (cells, more) in self.cells.iter_mut().zip(&other.cells) {
            *cells += more;
        }
    }

    /// The columns with trimmed cells, each header once, in header order.
    fn counts(&self) -> Vec<TrimmedIds> {
        let mut seen: Vec<(usize, TrimmedIds)> = Vec::new();
        for (column, &cells) in self.columns.iter().zip(&self.cells) {
            match seen.iter_mut().find(|(i, _)| *i == column.index) {
                Some((_, kept)) => kept.cells = kept.cells.max(cells),
                None => {
                    seen.push((column.index, TrimmedIds { column: column.header.clone(), cells }))
                }
            }
        }
        seen.sort_by_key(|(i, _)| *i);
        seen.into_iter().map(|(_, t)| t).filter(|t| t.cells > 0).collect()
    }
}

/// Non-ASCII characters in the cells at `indexes`.
fn non_ascii_in(record: &StringRecord, indexes: impl IntoIterator<Item = usize>) -> u64 {
    indexes
        .into_iter()
        .filter_map(|i| record.get(i))
        .map(|cell| non_ascii_chars(cell.as_bytes()))
        .sum()
}

/// SQL for the non-ASCII characters of a row's `columns`.
fn non_ascii_sql(columns: &[&str]) -> String {
    let columns: Vec<String> = columns.iter().map(|c| ident(c)).collect();
    format!("non_ascii({})", columns.join(", "))
}

/// Non-ASCII characters in UTF-8 text: each starts with exactly one lead
/// byte (0xC0 and up), which is cheaper to count than to decode.
fn non_ascii_chars(utf8: &[u8]) -> u64 {
    utf8.iter().filter(|&&b| b >= 0xC0).count() as u64
}

/// An object's row: the source row, then its mapped key and values, or
/// why it is rejected.
#[derive(Default)]
struct ObjectRow {
    source: SourceRow,
    /// The mapped key, or the key a rejected row keeps.
    key: String,
    values: Vec<Value>,
    unmapped: Vec<Unmapped>,
    blanked: Vec<Blanked>,
    rejected: Option<Reject>,
    /// Non-ASCII characters of the cells stored as read, as the round trip
    /// expects them.
    non_ascii: u64,
}

impl ObjectRow {
    /// The row's per-row work: its damage and its counts into `tally`,
    /// then its mapping, or why it is rejected. `stored` are the columns
    /// stored as read.
    fn work(
        &mut self,
        plan: &ObjectPlan<'_>,
        shape: RowShape,
        headers: &[String],
        stored: &[usize],
        tally: &mut Tally,
    ) {
        let source = &mut self.source;
        source.inspect(plan.tokens);
        tally.row(source, plan.tokens);
        let (record, line) = (&source.record, source.line);
        let mapped = match swallowed_reject(shape, headers, record, line, &mut self.key) {
            Some(reject) => Err(reject),
            None => plan.map_noting(
                record,
                &mut self.key,
                &mut self.values,
                &mut self.unmapped,
                &mut tally.coverage,
                &mut self.blanked,
            ),
        };
        self.rejected = mapped.err();
        if self.rejected.is_some() {
            // A ragged row keeps its key cell: references resolve to it.
            self.key = plan.rejected_key(record, &self.key).into_owned();
        } else {
            self.non_ascii =
                non_ascii_in(record, stored.iter().copied()).saturating_sub(source.padding);
        }
    }
}

/// A junction's row: the source row, then its links, or why it is rejected.
#[derive(Default)]
struct JunctionRow {
    source: SourceRow,
    links: Vec<Link>,
    rejected: Option<Reject>,
    /// Non-ASCII characters of the two ends, as the round trip expects them.
    non_ascii: u64,
}

/// Writes what a file's rows leave besides loaded rows: rejects and damage.
struct FileWriter<'t> {
    rejects: rejects::Insert<'t>,
    damage: rusqlite::CachedStatement<'t>,
    object: &'t str,
    file: &'t str,
    headers: &'t [String],
}

impl<'t> FileWriter<'t> {
    fn new(
        tx: &'t rusqlite::Transaction<'_>,
        object: &'t str,
        file: &'t str,
        headers: &'t [String],
    ) -> Result<Self> {
        let rejects = rejects::Insert::new(tx)?;
        let damage = tx
            .prepare_cached(
                "INSERT INTO _damage (object, file, line, \"column\", kind, text, repair, byte_offset, key) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )
            .map_err(Error::shadow("prepare damage insert"))?;
        Ok(FileWriter { rejects, damage, object, file, headers })
    }

    /// Counts a source row and records the encoding damage found in its cells.
    fn source_row(
        &mut self,
        rows: &mut FileRows,
        row: &SourceRow,
        key: Option<&str>,
    ) -> Result<()> {
        rows.source_rows += 1;
        rows.undecodable_bytes += row.undecodable.iter().filter(|u| !u.native).count() as u64;
        for damaged in &row.damage {
            let i = damaged.cell;
            let column =
                self.headers.get(i).map_or_else(|| format!("column {}", i + 1), Clone::clone);
            self.damage
                .execute(params![
                    self.object,
                    self.file,
                    sql_int(row.line),
                    column,
                    damaged.kind.code(),
                    row.record.get(i).unwrap_or(""),
                    damaged.repair,
                    damaged.byte_offset.map(sql_int),
                    key.filter(|k| !k.is_empty())
                ])
                .map_err(Error::shadow("insert damage"))?;
        }
        rows.damaged_rows += u64::from(!row.damage.is_empty());
        Ok(())
    }

    /// Records a rejected row with its reason and all its original cells
    /// (a JSON array, for `--rejects`).
    fn reject(
        &mut self,
        line: u64,
        reject: &Reject,
        key: Option<&str>,
        record: &StringRecord,
    ) -> Result<()> {
        let cells = serde_json::to_string(&record.iter().collect::<Vec<_>>()).unwrap_or_default();
        self.rejects.row((self.object, self.file, line), reject, key, &cells)
    }
}

/// The reject of a record one of whose cells swallowed rows of the file (a
/// stray quote; see [`CsvFile::swallowed`]), read from `line`; `key` is
/// cleared (the row is refused before its key is read).
fn swallowed_reject(
    shape: RowShape,
    headers: &[String],
    record: &StringRecord,
    line: u64,
    key: &mut String,
) -> Option<Reject> {
    let found = shape.swallowed(record, line)?;
    key.clear();
    Some(Reject {
        column: headers.get(found.column).cloned(),
        reason: RejectReason::SwallowedRows {
            line: found.line,
            lines: found.lines,
            rows: found.rows,
        },
        raw: record.get(found.column).unwrap_or("").to_string(),
    })
}

/// Binds one mapped row (line, key, values) to the object's insert and runs it.
fn insert_row(
    insert: &mut rusqlite::CachedStatement<'_>,
    line: i64,
    key: &str,
    values: &[Value],
) -> Result<()> {
    let bind = |e| Error::shadow("insert")(e);
    insert.raw_bind_parameter(1, line).map_err(&bind)?;
    insert.raw_bind_parameter(2, key).map_err(&bind)?;
    for (i, value) in values.iter().enumerate() {
        insert.raw_bind_parameter(i + 3, value).map_err(&bind)?;
    }
    insert.raw_execute().map_err(bind)?;
    Ok(())
}

/// Records a loaded row's values that its strict value maps do not hold.
fn insert_unmapped(
    insert: &mut rusqlite::CachedStatement<'_>,
    object: &ObjectMapping,
    unmapped: &[Unmapped],
    line: i64,
    key: &str,
) -> Result<()> {
    for u in unmapped {
        insert
            .execute(params![object.name, object.fields[u.field].name, u.value, line, key])
            .map_err(Error::shadow("insert unmapped value"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unicode_padded_id_cells_are_counted_per_column_and_left_out_of_the_round_trip() {
        let column = |index, header: &str, stored_as_read, split| IdColumn {
            index,
            header: header.into(),
            stored_as_read,
            split,
        };
        // A key, then two ends stored as read, one of them split; the key
        // column listed twice (as key and as an id field) counts once.
        let mut padded = Padded::new(vec![
            column(0, "ID", false, None),
            column(1, "ACCOUNTID", true, None),
            column(2, "CONTACTIDS", true, Some(';')),
            column(0, "ID", false, None),
        ]);
        let row = |cells: &[&str]| StringRecord::from(cells.to_vec());
        assert_eq!(padded.row(&row(&["\u{a0}1\u{3000}", "a\u{2009}", "x; y"])), 1);
        assert_eq!(padded.row(&row(&[" 2 ", "b", "\u{a0}x;\u{a0}y\u{a0}"])), 3);
        assert_eq!(padded.row(&row(&["3", "c", "z"])), 0);
        assert_eq!(
            padded.counts(),
            [
                TrimmedIds { column: "ID".into(), cells: 1 },
                TrimmedIds { column: "ACCOUNTID".into(), cells: 1 },
                TrimmedIds { column: "CONTACTIDS".into(), cells: 1 },
            ]
        );
    }

    #[test]
    fn files_are_taken_largest_first_then_in_scenario_order() {
        // The bench's export in MB: Account, Contact, Opportunity, OpportunityContactRole.
        assert_eq!(heaviest_first(&[30, 176, 79, 69]), [1, 2, 3, 0]);
        assert_eq!(heaviest_first(&[5, 5, 7, 5]), [2, 0, 1, 3]);
        assert_eq!(heaviest_first(&[]), Vec::<usize>::new());
    }

    #[test]
    fn non_ascii_characters_are_counted_by_their_lead_bytes() {
        for text in ["", "plain", "Zoë", "山田", "Budget approved ✅", "👩‍👩‍👧", "Ünïcödé…"]
        {
            let chars = text.chars().filter(|c| !c.is_ascii()).count() as u64;
            assert_eq!(non_ascii_chars(text.as_bytes()), chars, "{text}");
        }
    }

    #[test]
    fn identifiers_are_quoted_even_when_hostile() {
        assert_eq!(ident("deals"), "\"deals\"");
        assert_eq!(ident("x\"; DROP TABLE _rejects; --"), "\"x\"\"; DROP TABLE _rejects; --\"");
    }
}
