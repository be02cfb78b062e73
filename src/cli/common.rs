//! What the rehearsing subcommands share: their common options, the
//! observer they rehearse with, and writing their output.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::Args;
use shadow_import::observe::Observer;
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
    /// No progress bars.
    #[arg(long, short)]
    pub quiet: bool,
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
