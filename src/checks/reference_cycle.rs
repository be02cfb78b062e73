//! `reference_cycle`: rows of a self-referencing lookup (Account.ParentId)
//! that lead back to themselves: a hierarchy the destination cannot build.
//! Value: rows on a cycle / rows with the lookup set, per lookup. Default:
//! fail above 0%. Works with `by` (parents named by an external id) and on
//! any depth: rows no other row points at are peeled off level by level,
//! and what remains is on a cycle.

use super::contract::{Context, Settings, Takes, Trigger, count, fail_above};
use crate::error::{Error, Result};
use crate::facts::Limits;
use crate::facts::{Authority, RootCause};
use crate::facts::{Counted, Note, TriggerResult};
use crate::load::ident;
use crate::scenario::TriggerSettings;

pub const TRIGGER: Trigger = Trigger {
    id: "reference_cycle",
    defaults: fail_above(0),
    takes: Takes::Share,
    settings: Settings::Thresholds,
    authority: Authority::Data,
    cause: RootCause::SourceData,
    evaluate,
};

fn evaluate(
    ctx: &Context<'_>,
    limits: Limits,
    _: Option<&TriggerSettings>,
) -> Result<Vec<TriggerResult>> {
    let mut results = Vec::new();
    for object in &ctx.scenario.objects {
        for field in &object.fields {
            let Some(reference) = &field.reference else { continue };
            if reference.targets != [object.name.clone()] {
                continue;
            }
            let (table, column) = (ident(&object.name), ident(&field.name));
            let matched = reference.by.as_deref().map_or_else(|| "_key".to_string(), ident);
            let total = count(ctx.conn, &format!("SELECT count({column}) FROM {table}"), [])?;
            // Each row with its resolved parent; then peel off, level by level,
            // the rows no other row points at. What remains is exactly the rows
            // on a cycle (a row leading into one is peeled like any other).
            ctx.conn
                .execute_batch(&format!(
                    "DROP TABLE IF EXISTS temp._walk;
                     CREATE TEMP TABLE _walk (key TEXT PRIMARY KEY, parent TEXT NOT NULL);
                     INSERT INTO _walk SELECT o._key, p._key FROM {table} o
                       JOIN {table} p ON p.{matched} = o.{column} WHERE o.{column} IS NOT NULL
                       ON CONFLICT DO NOTHING;
                     CREATE INDEX temp._walk_parent ON _walk (parent);"
                ))
                .map_err(Error::shadow("walk hierarchy"))?;
            loop {
                let peeled = ctx
                    .conn
                    .execute("DELETE FROM _walk WHERE key NOT IN (SELECT parent FROM _walk)", [])
                    .map_err(Error::shadow("walk hierarchy"))?;
                if peeled == 0 {
                    break;
                }
            }
            let cyclic = count(ctx.conn, "SELECT count(*) FROM _walk", [])?;
            let counted =
                Counted::CyclicRows { object: object.name.clone(), field: field.name.clone() };
            let mut result = TriggerResult::new(
                TRIGGER.id,
                format!("{}.{}", object.name, field.name),
                counted,
                cyclic,
                total,
                limits,
            )
            .of_population(&object.name);
            if cyclic > 0 {
                let found = ctx.examples(
                    &object.source.file,
                    &format!(
                        "SELECT o._line, o._key, ?1, o.{column}, w.parent = o._key \
                         FROM {table} o JOIN _walk w ON w.key = o._key ORDER BY o._line"
                    ),
                    [&field.from.name],
                    |row, example| {
                        let own = row.get::<_, bool>(4)?;
                        example.note = Some(if own { Note::OwnParent } else { Note::OnCycle });
                        Ok(())
                    },
                )?;
                result.set_examples(found, cyclic);
            }
            ctx.conn
                .execute_batch("DROP TABLE temp._walk")
                .map_err(Error::shadow("walk hierarchy"))?;
            results.push(result);
        }
    }
    Ok(results)
}
