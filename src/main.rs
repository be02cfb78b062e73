//! The `shadow-import` command: parses arguments, calls the library, prints,
//! and turns the outcome into an exit code (0 GO, 1 ROLLBACK, 2 error).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use shadow_import::Scenario;
use shadow_import::init::{Platform, Target, init};
use shadow_import::report::{json, suite, text};
use shadow_import::run::{RunOptions, rehearse_path, rehearse_suite};
use shadow_import::sample::{SampleOptions, sample};

/// Rehearse a CRM migration in an SQLite shadow destination and get GO or ROLLBACK.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
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
        /// Write the report to this file instead of standard output.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Keep the shadow database at this path.
        #[arg(long, value_name = "FILE")]
        db: Option<PathBuf>,
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
    /// Rehearse every scenario folder under DIR and compare with each [expect].
    Test {
        /// Folder of scenario folders.
        #[arg(default_value = "scenarios")]
        dir: PathBuf,
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
        Command::Run { scenario, format, output, db } => {
            let report = rehearse_path(&scenario, &RunOptions { db }).map_err(|e| e.to_string())?;
            let color = output.is_none() && std::io::stdout().is_terminal();
            let rendered = match format {
                Format::Text => text::render(&report, color),
                Format::Json => json::render(&report),
            };
            match output {
                Some(path) => std::fs::write(&path, rendered)
                    .map_err(|e| format!("{}: cannot write report: {e}", path.display()))?,
                None => print(&rendered),
            }
            Ok(ExitCode::from(u8::try_from(report.exit_code()).unwrap_or(1)))
        }
        Command::Sample { scenario, size, seed, root, out } => {
            let loaded = Scenario::load(&scenario).map_err(|e| e.to_string())?;
            let options = SampleOptions { size, seed, root, out: out.clone() };
            let summary = sample(&loaded, &options).map_err(|e| e.to_string())?;
            let mut text = format!(
                "sampled {size} {} (seed {seed}) with every row they link to:\n",
                summary.root
            );
            for (file, rows) in &summary.files {
                text.push_str(&format!("  {file}  {rows} rows\n"));
            }
            text.push_str(&format!("rehearse it: shadow-import run {}\n", out.display()));
            print(&text);
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
            text.push_str("review every line marked REVIEW, then: shadow-import run ");
            text.push_str(&format!("{}\n", dir.display()));
            print(&text);
            Ok(ExitCode::SUCCESS)
        }
        Command::Test { dir } => {
            let cases = rehearse_suite(&dir).map_err(|e| e.to_string())?;
            let width = cases.iter().map(|c| c.name.chars().count()).max().unwrap_or(0);
            let mut out = String::new();
            for case in &cases {
                out.push_str(&case.line(width));
                out.push('\n');
            }
            out.push_str(&suite::closing_line(&cases));
            out.push('\n');
            print(&out);
            Ok(if cases.iter().all(suite::SuiteCase::passed) {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}

/// Prints to standard output; a closed pipe (`| head`) is not an error.
fn print(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}
