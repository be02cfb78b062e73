//! `shadow-import plan`: rehearse a scenario and write its rollback plan,
//! the drill of one trigger (`--drill`), or the root-cause review
//! (`--post-mortem`).

use std::path::PathBuf;
use std::process::ExitCode;

use shadow_import::Result;
use shadow_import::report::plan::{self, post_mortem};
use shadow_import::tools::rollback_plan;

use super::common::Rehearsal;

/// The arguments of `plan`.
#[derive(clap::Args)]
pub struct Args {
    /// A scenario.toml file, or a folder holding one.
    scenario: PathBuf,
    /// The tabletop drill of this trigger (e.g. missing_relationship, or
    /// system_instability) instead of the plan.
    #[arg(long, value_name = "TRIGGER", conflicts_with = "post_mortem")]
    drill: Option<String>,
    /// The 48-hour root-cause review instead of the plan.
    #[arg(long)]
    post_mortem: bool,
    /// markdown (default) or html (printable).
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    format: Format,
    #[command(flatten)]
    common: Rehearsal,
}

/// How the document is written.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Markdown,
    Html,
}

/// Rehearses the scenario and writes the document asked for.
pub fn run(args: Args) -> Result<ExitCode> {
    let Args { scenario, drill, post_mortem, format, common } = args;
    if let Some(id) = &drill {
        rollback_plan::check_drill(id)?;
    }
    let redactor = common.redactor()?;
    let scenario = common.reading.load(&scenario)?;
    let options = common.run_options();
    let mut rehearsed = rollback_plan::rehearse(&scenario, &options)?;
    if let Some(redactor) = &redactor {
        redactor.redact(&mut rehearsed.report);
    }
    let (markdown, title) = match &drill {
        Some(id) => {
            (rollback_plan::drill(&scenario, &rehearsed, id)?, format!("Rollback drill · {id}"))
        }
        None if post_mortem => {
            (post_mortem::render(&scenario, &rehearsed), "Root-cause review".to_string())
        }
        None => (plan::render(&scenario, &rehearsed), "Rollback plan".to_string()),
    };
    let text = match format {
        Format::Markdown => markdown,
        Format::Html => plan::html(&markdown, &format!("{title} · {}", scenario.name)),
    };
    common.emit(&text)?;
    Ok(ExitCode::SUCCESS)
}
