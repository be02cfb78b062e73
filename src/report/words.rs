//! The words of every report: the sentence that says what a result
//! measured, the note and the line of an example, a value and a threshold
//! in their unit, the integrity checks under the row accounting, how a
//! rehearsal differs from its `[expect]`. Each is written here once from
//! the facts, so a check reads the same in the terminal, Markdown, JUnit,
//! HTML, JSON, the plan and a suite run.

use std::fmt::Write as _;

use super::{FieldRegion, FieldZone, Mismatch, NullTokenList, Report, RowTotals, TokenCells};
use crate::facts::{
    Amount, BlankedExample, Counted, Example, ForeignIds, KeyColumn, Limit, Link, Measurement,
    Note, PlaceholderKind, Placeholders, Status, TriggerResult, Unmeasurable, format_percent,
};
use crate::facts::{Arrival, Budget, Change, DigitLoss, SpreadsheetKind, TrimmedIds};
use crate::facts::{Evidence, InputFile, MapCoverage};
use crate::scenario::{RegionOrigin, ZoneOrigin};

/// Widest value shown in an example before it is cut, in terminal columns.
pub const VALUE_WIDTH: usize = 60;

/// What the report says when a file's rows do not add up.
pub const ROWS_DO_NOT_ADD_UP: &str = "ROWS DO NOT ADD UP";

/// What a result measured, in a sentence: `1104 of 4800 deals have no
/// contacts through deals.contact`.
pub fn measure(result: &TriggerResult) -> String {
    if let Some(why) = &result.unmeasurable {
        return not_measurable(why);
    }
    let (count, total) = match result.measurement {
        Measurement::Share { count, total } => (count, total),
        Measurement::Time(time) => {
            return match &result.counted {
                Counted::Time { of } => takes(of, &time.to_string()),
                _ => time.to_string(),
            };
        }
    };
    let of = format!("{count} of {total}");
    match &result.counted {
        Counted::RejectedRows if total == 0 => "the file has a header but no rows".to_string(),
        Counted::RejectedRows => format!("{of} rows rejected"),
        Counted::UnlinkedParents { parent, link, merged: 0 } => {
            format!("{of} {parent} have no {}", link_words(link))
        }
        Counted::UnlinkedParents { parent, link, merged } => format!(
            "{of} {parent} have no {} (counted after the destination's merges: {merged} merged \
             {parent} bring their links to the row they merge into)",
            link_words(link)
        ),
        Counted::BlankValues { object, field, tokens, placeholders } => {
            blank_measure(&of, object, field, *tokens, *placeholders)
        }
        Counted::DamagedRows { kinds } if kinds.is_empty() => format!("{of} rows damaged"),
        Counted::DamagedRows { kinds } => {
            let kinds: Vec<String> =
                kinds.iter().map(|k| format!("{}: {}", k.kind, quantity(k.rows, ROWS))).collect();
            format!("{of} rows damaged ({})", kinds.join(", "))
        }
        Counted::UnresolvedReferences { targets, elsewhere } => {
            let mut sentence =
                format!("{of} references to {} resolve to nothing", targets.join(" or "));
            if !elsewhere.is_empty() {
                let each: Vec<String> = elsewhere.iter().map(foreign_ids).collect();
                sentence.push_str(&format!("; {}", each.join(", ")));
            }
            sentence
        }
        Counted::RejectedTargets { targets } => format!(
            "{of} references to {} point at rows in the export that were rejected (not orphans)",
            targets.join(" or ")
        ),
        Counted::RepeatedLinks => {
            format!("{of} links repeat an earlier link between the same rows")
        }
        Counted::WrongPrimaries { end, junction, column } => format!(
            "{of} {end} with links in {junction} have no primary link or more than one ({column})"
        ),
        Counted::CyclicRows { object, field } => {
            format!("{of} {object} lead back to themselves through {field}")
        }
        Counted::UnmappedValues { distinct, map } => {
            format!("{of} rows hold one of {distinct} values missing from map `{map}`")
        }
        Counted::UnmappedFiles => format!("{of} export files are read by no object or junction"),
        Counted::UnaccountedRows => format!("{of} source rows are neither loaded nor rejected"),
        Counted::ChangedCharacters => {
            format!("{of} non-ASCII characters did not arrive unchanged or are stored damaged")
        }
        Counted::Time { of: what } => takes(what, &of),
        Counted::Budget(budget) => budget_measure(*budget, count, total),
        Counted::SpreadsheetDamage { .. } | Counted::LostDigits { .. } => {
            spreadsheet_measure(&result.counted, &of)
        }
        Counted::Arrival(arrival) => arrival_measure(arrival, count, total),
        Counted::MergedRows { .. }
        | Counted::DuplicateValues { .. }
        | Counted::RuleFailures { .. } => destination_measure(&result.counted, &of),
    }
}

/// What a migration-day result measured.
fn arrival_measure(arrival: &Arrival, count: u64, total: u64) -> String {
    match arrival {
        Arrival::Rows { object, found } => format!(
            "{found} {object} in the destination's export, {total} expected (the baseline's \
             loaded rows): {count} off"
        ),
        Arrival::PipelineStages { object } => format!(
            "{count} of {total} open-pipeline stages of {object} differ in count or sum from the baseline"
        ),
        Arrival::SampledRecords { object } => format!(
            "{count} of {total} sampled {object} are missing or differ from the source through the mapping"
        ),
        Arrival::Automation { object, field, value } => format!(
            "{count} of {total} sampled {object} had {field} changed after the load to `{value}`, \
             likely by automation: check that it is suppressed with a test batch"
        ),
        Arrival::LoaderDataErrors { object } => {
            format!(
                "{count} of {total} {object} refused by the destination's loader for their data"
            )
        }
        Arrival::LoaderPlatformErrors { object } => format!(
            "{count} of {total} {object} refused by the destination's loader for a platform error: \
             a platform issue, not a data issue (system instability's evidence)"
        ),
        Arrival::WindowChanges => format!(
            "{count} records created, changed or deleted in the destination during the window \
             ({total} at the load's end)"
        ),
    }
}

