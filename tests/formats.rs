//! Every output format: snapshots of the incident scenario in each, the JSON
//! Schema checked against every scenario's JSON, JUnit read back by a JUnit
//! parser, the rejects CSV and redaction end to end.

#![allow(clippy::unwrap_used)] // a test crate: a panic is a failed test

use assert_cmd::Command;

const INCIDENT: &str = "scenarios/opportunity-contact-roles-missed";

/// The binary, with reports free of a run time: outputs are compared byte for byte.
fn shadow_import() -> Command {
    let mut command = Command::cargo_bin("shadow-import").unwrap();
    command.env("SHADOW_IMPORT_DETERMINISTIC", "1");
    command
}

fn output(args: &[&str]) -> String {
    let out = shadow_import().args(args).output().unwrap();
    assert!(out.status.code().is_some_and(|c| c < 2), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("../snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings
}

#[test]
fn each_format_of_the_incident() {
    let settings = settings();
    settings.bind(|| {
        insta::assert_snapshot!(
            "markdown@incident",
            output(&["run", INCIDENT, "--format", "markdown"])
        );
        insta::assert_snapshot!("junit@incident", output(&["run", INCIDENT, "--format", "junit"]));
        insta::assert_snapshot!("html@incident", output(&["run", INCIDENT, "--format", "html"]));
        insta::assert_snapshot!("json@incident", output(&["run", INCIDENT, "--format", "json"]));
        insta::assert_snapshot!("plan@incident", output(&["plan", INCIDENT]));
        insta::assert_snapshot!(
            "drill@incident",
            output(&["plan", INCIDENT, "--drill", "missing_relationship"])
        );
        insta::assert_snapshot!(
            "post-mortem@incident",
            output(&["plan", INCIDENT, "--post-mortem"])
        );
    });
}

/// The plan holds every section the rollback-planning practice asks for,
/// in order; the drill ends with its questions; the review has its five
/// parts. On a failing and on a passing rehearsal alike.
#[test]
fn every_plan_section_is_present_in_order() {
    use shadow_import::report::plan::{self, drill, post_mortem};
    for folder in [INCIDENT, "scenarios/opportunity-contact-roles-mapped"] {
        let in_order = |document: &str, headings: &[&str]| {
            let mut from = 0;
            for heading in headings {
                let at = document[from..].find(heading).map(|i| i + from);
                assert!(at.is_some(), "{folder}: {heading:?} missing or out of order");
                from = at.unwrap();
            }
        };
        in_order(&output(&["plan", folder]), &plan::HEADINGS);
        in_order(&output(&["plan", folder, "--post-mortem"]), &post_mortem::HEADINGS);
        let drilled = output(&["plan", folder, "--drill", "missing_relationship"]);
        let questions = drilled.find("## Questions the drill must answer").unwrap();
        for question in drill::QUESTIONS {
            assert!(drilled[questions..].contains(question), "{folder}: {question}");
        }
        assert!(drilled.contains("| 0 | The trigger is met: "), "{drilled}");
    }
    // The passing rehearsal's drill says the figure is supposed, not measured.
    let passing = output(&[
        "plan",
        "scenarios/opportunity-contact-roles-mapped",
        "--drill",
        "missing_relationship",
    ]);
    assert!(passing.contains("the drill supposes the day's figure crossed it"), "{passing}");
    // The printable page is the same document, escaped, in the report's style.
    let html = output(&["plan", INCIDENT, "--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("<h2>2. Preservation</h2>") && html.contains("@media print"), "{html}");
    assert!(html.contains("<td><code>missing_relationship</code></td>"), "{html}");
}

#[test]
fn every_scenario_json_follows_the_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("schema/report.schema.json").unwrap())
            .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut checked = 0;
    for entry in std::fs::read_dir("scenarios").unwrap() {
        let dir = entry.unwrap().path();
        if !dir.join("scenario.toml").is_file() {
            continue;
        }
        let json: serde_json::Value =
            serde_json::from_str(&output(&["run", dir.to_str().unwrap(), "--format", "json"]))
                .unwrap();
        let errors: Vec<String> =
            validator.iter_errors(&json).map(|e| format!("{e} at {}", e.instance_path())).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", dir.display());
        checked += 1;
    }
    assert!(checked >= 20, "{checked}");
    // The schema is not a formality: a wrong verdict fails it.
    let incident: serde_json::Value =
        serde_json::from_str(&output(&["run", INCIDENT, "--format", "json"])).unwrap();
    let mut broken = incident.clone();
    broken["verdict"] = "maybe".into();
    assert!(!validator.is_valid(&broken));
    // A percentage stops at 100; a count does not; a share needs its counts.
    let mut over = incident.clone();
    over["triggers"][2]["value"] = 150.0.into();
    assert!(!validator.is_valid(&over), "{}", over["triggers"][2]);
    over["triggers"][2]["unit"] = "count".into();
    over["triggers"][2]["value"] = 150.into();
    over["triggers"][2]["threshold"] = 120.into();
    assert!(validator.is_valid(&over), "{}", over["triggers"][2]);
    over["triggers"][2].as_object_mut().unwrap().remove("count");
    assert!(!validator.is_valid(&over), "a count needs count and total");
    over["triggers"][2]["unit"] = "duration".into();
    assert!(validator.is_valid(&over), "a duration has no count");
}

/// The trigger ids are listed once, in the registry: the schema does not
/// enumerate them, and every id a report gives is a registered trigger or
/// an integrity check.
#[test]
fn trigger_ids_come_from_the_registry_alone() {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("schema/report.schema.json").unwrap())
            .unwrap();
    let id = &schema["properties"]["triggers"]["items"]["properties"]["id"];
    assert_eq!(id["type"], "string");
    assert!(id.get("enum").is_none(), "the schema lists the ids a second time: {id}");
    let known: Vec<&str> = shadow_import::checks::TRIGGERS
        .iter()
        .map(|t| t.id)
        .chain(shadow_import::facts::INTEGRITY_CHECKS)
        .collect();
    let json: serde_json::Value =
        serde_json::from_str(&output(&["run", INCIDENT, "--format", "json"])).unwrap();
    let ids: Vec<&str> =
        json["triggers"].as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap()).collect();
    assert_eq!(&ids[..2], shadow_import::facts::INTEGRITY_CHECKS);
    assert!(ids.iter().all(|id| known.contains(id)), "{ids:?}");
    let units: Vec<&str> =
        json["triggers"].as_array().unwrap().iter().map(|t| t["unit"].as_str().unwrap()).collect();
    assert!(units.iter().all(|u| *u == "percent"), "{units:?}");
}

