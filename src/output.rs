//! Where the tool writes, made safe: every file it makes is first a
//! *partial* beside its target (or in the temporary folder), named
//! `.shadow-import-<pid>-…`, and renamed onto the target only when complete,
//! so a full disk or a kill never leaves a truncated report, rejects file or
//! shadow. Every partial alive is registered, so a signal handler can remove
//! them all ([`remove_partials`]); a run killed outright (SIGKILL) leaves
//! partials whose pid is dead, and the next run that writes in that folder
//! removes them ([`sweep`]). An output never replaces an input of the
//! scenario, nor a path another output of the same run takes
//! ([`refuse_inputs`]).

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use tempfile::NamedTempFile;

use crate::error::{Error, OutputProblem, Result};

/// What every partial's name starts with, before the pid.
const PREFIX: &str = ".shadow-import-";

/// The partials of this process that exist now.
static LIVE: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

/// Set once the partials are removed for a signal: no new one is made.
static CLOSING: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The folders already swept by this process.
static SWEPT: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());

fn lock<T>(m: &'static Mutex<T>) -> MutexGuard<'static, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A file being written: removed when dropped, renamed onto its target by
/// [`Partial::persist`].
#[derive(Debug)]
pub struct Partial {
    file: NamedTempFile,
    _registered: Registered,
}

/// A partial's entry in [`LIVE`], removed when the partial is gone.
#[derive(Debug)]
struct Registered(PathBuf);

impl Write for Partial {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.file.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        lock(&LIVE).remove(&self.0);
    }
}

impl Partial {
    /// A new partial for `target`, in the same folder (so the final rename
    /// stays on one file system). `what` says what it will be (`report`,
    /// `db` …) in its name. Sweeps that folder's stale partials first.
    pub fn beside(target: &Path, what: &str) -> Result<Partial> {
        Partial::new_in(&folder_of(target), what)
            .map_err(|source| Error::Write { path: target.to_path_buf(), source })
    }

    /// A new partial in the system's temporary folder, for a file nobody
    /// keeps (a shadow without `--db`).
    pub fn temporary(what: &str) -> Result<Partial> {
        let dir = std::env::temp_dir();
        Partial::new_in(&dir, what).map_err(|source| Error::Write { path: dir, source })
    }

    /// A new partial in `dir`.
    pub fn new_in(dir: &Path, what: &str) -> std::io::Result<Partial> {
        sweep(dir);
        // Created and registered under the lock, so a signal handler
        // removing the partials never misses one being made.
        let mut live = lock(&LIVE);
        let file = tempfile::Builder::new()
            .prefix(&format!("{PREFIX}{}-{what}-", std::process::id()))
            .suffix(".partial")
            .tempfile_in(dir)?;
        if CLOSING.load(std::sync::atomic::Ordering::SeqCst) {
            return Err(std::io::Error::other("the run is being interrupted"));
        }
        live.insert(file.path().to_path_buf());
        drop(live);
        let registered = Registered(file.path().to_path_buf());
        Ok(Partial { file, _registered: registered })
    }

    /// Where the partial is.
    pub fn path(&self) -> &Path {
        self.file.path()
    }

    /// The open file, for writing.
    pub fn file(&mut self) -> &mut std::fs::File {
        self.file.as_file_mut()
    }

    /// Flushes the partial to disk and renames it onto `target`.
    pub fn persist(self, target: &Path) -> Result<()> {
        let write_error = |source| Error::Write { path: target.to_path_buf(), source };
        self.file.as_file().sync_all().map_err(write_error)?;
        self.file.persist(target).map_err(|e| write_error(e.error))?;
        Ok(())
    }
}

/// Removes every partial of this process that still exists: for a signal
/// handler, just before the process exits. Afterwards no partial can be
/// made ([`Partial::new_in`] fails), so none appears in the meantime.
pub fn remove_partials() {
    let mut live = lock(&LIVE);
    CLOSING.store(true, std::sync::atomic::Ordering::SeqCst);
    remove_all(&mut live);
}

fn remove_all(live: &mut BTreeSet<PathBuf>) {
    for path in std::mem::take(live) {
        let _ = std::fs::remove_file(&path);
    }
}

