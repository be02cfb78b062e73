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

/// The binary, with reports free of a run time: outputs are compared byte for byte.
fn shadow_import() -> Command {
    let mut command = Command::cargo_bin("shadow-import").unwrap();
    command.env("SHADOW_IMPORT_DETERMINISTIC", "1");
    command
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
    let dir = tempfile::tempdir().unwrap();
    let key = key_file(dir.path(), "redact.key", TEST_KEY);
    let redacted = baseline_of(INCIDENT, &["--redact", "--redact-key-file", &key]);
    assert!(first.contains('@') && !redacted.contains('@'));
    let json: serde_json::Value = serde_json::from_str(&redacted).unwrap();
    assert_eq!(json["redacted"], true);
    let errors: Vec<String> = validator.iter_errors(&json).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let mut unchecked = json.clone();
    unchecked.as_object_mut().unwrap().remove("redact_key_check");
    assert!(!validator.is_valid(&unchecked), "a redacted baseline records its key's check");
    assert!(
        serde_json::from_str::<serde_json::Value>(&first)
            .unwrap()
            .get("redact_key_check")
            .is_none()
    );
    assert_eq!(redacted, baseline_of(INCIDENT, &["--redact", "--redact-key-file", &key]));
}

/// The key of the redacted tests: fixed, not a secret.
const TEST_KEY: &str = "shadow-import test key, not a secret";

/// A key file `name` in `dir` holding `key` and a line break; its path.
fn key_file(dir: &Path, name: &str, key: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, format!("{key}\n")).unwrap();
    path.to_str().unwrap().to_string()
}

/// A baseline taken with --redact and no key would mask under a key
/// nobody has: refused, before anything is written.
#[test]
fn a_redacted_baseline_needs_a_key() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("baseline.json");
    let run = shadow_import()
        .env_remove("SHADOW_IMPORT_REDACT_KEY")
        .args(["baseline", INCIDENT, "--redact", "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&run.stderr),
        "error: baseline --redact needs a key, so that verify can mask the destination's values \
         as the baseline masks the sample: --redact-key-file FILE or SHADOW_IMPORT_REDACT_KEY (at \
         least 16 bytes; keep it apart from the baseline)\n"
    );
    assert!(!out.exists());
}

/// `verify` against a redacted baseline masks the destination's values
/// under the baseline's key and finds what it finds against the plain one;
/// under another key, or none, it stops (exit 2) rather than call every
/// sampled value changed.
#[test]
fn verify_compares_a_redacted_baseline_under_its_key_only() {
    let folder = DAY_SCENARIOS[2];
    let dir = tempfile::tempdir().unwrap();
    let key = key_file(dir.path(), "redact.key", TEST_KEY);
    let text = baseline_of(folder, &["--redact", "--redact-key-file", &key]);
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let check = json["redact_key_check"].as_str().unwrap();
    assert!(check.len() == 12 && check.chars().all(|c| c.is_ascii_hexdigit()), "{check}");
    let owner = json["sample"]["records"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|r| r["fields"]["owner"].as_str())
        .unwrap();
    assert!(owner.starts_with("‹name:"), "{owner}");
    let baseline = dir.path().join("baseline.json");
    std::fs::write(&baseline, &text).unwrap();
    let baseline = baseline.to_str().unwrap();
    let said = |json: &serde_json::Value| -> Vec<(String, String, String, u64)> {
        let each = json["triggers"].as_array().unwrap().iter();
        each.map(|t| {
            let text = |k: &str| t[k].as_str().unwrap_or_default().to_string();
            (text("id"), text("object"), text("status"), t["count"].as_u64().unwrap_or(0))
        })
        .collect()
    };
    let (plain, plain_code) = json_of("verify", folder, &[]);
    let (masked, code) =
        json_of("verify", folder, &["--baseline", baseline, "--redact", "--redact-key-file", &key]);
    assert_eq!((code, said(&masked)), (plain_code, said(&plain)));
    assert_eq!(result(&masked, "changed_after_load", "contacts.owner")["status"], "fail");
    // The key by the environment variable, the report itself not redacted.
    let out = shadow_import()
        .env("SHADOW_IMPORT_REDACT_KEY", TEST_KEY)
        .args(["verify", folder, "--baseline", baseline, "--format", "json"])
        .output()
        .unwrap();
    let by_variable: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(said(&by_variable), said(&plain));
    // Another key, or none at all.
    let other = key_file(dir.path(), "other.key", "another key of sixteen bytes or more");
    for (extra, message) in [
        (
            vec!["--redact", "--redact-key-file", other.as_str()],
            "the sample was redacted with another key than the one given",
        ),
        (
            vec!["--redact"],
            "the sample is redacted; verify compares under the key it was taken with",
        ),
        (vec![], "the sample is redacted; verify compares under the key it was taken with"),
    ] {
        let run = shadow_import()
            .env_remove("SHADOW_IMPORT_REDACT_KEY")
            .args(["verify", folder, "--baseline", baseline])
            .args(&extra)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{extra:?}: {stderr}");
        assert!(
            stderr.starts_with(&format!("error: {baseline}: {message}")),
            "{extra:?}: {stderr}"
        );
        assert!(run.stdout.is_empty());
    }
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

/// The scenario folders with a `[migration_day]` baseline.
const DAY_SCENARIOS: [&str; 5] = [
    "scenarios/verify-hubspot-load-arrived",
    "scenarios/verify-deals-without-contacts-in-destination",
    "scenarios/verify-automation-reassigned-owners",
    "scenarios/verify-import-results-platform-errors",
    "scenarios/reconcile-window-35-changes",
];

#[test]
fn every_committed_baseline_is_what_baseline_writes_today() {
    for folder in DAY_SCENARIOS {
        let committed = std::fs::read_to_string(Path::new(folder).join("baseline.json")).unwrap();
        assert_eq!(baseline_of(folder, &[]), committed, "{folder}: rerun `shadow-import baseline`");
    }
}

/// `verify` (or `reconcile`) of `folder` as JSON, and its exit code.
fn json_of(command: &str, folder: &str, extra: &[&str]) -> (serde_json::Value, i32) {
    let out =
        shadow_import().args([command, folder, "--format", "json"]).args(extra).output().unwrap();
    let code = out.status.code().unwrap();
    assert!(code < 2, "{}", String::from_utf8_lossy(&out.stderr));
    (serde_json::from_slice(&out.stdout).unwrap(), code)
}

/// The result `id` on `object`.
fn result<'a>(json: &'a serde_json::Value, id: &str, object: &str) -> &'a serde_json::Value {
    json["triggers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id && t["object"] == object)
        .unwrap_or_else(|| panic!("no {id} on {object}"))
}

