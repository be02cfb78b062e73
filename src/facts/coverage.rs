//! Value-map coverage: each distinct source value of a mapped field, with
//! its row count and where the map sends it.

use serde::Serialize;

/// One field's value map as the export exercised it.
#[derive(Debug, Clone, Serialize)]
pub struct MapCoverage {
    /// `object.field`.
    pub field: String,
    /// The value map's name.
    pub map: String,
    /// Whether unmapped values count toward `unmapped_value`.
    pub strict: bool,
    /// Distinct source values met.
    pub distinct: u64,
    /// Distinct source values the map does not cover.
    pub unmapped: u64,
    /// What the map sends a value it does not cover to (`unmapped =
    /// "default"`), when it has a default: such values are not errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    /// Every distinct value: not covered first, then by row count.
    pub values: Vec<ValueCount>,
}

/// A distinct source value of a mapped field.
#[derive(Debug, Clone, Serialize)]
pub struct ValueCount {
    /// The source value.
    pub value: String,
    /// Rows holding it.
    pub rows: u64,
    /// The destination value, or `None` when the map has no entry.
    pub target: Option<String>,
}
