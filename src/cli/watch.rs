//! Drawing a rehearsal for whoever runs it, from the library's events: on
//! standard error, a bar over the rows and bytes of each large file while it
//! loads and a summary line once it is done, then one spinner line naming
//! what runs after the load (indexes, references, each trigger …); and the
//! phase timings `SHADOW_IMPORT_TIMINGS` asks for.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use indicatif::{DecimalBytes, MultiProgress, ProgressBar, ProgressStyle};
use shadow_import::observe::{FileDone, LoadFile, Observer, Phase, Progress};
use shadow_import::report::words::grouped;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Files smaller than this load in a blink: no bar. A rehearsal whose files
/// add up to less shows no stage line either.
const BAR_FROM_BYTES: u64 = 8 << 20;

/// The columns a file's name takes on its bar and summary line, on a
/// terminal wide enough.
const LABEL_WIDTH: usize = 26;

/// The fewest columns a file's name is cut to on a narrow terminal.
const MIN_LABEL_WIDTH: usize = 12;

/// The columns of a file bar besides its name and the bar itself, at most
/// (`⠁ ` and ` 1,000,000 rows  175.88 MB/175.88 MB  14s`).
const BAR_LINE_REST: usize = 2 + 2 + 14 + 2 + 19 + 2 + 3;

/// The columns of a summary line besides the file's name, for a file of a
/// million rows (`✔ ` and `  1,000,000 rows (998,812 loaded, 1,188
/// rejected)  175.88 MB  16.5 s`): what the name gives way to.
const SUMMARY_LINE_REST: usize = 2 + (2 + 47) + (2 + 9) + (2 + 6);

/// The fewest columns a file's bar gets before its name is cut.
const MIN_BAR_WIDTH: usize = 10;

/// The columns of the stage line besides its message: the spinner and the
/// clock (`⠁ ` and `  1m 5s`).
const STAGE_LINE_REST: usize = 2 + 2 + 6;

/// How often the stage line's spinner turns.
const TICK: Duration = Duration::from_millis(100);

/// The observer for these wishes, or none when neither is asked for.
pub fn observer(bars: bool, timings: bool) -> Option<Arc<dyn Observer>> {
    let triggers = shadow_import::run::trigger_ids().count();
    match (bars, timings) {
        (false, false) => None,
        (true, false) => Some(Arc::new(Bars::new(triggers))),
        (false, true) => Some(Arc::new(Timings { bars: None })),
        (true, true) => {
            let bars = Bars::new(triggers);
            let timings = Timings { bars: Some(bars.bars.clone()) };
            Some(Arc::new(Both(bars, timings)))
        }
    }
}

/// A bar over each large file while it loads, its summary line once done,
/// and the stage line.
struct Bars {
    bars: MultiProgress,
    /// Each loading file that has a bar, by object.
    loading: Mutex<HashMap<String, Loading>>,
    stages: Mutex<Stages>,
    /// How many triggers a rehearsal evaluates.
    triggers: usize,
}

/// A loading file's bar and the rows it has read.
struct Loading {
    bar: ProgressBar,
    rows: u64,
}

impl Bars {
    fn new(triggers: usize) -> Bars {
        Bars {
            bars: MultiProgress::new(),
            loading: Mutex::new(HashMap::new()),
            stages: Mutex::new(Stages::default()),
            triggers,
        }
    }

    fn loading(&self) -> MutexGuard<'_, HashMap<String, Loading>> {
        self.loading.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn stages(&self) -> MutexGuard<'_, Stages> {
        self.stages.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A new file bar, above the stage line if there is one.
    fn file_bar(&self, file: &LoadFile) -> ProgressBar {
        // Into the bars before it is styled: a bar draws on its own until then.
        let line = self.stages().line.clone();
        let bar = match line {
            Some(line) => self.bars.insert_before(&line, ProgressBar::new(file.bytes)),
            None => self.bars.add(ProgressBar::new(file.bytes)),
        };
        bar.set_style(style(
            "{spinner} {prefix} {wide_bar} {msg:>9} rows  {decimal_bytes}/{decimal_total_bytes}  {eta}",
        ));
        let room = columns().saturating_sub(BAR_LINE_REST + MIN_BAR_WIDTH);
        bar.set_prefix(label(&file.file, room.clamp(MIN_LABEL_WIDTH, LABEL_WIDTH)));
        bar.set_message("0");
        bar
    }

