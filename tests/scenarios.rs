//! Every folder under `scenarios/` is a regression test: its text report is
//! an `insta` snapshot in `snapshots/`, and its `[expect]` block is asserted
//! on its own, so a wrong verdict fails even if someone accepts a snapshot
//! without reading it.

#![allow(clippy::unwrap_used)] // a test crate: a panic is a failed test

use std::path::Path;

use shadow_import::report::text;
use shadow_import::{RunOptions, Scenario, rehearse};

#[test]
fn scenarios() {
    insta::glob!("..", "scenarios/*/scenario.toml", |path| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        // Relative paths, so nothing machine-specific reaches a snapshot.
        let relative = path.strip_prefix(root).expect("scenario under the crate root");
        let folder = relative.parent().and_then(Path::file_name).expect("scenario folder");
        let name = folder.to_string_lossy().into_owned();

        let scenario = Scenario::load(relative).unwrap_or_else(|e| panic!("{name}: {e}"));
        let db_dir = tempfile::tempdir().unwrap();
        let db = db_dir.path().join("shadow.db");
        let options = RunOptions { db: Some(db.clone()), ..RunOptions::default() };
        // A migration-day folder verifies or reconciles instead, as `test` does.
        let report = shadow_import::tools::migration_day::rehearse_or_verify(&scenario, &options)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let rejects = if db.exists() { rejects(&db) } else { String::new() };

        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path("../snapshots");
        settings.set_prepend_module_to_snapshot(false);
        settings.set_snapshot_suffix(&name);
        settings.set_omit_expression(true);
        settings.set_description(scenario.description.clone().unwrap_or_default());
        settings.bind(|| {
            insta::assert_snapshot!("report", text::render(&report, false));
            // Every rejected row with its reason, so a change in what is
            // refused shows in review even beyond the report's examples.
            if !rejects.is_empty() {
                insta::assert_snapshot!("rejects", rejects);
            }
        });

        let expect = scenario
            .expect
            .as_ref()
            .unwrap_or_else(|| panic!("{name}: every shipped scenario needs an [expect] block"));
        assert_eq!(report.verdict, expect.verdict, "{name}: verdict");
        let outcome = report.expectation.as_ref().expect("expectation outcome");
        assert!(outcome.met, "{name}: [expect] not met: {:?}", outcome.mismatches);
        assert!(report.rows.balanced, "{name}: source rows != loaded + repeated + rejected");
        for o in &report.objects {
            assert_eq!(o.source_rows, o.loaded + o.repeated + o.rejected, "{name}: {}", o.file);
        }
    });
}

/// The first 100 rows of `_rejects`: `file:line  column  reason  raw`.
fn rejects(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT file, line, coalesce(\"column\", ''), reason, raw FROM _rejects \
             ORDER BY object, line LIMIT 100",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            let raw: String = r.get(4)?;
            let raw: String = raw.chars().take(80).collect();
            Ok(format!(
                "{}:{}  {}  {}  {raw:?}",
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?
            ))
        })
        .unwrap();
    rows.map(Result::unwrap).collect::<Vec<_>>().join("\n")
}

#[test]
fn reports_are_byte_identical_across_runs() {
    let path = Path::new("scenarios/opportunity-contact-roles-missed");
    let scenario = Scenario::load(path).unwrap();
    let first = rehearse(&scenario, &RunOptions::default()).unwrap();
    let second = rehearse(&scenario, &RunOptions::default()).unwrap();
    assert_eq!(text::render(&first, false), text::render(&second, false));
    assert_eq!(
        shadow_import::report::json::render(&first),
        shadow_import::report::json::render(&second)
    );
}