/// The cut-over's arithmetic, a line per step, then validation and the end:
/// `contacts: 1000000 records / 100 per call = 10000 calls; 190 per 10s → 8m 46s`.
pub fn cutover_lines(p: &crate::facts::Projection) -> Vec<String> {
    use crate::facts::{LoadKind, Pace, Validation, rounded};
    let window_ms = p.window.length.as_seconds() * 1000;
    let mut head = format!("{}; window {}", p.api.title, p.window.length);
    if let (Some(opens), Some(closes)) = (p.window.clock(0), p.window.clock(window_ms)) {
        let _ = write!(head, " from {opens} to {closes}");
    }
    let mut lines = vec![head];
    for step in &p.steps {
        let what = match &step.load.kind {
            LoadKind::Records => "records",
            LoadKind::Associations { .. } => "links",
        };
        let mut line = format!(
            "{}: {} {what} / {} per call = {}",
            step.load.name,
            grouped(step.load.records),
            grouped(step.load.per_call),
            calls(step.calls)
        );
        if let (Some(ms), Some(rate)) = (step.rate_ms, &p.api.rate) {
            let _ = write!(line, "; {} per {}", grouped(rate.value.calls), rate.value.per);
            if p.window.others.as_hundredths() > 0 {
                let _ = write!(line, " less {}", p.window.others);
            }
            let _ = write!(line, " → {}", rounded(ms));
        }
        let _ = write!(
            line,
            "; {} callers at {} ms a call → {}",
            grouped(p.window.concurrency),
            grouped(p.api.call_ms.value),
            rounded(step.callers_ms)
        );
        let pace = if step.pace == Pace::Rate { "the rate limit" } else { "the callers" };
        let _ = write!(line, " (pace: {pace})");
        if step.waited_ms > 0 {
            let _ = write!(line, "; waits {} for a daily cap", rounded(step.waited_ms));
        }
        let _ = write!(line, "; ends at +{}", rounded(step.end_ms));
        if let Some(clock) = p.window.clock(step.end_ms) {
            let _ = write!(line, " ({clock})");
        }
        lines.push(line);
    }
    let how = match p.validation {
        Validation::Declared { .. } => "declared",
        Validation::Measured { .. } => "measured, scaled to the full counts",
    };
    let mut line = format!(
        "validation: {} ({how}); ends at +{}",
        rounded(p.validation.ms()),
        rounded(p.end_ms)
    );
    if let Some(clock) = p.window.clock(p.end_ms) {
        let _ = write!(line, " ({clock})");
    }
    lines.push(line);
    if p.window.others.as_hundredths() > 0 {
        lines.push(format!("other integrations use {} of every budget", p.window.others));
    }
    lines
}

/// `1 call`, `10,000 calls`.
pub(super) fn calls(n: u64) -> String {
    format!("{} {}", grouped(n), if n == 1 { "call" } else { "calls" })
}

/// A count with thousands separators: `1,000,000`.
pub fn grouped(n: u64) -> String {
    use num_format::{Locale, ToFormattedString};
    n.to_formatted_string(&Locale::en)
}

/// The measure of `api_budget`: `40,500 calls needed of 37,500 a day allows`.
fn budget_measure(budget: Budget, needed: u64, allowed: u64) -> String {
    let (what, by) = match budget {
        Budget::DayCalls => ("calls", "a day allows"),
        Budget::WindowCalls => ("calls", "the rate limit allows within the window"),
        Budget::DayRecords => ("records", "a day allows"),
    };
    let (needed, allowed) = (grouped(needed), grouped(allowed));
    format!("{needed} {what} needed of {allowed} {by}, after other integrations' share")
}

/// The measure of `spreadsheet_damage` and `lost_digits`, `of` being
/// `12 of 400`.
fn spreadsheet_measure(counted: &Counted, of: &str) -> String {
    match counted {
        Counted::SpreadsheetDamage { columns } => {
            let each: Vec<String> = columns
                .iter()
                .map(|c| {
                    let what = match c.kind {
                        SpreadsheetKind::DestroyedId => {
                            ("id in scientific notation", "ids in scientific notation")
                        }
                        SpreadsheetKind::RewrittenDate => ("rewritten date", "rewritten dates"),
                    };
                    format!("{}: {}", c.column, quantity(c.rows, what))
                })
                .collect();
            format!("{of} rows hold values a spreadsheet destroyed ({})", each.join("; "))
        }
        Counted::LostDigits { loss: DigitLoss::CutTo15 } => format!(
            "{of} values have 16 or more digits, all zeros past the 15th: a spreadsheet likely cut them to 15 significant digits"
        ),
        Counted::LostDigits { loss: DigitLoss::LeadingZeros { digits } } => format!(
            "{of} values have fewer digits than the {digits} most of the column have: a spreadsheet may have dropped leading zeros"
        ),
        _ => of.to_string(),
    }
}

/// `the cut-over takes 5h 30m`.
fn takes(what: &str, amount: &str) -> String {
    format!("{what} takes {amount}")
}

/// What a result measured with its value and thresholds:
/// `12 of 40 loaded contacts have no email (12 rows, fail > 10 rows)`.
pub fn measured(result: &TriggerResult) -> String {
    if result.unmeasurable.is_some() {
        return format!("{} ({})", measure(result), limits(result));
    }
    format!("{} ({}, {})", measure(result), amount(result), limits(result))
}

/// What a result that measured nothing says instead of its measure.
pub fn not_measurable(why: &Unmeasurable) -> String {
    format!(
        "{NOT_MEASURABLE}: all {} rows of {} were rejected, so there is nothing to measure",
        why.rejected, why.object
    )
}

/// The mark of a fail-level result whose population rejects emptied.
pub const NOT_MEASURABLE: &str = "NOT MEASURABLE";

/// A result in one phrase, for one-line listings: `critical_blank contacts.email 30.00%`.
pub fn fired(result: &TriggerResult) -> String {
    format!("{} {} {}", result.id, result.object, amount(result))
}

/// `120 point at Opportunity (006), not mapped`.
fn foreign_ids(ids: &ForeignIds) -> String {
    let object = ids.object.unwrap_or("an unknown object");
    format!("{} point at {object} ({}), not mapped", ids.count, ids.prefix)
}

/// A relationship result's two parts, for its picture: (`3696 deals with
/// contacts through deals.contact`, linked), (`1104 without`, unlinked).
/// `None` for results that count no links.
pub fn link_split(result: &TriggerResult) -> Option<[(String, u64); 2]> {
    let Counted::UnlinkedParents { parent, link, .. } = &result.counted else { return None };
    let (without, total) = result.share()?;
    let with = total.saturating_sub(without);
    Some([
        (format!("{with} {parent} with {}", link_words(link)), with),
        (format!("{without} without"), without),
    ])
}

