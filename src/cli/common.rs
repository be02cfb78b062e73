//! What the rehearsing subcommands share: their common options, the
//! observer they rehearse with, and writing their output.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::Args;
use shadow_import::observe::Observer;
use shadow_import::report::redact::{self, Redactor};
use shadow_import::run::RunOptions;
use shadow_import::scenario::Reach;
use shadow_import::{Error, Result, Scenario};

use super::watch;

/// Options every rehearsal takes.
#[derive(Args)]
pub struct Rehearsal {
    /// Write the report to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Mask names, e-mails and phone numbers in the report (stable tokens).
    #[arg(long)]
    pub redact: bool,
    /// The secret key of --redact's tokens, in a file: the same key gives
    /// the same tokens in every report. Else SHADOW_IMPORT_REDACT_KEY holds
    /// it; else each run draws a random key of its own.
    #[arg(long, value_name = "FILE", requires = "redact")]
    pub redact_key_file: Option<PathBuf>,
    /// No progress bars.
    #[arg(long, short)]
    pub quiet: bool,
    /// Warnings fail the run: any check at warn level makes the verdict
    /// ROLLBACK (exit 1), for CI that allows no warning.
    #[arg(long)]
    pub warn_error: bool,
    /// Leave the run time out of the report, so the same inputs give the
    /// same bytes (also `SHADOW_IMPORT_DETERMINISTIC=1`; `SOURCE_DATE_EPOCH`
    /// gives the time to stamp instead of the clock's).
    #[arg(long)]
    pub deterministic: bool,
    #[command(flatten)]
    pub reading: Reading,
}

/// How far a scenario may read.
#[derive(Args)]
pub struct Reading {
    /// Let the scenario read data, map and schema files outside its own
    /// folder (absolute paths, `..`, links that lead out). Off by default, so
    /// a scenario from someone else cannot read other files on this machine.
    #[arg(long)]
    pub allow_outside: bool,
}

impl Reading {
    /// The reach this asks for.
    pub fn reach(&self) -> Reach {
        if self.allow_outside { Reach::Anywhere } else { Reach::Folder }
    }

    /// Loads the scenario at `path` with this reach.
    pub fn load(&self, path: &Path) -> Result<Scenario> {
        Scenario::load_with(path, self.reach())
    }
}

impl Rehearsal {
    /// Who watches the rehearsal: progress bars for a person watching
    /// (stderr is a terminal, not `--quiet`, not in CI), timings when
    /// `SHADOW_IMPORT_TIMINGS` is set; nobody otherwise.
    pub fn observer(&self) -> Option<Arc<dyn Observer>> {
        let bars = !self.quiet && std::io::stderr().is_terminal() && !in_ci();
        let timings = std::env::var_os("SHADOW_IMPORT_TIMINGS").is_some();
        watch::observer(bars, timings)
    }

    /// When the run happens, for the report's evidence (UTC, RFC 3339):
    /// `SOURCE_DATE_EPOCH` if set, else the clock; `None` when determinism
    /// is asked for (`--deterministic`, `SHADOW_IMPORT_DETERMINISTIC`).
    pub fn run_at(&self) -> Option<String> {
        let asked = std::env::var_os("SHADOW_IMPORT_DETERMINISTIC")
            .is_some_and(|v| !v.is_empty() && v != "0");
        if self.deterministic || asked {
            return None;
        }
        let epoch = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse().ok());
        let seconds = epoch.unwrap_or_else(|| {
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
            now.map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        });
        let at = chrono::DateTime::from_timestamp(seconds, 0)?;
        Some(at.format("%Y-%m-%dT%H:%M:%SZ").to_string())
    }

    /// The options of one rehearsal these ask for, beside the outputs.
    pub fn run_options(&self) -> RunOptions {
        RunOptions {
            report: self.output.clone(),
            observer: self.observer(),
            run_at: self.run_at(),
            warn_error: self.warn_error,
            ..RunOptions::default()
        }
    }

    /// The key given for tokens: `--redact-key-file`, else
    /// `SHADOW_IMPORT_REDACT_KEY`; `None` when neither is.
    pub fn redact_key(&self) -> Result<Option<Redactor>> {
        redact_key(self.redact_key_file.as_deref())
    }

    /// What masks the report with `--redact`: the key given, or a random
    /// one for this run. `None` without `--redact`.
    pub fn redactor(&self) -> Result<Option<Redactor>> {
        if !self.redact {
            return Ok(None);
        }
        Ok(Some(self.redact_key()?.unwrap_or_else(Redactor::random)))
    }

    /// Writes `text` to `--output` and says so on stderr (unless
    /// `--quiet`), or prints it.
    pub fn emit(&self, text: &str) -> Result<()> {
        emit(self.output.as_deref(), text)?;
        if let Some(path) = &self.output
            && !self.quiet
        {
            eprintln!("wrote {}", shadow_import::error::printable_path(path));
        }
        Ok(())
    }
}

/// The key in `file`, else in the environment variable
/// [`redact::KEY_VARIABLE`]; `None` when neither is given.
pub fn redact_key(file: Option<&Path>) -> Result<Option<Redactor>> {
    if let Some(file) = file {
        return Redactor::from_file(file).map(Some);
    }
    std::env::var_os(redact::KEY_VARIABLE).map(|value| Redactor::from_variable(&value)).transpose()
}

/// Whether this runs in CI (`CI` set, and not to `false` or `0`): a CI log
/// that looks like a terminal gets no bars redrawn in it.
fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// Writes to `output`, or prints.
pub fn emit(output: Option<&Path>, text: &str) -> Result<()> {
    match output {
        Some(path) => shadow_import::output::write_file(path, text.as_bytes()),
        None => print(text),
    }
}

/// Prints to standard output, flushed, so a failed write (`>/dev/full`) is
/// an error here, not lost at exit; a closed pipe (`| head`) is not an error.
pub fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::Write { path: PathBuf::from("standard output"), source: e })
        }
        _ => Ok(()),
    }
}
