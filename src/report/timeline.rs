//! The projected cut-over as a picture for the HTML report: an inline SVG
//! (no scripts, no external assets) with a bar per load step and one for
//! validation on an axis of hours from the window's opening, and the
//! decision points (hour 4, hour 8) and the window's end as labelled
//! vertical lines. Every bar and line carries a `<title>` tooltip.
//! Deterministic: coordinates are printed with one decimal.

use std::fmt::Write as _;

use maud::{Markup, html};

use super::words::{calls, grouped};
use crate::facts::{LoadKind, Pace, Projection, Validation, rounded};

/// The picture's width in SVG units; it scales to the page's width.
const WIDTH: f64 = 960.0;
/// Where the plot starts: the step names sit left of it.
const PLOT_LEFT: f64 = 160.0;
/// Where the plot ends: the last hour's label sits right of it.
const PLOT_RIGHT: f64 = 940.0;
/// The height above the first bar: two rows of line labels.
const TOP: f64 = 34.0;
/// The height of one bar's row.
const ROW: f64 = 24.0;
/// The height of one bar.
const BAR: f64 = 14.0;
/// The height below the last bar: the hour labels.
const BOTTOM: f64 = 24.0;
/// Widest step name, in columns, shown in full beside its bar (the tooltip
/// has it all).
const NAME_CHARS: usize = 24;
/// Roughly the width of a character at the picture's 11-unit font size.
const CHAR_WIDTH: f64 = 6.2;
/// Most hour marks on the axis.
const MAX_TICKS: u64 = 12;

const HOUR_MS: u64 = 3_600_000;
/// The practice's decision points, in hours from the window's opening:
/// before hour 4 a team rolls back at once, after it weighs a fix; hour 8
/// is the second call.
const DECISION_HOURS: [u64; 2] = [4, 8];

/// Bar colours: a step ending within hour 4, after hour 4, after the
/// window's end; validation.
const NEUTRAL: &str = "#8c959f";
const AMBER: &str = "#d4a72c";
const RED: &str = "#e5534b";
const VALIDATION: &str = "#8250df";
/// Line colours: the window's end, a decision point.
const WINDOW_END: &str = "#cf222e";
const DECISION: &str = "#9a6700";
const GRID: &str = "#eaeef2";
const MUTED: &str = "#57606a";

/// What each colour means, for a legend beside the picture: (colour, words).
pub(super) const LEGEND: [(&str, &str); 4] = [
    (NEUTRAL, "ends by hour 4"),
    (AMBER, "ends after hour 4"),
    (RED, "ends after the window's end"),
    (VALIDATION, "validation"),
];

/// One bar: a step or validation.
struct Bar {
    label: String,
    start_ms: u64,
    end_ms: u64,
    fill: &'static str,
    tip: String,
}

/// One vertical line: a decision point or the window's end.
struct Mark {
    ms: u64,
    label: String,
    tip: String,
    colour: &'static str,
    class: &'static str,
    dashed: bool,
}

/// The timeline of `p` as an `<svg>` element.
pub(super) fn svg(p: &Projection) -> Markup {
    let window_ms = p.window.length.as_seconds().saturating_mul(1000);
    let axis = axis_ms(p);
    let bars = bars(p, window_ms);
    let marks = marks(p, window_ms, axis);
    let rows_bottom = TOP + ROW * bars.len() as f64;
    let height = rows_bottom + BOTTOM;
    html! {
        svg class="timeline" xmlns="http://www.w3.org/2000/svg"
            viewBox={ "0 0 " (n0(WIDTH)) " " (n0(height)) } width="100%" role="img"
            aria-label="Projected cut-over timeline" font-family="system-ui, sans-serif"
            font-size="11" {
            (draw_hours(axis, rows_bottom))
            (draw_bars(&bars, axis))
            // The lines over the bars, the lengths over the lines, to stay legible.
            (draw_marks(&marks, axis, rows_bottom))
            (draw_lengths(&bars, axis))
        }
    }
}

