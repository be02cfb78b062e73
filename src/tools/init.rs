//! `shadow-import init`: a first scenario.toml from the headers of an
//! export folder. It knows the standard objects and fields of Salesforce,
//! HubSpot and Pipedrive exports and where they go in HubSpot or Salesforce;
//! every guess is marked `REVIEW`, every column it cannot place is listed
//! commented out, so nothing is silently left behind.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::error::{Error, Location, Result, ToolError};
use crate::parse::CsvFile;
use crate::scenario::{SCENARIO_FILE, Source};

/// Where the export comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    /// Salesforce (Data Loader or report exports).
    Salesforce,
    /// HubSpot CRM exports.
    Hubspot,
    /// Pipedrive exports ("Deal - Title" headers).
    Pipedrive,
    /// Any spreadsheet: one object per file, no field knowledge.
    Csv,
}

/// Where the data goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// HubSpot CRM.
    Hubspot,
    /// Salesforce.
    Salesforce,
}

/// What `init` wrote.
#[derive(Debug, Clone)]
pub struct InitSummary {
    /// The scenario file written.
    pub path: PathBuf,
    /// Objects mapped (destination names).
    pub objects: Vec<String>,
    /// Junctions mapped.
    pub junctions: Vec<String>,
    /// Files left unmapped (listed in the scenario as comments).
    pub skipped: Vec<String>,
}

/// The business entities the knowledge covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entity {
    Company,
    Contact,
    Deal,
    Lead,
    Campaign,
}

impl Entity {
    fn target(self, to: Target) -> &'static str {
        match (self, to) {
            (Entity::Company, Target::Hubspot) => "companies",
            (Entity::Company, Target::Salesforce) => "accounts",
            (Entity::Contact, _) => "contacts",
            (Entity::Deal, Target::Hubspot) => "deals",
            (Entity::Deal, Target::Salesforce) => "opportunities",
            (Entity::Lead, _) => "leads",
            (Entity::Campaign, _) => "campaigns",
        }
    }
}

/// Which entity a file holds, by its name.
fn entity_of(from: Platform, stem: &str) -> Option<Entity> {
    let s = stem.to_lowercase();
    let is = |names: &[&str]| {
        names
            .iter()
            .any(|n| s == *n || s.starts_with(&format!("{n}_")) || s.starts_with(&format!("{n}-")))
    };
    match from {
        Platform::Salesforce if is(&["account"]) => Some(Entity::Company),
        Platform::Salesforce if is(&["contact"]) => Some(Entity::Contact),
        Platform::Salesforce if is(&["opportunity"]) => Some(Entity::Deal),
        Platform::Salesforce if is(&["lead"]) => Some(Entity::Lead),
        Platform::Salesforce if is(&["campaign"]) => Some(Entity::Campaign),
        Platform::Hubspot | Platform::Pipedrive
            if is(&["companies", "company", "organizations", "organization"]) =>
        {
            Some(Entity::Company)
        }
        Platform::Hubspot | Platform::Pipedrive
            if is(&["contacts", "contact", "persons", "people"]) =>
        {
            Some(Entity::Contact)
        }
        Platform::Hubspot | Platform::Pipedrive if is(&["deals", "deal"]) => Some(Entity::Deal),
        _ => None,
    }
}

/// A known source column: its entity, the source headers it appears under,
/// its destination field per target, and how it is typed.
struct Known {
    entity: Entity,
    headers: &'static [&'static str],
    hubspot: &'static str,
    salesforce: &'static str,
    /// Extra settings: `type = "email", critical = true` …
    settings: &'static str,
}

