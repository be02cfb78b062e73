//! Map stage: turn one source record into destination values, or a
//! [`Reject`] saying which column and why. Value maps are applied here and
//! values outside a strict map are noted for the `unmapped_value` trigger.

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::format::{Item, Numeric, Pad, Parsed};
use chrono::{DateTime, Datelike, LocalResult, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use csv::StringRecord;
use rust_decimal::Decimal;

use crate::error::{RejectReason, Result, ScenarioError};
use crate::parse::CsvFile;
use crate::scenario::NullTokens;
use crate::scenario::destination::FieldRule;
mod ids;

pub use ids::{id_padding, is_scientific, salesforce_id, trim_id};

use crate::scenario::{
    End, Field, FieldType, Junction, NamePart, ObjectMapping, Scenario, UnmappedPolicy, ValueMap,
    format_reads_offset,
};

pub mod nulls;
pub mod phone;

pub use nulls::Blank;

/// Salesforce writes this id for an empty lookup; it means "no reference".
pub const SALESFORCE_EMPTY_ID: &str = "000000000000000AAA";

/// A destination value as stored in the shadow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Blank.
    Null,
    /// Whole numbers and booleans (0/1).
    Int(i64),
    /// Everything else, including exact decimals and ISO dates.
    Text(String),
}

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(match self {
            Value::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Value::Int(i) => ToSqlOutput::Borrowed(ValueRef::Integer(*i)),
            Value::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
        })
    }
}

/// Why a source row did not load: the column, the reason and the raw value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reject {
    /// The source column at fault, if one is.
    pub column: Option<String>,
    /// What is wrong.
    pub reason: RejectReason,
    /// The raw cell value (or the whole row for a ragged row).
    pub raw: String,
}

/// A value that a strict value map does not cover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmapped {
    /// Position of the field in the object's field list.
    pub field: usize,
    /// The source value, trimmed.
    pub value: String,
}

struct FieldPlan<'s> {
    field: &'s Field,
    index: usize,
    /// Further columns joined after `index`.
    also: Vec<usize>,
    map: Option<&'s ValueMap>,
    default: Option<Value>,
    /// A reference to an object with Salesforce ids: extend 15-character ids.
    salesforce: bool,
    /// What the destination accepts for this field.
    rule: Option<&'s FieldRule>,
    /// The cells that mean "no value".
    tokens: &'s NullTokens,
    /// An id (`type = "id"`, or a reference by key): trimmed of Unicode
    /// whitespace and refused in scientific notation.
    id: bool,
}

/// An object's mapping resolved against its file's header.
pub struct ObjectPlan<'s> {
    /// The object.
    pub object: &'s ObjectMapping,
    /// The cells that mean "no value".
    pub tokens: &'s NullTokens,
    key_index: usize,
    fields: Vec<FieldPlan<'s>>,
    width: usize,
}

/// The distinct source values of each field that goes through a value map,
/// with their row count and where they go: the value-map coverage report.
/// Memory grows with the distinct values of mapped fields, not with rows.
#[derive(Debug, Default)]
pub struct Coverage {
    /// Field position → source value → (rows, destination value or `None`).
    pub fields: BTreeMap<usize, BTreeMap<String, (u64, Option<String>)>>,
}

impl Coverage {
    fn record(&mut self, field: usize, source: &str, target: Option<&str>) {
        let values = self.fields.entry(field).or_default();
        match values.get_mut(source) {
            Some(entry) => entry.0 += 1,
            None => {
                values.insert(source.to_string(), (1, target.map(str::to_string)));
            }
        }
    }

    /// Adds what `other` met (over other rows of the same file) to this.
    pub fn absorb(&mut self, other: Coverage) {
        for (field, values) in other.fields {
            let ours = self.fields.entry(field).or_default();
            for (value, (rows, target)) in values {
                ours.entry(value).or_insert((0, target)).0 += rows;
            }
        }
    }
}

impl<'s> ObjectPlan<'s> {
    /// Finds every mapped column in `csv`'s header and checks defaults.
    pub fn new(scenario: &'s Scenario, object: &'s ObjectMapping, csv: &CsvFile) -> Result<Self> {
        let key_index = csv.column_index(&object.key, &format!("{} key", object.name))?;
        let rules = scenario.destination.as_ref().and_then(|d| d.object(&object.name));
        let mut fields = Vec::with_capacity(object.fields.len());
        for field in &object.fields {
            let used_by = format!("{}.{}", object.name, field.name);
            let index = csv.column_index(&field.from, &used_by)?;
            let also = field
                .also
                .iter()
                .map(|c| csv.column_index(c, &used_by))
                .collect::<Result<Vec<_>>>()?;
            let default = match &field.default {
                None => None,
                Some((text, at)) if text.trim().is_empty() => {
                    return Err(ScenarioError::BlankDefault { used_by }.at(at.clone()));
                }
                Some((text, at)) => Some(nulls_convert(field, text).map_err(|reason| {
                    ScenarioError::BadDefault { used_by: used_by.clone(), reason }.at(at.clone())
                })?),
            };
            let map = field.map.as_ref().and_then(|m| scenario.maps.get(m));
            // Only when every target uses Salesforce ids: a plain key of
            // another target must stay as written to match.
            let salesforce = field.reference.as_ref().is_some_and(|r| {
                r.by.is_none()
                    && r.targets
                        .iter()
                        .all(|t| scenario.object(t).is_some_and(|o| o.salesforce_ids))
            });
            let rule = rules.and_then(|r| r.get(&field.name));
            let tokens = &scenario.null_tokens;
            let id = field.kind == FieldType::Id
                || field.reference.as_ref().is_some_and(|r| r.by.is_none());
            fields.push(FieldPlan {
                field,
                index,
                also,
                map,
                default,
                salesforce,
                rule,
                tokens,
                id,
            });
        }
        let tokens = &scenario.null_tokens;
        Ok(ObjectPlan { object, tokens, key_index, fields, width: csv.headers().len() })
    }