#[test]
fn junit_is_read_by_a_junit_parser() {
    let xml = output(&["run", INCIDENT, "--format", "junit"]);
    let suites = junit_parser::from_reader(std::io::Cursor::new(xml)).unwrap();
    let suite = &suites.suites[0];
    assert_eq!(suite.name, "opportunity-contact-roles-missed");
    let failures: Vec<&str> =
        suite.cases.iter().filter(|c| c.status.is_failure()).map(|c| c.name.as_str()).collect();
    assert_eq!(failures.len(), 1, "{failures:?}");
    assert!(
        failures[0].ends_with("missing_relationship · deals via deals.contact"),
        "{failures:?}"
    );
    assert_eq!(suite.failures, 1);
    // The whole suite: one JUnit suite per scenario, no failure when every [expect] is met.
    let all =
        output(&["test", "scenarios", "--format", "junit", "--filter", "opportunity-contact"]);
    let suites = junit_parser::from_reader(std::io::Cursor::new(all)).unwrap();
    let names: Vec<&str> = suites.suites.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["opportunity-contact-roles-mapped", "opportunity-contact-roles-missed"]);
}

#[test]
fn suite_json_counts_what_the_text_lines_say() {
    let args = ["test", "scenarios", "--filter", "hubspot-", "--format", "json"];
    let json = output(&args);
    assert_eq!(json, output(&args), "no times in the JSON: the same bytes every run");
    let run: serde_json::Value = serde_json::from_str(&json).unwrap();
    let text = output(&["test", "scenarios", "--filter", "hubspot-"]);
    let lines: Vec<&str> = text.lines().collect();
    let cases = &lines[..lines.len() - 2];
    let scenarios = run["scenarios"].as_array().unwrap();
    assert_eq!(scenarios.len(), cases.len());
    for (case, line) in scenarios.iter().zip(cases) {
        let name = case["name"].as_str().unwrap();
        assert!(line.contains(&format!("  {name}  ")), "{line}");
        assert!(line.contains(case["verdict"].as_str().unwrap()), "{line}");
        assert_eq!(
            line.matches("warn: ").count() as u64,
            case["warnings"].as_u64().unwrap(),
            "{line}"
        );
    }
    let warnings = run["warnings"].as_u64().unwrap();
    assert!(warnings > 0, "{json}");
    assert!(lines[lines.len() - 2].starts_with(&format!("{warnings} warning")), "{text}");
    assert_eq!(
        lines[lines.len() - 1],
        format!("{} passed, {} failed", run["passed"], run["failed"])
    );
}

