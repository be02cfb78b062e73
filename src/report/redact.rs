//! `--redact`: personal data masked in a report before it is shared. Values
//! of columns that hold names, e-mails or phone numbers, and any value shaped
//! like an e-mail address or a phone number, become a token
//! (`‹name:3f9a0c1b2d4e›`): the first 48 bits of the value's HMAC-SHA-256
//! under a key, in hex. The same value under the same key always gives the
//! same token, so a person can still tell rows apart and match them across
//! reports; without the key nobody can find which name a token stands for
//! by hashing a list of names. An e-mail address is trimmed and lowercased
//! first, so its case variants (the rows a destination merges) share one
//! token. A whole rejected row (a ragged row) is masked as one token, since
//! its cells cannot be told apart; keys shaped like an e-mail or a phone
//! number are masked; blank values stay blank. Value-map coverage of a
//! personal field (an owner map) is masked the same way. A masked example's
//! note that quotes its value (a reject's reason: `` `X` is not in value
//! map `owners` ``) quotes the token instead: the note is written from the
//! example's typed fields.

use std::fmt;
use std::io::Read;
use std::path::Path;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use super::Report;
use crate::error::{Error, KeyOrigin, KeyProblem};
use crate::facts::{Example, PlaceholderKind};

/// The environment variable that holds the key itself (not a file name),
/// for a CI secret: read when no `--redact-key-file` is given.
pub const KEY_VARIABLE: &str = "SHADOW_IMPORT_REDACT_KEY";

/// The shortest key taken, in bytes (after surrounding whitespace).
pub const MIN_KEY_BYTES: usize = 16;

/// The longest key file read, in bytes: a key is short; a longer file is
/// not one (a data file named by mistake, `/dev/zero`).
pub const MAX_KEY_BYTES: usize = 4096;

/// Hex digits of a token: 48 bits, so thousands of names never share one.
pub const TOKEN_HEX: usize = 12;

/// Masks personal values with tokens keyed by one secret key.
#[derive(Clone)]
pub struct Redactor {
    mac: Hmac<Sha256>,
}

impl fmt::Debug for Redactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never the key.
        f.write_str("Redactor(…)")
    }
}

impl Redactor {
    /// Tokens keyed by `key`, its surrounding whitespace and line breaks
    /// ignored (a key file written by `echo` works); at least
    /// [`MIN_KEY_BYTES`] bytes.
    pub fn new(key: &[u8]) -> Result<Self, KeyProblem> {
        let key = key.trim_ascii();
        if key.is_empty() {
            return Err(KeyProblem::Empty);
        }
        if key.len() < MIN_KEY_BYTES {
            return Err(KeyProblem::TooShort { bytes: key.len(), min: MIN_KEY_BYTES });
        }
        // HMAC takes a key of any length: this error does not happen.
        let mac = Hmac::<Sha256>::new_from_slice(key).map_err(|_| KeyProblem::Empty)?;
        Ok(Redactor { mac })
    }

    /// A fresh random key, kept by nobody: tokens are the same within this
    /// run, and differ from those of any other run.
    pub fn random() -> Self {
        // A key as long as SHA-256's block, as HMAC takes it without hashing.
        let key: [u8; 64] = rand::random();
        Redactor { mac: Hmac::<Sha256>::new(&key.into()) }
    }

    /// The key held in the file at `path` (`--redact-key-file`).
    pub fn from_file(path: &Path) -> Result<Self, Error> {
        let fail = |problem| Error::RedactKey { origin: KeyOrigin::File(path.into()), problem };
        let mut key = Vec::new();
        std::fs::File::open(path)
            .and_then(|file| file.take(MAX_KEY_BYTES as u64 + 1).read_to_end(&mut key))
            .map_err(|e| fail(KeyProblem::Unreadable(e)))?;
        if key.len() > MAX_KEY_BYTES {
            return Err(fail(KeyProblem::TooLong { max: MAX_KEY_BYTES }));
        }
        Redactor::new(&key).map_err(fail)
    }

