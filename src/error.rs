//! Every way a rehearsal can fail before it reaches a verdict, with the
//! file, line and column a person needs to fix it. Call sites build kinds
//! with fields ([`ScenarioError`], [`ToolError`] …); all user-facing error
//! text, hints and lists included, is written here and nowhere else.

use std::fmt;
use std::path::PathBuf;

mod input;
mod printable;
mod reject;

pub use input::check_input;
pub use printable::{SHOWN_CHARS, printable, printable_path, short, terminal, terminal_keeping};

pub use reject::{Quoted, RejectReason};

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
        f.write_str(&printable_path(&self.file))?;
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

    /// A data file named by the scenario is not a file that can be read.
    #[error("{0}")]
    DataFileNotAFile(Box<DataFileNotAFile>),

    /// The scenario path names something that is not a readable file.
    #[error("{}: the scenario {problem}", .path.display())]
    ScenarioNotAFile {
        /// The scenario file.
        path: PathBuf,
        /// What it is instead.
        problem: InputProblem,
    },

    /// The scenario file is not valid TOML, does not follow the format, or
    /// does not fit together (an unknown object, a field defined twice …).
    #[error("{location}: {kind}")]
    Scenario {
        /// Where in the scenario file.
        location: Location,
        /// What is wrong, with a hint where we have one.
        kind: Box<ScenarioError>,
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

    /// A mapped column matches several headers of a data file.
    #[error("{0}")]
    AmbiguousColumn(Box<AmbiguousColumn>),

    /// A mapped column's label is written on several columns (an export
    /// that joins objects repeats labels), or `label#n` asks for an
    /// occurrence the header does not have.
    #[error("{0}")]
    RepeatedLabel(Box<RepeatedLabel>),

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

    /// The file starts with a byte-order mark the bytes after it
    /// contradict, and their structure shows no encoding to read instead.
    #[error("{0}")]
    LyingBom(Box<LyingBom>),

    /// The header row holds NUL or control characters: the file is read in
    /// an encoding that is not its own (reported instead of a missing column).
    #[error("{0}")]
    HeaderControlCharacters(Box<GarbledHeader>),

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

    /// A row of a value-map file does not have two columns.
    #[error(
        "{location}: cannot parse CSV: a map file has two columns (source value, destination value); this row has {columns}"
    )]
    MapFileColumns {
        /// The row.
        location: Location,
        /// How many columns it has.
        columns: usize,
    },

    /// The shadow database failed.
    #[error("shadow database: {context}: {source}")]
    Shadow {
        /// What we were doing.
        context: String,
        /// SQLite's error.
        source: rusqlite::Error,
    },

    /// A command was asked for something it cannot do (a usage error).
    #[error("{0}")]
    Tool(ToolError),

    /// The shadow database file (`--db`) cannot be created or replaced.
    #[error("{}: cannot write the shadow database: {problem}", .path.display())]
    ShadowFile {
        /// The database path.
        path: PathBuf,
        /// Why.
        problem: ShadowFileProblem,
    },

    /// The key of `--redact`'s tokens cannot be used.
    #[error("{origin}: {problem}")]
    RedactKey {
        /// Where the key was given.
        origin: KeyOrigin,
        /// What is wrong with it.
        problem: KeyProblem,
    },

    /// An output (`--output`, `--rejects`, `--db` …) would destroy an input
    /// or another output, or names something that cannot be written.
    #[error("{}: {problem}", .path.display())]
    Output {
        /// The output path as given.
        path: PathBuf,
        /// Why it is refused.
        problem: OutputProblem,
    },
}

/// A data file named by the scenario that is not a file that can be read.
#[derive(Debug, thiserror::Error)]
#[error("{file}: data file {problem} ({what} `{name}` reads it, {declared_at})", file = .file.display())]
pub struct DataFileNotAFile {
    /// The data file, as resolved from the scenario folder.
    pub file: PathBuf,
    /// "object" or "junction".
    pub what: &'static str,
    /// The object or junction name.
    pub name: String,
    /// Where the scenario names the file.
    pub declared_at: Location,
    /// What it is instead.
    pub problem: InputProblem,
}

/// Why an input path (the scenario, a data file, a map file) is not a
/// file that can be read. Found before anything is opened.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum InputProblem {
    /// Nothing at the path.
    #[error("not found")]
    NotFound,
    /// A folder.
    #[error("is a folder, not a file")]
    Folder,
    /// A named pipe: reading it would wait for a writer.
    #[error(
        "is a named pipe (FIFO), not a file; it is not read, as that could wait forever — copy the export into a file"
    )]
    Fifo,
    /// A character or block device (`/dev/zero`).
    #[error("is a device, not a file")]
    Device,
    /// A socket.
    #[error("is a socket, not a file")]
    Socket,
    /// Some other kind of file that is not a regular file.
    #[error("is not a regular file")]
    NotRegular,
    /// A symbolic link that leads back to itself.
    #[error("is a symbolic link loop (following it never reaches a file)")]
    LinkLoop,
    /// A symbolic link whose target does not exist.
    #[error("is a symbolic link to a file that does not exist")]
    DanglingLink,
    /// The file exists but this user may not read it.
    #[error("cannot be read: permission denied")]
    PermissionDenied,
    /// Anything else the operating system said.
    #[error("cannot be read: {0}")]
    Io(std::io::Error),
}

/// Why an output path is refused. Nothing is written when it is.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OutputProblem {
    /// The path is a file the scenario reads.
    #[error("{option} would overwrite {}, which is an input of the scenario; write it somewhere else", .input.display())]
    IsInput {
        /// The option that names the path (`--output`).
        option: String,
        /// The input, as the scenario names it.
        input: PathBuf,
    },
    /// Two outputs of one run name the same file.
    #[error("{option} names the file {earlier} already writes; give each output its own file")]
    Twice {
        /// The later option.
        option: String,
        /// The earlier option naming the same file.
        earlier: String,
    },
    /// The path is a folder.
    #[error("is a folder; give a file name")]
    Folder,
}

/// Where the key of `--redact`'s tokens was given.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyOrigin {
    /// `--redact-key-file FILE`.
    File(PathBuf),
    /// An environment variable holding the key itself.
    Variable(&'static str),
}

impl fmt::Display for KeyOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyOrigin::File(path) => write!(f, "--redact-key-file {}", printable_path(path)),
            KeyOrigin::Variable(name) => f.write_str(name),
        }
    }
}

