//! Markdown rendering of a [`Report`]: a summary ready to paste as a pull
//! request comment (verdict, failing and warning triggers with examples,
//! every trigger and the row accounting folded away).

use std::fmt::Write as _;

use super::{Report, words};
use crate::facts::{Status, TriggerResult, Verdict};

/// The report as GitHub-flavoured Markdown.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let verdict = match report.verdict {
        Verdict::Go => "✅ GO",
        Verdict::Rollback => "⛔ ROLLBACK",
    };
    let _ = writeln!(out, "## {verdict} · `{}`\n", report.scenario);
    if let Some(description) = &report.description {
        let _ = writeln!(out, "> {}\n", cell(description));
    }
    if report.warn_error {
        let _ = writeln!(out, "{}.\n", words::WARN_ERROR);
    }
    if let Some(e) = &report.expectation {
        let met = if e.met { "met" } else { "**NOT MET**" };
        let _ = writeln!(out, "Expected {}: {met}.", e.verdict);
        for m in &e.mismatches {
            let _ = writeln!(out, "- {}", cell(&words::mismatch(m)));
        }
        out.push('\n');
    }
    let fired: Vec<_> = report.triggers.iter().filter(|t| t.status != Status::Pass).collect();
    if fired.is_empty() {
        out.push_str("No trigger fired.\n\n");
    }
    for t in fired {
        fired_result(&mut out, t);
    }
    all_results(&mut out, report);
    rows(&mut out, report);
    if let Some(p) = &report.cutover {
        cutover(&mut out, p);
    }
    let trimmed: Vec<String> =
        report.objects.iter().filter_map(|o| words::trimmed_ids(&o.file, &o.trimmed_ids)).collect();
    if !trimmed.is_empty() {
        out.push('\n');
        for line in trimmed {
            let _ = writeln!(out, "- {}", cell(&line));
        }
    }
    if !report.time_zones.is_empty() {
        let _ = writeln!(out, "\n{}:\n", words::TIME_ZONES);
        for z in &report.time_zones {
            let _ = writeln!(out, "- {}", cell(&words::time_zone(z)));
        }
    }
    for (heading, lines) in words::blank_sections(report) {
        let _ = writeln!(out, "\n{}", cell(&heading));
        if !lines.is_empty() {
            out.push('\n');
        }
        for line in lines {
            match line.strip_prefix("  ") {
                Some(example) => {
                    let _ = writeln!(out, "  - `{}`", example.replace('`', "'"));
                }
                None => {
                    let _ = writeln!(out, "- {}", cell(&line));
                }
            }
        }
    }
    evidence(&mut out, report);
    // Control characters (an ESC in a file name) shown escaped.
    crate::error::terminal(&out).into_owned()
}

/// Who made the report, when, and a table of every input's size and sha256.
fn evidence(out: &mut String, report: &Report) {
    let e = &report.evidence;
    let _ = writeln!(out, "\n<sub>{}</sub>\n", cell(&words::made_by(e)));
    out.push_str("| input | bytes | sha256 |\n|---|--:|---|\n");
    for input in &e.inputs {
        let _ = writeln!(
            out,
            "| `{}` | {} | `{}` |",
            cell(&input.file).replace('`', "'"),
            input.bytes,
            input.sha256
        );
    }
}

/// A failing or warning result with its examples.
fn fired_result(out: &mut String, t: &TriggerResult) {
    let status = if t.status == Status::Fail { "FAIL" } else { "WARN" };
    let _ = writeln!(
        out,
        "### {status} `{}` · {}\n\n{} — **{}** ({})\n",
        t.id,
        cell(&t.object),
        cell(&words::measure(t)),
        words::amount(t),
        words::limits(t)
    );
    if let Some(cause) = super::causes::line(t) {
        let _ = writeln!(out, "{}\n", cell(&cause));
    }
    for e in &t.examples {
        let _ = writeln!(out, "- `{}`", words::example_line(e).replace('`', "'"));
    }
    if t.examples_omitted > 0 {
        let _ = writeln!(out, "- {}", words::more(t.examples_omitted));
    }
    out.push('\n');
}

/// Every result in a table, folded away.
fn all_results(out: &mut String, report: &Report) {
    let _ = writeln!(
        out,
        "<details><summary>All {} trigger results</summary>\n",
        report.triggers.len()
    );
    out.push_str("| status | trigger | measured on | value | count | threshold |\n|---|---|---|---:|---:|---|\n");
    for t in &report.triggers {
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} | {} | {} |",
            t.status,
            t.id,
            cell(&t.object),
            words::amount(t),
            words::tally(t),
            words::limits(t)
        );
    }
    out.push_str("\n</details>\n\n");
}

/// The row accounting per file, folded away.
fn rows(out: &mut String, report: &Report) {
    let _ = writeln!(out, "<details><summary>Rows: {}</summary>\n", words::rows_read(&report.rows));
    out.push_str(
        "| object | file | encoding | source | loaded | rejected |\n|---|---|---|---:|---:|---:|\n",
    );
    for o in &report.objects {
        let _ = writeln!(
            out,
            "| {} | `{}` | {} | {} | {} | {} |",
            cell(&o.name),
            o.file,
            cell(&o.encoding),
            o.source_rows,
            o.loaded,
            o.rejected
        );
    }
    out.push_str("\n</details>\n");
}

/// The cut-over's arithmetic, a bullet per step, folded away.
fn cutover(out: &mut String, p: &crate::facts::Projection) {
    let _ = writeln!(
        out,
        "\n<details><summary>Cut-over: ends at +{} of a {} window</summary>\n",
        crate::facts::rounded(p.end_ms),
        p.window.length
    );
    for line in words::cutover_lines(p) {
        let _ = writeln!(out, "- {}", cell(&line));
    }
    out.push_str("\n</details>\n");
}

/// Text safe inside a Markdown table cell.
pub(super) fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\r', '\n'], " ")
}
