//! Parse stage: read decoded text as CSV records, one reused record at a
//! time, with the line number a person sees in an editor (a quoted cell
//! spanning lines moves the next record's line on accordingly).
//!
//! The `csv` crate's own record line numbers are off by one after CRLF and
//! blank lines and do not count lone CR, so lines are tracked here from the
//! bytes the reader consumes: a record's line is the line of its first byte
//! that is not a line ending.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use csv::StringRecord;

use crate::decode::{self, EncodingChoice};
use crate::error::{Error, Location, MissingColumn, Result};
use crate::scenario::{Column, Source, closest};

/// An open export file, positioned after its header row.
pub struct CsvFile {
    reader: csv::Reader<LineTracker>,
    lines: Rc<RefCell<Lines>>,
    headers: Vec<String>,
    file: String,
    path: PathBuf,
    /// The encoding the file is read with, and why.
    pub encoding: EncodingChoice,
}

impl CsvFile {
    /// Opens, decodes and reads the header row of `source`.
    pub fn open(source: &Source) -> Result<CsvFile> {
        let (text, encoding) = decode::open(source)?;
        let lines = Rc::new(RefCell::new(Lines::new(source.delimiter)));
        let text = LineTracker {
            inner: text,
            lines: Rc::clone(&lines),
        };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(source.delimiter)
            .flexible(true)
            .has_headers(true)
            .from_reader(text);
        let path = source.path.clone();
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| csv_error(&path, &e))?
            .iter()
            .map(|h| h.trim().to_string())
            .collect();
        if headers.iter().all(String::is_empty) {
            return Err(Error::EmptyFile {
                location: Location::file(&path),
            });
        }
        Ok(CsvFile {
            reader,
            lines,
            headers,
            file: source.file.clone(),
            path,
            encoding,
        })
    }

    /// The header names, trimmed, in file order.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The file as the scenario names it (relative to the scenario folder),
    /// used in reports; errors name the path the file was opened at.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The position of `column` in the header. An exact match wins; otherwise
    /// a case-insensitive match is accepted when only one header matches
    /// (Data Loader writes upper-case headers). `used_by` names the mapping
    /// entry for the error message.
    pub fn column_index(&self, column: &Column, used_by: &str) -> Result<usize> {
        let exact: Vec<usize> = self.matching(|h| *h == column.name);
        let candidates = if exact.is_empty() {
            self.matching(|h| h.to_lowercase() == column.name.to_lowercase())
        } else {
            exact
        };
        match candidates.as_slice() {
            [i] => return Ok(*i),
            [] => {}
            several => {
                let listed: Vec<String> = several
                    .iter()
                    .map(|&i| format!("`{}` (column {})", printable(&self.headers[i]), i + 1))
                    .collect();
                return Err(Error::Header {
                    location: Location::at(&self.path, 1, 1),
                    message: format!(
                        "`{}` ({used_by} reads it, {}) matches {}; rename the duplicate in the export or map the exact name",
                        printable(&column.name),
                        column.at,
                        listed.join(" and ")
                    ),
                });
            }
        }
        Err(Error::ColumnNotFound(Box::new(MissingColumn {
            location: Location::at(&self.path, 1, 1),
            column: column.name.clone(),
            used_by: used_by.to_string(),
            declared_at: column.at.clone(),
            suggestion: closest(&column.name, self.headers.iter().map(String::as_str))
                .map(str::to_string),
            headers: self.headers.iter().map(|h| printable(h)).collect(),
        })))
    }

    fn matching(&self, test: impl Fn(&String) -> bool) -> Vec<usize> {
        self.headers
            .iter()
            .enumerate()
            .filter(|(_, h)| test(h))
            .map(|(i, _)| i)
            .collect()
    }

    /// Reads the next record into `record` and returns the 1-based line it
    /// starts on; `None` at the end of the file.
    pub fn read(&mut self, record: &mut StringRecord) -> Result<Option<u64>> {
        let more = self.reader.read_record(record);
        let open_quote = self.lines.borrow().open_quote();
        if let Some((line, column)) = open_quote {
            return Err(Error::UnterminatedQuote {
                location: Location::at(&self.path, line, column),
            });
        }
        if !more.map_err(|e| csv_error(&self.path, &e))? {
            return Ok(None);
        }
        let byte = record.position().map_or(0, csv::Position::byte);
        Ok(Some(self.lines.borrow_mut().line_at(byte)))
    }
}

/// Longest quoted cell accepted (64 MiB). A longer one is a quote that
/// never closes, swallowing the rest of the file.
const MAX_QUOTED_CELL: u64 = 64 << 20;

/// Where the reader is relative to quoting, mirroring the CSV reader's own
/// state so an unterminated quote can be reported with its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quote {
    /// At the start of a cell.
    CellStart,
    /// In a cell that did not start with a quote.
    Unquoted,
    /// In a quoted cell.
    Quoted,
    /// In a quoted cell, just after a quote: it closes the cell unless
    /// another quote follows.
    MaybeClosed,
}

