//! `--redact`: personal data masked in a report before it is shared. Values
//! of columns that hold names, e-mails or phone numbers, and any value shaped
//! like an e-mail address or a phone number, become a stable token
//! (`‹name:3f9a›`): the same value always gives the same token, so a person
//! can still tell rows apart and match them across reports. A whole rejected
//! row (a ragged row) is masked as one token, since its cells cannot be told
//! apart; keys shaped like an e-mail or a phone number are masked; blank
//! values stay blank. Value-map coverage of a personal field (an owner map)
//! is masked the same way. A masked example's note that quotes its value (a
//! reject's reason: `` `X` is not in value map `owners` ``) quotes the token
//! instead: the note is written from the example's typed fields.

use super::Report;
use crate::facts::{Example, PlaceholderKind};

/// Masks the personal data in every example of `report`.
pub fn redact(report: &mut Report) {
    for trigger in &mut report.triggers {
        for example in &mut trigger.examples {
            redact_example(example);
        }
    }
    for field in &mut report.placeholders {
        let kind = match field.kind {
            PlaceholderKind::Email => "email",
            PlaceholderKind::Phone => "phone",
        };
        for example in &mut field.examples {
            example.value = token(kind, &example.value);
            example.masked = true;
            if let Some(kind) = kind_of_value(&example.key) {
                example.key = token(kind, &example.key);
            }
        }
    }
    for map in &mut report.value_maps {
        let field = map.field.rsplit('.').next().unwrap_or(&map.field);
        if let Some(kind) = kind_of_column(field) {
            for value in &mut map.values {
                if !value.value.trim().is_empty() {
                    value.value = token(kind, &value.value);
                }
            }
        }
    }
}

/// The token standing for `value` when it is personal: by its column's
/// name (names, e-mails, phones) or by its shape; `None` otherwise.
pub fn mask(column: &str, value: &str) -> Option<String> {
    if value.trim().is_empty() {
        return None;
    }
    let kind = kind_of_column(column).or_else(|| kind_of_value(value))?;
    Some(token(kind, value))
}

/// Masks an example's key when it is an e-mail or a phone number, and its
/// value and likely repair when they are personal (by column, by shape, or
/// because the value is a whole row).
fn redact_example(example: &mut Example) {
    if let Some(key) = &example.key
        && let Some(kind) = kind_of_value(key)
    {
        example.key = Some(token(kind, key));
    }
    let personal = match example.column.as_deref() {
        _ if example.whole_row => Some("row"),
        Some(column) => kind_of_column(column),
        None => None,
    };
    if let Some(value) = &example.value
        && !value.trim().is_empty()
    {
        let kind = personal.or_else(|| kind_of_value(value));
        if let Some(kind) = kind {
            example.value = Some(token(kind, value));
            // The repair is the same value, mended: mask it too.
            example.repair = example.repair.as_deref().map(|repair| token(kind, repair));
            example.masked = true;
        }
    }
    // A validation rule's note quotes the values of the fields it reads.
    if let Some(crate::facts::Note::RuleFailed { values, .. }) = &mut example.note {
        for (field, value) in values {
            if let Some(masked) = value.as_deref().and_then(|v| mask(field, v)) {
                *value = Some(masked);
            }
        }
    }
}

/// What personal data a column holds, by its name (`First Name`,
/// `LastName`, `Person - Name`, `Email`, `MobilePhone`, `Deal owner`; not
/// `StageName`).
fn kind_of_column(column: &str) -> Option<&'static str> {
    let c: String =
        column.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect();
    const NAMES: [&str; 9] = [
        "firstname",
        "lastname",
        "fullname",
        "middlename",
        "surname",
        "givenname",
        "personname",
        "contactname",
        "contactperson",
    ];
    if c.contains("mail") {
        Some("email")
    } else if c.contains("phone") || c.contains("mobile") || c.contains("fax") {
        Some("phone")
    } else if NAMES.iter().any(|n| c.ends_with(n))
        || c == "first"
        || c == "last"
        || c.contains("owner")
    {
        Some("name")
    } else {
        None
    }
}

