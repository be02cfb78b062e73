//! `shadow-import baseline`: the source as it stood just before migration,
//! kept apart from the migration files. Rows per object (read, loaded,
//! rejected), the sha256 and size of every export file, the open pipeline
//! by destination stage (count, exact sum of amounts, earliest and latest
//! close date), and the relationship-preserving 100-record sample that
//! `sample` draws, with every record's mapped values. Deterministic: the
//! same export gives the same file, byte for byte. `verify` and `reconcile`
//! read it back, and `[cutover] counts = "baseline.json"` takes its counts.

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use rusqlite::types::ValueRef;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Location, Result, ToolError};
pub use crate::facts::{PipelineBaseline, StageTotal};
use crate::load::ident;
use crate::report::redact::Redactor;
use crate::scenario::{Closed, Pipeline, Scenario};

/// The version of the baseline file's shape.
pub const BASELINE_VERSION: u32 = 1;

/// Rows of the root object the baseline samples, as the practice asks.
pub const SAMPLE_SIZE: usize = 100;

/// The baseline file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    /// The shape's version ([`BASELINE_VERSION`]).
    pub baseline_version: u32,
    /// The scenario's name.
    pub scenario: String,
    /// Personal values in the sample are tokens (`--redact`).
    pub redacted: bool,
    /// When redacted: the key's check ([`Redactor::key_check`]), so that
    /// `verify` knows it masks under the same key. Absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redact_key_check: Option<String>,
    /// Source rows per object and junction (what `[cutover] counts` reads).
    pub counts: IndexMap<String, u64>,
    /// Every export file: its rows and its fingerprint.
    pub files: Vec<FileBaseline>,
    /// The open pipeline, when the scenario has one.
    pub pipeline: Option<PipelineBaseline>,
    /// The relationship-preserving sample.
    pub sample: SampleBaseline,
}

/// One export file as it stood.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileBaseline {
    /// The object or junction it feeds.
    pub object: String,
    /// The file as the scenario names it.
    pub file: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// Its sha256, in hex.
    pub sha256: String,
    /// Records in the file.
    pub source_rows: u64,
    /// Rows the rehearsal loaded.
    pub loaded: u64,
    /// Rows the rehearsal rejected.
    pub rejected: u64,
}

/// The sample: its records with their mapped values, and the links among them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SampleBaseline {
    /// The object the rows were chosen from.
    pub root: String,
    /// The seed of the choice.
    pub seed: u64,
    /// Rows of the root asked for.
    pub size: u64,
    /// Rows of the root chosen (fewer when it has fewer).
    pub chosen: u64,
    /// Every sampled record, by object then key.
    pub records: Vec<SampledRecord>,
}

/// One sampled record: its source key and its values after the mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SampledRecord {
    /// The object.
    pub object: String,
    /// The source key.
    pub key: String,
    /// The line of the export where it starts.
    pub line: u64,
    /// Destination field → mapped value (`null` when blank).
    pub fields: IndexMap<String, Option<String>>,
}

/// Takes the baseline of `scenario` (sample seed `seed`, masking personal
/// values with `redact`'s tokens when given).
pub fn baseline(scenario: &Scenario, seed: u64, redact: Option<&Redactor>) -> Result<Baseline> {
    let (shadow, rows) = crate::run::checked_load(scenario)?;
    let conn = shadow.conn();
    let mut counts = IndexMap::new();
    let mut files = Vec::new();
    for file in &rows {
        counts.insert(file.object.clone(), file.source_rows);
        let path = scenario
            .sources()
            .find(|s| s.file == file.file)
            .map_or_else(|| scenario.dir.join(&file.file), |s| s.path.clone());
        let (bytes, sha256) = crate::decode::fingerprint(&path)?;
        files.push(FileBaseline {
            object: file.object.clone(),
            file: file.file.clone(),
            bytes,
            sha256,
            source_rows: file.source_rows,
            loaded: file.loaded,
            rejected: file.rejected,
        });
    }
    let pipeline = scenario.pipeline.as_ref().map(|p| open_pipeline(conn, p)).transpose()?;
    let root = super::sample::root_of(scenario, None)?;
    // Records the destination can hold: rejected rows never arrive.
    let loaded = super::sample::Candidates::Loaded;
    let chosen = super::sample::choose(conn, scenario, &root, (SAMPLE_SIZE, seed), loaded)?;
    let records = sampled_records(conn, scenario, redact)?;
    let sample = SampleBaseline { root, seed, size: SAMPLE_SIZE as u64, chosen, records };
    shadow.finish()?;
    Ok(Baseline {
        baseline_version: BASELINE_VERSION,
        scenario: scenario.name.clone(),
        redacted: redact.is_some(),
        redact_key_check: redact.map(Redactor::key_check),
        counts,
        files,
        pipeline,
        sample,
    })
}

