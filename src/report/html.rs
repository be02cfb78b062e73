//! A single self-contained HTML page (no scripts, no network): the verdict,
//! a bar per trigger against its threshold, row accounting per file, the
//! examples, the cut-over timeline (an inline SVG drawn by `timeline`) and the
//! value maps. For go/no-go meetings.

use std::fmt::Write as _;

use super::markup::escape;
use super::{Report, timeline, words};
use crate::facts::{Status, TriggerResult, Verdict};

pub(super) const STYLE: &str = r#"
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; margin: 0; background: #f6f8fa; }
main { max-width: 1080px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 10px; }
.description { color: #57606a; margin: 0 0 16px; }
.verdict { border-radius: 10px; padding: 18px 22px; color: #fff; display: flex; justify-content: space-between; align-items: center; }
.verdict.go { background: #1a7f37; } .verdict.rollback { background: #cf222e; }
.verdict strong { font-size: 28px; letter-spacing: .04em; }
.verdict span { opacity: .95; }
.card { background: #fff; border: 1px solid #d0d7de; border-radius: 10px; padding: 14px 18px; margin-bottom: 12px; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #eaeef2; vertical-align: middle; }
th { color: #57606a; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; min-width: 44px; text-align: center; border-radius: 12px; padding: 1px 8px; font-size: 12px; font-weight: 700; }
.badge.pass { background: #dafbe1; color: #1a7f37; } .badge.warn { background: #fff8c5; color: #9a6700; } .badge.fail { background: #ffebe9; color: #cf222e; }
.bar { position: relative; height: 12px; background: #eaeef2; border-radius: 6px; min-width: 180px; }
.bar .fill { position: absolute; left: 0; top: 0; bottom: 0; border-radius: 6px; }
.bar .fill.pass { background: #4ac26b; } .bar .fill.warn { background: #d4a72c; } .bar .fill.fail { background: #e5534b; }
.bar .limit { position: absolute; top: -3px; bottom: -3px; width: 2px; background: #1f2328; }
.split { display: flex; height: 12px; border-radius: 6px; overflow: hidden; background: #eaeef2; min-width: 160px; }
.split .loaded { background: #4ac26b; } .split .rejected { background: #e5534b; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
ul.examples { margin: 8px 0 0; padding-left: 18px; } ul.examples li { margin: 2px 0; word-break: break-word; white-space: pre-wrap; }
.measure { color: #57606a; margin: 2px 0 0; }
.cause { margin: 6px 0 0; }
.muted { color: #57606a; }
"#;

/// The report as one HTML page.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{verdict_upper} · {name}</title><style>{STYLE}</style></head><body><main>\n",
        verdict_upper = report.verdict,
        name = escape(&report.scenario)
    );
    let _ = writeln!(out, "<h1>{}</h1>", escape(&report.scenario));
    if let Some(d) = &report.description {
        let _ = writeln!(out, "<p class=\"description\">{}</p>", escape(d));
    }
    verdict(&mut out, report);
    triggers(&mut out, report);
    for t in report.triggers.iter().filter(|t| t.status != Status::Pass) {
        fired_result(&mut out, t);
    }
    cutover(&mut out, report);
    rows(&mut out, report);
    trimmed_ids(&mut out, report);
    time_zones(&mut out, report);
    blanks(&mut out, report);
    value_maps(&mut out, report);
    out.push_str("</main></body></html>\n");
    out
}

/// The files whose id cells were trimmed of Unicode whitespace, if any.
fn trimmed_ids(out: &mut String, report: &Report) {
    let lines: Vec<String> =
        report.objects.iter().filter_map(|o| words::trimmed_ids(&o.file, &o.trimmed_ids)).collect();
    if lines.is_empty() {
        return;
    }
    out.push_str("<div class=\"card\"><ul>");
    for line in lines {
        let _ = write!(out, "<li>{}</li>", escape(&line));
    }
    out.push_str("</ul></div>\n");
}

/// The zone each date-time field is read in, when there are any.
fn time_zones(out: &mut String, report: &Report) {
    if report.time_zones.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<h2>Date-times</h2><div class=\"card\"><p>{}</p><ul>",
        escape(words::TIME_ZONES)
    );
    for z in &report.time_zones {
        let _ = write!(out, "<li>{}</li>", escape(&words::time_zone(z)));
    }
    out.push_str("</ul></div>\n");
}

/// The null tokens, the phone fields' regions and the placeholders found.
fn blanks(out: &mut String, report: &Report) {
    out.push_str("<h2>Blanks and phones</h2><div class=\"card\">");
    for (heading, lines) in words::blank_sections(report) {
        let _ = write!(out, "<p>{}</p>", escape(&heading));
        if lines.is_empty() {
            continue;
        }
        out.push_str("<ul>");
        for line in lines {
            let _ = write!(out, "<li>{}</li>", escape(line.trim_start()));
        }
        out.push_str("</ul>");
    }
    out.push_str("</div>\n");
}

/// The banner: the verdict, how many triggers failed, the expectation.
fn verdict(out: &mut String, report: &Report) {
    let verdict = match report.verdict {
        Verdict::Go => "go",
        Verdict::Rollback => "rollback",
    };
    let fired = report.triggers.iter().filter(|t| t.status == Status::Fail).count();
    let summary = match fired {
        0 => "no trigger failed".to_string(),
        n => format!("{} failed", words::quantity(n as u64, ("trigger", "triggers"))),
    };
    let expected = report.expectation.as_ref().map_or(String::new(), |e| {
        format!(" · expected {} ({})", e.verdict, if e.met { "met" } else { "NOT met" })
    });
    let _ = writeln!(
        out,
        "<div class=\"verdict {verdict}\"><strong>{}</strong><span>{summary}{}</span></div>",
        report.verdict,
        escape(&expected)
    );
}

/// Every result in a table, with its bar.
fn triggers(out: &mut String, report: &Report) {
    out.push_str("<h2>Triggers</h2><div class=\"card\"><table><tr><th>status</th><th>trigger</th><th>measured on</th><th></th><th class=\"num\">value</th><th class=\"num\">count</th><th>threshold</th></tr>\n");
    for t in &report.triggers {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"muted\">{}</td></tr>",
            badge(t.status),
            t.id,
            escape(&t.object),
            bar(t),
            escape(&words::amount(t)),
            words::tally(t),
            escape(&words::limits(t))
        );
    }
    out.push_str("</table></div>\n");
}

/// A failing or warning result: what it measured and its examples.
fn fired_result(out: &mut String, t: &TriggerResult) {
    let _ = writeln!(
        out,
        "<div class=\"card\">{} <code>{}</code> · {}<p class=\"measure\">{}</p>",
        badge(t.status),
        t.id,
        escape(&t.object),
        escape(&words::measure(t))
    );
    if let Some(cause) = super::causes::line(t) {
        let _ = writeln!(out, "<p class=\"cause\">{}</p>", escape(&cause));
    }
    out.push_str("<ul class=\"examples\">\n");
    for e in &t.examples {
        let _ = writeln!(out, "<li class=\"mono\">{}</li>", escape(&words::example_line(e)));
    }
    if t.examples_omitted > 0 {
        let _ = writeln!(out, "<li class=\"muted\">{}</li>", words::more(t.examples_omitted));
    }
    out.push_str("</ul></div>\n");
}

/// The cut-over: the timeline's picture, its legend and the arithmetic,
/// when the scenario has a `[cutover]` section.
fn cutover(out: &mut String, report: &Report) {
    let Some(p) = &report.cutover else { return };
    let _ = write!(
        out,
        "<h2>Cut-over</h2><div class=\"card\"><p class=\"measure\">{}</p>{}<p class=\"measure\">",
        escape(&timeline::caption(p)),
        timeline::svg(p)
    );
    for (colour, words) in timeline::LEGEND {
        let _ = write!(
            out,
            "<span style=\"display:inline-block;width:10px;height:10px;border-radius:2px;background:{colour}\"></span> {} &nbsp; ",
            escape(words)
        );
    }
    out.push_str("</p><ul>");
    for line in words::cutover_lines(p) {
        let _ = write!(out, "<li>{}</li>", escape(&line));
    }
    out.push_str("</ul></div>\n");
}

/// The row accounting per file, each with its loaded / rejected split.
fn rows(out: &mut String, report: &Report) {
    // `balanced` is the decision's rows_balance check.
    let unbalanced = !report.rows.balanced;
    let _ = writeln!(
        out,
        "<h2>Rows</h2><div class=\"card\"><p class=\"measure\">{}{}</p>\
         <table><tr><th>object</th><th>file</th><th>encoding</th><th></th><th class=\"num\">source</th><th class=\"num\">loaded</th><th class=\"num\">rejected</th></tr>",
        words::rows_read(&report.rows),
        if unbalanced { format!(" — {}", words::ROWS_DO_NOT_ADD_UP) } else { String::new() }
    );
    for o in &report.objects {
        let share =
            |n: u64| if o.source_rows == 0 { 0.0 } else { n as f64 * 100.0 / o.source_rows as f64 };
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td><code>{}</code></td><td class=\"muted\">{}</td>\
             <td><div class=\"split\"><div class=\"loaded\" style=\"width:{:.2}%\"></div><div class=\"rejected\" style=\"width:{:.2}%\"></div></div></td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(&o.name),
            escape(&o.file),
            escape(&o.encoding),
            share(o.loaded),
            share(o.rejected),
            o.source_rows,
            o.loaded,
            o.rejected
        );
    }
    out.push_str("</table></div>\n");
}

/// Each value map's values and where they go.
fn value_maps(out: &mut String, report: &Report) {
    if report.value_maps.is_empty() {
        return;
    }
    out.push_str("<h2>Value maps</h2>\n");
    for map in &report.value_maps {
        let _ = writeln!(
            out,
            "<div class=\"card\"><code>{}</code> through <code>{}</code> <span class=\"muted\">{}, {} not in the map</span><table>",
            escape(&map.field),
            escape(&map.map),
            words::quantity(map.distinct, ("value", "values")),
            map.unmapped
        );
        for v in map.values.iter().take(25) {
            let target = v.target.as_ref().map_or_else(
                || "<span class=\"badge fail\">NOT IN MAP</span>".to_string(),
                |t| format!("→ <code>{}</code>", escape(t)),
            );
            let _ = writeln!(
                out,
                "<tr><td class=\"num\" style=\"width:70px\">{}</td><td><code>{}</code></td><td>{target}</td></tr>",
                v.rows,
                escape(&v.value)
            );
        }
        out.push_str("</table></div>\n");
    }
}

fn badge(status: Status) -> String {
    let class = match status {
        Status::Pass => "pass",
        Status::Warn => "warn",
        Status::Fail => "fail",
    };
    format!("<span class=\"badge {class}\">{status}</span>")
}

/// The value against its threshold, both as numbers in the result's unit
/// (percent, a count, seconds): the scale runs to twice the threshold (or
/// the value, if higher; 100 with no threshold), the black mark is the
/// fail threshold.
fn bar(t: &TriggerResult) -> String {
    let threshold = t.limits.fail.or(t.limits.warn).map(|l| l.number().as_f64());
    let value = t.value().number().as_f64();
    let scale = threshold.map_or(100.0, |l| (l * 2.0).max(1.0)).max(value).max(0.01);
    let class = match t.status {
        Status::Pass => "pass",
        Status::Warn => "warn",
        Status::Fail => "fail",
    };
    let fill = (value / scale * 100.0).clamp(0.0, 100.0);
    let mark = threshold
        .map(|l| {
            format!(
                "<div class=\"limit\" style=\"left:{:.2}%\"></div>",
                (l / scale * 100.0).clamp(0.0, 100.0)
            )
        })
        .unwrap_or_default();
    format!(
        "<div class=\"bar\"><div class=\"fill {class}\" style=\"width:{fill:.2}%\"></div>{mark}</div>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{NullTokenList, RowTotals};

    fn report(cutover: Option<crate::facts::Projection>) -> Report {
        Report {
            scenario: "cut-over".into(),
            description: None,
            verdict: Verdict::Go,
            objects: Vec::new(),
            rows: RowTotals {
                source_rows: 0,
                loaded: 0,
                rejected: 0,
                repeated: 0,
                balanced: true,
                non_ascii_in: 0,
                non_ascii_out: 0,
            },
            triggers: Vec::new(),
            value_maps: Vec::new(),
            time_zones: Vec::new(),
            null_tokens: NullTokenList { tokens: Vec::new(), declared: false },
            placeholders: Vec::new(),
            phone_regions: Vec::new(),
            cutover,
            expectation: None,
            warn_error: false,
            evidence: crate::facts::Evidence::default(),
        }
    }

    #[test]
    fn the_page_draws_the_timeline_only_with_a_projection() {
        let page = render(&report(None));
        assert!(!page.contains("<svg") && !page.contains("Cut-over"), "{page}");

        let loads = vec![
            crate::facts::Load {
                name: "<b>contacts</b>".into(),
                kind: crate::facts::LoadKind::Records,
                records: 40_000,
                counted: crate::facts::CountSource::Rehearsed,
                per_call: 100,
                bytes: None,
            },
            crate::facts::Load {
                name: "deal_contacts".into(),
                kind: crate::facts::LoadKind::Associations {
                    between: ("deals".into(), "contacts".into()),
                },
                records: 10_000,
                counted: crate::facts::CountSource::Rehearsed,
                per_call: 100,
                bytes: None,
            },
        ];
        let page = render(&report(Some(timeline::tests::projection(6, loads))));
        assert_eq!(page.matches("<svg ").count(), 1, "{page}");
        assert_eq!(page.matches("<rect ").count(), 2 + 1, "two steps and validation: {page}");
        assert!(page.contains(">deal_contacts (links)</text>"), "{page}");
        assert!(!page.contains("<b>") && page.contains("&lt;b&gt;contacts&lt;/b&gt;"), "{page}");
    }
}
