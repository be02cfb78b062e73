//! `validation_rule`: rows the destination's validation rules refuse, per
//! rule (refused rows / rows loaded), with the rule's own message. A rule
//! is declared in the destination schema as the SQL condition a valid
//! record meets, over the object's destination fields:
//!
//! ```toml
//! [objects.opportunities.rule]
//! amount_not_negative = { check = "Amount IS NULL OR Amount >= 0", message = "Amount cannot be negative." }
//! ```
//!
//! A row fails when the check is false or NULL. Fields the scenario does
//! not map are blank (NULL), as they arrive; decimals compare as numbers.
//! Default: fail above 0%.

use super::contract::{
    Context, Settings, Takes, Trigger, count, destination_rules, fail_above, text,
};
use crate::error::{Result, ScenarioError};
use crate::facts::{Authority, Counted, Limits, Note, RootCause, TriggerResult};
use crate::load::ident;
use crate::scenario::destination::{ObjectRules, ValidationRule, rule_fails, sqlite_message};
use crate::scenario::{FieldType, ObjectMapping, TriggerSettings};

pub const TRIGGER: Trigger = Trigger {
    id: "validation_rule",
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
        let Some(rules) = destination_rules(ctx, &object.name) else { continue };
        let loaded = count(ctx.conn, &format!("SELECT count(*) FROM {}", ident(&object.name)), [])?;
        for rule in &rules.rules {
            let from = format!(
                "FROM {} t WHERE {}",
                as_destination(object, rules, rule),
                rule_fails(&rule.check)
            );
            // A check that compiled can still fail on a value (`LIKE … ESCAPE`
            // with a bad escape): an error at the rule, in SQLite's words.
            let refused = ctx
                .conn
                .query_row(&format!("SELECT count(*) {from}"), [], |row| row.get::<_, i64>(0))
                .map_err(|e| {
                    let kind = ScenarioError::RuleCheck {
                        schema: ctx
                            .scenario
                            .destination
                            .as_ref()
                            .map_or_else(String::new, |d| d.name.clone()),
                        rule: format!("{}.{}", object.name, rule.name),
                        message: sqlite_message(&e),
                    };
                    kind.at(rule.at.clone())
                })?;
            let refused = u64::try_from(refused).unwrap_or_default();
            let counted = Counted::RuleFailures {
                object: object.name.clone(),
                rule: rule.name.clone(),
                message: rule.message.clone(),
            };
            let mut result = TriggerResult::new(
                TRIGGER.id,
                format!("{}.{}", object.name, rule.name),
                counted,
                refused,
                loaded,
                limits,
            )
            .of_population(&object.name);
            if refused > 0 {
                let read: Vec<String> =
                    (0..rule.reads.len()).map(|i| format!(", t._r{i}")).collect();
                let sql = format!(
                    "SELECT t._line, t._key, NULL, NULL{} {from} ORDER BY t._line",
                    read.concat()
                );
                let mapped = |f: &String| object.fields.iter().any(|m| &m.name == f);
                let unmapped: Vec<String> =
                    rule.reads.iter().filter(|f| !mapped(f)).cloned().collect();
                let found = ctx.examples(&object.source.file, &sql, [], |row, example| {
                    let mut values = Vec::new();
                    for (i, field) in rule.reads.iter().enumerate() {
                        if mapped(field) {
                            values.push((field.clone(), text(row.get_ref(4 + i)?)));
                        }
                    }
                    example.note = Some(Note::RuleFailed { values, unmapped: unmapped.clone() });
                    Ok(())
                })?;
                result.set_examples(found, refused);
            }
            results.push(result);
        }
    }
    Ok(results)
}

/// The object's rows as the destination holds them, for the check: every
/// field of the destination's object (NULL when not mapped, decimals as
/// numbers), `_line` and `_key`, and the fields the rule reads as stored
/// (`_r0`, `_r1` …, for the examples).
fn as_destination(object: &ObjectMapping, rules: &ObjectRules, rule: &ValidationRule) -> String {
    let mut columns = vec!["_line".to_string(), "_key".to_string()];
    for name in rules.fields.keys() {
        let value = match object.fields.iter().find(|f| &f.name == name) {
            Some(f) if f.kind == FieldType::Decimal => format!("CAST({} AS NUMERIC)", ident(name)),
            Some(_) => ident(name),
            None => "NULL".to_string(),
        };
        columns.push(format!("{value} AS {}", ident(name)));
    }
    for (i, name) in rule.reads.iter().enumerate() {
        let mapped = object.fields.iter().any(|f| &f.name == name);
        columns.push(format!("{} AS _r{i}", if mapped { ident(name) } else { "NULL".into() }));
    }
    format!("(SELECT {} FROM {})", columns.join(", "), ident(&object.name))
}
