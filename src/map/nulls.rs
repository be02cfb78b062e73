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
