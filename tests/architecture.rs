//! The shape of `src/`, checked: the library's modules import one way,
//! down the pipeline, no two files import each other in a circle, the
//! triggers import their contract and not the registry, and no function
//! grows past 80 lines. Read from the `use` trees and the `crate::` /
//! `super::` paths of the source files themselves (multi-line groups,
//! `super::super`, the crate root's re-exports), so a new import that points
//! up the pipeline fails here with the line that has it.

#![allow(clippy::unwrap_used)] // a test crate: a panic is a failed test

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// The library's top-level modules, lowest first. A module may import only
/// the modules listed before it.
const LAYERS: &[&str] = &[
    "error", "output", "observe", "decode", "facts", "scenario", "parse", "map", "load", "checks",
    "report", "run", "tools",
];

/// Stages held to fewer neighbours than their rank allows: checks read only
/// the shadow (no files, no parsing), reports render facts (no SQL, no
/// stage), the scenario model knows no stage but decoding (its value-map
/// files are read like exports).
const ONLY: &[(&str, &[&str])] = &[
    ("decode", &["error", "observe"]),
    ("facts", &["error", "decode"]),
    ("scenario", &["error", "decode", "facts"]),
    ("checks", &["error", "observe", "facts", "scenario", "load"]),
    ("report", &["error", "output", "facts", "scenario"]),
];

/// Longest function allowed in `src/`, from its `fn` line to its closing brace.
const MAX_FUNCTION_LINES: usize = 80;

/// One library source file: its module path (`src/load/sql.rs` → `load::sql`,
/// `src/load/mod.rs` → `load`) and its text without tests and comments.
struct SourceFile {
    name: String,
    module: Vec<String>,
    is_mod: bool,
    code: String,
}

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

/// The library's files (not `main.rs` and `cli/`, the binary's).
fn library() -> Vec<SourceFile> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut paths = Vec::new();
    rust_files(&src, &mut paths);
    paths
        .iter()
        .filter_map(|path| {
            let name = path.strip_prefix(&src).unwrap().display().to_string();
            let mut module: Vec<String> =
                name.trim_end_matches(".rs").split('/').map(str::to_string).collect();
            let is_mod = module.last().is_some_and(|m| m == "mod" || m == "lib");
            if is_mod {
                module.pop();
            }
            if name == "main.rs" || name.starts_with("cli/") {
                return None;
            }
            let code = code_of(&fs::read_to_string(path).unwrap());
            Some(SourceFile { name, module, is_mod, code })
        })
        .collect()
}