/// A scenario folder written by a test: `scenario.toml` with `triggers`
/// under `[triggers]` (and `expect` after it), 40 contacts of which 12
/// have no e-mail, and a file nothing maps.
fn contacts_folder(triggers: &str, expect: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("data")).unwrap();
    let mut csv = String::from("Id,Email\n");
    for i in 0..40 {
        let email = if i % 10 < 3 { String::new() } else { format!("c{i}@example.com") };
        csv.push_str(&format!("C{i},{email}\n"));
    }
    std::fs::write(dir.path().join("data/contacts.csv"), csv).unwrap();
    std::fs::write(dir.path().join("data/notes.csv"), "Id,Text\n1,hello\n").unwrap();
    let toml = format!(
        "[scenario]\nname = \"counts\"\n\n[[object]]\nname = \"contacts\"\nfile = \"data/contacts.csv\"\n\
         key = \"Id\"\nfields.email = {{ from = \"Email\", critical = true }}\n\n[triggers]\n{triggers}\n{expect}"
    );
    std::fs::write(dir.path().join("scenario.toml"), toml).unwrap();
    dir
}

fn result<'r>(
    report: &'r shadow_import::Report,
    id: &str,
) -> &'r shadow_import::facts::TriggerResult {
    report.triggers.iter().find(|t| t.id == id).unwrap()
}

#[test]
fn a_count_threshold_fails_above_that_many_rows() {
    use shadow_import::facts::{Amount, Status, Unit};
    let dir = contacts_folder(
        "critical_blank = { fail = 10 }\nunmapped_file = { fail = 0 }",
        "[expect]\nverdict = \"rollback\"\ntriggers = [\"critical_blank\", \"unmapped_file\"]\n",
    );
    let scenario = Scenario::load(dir.path()).unwrap();
    let report = rehearse(&scenario, &RunOptions::default()).unwrap();
    assert!(report.as_expected(), "{:?}", report.expectation);
    let blank = result(&report, "critical_blank");
    assert_eq!(
        (blank.unit(), blank.value(), blank.status),
        (Unit::Count, Amount::Count(12), Status::Fail)
    );
    // The default warn of unmapped_file, 0%, reads as the count 0 beside a count.
    let files = result(&report, "unmapped_file");
    assert_eq!(
        (files.status, shadow_import::report::words::limits(files)),
        (Status::Fail, "warn > 0 files, fail > 0 files".into())
    );
    let text = text::render(&report, false);
    assert!(
        text.contains(
            "FAIL    critical_blank        contacts.email  12 rows  12/40  fail > 10 rows"
        ),
        "{text}"
    );
    assert!(
        text.contains("  12 of 40 loaded contacts have no email (12 rows, fail > 10 rows)"),
        "{text}"
    );
    assert!(
        text.contains(
            "  1 of 2 export files are read by no object or junction (1 file, warn > 0 files, fail > 0 files)"
        ),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&shadow_import::report::json::render(&report)).unwrap();
    let blank =
        json["triggers"].as_array().unwrap().iter().find(|t| t["id"] == "critical_blank").unwrap();
    assert_eq!(
        (&blank["unit"], &blank["value"], &blank["threshold"]),
        (&"count".into(), &12.into(), &10.into())
    );

    // Twelve is not above twenty: the same rows pass.
    let dir = contacts_folder("critical_blank = { fail = 20 }", "");
    let report = rehearse(&Scenario::load(dir.path()).unwrap(), &RunOptions::default()).unwrap();
    assert_eq!(result(&report, "critical_blank").status, Status::Pass);
    assert_eq!(report.verdict, shadow_import::Verdict::Go);
}

#[test]
fn a_threshold_in_a_unit_the_trigger_does_not_take_is_an_error_at_its_value() {
    let error = |triggers: &str| {
        let dir = contacts_folder(triggers, "");
        let scenario =
            Scenario::load(dir.path()).and_then(|s| rehearse(&s, &RunOptions::default()));
        let message = scenario.err().unwrap().to_string();
        let path = dir.path().join("scenario.toml").display().to_string();
        message.strip_prefix(&path).unwrap().to_string()
    };
    assert_eq!(
        error("critical_blank = { fail = \"4h\" }"),
        ":11:27: triggers.critical_blank: this trigger takes a percentage like \"2%\" or a count like 10, not a duration"
    );
    assert_eq!(
        error("critical_blank = { warn = 5 }"),
        ":11:27: triggers.critical_blank: `5` and fail = 3% (its default) are not in the same unit; \
         write warn and fail both as percentages or both as counts"
    );
    assert_eq!(
        error(
            "missing_relationship = [{ parent = \"contacts\", via = \"contacts.email\", fail = \"1h\" }]"
        ),
        ":11:79: triggers.missing_relationship: this trigger takes a percentage like \"2%\" or a count like 10, not a duration"
    );
    assert_eq!(
        error("critical_blank = { fail = \"abc\" }"),
        ":11:27: triggers.critical_blank: `abc` is not a percentage like \"2%\" or a count like 10 (or \"off\")"
    );
}

