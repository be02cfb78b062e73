//! `shadow-import sample`: a relationship-preserving sample of an export,
//! for the rehearsal on 100 records the rollback practice asks for before
//! migration day.
//!
//! `size` rows of a root object are chosen by a seeded hash of their keys
//! (the same seed gives the same sample). Junction rows that touch them are
//! added with their other ends, then every lookup of every chosen row is
//! followed until nothing is missing, so the sample has no orphans that the
//! full export does not have. Rows are written in the source files' own
//! format (encoding, BOM, delimiter, quoting, line ends) beside a copy of
//! the scenario, so `shadow-import run OUT` rehearses the sample.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use csv::StringRecord;
use rusqlite::functions::FunctionFlags;

use crate::decode::EncodingChoice;
use crate::error::{Error, Location, Result, ToolError};
use crate::load::ident;
use crate::parse::CsvFile;
use crate::scenario::{SCENARIO_FILE, Scenario, Source};

/// What to sample and where to write it.
#[derive(Debug, Clone)]
pub struct SampleOptions {
    /// Rows of the root object to choose.
    pub size: usize,
    /// Seed of the choice.
    pub seed: u64,
    /// The object to choose from; by default the left end of the first
    /// junction, else the object with the most lookups.
    pub root: Option<String>,
    /// The folder to write the sampled scenario to.
    pub out: PathBuf,
}

/// What a sample holds.
#[derive(Debug, Clone)]
pub struct SampleSummary {
    /// The object the rows were chosen from.
    pub root: String,
    /// Rows written per file, in scenario order.
    pub files: Vec<(String, u64)>,
    /// Rows of the root object chosen (fewer than asked when it has fewer).
    pub chosen: u64,
}

/// Writes a relationship-preserving sample of `scenario` to `options.out`.
pub fn sample(scenario: &Scenario, options: &SampleOptions) -> Result<SampleSummary> {
    if options.size == 0 {
        return Err(Error::Tool(ToolError::EmptySample));
    }
    // The sample never writes over anything: not an export, not a folder in use.
    if std::fs::read_dir(&options.out).is_ok_and(|mut entries| entries.next().is_some()) {
        return Err(Error::Tool(ToolError::OutNotEmpty { out: options.out.clone() }));
    }
    if let Some(source) = scenario.sources().find(|s| {
        let path = Path::new(&s.file);
        path.is_absolute()
            || path.components().any(|c| matches!(c, std::path::Component::ParentDir))
    }) {
        return Err(Error::Tool(ToolError::OutsideScenario { file: source.file.clone() }));
    }
    let root = root_of(scenario, options.root.as_deref())?;
    let (shadow, _files) = crate::run::load(scenario, None, &crate::observe::Silent)?;
    let conn = shadow.conn();
    let chosen = choose(conn, scenario, &root, options.size, options.seed)?;

    std::fs::create_dir_all(&options.out)
        .map_err(|source| Error::Write { path: options.out.clone(), source })?;
    copy_scenario(scenario, &options.out)?;
    let mut written = Vec::new();
    let mut done = BTreeSet::new();
    for source in scenario.sources() {
        if done.insert(source.file.clone()) {
            let rows = write_file(conn, source, &options.out)?;
            written.push((source.file.clone(), rows));
        }
    }
    shadow.finish()?;
    Ok(SampleSummary { root, files: written, chosen })
}

/// The object named `root`, or the default root.
pub(crate) fn root_of(scenario: &Scenario, root: Option<&str>) -> Result<String> {
    match root {
        Some(name) => scenario.object(name).map(|o| o.name.clone()).ok_or_else(|| {
            let objects = scenario.objects.iter().map(|o| o.name.clone()).collect();
            Error::Tool(ToolError::UnknownRoot { name: name.to_string(), objects })
        }),
        None => Ok(default_root(scenario)),
    }
}

