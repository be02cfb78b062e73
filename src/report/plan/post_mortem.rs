//! `plan --post-mortem`: the structure of the root-cause review held 48
//! hours after a rollback, pre-filled from today's rehearsal: the trigger
//! that fired, where the problem originated, whether it was detectable
//! before migration day (and the rehearsal that shows it), and which check
//! would have caught it.

use std::fmt::Write as _;

use super::{Rehearsed, quoted, shown_folder};
use crate::facts::{Status, TriggerResult};
use crate::report::{causes, words};
use crate::scenario::Scenario;

/// The review's headings, in order (checked by a test).
pub const HEADINGS: [&str; 5] = [
    "## 1. The trigger that fired",
    "## 2. Where the problem originated",
    "## 3. Was it detectable before migration day?",
    "## 4. Which check would have caught it",
    "## 5. Prevention and actions",
];

/// The review as Markdown.
pub fn render(scenario: &Scenario, rehearsed: &Rehearsed) -> String {
    let report = &rehearsed.report;
    let failed: Vec<&TriggerResult> = report.failed().collect();
    let mut out = String::new();
    let _ = writeln!(out, "# Root-cause review · {}\n", scenario.name);
    out.push_str(
        "Held 48 hours after the rollback. Blameless: what happened, why, and what the next \
         attempt does differently.\n\n| | |\n|---|---|\n\
         | Rollback called | ____-__-__ at __:__ by ____________ |\n\
         | Review held | ____-__-__ at __:__ |\n| Attendees | ____________ |\n\n",
    );
    let _ = writeln!(out, "{}\n", HEADINGS[0]);
    if failed.is_empty() {
        out.push_str(
            "Today's rehearsal met no trigger. On the day: `____` measured ____ against ____.\n",
        );
    }
    for t in &failed {
        let _ = writeln!(
            out,
            "- `{}` on {}: {}. On the day: ____ (from `verify`).",
            t.id,
            t.object,
            quoted(t)
        );
    }
    origins(&mut out, report, &failed);
    let _ = writeln!(out, "\n{}\n", HEADINGS[2]);
    let folder = shown_folder(scenario);
    if failed.is_empty() {
        let _ = writeln!(
            out,
            "Not by this scenario: `shadow-import run {folder}` gives {} on this export. Add the \
             check that would have caught it (section 4) and rehearse again.",
            report.verdict
        );
    } else {
        let _ = writeln!(
            out,
            "Yes. `shadow-import run {folder}` on this export gives **{}**: {}. Was it run \
             before the date was set? [ ] yes, on ____-__-__ [ ] no.",
            report.verdict,
            failed.iter().map(|t| words::fired(t)).collect::<Vec<_>>().join("; ")
        );
    }
    checks(&mut out, &failed);
    out
}

/// Section 2: each failure's root cause and origin, its first examples, and
/// the warnings beside it.
fn origins(out: &mut String, report: &crate::report::Report, failed: &[&TriggerResult]) {
    let _ = writeln!(out, "\n{}\n", HEADINGS[1]);
    if failed.is_empty() {
        out.push_str("____________\n");
    }
    for t in failed {
        let _ = writeln!(
            out,
            "**`{}`: {}.** It starts in {}. First rows:\n",
            t.id,
            causes::name(t.cause),
            causes::origin(t.cause)
        );
        for e in t.examples.iter().take(3) {
            let _ = writeln!(out, "- `{}`", words::example_line(e).replace('`', "'"));
        }
        out.push('\n');
    }
    let warnings: Vec<_> = report.triggers.iter().filter(|t| t.status == Status::Warn).collect();
    if !warnings.is_empty() {
        out.push_str("Warnings of the same rehearsal that may point at it:\n\n");
        for t in warnings {
            let _ = writeln!(out, "- `{}` on {}: {}", t.id, t.object, words::measured(t));
            for e in t.examples.iter().take(2) {
                let _ = writeln!(out, "  - `{}`", words::example_line(e).replace('`', "'"));
            }
        }
    }
}

/// Sections 4 and 5: the check that would have caught each failure, and
/// the actions.
fn checks(out: &mut String, failed: &[&TriggerResult]) {
    let _ = writeln!(out, "\n{}\n", HEADINGS[3]);
    if failed.is_empty() {
        out.push_str("`____` with threshold ____, added to the scenario's `[triggers]`.\n");
    }
    for t in failed {
        let _ = writeln!(
            out,
            "- `{}` ({}) caught it in the rehearsal; the scenario must give GO before the next date is set.",
            t.id,
            words::limits(t)
        );
    }
    let _ = writeln!(out, "\n{}\n\n| action | owner | due |\n|---|---|---|", HEADINGS[4]);
    for t in failed {
        let _ = writeln!(
            out,
            "| {} (`{}`) | ____________ | ____-__-__ |",
            causes::prevention(t.cause),
            t.id
        );
    }
    out.push_str(
        "| Rehearse again on a fresh export: GO required | ____________ | ____-__-__ |\n\
         | Propose the next migration date to IT and sales leadership for sign-off | ____________ | ____-__-__ |\n",
    );
}
