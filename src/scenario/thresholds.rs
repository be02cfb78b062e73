//! The `warn` and `fail` thresholds under `[triggers]`, read once with the
//! place of each value: a percentage (`"2%"`), a count of rows (`10`, a
//! TOML integer), a duration (`"4h"`, `"90m"`, `"1h30m"`) or `"off"`.
//! Which units a trigger takes is for its registration in the checks to
//! say; here a value only has to be one of them.

use indexmap::IndexMap;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::positions::Positions;
use crate::error::{Error, Location, Result, ThresholdProblem};
use crate::facts::{Duration, Limit, Percent};

/// A `warn` or `fail` value as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Threshold {
    /// The limit it sets; `None` for `"off"`.
    pub limit: Option<Limit>,
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
/// settings check says what is wrong with it).
pub(super) fn read(pos: &Positions<'_>) -> Result<IndexMap<String, Vec<Thresholds>>> {
    let mut found = IndexMap::new();
    // The text has already parsed as TOML (this runs after the scenario is
    // built), so a failure here cannot happen; nothing is then written.
    let Ok(document) = DeTable::parse(pos.text) else { return Ok(found) };
    let triggers = document.get_ref().iter().find(|(k, _)| k.get_ref() == "triggers");
    let Some(DeValue::Table(triggers)) = triggers.map(|(_, v)| v.get_ref()) else {
        return Ok(found);
    };
    for (id, entry) in triggers.iter() {
        let tables: Vec<&DeValue<'_>> = match entry.get_ref() {
            DeValue::Array(items) => items.iter().map(Spanned::get_ref).collect(),
            other => vec![other],
        };
        let written = tables
            .into_iter()
            .map(|table| {
                Ok(Thresholds {
                    warn: table.get("warn").map(|v| threshold(pos, id.get_ref(), v)).transpose()?,
                    fail: table.get("fail").map(|v| threshold(pos, id.get_ref(), v)).transpose()?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        found.insert(id.get_ref().to_string(), written);
    }
    Ok(found)
}

/// One value: a string (a percentage, a duration or `"off"`) or an integer (a count).
fn threshold(
    pos: &Positions<'_>,
    trigger: &str,
    value: &Spanned<DeValue<'_>>,
) -> Result<Threshold> {
    let at = pos.at(value.span().start);
    let (text, parsed) = match value.get_ref() {
        DeValue::String(text) => (text.to_string(), parse_text(text)),
        DeValue::Integer(n) => {
            let count = u64::from_str_radix(n.as_str(), n.radix());
            (
                written(pos, value),
                count.map(|c| Some(Limit::Count(c))).map_err(|_| ThresholdProblem::NotCount),
            )
        }
        DeValue::Float(_) => (written(pos, value), Err(ThresholdProblem::NotCount)),
        _ => (written(pos, value), Err(ThresholdProblem::NotThreshold)),
    };
    match parsed {
        Ok(limit) => Ok(Threshold { limit, at, text }),
        Err(problem) => Err(Error::Threshold {
            location: at,
            trigger: trigger.to_string(),
            text,
            problem: Box::new(problem),
        }),
    }
}

/// `"off"`, a duration (ends in `h`, `m` or `s`), else a percentage.
fn parse_text(text: &str) -> Result<Option<Limit>, ThresholdProblem> {
    let trimmed = text.trim();
    if trimmed.eq_ignore_ascii_case("off") {
        return Ok(None);
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

    fn read_text(text: &str) -> Result<IndexMap<String, Vec<Thresholds>>> {
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
        assert_eq!(parse_text("150%"), Err(ThresholdProblem::OverHundred));
        assert_eq!(parse_text("abc"), Err(ThresholdProblem::NotPercent));
        assert_eq!(parse_text("2"), Err(ThresholdProblem::NotPercent));
        assert_eq!(parse_text("4 hours"), Err(ThresholdProblem::NotDuration));
    }

    #[test]
    fn every_table_of_an_entry_is_read_with_the_place_of_its_values() {
        let text = "[scenario]\nname = \"x\"\n\n[triggers]\ncritical_blank = { warn = \"1%\", fail = 10 }\n\
                    missing_relationship = [{ parent = \"a\", via = \"b\" }, { parent = \"c\", via = \"d\", fail = \"off\" }]\n\
                    [triggers.unmapped_file]\nfail = \"0%\"\n";
        let found = read_text(text).unwrap();
        let blank = &found["critical_blank"][0];
        let warn = blank.warn.as_ref().unwrap();
        assert_eq!((warn.at.to_string(), warn.text.as_str()), ("scenario.toml:5:27".into(), "1%"));
        let fail = blank.fail.as_ref().unwrap();
        assert_eq!((fail.limit, fail.text.as_str()), (Some(Limit::Count(10)), "10"));
        assert_eq!(fail.at.to_string(), "scenario.toml:5:40");
        let rules = &found["missing_relationship"];
        assert_eq!(rules.len(), 2);
        assert_eq!(rules[0], Thresholds::default());
        assert_eq!(rules[1].fail.as_ref().map(|t| t.limit), Some(None));
        assert_eq!(
            found["unmapped_file"][0].fail.as_ref().unwrap().at.to_string(),
            "scenario.toml:8:8"
        );
    }

    #[test]
    fn a_bad_value_is_an_error_at_the_value() {
        let error =
            |entry: &str| read_text(&format!("[triggers]\n{entry}\n")).unwrap_err().to_string();
        assert_eq!(
            error("critical_blank = { fail = \"3\" }"),
            "scenario.toml:2:27: triggers.critical_blank: `3` is not a percentage like \"2%\" or \"0.5%\" (or \"off\")"
        );
        assert_eq!(
            error("critical_blank = { warn = \"150%\" }"),
            "scenario.toml:2:27: triggers.critical_blank: `150%` is over 100% (or \"off\")"
        );
        assert_eq!(
            error("critical_blank = { fail = -1 }"),
            "scenario.toml:2:27: triggers.critical_blank: `-1` is not a count like 10 (a whole number, 0 or more)"
        );
        assert_eq!(
            error("critical_blank = { fail = 2.5 }"),
            "scenario.toml:2:27: triggers.critical_blank: `2.5` is not a count like 10 (a whole number, 0 or more)"
        );
        assert!(error("critical_blank = { fail = true }").contains("`true` is not a threshold"));
        assert!(error("x = { fail = \"2x3h\" }").contains("`2x3h` is not a duration"));
    }
}