/// Chooses the sample in a loaded shadow: `size` rows of `root` by the
/// seeded rank, with everything they link to. The keys chosen per object are
/// left in [`picked_keys`]' tables; returns how many rows of `root` were chosen.
pub(crate) fn choose(
    conn: &rusqlite::Connection,
    scenario: &Scenario,
    root: &str,
    size: usize,
    seed: u64,
) -> Result<u64> {
    pick(conn, scenario, root, size, seed)?;
    crate::load::sql::count(conn, &format!("SELECT count(*) FROM {}", pick_table(root)), [])
}

/// The temporary table (one column, `key`) of the keys of `object` that
/// [`choose`] picked.
pub(crate) fn picked_keys(object: &str) -> String {
    pick_table(object)
}

/// The left end of the first junction (deals in deal ↔ contact), else the
/// object with the most lookups, else the first object.
fn default_root(scenario: &Scenario) -> String {
    if let Some(junction) = scenario.junctions.first() {
        return junction.left.target.clone();
    }
    let lookups = |o: &&crate::scenario::ObjectMapping| {
        o.fields.iter().filter(|f| f.reference.is_some()).count()
    };
    let most = scenario.objects.iter().map(|o| lookups(&o)).max().unwrap_or(0);
    scenario.objects.iter().find(|o| lookups(o) == most).map(|o| o.name.clone()).unwrap_or_default()
}

/// Fills `_pick_lines (file, line)` with the sampled rows of every file.
fn pick(
    conn: &rusqlite::Connection,
    scenario: &Scenario,
    root: &str,
    size: usize,
    seed: u64,
) -> Result<()> {
    conn.create_scalar_function(
        "sample_rank",
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let key = ctx.get_raw(0).as_str_or_null().unwrap_or_default().unwrap_or_default();
            let seed: i64 = ctx.get(1)?;
            Ok(rank(key, seed.cast_unsigned()).cast_signed())
        },
    )
    .map_err(sql)?;
    let mut setup = String::from(
        "CREATE TEMP TABLE _pick_lines (file TEXT NOT NULL, line INTEGER NOT NULL, PRIMARY KEY (file, line));\n",
    );
    for object in &scenario.objects {
        setup.push_str(&format!(
            "CREATE TEMP TABLE {} (key TEXT PRIMARY KEY);\n",
            pick_table(&object.name)
        ));
    }
    conn.execute_batch(&setup).map_err(sql)?;
    conn.execute(
        &format!(
            "INSERT INTO {} SELECT _key FROM {} ORDER BY sample_rank(_key, ?1), _key LIMIT ?2",
            pick_table(root),
            ident(root)
        ),
        rusqlite::params![seed.cast_signed(), i64::try_from(size).unwrap_or(i64::MAX)],
    )
    .map_err(sql)?;
    for junction in &scenario.junctions {
        pick_links(conn, junction, root)?;
    }
    follow_lookups(conn, scenario)?;
    for object in &scenario.objects {
        conn.execute(
            &format!(
                "INSERT OR IGNORE INTO _pick_lines SELECT ?1, _line FROM {} WHERE _key IN (SELECT key FROM {})",
                ident(&object.name),
                pick_table(&object.name)
            ),
            [&object.source.file],
        )
        .map_err(sql)?;
    }
    Ok(())
}

fn sql(e: rusqlite::Error) -> Error {
    Error::shadow("sample")(e)
}

/// The table of the picked keys of `object`.
fn pick_table(object: &str) -> String {
    ident(&format!("_pick_{object}"))
}

/// A condition that holds when `value` names a picked row of `target` (by
/// key or by `by`).
fn picked(value: &str, target: &str, by: Option<&str>) -> String {
    match by {
        None => format!("{value} IN (SELECT key FROM {})", pick_table(target)),
        Some(by) => format!(
            "EXISTS (SELECT 1 FROM {t} t JOIN {p} p ON p.key = t._key WHERE t.{c} = {value})",
            t = ident(target),
            p = pick_table(target),
            c = ident(by)
        ),
    }
}

