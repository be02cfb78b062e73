//! The terminal report, also the snapshot text: verdict, row accounting,
//! trigger table and examples. Colour only when asked (a terminal).

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};

use super::{ExpectationOutcome, Report, columns, words};
use crate::error::printable;
use crate::facts::MapCoverage;
use crate::facts::TriggerResult;
use crate::facts::{Status, Verdict};

/// Renders `report`; `color` adds ANSI styles for a terminal. Control
/// characters of names and values (an ESC in a file name) are shown
/// escaped; only the styles painted here reach the terminal.
pub fn render(report: &Report, color: bool) -> String {
    let paint = Paint { color };
    let out = render_painted(report, &paint);
    crate::error::terminal_keeping(&out, &paint.codes())
}

/// The report, painted by `paint`.
fn render_painted(report: &Report, paint: &Paint) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", paint.bold(&format!("Scenario: {}", report.scenario)));
    if let Some(description) = &report.description {
        let _ = writeln!(out, "  {}", description.trim());
    }
    rows(&mut out, report);
    integrity(&mut out, report, paint);
    trimmed_ids(&mut out, report);
    time_zones(&mut out, report);
    blanks(&mut out, report);
    triggers(&mut out, report, paint);
    for r in report.triggers.iter().filter(|r| r.status != Status::Pass) {
        fired_result(&mut out, r, paint);
    }
    if let Some(projection) = &report.cutover {
        out.push_str("\nCut-over\n");
        for line in words::cutover_lines(projection) {
            let _ = writeln!(out, "  {line}");
        }
    }
    for map in &report.value_maps {
        value_map(&mut out, map);
    }
    evidence(&mut out, report);
    verdict(&mut out, report, paint);
    if let Some(e) = &report.expectation {
        expectation(&mut out, e, paint);
    }
    out
}

/// The row accounting table, a line per file and the totals.
fn rows(out: &mut String, report: &Report) {
    out.push_str("\nRows\n");
    let header = ["object", "file", "encoding", "delimiter", "source", "loaded", "rejected", ""];
    let mut rows = vec![header.map(String::from)];
    for o in &report.objects {
        let mut notes = Vec::new();
        if o.links != o.loaded {
            notes.push(format!("{} links", o.links));
        }
        if o.repeated > 0 {
            notes.push(words::repeated_rows(o.repeated));
        }
        if o.footer_lines > 0 {
            notes.push(format!("{} report footer lines excluded", o.footer_lines));
        }
        if o.undecodable_bytes > 0 {
            notes.push(format!("{} undecodable byte sequences", o.undecodable_bytes));
        }
        rows.push([
            // Escaped before the columns are laid out.
            printable(&o.name),
            printable(&o.file),
            o.encoding.clone(),
            format!("{} ({})", o.delimiter, if o.delimiter_sniffed { "sniffed" } else { "set" }),
            o.source_rows.to_string(),
            o.loaded.to_string(),
            o.rejected.to_string(),
            notes.join("; "),
        ]);
    }
    let t = report.rows;
    let totals = [&t.source_rows.to_string(), &t.loaded.to_string(), &t.rejected.to_string()];
    rows.push(["total", "", "", "", totals[0], totals[1], totals[2], ""].map(String::from));
    for line in table_lines(&rows, &[false, false, false, false, true, true, true, false]) {
        let _ = writeln!(out, "  {line}");
    }
}

/// A line per file whose id cells were trimmed of Unicode whitespace.
fn trimmed_ids(out: &mut String, report: &Report) {
    for o in &report.objects {
        if let Some(line) = words::trimmed_ids(&o.file, &o.trimmed_ids) {
            let _ = writeln!(out, "  {line}");
        }
    }
}

/// The zone of each date-time field, when there are any.
fn time_zones(out: &mut String, report: &Report) {
    if report.time_zones.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{}", words::TIME_ZONES);
    for z in &report.time_zones {
        let _ = writeln!(out, "  {}", words::time_zone(z));
    }
}

/// The null tokens and each file's count of them, the phone fields'
/// regions, and the placeholders found with their first rows.
fn blanks(out: &mut String, report: &Report) {
    for (heading, lines) in words::blank_sections(report) {
        let _ = writeln!(out, "\n{heading}");
        for line in lines {
            let _ = writeln!(out, "  {line}");
        }
    }
}

/// The integrity checks of the decision (the rows add up, the non-ASCII
/// characters arrived), in a line each; a failing one in its colour.
fn integrity(out: &mut String, report: &Report, paint: &Paint) {
    for r in &report.triggers {
        if let Some(line) = words::integrity(r, &report.rows) {
            let line = if r.status == Status::Pass { line } else { paint.status(r.status, &line) };
            let _ = writeln!(out, "  {line}");
        }
    }
}

