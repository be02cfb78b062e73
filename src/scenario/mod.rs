//! The scenario file: which export files feed which destination objects,
//! how each column maps to a field, the value maps, the rollback triggers
//! and what the team expects. Parsed from TOML, then validated so every
//! mistake names its line and column in `scenario.toml`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

pub mod destination;
mod references;
mod thresholds;

pub use references::{RefColumn, ref_columns};
pub use thresholds::{Threshold, Thresholds};

use crate::error::{Error, Location, Result};
use crate::facts::Verdict;
use destination::Destination;

/// The decimal formats a scenario may declare, by example (`format = "1.234,56"`).
pub const DECIMAL_FORMATS: [&str; 4] = ["1234.56", "1,234.56", "1234,56", "1.234,56"];

/// The file name looked for when a folder is given.
pub const SCENARIO_FILE: &str = "scenario.toml";

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
    /// Value-map files, as written in the scenario.
    map_files: Vec<String>,
}

/// One export file and how to read it.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as written in the scenario (`data/Contact.csv`): used in reports.
    pub file: String,
    /// The path to open (scenario folder joined with `file`).
    pub path: PathBuf,
    /// Declared encoding label (`windows-1252`), or `None` for automatic.
    pub encoding: Option<&'static encoding_rs::Encoding>,
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
    /// A phone number, kept as written.
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
    folded: IndexMap<String, String>,
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
    pub thresholds: Vec<Thresholds>,
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

