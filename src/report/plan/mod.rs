//! `shadow-import plan`: the rollback plan document, written from the
//! scenario and today's rehearsal, in the sections the rollback-planning
//! practice asks a team to sign off before it sets a migration date:
//! 1 triggers and who calls them ([`triggers`]), 2 preservation
//! ([`preserve`]), 3 execution ([`execution`]), 4 communication
//! ([`communication`]), 5 reconciliation ([`reconciliation`]), then the
//! sign-off. Beside it, the tabletop drill of one trigger ([`drill`]) and
//! the 48-hour root-cause review ([`post_mortem`]). Blanks (`____`) stand
//! only where a person must decide; everything the tool knows is filled in.

use std::fmt::Write as _;
use std::path::Path;

use super::markdown::cell;
use super::{Report, causes, words};
use crate::facts::{PipelineBaseline, TriggerResult};
use crate::scenario::Scenario;

mod communication;
pub mod drill;
mod execution;
pub mod post_mortem;
mod preserve;
mod reconciliation;
mod triggers;

/// Every section heading the plan holds, in order (checked by a test).
pub const HEADINGS: [&str; 18] = [
    "## 1. Rollback triggers",
    "### Who calls it",
    "### Cut-over timeline and decision points",
    "## 2. Preservation",
    "### 2.1 Snapshot checklist",
    "### 2.2 Source read-only",
    "### 2.3 Source preserved means",
    "### 2.4 Integrations to re-enable",
    "## 3. Execution",
    "## 4. Communication",
    "### 4.1 To the sales team, within 30 minutes",
    "### 4.2 To leadership, within 1 hour",
    "### 4.3 To customer-facing staff",
    "### 4.4 Channels",
    "### 4.5 What not to say",
    "## 5. Reconciliation of the window",
    "## Sign-off",
    "The migration date is not set until both have signed.",
];

/// What a plan is written from: today's rehearsal and what the tool read
/// from its shadow beside it.
#[derive(Debug, Clone)]
pub struct Rehearsed {
    /// Today's rehearsal.
    pub report: Report,
    /// The open pipeline by stage, when the scenario has (or implies) a
    /// `[pipeline]`.
    pub pipeline: Option<PipelineBaseline>,
    /// The object the 100-record sample is drawn from.
    pub sample_root: String,
}

/// The plan as Markdown.
pub fn render(scenario: &Scenario, rehearsed: &Rehearsed) -> String {
    let report = &rehearsed.report;
    let mut out = String::new();
    let _ = writeln!(out, "# Rollback plan · {}\n", scenario.name);
    if let Some(d) = &scenario.description {
        let _ = writeln!(out, "{d}\n");
    }
    out.push_str(
        "| | |\n|---|---|\n\
         | Migration window | ____-__-__ from __:__ to __:__ (time zone ____) |\n\
         | Migration lead | ____________ |\n\
         | Go / no-go decision by | ____________ at __:__ |\n\
         | This document is stored at | ____________ (everyone named in it knows where) |\n",
    );
    let _ = writeln!(
        out,
        "| Today's rehearsal | **{}** (`shadow-import run {}`) |\n",
        report.verdict,
        shown_folder(scenario)
    );
    triggers::triggers(&mut out, report);
    triggers::authority(&mut out, report);
    triggers::timeline(&mut out, report);
    preserve::section(&mut out, scenario, rehearsed);
    execution::section(&mut out, scenario, report);
    communication::section(&mut out, scenario, report);
    reconciliation::section(&mut out, scenario);
    out.push_str(
        "## Sign-off\n\n| | name | signature | date |\n|---|---|---|---|\n\
         | IT leadership | ____________ | ____________ | ____-__-__ |\n\
         | Sales leadership | ____________ | ____________ | ____-__-__ |\n\n\
         The migration date is not set until both have signed.\n",
    );
    out
}

/// A Markdown document as one printable HTML page in the reports' style.
pub fn html(markdown: &str, title: &str) -> String {
    use maud::{PreEscaped, html};
    use pulldown_cmark::{Options, Parser, html::push_html};
    let mut body = String::new();
    push_html(&mut body, Parser::new_ext(markdown, Options::ENABLE_TABLES));
    // pulldown-cmark escapes the document's text itself.
    let body = html! { main.document { (PreEscaped(body)) } };
    super::html::page(title, PRINT, body)
}

/// The document styles on top of the report's: ruled tables, quotes as
/// message drafts, and a page that prints without the background.
const PRINT: &str = r"
main.document { background: #fff; }
main.document table { margin: 8px 0 16px; } main.document td, main.document th { border: 1px solid #d0d7de; }
blockquote { border-left: 4px solid #d0d7de; margin: 8px 0; padding: 4px 14px; color: #1f2328; background: #f6f8fa; }
@media print { body { background: #fff; font-size: 11pt; } main { max-width: none; padding: 0; } h2 { break-after: avoid; } table, blockquote { break-inside: avoid; } }
";

/// The scenario folder as a command line names it: `.` for the current one.
fn shown_folder(scenario: &Scenario) -> std::path::Display<'_> {
    if scenario.dir.as_os_str().is_empty() {
        Path::new(".").display()
    } else {
        scenario.dir.display()
    }
}

/// `23.00%: 1104 of 4800 deals have no contacts through deals.contact
/// (threshold fail > 2%)`: a result as the messages quote it.
fn quoted(t: &TriggerResult) -> String {
    format!("{}: {} (threshold {})", words::amount(t), words::measure(t), words::limits(t))
}

/// `junction object missed: map every junction …`.
fn cause_and_prevention(t: &TriggerResult) -> String {
    format!("{} — {}", causes::name(t.cause), causes::prevention(t.cause))
}

/// The result of `id` the plan speaks of: its worst, failures first, then
/// warnings, then the largest share.
fn worst<'r>(report: &'r Report, id: &str) -> Option<&'r TriggerResult> {
    let share = |t: &TriggerResult| t.share().map_or(0.0, |(c, n)| c as f64 / n.max(1) as f64);
    report
        .triggers
        .iter()
        .filter(|t| t.id == id)
        .max_by(|a, b| a.status.cmp(&b.status).then(share(a).total_cmp(&share(b))))
}
