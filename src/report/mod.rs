//! Reports stage: the [`Report`] of one rehearsal (verdict, row accounting,
//! trigger results, expectation) and its renderings, one file per format,
//! with their words in [`words`]. The report renders the decision; it does
//! not make it. Everything here is deterministic: paths as written in the
//! scenario, no clock, stable order.

use serde::Serialize;

use crate::facts::MapCoverage;
use crate::facts::Placeholders;
use crate::facts::{Amount, Counted, Projection, TriggerResult};
use crate::facts::{Decision, Evidence, ROWS_BALANCE, Status, Verdict};
use crate::facts::{FileRows, TrimmedIds};
use crate::scenario::{
    Expectation, FieldType, RegionOrigin, Scenario, ZoneOrigin, format_reads_offset,
};

pub mod causes;
pub mod columns;
pub mod flagged;
pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod plan;
pub mod redact;
pub mod rejects;
pub mod suite;
pub mod text;
mod timeline;
pub mod words;

/// The outcome of one rehearsal.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Scenario name.
    pub scenario: String,
    /// Scenario description.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// GO or ROLLBACK.
    pub verdict: Verdict,
    /// Row accounting per export file, in scenario order.
    pub objects: Vec<ObjectRows>,
    /// Row accounting over all files.
    pub rows: RowTotals,
    /// The integrity checks, then every trigger result in trigger order.
    #[serde(serialize_with = "json::triggers")]
    pub triggers: Vec<TriggerResult>,
    /// Each value map's coverage of the source values.
    pub value_maps: Vec<MapCoverage>,
    /// The zone each date-time field's times without an offset are read in.
    pub time_zones: Vec<FieldZone>,
    /// The cells that count as blank (`null_tokens`, or the default list).
    pub null_tokens: NullTokenList,
    /// The placeholder e-mails and phones found, per field.
    pub placeholders: Vec<Placeholders>,
    /// The region each phone field's numbers without a country code are read in.
    pub phone_regions: Vec<FieldRegion>,
    /// The cut-over projection, when the scenario has a `[cutover]` section.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cutover: Option<Projection>,
    /// How the verdict compares with the scenario's `[expect]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expectation: Option<ExpectationOutcome>,
    /// Warnings counted as failures (`--warn-error`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub warn_error: bool,
    /// The tool, its version, every input's size and sha256, the run time.
    pub evidence: Evidence,
}

/// The zone a date-time field is read in, and which setting chose it.
#[derive(Debug, Clone, Serialize)]
pub struct FieldZone {
    /// `object.field`.
    pub field: String,
    /// The IANA zone name (`UTC`, `Europe/Berlin`).
    pub zone: String,
    /// Which `timezone` setting chose the zone.
    pub from: ZoneOrigin,
    /// The field's format reads each value's offset, so the zone never applies.
    pub offset_in_values: bool,
}

/// The scenario's null tokens.
#[derive(Debug, Clone, Serialize)]
pub struct NullTokenList {
    /// The tokens, in the scenario's order.
    pub tokens: Vec<String>,
    /// The scenario lists them; otherwise they are the default list.
    pub declared: bool,
}

/// The cells of a file that are one null token.
#[derive(Debug, Clone, Serialize)]
pub struct TokenCells {
    /// The token.
    pub token: String,
    /// Cells equal to it once trimmed (every column, every row).
    pub cells: u64,
}

/// The region a phone field's numbers are read in, and which setting chose it.
#[derive(Debug, Clone, Serialize)]
pub struct FieldRegion {
    /// `object.field`.
    pub field: String,
    /// The region code (`US`), or `None` when none is declared.
    pub region: Option<String>,
    /// Which `phone_region` setting chose it.
    pub from: RegionOrigin,
}

