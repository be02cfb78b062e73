//! `orphan_reference`: a lookup or junction end holds a key that matches no
//! loaded row of the referenced object (unresolved / references), per
//! reference. Default: fail above 0.5%.

use super::{
    Context, EXAMPLES, Trigger, TriggerResult, count, examples, fail_above, simple_limits,
};
use crate::error::Result;
use crate::load::ident;
use crate::scenario::{Scenario, TriggerSettings};
use crate::verdict::Limits;

pub const TRIGGER: Trigger = Trigger {
    id: "orphan_reference",
    validate,
    evaluate,
};

const DEFAULT: Limits = fail_above(50);

fn validate(_: &Scenario, settings: Option<&TriggerSettings>) -> Result<()> {
    simple_limits(settings, DEFAULT).map(drop)
}

/// A column holding keys of another object.
struct Reference<'s> {
    label: String,
    table: &'s str,
    column: String,
    source_column: &'s str,
    target: &'s str,
    file: &'s str,
}

fn references(scenario: &Scenario) -> Vec<Reference<'_>> {
    let mut refs = Vec::new();
    for object in &scenario.objects {
        for field in &object.fields {
            if let Some(target) = &field.reference {
                refs.push(Reference {
                    label: format!("{}.{} → {target}", object.name, field.name),
                    table: &object.name,
                    column: field.name.clone(),
                    source_column: &field.from.name,
                    target,
                    file: &object.source.file,
                });
            }
        }
    }
    for junction in &scenario.junctions {
        for (end_name, end) in [("left", &junction.left), ("right", &junction.right)] {
            refs.push(Reference {
                label: format!("{}.{end_name} → {}", junction.name, end.target),
                table: &junction.name,
                column: end_name.to_string(),
                source_column: &end.from.name,
                target: &end.target,
                file: &junction.source.file,
            });
        }
    }
    refs
}

fn evaluate(ctx: &Context<'_>, settings: Option<&TriggerSettings>) -> Result<Vec<TriggerResult>> {
    let limits = simple_limits(settings, DEFAULT)?;
    let mut results = Vec::new();
    for r in references(ctx.scenario) {
        let (table, column, target) = (ident(r.table), ident(&r.column), ident(r.target));
        let unresolved = format!(
            "FROM {table} c WHERE c.{column} IS NOT NULL \
             AND NOT EXISTS (SELECT 1 FROM {target} t WHERE t._key = c.{column})"
        );
        let total = count(
            ctx.conn,
            &format!("SELECT count({column}) FROM {table}"),
            [],
        )?;
        let orphans = count(ctx.conn, &format!("SELECT count(*) {unresolved}"), [])?;
        let mut result = TriggerResult::new(
            TRIGGER.id,
            r.label,
            orphans,
            total,
            limits,
            format!(
                "{orphans} of {total} references to {} resolve to nothing",
                r.target
            ),
        );
        if orphans > 0 {
            let found = examples(
                ctx.conn,
                r.file,
                &format!(
                    "SELECT c._line, c._key, ?1, c.{column}, ?2 {unresolved} ORDER BY c._line LIMIT {EXAMPLES}"
                ),
                [r.source_column, &format!("no {} with this key", r.target)],
            )?;
            result.set_examples(found, orphans);
        }
        results.push(result);
    }
    Ok(results)
}
