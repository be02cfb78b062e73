//! The `shadow-import` command: parses the arguments, hands them to their
//! subcommand in [`cli`], prints the error once if there is one, and turns
//! the outcome into an exit code (0 GO, 1 ROLLBACK, 2 error). The library
//! prints nothing; the subcommands print their output.

mod cli;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use cli::{Cli, Command};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Some(n) = cli.threads {
        shadow_import::load::set_threads(usize::from(n));
    }
    shadow_import::load::set_split(cli.split_bytes, cli.batch_rows.map(usize::from));
    cli::signals::watch();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            // Nowhere left to tell if standard error is gone.
            // Control characters (an ESC in a file name) are shown escaped.
            let message = shadow_import::error::terminal(&err.to_string()).into_owned();
            let _ = writeln!(std::io::stderr(), "error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Runs the subcommand; its exit code, or the error that stopped it.
fn run(cli: Cli) -> shadow_import::Result<ExitCode> {
    match cli.command {
        Command::Run(args) => cli::run::run(args),
        Command::Test(args) => cli::test::run(args),
        Command::Plan(args) => cli::plan::run(args),
        Command::Init(args) => cli::init::run(args),
        Command::Generate(args) => cli::generate::run(args),
        Command::Sample(args) => cli::sample::run(args),
        Command::Baseline(args) => cli::baseline::run(args),
        Command::Verify(args) => cli::verify::run(args),
        Command::Reconcile(args) => cli::reconcile::run(args),
    }
}
