//! The cut-over projection of a rehearsal: what the load would send to
//! the destination, read from the shadow and the row accounting, scaled
//! to the full export when the rehearsal ran on a sample, and projected
//! by [`crate::facts::project`]. Computed once, before the triggers; the
//! `cutover_window` and `api_budget` triggers read it from the context.
//!
//! The load goes in dependency order: objects with the objects they
//! reference first, then the links. Where the destination sends links as
//! associations (HubSpot), every lookup field set and every junction link
//! is an association step after both ends are loaded; where a lookup is a
//! field of its record (Salesforce), only junctions are steps, as records
//! of their own object.

use rusqlite::Connection;

use super::contract::count;
use crate::error::Result;
use crate::facts::{
    CountSource, FileRows, Links, Load, LoadKind, Projection, Validation, Window, project,
};
use crate::load::ident;
use crate::scenario::{Cutover, Scenario};

/// The projection of `scenario`'s cut-over, if it has a `[cutover]`
/// section: `rehearsal_ms` is what loading and resolving the references
/// took, the measure of validation when the scenario declares none.
pub fn projection(
    scenario: &Scenario,
    conn: &Connection,
    files: &[FileRows],
    rehearsal_ms: u64,
) -> Result<Option<Projection>> {
    let Some(cutover) = &scenario.cutover else { return Ok(None) };
    let loads = loads(scenario, cutover, conn, files)?;
    let rows: u64 = files.iter().map(FileRows::accounted).sum();
    let full_rows = cutover.counts.as_ref().map_or(rows, |c| c.rows.values().sum());
    let validation = match cutover.validation {
        Some(time) => Validation::Declared { time },
        None => Validation::Measured { rehearsal_ms, rows, full_rows },
    };
    let window = Window {
        start: cutover.start,
        length: cutover.window,
        concurrency: cutover.concurrency,
        others: cutover.others,
    };
    Ok(Some(project(window, cutover.api.clone(), loads, validation)))
}

/// What the load sends, step by step, in dependency order.
fn loads(
    scenario: &Scenario,
    cutover: &Cutover,
    conn: &Connection,
    files: &[FileRows],
) -> Result<Vec<Load>> {
    let sized = cutover.api.upload_bytes.is_some();
    let mut loads = Vec::new();
    for name in scenario.load_order() {
        let Some(file) = files.iter().find(|f| f.object == name) else { continue };
        let rehearsed = file.loaded + file.rejected;
        let (records, counted) = full_count(cutover, name, rehearsed);
        loads.push(Load {
            name: name.to_string(),
            kind: LoadKind::Records,
            records,
            counted,
            per_call: records_per_call(cutover, name),
            bytes: sized.then(|| scaled(file.bytes, records, rehearsed)),
        });
    }
    let associations = cutover.api.links.value == Links::Associations;
    if associations {
        for name in scenario.load_order() {
            let Some(object) = scenario.object(name) else { continue };
            let of = rehearsed_rows(files, name);
            let full = full_count(cutover, name, of).0;
            for field in &object.fields {
                let Some(reference) = &field.reference else { continue };
                let sql = format!(
                    "SELECT count(*) FROM {} WHERE {} IS NOT NULL",
                    ident(&object.name),
                    ident(&field.name)
                );
                let links = count(conn, &sql, [])?;
                let (records, counted) = match &cutover.counts {
                    Some(_) => (
                        scaled(links, full, of),
                        CountSource::Scaled { rehearsed: links, full, of },
                    ),
                    None => (links, CountSource::Rehearsed),
                };
                loads.push(Load {
                    name: format!("{}.{}", object.name, field.name),
                    kind: LoadKind::Associations {
                        between: (object.name.clone(), reference.targets.join(" | ")),
                    },
                    records,
                    counted,
                    per_call: links_per_call(cutover, None),
                    bytes: None,
                });
            }
        }
    }
    for junction in &scenario.junctions {
        let Some(file) = files.iter().find(|f| f.object == junction.name) else { continue };
        let rehearsed = if associations { file.links } else { file.links + file.rejected };
        let (records, counted) = full_count(cutover, &junction.name, rehearsed);
        let (kind, per_call) = if associations {
            let between = (junction.left.target.clone(), junction.right.target.clone());
            (LoadKind::Associations { between }, links_per_call(cutover, Some(&junction.name)))
        } else {
            (LoadKind::Records, records_per_call(cutover, &junction.name))
        };
        loads.push(Load {
            name: junction.name.clone(),
            kind,
            records,
            counted,
            per_call,
            bytes: (sized && !associations).then(|| scaled(file.bytes, records, rehearsed)),
        });
    }
    Ok(loads)
}

/// Rows of `name`'s file the load would send: loaded and rejected (a
/// refused record costs its call too).
fn rehearsed_rows(files: &[FileRows], name: &str) -> u64 {
    files.iter().find(|f| f.object == name).map_or(0, |f| f.loaded + f.rejected)
}

/// The full export's count of `name` where declared, else the rehearsal's.
fn full_count(cutover: &Cutover, name: &str, rehearsed: u64) -> (u64, CountSource) {
    match cutover.counts.as_ref().and_then(|c| c.rows.get(name)) {
        Some(&full) => (full, CountSource::Declared { rehearsed }),
        None => (rehearsed, CountSource::Rehearsed),
    }
}

/// `value` × `full` ÷ `of`, rounded up: a rehearsal's measure scaled to
/// the full export (`value` itself when the rehearsal read nothing).
fn scaled(value: u64, full: u64, of: u64) -> u64 {
    if of == 0 {
        return value;
    }
    let n = (u128::from(value) * u128::from(full)).div_ceil(u128::from(of));
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// Records per call for `name`: its `[cutover] batch`, else the API's most.
fn records_per_call(cutover: &Cutover, name: &str) -> u64 {
    cutover.batch.get(name).copied().unwrap_or(cutover.api.records_per_call.value)
}

/// Links per association call: the junction's `[cutover] batch`, else the
/// API's most for links, else for records.
fn links_per_call(cutover: &Cutover, junction: Option<&str>) -> u64 {
    let api = &cutover.api;
    junction
        .and_then(|name| cutover.batch.get(name).copied())
        .or(api.links_per_call.as_ref().map(|l| l.value))
        .unwrap_or(api.records_per_call.value)
}
