//! Section 1 of the plan: the triggers with this migration's thresholds
//! and today's values, system instability and validation time, who calls a
//! rollback, and the cut-over timeline with its decision points.

use std::fmt::Write as _;

use crate::facts::{Authority, Projection, Validation, rounded};
use crate::report::markdown::cell;
use crate::report::{Report, words};

/// The practice's decision points after the window opens, in hours, each
/// with what it decides.
const DECISION_POINTS: [(u64, &str); 2] = [
    (4, "after it, a trigger met is weighed: a fix against a rollback"),
    (8, "after it, with reps working in the system, rollback is almost always off the table"),
];

/// The practice's system-instability trigger: a platform issue, not a data
/// issue, so the rehearsal cannot measure it.
const SYSTEM_INSTABILITY_RULE: &str = "**System instability** (technical; watched on the day, not \
     measured by a rehearsal): the destination unavailable or throwing errors for more than \
     30 minutes → roll back. First error seen at __:__; 30 minutes later: __:__.";

/// Section 1: every trigger with this migration's threshold and today's value.
pub(super) fn triggers(out: &mut String, report: &Report) {
    out.push_str("## 1. Rollback triggers\n\n");
    out.push_str(
        "We roll back when any trigger below fails on the migration's own shadow run or on the \
         destination after the load. The thresholds are this migration's; the values are today's \
         rehearsal.\n\n| trigger | measured on | threshold | today | status |\n|---|---|---|---:|---|\n",
    );
    for t in &report.triggers {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} ({}) | {} |",
            t.id,
            cell(&t.object),
            words::limits(t),
            words::amount(t),
            words::tally(t),
            t.status
        );
    }
}

/// Who calls a rollback on which trigger: two named people for each kind.
pub(super) fn authority(out: &mut String, report: &Report) {
    out.push_str(&format!("\n{SYSTEM_INSTABILITY_RULE}\n"));
    let validation = match &report.cutover {
        Some(p) => format!(
            "the load and its validation must end inside the {} window: today's projection ends \
             at +{} (`cutover_window` above)",
            p.window.length,
            rounded(p.end_ms)
        ),
        None => "the load and its validation must end inside the window: __ h of validation, \
                 ending by __:__ (declare `[cutover]` to have it projected)"
            .to_string(),
    };
    let _ = writeln!(out, "\n**Validation time** (technical): {validation}.");
    out.push_str(
        "\n### Who calls it\n\n\
         | triggers | called by | primary | backup |\n|---|---|---|---|\n",
    );
    for (authority, who, extra) in [
        (Authority::Technical, "the IT lead", Some("system instability")),
        (Authority::Data, "the RevOps or Sales Ops lead", None),
    ] {
        let mut ids: Vec<String> = extra.map(String::from).into_iter().collect();
        for t in report.triggers.iter().filter(|t| t.authority == authority) {
            let id = format!("`{}`", t.id);
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        let kind = if authority == Authority::Technical { "technical" } else { "data" };
        let _ =
            writeln!(out, "| {kind}: {} | {who} | ____________ | ____________ |", ids.join(", "));
    }
    out.push_str(
        "\nThe primary calls it; the backup when the primary cannot be reached within __ minutes. \
         Tick one: [ ] the person who calls it may decide alone  [ ] both leads must agree.\n",
    );
}

/// The projected cut-over with clock times, then the decision points.
pub(super) fn timeline(out: &mut String, report: &Report) {
    out.push_str("\n### Cut-over timeline and decision points\n\n");
    let Some(p) = &report.cutover else {
        out.push_str(
            "No `[cutover]` section in the scenario, so no projection: declare the window and the \
             destination API to have the load's timeline here.\n\n\
             | decision point | at | rule |\n|---|---|---|\n\
             | before hour 4 | until __:__ | a trigger met: roll back at once |\n",
        );
        for (hour, rule) in DECISION_POINTS {
            let _ = writeln!(out, "| hour {hour} | __:__ | {rule} |");
        }
        return;
    };
    let _ = writeln!(
        out,
        "Projected from today's rehearsal: {}; {} callers at once; {} of every budget used by other \
         integrations.\n\n| step | calls | starts | ends | paced by |\n|---|---:|---|---|---|",
        p.api.title,
        words::grouped(p.window.concurrency),
        p.window.others
    );
    for step in &p.steps {
        let pace = match step.pace {
            crate::facts::Pace::Rate => "the rate limit",
            crate::facts::Pace::Callers => "the callers",
        };
        let mut pace = pace.to_string();
        if step.waited_ms > 0 {
            let _ = write!(pace, "; waits {} for a daily cap", rounded(step.waited_ms));
        }
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {pace} |",
            step.load.name,
            words::grouped(step.calls),
            at(p, step.start_ms),
            at(p, step.end_ms)
        );
    }
    let how = match p.validation {
        Validation::Declared { .. } => "declared",
        Validation::Measured { .. } => "measured, scaled to the full counts",
    };
    let _ = writeln!(
        out,
        "| validation ({how}, {}) | | {} | {} | |",
        rounded(p.validation.ms()),
        at(p, p.load_end_ms),
        at(p, p.end_ms)
    );
    decision_points(out, p);
}

/// The decision points and the window's end, in time order, with clock times.
fn decision_points(out: &mut String, p: &Projection) {
    let window_ms = p.window.length.as_seconds().saturating_mul(1000);
    let mut points: Vec<(u64, String, String)> = DECISION_POINTS
        .iter()
        .map(|(hour, rule)| (hour * 3_600_000, format!("hour {hour}"), (*rule).to_string()))
        .collect();
    points.push((
        window_ms,
        format!("window end ({})", p.window.length),
        "validation not complete: roll back rather than rush go-live".to_string(),
    ));
    points.sort_by_key(|(ms, ..)| *ms);
    out.push_str(
        "\n| decision point | at | rule |\n|---|---|---|\n\
         | before hour 4 | until hour 4 | a trigger met: roll back at once |\n",
    );
    for (ms, name, rule) in points {
        let _ = writeln!(out, "| {name} | {} | {rule} |", at(p, ms));
    }
    let verdict = if p.end_ms > window_ms {
        format!(
            "**do not fit**: they end {} after the window closes",
            rounded(p.end_ms - window_ms)
        )
    } else {
        format!("fit, with {} to spare", rounded(window_ms - p.end_ms))
    };
    let _ = writeln!(out, "\nThe load and its validation {verdict}.");
}

/// `2027-03-13 18:27 GMT (+27m 47s)`, or `+27m 47s` without a start.
fn at(p: &Projection, ms: u64) -> String {
    match p.window.clock(ms) {
        Some(clock) => format!("{clock} (+{})", rounded(ms)),
        None => format!("+{}", rounded(ms)),
    }
}