/// Picks the rows of `junction` that touch the root's rows, and their other ends.
fn pick_links(
    conn: &rusqlite::Connection,
    junction: &crate::scenario::Junction,
    root: &str,
) -> Result<()> {
    let (table, file) = (ident(&junction.name), &junction.source.file);
    let touches: Vec<String> = [("left", &junction.left), ("right", &junction.right)]
        .into_iter()
        .filter(|(_, end)| end.target == root)
        .map(|(side, end)| picked(&format!("j.\"{side}\""), &end.target, end.by.as_deref()))
        .collect();
    if touches.is_empty() {
        return Ok(());
    }
    conn.execute(
        &format!(
            "INSERT OR IGNORE INTO _pick_lines SELECT ?1, j._line FROM {table} j WHERE {}",
            touches.join(" OR ")
        ),
        [file],
    )
    .map_err(sql)?;
    for (side, end) in [("left", &junction.left), ("right", &junction.right)] {
        let column = end.by.as_deref().map_or_else(|| "_key".to_string(), ident);
        conn.execute(
            &format!(
                "INSERT OR IGNORE INTO {p} SELECT t._key FROM {t} t JOIN {table} j ON t.{column} = j.\"{side}\" \
                 WHERE j._line IN (SELECT line FROM _pick_lines WHERE file = ?1)",
                p = pick_table(&end.target),
                t = ident(&end.target),
            ),
            [file],
        )
        .map_err(sql)?;
    }
    Ok(())
}

/// Follows every lookup of every picked row until nothing is missing.
fn follow_lookups(conn: &rusqlite::Connection, scenario: &Scenario) -> Result<()> {
    loop {
        let mut added = 0;
        for object in &scenario.objects {
            for field in &object.fields {
                let Some(reference) = &field.reference else { continue };
                for target in &reference.targets {
                    let column = reference.by.as_deref().map_or_else(|| "_key".to_string(), ident);
                    added += conn
                        .execute(
                            &format!(
                                "INSERT OR IGNORE INTO {p} SELECT t._key FROM {t} t JOIN {o} o ON t.{column} = o.{f} \
                                 WHERE o._key IN (SELECT key FROM {po})",
                                p = pick_table(target),
                                t = ident(target),
                                o = ident(&object.name),
                                f = ident(&field.name),
                                po = pick_table(&object.name),
                            ),
                            [],
                        )
                        .map_err(sql)?;
                }
            }
        }
        if added == 0 {
            return Ok(());
        }
    }
}

/// FNV-1a over the key, mixed with the seed: a stable pseudo-random order.
fn rank(key: &str, seed: u64) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64 ^ seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    for byte in key.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Copies the scenario file, and the map files and destination schema it
/// names, so the sample folder is a scenario of its own.
fn copy_scenario(scenario: &Scenario, out: &Path) -> Result<()> {
    let mut files = vec![PathBuf::from(SCENARIO_FILE)];
    files.extend(scenario.map_files().map(PathBuf::from));
    if let Some(destination) = &scenario.destination
        && crate::scenario::destination::Destination::builtin(&destination.name).is_none()
    {
        files.push(PathBuf::from(&destination.name));
    }
    for file in files {
        let from = if file == Path::new(SCENARIO_FILE) {
            scenario.path.clone()
        } else {
            scenario.dir.join(&file)
        };
        let to = out.join(&file);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|source| Error::Write { path: parent.to_path_buf(), source })?;
        }
        // Read, then write, so a failure names the file that failed.
        let bytes = std::fs::read(&from)
            .map_err(|source| Error::Read { location: Location::file(&from), source })?;
        crate::output::write_file(&to, &bytes)?;
    }
    Ok(())
}

