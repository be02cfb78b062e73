//! The scenario file's TOML shapes, as serde reads them: every name and
//! value a person can get wrong keeps its span, so validation can point at
//! its line and column.

use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

use super::FieldType;
use crate::facts::Verdict;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawScenario {
    pub(super) scenario: RawHeader,
    #[serde(default, rename = "object")]
    pub(super) objects: Vec<RawObject>,
    #[serde(default, rename = "junction")]
    pub(super) junctions: Vec<RawJunction>,
    #[serde(default)]
    pub(super) maps: IndexMap<String, RawValueMap>,
    #[serde(default)]
    pub(super) triggers: IndexMap<Spanned<String>, toml::Value>,
    pub(super) expect: Option<RawExpect>,
    pub(super) destination: Option<RawDestination>,
    pub(super) cutover: Option<Spanned<super::cutover::RawCutover>>,
    pub(super) pipeline: Option<super::migration_day::RawPipeline>,
    pub(super) migration_day: Option<super::migration_day::RawMigrationDay>,
    #[serde(default, rename = "integration")]
    pub(super) integrations: Vec<super::migration_day::RawIntegration>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDestination {
    /// `hubspot`, `salesforce`, or a schema file relative to the scenario.
    pub(super) schema: Spanned<String>,
    /// Destination settings that switch an object's merge key on or off
    /// (`merge = { companies = true }`: HubSpot's company deduplication by domain).
    #[serde(default)]
    pub(super) merge: IndexMap<Spanned<String>, bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHeader {
    pub(super) name: Spanned<String>,
    pub(super) description: Option<String>,
    /// IANA zone of naive date-times in every file (`Europe/Berlin`).
    pub(super) timezone: Option<Spanned<String>>,
    /// The cells that mean "no value" (`#N/A`, `NULL` …).
    pub(super) null_tokens: Option<Spanned<Vec<Spanned<String>>>>,
    /// Region of phone numbers without a country code (`US`).
    pub(super) phone_region: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawObject {
    pub(super) name: Spanned<String>,
    pub(super) file: Spanned<String>,
    pub(super) encoding: Option<Spanned<String>>,
    /// `"ignore"`: the declared encoding overrides a byte-order mark.
    pub(super) bom: Option<Spanned<String>>,
    pub(super) delimiter: Option<Spanned<String>>,
    pub(super) key: Spanned<String>,
    pub(super) ids: Option<Spanned<String>>,
    /// IANA zone of this file's naive date-times.
    pub(super) timezone: Option<Spanned<String>>,
    /// Region of this file's phone numbers without a country code.
    pub(super) phone_region: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) fields: IndexMap<Spanned<String>, RawField>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawField {
    /// A column name, or a list of columns to join.
    pub(super) from: Spanned<toml::Value>,
    pub(super) join: Option<String>,
    pub(super) part: Option<Spanned<String>>,
    pub(super) max_length: Option<usize>,
    #[serde(rename = "type", default)]
    pub(super) kind: FieldType,
    #[serde(default)]
    pub(super) required: bool,
    #[serde(default)]
    pub(super) critical: bool,
    pub(super) default: Option<Spanned<String>>,
    pub(super) map: Option<Spanned<String>>,
    /// An object name, or a list of them for a polymorphic id.
    #[serde(rename = "ref")]
    pub(super) reference: Option<Spanned<toml::Value>>,
    pub(super) by: Option<Spanned<String>>,
    pub(super) format: Option<Spanned<String>>,
    /// IANA zone of this field's naive date-times.
    pub(super) timezone: Option<Spanned<String>>,
    /// Region of this field's phone numbers without a country code.
    pub(super) phone_region: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawJunction {
    pub(super) name: Spanned<String>,
    pub(super) file: Spanned<String>,
    pub(super) encoding: Option<Spanned<String>>,
    /// `"ignore"`: the declared encoding overrides a byte-order mark.
    pub(super) bom: Option<Spanned<String>>,
    pub(super) delimiter: Option<Spanned<String>>,
    pub(super) key: Option<Spanned<String>>,
    pub(super) left: RawEnd,
    pub(super) right: RawEnd,
    /// A column name, or `{ column = "IsDirect", per = "right" }`.
    pub(super) primary: Option<Spanned<toml::Value>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawEnd {
    pub(super) from: Spanned<String>,
    #[serde(rename = "ref")]
    pub(super) target: Spanned<String>,
    pub(super) by: Option<Spanned<String>>,
    pub(super) split: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawValueMap {
    #[serde(default)]
    pub(super) strict: bool,
    #[serde(default)]
    pub(super) values: IndexMap<String, String>,
    pub(super) file: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) ignore_case: bool,
    pub(super) unmapped: Option<Spanned<String>>,
    pub(super) default: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawExpect {
    pub(super) verdict: Verdict,
    pub(super) triggers: Option<Vec<Spanned<String>>>,
}

/// `file`, `encoding` and `delimiter` as written on an object or junction.
/// (Listed on each owner: `#[serde(flatten)]` would lose the spans and
/// `deny_unknown_fields`.)
pub(super) struct RawSourceFields {
    pub(super) file: Spanned<String>,
    pub(super) encoding: Option<Spanned<String>>,
    /// `"ignore"`: the declared encoding overrides a byte-order mark.
    pub(super) bom: Option<Spanned<String>>,
    pub(super) delimiter: Option<Spanned<String>>,
}
