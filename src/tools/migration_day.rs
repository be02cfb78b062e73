//! What a scenario folder runs as a test: a rehearsal, or, when its
//! `[migration_day]` section names them, the verification of a load
//! (`export`, `import_results`) or the reconciliation of a window
//! (`before` and `after`), each against the folder's baseline.

use crate::error::{Error, Result, ToolError};
use crate::report::Report;
use crate::run::{RunOptions, rehearse};
use crate::scenario::Scenario;

/// Runs `scenario` as its folder asks: reconcile, verify, or rehearse.
pub fn rehearse_or_verify(scenario: &Scenario, options: &RunOptions) -> Result<Report> {
    let day = &scenario.migration_day;
    let at = |p: &Option<String>| p.as_ref().map(|p| scenario.dir.join(p));
    let baseline = || at(&day.baseline).ok_or(Error::Tool(ToolError::NoBaseline));
    if let (Some(before), Some(after)) = (at(&day.before), at(&day.after)) {
        let options = super::reconcile::ReconcileOptions {
            baseline: baseline()?,
            before,
            after,
            changes: None,
        };
        return super::reconcile::reconcile(scenario, &options);
    }
    if day.export.is_some() || day.import_results.is_some() {
        let options = super::verify::VerifyOptions {
            baseline: baseline()?,
            export: at(&day.export),
            import_results: at(&day.import_results),
            redact_key: options.redact_key.clone(),
        };
        return super::verify::verify(scenario, &options);
    }
    rehearse(scenario, options)
}
