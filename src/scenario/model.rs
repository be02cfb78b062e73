//! The validated scenario: export files, destination objects and their
//! fields, junctions, value maps, trigger settings and the expectation, as
//! the stages read them. Built from the TOML by `build`.

use std::path::PathBuf;

use indexmap::IndexMap;
use serde::Deserialize;

use super::destination::Destination;
use crate::error::Location;
use crate::facts::Verdict;

/// A validated scenario, ready to rehearse.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// Short name, shown in reports.
    pub name: String,
    /// What the scenario rehearses, in a sentence.
    pub description: Option<String>,
    /// The folder holding `scenario.toml`; data paths are relative to it.
    pub dir: PathBuf,
    /// The scenario file itself, as the user named it.
    pub path: PathBuf,
    /// Destination objects, in file order.
    pub objects: Vec<ObjectMapping>,
    /// Junction objects (many-to-many links), in file order.
    pub junctions: Vec<Junction>,
    /// Value maps by name (stage names, owners …).
    pub maps: IndexMap<String, ValueMap>,
    /// Trigger settings as written; each check reads its own.
    pub triggers: Vec<TriggerSettings>,
    /// What the team expects this rehearsal to conclude.
    pub expect: Option<Expectation>,
    /// The destination's rules, when the scenario names a schema.
    pub destination: Option<Destination>,
    /// The cells that mean "no value" (`null_tokens`, or the default list).
    pub null_tokens: super::NullTokens,
    /// Value-map files, as written in the scenario.
    pub(super) map_files: Vec<String>,
    /// The cut-over window and destination API, when `[cutover]` is set.
    pub cutover: Option<super::Cutover>,
    /// The open pipeline baseline and verify count (`[pipeline]`, or detected).
    pub pipeline: Option<Pipeline>,
    /// Migration day's files and the destination export's columns (`[migration_day]`).
    pub migration_day: MigrationDay,
    /// What points at the source and must be re-enabled on rollback (`[[integration]]`).
    pub integrations: Vec<Integration>,
}

/// One export file and how to read it.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as written in the scenario (`data/Contact.csv`): used in reports.
    pub file: String,
    /// The path to open (scenario folder joined with `file`).
    pub path: PathBuf,
    /// Declared encoding (`encoding = "windows-1252"`, with `bom = "ignore"`
    /// to override a byte-order mark), or `None` for automatic.
    pub encoding: Option<crate::facts::Declared>,
    /// Field delimiter byte, or `None` to sniff it.
    pub delimiter: Option<u8>,
    /// Where the scenario declares this file.
    pub declared_at: Location,
}

/// A column of an export file that the mapping reads.
#[derive(Debug, Clone)]
pub struct Column {
    /// Header name as written in the scenario.
    pub name: String,
    /// Where the scenario names it.
    pub at: Location,
}

/// A destination object (table) fed by one export file.
#[derive(Debug, Clone)]
pub struct ObjectMapping {
    /// Destination object name, e.g. `contacts`.
    pub name: String,
    /// The export file.
    pub source: Source,
    /// The source key column (record id), unique per row.
    pub key: Column,
    /// Destination fields, in file order.
    pub fields: Vec<Field>,
    /// Keys are Salesforce ids (`ids = "salesforce"`): 15-character ids, in
    /// the key and in every reference to this object, are extended to the
    /// 18-character case-safe form, so both spellings match.
    pub salesforce_ids: bool,
}

/// How the value of a field is checked and converted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    /// Free text, trimmed.
    #[default]
    Text,
    /// An e-mail address, syntax-checked.
    Email,
    /// A phone number, validated and stored in E.164 (`+442079460018`).
    Phone,
    /// A whole number.
    #[serde(alias = "integer")]
    Int,
    /// An exact decimal amount (`1234.50`), never a float.
    Decimal,
    /// true/false, yes/no, 1/0.
    #[serde(alias = "boolean")]
    Bool,
    /// A calendar date (`2024-03-15`, or the declared `format`).
    Date,
    /// A date and time (`2023-11-02T09:14:33.000Z`, or the declared `format`).
    Datetime,
    /// A record id; Salesforce's empty id `000000000000000AAA` means blank.
    Id,
}