/// `contacts through deal_contacts`, `companies or people through tasks.who`.
fn link_words(link: &Link) -> String {
    format!("{} through {}", link.others.join(" or "), link.through)
}

/// The measured value in its unit: `2.50%`, `12 rows`, `5h 30m`; `not
/// measurable` when rejects emptied what it measures.
pub fn amount(result: &TriggerResult) -> String {
    if result.unmeasurable.is_some() {
        return NOT_MEASURABLE.to_lowercase();
    }
    amount_of(result.value(), &result.counted)
}

/// `value` in its unit, a count naming what is `counted`.
fn amount_of(value: Amount, counted: &Counted) -> String {
    match value {
        Amount::Percent(value) => format_percent(value),
        Amount::Count(count) => quantity(count, noun(counted)),
        Amount::Duration(time) => time.to_string(),
    }
}

/// The measured value as `[expect]` mismatches quote it: the percentage
/// unrounded for display (`8.4%`), other units as [`amount`].
fn exact_amount(value: Amount, counted: &Counted) -> String {
    match value {
        Amount::Percent(value) => format!("{value}%"),
        _ => amount_of(value, counted),
    }
}

/// The thresholds of a result in its unit, a count naming what it counts:
/// `fail > 2%`, `warn > 0 files, fail > 10 files`, `fail > 4h`, `report only`.
pub fn limits(result: &TriggerResult) -> String {
    let limit = |limit: Limit| match limit {
        Limit::Percent(p) => p.to_string(),
        Limit::Count(count) => quantity(count, noun(&result.counted)),
        Limit::Duration(time) => time.to_string(),
    };
    match (result.limits.warn, result.limits.fail) {
        (Some(w), Some(f)) => format!("warn > {}, fail > {}", limit(w), limit(f)),
        (None, Some(f)) => format!("fail > {}", limit(f)),
        (Some(w), None) => format!("warn > {}", limit(w)),
        (None, None) => "report only".to_string(),
    }
}

/// `count/total`, or nothing for a time.
pub fn tally(result: &TriggerResult) -> String {
    result.share().map(|(count, total)| format!("{count}/{total}")).unwrap_or_default()
}

/// A noun, singular and plural.
pub type Noun = (&'static str, &'static str);

const ROWS: Noun = ("row", "rows");
const LINKS: Noun = ("link", "links");
const NULL_TOKENS: Noun = ("null token", "null tokens");
const PLACEHOLDERS: Noun = ("placeholder", "placeholders");
const CELLS: Noun = ("cell", "cells");

/// What a count of a result counts.
fn noun(counted: &Counted) -> Noun {
    match counted {
        Counted::UnresolvedReferences { .. } | Counted::RejectedTargets { .. } => {
            ("reference", "references")
        }
        Counted::RepeatedLinks => LINKS,
        Counted::UnmappedFiles => ("file", "files"),
        Counted::Budget(Budget::DayCalls | Budget::WindowCalls) => ("call", "calls"),
        Counted::Budget(Budget::DayRecords) => ("record", "records"),
        Counted::ChangedCharacters => ("character", "characters"),
        Counted::LostDigits { .. } => ("value", "values"),
        Counted::Arrival(Arrival::PipelineStages { .. }) => ("stage", "stages"),
        Counted::Arrival(
            Arrival::SampledRecords { .. } | Arrival::Automation { .. } | Arrival::WindowChanges,
        ) => ("record", "records"),
        _ => ROWS,
    }
}

/// `1 row`, `3 rows`: a count and its noun.
pub fn quantity(n: u64, (one, many): Noun) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// What `--warn-error` does to a verdict, said where the verdict is.
pub const WARN_ERROR: &str = "warnings count as failures (--warn-error)";

/// `shadow-import 0.1.0 · run 2026-12-07T12:38:42Z`: who made a report and
/// when (or that the time is left out, for identical bytes).
pub fn made_by(evidence: &Evidence) -> String {
    let when = evidence
        .run_at
        .as_ref()
        .map_or_else(|| "run time left out (deterministic)".to_string(), |at| format!("run {at}"));
    format!("{} {} · {when}", evidence.tool, evidence.version)
}

/// `data/Contact.csv  41,213 bytes  sha256 9f86…`: one input as read.
pub fn input_file(input: &InputFile) -> String {
    use num_format::{Locale, ToFormattedString};
    format!(
        "{}  {} bytes  sha256 {}",
        input.file,
        input.bytes.to_formatted_string(&Locale::en),
        input.sha256
    )
}

/// `4 values, 1 not in the map`; `…, sent to its default` when the map
/// has one; `…, strict` when unmapped values count toward `unmapped_value`.
pub fn map_summary(map: &MapCoverage) -> String {
    let mut summary =
        format!("{}, {} not in the map", quantity(map.distinct, ("value", "values")), map.unmapped);
    if map.default.is_some() && map.unmapped > 0 {
        summary.push_str(", sent to its default");
    }
    if map.strict {
        summary.push_str(", strict");
    }
    summary
}

/// Where a value goes, in text: `→ won`; `→ other (default)` when the map
/// sends it to its default; `NOT IN MAP` otherwise.
pub fn map_target(map: &MapCoverage, target: Option<&str>) -> String {
    match (target, &map.default) {
        (Some(target), _) => format!("→ {}", shorten(target)),
        (None, Some(default)) => format!("→ {} (default)", shorten(default)),
        (None, None) => "NOT IN MAP".to_string(),
    }
}

/// Why a row is on the fix list: its example's note, or what its trigger
/// means when the example carries none (an orphan's is the key itself).
pub fn flag_reason(trigger: &str, example: &Example) -> String {
    note(example).unwrap_or_else(|| match trigger {
        "orphan_reference" => "points at a record that is not in the export".to_string(),
        other => other.to_string(),
    })
}

/// `… and 3 more`: what a list leaves out.
pub fn more(omitted: u64) -> String {
    format!("… and {omitted} more")
}

/// `data/Contact.csv: 7 ids trimmed of Unicode whitespace (Id 4, AccountId 3)`:
/// the id cells of a file padded with NBSP, U+3000 … and trimmed before
/// they were matched. `None` when there are none.
pub fn trimmed_ids(file: &str, trimmed: &[TrimmedIds]) -> Option<String> {
    let cells: u64 = trimmed.iter().map(|t| t.cells).sum();
    if cells == 0 {
        return None;
    }
    let each: Vec<String> = trimmed.iter().map(|t| format!("{} {}", t.column, t.cells)).collect();
    let ids = quantity(cells, ("id", "ids"));
    Some(format!("{file}: {ids} trimmed of Unicode whitespace ({})", each.join(", ")))
}