/// The error of rehearsing a [`contacts_folder`] with `triggers`, after the scenario's path.
fn threshold_error(triggers: &str) -> String {
    let dir = contacts_folder(triggers, "");
    let outcome = Scenario::load(dir.path()).and_then(|s| rehearse(&s, &RunOptions::default()));
    let message = outcome.err().unwrap().to_string();
    let path = dir.path().join("scenario.toml").display().to_string();
    message.strip_prefix(&path).unwrap().to_string()
}

#[test]
fn a_value_in_no_unit_is_refused_in_the_units_its_trigger_takes() {
    let takes = "is not a percentage like \"2%\" or a count like 10 (or \"off\")";
    for (value, what) in
        [("abc", "`abc`"), ("1h30", "`1h30`"), ("", "an empty string"), ("10 rows", "`10 rows`")]
    {
        assert_eq!(
            threshold_error(&format!("critical_blank = {{ fail = \"{value}\" }}")),
            format!(":11:27: triggers.critical_blank: {what} {takes}")
        );
    }
    assert_eq!(
        threshold_error("critical_blank = { fail = \"10\" }"),
        ":11:27: triggers.critical_blank: `\"10\"` is in quotes; a count is written without quotes: \
         fail = 10 (a percentage with its %: fail = \"10%\")"
    );
    assert_eq!(
        threshold_error("critical_blank = { fail = \"150%\" }"),
        ":11:27: triggers.critical_blank: `150%` is over 100%; a percentage is at most 100% \
         (for a count, write fail = 150)"
    );
    assert_eq!(
        threshold_error("critical_blank = { fail = \"100.5%\" }"),
        ":11:27: triggers.critical_blank: `100.5%` is over 100%; a percentage is at most 100%"
    );
    assert_eq!(
        threshold_error("critical_blank = { warn = 99999999999999999999 }"),
        ":11:27: triggers.critical_blank: `99999999999999999999` is too large a count; \"off\" sets no threshold"
    );
    assert_eq!(
        threshold_error("critical_blank = { fail = 2.5 }"),
        ":11:27: triggers.critical_blank: `2.5` is not a count like 10 (a whole number, 0 or more)"
    );
    // A trigger with settings of its own words its thresholds the same way.
    assert_eq!(
        threshold_error(
            "missing_relationship = [{ parent = \"contacts\", via = \"contacts.email\", warn = \"5\" }]"
        ),
        ":11:79: triggers.missing_relationship: `\"5\"` is in quotes; a count is written without quotes: \
         warn = 5 (a percentage with its %: warn = \"5%\")"
    );
}

#[test]
fn an_integrity_check_takes_no_settings() {
    assert_eq!(
        threshold_error("non_ascii_round_trip = { fail = \"1%\" }"),
        ":11:1: triggers.non_ascii_round_trip: `non_ascii_round_trip` is an integrity check, not a \
         trigger, and takes no settings; remove it from [triggers]"
    );
}

#[test]
fn an_unknown_trigger_in_expect_is_an_error_at_the_entry() {
    let dir = contacts_folder(
        "",
        "[expect]\nverdict = \"rollback\"\ntriggers = [\n  \"critical_blank\",\n  \"unmaped_file\",\n]\n",
    );
    let error = Scenario::load(dir.path())
        .and_then(|s| rehearse(&s, &RunOptions::default()))
        .err()
        .unwrap()
        .to_string();
    let path = dir.path().join("scenario.toml").display().to_string();
    assert!(
        error.starts_with(&format!(
            "{path}:16:3: [expect] names unknown trigger `unmaped_file`; triggers: rows_balance, "
        )),
        "{error}"
    );
    assert!(
        error.ends_with("api_budget, arrived_rows, arrived_pipeline, arrived_values, changed_after_load, system_instability, reconcile; did you mean `unmapped_file`?"),
        "{error}"
    );
}