    /// Shows what `stages` says runs, or clears the stage line when nothing
    /// does (or the rehearsal is too small to be worth one).
    fn redraw(&self, stages: &mut Stages) {
        let message =
            if stages.bytes >= BAR_FROM_BYTES { stages.message(self.triggers) } else { None };
        match message {
            None => {
                if let Some(line) = stages.line.take() {
                    line.finish_and_clear();
                    self.bars.remove(&line);
                }
                stages.shown = None;
            }
            Some((first, message)) => {
                let line = stages.line.get_or_insert_with(|| {
                    let line = self.bars.add(ProgressBar::new_spinner());
                    line.set_style(style("{spinner} {msg}  {elapsed}"));
                    line.enable_steady_tick(TICK);
                    line
                });
                if stages.shown.as_deref() != Some(first.as_str()) {
                    line.reset_elapsed();
                    stages.shown = Some(first);
                }
                line.set_message(middle_truncated(
                    &message,
                    columns().saturating_sub(STAGE_LINE_REST),
                ));
            }
        }
    }
}

/// The style of `template`, which is ours and valid.
fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar())
}

impl Observer for Bars {
    fn file_started(&self, file: &LoadFile) {
        self.stages().bytes += file.bytes;
        if file.bytes < BAR_FROM_BYTES {
            return;
        }
        let bar = self.file_bar(file);
        self.loading().insert(file.object.clone(), Loading { bar, rows: 0 });
    }

    fn file_read(&self, file: &LoadFile, read: Progress) {
        if file.bytes >= BAR_FROM_BYTES
            && let Some(loading) = self.loading().get_mut(&file.object)
        {
            loading.rows = read.rows;
            loading.bar.set_message(grouped(read.rows));
            loading.bar.set_position(read.bytes);
        }
    }

    fn file_done(&self, file: &LoadFile, done: FileDone) {
        let loading = self.loading().remove(&file.object);
        if let Some(Loading { bar, rows }) = loading {
            bar.finish_and_clear();
            self.bars.remove(&bar);
            // Nothing to do if standard error is gone.
            let _ = self.bars.println(summary(file, done, rows, columns()));
        }
    }

    fn phase_started(&self, phase: Phase<'_>) {
        let mut stages = self.stages();
        stages.started(phase);
        self.redraw(&mut stages);
    }

    fn phase_done(&self, phase: Phase<'_>, _: Duration) {
        let mut stages = self.stages();
        stages.done(phase);
        self.redraw(&mut stages);
    }
}

/// What runs besides and after the load, for the stage line.
#[derive(Default)]
struct Stages {
    /// Bytes of the files this rehearsal has started loading.
    bytes: u64,
    /// The stages running other than triggers, oldest first, each with how
    /// many run at once (every loading thread indexes its own tables).
    running: Vec<(String, usize)>,
    /// The triggers running, oldest first.
    checking: Vec<String>,
    /// Triggers done, while the triggers run.
    checked: Option<usize>,
    /// The stage line, while it shows.
    line: Option<ProgressBar>,
    /// The stage the line's clock counts from.
    shown: Option<String>,
}

impl Stages {
    fn started(&mut self, phase: Phase<'_>) {
        match phase {
            // A rehearsal starts (`test` rehearses one scenario after another).
            Phase::Load => {
                self.bytes = 0;
                self.checked = None;
            }
            Phase::LoadFiles => {}
            Phase::Triggers => self.checked = Some(0),
            Phase::Trigger(id) => self.checking.push(id.to_string()),
            other => {
                let label = stage_label(other);
                match self.running.iter_mut().find(|(l, _)| *l == label) {
                    Some((_, n)) => *n += 1,
                    None => self.running.push((label, 1)),
                }
            }
        }
    }

    fn done(&mut self, phase: Phase<'_>) {
        match phase {
            Phase::Load | Phase::LoadFiles => {}
            Phase::Triggers => self.checked = None,
            Phase::Trigger(id) => {
                if let Some(at) = self.checking.iter().position(|c| c == id) {
                    self.checking.remove(at);
                }
                if let Some(done) = &mut self.checked {
                    *done += 1;
                }
            }
            other => {
                let label = stage_label(other);
                if let Some(at) = self.running.iter().position(|(l, _)| *l == label) {
                    self.running[at].1 -= 1;
                    if self.running[at].1 == 0 {
                        self.running.remove(at);
                    }
                }
            }
        }
    }

