//! A source row on its way from the reader to the shadow, with what the
//! per-row work found in it, and the counts that work keeps per thread
//! (added up once the file is in). See the `pipeline` module.

use csv::StringRecord;

use super::Padded;
use super::blanks;
use crate::decode::Undecodable;
use crate::decode::detect::{self, DamageKind};
use crate::error::Result;
use crate::map::{Coverage, IdColumn};
use crate::parse::CsvFile;
use crate::scenario::NullTokens;

/// A record as read, with its place in the file and its damage.
#[derive(Default)]
pub(super) struct SourceRow {
    /// The 1-based line the record starts on.
    pub line: u64,
    pub record: StringRecord,
    /// The record's undecodable byte sequences, in order.
    pub undecodable: Vec<Undecodable>,
    /// The damaged cells, in cell order.
    pub damage: Vec<DamagedCell>,
    /// Non-ASCII characters trimmed from the id cells stored as read.
    pub padding: u64,
    /// The likely readings of one cell's undecodable bytes (reused).
    readings: Vec<Option<String>>,
}

/// What the damage detectors found in one cell.
pub(super) struct DamagedCell {
    /// The cell's index in its record.
    pub cell: usize,
    pub kind: DamageKind,
    /// The cell as it likely read, blank when that is a null token.
    pub repair: Option<String>,
    /// The file offset of the cell's first undecodable byte, if it has one.
    pub byte_offset: Option<u64>,
    /// Characters of the cell stored damaged.
    pub lost: u64,
}

impl SourceRow {
    /// Reads the next record of `csv` into the row; `false` at the end.
    pub fn read(&mut self, csv: &mut CsvFile) -> Result<bool> {
        match csv.read_row(&mut self.record, &mut self.undecodable)? {
            Some(line) => {
                self.line = line;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Runs the damage detectors on every cell. Each U+FFFD in the text has
    /// its undecodable entry, in order: the decoder's (with the likely
    /// reading) or the export's own.
    pub fn inspect(&mut self, tokens: &NullTokens) {
        self.damage.clear();
        let mut pending = self.undecodable.iter();
        for (i, cell) in self.record.iter().enumerate() {
            let own: Vec<&Undecodable> = if self.undecodable.is_empty() {
                Vec::new()
            } else {
                pending.by_ref().take(cell.matches('\u{FFFD}').count()).collect()
            };
            self.readings.clear();
            self.readings.extend(own.iter().map(|u| (!u.native).then(|| u.likely())));
            let Some(mut found) = detect::inspect(cell, &self.readings) else { continue };
            blanks::blank_repair(&mut found.repair, Some(tokens));
            self.damage.push(DamagedCell {
                cell: i,
                kind: found.kind,
                lost: found.lost_characters(cell),
                repair: found.repair,
                byte_offset: own.iter().find(|u| !u.native).map(|u| u.byte_offset),
            });
        }
    }

    /// Characters stored damaged in the cells at `indexes` (stored as read).
    pub fn lost_in(&self, indexes: impl IntoIterator<Item = usize>) -> u64 {
        if self.damage.is_empty() {
            return 0;
        }
        let indexes: Vec<usize> = indexes.into_iter().collect();
        self.damage.iter().filter(|d| indexes.contains(&d.cell)).map(|d| d.lost).sum()
    }
}

/// What one thread's per-row work counts over the rows it did.
pub(super) struct Tally {
    pub padded: Padded,
    pub coverage: Coverage,
    /// Cells that are each null token.
    pub null_tokens: Vec<u64>,
}

impl Tally {
    pub fn new(id_columns: Vec<IdColumn>) -> Self {
        Tally {
            padded: Padded::new(id_columns),
            coverage: Coverage::default(),
            null_tokens: Vec::new(),
        }
    }

    /// Counts a row's null tokens and padded id cells (into `row.padding`).
    pub fn row(&mut self, row: &mut SourceRow, tokens: &NullTokens) {
        blanks::count_tokens(&mut self.null_tokens, tokens, &row.record);
        row.padding = self.padded.row(&row.record);
    }

    /// Every thread's counts added up.
    pub fn sum(tallies: Vec<Tally>) -> Option<Tally> {
        let mut tallies = tallies.into_iter();
        let mut total = tallies.next()?;
        for tally in tallies {
            total.padded.absorb(&tally.padded);
            total.coverage.absorb(tally.coverage);
            if total.null_tokens.len() < tally.null_tokens.len() {
                total.null_tokens.resize(tally.null_tokens.len(), 0);
            }
            for (sum, n) in total.null_tokens.iter_mut().zip(tally.null_tokens) {
                *sum += n;
            }
        }
        Some(total)
    }
}