/// Line starts seen in the bytes handed to the CSV reader and not yet
/// claimed by a record, and the quoting state. Only the reader's look-ahead
/// is held, so memory stays flat.
#[derive(Debug)]
struct Lines {
    /// Bytes seen so far.
    offset: u64,
    /// Line of the next byte.
    line: u64,
    /// Characters seen on the current line.
    column: u64,
    /// The previous byte ended a line.
    at_line_start: bool,
    /// The previous byte was CR (so a following LF ends no new line).
    after_cr: bool,
    /// (offset, line) of each first byte of a line that is not a line ending.
    starts: VecDeque<(u64, u64)>,
    delimiter: u8,
    quote: Quote,
    /// Line, column and offset where the current quoted cell opened.
    opened: (u64, u64, u64),
    /// The end of the input has been reached.
    at_end: bool,
}

impl Lines {
    fn new(delimiter: u8) -> Self {
        Lines {
            offset: 0,
            line: 1,
            column: 0,
            at_line_start: true,
            after_cr: false,
            starts: VecDeque::new(),
            delimiter,
            quote: Quote::CellStart,
            opened: (0, 0, 0),
            at_end: false,
        }
    }

    fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            let line_end = b == b'\n' || b == b'\r';
            self.quote = match (self.quote, b) {
                (Quote::CellStart, b'"') => {
                    self.opened = (self.line, self.column + 1, self.offset);
                    Quote::Quoted
                }
                (Quote::Quoted, b'"') => Quote::MaybeClosed,
                (Quote::Quoted, _) | (Quote::MaybeClosed, b'"') => Quote::Quoted,
                (_, _) if line_end || b == self.delimiter => Quote::CellStart,
                (_, _) => Quote::Unquoted,
            };
            match b {
                b'\n' if self.after_cr => self.after_cr = false,
                b'\n' | b'\r' => {
                    self.line += 1;
                    self.column = 0;
                    self.at_line_start = true;
                    self.after_cr = b == b'\r';
                }
                _ => {
                    if self.at_line_start {
                        self.starts.push_back((self.offset, self.line));
                        self.at_line_start = false;
                    }
                    self.after_cr = false;
                    // Count characters, not UTF-8 continuation bytes.
                    if b & 0xC0 != 0x80 {
                        self.column += 1;
                    }
                }
            }
            self.offset += 1;
        }
    }

    /// The line of the first content byte at or after `byte`.
    fn line_at(&mut self, byte: u64) -> u64 {
        while let Some(&(offset, line)) = self.starts.front() {
            if offset >= byte {
                return line;
            }
            self.starts.pop_front();
        }
        self.line
    }

    /// Line and column of a quoted cell that is still open (at the end of
    /// the file) or has grown past [`MAX_QUOTED_CELL`].
    fn open_quote(&self) -> Option<(u64, u64)> {
        let open = self.quote == Quote::Quoted;
        let too_long = self.offset - self.opened.2 > MAX_QUOTED_CELL;
        (open && (self.at_end || too_long)).then_some((self.opened.0, self.opened.1))
    }
}

/// A name safe to print in a terminal: control characters escaped, the
/// rest (accents, CJK, emoji) as written.
pub fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Passes decoded text to the CSV reader, noting where lines start.
struct LineTracker {
    inner: Box<dyn Read>,
    lines: Rc<RefCell<Lines>>,
}

impl Read for LineTracker {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut lines = self.lines.borrow_mut();
        lines.feed(&buf[..n]);
        lines.at_end |= n == 0 && !buf.is_empty();
        if lines.open_quote().is_some() {
            // Stop before the CSV reader buffers the rest of the file as one cell.
            return Err(std::io::Error::other("quoted cell too long"));
        }
        Ok(n)
    }
}

