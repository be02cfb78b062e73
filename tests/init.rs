//! `init` on raw exports: for every folder under tests/init-exports/, copy its
//! data/ into a fresh folder, run `shadow-import init --from F --to T DIR`,
//! rehearse the scenario it wrote, and compare the JSON report with the
//! folder's expected.toml (written and verified by
//! scripts/generate_init_exports.py): the verdict, every trigger listed
//! there failing with exactly that count and total, and no other failing.

#![allow(clippy::unwrap_used)] // a test crate: a panic is a failed test

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The binary, with reports free of a run time: outputs are compared byte for byte.
fn shadow_import() -> Command {
    let mut command = Command::cargo_bin("shadow-import").unwrap();
    command.env("SHADOW_IMPORT_DETERMINISTIC", "1");
    command
}

/// The export folders, sorted by name.
fn kinds() -> Vec<PathBuf> {
    let mut kinds: Vec<PathBuf> = std::fs::read_dir("tests/init-exports")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("expected.toml").is_file())
        .collect();
    kinds.sort();
    kinds
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

fn text(v: &toml::Value, key: &str) -> String {
    v.get(key).and_then(toml::Value::as_str).unwrap_or_else(|| panic!("no {key} in {v}")).into()
}

fn number(v: &toml::Value, key: &str) -> u64 {
    let n = v.get(key).and_then(toml::Value::as_integer).unwrap_or_else(|| panic!("{key}: {v}"));
    u64::try_from(n).unwrap()
}

/// `deals` of `deals via deal_contacts`, `contacts` of `contacts.email`,
/// `deal_contacts` of `deal_contacts.right → contacts`.
fn measured_object(object: &str) -> &str {
    object.split([' ', '.']).next().unwrap_or_default()
}

fn describe(t: &serde_json::Value) -> String {
    format!("{} | {} | {} {}/{}", t["id"], t["object"], t["status"], t["count"], t["total"])
}

fn expected(kind: &Path) -> toml::Value {
    toml::from_str(&std::fs::read_to_string(kind.join("expected.toml")).unwrap()).unwrap()
}

fn name(kind: &Path) -> String {
    kind.file_name().unwrap().to_string_lossy().into_owned()
}

/// `kind`'s data/ copied into a fresh folder.
fn fresh_copy(kind: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&kind.join("data"), &dir.path().join("data"));
    dir
}

/// Every way the report of `shadow-import run DIR --format json` differs from
/// expected.toml: the verdict, and each listed trigger failing with exactly
/// its count and total.
fn compare(name: &str, dir: &Path, expected: &toml::Value) -> Vec<String> {
    let run = shadow_import().arg("run").arg(dir).args(["--format", "json"]).output().unwrap();
    let json = match serde_json::from_slice::<serde_json::Value>(&run.stdout) {
        Ok(json) => json,
        Err(e) => {
            return vec![format!(
                "{name}: run exited {:?} without a JSON report ({e})\n{}{}",
                run.status.code(),
                String::from_utf8_lossy(&run.stdout),
                String::from_utf8_lossy(&run.stderr)
            )];
        }
    };
    let mut found = Vec::new();
    let verdict = text(expected, "verdict").to_lowercase();
    if json["verdict"] != verdict.as_str() {
        found.push(format!("{name}: verdict {}, expected {verdict}", json["verdict"]));
    }
    let none = Vec::new();
    let triggers = json["triggers"].as_array().unwrap_or(&none);
    let wanted = expected.get("trigger").and_then(toml::Value::as_array);
    for want in wanted.unwrap_or(&Vec::new()) {
        let (id, object) = (text(want, "id"), text(want, "object"));
        let target = want.get("target").and_then(toml::Value::as_str);
        let (count, total) = (number(want, "count"), number(want, "total"));
        let measured = |t: &serde_json::Value| t["object"].as_str().unwrap_or_default().to_owned();
        let hit = triggers.iter().any(|t| {
            t["id"] == id.as_str()
                && measured_object(&measured(t)) == object
                && target.is_none_or(|target| measured(t).ends_with(&format!("→ {target}")))
                && t["status"] == "fail"
                && t["count"].as_u64() == Some(count)
                && t["total"].as_u64() == Some(total)
        });
        if !hit {
            let arrow = target.map(|t| format!(" → {t}")).unwrap_or_default();
            let mut m = format!(
                "{name}: expected {id} on {object}…{arrow} FAIL {count}/{total}; report has"
            );
            let same_id: Vec<&serde_json::Value> =
                triggers.iter().filter(|t| t["id"] == id.as_str()).collect();
            if same_id.is_empty() {
                m.push_str(" no such trigger");
            }
            for t in same_id {
                write!(m, "\n    {}", describe(t)).unwrap();
            }
            found.push(m);
        }
    }
    // And nothing else fails: a careful scenario's verdict rests on exactly these.
    let listed = wanted.map_or(0, Vec::len);
    let failing: Vec<&serde_json::Value> =
        triggers.iter().filter(|t| t["status"] == "fail").collect();
    if failing.len() != listed {
        let mut m =
            format!("{name}: {} triggers fail, expected.toml lists {listed}:", failing.len());
        for t in failing {
            write!(m, "\n    {}", describe(t)).unwrap();
        }
        found.push(m);
    }
    found
}

/// Every way the report on the scenario init writes for `kind` differs from
/// its expected.toml, and what init wrote when it does.
fn mismatches(kind: &Path) -> Vec<String> {
    let (name, expected) = (name(kind), expected(kind));
    let (from, to) = (text(&expected, "from"), text(&expected, "to"));
    let dir = fresh_copy(kind);
    let init = shadow_import()
        .args(["init", "--from", &from, "--to", &to])
        .arg(dir.path())
        .output()
        .unwrap();
    if init.status.code() != Some(0) {
        return vec![format!(
            "{name}: init --from {from} --to {to} exited {:?}\n{}{}",
            init.status.code(),
            String::from_utf8_lossy(&init.stdout),
            String::from_utf8_lossy(&init.stderr)
        )];
    }
    let mut found = compare(&name, dir.path(), &expected);
    if !found.is_empty() {
        let scenario = std::fs::read_to_string(dir.path().join("scenario.toml")).unwrap();
        found.push(format!(
            "{name}: the scenario init wrote:\n{scenario}\n--- init said:\n{}",
            String::from_utf8_lossy(&init.stdout)
        ));
    }
    found
}

#[test]
fn init_on_raw_exports_finds_what_a_careful_scenario_finds() {
    let kinds = kinds();
    assert!(kinds.len() >= 4, "tests/init-exports/ holds {} folders", kinds.len());
    let all: Vec<String> = kinds.iter().flat_map(|k| mismatches(k)).collect();
    assert!(all.is_empty(), "{} mismatches:\n\n{}", all.len(), all.join("\n\n"));
}

/// The numbers in expected.toml are reachable: the careful scenario written by
/// hand beside each folder (hand-written.toml) reproduces them exactly.
#[test]
fn a_careful_hand_written_scenario_finds_exactly_what_expected_toml_says() {
    let all: Vec<String> = kinds()
        .iter()
        .flat_map(|kind| {
            let dir = fresh_copy(kind);
            std::fs::copy(kind.join("hand-written.toml"), dir.path().join("scenario.toml"))
                .unwrap();
            compare(&name(kind), dir.path(), &expected(kind))
        })
        .collect();
    assert!(all.is_empty(), "{} mismatches:\n\n{}", all.len(), all.join("\n\n"));
}
