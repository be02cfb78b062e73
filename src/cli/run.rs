//! `shadow-import run`: rehearse one scenario and write its report in the
//! chosen format; the exit code is the verdict (0 GO, 1 ROLLBACK or an
//! expectation not met).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use shadow_import::report::{html, json, junit, markdown, text};
use shadow_import::run::{RunOptions, rehearse};
use shadow_import::{Report, Result};

use super::common::Rehearsal;

/// The arguments of `run`.
#[derive(clap::Args)]
pub struct Args {
    /// A scenario.toml file, or a folder holding one.
    scenario: PathBuf,
    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Keep the shadow database at this path.
    #[arg(long, value_name = "FILE")]
    db: Option<PathBuf>,
    /// Write every rejected row (file, line, reason, original cells) to this CSV file.
    #[arg(long, value_name = "FILE.csv")]
    rejects: Option<PathBuf>,
    /// Write the fix list to this CSV file: every flagged row (rejected,
    /// critical blank, damaged, orphan, unmapped value, parent without a
    /// relationship, refused by the destination's rules) with trigger,
    /// file, line, key, column, value and reason, sorted by file and line.
    #[arg(long, value_name = "FILE.csv")]
    flagged: Option<PathBuf>,
    #[command(flatten)]
    common: Rehearsal,
}

/// The report formats of one rehearsal (and of `verify`).
#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Markdown,
    Junit,
    Html,
}

/// Rehearses the scenario and writes its report.
pub fn run(args: Args) -> Result<ExitCode> {
    let Args { scenario, format, db, rejects, flagged, common } = args;
    let redactor = common.redactor()?;
    let options = RunOptions { db, rejects, flagged: flagged.clone(), ..common.run_options() };
    let mut report = rehearse(&common.reading.load(&scenario)?, &options)?;
    if let Some(redactor) = &redactor {
        redactor.redact(&mut report);
    }
    if let Some(path) = &flagged
        && !common.quiet
    {
        eprintln!("wrote {}", shadow_import::error::printable_path(path));
    }
    emit_report(&common, &report, format)
}

/// Writes `report` in `format` (colour when printing to a terminal) and
/// returns its exit code.
pub fn emit_report(common: &Rehearsal, report: &Report, format: Format) -> Result<ExitCode> {
    let color = common.output.is_none() && std::io::stdout().is_terminal();
    let rendered = match format {
        Format::Text => text::render(report, color),
        Format::Json => json::render(report),
        Format::Markdown => markdown::render(report),
        Format::Junit => junit::render(report),
        Format::Html => html::render(report),
    };
    common.emit(&rendered)?;
    Ok(ExitCode::from(u8::try_from(report.exit_code()).unwrap_or(1)))
}
