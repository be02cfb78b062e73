//! The `shadow-import` binary end to end: exit codes, output formats, the
//! suite runner, `--db`, and the exact error text for bad input.

#![allow(clippy::unwrap_used)] // a test crate: a panic is a failed test

use std::path::Path;

use assert_cmd::Command;

/// The binary, with reports free of a run time: outputs are compared byte for byte.
fn shadow_import() -> Command {
    let mut command = Command::cargo_bin("shadow-import").unwrap();
    command.env("SHADOW_IMPORT_DETERMINISTIC", "1");
    command
}

const INCIDENT: &str = "scenarios/opportunity-contact-roles-missed";

#[test]
fn run_incident_says_rollback_with_23_percent_and_exits_1() {
    let out = shadow_import().args(["run", INCIDENT]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains(
            "FAIL    missing_relationship  deals via deals.contact       23.00%  1104/4800  fail > 2%"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("1104 of 4800 deals have no contacts through deals.contact"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "data/OpportunityContactRole.csv  looks like a junction between deals (OpportunityId) \
             and contacts (ContactId) and is not mapped"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("Verdict: ROLLBACK"), "{stdout}");
    assert!(out.stderr.is_empty());
}

#[test]
fn run_clean_mapping_says_go_and_exits_0() {
    let out = shadow_import()
        .args(["run", "scenarios/opportunity-contact-roles-mapped"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8(out.stdout).unwrap().contains("Verdict: GO"));
}

#[test]
fn json_report_follows_the_contract() {
    let out = shadow_import().args(["run", INCIDENT, "--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["scenario"], "opportunity-contact-roles-missed");
    assert_eq!(json["verdict"], "rollback");
    let objects = json["objects"].as_array().unwrap();
    let names: Vec<&str> = objects.iter().map(|o| o["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["companies", "contacts", "deals"]);
    for o in objects {
        assert_eq!(
            o["source_rows"].as_u64(),
            Some(o["loaded"].as_u64().unwrap() + o["rejected"].as_u64().unwrap())
        );
    }
    let deals = objects.iter().find(|o| o["name"] == "deals").unwrap();
    assert_eq!(deals["source_rows"], 4800);
    let triggers = json["triggers"].as_array().unwrap();
    let rel = triggers.iter().find(|t| t["id"] == "missing_relationship").unwrap();
    assert_eq!(rel["object"], "deals via deals.contact");
    assert_eq!(rel["status"], "fail");
    assert_eq!(rel["value"], 23.0);
    assert_eq!(rel["threshold"], 2.0);
    assert_eq!(rel["count"], 1104);
    let example = &rel["examples"][0];
    assert_eq!(example["file"], "data/Opportunity.csv");
    assert_eq!(example["line"], 3);
    assert_eq!(example["key"], "0065g00000BPcRMAA1");
    let failing: Vec<&str> = triggers
        .iter()
        .filter(|t| t["status"] == "fail")
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(failing, ["missing_relationship"]);
}

#[test]
fn output_flag_writes_the_report_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.json");
    let out = shadow_import()
        .args([
            "run",
            "scenarios/pipedrive-deals-unparseable-values",
            "--format",
            "json",
            "--output",
        ])
        .arg(&report)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(json["objects"][0]["rejected"], 42);
}

#[test]
fn test_command_lists_every_scenario_and_counts() {
    let folders = std::fs::read_dir("scenarios")
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().join("scenario.toml").is_file())
        .count();
    let out = shadow_import().args(["test", "scenarios"]).output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), folders + 2, "{stdout}");
    assert_eq!(lines.last().copied(), Some(format!("{folders} passed, 0 failed").as_str()));
    // The warnings, counted again from the scenario lines, on their own line.
    let warned: Vec<usize> =
        lines[..folders].iter().map(|l| l.matches("warn: ").count()).filter(|&n| n > 0).collect();
    let plural = |n: usize, noun: &str| format!("{n} {noun}{}", if n == 1 { "" } else { "s" });
    let warnings = format!(
        "{} in {}",
        plural(warned.iter().sum(), "warning"),
        plural(warned.len(), "scenario")
    );
    assert!(warned.len() >= 5, "the shipped scenarios warn in several folders: {stdout}");
    assert_eq!(lines[folders], warnings);
    let incident = lines.iter().find(|l| l.contains("opportunity-contact-roles-missed")).unwrap();
    assert!(incident.starts_with("ok "), "{incident}");
    assert!(incident.contains("ROLLBACK"), "{incident}");
    assert!(incident.contains("missing_relationship deals via deals.contact 23.00%"), "{incident}");
    assert!(incident.contains("[expected ROLLBACK (met)]"), "{incident}");
    // Default folder is scenarios/ (timings aside, the same lines).
    let untimed = |text: &str| -> Vec<String> {
        text.lines().map(|l| l.rsplit_once("  (").map_or(l, |(head, _)| head).to_string()).collect()
    };
    let default = shadow_import().arg("test").output().unwrap();
    assert_eq!(untimed(&String::from_utf8(default.stdout).unwrap()), untimed(&stdout));
}

#[test]
fn output_to_a_file_says_where_it_wrote_unless_quiet() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.md");
    let run = |quiet: bool| {
        let mut cmd = shadow_import();
        cmd.args(["run", "scenarios/stage-names-unmapped", "--format", "markdown", "--output"])
            .arg(&report);
        if quiet {
            cmd.arg("--quiet");
        }
        cmd.output().unwrap()
    };
    let out = run(false);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr, format!("wrote {}\n", report.display()));
    assert!(std::fs::read_to_string(&report).unwrap().contains("unmapped_value"));
    let quiet = run(true);
    assert!(quiet.stderr.is_empty(), "{}", String::from_utf8_lossy(&quiet.stderr));
}

#[test]
fn test_command_fails_when_an_expectation_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("pipedrive-expected-go");
    std::fs::create_dir_all(case.join("data")).unwrap();
    let source = Path::new("scenarios/pipedrive-deals-unparseable-values");
    std::fs::copy(source.join("data/deals.csv"), case.join("data/deals.csv")).unwrap();
    let toml = std::fs::read_to_string(source.join("scenario.toml"))
        .unwrap()
        .replace("verdict = \"rollback\"", "verdict = \"go\"")
        .replace("triggers = [\"import_failure\"]", "triggers = []");
    std::fs::write(case.join("scenario.toml"), toml).unwrap();

    let out = shadow_import().arg("test").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.starts_with(
            "FAIL  pipedrive-expected-go  ROLLBACK  import_failure opportunities 8.40%"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("NOT MET: verdict is ROLLBACK, expected GO; `import_failure` failed on opportunities (8.4%), which is not expected"), "{stdout}");
    assert!(stdout.ends_with("0 passed, 1 failed\n"), "{stdout}");

    // `run` on the same scenario: ROLLBACK and an unmet expectation, exit 1.
    let out = shadow_import().arg("run").arg(&case).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("Expected: GO with no trigger failing (NOT MET)")
    );
}

#[test]
fn db_flag_keeps_the_complete_shadow() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shadow.db");
    let out = shadow_import().args(["run", INCIDENT, "--db"]).arg(&db).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let deals: i64 = conn.query_row("SELECT count(*) FROM deals", [], |r| r.get(0)).unwrap();
    assert_eq!(deals, 4800);
    let no_contact: i64 = conn
        .query_row("SELECT count(*) FROM deals WHERE contact IS NULL", [], |r| r.get(0))
        .unwrap();
    assert_eq!(no_contact, 1104);
    let files: i64 =
        conn.query_row("SELECT sum(source_rows) FROM _files", [], |r| r.get(0)).unwrap();
    assert_eq!(files, 9600);
    // Every object's table and index is in the one file, whichever thread loaded it,
    // with the load's inventory of the export files nothing reads.
    let schema: String = conn
        .query_row(
            "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master ORDER BY name)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        schema,
        "_blanked _coverage _damage _export_files _export_folders _files _ix_blanked _ix_damage \
         _ix_key_companies _ix_key_contacts _ix_key_deals _ix_o1_f5 _ix_o2_f4 _ix_o2_f5 _ix_rejects _ix_rejects_key _ix_unmapped \
         _ix_unmapped_samples _rejects _repeats _unmapped _unmapped_samples companies contacts deals"
    );
    // Only the finished database is left: no temporary file beside it.
    let entries: Vec<_> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(entries, [std::ffi::OsString::from("shadow.db")]);
}

/// Files whose names hold an ESC: an error naming one and the report
/// listing another show `\u{1b}`, and no ESC reaches stdout or stderr.
#[test]
fn file_names_with_an_escape_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let red = "\u{1b}[31mred\u{7}.csv";
    std::fs::write(data.join("Contact.csv"), "Id,Email\n1,a@example.com\n").unwrap();
    std::fs::write(data.join(red), "Id,Email\n1,a@example.com\n").unwrap();
    std::fs::write(
        dir.path().join("scenario.toml"),
        "[scenario]\nname = \"escapes\"\n[[object]]\nname = \"contacts\"\nfile = \"data/Contact.csv\"\nkey = \"Id\"\n\
         fields.email = { from = \"Email\" }\n",
    )
    .unwrap();
    for format in ["text", "markdown"] {
        let out =
            shadow_import().arg("run").arg(dir.path()).args(["--format", format]).output().unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert_eq!(out.status.code(), Some(0), "{stdout}");
        assert!(stdout.contains("data/\\u{1b}[31mred\\u{7}.csv"), "{stdout}");
        assert!(!stdout.contains('\u{1b}') && !stdout.contains('\u{7}'), "{stdout:?}");
    }
    // The same file read by the scenario, empty: the error names it escaped.
    std::fs::write(data.join(red), "").unwrap();
    std::fs::write(
        dir.path().join("scenario.toml"),
        "[scenario]\nname = \"escapes\"\n[[object]]\nname = \"contacts\"\nfile = \"data/\\u001B[31mred\\u0007.csv\"\nkey = \"Id\"\n\
         fields.email = { from = \"Email\" }\n",
    )
    .unwrap();
    let out = shadow_import().arg("run").arg(dir.path().join("scenario.toml")).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("data/\\u{1b}[31mred\\u{7}.csv"), "{stderr}");
    assert!(!stderr.contains('\u{1b}') && !stderr.contains('\u{7}'), "{stderr:?}");
}

