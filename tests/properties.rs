//! Property tests: random bytes in the exports of a typed scenario never
//! panic, end in GO / ROLLBACK (exit 0/1) with every file's rows balanced
//! (`source rows = loaded + rejected`) or in an error naming the file
//! (exit 2); random bytes as `scenario.toml` end in an error naming
//! `scenario.toml` or in a rehearsal.
//!
//! Cases per property: `PROPTEST_CASES` (default 64, so CI stays bounded).

#![allow(clippy::unwrap_used)] // a test crate: a panic is a failed test

use std::path::Path;

use assert_cmd::Command;
use proptest::prelude::*;
use proptest::test_runner::Config;
use shadow_import::run::{RunOptions, rehearse};
use shadow_import::{Scenario, Verdict};

/// A scenario with every field type, a ref, a junction and a strict map.
const SCENARIO: &str = r#"[scenario]
name = "properties"
phone_region = "US"

[[object]]
name = "companies"
file = "data/companies.csv"
key = "Id"
fields.name    = { from = "Name", required = true }
fields.website = { from = "Website" }

[[object]]
name = "contacts"
file = "data/contacts.csv"
key = "Id"
fields.last_name = { from = "LastName", required = true }
fields.email     = { from = "Email", type = "email", critical = true }
fields.phone     = { from = "Phone", type = "phone" }
fields.employees = { from = "Employees", type = "int" }
fields.revenue   = { from = "Revenue", type = "decimal", format = "1.234,56" }
fields.vip       = { from = "Vip", type = "bool", default = "false" }
fields.birthday  = { from = "Birthday", type = "date", format = "%d/%m/%Y" }
fields.created   = { from = "Created", type = "datetime", timezone = "Europe/Berlin" }
fields.stage     = { from = "Stage", map = "stages" }
fields.company   = { from = "CompanyId", type = "id", ref = "companies" }

[[junction]]
name    = "contact_companies"
file    = "data/roles.csv"
left    = { from = "ContactId", ref = "contacts" }
right   = { from = "CompanyIds", ref = "companies", split = ";" }
primary = "IsPrimary"

[maps.stages]
strict = true
values = { "Lead" = "lead", "Customer" = "customer", "Churned" = "" }
"#;

/// What a column holds, for the values a valid-looking cell takes.
#[derive(Debug, Clone, Copy)]
enum Kind {
    CompanyKey,
    ContactKey,
    RoleKey,
    Name,
    Web,
    Email,
    Phone,
    Int,
    Decimal,
    Bool,
    Date,
    Datetime,
    Stage,
    CompanyRef,
    CompanyRefs,
}

/// One export file of [`SCENARIO`]: its name and columns.
struct Export {
    file: &'static str,
    columns: &'static [(&'static str, Kind)],
}

const EXPORTS: [Export; 3] = [
    Export {
        file: "companies.csv",
        columns: &[("Id", Kind::CompanyKey), ("Name", Kind::Name), ("Website", Kind::Web)],
    },
    Export {
        file: "contacts.csv",
        columns: &[
            ("Id", Kind::ContactKey),
            ("LastName", Kind::Name),
            ("Email", Kind::Email),
            ("Phone", Kind::Phone),
            ("Employees", Kind::Int),
            ("Revenue", Kind::Decimal),
            ("Vip", Kind::Bool),
            ("Birthday", Kind::Date),
            ("Created", Kind::Datetime),
            ("Stage", Kind::Stage),
            ("CompanyId", Kind::CompanyRef),
        ],
    },
    Export {
        file: "roles.csv",
        columns: &[
            ("Id", Kind::RoleKey),
            ("ContactId", Kind::ContactKey),
            ("CompanyIds", Kind::CompanyRefs),
            ("IsPrimary", Kind::Bool),
        ],
    },
];

