//! Validation from the TOML shapes ([`super::raw`]) to the scenario model
//! ([`super::model`]), one section at a time: names, objects and their
//! fields, junctions, the destination schema, value maps, triggers and the
//! expectation. Every mistake becomes a [`ScenarioError`] at its line and
//! column.

use std::collections::BTreeSet;
use std::path::Path;

use indexmap::IndexMap;
use toml::Spanned;

use super::destination::{BUILTIN, Destination};
use super::folder::{Folder, Reach};
use super::positions::{Positions, zone_named};
use super::raw::{
    RawEnd, RawExpect, RawField, RawJunction, RawObject, RawScenario, RawSourceFields, RawValueMap,
};
use super::{
    Column, DECIMAL_FORMATS, End, Expectation, Field, FieldType, Junction, NamePart, ObjectMapping,
    PhoneRegion, Primary, Reference, RegionOrigin, SCENARIO_FILE, Scenario, Side, Source,
    TriggerSettings, UnmappedPolicy, ValueMap, Zone, ZoneOrigin,
};
use crate::error::{Error, Location, Result, ScenarioError, closest};

impl Scenario {
    /// Reads and validates a scenario from a `scenario.toml` path or a folder
    /// that contains one.
    pub fn load(path: &Path) -> Result<Scenario> {
        Scenario::load_with(path, Reach::Folder)
    }

    /// [`Scenario::load`], reading files as far as `reach` allows.
    pub fn load_with(path: &Path, reach: Reach) -> Result<Scenario> {
        let file = if path.is_dir() { path.join(SCENARIO_FILE) } else { path.to_path_buf() };
        match crate::error::check_input(&file) {
            Ok(()) => {}
            Err(crate::error::InputProblem::NotFound) if path.is_dir() || !path.exists() => {
                return Err(Error::NoScenario(path.to_path_buf()));
            }
            Err(problem) => return Err(Error::ScenarioNotAFile { path: file, problem }),
        }
        let bytes = std::fs::read(&file)
            .map_err(|source| Error::Read { location: Location::file(&file), source })?;
        let text = utf8(&bytes, &file)?;
        let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
        Scenario::parse_with(text, &file, &Folder { path: &dir, reach })
    }

    /// Parses scenario text; `path` is used in messages, `dir` to find data
    /// files, which must lie inside it.
    pub fn parse(text: &str, path: &Path, dir: &Path) -> Result<Scenario> {
        Scenario::parse_with(text, path, &Folder { path: dir, reach: Reach::Folder })
    }

    /// Parses scenario text whose files are found in `dir`.
    fn parse_with(text: &str, path: &Path, dir: &Folder<'_>) -> Result<Scenario> {
        let pos = Positions { path, text };
        let raw: RawScenario = toml::from_str(text).map_err(|e| {
            let location = e.span().map_or_else(|| Location::file(path), |s| pos.at(s.start));
            super::thresholds::too_large(&pos, &location).unwrap_or_else(|| {
                ScenarioError::Toml { message: crate::error::toml_message(e.message()) }
                    .at(location)
            })
        })?;
        let mut scenario = build(raw, &pos, dir)?;
        let mut thresholds = super::thresholds::read(&pos);
        for settings in &mut scenario.triggers {
            settings.thresholds = thresholds.shift_remove(&settings.id).unwrap_or_default();
        }
        Ok(scenario)
    }
}

/// The scenario text, or an error at the line and column of the first
/// byte that is not UTF-8.
fn utf8<'a>(bytes: &'a [u8], file: &Path) -> Result<&'a str> {
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        // The valid prefix is UTF-8 by construction.
        let before = std::str::from_utf8(valid).unwrap_or_default();
        let pos = Positions { path: file, text: before };
        let byte = bytes.get(e.valid_up_to()).copied().unwrap_or_default();
        ScenarioError::NotUtf8 { byte }.at(pos.at(before.len()))
    })
}

