//! The decision: the two integrity checks every rehearsal makes besides
//! the triggers (every file's rows balance, every non-ASCII character
//! arrives unchanged) and the GO / ROLLBACK verdict, decided here and
//! nowhere else.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{
    Authority, Counted, EXAMPLES, Example, FileRows, Limits, Note, RootCause, Status,
    TriggerResult, Unmeasurable,
};

/// The answer of a rehearsal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// No check failed: the migration may go ahead.
    Go,
    /// At least one check failed: migrating now would need a rollback.
    Rollback,
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Verdict::Go => "GO",
            Verdict::Rollback => "ROLLBACK",
        })
    }
}

/// Id of the check that every file's rows balance: source = loaded + rejected.
pub const ROWS_BALANCE: &str = "rows_balance";

/// Id of the check that every non-ASCII character read arrives in the shadow.
pub const NON_ASCII_ROUND_TRIP: &str = "non_ascii_round_trip";

/// The checks every rehearsal makes besides the triggers, in report order.
/// They take no settings; `[expect] triggers` may name them.
pub const INTEGRITY_CHECKS: [&str; 2] = [ROWS_BALANCE, NON_ASCII_ROUND_TRIP];

/// What the measured object of an integrity check is called.
const ALL_FILES: &str = "all files";

/// The verdict and every result it rests on.
#[derive(Debug, Clone)]
pub struct Decision {
    /// GO or ROLLBACK.
    pub verdict: Verdict,
    /// The integrity checks, then the trigger results in trigger order.
    pub results: Vec<TriggerResult>,
    /// Warnings counted as failures (`--warn-error`).
    pub warn_error: bool,
}

/// Decides: ROLLBACK when a file's rows do not add up, a non-ASCII
/// character did not arrive unchanged, or a trigger fails; GO otherwise
/// (warnings allowed, unless `warn_error`: then a warning is a failure).
///
/// A fail-level result that measured nothing because every source row of
/// the object it measures was rejected (0 of 0 deals: every deal was
/// rejected) is not a pass: it is marked [`Unmeasurable`] and fails.
pub fn decide(files: &[FileRows], triggers: Vec<TriggerResult>, warn_error: bool) -> Decision {
    let mut results = integrity_checks(files);
    results.extend(triggers.into_iter().map(|t| not_measurable(files, t)));
    let failing = |r: &TriggerResult| match r.status {
        Status::Fail => true,
        Status::Warn => warn_error,
        Status::Pass => false,
    };
    let failed = results.iter().any(failing);
    Decision { verdict: if failed { Verdict::Rollback } else { Verdict::Go }, results, warn_error }
}

/// `result`, failed as [`Unmeasurable`] when it has a fail level, measured
/// 0 of 0, and its population's file had rows and rejected every one.
fn not_measurable(files: &[FileRows], mut result: TriggerResult) -> TriggerResult {
    let emptied = result.population.as_ref().and_then(|object| {
        files.iter().find(|f| &f.object == object && f.loaded == 0 && f.rejected > 0)
    });
    if let (Some(file), Some(_), Some((_, 0))) = (emptied, result.limits.fail, result.share()) {
        result.unmeasurable =
            Some(Unmeasurable { object: file.object.clone(), rejected: file.rejected });
        result.status = Status::Fail;
    }
    result
}

/// The two integrity checks over `files`: any row or character off fails
/// (above 0%). Each counts what is off against what was read, or what
/// arrived if that is more, so a count above 0 is never out of 0.
fn integrity_checks(files: &[FileRows]) -> Vec<TriggerResult> {
    let rows = integrity_check(
        ROWS_BALANCE,
        Counted::UnaccountedRows,
        files,
        |f| (f.source_rows, f.accounted(), 0),
        |f| Note::Unbalanced { source: f.source_rows, loaded: f.loaded, rejected: f.rejected },
    );
    // A character stored damaged (U+FFFD, mojibake) is off even though it
    // arrived as read: the text in the shadow is not what the source meant.
    let characters = integrity_check(
        NON_ASCII_ROUND_TRIP,
        Counted::ChangedCharacters,
        files,
        |f| (f.non_ascii_in, f.non_ascii_out, f.non_ascii_damaged),
        |f| Note::CharactersChanged {
            read: f.non_ascii_in,
            stored: f.non_ascii_out,
            damaged: f.non_ascii_damaged,
        },
    );
    vec![rows, characters]
}

