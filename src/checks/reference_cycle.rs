//! `reference_cycle`: rows of a self-referencing lookup (Account.ParentId)
//! that lead back to themselves: a hierarchy the destination cannot build.
//! Value: rows on a cycle / rows with the lookup set, per lookup. Default:
//! fail above 0%. Walks at most 64 levels, far deeper than real hierarchies.

use super::{
    Context, EXAMPLES, Trigger, TriggerResult, count, examples, fail_above, simple_limits,
};
use crate::error::Result;
use crate::load::ident;
use crate::scenario::{Scenario, TriggerSettings};
use crate::verdict::Limits;

pub const TRIGGER: Trigger = Trigger { id: "reference_cycle", validate, evaluate };

const DEFAULT: Limits = fail_above(0);

/// Deepest hierarchy walked.
const MAX_DEPTH: u32 = 64;

fn validate(_: &Scenario, settings: Option<&TriggerSettings>) -> Result<()> {
    simple_limits(settings, DEFAULT).map(drop)
}

fn evaluate(ctx: &Context<'_>, settings: Option<&TriggerSettings>) -> Result<Vec<TriggerResult>> {
    let limits = simple_limits(settings, DEFAULT)?;
    let mut results = Vec::new();
    for object in &ctx.scenario.objects {
        for field in &object.fields {
            let Some(reference) = &field.reference else {
                continue;
            };
            if reference.targets != [object.name.clone()] || reference.by.is_some() {
                continue;
            }
            let (table, column) = (ident(&object.name), ident(&field.name));
            let on_cycle = format!(
                "WITH RECURSIVE walk(start, node, depth) AS ( \
                   SELECT _key, {column}, 1 FROM {table} WHERE {column} IS NOT NULL \
                   UNION \
                   SELECT w.start, t.{column}, w.depth + 1 FROM walk w JOIN {table} t ON t._key = w.node \
                   WHERE t.{column} IS NOT NULL AND w.node <> w.start AND w.depth < {MAX_DEPTH}) \
                 SELECT DISTINCT start FROM walk WHERE node = start"
            );
            let total = count(ctx.conn, &format!("SELECT count({column}) FROM {table}"), [])?;
            let cyclic = count(ctx.conn, &format!("SELECT count(*) FROM ({on_cycle})"), [])?;
            let mut result = TriggerResult::new(
                TRIGGER.id,
                format!("{}.{}", object.name, field.name),
                cyclic,
                total,
                limits,
                format!(
                    "{cyclic} of {total} {} lead back to themselves through {}",
                    object.name, field.name
                ),
            );
            if cyclic > 0 {
                let found = examples(
                    ctx.conn,
                    &object.source.file,
                    &format!(
                        "SELECT o._line, o._key, ?1, o.{column}, \
                         CASE WHEN o.{column} = o._key THEN 'is its own parent' ELSE 'on a cycle' END \
                         FROM {table} o WHERE o._key IN ({on_cycle}) ORDER BY o._line LIMIT {EXAMPLES}"
                    ),
                    [&field.from.name],
                )?;
                result.set_examples(found, cyclic);
            }
            results.push(result);
        }
    }
    Ok(results)
}
