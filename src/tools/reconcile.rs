//! `shadow-import reconcile`: after a rollback, what changed in the
//! destination during the window, to carry back to the source. The
//! destination's exports at the load's end (`before`) and at the rollback
//! (`after`), in `verify`'s layout, are loaded into shadows of their own and
//! merged by destination id, a row at a time: records created, deleted, or
//! changed field by field. A created record is matched against the source
//! for a duplicate (by e-mail, then by name and company); a changed stage
//! is shown beside the source's. More than `reconcile_limit` modified
//! records (the practice's 20) warns that reconciliation is a project, not
//! a task. The changes to re-apply go to a CSV (formula-safe): created
//! records first, parents before children, open deals by amount first.

use std::cmp::Ordering;
use std::path::PathBuf;

use rust_decimal::Decimal;

use super::baseline::text;
use super::verify::{SOURCE_KEY_FIELD, destination_scenario, read_baseline};
use crate::error::{Error, Result};
use crate::facts::{
    Arrival, Change, Counted, EXAMPLES, Example, Limit, Limits, Note, RECONCILE, TriggerResult,
};
use crate::load::ident;
use crate::report::Report;
use crate::report::rejects::neutralise;
use crate::scenario::{FieldType, ObjectMapping, Scenario};

/// What `reconcile` reads and writes.
#[derive(Debug, Clone)]
pub struct ReconcileOptions {
    /// The baseline taken before the load.
    pub baseline: PathBuf,
    /// The destination's export at the load's end.
    pub before: PathBuf,
    /// The destination's export at the rollback.
    pub after: PathBuf,
    /// Where to write the changes to re-apply (CSV), if anywhere.
    pub changes: Option<PathBuf>,
}

/// One field of a change: its name, its value at the load's end, at the
/// rollback, and in the source.
type FieldChange = (String, Option<String>, Option<String>, Option<String>);

/// One destination row as the merge reads it: id, line, field values.
type Row = (String, u64, Vec<Option<String>>);

