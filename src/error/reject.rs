//! Why a source row is refused, as a kind with its fields ([`RejectReason`]),
//! and its sentence, written once here: the shadow's `_rejects.reason`
//! column, the rejects file, every report's note and the error for a bad
//! `default` all use it. The value at fault is not part of the reason: it is
//! the reject's own value (which `--redact` may mask), handed to
//! [`RejectReason::sentence`] when the sentence quotes it.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Why a source row did not load. Serialised with its stable code as
/// `kind` (see [`RejectReason::code`]) and its fields by name, as the
/// shadow keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum RejectReason {
    /// The row has more or fewer cells than the header.
    RaggedRow {
        /// Cells in the row.
        cells: usize,
        /// Cells in the header.
        expected: usize,
    },
    /// A quoted cell holds lines shaped like rows of the file: a stray
    /// quote swallowed them, and they are not read as rows.
    SwallowedRows {
        /// The line the cell opens on.
        line: u64,
        /// Lines the cell spans.
        lines: u64,
        /// Lines in it shaped like rows.
        rows: u64,
    },
    /// The row's key cell is blank.
    BlankKey,
    /// A junction row's end is blank.
    BlankLinkEnd,
    /// An earlier row of the file has the same key.
    DuplicateKey {
        /// The line of the first row with the key.
        first_line: u64,
    },
    /// A strict value map does not hold the value.
    NotInMap {
        /// The value map.
        map: String,
    },
    /// A required field is blank.
    RequiredBlank {
        /// The destination field.
        field: String,
    },
    /// The value is longer than the field's `max_length`.
    TooLong {
        /// The value's length, in characters.
        chars: usize,
        /// The field's `max_length`.
        max: usize,
    },
    /// The value is longer than the destination's field holds.
    DestinationTooLong {
        /// The destination field.
        field: String,
        /// The value's length, in characters.
        chars: usize,
        /// The longest value the destination's field holds.
        max: usize,
    },
    /// The value is not one the destination's field allows (a picklist).
    DestinationValue {
        /// The destination field.
        field: String,
    },
    /// Not an e-mail address.
    NotEmail,
    /// Not a phone number: a character that is neither a digit nor a
    /// separator (one character, never the number).
    PhoneCharacter {
        /// The first such character.
        bad: char,
    },
    /// Not a phone number: too few or too many digits.
    PhoneDigits {
        /// The digits it has.
        digits: usize,
    },
    /// A phone number without a country code, and no `phone_region` to
    /// read it in.
    PhoneNoCountryCode,
    /// A phone number whose country code belongs to no country.
    PhoneCountryCode,
    /// A phone number too short or too long for its country.
    PhoneLength {
        /// The region whose lengths it was checked against, if known.
        region: Option<String>,
        /// Its digits (after the country code, when it was read).
        digits: usize,
    },
    /// A required field holds a placeholder (`test@test.com`, `000000000`),
    /// which counts as blank.
    RequiredPlaceholder {
        /// The destination field.
        field: String,
    },
    /// A required field holds a null token (`#N/A`, `NULL`), which counts
    /// as blank.
    RequiredNullToken {
        /// The destination field.
        field: String,
    },
    /// Not a whole number.
    NotWholeNumber,
    /// Not a decimal number in the field's style.
    NotDecimal {
        /// The style, by example (`1.234,56`).
        like: String,
    },
    /// Not a boolean.
    NotBoolean,
    /// Not a date in the field's format.
    NotDate {
        /// The format (`%Y-%m-%d`).
        format: String,
    },
    /// Not a date-time, in the declared format or any the tool reads.
    NotDatetime {
        /// The declared format, if there is one.
        format: Option<String>,
    },
    /// A local time that does not exist in its zone (the hour skipped when
    /// clocks go forward).
    NonexistentLocalTime {
        /// The zone the time was read in.
        zone: String,
    },
    /// A local time that happens twice in its zone (the hour repeated when
    /// clocks go back), so the instant is unknown.
    AmbiguousLocalTime {
        /// The zone the time was read in.
        zone: String,
    },
    /// With `ids = "salesforce"`: not 15 or 18 characters long.
    SalesforceIdLength {
        /// The value's length, in characters.
        chars: usize,
    },
    /// With `ids = "salesforce"`: a character outside base 62 (letters and digits).
    SalesforceIdCharacter {
        /// The first such character.
        bad: char,
    },
    /// With `ids = "salesforce"`: an 18-character id whose last three
    /// characters are not a case-safe suffix (A–Z, 0–5).
    SalesforceIdSuffix,
    /// With `ids = "salesforce"`: an 18-character id of mixed letter case
    /// that its suffix contradicts.
    SalesforceIdCase {
        /// The suffix the letter case of its first 15 characters gives.
        expected: String,
    },
    /// An id in scientific notation (`1.18174E+11`): a spreadsheet rounded
    /// the number, and the id it stood for cannot be told any more.
    ScientificNotationId,
    /// A date a spreadsheet rewrote into its short form (`2/5/24 1:51`),
    /// which is not the field's format.
    SpreadsheetDate {
        /// The field's format (`%Y-%m-%d`), if one is declared or the default.
        format: String,
    },
}