    /// The key held by the environment variable [`KEY_VARIABLE`], given
    /// its value.
    pub fn from_variable(value: &std::ffi::OsStr) -> Result<Self, Error> {
        Redactor::new(value.as_encoded_bytes()).map_err(|problem| Error::RedactKey {
            origin: KeyOrigin::Variable(KEY_VARIABLE),
            problem,
        })
    }

    /// What a baseline records of its key: the token of a fixed text, which
    /// tells two keys apart and reveals neither.
    pub fn key_check(&self) -> String {
        self.hex(b"\0shadow-import key check")
    }

    /// Masks the personal data in every example of `report`.
    pub fn redact(&self, report: &mut Report) {
        for trigger in &mut report.triggers {
            for example in &mut trigger.examples {
                self.redact_example(example);
            }
        }
        for field in &mut report.placeholders {
            let kind = match field.kind {
                PlaceholderKind::Email => "email",
                PlaceholderKind::Phone => "phone",
            };
            for example in &mut field.examples {
                example.value = self.token(kind, &example.value);
                example.masked = true;
                if let Some(kind) = kind_of_value(&example.key) {
                    example.key = self.token(kind, &example.key);
                }
            }
        }
        for map in &mut report.value_maps {
            let field = map.field.rsplit('.').next().unwrap_or(&map.field);
            if let Some(kind) = kind_of_column(field) {
                for value in &mut map.values {
                    if !value.value.trim().is_empty() {
                        value.value = self.token(kind, &value.value);
                    }
                }
            }
        }
    }

    /// The token standing for `value` when it is personal: by its column's
    /// name (names, e-mails, phones) or by its shape; `None` otherwise.
    pub fn mask(&self, column: &str, value: &str) -> Option<String> {
        if value.trim().is_empty() {
            return None;
        }
        let kind = kind_of_column(column).or_else(|| kind_of_value(value))?;
        Some(self.token(kind, value))
    }

