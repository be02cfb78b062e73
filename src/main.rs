//! The `shadow-import` command: parses arguments, calls the library, prints,
//! and turns the outcome into an exit code (0 GO, 1 ROLLBACK, 2 error).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use shadow_import::Scenario;
use shadow_import::report::{Report, html, json, junit, markdown, plan, redact, suite, text};
use shadow_import::run::{RunOptions, rehearse, rehearse_suite};
use shadow_import::tools::generate::generate;
use shadow_import::tools::init::{Platform, Target, init};
use shadow_import::tools::sample::{SampleOptions, sample};

/// Rehearse a CRM migration in an SQLite shadow destination and get GO or ROLLBACK.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Options every rehearsal takes.
#[derive(Args)]
struct Rehearsal {
    /// Write the report to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Mask names, e-mails and phone numbers in the report (stable tokens).
    #[arg(long)]
    redact: bool,
    /// No progress bars.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Rehearse one scenario: exit 0 GO, 1 ROLLBACK (or expectation not met), 2 error.
    Run {
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
        #[command(flatten)]
        common: Rehearsal,
    },
    /// Rehearse every scenario folder under DIR and compare with each [expect].
    Test {
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
    },
    /// Rehearse a scenario and write its rollback plan (Markdown): triggers,
    /// data to preserve, rollback steps, communication scripts, reconciliation.
    Plan {
        /// A scenario.toml file, or a folder holding one.
        scenario: PathBuf,
        #[command(flatten)]
        common: Rehearsal,
    },
    /// Write a first scenario.toml from the headers of the exports in DIR
    /// (or DIR/data), marking every guess for review.
    Init {
        /// Where the export comes from.
        #[arg(long, value_enum)]
        from: From,
        /// Where the data goes.
        #[arg(long, value_enum)]
        to: To,
        /// Replace an existing scenario.toml.
        #[arg(long)]
        force: bool,
        /// The scenario folder holding the exports.
        dir: PathBuf,
    },
    /// Write a deterministic Salesforce-shaped export (Account, Contact,
    /// Opportunity, OpportunityContactRole) with a scenario and a manifest of
    /// injected defects, for benchmarks and load rehearsals.
    Generate {
        /// Contacts to write (accounts N/4, opportunities N/2, roles 0.8 N).
        #[arg(long, default_value_t = 100_000)]
        contacts: u64,
        /// Seed: the same seed gives the same bytes.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Share of rows with a defect (blank e-mails, unknown stages, orphan roles).
        #[arg(long, default_value_t = 0.0)]
        defects: f64,
        /// The folder to write to.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Write a relationship-preserving sample of a scenario's export (rows of
    /// one object with everything they link to) as a scenario of its own.
    Sample {
        /// A scenario.toml file, or a folder holding one.
        scenario: PathBuf,
        /// Rows of the root object to choose.
        #[arg(long, default_value_t = 100)]
        size: usize,
        /// Seed of the choice: the same seed gives the same sample.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The object to choose rows from (default: the left end of the first
        /// junction, else the object with the most lookups).
        #[arg(long)]
        root: Option<String>,
        /// The folder to write to (created; files in it are replaced).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum From {
    Salesforce,
    Hubspot,
    Pipedrive,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum To {
    Hubspot,
    Salesforce,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
    Markdown,
    Junit,
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
enum SuiteFormat {
    Text,
    Markdown,
    Junit,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(message) => {
            let _ = writeln!(std::io::stderr(), "error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Run { scenario, format, db, rejects, common } => {
            let options = RunOptions { db, rejects, progress: progress(&common) };
            let report = rehearsed(&scenario, &options, common.redact)?;
            let color = common.output.is_none() && std::io::stdout().is_terminal();
            let rendered = match format {
                Format::Text => text::render(&report, color),
                Format::Json => json::render(&report),
                Format::Markdown => markdown::render(&report),
                Format::Junit => junit::render(&report),
                Format::Html => html::render(&report),
            };
            emit(common.output.as_deref(), &rendered)?;
            Ok(ExitCode::from(u8::try_from(report.exit_code()).unwrap_or(1)))
        }
        Command::Test { dir, filter, format, common } => {
            let options = RunOptions { progress: progress(&common), ..RunOptions::default() };
            let mut cases =
                rehearse_suite(&dir, filter.as_deref(), &options).map_err(|e| e.to_string())?;
            if cases.is_empty() {
                return Err(format!(
                    "--filter {}: no scenario folder under {} has this in its name",
                    filter.unwrap_or_default(),
                    dir.display()
                ));
            }
            if common.redact {
                for case in &mut cases {
                    if let Ok(report) = &mut case.outcome {
                        redact::redact(report);
                    }
                }
            }
            let rendered = match format {
                SuiteFormat::Text => suite::text(&cases),
                SuiteFormat::Markdown => suite::markdown(&cases),
                SuiteFormat::Junit => junit::render_suite(&cases),
            };
            emit(common.output.as_deref(), &rendered)?;
            Ok(if cases.iter().all(suite::SuiteCase::passed) {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Plan { scenario, common } => {
            let loaded = Scenario::load(&scenario).map_err(|e| e.to_string())?;
            let options = RunOptions { progress: progress(&common), ..RunOptions::default() };
            let mut report = rehearse(&loaded, &options).map_err(|e| e.to_string())?;
            if common.redact {
                redact::redact(&mut report);
            }
            emit(common.output.as_deref(), &plan::render(&loaded, &report))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Init { from, to, force, dir } => {
            let from = match from {
                From::Salesforce => Platform::Salesforce,
                From::Hubspot => Platform::Hubspot,
                From::Pipedrive => Platform::Pipedrive,
                From::Csv => Platform::Csv,
            };
            let to = match to {
                To::Hubspot => Target::Hubspot,
                To::Salesforce => Target::Salesforce,
            };
            let summary = init(&dir, from, to, force).map_err(|e| e.to_string())?;
            let mut text = format!("wrote {}\n", summary.path.display());
            text.push_str(&format!("  objects: {}\n", summary.objects.join(", ")));
            if !summary.junctions.is_empty() {
                text.push_str(&format!("  junctions: {}\n", summary.junctions.join(", ")));
            }
            if !summary.skipped.is_empty() {
                text.push_str(&format!("  not mapped: {}\n", summary.skipped.join(", ")));
            }
            text.push_str(&format!(
                "review every line marked REVIEW, then: shadow-import run {}\n",
                dir.display()
            ));
            print(&text);
            Ok(ExitCode::SUCCESS)
        }
        Command::Generate { contacts, seed, defects, out } => {
            if contacts == 0 {
                return Err("--contacts 0: generate at least one contact".into());
            }
            if out.join("scenario.toml").exists() && !out.join("manifest.json").exists() {
                return Err(format!(
                    "--out {}: holds a scenario that generate did not write; give a new folder",
                    out.display()
                ));
            }
            if !(0.0..=1.0).contains(&defects) {
                return Err(format!("--defects {defects}: a share between 0 and 1, e.g. 0.01"));
            }
            let manifest = generate(&out, contacts, seed, defects).map_err(|e| e.to_string())?;
            let json = serde_json::to_string_pretty(&manifest).unwrap_or_default();
            print(&format!(
                "{json}\nwrote {} (rehearse it: shadow-import run {})\n",
                out.display(),
                out.display()
            ));
            Ok(ExitCode::SUCCESS)
        }
        Command::Sample { scenario, size, seed, root, out } => {
            let loaded = Scenario::load(&scenario).map_err(|e| e.to_string())?;
            let options = SampleOptions { size, seed, root, out: out.clone() };
            let summary = sample(&loaded, &options).map_err(|e| e.to_string())?;
            let mut text = format!(
                "sampled {} {} (seed {seed}) with every row they link to:\n",
                summary.chosen, summary.root
            );
            for (file, rows) in &summary.files {
                text.push_str(&format!("  {file}  {rows} rows\n"));
            }
            text.push_str(&format!("rehearse it: shadow-import run {}\n", out.display()));
            print(&text);
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Loads and rehearses a scenario, masking personal data if asked.
fn rehearsed(path: &Path, options: &RunOptions, redact: bool) -> Result<Report, String> {
    let scenario = Scenario::load(path).map_err(|e| e.to_string())?;
    let mut report = rehearse(&scenario, options).map_err(|e| e.to_string())?;
    if redact {
        redact::redact(&mut report);
    }
    Ok(report)
}

/// Progress bars only for a person watching: stderr is a terminal, not `--quiet`.
fn progress(common: &Rehearsal) -> bool {
    !common.quiet && std::io::stderr().is_terminal()
}

/// Writes to `output`, or prints.
fn emit(output: Option<&Path>, text: &str) -> Result<(), String> {
    match output {
        Some(path) => std::fs::write(path, text)
            .map_err(|e| format!("{}: cannot write report: {e}", path.display())),
        None => {
            print(text);
            Ok(())
        }
    }
}

/// Prints to standard output; a closed pipe (`| head`) is not an error.
fn print(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}