/// The source without its `#[cfg(test)]` module (tests may import anything)
/// and without comments, line breaks kept so line numbers stay right.
fn code_of(source: &str) -> String {
    let code = source.find("#[cfg(test)]\nmod tests").map_or(source, |at| &source[..at]);
    code.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// Every `crate::…` and `super::…` path in `code`, groups expanded:
/// `use crate::{facts::Verdict, scenario::{A, B}};` gives `crate::facts::Verdict`,
/// `crate::scenario::A` and `crate::scenario::B`. Each with its line.
fn paths(code: &str) -> Vec<(usize, Vec<String>)> {
    let bytes = code.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while at < code.len() {
        let rest = &code[at..];
        let starts = ["crate::", "super::"].iter().any(|p| rest.starts_with(p));
        let boundary = at == 0 || !(bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_');
        if starts && boundary {
            let line = code[..at].matches('\n').count() + 1;
            let mut trees = Vec::new();
            tree(code, &mut at, Vec::new(), &mut trees);
            found.extend(trees.into_iter().map(|t| (line, t)));
        } else {
            at += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    found
}

/// Reads one path tree at `at` (`a::b::{c, d::e}`), pushing every full path.
fn tree(code: &str, at: &mut usize, mut path: Vec<String>, out: &mut Vec<Vec<String>>) {
    let skip = |at: &mut usize| {
        while code[*at..].starts_with(char::is_whitespace) {
            *at += 1;
        }
    };
    loop {
        skip(at);
        if code[*at..].starts_with('{') {
            *at += 1;
            loop {
                skip(at);
                if code[*at..].starts_with('}') || *at >= code.len() {
                    *at += 1;
                    return;
                }
                tree(code, at, path.clone(), out);
                skip(at);
                if code[*at..].starts_with(',') {
                    *at += 1;
                }
            }
        }
        let ident: String =
            code[*at..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        *at += ident.len();
        let glob = ident.is_empty() && code[*at..].starts_with('*');
        if !ident.is_empty() && ident != "self" {
            path.push(ident);
        }
        if code[*at..].starts_with("::") {
            *at += 2;
        } else {
            if glob {
                *at += 1;
            }
            out.push(path);
            return;
        }
    }
}

/// The absolute module path `path` names from `file`: `super` climbs from
/// the file's module (a `mod.rs` is its folder's module), `crate` starts at
/// the root, and a crate-root re-export (`crate::Verdict`) is followed to
/// its module.
fn absolute(
    file: &SourceFile,
    path: &[String],
    root_exports: &BTreeMap<String, String>,
) -> Vec<String> {
    let mut base = file.module.clone();
    let mut rest = path;
    if rest.first().is_some_and(|p| p == "crate") {
        base.clear();
        rest = &rest[1..];
    }
    while rest.first().is_some_and(|p| p == "super") {
        base.pop();
        rest = &rest[1..];
    }
    let mut full: Vec<String> = base.into_iter().chain(rest.iter().cloned()).collect();
    if let Some(module) = full.first().and_then(|first| root_exports.get(first)) {
        full.insert(0, module.clone());
    }
    full
}

/// Names the crate root re-exports, and their module (`Verdict` → `facts`).
fn root_exports(files: &[SourceFile]) -> BTreeMap<String, String> {
    let mut exports = BTreeMap::new();
    let lib = files.iter().find(|f| f.name == "lib.rs").unwrap();
    for (_, path) in paths(&lib.code.replace("pub use ", "pub use crate::")) {
        if let [_, module, .., name] = path.as_slice() {
            exports.insert(name.clone(), module.clone());
        }
    }
    exports
}

#[test]
fn modules_import_down_the_pipeline_only() {
    let files = library();
    let exports = root_exports(&files);
    let mut wrong = Vec::new();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files.iter().filter(|f| f.name != "lib.rs") {
        let module = &file.module[0];
        let Some(rank) = LAYERS.iter().position(|m| m == module) else {
            wrong.push(format!("{}: module `{module}` is not in LAYERS", file.name));
            continue;
        };
        for (line, path) in paths(&file.code) {
            let Some(imported) = absolute(file, &path, &exports).first().cloned() else {
                continue;
            };
            if imported == *module {
                continue;
            }
            graph.entry(module.clone()).or_default().insert(imported.clone());
            let narrowed = ONLY.iter().find(|(m, _)| m == module);
            let allowed = narrowed.is_none_or(|(_, only)| only.contains(&imported.as_str()));
            match LAYERS.iter().position(|m| *m == imported) {
                Some(r) if r < rank && allowed => {}
                _ => wrong.push(format!(
                    "{}:{line}: `{module}` imports `{imported}`, which is not below it or not among its neighbours: {}",
                    file.name,
                    path.join("::")
                )),
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
            graph.get(module).is_some_and(|m| m.contains(below)),
            "`{module}` was expected to import `{below}`; found {graph:?}"
        );
    }
}

#[test]
fn no_two_files_import_each_other_in_a_circle() {
    let files = library();
    let exports = root_exports(&files);
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| f.module.clone()).collect();
    // What each folder module re-exports from which of its files
    // (`pub use rows::FileRows;` in `facts/mod.rs`: `facts::FileRows` is in `facts::rows`).
    let mut reexports: BTreeMap<(Vec<String>, String), Vec<String>> = BTreeMap::new();
    for file in files.iter().filter(|f| f.is_mod) {
        let mut prefix = vec!["crate".to_string()];
        prefix.extend(file.module.iter().cloned());
        let text = file.code.replace("pub use ", &format!("pub use {}::", prefix.join("::")));
        for (_, path) in paths(&text) {
            let full = &path[1..];
            if let [.., name] = full
                && full.len() == file.module.len() + 2
                && full.starts_with(&file.module)
                && modules.contains(&full[..full.len() - 1])
            {
                reexports
                    .insert((file.module.clone(), name.clone()), full[..full.len() - 1].to_vec());
            }
        }
    }
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for file in &files {
        for (_, path) in paths(&file.code) {
            let full = absolute(file, &path, &exports);
            let Some(k) = (1..=full.len()).rev().find(|k| modules.contains(&full[..*k])) else {
                continue;
            };
            let mut target = full[..k].to_vec();
            if let Some(child) =
                full.get(k).and_then(|n| reexports.get(&(target.clone(), n.clone())))
            {
                target = child.clone();
            }
            // A file may use its own folder's items (an impl split over files).
            if !file.module.starts_with(&target) {
                edges.entry(file.module.clone()).or_default().insert(target);
            }
        }
    }
    for start in edges.keys() {
        let mut stack = vec![(start.clone(), vec![start.join("::")])];
        let mut seen = BTreeSet::new();
        while let Some((at, trail)) = stack.pop() {
            for next in edges.get(&at).into_iter().flatten() {
                let mut trail = trail.clone();
                trail.push(next.join("::"));
                assert!(
                    next != start,
                    "files import each other in a circle: {}",
                    trail.join(" → ")
                );
                if seen.insert(next.clone()) {
                    stack.push((next.clone(), trail));
                }
            }
        }
    }
    assert!(edges.len() > 20, "too few imports found to mean anything: {edges:?}");
}

#[test]
fn triggers_import_the_contract_and_only_the_runner_imports_the_registry() {
    let files = library();
    let exports = root_exports(&files);
    let mut wrong = Vec::new();
    for file in &files {
        let is_trigger = file.module.len() == 2 && file.module[0] == "checks";
        for (line, path) in paths(&file.code) {
            let full = absolute(file, &path, &exports);
            if full.first().is_none_or(|m| m != "checks") {
                continue;
            }
            let sibling = full.get(1).is_some_and(|f| f == "contract" || f == "orphans");
            if is_trigger && !sibling {
                wrong.push(format!(
                    "{}:{line}: a trigger reaches into the registry: {}",
                    file.name,
                    path.join("::")
                ));
            }
            if file.module[0] != "checks" && file.name != "run.rs" {
                wrong.push(format!(
                    "{}:{line}: only the runner imports the checks: {}",
                    file.name,
                    path.join("::")
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
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
fn paths_are_read_from_nested_multi_line_groups() {
    let code = "use crate::{\n    facts::{Status, Verdict},\n    scenario::Scenario,\n};\nlet n = super::super::map::salesforce_id_18(x);\nuse super::contract::*;";
    let found: Vec<(usize, String)> =
        paths(code).into_iter().map(|(l, p)| (l, p.join("::"))).collect();
    assert_eq!(
        found,
        [
            (1, "crate::facts::Status".to_string()),
            (1, "crate::facts::Verdict".to_string()),
            (1, "crate::scenario::Scenario".to_string()),
            (5, "super::super::map::salesforce_id_18".to_string()),
            (6, "super::contract".to_string()),
        ]
    );
    let file = SourceFile {
        name: "checks/critical_blank.rs".into(),
        module: vec!["checks".into(), "critical_blank".into()],
        is_mod: false,
        code: String::new(),
    };
    let exports = BTreeMap::from([("Verdict".to_string(), "facts".to_string())]);
    let up = |p: &str| {
        absolute(&file, &p.split("::").map(str::to_string).collect::<Vec<_>>(), &exports).join("::")
    };
    assert_eq!(up("super::contract::Context"), "checks::contract::Context");
    assert_eq!(up("super::super::load::ident"), "load::ident");
    assert_eq!(up("crate::Verdict"), "facts::Verdict");
    assert!(paths("let supercrate::x = 1;").is_empty());
}