/// Streams one export file and writes its sampled rows to the same path
/// under `out`, in the file's own format. Returns the rows written.
fn write_file(conn: &rusqlite::Connection, source: &Source, out: &Path) -> Result<u64> {
    let mut csv = CsvFile::open(source)?;
    let style = Style::of(source, &csv)?;
    let mut builder = csv::WriterBuilder::new();
    builder
        .delimiter(csv.delimiter.0)
        .quote_style(if style.quote_all {
            csv::QuoteStyle::Always
        } else {
            csv::QuoteStyle::Necessary
        })
        .terminator(if style.crlf { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') });
    let target = out.join(&source.file);
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|source| Error::Write { path: parent.to_path_buf(), source })?;
    }
    let write_error = |source: std::io::Error| Error::Write { path: target.clone(), source };
    let mut file = std::io::BufWriter::new(crate::output::Partial::beside(&target, "sample")?);
    file.write_all(&style.bom()).map_err(write_error)?;
    let headers = StringRecord::from(csv.headers().to_vec());
    let mut emit = |record: &StringRecord| -> Result<()> {
        let mut writer = builder.from_writer(Vec::new());
        writer.write_record(record).map_err(|e| write_error(e.into()))?;
        let text = writer.into_inner().map_err(|e| write_error(e.into_error()))?;
        file.write_all(&style.encode(&text)).map_err(write_error)
    };
    emit(&headers)?;
    let mut member = conn
        .prepare("SELECT 1 FROM _pick_lines WHERE file = ?1 AND line = ?2")
        .map_err(Error::shadow("prepare sample lookup"))?;
    let (mut record, mut rows) = (StringRecord::new(), 0);
    while let Some(line) = csv.read(&mut record)? {
        let line = i64::try_from(line).unwrap_or(i64::MAX);
        if member
            .exists(rusqlite::params![source.file, line])
            .map_err(Error::shadow("sample lookup"))?
        {
            emit(&record)?;
            rows += 1;
        }
    }
    let file = file.into_inner().map_err(|e| write_error(e.into_error()))?;
    file.persist(&target)?;
    Ok(rows)
}

/// How a source file is written: encoding, BOM, quoting, line ends.
struct Style {
    encoding: EncodingChoice,
    bom: bool,
    quote_all: bool,
    crlf: bool,
}

impl Style {
    fn of(source: &Source, csv: &CsvFile) -> Result<Style> {
        let mut head = Vec::new();
        std::fs::File::open(&source.path)
            .and_then(|f| f.take(64 << 10).read_to_end(&mut head))
            .map_err(|e| Error::Read { location: Location::file(&source.path), source: e })?;
        let bom = crate::decode::Bom::of(&head).is_some();
        // Look at the text, whatever the encoding: drop NULs of UTF-16.
        let ascii: Vec<u8> = head.iter().copied().filter(|&b| b != 0).collect();
        Ok(Style {
            encoding: csv.encoding,
            bom,
            quote_all: ascii.iter().find(|&&b| b < 0x80) == Some(&b'"'),
            crlf: ascii.windows(2).any(|w| w == b"\r\n"),
        })
    }

    fn bom(&self) -> Vec<u8> {
        if !self.bom {
            return Vec::new();
        }
        // The mark the file's encoding takes (a skipped lying mark is not copied).
        self.encoding.encoding.encode("\u{FEFF}")
    }

    /// UTF-8 text in the file's encoding.
    fn encode(&self, utf8: &[u8]) -> Vec<u8> {
        self.encoding.encoding.encode(&String::from_utf8_lossy(utf8))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_is_stable_and_depends_on_the_seed() {
        assert_eq!(rank("0065g00000BPcRLAA1", 1), rank("0065g00000BPcRLAA1", 1));
        assert_ne!(rank("0065g00000BPcRLAA1", 1), rank("0065g00000BPcRLAA1", 2));
        assert_ne!(rank("a", 1), rank("b", 1));
    }
}
