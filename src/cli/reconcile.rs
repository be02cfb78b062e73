//! `shadow-import reconcile`: after a rollback, list what changed in the
//! destination during the window and write the changes to re-apply to the
//! source; the exit code is the verdict, as for `run`.

use std::path::PathBuf;
use std::process::ExitCode;

use shadow_import::error::ToolError;
use shadow_import::tools::baseline;
use shadow_import::tools::reconcile::{ReconcileOptions, reconcile};
use shadow_import::{Error, Result};

use super::common::Rehearsal;
use super::run::{Format, emit_report};

/// The arguments of `reconcile`.
#[derive(clap::Args)]
pub struct Args {
    /// A scenario.toml file, or a folder holding one.
    scenario: PathBuf,
    /// The baseline taken before the load (default: [migration_day] baseline).
    #[arg(long, value_name = "FILE.json")]
    baseline: Option<PathBuf>,
    /// The destination's export at the load's end (default: [migration_day] before).
    #[arg(long, value_name = "DIR")]
    before: Option<PathBuf>,
    /// The destination's export at the rollback (default: [migration_day] after).
    #[arg(long, value_name = "DIR")]
    after: Option<PathBuf>,
    /// Write the changes to re-apply to the source to this CSV file.
    #[arg(long, value_name = "FILE.csv")]
    changes: Option<PathBuf>,
    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    common: Rehearsal,
}

/// Reconciles the window and writes the report.
pub fn run(args: Args) -> Result<ExitCode> {
    let Args { scenario, baseline, before, after, changes, format, common } = args;
    let redactor = common.redactor()?;
    let scenario = common.reading.load(&scenario)?;
    let day = &scenario.migration_day;
    let from_scenario = |p: &Option<String>| p.as_ref().map(|p| scenario.dir.join(p));
    let missing = |what: &'static str| Error::Tool(ToolError::NoReconcileExport { what });
    let options = ReconcileOptions {
        baseline: baseline
            .or_else(|| from_scenario(&day.baseline))
            .ok_or(Error::Tool(ToolError::NoBaseline))?,
        before: before.or_else(|| from_scenario(&day.before)).ok_or_else(|| missing("before"))?,
        after: after.or_else(|| from_scenario(&day.after)).ok_or_else(|| missing("after"))?,
        changes,
    };
    let outputs: Vec<(&str, &std::path::Path)> =
        [("--output", &common.output), ("--changes", &options.changes)]
            .into_iter()
            .filter_map(|(o, p)| p.as_deref().map(|p| (o, p)))
            .collect();
    let inputs =
        baseline::inputs(&scenario, &[&options.baseline], &[&options.before, &options.after]);
    shadow_import::output::refuse_inputs(&inputs, &outputs)?;
    let mut report = reconcile(&scenario, &options)?;
    report.evidence.run_at = common.run_at();
    if let Some(redactor) = &redactor {
        redactor.redact(&mut report);
    }
    emit_report(&common, &report, format)
}
