//! `shadow-import verify`: what actually arrived in the destination,
//! against the baseline. The destination's own export (one CSV per object
//! and junction, headed by the destination field names, its own id and the
//! source key) is loaded into a shadow through a mapping derived from the
//! scenario, and compared: rows per object, the open pipeline by stage,
//! every sampled record field by field, and the scenario's own triggers
//! re-run on the destination's links. A field changed after the load on
//! many sampled records toward one value is reported as likely automation.
//! The loader's result files (`--import-results`) give the real import
//! failure rate, data errors apart from platform errors.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::baseline::{self, Baseline, PipelineBaseline, SampledRecord};
use super::loader_results;
use crate::error::{Error, Result, ToolError};
use crate::facts::{
    ARRIVED_PIPELINE, ARRIVED_ROWS, ARRIVED_VALUES, Arrival, CHANGED_AFTER_LOAD, Counted, EXAMPLES,
    Example, FileRows, Limit, Limits, Note, TriggerResult,
};
use crate::load::ident;
use crate::report::Report;
use crate::report::redact::Redactor;
use crate::scenario::{Column, Field, FieldType, Scenario, Source, Zone};

/// The shadow column holding each destination row's source key.
pub const SOURCE_KEY_FIELD: &str = "_source_key";

/// Sampled records changed toward one value, at least, before it is automation.
pub const AUTOMATION_MIN_RECORDS: u64 = 5;

/// Share of an object's sampled records, in percent, changed toward one
/// value before it is automation.
pub const AUTOMATION_MIN_PERCENT: u64 = 20;

/// What `verify` reads.
#[derive(Debug, Clone)]
pub struct VerifyOptions {
    /// The baseline taken before the load.
    pub baseline: PathBuf,
    /// The destination's export after the load.
    pub export: Option<PathBuf>,
    /// The destination loader's result files.
    pub import_results: Option<PathBuf>,
    /// The key a redacted baseline was taken with (`--redact-key-file`,
    /// `SHADOW_IMPORT_REDACT_KEY`): the destination's values are masked
    /// under it before they are compared.
    pub redact_key: Option<Redactor>,
}

/// Fails at the first row off.
const ANY: Limits = Limits { warn: None, fail: Some(Limit::Count(0)) };

/// Verifies the load of `scenario` against its baseline.
pub fn verify(scenario: &Scenario, options: &VerifyOptions) -> Result<Report> {
    if options.export.is_none() && options.import_results.is_none() {
        return Err(Error::Tool(ToolError::NothingToVerify));
    }
    let baseline = read_baseline(scenario, &options.baseline)?;
    let redactor = baseline_key(&baseline, options)?;
    let mut results = Vec::new();
    let mut files = Vec::new();
    let mut shown = scenario.clone();
    if let Some(export) = &options.export {
        let destination = destination_scenario(scenario, export)?;
        let (shadow, loaded, triggers) = crate::run::load_and_evaluate(&destination)?;
        results.extend(arrivals(shadow.conn(), &destination, &baseline, redactor, &loaded)?);
        results.extend(triggers);
        shadow.finish()?;
        files = loaded;
        shown = destination;
    }
    if let Some(dir) = &options.import_results {
        results.extend(loader_results::read(scenario, &baseline, dir)?);
    }
    let decision = crate::facts::decide(&files, results, false);
    let mut report = Report::build(&shown, &files, decision, Vec::new(), Vec::new());
    let dirs: Vec<&Path> = [&options.export, &options.import_results]
        .into_iter()
        .flatten()
        .map(|p| p.as_path())
        .collect();
    report.evidence.inputs = evidence_inputs(scenario, &options.baseline, &dirs)?;
    Ok(report)
}

