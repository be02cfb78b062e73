//! The destination's own rules, counted twice: by the tool's report on the
//! three shipped scenarios, and here, independently, by reading the same
//! export files with the csv crate and applying the rules by hand (e-mails
//! and external ids compared trimmed and ignoring case, amounts as
//! decimals). Every count, every example's file:line and the row it merges
//! into must agree.

#![allow(clippy::unwrap_used)] // a test crate: a panic is a failed test

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::str::FromStr;

use rust_decimal::Decimal;
use shadow_import::facts::{Measurement, Note, TriggerResult};
use shadow_import::{RunOptions, Scenario, rehearse};

/// Each record of a CSV export: its start line (the physical line of its
/// first byte) and its cells by header.
fn records(path: &str) -> Vec<(u64, HashMap<String, String>)> {
    let bytes = std::fs::read(path).unwrap();
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let headers = reader.headers().unwrap().clone();
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.unwrap();
        let mut start = usize::try_from(record.position().unwrap().byte()).unwrap();
        // After a CRLF the csv crate's position is at the `\n` of the line before.
        while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        let line = 1 + bytes[..start].iter().filter(|&&b| b == b'\n').count() as u64;
        let cells = headers.iter().map(String::from).zip(record.iter().map(String::from));
        out.push((line, cells.collect()));
    }
    out
}

/// For each record whose `column` (trimmed, lower case) repeats an earlier
/// record's: its line and the line of the first record holding the value.
fn repeats(rows: &[(u64, HashMap<String, String>)], column: &str) -> Vec<(u64, u64)> {
    let mut first: HashMap<String, u64> = HashMap::new();
    let mut out = Vec::new();
    for (line, cells) in rows {
        let value = cells[column].trim().to_lowercase();
        if value.is_empty() {
            continue;
        }
        match first.get(&value) {
            Some(&earlier) => out.push((*line, earlier)),
            None => {
                first.insert(value, *line);
            }
        }
    }
    out
}

fn report_of(scenario: &Scenario) -> Vec<TriggerResult> {
    rehearse(scenario, &RunOptions::default()).unwrap().triggers
}

fn result<'r>(results: &'r [TriggerResult], id: &str, object: &str) -> &'r TriggerResult {
    results
        .iter()
        .find(|r| r.id == id && r.object == object)
        .unwrap_or_else(|| panic!("no {id} result on {object}"))
}

fn share(result: &TriggerResult) -> (u64, u64) {
    match result.measurement {
        Measurement::Share { count, total } => (count, total),
        Measurement::Time(_) => panic!("{} is a time", result.id),
    }
}

const MERGED: &str = "scenarios/hubspot-contacts-merged-by-email";

#[test]
fn hubspot_merges_the_contacts_a_hand_count_finds_sharing_an_email() {
    let contacts = records(&format!("{MERGED}/data/Contact.csv"));
    let roles = records(&format!("{MERGED}/data/OpportunityContactRole.csv"));
    let expected = repeats(&contacts, "Email");
    assert_eq!(expected.len(), 10, "the scenario plants 10 second copies");

    let results = report_of(&Scenario::load(Path::new(MERGED)).unwrap());
    let merge = result(&results, "destination_merge", "contacts.email");
    assert_eq!(share(merge), (expected.len() as u64, contacts.len() as u64));
    let key_at: HashMap<u64, &str> = contacts.iter().map(|(l, c)| (*l, c["Id"].as_str())).collect();
    assert_eq!(merge.examples.len(), 5);
    for (example, (line, first)) in merge.examples.iter().zip(&expected) {
        assert_eq!(example.line, Some(*line));
        let Some(Note::MergedInto { line: into, key, links, .. }) = &example.note else {
            panic!("{example:?}")
        };
        assert_eq!((*into, key.as_str()), (*first, key_at[first]));
        let moving = roles.iter().filter(|(_, r)| r["ContactId"] == key_at[line]).count() as u64;
        assert_eq!(links, &vec![("deal_contacts".to_string(), moving)], "line {line}");
    }
    // Every deal keeps a contact: a merged contact's roles follow the survivor.
    assert_eq!(share(result(&results, "missing_relationship", "deals via deal_contacts")).0, 0);
}