#[test]
fn suite_formats_filter_and_time() {
    let text = output(&["test", "scenarios", "--filter", "pipedrive"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with("ok    pipedrive-deals-unparseable-values"), "{text}");
    assert!(lines[0].ends_with(" s)"), "timing: {text}");
    assert_eq!(lines[2], "0 warnings in 0 scenarios", "neither pipedrive scenario warns");
    assert_eq!(lines[3], "2 passed, 0 failed");
    let joined = output(&["test", "scenarios", "--filter", "hubspot-contacts-with-companies-join"]);
    assert_eq!(joined.lines().nth(1), Some("1 warning in 1 scenario"), "{joined}");
    let markdown = output(&["test", "scenarios", "--filter", "pipedrive", "--format", "markdown"]);
    assert!(markdown.starts_with("## shadow-import · 2 passed, 0 failed\n"), "{markdown}");
    assert!(markdown.contains("| ✅ | `pipedrive-deals-unparseable-values` | ROLLBACK | import_failure opportunities 8.40% |"), "{markdown}");
}

#[test]
fn rejects_file_lists_every_rejected_row_safely() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("rejects.csv");
    let out = shadow_import()
        .args(["run", "scenarios/spreadsheet-types-and-transforms", "--rejects"])
        .arg(&csv)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "file,line,object,column,reason,key,value,original cells …");
    assert_eq!(lines.len(), 10, "header + 9 rejects: {text}");
    assert!(lines[1].starts_with("data/contacts.csv,5,contacts,Email,not an e-mail address,C-004,jose.garcia@example,C-004,"), "{}", lines[1]);
    // A phone cell beginning with "+" is neutralised so a spreadsheet runs nothing.
    assert!(text.contains(",'+44 "), "{text}");
    assert!(!text.lines().any(|l| l.split(',').any(|c| c.starts_with('='))));
}

/// The key the redacted snapshots are made with: fixed, so they are the
/// same bytes every run; not a secret.
const TEST_KEY: &str = "shadow-import test key, not a secret";

