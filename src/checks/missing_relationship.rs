//! `missing_relationship`: parent rows with no linked row through a junction
//! or a lookup, e.g. deals without a contact (parents without a link /
//! parents loaded). Default: fail above 2%. It has no meaning until the
//! scenario names the relationship:
//!
//! ```toml
//! [triggers]
//! missing_relationship = { parent = "deals", via = "deal_contacts", fail = "2%" }
//! # or several: missing_relationship = [{ parent = …, via = … }, …]
//! ```
//!
//! `via` is a junction name (a link counts when its other end resolves) or
//! `object.field` for a lookup: either a field of the parent itself (it must
//! resolve) or a field of another object that points at the parent.

use serde::Deserialize;
use serde::de::IgnoredAny;

use super::contract::{
    Context, Settings, Takes, Trigger, count, destination_rules, fail_above, from_value, limits,
    noted,
};
use super::orphans::not_orphan;
use crate::error::{RelationshipError, Result, ScenarioError};
use crate::facts::Limits;
use crate::facts::{Authority, RootCause};
use crate::facts::{Counted, Link, Note, TriggerResult};
use crate::load::ident;
use crate::scenario::{Scenario, Thresholds, TriggerSettings};

pub const TRIGGER: Trigger = Trigger {
    id: "missing_relationship",
    defaults: DEFAULT,
    takes: TAKES,
    settings: Settings::Own(validate),
    authority: Authority::Data,
    cause: RootCause::JunctionMissed,
    evaluate,
};

const DEFAULT: Limits = fail_above(200);

const TAKES: Takes = Takes::Share;

#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a table like { parent = \"deals\", via = \"deal_contacts\", fail = \"2%\" }"
)]
struct Rule {
    parent: String,
    via: String,
    // Read by the scenario, with their place.
    #[serde(rename = "warn")]
    _warn: Option<IgnoredAny>,
    #[serde(rename = "fail")]
    _fail: Option<IgnoredAny>,
    /// Its `warn` and `fail` as the scenario read them.
    #[serde(skip)]
    written: Thresholds,
}

/// A resolved relationship rule.
struct Relationship {
    parent: String,
    via: String,
    limits: Limits,
    /// SQL condition on parent row `p` that holds when it has a link.
    linked: String,
    /// What the parent should link to.
    link: Link,
}

fn validate(scenario: &Scenario, settings: Option<&TriggerSettings>) -> Result<()> {
    relationships(scenario, settings).map(drop)
}

fn relationships(
    scenario: &Scenario,
    settings: Option<&TriggerSettings>,
) -> Result<Vec<Relationship>> {
    let Some(settings) = settings else {
        return Ok(Vec::new());
    };
    let values = match &settings.value {
        toml::Value::Array(items) => items.clone(),
        other => vec![other.clone()],
    };
    values
        .into_iter()
        .enumerate()
        .map(|(n, value)| {
            let mut rule: Rule = from_value(settings, value)?;
            rule.written = settings.thresholds.get(n).cloned().unwrap_or_default();
            resolve(scenario, settings, rule)
        })
        .collect()
}

fn resolve(scenario: &Scenario, settings: &TriggerSettings, rule: Rule) -> Result<Relationship> {
    let error = |problem: RelationshipError| {
        ScenarioError::Relationship { trigger: TRIGGER.id, problem }.at(settings.at.clone())
    };
    let limits = limits(TRIGGER.id, TAKES, DEFAULT, &rule.written)?;
    if scenario.object(&rule.parent).is_none() {
        return Err(error(RelationshipError::UnknownParent { parent: rule.parent }));
    }
    let parent_column =
        |by: Option<&String>| format!("p.{}", by.map_or("_key".to_string(), |b| ident(b)));
    let (linked, others, through) = if let Some(junction) = scenario.junction(&rule.via) {
        let mut conditions = Vec::new();
        let mut others = Vec::new();
        for (end, this, other_side, other) in [
            ("left", &junction.left, "right", &junction.right),
            ("right", &junction.right, "left", &junction.left),
        ] {
            if this.target == rule.parent {
                // A link counts only when its other end resolves.
                conditions.push(format!(
                    "EXISTS (SELECT 1 FROM {j} j WHERE j.\"{end}\" = {p} AND {other_resolves})",
                    j = ident(&junction.name),
                    p = parent_column(this.by.as_ref()),
                    other_resolves = not_orphan(scenario, &junction.name, other_side, "j._rowid_"),
                ));
                others.push(other.target.clone());
            }
        }
        if conditions.is_empty() {
            return Err(error(RelationshipError::JunctionElsewhere {
                junction: junction.name.clone(),
                left: junction.left.target.clone(),
                right: junction.right.target.clone(),
                parent: rule.parent,
            }));
        }
        (conditions.join(" OR "), others, junction.name.clone())
    } else if let Some((object_name, field_name)) = rule.via.split_once('.') {
        let object = scenario.object(object_name).ok_or_else(|| {
            let object = object_name.to_string();
            error(RelationshipError::UnknownObject { via: rule.via.clone(), object })
        })?;
        let field = object.fields.iter().find(|f| f.name == field_name).ok_or_else(|| {
            error(RelationshipError::UnknownField {
                via: rule.via.clone(),
                object: object_name.to_string(),
                field: field_name.to_string(),
            })
        })?;
        let reference = field
            .reference
            .as_ref()
            .ok_or_else(|| error(RelationshipError::NotAReference { via: rule.via.clone() }))?;
        let targets: Vec<&str> = reference.targets.iter().map(String::as_str).collect();
        if object.name == rule.parent {
            // The parent holds the lookup: it must resolve.
            let condition = format!(
                "p.{} IS NOT NULL AND {}",
                ident(&field.name),
                not_orphan(scenario, &object.name, &field.name, "p._rowid_")
            );
            (condition, reference.targets.clone(), rule.via.clone())
        } else if targets.contains(&rule.parent.as_str()) {
            let condition = format!(
                "EXISTS (SELECT 1 FROM {c} c WHERE c.{f} = {p})",
                c = ident(&object.name),
                f = ident(&field.name),
                p = parent_column(reference.by.as_ref()),
            );
            (condition, vec![object.name.clone()], rule.via.clone())
        } else {
            return Err(error(RelationshipError::Unrelated { via: rule.via, parent: rule.parent }));
        }
    } else {
        return Err(error(RelationshipError::BadVia { via: rule.via }));
    };
    let link = Link { others, through };
    Ok(Relationship { parent: rule.parent, via: rule.via, limits, linked, link })
}

