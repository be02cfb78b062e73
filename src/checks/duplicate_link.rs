//! `duplicate_link`: junction rows that repeat an earlier row's pair of
//! ends (the same contact twice in one campaign), per junction
//! (duplicates / links). Default: warn above 0%; the destination keeps one.

use super::contract::{Context, Settings, Takes, Trigger, count, whole};
use crate::error::Result;
use crate::facts::Limits;
use crate::facts::{Authority, RootCause};
use crate::facts::{Counted, Note, TriggerResult};
use crate::load::ident;
use crate::scenario::TriggerSettings;

pub const TRIGGER: Trigger = Trigger {
    id: "duplicate_link",
    defaults: Limits::warn_above(0),
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
    for junction in &ctx.scenario.junctions {
        let table = ident(&junction.name);
        let earlier = format!(
            "SELECT b._line FROM {table} b WHERE b.\"left\" = a.\"left\" AND b.\"right\" = a.\"right\" \
             AND b._rowid_ < a._rowid_ ORDER BY b._rowid_ LIMIT 1"
        );
        let repeated = format!("FROM {table} a WHERE EXISTS ({earlier})");
        let total = count(ctx.conn, &format!("SELECT count(*) FROM {table}"), [])?;
        // Every link after the first of its pair repeats it: links minus
        // distinct pairs, counted on the (left, right) index in one pass.
        let pairs = count(
            ctx.conn,
            &format!("SELECT count(*) FROM (SELECT 1 FROM {table} GROUP BY \"left\", \"right\")"),
            [],
        )?;
        let duplicates = total - pairs;
        let mut result = TriggerResult::new(
            TRIGGER.id,
            junction.name.clone(),
            Counted::RepeatedLinks,
            duplicates,
            total,
            limits,
        );
        if duplicates > 0 {
            let found = ctx.examples(
                &junction.source.file,
                &format!(
                    "SELECT a._line, a._key, NULL, a.\"left\" || ' ↔ ' || a.\"right\", \
                     ({earlier}) {repeated} ORDER BY a._rowid_"
                ),
                [],
                |row, example| {
                    example.note = whole(row, 4)?.map(|line| Note::SamePair { line });
                    Ok(())
                },
            )?;
            result.set_examples(found, duplicates);
        }
        results.push(result);
    }
    Ok(results)
}