impl FieldType {
    /// The name used in the scenario file.
    pub fn name(self) -> &'static str {
        match self {
            FieldType::Text => "text",
            FieldType::Email => "email",
            FieldType::Phone => "phone",
            FieldType::Int => "int",
            FieldType::Decimal => "decimal",
            FieldType::Bool => "bool",
            FieldType::Date => "date",
            FieldType::Datetime => "datetime",
            FieldType::Id => "id",
        }
    }
}

/// One destination field and where its value comes from.
#[derive(Debug, Clone)]
pub struct Field {
    /// Destination field name.
    pub name: String,
    /// Source column (the first, when several are joined).
    pub from: Column,
    /// Further source columns joined after `from` (`from = ["FirstName", "LastName"]`).
    pub also: Vec<Column>,
    /// What joins the columns (default one space).
    pub join: String,
    /// Take one part of a full name (`Person - Name` → first or last name).
    pub part: Option<NamePart>,
    /// Longest value accepted, in characters.
    pub max_length: Option<usize>,
    /// Value type.
    pub kind: FieldType,
    /// A blank value rejects the row.
    pub required: bool,
    /// Blank values count toward the `critical_blank` trigger.
    pub critical: bool,
    /// Value used when the source is blank, with where it is declared.
    pub default: Option<(String, Location)>,
    /// Name of the value map to translate through.
    pub map: Option<String>,
    /// The object(s) this field references.
    pub reference: Option<Reference>,
    /// chrono format for dates, e.g. `%d/%m/%Y`.
    pub format: Option<String>,
    /// The zone a date-time without an offset is read in.
    pub zone: Zone,
    /// The region a phone number without a country code is read in.
    pub region: super::PhoneRegion,
}

/// True when a date-time `format` reads each value's offset (`%z`, `%:z`,
/// `%#z`), so the field's zone never applies.
pub fn format_reads_offset(format: &str) -> bool {
    ["%z", "%:z", "%#z"].iter().any(|z| format.contains(z))
}

/// The time zone naive date-times of a field are read in, and where the
/// scenario says so. Date-times are stored in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Zone {
    /// The IANA zone (`Europe/Berlin`); UTC by default.
    pub tz: chrono_tz::Tz,
    /// Which `timezone` setting chose it.
    pub from: ZoneOrigin,
}

/// Which `timezone` setting chose a field's zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ZoneOrigin {
    /// The field's own `timezone`.
    Field,
    /// The object's `timezone`.
    Object,
    /// `[scenario] timezone`.
    Scenario,
    /// No `timezone` anywhere: UTC.
    Default,
}

impl Zone {
    /// UTC, the zone when the scenario declares none.
    pub const DEFAULT: Zone = Zone { tz: chrono_tz::UTC, from: ZoneOrigin::Default };
}

/// Which part of a full name a field takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamePart {
    /// Everything but the last word (`Ana María`).
    First,
    /// The last word (`García`), or the whole name when it is one word.
    Last,
}

/// A many-to-many link object, such as Salesforce's `OpportunityContactRole`.
#[derive(Debug, Clone)]
pub struct Junction {
    /// Destination name, e.g. `deal_contacts`.
    pub name: String,
    /// The export file.
    pub source: Source,
    /// Optional record id column of the link rows.
    pub key: Option<Column>,
    /// One end of the link.
    pub left: End,
    /// The other end of the link.
    pub right: End,
    /// Optional primary flag (`IsPrimary`), checked per `left` row by default.
    pub primary: Option<Primary>,
}

/// Where a lookup points: one object, or several for a polymorphic id
/// (Salesforce `Task.WhoId` → contacts or leads), matched by source key or
/// by a field of the target (an external id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The object(s) referenced.
    pub targets: Vec<String>,
    /// Match this destination field of the target instead of its source key.
    pub by: Option<String>,
}