/// A coordinate with one decimal, as every coordinate is printed.
fn n1(x: f64) -> String {
    format!("{x:.1}")
}

/// A size with no decimals.
fn n0(x: f64) -> String {
    format!("{x:.0}")
}

/// The hours of the axis: a grid line and a label each.
fn draw_hours(axis: u64, rows_bottom: f64) -> Markup {
    let hours = axis / HOUR_MS;
    let every = usize::try_from(tick_hours(hours)).unwrap_or(usize::MAX);
    html! {
        @for h in (0..=hours).step_by(every) {
            @let at = n1(scale(h.saturating_mul(HOUR_MS), axis));
            line x1=(at) x2=(at) y1=(n1(TOP - 4.0)) y2=(n1(rows_bottom)) stroke=(GRID) {}
            text x=(at) y=(n1(rows_bottom + 15.0)) text-anchor="middle" fill=(MUTED) { (h) "h" }
        }
    }
}

/// Where a bar sits: its row's top and its x from and to.
fn place(i: usize, bar: &Bar, axis: u64) -> (f64, f64, f64) {
    let row = TOP + ROW * i as f64;
    let (x1, x2) = (scale(bar.start_ms, axis), scale(bar.end_ms, axis));
    (row, x1, (x2 - x1).max(1.0))
}

/// Each bar with its name, one row each.
fn draw_bars(bars: &[Bar], axis: u64) -> Markup {
    html! {
        @for (i, bar) in bars.iter().enumerate() {
            @let (row, x1, width) = place(i, bar, axis);
            text x=(n1(PLOT_LEFT - 8.0)) y=(n1(row + ROW / 2.0 + 4.0)) text-anchor="end" {
                (shortened(&bar.label))
            }
            rect x=(n1(x1)) y=(n1(row + (ROW - BAR) / 2.0)) width=(n1(width)) height=(n1(BAR))
                rx="3" fill=(bar.fill) { title { (bar.tip) } }
        }
    }
}

/// Each bar's length beside it: after it, before it, or inside it.
fn draw_lengths(bars: &[Bar], axis: u64) -> Markup {
    html! {
        @for (i, bar) in bars.iter().enumerate() {
            @let (row, x1, width) = place(i, bar, axis);
            @let took = rounded(bar.end_ms.saturating_sub(bar.start_ms)).to_string();
            @let room = text_width(&took) + 8.0;
            @let (at, anchor, fill) = if WIDTH - (x1 + width) >= room {
                (x1 + width + 4.0, "start", MUTED)
            } else if x1 - PLOT_LEFT >= room {
                (x1 - 4.0, "end", MUTED)
            } else {
                (x1 + width - 4.0, "end", "#fff")
            };
            text x=(n1(at)) y=(n1(row + ROW / 2.0 + 4.0)) text-anchor=(anchor) fill=(fill) { (took) }
        }
    }
}

/// The vertical lines, their labels above them on one of two rows so
/// neighbours do not overlap.
fn draw_marks(marks: &[Mark], axis: u64, rows_bottom: f64) -> Markup {
    let mut right_ends = [f64::MIN; 2];
    let placed: Vec<(&Mark, f64, &str, usize)> = marks
        .iter()
        .map(|mark| {
            let at = scale(mark.ms, axis);
            let w = text_width(&mark.label);
            let (left, right, anchor) = if at + w / 2.0 > WIDTH - 2.0 {
                (at - w, at, "end")
            } else {
                (at - w / 2.0, at + w / 2.0, "middle")
            };
            let label_row = usize::from(left < right_ends[0] + 6.0);
            right_ends[label_row] = right;
            (mark, at, anchor, label_row)
        })
        .collect();
    html! {
        @for (mark, at, anchor, label_row) in placed {
            line class=(mark.class) x1=(n1(at)) x2=(n1(at)) y1=(n1(TOP - 4.0)) y2=(n1(rows_bottom))
                stroke=(mark.colour) stroke-width="2" stroke-dasharray=[mark.dashed.then_some("4 3")] {
                title { (mark.tip) }
            }
            text x=(n1(at)) y=(n1(12.0 + 14.0 * label_row as f64)) text-anchor=(anchor) fill=(mark.colour) {
                (mark.label)
            }
        }
    }
}