/// What is wrong with the key of `--redact`'s tokens.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KeyProblem {
    /// The key file cannot be opened or read.
    #[error("cannot read the redaction key: {0}")]
    Unreadable(std::io::Error),
    /// Nothing but whitespace.
    #[error(
        "the redaction key is empty; put a random one of at least 16 bytes in it, e.g. `head -c 32 /dev/urandom | base64`"
    )]
    Empty,
    /// Fewer bytes than a key needs.
    #[error(
        "the redaction key is {bytes} bytes long, too short to keep its tokens secret; use at least {min}, e.g. `head -c 32 /dev/urandom | base64`"
    )]
    TooShort {
        /// Its length, whitespace around it aside.
        bytes: usize,
        /// The shortest taken.
        min: usize,
    },
    /// A file too long to be a key.
    #[error("the file is longer than {max} bytes, so it is no redaction key; name the key file")]
    TooLong {
        /// The longest read.
        max: usize,
    },
}

/// How the bytes after a byte-order mark contradict it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BomContradiction {
    /// Read in the mark's encoding, the text is full of NUL characters.
    #[error("read in it, the text is full of NUL characters")]
    NulCharacters,
    /// Read in the mark's encoding, the text is full of control characters
    /// or of byte sequences that are not valid in it.
    #[error("read in it, the text is full of control characters and invalid sequences")]
    NotText,
    /// Read in the mark's encoding, the text has no line break, where
    /// another reading has lines.
    #[error("read in it, the text has no line break")]
    NoLines,
}

/// `; its bytes look like utf-16le`, or nothing.
struct LooksLike<'a>(&'a Option<String>);

impl fmt::Display for LooksLike<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(label) => write!(f, "; its bytes look like {label}"),
            None => Ok(()),
        }
    }
}

/// Why the shadow database file cannot be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ShadowFileProblem {
    /// `--db` names a folder.
    #[error("is a folder; give a file name such as shadow.db")]
    Folder,
    /// `--db` names a file that is not an SQLite database.
    #[error("exists and is not an SQLite database; refusing to overwrite it")]
    NotSqlite,
    /// `--db` names an SQLite database that no rehearsal made.
    #[error(
        "is an SQLite database that is not a shadow (it lacks the shadow's application_id); refusing to overwrite it — a shadow made before that mark existed must be removed by hand"
    )]
    NotAShadow,
    /// The disk holding the shadow is full.
    #[error(
        "No space left on device while writing it (SQLite: database or disk is full); free space, or put the shadow on another disk with --db or TMPDIR"
    )]
    DiskFull,
    /// The shadow outgrew the process's file-size limit.
    #[error("File too large: the shadow outgrew the file-size limit of {limit} bytes (ulimit -f)")]
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// `--db` names a device, pipe or socket.
    #[error("is not a regular file (a device, pipe or socket); give a file name such as shadow.db")]
    NotAFile,
    /// The file system refused.
    #[error("{0}")]
    Io(std::io::Error),
}

impl Error {
    /// Wrap a SQLite error with what we were doing at the time.
    pub fn shadow(context: &'static str) -> impl FnOnce(rusqlite::Error) -> Error {
        // Built on the hot path of every insert: nothing is allocated
        // unless there is an error.
        move |source| Error::Shadow { context: context.into(), source }
    }
}

/// What is wrong with a threshold: the words of [`Error::Threshold`]. The
/// checks choose the kind from what the value is and the units its
/// trigger takes, so each says what that trigger takes.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ThresholdProblem {
    /// Not a percentage or a count, for a trigger that takes those.
    NotShare,
    /// Not a duration, for a trigger that takes one.
    NotDuration,
    /// A count written in quotes, for a trigger that takes counts.
    QuotedCount {
        /// `warn` or `fail`.
        key: &'static str,
        /// The count.
        count: u64,
    },
    /// A percentage over 100%.
    OverHundred {
        /// `warn` or `fail`.
        key: &'static str,
        /// Its number, when whole: as a count, it would be read.
        count: Option<u64>,
    },
    /// A number that is not a whole count of 0 or more.
    NotCount,
    /// A whole number too large for a count.
    CountTooLarge,
    /// A duration for a trigger that takes percentages and counts.
    TakesShare,
    /// A percentage or a count for a trigger that takes durations.
    TakesDuration,
    /// `warn` above `fail`: the warning could never come first.
    WarnAboveFail {
        /// The `fail` value, as it reads (`3%`).
        fail: String,
    },
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
    /// The sentence for the value `text` (a string without its quotes).
    pub fn describe(&self, text: &str) -> String {
        let value =
            if text.is_empty() { "an empty string".to_string() } else { format!("`{text}`") };
        match self {
            ThresholdProblem::NotShare => {
                format!("{value} is not a percentage like \"2%\" or a count like 10 (or \"off\")")
            }
            ThresholdProblem::NotDuration => {
                format!("{value} is not a duration like \"4h\", \"90m\" or \"1h30m\" (or \"off\")")
            }
            ThresholdProblem::QuotedCount { key, count } => format!(
                "`\"{text}\"` is in quotes; a count is written without quotes: {key} = {count} \
                 (a percentage with its %: {key} = \"{count}%\")"
            ),
            ThresholdProblem::OverHundred { key, count } => {
                let mut sentence = format!("{value} is over 100%; a percentage is at most 100%");
                if let Some(count) = count {
                    sentence.push_str(&format!(" (for a count, write {key} = {count})"));
                }
                sentence
            }
            ThresholdProblem::NotCount => {
                format!("{value} is not a count like 10 (a whole number, 0 or more)")
            }
            ThresholdProblem::CountTooLarge => {
                format!("{value} is too large a count; \"off\" sets no threshold")
            }
            ThresholdProblem::TakesShare => "this trigger takes a percentage like \"2%\" or a \
                 count like 10, not a duration"
                .to_string(),
            ThresholdProblem::TakesDuration => {
                "this trigger takes a duration like \"4h\", not a percentage or a count".to_string()
            }
            ThresholdProblem::WarnAboveFail { fail } => format!(
                "{value} is above fail = {fail}, so the warning could never come before \
                 the failure; set warn at or below fail"
            ),
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
    "{location}: no column `{}` in the header ({used_by} reads it, {declared_at}){}\n  headers in this file: {}",
    short(.column),
    DidYouMean(.suggestion),
    List(.headers)
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

/// A byte-order mark the bytes after it contradict, with what they look
/// like and how to declare it.
#[derive(Debug, thiserror::Error)]
#[error(
    "{location}: the file starts with a {bom} byte-order mark ({hex}), but {problem}; the bytes look like {looks_like} (a guess). Declare the encoding on the object or junction that reads the file, overriding the mark: encoding = \"{label}\" and bom = \"ignore\""
)]
pub struct LyingBom {
    /// The file.
    pub location: Location,
    /// The mark's encoding (`UTF-16LE`).
    pub bom: &'static str,
    /// The mark's bytes (`FF FE`).
    pub hex: String,
    /// How the bytes contradict it.
    pub problem: BomContradiction,
    /// What the bytes after the mark look like (`windows-1252`).
    pub looks_like: String,
    /// The label that declares it.
    pub label: String,
}

