//! `shadow-import test`: rehearse every scenario folder under a folder and
//! compare each verdict with its `[expect]`; exit 0 only if all are met.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use shadow_import::error::ToolError;
use shadow_import::report::{junit, suite};
use shadow_import::run::{RunOptions, rehearse_suite};
use shadow_import::{Error, Result};

use super::common::Rehearsal;

/// The arguments of `test`.
#[derive(clap::Args)]
pub struct Args {
    /// Folder of scenario folders.
    #[arg(default_value = "scenarios")]
    dir: PathBuf,
    /// Only the scenarios whose folder name contains this text.
    #[arg(long)]
    filter: Option<String>,
    /// Output format for the whole run.
    #[arg(long, value_enum, default_value_t = SuiteFormat::Text)]
    format: SuiteFormat,
    #[command(flatten)]
    common: Rehearsal,
}

/// The formats of a suite's outcome.
#[derive(Clone, Copy, ValueEnum)]
enum SuiteFormat {
    Text,
    Markdown,
    Junit,
    Json,
}

/// Rehearses the suite and writes its outcome.
pub fn run(args: Args) -> Result<ExitCode> {
    let Args { dir, filter, format, common } = args;
    let redactor = common.redactor()?;
    // A suite's reports are compared and snapshotted: no run time in them.
    let options =
        RunOptions { run_at: None, redact_key: common.redact_key()?, ..common.run_options() };
    let reach = common.reading.reach();
    let each = shadow_import::tools::migration_day::rehearse_or_verify;
    let mut cases = rehearse_suite(&dir, filter.as_deref(), reach, &options, &each)?;
    if cases.is_empty() {
        return Err(Error::Tool(ToolError::NoScenarioMatches {
            filter: filter.unwrap_or_default(),
            dir,
        }));
    }
    if let Some(redactor) = &redactor {
        for case in &mut cases {
            if let Ok(report) = &mut case.outcome {
                redactor.redact(report);
            }
        }
    }
    let rendered = match format {
        SuiteFormat::Text => suite::text(&cases),
        SuiteFormat::Markdown => suite::markdown(&cases),
        SuiteFormat::Junit => junit::render_suite(&cases),
        SuiteFormat::Json => suite::json(&cases),
    };
    common.emit(&rendered)?;
    Ok(if cases.iter().all(suite::SuiteCase::passed) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
