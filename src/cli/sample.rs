//! `shadow-import sample`: write a relationship-preserving sample of a
//! scenario's export as a scenario of its own, and say what it holds; on
//! stderr, why it holds fewer rows of the root than asked, when it does.

use std::path::PathBuf;
use std::process::ExitCode;

use shadow_import::Result;
use shadow_import::report::words::quantity;
use shadow_import::tools::sample::{SampleOptions, SampleSummary, sample};

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

const ROWS: (&str, &str) = ("row", "rows");

/// Writes the sample and prints its files.
pub fn run(args: Args) -> Result<ExitCode> {
    let Args { scenario, size, seed, root, out, reading } = args;
    let scenario = reading.load(&scenario)?;
    let options = SampleOptions { size, seed, root, out: out.clone() };
    let summary = sample(&scenario, &options)?;
    if let Some(note) = fewer_than_asked(&summary) {
        eprintln!("{}", shadow_import::error::terminal(&note));
    }
    let mut text = format!(
        "sampled {} {} (seed {seed}) with the rows that hang off them and every row they link to:\n",
        summary.chosen, summary.root
    );
    for file in &summary.files {
        text.push_str(&format!("  {}  {}", file.file, quantity(file.rows, ROWS)));
        if file.rejected > 0 {
            text.push_str(&format!(
                " ({} the full rehearsal rejects, rejected here too)",
                file.rejected
            ));
        }
        text.push('\n');
    }
    text.push_str(&format!("scenario name: {}\n", summary.name));
    text.push_str(&format!("rehearse it: shadow-import run {}\n", out.display()));
    print(&shadow_import::error::terminal(&text))?;
    Ok(ExitCode::SUCCESS)
}

/// `note: 25 campaigns, not the 100 asked: …`: why the sample holds fewer
/// keys of the root than asked, or `None` when it holds them all.
fn fewer_than_asked(summary: &SampleSummary) -> Option<String> {
    if summary.chosen >= summary.asked {
        return None;
    }
    let (root, rows) = (&summary.root, summary.root_rows);
    let mut note = format!(
        "note: {} {root}, not the {} asked: {} has ",
        summary.chosen, summary.asked, summary.root_file
    );
    if rows.keyless == 0 && rows.sharing == 0 {
        match rows.rows {
            0 => note.push_str(&format!("no rows of {root}")),
            n => note.push_str(&format!("only {} of {root}, all in the sample", quantity(n, ROWS))),
        }
        return Some(note);
    }
    note.push_str(&format!("{} of {root}", quantity(rows.rows, ROWS)));
    if rows.keyless > 0 {
        let (have, them) = if rows.keyless == 1 { ("has", "it") } else { ("have", "them") };
        note.push_str(&format!(
            "; {} {have} no key, so no sample can choose {them} (the rehearsal rejects {them})",
            rows.keyless
        ));
    }
    if rows.sharing > 0 {
        let (repeat, come) =
            if rows.sharing == 1 { ("repeats", "comes") } else { ("repeat", "come") };
        note.push_str(&format!(
            "; {} {repeat} the key of an earlier row and {come} with it",
            rows.sharing
        ));
    }
    match rows.keys {
        0 => note.push_str("; the sample holds none"),
        1 => note.push_str("; its one key is in the sample"),
        keys => note.push_str(&format!("; every one of its {keys} keys is in the sample")),
    }
    Some(note)
}