/// Values a cell of `kind` takes when it looks valid (some are not).
fn pool(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::CompanyKey | Kind::CompanyRef => {
            &["A1", "A2", "A3", "A4", "", "000000000000000AAA", "a1"]
        }
        Kind::ContactKey => &["C1", "C2", "C3", "C4", "C5", "C6", ""],
        Kind::RoleKey => &["R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8"],
        Kind::Name => &["López", "Müller", "O'Brien", "李", "Jos\u{e9}", "JosÃ©", "", "#N/A", "🙂"],
        Kind::Web => &["acme.example", "https://x.example/?a=1,2", "", "NULL"],
        Kind::Email => &["ana@example.com", "bad@", "x@y.z", "", "test@test.com", "N/A"],
        Kind::Phone => &["(212) 555-0100", "+49 30 1234567", "555", "", "000-000-0000", "+1"],
        Kind::Int => &["42", "-7", "1e3", "99999999999999999999999", "", "4,2"],
        Kind::Decimal => &["1.234,56", "12,5", "1,234.56", "abc", "", "-0,01", "6.0E7"],
        Kind::Bool => &["true", "no", "X", "maybe", "", "1", "FALSE"],
        Kind::Date => &["31/12/2024", "29/02/2023", "2024-01-01", "", "01/01/0000", "1/1/99"],
        Kind::Datetime => &[
            "2024-03-31 02:30",
            "2023-11-02T09:14:33.000Z",
            "2024-10-27 02:30",
            "2024-01-01 12:00:00+05:00",
            "",
            "soon",
        ],
        Kind::Stage => &["Lead", "Customer", "Churned", "Other", "", "lead"],
        Kind::CompanyRefs => &["A1", "A1;A2", "A2; A3 ;", ";", "", "A9", "A1;A1"],
    }
}

/// One cell's bytes (unquoted unless the strategy quotes it).
fn cell(kind: Kind) -> impl Strategy<Value = Vec<u8>> {
    let values = pool(kind);
    prop_oneof![
        12 => proptest::sample::select(values).prop_map(|v| v.as_bytes().to_vec()),
        2 => proptest::sample::select(values).prop_map(|v| quoted(v.as_bytes())),
        1 => "[ -~]{0,12}".prop_map(String::into_bytes),
        1 => proptest::collection::vec(any::<u8>(), 0..12),
        1 => "[a-z,;\"\n\r ]{0,16}".prop_map(|s| quoted(s.as_bytes())),
        1 => "[a-z]{0,6}".prop_map(|s| format!("{s}\"{s}").into_bytes()),
        1 => Just(b"a\0b".to_vec()),
        1 => Just("\u{feff}A1".as_bytes().to_vec()),
        1 => (1usize..70_000, any::<u8>()).prop_map(|(n, b)| vec![b.max(b'0'); n]),
    ]
}

/// `value` in double quotes, inner quotes doubled.
fn quoted(value: &[u8]) -> Vec<u8> {
    let mut out = vec![b'"'];
    for &b in value {
        if b == b'"' {
            out.push(b'"');
        }
        out.push(b);
    }
    out.push(b'"');
    out
}

/// A header line for `export`: as written, or varied.
fn header(export: &'static Export) -> impl Strategy<Value = Vec<Vec<u8>>> {
    let names: Vec<Vec<u8>> = export.columns.iter().map(|(n, _)| n.as_bytes().to_vec()).collect();
    let n = names.len();
    (0u8..24, 0..n, 0..n).prop_map(move |(variant, i, j)| {
        let mut h = names.clone();
        match variant {
            0 => h.iter_mut().for_each(|c| c.make_ascii_uppercase()),
            1 => h.iter_mut().for_each(|c| c.make_ascii_lowercase()),
            2 => {
                h.remove(i);
            }
            3 => h.push(names[j].clone()),
            4 => h.push(b"Extra".to_vec()),
            5 => h.swap(i, j),
            6 => h.iter_mut().for_each(|c| *c = quoted(c)),
            7 => h[i].extend_from_slice(b" "),
            _ => {}
        }
        h
    })
}

/// One line after the header: cells for every column, or not.
fn row(export: &'static Export) -> impl Strategy<Value = Vec<Vec<u8>>> {
    let cells: Vec<_> = export.columns.iter().map(|(_, k)| cell(*k)).collect();
    let n = export.columns.len();
    prop_oneof![
        10 => cells.prop_map(|c| c),
        1 => proptest::collection::vec(cell(Kind::Name), 0..n + 3),
        1 => Just(vec![]),
        1 => "[ -~]{0,30}".prop_map(|s| vec![s.into_bytes()]),
    ]
}

/// The line endings rows end with.
const ENDINGS: &[&[u8]] = &[b"\n", b"\r\n", b"\r"];

/// A change made to a whole file's bytes.
#[derive(Debug, Clone)]
enum Mutation {
    Insert(usize, Vec<u8>),
    Overwrite(usize, u8),
    Truncate(usize),
}