/// A header row with NUL or control characters: the file is not read in
/// its own encoding.
#[derive(Debug, thiserror::Error)]
#[error(
    "{location}: the header row holds NUL or control characters (`{}`), so the file is not read in its own encoding (it was read as {read_as}){}. Declare the encoding on the object or junction that reads the file: encoding = \"{}\" (with bom = \"ignore\" if a byte-order mark says otherwise)",
    short(.header),
    LooksLike(.looks_like),
    .looks_like.as_deref().unwrap_or("utf-16le")
)]
pub struct GarbledHeader {
    /// The file's header line.
    pub location: Location,
    /// The header row as read, control characters escaped (shortened).
    pub header: String,
    /// The encoding it was read in, and why (`utf-8 (declared)`).
    pub read_as: String,
    /// The label of the encoding the bytes look like, if their structure
    /// shows one.
    pub looks_like: Option<String>,
}

/// A mapped column that matches several headers of a data file (they
/// differ only in case), so the mapping cannot tell which one it means.
#[derive(Debug, thiserror::Error)]
#[error(
    "{location}: `{}` ({used_by} reads it, {declared_at}) matches {}; rename the duplicate in the export or map the exact name",
    short(.column),
    Matches(.matches)
)]
pub struct AmbiguousColumn {
    /// The data file's header line.
    pub location: Location,
    /// The column the scenario asked for, printable.
    pub column: String,
    /// Which mapping entry reads it, e.g. `contacts.email`.
    pub used_by: String,
    /// Where the scenario names the column.
    pub declared_at: Location,
    /// The matching headers, printable, with their 1-based column numbers.
    pub matches: Vec<(String, usize)>,
}

/// A label several columns of a header carry (HubSpot's export of contacts
/// with their companies writes `Phone Number` for the contact's and again
/// for the company's), read without saying which one, or with an
/// occurrence (`Phone Number#3`) the header does not have.
#[derive(Debug, thiserror::Error)]
#[error(
    "{location}: `{}` ({used_by} reads it, {declared_at}) {}",
    short(.column),
    Occurrences(&short(.label), .asked, .columns)
)]
pub struct RepeatedLabel {
    /// The data file's header line.
    pub location: Location,
    /// The column as the scenario writes it, printable.
    pub column: String,
    /// The label without its `#n`, printable.
    pub label: String,
    /// Which mapping entry reads it, e.g. `contacts.phone`.
    pub used_by: String,
    /// Where the scenario names the column.
    pub declared_at: Location,
    /// The occurrence asked for (`#n`), if one was.
    pub asked: Option<usize>,
    /// The 1-based column numbers that carry the label, in header order.
    pub columns: Vec<usize>,
}

/// The sentence of a [`RepeatedLabel`] after the column.
struct Occurrences<'a>(&'a str, &'a Option<usize>, &'a [usize]);

impl fmt::Display for Occurrences<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Occurrences(label, asked, columns) = *self;
        let numbers: Vec<String> = columns.iter().map(|c| format!("column {c}")).collect();
        let n = columns.len();
        match *asked {
            Some(asked) => write!(
                f,
                "asks for occurrence {asked} of `{label}`, but the header has {n} (at {}); \
                 write `{label}#1` to `{label}#{n}`",
                numbers.join(", ")
            ),
            None => write!(
                f,
                "is the label of {n} columns ({}), as an export that joins objects writes it; \
                 say which one with its occurrence: `{label}#1` for the first, `{label}#2` for \
                 the second",
                numbers.join(", ")
            ),
        }
    }
}