    /// The stage line for what runs (`triggers` being how many a rehearsal
    /// evaluates), with the stage its clock counts from; `None` when
    /// nothing runs.
    fn message(&self, triggers: usize) -> Option<(String, String)> {
        let mut parts: Vec<String> = self
            .running
            .iter()
            .map(
                |(label, n)| {
                    if *n > 1 { format!("{label} (on {n} threads)") } else { label.clone() }
                },
            )
            .collect();
        let mut first = self.running.first().map(|(label, _)| label.clone());
        if let Some(done) = self.checked {
            let count = format!("{done} of {triggers} triggers done");
            if !self.checking.is_empty() {
                parts.push(format!("checking {} ({count})", self.checking.join(", ")));
            } else if parts.is_empty() {
                parts.push(format!("checking ({count})"));
            }
            first.get_or_insert_with(|| "checking".to_string());
        }
        Some((first?, parts.join(" · ")))
    }
}

/// What the stage line says `phase` is doing.
fn stage_label(phase: Phase<'_>) -> String {
    match phase {
        Phase::IndexReferences => "indexing references".into(),
        Phase::ResolveReferences => "resolving references".into(),
        Phase::Coverage => "reading value-map coverage".into(),
        Phase::Rejects => "writing rejects".into(),
        Phase::FixList => "writing the fix list".into(),
        Phase::KeepShadow => "writing the shadow database".into(),
        other => other.name().into(),
    }
}

/// The columns a line on standard error may take: the terminal's width
/// less one (a line that fills the last column wraps on some terminals).
fn columns() -> usize {
    let (_, columns) = console::Term::stderr().size_checked().unwrap_or((24, 80));
    usize::from(columns).saturating_sub(1)
}

/// A file's name for its bar and summary line: its last component, with
/// control characters escaped, cut in the middle to `width` columns and
/// padded to them.
fn label(file: &str, width: usize) -> String {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let name = middle_truncated(&shadow_import::error::printable(name), width);
    let pad = width.saturating_sub(name.width());
    format!("{name}{}", " ".repeat(pad))
}

/// `text` in at most `width` terminal columns: whole if it fits, else its
/// start and its end with `…` between, the end keeping the odd column
/// (`OpportunityCo…ContactRole.csv`). Wide characters count two columns.
fn middle_truncated(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let Some(room) = width.checked_sub(1) else {
        return String::new();
    };
    let columns = |c: char| c.width().unwrap_or(0);
    let mut tail_at = text.len();
    let mut tail = 0;
    for (at, c) in text.char_indices().rev() {
        if tail + columns(c) > room.div_ceil(2) {
            break;
        }
        tail += columns(c);
        tail_at = at;
    }
    // A combining mark whose letter did not fit goes too.
    while let Some(c) = text[tail_at..].chars().next().filter(|c| columns(*c) == 0) {
        tail_at += c.len_utf8();
    }
    let mut head_to = 0;
    let mut head = 0;
    for (at, c) in text.char_indices() {
        if head + columns(c) > room - tail || at >= tail_at {
            break;
        }
        head += columns(c);
        head_to = at + c.len_utf8();
    }
    format!("{}…{}", &text[..head_to], &text[tail_at..])
}

/// The line a file leaves once done, in `columns`: `✔ Contact.csv
/// 1,000,000 rows (998,812 loaded, 1,188 rejected)  212.00 MB  5.7 s`, or
/// `✘` and how far it read when it failed (its error follows). On a narrow
/// terminal the name is cut first (alike on every line), then the size left
/// out.
fn summary(file: &LoadFile, done: FileDone, read: u64, columns: usize) -> String {
    let (mark, rows) = match done.rows {
        Some(rows) => (
            '✔',
            format!(
                "{} rows ({} loaded, {} rejected)",
                grouped(rows.read),
                grouped(rows.loaded),
                grouped(rows.rejected)
            ),
        ),
        None => ('✘', format!("not loaded, {} rows read", grouped(read))),
    };
    let size = DecimalBytes(file.bytes).to_string();
    let took = format!("{:.1} s", done.took.as_secs_f64());
    // `✔ `, the name, then two spaces before each part.
    let line_width =
        |name: usize, parts: &[&str]| 2 + name + parts.iter().map(|p| 2 + p.width()).sum::<usize>();
    // The same name width for every line on a terminal, so they align.
    let mut width = columns.saturating_sub(SUMMARY_LINE_REST).clamp(MIN_LABEL_WIDTH, LABEL_WIDTH);
    let mut parts = vec![rows.as_str(), &size, &took];
    if line_width(width, &parts) > columns {
        parts.remove(1);
    }
    if line_width(width, &parts) > columns {
        width = columns.saturating_sub(line_width(0, &parts)).clamp(MIN_LABEL_WIDTH, width);
    }
    format!("{mark} {}  {}", label(&file.file, width), parts.join("  "))
}