/// One integrity check: `expected_and_found` gives, per file, what should
/// be there, what is, and how much of it is there damaged; a file where
/// the first two differ or something is damaged is an example with `note`.
fn integrity_check(
    id: &'static str,
    counted: Counted,
    files: &[FileRows],
    expected_and_found: impl Fn(&FileRows) -> (u64, u64, u64),
    note: impl Fn(&FileRows) -> Note,
) -> TriggerResult {
    let off = |f: &&FileRows| {
        let (expected, found, damaged) = expected_and_found(f);
        expected != found || damaged > 0
    };
    let (count, total) = files.iter().map(&expected_and_found).fold((0, 0), |(c, t), (e, f, d)| {
        let off = e.abs_diff(f) + d;
        (c + off, t + e.max(f).max(off))
    });
    let mut result = TriggerResult {
        authority: Authority::Technical,
        cause: if id == NON_ASCII_ROUND_TRIP {
            RootCause::CharacterEncoding
        } else {
            RootCause::Integrity
        },
        ..TriggerResult::new(id, ALL_FILES.into(), counted, count, total, Limits::fail_above(0))
    };
    let examples: Vec<Example> = files
        .iter()
        .filter(off)
        .take(EXAMPLES)
        .map(|f| Example { file: f.file.clone(), note: Some(note(f)), ..Example::default() })
        .collect();
    result.set_examples(examples, files.iter().filter(off).count() as u64);
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::{EncodingChoice, EncodingOrigin};

    fn file(source_rows: u64, loaded: u64, rejected: u64, non_ascii: (u64, u64)) -> FileRows {
        FileRows {
            object: "contacts".into(),
            file: "data/contacts.csv".into(),
            encoding: EncodingChoice {
                encoding: crate::decode::Charset::Whatwg(encoding_rs::UTF_8),
                origin: EncodingOrigin::ValidUtf8,
            },
            source_rows,
            loaded,
            rejected,
            delimiter: b',',
            delimiter_sniffed: false,
            footer_lines: 0,
            undecodable_bytes: 0,
            damaged_rows: 0,
            non_ascii_in: non_ascii.0,
            non_ascii_out: non_ascii.1,
            non_ascii_damaged: 0,
            links: loaded,
            loaded_without_links: 0,
            null_tokens: Vec::new(),
            repeated: 0,
            trimmed_ids: Vec::new(),
            bytes: 0,
        }
    }

    fn trigger(status: Status) -> TriggerResult {
        let mut r =
            TriggerResult::new("t", "x".into(), Counted::RejectedRows, 0, 1, Limits::fail_above(0));
        r.status = status;
        r
    }

    #[test]
    fn go_needs_balanced_rows_intact_characters_and_no_failing_trigger() {
        let good = [file(10, 8, 2, (5, 5))];
        let decision = decide(&good, vec![trigger(Status::Warn)], false);
        assert_eq!(decision.verdict, Verdict::Go);
        let ids: Vec<&str> = decision.results.iter().map(|r| r.id).collect();
        assert_eq!(ids, [ROWS_BALANCE, NON_ASCII_ROUND_TRIP, "t"]);
        assert!(decision.results[..2].iter().all(|r| r.status == Status::Pass));
        assert_eq!(decide(&good, vec![trigger(Status::Fail)], false).verdict, Verdict::Rollback);
    }

    #[test]
    fn a_fail_level_trigger_whose_rows_were_all_rejected_is_not_measurable_and_fails() {
        let mut deals = file(12, 0, 12, (0, 0));
        deals.object = "deals".into();
        let nothing = |limits| {
            TriggerResult::new(
                "critical_blank",
                "deals.amount".into(),
                Counted::RejectedRows,
                0,
                0,
                limits,
            )
        };
        let decision = decide(
            std::slice::from_ref(&deals),
            vec![nothing(Limits::fail_above(300)).of_population("deals")],
            false,
        );
        assert_eq!(decision.verdict, Verdict::Rollback);
        let result = &decision.results[2];
        assert_eq!(result.status, Status::Fail);
        assert_eq!(
            result.unmeasurable,
            Some(Unmeasurable { object: "deals".into(), rejected: 12 })
        );
        // A warn-only trigger, a result without a population, a header-only
        // file and a population with loaded rows stay as measured.
        let warn_only = Limits::warn_above(0);
        let empty = file(0, 0, 0, (0, 0));
        for (files, result) in [
            (vec![deals.clone()], nothing(warn_only).of_population("deals")),
            (vec![deals.clone()], nothing(Limits::fail_above(300))),
            (
                vec![FileRows { object: "deals".into(), ..empty }],
                nothing(Limits::fail_above(300)).of_population("deals"),
            ),
            (
                vec![FileRows { loaded: 1, rejected: 11, ..deals.clone() }],
                nothing(Limits::fail_above(300)).of_population("deals"),
            ),
        ] {
            let decision = decide(&files, vec![result], false);
            assert_eq!(decision.results[2].status, Status::Pass);
            assert_eq!(decision.results[2].unmeasurable, None);
        }
    }

    #[test]
    fn a_warning_fails_the_run_only_with_warn_error() {
        let files = [file(4, 4, 0, (0, 0))];
        let warned = || {
            let limits = Limits { warn: Limits::fail_above(100).fail, fail: None };
            TriggerResult::new("unmapped_file", "data/".into(), Counted::RejectedRows, 1, 4, limits)
        };
        assert_eq!(warned().status, Status::Warn);
        let allowed = decide(&files, vec![warned()], false);
        assert_eq!((allowed.verdict, allowed.warn_error), (Verdict::Go, false));
        let failed = decide(&files, vec![warned()], true);
        assert_eq!((failed.verdict, failed.warn_error), (Verdict::Rollback, true));
        assert_eq!(decide(&files, Vec::new(), true).verdict, Verdict::Go, "nothing warned");
    }

    #[test]
    fn a_row_or_a_character_off_is_a_rollback_with_the_file_as_example() {
        let decision = decide(&[file(10, 8, 1, (5, 5)), file(3, 3, 0, (7, 6))], Vec::new(), false);
        assert_eq!(decision.verdict, Verdict::Rollback);
        let [rows, characters] = &decision.results[..] else { panic!("two checks") };
        assert_eq!((rows.status, rows.share()), (Status::Fail, Some((1, 13))));
        assert_eq!(
            rows.examples[0].note,
            Some(Note::Unbalanced { source: 10, loaded: 8, rejected: 1 })
        );
        assert_eq!((characters.status, characters.share()), (Status::Fail, Some((1, 12))));
        assert_eq!(characters.examples.len(), 1);
        // Rows or characters out of nothing are off too.
        let decision = decide(&[file(0, 1, 0, (0, 2))], Vec::new(), false);
        assert!(decision.results.iter().all(|r| r.status == Status::Fail));
        assert_eq!(decision.results[1].share(), Some((2, 2)));
    }

    #[test]
    fn characters_stored_damaged_fail_the_round_trip_even_when_counts_match() {
        let mut damaged = file(10, 10, 0, (40, 40));
        damaged.non_ascii_damaged = 6;
        let decision = decide(&[damaged, file(5, 5, 0, (3, 3))], Vec::new(), false);
        assert_eq!(decision.verdict, Verdict::Rollback);
        let characters = &decision.results[1];
        assert_eq!((characters.status, characters.share()), (Status::Fail, Some((6, 43))));
        assert_eq!(
            characters.examples[0].note,
            Some(Note::CharactersChanged { read: 40, stored: 40, damaged: 6 })
        );
        assert_eq!(characters.examples.len(), 1);
        // `?` for letters in ASCII-only text: off, out of no characters read.
        let mut lost = file(2, 2, 0, (0, 0));
        lost.non_ascii_damaged = 2;
        assert_eq!(decide(&[lost], Vec::new(), false).results[1].share(), Some((2, 2)));
    }
}
