//! `api_budget`: the calls (and records) the load needs against what the
//! destination API allows once other integrations took their share
//! (`[cutover]`; no result without one): calls against one day's
//! allowance, calls against what the rate limit allows within the window,
//! records against one day's allowance, each where the API has that
//! limit. Fails above 100% (the load needs more than a day's budget, or
//! more than the window allows); warns above 80%.

use super::contract::{Context, Settings, Takes, Trigger};
use crate::error::Result;
use crate::facts::{Authority, RootCause};
use crate::facts::{Budget, Counted, Limit, Limits, Percent, Status, TriggerResult};
use crate::scenario::TriggerSettings;

pub const TRIGGER: Trigger = Trigger {
    id: "api_budget",
    defaults: Limits {
        warn: Some(Limit::Percent(Percent::hundredths(8000))),
        fail: Some(Limit::Percent(Percent::hundredths(10_000))),
    },
    takes: Takes::Share,
    settings: Settings::Thresholds,
    authority: Authority::Technical,
    cause: RootCause::ApiLimit,
    evaluate,
};

fn evaluate(
    ctx: &Context<'_>,
    limits: Limits,
    _: Option<&TriggerSettings>,
) -> Result<Vec<TriggerResult>> {
    let Some(p) = ctx.cutover else { return Ok(Vec::new()) };
    let budgets = [
        (Budget::DayCalls, p.calls, p.day_calls),
        (Budget::WindowCalls, p.calls, p.window_calls),
        (Budget::DayRecords, p.records, p.day_records),
    ];
    let results = budgets
        .into_iter()
        .filter_map(|(budget, needed, allowed)| {
            let allowed = allowed?;
            let object = budget.to_string();
            let mut result = TriggerResult::new(
                TRIGGER.id,
                object,
                Counted::Budget(budget),
                needed,
                allowed,
                limits,
            );
            // Nothing allowed (other integrations take it all) and something needed:
            // no percentage says it, but the load cannot run.
            if allowed == 0 && needed > 0 && limits.fail.is_some() {
                result.status = Status::Fail;
            }
            Some(result)
        })
        .collect();
    Ok(results)
}
