//! `primary_link`: for a junction with a primary flag, rows of the checked
//! end (`left` unless `per = "right"`) that have links but not exactly one
//! primary link: none (a deal without a primary contact, a contact without
//! a direct account) or several. Value: such rows / rows of that end with
//! links (distinct links whose both ends resolve). Default: fail above 0%.

use super::{
    Context, EXAMPLES, Trigger, TriggerResult, examples, fail_above, not_orphan, simple_limits,
};
use crate::error::Result;
use crate::load::ident;
use crate::scenario::{Scenario, TriggerSettings};
use crate::verdict::Limits;

pub const TRIGGER: Trigger = Trigger { id: "primary_link", validate, evaluate };

const DEFAULT: Limits = fail_above(0);

fn validate(_: &Scenario, settings: Option<&TriggerSettings>) -> Result<()> {
    simple_limits(settings, DEFAULT).map(drop)
}

fn evaluate(ctx: &Context<'_>, settings: Option<&TriggerSettings>) -> Result<Vec<TriggerResult>> {
    let limits = simple_limits(settings, DEFAULT)?;
    let mut results = Vec::new();
    for junction in &ctx.scenario.junctions {
        let Some(primary) = &junction.primary else {
            continue;
        };
        let (table, per) = (ident(&junction.name), primary.per.column());
        let end = if per == "left" { &junction.left } else { &junction.right };
        // Per row of the checked end: its distinct links whose both ends
        // resolve (an orphan or a repeated link is not a link the destination
        // will hold), and how many of those are primary.
        let groups = format!(
            "SELECT j.\"{per}\" AS parent, count(DISTINCT j.\"{other}\") AS links, \
             count(DISTINCT CASE WHEN j.\"primary\" THEN j.\"{other}\" END) AS primaries, \
             min(j._line) AS line FROM {table} j WHERE {} AND {} GROUP BY j.\"{per}\"",
            not_orphan(ctx.scenario, &junction.name, "left", "j.rowid"),
            not_orphan(ctx.scenario, &junction.name, "right", "j.rowid"),
            other = if per == "left" { "right" } else { "left" },
        );
        let (total, wrong) = ctx
            .conn
            .query_row(
                &format!("SELECT count(*), count(*) FILTER (WHERE primaries <> 1) FROM ({groups})"),
                [],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
            )
            .map(|(t, w)| (u64::try_from(t).unwrap_or(0), u64::try_from(w).unwrap_or(0)))
            .map_err(crate::error::Error::shadow("count"))?;
        let mut result = TriggerResult::new(
            TRIGGER.id,
            format!("{} per {}", junction.name, end.target),
            wrong,
            total,
            limits,
            format!(
                "{wrong} of {total} {} with links in {} have no primary link or more than one ({})",
                end.target, junction.name, primary.column.name
            ),
        );
        if wrong > 0 {
            let found = examples(
                ctx.conn,
                &junction.source.file,
                &format!(
                    "SELECT line, NULL, ?1, parent, CASE WHEN primaries = 0 \
                     THEN 'no primary among ' || links || CASE WHEN links = 1 THEN ' link' ELSE ' links' END \
                     ELSE CAST(primaries AS INTEGER) || ' primary links' END \
                     FROM ({groups}) WHERE primaries <> 1 ORDER BY line LIMIT {EXAMPLES}"
                ),
                [&end.from.name],
            )?;
            result.set_examples(found, wrong);
        }
        results.push(result);
    }
    Ok(results)
}