const KNOWN: &[Known] = &[
    Known {
        entity: Entity::Company,
        headers: &["Name", "Company name", "Organization - Name"],
        hubspot: "name",
        salesforce: "Name",
        settings: "required = true",
    },
    Known {
        entity: Entity::Company,
        headers: &["Website", "Company Domain Name", "Organization - Website"],
        hubspot: "domain",
        salesforce: "Website",
        settings: "",
    },
    Known {
        entity: Entity::Company,
        headers: &["Industry"],
        hubspot: "industry",
        salesforce: "Industry",
        settings: "",
    },
    Known {
        entity: Entity::Company,
        headers: &["Phone", "Phone Number"],
        hubspot: "phone",
        salesforce: "Phone",
        settings: "type = \"phone\"",
    },
    Known {
        entity: Entity::Company,
        headers: &["BillingCity", "City", "Organization - City"],
        hubspot: "city",
        salesforce: "BillingCity",
        settings: "",
    },
    Known {
        entity: Entity::Company,
        headers: &["BillingCountry", "Country/Region", "Organization - Country"],
        hubspot: "country",
        salesforce: "BillingCountry",
        settings: "",
    },
    Known {
        entity: Entity::Company,
        headers: &["NumberOfEmployees", "Number of Employees"],
        hubspot: "numberofemployees",
        salesforce: "NumberOfEmployees",
        settings: "type = \"int\"",
    },
    Known {
        entity: Entity::Contact,
        headers: &["FirstName", "First Name", "Person - First name"],
        hubspot: "firstname",
        salesforce: "FirstName",
        settings: "",
    },
    Known {
        entity: Entity::Contact,
        headers: &["LastName", "Last Name", "Person - Last name"],
        hubspot: "lastname",
        salesforce: "LastName",
        settings: "required = true",
    },
    Known {
        entity: Entity::Contact,
        headers: &["Email", "Person - Email"],
        hubspot: "email",
        salesforce: "Email",
        settings: "type = \"email\", critical = true",
    },
    Known {
        entity: Entity::Contact,
        headers: &["Phone", "Phone Number", "Person - Phone"],
        hubspot: "phone",
        salesforce: "Phone",
        settings: "type = \"phone\"",
    },
    Known {
        entity: Entity::Contact,
        headers: &["MobilePhone", "Mobile Phone Number"],
        hubspot: "mobilephone",
        salesforce: "MobilePhone",
        settings: "type = \"phone\"",
    },
    Known {
        entity: Entity::Contact,
        headers: &["Title", "Job Title"],
        hubspot: "jobtitle",
        salesforce: "Title",
        settings: "",
    },
    Known {
        entity: Entity::Contact,
        headers: &["MailingCity", "City"],
        hubspot: "city",
        salesforce: "MailingCity",
        settings: "",
    },
    Known {
        entity: Entity::Contact,
        headers: &["MailingCountry", "Country/Region"],
        hubspot: "country",
        salesforce: "MailingCountry",
        settings: "",
    },
    Known {
        entity: Entity::Contact,
        headers: &["CreatedDate", "Create Date"],
        hubspot: "createdate",
        salesforce: "CreatedDate",
        settings: "type = \"datetime\"",
    },
    Known {
        entity: Entity::Deal,
        headers: &["Name", "Deal Name", "Deal - Title"],
        hubspot: "dealname",
        salesforce: "Name",
        settings: "required = true",
    },
    Known {
        entity: Entity::Deal,
        headers: &["StageName", "Deal Stage", "Deal - Stage"],
        hubspot: "dealstage",
        salesforce: "StageName",
        settings: "map = \"stages\", critical = true",
    },
    Known {
        entity: Entity::Deal,
        headers: &["Amount", "Deal - Value"],
        hubspot: "amount",
        salesforce: "Amount",
        settings: "type = \"decimal\", critical = true",
    },
    Known {
        entity: Entity::Deal,
        headers: &["CloseDate", "Close Date", "Deal - Expected close date"],
        hubspot: "closedate",
        salesforce: "CloseDate",
        settings: "type = \"date\"",
    },
    Known {
        entity: Entity::Deal,
        headers: &["Description"],
        hubspot: "description",
        salesforce: "Description",
        settings: "",
    },
    Known {
        entity: Entity::Deal,
        headers: &["CreatedDate", "Create Date", "Deal - Deal created"],
        hubspot: "createdate",
        salesforce: "CreatedDate",
        settings: "type = \"datetime\"",
    },
    Known {
        entity: Entity::Lead,
        headers: &["FirstName"],
        hubspot: "firstname",
        salesforce: "FirstName",
        settings: "",
    },
    Known {
        entity: Entity::Lead,
        headers: &["LastName"],
        hubspot: "lastname",
        salesforce: "LastName",
        settings: "required = true",
    },
    Known {
        entity: Entity::Lead,
        headers: &["Company"],
        hubspot: "company",
        salesforce: "Company",
        settings: "",
    },
    Known {
        entity: Entity::Lead,
        headers: &["Email"],
        hubspot: "email",
        salesforce: "Email",
        settings: "type = \"email\"",
    },
    Known {
        entity: Entity::Campaign,
        headers: &["Name"],
        hubspot: "name",
        salesforce: "Name",
        settings: "required = true",
    },
];

