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
        let report = rehearse(&scenario, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
        let rejects = rejects(&db);

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
        assert!(report.rows.balanced, "{name}: source rows != loaded + rejected");
        for o in &report.objects {
            assert_eq!(o.source_rows, o.loaded + o.rejected, "{name}: {}", o.file);
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
