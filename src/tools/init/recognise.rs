//! Which object a file holds, by its content first: the Salesforce key
//! prefix of its record ids, then the shape of its headers (HubSpot's
//! `Record ID`, Pipedrive's `Deal - Title`, a junction's two id columns),
//! and only then its name. A file that cannot be placed gets the reason,
//! so the consultant knows what to add by hand.

use super::Export;
use super::knowledge::{Entity, Holds, JunctionKind, OTHER_PREFIXES, PREFIXES, entity_of};
use super::{Platform, has_header, quoted};

/// Where a file goes, or why it goes nowhere.
pub(super) enum Placed {
    /// The records of an object, with the key column (its header index).
    Object { entity: Option<Entity>, key: usize, how: String },
    /// Links between two objects.
    Junction(JunctionKind),
    /// Not placed, and why.
    Unplaced(String),
}

/// The column holding the record id: an `Id` / `Record ID` / `… - ID` /
/// `id` header (the first, when a join export repeats it), else the first
/// column whose values are all distinct.
pub(super) fn key_column(export: &Export) -> Option<usize> {
    let named = export.headers.iter().position(|h| {
        let h = h.trim().to_lowercase();
        h == "id" || h == "record id" || h.ends_with(" - id")
    });
    named.or_else(|| export.profile.columns.iter().position(|c| c.is_unique()))
}

/// Where `export` goes.
pub(super) fn place(from: Platform, export: &Export) -> Placed {
    let key = key_column(export);
    let prefix = key.and_then(|k| export.profile.columns[k].id_prefix());
    if let Some(prefix) = prefix
        && let Some((_, holds)) = PREFIXES.iter().find(|(p, _)| *p == prefix)
    {
        let how = format!("its ids start with {prefix}");
        return match holds {
            Holds::Object(entity) => {
                Placed::Object { entity: Some(*entity), key: key.unwrap_or(0), how }
            }
            Holds::Junction(kind) => Placed::Junction(*kind),
        };
    }
    if let Some(kind) = junction_by_headers(export) {
        return Placed::Junction(kind);
    }
    if let Some((entity, how)) = by_headers(export) {
        return match key {
            Some(key) => Placed::Object { entity: Some(entity), key, how },
            None => {
                Placed::Unplaced(format!("looks like {} but has no id column", entity.salesforce()))
            }
        };
    }
    let by_name = entity_of(from, &export.stem).or_else(|| entity_of(Platform::Csv, &export.stem));
    match (key, by_name) {
        (Some(key), Some(entity)) => {
            Placed::Object { entity: Some(entity), key, how: "by its file name".into() }
        }
        (Some(key), None) if from == Platform::Csv => {
            Placed::Object { entity: None, key, how: "one object per file".into() }
        }
        _ => Placed::Unplaced(why_not(export, key, prefix)),
    }
}

/// A Salesforce junction object exported without its ids' prefix being
/// readable (a report export): its two id columns.
fn junction_by_headers(export: &Export) -> Option<JunctionKind> {
    let has = |h: &str| has_header(&export.headers, h);
    let others = export.headers.len();
    [
        JunctionKind::OpportunityContactRole,
        JunctionKind::AccountContactRelation,
        JunctionKind::CampaignMember,
    ]
    .into_iter()
    .find(|kind| {
        let ((left, _), (right, _), _) = kind.shape();
        has(left) && has(right) && (others <= 8 || export.stem.eq_ignore_ascii_case(kind.name()))
    })
}

/// HubSpot's and Pipedrive's header shapes.
fn by_headers(export: &Export) -> Option<(Entity, String)> {
    let has = |h: &str| has_header(&export.headers, h);
    let first = export.headers.first().map(|h| h.to_lowercase()).unwrap_or_default();
    for (prefix, entity) in [
        ("deal - ", Entity::Deal),
        ("person - ", Entity::Contact),
        ("organization - ", Entity::Company),
    ] {
        if first.starts_with(prefix) {
            return Some((entity, format!("its headers start {}", quoted(&export.headers[0]))));
        }
    }
    if has("Record ID") {
        let entity = if has("Deal Name") || has("Deal Stage") {
            Entity::Deal
        } else if has("Email") || has("First Name") || has("Last Name") {
            Entity::Contact
        } else if has("Company name") || has("Company Domain Name") {
            Entity::Company
        } else {
            return None;
        };
        return Some((entity, "HubSpot's `Record ID` and its headers".into()));
    }
    None
}

/// Why a file was not placed, with what was seen.
fn why_not(export: &Export, key: Option<usize>, prefix: Option<&str>) -> String {
    let shown: Vec<String> = export.headers.iter().take(8).map(|h| quoted(h)).collect();
    let more = if export.headers.len() > 8 { ", …" } else { "" };
    let seen = match (key, prefix) {
        (Some(k), Some(p)) => {
            let object = OTHER_PREFIXES
                .iter()
                .find(|(o, _)| p.starts_with(o))
                .map_or("an object init does not know".to_string(), |(_, n)| n.to_string());
            format!("its ids in {} start with {p} ({object})", quoted(&export.headers[k]))
        }
        (Some(k), None) => {
            format!("its id column {} holds no Salesforce ids", quoted(&export.headers[k]))
        }
        (None, _) => "it has no id column".to_string(),
    };
    format!(
        "{seen}; headers: {}{more}. Add an [[object]] for it by hand, or run init with --from csv to map every file as its own object",
        shown.join(", ")
    )
}
