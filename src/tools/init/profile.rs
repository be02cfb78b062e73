//! What `init` learns from a file's values, read once and streamed: per
//! column, how many cells are filled, the values that occur (the first
//! [`DISTINCT_KEPT`] distinct ones, with their rows), whether every value
//! is distinct, the Salesforce id prefixes, and how many values each
//! candidate type and format would refuse, judged by the converters `run`
//! itself uses. Memory is bounded: a file is read up to [`SAMPLE_ROWS`]
//! rows, and each column keeps at most [`UNIQUE_KEPT`] values.

use std::collections::{BTreeMap, HashSet};

use csv::StringRecord;
use indexmap::IndexMap;

use crate::error::Result;
use crate::map::{convert, salesforce_id};
use crate::parse::CsvFile;
use crate::scenario::FieldType;

/// Rows of a file read to profile it; a longer file is judged on these.
pub(super) const SAMPLE_ROWS: u64 = 200_000;
/// Distinct values kept per column, with their row counts.
pub(super) const DISTINCT_KEPT: usize = 1_000;
/// Values kept per column while all of them are distinct: the set a
/// lookup in another file is matched against.
const UNIQUE_KEPT: usize = 200_000;

/// A type `init` may write, with its `format`.
pub(super) type Candidate = (FieldType, Option<&'static str>);

/// The types and formats tried on every column, in order of preference
/// within a type.
pub(super) const CANDIDATES: &[Candidate] = &[
    (FieldType::Bool, None),
    (FieldType::Int, None),
    (FieldType::Decimal, None),
    (FieldType::Email, None),
    (FieldType::Phone, None),
    (FieldType::Date, None),
    (FieldType::Date, Some("%m/%d/%Y")),
    (FieldType::Date, Some("%m/%d/%y")),
    (FieldType::Date, Some("%d.%m.%Y")),
    (FieldType::Date, Some("%d/%m/%Y")),
    (FieldType::Datetime, None),
    (FieldType::Datetime, Some("%Y-%m-%d %H:%M:%S")),
    (FieldType::Datetime, Some("%Y-%m-%d %H:%M")),
    (FieldType::Datetime, Some("%m/%d/%Y %H:%M")),
    (FieldType::Datetime, Some("%m/%d/%y %H:%M")),
    (FieldType::Datetime, Some("%d.%m.%Y %H:%M")),
];

/// What one column holds.
#[derive(Debug, Default)]
pub(super) struct ColumnProfile {
    /// Cells that are not blank.
    pub(super) filled: u64,
    /// The first distinct values (trimmed), with their rows.
    pub(super) values: IndexMap<String, u64>,
    /// More distinct values occur than [`ColumnProfile::values`] holds.
    pub(super) more_values: bool,
    /// Every value, while all are distinct and there are few enough.
    unique: Option<HashSet<String>>,
    /// Salesforce id prefixes (`001`) of the values that are Salesforce ids.
    pub(super) prefixes: BTreeMap<String, u64>,
    /// Values each candidate refused, by index in [`CANDIDATES`]; `None`
    /// once it refused too many to be chosen.
    refused: Vec<Option<u64>>,
    /// A refused value for each candidate, for the note.
    pub(super) refused_example: Vec<Option<String>>,
    /// Values with a leading zero before another digit (`02134`), which a
    /// number type would strip.
    pub(super) leading_zeros: u64,
}

impl ColumnProfile {
    pub(super) fn new() -> ColumnProfile {
        ColumnProfile {
            unique: Some(HashSet::new()),
            refused: vec![Some(0); CANDIDATES.len()],
            refused_example: vec![None; CANDIDATES.len()],
            ..ColumnProfile::default()
        }
    }

    pub(super) fn add(&mut self, value: &str) {
        self.filled += 1;
        let kept = self.values.len();
        match self.values.get_mut(value) {
            Some(rows) => *rows += 1,
            None if kept < DISTINCT_KEPT => {
                self.values.insert(value.to_string(), 1);
            }
            None => self.more_values = true,
        }
        if let Some(unique) = &mut self.unique
            && (!unique.insert(value.to_string()) || unique.len() > UNIQUE_KEPT)
        {
            self.unique = None;
        }
        if let Ok(id) = salesforce_id(value)
            && id.iter().take(3).any(u8::is_ascii_digit)
        {
            *self.prefixes.entry(String::from_utf8_lossy(&id[..3]).into_owned()).or_default() += 1;
        }
        let bytes = value.as_bytes();
        if bytes.len() > 1 && bytes[0] == b'0' && bytes[1].is_ascii_digit() {
            self.leading_zeros += 1;
        }
        for (i, (kind, format)) in CANDIDATES.iter().enumerate() {
            let Some(refused) = self.refused[i] else { continue };
            if convert(*kind, *format, chrono_tz::UTC, value).is_ok() {
                continue;
            }
            let refused = refused + 1;
            if self.refused_example[i].is_none() {
                self.refused_example[i] = Some(value.to_string());
            }
            // Out of the running once it refuses more than 2% of a fair
            // number of values: the final bar is 1%.
            self.refused[i] = (refused <= 20 || refused * 50 <= self.filled).then_some(refused);
        }
    }

    /// Values `candidate` refused, or `None` when it refused too many to be
    /// counted to the end.
    pub(super) fn refused(&self, candidate: Candidate) -> Option<u64> {
        let i = CANDIDATES.iter().position(|c| *c == candidate)?;
        self.refused[i]
    }

    /// Whether `candidate` reads all but at most 1% of the filled values.
    pub(super) fn fits(&self, candidate: Candidate) -> bool {
        self.filled > 0 && self.refused(candidate).is_some_and(|r| r * 100 <= self.filled)
    }

    /// Whether every value is distinct (and all of them are known).
    pub(super) fn is_unique(&self) -> bool {
        self.filled > 0 && self.unique.is_some()
    }

    /// Whether `value` is one of the column's values; only for a unique
    /// column.
    pub(super) fn holds(&self, value: &str) -> bool {
        self.unique.as_ref().is_some_and(|u| u.contains(value))
    }

    /// The Salesforce id prefix of nearly all values (90%), if one is.
    pub(super) fn id_prefix(&self) -> Option<&str> {
        let (prefix, rows) = self.prefixes.iter().max_by_key(|(_, rows)| **rows)?;
        (*rows * 10 >= self.filled * 9).then_some(prefix.as_str())
    }
}

/// What a file holds, column by column.
#[derive(Debug)]
pub(super) struct FileProfile {
    /// Data rows read.
    pub(super) rows: u64,
    /// The whole file was read (it has at most [`SAMPLE_ROWS`] rows).
    pub(super) complete: bool,
    /// One profile per header, in header order.
    pub(super) columns: Vec<ColumnProfile>,
}

/// Reads `csv` (positioned after its header) and profiles its columns.
pub(super) fn profile(csv: &mut CsvFile) -> Result<FileProfile> {
    let width = csv.headers().len();
    let mut columns: Vec<ColumnProfile> = (0..width).map(|_| ColumnProfile::new()).collect();
    let mut record = StringRecord::new();
    let mut rows = 0;
    while rows < SAMPLE_ROWS {
        if csv.read(&mut record)?.is_none() {
            return Ok(FileProfile { rows, complete: true, columns });
        }
        rows += 1;
        for (column, cell) in columns.iter_mut().zip(record.iter()) {
            let value = cell.trim_matches(|c: char| c.is_ascii_whitespace());
            if !value.is_empty() {
                column.add(value);
            }
        }
    }
    let complete = csv.read(&mut record)?.is_none();
    Ok(FileProfile { rows, complete, columns })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(values: &[&str]) -> ColumnProfile {
        let mut column = ColumnProfile::new();
        for v in values {
            column.add(v);
        }
        column
    }

    #[test]
    fn types_are_judged_by_the_converters_run_uses() {
        let dates = column(&["2022-12-02 00:00:00", "2023-01-15 00:00:00"]);
        assert!(!dates.fits((FieldType::Date, None)));
        assert!(dates.fits((FieldType::Datetime, Some("%Y-%m-%d %H:%M:%S"))));
        assert!(column(&["3/14/25", "12/1/24"]).fits((FieldType::Date, Some("%m/%d/%y"))));
        let mut amounts: Vec<String> = (0..200).map(|i| format!("{i}.50")).collect();
        amounts.push("4.8E7".into());
        amounts.push("TBD".into());
        let refs: Vec<&str> = amounts.iter().map(String::as_str).collect();
        let amounts = column(&refs);
        assert!(amounts.fits((FieldType::Decimal, None)), "1 of 202 refused is within 1%");
        assert_eq!(amounts.refused((FieldType::Decimal, None)), Some(1));
        assert!(!amounts.fits((FieldType::Int, None)));
    }

    #[test]
    fn prefixes_and_uniqueness_are_counted() {
        let ids = column(&["001000000000001AAA", "001000000000002AAA", "003000000000001AAA"]);
        assert!(ids.is_unique());
        assert!(ids.holds("001000000000002AAA"));
        assert_eq!(ids.id_prefix(), None, "2 of 3 is not nearly all");
        let owners = column(&["005000000000001AAA", "005000000000001AAA"]);
        assert_eq!(owners.id_prefix(), Some("005"));
        assert!(!owners.is_unique());
        assert_eq!(owners.values.get("005000000000001AAA"), Some(&2));
    }
}
