//! The command line: the arguments of every subcommand, one file each, and
//! what they share (rehearsal options, writing the output, drawing the
//! rehearsal's progress). `main.rs` parses and dispatches here.

use clap::{Parser, Subcommand};

pub mod baseline;
pub mod common;
pub mod generate;
pub mod init;
pub mod plan;
pub mod reconcile;
pub mod run;
pub mod sample;
pub mod signals;
pub mod test;
pub mod verify;
pub mod watch;

/// Rehearse a CRM migration in an SQLite shadow destination and get GO or ROLLBACK.
#[derive(Parser)]
#[command(version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Threads to load and check with (default: one per core the machine
    /// offers; also SHADOW_IMPORT_THREADS). The reports are the same for any.
    #[arg(long, global = true, value_name = "N", env = "SHADOW_IMPORT_THREADS",
          value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// Files this size or larger (bytes) have their per-row work spread
    /// over every thread (default 8 MiB). For tests: the reports are the
    /// same for any.
    #[arg(
        long,
        global = true,
        hide = true,
        value_name = "BYTES",
        env = "SHADOW_IMPORT_SPLIT_BYTES"
    )]
    pub split_bytes: Option<u64>,
    /// Rows per batch of that per-row work (default 512). For tests.
    #[arg(long, global = true, hide = true, value_name = "ROWS", env = "SHADOW_IMPORT_BATCH_ROWS",
          value_parser = clap::value_parser!(u16).range(1..))]
    pub batch_rows: Option<u16>,
}

// The subcommands; each variant's doc comment is its line in `--help`.
#[derive(Subcommand)]
pub enum Command {
    /// Rehearse one scenario: exit 0 GO, 1 ROLLBACK (or expectation not met), 2 error.
    Run(run::Args),
    /// Rehearse every scenario folder under DIR and compare with each [expect].
    Test(test::Args),
    /// Rehearse a scenario and write its rollback plan (Markdown): triggers,
    /// data to preserve, rollback steps, communication scripts, reconciliation.
    Plan(plan::Args),
    /// Write a first scenario.toml from the exports in DIR (or DIR/data), their
    /// headers and values, marking every guess for review, and rehearse it once.
    Init(init::Args),
    /// Write a deterministic Salesforce-shaped export (Account, Contact,
    /// Opportunity, OpportunityContactRole) with a scenario and a manifest of
    /// injected defects, for benchmarks and load rehearsals.
    Generate(generate::Args),
    /// Write a relationship-preserving sample of a scenario's export (rows of
    /// one object with everything they link to) as a scenario of its own.
    Sample(sample::Args),
    /// Take the source's baseline just before migration: rows per object,
    /// file hashes, the open pipeline by stage and a 100-record sample (JSON).
    Baseline(baseline::Args),
    /// Compare what arrived in the destination (its export after the load, the
    /// loader's result files) with the baseline: exit 0 GO, 1 ROLLBACK, 2 error.
    Verify(verify::Args),
    /// After a rollback: what changed in the destination during the window
    /// (created, changed, deleted), matched against the source, to re-apply.
    Reconcile(reconcile::Args),
}