    /// The raw key cell of `record` (for locating damage before mapping).
    pub fn raw_key<'r>(&self, record: &'r StringRecord) -> &'r str {
        trim_id(cell(record, self.key_index))
    }

    /// The id columns of the object's file (its key, then every id field of
    /// one column: `type = "id"` or a reference by key): source column
    /// index, header, and whether the cell is also stored as read (counted
    /// by the non-ASCII round trip).
    pub fn id_columns(&self) -> Vec<IdColumn> {
        let mut columns = vec![IdColumn {
            index: self.key_index,
            header: self.object.key.name.clone(),
            stored_as_read: false,
            split: None,
        }];
        let passthrough = self.passthrough();
        for (position, plan) in self.fields.iter().enumerate() {
            if plan.id && plan.also.is_empty() {
                let stored_as_read = passthrough.iter().any(|(i, name)| {
                    *i == plan.index && *name == self.object.fields[position].name
                });
                columns.push(IdColumn {
                    index: plan.index,
                    header: plan.field.from.name.clone(),
                    stored_as_read,
                    split: None,
                });
            }
        }
        columns
    }

    /// The key a rejected `record` is recorded under: `mapped` (the key as
    /// [`ObjectPlan::map`] read it) or, when the row was refused before its
    /// key was read (a ragged row), its key cell, in the same form (a null
    /// token is no key).
    pub fn rejected_key<'k>(&self, record: &StringRecord, mapped: &'k str) -> Cow<'k, str> {
        if !mapped.is_empty() {
            return Cow::Borrowed(mapped);
        }
        let raw = self.raw_key(record);
        if self.tokens.contains(raw) {
            return Cow::Borrowed("");
        }
        match self.object.salesforce_ids.then(|| salesforce_id_18(raw)).flatten() {
            Some(full) => Cow::Owned(full),
            None => Cow::Owned(raw.to_string()),
        }
    }

    /// Source column index and destination field of every field stored as
    /// read (text-like, one column, no value map or default), for the
    /// non-ASCII round-trip check.
    pub fn passthrough(&self) -> Vec<(usize, &'s str)> {
        self.fields
            .iter()
            .filter(|p| p.map.is_none() && p.default.is_none() && p.also.is_empty())
            .filter(|p| p.field.part.is_none())
            .filter(|p| matches!(p.field.kind, FieldType::Text | FieldType::Email | FieldType::Id))
            .map(|p| (p.index, p.field.name.as_str()))
            .collect()
    }

    /// Maps one record: fills `key` and `values` (one per field, in order),
    /// `unmapped` and `coverage`, or says why the row is rejected.
    pub fn map(
        &self,
        record: &StringRecord,
        key: &mut String,
        values: &mut Vec<Value>,
        unmapped: &mut Vec<Unmapped>,
        coverage: &mut Coverage,
    ) -> Result<(), Reject> {
        self.map_noting(record, key, values, unmapped, coverage, &mut Vec::new())
    }

    /// [`ObjectPlan::map`], also noting in `blanked` every field left
    /// blank (no `default`) because it is a placeholder, or a null token in
    /// a `critical` field.
    pub fn map_noting(
        &self,
        record: &StringRecord,
        key: &mut String,
        values: &mut Vec<Value>,
        unmapped: &mut Vec<Unmapped>,
        coverage: &mut Coverage,
        blanked: &mut Vec<Blanked>,
    ) -> Result<(), Reject> {
        blanked.clear();
        // The values of the previous row are overwritten in place, so their
        // text buffers are reused rather than freed and allocated again.
        values.resize(self.fields.len(), Value::Null);
        unmapped.clear();
        key.clear();
        check_width(record, self.width)?;
        let raw_key = trim_id(cell(record, self.key_index));
        if raw_key.is_empty() || self.tokens.contains(raw_key) {
            return Err(Reject {
                column: Some(self.object.key.name.clone()),
                reason: RejectReason::BlankKey,
                raw: raw_key.to_string(),
            });
        }
        ids::check_id(raw_key, self.object.salesforce_ids, key).map_err(|reason| {
            key.clear();
            Reject { column: Some(self.object.key.name.clone()), reason, raw: raw_key.to_string() }
        })?;
        // Every field is mapped even after one fails, so the value-map
        // coverage counts every row; the first failure rejects the row.
        let mut first_reject = None;
        for ((position, plan), slot) in self.fields.iter().enumerate().zip(values.iter_mut()) {
            let source = source_text(plan, record);
            let mapped = map_field(plan, &source, slot, |source, target| {
                coverage.record(position, source, target);
                if target.is_none() && plan.map.is_some_and(|m| m.strict) {
                    unmapped.push(Unmapped { field: position, value: source.to_string() });
                }
            });
            match mapped {
                Err(reject) => {
                    first_reject.get_or_insert(reject);
                }
                // Placeholders always; null tokens where `critical_blank`
                // shows them (a file of `#N/A` would note every cell).
                Ok(Some(blank @ (Blank::Token(_) | Blank::Placeholder)))
                    if (plan.field.critical || blank == Blank::Placeholder)
                        && *slot == Value::Null =>
                {
                    blanked.push(Blanked { field: position, blank, value: trim(&source).into() });
                }
                Ok(_) => {}
            }
        }
        first_reject.map_or(Ok(()), Err)
    }
}

impl ObjectPlan<'_> {
    /// The value each lookup field of `record` stores, as the load stores
    /// it, by field position: for a row the load rejected, whose values are
    /// not stored. A lookup that does not map itself (a bad id, blank) is
    /// left out.
    pub fn lookups(&self, record: &StringRecord) -> Vec<(usize, Value)> {
        let mut found = Vec::new();
        for (position, plan) in self.fields.iter().enumerate() {
            if plan.field.reference.is_none() {
                continue;
            }
            let mut slot = Value::Null;
            let source = source_text(plan, record);
            if map_field(plan, &source, &mut slot, |_, _| {}).is_ok() && slot != Value::Null {
                found.push((position, slot));
            }
        }
        found
    }
}

/// The field's source text: its column, or its columns joined, or one part
/// of a full name.
fn source_text<'r>(plan: &FieldPlan<'_>, record: &'r StringRecord) -> Cow<'r, str> {
    let first = cell(record, plan.index);
    let text: Cow<'r, str> = if plan.also.is_empty() {
        Cow::Borrowed(first)
    } else {
        let parts: Vec<&str> = std::iter::once(plan.index)
            .chain(plan.also.iter().copied())
            .map(|i| trim(cell(record, i)))
            .filter(|p| !p.is_empty() && !plan.tokens.contains(p))
            .collect();
        Cow::Owned(parts.join(&plan.field.join))
    };
    match plan.field.part {
        None => text,
        Some(part) => {
            let words: Vec<&str> = text.split_whitespace().collect();
            let chosen = match (part, words.split_last()) {
                (_, None) => Vec::new(),
                (NamePart::Last, Some((last, _))) => vec![*last],
                (NamePart::First, Some((_, rest))) => rest.to_vec(),
            };
            Cow::Owned(chosen.join(" "))
        }
    }
}

/// Maps one field's source text into `slot`; says why it is blank, if it is.
fn map_field(
    plan: &FieldPlan<'_>,
    raw: &str,
    slot: &mut Value,
    on_mapped: impl FnOnce(&str, Option<&str>),
) -> Result<Option<Blank>, Reject> {
    let field = plan.field;
    let reject = |reason: RejectReason| Reject {
        column: Some(field.from.name.clone()),
        reason,
        raw: raw.to_string(),
    };
    let trimmed = if plan.id { trim_id(raw) } else { trim(raw) };
    // A value map may translate a value to blank ("N/A" = ""): blank either
    // way, so `default`, `required` and `critical` see it. A null token is
    // blank before any map: it is no source value.
    let text = match plan.map {
        Some(map) if !trimmed.is_empty() && !plan.tokens.contains(trimmed) => {
            let target = map.get(trimmed);
            on_mapped(trimmed, target);
            match (target, &map.unmapped) {
                (Some(target), _) => trim(target),
                (None, UnmappedPolicy::Keep) => trimmed,
                (None, UnmappedPolicy::Default(value)) => value.as_str(),
                (None, UnmappedPolicy::Reject) => {
                    let map = field.map.clone().unwrap_or_default();
                    return Err(reject(RejectReason::NotInMap { map }));
                }
            }
        }
        _ => trimmed,
    };
    let required = field.required || plan.rule.is_some_and(|r| r.required);
    let empty_id = is_blank(field.kind, text);
    if let Some(why) = nulls::blank(plan.tokens, field.kind, text, empty_id) {
        return match &plan.default {
            Some(default) => {
                slot.clone_from(default);
                Ok(Some(why))
            }
            None if required => Err(reject(nulls_required(why, &field.name))),
            None => {
                *slot = Value::Null;
                Ok(Some(why))
            }
        };
    }
    match field.kind {
        FieldType::Phone => *slot = nulls_convert(field, text).map_err(&reject)?,
        kind => {
            if plan.id && is_scientific(text) {
                return Err(reject(RejectReason::ScientificNotationId));
            }
            convert_into(kind, field.format.as_deref(), field.zone.tz, text, slot)
                .map_err(&reject)?
        }
    }
    if plan.salesforce
        && let Value::Text(id) = slot
    {
        let full = salesforce_id(id).map_err(&reject)?;
        id.clear();
        id.extend(full.iter().map(|&b| char::from(b)));
    }
    if let Value::Text(text) = &*slot {
        if let Some(max) = field.max_length {
            let chars = text.chars().count();
            if chars > max {
                return Err(reject(RejectReason::TooLong { chars, max }));
            }
        }
        if let Some(why) = plan.rule.and_then(|r| r.refuses(&field.name, text)) {
            return Err(reject(why));
        }
    }
    Ok(None)
}