fn build(raw: RawScenario, pos: &Positions<'_>, dir: &Folder<'_>) -> Result<Scenario> {
    if raw.scenario.name.get_ref().trim().is_empty() {
        return Err(pos.error(&raw.scenario.name, ScenarioError::BlankName { what: "scenario" }));
    }
    if raw.objects.is_empty() {
        return Err(pos.file_error(ScenarioError::NoObjects));
    }
    // Names first, so references can be checked against all of them.
    check_names(pos, &raw)?;
    let known =
        ObjectNames { pos, names: raw.objects.iter().map(|o| o.name.get_ref().clone()).collect() };
    let zone = zone(pos, raw.scenario.timezone.as_ref(), ZoneOrigin::Scenario, Zone::DEFAULT)?;
    let region = super::build_nulls::region(
        pos,
        raw.scenario.phone_region.as_ref(),
        RegionOrigin::Scenario,
        PhoneRegion::DEFAULT,
    )?;
    let null_tokens = super::build_nulls::tokens(pos, raw.scenario.null_tokens.as_ref())?;
    let objects = raw
        .objects
        .into_iter()
        .map(|o| object(pos, dir, &known, &raw.maps, (zone, region), o))
        .collect::<Result<Vec<_>>>()?;
    let junctions = raw
        .junctions
        .into_iter()
        .map(|j| junction(pos, dir, &known, j))
        .collect::<Result<Vec<_>>>()?;
    check_by(&objects, &junctions)?;
    let destination = raw.destination.map(|d| destination(pos, dir, &d, &objects)).transpose()?;
    let map_files =
        raw.maps.values().filter_map(|m| m.file.as_ref().map(|f| f.get_ref().clone())).collect();
    let maps = value_maps(pos, dir, raw.maps)?;
    let names: Vec<String> = objects
        .iter()
        .map(|o| o.name.clone())
        .chain(junctions.iter().map(|j| j.name.clone()))
        .collect();
    let cutover =
        raw.cutover.map(|c| super::cutover::build(pos, dir, c, &names, zone.tz)).transpose()?;
    let pipeline = super::migration_day::pipeline(pos, raw.pipeline, &objects)?;
    let migration_day = super::migration_day::migration_day(pos, dir, raw.migration_day)?;
    let integrations = super::migration_day::integrations(pos, raw.integrations)?;
    Ok(Scenario {
        name: raw.scenario.name.into_inner(),
        description: raw.scenario.description,
        dir: dir.path.to_path_buf(),
        path: pos.path.to_path_buf(),
        objects,
        junctions,
        maps,
        triggers: triggers(pos, raw.triggers),
        destination,
        null_tokens,
        map_files,
        cutover,
        pipeline,
        migration_day,
        integrations,
        expect: raw.expect.map(|e| expectation(pos, e)),
    })
}

/// Object and junction names are identifiers, unique ignoring case (SQLite
/// table names are case-insensitive).
fn check_names(pos: &Positions<'_>, raw: &RawScenario) -> Result<()> {
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let names = raw.objects.iter().map(|o| &o.name).chain(raw.junctions.iter().map(|j| &j.name));
    for name in names {
        check_identifier(pos, name, "object or junction")?;
        if !taken.insert(name.get_ref().to_lowercase()) {
            return Err(
                pos.error(name, ScenarioError::DuplicateObject { name: name.get_ref().clone() })
            );
        }
    }
    Ok(())
}

/// The objects of the scenario, which every `ref` must name.
struct ObjectNames<'a> {
    pos: &'a Positions<'a>,
    names: Vec<String>,
}

impl ObjectNames<'_> {
    /// The object `target` names, or an error with the closest name.
    fn resolve(&self, target: &Spanned<String>) -> Result<String> {
        let name = target.get_ref();
        if self.names.contains(name) {
            return Ok(name.clone());
        }
        Err(self.pos.error(
            target,
            ScenarioError::UnknownObject {
                name: name.clone(),
                suggestion: closest(name, self.names.iter().map(String::as_str))
                    .map(str::to_string),
                known: self.names.clone(),
            },
        ))
    }
}

/// The most fields an object may map: SQLite's default column limit (2000),
/// less the shadow's `_line` and `_key` columns.
const MAX_FIELDS: usize = 2000 - 2;

