//! `shadow-import generate`: a deterministic, Salesforce-shaped export of any
//! size for benchmarks and load rehearsals: Account (N/4), Contact (N),
//! Opportunity (N/2) and OpportunityContactRole (about 0.8 N), every field
//! quoted, CRLF, UTF-8, 18-character ids with correct case-safe suffixes,
//! realistic text (accents, CJK, emoji, quoted commas, multi-line
//! descriptions). With `defects`, an exact number of blank e-mails, unknown
//! stage names and orphan contact roles, recorded in `manifest.json`
//! beside a scenario that maps the export.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64;
use serde::Serialize;

use crate::error::{Error, Location, Result};
use crate::map::salesforce_id_18;

/// What was generated, and the defects injected (exact counts).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Manifest {
    /// Seed used.
    pub seed: u64,
    /// Rows per file.
    pub accounts: u64,
    /// Contacts.
    pub contacts: u64,
    /// Opportunities.
    pub opportunities: u64,
    /// Opportunity contact roles.
    pub contact_roles: u64,
    /// Contacts with a blank e-mail.
    pub blank_emails: u64,
    /// Opportunities whose stage is not a standard one.
    pub unknown_stages: u64,
    /// Contact roles whose contact is not in the export.
    pub orphan_contact_roles: u64,
}

const FIRST: [&str; 24] = [
    "Zoë",
    "José",
    "Søren",
    "Françoise",
    "Łukasz",
    "Ayşe",
    "Nguyễn",
    "Chloé",
    "Íñigo",
    "Björn",
    "Anna",
    "Liam",
    "Emma",
    "Noah",
    "Mia",
    "太郎",
    "美咲",
    "Ольга",
    "Dmitri",
    "Aoife",
    "Mateo",
    "Sofía",
    "Jürgen",
    "Priya",
];
const LAST: [&str; 24] = [
    "Müller",
    "García",
    "Nowak",
    "O'Brien",
    "Dubois",
    "Yılmaz",
    "Đặng",
    "Smith",
    "山田",
    "Ødegaard",
    "Rossi",
    "Kowalski",
    "Jensen",
    "Fernández",
    "Schäfer",
    "Papadopoulos",
    "Lefèvre",
    "Núñez",
    "Kim",
    "Silva",
    "Andersson",
    "Petrov",
    "Costa",
    "Brennan",
];
const COMPANY: [&str; 12] = [
    "Acme, Inc.",
    "Müller & Söhne, GmbH",
    "Nordlicht Consulting",
    "Société Générale de Café",
    "山田商事",
    "Ørsted Façades A/S",
    "Peña, Muñoz y Cía.",
    "Redwood Media",
    "Silverleaf Architects",
    "Zeta Analytics",
    "Bäckerei Schäfer",
    "Aurora Labs",
];
const CITY: [&str; 8] =
    ["München", "São Paulo", "Montréal", "København", "Kraków", "東京", "Zürich", "Austin"];
const STAGES: [&str; 10] = [
    "Prospecting",
    "Qualification",
    "Needs Analysis",
    "Value Proposition",
    "Id. Decision Makers",
    "Perception Analysis",
    "Proposal/Price Quote",
    "Negotiation/Review",
    "Closed Won",
    "Closed Lost",
];
const ROLES: [&str; 5] =
    ["Decision Maker", "Economic Buyer", "Technical Buyer", "Influencer", "Evaluator"];
const NOTES: [&str; 6] = [
    "Met at the trade fair, wants a demo 🚀",
    "Renewal due in Q3, \"call me in September\"",
    "Two offices:\nMadrid\nSevilla",
    "Budget approved ✅",
    "",
    "Prefers e-mail, never calls before 10:00",
];

/// An 18-character Salesforce id: prefix + pod + base-62 counter + suffix.
fn id(prefix: &str, n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut counter = [b'0'; 9];
    let mut rest = n;
    for slot in counter.iter_mut().rev() {
        *slot = DIGITS[(rest % 62) as usize];
        rest /= 62;
    }
    let short = format!("{prefix}5g0{}", String::from_utf8_lossy(&counter));
    salesforce_id_18(&short).unwrap_or(short)
}

/// One CSV line, every field quoted, CRLF.
fn line(out: &mut impl Write, cells: &[&str]) -> std::io::Result<()> {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(b"\"")?;
        out.write_all(cell.replace('"', "\"\"").replace('\n', "\r\n").as_bytes())?;
        out.write_all(b"\"")?;
    }
    out.write_all(b"\r\n")
}

