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

/// Stage names common outside the standard pipelines (Pipedrive's default
/// pipeline, spreadsheet CRMs) → the nearest stage of HubSpot's default
/// pipeline or Salesforce's standard ones: written, but marked as a guess.
const LIKELY_TO_HUBSPOT: &[(&str, &str)] = &[
    ("Lead In", "appointmentscheduled"),
    ("Contact Made", "appointmentscheduled"),
    ("Engaging", "qualifiedtobuy"),
    ("Qualified", "qualifiedtobuy"),
    ("Demo Scheduled", "presentationscheduled"),
    ("Proposal Made", "contractsent"),
    ("Negotiations Started", "contractsent"),
];

/// As [`LIKELY_TO_HUBSPOT`], into Salesforce.
const LIKELY_TO_SALESFORCE: &[(&str, &str)] =
    &[("Lead In", "Prospecting"), ("Engaging", "Qualification")];

/// A destination stage, and whether it is only the likely one.
type Destination = (&'static str, bool);

/// The stages found, and where each goes.
pub(super) struct StageMap {
    file: String,
    header: String,
    /// (value, rows, destination if a standard one matches, or a likely
    /// one (`true`) is known).
    values: Vec<(String, u64, Option<Destination>)>,
    more: bool,
}

impl StageMap {
    pub(super) fn new(to: Target, file: &str, header: &str, column: &ColumnProfile) -> StageMap {
        let (table, likely) = match to {
            Target::Hubspot => (SALESFORCE_TO_HUBSPOT, LIKELY_TO_HUBSPOT),
            Target::Salesforce => (TO_SALESFORCE, LIKELY_TO_SALESFORCE),
        };
        // A source name first, then a destination name already in use.
        let find = |table: &[(&str, &'static str)], value: &str| {
            let folded = fold(value);
            table
                .iter()
                .find(|(s, _)| fold(s) == folded)
                .map(|(_, d)| *d)
                .or_else(|| table.iter().find(|(_, d)| fold(d) == folded).map(|(_, d)| *d))
        };
        let values = column
            .values
            .iter()
            .map(|(value, rows)| {
                let known = find(table, value)
                    .map(|d| (d, false))
                    .or_else(|| find(likely, value).map(|d| (d, true)));
                (value.clone(), *rows, known)
            })
            .collect();
        StageMap { file: file.into(), header: header.into(), values, more: column.more_values }
    }
}

/// Words of field names that hold free text, not a picklist, however few
/// values a small export happens to have.
const FREE_TEXT: &[&str] = &[
    "name",
    "city",
    "street",
    "address",
    "zip",
    "postal",
    "description",
    "title",
    "email",
    "phone",
    "domain",
    "website",
    "url",
];

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
        let fits = !FREE_TEXT.iter().any(|word| field.contains(word))
            && !column.more_values
            && (2..=15).contains(&distinct)
            && column.filled >= 20
            && column.filled >= 4 * distinct;
        fits.then(|| Picklist {
            name: format!("{object}_{field}"),
            values: column.values.iter().map(|(v, n)| (v.clone(), *n)).collect(),
        })
    }
}

/// `1 row`, `12 rows`.
pub(super) fn rows_of(rows: u64) -> String {
    if rows == 1 { "1 row".into() } else { format!("{rows} rows") }
}

/// Values that differ only in case, spaces or punctuation.
fn near_duplicates(values: &[(&str, u64)]) -> Vec<String> {
    let mut notes = Vec::new();
    for (i, (a, rows_a)) in values.iter().enumerate() {
        for (b, rows_b) in &values[i + 1..] {
            if fold(a) == fold(b) {
                notes.push(format!(
                    "# REVIEW: {} ({}) and {} ({}) differ only in case, spaces or punctuation: one value spelled two ways?",
                    quoted(a),
                    rows_of(*rows_a),
                    quoted(b),
                    rows_of(*rows_b)
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
                Some((to, true)) => {
                    let _ = writeln!(
                        out,
                        "{} = {}  # {}; REVIEW: the likely {target} stage, not a standard name",
                        quoted(value),
                        quoted(to),
                        rows_of(*rows)
                    );
                }
                Some((to, false)) => {
                    let _ =
                        writeln!(out, "{} = {}  # {}", quoted(value), quoted(to), rows_of(*rows));
                }
                None => {
                    let _ = writeln!(
                        out,
                        "# {} = \"\"  # REVIEW: {}; no standard stage matches: name its {target} stage",
                        quoted(value),
                        rows_of(*rows)
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
            let _ = writeln!(out, "{} = {}  # {}", quoted(value), quoted(value), rows_of(*rows));
        }
        let listed: Vec<(&str, u64)> =
            picklist.values.iter().map(|(v, n)| (v.as_str(), *n)).collect();
        for note in near_duplicates(&listed) {
            let _ = writeln!(out, "{note}");
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(values: &[(&str, usize)]) -> ColumnProfile {
        let mut column = ColumnProfile::new();
        for (value, rows) in values {
            (0..*rows).for_each(|_| column.add(value));
        }
        column
    }

    #[test]
    fn every_stage_in_use_is_listed_and_only_unknown_ones_are_left_open() {
        let stages = column(&[("Closed Won", 3), ("Engaging", 2), ("Our Own Stage", 1)]);
        let map = StageMap::new(Target::Hubspot, "data/o.csv", "StageName", &stages);
        let mut out = String::new();
        write_maps(&mut out, "hubspot", Some(map), false, Vec::new());
        assert!(out.contains("\"Closed Won\" = \"closedwon\"  # 3 rows\n"), "{out}");
        assert!(out.contains("\"Engaging\" = \"qualifiedtobuy\"  # 2 rows; REVIEW"), "{out}");
        // Left commented, so the strict map fails the rehearsal on it.
        assert!(out.contains("# \"Our Own Stage\" = \"\"  # REVIEW: 1 row;"), "{out}");
        assert!(out.contains("strict = true"), "{out}");
    }

    #[test]
    fn picklists_are_few_values_used_often_and_never_free_text() {
        let few = column(&[("Retail", 10), ("Energy", 10), ("retail", 5)]);
        let picklist = Picklist::new("companies", "industry", &few).unwrap();
        let mut out = String::new();
        write_maps(&mut out, "hubspot", None, false, vec![picklist]);
        assert!(out.contains("[maps.\"companies_industry\".values]"), "{out}");
        assert!(
            out.contains("\"Retail\" (10 rows) and \"retail\" (5 rows) differ only in case"),
            "{out}"
        );
        assert!(Picklist::new("companies", "city", &few).is_none(), "a city is free text");
        let once_each = column(&[("a", 1), ("b", 1), ("c", 1)]);
        assert!(Picklist::new("companies", "industry", &once_each).is_none());
    }
}
