//! `destination_merge`: rows the destination merges into an earlier row
//! that shares their merge key (HubSpot: contacts with one e-mail, ignoring
//! case and surrounding spaces), per object (merged rows / rows loaded).
//! No error is raised on the day: the second record's links follow the
//! first and its differing values overwrite or are lost. Default: fail
//! above 0%. Only objects whose destination schema declares a `merge` key
//! that is on, and that the scenario maps.
//!
//! Each example names both rows, the links that would follow the
//! surviving row (junction rows and lookups pointing at the merged one),
//! and the mapped fields whose values differ.

use rusqlite::Connection;

use super::contract::{
    Compared, Context, Settings, Takes, Trigger, count, destination_rules, fail_above,
};
use crate::error::Result;
use crate::facts::{Authority, Counted, Limits, Note, RootCause, TriggerResult};
use crate::load::ident;
use crate::scenario::{ObjectMapping, RefColumn, Scenario, TriggerSettings, ref_columns};

pub const TRIGGER: Trigger = Trigger {
    id: "destination_merge",
    defaults: fail_above(0),
    takes: Takes::Share,
    settings: Settings::Thresholds,
    authority: Authority::Data,
    cause: RootCause::DestinationRules,
    evaluate,
};

fn evaluate(
    ctx: &Context<'_>,
    limits: Limits,
    _: Option<&TriggerSettings>,
) -> Result<Vec<TriggerResult>> {
    let mut results = Vec::new();
    for object in &ctx.scenario.objects {
        let Some((field_name, rule)) =
            destination_rules(ctx, &object.name).and_then(|r| r.merge_key())
        else {
            continue;
        };
        let Some(field) = object.fields.iter().find(|f| f.name == field_name) else { continue };
        let compared = Compared::new(&object.name, field_name, rule, false);
        let (merged, _) = compared.count(ctx.conn)?;
        let loaded = count(ctx.conn, &format!("SELECT count(*) FROM {}", ident(&object.name)), [])?;
        let counted = Counted::MergedRows { object: object.name.clone(), field: field_name.into() };
        let mut result = TriggerResult::new(
            TRIGGER.id,
            format!("{}.{field_name}", object.name),
            counted,
            merged,
            loaded,
            limits,
        )
        .of_population(&object.name);
        if merged > 0 {
            let refs = ref_columns(ctx.scenario);
            let sql = compared.examples_sql(&["a._rowid_".into(), compared.first("_rowid_")]);
            let found =
                ctx.examples(&object.source.file, &sql, [&field.from.name], |row, example| {
                    let (line, key): (i64, String) = (row.get(4)?, row.get(5)?);
                    let (merged, kept): (i64, i64) = (row.get(6)?, row.get(7)?);
                    example.note = Some(Note::MergedInto {
                        line: u64::try_from(line).unwrap_or_default(),
                        key,
                        links: following(ctx.conn, ctx.scenario, &refs, object, merged)?,
                        differing: differing(ctx.conn, object, merged, kept)?,
                    });
                    Ok(())
                })?;
            result.set_examples(found, merged);
        }
        results.push(result);
    }
    Ok(results)
}

/// The links pointing at the row `rowid` of `object`, which would follow
/// the row it merges into: per junction or lookup field, those with any.
fn following(
    conn: &Connection,
    scenario: &Scenario,
    refs: &[RefColumn<'_>],
    object: &ObjectMapping,
    rowid: i64,
) -> rusqlite::Result<Vec<(String, u64)>> {
    let mut links = Vec::new();
    for reference in refs {
        if !reference.targets.contains(&object.name.as_str()) {
            continue;
        }
        let matched = reference.by.map_or_else(|| "_key".to_string(), ident);
        let n: i64 = conn.query_row(
            &format!(
                "SELECT count(*) FROM {} r WHERE r.{} = (SELECT o.{matched} FROM {} o WHERE o._rowid_ = ?1)",
                ident(reference.table),
                ident(&reference.column),
                ident(&object.name)
            ),
            [rowid],
            |row| row.get(0),
        )?;
        if n > 0 {
            let via = if scenario.junction(reference.table).is_some() {
                reference.table.to_string()
            } else {
                format!("{}.{}", reference.table, reference.column)
            };
            links.push((via, u64::try_from(n).unwrap_or_default()));
        }
    }
    Ok(links)
}

/// The mapped fields of `object` whose values differ between the rows
/// `merged` and `kept` (a blank and a value differ).
fn differing(
    conn: &Connection,
    object: &ObjectMapping,
    merged: i64,
    kept: i64,
) -> rusqlite::Result<Vec<String>> {
    if object.fields.is_empty() {
        return Ok(Vec::new());
    }
    let tests: Vec<String> =
        object.fields.iter().map(|f| format!("a.{c} IS NOT b.{c}", c = ident(&f.name))).collect();
    let table = ident(&object.name);
    conn.query_row(
        &format!(
            "SELECT {} FROM {table} a, {table} b WHERE a._rowid_ = ?1 AND b._rowid_ = ?2",
            tests.join(", ")
        ),
        [merged, kept],
        |row| {
            let mut names = Vec::new();
            for (i, field) in object.fields.iter().enumerate() {
                if row.get::<_, bool>(i)? {
                    names.push(field.name.clone());
                }
            }
            Ok(names)
        },
    )
}