/// The value at fault, as a sentence quotes it: as read, or the token that
/// stands for it in a redacted report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quoted<'a> {
    /// The value as read.
    Text(&'a str),
    /// A token standing for personal data (`‹name:3f9a0c1b2d4e›`): quoted as it is,
    /// and nothing taken from the value is shown beside it.
    Token(&'a str),
}

impl RejectReason {
    /// The stable code of the kind, as the shadow's `_rejects.kind` holds
    /// it (`not_in_map`, `duplicate_key`): for queries and programs, where
    /// the sentence is for people.
    pub fn code(&self) -> &'static str {
        match self {
            RejectReason::RaggedRow { .. } => "ragged_row",
            RejectReason::SwallowedRows { .. } => "swallowed_rows",
            RejectReason::BlankKey => "blank_key",
            RejectReason::BlankLinkEnd => "blank_link_end",
            RejectReason::DuplicateKey { .. } => "duplicate_key",
            RejectReason::NotInMap { .. } => "not_in_map",
            RejectReason::RequiredBlank { .. } => "required_blank",
            RejectReason::TooLong { .. } => "too_long",
            RejectReason::DestinationTooLong { .. } => "destination_too_long",
            RejectReason::DestinationValue { .. } => "destination_value",
            RejectReason::NotEmail => "not_email",
            RejectReason::PhoneCharacter { .. } => "phone_character",
            RejectReason::PhoneDigits { .. } => "phone_digits",
            RejectReason::PhoneNoCountryCode => "phone_no_country_code",
            RejectReason::PhoneCountryCode => "phone_country_code",
            RejectReason::PhoneLength { .. } => "phone_length",
            RejectReason::RequiredPlaceholder { .. } => "required_placeholder",
            RejectReason::RequiredNullToken { .. } => "required_null_token",
            RejectReason::NotWholeNumber => "not_whole_number",
            RejectReason::NotDecimal { .. } => "not_decimal",
            RejectReason::NotBoolean => "not_boolean",
            RejectReason::NotDate { .. } => "not_date",
            RejectReason::NotDatetime { .. } => "not_datetime",
            RejectReason::NonexistentLocalTime { .. } => "nonexistent_local_time",
            RejectReason::AmbiguousLocalTime { .. } => "ambiguous_local_time",
            RejectReason::SalesforceIdLength { .. } => "salesforce_id_length",
            RejectReason::SalesforceIdCharacter { .. } => "salesforce_id_character",
            RejectReason::SalesforceIdSuffix => "salesforce_id_suffix",
            RejectReason::SalesforceIdCase { .. } => "salesforce_id_case",
            RejectReason::ScientificNotationId => "scientific_notation_id",
            RejectReason::SpreadsheetDate { .. } => "spreadsheet_date",
        }
    }

    /// The sentence, quoting `value` where it names the value at fault:
    /// "`X9` is not in value map `owners`".
    pub fn sentence<'a>(&'a self, value: Quoted<'a>) -> impl fmt::Display + 'a {
        Sentence { reason: self, value: Some(value) }
    }
}