/// One end of a junction: a column holding the source key of an object.
#[derive(Debug, Clone)]
pub struct End {
    /// Column holding the referenced key.
    pub from: Column,
    /// The object referenced.
    pub target: String,
    /// Match this destination field of the target instead of its source key.
    pub by: Option<String>,
    /// One cell holds several keys separated by this character (HubSpot's
    /// `Associated Company IDs` = `123;456`): one link per key.
    pub split: Option<char>,
}

/// Which end of a junction a primary flag is counted for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The `left` end (the default: one primary contact per deal).
    Left,
    /// The `right` end (one direct account per contact).
    Right,
}

impl Side {
    /// `left` or `right`: the junction table's column.
    pub fn column(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Right => "right",
        }
    }
}

/// A junction's primary flag: at most one primary link per row of one end.
#[derive(Debug, Clone)]
pub struct Primary {
    /// The flag column (`IsPrimary`, `IsDirect`).
    pub column: Column,
    /// The end that must have exactly one primary link.
    pub per: Side,
}

/// Translation of source values (e.g. stage names) to destination values.
#[derive(Debug, Clone)]
pub struct ValueMap {
    /// In a strict map, a value with no entry counts toward `unmapped_value`.
    pub strict: bool,
    /// Source value → destination value (inline and from `file`).
    pub values: IndexMap<String, String>,
    /// Match source values ignoring case.
    pub ignore_case: bool,
    /// What a value with no entry becomes.
    pub unmapped: UnmappedPolicy,
    /// Lower-cased source value → destination value, when `ignore_case`.
    pub(super) folded: IndexMap<String, String>,
}

/// What a value missing from a value map becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnmappedPolicy {
    /// Kept as written (the default).
    Keep,
    /// The row is rejected.
    Reject,
    /// This value instead.
    Default(String),
}

impl ValueMap {
    /// The destination value for a source value, if the map has one.
    pub fn get(&self, value: &str) -> Option<&str> {
        if self.ignore_case {
            self.folded.get(&value.to_lowercase()).map(String::as_str)
        } else {
            self.values.get(value).map(String::as_str)
        }
    }
}

/// A trigger's settings table as written under `[triggers]`.
#[derive(Debug, Clone)]
pub struct TriggerSettings {
    /// Trigger id, e.g. `missing_relationship`.
    pub id: String,
    /// The settings value (a table, or an array of tables).
    pub value: toml::Value,
    /// Where the settings are declared.
    pub at: Location,
    /// The `warn` / `fail` of each table of the settings (one per rule), read.
    pub thresholds: Vec<super::Thresholds>,
}

/// What the team expects the rehearsal to conclude, so a scenario that
/// documents a known-bad mapping keeps failing for the right reason.
#[derive(Debug, Clone)]
pub struct Expectation {
    /// The expected verdict.
    pub verdict: Verdict,
    /// If given, exactly these triggers must fail (`id` or `id:object`).
    pub triggers: Option<Vec<String>>,
    /// Where each entry of `triggers` is written.
    pub trigger_locations: Vec<Location>,
}

impl Scenario {
    /// The objects in load order: the objects each references first
    /// (parents before children); a reference cycle keeps file order for
    /// the objects on it. Junctions load after every object.
    pub fn load_order(&self) -> Vec<&str> {
        let mut order: Vec<&str> = Vec::new();
        let mut pending: Vec<&ObjectMapping> = self.objects.iter().collect();
        while !pending.is_empty() {
            let before = pending.len();
            pending.retain(|object| {
                let ready = object.fields.iter().filter_map(|f| f.reference.as_ref()).all(|r| {
                    r.targets.iter().all(|t| *t == object.name || order.contains(&t.as_str()))
                });
                if ready {
                    order.push(&object.name);
                }
                !ready
            });
            if pending.len() == before {
                order.extend(pending.iter().map(|o| o.name.as_str()));
                break;
            }
        }
        order
    }