/// What is wrong in a scenario file; [`Error::Scenario`] adds where.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ScenarioError {
    /// The TOML does not parse, or a key or value does not follow the format.
    #[error("{message}")]
    Toml {
        /// The TOML reader's explanation.
        message: String,
    },

    /// The scenario file is not UTF-8 (TOML is).
    #[error(
        "byte 0x{byte:02X} is not UTF-8; a scenario file is UTF-8 text (save it as UTF-8, e.g. `iconv -f windows-1252 -t utf-8`)"
    )]
    NotUtf8 {
        /// The first byte that is not UTF-8.
        byte: u8,
    },

    /// The scenario maps no export file.
    #[error("no [[object]] defined; map at least one export file")]
    NoObjects,

    /// A name (scenario, object, junction, field) is blank.
    #[error("{what} name is blank")]
    BlankName {
        /// What is named: `scenario`, `object or junction`, `field`.
        what: &'static str,
    },

    /// A name starts with `_`, the prefix of the shadow's own tables and columns.
    #[error("{what} name `{name}` starts with `_`, which is reserved for the shadow's own tables")]
    ReservedName {
        /// What is named.
        what: &'static str,
        /// The name.
        name: String,
    },

    /// A name starts with `sqlite_`.
    #[error("{what} name `{name}` starts with `sqlite_`, which SQLite reserves")]
    SqliteName {
        /// What is named.
        what: &'static str,
        /// The name.
        name: String,
    },

    /// An object or junction name contains `.`.
    #[error("{what} name `{name}` contains `.`, which separates object and field in `via`")]
    DottedName {
        /// What is named.
        what: &'static str,
        /// The name.
        name: String,
    },

    /// A name contains control characters.
    #[error("{what} name {name:?} contains control characters")]
    ControlCharacters {
        /// What is named.
        what: &'static str,
        /// The name.
        name: String,
    },

    /// Two objects or junctions share a name (ignoring case).
    #[error("`{name}` is defined twice")]
    DuplicateObject {
        /// The second spelling.
        name: String,
    },

    /// Two fields of one object share a name (ignoring case).
    #[error("field `{name}` is defined twice")]
    DuplicateField {
        /// The second spelling.
        name: String,
    },

    /// An object maps more fields than a table of the shadow can hold.
    #[error(
        "object `{object}` maps {fields} fields; a shadow table holds at most {max} \
         (SQLite's column limit, less the line and key columns). Split the object, or map \
         only the fields the destination needs"
    )]
    TooManyFields {
        /// The object.
        object: String,
        /// The fields it maps.
        fields: usize,
        /// The most it may map.
        max: usize,
    },

    /// A `ref` names no object of the scenario.
    #[error("unknown object `{name}` in ref; objects: {}{}", List(.known), DidYouMean(.suggestion))]
    UnknownObject {
        /// The name written.
        name: String,
        /// The closest object name, if one is close.
        suggestion: Option<String>,
        /// Every object, in file order.
        known: Vec<String>,
    },

    /// A `timezone` is not an IANA zone name.
    #[error(
        "unknown time zone `{name}`; write an IANA zone name such as \"Europe/Berlin\", \"America/New_York\" or \"UTC\"{}",
        DidYouMean(.suggestion)
    )]
    UnknownTimezone {
        /// The name written.
        name: String,
        /// The closest zone name, if one is close.
        suggestion: Option<String>,
    },

    /// A `[cutover]` value is not what its key takes.
    #[error("`{key}` in [cutover] must be {expected}")]
    CutoverValue {
        /// The key.
        key: &'static str,
        /// What it takes, in words.
        expected: &'static str,
    },

    /// `[cutover] api` names no preset.
    #[error("unknown API preset `{name}`; presets: {}{}", .known.join(", "), DidYouMean(.suggestion))]
    UnknownApiPreset {
        /// The name written.
        name: String,
        /// The closest preset, if one is close.
        suggestion: Option<String>,
        /// Every preset.
        known: Vec<String>,
    },

    /// `[cutover]` names no preset and its limits do not say enough.
    #[error(
        "[cutover] needs the destination API: `api = \"<preset>\"` (presets: {}), or [cutover.limits] with at least `records_per_call` and `call_seconds`",
        .known.join(", ")
    )]
    CutoverNoApi {
        /// Every preset.
        known: Vec<String>,
    },

    /// A `[cutover.batch]` size is not one call's worth.
    #[error(
        "batch size of `{name}` must be a whole number from 1 to {max}, the most one call takes"
    )]
    BatchSize {
        /// The object or junction.
        name: String,
        /// The most one call takes.
        max: u64,
    },

    /// A `[migration_day]` value is not what its key takes.
    #[error("`{key}` in [migration_day] must be {expected}")]
    MigrationDayValue {
        /// The key.
        key: &'static str,
        /// What it takes, in words.
        expected: &'static str,
    },

    /// `[pipeline]` names an object or field the scenario does not map.
    #[error("`{name}` in [pipeline] {key} is not mapped; there are: {}{}", .known.join(", "), DidYouMean(.suggestion))]
    PipelineName {
        /// `object`, `stage`, `amount`, `close_date` or `closed_flag`.
        key: &'static str,
        /// The name written.
        name: String,
        /// The closest name, if one is close.
        suggestion: Option<String>,
        /// The objects, or the object's fields.
        known: Vec<String>,
    },

    /// `[cutover.batch]` or `counts` names no object or junction.
    #[error("`{name}` in [cutover] {key} is no object or junction; there are: {}{}", .known.join(", "), DidYouMean(.suggestion))]
    CutoverName {
        /// `batch` or `counts`.
        key: &'static str,
        /// The name written.
        name: String,
        /// The closest name, if one is close.
        suggestion: Option<String>,
        /// Every object and junction.
        known: Vec<String>,
    },

    /// The full counts leave out some objects or junctions.
    #[error("{from} gives no full count for {}: declare every object and junction, so nothing is projected from the sample's own rows by mistake", .missing.join(", "))]
    CountsIncomplete {
        /// Those without a count.
        missing: Vec<String>,
        /// `[cutover] counts`, or the baseline file.
        from: String,
    },

    /// A baseline file's counts cannot be read.
    #[error(
        "cannot read the counts of baseline `{file}`: {message}; it needs {{ \"counts\": {{ \"contacts\": 1000000, … }} }}"
    )]
    BaselineCounts {
        /// The file as written.
        file: String,
        /// What is wrong.
        message: String,
    },

    /// A `phone_region` is not a two-letter region code.
    #[error(
        "unknown phone region `{name}`; write a two-letter region code such as \"US\", \"GB\" or \"DE\""
    )]
    UnknownPhoneRegion {
        /// The code written.
        name: String,
    },

    /// A `null_tokens` entry is blank once trimmed (a blank cell is blank
    /// already).
    #[error(
        "a null token cannot be blank; list the texts that stand for an empty cell, like \"#N/A\""
    )]
    BlankNullToken,

    /// A `null_tokens` entry is listed twice.
    #[error("null token `{token}` is listed twice")]
    DuplicateNullToken {
        /// The token.
        token: String,
    },

    /// A field's `map` names no `[maps.…]` table.
    #[error("unknown value map `{name}`; define it as [maps.{name}]{}", DidYouMean(.suggestion))]
    UnknownMap {
        /// The name written.
        name: String,
        /// The closest map name, if one is close.
        suggestion: Option<String>,
    },

    /// A key takes one of a few words, and the value is none of them.
    #[error("`{key}` is {}", OneOf(.choices))]
    NotOneOf {
        /// The key, e.g. `part`.
        key: &'static str,
        /// The words it takes.
        choices: &'static [&'static str],
    },

    /// `ref` is neither a name nor a list.
    #[error("`ref` is an object name, or a list of names for a polymorphic id")]
    RefShape,

    /// A `ref` list holds something other than strings.
    #[error("`ref` lists object names as strings")]
    RefNotStrings,

    /// A `ref` list is empty.
    #[error("`ref` lists no object")]
    RefEmpty,

    /// `by` on a field without `ref`.
    #[error("`by` needs a `ref`")]
    ByWithoutRef,

    /// `by` on a polymorphic `ref`.
    #[error("`by` works with one `ref` object, not a list")]
    ByWithSeveralRefs,

    /// `by` names a field the referenced object does not have.
    #[error(
        "`by = \"{by}\"`: object `{target}` has no field `{by}`; fields: {}{}",
        List(.fields),
        DidYouMean(.suggestion)
    )]
    UnknownByField {
        /// The field written in `by`.
        by: String,
        /// The referenced object.
        target: String,
        /// The closest field name, if one is close.
        suggestion: Option<String>,
        /// The object's fields, in file order.
        fields: Vec<String>,
    },

    /// `from` is neither a column name nor a list of them.
    #[error("`from` is a column name, or a list of column names to join")]
    FromShape,

    /// A junction's `primary` is neither a column name nor `{ column, per }`.
    #[error("`primary` is a column name, or {{ column = \"IsDirect\", per = \"right\" }}")]
    PrimaryShape,

    /// `split` is not one character.
    #[error("`split` is one character, e.g. \";\"")]
    SplitShape,

    /// A junction with a split end has a `key`.
    #[error("a junction whose end is split has several links per row, so no `key`; remove it")]
    SplitJunctionKey,

    /// `format` on a field whose type takes none.
    #[error("`format` applies only to date, datetime and decimal fields")]
    FormatNotApplicable,

    /// A date or datetime `format` that cannot read such a value.
    #[error("{kind} format{}: {problem}", Written(.format))]
    DateFormat {
        /// `date` or `datetime`.
        kind: &'static str,
        /// The format written.
        format: String,
        /// What is wrong with it.
        problem: DateFormatProblem,
    },

    /// A decimal `format` that is not one of the known examples.
    #[error("decimal format `{format}` is not one of {}", List(.known))]
    DecimalFormat {
        /// The format written.
        format: String,
        /// The formats a scenario may declare.
        known: &'static [&'static str],
    },

    /// An encoding label `encoding_rs` does not know.
    #[error("unknown encoding `{label}` (try utf-8, windows-1252, iso-8859-1, utf-16le, utf-32le)")]
    UnknownEncoding {
        /// The label written.
        label: String,
    },

    /// `bom = "ignore"` without an encoding to read the file in.
    #[error(
        "`bom = \"ignore\"` needs a declared encoding (encoding = \"utf-32le\" …): the file is read in it, whatever its byte-order mark says"
    )]
    BomWithoutEncoding,

    /// A delimiter that is not one ASCII character.
    #[error("delimiter must be \"auto\" or one ASCII character: \",\", \";\", \"|\" or \"tab\"")]
    Delimiter,

    /// A value map's file is not delimited text (a workbook, an archive,
    /// binary).
    #[error("map file {} is not a CSV file: it looks like {what}", .path.display())]
    MapFileNotText {
        /// The map file, as resolved from the scenario folder.
        path: PathBuf,
        /// What it looks like, and what to do.
        what: &'static str,
    },

    /// A value map's file holds nothing, not even a header row.
    #[error("map file {} is empty; it needs a header row, then one `source,destination` pair per line", .path.display())]
    MapFileEmpty {
        /// The map file, as resolved from the scenario folder.
        path: PathBuf,
    },

    /// A file the scenario names lies outside the scenario folder.
    #[error(
        "{what} `{file}` {how} the scenario folder. A scenario reads only files \
         in its own folder, so one from a pull request cannot read anything else on this \
         machine; if you trust this scenario, run it with --allow-outside"
    )]
    OutsideFolder {
        /// How the path leads out ("climbs with `..` out of").
        how: &'static str,
        /// What the file is ("data file", "map file", "destination schema").
        what: &'static str,
        /// The path as the scenario writes it (at most about 200 characters).
        file: String,
    },

    /// A file the scenario names (a map file, a destination schema) is not
    /// a file that can be read.
    #[error("{what} {} {problem}", .path.display())]
    NotAFile {
        /// What the file is ("map file", "destination schema").
        what: &'static str,
        /// The file, as resolved from the scenario folder.
        path: PathBuf,
        /// What it is instead.
        problem: InputProblem,
    },

    /// `unmapped = "default"` without a `default`.
    #[error("maps.{map}: `unmapped = \"default\"` needs `default = \"…\"`")]
    MapDefaultMissing {
        /// The value map.
        map: String,
    },

    /// With `ignore_case`, two entries collide.
    #[error(
        "maps.{map}: `{value}` and another entry differ only in case but map to different values; with ignore_case they collide"
    )]
    MapCaseCollision {
        /// The value map.
        map: String,
        /// One of the colliding source values.
        value: String,
    },

    /// A field's `default` is blank.
    #[error("default for {used_by} is blank; remove `default` or give a value")]
    BlankDefault {
        /// The field, e.g. `contacts.email`.
        used_by: String,
    },

    /// A field's `default` does not convert to the field's type.
    #[error("default for {used_by}: {reason}")]
    BadDefault {
        /// The field, e.g. `contacts.email`.
        used_by: String,
        /// Why the value is refused.
        reason: RejectReason,
    },

    /// The destination schema file cannot be read.
    #[error("destination schema `{name}`: {cause}; shipped schemas: {}", List(.shipped))]
    SchemaUnreadable {
        /// The schema as the scenario names it.
        name: String,
        /// What the operating system said.
        cause: std::io::Error,
        /// The schemas shipped with the tool.
        shipped: Vec<&'static str>,
    },

    /// The destination schema is not valid.
    #[error("destination schema {name}: {message}")]
    SchemaToml {
        /// The schema as the scenario names it.
        name: String,
        /// The TOML reader's explanation.
        message: String,
    },

    /// A schema `extends` a schema the tool does not ship.
    #[error("`extends = \"{name}\"`: not a shipped schema; shipped schemas: {}", List(.shipped))]
    UnknownBaseSchema {
        /// The schema named.
        name: String,
        /// The schemas shipped with the tool.
        shipped: Vec<&'static str>,
    },

    /// A validation rule's `check` does not compile against the object's fields.
    #[error(
        "destination schema {schema}: rule `{rule}`: {message}; a check is one SQL boolean expression over the object's fields"
    )]
    RuleCheck {
        /// The schema as the scenario names it.
        schema: String,
        /// The rule, as `object.name`.
        rule: String,
        /// SQLite's explanation.
        message: String,
    },

    /// `[destination] merge` names an object whose schema declares no merge key.
    #[error(
        "destination `{destination}` merges no `{object}` records: only objects with a `merge` key in the schema can be switched; those: {}",
        List(.merging)
    )]
    NoMergeKey {
        /// The destination schema.
        destination: String,
        /// The object named.
        object: String,
        /// The objects whose schema declares a merge key.
        merging: Vec<String>,
    },

    /// An object the destination does not have.
    #[error(
        "destination `{destination}` has no object `{object}`; its objects: {}{}",
        List(.objects),
        DidYouMean(.suggestion)
    )]
    DestinationObject {
        /// The destination schema.
        destination: String,
        /// The object mapped.
        object: String,
        /// The closest destination object, if one is close.
        suggestion: Option<String>,
        /// The destination's objects.
        objects: Vec<String>,
    },

    /// A field the destination object does not have.
    #[error(
        "destination `{destination}` has no field `{field}` on `{object}`{}",
        DidYouMean(.suggestion)
    )]
    DestinationField {
        /// The destination schema.
        destination: String,
        /// The object.
        object: String,
        /// The field mapped.
        field: String,
        /// The closest destination field, if one is close.
        suggestion: Option<String>,
    },

    /// A field the destination requires that nothing maps.
    #[error(
        "destination `{destination}` requires `{object}.{field}`, which no field maps; map it or give it a `default`"
    )]
    DestinationRequires {
        /// The destination schema.
        destination: String,
        /// The object.
        object: String,
        /// The required field.
        field: String,
    },

    /// `[triggers]` names a trigger that does not exist.
    #[error("unknown trigger `{id}`; triggers: {}{}", List(.known), DidYouMean(.suggestion))]
    UnknownTrigger {
        /// The id written.
        id: String,
        /// The closest trigger id, if one is close.
        suggestion: Option<String>,
        /// Every trigger id.
        known: Vec<&'static str>,
    },

    /// `[expect] triggers` names a trigger that does not exist.
    #[error(
        "[expect] names unknown trigger `{id}`; triggers: {}{}",
        List(.known),
        DidYouMean(.suggestion)
    )]
    UnknownExpectedTrigger {
        /// The id written.
        id: String,
        /// The closest trigger id, if one is close.
        suggestion: Option<String>,
        /// Every trigger id.
        known: Vec<&'static str>,
    },

    /// `[triggers]` sets an integrity check, which takes no settings.
    #[error(
        "triggers.{id}: `{id}` is an integrity check, not a trigger, and takes no settings; \
         remove it from [triggers]"
    )]
    IntegrityCheckSettings {
        /// The check's id.
        id: String,
    },

    /// A trigger's settings do not follow its format.
    #[error("triggers.{trigger}: {message}")]
    TriggerSettings {
        /// The trigger id.
        trigger: String,
        /// The TOML reader's explanation.
        message: String,
    },

    /// A `missing_relationship` rule names no relationship of the scenario.
    #[error("triggers.{trigger}: {problem}")]
    Relationship {
        /// The trigger id.
        trigger: &'static str,
        /// What does not fit.
        problem: RelationshipError,
    },
}