fn csv_error(file: &Path, error: &csv::Error) -> Error {
    let line = error.position().map(csv::Position::line);
    let message = match error.kind() {
        csv::ErrorKind::Io(e) => e.to_string(),
        _ => error.to_string(),
    };
    Error::Csv {
        location: Location {
            line,
            ..Location::file(file)
        },
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn open(text: &str) -> (tempfile::TempDir, CsvFile) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.csv");
        std::fs::File::create(&path)
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
        let source = Source {
            file: "data/x.csv".into(),
            path,
            encoding: None,
            delimiter: b',',
            declared_at: Location::file("scenario.toml"),
        };
        let csv = CsvFile::open(&source).unwrap();
        (dir, csv)
    }

    fn col(name: &str) -> Column {
        Column {
            name: name.into(),
            at: Location::at("scenario.toml", 3, 9),
        }
    }

    #[test]
    fn line_numbers_follow_multiline_cells() {
        let (_d, mut csv) =
            open("Id,Description\r\n1,\"first\r\nsecond\r\nthird\"\r\n2,plain\r\n3,\"a, b\"\r\n");
        let mut rec = StringRecord::new();
        let mut seen = Vec::new();
        while let Some(line) = csv.read(&mut rec).unwrap() {
            seen.push((line, rec[0].to_string(), rec[1].to_string()));
        }
        assert_eq!(
            seen,
            [
                (2, "1".into(), "first\r\nsecond\r\nthird".into()),
                (5, "2".into(), "plain".into()),
                (6, "3".into(), "a, b".into())
            ]
        );
    }

    fn lines_of(text: &str) -> Vec<(u64, String)> {
        let (_d, mut csv) = open(text);
        let mut rec = StringRecord::new();
        let mut seen = Vec::new();
        while let Some(line) = csv.read(&mut rec).unwrap() {
            seen.push((line, rec[0].to_string()));
        }
        seen
    }

    #[test]
    fn line_numbers_with_every_line_ending_and_blank_lines() {
        let expected = [
            (2, "1".to_string()),
            (3, "2".to_string()),
            (5, "3".to_string()),
        ];
        assert_eq!(
            lines_of("Id,D\n1,x\n2,\"a\nb\"\n3,y\n"),
            [(2, "1".into()), (3, "2".into()), (5, "3".into())]
        );
        assert_eq!(lines_of("Id,D\r\n1,x\r\n2,\"a\r\nb\"\r\n3,y\r\n"), expected);
        assert_eq!(lines_of("Id,D\r1,x\r2,\"a\rb\"\r3,y"), expected);
        // Blank lines before the header and between records are skipped, not counted as rows.
        assert_eq!(
            lines_of("\n\nId,D\n\n1,x\r\n\r\n2,y\n"),
            [(5, "1".into()), (7, "2".into())]
        );
    }

    #[test]
    fn header_lookup_is_exact_then_case_insensitive() {
        let (_d, csv) = open(" Id ,EMAIL,Name\n");
        assert_eq!(csv.headers(), ["Id", "EMAIL", "Name"]);
        assert_eq!(csv.column_index(&col("Id"), "contacts key").unwrap(), 0);
        assert_eq!(
            csv.column_index(&col("Email"), "contacts.email").unwrap(),
            1
        );
    }

    #[test]
    fn missing_column_suggests_and_lists_headers() {
        let (_d, csv) = open("Id,Email,LastName\n");
        let err = csv
            .column_index(&col("Emial"), "contacts.email")
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{}:1:1: no column `Emial` in the header (contacts.email reads it, scenario.toml:3:9); did you mean `Email`?\n  headers in this file: Id, Email, LastName",
                csv.path.display()
            )
        );
    }

    #[test]
    fn unterminated_quote_names_where_it_opened() {
        let (_d, mut csv) = open("Id,Name,Note\n1,a,ok\n2,b,\"oops\n3,c,x\n4,d,y\n");
        let mut rec = StringRecord::new();
        // The first record may already be read when the end shows the quote open.
        let err = loop {
            match csv.read(&mut rec) {
                Ok(Some(line)) => assert_eq!(line, 2),
                Ok(None) => panic!("unterminated quote not reported"),
                Err(e) => break e.to_string(),
            }
        };
        assert!(
            err.starts_with(&format!(
                "{}:3:5: a quoted cell opens here",
                csv.path.display()
            )),
            "{err}"
        );
    }

    #[test]
    fn closed_and_literal_quotes_are_fine() {
        assert_eq!(
            lines_of("Id,D\n1,\"say \"\"hi\"\"\"\n2,12\" screen\n3,\"a\"\n"),
            [(2, "1".into()), (3, "2".into()), (4, "3".into())]
        );
    }

    #[test]
    fn duplicate_and_ambiguous_headers_are_errors() {
        let (_d, csv) = open("Id,Email,Name,Email\n");
        let err = csv
            .column_index(&col("Email"), "contacts.email")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("matches `Email` (column 2) and `Email` (column 4)"),
            "{err}"
        );
        let (_d, csv) = open("Id,Email,email\n");
        assert_eq!(
            csv.column_index(&col("Email"), "contacts.email").unwrap(),
            1
        );
        let err = csv
            .column_index(&col("EMAIL"), "contacts.email")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("matches `Email` (column 2) and `email` (column 3)"),
            "{err}"
        );
    }

    #[test]
    fn empty_file_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("e.csv");
        std::fs::File::create(&path).unwrap();
        let source = Source {
            file: "data/e.csv".into(),
            path,
            encoding: None,
            delimiter: b',',
            declared_at: Location::file("scenario.toml"),
        };
        let err = CsvFile::open(&source).err().unwrap();
        assert_eq!(
            err.to_string(),
            format!(
                "{}: the file is empty (no header row); export it again with headers",
                source.path.display()
            )
        );
    }
}