// ---- raw TOML shapes -------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    scenario: RawHeader,
    #[serde(default, rename = "object")]
    objects: Vec<RawObject>,
    #[serde(default, rename = "junction")]
    junctions: Vec<RawJunction>,
    #[serde(default)]
    maps: IndexMap<String, RawValueMap>,
    #[serde(default)]
    triggers: IndexMap<Spanned<String>, toml::Value>,
    expect: Option<RawExpect>,
    destination: Option<RawDestination>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDestination {
    /// `hubspot`, `salesforce`, or a schema file relative to the scenario.
    schema: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    name: Spanned<String>,
    description: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawObject {
    name: Spanned<String>,
    file: Spanned<String>,
    encoding: Option<Spanned<String>>,
    delimiter: Option<Spanned<String>>,
    key: Spanned<String>,
    ids: Option<Spanned<String>>,
    #[serde(default)]
    fields: IndexMap<Spanned<String>, RawField>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawField {
    /// A column name, or a list of columns to join.
    from: Spanned<toml::Value>,
    join: Option<String>,
    part: Option<Spanned<String>>,
    max_length: Option<usize>,
    #[serde(rename = "type", default)]
    kind: FieldType,
    #[serde(default)]
    required: bool,
    #[serde(default)]
    critical: bool,
    default: Option<Spanned<String>>,
    map: Option<Spanned<String>>,
    /// An object name, or a list of them for a polymorphic id.
    #[serde(rename = "ref")]
    reference: Option<Spanned<toml::Value>>,
    by: Option<Spanned<String>>,
    format: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawJunction {
    name: Spanned<String>,
    file: Spanned<String>,
    encoding: Option<Spanned<String>>,
    delimiter: Option<Spanned<String>>,
    key: Option<Spanned<String>>,
    left: RawEnd,
    right: RawEnd,
    /// A column name, or `{ column = "IsDirect", per = "right" }`.
    primary: Option<Spanned<toml::Value>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEnd {
    from: Spanned<String>,
    #[serde(rename = "ref")]
    target: Spanned<String>,
    by: Option<Spanned<String>>,
    split: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawValueMap {
    #[serde(default)]
    strict: bool,
    #[serde(default)]
    values: IndexMap<String, String>,
    file: Option<Spanned<String>>,
    #[serde(default)]
    ignore_case: bool,
    unmapped: Option<Spanned<String>>,
    default: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExpect {
    verdict: Verdict,
    triggers: Option<Vec<Spanned<String>>>,
}

// ---- loading -----------------------------------------------------------------

/// Turns byte offsets of the scenario text into `file:line:column`.
struct Positions<'a> {
    path: &'a Path,
    text: &'a str,
}

impl Positions<'_> {
    fn at(&self, offset: usize) -> Location {
        let mut end = offset.min(self.text.len());
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let before = &self.text[..end];
        let line = before.matches('\n').count() as u64 + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() as u64 + 1;
        Location::at(self.path, line, column)
    }

    fn of<T>(&self, spanned: &Spanned<T>) -> Location {
        self.at(spanned.span().start)
    }

    fn error<T>(&self, spanned: &Spanned<T>, message: impl Into<String>) -> Error {
        Error::Scenario { location: self.of(spanned), message: message.into() }
    }
}

impl Scenario {
    /// Reads and validates a scenario from a `scenario.toml` path or a folder
    /// that contains one.
    pub fn load(path: &Path) -> Result<Scenario> {
        let file = if path.is_dir() { path.join(SCENARIO_FILE) } else { path.to_path_buf() };
        if !file.is_file() {
            return Err(Error::NoScenario(path.to_path_buf()));
        }
        let text = std::fs::read_to_string(&file)
            .map_err(|source| Error::Read { location: Location::file(&file), source })?;
        let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
        Scenario::parse(&text, &file, &dir)
    }

    /// Parses scenario text; `path` is used in messages, `dir` to find data files.
    pub fn parse(text: &str, path: &Path, dir: &Path) -> Result<Scenario> {
        let pos = Positions { path, text };
        let raw: RawScenario = toml::from_str(text).map_err(|e| Error::Scenario {
            location: e.span().map_or_else(|| Location::file(path), |s| pos.at(s.start)),
            message: e.message().trim_end().to_string(),
        })?;
        let mut scenario = build(raw, &pos, dir)?;
        let mut thresholds = thresholds::read(&pos)?;
        for settings in &mut scenario.triggers {
            settings.thresholds = thresholds.shift_remove(&settings.id).unwrap_or_default();
        }
        Ok(scenario)
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

    /// Every export file the scenario reads, objects first.
    pub fn sources(&self) -> impl Iterator<Item = &Source> {
        self.objects.iter().map(|o| &o.source).chain(self.junctions.iter().map(|j| &j.source))
    }
}

fn build(raw: RawScenario, pos: &Positions<'_>, dir: &Path) -> Result<Scenario> {
    if raw.scenario.name.get_ref().trim().is_empty() {
        return Err(pos.error(&raw.scenario.name, "scenario name is blank"));
    }
    if raw.objects.is_empty() {
        return Err(Error::Scenario {
            location: Location::file(pos.path),
            message: "no [[object]] defined; map at least one export file".into(),
        });
    }

    // Names first, so references can be checked against all of them.
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let names = raw.objects.iter().map(|o| &o.name).chain(raw.junctions.iter().map(|j| &j.name));
    for name in names {
        check_identifier(pos, name, "object or junction")?;
        // SQLite table names are case-insensitive.
        if !taken.insert(name.get_ref().to_lowercase()) {
            return Err(pos.error(name, format!("`{}` is defined twice", name.get_ref())));
        }
    }
    let object_names: Vec<String> = raw.objects.iter().map(|o| o.name.get_ref().clone()).collect();
    let check_ref = |target: &Spanned<String>| -> Result<String> {
        if object_names.contains(target.get_ref()) {
            Ok(target.get_ref().clone())
        } else {
            Err(pos.error(
                target,
                format!(
                    "unknown object `{}` in ref{}; objects: {}",
                    target.get_ref(),
                    did_you_mean(target.get_ref(), object_names.iter().map(String::as_str)),
                    object_names.join(", ")
                ),
            ))
        }
    };

    let mut objects = Vec::with_capacity(raw.objects.len());
    for o in raw.objects {
        let mut fields = Vec::with_capacity(o.fields.len());
        let mut field_names = BTreeSet::new();
        for (name, f) in o.fields {
            check_identifier(pos, &name, "field")?;
            if !field_names.insert(name.get_ref().to_lowercase()) {
                return Err(
                    pos.error(&name, format!("field `{}` is defined twice", name.get_ref()))
                );
            }
            let map = match &f.map {
                Some(m) if !raw.maps.contains_key(m.get_ref()) => {
                    let known: Vec<&str> = raw.maps.keys().map(String::as_str).collect();
                    return Err(pos.error(
                        m,
                        format!(
                            "unknown value map `{}`{}; define it as [maps.{}]",
                            m.get_ref(),
                            did_you_mean(m.get_ref(), known.iter().copied()),
                            m.get_ref()
                        ),
                    ));
                }
                Some(m) => Some(m.get_ref().clone()),
                None => None,
            };
            let reference = match &f.reference {
                None => {
                    if let Some(by) = &f.by {
                        return Err(pos.error(by, "`by` needs a `ref`"));
                    }
                    None
                }
                Some(value) => {
                    let names: Vec<Spanned<String>> = match value.get_ref() {
                        toml::Value::String(name) => vec![Spanned::new(value.span(), name.clone())],
                        toml::Value::Array(items) => items
                            .iter()
                            .map(|item| match item {
                                toml::Value::String(name) => {
                                    Ok(Spanned::new(value.span(), name.clone()))
                                }
                                _ => Err(pos.error(value, "`ref` lists object names as strings")),
                            })
                            .collect::<Result<_>>()?,
                        _ => {
                            return Err(pos.error(
                                value,
                                "`ref` is an object name, or a list of names for a polymorphic id",
                            ));
                        }
                    };
                    if names.is_empty() {
                        return Err(pos.error(value, "`ref` lists no object"));
                    }
                    if names.len() > 1 && f.by.is_some() {
                        return Err(
                            pos.error(value, "`by` works with one `ref` object, not a list")
                        );
                    }
                    let targets = names.iter().map(&check_ref).collect::<Result<Vec<_>>>()?;
                    Some(Reference { targets, by: f.by.as_ref().map(|b| b.get_ref().clone()) })
                }
            };
            if let Some(format) = &f.format {
                check_format(pos, f.kind, format)?;
            }

            let mut columns = from_columns(pos, &f.from)?;
            let first = columns.remove(0);
            let part = match &f.part {
                None => None,
                Some(p) => match p.get_ref().as_str() {
                    "first" => Some(NamePart::First),
                    "last" => Some(NamePart::Last),
                    _ => return Err(pos.error(p, "`part` is \"first\" or \"last\"")),
                },
            };
            fields.push(Field {
                name: name.into_inner(),
                from: first,
                also: columns,
                join: f.join.unwrap_or_else(|| " ".to_string()),
                part,
                max_length: f.max_length,
                kind: f.kind,
                required: f.required,
                critical: f.critical,
                default: f.default.as_ref().map(|d| (d.get_ref().clone(), pos.of(d))),
                map,
                reference,
                format: f.format.map(Spanned::into_inner),
            });
        }
        objects.push(ObjectMapping {
            source: source(
                pos,
                dir,
                RawSourceFields { file: o.file, encoding: o.encoding, delimiter: o.delimiter },
            )?,
            key: column(pos, &o.key),
            salesforce_ids: match &o.ids {
                None => false,
                Some(ids) => match ids.get_ref().as_str() {
                    "salesforce" => true,
                    "plain" => false,
                    _ => return Err(pos.error(ids, "`ids` is \"salesforce\" or \"plain\"")),
                },
            },
            name: o.name.into_inner(),
            fields,
        });
    }

    let mut junctions = Vec::with_capacity(raw.junctions.len());
    for j in raw.junctions {
        let left = end(pos, &j.left, &check_ref)?;
        let right = end(pos, &j.right, &check_ref)?;
        if let (Some(key), true) = (&j.key, left.split.is_some() || right.split.is_some()) {
            return Err(pos.error(
                key,
                "a junction whose end is split has several links per row, so no `key`; remove it",
            ));
        }
        junctions.push(Junction {
            source: source(
                pos,
                dir,
                RawSourceFields { file: j.file, encoding: j.encoding, delimiter: j.delimiter },
            )?,
            key: j.key.as_ref().map(|k| column(pos, k)),
            primary: j.primary.as_ref().map(|p| primary(pos, p)).transpose()?,
            name: j.name.into_inner(),
            left,
            right,
        });
    }

    check_by(&objects, &junctions)?;
    let destination = match &raw.destination {
        None => None,
        Some(d) => Some(destination(pos, dir, &d.schema, &objects)?),
    };

    let mut maps = IndexMap::with_capacity(raw.maps.len());
    let map_files =
        raw.maps.values().filter_map(|m| m.file.as_ref().map(|f| f.get_ref().clone())).collect();
    for (name, m) in raw.maps {
        maps.insert(name.clone(), value_map(pos, dir, &name, m)?);
    }

    let triggers = raw
        .triggers
        .into_iter()
        .map(|(id, value)| TriggerSettings {
            at: pos.of(&id),
            id: id.into_inner(),
            value,
            thresholds: Vec::new(),
        })
        .collect();

    Ok(Scenario {
        name: raw.scenario.name.into_inner(),
        description: raw.scenario.description,
        dir: dir.to_path_buf(),
        path: pos.path.to_path_buf(),
        objects,
        junctions,
        maps,
        triggers,
        destination,
        map_files,
        expect: raw.expect.map(|e| Expectation {
            verdict: e.verdict,
            trigger_locations: e.triggers.iter().flatten().map(|t| pos.of(t)).collect(),
            triggers: e.triggers.map(|t| t.into_iter().map(Spanned::into_inner).collect()),
        }),
    })
}

fn column(pos: &Positions<'_>, name: &Spanned<String>) -> Column {
    Column { name: name.get_ref().trim().to_string(), at: pos.of(name) }
}

/// `file`, `encoding` and `delimiter` as written on an object or junction.
/// (Listed on each owner: `#[serde(flatten)]` would lose the spans and
/// `deny_unknown_fields`.)
struct RawSourceFields {
    file: Spanned<String>,
    encoding: Option<Spanned<String>>,
    delimiter: Option<Spanned<String>>,
}

fn source(pos: &Positions<'_>, dir: &Path, raw: RawSourceFields) -> Result<Source> {
    let encoding = match &raw.encoding {
        None => None,
        Some(label) if label.get_ref().eq_ignore_ascii_case("auto") => None,
        Some(label) => {
            Some(encoding_rs::Encoding::for_label(label.get_ref().trim().as_bytes()).ok_or_else(
                || {
                    pos.error(
                        label,
                        format!(
                            "unknown encoding `{}` (try utf-8, windows-1252, iso-8859-1, utf-16le)",
                            label.get_ref()
                        ),
                    )
                },
            )?)
        }
    };
    let delimiter = match &raw.delimiter {
        None => None,
        Some(d) => match d.get_ref().as_str() {
            "auto" => None,
            "\t" | "tab" => Some(b'\t'),
            s if s.len() == 1 && s.is_ascii() && !s.contains(['"', '\r', '\n']) => {
                Some(s.as_bytes()[0])
            }
            _ => {
                return Err(pos.error(
                    d,
                    "delimiter must be \"auto\" or one ASCII character: \",\", \";\", \"|\" or \"tab\"",
                ));
            }
        },
    };
    Ok(Source {
        path: dir.join(raw.file.get_ref()),
        declared_at: pos.of(&raw.file),
        file: raw.file.into_inner(),
        encoding,
        delimiter,
    })
}

fn end(
    pos: &Positions<'_>,
    raw: &RawEnd,
    check_ref: &impl Fn(&Spanned<String>) -> Result<String>,
) -> Result<End> {
    let split = match &raw.split {
        None => None,
        Some(s) => {
            let mut chars = s.get_ref().chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Some(c),
                _ => return Err(pos.error(s, "`split` is one character, e.g. \";\"")),
            }
        }
    };
    Ok(End {
        from: column(pos, &raw.from),
        target: check_ref(&raw.target)?,
        by: raw.by.as_ref().map(|b| b.get_ref().clone()),
        split,
    })
}

fn primary(pos: &Positions<'_>, value: &Spanned<toml::Value>) -> Result<Primary> {
    let bad = || {
        pos.error(
            value,
            "`primary` is a column name, or { column = \"IsDirect\", per = \"right\" }",
        )
    };
    let at = pos.of(value);
    match value.get_ref() {
        toml::Value::String(name) => {
            Ok(Primary { column: Column { name: name.trim().to_string(), at }, per: Side::Left })
        }
        toml::Value::Table(table) => {
            if table.keys().any(|k| k != "column" && k != "per") {
                return Err(bad());
            }
            let name = table.get("column").and_then(toml::Value::as_str).ok_or_else(bad)?;
            let per = match table.get("per").map(|p| p.as_str()) {
                None | Some(Some("left")) => Side::Left,
                Some(Some("right")) => Side::Right,
                Some(_) => return Err(bad()),
            };
            Ok(Primary { column: Column { name: name.trim().to_string(), at }, per })
        }
        _ => Err(bad()),
    }
}

/// `by` must name a field of the referenced object.
fn check_by(objects: &[ObjectMapping], junctions: &[Junction]) -> Result<()> {
    let refs = objects
        .iter()
        .flat_map(|o| o.fields.iter())
        .filter_map(|f| {
            let r = f.reference.as_ref()?;
            Some((r.targets.first()?, r.by.as_ref()?, &f.from.at))
        })
        .chain(
            junctions
                .iter()
                .flat_map(|j| [&j.left, &j.right])
                .filter_map(|e| Some((&e.target, e.by.as_ref()?, &e.from.at))),
        );
    for (target, by, at) in refs {
        let Some(object) = objects.iter().find(|o| &o.name == target) else {
            continue;
        };
        if !object.fields.iter().any(|f| &f.name == by) {
            let names: Vec<&str> = object.fields.iter().map(|f| f.name.as_str()).collect();
            return Err(Error::Scenario {
                location: at.clone(),
                message: format!(
                    "`by = \"{by}\"`: object `{target}` has no field `{by}`{}; fields: {}",
                    did_you_mean(by, names.iter().copied()),
                    names.join(", ")
                ),
            });
        }
    }
    Ok(())
}

/// Loads the destination schema and checks the mapping against it: every
/// object exists there, every mapped field exists, every required field is
/// mapped.
fn destination(
    pos: &Positions<'_>,
    dir: &Path,
    schema: &Spanned<String>,
    objects: &[ObjectMapping],
) -> Result<Destination> {
    let name = schema.get_ref();
    let text = match Destination::builtin(name) {
        Some(text) => text.to_string(),
        None => std::fs::read_to_string(dir.join(name)).map_err(|e| {
            let shipped: Vec<&str> =
                crate::scenario::destination::BUILTIN.iter().map(|(n, _)| *n).collect();
            pos.error(
                schema,
                format!(
                    "destination schema `{name}`: {e}; shipped schemas: {}",
                    shipped.join(", ")
                ),
            )
        })?,
    };
    let destination = Destination::parse(name, &text, &pos.of(schema))?;
    for object in objects {
        let Some(fields) = destination.object(&object.name) else {
            let names: Vec<&str> = destination.object_names().collect();
            return Err(Error::Scenario {
                location: object.key.at.clone(),
                message: format!(
                    "destination `{name}` has no object `{}`{}; its objects: {}",
                    object.name,
                    did_you_mean(&object.name, names.iter().copied()),
                    names.join(", ")
                ),
            });
        };
        for field in &object.fields {
            if !fields.contains_key(&field.name) {
                let names: Vec<&str> = fields.keys().map(String::as_str).collect();
                return Err(Error::Scenario {
                    location: field.from.at.clone(),
                    message: format!(
                        "destination `{name}` has no field `{}` on `{}`{}",
                        field.name,
                        object.name,
                        did_you_mean(&field.name, names.iter().copied())
                    ),
                });
            }
        }
        for (field, rule) in fields {
            if rule.required && !object.fields.iter().any(|f| &f.name == field) {
                return Err(Error::Scenario {
                    location: object.key.at.clone(),
                    message: format!(
                        "destination `{name}` requires `{}.{field}`, which no field maps; map it or give it a `default`",
                        object.name
                    ),
                });
            }
        }
    }
    Ok(destination)
}

/// `from = "Column"` or `from = ["FirstName", "LastName"]`.
fn from_columns(pos: &Positions<'_>, value: &Spanned<toml::Value>) -> Result<Vec<Column>> {
    let at = pos.of(value);
    let names: Vec<&str> = match value.get_ref() {
        toml::Value::String(name) => vec![name.as_str()],
        toml::Value::Array(items) => items.iter().filter_map(toml::Value::as_str).collect(),
        _ => Vec::new(),
    };
    let listed = matches!(value.get_ref(), toml::Value::Array(items) if items.len() == names.len());
    if names.is_empty() || !(listed || matches!(value.get_ref(), toml::Value::String(_))) {
        return Err(pos.error(value, "`from` is a column name, or a list of column names to join"));
    }
    Ok(names.into_iter().map(|n| Column { name: n.trim().to_string(), at: at.clone() }).collect())
}

/// A value map: inline `values`, plus a two-column CSV `file` (source value,
/// destination value; a header row first).
fn value_map(pos: &Positions<'_>, dir: &Path, name: &str, raw: RawValueMap) -> Result<ValueMap> {
    let mut values = raw.values;
    if let Some(file) = &raw.file {
        let path = dir.join(file.get_ref());
        let location = |line: Option<u64>| Location { line, ..Location::file(&path) };
        let mut reader =
            csv::ReaderBuilder::new().flexible(true).from_path(&path).map_err(|e| {
                Error::Scenario {
                    location: pos.of(file),
                    message: format!("map file {}: {e}", path.display()),
                }
            })?;
        for record in reader.records() {
            let record = record.map_err(|e| Error::Csv {
                location: location(e.position().map(csv::Position::line)),
                message: e.to_string(),
            })?;
            let line = record.position().map(csv::Position::line);
            match (record.get(0), record.get(1), record.len()) {
                (Some(from), Some(to), 2) => {
                    // Inline entries win over the file's.
                    values.entry(from.trim().to_string()).or_insert_with(|| to.trim().to_string());
                }
                _ => {
                    return Err(Error::Csv {
                        location: location(line),
                        message: format!(
                            "a map file has two columns (source value, destination value); this row has {}",
                            record.len()
                        ),
                    });
                }
            }
        }
    }
    let unmapped = match raw.unmapped.as_ref().map(|u| (u, u.get_ref().as_str())) {
        None | Some((_, "keep")) => UnmappedPolicy::Keep,
        Some((_, "reject")) => UnmappedPolicy::Reject,
        Some((u, "default")) => UnmappedPolicy::Default(raw.default.clone().ok_or_else(|| {
            pos.error(u, format!("maps.{name}: `unmapped = \"default\"` needs `default = \"…\"`"))
        })?),
        Some((u, _)) => {
            return Err(pos.error(u, "`unmapped` is \"keep\", \"reject\" or \"default\""));
        }
    };
    let mut folded = IndexMap::new();
    if raw.ignore_case {
        for (from, to) in &values {
            if let Some(previous) = folded.insert(from.to_lowercase(), to.clone())
                && previous != *to
            {
                return Err(Error::Scenario {
                    location: Location::file(pos.path),
                    message: format!(
                        "maps.{name}: `{from}` and another entry differ only in case but map to different values; with ignore_case they collide"
                    ),
                });
            }
        }
    }
    Ok(ValueMap { strict: raw.strict, values, ignore_case: raw.ignore_case, unmapped, folded })
}

/// `format` is a chrono pattern for dates, an example number for decimals.
fn check_format(pos: &Positions<'_>, kind: FieldType, format: &Spanned<String>) -> Result<()> {
    match kind {
        FieldType::Date | FieldType::Datetime => Ok(()),
        FieldType::Decimal if DECIMAL_FORMATS.contains(&format.get_ref().as_str()) => Ok(()),
        FieldType::Decimal => Err(pos.error(
            format,
            format!(
                "decimal format `{}` is not one of {}",
                format.get_ref(),
                DECIMAL_FORMATS.join(", ")
            ),
        )),
        _ => Err(pos.error(format, "`format` applies only to date, datetime and decimal fields")),
    }
}

/// Names become SQLite identifiers (always quoted); names beginning with `_`
/// are reserved for the shadow's own tables and columns.
fn check_identifier(pos: &Positions<'_>, name: &Spanned<String>, what: &str) -> Result<()> {
    let n = name.get_ref();
    if n.trim().is_empty() {
        return Err(pos.error(name, format!("{what} name is blank")));
    }
    if n.starts_with('_') {
        return Err(pos.error(
            name,
            format!(
                "{what} name `{n}` starts with `_`, which is reserved for the shadow's own tables"
            ),
        ));
    }
    if n.to_ascii_lowercase().starts_with("sqlite_") {
        return Err(pos.error(
            name,
            format!("{what} name `{n}` starts with `sqlite_`, which SQLite reserves"),
        ));
    }
    if what != "field" && n.contains('.') {
        return Err(pos.error(
            name,
            format!("{what} name `{n}` contains `.`, which separates object and field in `via`"),
        ));
    }
    if n.chars().any(char::is_control) {
        return Err(pos.error(name, format!("{what} name {n:?} contains control characters")));
    }
    Ok(())
}

/// `; did you mean `x`?` when one candidate is close enough, else nothing.
pub fn did_you_mean<'a>(wanted: &str, candidates: impl Iterator<Item = &'a str>) -> String {
    closest(wanted, candidates).map(|c| format!("; did you mean `{c}`?")).unwrap_or_default()
}

/// The candidate closest to `wanted`, if it is plausibly a typo of it.
pub fn closest<'a>(wanted: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let wanted_lower = wanted.to_lowercase();
    candidates
        .map(|c| (strsim::jaro_winkler(&wanted_lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Scenario> {
        Scenario::parse(text, Path::new("s/scenario.toml"), Path::new("s"))
    }

    const MINIMAL: &str = r#"
[scenario]
name = "t"

[[object]]
name = "contacts"
file = "data/Contact.csv"
key = "Id"
fields.email = { from = "Email", type = "email", critical = true }
fields.company = { from = "AccountId", ref = "companies" }

[[object]]
name = "companies"
file = "data/Account.csv"
key = "Id"
fields.name = { from = "Name", required = true }
"#;

    #[test]
    fn minimal_scenario_keeps_file_order() {
        let s = parse(MINIMAL).unwrap();
        assert_eq!(s.objects.len(), 2);
        let names: Vec<_> = s.objects[0].fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["email", "company"]);
        assert_eq!(
            s.objects[0].fields[1].reference.as_ref().map(|r| r.targets.join(",")).as_deref(),
            Some("companies")
        );
        assert_eq!(s.objects[0].source.path, Path::new("s/data/Contact.csv"));
        assert_eq!(s.objects[0].fields[0].kind, FieldType::Email);
    }

    #[test]
    fn malformed_toml_names_line_and_column() {
        let err = parse("[scenario]\nname = \"t\"\n[[object]\n").unwrap_err().to_string();
        assert!(err.starts_with("s/scenario.toml:3:"), "{err}");
    }

    #[test]
    fn unknown_field_is_rejected_with_position() {
        let text = MINIMAL.replace("required = true", "requird = true");
        let err = parse(&text).unwrap_err().to_string();
        assert!(err.starts_with("s/scenario.toml:16:"), "{err}");
        assert!(err.contains("requird"), "{err}");
    }

    #[test]
    fn unknown_ref_suggests_closest_object() {
        let text = MINIMAL.replace("ref = \"companies\"", "ref = \"companys\"");
        let err = parse(&text).unwrap_err().to_string();
        assert_eq!(
            err,
            "s/scenario.toml:10:46: unknown object `companys` in ref; did you mean `companies`?; objects: contacts, companies"
        );
    }

    #[test]
    fn reserved_and_duplicate_names_are_errors() {
        let err =
            parse(&MINIMAL.replace("name = \"companies\"", "name = \"_rejects\"")).unwrap_err();
        assert!(err.to_string().contains("reserved"), "{err}");
        let err =
            parse(&MINIMAL.replace("name = \"companies\"", "name = \"Contacts\"")).unwrap_err();
        assert!(err.to_string().contains("defined twice"), "{err}");
    }

    #[test]
    fn encoding_and_delimiter_are_validated() {
        let text = MINIMAL.replace(
            "file = \"data/Account.csv\"",
            "file = \"data/Account.csv\"\nencoding = \"latin-9000\"",
        );
        assert!(parse(&text).unwrap_err().to_string().contains("unknown encoding `latin-9000`"));
        let text = MINIMAL.replace(
            "file = \"data/Account.csv\"",
            "file = \"data/Account.csv\"\nencoding = \"windows-1252\"\ndelimiter = \";\"",
        );
        let s = parse(&text).unwrap();
        assert_eq!(s.objects[1].source.encoding, Some(encoding_rs::WINDOWS_1252));
        assert_eq!(s.objects[1].source.delimiter, Some(b';'));
    }

    #[test]
    fn closest_only_suggests_plausible_typos() {
        let headers = ["Id", "FirstName", "LastName", "Email"];
        assert_eq!(closest("Emial", headers.iter().copied()), Some("Email"));
        assert_eq!(closest("email", headers.iter().copied()), Some("Email"));
        assert_eq!(closest("OpportunityId", headers.iter().copied()), None);
    }
}
