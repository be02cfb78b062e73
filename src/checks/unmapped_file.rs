//! `unmapped_file`: export files sitting beside the mapped ones that no
//! object or junction reads: the missed junction is usually one of them.
//! Each unmapped file is sampled: when two or more of its columns hold keys
//! of mapped objects, the report says it looks like a junction between them.
//! Value: unmapped files / files in the export folders. Default: warn
//! above 0%, never fail (set `fail = "0%"` to make it block).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::{Context, Settings, Takes, Trigger};
use crate::error::{Error, Location, Result};
use crate::facts::Limits;
use crate::facts::{Counted, Example, KeyColumn, Note, TriggerResult};
use crate::load::ident;
use crate::map::salesforce_id_18;
use crate::parse::CsvFile;
use crate::scenario::{Source, TriggerSettings};

pub const TRIGGER: Trigger = Trigger {
    id: "unmapped_file",
    defaults: Limits::warn_above(0),
    takes: Takes::Share,
    settings: Settings::Thresholds,
    evaluate,
};

/// Extensions of files that look like exports.
const EXPORT_EXTENSIONS: [&str; 3] = ["csv", "tsv", "txt"];

fn evaluate(
    ctx: &Context<'_>,
    limits: Limits,
    _: Option<&TriggerSettings>,
) -> Result<Vec<TriggerResult>> {
    let mapped: BTreeSet<PathBuf> =
        ctx.scenario.sources().map(|s| normalise(Path::new(&s.file))).collect();
    // Folders as written in the scenario (`data`), so reports stay relative.
    let folders: BTreeSet<PathBuf> =
        mapped.iter().map(|f| f.parent().map(Path::to_path_buf).unwrap_or_default()).collect();
    let mut found = BTreeSet::new();
    for folder in &folders {
        let entries = std::fs::read_dir(ctx.scenario.dir.join(folder))
            .map_err(|source| Error::Read { location: Location::file(folder), source })?;
        for entry in entries {
            let entry =
                entry.map_err(|source| Error::Read { location: Location::file(folder), source })?;
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
    let folder_names: Vec<String> =
        folders
            .iter()
            .map(|f| {
                if f.as_os_str().is_empty() { "./".to_string() } else { format!("{}/", display(f)) }
            })
            .collect();
    let mut result = TriggerResult::new(
        TRIGGER.id,
        folder_names.join(", "),
        Counted::UnmappedFiles,
        count,
        total,
        limits,
    );
    result.examples = unmapped
        .iter()
        .map(|f| {
            Ok(Example { file: display(f), note: Some(describe(ctx, f)?), ..Example::default() })
        })
        .collect::<Result<_>>()?;
    Ok(vec![result])
}

/// Rows of an unmapped file sampled to see what its columns reference.
const SAMPLE_ROWS: usize = 200;

/// What an unmapped file looks like: a junction between mapped objects
/// (two or more columns holding their keys), a file that references one,
/// or just a file nobody reads.
fn describe(ctx: &Context<'_>, file: &Path) -> Result<Note> {
    let source = Source {
        file: display(file),
        path: ctx.scenario.dir.join(file),
        encoding: None,
        delimiter: None,
        declared_at: Location::file(&ctx.scenario.path),
    };
    let mut csv = match CsvFile::open(&source) {
        Ok(csv) => csv,
        Err(e) => {
            return Ok(Note::UnreadableFile { error: e.to_string() });
        }
    };
    let headers = csv.headers().to_vec();
    let mut columns: Vec<Vec<String>> = vec![Vec::new(); headers.len()];
    let mut record = csv::StringRecord::new();
    for _ in 0..SAMPLE_ROWS {
        match csv.read(&mut record) {
            Ok(Some(_)) => {}
            Ok(None) | Err(_) => break,
        }
        for (values, cell) in columns.iter_mut().zip(record.iter()) {
            let cell = cell.trim();
            if !cell.is_empty() {
                values.push(cell.to_string());
            }
        }
    }
    let mut references = Vec::new();
    for (header, values) in headers.iter().zip(&columns) {
        if let Some(object) = referenced_object(ctx, values)? {
            references.push(KeyColumn { object: object.to_string(), column: header.clone() });
        }
    }
    Ok(Note::UnmappedFile { references })
}

/// The mapped object whose keys most of `values` are (at least half and
/// at least 3, and ahead of every other object; short codes such as scores
/// are not taken for keys).
fn referenced_object<'s>(ctx: &Context<'s>, values: &[String]) -> Result<Option<&'s str>> {
    if values.len() < 3 || values.iter().all(|v| v.chars().count() < 3) {
        return Ok(None);
    }
    let mut hits_by_object = Vec::new();
    for object in &ctx.scenario.objects {
        let sql = format!("SELECT count(*) FROM {} WHERE _key IN (?1, ?2)", ident(&object.name));
        let mut stmt =
            ctx.conn.prepare_cached(&sql).map_err(Error::shadow("sample unmapped file"))?;
        let mut hits = 0usize;
        for value in values {
            // Both spellings of a Salesforce id, whatever the object declares.
            let full = salesforce_id_18(value).unwrap_or_else(|| value.clone());
            let n: i64 = stmt
                .query_row([value, &full], |r| r.get(0))
                .map_err(Error::shadow("sample unmapped file"))?;
            hits += usize::from(n > 0);
        }
        hits_by_object.push((hits, object.name.as_str()));
    }
    hits_by_object.sort_by_key(|h| std::cmp::Reverse(h.0));
    Ok(match hits_by_object.as_slice() {
        [(best, name), rest @ ..]
            if *best >= 3
                && best * 2 >= values.len()
                && rest.first().is_none_or(|r| r.0 < *best) =>
        {
            Some(name)
        }
        _ => None,
    })
}

/// `./data//x.csv` and `data/x.csv` name the same file.
fn normalise(path: &Path) -> PathBuf {
    path.components().filter(|c| !matches!(c, std::path::Component::CurDir)).collect()
}

/// Forward slashes on every platform, so reports are identical everywhere.
fn display(path: &Path) -> String {
    path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}