/// Two exports concatenated: the second one's byte-order mark starts line 4
/// (its header, now a row). In UTF-8, in UTF-16LE, and in a file read as
/// Windows-1252 (`ï»¿`), it is encoding damage at line 4, named as such;
/// the header row itself is rejected (its `Email` is no e-mail address).
#[test]
fn a_byte_order_mark_in_the_middle_of_a_file_is_damage_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let first = "Id,Email,Name\r\n1,a@example.com,Zoë\r\n2,b@example.com,\"Jürgen, Jr.\"\r\n";
    let second = "Id,Email,Name\r\n3,c@example.com,Ana\r\n4,d@example.com,Åsa\r\n";
    let utf8 = [b"\xEF\xBB\xBF", first.as_bytes(), b"\xEF\xBB\xBF", second.as_bytes()].concat();
    std::fs::write(data.join("Contact.csv"), utf8).unwrap();
    let utf16 = |text: &str| text.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>();
    let utf16le = [&b"\xFF\xFE"[..], &utf16(first), b"\xFF\xFE", &utf16(second)].concat();
    std::fs::write(data.join("Lead.csv"), utf16le).unwrap();
    let ascii = |text: &str| text.replace(['ë', 'ü', 'Å'], "e");
    let cp1252 = [ascii(first).as_bytes(), b"\xEF\xBB\xBF", ascii(second).as_bytes()].concat();
    std::fs::write(data.join("Person.csv"), cp1252).unwrap();
    let object = |name: &str, file: &str, encoding: &str| {
        format!(
            "[[object]]\nname = \"{name}\"\nfile = \"data/{file}\"\nkey = \"Id\"\n{encoding}\
             fields.email = {{ from = \"Email\", type = \"email\" }}\nfields.name = {{ from = \"Name\" }}\n"
        )
    };
    let scenario = format!(
        "[scenario]\nname = \"concatenated\"\n{}{}{}",
        object("contacts", "Contact.csv", ""),
        object("leads", "Lead.csv", ""),
        object("people", "Person.csv", "encoding = \"windows-1252\"\n"),
    );
    std::fs::write(dir.path().join("scenario.toml"), scenario).unwrap();
    let out =
        shadow_import().arg("run").arg(dir.path()).args(["--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for (i, object) in ["contacts", "leads", "people"].iter().enumerate() {
        let rows = &json["objects"][i];
        assert_eq!(rows["name"], *object);
        assert_eq!(
            (&rows["source_rows"], &rows["loaded"], &rows["rejected"]),
            (&5.into(), &4.into(), &1.into())
        );
        assert_eq!(rows["damaged_rows"], 1, "{object}");
        let damage = json["triggers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == "encoding_damage" && t["object"] == *object)
            .unwrap();
        assert_eq!((&damage["count"], &damage["total"]), (&1.into(), &5.into()), "{object}");
        let example = &damage["examples"][0];
        assert_eq!(example["line"], 4, "{object}");
        assert_eq!(example["repair"], "Id", "{object}");
        assert_eq!(
            example["note"],
            "a byte-order mark in the middle of the file: two exports concatenated?; likely 'Id'",
            "{object}"
        );
    }
}

/// A stray quote on line 2 (`"Smith` never closed) swallows lines 3–5,
/// three rows of the file, up to the lone quote of `"Park"` on line 6: the
/// record has the header's three cells and would load. It is rejected,
/// naming the line the cell opens on and the lines it spans; the note over
/// four lines on line 7 (one comma a line) loads.
#[test]
fn a_quoted_cell_that_swallows_rows_is_rejected_where_it_opens() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("data")).unwrap();
    let csv = "Id,Email,Name\r\n1,a@example.com,\"Smith\r\n2,b@example.com,Jones\r\n\
               3,c@example.com,Lee\r\n4,d@example.com,Kim\r\n5,e@example.com,\"Park\"\r\n\
               6,f@example.com,\"Note, long\r\nline two, more\r\nline three, again\r\nend\"\r\n\
               7,g@example.com,Zoë\r\n";
    std::fs::write(dir.path().join("data/Contact.csv"), csv).unwrap();
    std::fs::write(
        dir.path().join("scenario.toml"),
        "[scenario]\nname = \"stray-quote\"\n[[object]]\nname = \"contacts\"\n\
         file = \"data/Contact.csv\"\nkey = \"Id\"\nfields.email = { from = \"Email\", type = \"email\" }\n\
         fields.name = { from = \"Name\" }\n",
    )
    .unwrap();
    let out =
        shadow_import().arg("run").arg(dir.path()).args(["--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = &json["objects"][0];
    // Records: lines 2–6 (one, swallowing), 7–10 (the note), 11.
    assert_eq!(
        (&rows["source_rows"], &rows["loaded"], &rows["rejected"]),
        (&3.into(), &2.into(), &1.into())
    );
    let failure =
        json["triggers"].as_array().unwrap().iter().find(|t| t["id"] == "import_failure").unwrap();
    let example = &failure["examples"][0];
    assert_eq!(example["line"], 2);
    assert_eq!(example["column"], "Name");
    assert_eq!(
        example["note"],
        "a quoted cell opens on line 2 and spans 5 lines, 3 of them shaped like rows of this file: \
         a stray quote? (those rows are not read; fix the quote)"
    );
    // The rows it holds are personal data: masked whole by --redact.
    let redacted = shadow_import().arg("run").arg(dir.path()).arg("--redact").output().unwrap();
    let text = String::from_utf8(redacted.stdout).unwrap();
    assert!(text.contains("Name=\"‹row:") && !text.contains("b@example.com"), "{text}");
}

/// `--redact`'s key: `--redact-key-file`, else `SHADOW_IMPORT_REDACT_KEY`.
/// One key gives one report, byte for byte, whichever way it comes;
/// another key other tokens. A key that cannot be used stops the run
/// (exit 2, nothing on stdout) with an error naming where it was given.
#[test]
fn redact_keys_come_from_a_file_or_the_environment() {
    const KEY: &str = "shadow-import test key, not a secret";
    const OTHER: &str = "another key of sixteen bytes or more";
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_string()
    };
    let key = write("redact.key", &format!("{KEY}\n"));
    let run = |variable: Option<&str>, extra: &[&str]| {
        let mut command = shadow_import();
        match variable {
            Some(value) => command.env("SHADOW_IMPORT_REDACT_KEY", value),
            None => command.env_remove("SHADOW_IMPORT_REDACT_KEY"),
        };
        let out = command.args(["run", "scenarios/hubspot-mac-mojibake-names"]).args(extra);
        let out = out.output().unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        (out.status.code().unwrap(), stdout, String::from_utf8(out.stderr).unwrap())
    };
    let (code, by_file, _) = run(None, &["--redact", "--redact-key-file", &key]);
    assert_eq!(code, 1);
    assert!(by_file.contains("First Name=\"‹name:"), "{by_file}");
    assert_eq!(run(Some(KEY), &["--redact"]).1, by_file, "the variable holds the key itself");
    let flag_wins = run(Some(OTHER), &["--redact", "--redact-key-file", &key]).1;
    assert_eq!(flag_wins, by_file, "the file, when given, over the variable");
    assert_ne!(run(Some(OTHER), &["--redact"]).1, by_file, "another key, other tokens");
    // Keys that cannot be used.
    let empty = write("empty.key", "\n");
    let missing = dir.path().join("missing.key").to_str().unwrap().to_string();
    for (variable, extra, message) in [
        (
            None,
            vec!["--redact", "--redact-key-file", empty.as_str()],
            format!(
                "--redact-key-file {empty}: the redaction key is empty; put a random one of at \
                 least 16 bytes in it, e.g. `head -c 32 /dev/urandom | base64`"
            ),
        ),
        (
            None,
            vec!["--redact", "--redact-key-file", missing.as_str()],
            format!("--redact-key-file {missing}: cannot read the redaction key: No such file"),
        ),
        (
            Some("acme2024"),
            vec!["--redact"],
            "SHADOW_IMPORT_REDACT_KEY: the redaction key is 8 bytes long, too short to keep its \
             tokens secret; use at least 16"
                .to_string(),
        ),
    ] {
        let (code, stdout, stderr) = run(variable, &extra);
        assert_eq!(code, 2, "{extra:?}: {stderr}");
        assert!(stderr.starts_with(&format!("error: {message}")), "{extra:?}: {stderr}");
        assert!(stdout.is_empty(), "{stdout}");
    }
    // A key file without --redact is a usage error, not a report left unmasked.
    let (code, stdout, stderr) = run(None, &["--redact-key-file", &key]);
    assert_eq!(code, 2);
    assert!(stderr.contains("required arguments were not provided") && stderr.contains("--redact"));
    assert!(stdout.is_empty());
    // Without --redact, the variable is not read: nothing to mask with it.
    assert_eq!(run(Some("acme2024"), &[]).0, 1);
}

/// The stderr of `run` on a scenario of one object whose `[triggers]`
/// (and what follows) is `triggers`, with the folder's path as `DIR`.
fn scenario_error(triggers: &str) -> String {
    let dir = scenario_folder(
        &format!(
            "[scenario]\nname = \"thresholds\"\n\n[[object]]\nname = \"contacts\"\nfile = \"data/c.csv\"\n\
             key = \"Id\"\nfields.email = {{ from = \"Email\" }}\n\n[triggers]\n{triggers}\n"
        ),
        &[("c.csv", "Id,Email\nC1,a@example.com\n")],
    );
    let out = shadow_import().arg("run").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    stderr.replace(&dir.path().display().to_string(), "DIR")
}

#[test]
fn a_bad_threshold_says_what_the_trigger_takes() {
    let cases = [
        (
            "critical_blank = { fail = \"abc\" }",
            "`abc` is not a percentage like \"2%\" or a count like 10 (or \"off\")",
        ),
        (
            "critical_blank = { fail = \"1h30\" }",
            "`1h30` is not a percentage like \"2%\" or a count like 10 (or \"off\")",
        ),
        (
            "critical_blank = { fail = \"\" }",
            "an empty string is not a percentage like \"2%\" or a count like 10 (or \"off\")",
        ),
        (
            "critical_blank = { fail = \"10 rows\" }",
            "`10 rows` is not a percentage like \"2%\" or a count like 10 (or \"off\")",
        ),
        (
            "critical_blank = { fail = \"10\" }",
            "`\"10\"` is in quotes; a count is written without quotes: fail = 10 \
             (a percentage with its %: fail = \"10%\")",
        ),
        (
            "critical_blank = { warn = \"150%\" }",
            "`150%` is over 100%; a percentage is at most 100% (for a count, write warn = 150)",
        ),
        (
            "critical_blank = { fail = 99999999999999999999 }",
            "`99999999999999999999` is too large a count; \"off\" sets no threshold",
        ),
        (
            "critical_blank = { fail = -1 }",
            "`-1` is not a count like 10 (a whole number, 0 or more)",
        ),
    ];
    for (triggers, message) in cases {
        assert_eq!(
            scenario_error(triggers),
            format!("error: DIR/scenario.toml:11:27: triggers.critical_blank: {message}\n"),
            "{triggers}"
        );
    }
}

#[test]
fn an_integrity_check_under_triggers_takes_no_settings() {
    assert_eq!(
        scenario_error("rows_balance = { fail = 3 }"),
        "error: DIR/scenario.toml:11:1: triggers.rows_balance: `rows_balance` is an integrity check, \
         not a trigger, and takes no settings; remove it from [triggers]\n"
    );
}

