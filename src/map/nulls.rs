//! The ways an export writes "empty": a blank cell, a null token (`#N/A`,
//! `NULL`, `[not provided]`: the scenario's list) and, in e-mail and phone
//! fields, a placeholder someone typed to get past a required field
//! (`noemail@`, `test@test.com`, `000000000`, `+51000000000`).
//!
//! All three are blank wherever a blank counts: `required`, `default`,
//! `critical_blank`, typed fields (a `#N/A` date is blank, not a bad date),
//! keys, references and junction ends (never an orphan).
//!
//! Placeholders are recognised conservatively, so that no real address or
//! number is ever taken for one:
//! - e-mail: the local part (before `@`, any case) is `noemail`,
//!   `no-email`, `no_email`, `no.email` or `nomail`, whatever follows; or
//!   the address is `x@x.<tld>` for `x` one of `none`, `test`, `null`,
//!   `na`, `unknown`, `email` (`none@none.com`, `test@test.com`);
//! - phone (its digits, separators ignored): 1 to 4 digits (`1234`); five
//!   or more digits all the same (`000000000`, `99999`); the run
//!   `123456…` or `0123456…` of six digits or more; or `+`, a country
//!   calling code and six or more zeros (`+51000000000`, `+44 0000 000000`).

use crate::scenario::{FieldType, NullTokens};

/// Why a value counts as blank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blank {
    /// Nothing but spaces (or Salesforce's empty id, for ids).
    Empty,
    /// One of the scenario's null tokens (its position in the list).
    Token(usize),
    /// A placeholder e-mail address or phone number.
    Placeholder,
}

impl Blank {
    /// The stable code the shadow's `_blanked.kind` holds.
    pub const fn code(self) -> &'static str {
        match self {
            Blank::Empty => "empty",
            Blank::Token(_) => "null_token",
            Blank::Placeholder => "placeholder",
        }
    }
}

/// Whether the trimmed value `text` of a field of `kind` is blank, and why.
/// `empty_id` says whether it is Salesforce's empty id (for id fields).
pub fn blank(tokens: &NullTokens, kind: FieldType, text: &str, empty_id: bool) -> Option<Blank> {
    if text.is_empty() || empty_id {
        return Some(Blank::Empty);
    }
    if let Some(i) = tokens.position(text) {
        return Some(Blank::Token(i));
    }
    let placeholder = match kind {
        FieldType::Email => is_placeholder_email(text),
        FieldType::Phone => is_placeholder_phone(text),
        _ => false,
    };
    placeholder.then_some(Blank::Placeholder)
}

/// Local parts that say "no e-mail", whatever the domain.
const NO_EMAIL: [&str; 5] = ["noemail", "no-email", "no_email", "no.email", "nomail"];

/// Words that make a placeholder when they are both the local part and the
/// domain's name (`test@test.com`).
const SAME_WORD: [&str; 6] = ["none", "test", "null", "na", "unknown", "email"];

/// A placeholder e-mail address (see the module's list).
pub fn is_placeholder_email(text: &str) -> bool {
    let (local, domain) = text.split_once('@').unwrap_or((text, ""));
    if !text.contains('@') {
        return false;
    }
    let local = local.to_ascii_lowercase();
    if NO_EMAIL.contains(&local.as_str()) {
        return true;
    }
    let domain = domain.to_ascii_lowercase();
    let Some((name, tld)) = domain.split_once('.') else { return false };
    SAME_WORD.contains(&local.as_str())
        && name == local
        && !tld.is_empty()
        && !tld.contains('.')
        && tld.bytes().all(|b| b.is_ascii_alphabetic())
}

/// A placeholder phone number (see the module's list). Only the digits and
/// the separators a phone number has: anything else is not a placeholder
/// (the phone check says what it is).
pub fn is_placeholder_phone(text: &str) -> bool {
    let plus = text.starts_with('+');
    let mut digits = [0u8; 24];
    let mut n = 0;
    for (i, c) in text.char_indices() {
        match c {
            '0'..='9' if n < digits.len() => {
                digits[n] = c as u8;
                n += 1;
            }
            '0'..='9' => return false,
            '+' if i == 0 => {}
            ' ' | '-' | '(' | ')' | '.' | '\u{a0}' | '/' => {}
            _ => return false,
        }
    }
    let digits = &digits[..n];
    if n == 0 {
        return false;
    }
    if n <= 4 {
        return true;
    }
    if digits.iter().all(|&d| d == digits[0]) {
        return true;
    }
    let run = |from: &[u8]| n >= 6 && from.starts_with(digits);
    if run(b"1234567890") || run(b"0123456789") {
        return true;
    }
    plus && national_zeros(digits)
}