/// A field whose value was blank for a reason a person would not see as
/// blank: a null token or a placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blanked {
    /// Position of the field in the object's field list.
    pub field: usize,
    /// Why it is blank.
    pub blank: Blank,
    /// The source text, trimmed (the token or the placeholder).
    pub value: String,
}

/// The reason a required field that is blank for `why` rejects its row.
fn nulls_required(why: Blank, field: &str) -> RejectReason {
    let field = field.to_string();
    match why {
        Blank::Empty => RejectReason::RequiredBlank { field },
        Blank::Token(_) => RejectReason::RequiredNullToken { field },
        Blank::Placeholder => RejectReason::RequiredPlaceholder { field },
    }
}

/// [`convert`] for one field: a phone number is read in the field's region.
fn nulls_convert(field: &Field, text: &str) -> Result<Value, RejectReason> {
    match field.kind {
        FieldType::Phone => phone::e164(text, field.region.id).map(Value::Text),
        kind => convert(kind, field.format.as_deref(), field.zone.tz, text),
    }
}

/// A junction resolved against its file's header.
pub struct JunctionPlan<'s> {
    /// The junction.
    pub junction: &'s Junction,
    /// The cells that mean "no value".
    pub tokens: &'s NullTokens,
    key_index: Option<usize>,
    left: EndPlan<'s>,
    right: EndPlan<'s>,
    primary: Option<usize>,
    width: usize,
    /// The file also feeds an object (a join export, one row per
    /// associated record): a blank end means "no link", not a reject.
    blank_is_no_link: bool,
}

/// A junction end resolved against the header.
struct EndPlan<'s> {
    end: &'s End,
    index: usize,
    /// The target uses Salesforce ids: extend 15-character ids to 18.
    salesforce: bool,
    /// The cells that mean "no value".
    tokens: &'s NullTokens,
}

/// A column of an export file holding ids (a key, an id field, a junction
/// end), whose Unicode padding the load counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdColumn {
    /// Its position in the file's header.
    pub index: usize,
    /// Its header.
    pub header: String,
    /// The cell is stored as read, so the non-ASCII round trip counts it.
    pub stored_as_read: bool,
    /// The separator of a multi-valued cell.
    pub split: Option<char>,
}

/// One link row: both ends' source keys and the primary flag.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Link {
    /// The link row's own id, if the junction has a key column.
    pub key: Option<String>,
    /// Source key of the left end's object.
    pub left: String,
    /// Source key of the right end's object.
    pub right: String,
    /// The primary flag, if the junction has one.
    pub primary: Option<bool>,
}

impl<'s> JunctionPlan<'s> {
    /// Finds the junction's columns in `csv`'s header.
    pub fn new(scenario: &'s Scenario, junction: &'s Junction, csv: &CsvFile) -> Result<Self> {
        let name = &junction.name;
        let end = |end: &'s End, side: &str| -> Result<EndPlan<'s>> {
            Ok(EndPlan {
                end,
                index: csv.column_index(&end.from, &format!("{name}.{side}"))?,
                salesforce: end.by.is_none()
                    && scenario.object(&end.target).is_some_and(|o| o.salesforce_ids),
                tokens: &scenario.null_tokens,
            })
        };
        Ok(JunctionPlan {
            junction,
            tokens: &scenario.null_tokens,
            key_index: junction
                .key
                .as_ref()
                .map(|k| csv.column_index(k, &format!("{name} key")))
                .transpose()?,
            left: end(&junction.left, "left")?,
            right: end(&junction.right, "right")?,
            primary: junction
                .primary
                .as_ref()
                .map(|p| csv.column_index(&p.column, &format!("{name}.primary")))
                .transpose()?,
            width: csv.headers().len(),
            blank_is_no_link: scenario
                .objects
                .iter()
                .any(|o| o.source.path == junction.source.path),
        })
    }

    /// The raw key cell of `record`, if the junction has a key column.
    pub fn raw_key<'r>(&self, record: &'r StringRecord) -> Option<&'r str> {
        self.key_index.map(|i| trim_id(cell(record, i)))
    }

    /// The id columns of the junction's file: its key (if it has one), then
    /// its two ends (stored as read) by key; see [`ObjectPlan::id_columns`].
    pub fn id_columns(&self) -> Vec<IdColumn> {
        let key = self.key_index.zip(self.junction.key.as_ref()).map(|(index, column)| IdColumn {
            index,
            header: column.name.clone(),
            stored_as_read: false,
            split: None,
        });
        let ends = [&self.left, &self.right].into_iter().map(|end| IdColumn {
            index: end.index,
            header: end.end.from.name.clone(),
            stored_as_read: true,
            split: end.end.split,
        });
        key.into_iter().chain(ends).collect()
    }

    /// Source column indexes of the two ends, stored as read.
    pub fn end_columns(&self) -> [usize; 2] {
        [self.left.index, self.right.index]
    }

    /// Maps one row into its links (one, or one per value of a split cell;
    /// none when a split cell is blank), or says why it is rejected (then
    /// `links` is left as it was, to be overwritten by the next row).
    pub fn map(&self, record: &StringRecord, links: &mut Vec<Link>) -> Result<(), Reject> {
        check_width(record, self.width)?;
        let mut key = None;
        if let (Some(i), Some(column)) = (self.key_index, &self.junction.key) {
            let raw = trim_id(cell(record, i));
            if raw.is_empty() || self.tokens.contains(raw) {
                return Err(Reject {
                    column: Some(column.name.clone()),
                    reason: RejectReason::BlankKey,
                    raw: raw.to_string(),
                });
            }
            if is_scientific(raw) {
                let reason = RejectReason::ScientificNotationId;
                return Err(Reject { column: Some(column.name.clone()), reason, raw: raw.into() });
            }
            key = Some(raw);
        }
        if self.blank_is_no_link && [&self.left, &self.right].iter().any(|e| blank_end(record, e)) {
            // A join export's row without an associated record: no link.
            links.clear();
            return Ok(());
        }
        if self.left.end.split.is_none() && self.right.end.split.is_none() {
            // One link per row, written over the previous row's: its text
            // buffers are reused rather than allocated again.
            let (left, right) = (end_value(record, &self.left)?, end_value(record, &self.right)?);
            let primary = self.primary_flag(record)?;
            links.truncate(1);
            if links.is_empty() {
                links.push(Link::default());
            }
            let link = &mut links[0];
            match (&mut link.key, key) {
                (Some(kept), Some(key)) => {
                    kept.clear();
                    kept.push_str(key);
                }
                (kept, key) => *kept = key.map(str::to_string),
            }
            set_end(&mut link.left, left, &self.left)?;
            set_end(&mut link.right, right, &self.right)?;
            link.primary = primary;
            return Ok(());
        }
        links.clear();
        let lefts = end_values(record, &self.left)?;
        let rights = end_values(record, &self.right)?;
        let primary = self.primary_flag(record)?;
        for left in &lefts {
            for right in &rights {
                links.push(Link {
                    key: key.map(str::to_string),
                    left: left.clone(),
                    right: right.clone(),
                    primary,
                });
            }
        }
        Ok(())
    }

    /// The keys each end of `record` holds (left, then right), as the load
    /// stores them: for a row the load rejected, whose links are not
    /// stored. An end that does not map itself is empty.
    pub fn end_keys(&self, record: &StringRecord) -> [Vec<String>; 2] {
        [&self.left, &self.right].map(|end| end_values(record, end).unwrap_or_default())
    }

    /// The row's primary flag, if the junction has one.
    fn primary_flag(&self, record: &StringRecord) -> Result<Option<bool>, Reject> {
        Ok(match (self.primary, &self.junction.primary) {
            (Some(i), Some(flag)) => {
                let raw = trim(cell(record, i));
                if raw.is_empty() || self.tokens.contains(raw) {
                    Some(false)
                } else {
                    Some(parse_bool(raw).ok_or_else(|| Reject {
                        column: Some(flag.column.name.clone()),
                        reason: RejectReason::NotBoolean,
                        raw: raw.into(),
                    })?)
                }
            }
            _ => None,
        })
    }
}