#[test]
fn an_unknown_trigger_in_expect_is_named_at_its_place() {
    assert_eq!(
        scenario_error(
            "\n[expect]\nverdict = \"go\"\ntriggers = [\"rows_balance\", \"critical_blnk\"]"
        ),
        "error: DIR/scenario.toml:14:29: [expect] names unknown trigger `critical_blnk`; triggers: \
         rows_balance, non_ascii_round_trip, import_failure, missing_relationship, critical_blank, \
         encoding_damage, spreadsheet_damage, lost_digits, orphan_reference, rejected_reference, duplicate_link, primary_link, \
         reference_cycle, unmapped_value, unmapped_file, destination_merge, unique_violation, validation_rule, cutover_window, api_budget, arrived_rows, \
         arrived_pipeline, arrived_values, changed_after_load, system_instability, reconcile; did you mean `critical_blank`?\n"
    );
}

#[test]
fn path_without_a_scenario_is_an_error() {
    let out = shadow_import().args(["run", "tests/no-such-folder"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: tests/no-such-folder: no scenario here (expected a scenario.toml file or a folder containing one)\n"
    );
}

#[test]
fn usage_errors_exit_2() {
    let out = shadow_import().args(["run"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = shadow_import().args(["run", INCIDENT, "--format", "yaml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// A scenario folder with `scenario.toml` and the data files given as
/// (path under `data/`, contents).
fn scenario_folder(toml: &str, files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("data")).unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join("data").join(name), text).unwrap();
    }
    std::fs::write(dir.path().join("scenario.toml"), toml).unwrap();
    dir
}

/// A field may be called `rowid`: the checks address rows by `_rowid_`,
/// which no field can be called, so orphans and examples stay right.
#[test]
fn a_field_called_rowid_does_not_confuse_the_checks() {
    let dir = scenario_folder(
        "[scenario]\nname = \"rowid-field\"\n\n\
         [[object]]\nname = \"companies\"\nfile = \"data/accounts.csv\"\nkey = \"Id\"\nfields.name = { from = \"Name\" }\n\n\
         [[object]]\nname = \"contacts\"\nfile = \"data/contacts.csv\"\nkey = \"Id\"\n\
         fields.rowid = { from = \"RowId\" }\nfields.company = { from = \"AccountId\", ref = \"companies\" }\n",
        &[
            ("accounts.csv", "Id,Name\nA1,Acme\nA2,Zoë SA\n"),
            ("contacts.csv", "Id,RowId,AccountId\nC1,first,A1\nC2,second,A9\nC3,third,A2\n"),
        ],
    );
    let out =
        shadow_import().arg("run").arg(dir.path()).args(["--format", "json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let orphans = report["triggers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "orphan_reference")
        .unwrap();
    assert_eq!((orphans["count"].as_u64(), orphans["total"].as_u64()), (Some(1), Some(3)));
    assert_eq!(orphans["examples"][0]["line"], 3);
    assert_eq!(orphans["examples"][0]["value"], "A9");
}

/// Files load on several threads; when more than one fails, the error is
/// the first failing file's in scenario order, whichever thread got there
/// first, and nothing is left beside `--db`.
#[test]
fn a_failing_load_reports_the_first_file_in_scenario_order() {
    // The small first file loads on the second thread, the large one on the first.
    let mut big = String::from("Id,Name\n");
    for i in 0..20_000 {
        big.push_str(&format!("{i},Name {i}\n"));
    }
    big.push_str("x,\"open too\n");
    let dir = scenario_folder(
        "[scenario]\nname = \"two-bad-files\"\n\n\
         [[object]]\nname = \"a\"\nfile = \"data/a.csv\"\nkey = \"Id\"\nfields.name = { from = \"Name\" }\n\n\
         [[object]]\nname = \"b\"\nfile = \"data/b.csv\"\nkey = \"Id\"\nfields.name = { from = \"Name\" }\n",
        &[("a.csv", "Id,Name\n1,Zoë\n2,\"open\n"), ("b.csv", &big)],
    );
    let out_dir = tempfile::tempdir().unwrap();
    for _ in 0..3 {
        let out = shadow_import()
            .arg("run")
            .arg(dir.path())
            .arg("--db")
            .arg(out_dir.path().join("shadow.db"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains("data/a.csv:3:3: a quoted cell opens here"), "{stderr}");
        assert_eq!(std::fs::read_dir(out_dir.path()).unwrap().count(), 0);
    }
}

#[test]
fn db_flag_never_overwrites_an_export() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("Contact.csv");
    std::fs::write(&csv, "Id,Email\n1,a@example.com\n").unwrap();
    let out = shadow_import().args(["run", INCIDENT, "--db"]).arg(&csv).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.ends_with("exists and is not an SQLite database; refusing to overwrite it\n"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&csv).unwrap(), "Id,Email\n1,a@example.com\n");
}

/// Writes a scenario folder with the given files and returns its JSON report.
fn rehearse_json(files: &[(&str, &str)]) -> (i32, serde_json::Value) {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let out =
        shadow_import().arg("run").arg(dir.path()).args(["--format", "json"]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(stderr.is_empty(), "{stderr}");
    (out.status.code().unwrap(), serde_json::from_slice(&out.stdout).unwrap())
}

fn trigger<'a>(json: &'a serde_json::Value, id: &str, object: &str) -> &'a serde_json::Value {
    json["triggers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == id && t["object"] == object)
        .unwrap()
}

#[test]
fn blanks_from_value_maps_count_as_blank() {
    let scenario = r#"
[scenario]
name = "map-to-blank"
[[object]]
name = "deals"
file = "data/deals.csv"
key = "Id"
fields.stage = { from = "Stage", map = "stages", critical = true }
fields.owner = { from = "Owner", map = "owners", required = true }
[maps.stages]
values = { "N/A" = "", "Won" = "closedwon" }
[maps.owners]
values = { "nobody" = " " }
"#;
    let data = "Id,Stage,Owner\n1,Won,ana\n2,N/A,ana\n3,N/A,nobody\n4,N/A,ana\n";
    let (code, json) = rehearse_json(&[("scenario.toml", scenario), ("data/deals.csv", data)]);
    assert_eq!(code, 1);
    // Row 3's owner maps to blank and is required: rejected.
    assert_eq!(json["objects"][0]["rejected"], 1);
    assert_eq!(trigger(&json, "import_failure", "deals")["examples"][0]["line"], 4);
    // Rows 2 and 4 load with a blank stage: 2 of 3 loaded rows.
    let blank = trigger(&json, "critical_blank", "deals.stage");
    assert_eq!((blank["count"].as_u64(), blank["total"].as_u64()), (Some(2), Some(3)));
    assert_eq!(blank["status"], "fail");
}

#[test]
fn junction_keys_are_checked_and_empty_exports_warn() {
    let scenario = r#"
[scenario]
name = "junction-keys"
[[object]]
name = "deals"
file = "data/deals.csv"
key = "Id"
[[object]]
name = "contacts"
file = "data/contacts.csv"
key = "Id"
[[junction]]
name = "roles"
file = "data/roles.csv"
key = "Id"
left = { from = "DealId", ref = "deals" }
right = { from = "ContactId", ref = "contacts" }
"#;
    let roles = "Id,DealId,ContactId\nr1,d1,c1\nr1,d1,c2\n,d1,c3\nr2,,c1\n";
    let (code, json) = rehearse_json(&[
        ("scenario.toml", scenario),
        ("data/deals.csv", "Id\nd1\n"),
        ("data/contacts.csv", "Id\n"),
        ("data/roles.csv", roles),
    ]);
    assert_eq!(code, 1);
    let roles = &json["objects"][2];
    assert_eq!(
        (roles["source_rows"].as_u64(), roles["loaded"].as_u64(), roles["rejected"].as_u64()),
        (Some(4), Some(1), Some(3))
    );
    let examples = &trigger(&json, "import_failure", "roles")["examples"];
    let reasons: Vec<&str> =
        examples.as_array().unwrap().iter().map(|e| e["note"].as_str().unwrap()).collect();
    assert_eq!(
        reasons,
        ["duplicate key (first seen on line 2)", "key is blank", "link end is blank"]
    );
    let empty = trigger(&json, "import_failure", "contacts");
    assert_eq!(empty["status"], "warn");
    assert_eq!(empty["measure"], "the file has a header but no rows");
    // The one loaded link points at a contact that is not there.
    assert_eq!(trigger(&json, "orphan_reference", "roles.right → contacts")["count"], 1);
}

#[test]
fn blank_default_is_a_scenario_error() {
    let dir = scenario_folder(
        "[scenario]\nname = \"d\"\n[[object]]\nname = \"contacts\"\nfile = \"data/c.csv\"\nkey = \"Id\"\n\
         fields.email = { from = \"Email\", required = true, default = \"\" }\n",
        &[("c.csv", "Id,Email\n1,\n")],
    );
    let out = shadow_import().arg("run").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.ends_with("scenario.toml:7:61: default for contacts.email is blank; remove `default` or give a value\n"),
        "{stderr}"
    );
}

#[test]
fn encoding_damage_is_located_in_json() {
    let out = shadow_import()
        .args(["run", "scenarios/mixed-encoding-contacts", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let file = &json["objects"][0];
    assert_eq!(file["encoding"], "utf-8 (detected: mostly UTF-8, mixed with another encoding)");
    assert_eq!(file["delimiter"], ",");
    assert_eq!(file["undecodable_bytes"], 18);
    assert_eq!(file["damaged_rows"], 6);
    assert_eq!(file["non_ascii_in"], file["non_ascii_out"]);
    let damage = trigger(&json, "encoding_damage", "contacts");
    assert_eq!(damage["status"], "fail");
    let first = &damage["examples"][0];
    assert_eq!((first["line"].as_u64(), first["column"].as_str()), (Some(27), Some("FirstName")));
    assert_eq!(first["note"], "undecodable bytes; likely 'Jürgen'; byte offset 1614");
    let lines: std::collections::BTreeSet<u64> = damage["examples"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["line"].as_u64().unwrap())
        .collect();
    assert!(lines.is_subset(&[27, 83, 105, 161, 187, 240].into()), "{lines:?}");
}

/// Runs `sample` into a new temporary folder and returns it.
fn sample_of(scenario: &str, extra: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = shadow_import()
        .args(["sample", scenario, "--out"])
        .arg(dir.path())
        .args(extra)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    dir
}

#[test]
fn sample_keeps_every_relationship_and_is_deterministic() {
    let dir = sample_of("scenarios/opportunity-contact-roles-mapped", &["--size", "100"]);
    let out =
        shadow_import().arg("run").arg(dir.path()).args(["--format", "json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let deals = json["objects"].as_array().unwrap().iter().find(|o| o["name"] == "deals").unwrap();
    assert_eq!(deals["source_rows"], 100);
    for t in json["triggers"].as_array().unwrap() {
        if t["id"] == "orphan_reference" {
            assert_eq!(t["count"], 0, "{t}");
        }
    }
    // Same seed, same bytes; another seed, other rows.
    let again = sample_of("scenarios/opportunity-contact-roles-mapped", &["--size", "100"]);
    let other =
        sample_of("scenarios/opportunity-contact-roles-mapped", &["--size", "100", "--seed", "2"]);
    let read =
        |d: &tempfile::TempDir| std::fs::read(d.path().join("data/Opportunity.csv")).unwrap();
    assert_eq!(read(&dir), read(&again));
    assert_ne!(read(&dir), read(&other));
}

#[test]
fn sample_writes_the_source_format() {
    let dir = sample_of("scenarios/excel-unicode-text-contacts", &["--size", "10"]);
    let bytes = std::fs::read(dir.path().join("data/contacts.txt")).unwrap();
    assert_eq!(&bytes[..2], b"\xFF\xFE", "UTF-16LE BOM kept");
    let dir = sample_of(
        "scenarios/salesforce-windows-1252-contacts",
        &["--size", "20", "--root", "contacts"],
    );
    let bytes = std::fs::read(dir.path().join("data/Contact.csv")).unwrap();
    assert!(std::str::from_utf8(&bytes).is_err(), "still Windows-1252, not UTF-8");
    assert!(bytes.windows(2).any(|w| w == b"\r\n"), "CRLF kept");
    let out = shadow_import().arg("run").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
}

/// The rows of a CSV export, read with the csv crate (not the tool's
/// reader): header → cell.
fn csv_rows(path: &Path) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(|h| h.trim_start_matches('\u{FEFF}').to_string())
        .collect();
    reader
        .records()
        .map(|r| headers.iter().cloned().zip(r.unwrap().iter().map(str::to_string)).collect())
        .collect()
}

/// A Salesforce id in its 18-character form (Salesforce's published
/// suffix rule), so 15- and 18-character ids of one record compare equal.
fn sf18(id: &str) -> String {
    if id.len() != 15 {
        return id.to_string();
    }
    let mut full = id.to_string();
    for chunk in id.as_bytes().chunks(5) {
        let bits = chunk
            .iter()
            .enumerate()
            .filter(|(_, b)| b.is_ascii_uppercase())
            .fold(0, |n, (i, _)| n | 1 << i);
        full.push(char::from(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"[bits]));
    }
    full
}

/// The values of `column` in the rows of `file` under `dir`, as 18-character ids.
fn id_set(dir: &Path, file: &str, column: &str) -> std::collections::BTreeSet<String> {
    csv_rows(&dir.join(file)).iter().map(|r| sf18(&r[column])).collect()
}

/// Every `lookup` value (`file`, `column`) of the sample's rows whose
/// parent (`parent file`, `key column`) is in the full export is in the
/// sample; returns how many values point at no row of the full export.
fn parents_present(
    full: &Path,
    sample: &Path,
    (file, column): (&str, &str),
    (parent, key): (&str, &str),
) -> usize {
    let in_full = id_set(full, parent, key);
    let in_sample = id_set(sample, parent, key);
    let mut absent = 0;
    for row in csv_rows(&sample.join(file)) {
        let value = sf18(&row[column]);
        if value.is_empty() || value == "000000000000000AAA" {
            continue;
        }
        if in_full.contains(&value) {
            assert!(
                in_sample.contains(&value),
                "{file}.{column} {value}: its {parent} row is not in the sample"
            );
        } else {
            absent += 1;
        }
    }
    absent
}

/// Every row of `child` (`file`, its key, its `column`) in the full export
/// that points at one of the `chosen` rows is in the sample; returns how
/// many there are.
fn children_present(
    full: &Path,
    sample: &Path,
    (file, key, column): (&str, &str, &str),
    chosen: &std::collections::BTreeSet<String>,
) -> usize {
    let in_sample = id_set(sample, file, key);
    let mut children = 0;
    for row in csv_rows(&full.join(file)) {
        if chosen.contains(&sf18(&row[column])) {
            assert!(
                in_sample.contains(&sf18(&row[key])),
                "{file} {}: a child of a chosen row is missing",
                row[key]
            );
            children += 1;
        }
    }
    children
}

/// The shipped scenarios' relationships, checked on the written CSVs: every
/// parent in the export comes along (the accounts the full run rejects
/// too: they stay rejected references, never orphans), and so do the rows
/// that hang off the sampled ones (contact roles, a company's contacts
/// and deals, with 15- and 18-character ids mixed).
#[test]
fn sample_takes_every_parent_in_the_export_and_the_rows_hanging_off_it() {
    // Deals whose accounts the full run rejects for a bad ANNUALREVENUE.
    let full = Path::new("scenarios/salesforce-rejected-accounts-no-cascade");
    let dir = sample_of(full.to_str().unwrap(), &["--size", "50"]);
    let (full_data, data) = (full.join("data"), dir.path().join("data"));
    let deleted =
        parents_present(&full_data, &data, ("Opportunity.csv", "ACCOUNTID"), ("Account.csv", "ID"));
    let bad_revenue: std::collections::BTreeSet<String> = csv_rows(&full_data.join("Account.csv"))
        .iter()
        .filter(|r| !r["ANNUALREVENUE"].is_empty() && r["ANNUALREVENUE"].parse::<f64>().is_err())
        .map(|r| sf18(&r["ID"]))
        .collect();
    assert_eq!(bad_revenue.len(), 5);
    let to_rejected = csv_rows(&data.join("Opportunity.csv"))
        .iter()
        .filter(|r| bad_revenue.contains(&sf18(&r["ACCOUNTID"])))
        .count();
    assert!(to_rejected > 0, "the seed picks no deal of a rejected account");
    // The rejected accounts those deals point at are in the sample, rejected again.
    let rejected_accounts = csv_rows(&data.join("Account.csv"))
        .iter()
        .filter(|r| bad_revenue.contains(&sf18(&r["ID"])))
        .count();
    assert!(rejected_accounts > 0);
    let out =
        shadow_import().arg("run").arg(dir.path()).args(["--format", "json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let company = "deals.company → companies";
    assert_eq!(trigger(&json, "rejected_reference", company)["count"], to_rejected);
    assert_eq!(trigger(&json, "orphan_reference", company)["count"], deleted);
    let companies = json["objects"].as_array().unwrap().iter().find(|o| o["name"] == "companies");
    assert_eq!(companies.unwrap()["rejected"], rejected_accounts);
    // The full scenario expects ROLLBACK of its 5 of 80 rejects: the sample
    // leaves that out and exits with its own verdict.
    let toml = std::fs::read_to_string(dir.path().join("scenario.toml")).unwrap();
    assert!(!toml.contains("\n[expect]") && toml.contains("[expect] block is left out"), "{toml}");
    assert!(json.get("expectation").is_none(), "{}", json["expectation"]);
    assert_eq!(out.status.code(), Some(i32::from(json["verdict"] != "go")));

    // Deals with their contact roles, each role's contact, every account.
    let full = Path::new("scenarios/opportunity-contact-roles-mapped/data");
    let dir = sample_of("scenarios/opportunity-contact-roles-mapped", &["--size", "50"]);
    let data = dir.path().join("data");
    let roles = ("OpportunityContactRole.csv", "Id", "OpportunityId");
    let deals = id_set(&data, "Opportunity.csv", "Id");
    assert_eq!(deals.len(), 50);
    assert!(children_present(full, &data, roles, &deals) >= 50);
    for (file, column, parent) in [
        ("OpportunityContactRole.csv", "ContactId", "Contact.csv"),
        ("Opportunity.csv", "ContactId", "Contact.csv"),
        ("Opportunity.csv", "AccountId", "Account.csv"),
        ("Contact.csv", "AccountId", "Account.csv"),
    ] {
        assert_eq!(
            parents_present(full, &data, (file, column), (parent, "Id")),
            0,
            "{file}.{column}"
        );
    }

    // Companies with their contacts and deals, ids of 15 and 18 characters.
    // A company in the sample that no sampled company names as its parent
    // was chosen (the others came as parents, without their children).
    let full = Path::new("scenarios/salesforce-15-and-18-char-ids/data");
    let dir = sample_of(
        "scenarios/salesforce-15-and-18-char-ids",
        &["--size", "20", "--root", "companies"],
    );
    let data = dir.path().join("data");
    let parents = id_set(&data, "Account.csv", "ParentId");
    let chosen: std::collections::BTreeSet<String> =
        id_set(&data, "Account.csv", "Id").difference(&parents).cloned().collect();
    assert!((10..=20).contains(&chosen.len()), "{chosen:?}");
    for child in [("Contact.csv", "Id", "AccountId"), ("Opportunity.csv", "Id", "AccountId")] {
        assert!(children_present(full, &data, child, &chosen) > 10, "{child:?}");
    }
    for (file, column) in [
        ("Account.csv", "ParentId"),
        ("Contact.csv", "AccountId"),
        ("Opportunity.csv", "AccountId"),
    ] {
        assert_eq!(
            parents_present(full, &data, (file, column), ("Account.csv", "Id")),
            0,
            "{file}.{column}"
        );
    }
}

/// The rows hanging off a chosen deal come with it even when the full
/// rehearsal rejects them (a line item with a bad amount, a contact role
/// with a blank contact), and are rejected in the sample too; a rejected
/// row touching no chosen row stays out.
#[test]
fn a_sample_takes_the_rejected_rows_hanging_off_a_chosen_row() {
    let scenario = scenario_folder(
        "[scenario]\nname = \"items\"\n\
         [[object]]\nname = \"deals\"\nfile = \"data/deals.csv\"\nkey = \"Id\"\nfields.name = { from = \"Name\" }\n\
         [[object]]\nname = \"contacts\"\nfile = \"data/contacts.csv\"\nkey = \"Id\"\nfields.name = { from = \"Name\" }\n\
         [[object]]\nname = \"items\"\nfile = \"data/items.csv\"\nkey = \"Id\"\n\
         fields.deal = { from = \"DealId\", ref = \"deals\" }\n\
         fields.amount = { from = \"Amount\", type = \"decimal\" }\n\
         [[junction]]\nname = \"roles\"\nfile = \"data/roles.csv\"\n\
         left = { from = \"DealId\", ref = \"deals\" }\nright = { from = \"ContactId\", ref = \"contacts\" }\n",
        &[
            ("deals.csv", "Id,Name\nD1,a\nD2,b\nD3,c\n"),
            ("contacts.csv", "Id,Name\nC1,x\nC2,y\nC3,z\nC4,w\n"),
            (
                "items.csv",
                "Id,DealId,Amount\nI1,D1,10\nI2,D1,lots\nI3,D2,5\nI4,D2,many\nI5,D3,1\nI6,D3,x\n",
            ),
            ("roles.csv", "DealId,ContactId\nD1,C1\nD1,\nD2,C2\nD2,\nD3,C3\nD3,\n,C4\n"),
        ],
    );
    let dir = tempfile::tempdir().unwrap();
    let out = shadow_import()
        .arg("sample")
        .arg(scenario.path())
        .args(["--size", "1", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let data = dir.path().join("data");
    let deals = csv_rows(&data.join("deals.csv"));
    assert_eq!(deals.len(), 1);
    let deal = &deals[0]["Id"];
    let items: Vec<String> =
        csv_rows(&data.join("items.csv")).iter().map(|r| r["DealId"].clone()).collect();
    assert_eq!(items, [deal.as_str(); 2], "both items of {deal}, the rejected one too");
    let roles = csv_rows(&data.join("roles.csv"));
    assert_eq!(roles.len(), 2, "{roles:?}");
    assert!(roles.iter().all(|r| &r["DealId"] == deal), "{roles:?}");
    let contacts = csv_rows(&data.join("contacts.csv"));
    assert_eq!(contacts.len(), 1, "only the chosen deal's contact: {contacts:?}");
    assert_eq!(contacts[0]["Id"], roles.iter().map(|r| r["ContactId"].clone()).max().unwrap());
    for file in ["items", "roles"] {
        let line = format!(
            "  data/{file}.csv  2 rows (1 the full rehearsal rejects, rejected here too)\n"
        );
        assert!(stdout.contains(&line), "{stdout}");
    }

    let out =
        shadow_import().arg("run").arg(dir.path()).args(["--format", "json"]).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for (object, rows) in [("deals", 1), ("contacts", 1), ("items", 2), ("roles", 2)] {
        let found = json["objects"].as_array().unwrap().iter().find(|o| o["name"] == object);
        let found = found.unwrap_or_else(|| panic!("no {object}"));
        assert_eq!(found["source_rows"], rows, "{object}");
        assert_eq!(found["rejected"], i32::from(rows == 2), "{object}");
    }
}

/// A sample's `[cutover]` reads the full export's counts from the baseline
/// the scenario names: the sample folder holds a copy, so it runs.
#[test]
fn a_sample_keeps_the_baseline_its_cutover_counts_come_from() {
    let dir = tempfile::tempdir().unwrap();
    let (source, folder) = (Path::new("scenarios/verify-hubspot-load-arrived"), dir.path());
    std::fs::create_dir(folder.join("data")).unwrap();
    for entry in std::fs::read_dir(source.join("data")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, folder.join("data").join(path.file_name().unwrap())).unwrap();
    }
    std::fs::copy(source.join("baseline.json"), folder.join("baseline.json")).unwrap();
    let toml = std::fs::read_to_string(source.join("scenario.toml")).unwrap().replace(
        "[migration_day]\nbaseline = \"baseline.json\"\nexport = \"destination\"\n",
        "[cutover]\nstart = \"2027-03-13 18:00\"\napi = \"hubspot-starter\"\ncounts = \"baseline.json\"\n",
    );
    assert!(toml.contains("counts = \"baseline.json\""));
    std::fs::write(folder.join("scenario.toml"), toml).unwrap();
    let sample = sample_of(folder.to_str().unwrap(), &["--size", "20"]);
    assert_eq!(
        std::fs::read(sample.path().join("baseline.json")).unwrap(),
        std::fs::read(folder.join("baseline.json")).unwrap()
    );
    let out =
        shadow_import().arg("run").arg(sample.path()).args(["--format", "json"]).output().unwrap();
    assert!(out.status.code().unwrap() < 2, "{}", String::from_utf8_lossy(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json["cutover"].is_object(), "{json}");
}

/// Every report of a sample names it as a sample of the full scenario.
#[test]
fn a_sample_reports_itself_as_a_sample() {
    let dir =
        sample_of("scenarios/opportunity-contact-roles-mapped", &["--size", "30", "--seed", "7"]);
    let name = "sample of 30 deals from opportunity-contact-roles-mapped, seed 7";
    let toml = std::fs::read_to_string(dir.path().join("scenario.toml")).unwrap();
    assert!(toml.contains(&format!("name = \"{name}\"")), "{toml}");
    for format in ["text", "json", "markdown", "junit", "html"] {
        let out =
            shadow_import().arg("run").arg(dir.path()).args(["--format", format]).output().unwrap();
        let report = String::from_utf8(out.stdout).unwrap();
        assert!(report.contains(name), "{format}: {report}");
    }
}

/// Fewer rows of the root than asked: stderr says so and why, from the
/// export's own counts.
#[test]
fn a_sample_smaller_than_asked_says_why() {
    let campaigns = Path::new("scenarios/campaign-members-orphans/data/Campaign.csv");
    assert_eq!(csv_rows(campaigns).len(), 25);
    let dir = tempfile::tempdir().unwrap();
    let out = shadow_import()
        .args(["sample", "scenarios/campaign-members-orphans", "--size", "100", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "note: 25 campaigns, not the 100 asked: data/Campaign.csv has only 25 rows of campaigns, all in the sample\n"
    );
    assert!(String::from_utf8(out.stdout).unwrap().starts_with("sampled 25 campaigns (seed 1)"));
    assert_eq!(csv_rows(&dir.path().join("data/Campaign.csv")).len(), 25);

    // A row without a key cannot be chosen; a row repeating a key comes with it.
    let scenario = scenario_folder(
        "[scenario]\nname = \"few\"\n[[object]]\nname = \"contacts\"\nfile = \"data/contacts.csv\"\nkey = \"Id\"\n\
         fields.email = { from = \"Email\" }\n",
        &[(
            "contacts.csv",
            "Id,Email\n1,a@example.com\n,b@example.com\n2,c@example.com\n1,d@example.com\n3,e@example.com\n",
        )],
    );
    let dir = tempfile::tempdir().unwrap();
    let out = shadow_import()
        .arg("sample")
        .arg(scenario.path())
        .args(["--size", "10", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "note: 3 contacts, not the 10 asked: data/contacts.csv has 5 rows of contacts; 1 has no key, \
         so no sample can choose it (the rehearsal rejects it); 1 repeats the key of an earlier row \
         and comes with it; every one of its 3 keys is in the sample\n"
    );
    let written: Vec<String> = csv_rows(&dir.path().join("data/contacts.csv"))
        .iter()
        .map(|r| r["Email"].clone())
        .collect();
    assert_eq!(written, ["a@example.com", "c@example.com", "d@example.com", "e@example.com"]);

    // As many as asked: nothing to say.
    let dir = tempfile::tempdir().unwrap();
    let out = shadow_import()
        .arg("sample")
        .arg(scenario.path())
        .args(["--size", "2", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));

    // One key, held by two rows.
    let scenario = scenario_folder(
        "[scenario]\nname = \"one\"\n[[object]]\nname = \"contacts\"\nfile = \"data/contacts.csv\"\nkey = \"Id\"\n\
         fields.email = { from = \"Email\" }\n",
        &[("contacts.csv", "Id,Email\n7,a@example.com\n7,b@example.com\n")],
    );
    let dir = tempfile::tempdir().unwrap();
    let out = shadow_import()
        .arg("sample")
        .arg(scenario.path())
        .args(["--size", "5", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "note: 1 contacts, not the 5 asked: data/contacts.csv has 2 rows of contacts; 1 repeats \
         the key of an earlier row and comes with it; its one key is in the sample\n"
    );
    assert_eq!(csv_rows(&dir.path().join("data/contacts.csv")).len(), 2);
}

#[test]
fn init_writes_a_scenario_that_runs_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    for file in ["Account.csv", "Contact.csv", "Opportunity.csv", "OpportunityContactRole.csv"] {
        std::fs::copy(
            Path::new("scenarios/opportunity-contact-roles-mapped/data").join(file),
            data.join(file),
        )
        .unwrap();
    }
    let out = shadow_import()
        .args(["init", "--from", "salesforce", "--to", "hubspot"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    for object in [
        "object: companies (data/Account.csv, its ids start with 001)",
        "object: contacts (data/Contact.csv, its ids start with 003)",
        "object: deals (data/Opportunity.csv, its ids start with 006)",
    ] {
        assert!(stdout.contains(object), "{stdout}");
    }
    assert!(stdout.contains("junctions: deal_contacts"), "{stdout}");
    assert!(stdout.contains("rehearsed as written: GO"), "{stdout}");
    let toml = std::fs::read_to_string(dir.path().join("scenario.toml")).unwrap();
    assert!(toml.contains("[[junction]]\nname = \"deal_contacts\""), "{toml}");
    assert!(toml.contains("REVIEW"), "{toml}");
    // The generated scenario rehearses cleanly: GO on this export.
    let run = shadow_import().arg("run").arg(dir.path()).output().unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stdout));
    // A second init refuses to replace the reviewed file.
    let again = shadow_import()
        .args(["init", "--from", "salesforce", "--to", "hubspot"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(
        String::from_utf8(again.stderr).unwrap().ends_with("exists; pass --force to replace it\n")
    );
}

#[test]
fn rejects_flag_never_overwrites_an_export() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("Contact.csv");
    std::fs::write(&csv, "Id,Email\n1,a@example.com\n").unwrap();
    let out = shadow_import().args(["run", INCIDENT, "--rejects"]).arg(&csv).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("is not a rejects file; refusing to overwrite it"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&csv).unwrap(), "Id,Email\n1,a@example.com\n");

    // An earlier rejects file is replaced without complaint.
    let rejects = dir.path().join("rejects.csv");
    for _ in 0..2 {
        let out =
            shadow_import().args(["run", INCIDENT, "--rejects"]).arg(&rejects).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    }
    assert!(std::fs::read_to_string(&rejects).unwrap().starts_with("file,line,object,column,"));
    // Written beside the target and renamed: no temporary file is left.
    let mut entries: Vec<_> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    entries.sort();
    assert_eq!(entries, ["Contact.csv", "rejects.csv"]);
}

#[test]
fn a_report_or_rejects_file_that_cannot_be_written_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    for flag in ["--output", "--rejects"] {
        let target = dir.path().join("missing-folder").join("out.csv");
        let out = shadow_import().args(["run", INCIDENT, flag]).arg(&target).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{flag}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        let expected = format!("error: {}: cannot write: ", target.display());
        assert!(stderr.starts_with(&expected), "{flag}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{flag}: {stderr}");
    }
}

#[test]
fn sample_refuses_an_empty_size_and_a_full_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = shadow_import()
        .args(["sample", INCIDENT, "--size", "0", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("--size 0: a sample needs at least one row")
    );

    std::fs::write(dir.path().join("keep.txt"), "mine").unwrap();
    let out = shadow_import().args(["sample", INCIDENT, "--out"]).arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(std::fs::read_to_string(dir.path().join("keep.txt")).unwrap(), "mine");
}

#[test]
fn a_filter_that_matches_nothing_is_an_error() {
    let out = shadow_import()
        .args(["test", "scenarios", "--filter", "no-such-scenario"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("no scenario folder under scenarios"));
}

/// Headers a hostile or careless export holds: quotes, dots, `=`, brackets,
/// a line break, emoji, a backslash, an ESC, duplicates after snake case,
/// none at all. Every platform's scenario parses and runs (exit 0 or 1,
/// never 2).
#[test]
fn init_on_hostile_headers_writes_a_scenario_that_parses_and_runs() {
    let headers = "Id,\"Na\"\"me\",a.b,x=y,[sec],\"line1\nline2\",🦄🦄,emoji 🦄,!!!,a b,A B,\
                   Ünïcode,,__,#hash,d\\e,\"# x\n[object]\",esc\u{1b}[31m,Email,EMAIL";
    let row = "1,a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,a@example.com,b@example.com";
    for from in ["csv", "salesforce", "hubspot", "pipedrive"] {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir_all(&data).unwrap();
        std::fs::write(data.join("Contact.csv"), format!("{headers}\n{row}\n")).unwrap();
        // Nothing maps this one: its headers go into a comment.
        std::fs::write(data.join("Zz \"odd\".csv"), format!("{headers}\n{row}\n")).unwrap();
        let out = shadow_import()
            .args(["init", "--from", from, "--to", "hubspot"])
            .arg(dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{from}: {}", String::from_utf8_lossy(&out.stderr));
        let toml = std::fs::read_to_string(dir.path().join("scenario.toml")).unwrap();
        let run = shadow_import().arg("run").arg(dir.path()).output().unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(matches!(run.status.code(), Some(0 | 1)), "{from}: {stderr}\n{toml}");
        assert!(toml.contains(r#"from = "line1\nline2""#), "{from}: {toml}");
        assert!(!toml.contains("\n[object]"), "{from}: {toml}");
        // The destination schema beside it holds the same names, as TOML.
        let schema = std::fs::read_to_string(dir.path().join("destination.toml")).unwrap();
        let parsed: toml::Value =
            toml::from_str(&schema).unwrap_or_else(|e| panic!("{e}\n{schema}"));
        assert_eq!(parsed.get("extends").and_then(toml::Value::as_str), Some("hubspot"));
        assert!(!schema.contains("\n[object]"), "{from}: {schema}");
    }
}

#[test]
fn init_without_exports_is_an_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = shadow_import()
        .args(["init", "--from", "salesforce", "--to", "hubspot"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("no export files (.csv, .tsv, .txt)"), "{stderr}");
    assert!(!dir.path().join("scenario.toml").exists());
}

/// `init`'s HubSpot scenario runs with HubSpot's own rules on from the
/// start (the destination.toml it writes extends the shipped schema): deals
/// get a pipeline, no deal lookup pretends to be a property, and contacts
/// are checked for the merges HubSpot makes on e-mail.
#[test]
fn init_hubspot_scenario_passes_the_destination_rules() {
    let source = Path::new("scenarios/init-salesforce-to-hubspot");
    let scenario = std::fs::read_to_string(source.join("scenario.toml")).unwrap();
    assert!(scenario.contains("\n[destination]\nschema = \"destination.toml\""), "{scenario}");
    let schema = std::fs::read_to_string(source.join("destination.toml")).unwrap();
    assert!(schema.contains("\nextends = \"hubspot\"\n"), "{schema}");
    let out = shadow_import().args(["run", "--quiet"]).arg(source).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("Verdict: GO"), "{stdout}");
    assert!(stdout.contains("destination_merge     contacts.email"), "{stdout}");
}

/// A kept shadow says why each row was refused three ways: a sentence for a
/// person, a stable code and the code's fields; damage is kept by its code.
#[test]
fn a_kept_shadow_holds_reject_reasons_and_damage_as_codes() {
    let dir = scenario_folder(
        "[scenario]\nname = \"codes\"\n[[object]]\nname = \"contacts\"\nfile = \"data/c.csv\"\nkey = \"Id\"\n\
         fields.name = { from = \"Name\" }\nfields.owner = { from = \"Owner\", map = \"owners\" }\n\
         [maps.owners]\nvalues = { A = \"a\" }\nunmapped = \"reject\"\n",
        // Line 3 repeats line 2's key with another name: a duplicate, not a repeat.
        &[("c.csv", "Id,Name,Owner\n1,Ann,A\n1,Anne,A\n2,Bob,Z\n3,Jos√©,A\n")],
    );
    let db = dir.path().join("shadow.db");
    let out = shadow_import().arg("run").arg(dir.path()).arg("--db").arg(&db).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let mut stmt =
        conn.prepare("SELECT line, kind, detail, reason FROM _rejects ORDER BY line").unwrap();
    let rejects: Vec<(i64, String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let row = |line, kind: &str, detail: &str, reason: &str| {
        (line, kind.to_string(), detail.to_string(), reason.to_string())
    };
    assert_eq!(
        rejects,
        [
            row(3, "duplicate_key", r#"{"first_line":2}"#, "duplicate key (first seen on line 2)"),
            row(4, "not_in_map", r#"{"map":"owners"}"#, "`Z` is not in value map `owners`"),
        ]
    );
    let damage: String = conn.query_row("SELECT kind FROM _damage", [], |r| r.get(0)).unwrap();
    assert_eq!(damage, "utf8_as_mac_roman");
}

/// An SQLite database that no rehearsal made (a CRM backup) is never
/// replaced by `--db`, and stays byte-identical; a shadow is.
#[test]
fn db_flag_replaces_only_a_shadow() {
    let dir = tempfile::tempdir().unwrap();
    let backup = dir.path().join("crm-backup.db");
    {
        let conn = rusqlite::Connection::open(&backup).unwrap();
        conn.execute_batch("CREATE TABLE deals (id); INSERT INTO deals VALUES (1);").unwrap();
    }
    let before = std::fs::read(&backup).unwrap();
    let out = shadow_import().args(["run", INCIDENT, "--db"]).arg(&backup).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("is an SQLite database that is not a shadow"), "{stderr}");
    assert_eq!(std::fs::read(&backup).unwrap(), before);
    let shadow = dir.path().join("shadow.db");
    for _ in 0..2 {
        let out =
            shadow_import().args(["run", INCIDENT, "-q", "--db"]).arg(&shadow).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let mut names: Vec<_> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();
    assert_eq!(names, ["crm-backup.db", "shadow.db"], "nothing but the two databases");
}

/// `--output`, `--rejects` and `--db` refuse a file the scenario reads, and
/// two outputs naming one file; nothing is written and the input is intact.
#[test]
fn outputs_never_replace_an_input_or_each_other() {
    let scenario = Path::new(INCIDENT).join("scenario.toml");
    let export = Path::new(INCIDENT).join("data/Contact.csv");
    let (toml, csv) = (std::fs::read(&scenario).unwrap(), std::fs::read(&export).unwrap());
    for (option, target) in
        [("--output", &scenario), ("--rejects", &export), ("--db", &export), ("--output", &export)]
    {
        let out = shadow_import().args(["run", INCIDENT, option]).arg(target).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{option}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        let said = format!("{option} would overwrite {}, which is an input", target.display());
        assert!(stderr.contains(&said), "{stderr}");
    }
    let dir = tempfile::tempdir().unwrap();
    let same = dir.path().join("out.txt");
    let out = shadow_import()
        .args(["run", INCIDENT, "--output"])
        .arg(&same)
        .arg("--rejects")
        .arg(dir.path().join(".").join("out.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("--rejects names the file --output already writes"), "{stderr}");
    assert!(!same.exists());
    assert_eq!((std::fs::read(&scenario).unwrap(), std::fs::read(&export).unwrap()), (toml, csv));
}

/// A report that cannot be written is an error with its cause, on a file
/// and on standard output, never exit 0.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_named_with_its_cause() {
    let out = shadow_import().args(["run", INCIDENT, "--output", "/dev/full"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("error: /dev/full: cannot write: No space left on device"),
        "{stderr}"
    );
    let full = std::fs::File::create("/dev/full").unwrap();
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("shadow-import"))
        .args(["run", INCIDENT])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("standard output: cannot write: No space left on device"), "{stderr}");
}

/// A run interrupted while it loads removes its partial files (beside
/// `--db` and in TMPDIR) and exits 128 + the signal; a run killed outright
/// leaves partials that the next run removes.
#[cfg(target_os = "linux")]
#[test]
fn an_interrupted_run_leaves_nothing_behind() {
    let work = tempfile::tempdir().unwrap();
    let export = work.path().join("export");
    let out = shadow_import()
        .args(["generate", "--contacts", "100000", "--out"])
        .arg(&export)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let (db_dir, tmp) = (work.path().join("db"), work.path().join("tmp"));
    std::fs::create_dir_all(&db_dir).unwrap();
    std::fs::create_dir_all(&tmp).unwrap();
    let listing = |dir: &Path| std::fs::read_dir(dir).unwrap().count();
    let partials = |dir: &Path| {
        std::fs::read_dir(dir)
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".partial"))
            .count()
    };
    for (signal, with_db) in [("INT", true), ("TERM", false), ("HUP", true), ("KILL", true)] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("shadow-import"))
            .args(["run", "-q"])
            .arg(&export)
            .args(if with_db { vec!["--db".into(), db_dir.join("x.db")] } else { vec![] })
            .env("TMPDIR", &tmp)
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Wait until the load has started writing its partials.
        let started = std::time::Instant::now();
        while listing(&db_dir) + listing(&tmp) == 0 && started.elapsed().as_secs() < 30 {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        assert!(listing(&db_dir) + listing(&tmp) > 0, "the run wrote no partial in 30 s");
        let kill = std::process::Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(child.id().to_string())
            .status()
            .unwrap();
        assert!(kill.success());
        let status = child.wait().unwrap();
        if signal == "KILL" {
            assert!(listing(&db_dir) > 0, "SIGKILL leaves its partials");
            break;
        }
        let code =
            128 + [("INT", 2), ("TERM", 15), ("HUP", 1)].iter().find(|s| s.0 == signal).unwrap().1;
        assert_eq!(status.code(), Some(code), "SIG{signal}");
        // No partial is left; a signal that lands after the shadow was
        // complete and renamed into place (a loaded machine delays the kill)
        // leaves that finished file, which is not a partial.
        assert_eq!((partials(&db_dir), partials(&tmp)), (0, 0), "SIG{signal} left partials");
        let _ = std::fs::remove_file(db_dir.join("x.db"));
        assert_eq!((listing(&db_dir), listing(&tmp)), (0, 0), "SIG{signal} left files");
    }
    // The next run writing beside --db sweeps the dead run's partials.
    let out = shadow_import()
        .args(["run", INCIDENT, "-q", "--db"])
        .arg(db_dir.join("y.db"))
        .env("TMPDIR", &tmp)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let names: Vec<_> =
        std::fs::read_dir(&db_dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["y.db"]);
}

/// The tasks of `utf32-exports-and-lying-boms` (a UTF-16LE mark over
/// Windows-1252 bytes) without `bom = "ignore"`: refused, exit 2, with the
/// file, the mark and how to declare the encoding; a declared encoding
/// alone does not override the mark.
#[test]
fn a_lying_bom_without_bom_ignore_is_refused_with_how_to_declare_it() {
    let task = std::fs::read("scenarios/utf32-exports-and-lying-boms/data/Task.csv").unwrap();
    assert!(task.starts_with(b"\xFF\xFE"));
    for declared in ["", "encoding = \"windows-1252\"\n"] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("data")).unwrap();
        std::fs::write(dir.path().join("data/Task.csv"), &task).unwrap();
        let toml = format!(
            "[scenario]\nname = \"lying-bom\"\n\n[[object]]\nname = \"tasks\"\n\
             file = \"data/Task.csv\"\n{declared}key = \"Id\"\nfields.subject = {{ from = \"Subject\" }}\n"
        );
        std::fs::write(dir.path().join("scenario.toml"), toml).unwrap();
        let out = shadow_import().arg("run").arg(dir.path()).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{declared}");
        assert!(out.stdout.is_empty());
        assert_eq!(
            String::from_utf8(out.stderr).unwrap(),
            format!(
                "error: {}: the file starts with a UTF-16LE byte-order mark (FF FE), but read in \
                 it, the text has no line break; the bytes look like windows-1252 (a guess). \
                 Declare the encoding on the object or junction that reads the file, overriding \
                 the mark: encoding = \"windows-1252\" and bom = \"ignore\"\n",
                dir.path().join("data/Task.csv").display()
            ),
            "{declared}"
        );
    }
}

/// `plan` on the 1M-contact HubSpot Starter load: each step's clock times,
/// the daily cap's wait, the decision points, and who calls which trigger.
#[test]
fn plan_shows_the_cutover_timeline_and_who_calls_it() {
    let out = shadow_import()
        .args(["plan", "-q", "scenarios/hubspot-starter-1m-contacts-over-budget"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "a plan written is a success, whatever the verdict");
    let plan = String::from_utf8(out.stdout).unwrap();
    for line in [
        // 10,000 calls at 15 per 10 s (100 less 85%) = 6,667 s after the
        // companies' 1,667 s.
        "| contacts | 10,000 | 2027-03-13 18:27 GMT (+27m 47s) | 2027-03-13 20:18 GMT (+2h 18m 53s) \
         | the rate limit |",
        // 32,500 calls before it leave 5,000 of the day's 37,500: the other
        // 3,000 wait for the first calls to leave the rolling 24 h.
        "| deal_contacts | 8,000 | 2027-03-14 00:01 GMT (+6h 1m 7s) | 2027-03-14 18:33 GMT (+24h 33m 20s) \
         | the rate limit; waits 17h 3m 20s for a daily cap |",
        "| validation (declared, 1h) | | 2027-03-14 18:33 GMT (+24h 33m 20s) | 2027-03-14 19:33 GMT (+25h 33m 20s) | |",
        "| hour 4 | 2027-03-13 22:00 GMT (+4h) |",
        "| window end (4h) | 2027-03-13 22:00 GMT (+4h) |",
        "| hour 8 | 2027-03-14 02:00 GMT (+8h) |",
        "The load and its validation **do not fit**: they end 21h 33m 20s after the window closes.",
        "the destination unavailable or throwing errors for more than 30 minutes → roll back",
    ] {
        assert!(plan.contains(line), "missing {line:?} in\n{plan}");
    }
    let technical = plan.lines().find(|l| l.starts_with("| technical: ")).unwrap();
    assert!(technical.contains("`cutover_window`, `api_budget`"), "{technical}");
    assert!(technical.contains("| the IT lead | ____________ | ____________ |"), "{technical}");
    let data = plan.lines().find(|l| l.starts_with("| data: ")).unwrap();
    assert!(data.contains("`missing_relationship`") && !data.contains("api_budget"), "{data}");
    assert!(data.contains("| the RevOps or Sales Ops lead |"), "{data}");
}

/// `plan` lists the `[[integration]]` entries to re-enable on rollback,
/// escaped for the table, and blank rows to fill in when none are declared.
#[test]
fn plan_lists_the_integrations_to_re_enable() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("s");
    std::fs::create_dir(&folder).unwrap();
    let source = Path::new("scenarios/verify-hubspot-load-arrived");
    std::fs::create_dir(folder.join("data")).unwrap();
    for entry in std::fs::read_dir(source.join("data")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, folder.join("data").join(path.file_name().unwrap())).unwrap();
    }
    let toml = std::fs::read_to_string(source.join("scenario.toml")).unwrap();
    let toml = toml
        .replace("[migration_day]\nbaseline = \"baseline.json\"\nexport = \"destination\"\n", "");
    let with = format!(
        "{toml}\n[[integration]]\nname = \"Web-to-lead form\"\npoints_at = \"Lead\"\nowner = \"Marketing ops\"\n\n\
         [[integration]]\nname = \"Outreach | sequences\"\n"
    );
    std::fs::write(folder.join("scenario.toml"), &with).unwrap();
    let plan = |folder: &Path| {
        let out = shadow_import().args(["plan", "-q"]).arg(folder).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let text = plan(&folder);
    assert!(text.contains("| Web-to-lead form | Lead | Marketing ops | __:__ |"), "{text}");
    assert!(
        text.contains("| Outreach \\| sequences | ____________ | ____________ | __:__ |"),
        "{text}"
    );
    assert!(!text.contains("None declared"));
    std::fs::write(folder.join("scenario.toml"), &toml).unwrap();
    assert!(
        plan(&folder).contains("None declared: list them in the scenario as `[[integration]]`")
    );
}

/// `--drill` of no trigger is refused before anything loads, with the
/// closest id; of a trigger the scenario does not configure, after.
#[test]
fn a_drill_of_an_unknown_or_unconfigured_trigger_is_refused() {
    let drill = |id: &str| {
        shadow_import()
            .args(["plan", "-q", "scenarios/opportunity-contact-roles-missed", "--drill", id])
            .output()
            .unwrap()
    };
    let out = drill("missing_relationshp");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("--drill missing_relationshp: no such trigger"), "{err}");
    assert!(err.contains("did you mean `missing_relationship`?"), "{err}");
    assert!(out.stdout.is_empty());
    let out = drill("cutover_window");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("no `cutover_window` result"), "{err}");
    // System instability is the practice's trigger no rehearsal measures: it drills.
    let out = drill("system_instability");
    assert_eq!(out.status.code(), Some(0));
    let drill = String::from_utf8(out.stdout).unwrap();
    assert!(drill.contains("It is reported to the IT lead."), "{drill}");
}

/// The sha256 of a file, in lowercase hex, computed here.
fn sha256_of(path: &Path) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(std::fs::read(path).unwrap());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn every_report_carries_the_version_each_input_hash_and_the_run_time() {
    let json = |envs: &[(&str, &str)], extra: &[&str]| {
        let mut cmd = shadow_import();
        cmd.args(["run", INCIDENT, "--format", "json"]).args(extra);
        cmd.env_remove("SOURCE_DATE_EPOCH").env_remove("SHADOW_IMPORT_DETERMINISTIC");
        for (k, v) in envs {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        out.stdout
    };
    let report: serde_json::Value = serde_json::from_slice(&json(&[], &[])).unwrap();
    let evidence = &report["evidence"];
    assert_eq!(evidence["tool"], "shadow-import");
    assert_eq!(evidence["version"], env!("CARGO_PKG_VERSION"));
    let at = evidence["run_at"].as_str().unwrap();
    assert!(at.len() == 20 && at.ends_with('Z') && at.starts_with("20"), "{at}");
    // Every file the scenario reads, each hashed here independently.
    let inputs = evidence["inputs"].as_array().unwrap();
    let files: Vec<&str> = inputs.iter().map(|i| i["file"].as_str().unwrap()).collect();
    assert_eq!(
        files,
        ["scenario.toml", "data/Account.csv", "data/Contact.csv", "data/Opportunity.csv"]
    );
    for input in inputs {
        let path = Path::new(INCIDENT).join(input["file"].as_str().unwrap());
        assert_eq!(input["sha256"].as_str().unwrap(), sha256_of(&path), "{path:?}");
        assert_eq!(input["bytes"].as_u64().unwrap(), std::fs::metadata(&path).unwrap().len());
    }
    // Determinism asked for: no run time, the same bytes every time.
    let quiet = json(&[], &["--deterministic"]);
    let quiet_report: serde_json::Value = serde_json::from_slice(&quiet).unwrap();
    assert!(quiet_report["evidence"].get("run_at").is_none());
    assert_eq!(quiet_report["evidence"]["inputs"], report["evidence"]["inputs"]);
    assert_eq!(json(&[("SHADOW_IMPORT_DETERMINISTIC", "1")], &[]), quiet);
    let epoch: serde_json::Value =
        serde_json::from_slice(&json(&[("SOURCE_DATE_EPOCH", "1796601600")], &[])).unwrap();
    assert_eq!(epoch["evidence"]["run_at"], "2026-12-07T00:00:00Z");
    // The text report ends its body with the same evidence.
    let out = shadow_import().args(["run", INCIDENT, "--deterministic"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let account = sha256_of(&Path::new(INCIDENT).join("data/Account.csv"));
    assert!(text.contains("shadow-import 0.1.0 · run time left out (deterministic)"), "{text}");
    assert!(text.contains(&format!("data/Account.csv  271,854 bytes  sha256 {account}")), "{text}");
}

#[test]
fn warn_error_makes_a_warning_fail_the_run() {
    // GO with one warning: 12% of contacts without a company, warn > 5%.
    let scenario = "scenarios/hubspot-contacts-with-companies-join";
    let run =
        |extra: &[&str]| shadow_import().args(["run", scenario]).args(extra).output().unwrap();
    let allowed = run(&[]);
    assert_eq!(allowed.status.code(), Some(0));
    let text = String::from_utf8(allowed.stdout).unwrap();
    assert!(text.contains("Verdict: GO (1 warning)"), "{text}");

    let strict = run(&["--warn-error"]);
    assert_eq!(strict.status.code(), Some(1));
    let text = String::from_utf8(strict.stdout).unwrap();
    assert!(
        text.contains("Verdict: ROLLBACK (1 warning): warnings count as failures (--warn-error)"),
        "{text}"
    );
    let json = run(&["--warn-error", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!((&json["verdict"], &json["warn_error"]), (&"rollback".into(), &true.into()));
    let junit = String::from_utf8(run(&["--warn-error", "--format", "junit"]).stdout).unwrap();
    // The warned result is a failed case, beside the unmet expectation.
    assert!(junit.contains("failures=\"2\"") && junit.contains("type=\"missing_relationship\""));

    // In a suite, the scenario that expects GO no longer meets it.
    let suite = shadow_import()
        .args(["test", "scenarios", "--filter", "hubspot-contacts-with-companies-join"])
        .arg("--warn-error")
        .output()
        .unwrap();
    assert_eq!(suite.status.code(), Some(1));
    assert!(String::from_utf8(suite.stdout).unwrap().ends_with("0 passed, 1 failed\n"));
}

/// The rows of a fix list, header first.
fn fix_list(path: &Path) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_path(path).unwrap();
    reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
}

#[test]
fn the_fix_list_holds_every_flagged_row_sorted_by_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fix.csv");
    let mut run = shadow_import();
    let out =
        run.args(["run", INCIDENT, "--format", "json", "--flagged"]).arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stderr).unwrap().contains("wrote "));
    // The report is the same with or without a fix list.
    let plain = shadow_import().args(["run", INCIDENT, "--format", "json"]).output().unwrap();
    assert_eq!(out.stdout, plain.stdout, "--flagged changed the report");
    let rows = fix_list(&path);
    assert_eq!(rows[0], ["file", "line", "key", "trigger", "column", "value", "reason"]);
    let rows = &rows[1..];
    // Sorted by file, then line.
    let order: Vec<(String, u64)> =
        rows.iter().map(|r| (r[0].clone(), r[1].parse().unwrap())).collect();
    assert!(order.is_sorted(), "not sorted by file and line");
    // Every blank e-mail, recounted from the export itself.
    // A record's line: the header's is 1, each record takes one line more
    // than the line breaks inside its cells.
    let mut contacts =
        csv::Reader::from_path(Path::new(INCIDENT).join("data/Contact.csv")).unwrap();
    let email = contacts.headers().unwrap().iter().position(|h| h == "Email").unwrap();
    let (mut blank_lines, mut line) = (Vec::new(), 2);
    for record in contacts.records() {
        let record = record.unwrap();
        if record[email].trim().is_empty() {
            blank_lines.push(line.to_string());
        }
        line += 1 + record.iter().map(|cell| cell.matches('\n').count()).sum::<usize>();
    }
    let flagged_blank: Vec<String> = rows
        .iter()
        .filter(|r| r[3] == "critical_blank" && r[4] == "Email")
        .map(|r| r[1].clone())
        .collect();
    assert_eq!(flagged_blank, blank_lines);
    assert_eq!(blank_lines.len(), 36, "the report's 36/3600");
    // Every deal without a contact: the report's 1104, each with its reason.
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let unlinked = report["triggers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "missing_relationship")
        .unwrap()["count"]
        .as_u64()
        .unwrap();
    let deals: Vec<&Vec<String>> = rows.iter().filter(|r| r[3] == "missing_relationship").collect();
    assert_eq!(deals.len() as u64, unlinked);
    assert!(deals.iter().all(|r| r[0] == "data/Opportunity.csv"
        && r[2].starts_with("0065g")
        && r[6] == "no contacts through deals.contact"));
    // The first examples of the report are the first rows of the list.
    let first = &report["triggers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "missing_relationship")
        .unwrap()["examples"][0];
    assert_eq!(deals[0][1], first["line"].to_string());
}

#[test]
fn the_fix_list_is_formula_safe_and_never_replaces_a_file_it_did_not_write() {
    let dir = scenario_folder(
        "[scenario]\nname = \"fix-list\"\n\n[[object]]\nname = \"deals\"\nfile = \"data/d.csv\"\n\
         key = \"Id\"\nfields.stage = { from = \"Stage\", map = \"stages\" }\n\
         fields.amount = { from = \"Amount\", critical = true }\n\n\
         [maps.stages]\nstrict = true\nvalues = { \"Won\" = \"closedwon\" }\n",
        &[(
            "d.csv",
            "Id,Stage,Amount\nD1,Won,10\nD2,=HYPERLINK(\"http://x\"),20\nD3,Won,\nD4,-2+3,5\n",
        )],
    );
    let path = dir.path().join("fix.csv");
    let out =
        shadow_import().arg("run").arg(dir.path()).arg("--flagged").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let rows = fix_list(&path);
    let cells: Vec<[&str; 4]> = rows[1..]
        .iter()
        .map(|r| [r[1].as_str(), r[3].as_str(), r[4].as_str(), r[5].as_str()])
        .collect();
    assert_eq!(
        cells,
        [
            ["3", "unmapped_value", "Stage", "'=HYPERLINK(\"http://x\")"],
            ["4", "critical_blank", "Amount", ""],
            ["5", "unmapped_value", "Stage", "'-2+3"],
        ]
    );
    assert_eq!(rows[1][6], "1 row, not in map stages");
    // A file that is not a fix list is refused, untouched.
    let export = dir.path().join("data/d.csv");
    let before = std::fs::read(&export).unwrap();
    let mine = dir.path().join("notes.csv");
    std::fs::write(&mine, "my,own\nnotes,here\n").unwrap();
    let out =
        shadow_import().arg("run").arg(dir.path()).arg("--flagged").arg(&mine).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("is not a fix list; refusing to overwrite it"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&mine).unwrap(), "my,own\nnotes,here\n");
    let out =
        shadow_import().arg("run").arg(dir.path()).arg("--flagged").arg(&export).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read(&export).unwrap(), before);
    // A fix list it wrote is replaced.
    let again =
        shadow_import().arg("run").arg(dir.path()).arg("--flagged").arg(&path).output().unwrap();
    assert_eq!(again.status.code(), Some(1));
}

#[test]
fn timings_name_every_phase_in_order_on_stderr_only() {
    let dir = tempfile::tempdir().unwrap();
    let out = shadow_import()
        .args(["run", INCIDENT, "--format", "json", "--db"])
        .arg(dir.path().join("shadow.db"))
        .arg("--rejects")
        .arg(dir.path().join("rejects.csv"))
        .arg("--flagged")
        .arg(dir.path().join("fix.csv"))
        .env("SHADOW_IMPORT_TIMINGS", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    // The report is untouched: the timings go to stderr.
    serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let phases: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.starts_with("wrote "))
        .map(|l| {
            let (what, took) = l.split_once(": ").unwrap_or_else(|| panic!("{l:?}"));
            assert!(took.trim().strip_suffix(" s").unwrap().parse::<f64>().is_ok(), "{l:?}");
            what.trim()
        })
        .collect();
    let at =
        |p: &str| phases.iter().position(|q| *q == p).unwrap_or_else(|| panic!("{p}: {stderr}"));
    let loads = phases.iter().rposition(|p| p.starts_with("load ") && !p.starts_with("load and"));
    assert!(loads.unwrap() < at("gather rejects"), "every file loads first: {stderr}");
    let order = [
        "index references",
        "gather rejects",
        "load and index files",
        "load and index",
        "resolve references",
        "missing_relationship",
        "triggers",
        "write fix list",
        "value-map coverage",
        "write rejects",
        "keep the shadow",
    ];
    for pair in order.windows(2) {
        assert!(at(pair[0]) < at(pair[1]), "{} before {}: {stderr}", pair[0], pair[1]);
    }
    assert_eq!(phases.last(), Some(&"keep the shadow"), "{stderr}");
}

#[test]
fn the_thread_count_changes_no_byte_of_any_report() {
    let report = |threads: &str, format: &str| {
        let out = shadow_import()
            .args(["run", INCIDENT, "--format", format, "--threads", threads])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
        out.stdout
    };
    for format in ["text", "json"] {
        let one = report("1", format);
        assert!(!one.is_empty());
        assert_eq!(one, report("3", format), "{format}: --threads 1 and 3 differ");
    }
    // SHADOW_IMPORT_THREADS says the same; a zero is refused.
    let env = shadow_import()
        .args(["run", INCIDENT, "--format", "json"])
        .env("SHADOW_IMPORT_THREADS", "2")
        .output()
        .unwrap();
    assert_eq!(env.stdout, report("1", "json"));
    let zero = shadow_import().args(["run", INCIDENT, "--threads", "0"]).output().unwrap();
    assert_eq!(zero.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&zero.stderr).contains("--threads"));
}

/// Every scenario folder under `scenarios/`, sorted.
fn shipped_scenarios() -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![std::path::PathBuf::from("scenarios")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.file_name().is_some_and(|n| n == "scenario.toml") {
                found.push(folder.clone());
            }
        }
    }
    found.sort();
    found
}

#[test]
fn one_file_on_several_threads_changes_no_byte_of_any_report_rejects_or_fix_list() {
    // Every file of every shipped scenario read on one thread, then with
    // its per-row work spread over three threads in batches of one, two or
    // seven rows (taken in turn; reordered on the way back): the exit code,
    // the JSON report, the rejects file and the fix list must not differ.
    let dir = tempfile::tempdir().unwrap();
    let outputs = |scenario: &Path, extra: &[&str], tag: &str| {
        let (rejects, flagged) = (
            dir.path().join(format!("{tag}-rejects.csv")),
            dir.path().join(format!("{tag}-fix.csv")),
        );
        let _ = std::fs::remove_file(&rejects);
        let _ = std::fs::remove_file(&flagged);
        let out = shadow_import()
            .arg("run")
            .arg(scenario)
            .args(["--format", "json", "--quiet", "--rejects"])
            .arg(&rejects)
            .arg("--flagged")
            .arg(&flagged)
            .args(extra)
            .output()
            .unwrap();
        let report = (out.status.code(), out.stdout, out.stderr);
        (report, std::fs::read(&rejects).ok(), std::fs::read(&flagged).ok())
    };
    let scenarios = shipped_scenarios();
    assert!(scenarios.len() >= 40, "{} scenarios", scenarios.len());
    let mut rows_rejected = 0;
    for (scenario, batch) in scenarios.iter().zip(["1", "2", "7"].iter().cycle()) {
        let one = outputs(scenario, &["--threads", "1"], "one");
        assert!(!one.0.1.is_empty(), "{}: no report", scenario.display());
        rows_rejected += one.1.as_ref().map_or(0, |r| r.iter().filter(|&&b| b == b'\n').count());
        let args = ["--threads", "3", "--split-bytes", "0", "--batch-rows", batch];
        let spread = outputs(scenario, &args, "spread");
        assert!(one == spread, "{}: batches of {batch} rows differ", scenario.display());
    }
    // The comparison covered rejected rows, not only clean files.
    assert!(rows_rejected > 100, "{rows_rejected} lines of rejects");
}