/// What the axis measures, in words.
pub(super) fn caption(p: &Projection) -> String {
    let mut caption = String::from("Hours from the window's opening");
    if let Some(opens) = p.window.clock(0) {
        let _ = write!(caption, " ({opens})");
    }
    caption.push_str("; hover a bar or a line for its times.");
    caption
}

/// The axis: the window or the end, whichever is later, rounded up to a
/// whole hour (at least one).
fn axis_ms(p: &Projection) -> u64 {
    let window_ms = p.window.length.as_seconds().saturating_mul(1000);
    let longest = window_ms.max(p.end_ms).max(1);
    longest.div_ceil(HOUR_MS).saturating_mul(HOUR_MS)
}

/// `ms` from the opening as an x coordinate on an axis of `axis` ms.
fn scale(ms: u64, axis: u64) -> f64 {
    let share = ms.min(axis) as f64 / axis.max(1) as f64;
    PLOT_LEFT + share * (PLOT_RIGHT - PLOT_LEFT)
}

/// Hours between two marks of the axis, so there are at most [`MAX_TICKS`].
fn tick_hours(hours: u64) -> u64 {
    let fits = |every: u64| hours.div_ceil(every) <= MAX_TICKS;
    [1, 2, 3, 4, 6, 8, 12, 24]
        .into_iter()
        .find(|&every| fits(every))
        .unwrap_or_else(|| hours.div_ceil(MAX_TICKS).div_ceil(24).saturating_mul(24))
}

/// A step per bar, then validation, each with its colour and tooltip.
fn bars(p: &Projection, window_ms: u64) -> Vec<Bar> {
    let fill = |end_ms: u64| {
        if end_ms > window_ms {
            RED
        } else if end_ms > DECISION_HOURS[0] * HOUR_MS {
            AMBER
        } else {
            NEUTRAL
        }
    };
    let mut bars: Vec<Bar> = p
        .steps
        .iter()
        .map(|step| {
            let (label, what) = match step.load.kind {
                LoadKind::Records => (step.load.name.clone(), "records"),
                LoadKind::Associations { .. } => (format!("{} (links)", step.load.name), "links"),
            };
            let mut tip = format!(
                "{}: {}; {} {what} in {}",
                step.load.name,
                span(p, step.start_ms, step.end_ms),
                grouped(step.load.records),
                calls(step.calls)
            );
            let pace = if step.pace == Pace::Rate { "the rate limit" } else { "the callers" };
            let _ = write!(tip, ", paced by {pace}");
            if step.waited_ms > 0 {
                let _ = write!(tip, "; waits {} for a daily cap", rounded(step.waited_ms));
            }
            Bar {
                label,
                start_ms: step.start_ms,
                end_ms: step.end_ms,
                fill: fill(step.end_ms),
                tip,
            }
        })
        .collect();
    let how = match p.validation {
        Validation::Declared { .. } => "declared",
        Validation::Measured { .. } => "measured, scaled to the full counts",
    };
    bars.push(Bar {
        label: "validation".to_string(),
        start_ms: p.load_end_ms,
        end_ms: p.end_ms,
        fill: VALIDATION,
        tip: format!(
            "validation: {}; {} ({how})",
            span(p, p.load_end_ms, p.end_ms),
            rounded(p.validation.ms())
        ),
    });
    bars
}

