//! `shadow-import baseline`: take the source's baseline just before
//! migration and write it to `--out` (JSON), to keep apart from the
//! migration files.

use std::path::PathBuf;
use std::process::ExitCode;

use shadow_import::Result;
use shadow_import::tools::baseline::{self, baseline, check_out};

use super::common::{Reading, print};

/// The arguments of `baseline`.
#[derive(clap::Args)]
pub struct Args {
    /// A scenario.toml file, or a folder holding one.
    scenario: PathBuf,
    /// The baseline file to write (JSON; replaced only if it is a baseline).
    #[arg(long, value_name = "FILE.json")]
    out: PathBuf,
    /// Seed of the 100-record sample: the same seed gives the same sample.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Mask names, e-mails and phone numbers in the sample (stable tokens).
    #[arg(long)]
    redact: bool,
    #[command(flatten)]
    reading: Reading,
}

/// Takes the baseline, writes it, and says what it holds.
pub fn run(args: Args) -> Result<ExitCode> {
    let Args { scenario, out, seed, redact, reading } = args;
    let scenario = reading.load(&scenario)?;
    check_out(&scenario, &out)?;
    let taken = baseline(&scenario, seed, redact)?;
    shadow_import::output::write_file(&out, baseline::render(&taken).as_bytes())?;
    let mut text = format!("baseline of {} written to {}:\n", taken.scenario, out.display());
    for file in &taken.files {
        text.push_str(&format!(
            "  {}  {} rows ({} loaded, {} rejected)  sha256 {}\n",
            file.file,
            file.source_rows,
            file.loaded,
            file.rejected,
            &file.sha256[..12.min(file.sha256.len())]
        ));
    }
    if let Some(p) = &taken.pipeline {
        let open: u64 = p.stages.iter().map(|s| s.count).sum();
        text.push_str(&format!(
            "  open pipeline: {open} {} in {} stages\n",
            p.object,
            p.stages.len()
        ));
    }
    text.push_str(&format!(
        "  sample: {} {} and {} records in all\nkeep it apart from the migration files; verify with: shadow-import verify SCENARIO --baseline {} --export DIR\n",
        taken.sample.chosen,
        taken.sample.root,
        taken.sample.records.len(),
        out.display()
    ));
    print(&shadow_import::error::terminal(&text))?;
    Ok(ExitCode::SUCCESS)
}