    /// Masks an example's key when it is an e-mail or a phone number, and
    /// its value and likely repair when they are personal (by column, by
    /// shape, or because the value is a whole row).
    fn redact_example(&self, example: &mut Example) {
        if let Some(key) = &example.key
            && let Some(kind) = kind_of_value(key)
        {
            example.key = Some(self.token(kind, key));
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
                example.value = Some(self.token(kind, value));
                // The repair is the same value, mended: mask it too.
                example.repair = example.repair.as_deref().map(|repair| self.token(kind, repair));
                example.masked = true;
            }
        }
        // A validation rule's note quotes the values of the fields it reads.
        if let Some(crate::facts::Note::RuleFailed { values, .. }) = &mut example.note {
            for (field, value) in values {
                if let Some(masked) = value.as_deref().and_then(|v| self.mask(field, v)) {
                    *value = Some(masked);
                }
            }
        }
    }

    /// `‹kind:3f9a0c1b2d4e›`, the same for the same value under this key;
    /// an e-mail address (by kind or shape, not a whole row) trimmed and
    /// lowercased first.
    fn token(&self, kind: &str, value: &str) -> String {
        let email = kind == "email" || (kind != "row" && kind_of_value(value) == Some("email"));
        let hex = if email {
            self.hex(value.trim().to_lowercase().as_bytes())
        } else {
            self.hex(value.as_bytes())
        };
        format!("‹{kind}:{hex}›")
    }

    /// The first [`TOKEN_HEX`] hex digits of the HMAC of `bytes`.
    fn hex(&self, bytes: &[u8]) -> String {
        let mut mac = self.mac.clone();
        mac.update(bytes);
        let digest = mac.finalize().into_bytes();
        digest.iter().take(TOKEN_HEX / 2).map(|b| format!("{b:02x}")).collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The key of these tests (and of the CLI tests): not a secret.
    const KEY: &[u8] = b"shadow-import test key, not a secret";

    fn redactor() -> Redactor {
        Redactor::new(KEY).unwrap()
    }

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

    /// The hex digits of a token `‹kind:hex›`.
    fn hex_of(token: &str) -> &str {
        token.trim_start_matches('‹').trim_end_matches('›').split(':').nth(1).unwrap()
    }

    #[test]
    fn names_emails_and_phones_are_masked_stably() {
        let r = redactor();
        let mut e = example("First Name", "Jos√©");
        e.repair = Some("José".into());
        r.redact_example(&mut e);
        let masked = e.value.clone().unwrap();
        assert!(masked.starts_with("‹name:"), "{masked}");
        assert_eq!(hex_of(&masked).len(), TOKEN_HEX, "{masked}");
        assert!(hex_of(&masked).chars().all(|c| c.is_ascii_hexdigit()), "{masked}");
        assert!(e.repair.as_deref().unwrap().starts_with("‹name:"), "{:?}", e.repair);
        assert_ne!(e.repair, e.value, "the repair is another value");
        assert!(e.masked);
        let mut again = example("First Name", "Jos√©");
        r.redact_example(&mut again);
        assert_eq!(again.value, e.value, "stable");
        let mut email = example("Notes", "ana@acme.example");
        r.redact_example(&mut email);
        assert!(email.value.unwrap().starts_with("‹email:"));
        let mut stage = example("StageName", "Perception Analysis");
        r.redact_example(&mut stage);
        assert_eq!(stage.value.as_deref(), Some("Perception Analysis"), "not personal");
        assert!(!stage.masked);
        let mut phone = example("Mobile", "+44 20 7946 0018");
        r.redact_example(&mut phone);
        assert!(phone.value.unwrap().starts_with("‹phone:"));
        let mut owner = example("Deal owner", "Jane Roe");
        r.redact_example(&mut owner);
        assert!(owner.value.unwrap().starts_with("‹name:"));
    }

    #[test]
    fn the_same_value_gives_one_token_per_key_and_another_under_another_key() {
        let one = redactor();
        let same = Redactor::new(b"  shadow-import test key, not a secret\n").unwrap();
        let other = Redactor::new(b"another key of at least sixteen bytes").unwrap();
        let token = one.mask("Last Name", "Nowak").unwrap();
        assert_eq!(one.mask("Last Name", "Nowak").unwrap(), token, "within a run");
        assert_eq!(same.mask("Last Name", "Nowak").unwrap(), token, "the key's whitespace aside");
        assert_ne!(other.mask("Last Name", "Nowak").unwrap(), token, "another key");
        assert_ne!(one.key_check(), other.key_check());
        assert_eq!(one.key_check(), same.key_check());
        assert_eq!(one.key_check().len(), TOKEN_HEX);
        // Random keys: each run its own tokens, stable within the run.
        let (a, b) = (Redactor::random(), Redactor::random());
        assert_eq!(a.mask("Email", "x@y.example"), a.mask("Email", "x@y.example"));
        assert_ne!(a.mask("Email", "x@y.example"), b.mask("Email", "x@y.example"));
        assert_eq!(format!("{one:?}"), "Redactor(…)", "the key is never shown");
    }

    #[test]
    fn case_variants_of_an_email_share_a_token() {
        let r = redactor();
        let token = r.mask("Email", "emma.nagy@example.com").unwrap();
        for variant in ["Emma.Nagy@Example.com", " EMMA.NAGY@EXAMPLE.COM ", "emma.nagy@example.com"]
        {
            assert_eq!(r.mask("Email", variant).unwrap(), token, "{variant:?}");
        }
        // By shape in a column of names: the same digits under its own kind.
        let owner = r.mask("Owner", "Emma.Nagy@Example.com").unwrap();
        assert_eq!(owner, token.replace("‹email:", "‹name:"));
        assert_ne!(r.mask("Email", "emma.nagy@example.org").unwrap(), token);
        // A name keeps its case: Nowak and NOWAK are two values.
        assert_ne!(r.mask("Last Name", "Nowak"), r.mask("Last Name", "NOWAK"));
    }

    #[test]
    fn five_thousand_names_give_five_thousand_tokens() {
        let r = redactor();
        let first =
            ["Ana", "José", "Łukasz", "Zoë", "Kwame", "株式会社", "Emma", "Asa", "Ngozi", "Li"];
        let last = ["Nowak", "García", "Müller", "Hill", "Nagy", "テスト", "Taylor", "Çelik"];
        let mut names = std::collections::BTreeSet::new();
        let mut tokens = std::collections::BTreeSet::new();
        for i in 0..5000 {
            let name = format!("{} {} {i}", first[i % first.len()], last[i % last.len()]);
            tokens.insert(r.mask("Full Name", &name).unwrap());
            names.insert(name);
        }
        assert_eq!(names.len(), 5000);
        assert_eq!(tokens.len(), 5000, "no two names share a token");
    }

    #[test]
    fn a_key_must_be_there_and_long_enough() {
        assert!(matches!(Redactor::new(b""), Err(KeyProblem::Empty)));
        assert!(matches!(Redactor::new(b" \n\t "), Err(KeyProblem::Empty)));
        assert!(matches!(
            Redactor::new(b"short key\n"),
            Err(KeyProblem::TooShort { bytes: 9, min: MIN_KEY_BYTES })
        ));
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.key");
        let err = Redactor::from_file(&missing).unwrap_err().to_string();
        assert!(err.starts_with(&format!("--redact-key-file {}: ", missing.display())), "{err}");
        assert!(err.contains("cannot read the redaction key"), "{err}");
        let long = dir.path().join("long.key");
        std::fs::write(&long, vec![b'k'; MAX_KEY_BYTES + 1]).unwrap();
        let err = Redactor::from_file(&long).unwrap_err().to_string();
        assert!(err.contains("longer than 4096 bytes"), "{err}");
        let good = dir.path().join("good.key");
        std::fs::write(&good, [KEY, b"\n"].concat()).unwrap();
        let from_file = Redactor::from_file(&good).unwrap();
        assert_eq!(from_file.key_check(), redactor().key_check());
        let err = Redactor::from_variable(std::ffi::OsStr::new("")).unwrap_err().to_string();
        assert!(err.starts_with("SHADOW_IMPORT_REDACT_KEY: the redaction key is empty"), "{err}");
    }

    #[test]
    fn a_reason_that_quotes_the_value_quotes_its_token() {
        use crate::facts::{Note, RejectReason};
        let r = redactor();
        let mut e = example("Owner", "jane.roe@example.com");
        e.note = Some(Note::Rejected { reason: RejectReason::NotInMap { map: "owners".into() } });
        let plain = super::super::words::note(&e).unwrap();
        assert_eq!(plain, "`jane.roe@example.com` is not in value map `owners`");
        r.redact_example(&mut e);
        let token = e.value.clone().unwrap();
        let masked = super::super::words::note(&e).unwrap();
        assert_eq!(masked, format!("`{token}` is not in value map `owners`"));
        let mut phone = example("Phone", "+1 303 555 0188 ext. 12");
        phone.note = Some(Note::Rejected { reason: RejectReason::PhoneCharacter { bad: 'e' } });
        r.redact_example(&mut phone);
        assert_eq!(
            super::super::words::note(&phone).unwrap(),
            "not a phone number (a character is not a digit or separator)"
        );
    }

    #[test]
    fn whole_rows_and_email_keys_are_masked_and_blanks_stay_blank() {
        let r = redactor();
        let mut row = example("", "C-1006,Łukasz,Nowak,lukasz@example.pl");
        row.column = None;
        row.whole_row = true;
        r.redact_example(&mut row);
        assert!(row.value.as_deref().unwrap().starts_with("‹row:"), "{:?}", row.value);
        let mut cell = example("", "Acme Nowak");
        cell.column = None;
        r.redact_example(&mut cell);
        assert_eq!(cell.value.as_deref(), Some("Acme Nowak"), "a value with no column is no row");
        let mut keyed = example("Email", "");
        keyed.key = Some("ana@acme.example".into());
        r.redact_example(&mut keyed);
        assert!(keyed.key.as_deref().unwrap().starts_with("‹email:"), "{:?}", keyed.key);
        assert_eq!(keyed.value.as_deref(), Some(""), "a blank is not masked");
        let mut id = example("Email", "");
        r.redact_example(&mut id);
        assert_eq!(id.key.as_deref(), Some("003"), "an id key stays");
    }
}
