//! The type and format `init` writes for a column, chosen from its values:
//! a type is written only when it reads all but at most 1% of the column's
//! filled values; otherwise the column stays text, with a REVIEW note
//! saying what was seen.

use super::profile::{CANDIDATES, Candidate, ColumnProfile};
use crate::scenario::FieldType;

/// The `type = …, format = …` settings for a column, and a note when the
/// wanted type had to be given up.
pub(super) struct Typed {
    pub(super) settings: String,
    pub(super) note: Option<String>,
}

/// The settings that read `column` as `wanted` (in the first format that
/// fits), or text with a note.
pub(super) fn typed(wanted: FieldType, column: &ColumnProfile) -> Typed {
    if matches!(wanted, FieldType::Text | FieldType::Id) || column.filled == 0 {
        return Typed { settings: setting((wanted, None)), note: None };
    }
    // A date field written as date-times (`2022-12-02 00:00:00`) is read as
    // a date-time (the destination keeps the day); a date-time field of
    // dates is not (it would invent midnight in some zone).
    let fitting =
        CANDIDATES.iter().filter(|(kind, _)| *kind == wanted).find(|c| column.fits(**c)).or_else(
            || {
                let instead = (wanted == FieldType::Date).then_some(FieldType::Datetime)?;
                CANDIDATES.iter().filter(|(kind, _)| *kind == instead).find(|c| column.fits(**c))
            },
        );
    match fitting {
        Some(candidate) => Typed { settings: setting(*candidate), note: None },
        None => {
            let refused = column
                .refused((wanted, None))
                .map_or_else(|| "many".to_string(), |n| n.to_string());
            let example = CANDIDATES
                .iter()
                .position(|c| *c == (wanted, None))
                .and_then(|i| column.refused_example[i].clone())
                .unwrap_or_default();
            let note = format!(
                "REVIEW: kept as text: {refused} of {} values are not {} init can read, e.g. `{}`{}",
                column.filled,
                article(wanted),
                crate::error::short(&example),
                if wanted == FieldType::Phone {
                    "; set phone_region (\"US\") if they are national numbers, then type = \"phone\""
                } else {
                    ""
                }
            );
            Typed { settings: String::new(), note: Some(note) }
        }
    }
}

/// The type read from the values alone, for a column nothing else names:
/// e-mails, dates, date-times, flags (`true`/`false`) and numbers without
/// leading zeros; anything else (ids, codes, names) stays text.
pub(super) fn inferred(column: &ColumnProfile) -> Option<Candidate> {
    if column.filled == 0 {
        return None;
    }
    let words = column
        .values
        .keys()
        .all(|v| matches!(v.to_ascii_lowercase().as_str(), "true" | "false" | "yes" | "no"));
    if words && !column.more_values && column.fits((FieldType::Bool, None)) {
        return Some((FieldType::Bool, None));
    }
    let order = [FieldType::Email, FieldType::Date, FieldType::Datetime];
    for kind in order {
        if let Some(c) = CANDIDATES.iter().find(|c| c.0 == kind && column.fits(**c)) {
            return Some(*c);
        }
    }
    if column.leading_zeros > 0 || column.is_unique() {
        return None;
    }
    if column.fits((FieldType::Int, None)) {
        return Some((FieldType::Int, None));
    }
    column.fits((FieldType::Decimal, None)).then_some((FieldType::Decimal, None))
}

/// `type = "date", format = "%m/%d/%Y"`.
pub(super) fn setting((kind, format): Candidate) -> String {
    match (kind, format) {
        (FieldType::Text, _) => String::new(),
        (kind, None) => format!("type = \"{}\"", kind.name()),
        (kind, Some(format)) => format!("type = \"{}\", format = \"{format}\"", kind.name()),
    }
}

fn article(kind: FieldType) -> &'static str {
    match kind {
        FieldType::Email => "e-mail addresses",
        FieldType::Phone => "international phone numbers",
        FieldType::Int => "whole numbers",
        FieldType::Decimal => "decimal numbers",
        FieldType::Bool => "true/false values",
        FieldType::Date => "dates in any format",
        FieldType::Datetime => "date-times in any format",
        FieldType::Text | FieldType::Id => "text",
    }
}

/// The type a known field's settings ask for (`type = "date"`), and the
/// settings without it.
pub(super) fn split_type(settings: &str) -> (FieldType, String) {
    let mut kind = FieldType::Text;
    let mut rest = Vec::new();
    for part in settings.split(", ").filter(|p| !p.is_empty()) {
        match part.strip_prefix("type = \"").and_then(|p| p.strip_suffix('"')) {
            Some(name) => kind = by_name(name),
            None => rest.push(part),
        }
    }
    (kind, rest.join(", "))
}

fn by_name(name: &str) -> FieldType {
    [
        FieldType::Email,
        FieldType::Phone,
        FieldType::Int,
        FieldType::Decimal,
        FieldType::Bool,
        FieldType::Date,
        FieldType::Datetime,
        FieldType::Id,
    ]
    .into_iter()
    .find(|k| k.name() == name)
    .unwrap_or(FieldType::Text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_types_are_split_from_their_settings() {
        let (kind, rest) = split_type("type = \"decimal\", critical = true");
        assert_eq!((kind, rest.as_str()), (FieldType::Decimal, "critical = true"));
        assert_eq!(split_type("map = \"stages\"").0, FieldType::Text);
    }
}