/// Stores a link end's key in `kept`, extended to 18 characters for a
/// Salesforce target; an end by key in scientific notation, or not a
/// Salesforce id for such a target, is refused.
fn set_end(kept: &mut String, raw: &str, plan: &EndPlan<'_>) -> Result<(), Reject> {
    if plan.end.by.is_some() {
        kept.clear();
        kept.push_str(raw);
        return Ok(());
    }
    ids::check_id(raw, plan.salesforce, kept).map_err(|reason| Reject {
        column: Some(plan.end.from.name.clone()),
        reason,
        raw: raw.into(),
    })
}

/// Whether an end's cell holds no key at all (blank, Salesforce's empty
/// id, or a null token).
fn blank_end(record: &StringRecord, plan: &EndPlan<'_>) -> bool {
    let raw = trim(cell(record, plan.index));
    is_blank(FieldType::Id, raw) || plan.tokens.contains(raw)
}

/// The key in an end's cell that is not split; blank is a reject.
fn end_value<'r>(record: &'r StringRecord, plan: &EndPlan<'_>) -> Result<&'r str, Reject> {
    let raw = trim_id(cell(record, plan.index));
    if is_blank(FieldType::Id, raw) || plan.tokens.contains(raw) {
        return Err(Reject {
            column: Some(plan.end.from.name.clone()),
            reason: RejectReason::BlankLinkEnd,
            raw: raw.into(),
        });
    }
    Ok(raw)
}

/// The keys in one end's cell: one, or several for a split end.
fn end_values(record: &StringRecord, plan: &EndPlan<'_>) -> Result<Vec<String>, Reject> {
    let raw = trim_id(cell(record, plan.index));
    let normalise = |v: &str| {
        let mut kept = String::new();
        set_end(&mut kept, v, plan).map(|()| kept)
    };
    match plan.end.split {
        Some(separator) => raw
            .split(separator)
            .map(trim_id)
            .filter(|v| !is_blank(FieldType::Id, v) && !plan.tokens.contains(v))
            .map(normalise)
            .collect(),
        None => Ok(vec![normalise(end_value(record, plan)?)?]),
    }
}

/// The canonical 18-character form of a Salesforce id, or `None` for
/// anything that is not one.
///
/// A 15-character id gets its 3-character suffix: each 5-character chunk
/// adds one character whose bits say which of its letters are upper case, so
/// ids that differ only in case never collide. An 18-character id gets its
/// letter case back from that suffix, so `001M000000QFPYSIAU` (upper-cased by
/// a spreadsheet) and `001M000000qfPySIAU` are the same id.
pub fn salesforce_id_18(id: &str) -> Option<String> {
    salesforce_id_bytes(id).and_then(|full| String::from_utf8(full.to_vec()).ok())
}

/// [`salesforce_id_18`] without an allocation: the 18 ASCII bytes (see
/// [`salesforce_id`] for why an id is refused).
fn salesforce_id_bytes(id: &str) -> Option<[u8; 18]> {
    salesforce_id(id).ok()
}

fn check_width(record: &StringRecord, width: usize) -> Result<(), Reject> {
    if record.len() == width {
        return Ok(());
    }
    let cells: Vec<&str> = record.iter().collect();
    Err(Reject {
        column: None,
        reason: RejectReason::RaggedRow { cells: record.len(), expected: width },
        raw: cells.join(","),
    })
}

/// Trims ASCII whitespace only: a non-breaking space or an ideographic
/// space is data, and the round-trip check counts it.
fn trim(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_ascii_whitespace())
}

fn cell(record: &StringRecord, index: usize) -> &str {
    record.get(index).unwrap_or("")
}

/// Blank after trimming; for ids, Salesforce's empty id counts as blank too.
fn is_blank(kind: FieldType, trimmed: &str) -> bool {
    trimmed.is_empty()
        || (kind == FieldType::Id
            && (trimmed == SALESFORCE_EMPTY_ID || trimmed == &SALESFORCE_EMPTY_ID[..15]))
}

/// [`convert`] into `slot`, reusing its text buffer for text that is kept
/// as it is (the most common fields: names, ids, e-mails).
pub fn convert_into(
    kind: FieldType,
    format: Option<&str>,
    zone: Tz,
    text: &str,
    slot: &mut Value,
) -> Result<(), RejectReason> {
    let kept_as_is = match kind {
        FieldType::Text | FieldType::Id => true,
        FieldType::Email => is_email(text),
        _ => false,
    };
    match slot {
        Value::Text(kept) if kept_as_is => {
            kept.clear();
            kept.push_str(text);
        }
        slot => *slot = convert(kind, format, zone, text)?,
    }
    Ok(())
}