impl ScenarioError {
    /// The error at `location`.
    pub fn at(self, location: Location) -> Error {
        Error::Scenario { location, kind: Box::new(self) }
    }
}

/// What is wrong with a date or datetime `format` (a chrono strftime
/// pattern such as `%d.%m.%Y`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DateFormatProblem {
    /// Nothing but blanks.
    #[error("the format is empty; write a pattern such as \"%Y-%m-%d\" or \"%d.%m.%Y %H:%M\"")]
    Empty,
    /// A `%` specifier chrono does not know.
    #[error(
        "`{specifier}` is not a format specifier (%Y year, %m month, %d day, %H:%M:%S time, %z offset; `%%` for a percent sign)"
    )]
    Unknown {
        /// The specifier as written (`%Q`).
        specifier: String,
    },
    /// A `%` alone at the end.
    #[error("it ends in a lone `%`; write `%%` for a percent sign")]
    TrailingPercent,
    /// The pattern writes something a date (or date-time) does not have
    /// (a time for a date).
    #[error("{}", if *.datetime { "it cannot be written for a date and time" } else { "it writes a time or an offset, which a date does not have; a date format has a year, a month and a day (%Y-%m-%d)" })]
    CannotWrite {
        /// Whether the field is a datetime.
        datetime: bool,
    },
    /// Written for a known date, the text does not read back as it.
    #[error(
        "written for {} it gives `{written}`, which does not read back as that {}; a {} format needs {}",
        if *.datetime { "2031-11-23 14:35" } else { "2031-11-23" },
        if *.datetime { "date and time" } else { "date" },
        if *.datetime { "datetime" } else { "date" },
        if *.datetime { "a year, a month, a day, an hour and a minute (%Y-%m-%d %H:%M)" } else { "a year, a month and a day (%Y-%m-%d)" }
    )]
    NoRoundTrip {
        /// The sample written in the format.
        written: String,
        /// Whether the field is a datetime.
        datetime: bool,
    },
}

