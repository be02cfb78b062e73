//! The bad-input corpus: every folder under `tests/bad-input/` is one case,
//! as the scenarios are. Its `case.toml` says how to run the binary (`args`,
//! in a temporary copy of the folder as the working directory), the exit
//! code, and the exact standard error expected; standard output must stay
//! empty whenever the exit code is 2, and hold every `stdout_has` text
//! otherwise, and no case may take more than 20 s
//! (a FIFO or a device must never hang a run). What a folder cannot hold in
//! git (a FIFO, a symbolic-link loop, an unreadable file, a file of NULs) is
//! made by its `setup` lines before the run:
//!
//! - `fifo PATH` — a named pipe;
//! - `symlink PATH TARGET` — a symbolic link (`symlink-loop PATH` links PATH to itself);
//! - `hardlink PATH TARGET` — another name for the file TARGET;
//! - `dir PATH` — a folder;
//! - `chmod000 PATH` — make an existing file unreadable (the case is skipped
//!   when the tests run as root, who can read it anyway);
//! - `nul-file PATH N` — N NUL bytes;
//! - `repeat PATH N TEXT` — append TEXT (with `\n` for newlines) N times.
//!
//! Every case's expected text is written by hand from what the input is;
//! a case that fails prints the difference.

#![cfg(unix)]
#![allow(clippy::unwrap_used)] // a test crate: a panic is a failed test

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use serde::Deserialize;

/// One case's `case.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// The arguments after `shadow-import`.
    #[serde(default = "default_args")]
    args: Vec<String>,
    /// The exit code.
    #[serde(default = "two")]
    exit: i32,
    /// The exact standard error.
    stderr: String,
    /// What to make before the run (see the module doc).
    #[serde(default)]
    setup: Vec<String>,
    /// Texts standard output must hold (a report's line naming the damage),
    /// for cases that exit 0 or 1 with a report.
    #[serde(default)]
    stdout_has: Vec<String>,
    /// Standard input, when the case reads it.
    #[serde(default)]
    stdin: Option<String>,
}

fn default_args() -> Vec<String> {
    vec!["run".into(), "scenario.toml".into()]
}

fn two() -> i32 {
    2
}

#[test]
fn bad_input() {
    let (mut cases, mut failures) = (0, Vec::new());
    insta::glob!("bad-input/*/case.toml", |path| {
        cases += 1;
        let folder = path.parent().unwrap();
        let name = folder.file_name().unwrap().to_string_lossy().into_owned();
        let case: Case = toml::from_str(&std::fs::read_to_string(path).unwrap())
            .unwrap_or_else(|e| panic!("{name}/case.toml: {e}"));
        let work = tempfile::tempdir().unwrap();
        copy_folder(folder, work.path());
        std::fs::remove_file(work.path().join("case.toml")).unwrap();
        for line in &case.setup {
            if !set_up(work.path(), line) {
                eprintln!("{name}: skipped ({line} has no effect for this user)");
                return;
            }
        }
        let mut command = Command::cargo_bin("shadow-import").unwrap();
        command.args(&case.args).current_dir(work.path()).timeout(Duration::from_secs(20));
        command.env_remove("SHADOW_IMPORT_TIMINGS").env("NO_COLOR", "1");
        command.write_stdin(case.stdin.clone().unwrap_or_default());
        let out = command.output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        if (out.status.code(), stderr.as_ref()) != (Some(case.exit), case.stderr.as_str()) {
            failures.push(format!(
                "{name}: expected exit {} and stderr\n{}got exit {:?} and stderr\n{stderr}",
                case.exit,
                case.stderr,
                out.status.code()
            ));
        } else if case.exit == 2 && !out.stdout.is_empty() {
            failures.push(format!("{name}: stdout must be empty on exit 2"));
        } else {
            let stdout = String::from_utf8_lossy(&out.stdout);
            for text in case.stdout_has.iter().filter(|t| !stdout.contains(t.as_str())) {
                failures.push(format!("{name}: stdout lacks {text:?}; it is\n{stdout}"));
            }
        }
    });
    assert!(failures.is_empty(), "{} failing cases:\n\n{}", failures.len(), failures.join("\n"));
    assert!(cases >= MINIMUM_CASES, "only {cases} cases under tests/bad-input/");
}

/// The corpus covers every class of bad input the README lists.
const MINIMUM_CASES: usize = 77;

/// Copies `from` into `to`, keeping symbolic links as links.
fn copy_folder(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let (source, target) = (entry.path(), to.join(entry.file_name()));
        let kind = entry.file_type().unwrap();
        if kind.is_symlink() {
            std::os::unix::fs::symlink(std::fs::read_link(&source).unwrap(), &target).unwrap();
        } else if kind.is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_folder(&source, &target);
        } else {
            std::fs::copy(&source, &target).unwrap();
        }
    }
}

/// Applies one `setup` line in `dir`; false when it cannot take effect
/// (an unreadable file for root).
fn set_up(dir: &Path, line: &str) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let words: Vec<&str> = line.splitn(4, ' ').collect();
    let at = |p: &str| {
        let path = dir.join(p);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        path
    };
    match words.as_slice() {
        ["fifo", path] => {
            let status = std::process::Command::new("mkfifo").arg(at(path)).status().unwrap();
            assert!(status.success(), "mkfifo {path}");
        }
        ["symlink", path, target] => std::os::unix::fs::symlink(target, at(path)).unwrap(),
        ["hardlink", path, target] => std::fs::hard_link(dir.join(target), at(path)).unwrap(),
        ["symlink-loop", path] => {
            // A relative link resolves from its own folder: its bare name is itself.
            let name = Path::new(path).file_name().unwrap();
            std::os::unix::fs::symlink(name, at(path)).unwrap();
        }
        ["dir", path] => std::fs::create_dir_all(at(path)).unwrap(),
        ["chmod000", path] => {
            let path = at(path);
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
            if std::fs::File::open(&path).is_ok() {
                return false;
            }
        }
        ["nul-file", path, n] => std::fs::write(at(path), vec![0u8; n.parse().unwrap()]).unwrap(),
        ["repeat", path, n, text] => {
            use std::io::Write;
            let text = text.replace("\\n", "\n");
            let mut file =
                std::fs::OpenOptions::new().create(true).append(true).open(at(path)).unwrap();
            for _ in 0..n.parse::<usize>().unwrap() {
                file.write_all(text.as_bytes()).unwrap();
            }
        }
        _ => panic!("unknown setup line: {line}"),
    }
    true
}
