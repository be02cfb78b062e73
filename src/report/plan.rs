//! `shadow-import plan`: the rollback plan document, written from the
//! scenario and today's rehearsal. It holds what the rollback-planning
//! practice asks for: the triggers with this migration's thresholds and
//! today's values, the data to preserve before migration day, the rollback
//! steps in dependency order, the communication scripts (with blanks for
//! times and names), and the reconciliation of records created or changed
//! in the destination during the window.

use std::fmt::Write as _;
use std::path::Path;

use super::{Report, words};
use crate::facts::{Authority, Projection, Validation, rounded};
use crate::scenario::Scenario;

/// The practice's decision points after the window opens, in hours, each
/// with what it decides.
const DECISION_POINTS: [(u64, &str); 2] = [
    (4, "after it, a trigger met is weighed: a fix against a rollback"),
    (8, "after it, with reps working in the system, rollback is almost always off the table"),
];

/// The practice's system-instability trigger: a platform issue, not a data
/// issue, so the rehearsal cannot measure it.
const SYSTEM_INSTABILITY: &str = "**System instability** (technical; watched on the day, not \
     measured by a rehearsal): the destination unavailable or throwing errors for more than \
     30 minutes → roll back. First error seen at __:__; 30 minutes later: __:__.";

/// The plan as Markdown.
pub fn render(scenario: &Scenario, report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Rollback plan · {}\n", scenario.name);
    if let Some(d) = &scenario.description {
        let _ = writeln!(out, "{d}\n");
    }
    out.push_str(
        "| | |\n|---|---|\n\
         | Migration window | ____-__-__ from __:__ to __:__ (time zone ____) |\n\
         | Migration lead | ____________ |\n\
         | Go / no-go decision by | ____________ at __:__ |\n",
    );
    let _ = writeln!(
        out,
        "| Today's rehearsal | **{}** (`shadow-import run {}`) |\n",
        report.verdict,
        shown_folder(scenario)
    );
    triggers(&mut out, report);
    authority(&mut out, report);
    timeline(&mut out, report);
    preserve(&mut out, scenario, report);
    integrations(&mut out, scenario);
    steps(&mut out, scenario);
    scripts(&mut out, scenario);
    reconciliation(&mut out, scenario);
    out
}

/// Section 1: every trigger with this migration's threshold and today's value.
fn triggers(out: &mut String, report: &Report) {
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
            t.object.replace('|', "\\|"),
            words::limits(t),
            words::amount(t),
            words::tally(t),
            t.status
        );
    }
}

