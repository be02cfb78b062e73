//! `shadow-import init`: a first scenario.toml from an export folder. It
//! reads each file's headers and values (up to [`profile::SAMPLE_ROWS`]
//! rows): what object a file holds (by Salesforce id prefix, header shape
//! or file name), each column's type, which columns look up another file,
//! the stage and picklist values, and it knows the standard objects and
//! fields of Salesforce, HubSpot and Pipedrive exports. Every guess is
//! marked `REVIEW`, every column or file it cannot place is listed
//! commented out with why, so nothing is silently left behind; the file
//! written is then rehearsed once, so the consultant sees its verdict.

use std::path::{Path, PathBuf};

use crate::error::{Error, Location, Result, ToolError};
use crate::parse::CsvFile;
use crate::scenario::{SCENARIO_FILE, Source};

mod destination;
mod knowledge;
mod links;
mod maps;
mod plan;
mod profile;
mod recognise;
mod types;
mod write;

use write::write_scenario;

/// Where the export comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    /// Salesforce (Data Loader or report exports).
    Salesforce,
    /// HubSpot CRM exports.
    Hubspot,
    /// Pipedrive exports ("Deal - Title" headers).
    Pipedrive,
    /// Any spreadsheet: one object per file, no field knowledge.
    Csv,
}

/// Where the data goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// HubSpot CRM.
    Hubspot,
    /// Salesforce.
    Salesforce,
}

impl Target {
    /// The shipped destination schema's name (`hubspot`).
    pub fn name(self) -> &'static str {
        match self {
            Target::Hubspot => "hubspot",
            Target::Salesforce => "salesforce",
        }
    }
}

/// What `init` wrote.
#[derive(Debug, Clone)]
pub struct InitSummary {
    /// The scenario file written.
    pub path: PathBuf,
    /// The destination schema beside it.
    pub schema: PathBuf,
    /// The schema was there already: kept as it is, not written.
    pub schema_kept: bool,
    /// Objects mapped (destination names).
    pub objects: Vec<String>,
    /// Junctions mapped.
    pub junctions: Vec<String>,
    /// Files left unmapped (listed in the scenario as comments), with why.
    pub skipped: Vec<(String, String)>,
    /// What rehearsing the scenario as written gave: the verdict and the
    /// failing triggers (`orphan_reference deals.product 17.00%`).
    pub rehearsal: Option<(String, Vec<String>)>,
}

/// A file found in the export folder.
struct Export {
    file: String,
    stem: String,
    headers: Vec<String>,
    /// What its values hold.
    profile: profile::FileProfile,
}

/// Whether `headers` hold `name`, ignoring case (as `run` matches them).
fn has_header(headers: &[String], name: &str) -> bool {
    headers.iter().any(|h| h.trim().eq_ignore_ascii_case(name))
}

/// Writes `DIR/scenario.toml` from the export files in `DIR/data/` (or in
/// `DIR` itself). Refuses to replace an existing scenario unless `force`.
pub fn init(dir: &Path, from: Platform, to: Target, force: bool) -> Result<InitSummary> {
    let path = dir.join(SCENARIO_FILE);
    let schema_path = dir.join(destination::FILE);
    if path.exists() && !force {
        return Err(Error::Tool(ToolError::ScenarioExists { path }));
    }
    let folder = if dir.join("data").is_dir() { "data" } else { "" };
    let exports = read_exports(dir, folder)?;
    let (text, mut summary) = write_scenario(&exports, from, to, &path);
    // The destination's fields are known once the scenario reads as written.
    let written = crate::scenario::Scenario::parse(&text, &path, dir)?;
    // A destination.toml already there holds the team's own rules: it is
    // kept, even with --force, and named as it is.
    summary.schema_kept = schema_path.exists();
    let (schema, block) = destination::schema(&written, to.name(), summary.schema_kept);
    let text = text.replacen(destination::MARKER, &block, 1);
    // Written first, so a scenario that does not load can be read and fixed.
    if !summary.schema_kept {
        crate::output::write_file(&schema_path, schema.as_bytes())?;
    }
    crate::output::write_file(&path, text.as_bytes())?;
    summary.schema = schema_path;
    summary.rehearsal = Some(rehearse(&text, &path, dir)?);
    Ok(summary)
}

/// Rehearses the scenario `text` just written: it must load (a scenario
/// init cannot run is its own bug, reported as an error), and its verdict
/// is what the consultant sees first.
fn rehearse(text: &str, path: &Path, dir: &Path) -> Result<(String, Vec<String>)> {
    use crate::facts::Status;
    let scenario = crate::scenario::Scenario::parse(text, path, dir)?;
    let report = crate::run::rehearse(&scenario, &crate::run::RunOptions::default())?;
    let failing = report
        .triggers
        .iter()
        .filter(|t| t.status == Status::Fail)
        .map(|t| match t.measurement {
            crate::facts::Measurement::Share { count, total } => {
                format!("{} {}: {count} of {total}", t.id, t.object)
            }
            crate::facts::Measurement::Time(_) => format!("{} {}", t.id, t.object),
        })
        .collect();
    Ok((report.verdict.to_string(), failing))
}