/// Converts a trimmed, non-blank source value to its destination type, or
/// explains why it cannot be. A date-time without an offset is read in
/// `zone`; every date-time is stored in UTC.
pub fn convert(
    kind: FieldType,
    format: Option<&str>,
    zone: Tz,
    text: &str,
) -> Result<Value, RejectReason> {
    match kind {
        FieldType::Text | FieldType::Id => Ok(Value::Text(text.to_string())),
        FieldType::Email => {
            if is_email(text) {
                Ok(Value::Text(text.to_string()))
            } else {
                Err(RejectReason::NotEmail)
            }
        }
        // Without a field there is no region: the number needs its `+`.
        FieldType::Phone => phone::e164(text, None).map(Value::Text),
        FieldType::Int => {
            text.parse::<i64>().map(Value::Int).map_err(|_| RejectReason::NotWholeNumber)
        }
        FieldType::Decimal => {
            let style = format.and_then(DecimalStyle::from_format).unwrap_or(DecimalStyle::PLAIN);
            // rust_decimal's parser recurses once per digit: a huge cell
            // would overflow the stack. No decimal it holds is this long.
            let short = (text.len() <= MAX_DECIMAL_TEXT).then_some(text);
            short
                .and_then(|text| style.canonical(text))
                .and_then(|plain| Decimal::from_str_exact(&plain).ok())
                .or_else(|| short.and_then(|text| e_notation(style, text)))
                .map(|d| Value::Text(d.normalize().to_string()))
                .ok_or_else(|| RejectReason::NotDecimal { like: style.example.to_string() })
        }
        FieldType::Bool => {
            parse_bool(text).map(|b| Value::Int(i64::from(b))).ok_or(RejectReason::NotBoolean)
        }
        FieldType::Date => {
            let parsed = match format {
                None => parse_date_iso(text),
                Some(format) => NaiveDate::parse_from_str(text, format)
                    .ok()
                    .filter(|d| !ids::short_year_read_whole(d.year(), text)),
            };
            parsed.map(|d| Value::Text(d.format_with_items(DATE.iter()).to_string())).ok_or_else(
                || {
                    let format = format.unwrap_or("%Y-%m-%d").to_string();
                    if ids::is_spreadsheet_date(text) {
                        RejectReason::SpreadsheetDate { format }
                    } else {
                        RejectReason::NotDate { format }
                    }
                },
            )
        }
        FieldType::Datetime => {
            let parsed = parse_datetime(text, format).filter(|instant| {
                let (Instant::Utc(d) | Instant::Local(d)) = instant;
                !ids::short_year_read_whole(d.year(), text)
            });
            let utc = match parsed {
                Some(Instant::Utc(utc)) => utc,
                Some(Instant::Local(local)) => in_zone(local, zone)?,
                None if ids::is_spreadsheet_date(text) => {
                    let format = format.unwrap_or("%Y-%m-%dT%H:%M:%S").to_string();
                    return Err(RejectReason::SpreadsheetDate { format });
                }
                None => {
                    return Err(RejectReason::NotDatetime { format: format.map(str::to_string) });
                }
            };
            Ok(Value::Text(utc.format_with_items(DATETIME.iter()).to_string()))
        }
    }
}

/// The longest text read as a decimal, in bytes: a `Decimal` holds at most
/// 29 digits, so even with a sign, grouping, a decimal mark and an exponent
/// a longer text is not one; refused before the parser sees it.
const MAX_DECIMAL_TEXT: usize = 100;

/// A number in E-notation as Data Loader writes decimals (`6.0E7`,
/// `8.48E10`), read exactly; only in the plain style, where `.` is the
/// decimal mark.
fn e_notation(style: DecimalStyle, text: &str) -> Option<Decimal> {
    let plain = style == DecimalStyle::PLAIN;
    if !plain || !text.contains(['e', 'E']) {
        return None;
    }
    Decimal::from_scientific(text).ok()
}

/// How a decimal number is written: the decimal mark and the optional
/// thousands separator, declared by example (`format = "1.234,56"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecimalStyle {
    decimal: char,
    grouping: Option<char>,
    example: &'static str,
}

impl DecimalStyle {
    /// `1234.56`: no grouping (the default: exports write numbers plainly).
    pub const PLAIN: DecimalStyle =
        DecimalStyle { decimal: '.', grouping: None, example: "1234.56" };

    /// The style a declared example stands for.
    pub fn from_format(format: &str) -> Option<DecimalStyle> {
        let (decimal, grouping, example) = match format {
            "1234.56" => ('.', None, "1234.56"),
            "1,234.56" => ('.', Some(','), "1,234.56"),
            "1234,56" => (',', None, "1234,56"),
            "1.234,56" => (',', Some('.'), "1.234,56"),
            _ => return None,
        };
        Some(DecimalStyle { decimal, grouping, example })
    }

    /// `1.234,50` → `1234.50` when it follows this style exactly (groups of
    /// three digits, at most one decimal mark); `None` otherwise.
    fn canonical(self, text: &str) -> Option<String> {
        let (sign, digits) = match text.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", text.strip_prefix('+').unwrap_or(text)),
        };
        let (whole, fraction) = match digits.split_once(self.decimal) {
            Some((w, f)) => (w, Some(f)),
            None => (digits, None),
        };
        let groups: Vec<&str> = match self.grouping {
            Some(g) if whole.contains(g) => whole.split(g).collect(),
            _ => vec![whole],
        };
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let grouped_ok =
            groups.len() == 1 || (groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3));
        if !groups.iter().all(|g| all_digits(g))
            || !grouped_ok
            || fraction.is_some_and(|f| !all_digits(f))
        {
            return None;
        }
        let mut plain = format!("{sign}{}", groups.concat());
        if let Some(f) = fraction {
            plain.push('.');
            plain.push_str(f);
        }
        Some(plain)
    }
}

/// `%Y-%m-%d` as format items, parsed once rather than on every row.
const DATE: [Item<'static>; 5] = [
    Item::Numeric(Numeric::Year, Pad::Zero),
    Item::Literal("-"),
    Item::Numeric(Numeric::Month, Pad::Zero),
    Item::Literal("-"),
    Item::Numeric(Numeric::Day, Pad::Zero),
];

/// `%Y-%m-%dT%H:%M:%S` as format items.
const DATETIME: [Item<'static>; 11] = [
    Item::Numeric(Numeric::Year, Pad::Zero),
    Item::Literal("-"),
    Item::Numeric(Numeric::Month, Pad::Zero),
    Item::Literal("-"),
    Item::Numeric(Numeric::Day, Pad::Zero),
    Item::Literal("T"),
    Item::Numeric(Numeric::Hour, Pad::Zero),
    Item::Literal(":"),
    Item::Numeric(Numeric::Minute, Pad::Zero),
    Item::Literal(":"),
    Item::Numeric(Numeric::Second, Pad::Zero),
];

/// A date in the default format `%Y-%m-%d`.
fn parse_date_iso(text: &str) -> Option<NaiveDate> {
    let mut parsed = Parsed::new();
    chrono::format::parse(&mut parsed, text, DATE.iter()).ok()?;
    parsed.to_naive_date().ok()
}

/// A date-time as read: an instant (it had an offset) or a local time
/// (it had none, so its zone decides the instant).
enum Instant {
    /// Already converted to UTC.
    Utc(NaiveDateTime),
    /// Wall-clock time in the field's zone.
    Local(NaiveDateTime),
}

/// A date-time in the declared `format` (with its offset when the format
/// has `%z`, `%:z` or `%#z`), or without one: ISO 8601 with an offset or
/// `Z`, or `YYYY-MM-DD[T ]HH:MM[:SS[.fff]]` without.
fn parse_datetime(text: &str, format: Option<&str>) -> Option<Instant> {
    if let Some(format) = format {
        if format_reads_offset(format) {
            let d = DateTime::parse_from_str(text, format).ok()?;
            return Some(Instant::Utc(d.naive_utc()));
        }
        return NaiveDateTime::parse_from_str(text, format).ok().map(Instant::Local);
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(text) {
        return Some(Instant::Utc(d.naive_utc()));
    }
    ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .map(Instant::Local)
}

/// The UTC instant of wall-clock time `local` in `zone`; a time the zone
/// skips or repeats (a daylight-saving change) has none.
fn in_zone(local: NaiveDateTime, zone: Tz) -> Result<NaiveDateTime, RejectReason> {
    if zone == chrono_tz::UTC {
        return Ok(local);
    }
    match zone.from_local_datetime(&local) {
        LocalResult::Single(d) => Ok(d.naive_utc()),
        LocalResult::None => Err(RejectReason::NonexistentLocalTime { zone: zone.name().into() }),
        LocalResult::Ambiguous(..) => {
            Err(RejectReason::AmbiguousLocalTime { zone: zone.name().into() })
        }
    }
}

fn parse_bool(text: &str) -> Option<bool> {
    match text.to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "1" | "x" => Some(true),
        "false" | "no" | "n" | "0" => Some(false),
        _ => None,
    }
}

