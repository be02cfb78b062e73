//! Every way a rehearsal can fail before it reaches a verdict, with the
//! file, line and column a person needs to fix it. All user-facing error
//! text lives here.

use std::fmt;
use std::path::PathBuf;

/// A place in a file a person can open in an editor: `file:line:column`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file as the user named it (relative to where they ran the tool).
    pub file: PathBuf,
    /// 1-based line, when known.
    pub line: Option<u64>,
    /// 1-based column, when known.
    pub column: Option<u64>,
}

impl Location {
    /// A whole file, no line.
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Location { file: file.into(), line: None, column: None }
    }

    /// A line and column in a file.
    pub fn at(file: impl Into<PathBuf>, line: u64, column: u64) -> Self {
        Location { file: file.into(), line: Some(line), column: Some(column) }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        Ok(())
    }
}

/// Errors that stop a rehearsal (exit code 2). Problems in the *data* are
/// not errors: they become rejects and trigger results.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The path given on the command line is neither a scenario file nor a
    /// folder holding `scenario.toml`.
    #[error("{}: no scenario here (expected a scenario.toml file or a folder containing one)", .0.display())]
    NoScenario(PathBuf),

    /// A file could not be opened or read.
    #[error("{location}: cannot read: {source}")]
    Read {
        /// The file.
        location: Location,
        /// What the operating system said.
        source: std::io::Error,
    },

    /// A file (a report, the rejects, a sample, a scenario) could not be
    /// created or written.
    #[error("{}: cannot write: {source}", .path.display())]
    Write {
        /// The file being written.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },

    /// A data file named by the scenario does not exist.
    #[error("{file}: data file not found ({what} `{name}` reads it, {declared_at})", file = .file.display())]
    MissingDataFile {
        /// The data file, as resolved from the scenario folder.
        file: PathBuf,
        /// "object" or "junction".
        what: &'static str,
        /// The object or junction name.
        name: String,
        /// Where the scenario names the file.
        declared_at: Location,
    },

    /// The scenario file is not valid TOML or does not follow the format.
    #[error("{location}: {message}")]
    Scenario {
        /// Where in the scenario file.
        location: Location,
        /// What is wrong, with a hint where we have one.
        message: String,
    },

    /// A `warn` or `fail` threshold under `[triggers]` that cannot be used,
    /// located at its value.
    #[error("{location}: triggers.{trigger}: {}", .problem.describe(.text))]
    Threshold {
        /// Where the value is written.
        location: Location,
        /// The trigger it belongs to.
        trigger: String,
        /// The value as written (a string without its quotes).
        text: String,
        /// What is wrong with it (boxed: the rarest error need not make
        /// every `Result` larger).
        problem: Box<ThresholdProblem>,
    },

    /// A column the mapping reads is not in the data file's header.
    #[error("{0}")]
    ColumnNotFound(Box<MissingColumn>),

    /// A header is duplicated or a mapped column matches several headers.
    #[error("{location}: {message}")]
    Header {
        /// The data file's header line.
        location: Location,
        /// What is ambiguous.
        message: String,
    },

    /// A quoted cell never closes: the rest of the file would become one cell.
    #[error(
        "{location}: a quoted cell opens here and never closes, so every row after it would be read as one cell; fix the stray `\"` in the export"
    )]
    UnterminatedQuote {
        /// Where the quote opens.
        location: Location,
    },

    /// The file is not delimited text (a workbook, a PDF, a binary).
    #[error("{location}: this is not a CSV file: it looks like {what}")]
    NotCsv {
        /// The file.
        location: Location,
        /// What it looks like, and what to do.
        what: &'static str,
    },

    /// A data file has no header row at all.
    #[error("{location}: the file is empty (no header row); export it again with headers")]
    EmptyFile {
        /// The empty file.
        location: Location,
    },

    /// The CSV reader could not read a record.
    #[error("{location}: cannot parse CSV: {message}")]
    Csv {
        /// Where the reader stopped.
        location: Location,
        /// The reader's explanation.
        message: String,
    },

    /// The shadow database failed.
    #[error("shadow database: {context}: {source}")]
    Shadow {
        /// What we were doing.
        context: String,
        /// SQLite's error.
        source: rusqlite::Error,
    },

    /// The command line asks for something that cannot be done.
    #[error("{0}")]
    Usage(String),

    /// The shadow database file (`--db`) cannot be created or replaced.
    #[error("{}: cannot write the shadow database: {message}", .path.display())]
    ShadowFile {
        /// The database path.
        path: PathBuf,
        /// Why.
        message: String,
    },
}