/// The sentence of a reason, with the value it quotes if it is known.
struct Sentence<'a> {
    reason: &'a RejectReason,
    value: Option<Quoted<'a>>,
}

/// Without a value: the sentence names no value ("not in value map
/// `owners`"). As the error for a bad `default` says it.
impl fmt::Display for RejectReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Sentence { reason: self, value: None }.fmt(f)
    }
}

impl fmt::Display for Sentence<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.reason {
            RejectReason::RaggedRow { cells, expected } => {
                write!(f, "row has {cells} cells, the header has {expected}")
            }
            RejectReason::SwallowedRows { line, lines, rows } => write!(
                f,
                "a quoted cell opens on line {line} and spans {lines} lines, {rows} of them shaped like rows of this file: a stray quote? (those rows are not read; fix the quote)"
            ),
            RejectReason::BlankKey => f.write_str("key is blank"),
            RejectReason::BlankLinkEnd => f.write_str("link end is blank"),
            RejectReason::DuplicateKey { first_line } => {
                write!(f, "duplicate key (first seen on line {first_line})")
            }
            RejectReason::NotInMap { map } => match self.value {
                // Trimmed as the map looked it up; a token is quoted whole.
                Some(Quoted::Text(value)) => write!(
                    f,
                    "`{}` is not in value map `{map}`",
                    value.trim_matches(|c: char| c.is_ascii_whitespace())
                ),
                Some(Quoted::Token(token)) => write!(f, "`{token}` is not in value map `{map}`"),
                None => write!(f, "not in value map `{map}`"),
            },
            RejectReason::RequiredBlank { field } => write!(f, "required field `{field}` is blank"),
            RejectReason::TooLong { chars, max } => {
                write!(f, "{chars} characters, longer than max_length {max}")
            }
            RejectReason::DestinationTooLong { field, chars, max } => {
                write!(f, "{chars} characters; the destination's `{field}` holds {max}")
            }
            RejectReason::DestinationValue { field } => {
                write!(f, "not an allowed value of the destination's `{field}`")
            }
            RejectReason::NotEmail => f.write_str("not an e-mail address"),
            RejectReason::PhoneCharacter { bad } => match self.value {
                Some(Quoted::Token(_)) => {
                    f.write_str("not a phone number (a character is not a digit or separator)")
                }
                _ => write!(f, "not a phone number (`{bad}` is not a digit or separator)"),
            },
            RejectReason::PhoneDigits { digits } => {
                write!(f, "not a phone number ({digits} digits; a full number has 7 to 15)")
            }
            RejectReason::PhoneNoCountryCode
            | RejectReason::PhoneCountryCode
            | RejectReason::PhoneLength { .. }
            | RejectReason::RequiredPlaceholder { .. }
            | RejectReason::RequiredNullToken { .. } => self.blank_or_phone(f),
            RejectReason::NotWholeNumber => f.write_str("not a whole number"),
            RejectReason::NotDecimal { like } => write!(f, "not a decimal number like {like}"),
            RejectReason::NotBoolean => f.write_str("not a boolean (true/false, yes/no, 1/0)"),
            RejectReason::NotDate { format } => write!(f, "not a date in the format {format}"),
            RejectReason::NotDatetime { format: Some(format) } => {
                write!(f, "not a date-time in the format {format}")
            }
            RejectReason::NotDatetime { format: None } => {
                f.write_str("not a date-time like 2023-11-02T09:14:33.000Z or 2023-11-02 09:14:33")
            }
            RejectReason::NonexistentLocalTime { zone } => write!(
                f,
                "this local time does not exist in {zone} (clocks went forward); give the time with its offset"
            ),
            RejectReason::AmbiguousLocalTime { zone } => write!(
                f,
                "this local time happens twice in {zone} (clocks went back); give the time with its offset"
            ),
            RejectReason::SalesforceIdLength { .. }
            | RejectReason::SalesforceIdCharacter { .. }
            | RejectReason::SalesforceIdSuffix
            | RejectReason::SalesforceIdCase { .. }
            | RejectReason::ScientificNotationId
            | RejectReason::SpreadsheetDate { .. } => self.id_or_spreadsheet(f),
        }
    }
}