/// Each relationship carries its own thresholds, read from its rule.
fn evaluate(
    ctx: &Context<'_>,
    _: Limits,
    settings: Option<&TriggerSettings>,
) -> Result<Vec<TriggerResult>> {
    let mut results = Vec::new();
    for rel in relationships(ctx.scenario, settings)? {
        let parent = ctx.scenario.object(&rel.parent).map(|o| &o.source.file);
        let table = ident(&rel.parent);
        let loaded = count(ctx.conn, &format!("SELECT count(*) FROM {table}"), [])?;
        let (parents, unlinked_sql) = match merged_parents(ctx, &rel) {
            None => (loaded, format!("FROM {table} p WHERE NOT ({})", rel.linked)),
            Some((survivors, unlinked)) => {
                (count(ctx.conn, &format!("SELECT count(*) {survivors}"), [])?, unlinked)
            }
        };
        let unlinked = count(ctx.conn, &format!("SELECT count(*) {unlinked_sql}"), [])?;
        let counted = Counted::UnlinkedParents {
            parent: rel.parent.clone(),
            link: rel.link.clone(),
            merged: loaded.saturating_sub(parents),
        };
        let mut result = TriggerResult::new(
            TRIGGER.id,
            format!("{} via {}", rel.parent, rel.via),
            counted,
            unlinked,
            parents,
            rel.limits,
        )
        .of_population(&rel.parent);
        if unlinked > 0 {
            let found = ctx.examples(
                parent.map_or("", String::as_str),
                &format!("SELECT _line, _key, NULL, NULL {unlinked_sql} ORDER BY _rowid_"),
                [],
                noted(Note::NoLink(rel.link.clone())),
            )?;
            result.set_examples(found, unlinked);
        }
        results.push(result);
    }
    Ok(results)
}

/// When the destination merges the parent's rows (a `merge` key it
/// maps), the parents are the rows that survive the merges, and a
/// survivor is linked when it or any row merged into it is: the merged
/// rows' links follow it. `(FROM … survivors, FROM … survivors without a
/// link)`, over the survivor `o`.
fn merged_parents(ctx: &Context<'_>, rel: &Relationship) -> Option<(String, String)> {
    let (field, rule) = destination_rules(ctx, &rel.parent)?.merge_key()?;
    let object = ctx.scenario.object(&rel.parent)?;
    if !object.fields.iter().any(|f| f.name == field) {
        return None;
    }
    let (table, column) = (ident(&rel.parent), ident(field));
    let of = |row: &str| rule.compared(&format!("{row}.{column}"));
    let survivors = format!(
        "FROM {table} o WHERE NOT EXISTS (SELECT 1 FROM {table} e WHERE {e} = {o} \
         AND e._rowid_ < o._rowid_)",
        e = of("e"),
        o = of("o"),
    );
    let unlinked = format!(
        "{survivors} AND NOT EXISTS (SELECT 1 FROM {table} p WHERE (p._rowid_ = o._rowid_ \
         OR {p} = {o}) AND ({linked}))",
        p = of("p"),
        o = of("o"),
        linked = rel.linked,
    );
    Some((survivors, unlinked))
}
