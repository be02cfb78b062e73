//! `plan`: rehearses a scenario for its rollback plan, reading the open
//! pipeline from the shadow beside the report, and checks that a drilled
//! trigger is one the rehearsal measures.

use crate::error::{Error, Result, ToolError, closest};
use crate::facts::SYSTEM_INSTABILITY;
use crate::report::plan::{Rehearsed, drill};
use crate::run::{RunOptions, rehearse_with, trigger_ids};
use crate::scenario::Scenario;

/// Rehearses `scenario`, keeping what the plan needs from its shadow.
pub fn rehearse(scenario: &Scenario, options: &RunOptions) -> Result<Rehearsed> {
    let sample_root = super::sample::root_of(scenario, None)?;
    let (report, pipeline) = rehearse_with(scenario, options, |shadow| {
        scenario
            .pipeline
            .as_ref()
            .map(|p| super::baseline::open_pipeline(shadow.conn(), p))
            .transpose()
    })?;
    Ok(Rehearsed { report, pipeline, sample_root })
}

/// Refuses a `--drill` id that is no trigger, before anything is loaded.
pub fn check_drill(id: &str) -> Result<()> {
    let known: Vec<&str> = trigger_ids().chain(std::iter::once(SYSTEM_INSTABILITY)).collect();
    if known.contains(&id) {
        return Ok(());
    }
    Err(Error::Tool(ToolError::UnknownDrill {
        id: id.to_string(),
        suggestion: closest(id, known.iter().copied()).map(String::from),
        known: known.iter().map(|k| (*k).to_string()).collect(),
    }))
}

/// The drill of `id`, or the error saying the rehearsal has no result for it.
pub fn drill(scenario: &Scenario, rehearsed: &Rehearsed, id: &str) -> Result<String> {
    drill::render(scenario, rehearsed, id)
        .ok_or_else(|| Error::Tool(ToolError::DrillNotMeasured { id: id.to_string() }))
}
