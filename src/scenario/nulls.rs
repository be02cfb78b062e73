//! How a scenario says "empty" and where its phone numbers are: the null
//! tokens (`#N/A`, `NULL` …) that count as a blank cell, and the default
//! region a phone number without a country code is read in.

use serde::Serialize;

/// The null tokens when a scenario lists none: what Excel, Salesforce
/// deployment tools, databases and web forms write in an empty cell.
pub const DEFAULT_NULL_TOKENS: [&str; 7] =
    ["#N/A", "NULL", "null", "None", "[not provided]", "N/A", "-"];

/// The texts that mean "no value" in this scenario's exports. A cell is a
/// token when, trimmed of spaces and tabs, it equals one exactly: matching
/// is case-sensitive (`NULL` and `null` are two tokens; `Null` is neither
/// unless listed), so every token's count is the count of cells a
/// `grep -x` of that token finds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NullTokens {
    tokens: Vec<String>,
    /// The scenario lists them (`null_tokens = […]`), rather than the default.
    pub declared: bool,
    /// The longest token, in bytes: longer cells are no token.
    longest: usize,
    /// Every first byte a token starts with, so most cells are told apart
    /// with one comparison.
    first_bytes: Vec<u8>,
}

impl Default for NullTokens {
    fn default() -> Self {
        NullTokens::new(DEFAULT_NULL_TOKENS.iter().map(|t| (*t).to_string()).collect(), false)
    }
}

impl NullTokens {
    /// The tokens given, in order (already trimmed and without repeats).
    pub fn new(tokens: Vec<String>, declared: bool) -> Self {
        let longest = tokens.iter().map(String::len).max().unwrap_or(0);
        let mut first_bytes: Vec<u8> = tokens.iter().filter_map(|t| t.bytes().next()).collect();
        first_bytes.sort_unstable();
        first_bytes.dedup();
        NullTokens { tokens, declared, longest, first_bytes }
    }

    /// The tokens, in the order the scenario lists them.
    pub fn list(&self) -> &[String] {
        &self.tokens
    }

    /// The position of the token `trimmed` is (a cell already trimmed of
    /// spaces and tabs), if it is one.
    pub fn position(&self, trimmed: &str) -> Option<usize> {
        let first = *trimmed.as_bytes().first()?;
        if trimmed.len() > self.longest || !self.first_bytes.contains(&first) {
            return None;
        }
        self.tokens.iter().position(|t| t == trimmed)
    }

    /// True when `trimmed` is one of the tokens.
    pub fn contains(&self, trimmed: &str) -> bool {
        self.position(trimmed).is_some()
    }
}

/// The region (country) a phone number written without its country code
/// is read in, and which setting chose it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhoneRegion {
    /// The CLDR region (`US`, `GB`, `DE`); `None` when no `phone_region`
    /// is declared: then a number must start with `+` and its country code.
    pub id: Option<phonenumber::country::Id>,
    /// Which `phone_region` setting chose it.
    pub from: RegionOrigin,
}

/// Which `phone_region` setting chose a field's region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RegionOrigin {
    /// The field's own `phone_region`.
    Field,
    /// The object's `phone_region`.
    Object,
    /// `[scenario] phone_region`.
    Scenario,
    /// No `phone_region` anywhere: numbers need their country code.
    Default,
}

impl PhoneRegion {
    /// No region: only numbers with a country code (`+44 …`) are read.
    pub const DEFAULT: PhoneRegion = PhoneRegion { id: None, from: RegionOrigin::Default };

    /// The region's two-letter code (`US`), or `None`.
    pub fn code(&self) -> Option<&str> {
        self.id.as_ref().map(AsRef::as_ref)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_match_exactly_and_case_sensitively() {
        let tokens = NullTokens::default();
        for token in DEFAULT_NULL_TOKENS {
            assert!(tokens.contains(token), "{token}");
        }
        for not_a_token in ["Null", "n/a", "#N/A!", "--", "", "NULL x", "none", "NA", "-1"] {
            assert!(!tokens.contains(not_a_token), "{not_a_token}");
        }
        assert_eq!(tokens.position("null"), Some(2));
        let own = NullTokens::new(vec!["(blank)".into()], true);
        assert!(own.contains("(blank)") && !own.contains("NULL"));
        assert!(!NullTokens::new(Vec::new(), true).contains("NULL"));
    }

    #[test]
    fn regions_read_their_codes() {
        let id: phonenumber::country::Id = "GB".parse().unwrap();
        let region = PhoneRegion { id: Some(id), from: RegionOrigin::Object };
        assert_eq!(region.code(), Some("GB"));
        assert_eq!(PhoneRegion::DEFAULT.code(), None);
        assert!("XX".parse::<phonenumber::country::Id>().is_err());
    }
}