/// A plain syntax check: one `@`, something before it, a dotted domain
/// after it, no spaces.
fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    // Byte searches where the text is ASCII, as most addresses are.
    let whitespace = if text.is_ascii() {
        text.bytes().any(|b| matches!(b, b' ' | b'\t'..=b'\r'))
    } else {
        text.chars().any(char::is_whitespace)
    };
    !local.is_empty()
        && !domain.contains('@')
        && !whitespace
        && domain.contains('.')
        && domain.split('.').all(|part| !part.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::UTC;

    #[test]
    fn prebuilt_date_formats_read_and_write_like_strftime() {
        for text in
            ["2024-02-29", "2023-02-29", "2024-13-01", "0999-01-05", "24-1-5", "2024-01-05x", ""]
        {
            let strftime = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
            assert_eq!(parse_date_iso(text), strftime, "{text}");
        }
        let date = NaiveDate::from_ymd_opt(987, 6, 5).unwrap();
        let time = date.and_hms_opt(4, 3, 2).unwrap();
        assert_eq!(
            date.format_with_items(DATE.iter()).to_string(),
            date.format("%Y-%m-%d").to_string()
        );
        assert_eq!(
            time.format_with_items(DATETIME.iter()).to_string(),
            time.format("%Y-%m-%dT%H:%M:%S").to_string()
        );
    }

    fn ok(kind: FieldType, text: &str) -> Value {
        convert(kind, None, UTC, text).unwrap()
    }

    #[test]
    fn decimals_stay_exact_and_reject_locale_formats() {
        assert_eq!(ok(FieldType::Decimal, "12500.00"), Value::Text("12500".into()));
        assert_eq!(ok(FieldType::Decimal, "4500.5"), Value::Text("4500.5".into()));
        assert_eq!(ok(FieldType::Decimal, "0.10"), Value::Text("0.1".into()));
        for bad in ["12k", "TBD", "€ 4.500", "1,200.00", "ask Jonas"] {
            assert!(convert(FieldType::Decimal, None, UTC, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_huge_run_of_digits_is_refused_not_a_stack_overflow() {
        // Found by tests/properties.rs: a 70 000-digit cell in a decimal
        // column overflowed the stack inside rust_decimal's parser, which
        // recurses per digit. Run where the test harness's 2 MiB thread
        // stack would have overflowed long before.
        for digits in [101, 70_000, 1_000_000] {
            let cell = "1".repeat(digits);
            assert!(convert(FieldType::Decimal, None, UTC, &cell).is_err(), "{digits}");
            let german = format!("{cell},5");
            assert!(convert(FieldType::Decimal, Some("1.234,56"), UTC, &german).is_err());
            assert!(convert(FieldType::Decimal, None, UTC, &format!("{cell}E2")).is_err());
        }
        let longest = format!("{}.{}", "0".repeat(70), "1".repeat(28));
        assert_eq!(longest.len(), MAX_DECIMAL_TEXT - 1);
        assert_eq!(ok(FieldType::Decimal, &longest), Value::Text(format!("0.{}", "1".repeat(28))));
    }

    #[test]
    fn decimals_in_e_notation_are_read_exactly() {
        assert_eq!(ok(FieldType::Decimal, "6.0E7"), Value::Text("60000000".into()));
        assert_eq!(ok(FieldType::Decimal, "8.48E10"), Value::Text("84800000000".into()));
        assert_eq!(ok(FieldType::Decimal, "1.25e-3"), Value::Text("0.00125".into()));
        assert_eq!(ok(FieldType::Decimal, "-4.5E2"), Value::Text("-450".into()));
        for bad in ["E5", "1.2E", "1.2E5.5", "e"] {
            assert!(convert(FieldType::Decimal, None, UTC, bad).is_err(), "{bad}");
        }
        // A declared locale style keeps `,` as its decimal mark: no E-notation.
        assert!(convert(FieldType::Decimal, Some("1.234,56"), UTC, "6,0E7").is_err());
    }

    #[test]
    fn decimals_in_declared_styles() {
        let german = Some("1.234,56");
        assert_eq!(
            convert(FieldType::Decimal, german, UTC, "1.234,50"),
            Ok(Value::Text("1234.5".into()))
        );
        assert_eq!(
            convert(FieldType::Decimal, german, UTC, "980,00"),
            Ok(Value::Text("980".into()))
        );
        assert_eq!(
            convert(FieldType::Decimal, german, UTC, "12.500"),
            Ok(Value::Text("12500".into()))
        );
        assert_eq!(
            convert(FieldType::Decimal, german, UTC, "-0,5"),
            Ok(Value::Text("-0.5".into()))
        );
        for bad in ["1,234.50", "12.50", "1.23,4", "1,2,3", "€ 12,00", "12,"] {
            assert_eq!(
                convert(FieldType::Decimal, german, UTC, bad),
                Err(RejectReason::NotDecimal { like: "1.234,56".into() }),
                "{bad}"
            );
        }
        let us = Some("1,234.56");
        assert_eq!(
            convert(FieldType::Decimal, us, UTC, "1,234,567.89"),
            Ok(Value::Text("1234567.89".into()))
        );
        assert!(convert(FieldType::Decimal, us, UTC, "1,23.00").is_err());
    }

    #[test]
    fn dates_use_iso_or_the_declared_format() {
        assert_eq!(ok(FieldType::Date, "2024-03-15"), Value::Text("2024-03-15".into()));
        assert_eq!(
            convert(FieldType::Date, Some("%d/%m/%Y"), UTC, "15/03/2024"),
            Ok(Value::Text("2024-03-15".into()))
        );
        for bad in ["Q3 2024", "31/02/2024", "2024-13-01", "next week", "15.07.2024", "2024-02-30"]
        {
            assert_eq!(
                convert(FieldType::Date, None, UTC, bad),
                Err(RejectReason::NotDate { format: "%Y-%m-%d".into() }),
                "{bad}"
            );
        }
    }

    #[test]
    fn an_offset_gives_the_same_utc_instant_in_a_declared_format_and_in_iso() {
        let declared = convert(
            FieldType::Datetime,
            Some("%m/%d/%Y %H:%M:%S%z"),
            UTC,
            "07/15/2009 02:14:45+0800",
        );
        assert_eq!(declared, Ok(Value::Text("2009-07-14T18:14:45".into())));
        let iso = convert(FieldType::Datetime, None, UTC, "2009-07-15T02:14:45+08:00");
        assert_eq!(iso, declared);
        // The zone is for times without an offset only.
        let berlin = chrono_tz::Europe::Berlin;
        let iso = convert(FieldType::Datetime, None, berlin, "2009-07-15T02:14:45+08:00");
        assert_eq!(iso, declared);
    }

    #[test]
    fn a_naive_datetime_is_read_in_its_zone_and_dst_changes_are_refused() {
        let berlin = chrono_tz::Europe::Berlin;
        let summer = convert(FieldType::Datetime, None, berlin, "2024-07-01 12:00:00");
        assert_eq!(summer, Ok(Value::Text("2024-07-01T10:00:00".into())));
        let winter =
            convert(FieldType::Datetime, Some("%d.%m.%Y %H:%M"), berlin, "15.01.2024 12:00");
        assert_eq!(winter, Ok(Value::Text("2024-01-15T11:00:00".into())));
        assert_eq!(
            convert(FieldType::Datetime, None, berlin, "2024-03-31 02:30:00"),
            Err(RejectReason::NonexistentLocalTime { zone: "Europe/Berlin".into() })
        );
        assert_eq!(
            convert(FieldType::Datetime, None, berlin, "2024-10-27 02:30:00"),
            Err(RejectReason::AmbiguousLocalTime { zone: "Europe/Berlin".into() })
        );
        // UTC has no such hours.
        let utc = convert(FieldType::Datetime, None, UTC, "2024-03-31 02:30:00");
        assert_eq!(utc, Ok(Value::Text("2024-03-31T02:30:00".into())));
    }

    #[test]
    fn datetimes_accept_salesforce_and_hubspot_shapes() {
        assert_eq!(
            ok(FieldType::Datetime, "2023-11-02T09:14:33.000Z"),
            Value::Text("2023-11-02T09:14:33".into())
        );
        assert_eq!(
            ok(FieldType::Datetime, "2023-11-02T10:14:33+01:00"),
            Value::Text("2023-11-02T09:14:33".into())
        );
        assert_eq!(
            ok(FieldType::Datetime, "2024-02-17 10:31"),
            Value::Text("2024-02-17T10:31:00".into())
        );
        assert_eq!(
            ok(FieldType::Datetime, "2023-12-01 14:22:05"),
            Value::Text("2023-12-01T14:22:05".into())
        );
        assert!(convert(FieldType::Datetime, None, UTC, "yesterday").is_err());
    }

    #[test]
    fn emails_booleans_ints_phones() {
        assert_eq!(
            ok(FieldType::Email, "jose.garcia@example.com"),
            Value::Text("jose.garcia@example.com".into())
        );
        assert_eq!(
            ok(FieldType::Email, "josé@exämple.com"),
            Value::Text("josé@exämple.com".into())
        );
        for bad in [
            "jose",
            "@example.com",
            "jose@example",
            "jose@@example.com",
            "jo se@example.com",
            "jose@example..com",
            "jose\u{a0}garcia@example.com",
            "josé garcía@example.com",
            "jose@example.com\t",
        ] {
            assert!(convert(FieldType::Email, None, UTC, bad).is_err(), "{bad}");
        }
        assert_eq!(ok(FieldType::Bool, "TRUE"), Value::Int(1));
        assert_eq!(ok(FieldType::Bool, "no"), Value::Int(0));
        assert!(convert(FieldType::Bool, None, UTC, "maybe").is_err());
        assert_eq!(ok(FieldType::Int, "-42"), Value::Int(-42));
        assert!(convert(FieldType::Int, None, UTC, "4.2").is_err());
        assert!(convert(FieldType::Phone, None, UTC, "n/a").is_err());
        assert_eq!(ok(FieldType::Phone, "+44 20 7946 0018"), Value::Text("+442079460018".into()));
        // Without a region, a national number is refused (see `phone`).
        assert_eq!(
            convert(FieldType::Phone, None, UTC, "(303) 555-0188"),
            Err(RejectReason::PhoneNoCountryCode)
        );
        assert!(convert(FieldType::Phone, None, UTC, "+1 303 555 0188 ext. 12").is_err());
        assert!(convert(FieldType::Phone, None, UTC, "12345678901234567").is_err());
        assert_eq!(ok(FieldType::Bool, "X"), Value::Int(1));
    }

    #[test]
    fn salesforce_ids_get_their_case_safe_suffix() {
        assert_eq!(salesforce_id_18("001M000000qfPyS").as_deref(), Some("001M000000qfPySIAU"));
        assert_eq!(salesforce_id_18("a0RE000000IJmcN").as_deref(), Some("a0RE000000IJmcNMAT"));
        assert_eq!(salesforce_id_18("001000000000000").as_deref(), Some("001000000000000AAA"));
        // Ids that differ only in case get different suffixes.
        assert_ne!(salesforce_id_18("003abcdeABCDEab"), salesforce_id_18("003ABCDEabcdeAB"));
        // An 18-character id recovers its case from its suffix.
        assert_eq!(salesforce_id_18("001M000000QFPYSIAU").as_deref(), Some("001M000000qfPySIAU"));
        assert_eq!(salesforce_id_18("001m000000qfpysiau").as_deref(), Some("001M000000qfPySIAU"));
        assert_eq!(salesforce_id_18("001M000000qfPySIAU").as_deref(), Some("001M000000qfPySIAU"));
        for not_an_id in
            ["001M000000qfPy", "001M000000qfPy!", "00ü000000000000", "001M000000qfPyS!!!"]
        {
            assert_eq!(salesforce_id_18(not_an_id), None, "{not_an_id}");
        }
    }

    #[test]
    fn salesforce_empty_id_is_blank() {
        assert!(is_blank(FieldType::Id, SALESFORCE_EMPTY_ID));
        assert!(is_blank(FieldType::Id, "000000000000000"));
        assert!(!is_blank(FieldType::Text, SALESFORCE_EMPTY_ID));
        assert!(is_blank(FieldType::Text, ""));
    }
}

#[cfg(test)]
mod transform_tests {
    use super::*;

    /// Maps the one data row of `csv` through the scenario's first object.
    fn map_row(scenario: &str, csv: &str) -> (Result<Vec<Value>, Reject>, Coverage) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("x.csv"), csv).unwrap();
        std::fs::write(
            dir.path().join("owners.csv"),
            "Owner Id,Owner Email\n005A0000001aBcD,ana@acme.example\n",
        )
        .unwrap();
        let text = format!(
            "[scenario]\nname = \"t\"\n[[object]]\nname = \"o\"\nfile = \"x.csv\"\nkey = \"Id\"\n{scenario}"
        );
        let scenario =
            Scenario::parse(&text, &dir.path().join("scenario.toml"), dir.path()).unwrap();
        let mut file = CsvFile::open(&scenario.objects[0].source).unwrap();
        let plan = ObjectPlan::new(&scenario, &scenario.objects[0], &file).unwrap();
        let mut record = StringRecord::new();
        file.read(&mut record).unwrap();
        let (mut key, mut values, mut unmapped, mut coverage) =
            (String::new(), Vec::new(), Vec::new(), Coverage::default());
        let result = plan.map(&record, &mut key, &mut values, &mut unmapped, &mut coverage);
        (result.map(|()| values), coverage)
    }

    fn text(v: &str) -> Value {
        Value::Text(v.into())
    }

    #[test]
    fn joined_columns_skip_blanks() {
        let fields = "fields.name = { from = [\"First\", \"Last\"] }\nfields.code = { from = [\"A\", \"B\"], join = \"-\" }";
        let (values, _) = map_row(fields, "Id,First,Last,A,B\n1,,García,x,y\n");
        assert_eq!(values.unwrap(), [text("García"), text("x-y")]);
    }

    #[test]
    fn full_names_split_into_first_and_last() {
        let fields = "fields.first = { from = \"Name\", part = \"first\" }\nfields.last = { from = \"Name\", part = \"last\", required = true }";
        let (values, _) = map_row(fields, "Id,Name\n1,Ana María  López\n");
        assert_eq!(values.unwrap(), [text("Ana María"), text("López")]);
        let (values, _) = map_row(fields, "Id,Name\n1,Cher\n");
        assert_eq!(values.unwrap(), [Value::Null, text("Cher")]);
        let (values, _) = map_row(fields, "Id,Name\n1,\n");
        assert_eq!(
            values.unwrap_err().reason,
            RejectReason::RequiredBlank { field: "last".into() }
        );
    }

    #[test]
    fn map_files_ignore_case_and_unmapped_policies() {
        let maps = "fields.owner = { from = \"Owner\", map = \"owners\" }\n\
                    [maps.owners]\nfile = \"owners.csv\"\nignore_case = true\nunmapped = \"reject\"";
        let (values, coverage) = map_row(maps, "Id,Owner\n1,005a0000001abcd\n");
        assert_eq!(values.unwrap(), [text("ana@acme.example")]);
        assert_eq!(coverage.fields[&0]["005a0000001abcd"], (1, Some("ana@acme.example".into())));
        let (values, coverage) = map_row(maps, "Id,Owner\n1,005XXXXXXXXXXXX\n");
        let reject = values.unwrap_err();
        assert_eq!(reject.reason, RejectReason::NotInMap { map: "owners".into() });
        assert_eq!(reject.raw, "005XXXXXXXXXXXX");
        assert_eq!(coverage.fields[&0]["005XXXXXXXXXXXX"], (1, None));
        let fallback = "fields.s = { from = \"S\", map = \"m\" }\n[maps.m]\nvalues = { A = \"a\" }\nunmapped = \"default\"\ndefault = \"other\"";
        assert_eq!(map_row(fallback, "Id,S\n1,Z\n").0.unwrap(), [text("other")]);
        let keep = "fields.s = { from = \"S\", map = \"m\" }\n[maps.m]\nvalues = { A = \"a\" }";
        assert_eq!(map_row(keep, "Id,S\n1,Z\n").0.unwrap(), [text("Z")]);
    }

    #[test]
    fn max_length_and_defaults() {
        let fields = "fields.code = { from = \"Code\", max_length = 3 }\nfields.flag = { from = \"Flag\", type = \"bool\", default = \"false\" }";
        let (values, _) = map_row(fields, "Id,Code,Flag\n1,ABC,\n");
        assert_eq!(values.unwrap(), [text("ABC"), Value::Int(0)]);
        let (values, _) = map_row(fields, "Id,Code,Flag\n1,ABCD,X\n");
        assert_eq!(values.unwrap_err().reason, RejectReason::TooLong { chars: 4, max: 3 });
    }
}

#[cfg(test)]
mod join_export_tests {
    use super::*;

    /// The links of each row of `csv` read by the scenario's junction, or its reject.
    fn links_of(shared: bool, csv: &str) -> Vec<Result<Vec<(String, String)>, RejectReason>> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("contacts.csv"), csv).unwrap();
        std::fs::write(dir.path().join("companies.csv"), "Record ID\n1\n").unwrap();
        let junction_file = if shared { "contacts.csv" } else { "links.csv" };
        std::fs::write(dir.path().join("links.csv"), csv).unwrap();
        let text = format!(
            "[scenario]\nname = \"t\"\n\
             [[object]]\nname = \"contacts\"\nfile = \"contacts.csv\"\nkey = \"Record ID#1\"\n\
             [[object]]\nname = \"companies\"\nfile = \"companies.csv\"\nkey = \"Record ID\"\n\
             [[junction]]\nname = \"contact_companies\"\nfile = \"{junction_file}\"\n\
             left = {{ from = \"Record ID#1\", ref = \"contacts\" }}\n\
             right = {{ from = \"Record ID#2\", ref = \"companies\" }}\n"
        );
        let scenario =
            Scenario::parse(&text, &dir.path().join("scenario.toml"), dir.path()).unwrap();
        let junction = &scenario.junctions[0];
        let mut file = CsvFile::open(&junction.source).unwrap();
        let plan = JunctionPlan::new(&scenario, junction, &file).unwrap();
        let (mut record, mut links, mut out) = (StringRecord::new(), Vec::new(), Vec::new());
        while file.read(&mut record).unwrap().is_some() {
            out.push(
                plan.map(&record, &mut links)
                    .map(|()| links.iter().map(|l| (l.left.clone(), l.right.clone())).collect())
                    .map_err(|r| r.reason),
            );
        }
        out
    }

    #[test]
    fn a_blank_end_is_no_link_in_a_join_export_and_a_reject_in_a_junction_file() {
        let csv = "Record ID,Email,Record ID,Name\n7,a@x.example,1,Acme\n8,b@x.example,,\n";
        let link = |l: &str, r: &str| Ok(vec![(l.to_string(), r.to_string())]);
        assert_eq!(links_of(true, csv), [link("7", "1"), Ok(Vec::new())]);
        assert_eq!(links_of(false, csv), [link("7", "1"), Err(RejectReason::BlankLinkEnd)]);
    }
}

