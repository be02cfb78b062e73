//! `--redact`: personal data masked in a report before it is shared. Values
//! of columns that hold names, e-mails or phone numbers, and any value shaped
//! like an e-mail address or a phone number, become a stable token
//! (`‹name:3f9a›`): the same value always gives the same token, so a person
//! can still tell rows apart and match them across reports. A whole rejected
//! row (a ragged row) is masked as one token, since its cells cannot be told
//! apart; keys shaped like an e-mail or a phone number are masked; blank
//! values stay blank. Value-map coverage of a personal field (an owner map)
//! is masked the same way.

use super::Report;
use crate::facts::Example;

/// Masks the personal data in every example of `report`.
pub fn redact(report: &mut Report) {
    for trigger in &mut report.triggers {
        // A rejected row with no column is a ragged row, its value the whole row.
        let rows = trigger.id == "import_failure";
        for example in &mut trigger.examples {
            redact_example(example, rows);
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

fn redact_example(example: &mut Example, whole_rows: bool) {
    if let Some(key) = &example.key
        && let Some(kind) = kind_of_value(key)
    {
        example.key = Some(token(kind, key));
    }
    let personal = match example.column.as_deref() {
        Some(column) => kind_of_column(column),
        None if whole_rows => Some("row"),
        None => None,
    };
    if let Some(value) = &example.value
        && !value.trim().is_empty()
    {
        let kind = personal.or_else(|| kind_of_value(value));
        if let Some(kind) = kind {
            example.value = Some(token(kind, value));
            // A note may quote the value (a likely repair): mask it too.
            if let Some(note) = &example.note
                && let Some((head, rest)) = note.split_once("; likely '")
            {
                let (repair, tail) = rest.split_once('\'').unwrap_or((rest, ""));
                example.note = Some(format!("{head}; likely {}{tail}", token(kind, repair)));
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

    fn example(column: &str, value: &str, note: &str) -> Example {
        Example {
            file: "x.csv".into(),
            line: Some(2),
            key: Some("003".into()),
            column: Some(column.into()),
            value: Some(value.into()),
            note: Some(note.into()),
        }
    }

    #[test]
    fn names_emails_and_phones_are_masked_stably() {
        let mut e = example("First Name", "Jos√©", "UTF-8 read as Mac Roman; likely 'José'");
        redact_example(&mut e, true);
        let masked = e.value.clone().unwrap();
        assert!(masked.starts_with("‹name:"), "{masked}");
        assert!(!e.note.as_deref().unwrap().contains("José"), "{:?}", e.note);
        let mut again = example("First Name", "Jos√©", "");
        redact_example(&mut again, true);
        assert_eq!(again.value, e.value, "stable");
        let mut email = example("Notes", "ana@acme.example", "");
        redact_example(&mut email, true);
        assert!(email.value.unwrap().starts_with("‹email:"));
        let mut stage = example("StageName", "Perception Analysis", "");
        redact_example(&mut stage, true);
        assert_eq!(stage.value.as_deref(), Some("Perception Analysis"), "not personal");
        let mut phone = example("Mobile", "+44 20 7946 0018", "");
        redact_example(&mut phone, true);
        assert!(phone.value.unwrap().starts_with("‹phone:"));
        let mut owner = example("Deal owner", "Jane Roe", "");
        redact_example(&mut owner, true);
        assert!(owner.value.unwrap().starts_with("‹name:"));
    }

    #[test]
    fn whole_rows_and_email_keys_are_masked_and_blanks_stay_blank() {
        let mut row = example("", "C-1006,Łukasz,Nowak,lukasz@example.pl", "");
        row.column = None;
        redact_example(&mut row, true);
        assert!(row.value.as_deref().unwrap().starts_with("‹row:"), "{:?}", row.value);
        let mut keyed = example("Email", "", "");
        keyed.key = Some("ana@acme.example".into());
        redact_example(&mut keyed, true);
        assert!(keyed.key.as_deref().unwrap().starts_with("‹email:"), "{:?}", keyed.key);
        assert_eq!(keyed.value.as_deref(), Some(""), "a blank is not masked");
        let mut id = example("Email", "", "");
        redact_example(&mut id, true);
        assert_eq!(id.key.as_deref(), Some("003"), "an id key stays");
    }
}