impl Error {
    /// Wrap a SQLite error with what we were doing at the time.
    pub fn shadow(context: &'static str) -> impl FnOnce(rusqlite::Error) -> Error {
        // Built on the hot path of every insert: nothing is allocated
        // unless there is an error.
        move |source| Error::Shadow { context: context.into(), source }
    }
}

/// What is wrong with a threshold: the words of [`Error::Threshold`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ThresholdProblem {
    /// Not a percentage, count or duration; read as a percentage attempt.
    NotPercent,
    /// A percentage over 100%.
    OverHundred,
    /// Looks like a duration but is not one.
    NotDuration,
    /// A number that is not a whole count of 0 or more.
    NotCount,
    /// Not a string or a number at all.
    NotThreshold,
    /// A duration for a trigger that takes percentages and counts.
    TakesShare,
    /// A percentage or a count for a trigger that takes durations.
    TakesDuration,
    /// `warn` and `fail` in different units.
    MixedUnits {
        /// The other level: `warn` or `fail`.
        other: &'static str,
        /// Its value, as it reads (`3%`).
        value: String,
        /// Whether it is the trigger's default rather than written.
        default: bool,
    },
}

impl ThresholdProblem {
    /// The sentence for the value `text`.
    pub fn describe(&self, text: &str) -> String {
        match self {
            ThresholdProblem::NotPercent => {
                format!("`{text}` is not a percentage like \"2%\" or \"0.5%\" (or \"off\")")
            }
            ThresholdProblem::OverHundred => format!("`{text}` is over 100% (or \"off\")"),
            ThresholdProblem::NotDuration => {
                format!("`{text}` is not a duration like \"4h\", \"90m\" or \"1h30m\" (or \"off\")")
            }
            ThresholdProblem::NotCount => {
                format!("`{text}` is not a count like 10 (a whole number, 0 or more)")
            }
            ThresholdProblem::NotThreshold => format!(
                "`{text}` is not a threshold: write a percentage like \"2%\", a count like 10 \
                 or a duration like \"4h\" (or \"off\")"
            ),
            ThresholdProblem::TakesShare => "this trigger takes a percentage like \"2%\" or a \
                 count like 10, not a duration"
                .to_string(),
            ThresholdProblem::TakesDuration => {
                "this trigger takes a duration like \"4h\", not a percentage or a count".to_string()
            }
            ThresholdProblem::MixedUnits { other, value, default } => format!(
                "`{text}` and {other} = {value}{} are not in the same unit; write warn and fail \
                 both as percentages or both as counts",
                if *default { " (its default)" } else { "" }
            ),
        }
    }
}

/// A mapped column missing from a file's header, with the closest header
/// and the full list so the fix is obvious.
#[derive(Debug, thiserror::Error)]
#[error(
    "{location}: no column `{column}` in the header ({used_by} reads it, {declared_at}){hint}\n  headers in this file: {headers}",
    hint = .suggestion.as_ref().map(|s| format!("; did you mean `{s}`?")).unwrap_or_default(),
    headers = .headers.join(", ")
)]
pub struct MissingColumn {
    /// The data file's header line.
    pub location: Location,
    /// The column the scenario asked for.
    pub column: String,
    /// Which mapping entry reads it, e.g. `contacts.email`.
    pub used_by: String,
    /// Where the scenario names the column.
    pub declared_at: Location,
    /// The closest existing header, if one is close.
    pub suggestion: Option<String>,
    /// Every header in the file, in file order.
    pub headers: Vec<String>,
}

/// Result with the library's error.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_prints_like_an_editor_reference() {
        assert_eq!(Location::at("data/Contact.csv", 12, 3).to_string(), "data/Contact.csv:12:3");
        assert_eq!(Location::file("scenario.toml").to_string(), "scenario.toml");
        let line_only = Location { line: Some(4), ..Location::file("a.csv") };
        assert_eq!(line_only.to_string(), "a.csv:4");
    }

    #[test]
    fn column_not_found_suggests_and_lists_headers() {
        let err = Error::ColumnNotFound(Box::new(MissingColumn {
            location: Location::at("data/Contact.csv", 1, 1),
            column: "Emial".into(),
            used_by: "contacts.email".into(),
            declared_at: Location::at("scenario.toml", 9, 29),
            suggestion: Some("Email".into()),
            headers: vec!["Id".into(), "Email".into()],
        }));
        assert_eq!(
            err.to_string(),
            "data/Contact.csv:1:1: no column `Emial` in the header (contacts.email reads it, scenario.toml:9:29); did you mean `Email`?\n  headers in this file: Id, Email"
        );
    }
}