/// The evidence of a migration-day command: the scenario file, its map
/// and schema files, the baseline, and every file in `dirs` (the
/// destination's export, the loader's results).
pub fn evidence_inputs(
    scenario: &Scenario,
    baseline: &Path,
    dirs: &[&Path],
) -> Result<Vec<crate::facts::InputFile>> {
    let mut paths = vec![scenario.path.clone()];
    paths.extend(scenario.destination.iter().filter_map(|d| d.file.clone()));
    paths.extend(scenario.map_files().map(|f| scenario.dir.join(f)));
    paths.push(baseline.to_path_buf());
    paths.extend(super::baseline::files_in(dirs));
    crate::run::fingerprints(scenario, paths)
}

/// The key to mask the destination's values under: none for a baseline
/// that is not redacted; the key given, when it is the baseline's.
fn baseline_key<'a>(
    baseline: &Baseline,
    options: &'a VerifyOptions,
) -> Result<Option<&'a Redactor>> {
    if !baseline.redacted {
        return Ok(None);
    }
    let path = options.baseline.clone();
    let Some(key) = &options.redact_key else {
        return Err(Error::Tool(ToolError::RedactedBaselineNeedsKey { path }));
    };
    if baseline.redact_key_check.as_deref() != Some(key.key_check().as_str()) {
        return Err(Error::Tool(ToolError::RedactedWithAnotherKey { path }));
    }
    Ok(Some(key))
}

/// Reads the baseline and checks it is this scenario's.
pub fn read_baseline(scenario: &Scenario, path: &Path) -> Result<Baseline> {
    let baseline = baseline::read(path)?;
    if baseline.scenario != scenario.name {
        return Err(Error::Tool(ToolError::BaselineOfAnother {
            path: path.to_path_buf(),
            of: baseline.scenario,
            scenario: scenario.name.clone(),
        }));
    }
    Ok(baseline)
}

/// The file of object or junction `name` in a destination export folder.
fn export_file(dir: &Path, name: &str) -> (String, PathBuf) {
    let shown = dir.file_name().map(|d| d.to_string_lossy().into_owned()).unwrap_or_default();
    (format!("{shown}/{name}.csv"), dir.join(format!("{name}.csv")))
}

/// The columns of a junction's file in a destination export: its two ends'
/// object names, or `left` and `right` when both ends are one object.
pub fn junction_columns(junction: &crate::scenario::Junction) -> (String, String) {
    if junction.left.target == junction.right.target {
        ("left".to_string(), "right".to_string())
    } else {
        (junction.left.target.clone(), junction.right.target.clone())
    }
}

/// The mapping that reads a destination export in `dir`: every object from
/// `<object>.csv`, keyed by the destination's id, each field from the
/// column of its destination name (no value map, no default, no source
/// format: the values are the destination's), lookups by destination id,
/// plus the source key; every junction from `<junction>.csv`.
pub fn destination_scenario(scenario: &Scenario, dir: &Path) -> Result<Scenario> {
    let day = &scenario.migration_day;
    let mut destination = scenario.clone();
    let missing = |name: &str, path: PathBuf| {
        Error::Tool(ToolError::ExportFileMissing { name: name.to_string(), path })
    };
    for object in &mut destination.objects {
        let (file, path) = export_file(dir, &object.name);
        if !path.is_file() {
            return Err(missing(&object.name, path));
        }
        let at = object.key.at.clone();
        object.source = Source {
            file,
            path,
            encoding: None,
            delimiter: None,
            declared_at: object.source.declared_at.clone(),
        };
        object.key = Column { name: day.id.clone(), at: at.clone() };
        object.salesforce_ids = false;
        for field in &mut object.fields {
            field.from = Column { name: field.name.clone(), at: field.from.at.clone() };
            field.also.clear();
            field.part = None;
            field.map = None;
            field.default = None;
            field.format = None;
            field.required = false;
            if let Some(reference) = &mut field.reference {
                reference.by = None;
            }
        }
        object.fields.push(Field {
            name: SOURCE_KEY_FIELD.to_string(),
            from: Column { name: day.source_key.clone(), at },
            also: Vec::new(),
            join: " ".to_string(),
            part: None,
            max_length: None,
            kind: FieldType::Text,
            // Records created in the destination have none.
            required: false,
            critical: false,
            default: None,
            map: None,
            reference: None,
            format: None,
            zone: Zone::DEFAULT,
            region: crate::scenario::PhoneRegion::DEFAULT,
        });
    }
    for junction in &mut destination.junctions {
        let (file, path) = export_file(dir, &junction.name);
        if !path.is_file() {
            return Err(missing(&junction.name, path));
        }
        let (left, right) = junction_columns(junction);
        junction.source = Source {
            file,
            path,
            encoding: None,
            delimiter: None,
            declared_at: junction.source.declared_at.clone(),
        };
        junction.key = None;
        junction.primary = None;
        junction.left.from = Column { name: left, at: junction.left.from.at.clone() };
        junction.right.from = Column { name: right, at: junction.right.from.at.clone() };
        for end in [&mut junction.left, &mut junction.right] {
            end.by = None;
            end.split = None;
        }
    }
    destination.destination = None;
    destination.cutover = None;
    Ok(destination)
}