/// Rows of a CSV file as header → cell maps, read with the csv crate.
fn rows(path: &str) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            headers.iter().map(str::to_string).zip(r.unwrap().iter().map(str::to_string)).collect()
        })
        .collect()
}

#[test]
fn verify_finds_the_incident_on_the_destinations_own_links() {
    let folder = DAY_SCENARIOS[1];
    let (json, code) = json_of("verify", folder, &[]);
    assert_eq!((code, json["verdict"].as_str().unwrap()), (1, "rollback"));
    // Counted here from the destination's export: deals with no association.
    let deals = rows(&format!("{folder}/destination/deals.csv"));
    let links = rows(&format!("{folder}/destination/deal_contacts.csv"));
    let linked: std::collections::BTreeSet<&str> =
        links.iter().map(|l| l["deals"].as_str()).collect();
    let without = deals.iter().filter(|d| !linked.contains(d["id"].as_str())).count();
    assert_eq!((without, deals.len()), (46, 200));
    let missing = result(&json, "missing_relationship", "deals via deal_contacts");
    assert_eq!((missing["count"].as_u64(), missing["total"].as_u64()), (Some(46), Some(200)));
    let arrived = result(&json, "arrived_rows", "deal_contacts");
    let source_links = rows(&format!("{folder}/data/OpportunityContactRole.csv")).len();
    assert_eq!(arrived["count"].as_u64().unwrap() as usize, source_links - links.len());
    assert_eq!(result(&json, "arrived_values", "deals")["status"], "pass");
    // The faithful load passes everything.
    let (json, code) = json_of("verify", DAY_SCENARIOS[0], &[]);
    assert_eq!((code, json["verdict"].as_str().unwrap()), (0, "go"));
}

#[test]
fn verify_names_automation_and_every_report_follows_the_schema() {
    let (json, _) = json_of("verify", DAY_SCENARIOS[2], &[]);
    let owners = result(&json, "changed_after_load", "contacts.owner");
    let sampled = result(&json, "arrived_values", "contacts")["total"].as_u64().unwrap();
    assert_eq!(owners["count"].as_u64(), Some(sampled), "every sampled contact reassigned");
    assert!(owners["measure"].as_str().unwrap().contains("likely by automation"), "{owners}");
    assert_eq!(result(&json, "changed_after_load", "deals.owner")["status"], "fail");
    // Companies were not touched: their owner is no automation finding.
    assert!(!json["triggers"].as_array().unwrap().iter().any(|t| t["object"] == "companies.owner"));
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("schema/report.schema.json").unwrap())
            .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for folder in &DAY_SCENARIOS[..4] {
        let (json, _) = json_of("verify", folder, &[]);
        let errors: Vec<String> = validator.iter_errors(&json).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{folder}: {errors:?}");
    }
    let (json, _) = json_of("reconcile", DAY_SCENARIOS[4], &[]);
    assert!(validator.is_valid(&json));
}

