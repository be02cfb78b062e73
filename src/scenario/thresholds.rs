//! The `warn` and `fail` thresholds under `[triggers]`, read once with the
//! place of each value: a percentage (`"2%"`), a count of rows (`10`, a
//! TOML integer), a duration (`"4h"`, `"90m"`, `"1h30m"`) or `"off"`.
//! Which units a trigger takes is for its registration in the checks to
//! say; here a value is classified, and one that is none of them keeps
//! what is wrong with it ([`Unreadable`]) for the checks to word in the
//! units its trigger takes.

use indexmap::IndexMap;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::positions::Positions;
use crate::error::{Error, Location, ThresholdProblem};
use crate::facts::{Duration, Limit, Percent, Unreadable};

/// A `warn` or `fail` value as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Threshold {
    /// The limit it sets (`None` for `"off"`), or what keeps it from being one.
    pub limit: Result<Option<Limit>, Unreadable>,
    /// The key it is written under: `warn` or `fail`.
    pub key: &'static str,
    /// Where the value is written.
    pub at: Location,
    /// The value as written (a string without its quotes).
    pub text: String,
}

/// The `warn` and `fail` written in one table of a trigger's entry;
/// what is not written keeps the trigger's default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Thresholds {
    /// `warn`, if written.
    pub warn: Option<Threshold>,
    /// `fail`, if written.
    pub fail: Option<Threshold>,
}

/// The thresholds of every `[triggers]` entry by trigger id: one
/// [`Thresholds`] per table of the entry, in order (an entry may be a list
/// of rules), an empty one for an element that is not a table (its own
/// settings check says what is wrong with it). Nothing when the text is
/// not TOML (its parse error is the one to report).
pub(super) fn read(pos: &Positions<'_>) -> IndexMap<String, Vec<Thresholds>> {
    let mut found = IndexMap::new();
    let Ok(document) = DeTable::parse(pos.text) else { return found };
    let triggers = document.get_ref().iter().find(|(k, _)| k.get_ref() == "triggers");
    let Some(DeValue::Table(triggers)) = triggers.map(|(_, v)| v.get_ref()) else {
        return found;
    };
    for (id, entry) in triggers.iter() {
        let tables: Vec<&DeValue<'_>> = match entry.get_ref() {
            DeValue::Array(items) => items.iter().map(Spanned::get_ref).collect(),
            other => vec![other],
        };
        let written = tables
            .into_iter()
            .map(|table| Thresholds {
                warn: table.get("warn").map(|v| threshold(pos, "warn", v)),
                fail: table.get("fail").map(|v| threshold(pos, "fail", v)),
            })
            .collect();
        found.insert(id.get_ref().to_string(), written);
    }
    found
}

/// The threshold error for a count too large to be read, when that is
/// what stopped the TOML reader at `at` (it reads integers as `i64`, and
/// would otherwise speak of types).
pub(super) fn too_large(pos: &Positions<'_>, at: &Location) -> Option<Error> {
    read(pos).into_iter().find_map(|(trigger, rules)| {
        let mut written = rules.into_iter().flat_map(|t| [t.warn, t.fail]).flatten();
        written.find(|t| t.limit == Err(Unreadable::TooLarge) && t.at == *at).map(|t| {
            Error::Threshold {
                location: t.at,
                trigger,
                text: t.text,
                problem: Box::new(ThresholdProblem::CountTooLarge),
            }
        })
    })
}

/// One value, under `key`: a string (a percentage, a duration or `"off"`)
/// or an integer (a count).
fn threshold(pos: &Positions<'_>, key: &'static str, value: &Spanned<DeValue<'_>>) -> Threshold {
    let at = pos.at(value.span().start);
    let (text, limit) = match value.get_ref() {
        DeValue::String(text) => (text.to_string(), parse_text(text)),
        DeValue::Integer(n) => (written(pos, value), count(n.as_str(), n.radix())),
        DeValue::Float(_) => (written(pos, value), Err(Unreadable::NotCount)),
        _ => (written(pos, value), Err(Unreadable::Other)),
    };
    Threshold { limit, key, at, text }
}

/// A TOML integer as a count: 0 or more, and no larger than the TOML
/// reader takes (an `i64`).
fn count(digits: &str, radix: u32) -> Result<Option<Limit>, Unreadable> {
    match i64::from_str_radix(digits, radix) {
        Ok(n) => u64::try_from(n).map(|n| Some(Limit::Count(n))).map_err(|_| Unreadable::NotCount),
        Err(_) if digits.starts_with('-') => Err(Unreadable::NotCount),
        Err(_) => Err(Unreadable::TooLarge),
    }
}

/// `"off"`, a duration (ends in `h`, `m` or `s`), else a percentage; a
/// whole number in quotes is a count written as text.
fn parse_text(text: &str) -> Result<Option<Limit>, Unreadable> {
    let trimmed = text.trim();
    if trimmed.eq_ignore_ascii_case("off") {
        return Ok(None);
    }
    if !trimmed.is_empty() && trimmed.bytes().all(|b| b.is_ascii_digit()) {
        return Err(trimmed.parse().map_or(Unreadable::Other, Unreadable::QuotedCount));
    }
    let starts_with_digit = trimmed.starts_with(|c: char| c.is_ascii_digit());
    if starts_with_digit && trimmed.ends_with(['h', 'm', 's']) {
        return Duration::parse(trimmed).map(|d| Some(Limit::Duration(d)));
    }
    Percent::parse(text).map(|p| Some(Limit::Percent(p)))
}

