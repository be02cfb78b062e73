//! Section 3 of the plan: the rollback in the practice's order, each step
//! with an owner and a time estimate, the object-by-object clean-up placed
//! after the destination's state is documented.

use std::fmt::Write as _;

use super::shown_folder;
use crate::facts::rounded;
use crate::report::Report;
use crate::report::words::grouped;
use crate::scenario::Scenario;

/// The practice's steps: what, and the estimate (steps 2 and 3 run at the
/// same time); `None` where it depends on the export (step 5, followed by
/// the clean-up list).
const STEPS: [(&str, Option<&str>); 7] = [
    ("Stop the migration: cancel every running import job and batch.", Some("5 min")),
    (
        "Revoke destination access for everyone but the rollback team (at the same time as 3).",
        Some("10 min"),
    ),
    (
        "Restore full source access: undo 2.2, re-enable the integrations of 2.4 (at the same time as 2).",
        Some("10 min"),
    ),
    (
        "Tell the sales team (message 4.1), then leadership within the hour (4.2).",
        Some("within 30 min"),
    ),
    (
        "Document the destination state before any clean-up: export every object as it stands \
         (`reconcile` reads it), then clean up as listed below.",
        None,
    ),
    (
        "Reconcile the window if anything was created or changed (section 5).",
        Some("1 h up to the threshold"),
    ),
    (
        "Schedule the root-cause review for 48 hours later (`shadow-import plan --post-mortem`).",
        Some("5 min"),
    ),
];

/// Section 3.
pub(super) fn section(out: &mut String, scenario: &Scenario, report: &Report) {
    let records: u64 = report.objects.iter().map(|o| o.loaded).sum();
    out.push_str(
        "## 3. Execution\n\nIn this order once a rollback is called; started at __:__.\n\n\
         | # | step | owner | estimate | done at |\n|---:|---|---|---|---|\n",
    );
    for (i, (step, estimate)) in STEPS.iter().enumerate() {
        let estimate = estimate.map_or_else(
            || format!("__ min (an export of about {} records)", grouped(records)),
            String::from,
        );
        let _ = writeln!(out, "| {} | {step} | ____________ | {estimate} | __:__ |", i + 1);
    }
    let _ = writeln!(
        out,
        "\nStep 5, the destination's state: export each object to `after/` as `<object>.csv` with \
         the destination id and the source key, then `shadow-import reconcile {} --baseline \
         baseline.json --before before/ --after after/ --changes changes.csv`. Then the clean-up, \
         children before their parents:\n",
        shown_folder(scenario)
    );
    cleanup(out, scenario, report);
}

/// The clean-up after step 5, in reverse load order, each deletion estimated
/// from its load step when the scenario projects the cut-over.
fn cleanup(out: &mut String, scenario: &Scenario, report: &Report) {
    let took = |name: &str| {
        report
            .cutover
            .as_ref()
            .and_then(|p| p.steps.iter().find(|s| s.load.name == name))
            .map_or_else(
                || "__ min".to_string(),
                |s| format!("about {}, as its load", rounded(s.end_ms - s.start_ms)),
            )
    };
    let mut step = 1;
    for junction in &scenario.junctions {
        let _ = writeln!(
            out,
            "5.{step}. Delete the `{}` links the migration created ({}).",
            junction.name,
            took(&junction.name)
        );
        step += 1;
    }
    for object in scenario.load_order().iter().rev() {
        let _ = writeln!(
            out,
            "5.{step}. Delete the `{object}` records the migration created (import batch / \
             migration user ____________; {}).",
            took(object)
        );
        step += 1;
    }
    let _ = writeln!(
        out,
        "5.{step}. Restore records the migration updated from the backup taken before the load.\n\
         5.{}. Check the counts of 2.1.1 in the source and spot-check the sample; then announce the \
         end (4.1, 4.3).\n",
        step + 1
    );
}