/// Standard Salesforce stages → HubSpot's default pipeline.
const SALESFORCE_TO_HUBSPOT_STAGES: &str = r#"{ "Prospecting" = "appointmentscheduled", "Qualification" = "qualifiedtobuy", "Needs Analysis" = "qualifiedtobuy", "Value Proposition" = "presentationscheduled", "Id. Decision Makers" = "decisionmakerboughtin", "Perception Analysis" = "decisionmakerboughtin", "Proposal/Price Quote" = "contractsent", "Negotiation/Review" = "contractsent", "Closed Won" = "closedwon", "Closed Lost" = "closedlost" }"#;

/// Pipedrive's default pipeline → standard Salesforce stages.
const PIPEDRIVE_TO_SALESFORCE_STAGES: &str = r#"{ "Qualified" = "Qualification", "Contact Made" = "Needs Analysis", "Demo Scheduled" = "Value Proposition", "Proposal Made" = "Proposal/Price Quote", "Negotiations Started" = "Negotiation/Review" }"#;

/// A file found in the export folder.
struct Export {
    file: String,
    stem: String,
    headers: Vec<String>,
}

/// Writes `DIR/scenario.toml` from the export files in `DIR/data/` (or in
/// `DIR` itself). Refuses to replace an existing scenario unless `force`.
pub fn init(dir: &Path, from: Platform, to: Target, force: bool) -> Result<InitSummary> {
    let path = dir.join(SCENARIO_FILE);
    if path.exists() && !force {
        return Err(Error::Tool(ToolError::ScenarioExists { path }));
    }
    let folder = if dir.join("data").is_dir() { "data" } else { "" };
    let exports = read_exports(dir, folder)?;
    let (text, summary) = write_scenario(&exports, from, to, &path);
    std::fs::write(&path, text).map_err(|source| Error::Write { path, source })?;
    Ok(summary)
}

fn read_exports(dir: &Path, folder: &str) -> Result<Vec<Export>> {
    let read_error = |source| Error::Read { location: Location::file(dir.join(folder)), source };
    let mut names: Vec<String> = std::fs::read_dir(dir.join(folder))
        .map_err(read_error)?
        .filter_map(std::result::Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| {
            let lower = n.to_lowercase();
            lower.ends_with(".csv") || lower.ends_with(".tsv") || lower.ends_with(".txt")
        })
        .collect();
    names.sort();
    if names.is_empty() {
        return Err(Error::Tool(ToolError::NoExports {
            folder: dir.join(folder),
            data: dir.join("data"),
        }));
    }
    let mut exports = Vec::new();
    for name in names {
        let file = if folder.is_empty() { name.clone() } else { format!("{folder}/{name}") };
        let source = Source {
            file: file.clone(),
            path: dir.join(&file),
            encoding: None,
            delimiter: None,
            declared_at: Location::file(dir.join(SCENARIO_FILE)),
        };
        // An export that cannot be read is named now, not discovered at `run`.
        let headers = CsvFile::open(&source)?.headers().to_vec();
        let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s).to_string();
        exports.push(Export { file, stem, headers });
    }
    Ok(exports)
}