impl Sentence<'_> {
    /// The sentences of the Salesforce id checks and of values a
    /// spreadsheet destroyed.
    fn id_or_spreadsheet(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.reason {
            RejectReason::SalesforceIdLength { chars } => {
                write!(f, "not a Salesforce id ({chars} characters; an id has 15 or 18)")
            }
            RejectReason::SalesforceIdCharacter { bad } => match self.value {
                Some(Quoted::Token(_)) => {
                    f.write_str("not a Salesforce id (a character is not a letter or digit)")
                }
                _ => write!(f, "not a Salesforce id (`{bad}` is not a letter or digit)"),
            },
            RejectReason::SalesforceIdSuffix => f.write_str(
                "not a Salesforce id (its last 3 characters are not a case-safe suffix: A-Z, 0-5)",
            ),
            RejectReason::SalesforceIdCase { expected } => write!(
                f,
                "not a Salesforce id (the case of its letters gives the suffix {expected}, not its own)"
            ),
            RejectReason::ScientificNotationId => f.write_str(
                "an id in scientific notation: a spreadsheet rounded it and the id is lost; re-export the column as text",
            ),
            RejectReason::SpreadsheetDate { format } => write!(
                f,
                "a date rewritten by a spreadsheet (like 2/5/24 1:51), not the format {format}; re-export the column as text"
            ),
            _ => Ok(()),
        }
    }
}

