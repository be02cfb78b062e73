//! Validation of the null tokens (`[scenario] null_tokens`) and of
//! `phone_region` (scenario, object, field; the nearest wins).

use toml::Spanned;

use super::positions::Positions;
use super::{NullTokens, PhoneRegion, RegionOrigin};
use crate::error::{Result, ScenarioError};

/// The scenario's null tokens: as listed (trimmed of spaces and tabs, no
/// blanks or repeats), or the default list when none are.
pub(super) fn tokens(
    pos: &Positions<'_>,
    written: Option<&Spanned<Vec<Spanned<String>>>>,
) -> Result<NullTokens> {
    let Some(list) = written else { return Ok(NullTokens::default()) };
    let mut tokens: Vec<String> = Vec::with_capacity(list.get_ref().len());
    for token in list.get_ref() {
        let text = token.get_ref().trim_matches(|c: char| c.is_ascii_whitespace());
        if text.is_empty() {
            return Err(pos.error(token, ScenarioError::BlankNullToken));
        }
        if tokens.iter().any(|t| t == text) {
            let kind = ScenarioError::DuplicateNullToken { token: text.to_string() };
            return Err(pos.error(token, kind));
        }
        tokens.push(text.to_string());
    }
    Ok(NullTokens::new(tokens, true))
}

/// The region a `phone_region` setting names (`US`, `gb`), or `inherited`
/// when there is none.
pub(super) fn region(
    pos: &Positions<'_>,
    written: Option<&Spanned<String>>,
    from: RegionOrigin,
    inherited: PhoneRegion,
) -> Result<PhoneRegion> {
    let Some(code) = written else { return Ok(inherited) };
    let upper = code.get_ref().trim().to_ascii_uppercase();
    match upper.parse::<phonenumber::country::Id>() {
        Ok(id) if upper.len() == 2 => Ok(PhoneRegion { id: Some(id), from }),
        _ => {
            Err(pos.error(code, ScenarioError::UnknownPhoneRegion { name: code.get_ref().clone() }))
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::scenario::{DEFAULT_NULL_TOKENS, Scenario};

    fn parse(header: &str, object: &str, field: &str) -> crate::error::Result<Scenario> {
        let text = format!(
            "[scenario]\nname = \"t\"\n{header}\n[[object]]\nname = \"o\"\nfile = \"x.csv\"\nkey = \"Id\"\n{object}\nfields.a = {{ from = \"A\", type = \"phone\"{field} }}\nfields.b = {{ from = \"B\", type = \"phone\" }}\n"
        );
        Scenario::parse(&text, Path::new("s/scenario.toml"), Path::new("s"))
    }

    #[test]
    fn the_default_tokens_unless_listed() {
        let s = parse("", "", "").unwrap();
        assert_eq!(s.null_tokens.list(), DEFAULT_NULL_TOKENS);
        assert!(!s.null_tokens.declared);
        let s = parse("null_tokens = [\" #N/A \", \"(blank)\"]", "", "").unwrap();
        assert_eq!(s.null_tokens.list(), ["#N/A", "(blank)"]);
        assert!(s.null_tokens.declared);
        let s = parse("null_tokens = []", "", "").unwrap();
        assert!(s.null_tokens.list().is_empty());
    }

    #[test]
    fn blank_and_repeated_tokens_are_errors_at_their_place() {
        let err = parse("null_tokens = [\"NULL\", \" \"]", "", "").unwrap_err().to_string();
        assert!(err.starts_with("s/scenario.toml:3:24: a null token cannot be blank"), "{err}");
        let err = parse("null_tokens = [\"NULL\", \"NULL \"]", "", "").unwrap_err().to_string();
        assert!(err.ends_with("null token `NULL` is listed twice"), "{err}");
    }

    #[test]
    fn the_nearest_phone_region_wins() {
        let s = parse("phone_region = \"US\"", "phone_region = \"gb\"", ", phone_region = \"DE\"")
            .unwrap();
        let fields = &s.objects[0].fields;
        assert_eq!(fields[0].region.code(), Some("DE"));
        assert_eq!(fields[0].region.from, crate::scenario::RegionOrigin::Field);
        assert_eq!(fields[1].region.code(), Some("GB"));
        assert_eq!(fields[1].region.from, crate::scenario::RegionOrigin::Object);
        let s = parse("", "", "").unwrap();
        assert_eq!(s.objects[0].fields[0].region.code(), None);
        let err = parse("phone_region = \"UK\"", "", "").unwrap_err().to_string();
        assert!(err.contains("unknown phone region `UK`"), "{err}");
    }
}