#[test]
fn loader_errors_are_data_or_platform_as_their_files_say() {
    let folder = DAY_SCENARIOS[3];
    let errors = rows(&format!("{folder}/results/contacts/error120726094501.csv"));
    let successes = rows(&format!("{folder}/results/contacts/success120726094501.csv")).len();
    let platform = errors
        .iter()
        .filter(|e| {
            e["ERROR"].starts_with("UNABLE_TO_LOCK_ROW") || e["ERROR"].starts_with("REQUEST_LIMIT")
        })
        .count();
    let (json, code) = json_of("verify", folder, &[]);
    assert_eq!(code, 0, "platform errors are evidence, not the verdict");
    let data = result(&json, "import_failure", "contacts");
    assert_eq!(data["count"].as_u64().unwrap() as usize, errors.len() - platform);
    assert_eq!(data["total"].as_u64().unwrap() as usize, successes + errors.len());
    let instability = result(&json, "system_instability", "contacts");
    assert_eq!(
        (instability["count"].as_u64().unwrap() as usize, instability["status"].as_str()),
        (platform, Some("warn"))
    );
}

#[test]
fn reconcile_lists_35_changes_created_first_formula_safe() {
    let dir = tempfile::tempdir().unwrap();
    let changes = dir.path().join("changes.csv");
    let (json, code) =
        json_of("reconcile", DAY_SCENARIOS[4], &["--changes", changes.to_str().unwrap()]);
    assert_eq!(code, 0);
    let all = result(&json, "reconcile", "all objects");
    assert_eq!((all["count"].as_u64(), all["status"].as_str()), (Some(35), Some("warn")));
    let rows = rows(changes.to_str().unwrap());
    let mut records: Vec<(String, String)> =
        rows.iter().map(|r| (r["object"].clone(), r["destination_id"].clone())).collect();
    records.dedup();
    assert_eq!(records.len(), 35);
    let kinds: Vec<&str> = rows.iter().map(|r| r["change"].as_str()).collect();
    let first_changed = kinds.iter().position(|k| *k != "created").unwrap();
    assert!(kinds[first_changed..].iter().all(|k| *k != "created"), "created first: {kinds:?}");
    let duplicates: std::collections::BTreeSet<&str> = rows
        .iter()
        .filter(|r| !r["duplicate_of"].is_empty())
        .map(|r| r["destination_id"].as_str())
        .collect();
    assert_eq!(duplicates.len(), 5, "3 by e-mail, 2 by name and company");
    let hostile = rows.iter().find(|r| r["value_at_rollback"].contains("HYPERLINK")).unwrap();
    assert!(hostile["value_at_rollback"].starts_with("'="), "{hostile:?}");
    // Stage changes carry the source's stage beside the destination's.
    let stage = rows.iter().find(|r| r["field"] == "dealstage").unwrap();
    assert_eq!(stage["source_value"], stage["value_at_load_end"]);
}

#[test]
fn a_destination_export_missing_a_file_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("destination");
    std::fs::create_dir(&export).unwrap();
    for name in ["companies", "contacts", "deal_contacts"] {
        let from = format!("{}/destination/{name}.csv", DAY_SCENARIOS[0]);
        std::fs::copy(from, export.join(format!("{name}.csv"))).unwrap();
    }
    let out = shadow_import()
        .args(["verify", DAY_SCENARIOS[0], "--export", export.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("deals.csv: missing"), "{stderr}");
    // Another scenario's baseline is refused.
    let other = format!("{}/baseline.json", DAY_SCENARIOS[1]);
    let out =
        shadow_import().args(["verify", DAY_SCENARIOS[0], "--baseline", &other]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not of `verify-hubspot-load-arrived`"));
}

#[test]
fn no_output_replaces_a_destination_export_or_the_baseline() {
    let folder = DAY_SCENARIOS[4];
    let target = format!("{folder}/destination-at-rollback/deals.csv");
    let before = std::fs::read(&target).unwrap();
    let out = shadow_import().args(["reconcile", folder, "--changes", &target]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is an input of the scenario"));
    let out = shadow_import().args(["reconcile", folder, "--output", &target]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&target).unwrap(), before);
    let baseline = format!("{}/baseline.json", DAY_SCENARIOS[0]);
    let kept = std::fs::read(&baseline).unwrap();
    let out =
        shadow_import().args(["verify", DAY_SCENARIOS[0], "--output", &baseline]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&baseline).unwrap(), kept);
}