/// The digits after the country code are six or more zeros. Country
/// calling codes are prefix-free, so the first 1 to 3 digits that are one
/// (in libphonenumber's metadata) are the code.
fn national_zeros(digits: &[u8]) -> bool {
    let database = &*phonenumber::metadata::DATABASE;
    let code = (1..=3.min(digits.len())).find(|&len| {
        let value = digits[..len].iter().fold(0u16, |v, d| v * 10 + u16::from(d - b'0'));
        database.by_code(&value).is_some()
    });
    code.is_some_and(|len| digits.len() - len >= 6 && digits[len..].iter().all(|&d| d == b'0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_empties_are_blank_in_every_type() {
        let tokens = NullTokens::default();
        for kind in [FieldType::Date, FieldType::Id, FieldType::Decimal, FieldType::Text] {
            assert_eq!(blank(&tokens, kind, "#N/A", false), Some(Blank::Token(0)));
            assert_eq!(blank(&tokens, kind, "[not provided]", false), Some(Blank::Token(4)));
            assert_eq!(blank(&tokens, kind, "", false), Some(Blank::Empty));
            assert_eq!(blank(&tokens, kind, "Null", false), None);
        }
        assert_eq!(blank(&tokens, FieldType::Id, "000000000000000AAA", true), Some(Blank::Empty));
        // A placeholder only counts in its own type.
        assert_eq!(blank(&tokens, FieldType::Text, "000000000", false), None);
        assert_eq!(blank(&tokens, FieldType::Phone, "000000000", false), Some(Blank::Placeholder));
        assert_eq!(
            blank(&tokens, FieldType::Email, "test@test.com", false),
            Some(Blank::Placeholder)
        );
    }

    #[test]
    fn placeholder_emails() {
        for placeholder in [
            "noemail@",
            "noemail@acme.example",
            "NoEmail@gmail.com",
            "no-email@x.org",
            "none@none.com",
            "test@test.com",
            "TEST@Test.de",
            "email@email.com",
            "unknown@unknown.org",
        ] {
            assert!(is_placeholder_email(placeholder), "{placeholder}");
        }
        for real in [
            "test@acme.example",
            "none.of.that@none.com",
            "ana@test.com",
            "test@test.co.uk",
            "noemailplease@acme.example",
            "info@example.com",
            "noemail",
            "jose.garcia@example.com",
        ] {
            assert!(!is_placeholder_email(real), "{real}");
        }
    }

    #[test]
    fn placeholder_phones() {
        for placeholder in [
            "1234",
            "0",
            "000000000",
            "+51000000000",
            "+51 000 000 000",
            "+1 000-000-0000",
            "999-9999",
            "123456789",
            "(012) 345-6789",
            "+44 0000 000000",
        ] {
            assert!(is_placeholder_phone(placeholder), "{placeholder}");
        }
        for real in [
            "+51 1 4567890",
            "(303) 555-0188",
            "+44 20 7946 0018",
            "+1 303 555 0100",
            "12345",
            "+49 30 90182000",
            "555-1234 ext 0",
            "n/a",
            "+51 1000000",
        ] {
            assert!(!is_placeholder_phone(real), "{real}");
        }
    }
}

#[cfg(test)]
mod mapping_tests {
    use csv::StringRecord;

    use crate::error::RejectReason;
    use crate::map::{Blank, Blanked, Coverage, ObjectPlan, Reject, Value};
    use crate::parse::CsvFile;
    use crate::scenario::Scenario;

    /// Maps the one data row of `csv` through the first object of a
    /// scenario with `fields`: its values and noted blanks, or its reject.
    fn map(header: &str, fields: &str, csv: &str) -> (Result<Vec<Value>, Reject>, Vec<Blanked>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("x.csv"), csv).unwrap();
        let text = format!(
            "[scenario]\nname = \"t\"\n{header}\n[maps.stages]\nstrict = true\nvalues = {{ A = \"a\" }}\n[[object]]\nname = \"o\"\nfile = \"x.csv\"\nkey = \"Id\"\n{fields}"
        );
        let scenario =
            Scenario::parse(&text, &dir.path().join("scenario.toml"), dir.path()).unwrap();
        let mut file = CsvFile::open(&scenario.objects[0].source).unwrap();
        let plan = ObjectPlan::new(&scenario, &scenario.objects[0], &file).unwrap();
        let mut record = StringRecord::new();
        file.read(&mut record).unwrap();
        let (mut key, mut values, mut unmapped) = (String::new(), Vec::new(), Vec::new());
        let (mut coverage, mut blanked) = (Coverage::default(), Vec::new());
        let result = plan.map_noting(
            &record,
            &mut key,
            &mut values,
            &mut unmapped,
            &mut coverage,
            &mut blanked,
        );
        assert!(unmapped.is_empty() && coverage.fields.values().all(|v| !v.contains_key("#N/A")));
        (result.map(|()| values), blanked)
    }

    #[test]
    fn a_null_token_is_blank_in_dates_refs_maps_and_critical_fields() {
        let fields = "fields.closed = { from = \"Close\", type = \"date\" }\n\
                      fields.account = { from = \"AccountId\", type = \"id\", ref = \"o\" }\n\
                      fields.stage = { from = \"Stage\", map = \"stages\", critical = true }";
        let (values, blanked) = map("", fields, "Id,Close,AccountId,Stage\n1,#N/A, NULL ,#N/A\n");
        assert_eq!(values.unwrap(), [Value::Null, Value::Null, Value::Null]);
        // Only the critical field's token is noted (for critical_blank's examples).
        assert_eq!(blanked, [Blanked { field: 2, blank: Blank::Token(0), value: "#N/A".into() }]);
    }

    #[test]
    fn a_key_that_is_a_null_token_is_a_blank_key() {
        let (values, _) = map("", "fields.n = { from = \"N\" }", "Id,N\n#N/A,x\n");
        let reject = values.unwrap_err();
        assert_eq!((reject.reason, reject.raw.as_str()), (RejectReason::BlankKey, "#N/A"));
    }

    #[test]
    fn required_fields_say_which_kind_of_blank() {
        let fields = "fields.email = { from = \"Email\", type = \"email\", required = true }";
        let (values, _) = map("", fields, "Id,Email\n1,[not provided]\n");
        assert_eq!(
            values.unwrap_err().reason,
            RejectReason::RequiredNullToken { field: "email".into() }
        );
        let (values, _) = map("", fields, "Id,Email\n1,noemail@\n");
        assert_eq!(
            values.unwrap_err().reason,
            RejectReason::RequiredPlaceholder { field: "email".into() }
        );
    }

    #[test]
    fn placeholders_are_noted_blank_and_phones_are_e164() {
        let fields = "fields.email = { from = \"Email\", type = \"email\" }\n\
                      fields.phone = { from = \"Phone\", type = \"phone\" }\n\
                      fields.mobile = { from = \"Mobile\", type = \"phone\", phone_region = \"GB\" }";
        let csv = "Id,Email,Phone,Mobile\n1,test@test.com,+51000000000,07700 900551\n";
        let (values, blanked) = map("phone_region = \"US\"", fields, csv);
        assert_eq!(
            values.unwrap(),
            [Value::Null, Value::Null, Value::Text("+447700900551".into())]
        );
        let noted: Vec<(usize, &str)> =
            blanked.iter().map(|b| (b.field, b.value.as_str())).collect();
        assert_eq!(noted, [(0, "test@test.com"), (1, "+51000000000")]);
        let (values, _) =
            map("phone_region = \"US\"", fields, "Id,Email,Phone,Mobile\n1,,(303) 555-0188,\n");
        assert_eq!(values.unwrap()[1], Value::Text("+13035550188".into()));
    }

    #[test]
    fn a_scenario_can_list_its_own_tokens() {
        let fields = "fields.n = { from = \"N\", critical = true }";
        let (values, _) = map("null_tokens = [\"(blank)\"]", fields, "Id,N\n1,NULL\n");
        assert_eq!(values.unwrap(), [Value::Text("NULL".into())]);
        let (values, blanked) = map("null_tokens = [\"(blank)\"]", fields, "Id,N\n1,(blank)\n");
        assert_eq!(values.unwrap(), [Value::Null]);
        assert_eq!(blanked[0].blank, Blank::Token(0));
    }
}