/// The baseline as the file holds it: pretty JSON, ending in a newline.
pub fn render(baseline: &Baseline) -> String {
    let mut text = serde_json::to_string_pretty(baseline).unwrap_or_default();
    text.push('\n');
    text
}

/// Reads a baseline file.
pub fn read(path: &Path) -> Result<Baseline> {
    let text = std::fs::read_to_string(path)
        .map_err(|source| Error::Read { location: Location::file(path), source })?;
    let baseline: Baseline = serde_json::from_str(&text).map_err(|e| {
        Error::Tool(ToolError::BadBaseline {
            path: path.to_path_buf(),
            line: e.line() as u64,
            column: e.column() as u64,
            message: e.to_string(),
        })
    })?;
    if baseline.baseline_version != BASELINE_VERSION {
        return Err(Error::Tool(ToolError::BadBaseline {
            path: path.to_path_buf(),
            line: 1,
            column: 1,
            message: format!(
                "baseline_version {} is not {BASELINE_VERSION}, the version this tool writes",
                baseline.baseline_version
            ),
        }));
    }
    Ok(baseline)
}

fn sql(e: rusqlite::Error) -> Error {
    Error::shadow("baseline")(e)
}

/// The condition that holds for an open row of `pipeline`, and its parameters.
pub(crate) fn open_condition(pipeline: &Pipeline) -> (String, Vec<String>) {
    let stage = ident(&pipeline.stage);
    match &pipeline.closed {
        Closed::StageSaysClosed => {
            (format!("instr(lower(coalesce({stage}, '')), 'closed') = 0"), Vec::new())
        }
        Closed::Stages(stages) => {
            let marks: Vec<String> = (1..=stages.len()).map(|i| format!("?{i}")).collect();
            let lowered = stages.iter().map(|s| s.to_lowercase()).collect();
            (format!("lower(coalesce({stage}, '')) NOT IN ({})", marks.join(", ")), lowered)
        }
        Closed::Flag(flag) => (format!("coalesce({}, 0) = 0", ident(flag)), Vec::new()),
    }
}

/// What counts as closed, in words.
fn closed_words(closed: &Closed) -> String {
    match closed {
        Closed::StageSaysClosed => "the stage's destination value holds \"closed\"".to_string(),
        Closed::Stages(stages) => format!("the stage is one of: {}", stages.join(", ")),
        Closed::Flag(flag) => format!("{flag} is true"),
    }
}

/// The open rows of `pipeline` in a loaded table, by stage, summed exactly.
/// The rows stream through one statement; only the per-stage totals are kept.
pub(crate) fn open_pipeline(
    conn: &rusqlite::Connection,
    pipeline: &Pipeline,
) -> Result<PipelineBaseline> {
    let (open, params) = open_condition(pipeline);
    let column = |f: &Option<String>| f.as_deref().map_or_else(|| "NULL".to_string(), ident);
    let query = format!(
        "SELECT {stage}, {amount}, {close} FROM {table} WHERE {open} ORDER BY {stage} IS NULL, {stage}",
        stage = ident(&pipeline.stage),
        amount = column(&pipeline.amount),
        close = column(&pipeline.close_date),
        table = ident(&pipeline.object),
    );
    let mut statement = conn.prepare(&query).map_err(sql)?;
    let mut rows = statement.query(rusqlite::params_from_iter(params.iter())).map_err(sql)?;
    let mut stages: Vec<(StageTotal, Decimal)> = Vec::new();
    while let Some(row) = rows.next().map_err(sql)? {
        let stage = text(row.get_ref(0).map_err(sql)?);
        let amount = text(row.get_ref(1).map_err(sql)?)
            .and_then(|a| a.parse::<Decimal>().ok())
            .unwrap_or_default();
        let close = text(row.get_ref(2).map_err(sql)?);
        if stages.last().is_none_or(|(s, _)| s.stage != stage) {
            let total = StageTotal {
                stage: stage.clone(),
                count: 0,
                amount: String::new(),
                earliest_close: None,
                latest_close: None,
            };
            stages.push((total, Decimal::ZERO));
        }
        if let Some((total, sum)) = stages.last_mut() {
            total.count += 1;
            *sum += amount;
            if let Some(close) = close {
                if total.earliest_close.as_ref().is_none_or(|e| close < *e) {
                    total.earliest_close = Some(close.clone());
                }
                if total.latest_close.as_ref().is_none_or(|l| close > *l) {
                    total.latest_close = Some(close);
                }
            }
        }
    }
    let stages = stages
        .into_iter()
        .map(|(mut total, sum)| {
            total.amount = sum.normalize().to_string();
            total
        })
        .collect();
    Ok(PipelineBaseline {
        object: pipeline.object.clone(),
        stage: pipeline.stage.clone(),
        amount: pipeline.amount.clone(),
        close_date: pipeline.close_date.clone(),
        closed: closed_words(&pipeline.closed),
        stages,
    })
}

