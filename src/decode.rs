//! Decode stage: turn an export file's bytes into UTF-8 text, streaming.
//! A byte-order mark decides the encoding when present (and is removed, so it
//! never leaks into the first header); otherwise the scenario's declared
//! encoding, otherwise UTF-8.

use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};

use encoding_rs::Encoding;
use encoding_rs_io::DecodeReaderBytesBuilder;

use crate::error::{Error, Location, Result};
use crate::scenario::Source;

/// How the encoding of a file was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingOrigin {
    /// A byte-order mark at the start of the file.
    Bom,
    /// The scenario declares it (`encoding = "windows-1252"`).
    Declared,
    /// Nothing said otherwise, so UTF-8.
    Default,
}

/// The encoding a file is read with, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EncodingChoice {
    /// The encoding.
    pub encoding: &'static Encoding,
    /// Why this one.
    pub origin: EncodingOrigin,
}

impl fmt::Display for EncodingChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let origin = match self.origin {
            EncodingOrigin::Bom => "BOM",
            EncodingOrigin::Declared => "declared",
            EncodingOrigin::Default => "default",
        };
        write!(f, "{} ({origin})", self.encoding.name().to_lowercase())
    }
}

/// Opens `source` and returns a reader of UTF-8 text. Bytes that are not
/// valid in the chosen encoding come out as U+FFFD; the load stage counts
/// the rows holding one.
pub fn open(source: &Source) -> Result<(Box<dyn Read>, EncodingChoice)> {
    let file = File::open(&source.path).map_err(|e| Error::Read {
        location: Location::file(&source.path),
        source: e,
    })?;
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let head = reader.fill_buf().map_err(|e| Error::Read {
        location: Location::file(&source.path),
        source: e,
    })?;
    let choice = match Encoding::for_bom(head) {
        Some((encoding, _)) => EncodingChoice {
            encoding,
            origin: EncodingOrigin::Bom,
        },
        None => match source.encoding {
            Some(encoding) => EncodingChoice {
                encoding,
                origin: EncodingOrigin::Declared,
            },
            None => EncodingChoice {
                encoding: encoding_rs::UTF_8,
                origin: EncodingOrigin::Default,
            },
        },
    };
    let decoded = DecodeReaderBytesBuilder::new()
        .encoding(Some(choice.encoding))
        .bom_override(true)
        .strip_bom(true)
        .build(reader);
    Ok((Box::new(decoded), choice))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn source_for(
        bytes: &[u8],
        declared: Option<&'static Encoding>,
    ) -> (tempfile::TempDir, Source) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.csv");
        std::fs::File::create(&path)
            .unwrap()
            .write_all(bytes)
            .unwrap();
        let source = Source {
            file: "x.csv".into(),
            path,
            encoding: declared,
            delimiter: b',',
            declared_at: Location::file("scenario.toml"),
        };
        (dir, source)
    }

    fn read_all(bytes: &[u8], declared: Option<&'static Encoding>) -> (String, EncodingChoice) {
        let (_dir, source) = source_for(bytes, declared);
        let (mut reader, choice) = open(&source).unwrap();
        let mut text = String::new();
        reader.read_to_string(&mut text).unwrap();
        (text, choice)
    }

    #[test]
    fn utf8_bom_is_removed_and_reported() {
        let (text, choice) = read_all(b"\xEF\xBB\xBFId,Name\n1,Zo\xC3\xAB\n", None);
        assert_eq!(text, "Id,Name\n1,Zoë\n");
        assert_eq!(choice.to_string(), "utf-8 (BOM)");
    }

    #[test]
    fn utf16le_bom_decodes() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Id\tName\r\n1\tJosé\r\n".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let (text, choice) = read_all(&bytes, None);
        assert_eq!(text, "Id\tName\r\n1\tJosé\r\n");
        assert_eq!(choice.to_string(), "utf-16le (BOM)");
    }

    #[test]
    fn declared_windows_1252_decodes_accents() {
        let (text, choice) = read_all(b"Name\nM\xFCller\n", Some(encoding_rs::WINDOWS_1252));
        assert_eq!(text, "Name\nMüller\n");
        assert_eq!(choice.to_string(), "windows-1252 (declared)");
    }

    #[test]
    fn invalid_utf8_becomes_replacement_not_an_error() {
        let (text, choice) = read_all(b"Name\nM\xFCller\n", None);
        assert_eq!(text, "Name\nM\u{FFFD}ller\n");
        assert_eq!(choice.origin, EncodingOrigin::Default);
    }
}
