//! `shadow-import sample`: a relationship-preserving sample of an export,
//! for the rehearsal on 100 records the rollback practice asks for before
//! migration day.
//!
//! `size` rows of a root object are chosen by a seeded hash of their keys
//! (the same seed gives the same sample), from every row of the export,
//! loaded or rejected, so the sample rejects what the full export rejects.
//! The rows that hang off them come too (rows of other objects whose
//! lookup points at a chosen row, and junction rows touching them), then
//! every row any of these points at, rejected rows included, so the sample
//! has no orphans that the full export does not have (how the rows are
//! chosen: [`choose`]). Rows are written in the source files' own format
//! (encoding, BOM, delimiter, quoting, line ends) beside a copy of the
//! scenario named as a sample of it (without the full scenario's
//! `[expect]`), so `shadow-import run OUT` rehearses the sample and every
//! report says so.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use csv::StringRecord;

use crate::decode::EncodingChoice;
use crate::error::{Error, Location, Result, ScenarioError, ToolError};
use crate::parse::CsvFile;
use crate::scenario::{SCENARIO_FILE, Scenario, Source};

mod choose;

pub use choose::RootRows;
pub(crate) use choose::{Candidates, choose, picked_keys};

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
    /// Keys of the root asked for (`--size`).
    pub asked: u64,
    /// Keys of the root chosen: `asked`, or every key when the root has
    /// fewer ([`RootRows`] says why).
    pub chosen: u64,
    /// How the root's rows stood for the choice.
    pub root_rows: RootRows,
    /// The root's export file, as the scenario names it.
    pub root_file: String,
    /// The sample's scenario name, as written in its `scenario.toml`.
    pub name: String,
    /// Rows written per file, in scenario order.
    pub files: Vec<SampledFile>,
}

/// One file of a sample.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampledFile {
    /// The file, as the scenario names it.
    pub file: String,
    /// Rows written.
    pub rows: u64,
    /// Of those, rows the full rehearsal rejects (rejected in the sample too).
    pub rejected: u64,
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
    let chosen = choose(conn, scenario, &root, (options.size, options.seed), Candidates::Every)?;
    let root_rows = choose::root_rows(conn, &root)?;
    let (name, description) = sample_naming(scenario, chosen, &root, options.seed);

    std::fs::create_dir_all(&options.out)
        .map_err(|source| Error::Write { path: options.out.clone(), source })?;
    copy_scenario(scenario, &options.out, (&name, &description))?;
    let mut files = Vec::new();
    let mut done = BTreeSet::new();
    for source in scenario.sources() {
        if done.insert(source.file.clone()) {
            let rows = write_file(conn, source, &options.out)?;
            let rejected = choose::rejected_lines(conn, &source.file)?;
            files.push(SampledFile { file: source.file.clone(), rows, rejected });
        }
    }
    shadow.finish()?;
    let root_file = scenario.object(&root).map(|o| o.source.file.clone()).unwrap_or_default();
    let asked = u64::try_from(options.size).unwrap_or(u64::MAX);
    Ok(SampleSummary { root, asked, chosen, root_rows, root_file, name, files })
}

/// The name a sample's scenario takes (`sample of 50 deals from NAME, seed
/// 1`), and its description: what the sample holds, then the full
/// scenario's description.
fn sample_naming(scenario: &Scenario, chosen: u64, root: &str, seed: u64) -> (String, String) {
    let full = &scenario.name;
    let what = format!(
        "Sample of {chosen} {root} (seed {seed}) with the rows that hang off them and every row \
         they link to, from {full}"
    );
    let description = match &scenario.description {
        Some(text) => format!("{what}: {text}"),
        None => what,
    };
    (format!("sample of {chosen} {root} from {full}, seed {seed}"), description)
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

/// Copies the scenario file, named as a sample of the scenario, and the
/// map files, destination schema and cut-over baseline (the full export's
/// counts the sample's projection scales to) it names, so the sample folder
/// is a scenario of its own. A baseline named by an absolute path is read
/// where it is.
fn copy_scenario(scenario: &Scenario, out: &Path, naming: (&str, &str)) -> Result<()> {
    let mut files = Vec::new();
    files.extend(scenario.map_files().map(PathBuf::from));
    let baseline = scenario.cutover.iter().filter_map(|c| c.baseline.as_deref());
    files.extend(baseline.map(PathBuf::from).filter(|f| f.is_relative()));
    if let Some(destination) = &scenario.destination
        && crate::scenario::destination::Destination::builtin(&destination.name).is_none()
    {
        files.push(PathBuf::from(&destination.name));
    }
    let read = |from: &Path| {
        // Read, then write, so a failure names the file that failed.
        std::fs::read(from).map_err(|source| Error::Read { location: Location::file(from), source })
    };
    let text = sample_scenario(scenario, &read(&scenario.path)?, naming)?;
    crate::output::write_file(&out.join(SCENARIO_FILE), text.as_bytes())?;
    for file in files {
        let to = out.join(&file);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|source| Error::Write { path: parent.to_path_buf(), source })?;
        }
        crate::output::write_file(&to, &read(&scenario.dir.join(&file))?)?;
    }
    Ok(())
}

/// The scenario's text with `[scenario]`'s name and description replaced,
/// so every report of the sample names it as one, and without `[expect]`,
/// which states what the full export concludes (its counts, its verdict),
/// not what a sample of it does; everything else (comments too) as
/// written, under a first comment saying so.
fn sample_scenario(
    scenario: &Scenario,
    bytes: &[u8],
    (name, description): (&str, &str),
) -> Result<String> {
    let unparsed =
        |message: String| ScenarioError::Toml { message }.at(Location::file(&scenario.path));
    let text = std::str::from_utf8(bytes).map_err(|e| unparsed(e.to_string()))?;
    let mut document: toml_edit::DocumentMut =
        text.parse().map_err(|e: toml_edit::TomlError| unparsed(e.message().to_string()))?;
    document["scenario"]["name"] = toml_edit::value(name);
    document["scenario"]["description"] = toml_edit::value(description);
    let expect = match document.remove("expect") {
        Some(_) => {
            "# The full scenario's [expect] block is left out: it is what the full export \
             concludes, not this sample.\n"
        }
        None => "",
    };
    Ok(format!(
        "# Written by `shadow-import sample`: {name}.\n\
         # The comments below are the full scenario's: they describe its export, not this sample.\n\
         {expect}{document}"
    ))
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
