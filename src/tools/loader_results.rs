//! The destination loader's result files, for `verify --import-results`:
//! the real import failure rate per object. The folder holds one folder
//! per object, named after it, with what the loader wrote for that
//! object's load:
//!
//! - Salesforce Data Loader: `success*.csv` (one row per record loaded)
//!   and `error*.csv` (the row again, with an `ERROR` column:
//!   `REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]`);
//! - HubSpot: the import's error report, any other `*.csv`, one row per
//!   error with an `Error type` (or `Error`) column.
//!
//! Each error's code (the text before the first `:`) is data
//! (`REQUIRED_FIELD_MISSING`, `INVALID_EMAIL_ADDRESS`, `DUPLICATE_VALUE` …)
//! or platform (`REQUEST_LIMIT_EXCEEDED`, `UNABLE_TO_LOCK_ROW`,
//! `SERVER_UNAVAILABLE`, HTTP 429 and 5xx, timeouts). Data errors count
//! toward `import_failure` at its threshold; platform errors are
//! `system_instability`'s evidence: a platform issue, not a data issue.
//! Files are read a record at a time.

use std::path::Path;

use super::baseline::Baseline;
use crate::error::{Error, Location, Result, ToolError};
use crate::facts::{
    Arrival, Authority, Counted, EXAMPLES, Example, Limit, Limits, Note, SYSTEM_INSTABILITY,
    TriggerResult,
};
use crate::scenario::Scenario;

/// Platform error codes (compared in upper case).
const PLATFORM_CODES: [&str; 14] = [
    "REQUEST_LIMIT_EXCEEDED",
    "UNABLE_TO_LOCK_ROW",
    "SERVER_UNAVAILABLE",
    "SERVICE_UNAVAILABLE",
    "INTERNAL_ERROR",
    "UNKNOWN_EXCEPTION",
    "TIMEOUT",
    "TIMED_OUT",
    "QUERY_TIMEOUT",
    "RATE_LIMIT",
    "RATE_LIMITED",
    "TOO_MANY_REQUESTS",
    "BAD_GATEWAY",
    "GATEWAY_TIMEOUT",
];

/// Platform errors are evidence, never the verdict on their own.
const EVIDENCE: Limits = Limits { warn: Some(Limit::Count(0)), fail: None };

/// Whether an error's code (or its message) is a platform error.
pub fn is_platform(code: &str, message: &str) -> bool {
    let code = code.trim().to_uppercase();
    let message = message.to_lowercase();
    PLATFORM_CODES.contains(&code.as_str())
        || code == "429"
        || (code.len() == 3 && code.starts_with('5') && code.chars().all(|c| c.is_ascii_digit()))
        || message.contains("http 429")
        || message.contains("http 5")
        || message.contains("timed out")
        || message.contains("timeout")
        || message.contains("too many requests")
}

/// An error's code: the text before the first `:`, trimmed (`UNKNOWN` when blank).
pub fn code_of(message: &str) -> String {
    let code = message.split(':').next().unwrap_or_default().trim();
    let code = code.strip_prefix("HTTP ").unwrap_or(code);
    if code.is_empty() { "UNKNOWN".to_string() } else { code.to_string() }
}

/// One object's load as its result files tell it.
#[derive(Default)]
struct Tally {
    successes: u64,
    success_file: bool,
    data: Vec<Example>,
    data_count: u64,
    platform: Vec<Example>,
    platform_count: u64,
}