fn object(
    pos: &Positions<'_>,
    dir: &Folder<'_>,
    known: &ObjectNames<'_>,
    maps: &IndexMap<String, RawValueMap>,
    (zone_of_scenario, region_of_scenario): (Zone, PhoneRegion),
    raw: RawObject,
) -> Result<ObjectMapping> {
    let zone_of_object = zone(pos, raw.timezone.as_ref(), ZoneOrigin::Object, zone_of_scenario)?;
    let region_of_object = super::build_nulls::region(
        pos,
        raw.phone_region.as_ref(),
        RegionOrigin::Object,
        region_of_scenario,
    )?;
    let mut fields = Vec::with_capacity(raw.fields.len());
    let mut field_names = BTreeSet::new();
    let count = raw.fields.len();
    for (i, (name, f)) in raw.fields.into_iter().enumerate() {
        if i == MAX_FIELDS {
            let object = raw.name.get_ref().clone();
            let error = ScenarioError::TooManyFields { object, fields: count, max: MAX_FIELDS };
            return Err(pos.error(&name, error));
        }
        check_identifier(pos, &name, "field")?;
        if !field_names.insert(name.get_ref().to_lowercase()) {
            return Err(
                pos.error(&name, ScenarioError::DuplicateField { name: name.get_ref().clone() })
            );
        }
        fields.push(field(pos, known, maps, (zone_of_object, region_of_object), name, f)?);
    }
    Ok(ObjectMapping {
        source: source(
            pos,
            dir,
            RawSourceFields {
                file: raw.file,
                encoding: raw.encoding,
                bom: raw.bom,
                delimiter: raw.delimiter,
            },
        )?,
        key: column(pos, &raw.key),
        salesforce_ids: match &raw.ids {
            None => false,
            Some(ids) => match ids.get_ref().as_str() {
                "salesforce" => true,
                "plain" => false,
                _ => return Err(pos.error(ids, one_of("ids", &["salesforce", "plain"]))),
            },
        },
        name: raw.name.into_inner(),
        fields,
    })
}

fn field(
    pos: &Positions<'_>,
    known: &ObjectNames<'_>,
    maps: &IndexMap<String, RawValueMap>,
    (zone_of_object, region_of_object): (Zone, PhoneRegion),
    name: Spanned<String>,
    raw: RawField,
) -> Result<Field> {
    let zone = zone(pos, raw.timezone.as_ref(), ZoneOrigin::Field, zone_of_object)?;
    let region = super::build_nulls::region(
        pos,
        raw.phone_region.as_ref(),
        RegionOrigin::Field,
        region_of_object,
    )?;
    let map = match &raw.map {
        Some(m) if !maps.contains_key(m.get_ref()) => {
            let suggestion = closest(m.get_ref(), maps.keys().map(String::as_str));
            return Err(pos.error(
                m,
                ScenarioError::UnknownMap {
                    name: m.get_ref().clone(),
                    suggestion: suggestion.map(str::to_string),
                },
            ));
        }
        Some(m) => Some(m.get_ref().clone()),
        None => None,
    };
    let reference = reference(pos, known, &raw)?;
    if let Some(format) = &raw.format {
        check_format(pos, raw.kind, format)?;
    }
    let mut columns = from_columns(pos, &raw.from)?;
    let first = columns.remove(0);
    let part = match &raw.part {
        None => None,
        Some(p) => match p.get_ref().as_str() {
            "first" => Some(NamePart::First),
            "last" => Some(NamePart::Last),
            _ => return Err(pos.error(p, one_of("part", &["first", "last"]))),
        },
    };
    Ok(Field {
        name: name.into_inner(),
        from: first,
        also: columns,
        join: raw.join.unwrap_or_else(|| " ".to_string()),
        part,
        max_length: raw.max_length,
        kind: raw.kind,
        required: raw.required,
        critical: raw.critical,
        default: raw.default.as_ref().map(|d| (d.get_ref().clone(), pos.of(d))),
        map,
        reference,
        format: raw.format.map(Spanned::into_inner),
        zone,
        region,
    })
}