fn sql(e: rusqlite::Error) -> Error {
    Error::shadow("verify")(e)
}

/// Rows, pipeline and sampled records of the destination shadow against
/// the baseline (the destination's values masked under `redactor` when the
/// baseline's are).
fn arrivals(
    conn: &rusqlite::Connection,
    destination: &Scenario,
    baseline: &Baseline,
    redactor: Option<&Redactor>,
    files: &[FileRows],
) -> Result<Vec<TriggerResult>> {
    for (i, object) in destination.objects.iter().enumerate() {
        let schema = schema_of(conn, &object.name)?;
        conn.execute_batch(&format!(
            "CREATE INDEX {}.\"_verify_{i}\" ON {} ({});",
            ident(&schema),
            ident(&object.name),
            ident(SOURCE_KEY_FIELD)
        ))
        .map_err(sql)?;
    }
    let mut results = Vec::new();
    let mut samples = sampled(conn, destination, baseline, redactor)?;
    for file in files {
        let Some(expected) = baseline.files.iter().find(|f| f.object == file.object) else {
            continue;
        };
        let count = file.loaded.abs_diff(expected.loaded);
        let arrival = Arrival::Rows { object: file.object.clone(), found: file.loaded };
        let mut result = TriggerResult::new(
            ARRIVED_ROWS,
            file.object.clone(),
            Counted::Arrival(arrival),
            count,
            expected.loaded,
            ANY,
        );
        let missing: Vec<Example> =
            samples.get(&file.object).map(|s| s.missing.clone()).unwrap_or_default();
        let of = missing.len() as u64;
        result.set_examples(missing.into_iter().take(EXAMPLES).collect(), of);
        results.push(result);
    }
    if let (Some(pipeline), Some(expected)) = (&destination.pipeline, &baseline.pipeline) {
        let found = baseline::open_pipeline(conn, pipeline)?;
        let file = files
            .iter()
            .find(|f| f.object == pipeline.object)
            .map(|f| f.file.clone())
            .unwrap_or_default();
        results.push(pipeline_result(expected, &found, &file));
    }
    for object in &destination.objects {
        let Some(sample) = samples.remove(&object.name) else { continue };
        results.extend(sample.results(&object.name));
    }
    Ok(results)
}

/// The database (main, or a part attached by the load) holding `table`.
fn schema_of(conn: &rusqlite::Connection, table: &str) -> Result<String> {
    let schemas: Vec<String> = conn
        .prepare("SELECT name FROM pragma_database_list ORDER BY seq")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(sql)?;
    for schema in schemas {
        let query = format!(
            "SELECT count(*) FROM {}.sqlite_master WHERE type = 'table' AND name = ?1",
            ident(&schema)
        );
        let n: i64 = conn.query_row(&query, [table], |r| r.get(0)).map_err(sql)?;
        if n > 0 {
            return Ok(schema);
        }
    }
    Ok("main".to_string())
}

/// `480 open, 56752462.82` for a stage.
fn stage_words(count: u64, amount: &str) -> String {
    format!("{count} open, {amount}")
}