/// The table of every result, coloured by status.
fn triggers(out: &mut String, report: &Report, paint: &Paint) {
    out.push_str("\nTriggers\n");
    let mut rows =
        vec![["status", "trigger", "measured on", "value", "count", "threshold"].map(String::from)];
    for r in &report.triggers {
        rows.push([
            r.status.to_string(),
            r.id.to_string(),
            printable(&r.object),
            words::amount(r),
            words::tally(r),
            words::limits(r),
        ]);
    }
    let styled = table_lines(&rows, &[false, false, false, true, true, false]);
    for (i, line) in styled.iter().enumerate() {
        let status = i.checked_sub(1).map(|i| report.triggers[i].status);
        let _ =
            writeln!(out, "  {}", status.map_or_else(|| line.clone(), |s| paint.status(s, line)));
    }
}

/// A failing or warning result: what it measured and its examples.
fn fired_result(out: &mut String, r: &TriggerResult, paint: &Paint) {
    let _ = writeln!(
        out,
        "\n{} {} · {}",
        paint.status(r.status, &r.status.to_string()),
        r.id,
        r.object
    );
    let _ = writeln!(out, "  {}", words::measured(r));
    if let Some(cause) = super::causes::line(r) {
        let _ = writeln!(out, "  {cause}");
    }
    for e in &r.examples {
        let _ = writeln!(out, "  {}", words::example_line(e));
    }
    if r.examples_omitted > 0 {
        let _ = writeln!(out, "  {}", words::more(r.examples_omitted));
    }
}

/// `Verdict: ROLLBACK (failed: …)`.
fn verdict(out: &mut String, report: &Report, paint: &Paint) {
    out.push('\n');
    let verdict = format!("Verdict: {}", report.verdict);
    let failed: Vec<String> = report.failed().map(|t| format!("{} ({})", t.id, t.object)).collect();
    let reason = if failed.is_empty() {
        let warned = report.triggers.iter().filter(|t| t.status == Status::Warn).count();
        match warned {
            0 => " (no trigger fired)".to_string(),
            n => format!(" ({})", words::quantity(n as u64, ("warning", "warnings"))),
        }
    } else {
        format!(" (failed: {})", failed.join(", "))
    };
    let warned = report.triggers.iter().any(|t| t.status == Status::Warn);
    let reason = if report.warn_error && warned {
        format!("{reason}: {}", words::WARN_ERROR)
    } else {
        reason
    };
    let verdict_status = if report.verdict == Verdict::Go { Status::Pass } else { Status::Fail };
    let _ = writeln!(out, "{}{reason}", paint.status(verdict_status, &verdict));
}

/// Who made the report, when, and every input's size and sha256.
fn evidence(out: &mut String, report: &Report) {
    let _ = writeln!(out, "\nEvidence\n  {}", words::made_by(&report.evidence));
    for input in &report.evidence.inputs {
        let _ = writeln!(out, "  {}", words::input_file(input));
    }
}

/// `Expected: ROLLBACK with … (met)`, or what differs.
fn expectation(out: &mut String, e: &ExpectationOutcome, paint: &Paint) {
    let listed = e
        .triggers
        .as_ref()
        .map(|t| {
            format!(
                " with {}",
                if t.is_empty() { "no trigger failing".into() } else { t.join(", ") }
            )
        })
        .unwrap_or_default();
    if e.met {
        let _ = writeln!(out, "Expected: {}{listed} (met)", e.verdict);
    } else {
        let _ = writeln!(
            out,
            "{}",
            paint.status(Status::Fail, &format!("Expected: {}{listed} (NOT MET)", e.verdict))
        );
        for m in &e.mismatches {
            let _ = writeln!(out, "  - {}", words::mismatch(m));
        }
    }
}

/// Values listed per value map; the rest are summed up.
const MAP_VALUES: usize = 15;

/// `deals.dealstage through hubspot_stages: 10 values, 3 not in the map` and
/// its values, not-covered first.
fn value_map(out: &mut String, map: &MapCoverage) {
    let summary = words::map_summary(map);
    let _ = writeln!(out, "\nValue map {} · {} ({summary})", map.map, map.field);
    let rows: Vec<[String; 3]> = map
        .values
        .iter()
        .take(MAP_VALUES)
        .map(|v| {
            let target = words::map_target(map, v.target.as_deref());
            [v.rows.to_string(), words::shorten(&v.value), target]
        })
        .collect();
    for line in table_lines(&rows, &[true, false, false]) {
        let _ = writeln!(out, "  {line}");
    }
    if map.values.len() > MAP_VALUES {
        let omitted = (map.values.len() - MAP_VALUES) as u64;
        let _ = writeln!(out, "  {} values", words::more(omitted));
    }
}