#[cfg(test)]
mod rejected_row_tests {
    use super::*;

    /// A scenario of accounts (Salesforce ids), deals pointing at them, and
    /// a contact-role junction, in a temporary folder.
    fn scenario(dir: &std::path::Path) -> Scenario {
        for (file, text) in [
            ("a.csv", "Id\n0015g00000DWr6hAAD\n"),
            ("d.csv", "Id,AccountId,Amount\n0065g00000Db8mP,0015g00000DWr6h,x\n"),
            ("r.csv", "Id,OpportunityId,ContactId\n1,0065g00000Db8mP,\n"),
        ] {
            std::fs::write(dir.join(file), text).unwrap();
        }
        let text = "[scenario]\nname = \"t\"\n\
             [[object]]\nname = \"companies\"\nfile = \"a.csv\"\nkey = \"Id\"\nids = \"salesforce\"\n\
             [[object]]\nname = \"deals\"\nfile = \"d.csv\"\nkey = \"Id\"\nids = \"salesforce\"\n\
             fields.company = { from = \"AccountId\", type = \"id\", ref = \"companies\" }\n\
             fields.amount = { from = \"Amount\", type = \"decimal\" }\n\
             [[junction]]\nname = \"roles\"\nfile = \"r.csv\"\n\
             left = { from = \"OpportunityId\", ref = \"deals\" }\n\
             right = { from = \"ContactId\", ref = \"companies\" }\n";
        Scenario::parse(text, &dir.join("scenario.toml"), dir).unwrap()
    }

