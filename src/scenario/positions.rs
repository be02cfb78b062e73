//! Byte offsets of the scenario text as `file:line:column`, so every
//! mistake in `scenario.toml` names the place to fix it.

use std::path::Path;

use toml::Spanned;

use crate::error::{Error, Location, ScenarioError};

/// Turns byte offsets of the scenario text into `file:line:column`.
pub(super) struct Positions<'a> {
    /// The scenario file, as the user named it.
    pub(super) path: &'a Path,
    /// Its text.
    pub(super) text: &'a str,
}

impl Positions<'_> {
    /// The line and column of a byte offset (1-based, columns in characters).
    pub(super) fn at(&self, offset: usize) -> Location {
        let mut end = offset.min(self.text.len());
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let before = &self.text[..end];
        let line = before.matches('\n').count() as u64 + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() as u64 + 1;
        Location::at(self.path, line, column)
    }

    /// Where a spanned value starts.
    pub(super) fn of<T>(&self, spanned: &Spanned<T>) -> Location {
        self.at(spanned.span().start)
    }

    /// `kind` at a spanned value.
    pub(super) fn error<T>(&self, spanned: &Spanned<T>, kind: ScenarioError) -> Error {
        kind.at(self.of(spanned))
    }

    /// `kind` for the file as a whole.
    pub(super) fn file_error(&self, kind: ScenarioError) -> Error {
        kind.at(Location::file(self.path))
    }
}

/// The IANA zone `name` names, or an error at it with the closest name.
pub(super) fn zone_named(
    pos: &Positions<'_>,
    name: &Spanned<String>,
) -> crate::error::Result<chrono_tz::Tz> {
    match name.get_ref().trim().parse::<chrono_tz::Tz>() {
        Ok(tz) => Ok(tz),
        Err(_) => {
            let names = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name());
            let suggestion = crate::error::closest(name.get_ref(), names).map(str::to_string);
            Err(pos.error(
                name,
                ScenarioError::UnknownTimezone { name: name.get_ref().clone(), suggestion },
            ))
        }
    }
}