/// The open pipeline by stage, found against the baseline.
fn pipeline_result(
    before: &PipelineBaseline,
    found: &PipelineBaseline,
    file: &str,
) -> TriggerResult {
    let mut stages: BTreeMap<Option<String>, (Option<String>, Option<String>)> = BTreeMap::new();
    for s in &before.stages {
        stages.entry(s.stage.clone()).or_default().0 = Some(stage_words(s.count, &s.amount));
    }
    for s in &found.stages {
        stages.entry(s.stage.clone()).or_default().1 = Some(stage_words(s.count, &s.amount));
    }
    let total = stages.len() as u64;
    let examples: Vec<Example> = stages
        .into_iter()
        .filter(|(_, (e, f))| e != f)
        .map(|(stage, (expected, found))| Example {
            file: file.to_string(),
            key: Some(stage.unwrap_or_else(|| "(no stage)".to_string())),
            column: Some(before.stage.clone()),
            value: Some(found.unwrap_or_else(|| "0 open".to_string())),
            note: Some(Note::Expected {
                expected: Some(expected.unwrap_or_else(|| "0 open".into())),
            }),
            ..Example::default()
        })
        .collect();
    let count = examples.len() as u64;
    let arrival = Arrival::PipelineStages { object: before.object.clone() };
    let mut result = TriggerResult::new(
        ARRIVED_PIPELINE,
        format!("{}.{}", before.object, before.stage),
        Counted::Arrival(arrival),
        count,
        total,
        ANY,
    );
    result.set_examples(examples.into_iter().take(EXAMPLES).collect(), count);
    result
}

/// One object's sampled records as found in the destination.
#[derive(Default)]
struct Sampled {
    /// Sampled records of the object.
    records: u64,
    /// Those not in the destination's export.
    missing: Vec<Example>,
    /// Field differences: (field, found value) → examples.
    differences: BTreeMap<(String, Option<String>), Vec<Example>>,
}

impl Sampled {
    /// `changed_after_load` for each field changed toward one value on
    /// enough records, then `arrived_values` for every other difference.
    fn results(mut self, object: &str) -> Vec<TriggerResult> {
        let mut results = Vec::new();
        let enough = |n: u64| {
            n >= AUTOMATION_MIN_RECORDS && n * 100 >= AUTOMATION_MIN_PERCENT * self.records
        };
        let automated: Vec<(String, Option<String>)> = self
            .differences
            .iter()
            .filter(|((_, value), examples)| value.is_some() && enough(examples.len() as u64))
            .map(|(k, _)| k.clone())
            .collect();
        for (field, value) in automated {
            let Some(examples) = self.differences.remove(&(field.clone(), value.clone())) else {
                continue;
            };
            let arrival = Arrival::Automation {
                object: object.to_string(),
                field: field.clone(),
                value: value.unwrap_or_default(),
            };
            let count = examples.len() as u64;
            let mut result = TriggerResult::new(
                CHANGED_AFTER_LOAD,
                format!("{object}.{field}"),
                Counted::Arrival(arrival),
                count,
                self.records,
                ANY,
            );
            result.set_examples(examples.into_iter().take(EXAMPLES).collect(), count);
            results.push(result);
        }
        let mut examples: Vec<Example> = self.missing;
        examples.extend(self.differences.into_values().flatten());
        examples.sort_by(|a, b| (a.line, &a.key, &a.column).cmp(&(b.line, &b.key, &b.column)));
        let mut keys: Vec<&Option<String>> = examples.iter().map(|e| &e.key).collect();
        keys.sort();
        keys.dedup();
        let count = keys.len() as u64;
        let of = examples.len() as u64;
        let arrival = Arrival::SampledRecords { object: object.to_string() };
        let mut result = TriggerResult::new(
            ARRIVED_VALUES,
            object.to_string(),
            Counted::Arrival(arrival),
            count,
            self.records,
            ANY,
        );
        result.set_examples(examples.into_iter().take(EXAMPLES).collect(), of);
        results.push(result);
        results
    }
}