/// A cell as text: `None` when blank or NULL.
pub(crate) fn text(value: ValueRef<'_>) -> Option<String> {
    let s = match value {
        ValueRef::Null => return None,
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(r) => r.to_string(),
        ValueRef::Text(t) | ValueRef::Blob(t) => String::from_utf8_lossy(t).into_owned(),
    };
    (!s.is_empty()).then_some(s)
}

/// Every picked record with its mapped values, by object then key.
fn sampled_records(
    conn: &rusqlite::Connection,
    scenario: &Scenario,
    redact: Option<&Redactor>,
) -> Result<Vec<SampledRecord>> {
    let mut records = Vec::new();
    for object in &scenario.objects {
        let mut columns = vec!["_key".to_string(), "_line".to_string()];
        columns.extend(object.fields.iter().map(|f| ident(&f.name)));
        let query = format!(
            "SELECT {} FROM {} WHERE _key IN (SELECT key FROM {}) ORDER BY _key",
            columns.join(", "),
            ident(&object.name),
            super::sample::picked_keys(&object.name)
        );
        let mut statement = conn.prepare(&query).map_err(sql)?;
        let mut rows = statement.query([]).map_err(sql)?;
        while let Some(row) = rows.next().map_err(sql)? {
            let key = text(row.get_ref(0).map_err(sql)?).unwrap_or_default();
            let line: i64 = row.get(1).map_err(sql)?;
            let mut fields = IndexMap::new();
            for (i, field) in object.fields.iter().enumerate() {
                let mut value = text(row.get_ref(i + 2).map_err(sql)?);
                if let (Some(redactor), Some(v)) = (redact, &value) {
                    value = Some(redactor.mask(&field.name, v).unwrap_or(v.clone()));
                }
                fields.insert(field.name.clone(), value);
            }
            records.push(SampledRecord {
                object: object.name.clone(),
                key,
                line: u64::try_from(line).unwrap_or_default(),
                fields,
            });
        }
    }
    Ok(records)
}

/// Where `--out` may write: not over an input, and over an existing file
/// only when it is a baseline this tool wrote.
pub fn check_out(scenario: &Scenario, out: &Path) -> Result<()> {
    crate::output::refuse_inputs(&scenario.inputs(), &[("--out", out)])?;
    if out.exists() {
        let ours = std::fs::read_to_string(out)
            .ok()
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
            .is_some_and(|v| v.get("baseline_version").is_some());
        if !ours {
            return Err(Error::Tool(ToolError::NotABaseline { path: PathBuf::from(out) }));
        }
    }
    Ok(())
}

/// Every file an output must not replace: the scenario's inputs, `files`
/// (the baseline), and the files in `dirs` and their folders (the
/// destination exports, the loader's result files).
pub fn inputs(scenario: &Scenario, files: &[&Path], dirs: &[&Path]) -> Vec<PathBuf> {
    let mut inputs = scenario.inputs();
    inputs.extend(files.iter().map(|f| f.to_path_buf()));
    inputs.extend(files_in(dirs));
    inputs
}

/// The files in `dirs` and in their folders, sorted by path within each
/// of `dirs` (a folder's listing order is the file system's, not ours).
pub fn files_in(dirs: &[&Path]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for dir in dirs {
        let mut mine = Vec::new();
        let mut pending: Vec<(PathBuf, u8)> = vec![(dir.to_path_buf(), 0)];
        while let Some((dir, depth)) = pending.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
                if path.is_dir() && depth == 0 {
                    pending.push((path, 1));
                } else if path.is_file() {
                    mine.push(path);
                }
            }
        }
        mine.sort();
        found.extend(mine);
    }
    found
}