/// Row accounting for one export file.
#[derive(Debug, Clone, Serialize)]
pub struct ObjectRows {
    /// Object or junction name.
    pub name: String,
    /// The export file, as the scenario names it.
    pub file: String,
    /// Encoding used, and how it was decided.
    pub encoding: String,
    /// Records in the file.
    pub source_rows: u64,
    /// Rows in the shadow table.
    pub loaded: u64,
    /// Rows in `_rejects`.
    pub rejected: u64,
    /// Rows repeating an earlier row's record (a join export), in `_repeats`.
    #[serde(skip_serializing_if = "is_zero")]
    pub repeated: u64,
    /// The field delimiter (`,` `;` `tab` `|`).
    pub delimiter: String,
    /// Whether the delimiter was sniffed rather than set by the scenario.
    pub delimiter_sniffed: bool,
    /// Report footer lines recognised and excluded (not rows).
    pub footer_lines: u64,
    /// Byte sequences not valid in the encoding.
    pub undecodable_bytes: u64,
    /// Rows with encoding damage.
    pub damaged_rows: u64,
    /// Non-ASCII characters in source cells stored as read.
    pub non_ascii_in: u64,
    /// Non-ASCII characters in those fields in the shadow.
    pub non_ascii_out: u64,
    /// Characters of those fields stored damaged (U+FFFD, mojibake, `?`).
    pub non_ascii_damaged: u64,
    /// Rows in the shadow table; for a junction with a split end, its links.
    pub links: u64,
    /// Id cells trimmed of Unicode whitespace, per column with any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub trimmed_ids: Vec<TrimmedIds>,
    /// `source_rows = loaded + rejected`.
    pub balanced: bool,
    /// The null tokens found in the file's cells, in token order (those
    /// found at least once).
    pub null_tokens: Vec<TokenCells>,
}

/// Row accounting over all files.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct RowTotals {
    /// Records in all files.
    pub source_rows: u64,
    /// Rows loaded.
    pub loaded: u64,
    /// Rows rejected.
    pub rejected: u64,
    /// Rows repeating an earlier row's record (a join export).
    #[serde(skip_serializing_if = "is_zero")]
    pub repeated: u64,
    /// Every file balances: the decision's `rows_balance` check passed.
    pub balanced: bool,
    /// Non-ASCII characters read, over all files.
    pub non_ascii_in: u64,
    /// Non-ASCII characters in the shadow, over all files.
    pub non_ascii_out: u64,
}

/// Whether the rehearsal concluded what the team expected.
#[derive(Debug, Clone, Serialize)]
pub struct ExpectationOutcome {
    /// The expected verdict.
    pub verdict: Verdict,
    /// The triggers expected to fail, if listed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub triggers: Option<Vec<String>>,
    /// True when everything expected happened and nothing else failed.
    pub met: bool,
    /// What differs (in JSON, one sentence each).
    #[serde(serialize_with = "json::mismatches")]
    pub mismatches: Vec<Mismatch>,
}

/// One way a rehearsal differs from its `[expect]` block.
#[derive(Debug, Clone, PartialEq)]
pub enum Mismatch {
    /// The verdict is not the one expected.
    Verdict {
        /// The verdict reached.
        found: Verdict,
        /// The verdict expected.
        expected: Verdict,
    },
    /// An entry of `[expect] triggers` names no failing result.
    DidNotFail {
        /// The entry (`id` or `id:object`).
        entry: String,
    },
    /// A result failed that no entry of `[expect] triggers` names.
    Unexpected {
        /// The trigger id.
        id: &'static str,
        /// What it measured.
        object: String,
        /// Its measured value.
        value: Amount,
        /// What it counts.
        counted: Counted,
    },
}