/// The generated bytes of one export file.
fn file(export: &'static Export) -> impl Strategy<Value = Vec<u8>> {
    let bom = prop_oneof![
        16 => Just(&b""[..]),
        1 => Just(&b"\xEF\xBB\xBF"[..]),
        1 => Just(&b"\xFF\xFE"[..]),
        1 => Just(&b"\xFE\xFF"[..]),
        1 => Just(&b"\xFF\xFE\x00\x00"[..]),
    ];
    let delimiter = prop_oneof![6 => Just(b','), 1 => Just(b';'), 1 => Just(b'\t')];
    let ending = proptest::sample::select(ENDINGS);
    let rows = proptest::collection::vec((row(export), ending.clone()), 0..20);
    let mutation = prop_oneof![
        (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(at, b)| Mutation::Insert(at, b)),
        (any::<usize>(), Just(b"\xEF\xBB\xBF".to_vec()))
            .prop_map(|(at, b)| Mutation::Insert(at, b)),
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::Overwrite(at, b)),
        any::<usize>().prop_map(Mutation::Truncate),
    ];
    let mutations = prop_oneof![
        6 => Just(vec![]),
        1 => proptest::collection::vec(mutation, 1..3),
    ];
    let built =
        (bom, delimiter, header(export), ending, rows, mutations, proptest::bool::weighted(0.1))
            .prop_map(|(bom, delimiter, header, ending, rows, mutations, utf16)| {
                let mut out = Vec::new();
                line(&mut out, &header, delimiter, ending);
                for (cells, ending) in &rows {
                    line(&mut out, cells, delimiter, ending);
                }
                if utf16 && let Ok(text) = std::str::from_utf8(&out) {
                    let mut wide = b"\xFF\xFE".to_vec();
                    wide.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
                    out = wide;
                } else {
                    out.splice(0..0, bom.iter().copied());
                }
                for m in mutations {
                    mutate(&mut out, m);
                }
                out
            });
    prop_oneof![
        30 => built,
        1 => proptest::collection::vec(any::<u8>(), 0..300),
        1 => Just(vec![0; 64]),
    ]
}

/// Appends `cells` joined by `delimiter` and `ending` to `out`.
fn line(out: &mut Vec<u8>, cells: &[Vec<u8>], delimiter: u8, ending: &[u8]) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(delimiter);
        }
        out.extend_from_slice(c);
    }
    out.extend_from_slice(ending);
}

fn mutate(bytes: &mut Vec<u8>, mutation: Mutation) {
    let len = bytes.len();
    match mutation {
        Mutation::Insert(at, b) => {
            let at = at % (len + 1);
            bytes.splice(at..at, b);
        }
        Mutation::Overwrite(at, b) if len > 0 => bytes[at % len] = b,
        Mutation::Truncate(at) => bytes.truncate(at % (len + 1)),
        Mutation::Overwrite(..) => {}
    }
}

/// Files' bytes, shown escaped (and cut) when a case fails.
#[derive(Clone)]
struct Files(Vec<Vec<u8>>);

impl std::fmt::Debug for Files {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for bytes in &self.0 {
            let shown: String = bytes.escape_ascii().to_string().chars().take(4000).collect();
            writeln!(f, "{} bytes: b\"{shown}\"", bytes.len())?;
        }
        Ok(())
    }
}

/// The three exports' bytes, in [`EXPORTS`] order.
fn exports() -> impl Strategy<Value = Files> {
    (file(&EXPORTS[0]), file(&EXPORTS[1]), file(&EXPORTS[2]))
        .prop_map(|(a, b, c)| Files(vec![a, b, c]))
}

/// A scenario folder with `scenario` and the exports' `bytes`.
fn folder(scenario: &[u8], bytes: &[Vec<u8>]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("scenario.toml"), scenario).unwrap();
    std::fs::create_dir(dir.path().join("data")).unwrap();
    for (export, b) in EXPORTS.iter().zip(bytes) {
        std::fs::write(dir.path().join("data").join(export.file), b).unwrap();
    }
    dir
}

