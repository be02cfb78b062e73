//! The shape of `src/`, checked: the library's modules import one way,
//! down the pipeline, and no function grows past 80 lines. Read from the
//! `use` and `crate::` paths of the source files themselves, so a new
//! import that points up the pipeline fails here with the line that has it.

#![allow(clippy::unwrap_used)] // a test crate: a panic is a failed test

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

/// The library's top-level modules, lowest first. A module may import only
/// the modules listed before it.
const LAYERS: &[&str] = &[
    "error", "observe", "decode", "facts", "scenario", "parse", "map", "load", "checks", "report",
    "run", "tools",
];

/// Stages held to fewer neighbours than their rank allows: checks read only
/// the shadow (no files, no parsing), reports render facts (no SQL, no
/// stage), the scenario model knows no stage.
const ONLY: &[(&str, &[&str])] = &[
    ("decode", &["error", "observe"]),
    ("facts", &["error", "decode"]),
    ("scenario", &["error", "facts"]),
    ("checks", &["error", "observe", "facts", "scenario", "load"]),
    ("report", &["error", "facts", "scenario"]),
];

/// Longest function allowed in `src/`, from its `fn` line to its closing brace.
const MAX_FUNCTION_LINES: usize = 80;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
}

/// The source without its `#[cfg(test)]` module (tests may import anything).
fn without_tests(source: &str) -> &str {
    source.find("#[cfg(test)]\nmod tests").map_or(source, |at| &source[..at])
}

/// The top-level module a file of `src/` belongs to (`src/load/sql.rs` → `load`).
fn module_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).unwrap();
    let first = relative.components().next().unwrap().as_os_str().to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// The crate modules named in one line: `crate::load::ident` gives `load`;
/// `use crate::{facts::Verdict, scenario::{A, B}}` gives `facts` and `scenario`.
fn imported_modules(line: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        found.push(std::mem::take(&mut item));
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
            found.push(item);
        } else {
            found.push(rest.to_string());
        }
    }
    found
        .iter()
        .map(|path| {
            path.trim().split(|c: char| !(c.is_alphanumeric() || c == '_')).next().unwrap_or("")
        })
        .filter(|name| !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        .map(str::to_string)
        .collect()
}

#[test]
fn modules_import_down_the_pipeline_only() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut wrong = Vec::new();
    let mut graph: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in &files {
        let module = module_of(&src, file);
        if module == "lib" || module == "main" || module == "cli" {
            continue;
        }
        let Some(rank) = LAYERS.iter().position(|m| *m == module) else {
            wrong.push(format!("{}: module `{module}` is not in LAYERS", file.display()));
            continue;
        };
        let source = fs::read_to_string(file).unwrap();
        for (n, line) in without_tests(&source).lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for imported in imported_modules(line) {
                if imported == module {
                    continue;
                }
                graph.entry(module.clone()).or_default().push(imported.clone());
                let narrowed = ONLY.iter().find(|(m, _)| *m == module);
                let allowed = narrowed.is_none_or(|(_, only)| only.contains(&imported.as_str()));
                match LAYERS.iter().position(|m| *m == imported) {
                    Some(r) if r < rank && allowed => {}
                    _ => wrong.push(format!(
                        "{}:{}: `{module}` imports `{imported}`, which is not below it or not among its neighbours: {}",
                        file.strip_prefix(&src).unwrap().display(),
                        n + 1,
                        line.trim()
                    )),
                }
            }
        }
    }
    assert!(wrong.is_empty(), "imports against the pipeline:\n{}", wrong.join("\n"));
    // The pipeline's stages are all there and do import each other: the
    // check above is not passing because nothing was found.
    for (module, below) in
        [("load", "map"), ("map", "parse"), ("parse", "decode"), ("report", "facts")]
    {
        assert!(
            graph.get(module).is_some_and(|m| m.iter().any(|i| i == below)),
            "`{module}` was expected to import `{below}`; found {graph:?}"
        );
    }
}

#[test]
fn no_function_is_longer_than_eighty_lines() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut long = Vec::new();
    for file in &files {
        let source = fs::read_to_string(file).unwrap();
        let lines: Vec<&str> = source.lines().collect();
        for (start, line) in lines.iter().enumerate() {
            let code = line.trim_start();
            let indent = &line[..line.len() - code.len()];
            let visible = ["pub(crate) ", "pub(super) ", "pub "]
                .iter()
                .find_map(|p| code.strip_prefix(p))
                .unwrap_or(code);
            let is_fn = visible.strip_prefix("const ").unwrap_or(visible).starts_with("fn ");
            if !is_fn || code.ends_with(';') {
                continue;
            }
            // rustfmt closes a function at the indentation of its `fn`.
            let closing = format!("{indent}}}");
            if let Some(end) = lines[start..].iter().position(|l| *l == closing)
                && end + 1 > MAX_FUNCTION_LINES
            {
                long.push(format!(
                    "{}:{}: {} lines: {}",
                    file.strip_prefix(&src).unwrap().display(),
                    start + 1,
                    end + 1,
                    code
                ));
            }
        }
    }
    assert!(long.is_empty(), "functions over {MAX_FUNCTION_LINES} lines:\n{}", long.join("\n"));
}

#[test]
fn imports_are_read_from_grouped_and_nested_paths() {
    assert_eq!(imported_modules("use crate::load::sql::ident;"), ["load"]);
    assert_eq!(
        imported_modules("use crate::{facts::{Status, Verdict}, scenario::Scenario};"),
        ["facts", "scenario"]
    );
    assert_eq!(imported_modules("    let n = crate::map::salesforce_id_18(x);"), ["map"]);
    assert!(imported_modules("use super::Context;").is_empty());
}

#[test]
fn triggers_import_the_contract_and_only_the_runner_imports_the_registry() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut wrong = Vec::new();
    for file in &files {
        let name = file.strip_prefix(&src).unwrap().display().to_string();
        let source = fs::read_to_string(file).unwrap();
        for (n, line) in without_tests(&source).lines().enumerate() {
            let in_checks = name.starts_with("checks/") && name != "checks/mod.rs";
            let sibling = ["super::contract", "super::orphans"].iter().any(|s| line.contains(s));
            if in_checks && line.contains("super::") && !sibling {
                wrong
                    .push(format!("{name}:{}: a trigger reaches into the registry: {line}", n + 1));
            }
            let runner = name == "run.rs" || name.starts_with("checks/");
            if !runner && line.contains("crate::checks") && !line.trim_start().starts_with("//") {
                wrong.push(format!("{name}:{}: only the runner imports the checks: {line}", n + 1));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