    /// The object with this name.
    pub fn object(&self, name: &str) -> Option<&ObjectMapping> {
        self.objects.iter().find(|o| o.name == name)
    }

    /// The junction with this name.
    pub fn junction(&self, name: &str) -> Option<&Junction> {
        self.junctions.iter().find(|j| j.name == name)
    }

    /// The value-map files the scenario reads, as written in it.
    pub fn map_files(&self) -> impl Iterator<Item = &str> {
        self.map_files.iter().map(String::as_str)
    }

    /// Every file the scenario reads, as paths to open: the scenario file,
    /// its destination schema file, its export files, its value-map files
    /// and its cut-over baseline. No output may replace one.
    pub fn inputs(&self) -> Vec<PathBuf> {
        let exports = self.sources().map(|s| s.path.clone());
        let maps = self.map_files().map(|f| self.dir.join(f));
        let baseline =
            self.cutover.iter().filter_map(|c| c.baseline.as_ref()).map(|f| self.dir.join(f));
        let schema = self.destination.iter().filter_map(|d| d.file.clone());
        let files = std::iter::once(self.path.clone()).chain(schema).chain(exports).chain(maps);
        files.chain(baseline).collect()
    }

    /// Every export file the scenario reads, objects first.
    pub fn sources(&self) -> impl Iterator<Item = &Source> {
        self.objects.iter().map(|o| &o.source).chain(self.junctions.iter().map(|j| &j.source))
    }
}

/// The destination export's id column when the scenario does not say.
pub const DEFAULT_ID: &str = "id";
/// The destination export's source-key column when the scenario does not say.
pub const DEFAULT_SOURCE_KEY: &str = "source_key";
/// Modified records above which reconciliation is a project (the practice's 20).
pub const DEFAULT_RECONCILE_LIMIT: u64 = 20;

/// The open pipeline: one object's rows that are not closed, by stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pipeline {
    /// The object (deals, opportunities).
    pub object: String,
    /// Its stage field (destination values, after the stage map).
    pub stage: String,
    /// Its amount field, summed exactly.
    pub amount: Option<String>,
    /// Its close-date field.
    pub close_date: Option<String>,
    /// What makes a row closed.
    pub closed: Closed,
}

/// What makes a pipeline row closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Closed {
    /// Its stage is one of these destination values (compared ignoring case).
    Stages(Vec<String>),
    /// Its stage's destination value contains "closed" (`closedwon`, `Closed Lost`).
    StageSaysClosed,
    /// This boolean field is true.
    Flag(String),
}

/// Where migration day's files are and how the destination's exports name things.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationDay {
    /// The baseline file, relative to the scenario folder.
    pub baseline: Option<String>,
    /// The destination's export after the load (folder).
    pub export: Option<String>,
    /// The destination loader's result files (folder).
    pub import_results: Option<String>,
    /// The destination's export at the load's end (folder), for reconcile.
    pub before: Option<String>,
    /// The destination's export at the rollback (folder), for reconcile.
    pub after: Option<String>,
    /// The destination's own id column in every export file.
    pub id: String,
    /// The column holding the source key (an external-id field).
    pub source_key: String,
    /// Modified records above which reconciliation is a project.
    pub reconcile_limit: u64,
}

impl Default for MigrationDay {
    fn default() -> Self {
        MigrationDay {
            baseline: None,
            export: None,
            import_results: None,
            before: None,
            after: None,
            id: DEFAULT_ID.to_string(),
            source_key: DEFAULT_SOURCE_KEY.to_string(),
            reconcile_limit: DEFAULT_RECONCILE_LIMIT,
        }
    }
}

/// Something that points at the source CRM (a form, a sync, a dialler) and
/// must be re-enabled there on rollback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Integration {
    /// Its name.
    pub name: String,
    /// What it points at in the source (an object, an endpoint).
    pub points_at: Option<String>,
    /// Who re-enables it.
    pub owner: Option<String>,
}
