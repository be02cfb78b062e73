//! `lost_digits`: numbers a spreadsheet likely cut or stripped, per column
//! where it finds any (flagged values / the column's values). Both are
//! guesses from the shape of a whole column, so the default only warns
//! (above 0%); a column without the pattern gets no result.
//!
//! - **Cut to 15 digits.** A spreadsheet keeps 15 significant digits of a
//!   number: a 19-digit id `1234567890123456789` becomes
//!   `1234567890123450000`. Flagged in id columns (keys, references by key,
//!   `type = "id"`, junction ends) when at least 3 all-digit values have 16
//!   or more digits and every one of them has only zeros past the 15th (a
//!   column of real ids almost never does).
//! - **Leading zeros dropped.** Postal codes and phone numbers stored as
//!   numbers lose their leading zeros (`02134` → `2134`). Flagged in text
//!   and phone fields when at least 20 values are there, at least 95% of
//!   them all digits, at least 80% of those have one length of 4 digits or
//!   more, and some are one or two digits shorter: those are the examples,
//!   with the value padded back as the likely repair.
//!
//! Not detected: a number cut to fewer digits than 16 (nothing is left to
//! see), a column where cut and uncut values mix, zeros lost in a column
//! of varied lengths, or lost zeros in a field read as `int`.

use super::contract::{Context, Settings, Takes, Trigger, count};
use crate::error::{Error, Result};
use crate::facts::{Authority, RootCause};
use crate::facts::{Counted, DigitLoss, Limits, Note, TriggerResult};
use crate::load::ident;
use crate::scenario::{FieldType, TriggerSettings};

pub const TRIGGER: Trigger = Trigger {
    id: "lost_digits",
    defaults: Limits::warn_above(0),
    takes: Takes::Share,
    settings: Settings::Thresholds,
    authority: Authority::Data,
    cause: RootCause::Spreadsheet,
    evaluate,
};

/// A column to look at: where it is in the shadow and where in the export.
struct Column {
    /// `contacts.zip`, `companies key`.
    label: String,
    table: String,
    /// The shadow's column.
    column: String,
    /// The export's header.
    header: String,
    file: String,
}

/// SQL: the text `c` is all digits.
const DIGITS: &str = "(c <> '' AND c NOT GLOB '*[^0-9]*')";

fn evaluate(
    ctx: &Context<'_>,
    limits: Limits,
    _: Option<&TriggerSettings>,
) -> Result<Vec<TriggerResult>> {
    let (ids, numbers) = columns(ctx);
    let mut results = Vec::new();
    for column in &ids {
        results.extend(cut_to_15(ctx, column, limits)?);
    }
    for column in &numbers {
        results.extend(leading_zeros(ctx, column, limits)?);
    }
    Ok(results)
}

/// The id columns and the text or phone columns of the scenario.
fn columns(ctx: &Context<'_>) -> (Vec<Column>, Vec<Column>) {
    let (mut ids, mut numbers) = (Vec::new(), Vec::new());
    for object in &ctx.scenario.objects {
        let column = |label: String, column: &str, header: &str| Column {
            label,
            table: object.name.clone(),
            column: column.to_string(),
            header: header.to_string(),
            file: object.source.file.clone(),
        };
        ids.push(column(format!("{} key", object.name), "_key", &object.key.name));
        for field in &object.fields {
            let label = format!("{}.{}", object.name, field.name);
            let by_key = field.reference.as_ref().map(|r| r.by.is_none());
            let one_column = field.also.is_empty() && field.part.is_none();
            if !one_column || field.map.is_some() {
                continue;
            }
            if field.kind == FieldType::Id || by_key == Some(true) {
                ids.push(column(label, &field.name, &field.from.name));
            } else if by_key.is_none() && matches!(field.kind, FieldType::Text | FieldType::Phone) {
                numbers.push(column(label, &field.name, &field.from.name));
            }
        }
    }
    for junction in &ctx.scenario.junctions {
        for (side, end) in [("left", &junction.left), ("right", &junction.right)] {
            if end.by.is_none() {
                ids.push(Column {
                    label: format!("{}.{side}", junction.name),
                    table: junction.name.clone(),
                    column: side.to_string(),
                    header: end.from.name.clone(),
                    file: junction.source.file.clone(),
                });
            }
        }
    }
    (ids, numbers)
}