/// Each phase's duration on standard error, and each file's load; above the
/// bars when they draw.
struct Timings {
    bars: Option<MultiProgress>,
}

impl Timings {
    fn line(&self, what: &dyn std::fmt::Display, took: Duration) {
        let print = || eprintln!("{what:>24}: {:>8.3} s", took.as_secs_f64());
        match &self.bars {
            Some(bars) => bars.suspend(print),
            None => print(),
        }
    }
}

impl Observer for Timings {
    fn file_done(&self, file: &LoadFile, done: FileDone) {
        if done.rows.is_some() {
            self.line(
                &format!("load {}", shadow_import::error::printable(&file.object)),
                done.took,
            );
        }
    }

    fn phase_done(&self, phase: Phase<'_>, took: Duration) {
        self.line(&phase, took);
    }
}

/// Two observers told the same events.
struct Both<A, B>(A, B);

impl<A: Observer, B: Observer> Observer for Both<A, B> {
    fn file_started(&self, file: &LoadFile) {
        self.0.file_started(file);
        self.1.file_started(file);
    }

    fn file_read(&self, file: &LoadFile, read: Progress) {
        self.0.file_read(file, read);
        self.1.file_read(file, read);
    }

    fn file_done(&self, file: &LoadFile, done: FileDone) {
        self.0.file_done(file, done);
        self.1.file_done(file, done);
    }

    fn phase_started(&self, phase: Phase<'_>) {
        self.0.phase_started(phase);
        self.1.phase_started(phase);
    }

    fn phase_done(&self, phase: Phase<'_>, took: Duration) {
        self.0.phase_done(phase, took);
        self.1.phase_done(phase, took);
    }
}

#[cfg(test)]
mod tests {
    use shadow_import::observe::Rows;

    use super::*;

    #[test]
    fn a_name_that_fits_is_kept_whole() {
        assert_eq!(middle_truncated("Contact.csv", 26), "Contact.csv");
        assert_eq!(
            middle_truncated("OpportunityContactRole.csv", 26),
            "OpportunityContactRole.csv"
        );
    }

    #[test]
    fn a_long_name_loses_its_middle_and_keeps_its_extension() {
        let cut = middle_truncated("OpportunityContactRole.csv", 20);
        assert_eq!(cut, "Opportuni…ctRole.csv");
        assert_eq!(cut.width(), 20);
        let cut = middle_truncated("data/OpportunityContactRole.csv", 29);
        assert_eq!(cut, "data/Opportuni…ontactRole.csv");
        assert_eq!(cut.width(), 29);
    }

    #[test]
    fn wide_characters_count_two_columns() {
        // Thirteen CJK characters and `.csv`: 17 characters, 30 columns.
        let name = "顧客連絡先一覧表二〇二四年.csv";
        assert_eq!(name.width(), 30);
        let cut = middle_truncated(name, 13);
        assert_eq!(cut, "顧客連…年.csv");
        assert_eq!(cut.width(), 13);
        // A column a wide character cannot use stays empty, never overflows.
        let cut = middle_truncated(name, 12);
        assert_eq!(cut, "顧客…年.csv");
        assert_eq!(cut.width(), 11);
    }

    #[test]
    fn a_combining_mark_is_not_kept_without_its_letter() {
        // `é` as `e` + U+0301: the end has room for `.csv` and the accent
        // of the `é` before it, not for its `e`.
        let name = "Re\u{301}sume\u{301}.csv";
        assert_eq!(middle_truncated(name, 8), "Re\u{301}s….csv");
    }

    #[test]
    fn no_room_means_nothing_or_the_ellipsis() {
        assert_eq!(middle_truncated("Contact.csv", 0), "");
        assert_eq!(middle_truncated("Contact.csv", 1), "…");
    }

    #[test]
    fn the_label_is_the_file_name_padded_to_its_columns() {
        assert_eq!(label("data/Contact.csv", 26), format!("Contact.csv{}", " ".repeat(15)));
        let long = label("exports/OpportunityLineItemSchedule.csv", 26);
        assert_eq!(long, "OpportunityL…mSchedule.csv");
        assert!(label("data/Con\u{1b}tact.csv", 26).starts_with("Con\\u{1b}tact.csv"));
    }

    fn contacts() -> LoadFile {
        LoadFile { object: "contacts".into(), file: "data/Contact.csv".into(), bytes: 212_000_000 }
    }