/// The value exactly as the scenario writes it.
fn written(pos: &Positions<'_>, value: &Spanned<DeValue<'_>>) -> String {
    pos.text.get(value.span()).unwrap_or_default().trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn read_text(text: &str) -> IndexMap<String, Vec<Thresholds>> {
        read(&Positions { path: Path::new("scenario.toml"), text })
    }

    fn limit(text: &str) -> Option<Limit> {
        parse_text(text).unwrap()
    }

    #[test]
    fn a_value_is_a_percentage_a_count_a_duration_or_off() {
        assert_eq!(limit("2%"), Some(Limit::Percent(Percent::hundredths(200))));
        assert_eq!(limit("4h"), Some(Limit::Duration(Duration::seconds(4 * 3600))));
        assert_eq!(limit("1h30m"), Some(Limit::Duration(Duration::seconds(5400))));
        assert_eq!(limit("Off"), None);
        assert_eq!(count("10", 10), Ok(Some(Limit::Count(10))));
        assert_eq!(count("ff", 16), Ok(Some(Limit::Count(255))));
    }

    #[test]
    fn a_value_that_is_none_keeps_what_is_wrong_with_it() {
        assert_eq!(parse_text("150%"), Err(Unreadable::OverHundred(Some(150))));
        assert_eq!(parse_text("10"), Err(Unreadable::QuotedCount(10)));
        assert_eq!(parse_text(" 3 "), Err(Unreadable::QuotedCount(3)));
        for other in ["abc", "", "1h30", "10 rows", "4 hours", "2x3h", "-1%"] {
            assert_eq!(parse_text(other), Err(Unreadable::Other), "{other}");
        }
        assert_eq!(count("-1", 10), Err(Unreadable::NotCount));
        assert_eq!(count("-99999999999999999999", 10), Err(Unreadable::NotCount));
        assert_eq!(count("99999999999999999999", 10), Err(Unreadable::TooLarge));
        assert_eq!(count("9223372036854775808", 10), Err(Unreadable::TooLarge));
    }

    #[test]
    fn every_table_of_an_entry_is_read_with_the_place_of_its_values() {
        let text = "[scenario]\nname = \"x\"\n\n[triggers]\ncritical_blank = { warn = \"1%\", fail = 10 }\n\
                    missing_relationship = [{ parent = \"a\", via = \"b\" }, { parent = \"c\", via = \"d\", fail = \"off\" }]\n\
                    [triggers.unmapped_file]\nfail = \"0%\"\n";
        let found = read_text(text);
        let blank = &found["critical_blank"][0];
        let warn = blank.warn.as_ref().unwrap();
        assert_eq!((warn.at.to_string(), warn.text.as_str()), ("scenario.toml:5:27".into(), "1%"));
        assert_eq!(warn.key, "warn");
        let fail = blank.fail.as_ref().unwrap();
        assert_eq!(
            (fail.limit, fail.text.as_str(), fail.key),
            (Ok(Some(Limit::Count(10))), "10", "fail")
        );
        assert_eq!(fail.at.to_string(), "scenario.toml:5:40");
        let rules = &found["missing_relationship"];
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[0], Thresholds::default());
        assert_eq!(rules[1].fail.as_ref().map(|t| t.limit), Some(Ok(None)));
        assert_eq!(
            found["unmapped_file"][0].fail.as_ref().unwrap().at.to_string(),
            "scenario.toml:8:8"
        );
    }

    #[test]
    fn a_bad_value_is_kept_with_its_text_and_place() {
        let found = read_text("[triggers]\ncritical_blank = { fail = 2.5, warn = true }\n");
        let blank = &found["critical_blank"][0];
        let fail = blank.fail.as_ref().unwrap();
        assert_eq!((fail.limit, fail.text.as_str()), (Err(Unreadable::NotCount), "2.5"));
        assert_eq!(fail.at.to_string(), "scenario.toml:2:27");
        let warn = blank.warn.as_ref().unwrap();
        assert_eq!((warn.limit, warn.text.as_str()), (Err(Unreadable::Other), "true"));
    }

    #[test]
    fn a_count_too_large_is_a_threshold_error_at_its_value() {
        let text = "[triggers]\ncritical_blank = { fail = 99999999999999999999 }\n";
        let pos = Positions { path: Path::new("scenario.toml"), text };
        let error = too_large(&pos, &Location::at("scenario.toml", 2, 27)).unwrap();
        assert_eq!(
            error.to_string(),
            "scenario.toml:2:27: triggers.critical_blank: `99999999999999999999` is too large a count; \
             \"off\" sets no threshold"
        );
        assert!(too_large(&pos, &Location::at("scenario.toml", 2, 1)).is_none());
    }
}