/// Writes the export for `contacts` contacts under `dir/data`, plus
/// `dir/scenario.toml` and `dir/manifest.json`.
pub fn generate(dir: &Path, contacts: u64, seed: u64, defects: f64) -> Result<Manifest> {
    let io = |e: std::io::Error| Error::Read { location: Location::file(dir), source: e };
    std::fs::create_dir_all(dir.join("data")).map_err(io)?;
    let mut rng = Pcg64::seed_from_u64(seed);
    let accounts = (contacts / 4).max(1);
    let opportunities = (contacts / 2).max(1);
    let pick = |rng: &mut Pcg64, n: u64| rng.random_range(0..n);
    let open = |name: &str| -> Result<BufWriter<File>> {
        Ok(BufWriter::with_capacity(
            1 << 20,
            File::create(dir.join("data").join(name)).map_err(io)?,
        ))
    };
    // Defects are placed at evenly spread rows, so their count is exact.
    let every = |count: u64, total: u64| total.checked_div(count).map_or(u64::MAX, |n| n.max(1));
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_precision_loss)]
    let share = |total: u64| (total as f64 * defects).round() as u64;

    let mut out = open("Account.csv")?;
    line(
        &mut out,
        &["Id", "Name", "BillingCity", "BillingCountry", "Industry", "Website", "CreatedDate"],
    )
    .map_err(io)?;
    for n in 0..accounts {
        let name = format!("{} {}", COMPANY[pick(&mut rng, 12) as usize], n);
        let created = format!("2022-{:02}-{:02}T09:{:02}:33.000Z", 1 + n % 12, 1 + n % 28, n % 60);
        let key = id("001", n);
        let cells = [
            key.as_str(),
            &name,
            CITY[pick(&mut rng, 8) as usize],
            "DE",
            "Software",
            "www.acme.example",
            &created,
        ];
        line(&mut out, &cells).map_err(io)?;
    }
    out.flush().map_err(io)?;

    let blank_every = every(share(contacts), contacts);
    let mut blank_emails = 0;
    let mut out = open("Contact.csv")?;
    line(
        &mut out,
        &[
            "Id",
            "AccountId",
            "FirstName",
            "LastName",
            "Email",
            "Phone",
            "Title",
            "Description",
            "CreatedDate",
        ],
    )
    .map_err(io)?;
    for n in 0..contacts {
        let (first, last) = (FIRST[pick(&mut rng, 24) as usize], LAST[pick(&mut rng, 24) as usize]);
        let email = if n % blank_every == blank_every - 1 && blank_emails < share(contacts) {
            blank_emails += 1;
            String::new()
        } else {
            format!("c{n}@example.com")
        };
        let phone = format!("+49 30 {:08}", pick(&mut rng, 100_000_000));
        let account = id("001", pick(&mut rng, accounts));
        let created = format!("2023-{:02}-{:02}T10:{:02}:00.000Z", 1 + n % 12, 1 + n % 28, n % 60);
        let key = id("003", n);
        let cells = [
            key.as_str(),
            &account,
            first,
            last,
            &email,
            &phone,
            "Head of Sales",
            NOTES[pick(&mut rng, 6) as usize],
            &created,
        ];
        line(&mut out, &cells).map_err(io)?;
    }
    out.flush().map_err(io)?;

    let unknown_every = every(share(opportunities), opportunities);
    let mut unknown_stages = 0;
    let mut out = open("Opportunity.csv")?;
    line(&mut out, &["Id", "AccountId", "Name", "StageName", "Amount", "CloseDate", "Description"])
        .map_err(io)?;
    for n in 0..opportunities {
        let stage =
            if n % unknown_every == unknown_every - 1 && unknown_stages < share(opportunities) {
                unknown_stages += 1;
                "Legacy Stage"
            } else {
                STAGES[pick(&mut rng, 10) as usize]
            };
        let amount = format!("{}.{:02}", pick(&mut rng, 500_000), pick(&mut rng, 100));
        let close = format!("2024-{:02}-{:02}", 1 + n % 12, 1 + n % 28);
        let name = format!("{} – Expansion {n}", COMPANY[pick(&mut rng, 12) as usize]);
        let (key, account) = (id("006", n), id("001", pick(&mut rng, accounts)));
        let cells = [
            key.as_str(),
            &account,
            &name,
            stage,
            &amount,
            &close,
            NOTES[pick(&mut rng, 6) as usize],
        ];
        line(&mut out, &cells).map_err(io)?;
    }
    out.flush().map_err(io)?;

    // 1 or 2 roles per deal (0.8 N in all), the first primary.
    let roles_total = opportunities * 8 / 5;
    let orphan_every = every(share(roles_total), roles_total);
    let (mut roles, mut orphans) = (0u64, 0u64);
    let mut out = open("OpportunityContactRole.csv")?;
    line(&mut out, &["Id", "OpportunityId", "ContactId", "Role", "IsPrimary"]).map_err(io)?;
    for deal in 0..opportunities {
        let count = if deal % 5 < 3 { 2 } else { 1 };
        for k in 0..count {
            let contact =
                if roles % orphan_every == orphan_every - 1 && orphans < share(roles_total) {
                    orphans += 1;
                    id("003", contacts + orphans)
                } else {
                    id("003", pick(&mut rng, contacts))
                };
            let (key, opportunity) = (id("00K", roles), id("006", deal));
            let cells = [
                key.as_str(),
                &opportunity,
                &contact,
                ROLES[pick(&mut rng, 5) as usize],
                if k == 0 { "true" } else { "false" },
            ];
            line(&mut out, &cells).map_err(io)?;
            roles += 1;
        }
    }
    out.flush().map_err(io)?;

    let manifest = Manifest {
        seed,
        accounts,
        contacts,
        opportunities,
        contact_roles: roles,
        blank_emails,
        unknown_stages,
        orphan_contact_roles: orphans,
    };
    let json = serde_json::to_string_pretty(&manifest).unwrap_or_default();
    std::fs::write(dir.join("manifest.json"), json + "\n").map_err(io)?;
    std::fs::write(dir.join("scenario.toml"), SCENARIO).map_err(io)?;
    Ok(manifest)
}