/// Every sampled record of the baseline looked up in the destination by its
/// source key and compared field by field, per object.
fn sampled(
    conn: &rusqlite::Connection,
    destination: &Scenario,
    baseline: &Baseline,
    redactor: Option<&Redactor>,
) -> Result<BTreeMap<String, Sampled>> {
    let mut by_object: BTreeMap<String, Sampled> = BTreeMap::new();
    for object in &destination.objects {
        by_object.insert(object.name.clone(), Sampled::default());
    }
    for record in &baseline.sample.records {
        let Some(object) = destination.object(&record.object) else { continue };
        let Some(sample) = by_object.get_mut(&object.name) else { continue };
        sample.records += 1;
        compare(conn, object, record, redactor, sample)?;
    }
    Ok(by_object)
}

/// Compares one sampled record with its row in the destination.
fn compare(
    conn: &rusqlite::Connection,
    object: &crate::scenario::ObjectMapping,
    record: &SampledRecord,
    redactor: Option<&Redactor>,
    sample: &mut Sampled,
) -> Result<()> {
    let fields: Vec<&Field> = object
        .fields
        .iter()
        .filter(|f| f.name != SOURCE_KEY_FIELD && record.fields.contains_key(&f.name))
        .collect();
    let mut columns = vec!["_line".to_string()];
    columns.extend(fields.iter().map(|f| ident(&f.name)));
    let query = format!(
        "SELECT {} FROM {} WHERE {} = ?1 ORDER BY _line LIMIT 1",
        columns.join(", "),
        ident(&object.name),
        ident(SOURCE_KEY_FIELD)
    );
    let mut statement = conn.prepare_cached(&query).map_err(sql)?;
    let mut rows = statement.query([&record.key]).map_err(sql)?;
    let Some(row) = rows.next().map_err(sql)? else {
        sample.missing.push(Example {
            file: object.source.file.clone(),
            key: Some(record.key.clone()),
            note: Some(Note::NotArrived),
            ..Example::default()
        });
        return Ok(());
    };
    let line: i64 = row.get(0).map_err(sql)?;
    let mut found_values = Vec::with_capacity(fields.len());
    for i in 0..fields.len() {
        found_values.push(baseline::text(row.get_ref(i + 1).map_err(sql)?));
    }
    drop(rows);
    drop(statement);
    for (field, found) in fields.into_iter().zip(found_values) {
        let mut found = match (&field.reference, found) {
            (Some(reference), Some(id)) => {
                Some(source_key_of(conn, &reference.targets, &id)?.unwrap_or(id))
            }
            (_, found) => found,
        };
        if let (Some(redactor), Some(value)) = (redactor, &found) {
            found = Some(redactor.mask(&field.name, value).unwrap_or(value.clone()));
        }
        let expected = record.fields.get(&field.name).cloned().flatten();
        if found != expected {
            let example = Example {
                file: object.source.file.clone(),
                line: u64::try_from(line).ok(),
                key: Some(record.key.clone()),
                column: Some(field.name.clone()),
                value: found.clone(),
                note: Some(Note::Expected { expected }),
                ..Example::default()
            };
            sample.differences.entry((field.name.clone(), found)).or_default().push(example);
        }
    }
    Ok(())
}

/// The source key of the destination row `id` among `targets`.
fn source_key_of(
    conn: &rusqlite::Connection,
    targets: &[String],
    id: &str,
) -> Result<Option<String>> {
    for target in targets {
        let query =
            format!("SELECT {} FROM {} WHERE _key = ?1", ident(SOURCE_KEY_FIELD), ident(target));
        let mut statement = conn.prepare_cached(&query).map_err(sql)?;
        let mut rows = statement.query([id]).map_err(sql)?;
        if let Some(row) = rows.next().map_err(sql)? {
            return Ok(baseline::text(row.get_ref(0).map_err(sql)?));
        }
    }
    Ok(None)
}
