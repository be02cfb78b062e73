//! `critical_blank`: a field marked `critical` is blank after mapping
//! (blank rows / rows loaded), per field. Default: fail above 3%.

use super::{
    Context, EXAMPLES, Trigger, TriggerResult, count, examples, fail_above, simple_limits,
};
use crate::error::Result;
use crate::load::ident;
use crate::scenario::{Scenario, TriggerSettings};
use crate::verdict::Limits;

pub const TRIGGER: Trigger = Trigger { id: "critical_blank", validate, evaluate };

const DEFAULT: Limits = fail_above(300);

fn validate(_: &Scenario, settings: Option<&TriggerSettings>) -> Result<()> {
    simple_limits(settings, DEFAULT).map(drop)
}

fn evaluate(ctx: &Context<'_>, settings: Option<&TriggerSettings>) -> Result<Vec<TriggerResult>> {
    let limits = simple_limits(settings, DEFAULT)?;
    let mut results = Vec::new();
    for object in &ctx.scenario.objects {
        let table = ident(&object.name);
        for field in object.fields.iter().filter(|f| f.critical) {
            let column = ident(&field.name);
            let loaded = count(ctx.conn, &format!("SELECT count(*) FROM {table}"), [])?;
            let blank = count(
                ctx.conn,
                &format!("SELECT count(*) FROM {table} WHERE {column} IS NULL"),
                [],
            )?;
            let mut result = TriggerResult::new(
                TRIGGER.id,
                format!("{}.{}", object.name, field.name),
                blank,
                loaded,
                limits,
                format!("{blank} of {loaded} loaded {} have no {}", object.name, field.name),
            );
            if blank > 0 {
                let found = examples(
                    ctx.conn,
                    &object.source.file,
                    &format!(
                        "SELECT _line, _key, ?1, NULL, 'blank' FROM {table} \
                         WHERE {column} IS NULL ORDER BY _line LIMIT {EXAMPLES}"
                    ),
                    [&field.from.name],
                )?;
                result.set_examples(found, blank);
            }
            results.push(result);
        }
    }
    Ok(results)
}