/// A TOML string literal.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// `Deal - Expected close date` → `deal_expected_close_date`.
fn snake(header: &str) -> String {
    let mut out = String::new();
    for c in header.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_string()
}

fn write_scenario(
    exports: &[Export],
    from: Platform,
    to: Target,
    path: &Path,
) -> (String, InitSummary) {
    let platform = match from {
        Platform::Salesforce => "salesforce",
        Platform::Hubspot => "hubspot",
        Platform::Pipedrive => "pipedrive",
        Platform::Csv => "csv",
    };
    let target = match to {
        Target::Hubspot => "hubspot",
        Target::Salesforce => "salesforce",
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Generated by `shadow-import init --from {platform} --to {target}` from the headers"
    );
    let _ = writeln!(
        out,
        "# of the export files beside it. Every line marked REVIEW is a guess: check it"
    );
    let _ = writeln!(
        out,
        "# before trusting a verdict. Columns without a known destination are listed"
    );
    let _ = writeln!(out, "# commented out; uncomment the ones you migrate.\n");
    let name = path
        .parent()
        .and_then(Path::file_name)
        .map_or("migration".into(), |n| n.to_string_lossy().into_owned());
    let _ = writeln!(
        out,
        "[scenario]\nname = {}\ndescription = {}\n",
        quoted(&name),
        quoted(&format!("{platform} to {target}, generated by init"))
    );
    let _ = writeln!(
        out,
        "# [destination]\n# schema = \"{target}\"   # check {target}'s own rules (required fields, lengths, picklists)\n"
    );

    // Objects by file: known entities first, then (csv) every file.
    let mut objects: Vec<(&Export, Option<Entity>, String)> = Vec::new();
    for export in exports {
        if junction_of(from, export, exports).is_some() {
            continue;
        }
        match entity_of(from, &export.stem) {
            Some(entity) if !objects.iter().any(|(_, e, _)| *e == Some(entity)) => {
                objects.push((export, Some(entity), entity.target(to).to_string()));
            }
            _ if from == Platform::Csv => objects.push((export, None, snake(&export.stem))),
            _ => {}
        }
    }
    let mut summary = InitSummary {
        path: path.to_path_buf(),
        objects: Vec::new(),
        junctions: Vec::new(),
        skipped: Vec::new(),
    };
    let mut uses_stages = false;
    let mut uses_pipelines = false;
    let mut used: Vec<&str> = objects.iter().map(|(e, _, _)| e.file.as_str()).collect();
    for (export, entity, object) in &objects {
        let key = key_column(from, &export.headers);
        let _ = writeln!(
            out,
            "[[object]]\nname = {}\nfile = {}\nkey = {}{}",
            quoted(object),
            quoted(&export.file),
            quoted(&key),
            if key_is_guess(from, &key) { "  # REVIEW: the record id column?" } else { "" }
        );
        if from == Platform::Salesforce {
            let _ = writeln!(out, "ids = \"salesforce\"");
        }
        let mut written: Vec<String> = Vec::new();
        let mut stage_column = None;
        for header in export.headers.iter().filter(|h| **h != key) {
            let line = field_line(from, to, *entity, header, &objects, &mut written);
            if line.contains("map = \"stages\"") {
                uses_stages = true;
                stage_column = Some(header);
            }
            let _ = writeln!(out, "{line}");
        }
        if to == Target::Hubspot
            && let Some(stage) = stage_column
        {
            // HubSpot requires a deal's pipeline; the stage map targets the default one.
            let _ = writeln!(
                out,
                "fields.pipeline = {{ from = {}, map = \"pipelines\" }}  # REVIEW: every deal into the default pipeline",
                quoted(stage)
            );
            uses_pipelines = true;
        }
        out.push('\n');
        summary.objects.push(object.clone());
    }
    for export in exports {
        if let Some((left, right, primary)) = junction_of(from, export, exports) {
            let (Some(l), Some(r)) =
                (entity_name(&objects, left.1), entity_name(&objects, right.1))
            else {
                continue;
            };
            let name = format!("{}_{}", singular(&l), r);
            used.push(&export.file);
            let _ = writeln!(
                out,
                "[[junction]]\nname = {}\nfile = {}",
                quoted(&name),
                quoted(&export.file)
            );
            if export.headers.iter().any(|h| h == "Id") {
                let _ = writeln!(out, "key = \"Id\"");
            }
            let _ = writeln!(
                out,
                "left = {{ from = {}, ref = {} }}\nright = {{ from = {}, ref = {} }}",
                quoted(left.0),
                quoted(&l),
                quoted(right.0),
                quoted(&r)
            );
            if let Some(primary) = primary {
                let _ = writeln!(out, "{primary}");
            }
            out.push('\n');
            summary.junctions.push(name);
        }
    }
    // HubSpot writes a record's companies into one cell, `123;456`: one link each.
    let companies = entity_name(&objects, Entity::Company);
    for (export, entity, object) in &objects {
        if from != Platform::Hubspot
            || *entity == Some(Entity::Company)
            || !export.headers.iter().any(|h| h == HUBSPOT_COMPANY_IDS)
        {
            continue;
        }
        let Some(companies) = &companies else { continue };
        let name = format!("{}_{}", singular(object), companies);
        let _ = writeln!(
            out,
            "[[junction]]\nname = {}\nfile = {}\nleft = {{ from = {}, ref = {} }}\nright = {{ from = {}, ref = {}, split = \";\" }}\n",
            quoted(&name),
            quoted(&export.file),
            quoted(&key_column(from, &export.headers)),
            quoted(object),
            quoted(HUBSPOT_COMPANY_IDS),
            quoted(companies)
        );
        summary.junctions.push(name);
    }
    for export in exports {
        if !used.contains(&export.file.as_str()) {
            let _ = writeln!(
                out,
                "# Not mapped: {} (columns: {}). REVIEW: add an [[object]] if it migrates.\n",
                export.file,
                export.headers.join(", ")
            );
            summary.skipped.push(export.file.clone());
        }
    }
    if uses_stages {
        let values = match (from, to) {
            (Platform::Salesforce, Target::Hubspot) => SALESFORCE_TO_HUBSPOT_STAGES,
            (Platform::Pipedrive, Target::Salesforce) => PIPEDRIVE_TO_SALESFORCE_STAGES,
            _ => "{ }",
        };
        let _ = writeln!(
            out,
            "# REVIEW: the standard stages; add your org's own, every stage in use must be here.\n[maps.stages]\nstrict = true\nvalues = {values}\n"
        );
    }
    if uses_pipelines {
        let _ = writeln!(
            out,
            "# Every stage goes to HubSpot's default pipeline; list stages of other pipelines here.\n[maps.pipelines]\nunmapped = \"default\"\ndefault = \"default\"\nvalues = {{ }}\n"
        );
    }
    if let Some(deal_contacts) = summary.junctions.iter().find(|j| {
        j.contains("contacts")
            && !j.starts_with("compan")
            && !j.starts_with("account")
            && !j.starts_with("campaign")
    }) {
        let parent = Entity::Deal.target(to);
        let _ = writeln!(
            out,
            "[triggers]\nmissing_relationship = {{ parent = {}, via = {}, fail = \"2%\" }}",
            quoted(parent),
            quoted(deal_contacts)
        );
    }
    (out, summary)
}

