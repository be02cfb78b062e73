//! `shadow-import generate`: write a deterministic Salesforce-shaped export
//! with its scenario and manifest, and print the manifest.

use std::path::PathBuf;
use std::process::ExitCode;

use shadow_import::error::ToolError;
use shadow_import::tools::generate::generate;
use shadow_import::{Error, Result};

use super::common::print;

/// The arguments of `generate`.
#[derive(clap::Args)]
pub struct Args {
    /// Contacts to write (accounts N/4, opportunities N/2, roles 0.8 N).
    #[arg(long, default_value_t = 100_000)]
    contacts: u64,
    /// Seed: the same seed gives the same bytes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Share of rows with a defect (blank e-mails, unknown stages, orphan roles).
    #[arg(long, default_value_t = 0.0)]
    defects: f64,
    /// The folder to write to.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

/// Checks the arguments, writes the export and prints its manifest.
pub fn run(args: Args) -> Result<ExitCode> {
    let Args { contacts, seed, defects, out } = args;
    if contacts == 0 {
        return Err(Error::Tool(ToolError::NoContacts));
    }
    let has_files = std::fs::read_dir(&out).is_ok_and(|mut entries| entries.next().is_some());
    if has_files && !out.join("manifest.json").is_file() {
        return Err(Error::Tool(ToolError::NotGenerated { out }));
    }
    if !(0.0..=1.0).contains(&defects) {
        return Err(Error::Tool(ToolError::DefectShare { defects }));
    }
    let manifest = generate(&out, contacts, seed, defects)?;
    let json = serde_json::to_string_pretty(&manifest).unwrap_or_default();
    print(&format!(
        "{json}\nwrote {} (rehearse it: shadow-import run {})\n",
        shadow_import::error::printable_path(&out),
        shadow_import::error::printable_path(&out)
    ))?;
    Ok(ExitCode::SUCCESS)
}
