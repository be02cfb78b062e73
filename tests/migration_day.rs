//! Migration day end to end: `baseline` against an independent count of the
//! export, its schema, determinism, `--redact` and what it refuses to
//! overwrite; `verify` and `reconcile` on the shipped scenarios.

#![allow(clippy::unwrap_used)] // a test crate: a panic is a failed test

use std::collections::BTreeMap;
use std::path::Path;

use assert_cmd::Command;
use rust_decimal::Decimal;
use sha2::{Digest, Sha256};

const INCIDENT: &str = "scenarios/opportunity-contact-roles-missed";

fn shadow_import() -> Command {
    Command::cargo_bin("shadow-import").unwrap()
}

/// Runs `baseline` on `scenario` into a new file and returns the JSON text.
fn baseline_of(scenario: &str, extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("baseline.json");
    let run = shadow_import()
        .args(["baseline", scenario, "--out", out.to_str().unwrap()])
        .args(extra)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn the_baseline_matches_an_independent_count_of_the_export() {
    let text = baseline_of(INCIDENT, &[]);
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    // Counted here with the csv crate, not through the tool's reader.
    let mut open: BTreeMap<String, (u64, Decimal, String, String)> = BTreeMap::new();
    let mut deals = 0;
    let mut reader =
        csv::Reader::from_path(Path::new(INCIDENT).join("data/Opportunity.csv")).unwrap();
    let headers = reader.headers().unwrap().clone();
    let at =
        |name: &str| headers.iter().position(|h| h.trim_start_matches('\u{feff}') == name).unwrap();
    let (stage, amount, close) = (at("StageName"), at("Amount"), at("CloseDate"));
    for row in reader.records() {
        let row = row.unwrap();
        deals += 1;
        if row[stage].starts_with("Closed") {
            continue;
        }
        let entry = open.entry(row[stage].to_string()).or_insert((
            0,
            Decimal::ZERO,
            "9999".into(),
            String::new(),
        ));
        entry.0 += 1;
        entry.1 += row[amount].parse::<Decimal>().unwrap_or_default();
        entry.2 = entry.2.clone().min(row[close].to_string());
        entry.3 = entry.3.clone().max(row[close].to_string());
    }
    assert_eq!(json["counts"]["deals"], deals);
    let stages = json["pipeline"]["stages"].as_array().unwrap();
    let total: u64 = stages.iter().map(|s| s["count"].as_u64().unwrap()).sum();
    assert_eq!(total, open.values().map(|v| v.0).sum::<u64>());
    // Prospecting maps to appointmentscheduled and nothing else does.
    let (count, sum, first, last) = &open["Prospecting"];
    let scheduled = stages.iter().find(|s| s["stage"] == "appointmentscheduled").unwrap();
    assert_eq!(scheduled["count"], *count);
    assert_eq!(scheduled["amount"].as_str().unwrap(), sum.normalize().to_string());
    assert_eq!(scheduled["earliest_close"].as_str().unwrap(), first);
    assert_eq!(scheduled["latest_close"].as_str().unwrap(), last);
    // Every file's hash is the file's.
    for file in json["files"].as_array().unwrap() {
        let bytes =
            std::fs::read(Path::new(INCIDENT).join(file["file"].as_str().unwrap())).unwrap();
        let hex: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(file["sha256"].as_str().unwrap(), hex);
        assert_eq!(file["bytes"], bytes.len());
    }
    // The sample is the one `sample` draws: 100 deals and what they link to.
    assert_eq!(json["sample"]["chosen"], 100);
    let records = json["sample"]["records"].as_array().unwrap();
    assert_eq!(records.iter().filter(|r| r["object"] == "deals").count(), 100);
    assert!(records.iter().any(|r| r["object"] == "companies"));
}

#[test]
fn the_baseline_follows_its_schema_and_is_the_same_twice() {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("schema/baseline.schema.json").unwrap())
            .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let first = baseline_of(INCIDENT, &[]);
    assert_eq!(first, baseline_of(INCIDENT, &[]), "byte-identical");
    let json: serde_json::Value = serde_json::from_str(&first).unwrap();
    let errors: Vec<String> = validator.iter_errors(&json).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let mut broken = json.clone();
    broken["files"][0]["sha256"] = "abc".into();
    assert!(!validator.is_valid(&broken));
    // Redacted: no e-mail address left in the sample, and it says so.
    let redacted = baseline_of(INCIDENT, &["--redact"]);
    assert!(first.contains('@') && !redacted.contains('@'));
    let json: serde_json::Value = serde_json::from_str(&redacted).unwrap();
    assert_eq!(json["redacted"], true);
    assert!(validator.is_valid(&json));
}

#[test]
fn the_baseline_overwrites_only_a_baseline() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.json");
    std::fs::write(&notes, "{\"mine\": true}").unwrap();
    let run = shadow_import()
        .args(["baseline", INCIDENT, "--out", notes.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("is not a baseline file"));
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "{\"mine\": true}");
    let export = format!("{INCIDENT}/data/Account.csv");
    let before = std::fs::read(&export).unwrap();
    let run = shadow_import().args(["baseline", INCIDENT, "--out", &export]).output().unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(std::fs::read(&export).unwrap(), before);
    // A baseline is replaced by a new one.
    let out = dir.path().join("baseline.json");
    for _ in 0..2 {
        let run = shadow_import()
            .args(["baseline", INCIDENT, "--out", out.to_str().unwrap()])
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(0));
    }
}
