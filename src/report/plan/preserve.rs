//! Section 2 of the plan: the snapshot checklist (counts, open pipeline with
//! values and close dates, the 100-record sample, the reports), each with
//! when and where it is kept; the source's read-only configuration; what
//! "source preserved" means; the integrations to re-enable.

use std::fmt::Write as _;

use super::{Rehearsed, cell, shown_folder};
use crate::facts::PipelineBaseline;
use crate::report::words::grouped;
use crate::scenario::Scenario;

/// Section 2.
pub(super) fn section(out: &mut String, scenario: &Scenario, rehearsed: &Rehearsed) {
    out.push_str("\n## 2. Preservation\n\n");
    checklist(out, scenario, rehearsed);
    counts(out, rehearsed);
    pipeline(out, rehearsed.pipeline.as_ref());
    read_only(out);
    integrations(out, scenario);
}

/// The snapshot checklist: each item, today's figure, when and where it is kept.
fn checklist(out: &mut String, scenario: &Scenario, rehearsed: &Rehearsed) {
    let report = &rehearsed.report;
    let folder = shown_folder(scenario);
    let counts: Vec<String> =
        report.objects.iter().map(|o| format!("{} {}", grouped(o.source_rows), o.name)).collect();
    let pipeline = rehearsed.pipeline.as_ref().map_or_else(
        || "no pipeline object in the mapping (declare `[pipeline]`)".to_string(),
        |p| {
            let open: u64 = p.stages.iter().map(|s| s.count).sum();
            format!("{} open {} in {} stages (2.1.2)", grouped(open), p.object, p.stages.len())
        },
    );
    out.push_str(
        "### 2.1 Snapshot checklist\n\nTaken just before the load, and kept apart from the \
         migration files (not in the scenario folder, not on the migration laptop).\n\n\
         | item | today's rehearsal | taken at | stored at |\n|---|---|---|---|\n",
    );
    let _ = writeln!(
        out,
        "| Counts per object | {} (2.1.1) | __:__ | ____________ |",
        counts.join(", ")
    );
    let _ = writeln!(
        out,
        "| Open pipeline: stage, value and close date | {pipeline} | __:__ | ____________ |"
    );
    let _ = writeln!(
        out,
        "| The 100-record sample | 100 `{}` records with everything they link to, mapped values \
         kept | __:__ | ____________ |",
        rehearsed.sample_root
    );
    out.push_str(
        "| Reports that stand for the current state | ____________ (pipeline, forecast, the \
         dashboards sales uses), exported as PDF | __:__ | ____________ |\n",
    );
    let _ = writeln!(
        out,
        "| Full export of the source (every file, mapped or not) | {} mapped files; their sha256 in the baseline | __:__ | ____________ |",
        report.objects.len()
    );
    let _ = writeln!(
        out,
        "| Backup of the destination before the load | {} | __:__ | ____________ |",
        scenario.objects.iter().map(|o| o.name.as_str()).collect::<Vec<_>>().join(", ")
    );
    let _ = writeln!(
        out,
        "\nThe counts, the open pipeline, the sample and every file's sha256 are one command, \
         `shadow-import baseline {folder} --out ____________/baseline.json`; the sample's files for \
         a spot check are `shadow-import sample {folder} --size 100 --seed 1 --out preserve/sample-100`. \
         After the load, `shadow-import verify {folder} --baseline baseline.json --export DIR \
         --import-results DIR` compares the destination with them.\n"
    );
}

/// 2.1.1: rows per export file.
fn counts(out: &mut String, rehearsed: &Rehearsed) {
    out.push_str(
        "#### 2.1.1 Counts per object\n\n| object | file | rows | loaded in the rehearsal |\n\
         |---|---|---:|---:|\n",
    );
    for o in &rehearsed.report.objects {
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} |",
            o.name,
            o.file,
            grouped(o.source_rows),
            grouped(o.loaded)
        );
    }
}

/// 2.1.2: the open pipeline by stage with exact sums and close dates.
fn pipeline(out: &mut String, pipeline: Option<&PipelineBaseline>) {
    let Some(p) = pipeline else { return };
    let amount = p
        .amount
        .as_deref()
        .map_or_else(|| "(no amount field)".to_string(), |a| format!("sum of `{a}`"));
    let close = p
        .close_date
        .as_deref()
        .map_or_else(|| "(no close date)".to_string(), |c| format!("`{c}` from – to"));
    let _ = writeln!(
        out,
        "\n#### 2.1.2 Open pipeline\n\n`{}` by `{}`, open meaning not closed ({}):\n\n\
         | stage | open | {amount} | {close} |\n|---|---:|---:|---|",
        p.object, p.stage, p.closed
    );
    for s in &p.stages {
        let dates = match (&s.earliest_close, &s.latest_close) {
            (Some(a), Some(b)) => format!("{a} – {b}"),
            _ => "—".to_string(),
        };
        let stage = s.stage.as_deref().map_or_else(|| "(no stage)".to_string(), cell);
        let _ = writeln!(out, "| {stage} | {} | {} | {dates} |", grouped(s.count), s.amount);
    }
}

/// 2.2 and 2.3: the source read-only, and what "preserved" means.
fn read_only(out: &mut String) {
    out.push_str(
        "\n### 2.2 Source read-only\n\nFrom the snapshot on, the source is read-only for everyone \
         but the rollback (Salesforce: a permission set without Create, Edit and Delete; HubSpot: \
         View-only seats; Pipedrive: a permission set without add and edit).\n\n\
         | permission | set to | set by | at |\n|---|---|---|---|\n\
         | view records | yes, every user | ____________ | __:__ |\n\
         | create records | no | ____________ | __:__ |\n\
         | edit records | no | ____________ | __:__ |\n\
         | delete records | no | ____________ | __:__ |\n\
         | imports, workflows and integrations that write to it | paused (2.4) | ____________ | __:__ |\n\n\
         Nothing changed since the snapshot: at the go/no-go, a fresh `baseline` of a new export \
         shows the same counts and open pipeline as `baseline.json`.\n\n\
         ### 2.3 Source preserved means\n\n\
         - [ ] the licence is active until ____-__-__, past the 72-hour post-migration audit;\n\
         - [ ] the credentials work: admin ____________ and backup admin ____________ logged in on ____-__-__;\n\
         - [ ] no deletes and no edits since the snapshot of __:__ (checked as in 2.2);\n\
         - [ ] the source is kept, read-only, until the 72-hour post-migration audit is complete on ____-__-__.\n",
    );
}

/// 2.4: what points at the source and must be re-enabled on rollback: the
/// scenario's `[[integration]]` entries, or blank rows to fill in.
fn integrations(out: &mut String, scenario: &Scenario) {
    out.push_str(
        "\n### 2.4 Integrations to re-enable\n\nWhat points at the source and must be re-enabled on \
         rollback:\n\n| integration | points at | owner | re-enabled at |\n|---|---|---|---|\n",
    );
    let blank = |v: &Option<String>| v.as_deref().map_or_else(|| "____________".to_string(), cell);
    for i in &scenario.integrations {
        let _ = writeln!(
            out,
            "| {} | {} | {} | __:__ |",
            cell(&i.name),
            blank(&i.points_at),
            blank(&i.owner)
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
