//! Where a scenario may read from: its own folder, unless the person
//! running it allows more (`--allow-outside`). A scenario that arrives in a
//! pull request must not be able to read `/etc/shadow` into an error
//! message, so an absolute path, a `..` that climbs out, or a symbolic link
//! that leads out are refused at the line that names them.

use std::path::{Component, Path, PathBuf};

use toml::Spanned;

use super::positions::Positions;
use crate::error::{InputProblem, Result, ScenarioError};

/// Which files a scenario may read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Reach {
    /// Only files inside the scenario's folder (the default).
    #[default]
    Folder,
    /// Any file the scenario names (`--allow-outside`).
    Anywhere,
}

/// The scenario folder, and how far beyond it the scenario may read.
pub(super) struct Folder<'a> {
    /// The folder holding `scenario.toml`.
    pub(super) path: &'a Path,
    /// Whether paths outside it are allowed.
    pub(super) reach: Reach,
}

impl Folder<'_> {
    /// The path to open for `file` as the scenario writes it (`what` says
    /// what it is, for the message), or an error at `file` when it leads
    /// out of the folder and that is not allowed.
    pub(super) fn file(
        &self,
        pos: &Positions<'_>,
        file: &Spanned<String>,
        what: &'static str,
    ) -> Result<PathBuf> {
        let written = file.get_ref();
        let path = self.path.join(written);
        match self.escape(Path::new(written), &path) {
            Some(how) if self.reach == Reach::Folder => {
                let shown = crate::error::short(written).into_owned();
                Err(pos.error(file, ScenarioError::OutsideFolder { what, file: shown, how }))
            }
            _ => Ok(path),
        }
    }

    /// [`Folder::file`], checked to be a regular file that can be read (not
    /// a folder, a FIFO, a device …), without opening anything else.
    pub(super) fn readable(
        &self,
        pos: &Positions<'_>,
        file: &Spanned<String>,
        what: &'static str,
    ) -> Result<PathBuf> {
        let path = self.file(pos, file, what)?;
        match crate::error::check_input(&path) {
            Ok(()) => Ok(path),
            Err(problem) => Err(pos.error(file, ScenarioError::NotAFile { what, path, problem })),
        }
    }

    /// The destination schema file a scenario names: like
    /// [`Folder::readable`], except that a missing one is reported with the
    /// schemas the tool ships.
    pub(super) fn schema(&self, pos: &Positions<'_>, schema: &Spanned<String>) -> Result<PathBuf> {
        let path = self.file(pos, schema, "destination schema")?;
        match crate::error::check_input(&path) {
            Ok(()) => Ok(path),
            Err(InputProblem::NotFound) => Err(pos.error(
                schema,
                ScenarioError::SchemaUnreadable {
                    name: schema.get_ref().clone(),
                    cause: std::io::ErrorKind::NotFound.into(),
                    shipped: super::destination::BUILTIN.iter().map(|(n, _)| *n).collect(),
                },
            )),
            Err(problem) => Err(pos.error(
                schema,
                ScenarioError::NotAFile { what: "destination schema", path, problem },
            )),
        }
    }

    /// How `written` (as in the scenario), opened as `path`, leads out of
    /// the folder, or `None` when it stays in: lexically (not absolute, no
    /// `..` above the folder) and, when both exist, once symbolic links are
    /// followed.
    fn escape(&self, written: &Path, path: &Path) -> Option<&'static str> {
        if written.has_root() {
            return Some("is an absolute path, outside");
        }
        if !stays_below(written) {
            return Some("climbs with `..` out of");
        }
        let folder = if self.path.as_os_str().is_empty() { Path::new(".") } else { self.path };
        match (folder.canonicalize(), path.canonicalize()) {
            (Ok(folder), Ok(real)) if !real.starts_with(&folder) => {
                Some("leads through a symbolic link out of")
            }
            // A file that cannot be resolved (missing, a link loop) is named
            // for what it is when it is opened.
            _ => None,
        }
    }
}

/// Whether a relative path never climbs above its start.
fn stays_below(written: &Path) -> bool {
    let mut depth: usize = 0;
    for part in written.components() {
        match part {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir if depth > 0 => depth -= 1,
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => return false,
        }
    }
    true
}