/// The zone a `timezone` setting names (an IANA name such as
/// `Europe/Berlin`), or `inherited` when there is none.
fn zone(
    pos: &Positions<'_>,
    written: Option<&Spanned<String>>,
    from: ZoneOrigin,
    inherited: Zone,
) -> Result<Zone> {
    let Some(name) = written else { return Ok(inherited) };
    Ok(Zone { tz: zone_named(pos, name)?, from })
}

/// `ref = "object"` or `ref = ["contacts", "leads"]`, and `by`.
fn reference(
    pos: &Positions<'_>,
    known: &ObjectNames<'_>,
    raw: &RawField,
) -> Result<Option<Reference>> {
    let Some(value) = &raw.reference else {
        if let Some(by) = &raw.by {
            return Err(pos.error(by, ScenarioError::ByWithoutRef));
        }
        return Ok(None);
    };
    let names: Vec<Spanned<String>> = match value.get_ref() {
        toml::Value::String(name) => vec![Spanned::new(value.span(), name.clone())],
        toml::Value::Array(items) => items
            .iter()
            .map(|item| match item {
                toml::Value::String(name) => Ok(Spanned::new(value.span(), name.clone())),
                _ => Err(pos.error(value, ScenarioError::RefNotStrings)),
            })
            .collect::<Result<_>>()?,
        _ => return Err(pos.error(value, ScenarioError::RefShape)),
    };
    if names.is_empty() {
        return Err(pos.error(value, ScenarioError::RefEmpty));
    }
    if names.len() > 1 && raw.by.is_some() {
        return Err(pos.error(value, ScenarioError::ByWithSeveralRefs));
    }
    let targets = names.iter().map(|n| known.resolve(n)).collect::<Result<Vec<_>>>()?;
    Ok(Some(Reference { targets, by: raw.by.as_ref().map(|b| b.get_ref().clone()) }))
}

fn junction(
    pos: &Positions<'_>,
    dir: &Folder<'_>,
    known: &ObjectNames<'_>,
    raw: RawJunction,
) -> Result<Junction> {
    let left = end(pos, &raw.left, known)?;
    let right = end(pos, &raw.right, known)?;
    if let (Some(key), true) = (&raw.key, left.split.is_some() || right.split.is_some()) {
        return Err(pos.error(key, ScenarioError::SplitJunctionKey));
    }
    Ok(Junction {
        source: source(
            pos,
            dir,
            RawSourceFields {
                file: raw.file,
                encoding: raw.encoding,
                bom: raw.bom,
                delimiter: raw.delimiter,
            },
        )?,
        key: raw.key.as_ref().map(|k| column(pos, k)),
        primary: raw.primary.as_ref().map(|p| primary(pos, p)).transpose()?,
        name: raw.name.into_inner(),
        left,
        right,
    })
}

fn column(pos: &Positions<'_>, name: &Spanned<String>) -> Column {
    Column { name: name.get_ref().trim().to_string(), at: pos.of(name) }
}

fn source(pos: &Positions<'_>, dir: &Folder<'_>, raw: RawSourceFields) -> Result<Source> {
    let charset = match &raw.encoding {
        None => None,
        Some(label) if label.get_ref().eq_ignore_ascii_case("auto") => None,
        Some(label) => {
            Some(crate::facts::Charset::for_label(label.get_ref()).ok_or_else(|| {
                pos.error(label, ScenarioError::UnknownEncoding { label: label.get_ref().clone() })
            })?)
        }
    };
    let over_bom = match &raw.bom {
        None => false,
        Some(bom) => match bom.get_ref().as_str() {
            "auto" => false,
            "ignore" if charset.is_none() => {
                return Err(pos.error(bom, ScenarioError::BomWithoutEncoding));
            }
            "ignore" => true,
            _ => return Err(pos.error(bom, one_of("bom", &["auto", "ignore"]))),
        },
    };
    let encoding = charset.map(|charset| crate::facts::Declared { charset, over_bom });
    let delimiter = match &raw.delimiter {
        None => None,
        Some(d) => match d.get_ref().as_str() {
            "auto" => None,
            "\t" | "tab" => Some(b'\t'),
            s if s.len() == 1 && s.is_ascii() && !s.contains(['"', '\r', '\n']) => {
                Some(s.as_bytes()[0])
            }
            _ => return Err(pos.error(d, ScenarioError::Delimiter)),
        },
    };
    Ok(Source {
        path: dir.file(pos, &raw.file, "data file")?,
        declared_at: pos.of(&raw.file),
        file: raw.file.into_inner(),
        encoding,
        delimiter,
    })
}