    fn loaded() -> FileDone {
        let rows = Rows { read: 1_000_000, loaded: 998_812, rejected: 1_188 };
        FileDone { rows: Some(rows), took: Duration::from_millis(5_730) }
    }

    #[test]
    fn a_finished_file_leaves_its_accounting() {
        let line = summary(&contacts(), loaded(), 1_000_000, 119);
        let counts = "1,000,000 rows (998,812 loaded, 1,188 rejected)";
        let padded = format!("Contact.csv{}", " ".repeat(15));
        assert_eq!(line, format!("✔ {padded}  {counts}  212.00 MB  5.7 s"));
        let failed = FileDone { rows: None, took: Duration::from_millis(1_260) };
        let line = summary(&contacts(), failed, 16_384, 119);
        assert_eq!(line, format!("✘ {padded}  not loaded, 16,384 rows read  212.00 MB  1.3 s"));
    }

    #[test]
    fn on_a_narrow_terminal_the_name_is_cut_then_the_size_left_out() {
        let long =
            LoadFile { file: "data/OpportunityContactRole_Export_2024.csv".into(), ..contacts() };
        // 2 + 12 + 2 + 47 + 2 + 9 + 2 + 5 = 81 columns with the size.
        let line = summary(&long, loaded(), 0, 81);
        assert_eq!(line.width(), 81, "{line}");
        assert!(line.starts_with("✔ Oppor…24.csv  1,000,000 rows"), "{line}");
        assert!(line.ends_with("  212.00 MB  5.7 s"), "{line}");
        // One column less: the size goes.
        let line = summary(&long, loaded(), 0, 80);
        assert_eq!(line.width(), 70, "{line}");
        assert!(line.starts_with("✔ Oppor…24.csv  1,000,000 rows"), "{line}");
        assert!(!line.contains("MB") && line.ends_with(" rejected)  5.7 s"), "{line}");
        // Lines of smaller files keep their size, and the same name width.
        let deals =
            LoadFile { file: "data/Opportunity.csv".into(), bytes: 79_410_000, ..contacts() };
        let rows = Rows { read: 500_000, loaded: 500_000, rejected: 0 };
        let done = FileDone { rows: Some(rows), took: Duration::from_millis(4_200) };
        let line = summary(&deals, done, 0, 80);
        assert_eq!(
            line,
            "✔ Oppor…ty.csv  500,000 rows (500,000 loaded, 0 rejected)  79.41 MB  4.2 s"
        );
        // Narrower than the counts alone: the line wraps, the name keeps 12 columns.
        let line = summary(&long, loaded(), 0, 40);
        assert!(line.starts_with("✔ Oppor…24.csv  1,000,000"), "{line}");
    }

    #[test]
    fn the_stage_line_names_what_runs_after_the_load() {
        let mut stages = Stages::default();
        assert_eq!(stages.message(20), None);
        stages.started(Phase::Load);
        stages.started(Phase::LoadFiles);
        assert_eq!(stages.message(20), None, "loading files shows bars, not a stage");
        stages.started(Phase::IndexReferences);
        stages.started(Phase::IndexReferences);
        let shown = stages.message(20).unwrap();
        assert_eq!(shown.1, "indexing references (on 2 threads)");
        stages.done(Phase::IndexReferences);
        assert_eq!(stages.message(20).unwrap().1, "indexing references");
        stages.done(Phase::IndexReferences);
        stages.done(Phase::LoadFiles);
        stages.done(Phase::Load);
        assert_eq!(stages.message(20), None);

        stages.started(Phase::Triggers);
        stages.started(Phase::ResolveReferences);
        assert_eq!(
            stages.message(20).unwrap(),
            ("resolving references".into(), "resolving references".into())
        );
        stages.done(Phase::ResolveReferences);
        assert_eq!(stages.message(20).unwrap().1, "checking (0 of 20 triggers done)");
        stages.started(Phase::Trigger("lost_digits"));
        stages.started(Phase::Trigger("primary_link"));
        stages.done(Phase::Trigger("lost_digits"));
        stages.started(Phase::Trigger("orphan_reference"));
        let (first, message) = stages.message(20).unwrap();
        assert_eq!(message, "checking primary_link, orphan_reference (1 of 20 triggers done)");
        assert_eq!(first, "checking", "the clock runs from the first trigger, not each");
        stages.done(Phase::Trigger("primary_link"));
        stages.done(Phase::Trigger("orphan_reference"));
        stages.done(Phase::Triggers);
        assert_eq!(stages.message(20), None);
        stages.started(Phase::Rejects);
        assert_eq!(stages.message(20).unwrap().1, "writing rejects");
    }
}