/// Aligns cells into columns by their display width; `right` marks
/// right-aligned (numeric) columns.
fn table_lines<const N: usize>(rows: &[[String; N]], right: &[bool]) -> Vec<String> {
    let mut widths = [0usize; N];
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(columns::width(cell));
        }
    }
    rows.iter()
        .map(|row| {
            let cells: Vec<String> = row
                .iter()
                .zip(widths)
                .zip(right)
                .map(|((cell, w), &r)| columns::pad(cell, w, r))
                .collect();
            cells.join("  ").trim_end().to_string()
        })
        .collect()
}

struct Paint {
    color: bool,
}

impl Paint {
    /// Every ANSI sequence this painter writes (none without colour).
    fn codes(&self) -> Vec<String> {
        if !self.color {
            return Vec::new();
        }
        let mut codes: Vec<String> = [Status::Pass, Status::Warn, Status::Fail]
            .into_iter()
            .map(Paint::style)
            .chain([Style::new().bold()])
            .flat_map(|s| [s.render().to_string(), s.render_reset().to_string()])
            .collect();
        // Longest first, so a sequence is never matched by its prefix.
        codes.sort_by_key(|c| std::cmp::Reverse(c.len()));
        codes.dedup();
        codes
    }

    fn styled(&self, style: Style, text: &str) -> String {
        if self.color {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_string()
        }
    }

    fn bold(&self, text: &str) -> String {
        self.styled(Style::new().bold(), text)
    }

    fn status(&self, status: Status, text: &str) -> String {
        self.styled(Paint::style(status), text)
    }

    fn style(status: Status) -> Style {
        match status {
            Status::Pass => Style::new().fg_color(Some(AnsiColor::Green.into())),
            Status::Warn => Style::new().fg_color(Some(AnsiColor::Yellow.into())),
            Status::Fail => Style::new().fg_color(Some(AnsiColor::Red.into())).bold(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_numbers_right() {
        let rows = [["a".to_string(), "1".to_string()], ["bbb".to_string(), "100".to_string()]];
        assert_eq!(table_lines(&rows, &[false, true]), ["a      1", "bbb  100"]);
    }

    /// The display width of `line` up to the byte offset `at`.
    fn columns_before(line: &str, at: usize) -> usize {
        columns::width(&line[..at])
    }

    #[test]
    fn cjk_and_emoji_cells_line_up_by_display_width() {
        let rows = [
            ["株式会社テスト", "7", "→ 🚀 launch"],
            ["Acme", "1200", "→ closedwon"],
            ["🚀", "35", "NOT IN MAP"],
        ]
        .map(|row| row.map(String::from));
        let lines = table_lines(&rows, &[false, true, false]);
        // The count column ends, and the third column starts, at one display column.
        let ends: Vec<usize> = lines
            .iter()
            .zip(&rows)
            .map(|(line, row)| {
                let count = line.find(&format!(" {}  ", row[1])).unwrap() + 1 + row[1].len();
                columns_before(line, count)
            })
            .collect();
        assert_eq!(ends, [20, 20, 20], "{lines:#?}");
        let starts: Vec<usize> = lines
            .iter()
            .zip(&rows)
            .map(|(line, row)| columns_before(line, line.find(&row[2]).unwrap()))
            .collect();
        assert_eq!(starts, [22, 22, 22], "{lines:#?}");
        assert_eq!(lines[1], format!("Acme{}  1200  → closedwon", " ".repeat(10)));
        // Through a report's value map: the targets start in one column.
        let map = MapCoverage {
            field: "companies.name".into(),
            map: "names".into(),
            strict: false,
            default: None,
            distinct: 3,
            unmapped: 1,
            values: [
                ("株式会社テスト", 7, Some("kk")),
                ("Acme", 1200, Some("acme")),
                ("🚀", 35, None),
            ]
            .map(|(value, rows, target)| crate::facts::ValueCount {
                value: value.into(),
                rows,
                target: target.map(String::from),
            })
            .into(),
        };
        let mut out = String::new();
        value_map(&mut out, &map);
        let starts: Vec<usize> = out
            .lines()
            .filter(|l| l.starts_with("  "))
            .map(|l| columns_before(l, l.find(['→', 'N']).unwrap()))
            .collect();
        assert_eq!(starts.len(), 3, "{out}");
        assert!(starts.iter().all(|&s| s == starts[0]), "{starts:?}\n{out}");
    }

    #[test]
    fn only_the_painted_styles_reach_the_terminal() {
        let paint = Paint { color: true };
        let line = paint.status(Status::Fail, "data/\u{1b}[2Jx.csv");
        let shown = crate::error::terminal_keeping(&line, &paint.codes());
        let style = Paint::style(Status::Fail);
        assert_eq!(
            shown,
            format!("{}data/\\u{{1b}}[2Jx.csv{}", style.render(), style.render_reset())
        );
        let plain = Paint { color: false };
        assert!(plain.codes().is_empty());
    }
}
