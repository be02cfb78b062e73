//! What a scenario folder runs as a test: a rehearsal, or, when its
//! `[migration_day]` section names them, the verification of a load
//! (`export`, `import_results`) or the reconciliation of a window
//! (`before` and `after`), each against the folder's baseline.

use std::path::{Path, PathBuf};

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
        };
        return super::verify::verify(scenario, &options);
    }
    rehearse(scenario, options)
}

/// Every file an output must not replace: the scenario's inputs, `files`
/// (the baseline), and the files in `dirs` and their folders (the
/// destination exports, the loader's result files).
pub fn inputs(scenario: &Scenario, files: &[&Path], dirs: &[&Path]) -> Vec<PathBuf> {
    let mut inputs = scenario.inputs();
    inputs.extend(files.iter().map(|f| f.to_path_buf()));
    let mut pending: Vec<(PathBuf, u8)> = dirs.iter().map(|d| (d.to_path_buf(), 0)).collect();
    while let Some((dir, depth)) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
            if path.is_dir() && depth == 0 {
                pending.push((path, 1));
            } else if path.is_file() {
                inputs.push(path);
            }
        }
    }
    inputs
}
