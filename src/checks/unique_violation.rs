//! `unique_violation`: rows the destination refuses for a value another
//! row holds on a field it holds unique, per field (refused rows / rows
//! with a value). A Salesforce `unique` field refuses the second record
//! with `DUPLICATE_VALUE` and keeps the first; an upsert on an
//! `external_id` fails for every row whose value another row of the load
//! holds ("Duplicate external id specified"), the first one included. Values compare as the schema says (ignoring case
//! unless `case_sensitive`). Default: fail above 0%: each is a record
//! missing on the day unless the source is fixed.

use super::contract::{Compared, Context, Settings, Takes, Trigger, destination_rules, fail_above};
use crate::error::Result;
use crate::facts::{Authority, Counted, Limits, Note, RootCause, TriggerResult};
use crate::scenario::TriggerSettings;

pub const TRIGGER: Trigger = Trigger {
    id: "unique_violation",
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
        for (name, rule) in rules.unique_fields() {
            let Some(field) = object.fields.iter().find(|f| f.name == name) else { continue };
            let compared = Compared::new(&object.name, name, rule, rule.external_id);
            let (repeated, held) = compared.count(ctx.conn)?;
            let counted = Counted::DuplicateValues {
                object: object.name.clone(),
                field: name.to_string(),
                upsert: rule.external_id,
            };
            let mut result = TriggerResult::new(
                TRIGGER.id,
                format!("{}.{name}", object.name),
                counted,
                repeated,
                held,
                limits,
            )
            .of_population(&object.name);
            if repeated > 0 {
                let sql = compared.examples_sql(&[]);
                let found =
                    ctx.examples(&object.source.file, &sql, [&field.from.name], |row, example| {
                        let line: i64 = row.get(4)?;
                        let key: String = row.get(5)?;
                        let line = u64::try_from(line).unwrap_or_default();
                        example.note = Some(Note::DuplicateOf { line, key });
                        Ok(())
                    })?;
                result.set_examples(found, repeated);
            }
            results.push(result);
        }
    }
    Ok(results)
}