#[test]
fn expect_may_name_the_integrity_checks() {
    let dir =
        contacts_folder("", "[expect]\nverdict = \"rollback\"\ntriggers = [\"rows_balance\"]\n");
    let report = rehearse(&Scenario::load(dir.path()).unwrap(), &RunOptions::default()).unwrap();
    let outcome = report.expectation.as_ref().unwrap();
    let said: Vec<String> =
        outcome.mismatches.iter().map(shadow_import::report::words::mismatch).collect();
    assert!(said.contains(&"expected `rows_balance` to fail; it did not".to_string()), "{said:?}");
}

#[test]
fn datetimes_are_stored_in_utc_read_in_the_zone_the_scenario_declares() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("data")).unwrap();
    // Line 2: summer in Berlin; 3: a declared offset; 4: the hour Berlin
    // skips; 5: the hour it repeats; 6: ISO with an offset.
    std::fs::write(
        dir.path().join("data/deals.csv"),
        "Id,Created,Closed,Logged\n\
         D1,2024-07-01 12:00:00,07/15/2009 02:14:45+0800,2024-07-01 12:00\n\
         D2,2024-01-15 12:00:00,07/15/2009 02:14:45+0800,2024-01-15 12:00\n\
         D3,2024-03-31 02:30:00,07/15/2009 02:14:45+0800,2024-03-31 02:30\n\
         D4,2024-10-27 02:30:00,07/15/2009 02:14:45+0800,2024-10-27 02:30\n\
         D5,2009-07-15T02:14:45+08:00,07/15/2009 02:14:45+0800,2024-07-01 12:00\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("scenario.toml"),
        "[scenario]\nname = \"zones\"\ntimezone = \"Europe/Berlin\"\n\n[[object]]\nname = \"deals\"\n\
         file = \"data/deals.csv\"\nkey = \"Id\"\n\
         fields.created = { from = \"Created\", type = \"datetime\" }\n\
         fields.closed = { from = \"Closed\", type = \"datetime\", format = \"%m/%d/%Y %H:%M:%S%z\" }\n\
         fields.logged = { from = \"Logged\", type = \"datetime\", timezone = \"America/New_York\" }\n",
    )
    .unwrap();
    let db = dir.path().join("shadow.db");
    let options = RunOptions { db: Some(db.clone()), ..RunOptions::default() };
    let report = rehearse(&Scenario::load(dir.path()).unwrap(), &options).unwrap();
    let conn = rusqlite::Connection::open(&db).unwrap();
    let stored: Vec<(String, String, String, String)> = conn
        .prepare("SELECT _key, created, closed, logged FROM deals ORDER BY _line")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let row = |k: &str, c: &str, l: &str| {
        (k.to_string(), c.to_string(), "2009-07-14T18:14:45".to_string(), l.to_string())
    };
    assert_eq!(
        stored,
        [
            row("D1", "2024-07-01T10:00:00", "2024-07-01T16:00:00"),
            row("D2", "2024-01-15T11:00:00", "2024-01-15T17:00:00"),
            row("D5", "2009-07-14T18:14:45", "2024-07-01T16:00:00"),
        ]
    );
    assert_eq!(
        rejects(&db),
        "data/deals.csv:4  Created  this local time does not exist in Europe/Berlin (clocks went forward); give the time with its offset  \"2024-03-31 02:30:00\"\n\
         data/deals.csv:5  Created  this local time happens twice in Europe/Berlin (clocks went back); give the time with its offset  \"2024-10-27 02:30:00\""
    );
    let text = text::render(&report, false);
    assert!(
        text.contains(
            "  deals.created: Europe/Berlin (the scenario's timezone)\n  \
             deals.closed: the offset in each value (its format reads it)\n  \
             deals.logged: America/New_York (the field's timezone)\n"
        ),
        "{text}"
    );
}