#[test]
fn contacts_without_deals_are_counted_after_the_merges() {
    let contacts = records(&format!("{MERGED}/data/Contact.csv"));
    let roles = records(&format!("{MERGED}/data/OpportunityContactRole.csv"));
    // By hand: group the contacts as HubSpot merges them; a group without
    // a contact role is one contact without a deal.
    let mut groups: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for (_, c) in &contacts {
        let email = c["Email"].trim().to_lowercase();
        let group = if email.is_empty() { format!("id:{}", c["Id"]) } else { email };
        groups.entry(group).or_default().push(c["Id"].as_str());
    }
    let linked: std::collections::HashSet<&str> =
        roles.iter().map(|(_, r)| r["ContactId"].as_str()).collect();
    let unlinked = groups.values().filter(|ids| !ids.iter().any(|id| linked.contains(id))).count();

    let path = Path::new(MERGED).join("scenario.toml");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "missing_relationship = { parent = \"deals\", via = \"deal_contacts\", fail = \"2%\" }",
        "missing_relationship = [{ parent = \"deals\", via = \"deal_contacts\" }, \
         { parent = \"contacts\", via = \"deal_contacts\", fail = \"100%\" }]",
    );
    let scenario = Scenario::parse(&text, &path, Path::new(MERGED)).unwrap();
    let results = report_of(&scenario);
    let contacts_result = result(&results, "missing_relationship", "contacts via deal_contacts");
    assert_eq!(share(contacts_result), (unlinked as u64, groups.len() as u64));
    assert_eq!(groups.len(), 240);
}

#[test]
fn salesforce_refuses_the_repeated_external_ids_a_hand_count_finds() {
    const DIR: &str = "scenarios/salesforce-external-id-repeated";
    let companies = records(&format!("{DIR}/data/companies.csv"));
    let repeated = repeats(&companies, "ERP Account Number");
    let held = companies.iter().filter(|(_, c)| !c["ERP Account Number"].trim().is_empty()).count();
    assert_eq!(repeated.len(), 6);
    // An upsert fails for every row of a repeated external id, the first
    // included: each row with the first other row holding its value.
    let mut sharing: Vec<(u64, u64)> = Vec::new();
    for &(line, first) in &repeated {
        sharing.push((line, first));
        sharing.push((first, line));
    }
    sharing.sort_unstable();
    let results = report_of(&Scenario::load(Path::new(DIR)).unwrap());
    let unique = result(&results, "unique_violation", "accounts.ERP_Account_Number__c");
    assert_eq!(share(unique), (12, held as u64));
    assert_eq!(unique.examples.len(), 5);
    for (example, (line, other)) in unique.examples.iter().zip(&sharing) {
        assert_eq!(example.line, Some(*line));
        assert!(matches!(&example.note, Some(Note::DuplicateOf { line, .. }) if line == other));
    }
    // The record ids, held unique and case-sensitive, never repeat.
    assert_eq!(share(result(&results, "unique_violation", "accounts.HubSpot_Record_Id__c")).0, 0);
}

#[test]
fn the_orgs_validation_rules_refuse_what_a_hand_count_finds() {
    const DIR: &str = "scenarios/salesforce-org-validation-rules";
    let deals = records(&format!("{DIR}/data/Opportunity.csv"));
    let negative: Vec<u64> = deals
        .iter()
        .filter(|(_, d)| Decimal::from_str(d["Amount"].trim()).unwrap() < Decimal::ZERO)
        .map(|(line, _)| *line)
        .collect();
    let no_reason: Vec<u64> = deals
        .iter()
        .filter(|(_, d)| d["StageName"] == "Closed Lost" && d["Loss_Reason__c"].trim().is_empty())
        .map(|(line, _)| *line)
        .collect();
    assert_eq!((negative.len(), no_reason.len()), (5, 7));
    let results = report_of(&Scenario::load(Path::new(DIR)).unwrap());
    for (rule, lines) in [("amount_not_negative", &negative), ("loss_reason_when_lost", &no_reason)]
    {
        let refused = result(&results, "validation_rule", &format!("opportunities.{rule}"));
        assert_eq!(share(refused), (lines.len() as u64, deals.len() as u64), "{rule}");
        let shown: Vec<u64> = refused.examples.iter().filter_map(|e| e.line).collect();
        assert_eq!(shown, lines.iter().take(5).copied().collect::<Vec<_>>(), "{rule}");
    }
}