    /// A rejected row's lookups and link ends read as the load stores them:
    /// a 15-character id in its 18-character form; an end that does not map
    /// (blank) is left out, the row's other end kept.
    #[test]
    fn a_rejected_rows_lookups_and_ends_map_as_the_load_maps_them() {
        let dir = tempfile::tempdir().unwrap();
        let scenario = scenario(dir.path());
        let mut file = CsvFile::open(&scenario.objects[1].source).unwrap();
        let plan = ObjectPlan::new(&scenario, &scenario.objects[1], &file).unwrap();
        let mut record = StringRecord::new();
        file.read(&mut record).unwrap();
        let (mut key, mut values) = (String::new(), Vec::new());
        let mapped =
            plan.map(&record, &mut key, &mut values, &mut Vec::new(), &mut Coverage::default());
        assert!(matches!(mapped.unwrap_err().reason, RejectReason::NotDecimal { .. }));
        assert_eq!(plan.lookups(&record), [(0, Value::Text("0015g00000DWr6hAAD".into()))]);

        let junction = &scenario.junctions[0];
        let mut file = CsvFile::open(&junction.source).unwrap();
        let plan = JunctionPlan::new(&scenario, junction, &file).unwrap();
        file.read(&mut record).unwrap();
        assert!(plan.map(&record, &mut Vec::new()).is_err(), "a blank end is a reject");
        assert_eq!(plan.end_keys(&record), [vec!["0065g00000Db8mPAAR".to_string()], Vec::new()]);
    }
}
