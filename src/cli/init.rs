//! `shadow-import init`: write a first scenario from the headers of an
//! export, and say what it mapped.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use shadow_import::Result;
use shadow_import::tools::init::{Platform, Target, init};

use super::common::print;

/// The arguments of `init`.
#[derive(clap::Args)]
pub struct Args {
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
}

/// The platforms an export can come from.
#[derive(Clone, Copy, ValueEnum)]
enum From {
    Salesforce,
    Hubspot,
    Pipedrive,
    Csv,
}

/// The platforms data can go to.
#[derive(Clone, Copy, ValueEnum)]
enum To {
    Hubspot,
    Salesforce,
}

/// Writes the scenario and prints what it holds.
pub fn run(args: Args) -> Result<ExitCode> {
    let Args { from, to, force, dir } = args;
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
    let summary = init(&dir, from, to, force)?;
    let schema = if summary.schema_kept {
        format!("kept {} (yours: init never replaces it)", summary.schema.display())
    } else {
        format!(
            "wrote {} (the destination's rules: add your unique fields and validation rules)",
            summary.schema.display()
        )
    };
    let mut text = format!("wrote {}\n{schema}\n", summary.path.display());
    if summary.objects.is_empty() {
        text.push_str("  objects: none recognised (see why below)\n");
    }
    for object in &summary.objects {
        text.push_str(&format!("  object: {object}\n"));
    }
    if !summary.junctions.is_empty() {
        text.push_str(&format!("  junctions: {}\n", summary.junctions.join(", ")));
    }
    for (file, why) in &summary.skipped {
        text.push_str(&format!("  not mapped: {file}: {why}\n"));
    }
    if let Some((verdict, failing)) = &summary.rehearsal {
        text.push_str(&format!("  rehearsed as written: {verdict}\n"));
        for trigger in failing {
            text.push_str(&format!("    fails: {trigger}\n"));
        }
    }
    text.push_str(&format!(
        "review every line marked REVIEW, then: shadow-import run {}\n",
        dir.display()
    ));
    print(&shadow_import::error::terminal(&text))?;
    Ok(ExitCode::SUCCESS)
}
