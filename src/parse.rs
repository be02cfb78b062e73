//! Parse stage: read decoded text as CSV records, one reused record at a
//! time, with the line number a person sees in an editor (a quoted cell
//! spanning lines moves the next record's line on accordingly).

use std::io::Read;

use csv::StringRecord;

use crate::decode::{self, EncodingChoice};
use crate::error::{Error, Location, Result};
use crate::scenario::{Column, Source, closest};

/// An open export file, positioned after its header row.
pub struct CsvFile {
    reader: csv::Reader<Box<dyn Read>>,
    headers: Vec<String>,
    file: String,
    /// The encoding the file is read with, and why.
    pub encoding: EncodingChoice,
}

impl CsvFile {
    /// Opens, decodes and reads the header row of `source`.
    pub fn open(source: &Source) -> Result<CsvFile> {
        let (text, encoding) = decode::open(source)?;
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(source.delimiter)
            .flexible(true)
            .has_headers(true)
            .from_reader(text);
        let file = source.file.clone();
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| csv_error(&file, &e))?
            .iter()
            .map(|h| h.trim().to_string())
            .collect();
        if headers.iter().all(String::is_empty) {
            return Err(Error::EmptyFile { location: Location::file(&file) });
        }
        Ok(CsvFile { reader, headers, file, encoding })
    }

    /// The header names, trimmed, in file order.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// The file as the scenario names it.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The position of `column` in the header. An exact match wins; otherwise
    /// a case-insensitive match is accepted when only one header matches
    /// (Data Loader writes upper-case headers). `used_by` names the mapping
    /// entry for the error message.
    pub fn column_index(&self, column: &Column, used_by: &str) -> Result<usize> {
        if let Some(i) = self.headers.iter().position(|h| *h == column.name) {
            return Ok(i);
        }
        let mut folded = self
            .headers
            .iter()
            .enumerate()
            .filter(|(_, h)| h.to_lowercase() == column.name.to_lowercase());
        if let (Some((i, _)), None) = (folded.next(), folded.next()) {
            return Ok(i);
        }
        Err(Error::ColumnNotFound {
            location: Location::at(&self.file, 1, 1),
            column: column.name.clone(),
            used_by: format!("{used_by}, {}", column.at),
            suggestion: closest(&column.name, self.headers.iter().map(String::as_str))
                .map(str::to_string),
            headers: self.headers.clone(),
        })
    }

    /// Reads the next record into `record`; false at the end of the file.
    pub fn read(&mut self, record: &mut StringRecord) -> Result<bool> {
        self.reader.read_record(record).map_err(|e| csv_error(&self.file, &e))
    }
}

/// The 1-based line on which `record` starts.
pub fn line_of(record: &StringRecord) -> u64 {
    record.position().map_or(0, csv::Position::line)
}

fn csv_error(file: &str, error: &csv::Error) -> Error {
    let line = error.position().map(csv::Position::line);
    let message = match error.kind() {
        csv::ErrorKind::Io(e) => e.to_string(),
        _ => error.to_string(),
    };
    Error::Csv { location: Location { line, ..Location::file(file) }, message }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn open(text: &str) -> (tempfile::TempDir, CsvFile) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.csv");
        std::fs::File::create(&path).unwrap().write_all(text.as_bytes()).unwrap();
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
        Column { name: name.into(), at: Location::at("scenario.toml", 3, 9) }
    }

    #[test]
    fn line_numbers_follow_multiline_cells() {
        let (_d, mut csv) =
            open("Id,Description\r\n1,\"first\r\nsecond\r\nthird\"\r\n2,plain\r\n3,\"a, b\"\r\n");
        let mut rec = StringRecord::new();
        let mut seen = Vec::new();
        while csv.read(&mut rec).unwrap() {
            seen.push((line_of(&rec), rec[0].to_string(), rec[1].to_string()));
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

    #[test]
    fn header_lookup_is_exact_then_case_insensitive() {
        let (_d, csv) = open(" Id ,EMAIL,Name\n");
        assert_eq!(csv.headers(), ["Id", "EMAIL", "Name"]);
        assert_eq!(csv.column_index(&col("Id"), "contacts key").unwrap(), 0);
        assert_eq!(csv.column_index(&col("Email"), "contacts.email").unwrap(), 1);
    }

    #[test]
    fn missing_column_suggests_and_lists_headers() {
        let (_d, csv) = open("Id,Email,LastName\n");
        let err = csv.column_index(&col("Emial"), "contacts.email").unwrap_err();
        assert_eq!(
            err.to_string(),
            "data/x.csv:1:1: column `Emial` not found (contacts.email, scenario.toml:3:9 reads it); did you mean `Email`?\n  headers in this file: Id, Email, LastName"
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
        assert_eq!(err.to_string(), "data/e.csv: the file is empty (no header row); export it again with headers");
    }
}