/// One record created, changed or deleted during the window.
#[derive(Debug, Clone)]
struct WindowChange {
    change: Change,
    object: String,
    /// Position of the object in load order (parents first).
    rank: usize,
    id: String,
    source_key: Option<String>,
    line: Option<u64>,
    file: String,
    /// (field, at load end, at rollback, in the source)
    fields: Vec<FieldChange>,
    duplicate: Option<(String, &'static str)>,
    /// Amount of a pipeline row, for the order.
    impact: Decimal,
}

/// How many rows the shadow `conn` holds for `object`.
fn rows_of(conn: &rusqlite::Connection, object: &ObjectMapping) -> Result<u64> {
    crate::load::sql::count(conn, &format!("SELECT count(*) FROM {}", ident(&object.name)), [])
}

fn sql(e: rusqlite::Error) -> Error {
    Error::shadow("reconcile")(e)
}

/// Reconciles the window of `scenario`'s load.
pub fn reconcile(scenario: &Scenario, options: &ReconcileOptions) -> Result<Report> {
    let _baseline = read_baseline(scenario, &options.baseline)?;
    if let Some(out) = &options.changes {
        let inputs = super::baseline::inputs(
            scenario,
            &[&options.baseline],
            &[&options.before, &options.after],
        );
        crate::output::refuse_inputs(&inputs, &[("--changes", out)])?;
    }
    let before = destination_scenario(scenario, &options.before)?;
    let after = destination_scenario(scenario, &options.after)?;
    let silent = &crate::observe::Silent;
    let (before_shadow, _) = crate::run::load(&before, None, silent)?;
    let (after_shadow, after_files) = crate::run::load(&after, None, silent)?;
    let (source_shadow, _) = crate::run::load(scenario, None, silent)?;
    let order = scenario.load_order();
    let mut changes = Vec::new();
    let mut at_load_end = 0u64;
    for object in &after.objects {
        let rank = order.iter().position(|o| *o == object.name).unwrap_or(usize::MAX);
        at_load_end += rows_of(before_shadow.conn(), object)?;
        merge(before_shadow.conn(), after_shadow.conn(), object, rank, &mut changes)?;
    }
    let source = source_shadow.conn();
    for change in &mut changes {
        let Some(object) = scenario.object(&change.object) else { continue };
        enrich(source, after_shadow.conn(), scenario, object, change)?;
    }
    changes.sort_by(order_of);
    if let Some(out) = &options.changes {
        crate::output::write_file(out, &changes_csv(&changes)?)?;
    }
    let limit = scenario.migration_day.reconcile_limit;
    let mut results = Vec::new();
    let total = changes.len() as u64;
    let mut all = TriggerResult::new(
        RECONCILE,
        "all objects".to_string(),
        Counted::Arrival(Arrival::WindowChanges),
        total,
        at_load_end,
        Limits { warn: Some(Limit::Count(limit)), fail: None },
    );
    all.set_examples(changes.iter().take(EXAMPLES).map(example).collect(), total);
    results.push(all);
    for object in &after.objects {
        let mine: Vec<&WindowChange> = changes.iter().filter(|c| c.object == object.name).collect();
        let before_rows = rows_of(before_shadow.conn(), object)?;
        let mut result = TriggerResult::new(
            RECONCILE,
            object.name.clone(),
            Counted::Arrival(Arrival::WindowChanges),
            mine.len() as u64,
            before_rows,
            Limits { warn: None, fail: None },
        );
        let of = mine.len() as u64;
        result.set_examples(mine.into_iter().take(EXAMPLES).map(example).collect(), of);
        results.push(result);
    }
    before_shadow.finish()?;
    after_shadow.finish()?;
    source_shadow.finish()?;
    let decision = crate::facts::decide(&after_files, results, false);
    let mut report = Report::build(&after, &after_files, decision, Vec::new(), Vec::new());
    report.evidence.inputs = super::verify::evidence_inputs(
        scenario,
        &options.baseline,
        &[&options.before, &options.after],
    )?;
    Ok(report)
}

/// Created first, then changed, then deleted; parents before children; the
/// biggest open amount first; then by id.
fn order_of(a: &WindowChange, b: &WindowChange) -> Ordering {
    let kind = |c: &WindowChange| match c.change {
        Change::Created => 0,
        Change::Changed => 1,
        Change::Deleted => 2,
    };
    (kind(a), a.rank)
        .cmp(&(kind(b), b.rank))
        .then(b.impact.cmp(&a.impact))
        .then_with(|| a.id.cmp(&b.id))
}

/// The report's example for a change.
fn example(change: &WindowChange) -> Example {
    let first = change.fields.first();
    Example {
        file: change.file.clone(),
        line: change.line,
        key: Some(change.source_key.clone().unwrap_or_else(|| change.id.clone())),
        column: first.filter(|_| change.change == Change::Changed).map(|f| f.0.clone()),
        value: first.filter(|_| change.change == Change::Changed).and_then(|f| f.2.clone()),
        note: Some(Note::WindowChange {
            change: change.change,
            before: first.filter(|_| change.change == Change::Changed).and_then(|f| f.1.clone()),
            duplicate: change.duplicate.clone(),
        }),
        ..Example::default()
    }
}

/// Merges one object's rows at the load's end and at the rollback by
/// destination id, a row at a time from each side.
fn merge(
    before: &rusqlite::Connection,
    after: &rusqlite::Connection,
    object: &ObjectMapping,
    rank: usize,
    changes: &mut Vec<WindowChange>,
) -> Result<()> {
    let mut columns = vec!["_key".to_string(), "_line".to_string()];
    columns.extend(object.fields.iter().map(|f| ident(&f.name)));
    let query = format!("SELECT {} FROM {} ORDER BY _key", columns.join(", "), ident(&object.name));
    let mut b = before.prepare(&query).map_err(sql)?;
    let mut a = after.prepare(&query).map_err(sql)?;
    let mut b_rows = b.query([]).map_err(sql)?;
    let mut a_rows = a.query([]).map_err(sql)?;
    let mut old = read_row(b_rows.next().map_err(sql)?, object)?;
    let mut new = read_row(a_rows.next().map_err(sql)?, object)?;
    let source_key_at = object.fields.iter().position(|f| f.name == SOURCE_KEY_FIELD);
    let make = |change, (id, line, values): &Row| WindowChange {
        change,
        object: object.name.clone(),
        rank,
        id: id.clone(),
        source_key: source_key_at.and_then(|i| values[i].clone()),
        line: Some(*line),
        file: object.source.file.clone(),
        fields: Vec::new(),
        duplicate: None,
        impact: Decimal::ZERO,
    };
    loop {
        let order = match (&old, &new) {
            (None, None) => break,
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (Some(o), Some(n)) => o.0.cmp(&n.0),
        };
        match order {
            Ordering::Less => {
                if let Some(o) = &old {
                    changes.push(make(Change::Deleted, o));
                }
                old = read_row(b_rows.next().map_err(sql)?, object)?;
            }
            Ordering::Greater => {
                if let Some(n) = &new {
                    let mut created = make(Change::Created, n);
                    created.fields = changed_fields(object, &vec![None; n.2.len()], &n.2);
                    changes.push(created);
                }
                new = read_row(a_rows.next().map_err(sql)?, object)?;
            }
            Ordering::Equal => {
                if let (Some(o), Some(n)) = (&old, &new) {
                    let fields = changed_fields(object, &o.2, &n.2);
                    if !fields.is_empty() {
                        let mut changed = make(Change::Changed, n);
                        changed.fields = fields;
                        changes.push(changed);
                    }
                }
                old = read_row(b_rows.next().map_err(sql)?, object)?;
                new = read_row(a_rows.next().map_err(sql)?, object)?;
            }
        }
    }
    Ok(())
}

/// One destination row as the merge reads it.
fn read_row(row: Option<&rusqlite::Row<'_>>, object: &ObjectMapping) -> Result<Option<Row>> {
    let Some(row) = row else { return Ok(None) };
    let key = text(row.get_ref(0).map_err(sql)?).unwrap_or_default();
    let line: i64 = row.get(1).map_err(sql)?;
    let mut values = Vec::with_capacity(object.fields.len());
    for i in 0..object.fields.len() {
        values.push(text(row.get_ref(i + 2).map_err(sql)?));
    }
    Ok(Some((key, u64::try_from(line).unwrap_or_default(), values)))
}

/// The fields (not the source key) whose values differ between two rows.
fn changed_fields(
    object: &ObjectMapping,
    old: &[Option<String>],
    new: &[Option<String>],
) -> Vec<FieldChange> {
    object
        .fields
        .iter()
        .zip(old.iter().zip(new))
        .filter(|(f, (x, y))| f.name != SOURCE_KEY_FIELD && x != y)
        .map(|(f, (x, y))| (f.name.clone(), x.clone(), y.clone(), None))
        .collect()
}

/// Adds what the source says: a created record's duplicate there (by
/// e-mail, then by name and company), a changed field's source value, and
/// an open pipeline row's amount for the order.
fn enrich(
    source: &rusqlite::Connection,
    after: &rusqlite::Connection,
    scenario: &Scenario,
    object: &ObjectMapping,
    change: &mut WindowChange,
) -> Result<()> {
    let value = |c: &WindowChange, name: &str| {
        c.fields.iter().find(|f| f.0 == name).and_then(|f| f.2.clone())
    };
    if let Some(pipeline) = &scenario.pipeline
        && pipeline.object == object.name
        && let Some(amount) = pipeline.amount.as_deref().and_then(|a| {
            value(change, a).or_else(|| {
                let q = format!("SELECT {} FROM {} WHERE _key = ?1", ident(a), ident(&object.name));
                after.query_row(&q, [&change.id], |r| r.get::<_, Option<String>>(0)).ok().flatten()
            })
        })
    {
        change.impact = amount.parse().unwrap_or_default();
    }
    match change.change {
        Change::Created => change.duplicate = duplicate(source, after, object, change)?,
        Change::Changed => {
            if let Some(key) = change.source_key.clone() {
                for field in &mut change.fields {
                    let q = format!(
                        "SELECT {} FROM {} WHERE _key = ?1",
                        ident(&field.0),
                        ident(&object.name)
                    );
                    let found = source.query_row(&q, [&key], |r| Ok(text(r.get_ref(0)?)));
                    field.3 = found.ok().flatten();
                }
            }
        }
        Change::Deleted => {}
    }
    Ok(())
}

/// The source record a created one duplicates: same e-mail (ignoring case
/// and spaces), else same first name, last name and company.
fn duplicate(
    source: &rusqlite::Connection,
    after: &rusqlite::Connection,
    object: &ObjectMapping,
    change: &WindowChange,
) -> Result<Option<(String, &'static str)>> {
    let value = |name: &str| change.fields.iter().find(|f| f.0 == name).and_then(|f| f.2.clone());
    let table = ident(&object.name);
    for field in object.fields.iter().filter(|f| f.kind == FieldType::Email) {
        if let Some(email) = value(&field.name) {
            let q = format!(
                "SELECT _key FROM {table} WHERE lower(trim({c})) = lower(trim(?1)) ORDER BY _line LIMIT 1",
                c = ident(&field.name)
            );
            if let Ok(key) = source.query_row(&q, [&email], |r| r.get::<_, String>(0)) {
                return Ok(Some((key, "e-mail")));
            }
        }
    }
    let names: Vec<&str> = object
        .fields
        .iter()
        .filter(|f| f.reference.is_none() && f.kind == FieldType::Text)
        .map(|f| f.name.as_str())
        .filter(|n| {
            let n = n.to_lowercase();
            n.contains("first") || n.contains("last")
        })
        .collect();
    let company = object.fields.iter().find(|f| f.reference.is_some());
    if names.is_empty() {
        return Ok(None);
    }
    let mut conditions = Vec::new();
    let mut params: Vec<String> = Vec::new();
    for name in &names {
        let Some(v) = value(name) else { return Ok(None) };
        params.push(v);
        conditions.push(format!("lower({}) = lower(?{})", ident(name), params.len()));
    }
    if let Some(company) = company
        && let Some(id) = value(&company.name)
        && let Some(target) = company.reference.as_ref().and_then(|r| r.targets.first())
    {
        let q =
            format!("SELECT {} FROM {} WHERE _key = ?1", ident(SOURCE_KEY_FIELD), ident(target));
        if let Ok(Some(key)) = after.query_row(&q, [&id], |r| r.get::<_, Option<String>>(0)) {
            params.push(key);
            conditions.push(format!("{} = ?{}", ident(&company.name), params.len()));
        }
    }
    let q = format!(
        "SELECT _key FROM {table} WHERE {} ORDER BY _line LIMIT 1",
        conditions.join(" AND ")
    );
    let found =
        source.query_row(&q, rusqlite::params_from_iter(params.iter()), |r| r.get::<_, String>(0));
    Ok(found.ok().map(|key| (key, "name and company")))
}

/// The changes as CSV: one row per field changed, one per created or
/// deleted record; every cell formula-safe.
fn changes_csv(changes: &[WindowChange]) -> Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let header = [
        "order",
        "change",
        "object",
        "destination_id",
        "source_key",
        "field",
        "value_at_load_end",
        "value_at_rollback",
        "source_value",
        "duplicate_of",
        "amount",
    ];
    let bad = |e: csv::Error| Error::Write { path: PathBuf::from("--changes"), source: e.into() };
    out.write_record(header).map_err(bad)?;
    for (n, change) in changes.iter().enumerate() {
        let kind = match change.change {
            Change::Created => "created",
            Change::Changed => "changed",
            Change::Deleted => "deleted",
        };
        let duplicate =
            change.duplicate.as_ref().map(|(k, by)| format!("{k} (same {by})")).unwrap_or_default();
        let rows: Vec<(String, String, String, String)> = match change.change {
            Change::Changed | Change::Created => change
                .fields
                .iter()
                .map(|f| {
                    (
                        f.0.clone(),
                        f.1.clone().unwrap_or_default(),
                        f.2.clone().unwrap_or_default(),
                        f.3.clone().unwrap_or_default(),
                    )
                })
                .collect(),
            _ => vec![(String::new(), String::new(), String::new(), String::new())],
        };
        for (field, old, new, source) in rows {
            let impact =
                if change.impact.is_zero() { String::new() } else { change.impact.to_string() };
            let cells = [
                (n + 1).to_string(),
                kind.to_string(),
                change.object.clone(),
                change.id.clone(),
                change.source_key.clone().unwrap_or_default(),
                field,
                old,
                new,
                source,
                duplicate.clone(),
                impact,
            ];
            out.write_record(cells.iter().map(|c| neutralise(c))).map_err(bad)?;
        }
    }
    out.into_inner()
        .map_err(|e| Error::Write { path: PathBuf::from("--changes"), source: e.into_error() })
}