/// How a `missing_relationship` rule fails to name a relationship.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RelationshipError {
    /// `parent` is not an object.
    #[error("parent `{parent}` is not an object of this scenario")]
    UnknownParent {
        /// The parent written.
        parent: String,
    },

    /// `via` is a junction, but neither of its ends is the parent.
    #[error("junction `{junction}` links {left} and {right}, not `{parent}`")]
    JunctionElsewhere {
        /// The junction.
        junction: String,
        /// Its left end's object.
        left: String,
        /// Its right end's object.
        right: String,
        /// The parent written.
        parent: String,
    },

    /// `via = "object.field"` names no object.
    #[error("`{via}`: no object `{object}`")]
    UnknownObject {
        /// The `via` written.
        via: String,
        /// Its object part.
        object: String,
    },

    /// `via = "object.field"` names no field of the object.
    #[error("`{via}`: object `{object}` has no field `{field}`")]
    UnknownField {
        /// The `via` written.
        via: String,
        /// Its object part.
        object: String,
        /// Its field part.
        field: String,
    },

    /// `via` names a field that has no `ref`.
    #[error("`{via}` is not a reference (it has no `ref`)")]
    NotAReference {
        /// The `via` written.
        via: String,
    },

    /// `via` names a lookup of another object that does not point at the parent.
    #[error("`{via}` neither belongs to nor points at `{parent}`")]
    Unrelated {
        /// The `via` written.
        via: String,
        /// The parent written.
        parent: String,
    },

    /// `via` is neither a junction nor `object.field`.
    #[error("via `{via}` must name a junction or an object.field lookup")]
    BadVia {
        /// The `via` written.
        via: String,
    },
}

