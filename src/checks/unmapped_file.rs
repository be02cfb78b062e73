//! `unmapped_file`: export files sitting beside the mapped ones that no
//! object or junction reads: the missed junction is usually one of them.
//! Value: unmapped files / files in the export folders. Default: warn
//! above 0%, never fail (set `fail = "0%"` to make it block).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::{Context, Example, Trigger, TriggerResult, simple_limits};
use crate::error::{Error, Location, Result};
use crate::scenario::{Scenario, TriggerSettings};
use crate::verdict::{Limits, Percent};

pub const TRIGGER: Trigger = Trigger {
    id: "unmapped_file",
    validate,
    evaluate,
};

const DEFAULT: Limits = Limits {
    warn: Some(Percent::hundredths(0)),
    fail: None,
};

/// Extensions of files that look like exports.
const EXPORT_EXTENSIONS: [&str; 3] = ["csv", "tsv", "txt"];

fn validate(_: &Scenario, settings: Option<&TriggerSettings>) -> Result<()> {
    simple_limits(settings, DEFAULT).map(drop)
}

fn evaluate(ctx: &Context<'_>, settings: Option<&TriggerSettings>) -> Result<Vec<TriggerResult>> {
    let limits = simple_limits(settings, DEFAULT)?;
    let mapped: BTreeSet<PathBuf> = ctx
        .scenario
        .sources()
        .map(|s| normalise(Path::new(&s.file)))
        .collect();
    // Folders as written in the scenario (`data`), so reports stay relative.
    let folders: BTreeSet<PathBuf> = mapped
        .iter()
        .map(|f| f.parent().map(Path::to_path_buf).unwrap_or_default())
        .collect();
    let mut found = BTreeSet::new();
    for folder in &folders {
        let entries =
            std::fs::read_dir(ctx.scenario.dir.join(folder)).map_err(|source| Error::Read {
                location: Location::file(folder),
                source,
            })?;
        for entry in entries {
            let entry = entry.map_err(|source| Error::Read {
                location: Location::file(folder),
                source,
            })?;
            let name = PathBuf::from(entry.file_name());
            let is_export = name
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| EXPORT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
            if is_export && entry.file_type().is_ok_and(|t| t.is_file()) {
                found.insert(folder.join(name));
            }
        }
    }
    let unmapped: Vec<&PathBuf> = found.iter().filter(|f| !mapped.contains(*f)).collect();
    let total = found.len() as u64;
    let count = unmapped.len() as u64;
    let folder_names: Vec<String> = folders
        .iter()
        .map(|f| {
            if f.as_os_str().is_empty() {
                "./".to_string()
            } else {
                format!("{}/", display(f))
            }
        })
        .collect();
    let mut result = TriggerResult::new(
        TRIGGER.id,
        folder_names.join(", "),
        count,
        total,
        limits,
        format!("{count} of {total} export files are read by no object or junction"),
    );
    result.examples = unmapped
        .iter()
        .map(|f| Example {
            file: display(f),
            note: Some("present in the export but not mapped".into()),
            ..Example::default()
        })
        .collect();
    Ok(vec![result])
}

/// `./data//x.csv` and `data/x.csv` name the same file.
fn normalise(path: &Path) -> PathBuf {
    path.components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect()
}

/// Forward slashes on every platform, so reports are identical everywhere.
fn display(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
