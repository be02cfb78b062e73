//! What migration day reads: the `[pipeline]` section (which object is the
//! pipeline, its stage, amount and close date, and what counts as closed)
//! and the `[migration_day]` section (the baseline, the destination's own
//! exports, the loader's result files, and how the destination names its
//! ids and the source key). Every key is optional; defaults are detected
//! from the mapping.

use serde::Deserialize;
use toml::Spanned;

use super::folder::Folder;
use super::model::{
    Closed, DEFAULT_ID, DEFAULT_RECONCILE_LIMIT, DEFAULT_SOURCE_KEY, FieldType, Integration,
    MigrationDay, ObjectMapping, Pipeline,
};
use super::positions::Positions;
use crate::error::{Result, ScenarioError, closest};

/// `[pipeline]` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPipeline {
    object: Option<Spanned<String>>,
    stage: Option<Spanned<String>>,
    amount: Option<Spanned<String>>,
    close_date: Option<Spanned<String>>,
    closed: Option<Vec<Spanned<String>>>,
    closed_flag: Option<Spanned<String>>,
}

/// One `[[integration]]` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawIntegration {
    name: Spanned<String>,
    points_at: Option<String>,
    owner: Option<String>,
}

/// `[[integration]]`: what points at the source and must be re-enabled on
/// rollback. A blank name is an error at its place.
pub(super) fn integrations(
    pos: &Positions<'_>,
    raw: Vec<RawIntegration>,
) -> Result<Vec<Integration>> {
    raw.into_iter()
        .map(|i| {
            if i.name.get_ref().trim().is_empty() {
                return Err(pos.error(&i.name, ScenarioError::BlankName { what: "integration" }));
            }
            Ok(Integration { name: i.name.into_inner(), points_at: i.points_at, owner: i.owner })
        })
        .collect()
}

/// `[migration_day]` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMigrationDay {
    baseline: Option<Spanned<String>>,
    export: Option<Spanned<String>>,
    import_results: Option<Spanned<String>>,
    before: Option<Spanned<String>>,
    after: Option<Spanned<String>>,
    id: Option<Spanned<String>>,
    source_key: Option<Spanned<String>>,
    reconcile_limit: Option<Spanned<i64>>,
}

/// Builds `[migration_day]`: every folder and file inside the scenario folder.
pub(super) fn migration_day(
    pos: &Positions<'_>,
    dir: &Folder<'_>,
    raw: Option<RawMigrationDay>,
) -> Result<MigrationDay> {
    let Some(raw) = raw else { return Ok(MigrationDay::default()) };
    let path = |p: &Option<Spanned<String>>, what: &'static str| -> Result<Option<String>> {
        p.as_ref().map(|p| dir.file(pos, p, what).map(|_| p.get_ref().clone())).transpose()
    };
    let name =
        |n: &Option<Spanned<String>>, key: &'static str, default: &str| -> Result<String> {
            match n {
                None => Ok(default.to_string()),
                Some(n) if n.get_ref().trim().is_empty() => Err(pos
                    .error(n, ScenarioError::MigrationDayValue { key, expected: "a column name" })),
                Some(n) => Ok(n.get_ref().clone()),
            }
        };
    let reconcile_limit = match &raw.reconcile_limit {
        None => DEFAULT_RECONCILE_LIMIT,
        Some(n) => u64::try_from(*n.get_ref()).map_err(|_| {
            pos.error(
                n,
                ScenarioError::MigrationDayValue {
                    key: "reconcile_limit",
                    expected: "a whole number of records, 0 or more",
                },
            )
        })?,
    };
    Ok(MigrationDay {
        baseline: path(&raw.baseline, "baseline file")?,
        export: path(&raw.export, "destination export folder")?,
        import_results: path(&raw.import_results, "import results folder")?,
        before: path(&raw.before, "destination export folder")?,
        after: path(&raw.after, "destination export folder")?,
        id: name(&raw.id, "id", DEFAULT_ID)?,
        source_key: name(&raw.source_key, "source_key", DEFAULT_SOURCE_KEY)?,
        reconcile_limit,
    })
}

/// Builds `[pipeline]`, or detects it: the object with a mapped stage field
/// (a field whose name holds "stage"), its first decimal field named like an
/// amount, its first date field named like a close date.
pub(super) fn pipeline(
    pos: &Positions<'_>,
    raw: Option<RawPipeline>,
    objects: &[ObjectMapping],
) -> Result<Option<Pipeline>> {
    let raw = raw.unwrap_or(RawPipeline {
        object: None,
        stage: None,
        amount: None,
        close_date: None,
        closed: None,
        closed_flag: None,
    });
    let object = match &raw.object {
        Some(name) => {
            let found = objects.iter().find(|o| o.name == *name.get_ref());
            let names = objects.iter().map(|o| o.name.as_str());
            Some(found.ok_or_else(|| unknown(pos, name, "object", names))?)
        }
        None => objects.iter().find(|o| stage_field(o).is_some()),
    };
    let Some(object) = object else { return Ok(None) };
    let field = |written: &Option<Spanned<String>>,
                 key: &'static str,
                 detect: &dyn Fn(&ObjectMapping) -> Option<String>|
     -> Result<Option<String>> {
        match written {
            Some(name) => {
                let names = object.fields.iter().map(|f| f.name.as_str());
                if object.fields.iter().any(|f| f.name == *name.get_ref()) {
                    Ok(Some(name.get_ref().clone()))
                } else {
                    Err(unknown(pos, name, key, names))
                }
            }
            None => Ok(detect(object)),
        }
    };
    let Some(stage) = field(&raw.stage, "stage", &stage_field)? else {
        return Ok(None);
    };
    let amount = field(&raw.amount, "amount", &|o| {
        named(o, &["amount", "value", "price"], &[FieldType::Decimal, FieldType::Int])
    })?;
    let close_date = field(&raw.close_date, "close_date", &|o| {
        named(o, &["close"], &[FieldType::Date, FieldType::Datetime])
    })?;
    let closed = match (&raw.closed, &raw.closed_flag) {
        (_, Some(flag)) => {
            Closed::Flag(field(&Some(flag.clone()), "closed_flag", &|_| None)?.unwrap_or_default())
        }
        (Some(stages), None) => {
            Closed::Stages(stages.iter().map(|s| s.get_ref().clone()).collect())
        }
        (None, None) => Closed::StageSaysClosed,
    };
    Ok(Some(Pipeline { object: object.name.clone(), stage, amount, close_date, closed }))
}

/// The first field whose name holds "stage".
fn stage_field(object: &ObjectMapping) -> Option<String> {
    object.fields.iter().find(|f| f.name.to_lowercase().contains("stage")).map(|f| f.name.clone())
}

/// The first field of one of `kinds` whose name holds one of `words`.
fn named(object: &ObjectMapping, words: &[&str], kinds: &[FieldType]) -> Option<String> {
    object
        .fields
        .iter()
        .find(|f| {
            let name = f.name.to_lowercase();
            kinds.contains(&f.kind) && words.iter().any(|w| name.contains(w))
        })
        .map(|f| f.name.clone())
}

fn unknown<'a>(
    pos: &Positions<'_>,
    name: &Spanned<String>,
    key: &'static str,
    known: impl Iterator<Item = &'a str> + Clone,
) -> crate::Error {
    let suggestion = closest(name.get_ref(), known.clone()).map(str::to_string);
    pos.error(
        name,
        ScenarioError::PipelineName {
            key,
            name: name.get_ref().clone(),
            suggestion,
            known: known.map(str::to_string).collect(),
        },
    )
}