/// `10 read = 8 loaded + 2 rejected`, or with repeated rows (a join
/// export) `10 read = 6 loaded + 2 repeated + 2 rejected`.
pub fn rows_read(rows: &RowTotals) -> String {
    if rows.repeated > 0 {
        return format!(
            "{} read = {} loaded + {} repeated + {} rejected",
            rows.source_rows, rows.loaded, rows.repeated, rows.rejected
        );
    }
    format!("{} read = {} loaded + {} rejected", rows.source_rows, rows.loaded, rows.rejected)
}

/// What a file's repeated rows are, for its line of the row accounting.
pub fn repeated_rows(repeated: u64) -> String {
    format!(
        "{} repeating an earlier row's record (same key and values: one record, its links on each)",
        quantity(repeated, ("row", "rows"))
    )
}

/// The line of an integrity check under the row accounting, from its
/// result: `every source row is loaded or rejected: 10 = 8 + 2`, or which
/// files fail it. `None` for a result that is not an integrity check.
pub fn integrity(result: &TriggerResult, rows: &RowTotals) -> Option<String> {
    let passed = result.status == Status::Pass;
    let line = match result.counted {
        Counted::UnaccountedRows if passed && rows.repeated > 0 => format!(
            "every source row is loaded, repeated or rejected: {} = {} + {} + {}",
            rows.source_rows, rows.loaded, rows.repeated, rows.rejected
        ),
        Counted::UnaccountedRows if passed => format!(
            "every source row is loaded or rejected: {} = {} + {}",
            rows.source_rows, rows.loaded, rows.rejected
        ),
        Counted::UnaccountedRows => format!("{ROWS_DO_NOT_ADD_UP} in {}", off_files(result)),
        Counted::ChangedCharacters if passed => format!(
            "every non-ASCII character arrived unchanged: {} read, {} in the shadow",
            rows.non_ascii_in, rows.non_ascii_out
        ),
        Counted::ChangedCharacters => {
            format!("NON-ASCII CHARACTERS CHANGED in {}", off_files(result))
        }
        _ => return None,
    };
    Some(line)
}

/// The files an integrity check found off: `data/a.csv (5 read, 4 stored), … and 2 more`.
fn off_files(result: &TriggerResult) -> String {
    let mut files: Vec<String> = result
        .examples
        .iter()
        .map(|e| match e.note {
            Some(Note::CharactersChanged { read, stored, damaged: 0 }) => {
                format!("{} ({read} read, {stored} stored)", e.file)
            }
            Some(Note::CharactersChanged { read, stored, damaged }) => {
                format!("{} ({read} read, {stored} stored, {damaged} of them damaged)", e.file)
            }
            _ => e.file.clone(),
        })
        .collect();
    if result.examples_omitted > 0 {
        files.push(more(result.examples_omitted));
    }
    files.join(", ")
}

/// What differs from the `[expect]` block, in a sentence.
pub fn mismatch(mismatch: &Mismatch) -> String {
    match mismatch {
        Mismatch::Verdict { found, expected } => format!("verdict is {found}, expected {expected}"),
        Mismatch::DidNotFail { entry } => format!("expected `{entry}` to fail; it did not"),
        Mismatch::Unexpected { id, object, value, counted } => format!(
            "`{id}` failed on {object} ({}), which is not expected",
            exact_amount(*value, counted)
        ),
    }
}

/// Every mismatch, `; ` between them.
pub fn mismatches(mismatches: &[Mismatch]) -> String {
    mismatches.iter().map(mismatch).collect::<Vec<_>>().join("; ")
}

