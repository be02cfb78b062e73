//! `cutover_window`: the projected end of the load and its validation,
//! from the window's opening, against the window (`[cutover]`; no result
//! without one). Fails when it passes the window's end; warns when it
//! passes the practice's hour-4 decision point (before hour 4 a team rolls
//! back at once, after it weighs a fix). `fail` and `warn` in
//! `[triggers] cutover_window` replace either, as durations.

use super::contract::{Context, Settings, Takes, Trigger};
use crate::error::Result;
use crate::facts::{Authority, RootCause};
use crate::facts::{Counted, Duration, Limit, Limits, TriggerResult};
use crate::scenario::TriggerSettings;

/// The practice's first decision point: hour 4.
pub const DECISION_POINT: Duration = Duration::seconds(4 * 3600);

pub const TRIGGER: Trigger = Trigger {
    id: "cutover_window",
    defaults: Limits { warn: Some(Limit::Duration(DECISION_POINT)), fail: None },
    takes: Takes::Duration,
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
    let (Some(projection), Some(cutover)) = (ctx.cutover, &ctx.scenario.cutover) else {
        return Ok(Vec::new());
    };
    let fail = limits.fail.unwrap_or(Limit::Duration(cutover.window));
    // A window of 4 hours or less ends before (or at) the decision point: its end is the only line.
    let warn = limits
        .warn
        .filter(|w| !matches!((w, fail), (Limit::Duration(w), Limit::Duration(f)) if w >= &f));
    let limits = Limits { warn, fail: Some(fail) };
    // Rounded as the report shows it, to the second.
    let time = crate::facts::rounded(projection.end_ms);
    let of = Counted::Time { of: "the load and its validation".to_string() };
    Ok(vec![TriggerResult::timed(TRIGGER.id, "cut-over".to_string(), of, time, limits)])
}