/// The `import_failure` and `system_instability` results of every object's
/// result files under `dir`.
pub fn read(scenario: &Scenario, baseline: &Baseline, dir: &Path) -> Result<Vec<TriggerResult>> {
    let read_error = |path: &Path| {
        let location = Location::file(path);
        move |source| Error::Read { location: location.clone(), source }
    };
    let mut folders: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .map_err(read_error(dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    folders.sort();
    if folders.is_empty() {
        return Err(Error::Tool(ToolError::NoImportResults { dir: dir.to_path_buf() }));
    }
    let import_failure = crate::run::limits_of(scenario, "import_failure")?
        .unwrap_or(Limits { warn: None, fail: Some(Limit::Count(0)) });
    let mut results = Vec::new();
    for folder in folders {
        let object =
            folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if scenario.object(&object).is_none()
            && !scenario.junctions.iter().any(|j| j.name == object)
        {
            let known = scenario.objects.iter().map(|o| o.name.clone()).collect();
            return Err(Error::Tool(ToolError::UnknownResultsFolder { dir: folder, known }));
        }
        let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(&folder)
            .map_err(read_error(&folder))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")))
            .collect();
        files.sort();
        let mut tally = Tally::default();
        for file in &files {
            read_file(dir, file, &mut tally)?;
        }
        let given = if tally.success_file {
            tally.successes + tally.data_count + tally.platform_count
        } else {
            baseline.files.iter().find(|f| f.object == object).map_or(0, |f| f.loaded)
        };
        let data = Arrival::LoaderDataErrors { object: object.clone() };
        results.push(result(
            "import_failure",
            &object,
            data,
            tally.data,
            tally.data_count,
            given,
            import_failure,
        ));
        let platform = Arrival::LoaderPlatformErrors { object: object.clone() };
        let (examples, count) = (tally.platform, tally.platform_count);
        results.push(result(
            SYSTEM_INSTABILITY,
            &object,
            platform,
            examples,
            count,
            given,
            EVIDENCE,
        ));
    }
    Ok(results)
}

/// One object's loader result: `count` of the `given` rows, a technical call.
fn result(
    id: &'static str,
    object: &str,
    arrival: Arrival,
    examples: Vec<Example>,
    count: u64,
    given: u64,
    limits: Limits,
) -> TriggerResult {
    let counted = Counted::Arrival(arrival);
    let mut result = TriggerResult::new(id, object.to_string(), counted, count, given, limits);
    result.set_examples(examples, count);
    result.authority = Authority::Technical;
    result
}

/// Reads one result file into `tally`: a success file counts rows; any
/// other file is errors, one per row, classified by code.
fn read_file(root: &Path, path: &Path, tally: &mut Tally) -> Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    let shown =
        path.strip_prefix(root.parent().unwrap_or(root)).unwrap_or(path).display().to_string();
    let bad = |line: u64, message: String| {
        Error::Tool(ToolError::BadResultsFile { file: shown.clone(), line, message })
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .map_err(|e| bad(1, e.to_string()))?;
    let headers = reader.byte_headers().map_err(|e| bad(1, e.to_string()))?.clone();
    let header = |i: usize| {
        String::from_utf8_lossy(&headers[i]).trim_start_matches('\u{feff}').trim().to_lowercase()
    };
    let column = |names: &[&str]| (0..headers.len()).find(|i| names.contains(&header(*i).as_str()));
    if name.starts_with("success") {
        tally.success_file = true;
        for record in reader.byte_records() {
            record.map_err(|e| bad(e.position().map_or(0, |p| p.line()), e.to_string()))?;
            tally.successes += 1;
        }
        return Ok(());
    }
    let error = column(&["error", "error type", "errortype", "error_type"]).ok_or_else(|| {
        bad(1, "no ERROR or Error type column: not a loader's error file".to_string())
    })?;
    let message_column = column(&["error message", "message", "errormessage"]);
    let key = column(&["source_key", "source_key__c", "external id", "record id", "id"]);
    for record in reader.byte_records() {
        let record =
            record.map_err(|e| bad(e.position().map_or(0, |p| p.line()), e.to_string()))?;
        let cell = |i: Option<usize>| {
            i.and_then(|i| record.get(i)).map(|c| String::from_utf8_lossy(c).trim().to_string())
        };
        let text = cell(Some(error)).unwrap_or_default();
        let message = cell(message_column).unwrap_or_default();
        let code = code_of(&text);
        let example = Example {
            file: shown.clone(),
            line: record.position().map(|p| p.line()),
            key: cell(key).filter(|k| !k.is_empty()),
            column: Some(header(error)),
            value: Some(if message.is_empty() {
                text.clone()
            } else {
                format!("{text}: {message}")
            }),
            note: Some(Note::LoaderError { code: code.clone() }),
            ..Example::default()
        };
        let (examples, count) = if is_platform(&code, &format!("{text} {message}")) {
            (&mut tally.platform, &mut tally.platform_count)
        } else {
            (&mut tally.data, &mut tally.data_count)
        };
        *count += 1;
        if examples.len() < EXAMPLES {
            examples.push(example);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_data_or_platform_by_their_code() {
        let data_loader =
            "REQUIRED_FIELD_MISSING:Required fields are missing: [LastName]:LastName --";
        assert_eq!(code_of(data_loader), "REQUIRED_FIELD_MISSING");
        assert!(!is_platform(&code_of(data_loader), data_loader));
        for data in
            ["INVALID_EMAIL_ADDRESS", "DUPLICATE_VALUE", "FIELD_CUSTOM_VALIDATION_EXCEPTION"]
        {
            assert!(!is_platform(data, ""), "{data}");
        }
        for platform in
            ["UNABLE_TO_LOCK_ROW", "REQUEST_LIMIT_EXCEEDED", "SERVER_UNAVAILABLE", "429", "503"]
        {
            assert!(is_platform(platform, ""), "{platform}");
        }
        assert_eq!(code_of("HTTP 502: Bad Gateway"), "502");
        assert!(is_platform("UNKNOWN", "the request timed out after 120 s"));
        assert!(!is_platform("600", ""));
        assert_eq!(code_of(""), "UNKNOWN");
    }
}