#[test]
fn an_unknown_time_zone_is_an_error_at_its_value() {
    let dir = contacts_folder("", "");
    let path = dir.path().join("scenario.toml");
    let toml = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        toml.replace("name = \"counts\"\n", "name = \"counts\"\ntimezone = \"Europe/Berln\"\n"),
    )
    .unwrap();
    let error = Scenario::load(dir.path()).unwrap_err().to_string();
    assert!(
        error.ends_with(
            "scenario.toml:3:12: unknown time zone `Europe/Berln`; write an IANA zone name such as \"Europe/Berlin\", \"America/New_York\" or \"UTC\"; did you mean `Europe/Berlin`?"
        ),
        "{error}"
    );
}

/// The cut-over of the corrected Salesforce → HubSpot mapping, projected to
/// declared full counts, against figures worked out by hand:
/// calls: companies 40 000/100 = 400, contacts 10 000, deals 1 200; the
/// associations, scaled from the rehearsal's set lookups: contacts.company
/// 3 528/3 600 × 1 000 000 = 980 000 → 9 800, deals.company 120 000 → 1 200,
/// deals.contact 3 696/4 800 × 120 000 = 92 400 → 924, deal_contacts
/// 300 000 → 3 000; 26 524 in all. A day leaves 250 000 − 20% = 200 000;
/// the window 100 × 80% per 10 s × 1 440 = 115 200. Four callers at 1 s a
/// call (8 calls/s allowed, 4 made) take 6 631 s, plus 45 min validation:
/// 2h 35m 31s.
#[test]
fn cutover_projection_matches_the_hand_count() {
    let dir = tempfile::tempdir().unwrap();
    let from = Path::new("scenarios/opportunity-contact-roles-mapped");
    std::fs::create_dir(dir.path().join("data")).unwrap();
    for entry in std::fs::read_dir(from.join("data")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join("data").join(path.file_name().unwrap())).unwrap();
    }
    let text = std::fs::read_to_string(from.join("scenario.toml")).unwrap();
    let text = text.split("\n[expect]").next().unwrap().to_string()
        + "\n[cutover]\nstart = \"2027-03-13 18:00\"\ntimezone = \"Europe/London\"\n\
           api = \"hubspot-starter\"\nconcurrency = 4\nother_integrations = \"20%\"\n\
           validation = \"45m\"\n\
           counts = { companies = 40000, contacts = 1000000, deals = 120000, deal_contacts = 300000 }\n";
    std::fs::write(dir.path().join("scenario.toml"), text).unwrap();
    let report =
        Scenario::load(dir.path()).and_then(|s| rehearse(&s, &RunOptions::default())).unwrap();
    let budget: Vec<_> = report
        .triggers
        .iter()
        .filter(|t| t.id == "api_budget")
        .map(|t| (t.object.as_str(), t.share(), t.status.to_string()))
        .collect();
    assert_eq!(
        budget,
        [
            ("calls per day", Some((26_524, 200_000)), "pass".to_string()),
            ("calls in the window", Some((26_524, 115_200)), "pass".to_string()),
        ]
    );
    let window = report.triggers.iter().find(|t| t.id == "cutover_window").unwrap();
    let shown = text::render(&report, false);
    assert!(shown.contains("2h 35m 31s"), "{shown}");
    // 10,000 calls at 80 a 10 s = 1,250 s; 4 callers at 1 s = 2,500 s.
    // 924 calls by 4 callers: 231 rounds of 1 s (a call is not shared).
    assert!(
        shown.contains(
            "924 calls; 100 per 10s less 20% → 1m 56s; 4 callers at 1,000 ms a call → 3m 51s"
        ),
        "{shown}"
    );
    assert!(
        shown.contains(
            "contacts: 1,000,000 records / 100 per call = 10,000 calls; 100 per 10s less 20% → 20m 50s; \
             4 callers at 1,000 ms a call → 41m 40s (pace: the callers); ends at +43m 20s (2027-03-13 18:43 GMT)"
        ),
        "{shown}"
    );
    assert_eq!(window.status.to_string(), "pass");
    let projection = report.cutover.as_ref().unwrap();
    let calls: Vec<u64> = projection.steps.iter().map(|s| s.calls).collect();
    assert_eq!(calls, [400, 10_000, 1_200, 9_800, 1_200, 924, 3_000]);
    assert_eq!(projection.end_ms.div_ceil(1000), 6_631 + 45 * 60);
}