/// Who calls a rollback on which trigger: two named people for each kind.
fn authority(out: &mut String, report: &Report) {
    out.push_str(&format!("\n{SYSTEM_INSTABILITY}\n"));
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
fn timeline(out: &mut String, report: &Report) {
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

/// Section 2: the counts, stages and sample to keep before migration day.
fn preserve(out: &mut String, scenario: &Scenario, report: &Report) {
    let folder = shown_folder(scenario);
    out.push_str("\n## 2. Data to preserve before migration day\n\n");
    out.push_str("Row counts of the export, to compare after a rollback:\n\n| object | file | rows | loaded in the rehearsal |\n|---|---|---:|---:|\n");
    for o in &report.objects {
        let _ = writeln!(out, "| {} | `{}` | {} | {} |", o.name, o.file, o.source_rows, o.loaded);
    }
    let stages: Vec<_> =
        report.value_maps.iter().filter(|m| m.field.to_lowercase().contains("stage")).collect();
    for map in stages {
        let _ = writeln!(
            out,
            "\nPipeline by stage (`{}`), to check nothing moved:\n\n| stage | rows |\n|---|---:|",
            map.field
        );
        for v in &map.values {
            let _ = writeln!(out, "| {} | {} |", v.value.replace('|', "\\|"), v.rows);
        }
    }
    let _ = writeln!(
        out,
        "\n- Just before the load, the baseline (these counts, every export file's sha256, the open \
         pipeline by stage with exact sums and close dates, and the 100-record sample with its mapped \
         values), stored apart from the migration files at ____________:\n  \
         `shadow-import baseline {folder} --out ____________/baseline.json`\n\
         - After the load, verify what arrived from the destination's own export (rows, pipeline, \
         the sample field by field, deals without contacts, owners changed by automation) and the \
         loader's result files:\n  \
         `shadow-import verify {folder} --baseline baseline.json --export DIR --import-results DIR`\n\
         - A 100-record sample with everything it links to, for the spot check after the load:\n  \
         `shadow-import sample {folder} --size 100 --seed 1 --out preserve/sample-100`\n\
         - A full export of the source, frozen at __:__ and stored at ____________.\n\
         - A backup of the destination's objects ({}) taken at __:__, before the load.\n",
        scenario.objects.iter().map(|o| o.name.as_str()).collect::<Vec<_>>().join(", ")
    );
}

/// What points at the source and must be re-enabled on rollback: the
/// scenario's `[[integration]]` entries, or blank rows to fill in.
fn integrations(out: &mut String, scenario: &Scenario) {
    out.push_str(
        "Integrations that point at the source and must be re-enabled on rollback:\n\n\
         | integration | points at | owner | re-enabled at |\n|---|---|---|---|\n",
    );
    let cell = |v: &Option<String>| {
        v.as_deref().map_or_else(|| "____________".to_string(), |v| v.replace('|', "\\|"))
    };
    for i in &scenario.integrations {
        let _ = writeln!(
            out,
            "| {} | {} | {} | __:__ |",
            i.name.replace('|', "\\|"),
            cell(&i.points_at),
            cell(&i.owner)
        );
    }
    if scenario.integrations.is_empty() {
        out.push_str(
            "| ____________ | ____________ | ____________ | __:__ |\n\
             | ____________ | ____________ | ____________ | __:__ |\n\n\
             (None declared: list them in the scenario as `[[integration]]` with `name`, \
             `points_at` and `owner`.)\n",
        );
    }
    out.push('\n');
}

/// Section 3: the rollback steps, children deleted before their parents.
fn steps(out: &mut String, scenario: &Scenario) {
    let order = scenario.load_order();
    out.push_str("## 3. Rollback steps\n\n");
    let _ = writeln!(
        out,
        "1. Announce the rollback to the team (script 4.1) and to customer-facing staff (script 4.2)."
    );
    let _ = writeln!(
        out,
        "2. Stop everything that writes to the destination: integrations, workflows, imports ____________."
    );
    let _ = writeln!(
        out,
        "3. Note the time the window closed: __:__. Export every record created or changed in the destination since the load began (section 5 needs them)."
    );
    let mut step = 4;
    for junction in &scenario.junctions {
        let _ =
            writeln!(out, "{step}. Delete the `{}` links the migration created.", junction.name);
        step += 1;
    }
    for object in order.iter().rev() {
        let _ = writeln!(
            out,
            "{step}. Delete the `{object}` records the migration created (import batch / migration user ____________)."
        );
        step += 1;
    }
    let _ = writeln!(
        out,
        "{step}. Restore records the migration updated from the backup taken before the load."
    );
    let _ = writeln!(
        out,
        "{}. Make the source the system of record again and re-enable its integrations.",
        step + 1
    );
    let _ = writeln!(
        out,
        "{}. Check the row counts of section 2 and spot-check the sample; then announce the end (scripts 4.1, 4.2).\n",
        step + 2
    );
}

/// Section 4: what to tell the team and customer-facing staff.
fn scripts(out: &mut String, scenario: &Scenario) {
    out.push_str("## 4. Communication scripts\n\n### 4.1 To the team\n\n");
    let _ = writeln!(
        out,
        "> **Subject: CRM migration — rollback started at __:__**\n>\n\
         > The migration of {} was rolled back at __:__ because ____________ (trigger `____`, measured ____%).\n\
         > Until __:__, please do not create or edit records in the new CRM; keep working in the old one.\n\
         > Records you created in the new CRM since __:__ will be carried over by ____________ (section 5).\n\
         > Next update at __:__. Questions: ____________ (migration lead).\n",
        scenario.name
    );
    out.push_str("### 4.2 To customer-facing staff\n\n");
    out.push_str(
        "> **Subject: CRM switch postponed — keep using the current system**\n>\n\
         > The switch to the new CRM planned for ____-__-__ is postponed. Keep using the current CRM for \
         all customer records and activities. Nothing you entered is lost: anything entered in the new \
         CRM since __:__ is being copied back by ____________.\n\
         > If a customer asks: \"We are updating our systems; your account and requests are unaffected.\"\n\
         > Next update at __:__ from ____________.\n\n",
    );
}

/// Section 5: how records created or changed during the window are carried back.
fn reconciliation(out: &mut String, scenario: &Scenario) {
    out.push_str("## 5. Reconciliation of the window\n\nRecords created or changed in the destination between __:__ (load started) and __:__ (rollback):\n\n");
    let _ = writeln!(
        out,
        "1. Export the destination per object at the load's end and again at the rollback, and let \
         `reconcile` list what was created, changed or deleted in between, matched against the source \
         (new contacts by e-mail, then name and company; stage changes beside the source's stage):\n   \
         `shadow-import reconcile {} --baseline baseline.json --before DIR --after DIR --changes changes.csv`\n   \
         More than {} modified records makes reconciliation a project, not a task: plan it with an owner.",
        shown_folder(scenario),
        scenario.migration_day.reconcile_limit
    );
    out.push_str("2. Match each to the source by its key:\n\n| object | source key column | file |\n|---|---|---|\n");
    for object in &scenario.objects {
        let _ =
            writeln!(out, "| {} | `{}` | `{}` |", object.name, object.key.name, object.source.file);
    }
    out.push_str(
        "\n3. Created in the destination only: enter them in the source (owner ____________), \
         parents before children.\n\
         4. Changed in both: the later change wins unless its owner decides otherwise; log each decision.\n\
         5. Re-run `shadow-import run` on a fresh export before the next attempt; it must give GO.\n",
    );
}

/// The scenario folder as a command line names it: `.` for the current one.
fn shown_folder(scenario: &Scenario) -> std::path::Display<'_> {
    if scenario.dir.as_os_str().is_empty() {
        Path::new(".").display()
    } else {
        scenario.dir.display()
    }
}