/// Rehearses the folder in process: the exit code the binary would give,
/// after checking what an outcome must hold.
fn rehearse_folder(dir: &Path) -> Result<i32, String> {
    let scenario = Scenario::load(dir).map_err(|e| e.to_string())?;
    let report = rehearse(&scenario, &RunOptions::default()).map_err(|e| e.to_string())?;
    for o in &report.objects {
        assert_eq!(
            o.source_rows,
            o.loaded + o.repeated + o.rejected,
            "{} does not balance: {o:?}",
            o.file
        );
        assert!(o.balanced, "{o:?}");
    }
    let sum = |f: fn(&shadow_import::report::ObjectRows) -> u64| {
        report.objects.iter().map(f).sum::<u64>()
    };
    assert_eq!(report.rows.source_rows, sum(|o| o.source_rows));
    assert_eq!(report.rows.loaded, sum(|o| o.loaded));
    assert_eq!(report.rows.rejected, sum(|o| o.rejected));
    assert_eq!(report.rows.repeated, sum(|o| o.repeated));
    assert!(report.rows.balanced);
    let code = report.exit_code();
    assert_eq!(code, i32::from(report.verdict == Verdict::Rollback), "no [expect] block");
    Ok(code)
}

fn config(default_cases: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok());
    Config {
        cases: cases.unwrap_or(default_cases),
        failure_persistence: None,
        max_shrink_iters: 2048,
        ..Config::default()
    }
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn random_exports_balance_or_name_the_file(bytes in exports()) {
        let dir = folder(SCENARIO.as_bytes(), &bytes.0);
        let outcome = rehearse_folder(dir.path());
        if let Err(message) = outcome {
            prop_assert!(
                EXPORTS.iter().any(|e| message.contains(&format!("data/{}", e.file))),
                "the error names no export: {message}"
            );
        }
    }

    #[test]
    fn random_scenario_toml_names_scenario_toml(toml in scenario_toml()) {
        let toml = toml.0;
        let bytes = [b"Id,Name,Website\nA1,Acme,\n".to_vec(), contacts_ok(), roles_ok()];
        let dir = folder(&toml[0], &bytes);
        if let Err(message) = rehearse_folder(dir.path()) {
            prop_assert!(message.contains("scenario.toml"), "{message}");
        }
    }
}

proptest! {
    #![proptest_config(config(8))]

    #[test]
    fn the_binary_exits_0_1_or_2_and_speaks_on_stderr_only_for_2(bytes in exports()) {
        let dir = folder(SCENARIO.as_bytes(), &bytes.0);
        let out = Command::cargo_bin("shadow-import")
            .unwrap()
            .args(["run", "."])
            .current_dir(dir.path())
            .output()
            .unwrap();
        let code = out.status.code();
        prop_assert!(matches!(code, Some(0..=2)), "exit {code:?}");
        prop_assert_eq!(code == Some(2), !out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
        let expected = rehearse_folder(dir.path());
        prop_assert_eq!(code, Some(expected.unwrap_or(2)));
    }
}

fn contacts_ok() -> Vec<u8> {
    b"Id,LastName,Email,Phone,Employees,Revenue,Vip,Birthday,Created,Stage,CompanyId\n\
      C1,Lopez,ana@example.com,(212) 555-0100,4,\"1.234,56\",true,31/12/2024,2024-01-01 10:00,Lead,A1\n"
        .to_vec()
}

fn roles_ok() -> Vec<u8> {
    b"Id,ContactId,CompanyIds,IsPrimary\nR1,C1,A1,true\n".to_vec()
}

/// `scenario.toml` bytes: [`SCENARIO`] with random changes, or random bytes.
fn scenario_toml() -> impl Strategy<Value = Files> {
    let mutation = prop_oneof![
        (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..6))
            .prop_map(|(at, b)| Mutation::Insert(at, b)),
        (any::<usize>(), "[\\[\\]{}=\",.%a-z0-9 \n]{1,4}")
            .prop_map(|(at, s)| Mutation::Insert(at, s.into_bytes())),
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::Overwrite(at, b)),
        any::<usize>().prop_map(Mutation::Truncate),
    ];
    let mutated = proptest::collection::vec(mutation, 1..4).prop_map(|mutations| {
        let mut bytes = SCENARIO.as_bytes().to_vec();
        for m in mutations {
            mutate(&mut bytes, m);
        }
        bytes
    });
    prop_oneof![
        6 => mutated,
        1 => proptest::collection::vec(any::<u8>(), 0..200),
    ]
    .prop_map(|b| Files(vec![b]))
}

#[test]
fn the_valid_rows_rehearse() {
    let bytes = [b"Id,Name,Website\nA1,Acme,\n".to_vec(), contacts_ok(), roles_ok()];
    let dir = folder(SCENARIO.as_bytes(), &bytes);
    assert_eq!(rehearse_folder(dir.path()), Ok(0));
}
