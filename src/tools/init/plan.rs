//! What `init` maps, decided before anything is written: each file placed
//! as an object or a junction (or not, with the reason), and each column
//! of an object read as a lookup, a typed field or text.

use super::knowledge::{Entity, JunctionKind, PREFIXES};
use super::profile::ColumnProfile;
use super::recognise::{Placed, place};
use super::{Export, Platform, Target, quoted, snake};

/// An object to write.
pub(super) struct Object<'e> {
    pub(super) export: &'e Export,
    /// The entity it holds (none for a spreadsheet file init cannot name).
    pub(super) entity: Option<Entity>,
    /// Its name in the scenario (`companies`).
    pub(super) name: String,
    /// Its key column (header index).
    pub(super) key: usize,
    /// Columns before this index are the record's own; a join export
    /// repeats the key's label where another object's columns start.
    pub(super) own: usize,
    /// The entity the columns from `own` on describe, in a join export.
    pub(super) joined: Option<Entity>,
    /// How it was recognised, for the summary.
    pub(super) how: String,
}

/// Every file's place.
pub(super) struct Plan<'e> {
    pub(super) objects: Vec<Object<'e>>,
    pub(super) junctions: Vec<(&'e Export, JunctionKind)>,
    pub(super) unplaced: Vec<(&'e Export, String)>,
}

impl<'e> Plan<'e> {
    /// Places every export.
    pub(super) fn new(exports: &'e [Export], from: Platform, to: Target) -> Plan<'e> {
        let mut plan = Plan { objects: Vec::new(), junctions: Vec::new(), unplaced: Vec::new() };
        for export in exports {
            match place(from, export) {
                Placed::Junction(kind) => plan.junctions.push((export, kind)),
                Placed::Unplaced(why) => plan.unplaced.push((export, why)),
                Placed::Object { entity, key, how } => {
                    let name = entity.map_or_else(|| snake(&export.stem), |e| e.target(to).into());
                    let name = if name.is_empty() { "records".to_string() } else { name };
                    if let Some(first) = plan.objects.iter().find(|o| o.name == name) {
                        let why = format!(
                            "it holds {name} too, and {} is already read as {name}",
                            first.export.file
                        );
                        plan.unplaced.push((export, why));
                        continue;
                    }
                    let (own, joined) = join_split(export, key);
                    plan.objects.push(Object { export, entity, name, key, own, joined, how });
                }
            }
        }
        plan
    }

    /// The object holding `entity`.
    pub(super) fn of(&self, entity: Entity) -> Option<&Object<'e>> {
        self.objects.iter().find(|o| o.entity == Some(entity))
    }

    /// The object whose ids start with `prefix`.
    pub(super) fn by_prefix(&self, prefix: &str) -> Option<&Object<'e>> {
        self.objects
            .iter()
            .find(|o| o.export.profile.columns[o.key].id_prefix() == Some(prefix))
            .or_else(|| {
                let (_, holds) = PREFIXES.iter().find(|(p, _)| *p == prefix)?;
                match holds {
                    super::knowledge::Holds::Object(entity) => self.of(*entity),
                    super::knowledge::Holds::Junction(_) => None,
                }
            })
    }
}

/// Where a join export's second object starts (the key's label again),
/// and which entity its columns describe.
fn join_split(export: &Export, key: usize) -> (usize, Option<Entity>) {
    let label = export.headers[key].trim().to_lowercase();
    let Some(again) =
        export.headers.iter().skip(key + 1).position(|h| h.trim().to_lowercase() == label)
    else {
        return (export.headers.len(), None);
    };
    let start = key + 1 + again;
    let rest: Vec<String> = export.headers[start..].iter().map(|h| h.to_lowercase()).collect();
    let has = |h: &str| rest.iter().any(|r| r == h);
    let joined = if has("company name") || has("company domain name") {
        Some(Entity::Company)
    } else if has("deal name") || has("deal stage") {
        Some(Entity::Deal)
    } else if has("email") || has("first name") || has("last name") {
        Some(Entity::Contact)
    } else {
        None
    };
    (start, joined)
}

/// What a column points at.
pub(super) struct Lookup {
    /// The object it points at.
    pub(super) target: String,
    /// The target entity, if known.
    pub(super) entity: Option<Entity>,
    /// The target's field it matches, when not the key.
    pub(super) by: Option<String>,
    /// Why init thinks so.
    pub(super) why: String,
    /// Values that are no target's but look like one of its values
    /// spelled another way (`GTXPro` for `GTX Pro`), with their rows.
    pub(super) near: Vec<(String, String, u64)>,
}