/// An e-mail address or a phone number, by its shape.
fn kind_of_value(value: &str) -> Option<&'static str> {
    if value.contains('@') && value.contains('.') && !value.contains(' ') {
        return Some("email");
    }
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let phone_like = value.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c));
    (phone_like && digits >= 7 && value.trim_start().starts_with(['+', '('])).then_some("phone")
}

/// `‹kind:xxxx›`, the same for the same value.
fn token(kind: &str, value: &str) -> String {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    for byte in value.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("‹{kind}:{:04x}›", hash & 0xffff)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(column: &str, value: &str) -> Example {
        Example {
            file: "x.csv".into(),
            line: Some(2),
            key: Some("003".into()),
            column: Some(column.into()),
            value: Some(value.into()),
            ..Example::default()
        }
    }

    #[test]
    fn names_emails_and_phones_are_masked_stably() {
        let mut e = example("First Name", "Jos√©");
        e.repair = Some("José".into());
        redact_example(&mut e);
        let masked = e.value.clone().unwrap();
        assert!(masked.starts_with("‹name:"), "{masked}");
        assert!(e.repair.as_deref().unwrap().starts_with("‹name:"), "{:?}", e.repair);
        assert!(e.masked);
        let mut again = example("First Name", "Jos√©");
        redact_example(&mut again);
        assert_eq!(again.value, e.value, "stable");
        let mut email = example("Notes", "ana@acme.example");
        redact_example(&mut email);
        assert!(email.value.unwrap().starts_with("‹email:"));
        let mut stage = example("StageName", "Perception Analysis");
        redact_example(&mut stage);
        assert_eq!(stage.value.as_deref(), Some("Perception Analysis"), "not personal");
        assert!(!stage.masked);
        let mut phone = example("Mobile", "+44 20 7946 0018");
        redact_example(&mut phone);
        assert!(phone.value.unwrap().starts_with("‹phone:"));
        let mut owner = example("Deal owner", "Jane Roe");
        redact_example(&mut owner);
        assert!(owner.value.unwrap().starts_with("‹name:"));
    }

    #[test]
    fn a_reason_that_quotes_the_value_quotes_its_token() {
        use crate::facts::{Note, RejectReason};
        let mut e = example("Owner", "jane.roe@example.com");
        e.note = Some(Note::Rejected { reason: RejectReason::NotInMap { map: "owners".into() } });
        let plain = super::super::words::note(&e).unwrap();
        assert_eq!(plain, "`jane.roe@example.com` is not in value map `owners`");
        redact_example(&mut e);
        let token = e.value.clone().unwrap();
        let masked = super::super::words::note(&e).unwrap();
        assert_eq!(masked, format!("`{token}` is not in value map `owners`"));
        let mut phone = example("Phone", "+1 303 555 0188 ext. 12");
        phone.note = Some(Note::Rejected { reason: RejectReason::PhoneCharacter { bad: 'e' } });
        redact_example(&mut phone);
        assert_eq!(
            super::super::words::note(&phone).unwrap(),
            "not a phone number (a character is not a digit or separator)"
        );
    }

    #[test]
    fn whole_rows_and_email_keys_are_masked_and_blanks_stay_blank() {
        let mut row = example("", "C-1006,Łukasz,Nowak,lukasz@example.pl");
        row.column = None;
        row.whole_row = true;
        redact_example(&mut row);
        assert!(row.value.as_deref().unwrap().starts_with("‹row:"), "{:?}", row.value);
        let mut cell = example("", "Acme Nowak");
        cell.column = None;
        redact_example(&mut cell);
        assert_eq!(cell.value.as_deref(), Some("Acme Nowak"), "a value with no column is no row");
        let mut keyed = example("Email", "");
        keyed.key = Some("ana@acme.example".into());
        redact_example(&mut keyed);
        assert!(keyed.key.as_deref().unwrap().starts_with("‹email:"), "{:?}", keyed.key);
        assert_eq!(keyed.value.as_deref(), Some(""), "a blank is not masked");
        let mut id = example("Email", "");
        redact_example(&mut id);
        assert_eq!(id.key.as_deref(), Some("003"), "an id key stays");
    }
}