/// The decision points within the axis, then the window's end (a decision
/// point at the window's end is drawn once, as the end), in time order.
fn marks(p: &Projection, window_ms: u64, axis: u64) -> Vec<Mark> {
    let tip = |label: &str, ms: u64| match p.window.clock(ms) {
        Some(clock) => format!("{label}: +{} ({clock})", rounded(ms)),
        None => format!("{label}: +{}", rounded(ms)),
    };
    let mut marks: Vec<Mark> = DECISION_HOURS
        .iter()
        .map(|h| h * HOUR_MS)
        .filter(|&ms| ms <= axis && ms != window_ms)
        .map(|ms| {
            let label = format!("hour {}", ms / HOUR_MS);
            Mark {
                ms,
                tip: tip(&label, ms),
                label,
                colour: DECISION,
                class: "decision-point",
                dashed: true,
            }
        })
        .collect();
    let label = format!("window end {}", p.window.length);
    marks.push(Mark {
        ms: window_ms,
        tip: tip("window end", window_ms),
        label,
        colour: WINDOW_END,
        class: "window-end",
        dashed: false,
    });
    marks.sort_by_key(|m| m.ms);
    marks
}

/// `+0s (2027-03-13 18:00 GMT) → +2h 46m 40s (2027-03-13 20:46 GMT)`;
/// without the clock times when the window has no start.
fn span(p: &Projection, start_ms: u64, end_ms: u64) -> String {
    let at = |ms: u64| match p.window.clock(ms) {
        Some(clock) => format!("+{} ({clock})", rounded(ms)),
        None => format!("+{}", rounded(ms)),
    };
    format!("{} → {}", at(start_ms), at(end_ms))
}

/// A name cut to [`NAME_CHARS`] columns (a CJK character takes two), with
/// `…` when cut.
fn shortened(name: &str) -> String {
    super::columns::cut(name, NAME_CHARS)
}