/// `output` of a run whose `--redact` tokens are keyed by `key` (through
/// `SHADOW_IMPORT_REDACT_KEY`), or by a random key when `None`.
fn redacted_output(args: &[&str], key: Option<&str>) -> String {
    let mut command = shadow_import();
    match key {
        Some(key) => command.env("SHADOW_IMPORT_REDACT_KEY", key),
        None => command.env_remove("SHADOW_IMPORT_REDACT_KEY"),
    };
    let out = command.args(args).output().unwrap();
    assert!(out.status.code().is_some_and(|c| c < 2), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// `text` with the hex digits of every token `‹kind:hex›` replaced by `…`,
/// each checked to be 12 hex digits.
fn tokens_blanked(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find('‹') {
        let end = rest[at..].find('›').unwrap() + at;
        let (kind, hex) = rest[at + '‹'.len_utf8()..end].split_once(':').unwrap();
        assert!(hex.len() == 12 && hex.chars().all(|c| c.is_ascii_hexdigit()), "{hex}");
        out.push_str(&format!("{}‹{kind}:…›", &rest[..at]));
        rest = &rest[end + '›'.len_utf8()..];
    }
    out + rest
}

#[test]
fn redact_masks_names_stably() {
    let scenario = "scenarios/hubspot-mac-mojibake-names";
    let plain = output(&["run", scenario]);
    assert!(plain.contains("Jos√©"));
    let first = redacted_output(&["run", scenario, "--redact"], Some(TEST_KEY));
    let second = redacted_output(&["run", scenario, "--redact"], Some(TEST_KEY));
    assert_eq!(first, second, "stable under one key");
    assert!(!first.contains("Jos√©") && !first.contains("José"), "{first}");
    assert!(first.contains("First Name=\"‹name:"), "{first}");
    let other =
        redacted_output(&["run", scenario, "--redact"], Some("another key, sixteen bytes+"));
    assert_ne!(other, first, "another key, other tokens");
    assert_eq!(tokens_blanked(&other), tokens_blanked(&first), "only the tokens differ");
    // No key: a random one per run, so two runs differ in their tokens only.
    let random = redacted_output(&["run", scenario, "--redact"], None);
    let again = redacted_output(&["run", scenario, "--redact"], None);
    assert_ne!(random, again);
    assert_eq!(tokens_blanked(&random), tokens_blanked(&first));
    settings().bind(|| insta::assert_snapshot!("redacted@hubspot-mac-mojibake-names", first));
}

/// A copy of `scenarios/NAME` in a temporary folder, `edit` applied to the
/// text of its file `file`.
fn edited_copy(name: &str, file: &str, edit: impl Fn(&str) -> String) -> tempfile::TempDir {
    fn copy(from: &std::path::Path, to: &std::path::Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.path().is_dir() {
                copy(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    copy(&std::path::Path::new("scenarios").join(name), dir.path());
    let path = dir.path().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, edit(&text)).unwrap();
    dir
}

/// A reason that quotes the value (`` `X` is not in value map `owners` ``)
/// quotes the token when the value is masked: the e-mail in an owner cell
/// appears in no format of a redacted report, the token in the note too.
#[test]
fn redact_masks_the_value_a_reject_reason_quotes() {
    let email = "jane.roe@example.com";
    let dir = edited_copy("spreadsheet-types-and-transforms", "data/contacts.csv", |csv| {
        let mut lines: Vec<String> = csv.lines().map(str::to_string).collect();
        assert!(lines[1].contains(",005a0000001abcd,"), "{}", lines[1]);
        lines[1] = lines[1].replace(",005a0000001abcd,", &format!(",{email},"));
        lines.join("\n") + "\n"
    });
    let scenario = dir.path().to_str().unwrap();
    let plain = output(&["run", scenario]);
    assert!(plain.contains(&format!("`{email}` is not in value map `owners`")), "{plain}");
    for format in ["text", "json", "markdown", "junit", "html"] {
        let redacted = output(&["run", scenario, "--redact", "--format", format]);
        assert!(!redacted.contains("jane.roe"), "{format}: {redacted}");
        assert!(redacted.contains("is not in value map"), "{format}: {redacted}");
    }
    let text = output(&["run", scenario, "--redact"]);
    let line = text.lines().find(|l| l.contains("not in value map `owners`")).unwrap();
    let token = line.split("Owner=\"").nth(1).and_then(|rest| rest.split('"').next()).unwrap();
    assert!(token.starts_with("‹name:"), "{line}");
    assert!(line.ends_with(&format!("`{token}` is not in value map `owners`")), "{line}");
}
