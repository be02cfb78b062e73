//! `shadow-import generate`: a deterministic, Salesforce-shaped export of any
//! size for benchmarks and load rehearsals: Account (N/4), Contact (N),
//! Opportunity (N/2) and OpportunityContactRole (about 0.8 N), every field
//! quoted, CRLF, UTF-8, 18-character ids with correct case-safe suffixes,
//! realistic text (accents, CJK, emoji, quoted commas, multi-line
//! descriptions). With `defects`, an exact number of blank e-mails, unknown
//! stage names and orphan contact roles, recorded in `manifest.json`
//! beside a scenario that maps the export.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::map::salesforce_id_18;
use crate::output::Partial;

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
    let data = dir.join("data");
    std::fs::create_dir_all(&data).map_err(|source| Error::Write { path: data.clone(), source })?;
    let mut export = Export {
        data,
        rng: Pcg64::seed_from_u64(seed),
        defects,
        accounts: (contacts / 4).max(1),
        contacts,
        opportunities: (contacts / 2).max(1),
    };
    // One file after the other: the random draws, and so the bytes, follow this order.
    export.accounts()?;
    let blank_emails = export.contacts()?;
    let unknown_stages = export.opportunities()?;
    let (contact_roles, orphan_contact_roles) = export.contact_roles()?;
    let manifest = Manifest {
        seed,
        accounts: export.accounts,
        contacts,
        opportunities: export.opportunities,
        contact_roles,
        blank_emails,
        unknown_stages,
        orphan_contact_roles,
    };
    let json = serde_json::to_string_pretty(&manifest).unwrap_or_default();
    write(&dir.join("manifest.json"), &(json + "\n"))?;
    write(&dir.join("scenario.toml"), SCENARIO)?;
    Ok(manifest)
}

fn write(path: &Path, text: &str) -> Result<()> {
    crate::output::write_file(path, text.as_bytes())
}

/// The export being written: where, the random source, and the row counts.
struct Export {
    data: PathBuf,
    rng: Pcg64,
    /// Share of rows given each defect.
    defects: f64,
    accounts: u64,
    contacts: u64,
    opportunities: u64,
}

/// One CSV file being written, named in its errors.
struct CsvOut {
    path: PathBuf,
    out: BufWriter<Partial>,
}

impl CsvOut {
    fn create(path: PathBuf, header: &[&str]) -> Result<CsvOut> {
        let file = Partial::beside(&path, "export")?;
        let mut out = CsvOut { path, out: BufWriter::with_capacity(1 << 20, file) };
        out.row(header)?;
        Ok(out)
    }

    fn row(&mut self, cells: &[&str]) -> Result<()> {
        line(&mut self.out, cells).map_err(|source| self.error(source))
    }

    fn finish(self) -> Result<()> {
        let CsvOut { path, out } = self;
        let file = out
            .into_inner()
            .map_err(|e| Error::Write { path: path.clone(), source: e.into_error() })?;
        file.persist(&path)
    }

    fn error(&self, source: std::io::Error) -> Error {
        Error::Write { path: self.path.clone(), source }
    }
}

impl Export {
    fn pick(&mut self, n: u64) -> u64 {
        self.rng.random_range(0..n)
    }

