//! What a trigger result counts, as data: the offending rows, links,
//! references or files of each kind of trigger, with the names a sentence
//! needs. The reports write the sentence.

use super::DamageKind;

/// What the offending things of a result are, per kind of trigger.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Counted {
    /// Rows the destination would refuse, of the file's source rows
    /// (`import_failure`; none of none: a file with a header only).
    RejectedRows,
    /// Parent rows with no link, of the parent rows (`missing_relationship`).
    UnlinkedParents {
        /// The parent object.
        parent: String,
        /// What each parent should link to.
        link: Link,
        /// Loaded parents the destination merges into others: not parents
        /// of their own, their links counted with the row they merge into.
        merged: u64,
    },
    /// Loaded rows with a critical field blank, of the rows loaded (`critical_blank`).
    BlankValues {
        /// The object.
        object: String,
        /// The field.
        field: String,
        /// Of the blanks, the null tokens (`#N/A`, `NULL` …).
        tokens: u64,
        /// Of the blanks, the placeholders (`test@test.com`, `000000000`).
        placeholders: u64,
    },
    /// Rows with encoding damage in a cell, of the source rows (`encoding_damage`).
    DamagedRows {
        /// Rows per kind of damage, most frequent first.
        kinds: Vec<DamageCount>,
    },
    /// References that resolve to nothing, of the references set (`orphan_reference`).
    UnresolvedReferences {
        /// The objects referenced.
        targets: Vec<String>,
        /// Unresolved Salesforce ids that belong to objects this migration
        /// does not map, per key prefix.
        elsewhere: Vec<ForeignIds>,
    },
    /// References whose row is in the export but was rejected, of the
    /// references set (`rejected_reference`): not orphans, a consequence
    /// of the reject.
    RejectedTargets {
        /// The objects referenced.
        targets: Vec<String>,
    },
    /// Junction rows repeating an earlier row's pair of ends, of the links (`duplicate_link`).
    RepeatedLinks,
    /// Rows with links but not exactly one primary link, of the rows with
    /// links (`primary_link`).
    WrongPrimaries {
        /// The object of the checked end.
        end: String,
        /// The junction.
        junction: String,
        /// The source column of the primary flag.
        column: String,
    },
    /// Migration day: what arrived in the destination against the baseline
    /// (`verify`), or what changed there during the window (`reconcile`).
    Arrival(Arrival),
    /// Rows on a cycle of a self-reference, of the rows with it set (`reference_cycle`).
    CyclicRows {
        /// The object.
        object: String,
        /// The self-referencing field.
        field: String,
    },
    /// Rows holding a value a strict map lacks, of the rows with a value (`unmapped_value`).
    UnmappedValues {
        /// Distinct values missing from the map.
        distinct: u64,
        /// The value map.
        map: String,
    },
    /// Export files no object or junction reads, of the files there (`unmapped_file`).
    UnmappedFiles,
    /// Source rows neither loaded nor rejected, of the source rows (`rows_balance`).
    UnaccountedRows,
    /// Non-ASCII characters read that are not in the shadow unchanged, of
    /// those read (`non_ascii_round_trip`).
    ChangedCharacters,
    /// Calls or records the load needs, of what an API budget allows (`api_budget`).
    Budget(Budget),
    /// A length of time, and what takes it (the cut-over window).
    Time {
        /// What takes the time.
        of: String,
    },
    /// Rows refused for values a spreadsheet destroyed, of the source rows
    /// (`spreadsheet_damage`).
    SpreadsheetDamage {
        /// Rows per column and kind, in column order.
        columns: Vec<SpreadsheetColumn>,
    },
    /// Rows the destination merges into an earlier row sharing their merge
    /// key, of the rows loaded (`destination_merge`).
    MergedRows {
        /// The object.
        object: String,
        /// The merge key's destination field.
        field: String,
    },
    /// Rows repeating an earlier row's value of a unique field, or sharing
    /// their value of an external id with another row, of the rows with a
    /// value (`unique_violation`).
    DuplicateValues {
        /// The object.
        object: String,
        /// The field.
        field: String,
        /// The field is an external id (an upsert fails), not only unique.
        upsert: bool,
    },
    /// Rows a validation rule refuses, of the rows loaded (`validation_rule`).
    RuleFailures {
        /// The object.
        object: String,
        /// The rule's name.
        rule: String,
        /// The destination's error message.
        message: String,
    },
    /// Values a spreadsheet likely cut or stripped of digits, of the
    /// column's values (`lost_digits`).
    LostDigits {
        /// How the digits were lost.
        loss: DigitLoss,
    },
}