/// About how wide `text` is drawn: a CJK character or an emoji as two.
fn text_width(text: &str) -> f64 {
    super::columns::width(text) as f64 * CHAR_WIDTH
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::facts::cutover_fixtures::{hubspot, window};
    use crate::facts::{Duration, Load, project};

    const ONE_HOUR: Validation = Validation::Declared { time: Duration::seconds(3600) };

    /// A load of `records` records, 100 a call.
    pub(in crate::report) fn records(name: &str, records: u64) -> Load {
        crate::facts::cutover_fixtures::records(name, records, 100)
    }

    /// With one caller at 1 s a call (slower than 100 calls per 10 s),
    /// each step takes a second per 100 records: 360,000 records an hour.
    pub(in crate::report) fn projection(window_hours: u64, loads: Vec<Load>) -> Projection {
        project(window(window_hours, 1, 0), hubspot(100, 250_000), loads, ONE_HOUR)
    }

    /// The `x1` of the first `<line class="…">`.
    fn line_x(svg: &str, class: &str) -> Option<String> {
        let from = svg.find(&format!("<line class=\"{class}\" x1=\""))?;
        let rest = &svg[from..].split_once("x1=\"")?.1;
        Some(rest.split('"').next()?.to_string())
    }

    #[test]
    fn one_bar_per_step_and_one_for_validation() {
        let p = projection(6, vec![records("companies", 40_000), records("contacts", 100_000)]);
        let svg = svg(&p).into_string();
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"), "{svg}");
        assert_eq!(svg.matches("<rect ").count(), 3, "{svg}");
        assert_eq!(svg.matches("<title>").count(), 3 + 2, "three bars, hour 4, window end");
        assert!(svg.contains(">companies</text>") && svg.contains(">validation</text>"));
        // companies: 400 calls at 1 s; contacts: 1,000 more; then 1 h of validation.
        assert!(svg.contains("<title>companies: +0s → +6m 40s; 40,000 records in 400 calls, paced by the callers</title>"), "{svg}");
        assert!(
            svg.contains("<title>validation: +23m 20s → +1h 23m 20s; 1h (declared)</title>"),
            "{svg}"
        );
    }

    #[test]
    fn a_hostile_step_name_is_escaped() {
        let p = projection(6, vec![records("<script>alert(\"x\")</script>", 100)]);
        let svg = svg(&p).into_string();
        assert!(!svg.contains("<script"), "{svg}");
        assert!(
            svg.contains("<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;: +0s"),
            "{svg}"
        );
    }

    #[test]
    fn the_window_end_line_sits_at_its_share_of_the_axis() {
        // 1,500,000 records: 15,000 calls at 1 s = 4h 10m, then 1 h of
        // validation: the end is 5h 10m, the axis 6 h, the 4 h window's end
        // at 4/6 of the 780 units from 160: 680.
        let p = projection(4, vec![records("contacts", 1_500_000)]);
        assert_eq!(p.end_ms, (15_000 + 3600) * 1000);
        let svg = svg(&p).into_string();
        assert_eq!(line_x(&svg, "window-end").as_deref(), Some("680.0"), "{svg}");
        assert!(svg.contains(">window end 4h</text>"), "{svg}");
        // Hour 4 is the window's end, drawn once; hour 8 is past the axis.
        assert_eq!(line_x(&svg, "decision-point"), None, "{svg}");
        assert!(svg.contains(">6h</text>") && !svg.contains(">7h</text>"), "{svg}");
        // The step ends past the window: red.
        assert!(svg.contains(&format!("fill=\"{RED}\"><title>contacts:")), "{svg}");
    }

    #[test]
    fn decision_points_are_drawn_within_the_axis() {
        // 3,060,000 records take 8h 30m; with validation 9h 30m: an axis of
        // 10 h, 78 units an hour.
        let p = projection(6, vec![records("contacts", 3_060_000)]);
        let svg = svg(&p).into_string();
        assert_eq!(line_x(&svg, "window-end").as_deref(), Some("628.0"), "{svg}");
        let decisions: Vec<&str> = svg
            .match_indices("<line class=\"decision-point\" x1=\"")
            .map(|(i, m)| svg[i + m.len()..].split('"').next().unwrap_or_default())
            .collect();
        assert_eq!(decisions, ["472.0", "784.0"], "{svg}");
        assert!(svg.contains(">hour 4</text>") && svg.contains(">hour 8</text>"), "{svg}");
        // A short load: within hour 4, and the axis is the window's 6 h.
        let p = projection(6, vec![records("contacts", 360_000)]);
        let svg = super::svg(&p).into_string();
        assert!(svg.contains(">hour 4</text>") && !svg.contains(">hour 8</text>"), "{svg}");
        assert_eq!(line_x(&svg, "window-end").as_deref(), Some("940.0"), "{svg}");
        assert!(svg.contains(&format!("fill=\"{NEUTRAL}\"><title>contacts:")), "{svg}");
    }

    #[test]
    fn a_step_past_hour_4_is_amber_and_validation_has_its_own_colour() {
        // 5 h of contacts in an 8 h window.
        let p = projection(8, vec![records("contacts", 1_800_000)]);
        let svg = svg(&p).into_string();
        assert!(svg.contains(&format!("fill=\"{AMBER}\"><title>contacts:")), "{svg}");
        assert!(svg.contains(&format!("fill=\"{VALIDATION}\"><title>validation:")), "{svg}");
    }

    #[test]
    fn tooltips_give_clock_times_when_the_window_has_a_start() {
        use chrono::TimeZone as _;
        let mut p = projection(6, vec![records("contacts", 360_000)]);
        p.window.start = chrono_tz::Europe::London.with_ymd_and_hms(2027, 3, 13, 18, 0, 0).single();
        let svg = svg(&p).into_string();
        assert!(
            svg.contains(
                "<title>contacts: +0s (2027-03-13 18:00 GMT) → +1h (2027-03-13 19:00 GMT); 360,000 records in 3,600 calls"
            ),
            "{svg}"
        );
        assert!(svg.contains("<title>window end: +6h (2027-03-14 00:00 GMT)</title>"), "{svg}");
        assert!(caption(&p).contains("(2027-03-13 18:00 GMT)"));
    }

    #[test]
    fn a_multi_day_axis_marks_whole_days() {
        assert_eq!(tick_hours(6), 1);
        assert_eq!(tick_hours(13), 2);
        assert_eq!(tick_hours(100), 12);
        assert_eq!(tick_hours(400), 48);
        assert!(tick_hours(u64::MAX / HOUR_MS) > 0);
    }
}