impl Report {
    /// Assembles the report of `decision` (see [`crate::facts::decide`])
    /// and compares it with the scenario's `[expect]`.
    pub fn build(
        scenario: &Scenario,
        files: &[FileRows],
        decision: Decision,
        value_maps: Vec<MapCoverage>,
        placeholders: Vec<Placeholders>,
    ) -> Report {
        let objects: Vec<ObjectRows> = files
            .iter()
            .map(|f| ObjectRows {
                name: f.object.clone(),
                file: f.file.clone(),
                encoding: f.encoding.to_string(),
                source_rows: f.source_rows,
                loaded: f.loaded,
                rejected: f.rejected,
                repeated: f.repeated,
                delimiter: match f.delimiter {
                    b'\t' => "tab".to_string(),
                    d => char::from(d).to_string(),
                },
                delimiter_sniffed: f.delimiter_sniffed,
                footer_lines: f.footer_lines,
                undecodable_bytes: f.undecodable_bytes,
                damaged_rows: f.damaged_rows,
                non_ascii_in: f.non_ascii_in,
                non_ascii_out: f.non_ascii_out,
                non_ascii_damaged: f.non_ascii_damaged,
                links: f.links,
                trimmed_ids: f.trimmed_ids.clone(),
                balanced: f.balanced(),
                null_tokens: token_cells(scenario, f),
            })
            .collect();
        let Decision { verdict, results: triggers, warn_error } = decision;
        let rows = RowTotals {
            source_rows: objects.iter().map(|o| o.source_rows).sum(),
            loaded: objects.iter().map(|o| o.loaded).sum(),
            rejected: objects.iter().map(|o| o.rejected).sum(),
            repeated: objects.iter().map(|o| o.repeated).sum(),
            balanced: triggers.iter().any(|t| t.id == ROWS_BALANCE && t.status == Status::Pass),
            non_ascii_in: objects.iter().map(|o| o.non_ascii_in).sum(),
            non_ascii_out: objects.iter().map(|o| o.non_ascii_out).sum(),
        };
        let expectation = scenario.expect.as_ref().map(|e| compare(e, verdict, &triggers));
        let time_zones = time_zones(scenario);
        Report {
            scenario: scenario.name.clone(),
            description: scenario.description.clone(),
            verdict,
            objects,
            rows,
            triggers,
            value_maps,
            time_zones,
            null_tokens: NullTokenList {
                tokens: scenario.null_tokens.list().to_vec(),
                declared: scenario.null_tokens.declared,
            },
            placeholders,
            phone_regions: phone_regions(scenario),
            cutover: None,
            expectation,
            warn_error,
            evidence: Evidence::default(),
        }
    }

    /// The failing trigger results.
    pub fn failed(&self) -> impl Iterator<Item = &TriggerResult> {
        self.triggers.iter().filter(|t| t.status == Status::Fail)
    }

    /// The warnings that explain a failing `result`, each with the example
    /// that does: an unmapped file that looks like a junction of the
    /// object `missing_relationship` found without links (the junction
    /// the mapping missed).
    pub fn explaining<'r>(
        &'r self,
        result: &TriggerResult,
    ) -> Vec<(&'r TriggerResult, &'r crate::facts::Example)> {
        let Counted::UnlinkedParents { parent, link, .. } = &result.counted else {
            return Vec::new();
        };
        let junction_of = |e: &crate::facts::Example| match &e.note {
            Some(crate::facts::Note::UnmappedFile { references }) => {
                let ends = |o: &String| references.iter().any(|r| &r.object == o);
                references.len() >= 2 && ends(parent) && link.others.iter().any(ends)
            }
            _ => false,
        };
        let warnings =
            self.triggers.iter().filter(|t| t.status != Status::Pass && !std::ptr::eq(*t, result));
        warnings
            .flat_map(|t| t.examples.iter().filter(|e| junction_of(e)).map(move |e| (t, e)))
            .collect()
    }

    /// True when `result` fails this run: it failed, or it warned and
    /// warnings count as failures (`--warn-error`).
    pub fn fails(&self, result: &TriggerResult) -> bool {
        result.status == Status::Fail || (self.warn_error && result.status == Status::Warn)
    }

    /// True unless an `[expect]` block exists and is not met.
    pub fn as_expected(&self) -> bool {
        self.expectation.as_ref().is_none_or(|e| e.met)
    }

    /// Exit code of `run`: 0 GO as expected, 1 ROLLBACK or an unmet expectation.
    pub fn exit_code(&self) -> i32 {
        i32::from(self.verdict == Verdict::Rollback || !self.as_expected())
    }
}

/// Serde's test for a count left out of the JSON when there is none.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// Every date-time field with the zone its naive times are read in.
fn time_zones(scenario: &Scenario) -> Vec<FieldZone> {
    let fields = scenario.objects.iter().flat_map(|o| o.fields.iter().map(move |f| (o, f)));
    fields
        .filter(|(_, f)| f.kind == FieldType::Datetime)
        .map(|(o, f)| FieldZone {
            field: format!("{}.{}", o.name, f.name),
            zone: f.zone.tz.name().to_string(),
            from: f.zone.from,
            offset_in_values: f.format.as_deref().is_some_and(format_reads_offset),
        })
        .collect()
}

