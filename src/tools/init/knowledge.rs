//! What `init` knows about the exports of Salesforce, HubSpot and
//! Pipedrive: which entity a file holds, the standard columns and where
//! they go in HubSpot or Salesforce, the lookup and junction shapes, the
//! record id columns and the default stage maps.

use super::{Export, Platform, Target};

/// The business entities the knowledge covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Entity {
    Company,
    Contact,
    Deal,
    Lead,
    Campaign,
}

impl Entity {
    pub(super) fn target(self, to: Target) -> &'static str {
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
pub(super) fn entity_of(from: Platform, stem: &str) -> Option<Entity> {
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
pub(super) struct Known {
    pub(super) entity: Entity,
    pub(super) headers: &'static [&'static str],
    pub(super) hubspot: &'static str,
    pub(super) salesforce: &'static str,
    /// Extra settings: `type = "email", critical = true` …
    pub(super) settings: &'static str,
}

pub(super) const KNOWN: &[Known] = &[
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
pub(super) const SALESFORCE_TO_HUBSPOT_STAGES: &str = r#"{ "Prospecting" = "appointmentscheduled", "Qualification" = "qualifiedtobuy", "Needs Analysis" = "qualifiedtobuy", "Value Proposition" = "presentationscheduled", "Id. Decision Makers" = "decisionmakerboughtin", "Perception Analysis" = "decisionmakerboughtin", "Proposal/Price Quote" = "contractsent", "Negotiation/Review" = "contractsent", "Closed Won" = "closedwon", "Closed Lost" = "closedlost" }"#;

/// Pipedrive's default pipeline → standard Salesforce stages.
pub(super) const PIPEDRIVE_TO_SALESFORCE_STAGES: &str = r#"{ "Qualified" = "Qualification", "Contact Made" = "Needs Analysis", "Demo Scheduled" = "Value Proposition", "Proposal Made" = "Proposal/Price Quote", "Negotiations Started" = "Negotiation/Review" }"#;

pub(super) fn singular(name: &str) -> String {
    match name {
        "opportunities" => "opportunity".into(),
        "companies" => "company".into(),
        n => n.strip_suffix('s').unwrap_or(n).to_string(),
    }
}

/// HubSpot's multi-valued company column in contact and deal exports.
pub(super) const HUBSPOT_COMPANY_IDS: &str = "Associated Company IDs";

/// Salesforce junction objects: (left column, entity), (right column, entity), primary line.
pub(super) type JunctionShape =
    ((&'static str, Entity), (&'static str, Entity), Option<&'static str>);

pub(super) fn junction_of(
    from: Platform,
    export: &Export,
    _all: &[Export],
) -> Option<JunctionShape> {
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

pub(super) fn key_column(from: Platform, headers: &[String]) -> String {
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

pub(super) fn key_is_guess(from: Platform, key: &str) -> bool {
    !matches!((from, key), (Platform::Salesforce, "Id") | (Platform::Hubspot, "Record ID"))
        && !key.ends_with(" - ID")
}

/// Lookup columns of the known platforms: the entity they point at, and
/// the target field matched when it is not the key (Pipedrive writes names).
pub(super) fn lookup(from: Platform, header: &str) -> Option<(Entity, Option<()>)> {
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