fn end(pos: &Positions<'_>, raw: &RawEnd, known: &ObjectNames<'_>) -> Result<End> {
    let split = match &raw.split {
        None => None,
        Some(s) => {
            let mut chars = s.get_ref().chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Some(c),
                _ => return Err(pos.error(s, ScenarioError::SplitShape)),
            }
        }
    };
    Ok(End {
        from: column(pos, &raw.from),
        target: known.resolve(&raw.target)?,
        by: raw.by.as_ref().map(|b| b.get_ref().clone()),
        split,
    })
}

fn primary(pos: &Positions<'_>, value: &Spanned<toml::Value>) -> Result<Primary> {
    let bad = || pos.error(value, ScenarioError::PrimaryShape);
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
            let fields: Vec<String> = object.fields.iter().map(|f| f.name.clone()).collect();
            let suggestion = closest(by, fields.iter().map(String::as_str)).map(str::to_string);
            let kind = ScenarioError::UnknownByField {
                by: by.clone(),
                target: target.clone(),
                suggestion,
                fields,
            };
            return Err(kind.at(at.clone()));
        }
    }
    Ok(())
}

/// Loads the destination schema and checks the mapping against it: every
/// object exists there, every mapped field exists, every required field is
/// mapped.
fn destination(
    pos: &Positions<'_>,
    dir: &Folder<'_>,
    raw: &super::raw::RawDestination,
    objects: &[ObjectMapping],
) -> Result<Destination> {
    let schema = &raw.schema;
    let name = schema.get_ref();
    let mut destination = match Destination::builtin(name) {
        Some(text) => {
            let shipped = format!("destinations/{name}.toml");
            Destination::parse(name, text, Path::new(&shipped))?
        }
        None => {
            let path = dir.schema(pos, schema)?;
            let text = std::fs::read_to_string(&path).map_err(|cause| {
                let shipped = BUILTIN.iter().map(|(n, _)| *n).collect();
                pos.error(
                    schema,
                    ScenarioError::SchemaUnreadable { name: name.clone(), cause, shipped },
                )
            })?;
            let mut destination = Destination::parse(name, &text, &path)?;
            destination.file = Some(path);
            destination
        }
    };
    for (object, on) in &raw.merge {
        if !destination.switch_merge(object.get_ref(), *on) {
            let merging = destination
                .object_names()
                .filter(|o| destination.rules_of(o).is_some_and(|r| r.merge.is_some()))
                .map(str::to_string)
                .collect::<Vec<_>>();
            let merging = if merging.is_empty() { vec!["none".to_string()] } else { merging };
            let kind = ScenarioError::NoMergeKey {
                destination: name.clone(),
                object: object.get_ref().clone(),
                merging,
            };
            return Err(pos.error(object, kind));
        }
    }
    for object in objects {
        let Some(fields) = destination.object(&object.name) else {
            let names: Vec<String> = destination.object_names().map(str::to_string).collect();
            let kind = ScenarioError::DestinationObject {
                destination: name.clone(),
                object: object.name.clone(),
                suggestion: closest(&object.name, names.iter().map(String::as_str))
                    .map(str::to_string),
                objects: names,
            };
            return Err(kind.at(object.key.at.clone()));
        };
        for field in &object.fields {
            if !fields.contains_key(&field.name) {
                let kind = ScenarioError::DestinationField {
                    destination: name.clone(),
                    object: object.name.clone(),
                    field: field.name.clone(),
                    suggestion: closest(&field.name, fields.keys().map(String::as_str))
                        .map(str::to_string),
                };
                return Err(kind.at(field.from.at.clone()));
            }
        }
        for (field, rule) in fields {
            if rule.required && !object.fields.iter().any(|f| &f.name == field) {
                let kind = ScenarioError::DestinationRequires {
                    destination: name.clone(),
                    object: object.name.clone(),
                    field: field.clone(),
                };
                return Err(kind.at(object.key.at.clone()));
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
        return Err(pos.error(value, ScenarioError::FromShape));
    }
    Ok(names.into_iter().map(|n| Column { name: n.trim().to_string(), at: at.clone() }).collect())
}

/// Every `[maps.…]` table, in file order.
fn value_maps(
    pos: &Positions<'_>,
    dir: &Folder<'_>,
    raw: IndexMap<String, RawValueMap>,
) -> Result<IndexMap<String, ValueMap>> {
    let mut maps = IndexMap::with_capacity(raw.len());
    for (name, m) in raw {
        let map = value_map(pos, dir, &name, m)?;
        maps.insert(name, map);
    }
    Ok(maps)
}

/// A value map: inline `values`, plus a two-column CSV `file` (source value,
/// destination value; a header row first).
fn value_map(
    pos: &Positions<'_>,
    dir: &Folder<'_>,
    name: &str,
    raw: RawValueMap,
) -> Result<ValueMap> {
    let mut values = raw.values;
    if let Some(file) = &raw.file {
        let path = dir.readable(pos, file, "map file")?;
        read_map_file(&path, &mut values).map_err(|e| match e {
            Error::NotCsv { what, .. } => {
                pos.error(file, ScenarioError::MapFileNotText { path, what })
            }
            Error::EmptyFile { .. } => pos.error(file, ScenarioError::MapFileEmpty { path }),
            other => other,
        })?;
    }
    let unmapped = match raw.unmapped.as_ref().map(|u| (u, u.get_ref().as_str())) {
        None | Some((_, "keep")) => UnmappedPolicy::Keep,
        Some((_, "reject")) => UnmappedPolicy::Reject,
        Some((u, "default")) => UnmappedPolicy::Default(raw.default.clone().ok_or_else(|| {
            pos.error(u, ScenarioError::MapDefaultMissing { map: name.to_string() })
        })?),
        Some((u, _)) => {
            return Err(pos.error(u, one_of("unmapped", &["keep", "reject", "default"])));
        }
    };
    let mut folded = IndexMap::new();
    if raw.ignore_case {
        for (from, to) in &values {
            if let Some(previous) = folded.insert(from.to_lowercase(), to.clone())
                && previous != *to
            {
                return Err(pos.file_error(ScenarioError::MapCaseCollision {
                    map: name.to_string(),
                    value: from.clone(),
                }));
            }
        }
    }
    Ok(ValueMap { strict: raw.strict, values, ignore_case: raw.ignore_case, unmapped, folded })
}

/// Adds the entries of a map file to `values`; inline entries win. The
/// file is read like an export: refused when it is not text (a workbook, an
/// archive, binary) or empty, decoded from its own encoding.
fn read_map_file(path: &Path, values: &mut IndexMap<String, String>) -> Result<()> {
    let location = |line: Option<u64>| Location { line, ..Location::file(path) };
    let (text, _, _) = crate::decode::open(path, None)?;
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text);
    let header = reader.headers().map_err(|e| Error::Csv {
        location: location(e.position().map(csv::Position::line)),
        message: e.to_string(),
    })?;
    if header.iter().all(|h| h.trim().is_empty()) {
        return Err(Error::EmptyFile { location: location(None) });
    }
    for record in reader.records() {
        let record = record.map_err(|e| Error::Csv {
            location: location(e.position().map(csv::Position::line)),
            message: e.to_string(),
        })?;
        let line = record.position().map(csv::Position::line);
        match (record.get(0), record.get(1), record.len()) {
            (Some(from), Some(to), 2) => {
                values.entry(from.trim().to_string()).or_insert_with(|| to.trim().to_string());
            }
            _ => {
                return Err(Error::MapFileColumns {
                    location: location(line),
                    columns: record.len(),
                });
            }
        }
    }
    Ok(())
}

fn triggers(
    pos: &Positions<'_>,
    raw: IndexMap<Spanned<String>, toml::Value>,
) -> Vec<TriggerSettings> {
    raw.into_iter()
        .map(|(id, value)| TriggerSettings {
            at: pos.of(&id),
            id: id.into_inner(),
            value,
            thresholds: Vec::new(),
        })
        .collect()
}

fn expectation(pos: &Positions<'_>, raw: RawExpect) -> Expectation {
    Expectation {
        verdict: raw.verdict,
        trigger_locations: raw.triggers.iter().flatten().map(|t| pos.of(t)).collect(),
        triggers: raw.triggers.map(|t| t.into_iter().map(Spanned::into_inner).collect()),
    }
}

/// `format` is a chrono pattern for dates, an example number for decimals.
fn check_format(pos: &Positions<'_>, kind: FieldType, format: &Spanned<String>) -> Result<()> {
    match kind {
        FieldType::Date | FieldType::Datetime => {
            let datetime = kind == FieldType::Datetime;
            match super::date_formats::problem(format.get_ref(), datetime) {
                None => Ok(()),
                Some(problem) => Err(pos.error(
                    format,
                    ScenarioError::DateFormat {
                        kind: if datetime { "datetime" } else { "date" },
                        format: format.get_ref().clone(),
                        problem,
                    },
                )),
            }
        }
        FieldType::Decimal if DECIMAL_FORMATS.contains(&format.get_ref().as_str()) => Ok(()),
        FieldType::Decimal => Err(pos.error(
            format,
            ScenarioError::DecimalFormat {
                format: format.get_ref().clone(),
                known: &DECIMAL_FORMATS,
            },
        )),
        _ => Err(pos.error(format, ScenarioError::FormatNotApplicable)),
    }
}

/// Names become SQLite identifiers (always quoted); names beginning with `_`
/// are reserved for the shadow's own tables and columns.
fn check_identifier(pos: &Positions<'_>, name: &Spanned<String>, what: &'static str) -> Result<()> {
    let n = name.get_ref();
    let kind = if n.trim().is_empty() {
        ScenarioError::BlankName { what }
    } else if n.starts_with('_') {
        ScenarioError::ReservedName { what, name: n.clone() }
    } else if n.to_ascii_lowercase().starts_with("sqlite_") {
        ScenarioError::SqliteName { what, name: n.clone() }
    } else if what != "field" && n.contains('.') {
        ScenarioError::DottedName { what, name: n.clone() }
    } else if n.chars().any(char::is_control) {
        ScenarioError::ControlCharacters { what, name: n.clone() }
    } else {
        return Ok(());
    };
    Err(pos.error(name, kind))
}

/// A key that takes one of a few words.
fn one_of(key: &'static str, choices: &'static [&'static str]) -> ScenarioError {
    ScenarioError::NotOneOf { key, choices }
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
            "s/scenario.toml:10:46: unknown object `companys` in ref; objects: contacts, companies; did you mean `companies`?"
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
        assert_eq!(
            s.objects[1].source.encoding.map(|d| d.charset),
            Some(crate::decode::Charset::Whatwg(encoding_rs::WINDOWS_1252))
        );
        assert_eq!(s.objects[1].source.delimiter, Some(b';'));
    }

    #[test]
    fn a_scenario_that_is_not_utf8_names_the_bad_byte() {
        let bytes = b"[scenario]\nname = \"Caf\xe9\"\n";
        let err = utf8(bytes, Path::new("s/scenario.toml")).unwrap_err().to_string();
        assert!(err.starts_with("s/scenario.toml:2:12: byte 0xE9 is not UTF-8"), "{err}");
    }

    #[test]
    fn a_date_format_that_cannot_read_a_date_is_refused_at_the_format() {
        let text = MINIMAL.replace(
            "required = true }",
            "required = true }\nfields.since = { from = \"Since\", type = \"date\", format = \"%H:%M\" }",
        );
        let err = parse(&text).unwrap_err().to_string();
        assert!(
            err.starts_with("s/scenario.toml:17:58: date format `%H:%M`: it writes a time"),
            "{err}"
        );
    }
}
