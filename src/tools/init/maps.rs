//! The value maps `init` writes from the values present: the deal stages
//! (strict: every stage in use must have a destination, so an unmapped one
//! fails the rehearsal until someone decides where it goes) and other
//! columns with few values (kept as they are, listed so near-duplicates
//! such as `GTXPro` and `GTX Pro` are seen).

use std::fmt::Write as _;

use super::plan::fold;
use super::profile::ColumnProfile;
use super::{Target, quoted};

/// Standard Salesforce stages → HubSpot's default pipeline.
const SALESFORCE_TO_HUBSPOT: &[(&str, &str)] = &[
    ("Prospecting", "appointmentscheduled"),
    ("Qualification", "qualifiedtobuy"),
    ("Needs Analysis", "qualifiedtobuy"),
    ("Value Proposition", "presentationscheduled"),
    ("Id. Decision Makers", "decisionmakerboughtin"),
    ("Perception Analysis", "decisionmakerboughtin"),
    ("Proposal/Price Quote", "contractsent"),
    ("Negotiation/Review", "contractsent"),
    ("Closed Won", "closedwon"),
    ("Closed Lost", "closedlost"),
    ("Won", "closedwon"),
    ("Lost", "closedlost"),
];

/// HubSpot's default pipeline and Pipedrive's → standard Salesforce stages.
const TO_SALESFORCE: &[(&str, &str)] = &[
    ("appointmentscheduled", "Prospecting"),
    ("qualifiedtobuy", "Qualification"),
    ("presentationscheduled", "Value Proposition"),
    ("decisionmakerboughtin", "Id. Decision Makers"),
    ("contractsent", "Proposal/Price Quote"),
    ("closedwon", "Closed Won"),
    ("closedlost", "Closed Lost"),
    ("Qualified", "Qualification"),
    ("Contact Made", "Needs Analysis"),
    ("Demo Scheduled", "Value Proposition"),
    ("Proposal Made", "Proposal/Price Quote"),
    ("Negotiations Started", "Negotiation/Review"),
    ("Won", "Closed Won"),
    ("Lost", "Closed Lost"),
];

/// The stages found, and where each goes.
pub(super) struct StageMap {
    file: String,
    header: String,
    /// (value, rows, destination if a standard one matches).
    values: Vec<(String, u64, Option<&'static str>)>,
    more: bool,
}

impl StageMap {
    pub(super) fn new(to: Target, file: &str, header: &str, column: &ColumnProfile) -> StageMap {
        let table = match to {
            Target::Hubspot => SALESFORCE_TO_HUBSPOT,
            Target::Salesforce => TO_SALESFORCE,
        };
        let values = column
            .values
            .iter()
            .map(|(value, rows)| {
                let known =
                    table.iter().find(|(s, _)| fold(s) == fold(value)).map(|(_, d)| *d).or_else(
                        || table.iter().find(|(_, d)| fold(d) == fold(value)).map(|(_, d)| *d),
                    );
                (value.clone(), *rows, known)
            })
            .collect();
        StageMap { file: file.into(), header: header.into(), values, more: column.more_values }
    }
}

/// A column with few distinct values, listed as a map that keeps them.
pub(super) struct Picklist {
    pub(super) name: String,
    values: Vec<(String, u64)>,
}

impl Picklist {
    /// A picklist for `object.field` when its column has few values, each
    /// used several times; else `None`.
    pub(super) fn new(object: &str, field: &str, column: &ColumnProfile) -> Option<Picklist> {
        let distinct = column.values.len() as u64;
        let fits = !column.more_values
            && (2..=15).contains(&distinct)
            && column.filled >= 20
            && column.filled >= 4 * distinct;
        fits.then(|| Picklist {
            name: format!("{object}_{field}"),
            values: column.values.iter().map(|(v, n)| (v.clone(), *n)).collect(),
        })
    }
}

/// Values that differ only in case, spaces or punctuation.
fn near_duplicates(values: &[(&str, u64)]) -> Vec<String> {
    let mut notes = Vec::new();
    for (i, (a, rows_a)) in values.iter().enumerate() {
        for (b, rows_b) in &values[i + 1..] {
            if fold(a) == fold(b) {
                notes.push(format!(
                    "# REVIEW: {} ({rows_a} rows) and {} ({rows_b} rows) differ only in case, spaces or punctuation: one value spelled two ways?",
                    quoted(a),
                    quoted(b)
                ));
            }
        }
    }
    notes
}

/// Writes the value maps the fields use to `out`; `target` names the
/// destination in the notes.
pub(super) fn write_maps(
    out: &mut String,
    target: &str,
    stages: Option<StageMap>,
    uses_pipelines: bool,
    picklists: Vec<Picklist>,
) {
    if let Some(stages) = stages {
        let _ = writeln!(
            out,
            "# The stages in {} {}, with their rows. Strict: a stage without a destination\n\
                 # fails the rehearsal (unmapped_value) until you give it one of {target}'s stages.\n\
                 [maps.stages]\nstrict = true\n[maps.stages.values]",
            quoted(&stages.file),
            quoted(&stages.header)
        );
        for (value, rows, known) in &stages.values {
            match known {
                Some(to) => {
                    let _ = writeln!(out, "{} = {}  # {rows} rows", quoted(value), quoted(to));
                }
                None => {
                    let _ = writeln!(
                        out,
                        "# {} = \"\"  # REVIEW: {rows} rows; no standard stage matches: name its {target} stage",
                        quoted(value)
                    );
                }
            }
        }
        let listed: Vec<(&str, u64)> =
            stages.values.iter().map(|(v, n, _)| (v.as_str(), *n)).collect();
        for note in near_duplicates(&listed) {
            let _ = writeln!(out, "{note}");
        }
        if stages.more {
            let _ =
                writeln!(out, "# REVIEW: more than 1000 distinct values: is this really a stage?");
        }
        out.push('\n');
    }
    if uses_pipelines {
        let _ = writeln!(
            out,
            "# Every stage goes to HubSpot's default pipeline; list stages of other pipelines here.\n[maps.pipelines]\nunmapped = \"default\"\ndefault = \"default\"\nvalues = {{ }}\n"
        );
    }
    for picklist in picklists {
        let _ = writeln!(
            out,
            "# The values of {} with their rows, kept as they are. REVIEW: rename them to the destination's picklist values.\n[maps.{}]\n[maps.{}.values]",
            picklist.name,
            quoted(&picklist.name),
            quoted(&picklist.name)
        );
        for (value, rows) in &picklist.values {
            let _ = writeln!(out, "{} = {}  # {rows} rows", quoted(value), quoted(value));
        }
        let listed: Vec<(&str, u64)> =
            picklist.values.iter().map(|(v, n)| (v.as_str(), *n)).collect();
        for note in near_duplicates(&listed) {
            let _ = writeln!(out, "{note}");
        }
        out.push('\n');
    }
}
