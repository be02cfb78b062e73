//! `shadow-import baseline`: take the source's baseline just before
//! migration and write it to `--out` (JSON), to keep apart from the
//! migration files.

use std::path::PathBuf;
use std::process::ExitCode;

use shadow_import::error::ToolError;
use shadow_import::tools::baseline::{self, baseline, check_out};
use shadow_import::{Error, Result};

use super::common::{Reading, print, redact_key};

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
    /// Mask names, e-mails and phone numbers in the sample (stable tokens,
    /// under a key verify must be given too).
    #[arg(long)]
    redact: bool,
    /// The secret key of --redact's tokens, in a file (else
    /// SHADOW_IMPORT_REDACT_KEY holds it; one of them is needed).
    #[arg(long, value_name = "FILE", requires = "redact")]
    redact_key_file: Option<PathBuf>,
    #[command(flatten)]
    reading: Reading,
}

/// Takes the baseline, writes it, and says what it holds.
pub fn run(args: Args) -> Result<ExitCode> {
    let Args { scenario, out, seed, redact, redact_key_file, reading } = args;
    // Never a random key: verify must mask the destination's values the same way.
    let redactor = if redact {
        let key = redact_key(redact_key_file.as_deref())?;
        Some(key.ok_or(Error::Tool(ToolError::RedactNeedsKey))?)
    } else {
        None
    };
    let scenario = reading.load(&scenario)?;
    check_out(&scenario, &out)?;
    let taken = baseline(&scenario, seed, redactor.as_ref())?;
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