impl Sentence<'_> {
    /// The sentences of the phone checks and of required fields blank for
    /// a null token or a placeholder.
    fn blank_or_phone(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.reason {
            RejectReason::PhoneNoCountryCode => f.write_str(
                "not a phone number in E.164: no country code (`+…`) and no phone_region declared to read it in",
            ),
            RejectReason::PhoneCountryCode => {
                f.write_str("not a phone number (no country has this calling code)")
            }
            RejectReason::PhoneLength { region: Some(region), digits } => {
                write!(f, "not a phone number ({digits} digits: no number in {region} has that many)")
            }
            RejectReason::PhoneLength { region: None, digits } => {
                write!(f, "not a phone number ({digits} digits: too few or too many)")
            }
            RejectReason::RequiredPlaceholder { field } => match self.value {
                Some(Quoted::Text(value)) => write!(
                    f,
                    "required field `{field}` holds a placeholder (`{}`), not a value",
                    value.trim_matches(|c: char| c.is_ascii_whitespace())
                ),
                _ => write!(f, "required field `{field}` holds a placeholder, not a value"),
            },
            RejectReason::RequiredNullToken { field } => match self.value {
                Some(Quoted::Text(value)) => write!(
                    f,
                    "required field `{field}` is blank (`{}` is a null token)",
                    value.trim_matches(|c: char| c.is_ascii_whitespace())
                ),
                _ => write!(f, "required field `{field}` is blank (a null token)"),
            },
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_kind() -> Vec<RejectReason> {
        let field = || "email".to_string();
        vec![
            RejectReason::RaggedRow { cells: 3, expected: 4 },
            RejectReason::SwallowedRows { line: 2, lines: 5, rows: 3 },
            RejectReason::BlankKey,
            RejectReason::BlankLinkEnd,
            RejectReason::DuplicateKey { first_line: 2 },
            RejectReason::NotInMap { map: "owners".into() },
            RejectReason::RequiredBlank { field: field() },
            RejectReason::TooLong { chars: 4, max: 3 },
            RejectReason::DestinationTooLong { field: field(), chars: 121, max: 120 },
            RejectReason::DestinationValue { field: field() },
            RejectReason::NotEmail,
            RejectReason::PhoneCharacter { bad: 'x' },
            RejectReason::PhoneDigits { digits: 5 },
            RejectReason::PhoneNoCountryCode,
            RejectReason::PhoneCountryCode,
            RejectReason::PhoneLength { region: Some("US".into()), digits: 5 },
            RejectReason::PhoneLength { region: None, digits: 20 },
            RejectReason::RequiredPlaceholder { field: field() },
            RejectReason::RequiredNullToken { field: field() },
            RejectReason::NotWholeNumber,
            RejectReason::NotDecimal { like: "1.234,56".into() },
            RejectReason::NotBoolean,
            RejectReason::NotDate { format: "%Y-%m-%d".into() },
            RejectReason::NotDatetime { format: None },
            RejectReason::NotDatetime { format: Some("%d.%m.%Y %H:%M".into()) },
            RejectReason::NonexistentLocalTime { zone: "Europe/Berlin".into() },
            RejectReason::AmbiguousLocalTime { zone: "Europe/Berlin".into() },
            RejectReason::SalesforceIdLength { chars: 14 },
            RejectReason::SalesforceIdCharacter { bad: '!' },
            RejectReason::SalesforceIdSuffix,
            RejectReason::SalesforceIdCase { expected: "IAU".into() },
            RejectReason::ScientificNotationId,
            RejectReason::SpreadsheetDate { format: "%Y-%m-%d".into() },
        ]
    }

    #[test]
    fn the_code_is_the_serialised_kind_and_reads_back() {
        for reason in every_kind() {
            let json = serde_json::to_value(&reason).unwrap();
            assert_eq!(json["kind"], reason.code(), "{reason:?}");
            assert_eq!(serde_json::from_value::<RejectReason>(json).unwrap(), reason);
        }
    }

    #[test]
    fn a_sentence_quotes_the_value_or_its_token() {
        let map = RejectReason::NotInMap { map: "owners".into() };
        assert_eq!(
            map.sentence(Quoted::Text(" 005X ")).to_string(),
            "`005X` is not in value map `owners`"
        );
        assert_eq!(
            map.sentence(Quoted::Token("‹name:3fb40c1b2d4e›")).to_string(),
            "`‹name:3fb40c1b2d4e›` is not in value map `owners`"
        );
        assert_eq!(map.to_string(), "not in value map `owners`");
        let phone = RejectReason::PhoneCharacter { bad: 'e' };
        assert_eq!(
            phone.sentence(Quoted::Text("+1 555 0188 ext")).to_string(),
            "not a phone number (`e` is not a digit or separator)"
        );
        assert_eq!(
            phone.sentence(Quoted::Token("‹phone:1a2b3c4d5e6f›")).to_string(),
            "not a phone number (a character is not a digit or separator)"
        );
        let token = RejectReason::RequiredNullToken { field: "email".into() };
        assert_eq!(
            token.sentence(Quoted::Text(" #N/A ")).to_string(),
            "required field `email` is blank (`#N/A` is a null token)"
        );
        let placeholder = RejectReason::RequiredPlaceholder { field: "phone".into() };
        assert_eq!(
            placeholder.sentence(Quoted::Token("‹phone:1a2b3c4d5e6f›")).to_string(),
            "required field `phone` holds a placeholder, not a value"
        );
        let swallowed = RejectReason::SwallowedRows { line: 2, lines: 5, rows: 3 };
        assert_eq!(
            swallowed.sentence(Quoted::Text("Smith\n2,b,c")).to_string(),
            "a quoted cell opens on line 2 and spans 5 lines, 3 of them shaped like rows of this \
             file: a stray quote? (those rows are not read; fix the quote)"
        );
        let ragged = RejectReason::RaggedRow { cells: 3, expected: 4 };
        assert_eq!(ragged.sentence(Quoted::Text("a,b,c")).to_string(), ragged.to_string());
    }
}