/// Removes the partials in `dir` whose run is no longer alive (a run killed
/// by SIGKILL or a power cut), once per folder per process. A partial's
/// name carries its run's pid; a pid that no process has is dead. Where
/// processes cannot be looked up (no `/proc`), partials older than a day
/// count as dead.
pub fn sweep(dir: &Path) {
    if !lock(&SWEPT).insert(dir.to_path_buf()) {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(pid_of) else { continue };
        if pid != std::process::id() && !alive(pid, &entry.path()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The pid in a partial's name, `.shadow-import-<pid>-<what>-<random>.partial`.
fn pid_of(name: &str) -> Option<u32> {
    let rest = name.strip_prefix(PREFIX)?;
    if !rest.ends_with(".partial") {
        return None;
    }
    rest.split('-').next()?.parse().ok()
}

fn alive(pid: u32, path: &Path) -> bool {
    let proc = Path::new("/proc");
    if proc.join("self").exists() {
        return proc.join(pid.to_string()).exists();
    }
    let day = std::time::Duration::from_secs(24 * 3600);
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .is_ok_and(|t| t.elapsed().is_ok_and(|age| age < day))
}

/// The folder a target is in (`.` for a bare file name).
pub fn folder_of(target: &Path) -> PathBuf {
    target.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf()
}

/// Writes `bytes` to `target` completely or not at all: through a partial
/// renamed onto it. A target that exists and is not a regular file (a
/// terminal, `/dev/stdout`, a pipe) is written directly; a folder is refused.
pub fn write_file(target: &Path, bytes: &[u8]) -> Result<()> {
    let write_error = |source| Error::Write { path: target.to_path_buf(), source };
    match std::fs::metadata(target) {
        Ok(m) if m.is_dir() => {
            return Err(Error::Output {
                path: target.to_path_buf(),
                problem: OutputProblem::Folder,
            });
        }
        Ok(m) if !m.is_file() => {
            let mut file =
                std::fs::OpenOptions::new().write(true).open(target).map_err(write_error)?;
            return file.write_all(bytes).and_then(|()| file.flush()).map_err(write_error);
        }
        _ => {}
    }
    let mut partial = Partial::beside(target, "out")?;
    partial.file().write_all(bytes).map_err(write_error)?;
    partial.persist(target)
}

/// Refuses outputs that would destroy an input or each other: each
/// `(option, path)` of `outputs` must not be one of `inputs` (the scenario
/// file, its exports, its value maps) nor the same file as an earlier
/// output. Paths are compared as files (symbolic links and `..` resolved,
/// hard links by device and inode), whether or not the output exists yet.
pub fn refuse_inputs(inputs: &[PathBuf], outputs: &[(&str, &Path)]) -> Result<()> {
    let inputs: Vec<(Identity, &PathBuf)> =
        inputs.iter().filter_map(|p| Identity::of(p).map(|id| (id, p))).collect();
    let mut taken: Vec<(Identity, &str)> = Vec::new();
    for &(option, path) in outputs {
        let Some(id) = Identity::of(path) else { continue };
        let refuse = |problem| Error::Output { path: path.to_path_buf(), problem };
        if let Some((_, input)) = inputs.iter().find(|(i, _)| i.same(&id)) {
            return Err(refuse(OutputProblem::IsInput {
                option: option.to_string(),
                input: input.to_path_buf(),
            }));
        }
        if let Some((_, earlier)) = taken.iter().find(|(t, _)| t.same(&id)) {
            return Err(refuse(OutputProblem::Twice {
                option: option.to_string(),
                earlier: (*earlier).to_string(),
            }));
        }
        taken.push((id, option));
    }
    Ok(())
}

/// What makes two paths the same file.
#[derive(Debug, PartialEq, Eq)]
struct Identity {
    /// The path with its folder resolved.
    canonical: PathBuf,
    /// Device and inode, when the file exists (Unix).
    inode: Option<(u64, u64)>,
}

impl Identity {
    fn of(path: &Path) -> Option<Identity> {
        let canonical = match std::fs::canonicalize(path) {
            Ok(c) => c,
            Err(_) => {
                let dir = std::fs::canonicalize(folder_of(path)).ok()?;
                dir.join(path.file_name()?)
            }
        };
        Some(Identity { inode: inode(path), canonical })
    }

    fn same(&self, other: &Identity) -> bool {
        self.canonical == other.canonical || (self.inode.is_some() && self.inode == other.inode)
    }
}

#[cfg(unix)]
fn inode(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn inode(_: &Path) -> Option<(u64, u64)> {
    None
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_partial_is_renamed_onto_its_target_and_unregistered() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("report.txt");
        let mut partial = Partial::beside(&target, "report").unwrap();
        let name = partial.path().file_name().unwrap().to_str().unwrap().to_string();
        assert_eq!(pid_of(&name), Some(std::process::id()));
        partial.file().write_all(b"GO\n").unwrap();
        let path = partial.path().to_path_buf();
        assert!(lock(&LIVE).contains(&path));
        partial.persist(&target).unwrap();
        assert!(!lock(&LIVE).contains(&path));
        assert_eq!(std::fs::read(&target).unwrap(), b"GO\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no partial left");
    }

    #[test]
    fn a_dropped_partial_leaves_nothing_and_the_target_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("report.txt");
        std::fs::write(&target, "old").unwrap();
        drop(Partial::beside(&target, "report").unwrap());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn removing_the_partials_removes_what_a_signal_would_leave() {
        let dir = tempfile::tempdir().unwrap();
        let partial = Partial::new_in(dir.path(), "db").unwrap();
        let path = partial.path().to_path_buf();
        let mut live = BTreeSet::from([path.clone()]);
        remove_all(&mut live);
        assert!(!path.exists() && live.is_empty());
        drop(partial); // the temp file is gone already; dropping is harmless
    }

    #[test]
    fn sweep_removes_partials_of_dead_runs_only() {
        let dir = tempfile::tempdir().unwrap();
        // pid 4194304 is above Linux's pid_max limit: never alive.
        let dead = dir.path().join(".shadow-import-4194304-db-abc123.partial");
        let ours = dir.path().join(format!(".shadow-import-{}-db-x.partial", std::process::id()));
        let foreign = dir.path().join(".shadow-import-notes.txt");
        for f in [&dead, &ours, &foreign] {
            std::fs::write(f, "x").unwrap();
        }
        sweep(dir.path());
        assert!(!dead.exists() || !Path::new("/proc/self").exists());
        assert!(ours.exists() && foreign.exists());
    }

    #[test]
    fn pid_of_reads_only_our_partial_names() {
        assert_eq!(pid_of(".shadow-import-123-db-Ab9.partial"), Some(123));
        assert_eq!(pid_of(".shadow-import-123-db-Ab9.csv"), None);
        assert_eq!(pid_of("shadow-import-123-db.partial"), None);
        assert_eq!(pid_of(".shadow-import-x-db.partial"), None);
    }

    #[test]
    fn write_file_refuses_a_folder_and_replaces_a_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_file(dir.path(), b"x").unwrap_err();
        assert!(err.to_string().contains("is a folder"), "{err}");
        let target = dir.path().join("r.txt");
        std::fs::write(&target, "a much longer old report").unwrap();
        write_file(&target, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    }

    #[test]
    fn an_output_that_is_an_input_or_taken_twice_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let export = dir.path().join("Contact.csv");
        std::fs::write(&export, "Id\n1\n").unwrap();
        let inputs = vec![export.clone()];
        // The same file through `..` and through a hard link.
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        let dotted = sub.join("../Contact.csv");
        let err = refuse_inputs(&inputs, &[("--output", &dotted)]).unwrap_err();
        assert!(err.to_string().contains("is an input of the scenario"), "{err}");
        let linked = dir.path().join("link.csv");
        std::fs::hard_link(&export, &linked).unwrap();
        assert!(refuse_inputs(&inputs, &[("--rejects", &linked)]).is_err());
        let out = dir.path().join("out.txt");
        let err = refuse_inputs(&inputs, &[("--output", &out), ("--rejects", &out)]).unwrap_err();
        assert!(err.to_string().contains("--output already writes"), "{err}");
        refuse_inputs(&inputs, &[("--output", &out), ("--rejects", &dir.path().join("r.csv"))])
            .unwrap();
        assert_eq!(std::fs::read_to_string(&export).unwrap(), "Id\n1\n");
    }
}