    /// How many of `total` rows get a defect.
    fn share(&self, total: u64) -> u64 {
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss
        )]
        let share = (total as f64 * self.defects).round() as u64;
        share
    }

    fn create(&self, name: &str, header: &[&str]) -> Result<CsvOut> {
        CsvOut::create(self.data.join(name), header)
    }

    fn accounts(&mut self) -> Result<()> {
        let mut out = self.create(
            "Account.csv",
            &["Id", "Name", "BillingCity", "BillingCountry", "Industry", "Website", "CreatedDate"],
        )?;
        for n in 0..self.accounts {
            let name = format!("{} {}", COMPANY[self.pick(12) as usize], n);
            let created =
                format!("2022-{:02}-{:02}T09:{:02}:33.000Z", 1 + n % 12, 1 + n % 28, n % 60);
            let key = id("001", n);
            let city = CITY[self.pick(8) as usize];
            out.row(&[key.as_str(), &name, city, "DE", "Software", "www.acme.example", &created])?;
        }
        out.finish()
    }

    /// Returns the contacts written with a blank e-mail.
    fn contacts(&mut self) -> Result<u64> {
        let header = [
            "Id",
            "AccountId",
            "FirstName",
            "LastName",
            "Email",
            "Phone",
            "Title",
            "Description",
            "CreatedDate",
        ];
        let mut out = self.create("Contact.csv", &header)?;
        let (blanks, blank_every) =
            (self.share(self.contacts), every(self.share(self.contacts), self.contacts));
        let mut blank_emails = 0;
        for n in 0..self.contacts {
            let (first, last) = (FIRST[self.pick(24) as usize], LAST[self.pick(24) as usize]);
            let email = if n % blank_every == blank_every - 1 && blank_emails < blanks {
                blank_emails += 1;
                String::new()
            } else {
                format!("c{n}@example.com")
            };
            let phone = format!("+49 30 {:08}", self.pick(100_000_000));
            let account = id("001", self.pick(self.accounts));
            let created =
                format!("2023-{:02}-{:02}T10:{:02}:00.000Z", 1 + n % 12, 1 + n % 28, n % 60);
            let key = id("003", n);
            let note = NOTES[self.pick(6) as usize];
            out.row(&[
                key.as_str(),
                &account,
                first,
                last,
                &email,
                &phone,
                "Head of Sales",
                note,
                &created,
            ])?;
        }
        out.finish()?;
        Ok(blank_emails)
    }

    /// Returns the opportunities written with an unknown stage.
    fn opportunities(&mut self) -> Result<u64> {
        let header = ["Id", "AccountId", "Name", "StageName", "Amount", "CloseDate", "Description"];
        let mut out = self.create("Opportunity.csv", &header)?;
        let total = self.opportunities;
        let (unknowns, unknown_every) = (self.share(total), every(self.share(total), total));
        let mut unknown_stages = 0;
        for n in 0..total {
            let stage = if n % unknown_every == unknown_every - 1 && unknown_stages < unknowns {
                unknown_stages += 1;
                "Legacy Stage"
            } else {
                STAGES[self.pick(10) as usize]
            };
            let amount = format!("{}.{:02}", self.pick(500_000), self.pick(100));
            let close = format!("2024-{:02}-{:02}", 1 + n % 12, 1 + n % 28);
            let name = format!("{} – Expansion {n}", COMPANY[self.pick(12) as usize]);
            let (key, account) = (id("006", n), id("001", self.pick(self.accounts)));
            let note = NOTES[self.pick(6) as usize];
            out.row(&[key.as_str(), &account, &name, stage, &amount, &close, note])?;
        }
        out.finish()?;
        Ok(unknown_stages)
    }

    /// 1 or 2 roles per deal (0.8 N in all), the first primary. Returns the
    /// roles written and those whose contact is not in the export.
    fn contact_roles(&mut self) -> Result<(u64, u64)> {
        let header = ["Id", "OpportunityId", "ContactId", "Role", "IsPrimary"];
        let mut out = self.create("OpportunityContactRole.csv", &header)?;
        let total = self.opportunities * 8 / 5;
        let (orphaned, orphan_every) = (self.share(total), every(self.share(total), total));
        let (mut roles, mut orphans) = (0u64, 0u64);
        for deal in 0..self.opportunities {
            let count = if deal % 5 < 3 { 2 } else { 1 };
            for k in 0..count {
                let contact = if roles % orphan_every == orphan_every - 1 && orphans < orphaned {
                    orphans += 1;
                    id("003", self.contacts + orphans)
                } else {
                    id("003", self.pick(self.contacts))
                };
                let (key, opportunity) = (id("00K", roles), id("006", deal));
                let role = ROLES[self.pick(5) as usize];
                let primary = if k == 0 { "true" } else { "false" };
                out.row(&[key.as_str(), &opportunity, &contact, role, primary])?;
                roles += 1;
            }
        }
        out.finish()?;
        Ok((roles, orphans))
    }
}

/// Defects are placed at evenly spread rows, so their count is exact: one
/// every this many of `total` rows.
fn every(count: u64, total: u64) -> u64 {
    total.checked_div(count).map_or(u64::MAX, |n| n.max(1))
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
    fn a_folder_that_cannot_be_written_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("file");
        std::fs::write(&file, "x").unwrap();
        let err = generate(&file.join("out"), 10, 1, 0.0).unwrap_err().to_string();
        let expected = format!("{}: cannot write: ", file.join("out").join("data").display());
        assert!(err.starts_with(&expected), "{err}");
    }

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