/// What a command cannot do (a usage error).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ToolError {
    /// `reconcile` lacks one of its two exports.
    #[error(
        "reconcile needs --{what} DIR (the destination's export at the load's end and at the rollback), or [migration_day] {what}"
    )]
    NoReconcileExport {
        /// `before` or `after`.
        what: &'static str,
    },

    /// `verify` or `reconcile` has no baseline.
    #[error(
        "no baseline: pass --baseline FILE.json (written by `shadow-import baseline`) or set [migration_day] baseline"
    )]
    NoBaseline,

    /// `verify` was given neither a destination export nor result files.
    #[error(
        "verify needs --export DIR (the destination's export after the load) or --import-results DIR (the loader's result files), or [migration_day] export / import_results"
    )]
    NothingToVerify,

    /// The baseline is another scenario's.
    #[error("{}: this is the baseline of `{of}`, not of `{scenario}`", .path.display())]
    BaselineOfAnother {
        /// The file.
        path: PathBuf,
        /// Whose it is.
        of: String,
        /// The scenario given.
        scenario: String,
    },

    /// A destination export lacks an object's file.
    #[error("{}: missing; a destination export holds one CSV per object and junction, named after it (`{name}.csv`), headed by the destination field names, the destination's id and the source key", .path.display())]
    ExportFileMissing {
        /// The object or junction.
        name: String,
        /// The file expected.
        path: PathBuf,
    },

    /// An import results folder holds no folder per object.
    #[error("{}: no folder per object; put each object's loader result files (success*.csv, error*.csv, or HubSpot's error report) in a folder named after it", .dir.display())]
    NoImportResults {
        /// The folder.
        dir: PathBuf,
    },

    /// A folder of import results is named after no object.
    #[error("{}: named after no object of the scenario; there are: {}", .dir.display(), .known.join(", "))]
    UnknownResultsFolder {
        /// The folder.
        dir: PathBuf,
        /// The objects.
        known: Vec<String>,
    },

    /// A loader's result file cannot be read.
    #[error("{file}:{line}: {message}")]
    BadResultsFile {
        /// The file.
        file: String,
        /// The line.
        line: u64,
        /// What is wrong.
        message: String,
    },

    /// A baseline file cannot be read as one.
    #[error("{}:{line}:{column}: not a baseline file: {message}", .path.display())]
    BadBaseline {
        /// The file.
        path: PathBuf,
        /// The line.
        line: u64,
        /// The column.
        column: u64,
        /// What is wrong.
        message: String,
    },

    /// `baseline --redact` without a key: `verify` could not mask the
    /// destination's values the same way.
    #[error(
        "baseline --redact needs a key, so that verify can mask the destination's values as the baseline masks the sample: --redact-key-file FILE or SHADOW_IMPORT_REDACT_KEY (at least 16 bytes; keep it apart from the baseline)"
    )]
    RedactNeedsKey,

    /// A redacted baseline, and no key to compare under.
    #[error(
        "{}: the sample is redacted; verify compares under the key it was taken with: give it with --redact --redact-key-file FILE or SHADOW_IMPORT_REDACT_KEY",
        .path.display()
    )]
    RedactedBaselineNeedsKey {
        /// The baseline.
        path: PathBuf,
    },

    /// A redacted baseline taken under another key than the one given.
    #[error(
        "{}: the sample was redacted with another key than the one given (its key check differs); give the key `baseline --redact` ran with",
        .path.display()
    )]
    RedactedWithAnotherKey {
        /// The baseline.
        path: PathBuf,
    },

    /// `--out` names a file that exists and is not a baseline.
    #[error("--out {}: the file exists and is not a baseline file; refusing to overwrite it", .path.display())]
    NotABaseline {
        /// The file.
        path: PathBuf,
    },

    /// `test --filter` matches no scenario folder.
    #[error("--filter {filter}: no scenario folder under {} has this in its name", .dir.display())]
    NoScenarioMatches {
        /// The filter text.
        filter: String,
        /// The folder of scenario folders.
        dir: PathBuf,
    },

    /// `generate --contacts 0`.
    #[error("--contacts 0: generate at least one contact")]
    NoContacts,

    /// `generate --out` is a folder with files that generate did not write.
    #[error("--out {}: holds files that generate did not write (no manifest.json); give a new or empty folder", .out.display())]
    NotGenerated {
        /// The folder.
        out: PathBuf,
    },

    /// `generate --defects` outside 0..=1.
    #[error("--defects {defects}: a share between 0 and 1, e.g. 0.01")]
    DefectShare {
        /// The share given.
        defects: f64,
    },

    /// `--rejects` names a file that is not a rejects file.
    #[error("--rejects {}: the file exists and is not a rejects file; refusing to overwrite it", .path.display())]
    NotRejectsFile {
        /// The file.
        path: PathBuf,
    },

    /// `--flagged` names a file that is not a fix list.
    #[error("--flagged {}: the file exists and is not a fix list; refusing to overwrite it", .path.display())]
    NotFlaggedFile {
        /// The file.
        path: PathBuf,
    },

    /// `init` would replace a scenario without `--force`.
    #[error("{} exists; pass --force to replace it", .path.display())]
    ScenarioExists {
        /// The scenario file.
        path: PathBuf,
    },

    /// `init` found no export file.
    #[error(
        "{}: no export files (.csv, .tsv, .txt) to build a scenario from; copy the source CRM's exports into {} first",
        .folder.display(),
        .data.display()
    )]
    NoExports {
        /// The folder searched.
        folder: PathBuf,
        /// Where exports are expected (`DIR/data`).
        data: PathBuf,
    },

    /// `sample --size 0`.
    #[error("--size 0: a sample needs at least one row")]
    EmptySample,

    /// `sample --out` names a folder that holds files.
    #[error(
        "--out {}: the folder is not empty; give a new folder, so no export is ever overwritten",
        .out.display()
    )]
    OutNotEmpty {
        /// The folder.
        out: PathBuf,
    },

    /// The scenario reads a file outside its folder, which a sample cannot mirror.
    #[error(
        "{file}: sample writes the files under --out at the paths the scenario names, so they must stay inside the scenario folder"
    )]
    OutsideScenario {
        /// The file as the scenario names it.
        file: String,
    },

    /// `plan --drill` names no trigger.
    #[error("--drill {id}: no such trigger; triggers: {}{}", List(.known), DidYouMean(.suggestion))]
    UnknownDrill {
        /// The id given.
        id: String,
        /// The closest trigger id.
        suggestion: Option<String>,
        /// Every trigger id that can be drilled.
        known: Vec<String>,
    },

    /// `plan --drill` names a trigger with no result in this scenario.
    #[error(
        "--drill {id}: today's rehearsal has no `{id}` result; the scenario does not configure it (see `[triggers]` in the README)"
    )]
    DrillNotMeasured {
        /// The id given.
        id: String,
    },

    /// `sample --root` names no object.
    #[error("--root {name}: no such object; objects: {}", List(.objects))]
    UnknownRoot {
        /// The name given.
        name: String,
        /// The scenario's objects.
        objects: Vec<String>,
    },
}

/// The candidate closest to `wanted`, if it is plausibly a typo of it.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted_lower = wanted.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&wanted_lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// The TOML reader's `message`, with `; did you mean `x`?` when it names
/// an unknown key or word (serde's "unknown field `typ`, expected one of
/// `from`, `type` …") and one of those it expects is close.
pub fn toml_message(message: &str) -> String {
    let message = message.trim_end();
    let suggestion = unknown_and_expected(message).and_then(|(unknown, expected)| {
        closest(unknown, expected.iter().copied()).map(str::to_string)
    });
    format!("{message}{}", DidYouMean(&suggestion))
}

/// The unknown name and the expected ones of serde's "unknown field" or
/// "unknown variant" message.
fn unknown_and_expected(message: &str) -> Option<(&str, Vec<&str>)> {
    let rest = ["unknown field `", "unknown variant `"]
        .iter()
        .find_map(|start| message.find(start).map(|at| &message[at + start.len()..]))?;
    let (unknown, rest) = rest.split_once('`')?;
    let expected = rest.split_once("expected")?.1;
    let names = expected.split('`').skip(1).step_by(2).collect();
    Some((unknown, names))
}

/// `; did you mean `x`?` for a suggestion, nothing without one. It ends
/// the message (after any list of the names there are), or its line.
struct DidYouMean<'a>(&'a Option<String>);

impl fmt::Display for DidYouMean<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(suggestion) => write!(f, "; did you mean `{}`?", short(suggestion)),
            None => Ok(()),
        }
    }
}

/// `` `text` `` after a space, or nothing for an empty text.
struct Written<'a>(&'a str);

impl fmt::Display for Written<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            "" => Ok(()),
            text => write!(f, " `{text}`"),
        }
    }
}