fn read_exports(dir: &Path, folder: &str) -> Result<Vec<Export>> {
    let read_error = |source| Error::Read { location: Location::file(dir.join(folder)), source };
    let mut names: Vec<String> = std::fs::read_dir(dir.join(folder))
        .map_err(read_error)?
        .filter_map(std::result::Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| {
            let lower = n.to_lowercase();
            lower.ends_with(".csv") || lower.ends_with(".tsv") || lower.ends_with(".txt")
        })
        .collect();
    names.sort();
    if names.is_empty() {
        return Err(Error::Tool(ToolError::NoExports {
            folder: dir.join(folder),
            data: dir.join("data"),
        }));
    }
    let mut exports = Vec::new();
    for name in names {
        let file = if folder.is_empty() { name.clone() } else { format!("{folder}/{name}") };
        let source = Source {
            file: file.clone(),
            path: dir.join(&file),
            encoding: None,
            delimiter: None,
            declared_at: Location::file(dir.join(SCENARIO_FILE)),
        };
        // An export that cannot be read is named now, not discovered at `run`.
        let mut csv = CsvFile::open(&source)?;
        let headers = csv.headers().to_vec();
        let profile = profile::profile(&mut csv)?;
        let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s).to_string();
        exports.push(Export { file, stem, headers, profile });
    }
    Ok(exports)
}

/// A TOML basic string on one line, whatever `text` holds: quotes,
/// backslashes and control characters (line breaks too) escaped, so a
/// hostile header can neither end the string nor the comment it is in.
/// Used for every key and value `init` writes.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ =
                    std::fmt::Write::write_fmt(&mut out, format_args!("\\u{:04X}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `Deal - Expected close date` → `deal_expected_close_date`.
fn snake(header: &str) -> String {
    let mut out = String::new();
    for c in header.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_string()
}

#[cfg(test)]
mod tests {
    use super::knowledge::{Entity, entity_of};
    use super::*;

    #[test]
    fn a_scenario_that_cannot_be_written_says_so() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("data")).unwrap();
        std::fs::write(dir.path().join("data/a.csv"), "Id,Name\n1,x\n").unwrap();
        // A folder where the scenario file would go.
        std::fs::create_dir(dir.path().join(SCENARIO_FILE)).unwrap();
        let err = init(dir.path(), Platform::Csv, Target::Hubspot, true).unwrap_err();
        let expected =
            format!("{}: is a folder; give a file name", dir.path().join(SCENARIO_FILE).display());
        assert!(matches!(err, Error::Output { .. }), "{err}");
        assert_eq!(err.to_string(), expected);
    }

    #[test]
    fn every_string_is_one_toml_line_that_reads_back() {
        for text in [
            "plain",
            "Na\"me",
            "a.b",
            "x=y",
            "[sec]",
            "line1\nline2",
            "d\\e",
            "tab\tx",
            "esc\u{1b}[31m",
            "nul\0",
            "🦄",
            "'single'",
            "\"\"\"",
            "# not a comment",
            "",
        ] {
            let written = quoted(text);
            assert!(!written.contains(['\n', '\r']), "{written}");
            let table: toml::Table = toml::from_str(&format!("{written} = {written}")).unwrap();
            assert_eq!(table.get(text).and_then(toml::Value::as_str), Some(text), "{written}");
        }
    }

    #[test]
    fn snake_case_headers() {
        assert_eq!(snake("Deal - Expected close date"), "deal_expected_close_date");
        assert_eq!(snake("Country/Region"), "country_region");
        assert_eq!(snake("Name"), "name");
    }

    #[test]
    fn hubspot_company_ids_become_a_split_junction() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("data")).unwrap();
        std::fs::write(
            dir.path().join("data/companies.csv"),
            "Record ID,Company name\n9001,Acme\n9002,Globex\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join("data/contacts.csv"),
            "Record ID,Email,Associated Company IDs\n1,a@x.org,9001;9002\n2,b@x.org,9002\n",
        )
        .unwrap();
        let exports = read_exports(dir.path(), "data").unwrap();
        let (text, summary) = write_scenario(
            &exports,
            Platform::Hubspot,
            Target::Salesforce,
            Path::new("m/scenario.toml"),
        );
        assert!(
            text.contains(
                "left = { from = \"Record ID\", ref = \"contacts\" }\n\
                 right = { from = \"Associated Company IDs\", ref = \"accounts\", split = \";\" }"
            ),
            "{text}"
        );
        assert!(!text.contains("fields.AccountId"), "not a single lookup: {text}");
        assert_eq!(summary.junctions, ["contact_accounts"]);
    }

    #[test]
    fn files_name_their_entities() {
        assert_eq!(entity_of(Platform::Salesforce, "Opportunity"), Some(Entity::Deal));
        assert_eq!(entity_of(Platform::Hubspot, "contacts"), Some(Entity::Contact));
        assert_eq!(entity_of(Platform::Pipedrive, "organizations"), Some(Entity::Company));
        assert_eq!(entity_of(Platform::Salesforce, "OpportunityContactRole"), None);
    }
}