/// Which budget of the destination API a result measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Budget {
    /// Calls against one day's allowance.
    DayCalls,
    /// Calls against what the rate limit allows within the window.
    WindowCalls,
    /// Records against one day's allowance.
    DayRecords,
}

impl std::fmt::Display for Budget {
    /// The result's object: `calls per day`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Budget::DayCalls => "calls per day",
            Budget::WindowCalls => "calls in the window",
            Budget::DayRecords => "records per day",
        })
    }
}

/// What a spreadsheet did to a value that cannot be undone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpreadsheetKind {
    /// An id written in scientific notation (`1.18174E+11`).
    DestroyedId,
    /// A date rewritten into the short form (`2/5/24 1:51`).
    RewrittenDate,
}

/// Rows of one column refused for one kind of spreadsheet damage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpreadsheetColumn {
    /// The source column.
    pub column: String,
    /// The kind.
    pub kind: SpreadsheetKind,
    /// Rows refused for it.
    pub rows: u64,
}

/// How a spreadsheet loses the digits of a number stored as a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DigitLoss {
    /// Numbers of 16 or more digits keep 15 significant ones, the rest
    /// become zeros.
    CutTo15,
    /// Leading zeros dropped: shorter than the length most values have.
    LeadingZeros {
        /// The length most of the column's values have.
        digits: u64,
    },
}

/// What a parent row should link to: `contacts through deal_contacts`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The objects at the other end (any of them will do).
    pub others: Vec<String>,
    /// The junction or `object.field` lookup that links them.
    pub through: String,
}

/// Rows with one kind of encoding damage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DamageCount {
    /// The kind.
    pub kind: DamageKind,
    /// Rows with it.
    pub rows: u64,
}

/// Unresolved Salesforce ids with one key prefix that is not a mapped object's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignIds {
    /// The 3-character key prefix.
    pub prefix: String,
    /// The standard object it belongs to, if it is one.
    pub object: Option<&'static str>,
    /// How many unresolved references have it.
    pub count: u64,
}

/// The ids of migration day's results (`verify`, `reconcile`), which
/// `[expect] triggers` may name beside the triggers.
pub const MIGRATION_DAY_CHECKS: [&str; 6] = [
    ARRIVED_ROWS,
    ARRIVED_PIPELINE,
    ARRIVED_VALUES,
    CHANGED_AFTER_LOAD,
    SYSTEM_INSTABILITY,
    RECONCILE,
];
/// Rows in the destination against the baseline.
pub const ARRIVED_ROWS: &str = "arrived_rows";
/// The open pipeline in the destination against the baseline.
pub const ARRIVED_PIPELINE: &str = "arrived_pipeline";
/// Sampled records in the destination against the source through the mapping.
pub const ARRIVED_VALUES: &str = "arrived_values";
/// A field changed after the load toward one value (likely automation).
pub const CHANGED_AFTER_LOAD: &str = "changed_after_load";
/// Platform errors in the loader's result files.
pub const SYSTEM_INSTABILITY: &str = "system_instability";
/// Records changed in the destination during the window.
pub const RECONCILE: &str = "reconcile";

/// What a migration-day result compares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arrival {
    /// Rows in the destination's export against the baseline's loaded rows
    /// (`arrived_rows`: the difference, of the rows expected).
    Rows {
        /// The object.
        object: String,
        /// Rows the destination's export holds.
        found: u64,
    },
    /// Open-pipeline stages whose count or sum differs (`arrived_pipeline`).
    PipelineStages {
        /// The pipeline object.
        object: String,
    },
    /// Sampled records missing or with a field that differs from the source
    /// through the mapping (`arrived_values`).
    SampledRecords {
        /// The object.
        object: String,
    },
    /// Sampled records whose field was changed after the load toward one
    /// value, likely by automation (`changed_after_load`).
    Automation {
        /// The object.
        object: String,
        /// The field.
        field: String,
        /// The value they were changed to.
        value: String,
    },
    /// Rows the destination's loader refused for their data, of the rows it
    /// was given (`import_failure` from the loader's result files).
    LoaderDataErrors {
        /// The object.
        object: String,
    },
    /// Rows the destination's loader refused for a platform error, of the
    /// rows it was given (`system_instability`'s evidence).
    LoaderPlatformErrors {
        /// The object.
        object: String,
    },
    /// Records created, changed or deleted in the destination during the
    /// window, of the records at the load's end (`reconcile`).
    WindowChanges,
}
