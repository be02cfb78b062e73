//! `shadow-import plan`: rehearse a scenario and write its rollback plan.

use std::path::PathBuf;
use std::process::ExitCode;

use shadow_import::Result;
use shadow_import::report::{plan, redact};
use shadow_import::run::{RunOptions, rehearse};

use super::common::Rehearsal;

/// The arguments of `plan`.
#[derive(clap::Args)]
pub struct Args {
    /// A scenario.toml file, or a folder holding one.
    scenario: PathBuf,
    #[command(flatten)]
    common: Rehearsal,
}

/// Rehearses the scenario and writes the plan (Markdown).
pub fn run(args: Args) -> Result<ExitCode> {
    let Args { scenario, common } = args;
    let scenario = common.reading.load(&scenario)?;
    let options = RunOptions {
        observer: common.observer(),
        report: common.output.clone(),
        ..RunOptions::default()
    };
    let mut report = rehearse(&scenario, &options)?;
    if common.redact {
        redact::redact(&mut report);
    }
    common.emit(&plan::render(&scenario, &report))?;
    Ok(ExitCode::SUCCESS)
}
