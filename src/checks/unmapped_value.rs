//! `unmapped_value`: values of a field translated through a strict value map
//! that the map does not cover (rows with such a value / rows with a value),
//! per field, listing each distinct value with its row count. Default: fail
//! above 0%.

use super::contract::{Context, Settings, Takes, Trigger, count, examples, fail_above, whole};
use crate::error::Result;
use crate::facts::Limits;
use crate::facts::{Authority, RootCause};
use crate::facts::{Counted, Note, TriggerResult};
use crate::load::ident;
use crate::scenario::TriggerSettings;

pub const TRIGGER: Trigger = Trigger {
    id: "unmapped_value",
    defaults: fail_above(0),
    takes: Takes::Share,
    settings: Settings::Thresholds,
    authority: Authority::Data,
    cause: RootCause::StageNameMismatch,
    evaluate,
};

/// Distinct unmapped values listed per field: enough to fix a map in one go.
const DISTINCT_VALUES: usize = 20;

fn evaluate(
    ctx: &Context<'_>,
    limits: Limits,
    _: Option<&TriggerSettings>,
) -> Result<Vec<TriggerResult>> {
    let mut results = Vec::new();
    for object in &ctx.scenario.objects {
        for field in &object.fields {
            let Some(map_name) = &field.map else { continue };
            if !ctx.scenario.maps.get(map_name).is_some_and(|m| m.strict) {
                continue;
            }
            let with_value = count(
                ctx.conn,
                &format!("SELECT count({}) FROM {}", ident(&field.name), ident(&object.name)),
                [],
            )?;
            let unmapped = count(
                ctx.conn,
                "SELECT count(*) FROM _unmapped WHERE object = ?1 AND field = ?2",
                [&object.name, &field.name],
            )?;
            let distinct = count(
                ctx.conn,
                "SELECT count(DISTINCT value) FROM _unmapped WHERE object = ?1 AND field = ?2",
                [&object.name, &field.name],
            )?;
            let counted = Counted::UnmappedValues { distinct, map: map_name.clone() };
            let mut result = TriggerResult::new(
                TRIGGER.id,
                format!("{}.{}", object.name, field.name),
                counted,
                unmapped,
                with_value,
                limits,
            )
            .of_population(&object.name);
            if unmapped > 0 {
                // One example per distinct value: its first line, and how many rows hold it.
                let found = examples(
                    ctx.conn,
                    &object.source.file,
                    &format!(
                        "SELECT min(line), (SELECT key FROM _unmapped u2 WHERE u2.object = u.object \
                         AND u2.field = u.field AND u2.value = u.value ORDER BY line LIMIT 1), \
                         ?3, value, count(*) \
                         FROM _unmapped u WHERE object = ?1 AND field = ?2 \
                         GROUP BY value ORDER BY count(*) DESC, value LIMIT {DISTINCT_VALUES}"
                    ),
                    [&object.name, &field.name, &field.from.name],
                    |row, example| {
                        let rows = whole(row, 4)?.unwrap_or(0);
                        example.note = Some(Note::NotInMap { rows, map: map_name.clone() });
                        Ok(())
                    },
                )?;
                result.set_examples(found, distinct);
                // The fix list takes every row holding an unmapped value.
                ctx.flag_every(
                    &object.source.file,
                    "SELECT line, key, ?3, value FROM _unmapped \
                     WHERE object = ?1 AND field = ?2 ORDER BY line",
                    [&object.name, &field.name, &field.from.name],
                    |_, example| {
                        example.note = Some(Note::NotInMap { rows: 1, map: map_name.clone() });
                        Ok(())
                    },
                )?;
            }
            results.push(result);
        }
    }
    Ok(results)
}