/// A lookup read from the column's values: Salesforce ids by prefix, or
/// values most of which are another file's keys or unique names.
pub(super) fn lookup(
    plan: &Plan<'_>,
    to: Target,
    holder: &Object<'_>,
    column: usize,
) -> Result<Option<Lookup>, String> {
    let profile = &holder.export.profile.columns[column];
    if let Some(prefix) = profile.id_prefix() {
        if let Some(target) = plan.by_prefix(prefix) {
            let why = format!("its values are {} ids ({prefix}…)", target_label(target));
            return Ok(Some(Lookup {
                target: target.name.clone(),
                entity: target.entity,
                by: None,
                why,
                near: Vec::new(),
            }));
        }
        let known = PREFIXES
            .iter()
            .find(|(p, _)| *p == prefix)
            .map(|(_, h)| match h {
                super::knowledge::Holds::Object(e) => e.salesforce(),
                super::knowledge::Holds::Junction(j) => j.name(),
            })
            .unwrap_or("an object");
        return Err(format!("its values are {known} ids ({prefix}…), and no file here holds them"));
    }
    if profile.more_values || profile.filled < 2 || !looks_like_names(profile) {
        return Ok(None);
    }
    let mut best: Option<(u64, &Object<'_>, usize)> = None;
    for target in &plan.objects {
        if !target.export.profile.complete {
            continue;
        }
        for (i, candidate) in target.export.profile.columns.iter().enumerate() {
            // A full name split in two is no one field to match by.
            let split = target.export.headers[i].eq_ignore_ascii_case("Person - Name");
            let same = split || (std::ptr::eq(target.export, holder.export) && i == column);
            if same
                || i >= target.own
                || !candidate.is_unique()
                || (i != target.key && !looks_like_names(candidate))
            {
                continue;
            }
            let found: u64 =
                profile.values.iter().filter(|(v, _)| candidate.holds(v)).map(|(_, n)| *n).sum();
            let distinct = profile.values.keys().filter(|v| candidate.holds(v)).count();
            if distinct >= 2
                && found * 2 >= profile.filled
                && best.is_none_or(|(b, _, _)| found > b)
            {
                best = Some((found, target, i));
            }
        }
    }
    let Some((found, target, i)) = best else { return Ok(None) };
    let near = near_misses(profile, &target.export.profile.columns[i]);
    let header = &target.export.headers[i];
    Ok(Some(Lookup {
        target: target.name.clone(),
        entity: target.entity,
        by: (i != target.key).then(|| field_name_of(to, target, i)),
        why: format!(
            "{found} of its {} values are {} values of {}",
            profile.filled,
            quoted(header),
            quoted(&target.export.file)
        ),
        near,
    }))
}

fn target_label(target: &Object<'_>) -> &'static str {
    target.entity.map_or("record", Entity::salesforce)
}

/// Text values, not numbers, dates or flags: what a key or a name is.
fn looks_like_names(profile: &ColumnProfile) -> bool {
    use crate::scenario::FieldType as T;
    !(profile.fits((T::Decimal, None))
        || profile.fits((T::Bool, None))
        || profile.fits((T::Date, None))
        || profile.fits((T::Datetime, None))
        || profile.fits((T::Email, None)))
}

/// Values of `column` that `target` lacks but holds in another spelling
/// (case, spaces, punctuation): (value, the target's spelling, rows).
pub(super) fn near_misses(
    column: &ColumnProfile,
    target: &ColumnProfile,
) -> Vec<(String, String, u64)> {
    let mut near = Vec::new();
    for (value, rows) in &column.values {
        if target.holds(value) {
            continue;
        }
        let folded = fold(value);
        if let Some(spelling) = target.values.keys().find(|t| fold(t) == folded) {
            near.push((value.clone(), spelling.clone(), *rows));
        }
    }
    near
}

/// A value without case, spaces or punctuation: `GTX Pro` and `gtxpro` fold alike.
pub(super) fn fold(value: &str) -> String {
    value.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The field name `init` gives `object`'s column: the destination's
/// standard field when it knows one, else the header in snake case.
pub(super) fn field_name_of(to: Target, object: &Object<'_>, column: usize) -> String {
    let header = &object.export.headers[column];
    object
        .entity
        .and_then(|entity| {
            super::knowledge::KNOWN.iter().find(|k| {
                k.entity == entity && k.headers.iter().any(|h| h.eq_ignore_ascii_case(header))
            })
        })
        .map_or_else(
            || snake(header),
            |known| match to {
                Target::Hubspot => known.hubspot.to_string(),
                Target::Salesforce => known.salesforce.to_string(),
            },
        )
}

/// The name a scenario reads column `i` by: its header, or `label#n` when
/// the exact label repeats (a join export), as `run` expects (`Email` and
/// `EMAIL` are two labels: `run` prefers the exact one).
pub(super) fn column_name(export: &Export, i: usize) -> String {
    let label = export.headers[i].trim();
    let same: Vec<usize> = export
        .headers
        .iter()
        .enumerate()
        .filter(|(_, h)| h.trim() == label)
        .map(|(j, _)| j)
        .collect();
    match same.iter().position(|j| *j == i) {
        Some(n) if same.len() > 1 => format!("{label}#{}", n + 1),
        _ => export.headers[i].clone(),
    }
}
