//! `shadow-import verify`: compare what arrived in the destination with the
//! baseline, and read the loader's result files; the exit code is the
//! verdict, as for `run`.

use std::path::PathBuf;
use std::process::ExitCode;

use shadow_import::tools::baseline;
use shadow_import::tools::verify::{VerifyOptions, verify};
use shadow_import::{Error, Result};

use super::common::Rehearsal;
use super::run::{Format, emit_report};

/// The arguments of `verify`.
#[derive(clap::Args)]
pub struct Args {
    /// A scenario.toml file, or a folder holding one.
    scenario: PathBuf,
    /// The baseline taken before the load (default: [migration_day] baseline).
    #[arg(long, value_name = "FILE.json")]
    baseline: Option<PathBuf>,
    /// The destination's export after the load: one CSV per object and
    /// junction (default: [migration_day] export).
    #[arg(long, value_name = "DIR")]
    export: Option<PathBuf>,
    /// The destination loader's result files, a folder per object
    /// (default: [migration_day] import_results).
    #[arg(long, value_name = "DIR")]
    import_results: Option<PathBuf>,
    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    #[command(flatten)]
    common: Rehearsal,
}

/// Verifies the load and writes the report.
pub fn run(args: Args) -> Result<ExitCode> {
    let Args { scenario, baseline, export, import_results, format, common } = args;
    let redactor = common.redactor()?;
    let scenario = common.reading.load(&scenario)?;
    let day = &scenario.migration_day;
    let from_scenario = |p: &Option<String>| p.as_ref().map(|p| scenario.dir.join(p));
    let options = VerifyOptions {
        baseline: baseline
            .or_else(|| from_scenario(&day.baseline))
            .ok_or(Error::Tool(shadow_import::error::ToolError::NoBaseline))?,
        export: export.or_else(|| from_scenario(&day.export)),
        import_results: import_results.or_else(|| from_scenario(&day.import_results)),
        // The key a redacted baseline was taken with: the one given, never
        // a random one.
        redact_key: common.redact_key()?,
    };
    if let Some(out) = &common.output {
        let dirs: Vec<&std::path::Path> = [&options.export, &options.import_results]
            .into_iter()
            .flatten()
            .map(|p| p.as_path())
            .collect();
        let inputs = baseline::inputs(&scenario, &[&options.baseline], &dirs);
        shadow_import::output::refuse_inputs(&inputs, &[("--output", out)])?;
    }
    let mut report = verify(&scenario, &options)?;
    report.evidence.run_at = common.run_at();
    if let Some(redactor) = &redactor {
        redactor.redact(&mut report);
    }
    emit_report(&common, &report, format)
}