/// Names separated by `, `.
struct List<'a, T>(&'a [T]);

impl<T: fmt::Display> fmt::Display for List<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, item) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{}", short(&item.to_string()))?;
        }
        Ok(())
    }
}

/// `"a", "b" or "c"`.
struct OneOf<'a>(&'a [&'a str]);

impl fmt::Display for OneOf<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let last = self.0.len().saturating_sub(1);
        for (i, choice) in self.0.iter().enumerate() {
            match i {
                0 => {}
                _ if i == last => f.write_str(" or ")?,
                _ => f.write_str(", ")?,
            }
            write!(f, "\"{choice}\"")?;
        }
        Ok(())
    }
}

/// `` `Dup` (column 6) and `dup` (column 7) ``.
struct Matches<'a>(&'a [(String, usize)]);

impl fmt::Display for Matches<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (header, column)) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(" and ")?;
            }
            write!(f, "`{}` (column {column})", short(header))?;
        }
        Ok(())
    }
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

    #[test]
    fn scenario_kinds_write_their_sentence_after_the_place() {
        let at = Location::at("s/scenario.toml", 10, 46);
        let err = ScenarioError::UnknownObject {
            name: "companys".into(),
            suggestion: Some("companies".into()),
            known: vec!["contacts".into(), "companies".into()],
        }
        .at(at.clone());
        assert_eq!(
            err.to_string(),
            "s/scenario.toml:10:46: unknown object `companys` in ref; objects: contacts, companies; did you mean `companies`?"
        );
        let err = ScenarioError::UnknownMap { name: "stagez".into(), suggestion: None }.at(at);
        assert_eq!(
            err.to_string(),
            "s/scenario.toml:10:46: unknown value map `stagez`; define it as [maps.stagez]"
        );
    }

    #[test]
    fn a_threshold_problem_says_what_the_trigger_takes() {
        let said = |problem: ThresholdProblem, text: &str| problem.describe(text);
        assert_eq!(
            said(ThresholdProblem::NotDuration, "10"),
            "`10` is not a duration like \"4h\", \"90m\" or \"1h30m\" (or \"off\")"
        );
        assert_eq!(
            said(ThresholdProblem::NotShare, ""),
            "an empty string is not a percentage like \"2%\" or a count like 10 (or \"off\")"
        );
        assert_eq!(
            said(ThresholdProblem::OverHundred { key: "warn", count: None }, "100.5%"),
            "`100.5%` is over 100%; a percentage is at most 100%"
        );
    }

    #[test]
    fn one_of_lists_the_words_a_key_takes() {
        let two = ScenarioError::NotOneOf { key: "part", choices: &["first", "last"] };
        assert_eq!(two.to_string(), "`part` is \"first\" or \"last\"");
        let three =
            ScenarioError::NotOneOf { key: "unmapped", choices: &["keep", "reject", "default"] };
        assert_eq!(three.to_string(), "`unmapped` is \"keep\", \"reject\" or \"default\"");
    }

    #[test]
    fn relationship_problems_name_the_trigger() {
        let kind = ScenarioError::Relationship {
            trigger: "missing_relationship",
            problem: RelationshipError::UnknownField {
                via: "contacts.compny".into(),
                object: "contacts".into(),
                field: "compny".into(),
            },
        };
        assert_eq!(
            kind.at(Location::at("scenario.toml", 19, 1)).to_string(),
            "scenario.toml:19:1: triggers.missing_relationship: `contacts.compny`: object `contacts` has no field `compny`"
        );
    }

    #[test]
    fn ambiguous_column_lists_every_match() {
        let err = Error::AmbiguousColumn(Box::new(AmbiguousColumn {
            location: Location::at("data/Contact.csv", 1, 1),
            column: "DUP".into(),
            used_by: "contacts.stage".into(),
            declared_at: Location::at("scenario.toml", 16, 25),
            matches: vec![("Dup".into(), 6), ("dup".into(), 7)],
        }));
        assert_eq!(
            err.to_string(),
            "data/Contact.csv:1:1: `DUP` (contacts.stage reads it, scenario.toml:16:25) matches `Dup` (column 6) and `dup` (column 7); rename the duplicate in the export or map the exact name"
        );
    }

    #[test]
    fn a_repeated_label_says_how_to_pick_one() {
        let repeated = |asked| {
            Error::RepeatedLabel(Box::new(RepeatedLabel {
                location: Location::at("data/contacts.csv", 1, 1),
                column: "Phone Number".into(),
                label: "Phone Number".into(),
                used_by: "contacts.phone".into(),
                declared_at: Location::at("scenario.toml", 12, 20),
                asked,
                columns: vec![5, 11],
            }))
            .to_string()
        };
        assert_eq!(
            repeated(None),
            "data/contacts.csv:1:1: `Phone Number` (contacts.phone reads it, scenario.toml:12:20) is the label of 2 columns (column 5, column 11), as an export that joins objects writes it; say which one with its occurrence: `Phone Number#1` for the first, `Phone Number#2` for the second"
        );
        assert!(repeated(Some(3)).ends_with(
            "asks for occurrence 3 of `Phone Number`, but the header has 2 (at column 5, column 11); write `Phone Number#1` to `Phone Number#2`"
        ));
    }

    #[test]
    fn writing_failures_say_cannot_write() {
        let err = Error::Write {
            path: "out/scenario.toml".into(),
            source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        };
        assert_eq!(err.to_string(), "out/scenario.toml: cannot write: permission denied");
        let err = Error::Tool(ToolError::UnknownRoot {
            name: "dealz".into(),
            objects: vec!["companies".into(), "contacts".into()],
        });
        assert_eq!(err.to_string(), "--root dealz: no such object; objects: companies, contacts");
    }

    #[test]
    fn an_unknown_key_suggests_the_closest_expected_one() {
        assert_eq!(
            toml_message("unknown field `typ`, expected one of `from`, `join`, `type`\n"),
            "unknown field `typ`, expected one of `from`, `join`, `type`; did you mean `type`?"
        );
        assert_eq!(
            toml_message("unknown variant `emial`, expected one of `text`, `email`"),
            "unknown variant `emial`, expected one of `text`, `email`; did you mean `email`?"
        );
        assert_eq!(
            toml_message("unknown field `zzz`, expected `from`"),
            "unknown field `zzz`, expected `from`"
        );
        assert_eq!(toml_message("invalid type: integer"), "invalid type: integer");
    }

    #[test]
    fn closest_only_suggests_plausible_typos() {
        let headers = ["Id", "FirstName", "LastName", "Email"];
        assert_eq!(closest("Emial", headers), Some("Email"));
        assert_eq!(closest("email", headers), Some("Email"));
        assert_eq!(closest("OpportunityId", headers), None);
    }
}