/// The null tokens found in a file, with their cells.
fn token_cells(scenario: &Scenario, file: &FileRows) -> Vec<TokenCells> {
    let tokens = scenario.null_tokens.list().iter();
    tokens
        .zip(&file.null_tokens)
        .filter(|(_, cells)| **cells > 0)
        .map(|(token, cells)| TokenCells { token: token.clone(), cells: *cells })
        .collect()
}

/// Every phone field with the region its numbers are read in.
fn phone_regions(scenario: &Scenario) -> Vec<FieldRegion> {
    let fields = scenario.objects.iter().flat_map(|o| o.fields.iter().map(move |f| (o, f)));
    fields
        .filter(|(_, f)| f.kind == FieldType::Phone)
        .map(|(o, f)| FieldRegion {
            field: format!("{}.{}", o.name, f.name),
            region: f.region.code().map(str::to_string),
            from: f.region.from,
        })
        .collect()
}

/// True when an `[expect] triggers` entry (`id` or `id:object`) names `result`.
pub fn names(entry: &str, result: &TriggerResult) -> bool {
    match entry.split_once(':') {
        Some((id, object)) => id == result.id && object == result.object,
        None => entry == result.id,
    }
}

fn compare(
    expect: &Expectation,
    verdict: Verdict,
    triggers: &[TriggerResult],
) -> ExpectationOutcome {
    let mut mismatches = Vec::new();
    if verdict != expect.verdict {
        mismatches.push(Mismatch::Verdict { found: verdict, expected: expect.verdict });
    }
    if let Some(expected) = &expect.triggers {
        let failed: Vec<&TriggerResult> =
            triggers.iter().filter(|t| t.status == Status::Fail).collect();
        for entry in expected {
            if !failed.iter().any(|t| names(entry, t)) {
                mismatches.push(Mismatch::DidNotFail { entry: entry.clone() });
            }
        }
        for t in failed {
            if !expected.iter().any(|entry| names(entry, t)) {
                mismatches.push(Mismatch::Unexpected {
                    id: t.id,
                    object: t.object.clone(),
                    value: t.value(),
                    counted: t.counted.clone(),
                });
            }
        }
    }
    ExpectationOutcome {
        verdict: expect.verdict,
        triggers: expect.triggers.clone(),
        met: mismatches.is_empty(),
        mismatches,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{Counted, Limits};

    fn result(id: &'static str, object: &str, count: u64) -> TriggerResult {
        TriggerResult::new(
            id,
            object.into(),
            Counted::RejectedRows,
            count,
            100,
            Limits::fail_above(200),
        )
    }

    #[test]
    fn expectation_requires_exactly_the_listed_failures() {
        let triggers = vec![
            result("missing_relationship", "deals via deal_contacts", 23),
            result("critical_blank", "contacts.email", 1),
        ];
        let expect = Expectation {
            verdict: Verdict::Rollback,
            triggers: Some(vec!["missing_relationship".into()]),
            trigger_locations: Vec::new(),
        };
        assert!(compare(&expect, Verdict::Rollback, &triggers).met);

        let expect = Expectation {
            verdict: Verdict::Rollback,
            triggers: Some(vec!["critical_blank".into()]),
            trigger_locations: Vec::new(),
        };
        let outcome = compare(&expect, Verdict::Rollback, &triggers);
        assert!(!outcome.met);
        let said: Vec<String> = outcome.mismatches.iter().map(words::mismatch).collect();
        assert_eq!(
            said,
            [
                "expected `critical_blank` to fail; it did not",
                "`missing_relationship` failed on deals via deal_contacts (23%), which is not expected"
            ]
        );

        let expect =
            Expectation { verdict: Verdict::Go, triggers: None, trigger_locations: Vec::new() };
        assert_eq!(
            compare(&expect, Verdict::Rollback, &triggers).mismatches,
            [Mismatch::Verdict { found: Verdict::Rollback, expected: Verdict::Go }]
        );
    }

    #[test]
    fn entries_may_name_the_object() {
        let r = result("critical_blank", "contacts.email", 5);
        assert!(names("critical_blank", &r));
        assert!(names("critical_blank:contacts.email", &r));
        assert!(!names("critical_blank:deals.amount", &r));
        assert!(!names("import_failure", &r));
    }
}
