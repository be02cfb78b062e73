//! Destination rules: what the real destination refuses (required fields,
//! field lengths, allowed picklist values), so the shadow rejects the same
//! rows. A scenario names a schema shipped with the tool (`hubspot`,
//! `salesforce`, see `destinations/`) or its own TOML file.

use indexmap::IndexMap;
use serde::Deserialize;

use crate::error::{Location, RejectReason, Result, ScenarioError};

/// Schemas shipped with the tool, by name.
pub const BUILTIN: [(&str, &str); 2] = [
    ("hubspot", include_str!("../../destinations/hubspot.toml")),
    ("salesforce", include_str!("../../destinations/salesforce.toml")),
];

/// What the destination accepts for one field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldRule {
    /// The destination refuses a record without it.
    #[serde(default)]
    pub required: bool,
    /// Longest value accepted, in characters.
    pub max_length: Option<usize>,
    /// The only values accepted (a picklist).
    pub values: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSchema {
    #[serde(default)]
    objects: IndexMap<String, RawObject>,
    /// The API presets of a shipped file, read by the cut-over (`super::cutover`).
    #[serde(default, rename = "api")]
    _api: Option<serde::de::IgnoredAny>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawObject {
    #[serde(default)]
    fields: IndexMap<String, FieldRule>,
}

/// A destination schema: objects and their field rules.
#[derive(Debug, Clone)]
pub struct Destination {
    /// `hubspot`, or the schema file as the scenario names it.
    pub name: String,
    objects: IndexMap<String, IndexMap<String, FieldRule>>,
}

impl Destination {
    /// Parses a schema; `location` names it in errors.
    pub fn parse(name: &str, text: &str, location: &Location) -> Result<Destination> {
        let raw: RawSchema = toml::from_str(text).map_err(|e| {
            let message = crate::error::toml_message(e.message());
            ScenarioError::SchemaToml { name: name.to_string(), message }.at(location.clone())
        })?;
        let objects = raw.objects.into_iter().map(|(k, o)| (k, o.fields)).collect();
        Ok(Destination { name: name.to_string(), objects })
    }

    /// A shipped schema by name.
    pub fn builtin(name: &str) -> Option<&'static str> {
        BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, text)| *text)
    }

    /// The destination's fields of an object, if it has the object.
    pub fn object(&self, name: &str) -> Option<&IndexMap<String, FieldRule>> {
        self.objects.get(name)
    }

    /// The destination's object names.
    pub fn object_names(&self) -> impl Iterator<Item = &str> {
        self.objects.keys().map(String::as_str)
    }
}

impl FieldRule {
    /// Why the destination would refuse `value`, if it would.
    pub fn refuses(&self, field: &str, value: &str) -> Option<RejectReason> {
        if let Some(max) = self.max_length {
            let chars = value.chars().count();
            if chars > max {
                return Some(RejectReason::DestinationTooLong { field: field.into(), chars, max });
            }
        }
        match &self.values {
            Some(values) if !values.iter().any(|v| v == value) => {
                Some(RejectReason::DestinationValue { field: field.into() })
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_schemas_parse() {
        for (name, text) in BUILTIN {
            let schema = Destination::parse(name, text, &Location::file(name)).unwrap();
            assert!(schema.object_names().count() >= 3, "{name}");
        }
        let hubspot = Destination::parse("hubspot", BUILTIN[0].1, &Location::file("x")).unwrap();
        let stage = &hubspot.object("deals").unwrap()["dealstage"];
        assert!(stage.required);
        assert_eq!(stage.refuses("dealstage", "closedwon"), None);
        assert_eq!(
            stage.refuses("dealstage", "Closed Won"),
            Some(RejectReason::DestinationValue { field: "dealstage".into() })
        );
        let salesforce =
            Destination::parse("salesforce", BUILTIN[1].1, &Location::file("x")).unwrap();
        let name = &salesforce.object("opportunities").unwrap()["Name"];
        assert_eq!(
            name.refuses("Name", &"x".repeat(121)),
            Some(RejectReason::DestinationTooLong { field: "Name".into(), chars: 121, max: 120 })
        );
    }
}
