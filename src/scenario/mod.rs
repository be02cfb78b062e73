//! The scenario file: which export files feed which destination objects,
//! how each column maps to a field, the value maps, the rollback triggers
//! and what the team expects. Parsed from TOML (`raw`), then validated
//! (`build`) into the model the stages read (`model`), so every mistake
//! names its line and column in `scenario.toml` (`positions`).

mod build;
mod build_nulls;
mod cutover;
mod date_formats;
pub mod destination;
mod folder;
mod migration_day;
mod model;
mod nulls;
mod positions;
mod raw;
mod references;
mod thresholds;

pub use cutover::{Cutover, DEFAULT_WINDOW, FullCounts, preset_names};
pub use folder::Reach;
pub use model::{
    Closed, Column, DEFAULT_RECONCILE_LIMIT, End, Expectation, Field, FieldType, Junction,
    MigrationDay, NamePart, ObjectMapping, Pipeline, Primary, Reference, Scenario, Side, Source,
    TriggerSettings, UnmappedPolicy, ValueMap, Zone, ZoneOrigin, format_reads_offset,
};
pub use nulls::{DEFAULT_NULL_TOKENS, NullTokens, PhoneRegion, RegionOrigin};
pub use references::{RefColumn, ref_columns};
pub use thresholds::{Threshold, Thresholds};

/// The decimal formats a scenario may declare, by example (`format = "1.234,56"`).
pub const DECIMAL_FORMATS: [&str; 4] = ["1234.56", "1,234.56", "1234,56", "1.234,56"];

/// The file name looked for when a folder is given.
pub const SCENARIO_FILE: &str = "scenario.toml";