/// What is wrong with an example, with its likely repair and byte offset:
/// `undecodable bytes; likely 'Jürgen'; byte offset 1614`. `None` when
/// the example says nothing beyond where it is.
pub fn note(example: &Example) -> Option<String> {
    let mut parts: Vec<String> = example.note.iter().map(|n| note_words(n, example)).collect();
    match &example.repair {
        // A repair that leaves nothing (`\0\0\0`, or `NULL\0`: the load
        // stores a null token's repair as blank) is no likely value.
        Some(repair) if repair.trim().is_empty() => parts.push(REPAIRED_BLANK.to_string()),
        Some(repair) => {
            // A masked repair is a token, not text: shown as it is.
            let shown = if example.masked { repair.clone() } else { quote(repair) };
            parts.push(format!("likely {shown}"));
        }
        None if matches!(example.note, Some(Note::Damage { .. })) => {
            parts.push(NO_REPAIR.to_string());
        }
        None => {}
    }
    if let Some(offset) = example.byte_offset {
        parts.push(format!("byte offset {offset}"));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

fn note_words(note: &Note, example: &Example) -> String {
    match note {
        Note::Rejected { reason } => reason.sentence(example.quoted()).to_string(),
        Note::Blank => "blank".to_string(),
        Note::NullToken => "a null token: blank".to_string(),
        Note::Placeholder => "a placeholder: counts as blank".to_string(),
        Note::NoLink(link) => format!("no {}", link_words(link)),
        Note::Damage { kind } => kind.to_string(),
        Note::ForeignId { prefix, object } => format!(
            "points at {} ({prefix}), an object this migration does not map",
            object.unwrap_or("an unknown object")
        ),
        Note::NoSuchKey { targets } => format!("no {} with this key", targets.join(" or ")),
        Note::RejectedTarget { object, line, reason } => match reason {
            Some(reason) => format!("points at {object} line {line}, rejected: {reason}"),
            None => format!("points at {object} line {line}, rejected"),
        },
        Note::SamePair { line } => format!("same pair as line {line}"),
        Note::NoPrimary { links } => format!("no primary among {}", quantity(*links, LINKS)),
        Note::SeveralPrimaries { primaries } => format!("{primaries} primary links"),
        Note::MergedInto { .. } | Note::DuplicateOf { .. } | Note::RuleFailed { .. } => {
            destination_note(note)
        }
        Note::OwnParent => "is its own parent".to_string(),
        Note::OnCycle => "on a cycle".to_string(),
        Note::NotInMap { rows, map } => format!("{}, not in map {map}", quantity(*rows, ROWS)),
        Note::UnmappedFile { references } => unmapped_file(references),
        Note::UnreadableFile { error } => {
            format!("present in the export but not mapped (unreadable: {error})")
        }
        Note::Unbalanced { source, loaded, rejected } => {
            format!("{source} read, {loaded} loaded + {rejected} rejected")
        }
        Note::Expected { expected: Some(expected) } => {
            format!("the source through the mapping gives {}", shorten(expected))
        }
        Note::Expected { expected: None } => {
            "the source through the mapping gives a blank".to_string()
        }
        Note::NotArrived => "not in the destination's export".to_string(),
        Note::LoaderError { code } => format!("loader error {code}"),
        Note::WindowChange { change: Change::Created, duplicate: Some((key, by)), .. } => {
            format!(
                "created during the window; already in the source as {key} (same {by}): merge, do not re-create"
            )
        }
        Note::WindowChange { change: Change::Created, .. } => {
            "created during the window".to_string()
        }
        Note::WindowChange { change: Change::Deleted, .. } => {
            "deleted during the window".to_string()
        }
        Note::WindowChange { change: Change::Changed, before, .. } => match before {
            Some(before) => format!("changed during the window, was {}", shorten(before)),
            None => "set during the window, was blank".to_string(),
        },
        Note::CharactersChanged { read, stored, damaged: 0 } => {
            format!("{read} non-ASCII characters read, {stored} in the shadow")
        }
        Note::CharactersChanged { read, stored, damaged } => {
            format!(
                "{read} non-ASCII characters read, {stored} in the shadow, {damaged} of them damaged"
            )
        }
        Note::Spreadsheet { kind, rows, key } => spreadsheet_note(*kind, *rows, *key, example),
        Note::DigitsLost { loss: DigitLoss::CutTo15 } => {
            "the digits past the 15th are zeros".to_string()
        }
        Note::DigitsLost { loss: DigitLoss::LeadingZeros { digits } } => {
            format!("most values have {digits} digits")
        }
    }
}

/// `8 of 200 loaded contacts have no email, among them 2 null tokens`.
fn blank_measure(of: &str, object: &str, field: &str, tokens: u64, placeholders: u64) -> String {
    let mut sentence = format!("{of} loaded {object} have no {field}");
    let mut among = Vec::new();
    if tokens > 0 {
        among.push(quantity(tokens, NULL_TOKENS));
    }
    if placeholders > 0 {
        among.push(quantity(placeholders, PLACEHOLDERS));
    }
    if !among.is_empty() {
        sentence.push_str(&format!(", among them {}", among.join(" and ")));
    }
    sentence
}

/// What a check of the destination's own rules measured.
fn destination_measure(counted: &Counted, of: &str) -> String {
    match counted {
        Counted::MergedRows { object, field } => format!(
            "{of} {object} share their {field} with an earlier row: the destination merges each \
             into that row"
        ),
        Counted::DuplicateValues { object, field, upsert: true } => format!(
            "{of} {object} with a value share their {field} with another row: an upsert on \
             this external id fails for all of them (duplicate external id)"
        ),
        Counted::DuplicateValues { object, field, upsert: false } => format!(
            "{of} {object} with a value repeat an earlier row's {field}: the destination refuses \
             them as duplicates"
        ),
        Counted::RuleFailures { object, rule, message } => {
            format!("{of} {object} fail validation rule `{rule}`: \"{message}\"")
        }
        _ => of.to_string(),
    }
}

/// An example's note for a check of the destination's own rules.
fn destination_note(note: &Note) -> String {
    match note {
        Note::MergedInto { line, key, links, differing } => {
            let follow: Vec<String> =
                links.iter().map(|(via, n)| format!("{} of {via}", quantity(*n, LINKS))).collect();
            let follow = if follow.is_empty() { "no links".to_string() } else { follow.join(", ") };
            let differ = if differing.is_empty() {
                "no other field differs".to_string()
            } else {
                format!("differs in {}", differing.join(", "))
            };
            format!("merges into line {line} ({key}), taking {follow}; {differ}")
        }
        Note::DuplicateOf { line, key } => format!("same value as line {line} ({key})"),
        Note::RuleFailed { values, unmapped } => {
            let values: Vec<String> = values
                .iter()
                .map(|(field, value)| match value {
                    Some(v) => format!("{field} = {}", quote(v)),
                    None => format!("{field} blank"),
                })
                .collect();
            let mut said = values.join(", ");
            if !unmapped.is_empty() {
                let sep = if said.is_empty() { "" } else { "; " };
                said.push_str(&format!("{sep}{} not mapped (blank)", unmapped.join(", ")));
            }
            format!("refused: {said}")
        }
        _ => String::new(),
    }
}

/// `12 rows share the key 1.18174E+11: scientific notation destroyed the id`.
fn spreadsheet_note(kind: SpreadsheetKind, rows: u64, key: bool, example: &Example) -> String {
    let value = match example.quoted() {
        crate::facts::Quoted::Text(text) | crate::facts::Quoted::Token(text) => text,
    };
    let held = match (key, rows) {
        (_, 1) => String::new(),
        (true, _) => format!("{rows} rows share the key {value}: "),
        (false, _) => format!("{rows} rows hold {value}: "),
    };
    let what = match kind {
        SpreadsheetKind::DestroyedId => "scientific notation destroyed the id",
        SpreadsheetKind::RewrittenDate => "a spreadsheet rewrote the date",
    };
    format!("{held}{what}")
}

/// What an unmapped file looks like from the key columns found in it.
fn unmapped_file(references: &[KeyColumn]) -> String {
    let named: Vec<String> =
        references.iter().map(|r| format!("{} ({})", r.object, r.column)).collect();
    match named.as_slice() {
        [] => "present in the export but not mapped".to_string(),
        [one] => format!("references {one} and is not mapped"),
        several => {
            format!("looks like a junction between {} and is not mapped", several.join(" and "))
        }
    }
}

/// `'O''Brien'`: single quotes, inner ones doubled (as SQL quotes text).
fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// `data/Contact.csv:14  key 003…  Email="x"  note`: an example on one line.
pub fn example_line(e: &Example) -> String {
    let file = crate::error::printable(&e.file);
    let mut parts = vec![match e.line {
        Some(line) => format!("{file}:{line}"),
        None => file,
    }];
    if let Some(key) = &e.key {
        let plain = !key.is_empty()
            && !key
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || invisible(c) || c == '"');
        parts.push(format!("key {}", if plain { key.clone() } else { shorten(key) }));
    }
    match (&e.column, &e.value) {
        (Some(c), Some(v)) => parts.push(format!("{c}={}", shorten(v))),
        (Some(c), None) => parts.push(c.clone()),
        (None, Some(v)) => parts.push(shorten(v)),
        (None, None) => {}
    }
    if let Some(note) = note(e) {
        // One line, whatever a quoted repair holds.
        let escaped: String = note
            .chars()
            .map(|c| if c.is_control() { c.escape_default().to_string() } else { c.to_string() })
            .collect();
        parts.push(escaped);
    }
    parts.join("  ")
}

/// A character that shows as nothing: a byte-order mark, a zero-width
/// space or joiner, a direction mark. A key holding one is quoted.
fn invisible(c: char) -> bool {
    matches!(c, '\u{FEFF}' | '\u{FFFE}' | '\u{200B}'..='\u{200F}' | '\u{2060}')
}

/// A value on one line: quoted and escaped (newlines shown as `\n`), cut
/// to [`VALUE_WIDTH`] terminal columns (a CJK character takes two).
pub fn shorten(value: &str) -> String {
    super::columns::cut(&format!("{value:?}"), VALUE_WIDTH)
}

/// The line naming the scenario's null tokens and whether they are its own:
/// `Null tokens (…): "#N/A", "NULL" (the default list)`.
pub fn null_tokens(list: &NullTokenList, found: u64) -> String {
    let tokens: Vec<String> = list.tokens.iter().map(|t| format!("{t:?}")).collect();
    let listed = if tokens.is_empty() { "none".to_string() } else { tokens.join(", ") };
    let whose = if list.declared { "the scenario's null_tokens" } else { "the default list" };
    let found = if found == 0 {
        "none found".to_string()
    } else {
        format!("{} found", quantity(found, CELLS))
    };
    format!(
        "Null tokens (a cell equal to one, trimmed, case-sensitive, is blank): {listed} ({whose}); {found}"
    )
}

/// One file's null tokens: `data/Contact.csv: "#N/A" 1234 cells, "NULL" 12 cells`.
pub fn file_tokens(file: &str, cells: &[TokenCells]) -> String {
    let each: Vec<String> =
        cells.iter().map(|c| format!("{:?} {}", c.token, quantity(c.cells, CELLS))).collect();
    format!("{file}: {}", each.join(", "))
}

/// The null tokens, the phone fields' regions and the placeholders found,
/// as sections of a heading and its lines (a line of a placeholder's
/// examples starts with two spaces), for every format to render.
pub fn blank_sections(report: &Report) -> Vec<(String, Vec<String>)> {
    let found = report.objects.iter().flat_map(|o| &o.null_tokens).map(|t| t.cells).sum();
    let files = report.objects.iter().filter(|o| !o.null_tokens.is_empty());
    let mut sections = vec![(
        null_tokens(&report.null_tokens, found),
        files.map(|o| file_tokens(&o.file, &o.null_tokens)).collect(),
    )];
    if !report.phone_regions.is_empty() {
        sections.push((
            PHONE_REGIONS.to_string(),
            report.phone_regions.iter().map(phone_region).collect(),
        ));
    }
    if !report.placeholders.is_empty() {
        let mut lines = Vec::new();
        for p in &report.placeholders {
            lines.push(placeholders(p));
            lines.extend(p.examples.iter().map(|e| format!("  {}", placeholder_line(p, e))));
        }
        sections.push((PLACEHOLDERS_FOUND.to_string(), lines));
    }
    sections
}

/// The heading of the list of phone fields and their regions.
pub const PHONE_REGIONS: &str =
    "Phones (stored in E.164; a number without a country code is read in its field's region)";

/// One phone field's region and what chose it:
/// "contacts.phone: US (the scenario's phone_region)".
pub fn phone_region(r: &FieldRegion) -> String {
    let chosen_by = match r.from {
        RegionOrigin::Default => {
            return format!(
                "{}: no phone_region declared (a number needs its +country code)",
                r.field
            );
        }
        RegionOrigin::Field => "field",
        RegionOrigin::Object => "object",
        RegionOrigin::Scenario => "scenario",
    };
    let region = r.region.as_deref().unwrap_or_default();
    format!("{}: {region} (the {chosen_by}'s phone_region)", r.field)
}

/// The heading of the list of placeholders.
pub const PLACEHOLDERS_FOUND: &str =
    "Placeholders (count as blank; in a critical field, toward critical_blank)";

/// One field's placeholders: `contacts.email: 14 placeholder e-mails (critical)`.
pub fn placeholders(p: &Placeholders) -> String {
    let noun: Noun = match p.kind {
        PlaceholderKind::Email => ("placeholder e-mail", "placeholder e-mails"),
        PlaceholderKind::Phone => ("placeholder phone", "placeholder phones"),
    };
    let critical = if p.critical { " (critical)" } else { "" };
    format!("{}: {}{critical}", p.field, quantity(p.rows, noun))
}

/// A placeholder as an example line.
pub fn placeholder_line(p: &Placeholders, e: &BlankedExample) -> String {
    example_line(&Example {
        file: p.file.clone(),
        line: Some(e.line),
        key: Some(e.key.clone()),
        column: Some(p.column.clone()),
        value: Some(e.value.clone()),
        note: Some(Note::Placeholder),
        masked: e.masked,
        ..Example::default()
    })
}

/// What a damaged cell's note says when no repair is known.
pub const NO_REPAIR: &str = "no repair known";

/// What a damaged cell's note says when its repair leaves it blank.
pub const REPAIRED_BLANK: &str = "blank once repaired";

/// The heading of the list of date-time fields and their zones.
pub const TIME_ZONES: &str =
    "Date-times (stored in UTC; a time without an offset is read in its field's zone)";

/// One date-time field's zone and what chose it:
/// "deals.closed: Europe/Berlin (the object's timezone)".
pub fn time_zone(z: &FieldZone) -> String {
    if z.offset_in_values {
        return format!("{}: the offset in each value (its format reads it)", z.field);
    }
    let chosen_by = match z.from {
        ZoneOrigin::Default => return format!("{}: UTC (no timezone declared)", z.field),
        ZoneOrigin::Field => "field",
        ZoneOrigin::Object => "object",
        ZoneOrigin::Scenario => "scenario",
    };
    format!("{}: {} (the {chosen_by}'s timezone)", z.field, z.zone)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{
        DamageCount, DamageKind, Duration, Limit, Limits, RejectReason, SpreadsheetColumn,
    };

    fn result(counted: Counted, count: u64, total: u64, limits: Limits) -> TriggerResult {
        TriggerResult::new("t", "x".into(), counted, count, total, limits)
    }

    #[test]
    fn references_to_rejected_rows_and_unmeasurable_results_say_so() {
        let targets = Counted::RejectedTargets { targets: vec!["companies".into()] };
        let r = result(targets, 3, 40, Limits::warn_above(0));
        assert_eq!(
            measure(&r),
            "3 of 40 references to companies point at rows in the export that were rejected (not orphans)"
        );
        let example = Example {
            note: Some(Note::RejectedTarget {
                object: "companies".into(),
                line: 415,
                reason: Some(RejectReason::NotDecimal { like: "1234.56".into() }),
            }),
            ..Example::default()
        };
        assert_eq!(
            note(&example).unwrap(),
            "points at companies line 415, rejected: not a decimal number like 1234.56"
        );
        let mut r = result(Counted::RejectedRows, 0, 0, Limits::fail_above(300));
        r.unmeasurable = Some(Unmeasurable { object: "deals".into(), rejected: 12 });
        assert_eq!(
            measure(&r),
            "NOT MEASURABLE: all 12 rows of deals were rejected, so there is nothing to measure"
        );
        assert_eq!(fired(&r), "t x not measurable");
        assert_eq!(amount(&r), "not measurable");
        assert_eq!(
            measured(&r),
            "NOT MEASURABLE: all 12 rows of deals were rejected, so there is nothing to measure (fail > 3%)"
        );
    }

    #[test]
    fn one_sentence_per_kind_of_result() {
        let link = Link { others: vec!["contacts".into()], through: "deals.contact".into() };
        let parents = Counted::UnlinkedParents { parent: "deals".into(), link, merged: 0 };
        let r = result(parents, 1104, 4800, Limits::fail_above(200));
        assert_eq!(measure(&r), "1104 of 4800 deals have no contacts through deals.contact");
        assert_eq!(amount(&r), "23.00%");
        assert_eq!(exact_amount(r.value(), &r.counted), "23%");
        assert_eq!(tally(&r), "1104/4800");
        let empty = result(Counted::RejectedRows, 0, 0, Limits::fail_above(500));
        assert_eq!(measure(&empty), "the file has a header but no rows");
        let kinds = vec![
            DamageCount { kind: DamageKind::Undecodable, rows: 3 },
            DamageCount { kind: DamageKind::Nul, rows: 1 },
        ];
        let damage = result(Counted::DamagedRows { kinds }, 4, 10, Limits::fail_above(10));
        assert_eq!(
            measure(&damage),
            "4 of 10 rows damaged (undecodable bytes: 3 rows, NUL byte: 1 row)"
        );
    }

    #[test]
    fn spreadsheet_damage_says_how_many_rows_a_destroyed_value_took() {
        let columns = vec![
            SpreadsheetColumn {
                column: "Record ID".into(),
                kind: SpreadsheetKind::DestroyedId,
                rows: 15,
            },
            SpreadsheetColumn {
                column: "Create Date".into(),
                kind: SpreadsheetKind::RewrittenDate,
                rows: 1,
            },
        ];
        let r = result(Counted::SpreadsheetDamage { columns }, 16, 80, Limits::fail_above(0));
        assert_eq!(
            measure(&r),
            "16 of 80 rows hold values a spreadsheet destroyed (Record ID: 15 ids in scientific \
             notation; Create Date: 1 rewritten date)"
        );
        let example = Example { value: Some("1.18174E+11".into()), ..Example::default() };
        let note = |kind, rows, key| note_words(&Note::Spreadsheet { kind, rows, key }, &example);
        assert_eq!(
            note(SpreadsheetKind::DestroyedId, 12, true),
            "12 rows share the key 1.18174E+11: scientific notation destroyed the id"
        );
        assert_eq!(
            note(SpreadsheetKind::DestroyedId, 5, false),
            "5 rows hold 1.18174E+11: scientific notation destroyed the id"
        );
        assert_eq!(
            note(SpreadsheetKind::DestroyedId, 1, true),
            "scientific notation destroyed the id"
        );
        let trimmed = [
            TrimmedIds { column: "ID".into(), cells: 5 },
            TrimmedIds { column: "ACCOUNTID".into(), cells: 7 },
        ];
        assert_eq!(
            trimmed_ids("data/Contact.csv", &trimmed).as_deref(),
            Some("data/Contact.csv: 12 ids trimmed of Unicode whitespace (ID 5, ACCOUNTID 7)")
        );
        assert_eq!(trimmed_ids("data/Contact.csv", &[]), None);
    }

    #[test]
    fn each_unit_shows_as_itself() {
        let count = Limits { warn: None, fail: Some(Limit::Count(10)) };
        let rows = result(Counted::RejectedRows, 12, 500, count);
        assert_eq!((amount(&rows), limits(&rows)), ("12 rows".into(), "fail > 10 rows".into()));
        assert_eq!(measured(&rows), "12 of 500 rows rejected (12 rows, fail > 10 rows)");
        let both = Limits { warn: Some(Limit::Count(0)), fail: Some(Limit::Count(1)) };
        let files = result(Counted::UnmappedFiles, 1, 4, both);
        assert_eq!(
            (amount(&files), limits(&files)),
            ("1 file".into(), "warn > 0 files, fail > 1 file".into())
        );
        let percent = result(Counted::RejectedRows, 1, 40, Limits::fail_above(200));
        assert_eq!((amount(&percent), limits(&percent)), ("2.50%".into(), "fail > 2%".into()));
        let warn = result(Counted::RepeatedLinks, 0, 40, Limits::warn_above(0));
        assert_eq!(limits(&warn), "warn > 0%");
        let none = result(Counted::RepeatedLinks, 0, 40, Limits { warn: None, fail: None });
        assert_eq!(limits(&none), "report only");
        let window =
            Limits { warn: None, fail: Some(Limit::Duration(Duration::seconds(4 * 3600))) };
        let of = Counted::Time { of: "the cut-over".into() };
        let time = TriggerResult::timed("t", "x".into(), of, Duration::seconds(19_800), window);
        assert_eq!((amount(&time), limits(&time)), ("5h 30m".into(), "fail > 4h".into()));
        assert_eq!(measure(&time), "the cut-over takes 5h 30m");
        assert_eq!(tally(&time), "");
        assert_eq!(fired(&time), "t x 5h 30m");
    }

    #[test]
    fn the_integrity_checks_read_from_their_results() {
        let rows = RowTotals {
            source_rows: 10,
            loaded: 8,
            rejected: 2,
            repeated: 0,
            balanced: true,
            non_ascii_in: 5,
            non_ascii_out: 5,
        };
        let any = Limits::fail_above(0);
        let balanced = result(Counted::UnaccountedRows, 0, 10, any);
        assert_eq!(
            integrity(&balanced, &rows).unwrap(),
            "every source row is loaded or rejected: 10 = 8 + 2"
        );
        let repeats = RowTotals { loaded: 6, repeated: 2, ..rows };
        assert_eq!(
            integrity(&balanced, &repeats).unwrap(),
            "every source row is loaded, repeated or rejected: 10 = 6 + 2 + 2"
        );
        assert_eq!(rows_read(&repeats), "10 read = 6 loaded + 2 repeated + 2 rejected");
        assert_eq!(rows_read(&rows), "10 read = 8 loaded + 2 rejected");
        let mut off = result(Counted::UnaccountedRows, 3, 10, any);
        let file = |file: &str, note| Example { file: file.into(), note, ..Example::default() };
        let unbalanced = Some(Note::Unbalanced { source: 4, loaded: 2, rejected: 1 });
        off.set_examples(vec![file("a.csv", unbalanced.clone()), file("b.csv", unbalanced)], 4);
        assert_eq!(
            integrity(&off, &rows).unwrap(),
            "ROWS DO NOT ADD UP in a.csv, b.csv, … and 2 more"
        );
        let intact = result(Counted::ChangedCharacters, 0, 5, any);
        assert_eq!(
            integrity(&intact, &rows).unwrap(),
            "every non-ASCII character arrived unchanged: 5 read, 5 in the shadow"
        );
        let mut changed = result(Counted::ChangedCharacters, 1, 5, any);
        let lost = Some(Note::CharactersChanged { read: 5, stored: 4, damaged: 0 });
        changed.set_examples(vec![file("a.csv", lost)], 1);
        assert_eq!(
            integrity(&changed, &rows).unwrap(),
            "NON-ASCII CHARACTERS CHANGED in a.csv (5 read, 4 stored)"
        );
        let garbled = Some(Note::CharactersChanged { read: 5, stored: 5, damaged: 2 });
        changed.set_examples(vec![file("a.csv", garbled)], 1);
        assert_eq!(
            integrity(&changed, &rows).unwrap(),
            "NON-ASCII CHARACTERS CHANGED in a.csv (5 read, 5 stored, 2 of them damaged)"
        );
        assert_eq!(integrity(&result(Counted::RejectedRows, 0, 10, any), &rows), None);
    }

    #[test]
    fn a_mismatch_is_a_sentence() {
        use crate::facts::Verdict;
        let verdict = Mismatch::Verdict { found: Verdict::Rollback, expected: Verdict::Go };
        let missing = Mismatch::DidNotFail { entry: "critical_blank:contacts.email".into() };
        let unexpected = Mismatch::Unexpected {
            id: "unmapped_file",
            object: "export".into(),
            value: Amount::Count(2),
            counted: Counted::UnmappedFiles,
        };
        assert_eq!(
            mismatches(&[verdict, missing, unexpected]),
            "verdict is ROLLBACK, expected GO; expected `critical_blank:contacts.email` to fail; \
             it did not; `unmapped_file` failed on export (2 files), which is not expected"
        );
    }

    #[test]
    fn a_list_says_how_much_it_leaves_out() {
        assert_eq!(more(3), "… and 3 more");
        assert_eq!(quantity(1, ("warning", "warnings")), "1 warning");
        assert_eq!(quantity(0, ("warning", "warnings")), "0 warnings");
    }

    #[test]
    fn values_are_escaped_and_cut() {
        assert_eq!(shorten("Acme, Inc."), "\"Acme, Inc.\"");
        assert_eq!(shorten("line one\r\nline two"), "\"line one\\r\\nline two\"");
        assert_eq!(shorten("Zoë 🚀"), "\"Zoë 🚀\"");
        let long = "x".repeat(100);
        assert_eq!(shorten(&long).chars().count(), VALUE_WIDTH);
        assert!(shorten(&long).ends_with('…'));
        // Cut by the columns it takes: 株 takes two.
        let wide = shorten(&"株".repeat(100));
        assert_eq!(super::super::columns::width(&wide), VALUE_WIDTH, "{wide}");
        assert_eq!(wide.chars().filter(|&c| c == '株').count(), 29, "a quote, 29 × 2, …");
    }

    #[test]
    fn a_note_carries_its_repair_and_offset() {
        let mut damaged = Example {
            note: Some(Note::Damage { kind: DamageKind::Undecodable }),
            repair: Some("O'Brien".into()),
            byte_offset: Some(1614),
            ..Example::default()
        };
        assert_eq!(
            note(&damaged).unwrap(),
            "undecodable bytes; likely 'O''Brien'; byte offset 1614"
        );
        damaged.repair = Some("‹name:99c70c1b2d4e›".into());
        damaged.masked = true;
        assert_eq!(
            note(&damaged).unwrap(),
            "undecodable bytes; likely ‹name:99c70c1b2d4e›; byte offset 1614"
        );
        assert_eq!(note(&Example::default()), None);
        let one = Example { note: Some(Note::NoPrimary { links: 1 }), ..Example::default() };
        assert_eq!(note(&one).unwrap(), "no primary among 1 link");
    }

    #[test]
    fn a_damage_without_a_likely_value_says_so() {
        let mut nul = Example {
            note: Some(Note::Damage { kind: DamageKind::Nul }),
            repair: Some(String::new()),
            ..Example::default()
        };
        assert_eq!(note(&nul).unwrap(), "NUL byte; blank once repaired");
        nul.note = Some(Note::Damage { kind: DamageKind::QuestionMark });
        nul.repair = None;
        assert_eq!(note(&nul).unwrap(), "? in place of a letter; no repair known");
    }

    #[test]
    fn blanks_say_how_many_were_tokens_and_placeholders() {
        let blank = |tokens, placeholders| Counted::BlankValues {
            object: "contacts".into(),
            field: "email".into(),
            tokens,
            placeholders,
        };
        let r = result(blank(0, 0), 3, 10, Limits::fail_above(300));
        assert_eq!(measure(&r), "3 of 10 loaded contacts have no email");
        let r = result(blank(1, 2), 3, 10, Limits::fail_above(300));
        assert_eq!(
            measure(&r),
            "3 of 10 loaded contacts have no email, among them 1 null token and 2 placeholders"
        );
    }
}
