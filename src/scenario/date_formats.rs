//! A date or datetime field's `format` (a chrono strftime pattern), checked
//! before any data is read: a pattern that cannot be written or read back
//! would otherwise reject every row and blame the data.

use std::fmt::Write;

use chrono::format::{Item, StrftimeItems};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};

use super::format_reads_offset;
use crate::error::DateFormatProblem;

/// The date a format is tried on: day, month and year all distinct.
fn sample() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2031, 11, 23).and_then(|d| d.and_hms_opt(14, 35, 0)).unwrap_or_default()
}

/// What is wrong with `format` for a date (`datetime` false) or a
/// date-time field, or `None` when it writes the sample date (and time)
/// and reads it back.
pub(super) fn problem(format: &str, datetime: bool) -> Option<DateFormatProblem> {
    if format.trim().is_empty() {
        return Some(DateFormatProblem::Empty);
    }
    if let Some(bad) = bad_specifier(format) {
        return Some(if bad == "%" {
            DateFormatProblem::TrailingPercent
        } else {
            DateFormatProblem::Unknown { specifier: bad.to_string() }
        });
    }
    let sample = sample();
    let written =
        if datetime { write_datetime(format, sample) } else { write_date(format, sample) };
    let Some(written) = written else {
        return Some(DateFormatProblem::CannotWrite { datetime });
    };
    let read_back = if !datetime {
        NaiveDate::parse_from_str(&written, format).is_ok_and(|d| d == sample.date())
    } else if format_reads_offset(format) {
        DateTime::parse_from_str(&written, format).is_ok_and(|d| d.naive_local() == sample)
    } else {
        NaiveDateTime::parse_from_str(&written, format).is_ok_and(|d| d == sample)
    };
    (!read_back).then_some(DateFormatProblem::NoRoundTrip { written, datetime })
}

/// `date` written in `format`, if chrono can write every item of it.
fn write_date(format: &str, sample: NaiveDateTime) -> Option<String> {
    let mut text = String::new();
    write!(text, "{}", sample.date().format_with_items(StrftimeItems::new(format))).ok()?;
    Some(text)
}

/// The sample date-time written in `format` (at +02:00 when it writes an
/// offset), if chrono can write every item of it.
fn write_datetime(format: &str, sample: NaiveDateTime) -> Option<String> {
    let mut text = String::new();
    let items = StrftimeItems::new(format);
    if format_reads_offset(format) {
        let zone = FixedOffset::east_opt(2 * 3600)?;
        let at = zone.from_local_datetime(&sample).single()?;
        write!(text, "{}", at.format_with_items(items)).ok()?;
    } else {
        write!(text, "{}", sample.format_with_items(items)).ok()?;
    }
    Some(text)
}

/// The first `%` specifier of `format` chrono does not know (`%Q`, or `%`
/// alone at the end), as written.
fn bad_specifier(format: &str) -> Option<&str> {
    let mut rest = format;
    while let Some(at) = rest.find('%') {
        let from_percent = &rest[at..];
        if let Some(after) = from_percent.strip_prefix("%%") {
            rest = after;
            continue;
        }
        let end = from_percent[1..].find('%').map_or(from_percent.len(), |i| i + 1);
        let piece = &from_percent[..end];
        if StrftimeItems::new(piece).any(|item| matches!(item, Item::Error)) {
            let spec_end = piece.char_indices().nth(2).map_or(piece.len(), |(i, _)| i);
            return Some(&piece[..spec_end]);
        }
        rest = &from_percent[end..];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_that_write_and_read_a_date_pass() {
        for format in ["%Y-%m-%d", "%d.%m.%Y", "%m/%d/%y", "%e %B %Y", "%Y%m%d", "100%% %Y-%m-%d"] {
            assert_eq!(problem(format, false), None, "{format}");
        }
        for format in
            ["%Y-%m-%d %H:%M:%S", "%d.%m.%Y %H:%M", "%Y-%m-%dT%H:%M:%S%.f%:z", "%m/%d/%Y %I:%M %p"]
        {
            assert_eq!(problem(format, true), None, "{format}");
        }
    }

    #[test]
    fn unknown_specifiers_a_lone_percent_and_blank_formats_are_named() {
        assert_eq!(
            problem("%d/%Q/%Y", false),
            Some(DateFormatProblem::Unknown { specifier: "%Q".into() })
        );
        assert_eq!(problem("%Y-%m-%", false), Some(DateFormatProblem::TrailingPercent));
        assert_eq!(problem("", false), Some(DateFormatProblem::Empty));
        assert_eq!(problem("  ", true), Some(DateFormatProblem::Empty));
    }

    #[test]
    fn a_format_that_cannot_give_the_date_back_is_refused() {
        assert_eq!(
            problem("%H:%M", false),
            Some(DateFormatProblem::CannotWrite { datetime: false })
        );
        assert_eq!(
            problem("%Y-%m", false),
            Some(DateFormatProblem::NoRoundTrip { written: "2031-11".into(), datetime: false })
        );
        assert_eq!(
            problem("%Y-%m-%d", true),
            Some(DateFormatProblem::NoRoundTrip { written: "2031-11-23".into(), datetime: true })
        );
        assert_eq!(
            problem("%d.%m.%Y", true),
            Some(DateFormatProblem::NoRoundTrip { written: "23.11.2031".into(), datetime: true })
        );
    }
}