fn entity_name(objects: &[(&Export, Option<Entity>, String)], entity: Entity) -> Option<String> {
    objects.iter().find(|(_, e, _)| *e == Some(entity)).map(|(_, _, n)| n.clone())
}

fn singular(name: &str) -> String {
    match name {
        "opportunities" => "opportunity".into(),
        "companies" => "company".into(),
        n => n.strip_suffix('s').unwrap_or(n).to_string(),
    }
}

/// HubSpot's multi-valued company column in contact and deal exports.
const HUBSPOT_COMPANY_IDS: &str = "Associated Company IDs";

/// Salesforce junction objects: (left column, entity), (right column, entity), primary line.
type JunctionShape = ((&'static str, Entity), (&'static str, Entity), Option<&'static str>);

fn junction_of(from: Platform, export: &Export, _all: &[Export]) -> Option<JunctionShape> {
    if from != Platform::Salesforce {
        return None;
    }
    let has = |h: &str| export.headers.iter().any(|x| x == h);
    match export.stem.as_str() {
        "OpportunityContactRole" if has("OpportunityId") && has("ContactId") => Some((
            ("OpportunityId", Entity::Deal),
            ("ContactId", Entity::Contact),
            has("IsPrimary").then_some("primary = \"IsPrimary\""),
        )),
        "AccountContactRelation" if has("AccountId") && has("ContactId") => Some((
            ("AccountId", Entity::Company),
            ("ContactId", Entity::Contact),
            has("IsDirect").then_some("primary = { column = \"IsDirect\", per = \"right\" }"),
        )),
        "CampaignMember" if has("CampaignId") && has("ContactId") => {
            Some((("CampaignId", Entity::Campaign), ("ContactId", Entity::Contact), None))
        }
        _ => None,
    }
}

fn key_column(from: Platform, headers: &[String]) -> String {
    let preferred: &[&str] = match from {
        Platform::Salesforce => &["Id", "ID"],
        Platform::Hubspot => &["Record ID"],
        Platform::Pipedrive => &["Deal - ID", "Person - ID", "Organization - ID", "ID"],
        Platform::Csv => &["Id", "ID", "id"],
    };
    preferred
        .iter()
        .find_map(|p| headers.iter().find(|h| h == p))
        .or_else(|| headers.first())
        .cloned()
        .unwrap_or_else(|| "Id".into())
}

fn key_is_guess(from: Platform, key: &str) -> bool {
    !matches!((from, key), (Platform::Salesforce, "Id") | (Platform::Hubspot, "Record ID"))
        && !key.ends_with(" - ID")
}

/// One `fields.x = {…}` line, or a commented-out line for an unknown column.
fn field_line(
    from: Platform,
    to: Target,
    entity: Option<Entity>,
    header: &str,
    objects: &[(&Export, Option<Entity>, String)],
    written: &mut Vec<String>,
) -> String {
    let field = |name: &str, settings: &str, note: &str| -> String {
        let extra = if settings.is_empty() { String::new() } else { format!(", {settings}") };
        format!("fields.{name} = {{ from = {}{extra} }}{note}", quoted(header))
    };
    if from == Platform::Hubspot
        && header == HUBSPOT_COMPANY_IDS
        && entity_name(objects, Entity::Company).is_some()
    {
        return format!(
            "# {} holds several ids (123;456): linked through a [[junction]] below",
            quoted(header)
        );
    }
    if let Some(entity) = entity {
        // A lookup to another exported object: Salesforce `AccountId`, Pipedrive `Deal - Organization`.
        if let Some((target_entity, by)) = lookup(from, header)
            && let Some(target) = entity_name(objects, target_entity)
        {
            if to == Target::Hubspot && entity == Entity::Deal {
                // A HubSpot deal has no lookup property (`associatedcompanyid` is
                // a contact's): it reaches companies and contacts by association.
                return format!(
                    "# {}  # REVIEW: HubSpot links deals to {target} by association, not by a deal property; map it as a [[junction]] (left = the deal id, right = this column) if the links migrate",
                    field(&snake(header), &format!("ref = {}", quoted(&target)), "")
                );
            }
            let name = match to {
                Target::Hubspot => match target_entity {
                    Entity::Company => "associatedcompanyid",
                    _ => "",
                },
                Target::Salesforce => match target_entity {
                    Entity::Company if entity == Entity::Company => "ParentId",
                    Entity::Company => "AccountId",
                    _ => "",
                },
            };
            let name = if name.is_empty() { snake(header) } else { name.to_string() };
            if !written.contains(&name) {
                written.push(name.clone());
                // Matched by the target's name field when the export writes names.
                let by_field = match to {
                    Target::Hubspot => "name",
                    Target::Salesforce => "Name",
                };
                let by = by.map(|_| format!(", by = {}", quoted(by_field))).unwrap_or_default();
                let kind = if by.is_empty() { "type = \"id\", " } else { "" };
                return field(
                    &name,
                    &format!("{kind}ref = {}{by}", quoted(&target)),
                    "  # REVIEW: lookup",
                );
            }
        }
        if let Some(known) =
            KNOWN.iter().find(|k| k.entity == entity && k.headers.contains(&header))
        {
            let name = match to {
                Target::Hubspot => known.hubspot,
                Target::Salesforce => known.salesforce,
            };
            if !written.iter().any(|w| w == name) {
                written.push(name.to_string());
                return field(name, known.settings, "");
            }
        }
        // Pipedrive's "Person - Name" holds the full name.
        if header == "Person - Name" && entity == Entity::Contact {
            let (first, last) = match to {
                Target::Hubspot => ("firstname", "lastname"),
                Target::Salesforce => ("FirstName", "LastName"),
            };
            if !written.iter().any(|w| w == first || w == last) {
                written.push(first.into());
                written.push(last.into());
                return format!(
                    "{}  # REVIEW: split of the full name\n{}",
                    field(first, "part = \"first\"", ""),
                    field(last, "part = \"last\", required = true", "")
                );
            }
        }
    }
    if from == Platform::Csv {
        return field(&snake(header), "", "  # REVIEW");
    }
    format!("# {}  # REVIEW: no known destination field", field(&snake(header), "", ""))
}

/// Lookup columns of the known platforms: the entity they point at, and
/// the target field matched when it is not the key (Pipedrive writes names).
fn lookup(from: Platform, header: &str) -> Option<(Entity, Option<()>)> {
    match (from, header) {
        (Platform::Salesforce, "AccountId" | "ParentId") => Some((Entity::Company, None)),
        (Platform::Salesforce, "ContactId") => Some((Entity::Contact, None)),
        (Platform::Hubspot, "Associated Company ID") => Some((Entity::Company, None)),
        (Platform::Pipedrive, "Deal - Organization" | "Person - Organization") => {
            Some((Entity::Company, Some(())))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_headers() {
        assert_eq!(snake("Deal - Expected close date"), "deal_expected_close_date");
        assert_eq!(snake("Country/Region"), "country_region");
        assert_eq!(snake("Name"), "name");
    }

    #[test]
    fn hubspot_company_ids_become_a_split_junction() {
        let export = |file: &str, stem: &str, headers: &[&str]| Export {
            file: file.into(),
            stem: stem.into(),
            headers: headers.iter().map(|h| (*h).to_string()).collect(),
        };
        let exports = [
            export("data/companies.csv", "companies", &["Record ID", "Company name"]),
            export(
                "data/contacts.csv",
                "contacts",
                &["Record ID", "Email", "Associated Company IDs"],
            ),
        ];
        let (text, summary) = write_scenario(
            &exports,
            Platform::Hubspot,
            Target::Salesforce,
            Path::new("m/scenario.toml"),
        );
        assert!(
            text.contains(
                "left = { from = \"Record ID\", ref = \"contacts\" }\n\
                 right = { from = \"Associated Company IDs\", ref = \"accounts\", split = \";\" }"
            ),
            "{text}"
        );
        assert!(!text.contains("fields.AccountId"), "not a single lookup: {text}");
        assert_eq!(summary.junctions, ["contact_accounts"]);
    }

    #[test]
    fn files_name_their_entities() {
        assert_eq!(entity_of(Platform::Salesforce, "Opportunity"), Some(Entity::Deal));
        assert_eq!(entity_of(Platform::Hubspot, "contacts"), Some(Entity::Contact));
        assert_eq!(entity_of(Platform::Pipedrive, "organizations"), Some(Entity::Company));
        assert_eq!(entity_of(Platform::Salesforce, "OpportunityContactRole"), None);
    }
}
