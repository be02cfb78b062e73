//! A single self-contained HTML page (no scripts, no network), built with
//! `maud` templates, read at a glance: the verdict banner with each failure
//! and the warning that explains it, the failures, then the warnings, each
//! with a bar on one scale for all (the value as a multiple of its
//! threshold) and, for relationship triggers, linked against unlinked rows;
//! the passing checks collapsed; then the cut-over timeline (`timeline`),
//! row accounting, value maps and the evidence. For go/no-go meetings.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::{Report, timeline, words};
use crate::facts::{Example, MapCoverage, Status, TriggerResult, Verdict};

pub(super) const STYLE: &str = r#"
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; margin: 0; background: #f6f8fa; }
main { max-width: 1080px; margin: 0 auto; padding: 24px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 10px; }
.description { color: #57606a; margin: 0 0 16px; }
.verdict { border-radius: 10px; padding: 18px 22px; color: #fff; }
.verdict.go { background: #1a7f37; } .verdict.rollback { background: #cf222e; }
.verdict .head { display: flex; justify-content: space-between; align-items: center; }
.verdict strong { font-size: 28px; letter-spacing: .04em; }
.verdict ul { margin: 10px 0 0; padding-left: 20px; } .verdict li { margin: 4px 0; }
.verdict code { background: rgba(255,255,255,.18); border-radius: 4px; padding: 0 4px; }
.verdict .why { background: #fff8c5; color: #1f2328; border-radius: 6px; padding: 6px 10px; margin: 6px 0 0; }
.verdict .why code { background: #f6e7a6; }
.card { background: #fff; border: 1px solid #d0d7de; border-radius: 10px; padding: 14px 18px; margin-bottom: 12px; }
.card.fail { border-left: 6px solid #cf222e; } .card.warn { border-left: 6px solid #d4a72c; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #eaeef2; vertical-align: middle; }
th { color: #57606a; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; min-width: 44px; text-align: center; border-radius: 12px; padding: 1px 8px; font-size: 12px; font-weight: 700; }
.badge.pass { background: #dafbe1; color: #1a7f37; } .badge.warn { background: #fff8c5; color: #9a6700; } .badge.fail { background: #ffebe9; color: #cf222e; }
.badge.default { background: #ddf4ff; color: #0969da; }
.scale { display: flex; align-items: center; gap: 8px; min-width: 240px; }
.track { position: relative; flex: 1; height: 12px; background: #eaeef2; border-radius: 6px; }
.track .fill { position: absolute; left: 0; top: 0; bottom: 0; border-radius: 6px; }
.fill.pass { background: #4ac26b; } .fill.warn { background: #d4a72c; } .fill.fail { background: #e5534b; }
.track .over { position: absolute; right: -7px; top: -2px; width: 0; height: 0; border-top: 8px solid transparent; border-bottom: 8px solid transparent; border-left: 9px solid #cf222e; }
.track .one { position: absolute; left: 33.33%; top: -4px; bottom: -4px; width: 2px; background: #1f2328; }
.times { min-width: 64px; text-align: right; font-variant-numeric: tabular-nums; font-weight: 600; }
.legend { color: #57606a; font-size: 13px; display: flex; gap: 12px; align-items: center; margin: 0 0 12px; }
.legend .scale { min-width: 200px; max-width: 260px; }
.split { display: flex; height: 14px; border-radius: 6px; overflow: hidden; background: #eaeef2; min-width: 160px; }
.split .loaded, .split .linked { background: #4ac26b; } .split .rejected, .split .unlinked { background: #e5534b; }
.links { margin: 10px 0 4px; } .links .split { height: 22px; }
.links p { margin: 4px 0 0; font-size: 14px; }
.key { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; }
.key.linked { background: #4ac26b; } .key.unlinked { background: #e5534b; }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; }
ul.examples { margin: 8px 0 0; padding-left: 18px; } ul.examples li { margin: 2px 0; word-break: break-word; white-space: pre-wrap; }
.measure { color: #57606a; margin: 2px 0 0; }
.cause { margin: 6px 0 0; }
.muted { color: #57606a; }
details > summary { cursor: pointer; font-weight: 600; }
"#;

/// A line break between the page's sections, so a diff of two pages reads
/// section by section.
const NL: PreEscaped<&str> = PreEscaped("\n");

/// How far the scale runs, in multiples of a threshold: the threshold mark
/// sits at a third of the track, values beyond the end show an arrow.
const SCALE_END: f64 = 3.0;

/// The report as one HTML page.
pub fn render(report: &Report) -> String {
    let with = |status| report.triggers.iter().filter(move |t| t.status == status);
    let failures: Vec<&TriggerResult> = with(Status::Fail).collect();
    let warnings: Vec<&TriggerResult> = with(Status::Warn).collect();
    let title = format!("{} · {}", report.verdict, report.scenario);
    let body = html! {
            main {
                (NL) h1 { (report.scenario) }
                @if let Some(d) = &report.description { p.description { (d) } }
                (NL) (banner(report, &failures))
                @if !failures.is_empty() || !warnings.is_empty() { (NL) (legend()) }
                @if !failures.is_empty() {
                    (NL) h2 { "Failures" }
                    @for t in &failures { (NL) (fired(report, t)) }
                }
                @if !warnings.is_empty() {
                    (NL) h2 { "Warnings" }
                    @for t in &warnings { (NL) (fired(report, t)) }
                }
                (NL) (passing(report))
                (NL) (cutover(report))
                (NL) (rows(report))
                (NL) (notes(report))
                (NL) (value_maps(report))
                (NL) (evidence(report)) (NL)
            }
    };
    page(&title, "", body)
}

/// A whole page in the reports' style: `title`, the style plus `style`,
/// and `body`; ends with a line break.
pub fn page(title: &str, style: &str, body: Markup) -> String {
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(STYLE)) (PreEscaped(style)) }
            }
            body { (body) }
        }
    };
    let mut page = page.into_string();
    page.push('\n');
    page
}

/// The banner: the verdict, how many checks failed, the expectation, and
/// each failure with the warning that explains it.
fn banner(report: &Report, failures: &[&TriggerResult]) -> Markup {
    let class = match report.verdict {
        Verdict::Go => "go",
        Verdict::Rollback => "rollback",
    };
    let summary = match failures.len() {
        0 => "no trigger failed".to_string(),
        n => format!("{} failed", words::quantity(n as u64, ("trigger", "triggers"))),
    };
    let warned: Vec<&TriggerResult> = if report.warn_error {
        report.triggers.iter().filter(|t| t.status == Status::Warn).collect()
    } else {
        Vec::new()
    };
    html! {
        div class={ "verdict " (class) } {
            div.head {
                strong { (report.verdict) }
                span {
                    (summary)
                    @if let Some(e) = &report.expectation {
                        " · expected " (e.verdict) " (" (if e.met { "met" } else { "NOT met" }) ")"
                    }
                }
            }
            @if !failures.is_empty() || !warned.is_empty() {
                ul {
                    @for t in failures.iter().chain(&warned) {
                        li {
                            code { (t.id) } " · " (t.object) " — " (words::amount(t))
                            ", " (times_label(t)) " its threshold"
                            @if t.status == Status::Warn { " (a warning; " (words::WARN_ERROR) ")" }
                            @for (warning, example) in report.explaining(t) {
                                div.why {
                                    "Why: " code { (warning.id) } " " (words::example_line(example))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// What the bars mean, once above them.
fn legend() -> Markup {
    html! {
        div.legend {
            div.scale { div.track { div.fill.warn style="width:33.33%" {} div.one {} } }
            span {
                "Each bar is the value as a multiple of its threshold (the fail threshold, or the \
                 warn threshold of a check that only warns): the black mark is the threshold (1×), \
                 the end of the bar 3× or more (an arrow). A threshold of 0 allows none, so any \
                 value fills the bar."
            }
        }
    }
}

/// A failing or warning result: its bar, what it measured, its links
/// picture, its cause and its examples.
fn fired(report: &Report, t: &TriggerResult) -> Markup {
    let class = status_class(t.status);
    html! {
        div class={ "card " (class) } {
            (badge(t.status)) " " code { (t.id) } " · " (t.object)
            div style="margin:8px 0" { (scale(t)) }
            p.measure { (words::measure(t)) " · threshold " (words::limits(t)) }
            @if let Some(split) = words::link_split(t) { (links(&split)) }
            @if let Some(cause) = super::causes::line(t) { p.cause { (cause) } }
            @for (warning, example) in report.explaining(t) {
                p.cause { "Explained by " code { (warning.id) } ": " (words::example_line(example)) }
            }
            (examples(&t.examples, t.examples_omitted))
        }
    }
}

/// A relationship result as a picture: rows with a link against rows
/// without one, on one bar.
fn links(split: &[(String, u64); 2]) -> Markup {
    let [(linked, with), (unlinked, without)] = split;
    let total = (with + without).max(1) as f64;
    let share = |n: u64| format!("width:{:.2}%", n as f64 * 100.0 / total);
    html! {
        div.links {
            div.split {
                div.linked style=(share(*with)) {}
                div.unlinked style=(share(*without)) {}
            }
            p { span.key.linked {} (linked) "   " span.key.unlinked {} (unlinked) }
        }
    }
}

/// The examples of a result, and how many more there are.
fn examples(examples: &[Example], omitted: u64) -> Markup {
    html! {
        ul.examples {
            @for e in examples { li.mono { (words::example_line(e)) } }
            @if omitted > 0 { li.muted { (words::more(omitted)) } }
        }
    }
}

/// The passing checks, collapsed: a table with their bars.
fn passing(report: &Report) -> Markup {
    let passed: Vec<&TriggerResult> =
        report.triggers.iter().filter(|t| t.status == Status::Pass).collect();
    if passed.is_empty() {
        return html! {};
    }
    html! {
        h2 { "Passing checks" }
        div.card { details {
            summary { (words::quantity(passed.len() as u64, ("check passed", "checks passed"))) }
            table {
                tr {
                    th { "trigger" } th { "measured on" } th { "against its threshold" }
                    th.num { "value" } th.num { "count" } th { "threshold" }
                }
                @for t in &passed {
                    tr {
                        td { code { (t.id) } } td { (t.object) } td { (scale(t)) }
                        td.num { (words::amount(t)) } td.num { (words::tally(t)) }
                        td.muted { (words::limits(t)) }
                    }
                }
            }
        } }
    }
}

/// `11.5×`, `0.33×`, `over 0`: the value as a multiple of its threshold.
fn times_label(t: &TriggerResult) -> String {
    match multiple(t) {
        Multiple::Of(m) if m >= 100.0 => format!("{m:.0}×"),
        Multiple::Of(m) if m >= 1.0 => format!("{m:.1}×"),
        Multiple::Of(m) => format!("{m:.2}×"),
        Multiple::OverZero => "over 0".to_string(),
        Multiple::NoThreshold => "no threshold".to_string(),
    }
}

/// A value against its threshold.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Multiple {
    /// This many times the threshold.
    Of(f64),
    /// Above a threshold of 0, which allows none.
    OverZero,
    /// The result has no threshold.
    NoThreshold,
}

/// The value of `t` as a multiple of its fail threshold (its warn one when
/// it only warns), both in the result's unit.
fn multiple(t: &TriggerResult) -> Multiple {
    let Some(limit) = t.limits.fail.or(t.limits.warn) else { return Multiple::NoThreshold };
    let (threshold, value) = (limit.number().as_f64(), t.value().number().as_f64());
    if threshold > 0.0 {
        Multiple::Of(value / threshold)
    } else if value > 0.0 {
        Multiple::OverZero
    } else {
        Multiple::Of(0.0)
    }
}

/// The bar of `t` on the shared scale: 0 to [`SCALE_END`] times its
/// threshold, the mark at 1×, and the multiple beside it.
fn scale(t: &TriggerResult) -> Markup {
    let (fill, over) = match multiple(t) {
        Multiple::Of(m) => ((m / SCALE_END).clamp(0.0, 1.0), m > SCALE_END),
        Multiple::OverZero => (1.0, true),
        Multiple::NoThreshold => (0.0, false),
    };
    let class = status_class(t.status);
    html! {
        div.scale {
            div.track {
                div class={ "fill " (class) } style=(format!("width:{:.2}%", fill * 100.0)) {}
                @if multiple(t) != Multiple::NoThreshold { div.one {} }
                @if over { div.over {} }
            }
            span.times { (times_label(t)) }
        }
    }
}

/// The cut-over: the timeline's picture, its legend and the arithmetic,
/// when the scenario has a `[cutover]` section.
fn cutover(report: &Report) -> Markup {
    let Some(p) = &report.cutover else { return html! {} };
    html! {
        h2 { "Cut-over" }
        div.card {
            p.measure { (timeline::caption(p)) }
            (timeline::svg(p))
            p.measure {
                @for (colour, words) in timeline::LEGEND {
                    span.key style={ "background:" (colour) } {} (words) "   "
                }
            }
            ul { @for line in words::cutover_lines(p) { li { (line) } } }
        }
    }
}

/// The row accounting per file, each with its loaded / rejected split.
fn rows(report: &Report) -> Markup {
    html! {
        h2 { "Rows" }
        div.card {
            p.measure {
                (words::rows_read(&report.rows))
                @if !report.rows.balanced { " — " (words::ROWS_DO_NOT_ADD_UP) }
            }
            table {
                tr {
                    th { "object" } th { "file" } th { "encoding" } th {}
                    th.num { "source" } th.num { "loaded" } th.num { "rejected" }
                }
                @for o in &report.objects {
                    @let share = |n: u64| {
                        let of = if o.source_rows == 0 { 0.0 } else { n as f64 * 100.0 / o.source_rows as f64 };
                        format!("width:{of:.2}%")
                    };
                    tr {
                        td { (o.name) } td { code { (o.file) } } td.muted { (o.encoding) }
                        td { div.split {
                            div.loaded style=(share(o.loaded)) {}
                            div.rejected style=(share(o.rejected)) {}
                        } }
                        td.num { (o.source_rows) } td.num { (o.loaded) } td.num { (o.rejected) }
                    }
                }
            }
        }
    }
}

/// Trimmed ids, the zones date-times are read in, the null tokens, phone
/// regions and placeholders.
fn notes(report: &Report) -> Markup {
    let trimmed: Vec<String> =
        report.objects.iter().filter_map(|o| words::trimmed_ids(&o.file, &o.trimmed_ids)).collect();
    html! {
        @if !trimmed.is_empty() {
            div.card { ul { @for line in &trimmed { li { (line) } } } }
        }
        @if !report.time_zones.is_empty() {
            h2 { "Date-times" }
            div.card {
                p { (words::TIME_ZONES) }
                ul { @for z in &report.time_zones { li { (words::time_zone(z)) } } }
            }
        }
        h2 { "Blanks and phones" }
        div.card {
            @for (heading, lines) in words::blank_sections(report) {
                p { (heading) }
                @if !lines.is_empty() { ul { @for line in &lines { li { (line.trim_start()) } } } }
            }
        }
    }
}

/// Each value map's values and where they go: a value the map sends to its
/// default is not an error.
fn value_maps(report: &Report) -> Markup {
    if report.value_maps.is_empty() {
        return html! {};
    }
    html! {
        h2 { "Value maps" }
        @for map in &report.value_maps {
            div.card {
                code { (map.field) } " through " code { (map.map) } " "
                span.muted { (words::map_summary(map)) }
                table { @for v in map.values.iter().take(25) {
                    tr {
                        td.num style="width:70px" { (v.rows) }
                        td { code { (v.value) } }
                        td { (target(map, v.target.as_deref())) }
                    }
                } }
            }
        }
    }
}

/// Where a value goes: its entry, the map's default, or nowhere.
fn target(map: &MapCoverage, target: Option<&str>) -> Markup {
    match (target, &map.default) {
        (Some(t), _) => html! { "→ " code { (t) } },
        (None, Some(default)) => {
            html! { span.badge.default { "DEFAULT" } " → " code { (default) } }
        }
        (None, None) => html! { span.badge.fail { "NOT IN MAP" } },
    }
}

/// Who made the page, when, and every input's size and sha256.
fn evidence(report: &Report) -> Markup {
    let e = &report.evidence;
    html! {
        h2 { "Evidence" }
        div.card {
            p.measure { (words::made_by(e)) }
            table {
                tr { th { "input" } th.num { "bytes" } th { "sha256" } }
                @for input in &e.inputs {
                    tr { td { code { (input.file) } } td.num { (input.bytes) } td { code { (input.sha256) } } }
                }
            }
        }
    }
}

fn status_class(status: Status) -> &'static str {
    match status {
        Status::Pass => "pass",
        Status::Warn => "warn",
        Status::Fail => "fail",
    }
}

fn badge(status: Status) -> Markup {
    html! { span class={ "badge " (status_class(status)) } { (status) } }
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

    /// A failing relationship, the unmapped junction file that explains
    /// it (a warning), a passing check; a value map with a default.
    fn incident() -> Report {
        use crate::facts::{
            Counted, Example, KeyColumn, Limits, Link, MapCoverage, Note, ValueCount,
        };
        let link = Link { others: vec!["contacts".into()], through: "deals.contact".into() };
        let counted = Counted::UnlinkedParents { parent: "deals".into(), link, merged: 0 };
        let mut failed = TriggerResult::new(
            "missing_relationship",
            "deals via <i>deals.contact</i>".into(),
            counted,
            1104,
            4800,
            Limits::fail_above(200),
        );
        failed.status = Status::Fail;
        let warn_only = Limits { warn: Limits::fail_above(0).fail, fail: None };
        let mut warned = TriggerResult::new(
            "unmapped_file",
            "data/".into(),
            Counted::UnmappedFiles,
            1,
            4,
            warn_only,
        );
        let references = ["deals", "contacts"]
            .map(|object| KeyColumn { object: object.into(), column: format!("{object}Id") });
        let junction = Example {
            file: "data/<script>Role.csv".into(),
            note: Some(Note::UnmappedFile { references: references.to_vec() }),
            ..Example::default()
        };
        warned.set_examples(vec![junction], 1);
        let passed = TriggerResult::new(
            "critical_blank",
            "contacts.email".into(),
            Counted::RejectedRows,
            36,
            3600,
            Limits::fail_above(300),
        );
        let mut report = report(None);
        report.verdict = Verdict::Rollback;
        report.triggers = vec![passed, warned, failed];
        let value = |v: &str, target: Option<&str>| ValueCount {
            value: v.into(),
            rows: 3,
            target: target.map(str::to_string),
        };
        report.value_maps = vec![MapCoverage {
            field: "deals.pipeline".into(),
            map: "pipelines".into(),
            strict: false,
            distinct: 2,
            unmapped: 1,
            default: Some("default".into()),
            values: vec![value("Partner deals", None), value("Sales", Some("sales"))],
        }];
        report
    }

    #[test]
    fn failures_come_first_with_their_explaining_warning_and_passing_checks_are_collapsed() {
        let page = render(&incident());
        let at = |text: &str| page.find(text).unwrap_or_else(|| panic!("no {text}: {page}"));
        assert!(at("<h2>Failures</h2>") < at("<h2>Warnings</h2>"));
        assert!(at("<h2>Warnings</h2>") < at("<h2>Passing checks</h2>"));
        assert!(
            at("<details><summary>1 check passed</summary>") < at("<code>critical_blank</code>")
        );
        // The banner names the failure and the warning that explains it.
        let banner = &page[at("<div class=\"verdict rollback\">")..at("<h2>Failures</h2>")];
        assert!(banner.contains("<code>missing_relationship</code>"), "{banner}");
        assert!(banner.contains("23.00%, 11.5× its threshold"), "{banner}");
        assert!(banner.contains("Why: <code>unmapped_file</code> data/&lt;script&gt;Role.csv"));
        assert!(banner.contains("looks like a junction between deals (dealsId) and contacts"));
        // Linked against unlinked: 3696 and 1104 of 4800.
        assert!(page.contains("<div class=\"linked\" style=\"width:77.00%\"></div>"), "{page}");
        assert!(page.contains("3696 deals with contacts through deals.contact"), "{page}");
        assert!(page.contains("1104 without"), "{page}");
    }

    #[test]
    fn every_bar_is_on_one_scale_of_multiples_of_its_threshold() {
        let page = render(&incident());
        // 23% of a 2% threshold: past the end of the 3× track, an arrow.
        assert!(page.contains("style=\"width:100.00%\"></div><div class=\"one\"></div><div class=\"over\"></div></div><span class=\"times\">11.5×</span>"), "{page}");
        // 1% of 3%: a third of the way to 1×, which sits at a third of the track.
        assert!(page.contains("style=\"width:11.11%\"></div><div class=\"one\"></div></div><span class=\"times\">0.33×</span>"), "{page}");
        // A threshold of 0 allows none: one file over it fills the bar.
        assert!(page.contains("<span class=\"times\">over 0</span>"), "{page}");
        assert!(page.contains("the black mark is the threshold (1×)"), "the legend: {page}");
    }

    #[test]
    fn a_value_the_map_sends_to_its_default_is_not_an_error() {
        let page = render(&incident());
        assert!(!page.contains("NOT IN MAP"), "{page}");
        assert!(page.contains("<code>Partner deals</code></td><td><span class=\"badge default\">DEFAULT</span> → <code>default</code>"), "{page}");
        assert!(page.contains("2 values, 1 not in the map, sent to its default"), "{page}");
        let mut strict = incident();
        strict.value_maps[0].default = None;
        assert!(render(&strict).contains("<span class=\"badge fail\">NOT IN MAP</span>"));
    }

    #[test]
    fn names_from_the_export_are_escaped_everywhere() {
        let mut report = incident();
        report.scenario = "<img src=x onerror=alert(1)>".into();
        report.description = Some("\"quoted\" & <b>bold</b>".into());
        report.evidence.inputs = vec![crate::facts::InputFile {
            file: "data/<x>.csv".into(),
            bytes: 1,
            sha256: "ab".into(),
        }];
        let page = render(&report);
        for raw in ["<img", "<i>", "<script>", "<b>", "<x>"] {
            assert!(!page.contains(raw), "{raw} in {page}");
        }
        assert!(page.contains("<h1>&lt;img src=x onerror=alert(1)&gt;</h1>"), "{page}");
        assert!(page.contains("&quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;"), "{page}");
        assert!(page.contains("deals via &lt;i&gt;deals.contact&lt;/i&gt;"), "{page}");
        assert!(page.contains("<code>data/&lt;x&gt;.csv</code>"), "{page}");
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