/// The column's long all-digit values, when every one ends in zeros past
/// the 15th digit (and there are at least 3).
fn cut_to_15(ctx: &Context<'_>, c: &Column, limits: Limits) -> Result<Option<TriggerResult>> {
    let (table, column) = (ident(&c.table), ident(&c.column));
    // The length first: it is cheaper than the digit pattern.
    let long = format!("length(c) >= 16 AND {DIGITS}");
    let cut = format!("{long} AND ltrim(substr(c, 16), '0') = ''");
    // One pass counts both: the long values, and the cut ones among them.
    let (long_values, cut_values) = ctx
        .conn
        .query_row(
            &format!(
                "SELECT count(*), count(*) FILTER (WHERE ltrim(substr(c, 16), '0') = '') \
                 FROM (SELECT {column} AS c FROM {table}) WHERE {long}"
            ),
            [],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
        )
        .map_err(Error::shadow("count long digit values"))?;
    if cut_values < 3 || cut_values != long_values {
        return Ok(None);
    }
    let total = count(ctx.conn, &format!("SELECT count({column}) FROM {table}"), [])?;
    let loss = DigitLoss::CutTo15;
    let rows = format!(
        "SELECT _line, _key, ?1, c FROM (SELECT _rowid_ AS r, _line, _key, {column} AS c FROM {table}) \
         WHERE {cut} ORDER BY r"
    );
    let found = ctx.examples(&c.file, &rows, [&c.header], |_, e| {
        e.note = Some(Note::DigitsLost { loss });
        Ok(())
    })?;
    let counted = Counted::LostDigits { loss };
    let cut_values = u64::try_from(cut_values).unwrap_or(0);
    let mut result =
        TriggerResult::new(TRIGGER.id, c.label.clone(), counted, cut_values, total, limits);
    result.set_examples(found, cut_values);
    Ok(Some(result))
}

/// The column's all-digit values one or two digits shorter than the length
/// most of them have (see the module's rule).
fn leading_zeros(ctx: &Context<'_>, c: &Column, limits: Limits) -> Result<Option<TriggerResult>> {
    let (table, column) = (ident(&c.table), ident(&c.column));
    let read = |e| Error::shadow("measure digit lengths")(e);
    let sql = format!(
        "SELECT length(c), count(*) FROM (SELECT {column} AS c FROM {table}) \
         WHERE typeof(c) = 'text' AND {DIGITS} GROUP BY 1 ORDER BY 1"
    );
    let mut stmt = ctx.conn.prepare(&sql).map_err(read)?;
    let lengths = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))
        .map_err(read)?
        .map(|r| r.map(|(l, n)| (u64::try_from(l).unwrap_or(0), u64::try_from(n).unwrap_or(0))))
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(read)?;
    let total = count(ctx.conn, &format!("SELECT count({column}) FROM {table}"), [])?;
    let Some((digits, short)) = dropped_zeros(&lengths, total) else {
        return Ok(None);
    };
    let loss = DigitLoss::LeadingZeros { digits };
    let rows = format!(
        "SELECT _line, _key, ?1, c FROM (SELECT _rowid_ AS r, _line, _key, {column} AS c FROM {table}) \
         WHERE typeof(c) = 'text' AND {DIGITS} AND length(c) BETWEEN ?2 AND ?3 ORDER BY r"
    );
    let width = usize::try_from(digits).unwrap_or(0);
    let shortest = i64::try_from(digits.saturating_sub(2)).unwrap_or(0);
    let params = rusqlite::params![c.header, shortest, shortest + 1];
    let found = ctx.examples(&c.file, &rows, params, |_, e| {
        e.note = Some(Note::DigitsLost { loss });
        e.repair = e.value.as_ref().map(|v| format!("{v:0>width$}"));
        Ok(())
    })?;
    let counted = Counted::LostDigits { loss };
    let mut result = TriggerResult::new(TRIGGER.id, c.label.clone(), counted, short, total, limits);
    result.set_examples(found, short);
    Ok(Some(result))
}

/// From the lengths of a column's all-digit values (`(length, values)`)
/// and its count of values: the length most have and how many values are
/// one or two digits shorter, when the column looks like fixed-length
/// numbers that lost leading zeros (see the module's rule).
fn dropped_zeros(lengths: &[(u64, u64)], values: u64) -> Option<(u64, u64)> {
    let digits: u64 = lengths.iter().map(|(_, n)| n).sum();
    if digits < 20 || digits * 100 < values * 95 {
        return None;
    }
    let &(common, most) = lengths.iter().max_by_key(|(l, n)| (*n, std::cmp::Reverse(*l)))?;
    if common < 4 || most * 100 < digits * 80 {
        return None;
    }
    let short: u64 =
        lengths.iter().filter(|(l, _)| *l + 2 >= common && *l < common).map(|(_, n)| n).sum();
    (short > 0).then_some((common, short))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postal_codes_of_one_length_with_a_few_shorter_lost_their_zeros() {
        // 90 five-digit codes, 8 of four digits, 2 of three: 10 lost zeros.
        assert_eq!(dropped_zeros(&[(3, 2), (4, 8), (5, 90)], 100), Some((5, 10)));
        // Too few values to tell, or too few of one length.
        assert_eq!(dropped_zeros(&[(4, 1), (5, 18)], 19), None);
        assert_eq!(dropped_zeros(&[(4, 30), (5, 70)], 100), None);
        // Not mostly numbers (names, codes with letters).
        assert_eq!(dropped_zeros(&[(4, 5), (5, 80)], 100), None);
        // All one length: nothing lost.
        assert_eq!(dropped_zeros(&[(5, 100)], 100), None);
        // Short codes (scores, 3-digit area codes) are not taken for postal codes.
        assert_eq!(dropped_zeros(&[(2, 10), (3, 90)], 100), None);
        // Three digits shorter is not a lost zero or two.
        assert_eq!(dropped_zeros(&[(2, 10), (5, 90)], 100), None);
        // Phone numbers: 11 digits, some 10.
        assert_eq!(dropped_zeros(&[(10, 6), (11, 94)], 100), Some((11, 6)));
    }
}
