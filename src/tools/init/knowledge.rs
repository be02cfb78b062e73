//! What `init` knows about the exports of Salesforce, HubSpot and
//! Pipedrive: which entity a file holds, the standard columns and where
//! they go in HubSpot or Salesforce, the lookup and junction shapes, the
//! record id columns and the default stage maps.

use super::{Platform, Target};

/// The business entities the knowledge covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Entity {
    Company,
    Contact,
    Deal,
    Lead,
    Campaign,
    User,
    Task,
    Event,
}

/// Salesforce key prefixes of the objects `init` maps, and of the junction
/// objects it reads as links (the first three characters of every id).
pub(super) const PREFIXES: &[(&str, Holds)] = &[
    ("001", Holds::Object(Entity::Company)),
    ("003", Holds::Object(Entity::Contact)),
    ("006", Holds::Object(Entity::Deal)),
    ("00Q", Holds::Object(Entity::Lead)),
    ("005", Holds::Object(Entity::User)),
    ("701", Holds::Object(Entity::Campaign)),
    ("00T", Holds::Object(Entity::Task)),
    ("00U", Holds::Object(Entity::Event)),
    ("00K", Holds::Junction(JunctionKind::OpportunityContactRole)),
    ("07k", Holds::Junction(JunctionKind::AccountContactRelation)),
    ("00v", Holds::Junction(JunctionKind::CampaignMember)),
];

/// Salesforce key prefixes of objects `init` does not map, to name them
/// when a file or a lookup holds their ids.
pub(super) const OTHER_PREFIXES: &[(&str, &str)] = &[
    ("00D", "Organization"),
    ("00E", "UserRole"),
    ("00G", "Group"),
    ("00e", "Profile"),
    ("00k", "OpportunityLineItem"),
    ("01s", "Pricebook2"),
    ("01t", "Product2"),
    ("02i", "Asset"),
    ("500", "Case"),
    ("800", "Contract"),
    ("801", "Order"),
    ("a0", "a custom object"),
];

/// What a file holds: the records of an object, or links between two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Holds {
    Object(Entity),
    Junction(JunctionKind),
}

/// The Salesforce junction objects `init` reads as links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum JunctionKind {
    OpportunityContactRole,
    AccountContactRelation,
    CampaignMember,
}

impl JunctionKind {
    /// (left column, entity), (right column, entity), primary setting.
    pub(super) fn shape(self) -> JunctionShape {
        match self {
            JunctionKind::OpportunityContactRole => (
                ("OpportunityId", Entity::Deal),
                ("ContactId", Entity::Contact),
                Some(("IsPrimary", "primary = {}")),
            ),
            JunctionKind::AccountContactRelation => (
                ("AccountId", Entity::Company),
                ("ContactId", Entity::Contact),
                Some(("IsDirect", "primary = { column = {}, per = \"right\" }")),
            ),
            JunctionKind::CampaignMember => {
                (("CampaignId", Entity::Campaign), ("ContactId", Entity::Contact), None)
            }
        }
    }

    /// The Salesforce object's name.
    pub(super) fn name(self) -> &'static str {
        match self {
            JunctionKind::OpportunityContactRole => "OpportunityContactRole",
            JunctionKind::AccountContactRelation => "AccountContactRelation",
            JunctionKind::CampaignMember => "CampaignMember",
        }
    }
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
            (Entity::User, _) => "users",
            (Entity::Task, _) => "tasks",
            (Entity::Event, Target::Hubspot) => "meetings",
            (Entity::Event, Target::Salesforce) => "events",
        }
    }

    /// The Salesforce object it is, in messages.
    pub(super) fn salesforce(self) -> &'static str {
        match self {
            Entity::Company => "Account",
            Entity::Contact => "Contact",
            Entity::Deal => "Opportunity",
            Entity::Lead => "Lead",
            Entity::Campaign => "Campaign",
            Entity::User => "User",
            Entity::Task => "Task",
            Entity::Event => "Event",
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
        Platform::Salesforce if is(&["user"]) => Some(Entity::User),
        Platform::Salesforce if is(&["task"]) => Some(Entity::Task),
        Platform::Salesforce if is(&["event"]) => Some(Entity::Event),
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
        Platform::Csv if is(&["accounts", "account", "companies", "company", "organizations"]) => {
            Some(Entity::Company)
        }
        Platform::Csv if is(&["contacts", "contact", "people", "persons"]) => Some(Entity::Contact),
        Platform::Csv if is(&["deals", "deal", "opportunities", "sales_pipeline", "pipeline"]) => {
            Some(Entity::Deal)
        }
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

pub(super) fn singular(name: &str) -> String {
    match name {
        "opportunities" => "opportunity".into(),
        "companies" => "company".into(),
        n => n.strip_suffix('s').unwrap_or(n).to_string(),
    }
}

/// HubSpot's multi-valued company column in contact and deal exports.
pub(super) const HUBSPOT_COMPANY_IDS: &str = "Associated Company IDs";

/// A junction object's ends, (column, entity) each, and its primary flag:
/// the column and the setting that reads it (`{}` stands for the column).
pub(super) type JunctionShape =
    ((&'static str, Entity), (&'static str, Entity), Option<(&'static str, &'static str)>);

/// Lookup columns of HubSpot and Pipedrive exports, by header: the entity
/// they point at, and whether they hold names rather than ids.
pub(super) fn lookup(from: Platform, header: &str) -> Option<(Entity, bool)> {
    let h = header.to_lowercase();
    match (from, h.as_str()) {
        (Platform::Hubspot, "associated company id") => Some((Entity::Company, false)),
        (Platform::Pipedrive, "deal - organization" | "person - organization") => {
            Some((Entity::Company, true))
        }
        _ => None,
    }
}