/// The scenario that maps a generated export (thresholds high enough to
/// measure defects without failing on them).
const SCENARIO: &str = r#"# Generated by `shadow-import generate`: a Salesforce-shaped export for
# load rehearsals and benchmarks. manifest.json records the defects.

[scenario]
name = "generated-salesforce-export"

[[object]]
name = "companies"
file = "data/Account.csv"
key = "Id"
ids = "salesforce"
fields.name    = { from = "Name", required = true }
fields.city    = { from = "BillingCity" }
fields.country = { from = "BillingCountry" }
fields.created = { from = "CreatedDate", type = "datetime" }

[[object]]
name = "contacts"
file = "data/Contact.csv"
key = "Id"
ids = "salesforce"
fields.company   = { from = "AccountId", type = "id", ref = "companies" }
fields.firstname = { from = "FirstName" }
fields.lastname  = { from = "LastName", required = true }
fields.email     = { from = "Email", type = "email", critical = true }
fields.phone     = { from = "Phone", type = "phone" }
fields.notes     = { from = "Description" }

[[object]]
name = "deals"
file = "data/Opportunity.csv"
key = "Id"
ids = "salesforce"
fields.company   = { from = "AccountId", type = "id", ref = "companies" }
fields.dealname  = { from = "Name", required = true }
fields.dealstage = { from = "StageName", map = "stages", critical = true }
fields.amount    = { from = "Amount", type = "decimal" }
fields.closedate = { from = "CloseDate", type = "date" }

[[junction]]
name    = "deal_contacts"
file    = "data/OpportunityContactRole.csv"
key     = "Id"
left    = { from = "OpportunityId", ref = "deals" }
right   = { from = "ContactId", ref = "contacts" }
primary = "IsPrimary"

[maps.stages]
strict = true
values = { "Prospecting" = "appointmentscheduled", "Qualification" = "qualifiedtobuy", "Needs Analysis" = "qualifiedtobuy", "Value Proposition" = "presentationscheduled", "Id. Decision Makers" = "decisionmakerboughtin", "Perception Analysis" = "decisionmakerboughtin", "Proposal/Price Quote" = "contractsent", "Negotiation/Review" = "contractsent", "Closed Won" = "closedwon", "Closed Lost" = "closedlost" }

[triggers]
critical_blank = { fail = "50%" }
unmapped_value = { fail = "50%" }
orphan_reference = { fail = "50%" }
missing_relationship = { parent = "deals", via = "deal_contacts", fail = "50%" }
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_valid_and_defects_exact() {
        let short = id("003", 61);
        assert_eq!(short.len(), 18);
        assert_eq!(salesforce_id_18(&short[..15]).as_deref(), Some(short.as_str()));
        let dir = tempfile::tempdir().unwrap();
        let manifest = generate(dir.path(), 2000, 7, 0.01).unwrap();
        assert_eq!(
            (manifest.accounts, manifest.opportunities, manifest.contact_roles),
            (500, 1000, 1600)
        );
        assert_eq!(
            (manifest.blank_emails, manifest.unknown_stages, manifest.orphan_contact_roles),
            (20, 10, 16)
        );
        let again = tempfile::tempdir().unwrap();
        generate(again.path(), 2000, 7, 0.01).unwrap();
        let read = |d: &Path| std::fs::read(d.join("data/Contact.csv")).unwrap();
        assert_eq!(read(dir.path()), read(again.path()), "deterministic");
    }
}
