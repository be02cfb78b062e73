//! `shadow-import sample`: write a relationship-preserving sample of a
//! scenario's export as a scenario of its own, and say what it holds.

use std::path::PathBuf;
use std::process::ExitCode;

use shadow_import::Result;
use shadow_import::tools::sample::{SampleOptions, sample};

use super::common::{Reading, print};

/// The arguments of `sample`.
#[derive(clap::Args)]
pub struct Args {
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
    /// The folder to write to: a new or empty one, so nothing is overwritten.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    #[command(flatten)]
    reading: Reading,
}

/// Writes the sample and prints its files.
pub fn run(args: Args) -> Result<ExitCode> {
    let Args { scenario, size, seed, root, out, reading } = args;
    let scenario = reading.load(&scenario)?;
    let options = SampleOptions { size, seed, root, out: out.clone() };
    let summary = sample(&scenario, &options)?;
    let mut text = format!(
        "sampled {} {} (seed {seed}) with every row they link to:\n",
        summary.chosen, summary.root
    );
    for (file, rows) in &summary.files {
        text.push_str(&format!("  {file}  {rows} rows\n"));
    }
    text.push_str(&format!("rehearse it: shadow-import run {}\n", out.display()));
    print(&shadow_import::error::terminal(&text))?;
    Ok(ExitCode::SUCCESS)
}
