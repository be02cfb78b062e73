//! Decode stage: turn an export file's bytes into UTF-8 text, streaming,
//! and decide the encoding.
//!
//! - A byte-order mark decides when present (UTF-8, UTF-16LE/BE) and is
//!   removed, so it never leaks into the first header.
//! - Otherwise the scenario's declared encoding (`encoding = "windows-1252"`).
//! - Otherwise (`auto`, the default) a sample of the file decides: UTF-16
//!   without a BOM by its NUL pattern, valid UTF-8, mostly-UTF-8 with some
//!   bytes of another encoding (a mixed file), or `chardetng`'s guess.
//!
//! Bytes that are not valid in the chosen encoding are never replaced
//! silently: each becomes U+FFFD in the text *and* an [`Undecodable`] entry
//! with its byte offset and its likely reading, which the load stage records.
//! Files that are not text at all (Excel workbooks, PDFs, binaries) are
//! refused with a message saying what they look like.

pub mod detect;

use std::collections::VecDeque;
use std::fmt;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};

use encoding_rs::{DecoderResult, Encoding};

use std::path::Path;

use crate::error::{Error, Location, Result};

/// How much of a file is looked at to decide its encoding.
const SAMPLE: usize = 1 << 20;

/// How the encoding of a file was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingOrigin {
    /// A byte-order mark at the start of the file.
    Bom,
    /// The scenario declares it (`encoding = "windows-1252"`).
    Declared,
    /// The sample is valid UTF-8.
    ValidUtf8,
    /// UTF-16 without a BOM, recognised by NUL bytes in every other position.
    NulPattern,
    /// Mostly UTF-8, with some byte sequences of another encoding.
    MixedUtf8,
    /// Guessed by `chardetng`; `confident` when the guess decodes the sample
    /// without errors into mostly letters.
    Guessed {
        /// Whether the guess reads the sample cleanly.
        confident: bool,
    },
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
            EncodingOrigin::ValidUtf8 => "detected: valid UTF-8",
            EncodingOrigin::NulPattern => "detected: NUL pattern, no BOM",
            EncodingOrigin::MixedUtf8 => "detected: mostly UTF-8, mixed with another encoding",
            EncodingOrigin::Guessed { confident: true } => "detected, high confidence",
            EncodingOrigin::Guessed { confident: false } => "detected, low confidence",
        };
        write!(f, "{} ({origin})", self.encoding.name().to_lowercase())
    }
}

/// A byte sequence that is not valid in the file's encoding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undecodable {
    /// Offset of the first bad byte in the file.
    pub byte_offset: u64,
    /// Offset in the decoded text where U+FFFD stands for it.
    pub text_offset: u64,
    /// The bad bytes (empty for a U+FFFD already in the export).
    pub bytes: Vec<u8>,
    /// A U+FFFD the export itself holds: nothing was lost while decoding.
    pub native: bool,
}

impl Undecodable {
    /// What the bytes most likely were: their Windows-1252 reading, the usual
    /// culprit when UTF-8 is expected (`0xFC` → `ü`).
    pub fn likely(&self) -> String {
        encoding_rs::WINDOWS_1252.decode_without_bom_handling(&self.bytes).0.into_owned()
    }
}

/// Undecodable sequences found so far and not yet claimed by a record.
pub type UndecodableLog = Shared<VecDeque<Undecodable>>;

/// State shared between a reader and the code reading from it, possibly on
/// another thread (each file loads on one worker; the lock is uncontended).
#[derive(Debug, Default)]
pub struct Shared<T>(std::sync::Arc<std::sync::Mutex<T>>);

impl<T> Shared<T> {
    /// Wraps `value`.
    pub fn new(value: T) -> Self {
        Shared(std::sync::Arc::new(std::sync::Mutex::new(value)))
    }

    /// Locks the value. A panic elsewhere cannot leave it half-updated in a
    /// way that matters here, so a poisoned lock is used as it is.
    pub fn lock(&self) -> std::sync::MutexGuard<'_, T> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(std::sync::Arc::clone(&self.0))
    }
}

/// Opens the file at `path`: refuses files that are not text, decides the
/// encoding (`declared`, when given, unless a BOM says otherwise), and
/// returns a reader of UTF-8 text plus the log of undecodable bytes.
pub fn open(
    path: &Path,
    declared: Option<&'static Encoding>,
) -> Result<(Box<dyn Read + Send>, EncodingChoice, UndecodableLog)> {
    let read_error = |e| Error::Read { location: Location::file(path), source: e };
    let mut file = File::open(path).map_err(read_error)?;
    let mut sample = Vec::with_capacity(SAMPLE.min(64 << 10));
    (&mut file).take(SAMPLE as u64).read_to_end(&mut sample).map_err(read_error)?;
    let at_end = sample.len() < SAMPLE;
    if let Some(what) = not_text(&sample, declared.is_some()) {
        return Err(Error::NotCsv { location: Location::file(path), what });
    }
    let log = UndecodableLog::default();
    if let Some((encoding, bom_len)) = Encoding::for_bom(&sample) {
        let choice = EncodingChoice { encoding, origin: EncodingOrigin::Bom };
        let raw = io::Cursor::new(sample).chain(file);
        let reader = DecodeReader::new(raw, encoding, bom_len, log.clone());
        return Ok((Box::new(reader), choice, log));
    }
    let choice = match declared {
        Some(encoding) => EncodingChoice { encoding, origin: EncodingOrigin::Declared },
        // An all-ASCII start says nothing: decide on the first non-ASCII bytes,
        // wherever they are, then read the file again from its start.
        None if sample.is_ascii() && !at_end => {
            let (window, window_at_end) = first_non_ascii(&mut file).map_err(read_error)?;
            file.seek(SeekFrom::Start(0)).map_err(read_error)?;
            let choice = detect(&window, window_at_end);
            let reader = DecodeReader::new(file, choice.encoding, 0, log.clone());
            return Ok((Box::new(reader), choice, log));
        }
        None => detect(&sample, at_end),
    };
    let raw = io::Cursor::new(sample).chain(file);
    Ok((Box::new(DecodeReader::new(raw, choice.encoding, 0, log.clone())), choice, log))
}

/// Reads on until the first non-ASCII byte and returns up to [`SAMPLE`]
/// bytes from just before it (empty if the whole file is ASCII), and whether
/// that reaches the end of the file. Memory stays at one sample.
fn first_non_ascii(file: &mut File) -> io::Result<(Vec<u8>, bool)> {
    let mut chunk = vec![0u8; SAMPLE];
    loop {
        let n = read_full(file, &mut chunk)?;
        if n == 0 {
            return Ok((Vec::new(), true));
        }
        if let Some(first) = chunk[..n].iter().position(|b| !b.is_ascii()) {
            let mut window = chunk[first.saturating_sub(64)..n].to_vec();
            let more = SAMPLE.saturating_sub(window.len());
            file.take(more as u64).read_to_end(&mut window)?;
            let at_end = window.len() < SAMPLE;
            return Ok((window, at_end));
        }
    }
}

/// Fills `buf` as far as the file allows.
fn read_full(file: &mut File, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match file.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// Recognises files that are not delimited text: by their signature, or,
/// when no encoding is declared, by a sample full of control bytes.
fn not_text(sample: &[u8], declared: bool) -> Option<&'static str> {
    const SIGNATURES: [(&[u8], &str); 6] = [
        (b"PK\x03\x04", "an Excel workbook (.xlsx) or a ZIP archive; export it as CSV"),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "an old Excel workbook (.xls); export it as CSV"),
        (b"%PDF", "a PDF document; export the data as CSV"),
        (b"\x7FELF", "a program (ELF binary), not an export"),
        (b"SQLite format 3\0", "an SQLite database, not an export"),
        (b"\x1F\x8B", "a gzip archive; unpack it first"),
    ];
    if let Some((_, what)) = SIGNATURES.iter().find(|(sig, _)| sample.starts_with(sig)) {
        return Some(what);
    }
    if declared || Encoding::for_bom(sample).is_some() || utf16_without_bom(sample).is_some() {
        return None;
    }
    // Text has few control bytes; a binary file is full of them. NUL is
    // left out: legacy exports pad fixed-width fields with it.
    let control = sample
        .iter()
        .filter(|&&b| b > 0 && b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1A))
        .count();
    (sample.len() >= 64 && control * 10 > sample.len())
        .then_some("a binary file, not delimited text; export the data as CSV")
}

/// Decides the encoding of a sample without a BOM.
pub fn detect(sample: &[u8], at_end: bool) -> EncodingChoice {
    if let Some(encoding) = utf16_without_bom(sample) {
        return EncodingChoice { encoding, origin: EncodingOrigin::NulPattern };
    }
    let (valid_multibyte, invalid) = utf8_census(sample, at_end);
    if invalid == 0 {
        return EncodingChoice { encoding: encoding_rs::UTF_8, origin: EncodingOrigin::ValidUtf8 };
    }
    if valid_multibyte > invalid {
        return EncodingChoice { encoding: encoding_rs::UTF_8, origin: EncodingOrigin::MixedUtf8 };
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(sample, at_end);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Allow);
    let confident = reads_cleanly(encoding, sample) && clear_winner(&detector, encoding, sample);
    EncodingChoice { encoding, origin: EncodingOrigin::Guessed { confident } }
}

/// Top-level domains whose hint tilts chardetng toward Western encodings.
/// A text that clearly is in some encoding keeps its reading under them; an
/// ambiguous one (a few Polish or Russian names) flips to Windows-1252.
const REGION_HINTS: [&[u8]; 6] = [b"de", b"fr", b"es", b"it", b"uk", b"nl"];

/// No hint makes chardetng prefer an encoding that reads the sample
/// differently (ISO-8859-2 reads German text the same, and does not count).
fn clear_winner(
    detector: &chardetng::EncodingDetector,
    guess: &'static Encoding,
    sample: &[u8],
) -> bool {
    let read = |encoding: &'static Encoding| encoding.decode_without_bom_handling(sample).0;
    let ours = read(guess);
    REGION_HINTS.iter().all(|tld| {
        let alternative = detector.guess(Some(tld), chardetng::Utf8Detection::Allow);
        alternative == guess || read(alternative) == ours
    })
}

/// UTF-16 without a BOM: by the NUL in every other byte that ASCII
/// characters leave, or, for text in other scripts, because the sample
/// decodes as UTF-16 into lines of printable text (binary data does not).
fn utf16_without_bom(sample: &[u8]) -> Option<&'static Encoding> {
    if let Some(encoding) = utf16_by_nul_pattern(sample) {
        return Some(encoding);
    }
    // ASCII-range UTF-16 text (Cyrillic: 0x18 0x04 …) is valid UTF-8 too, but
    // real UTF-8 text has no NUL bytes.
    if sample.len() < 64 || (!sample.contains(&0) && std::str::from_utf8(sample).is_ok()) {
        return None;
    }
    // Whole code units only, and without a surrogate pair the sample may split.
    let even = &sample[..sample.len() & !1];
    [encoding_rs::UTF_16LE, encoding_rs::UTF_16BE].into_iter().find(|&encoding| {
        let text =
            encoding.decode_without_bom_handling_and_without_replacement(even).or_else(|| {
                encoding
                    .decode_without_bom_handling_and_without_replacement(&even[..even.len() - 2])
            });
        text.is_some_and(|text| {
            let chars = text.chars().count();
            let breaks = text.chars().filter(|&c| c == '\n' || c == '\r').count();
            let control = text
                .chars()
                .filter(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                .count();
            breaks * 500 >= chars && control * 100 < chars
        })
    })
}

/// UTF-16 without a BOM, by its NUL pattern: ASCII text in UTF-16 has a NUL
/// in every other byte.
fn utf16_by_nul_pattern(sample: &[u8]) -> Option<&'static Encoding> {
    let pairs = sample.len() / 2;
    if pairs < 8 {
        return None;
    }
    let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = sample.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd * 10 > pairs * 3 && even * 20 < pairs {
        Some(encoding_rs::UTF_16LE)
    } else if even * 10 > pairs * 3 && odd * 20 < pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Counts valid multi-byte UTF-8 characters and invalid sequences.
fn utf8_census(sample: &[u8], at_end: bool) -> (usize, usize) {
    let (mut valid, mut invalid) = (0, 0);
    let mut rest = sample;
    loop {
        match std::str::from_utf8(rest) {
            Ok(text) => {
                valid += text.chars().filter(|c| !c.is_ascii()).count();
                return (valid, invalid);
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                // The prefix is valid UTF-8 by construction.
                valid += std::str::from_utf8(good)
                    .map_or(0, |t| t.chars().filter(|c| !c.is_ascii()).count());
                match e.error_len() {
                    Some(len) => {
                        invalid += 1;
                        rest = &bad[len..];
                    }
                    // A character cut by the end of the sample is not an error.
                    None if !at_end => return (valid, invalid),
                    None => return (valid, invalid + 1),
                }
            }
        }
    }
}

/// True when `encoding` decodes `sample` without errors and its non-ASCII
/// characters are mostly letters or common typographic marks.
fn reads_cleanly(encoding: &'static Encoding, sample: &[u8]) -> bool {
    let (text, had_errors) = encoding.decode_without_bom_handling(sample);
    if had_errors {
        return false;
    }
    let (mut non_ascii, mut plausible) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        non_ascii += 1;
        if c.is_alphabetic() || "’‘“”–—€£¥§°«»…·×ºª¿¡©®™".contains(c)
        {
            plausible += 1;
        }
    }
    non_ascii == 0 || plausible * 10 >= non_ascii * 9
}

/// Streams bytes through an `encoding_rs` decoder without replacement,
/// writing U+FFFD for each malformed sequence and logging it.
struct DecodeReader<R> {
    raw: R,
    decoder: encoding_rs::Decoder,
    input: Vec<u8>,
    start: usize,
    end: usize,
    /// File offset of `input[start]`.
    offset: u64,
    output: Vec<u8>,
    served: usize,
    /// Decoded bytes handed out so far.
    text_offset: u64,
    raw_done: bool,
    finished: bool,
    log: UndecodableLog,
    /// The last bytes of the previous input buffer: a malformed sequence
    /// may have begun there.
    tail: Vec<u8>,
}

impl<R: Read> DecodeReader<R> {
    fn new(raw: R, encoding: &'static Encoding, bom_len: usize, log: UndecodableLog) -> Self {
        DecodeReader {
            raw,
            decoder: encoding.new_decoder_without_bom_handling(),
            input: vec![0; 1 << 16],
            start: bom_len,
            end: 0,
            offset: bom_len as u64,
            output: Vec::with_capacity(1 << 17),
            served: 0,
            text_offset: 0,
            raw_done: false,
            finished: false,
            log,
            tail: Vec::with_capacity(4),
        }
    }

    /// Decodes more input into `output`.
    fn fill(&mut self) -> io::Result<()> {
        self.output.clear();
        self.served = 0;
        while self.output.is_empty() && !self.finished {
            if self.start >= self.end && !self.raw_done {
                // The BOM (if any) is skipped once: `start` begins past it.
                let keep = self.start.saturating_sub(self.end);
                self.tail.clear();
                self.tail.extend_from_slice(&self.input[self.end.saturating_sub(4)..self.end]);
                let n = self.raw.read(&mut self.input)?;
                self.start = keep.min(n);
                self.end = n;
                self.raw_done = n == 0;
            }
            let last = self.raw_done;
            let capacity = self
                .decoder
                .max_utf8_buffer_length_without_replacement(self.end - self.start)
                .unwrap_or(1 << 18)
                .max(16);
            self.output.resize(capacity, 0);
            let (result, read, written) = self.decoder.decode_to_utf8_without_replacement(
                &self.input[self.start..self.end],
                &mut self.output,
                last,
            );
            self.start += read;
            self.offset += read as u64;
            self.output.truncate(written);
            // U+FFFD already in the export: logged too, so every U+FFFD in the
            // text has an entry and the load stage can tell the two apart.
            for at in memchr::memmem::find_iter(&self.output, "\u{FFFD}".as_bytes()) {
                self.log.lock().push_back(Undecodable {
                    byte_offset: self.offset,
                    text_offset: self.text_offset + at as u64,
                    bytes: Vec::new(),
                    native: true,
                });
            }
            match result {
                DecoderResult::InputEmpty => self.finished = last,
                DecoderResult::OutputFull => {}
                DecoderResult::Malformed(bad, extra) => {
                    let (bad, extra) = (usize::from(bad), usize::from(extra));
                    // The sequence ends `extra` bytes before the read position and
                    // may have begun in the previous buffer.
                    let bad_end = self.start.saturating_sub(extra);
                    let in_buffer = bad.min(bad_end);
                    let mut bytes =
                        self.tail[self.tail.len().saturating_sub(bad - in_buffer)..].to_vec();
                    bytes.extend_from_slice(&self.input[bad_end - in_buffer..bad_end]);
                    self.log.lock().push_back(Undecodable {
                        byte_offset: self.offset.saturating_sub((extra + bad) as u64),
                        text_offset: self.text_offset + self.output.len() as u64,
                        bytes,
                        native: false,
                    });
                    self.output.extend_from_slice("\u{FFFD}".as_bytes());
                }
            }
            self.text_offset += self.output.len() as u64;
        }
        Ok(())
    }
}

impl<R: Read> Read for DecodeReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.served >= self.output.len() {
            self.fill()?;
        }
        let available = &self.output[self.served..];
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.served += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::path::PathBuf;

    /// A file holding `bytes`, and the encoding a scenario declares for it.
    struct Source {
        path: PathBuf,
        encoding: Option<&'static Encoding>,
    }

    fn source_for(
        bytes: &[u8],
        declared: Option<&'static Encoding>,
    ) -> (tempfile::TempDir, Source) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.csv");
        std::fs::File::create(&path).unwrap().write_all(bytes).unwrap();
        (dir, Source { path, encoding: declared })
    }

    fn read_all(
        bytes: &[u8],
        declared: Option<&'static Encoding>,
    ) -> (String, EncodingChoice, Vec<Undecodable>) {
        let (_dir, source) = source_for(bytes, declared);
        let (mut reader, choice, log) = open(&source.path, source.encoding).unwrap();
        let mut text = String::new();
        reader.read_to_string(&mut text).unwrap();
        let log = log.lock().iter().cloned().collect();
        (text, choice, log)
    }

    #[test]
    fn utf8_bom_is_removed_and_reported() {
        let (text, choice, log) = read_all(b"\xEF\xBB\xBFId,Name\n1,Zo\xC3\xAB\n", None);
        assert_eq!(text, "Id,Name\n1,Zoë\n");
        assert_eq!(choice.to_string(), "utf-8 (BOM)");
        assert!(log.is_empty());
    }

    fn utf16(text: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut bytes =
            if bom { if le { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] } } else { vec![] };
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&if le { unit.to_le_bytes() } else { unit.to_be_bytes() });
        }
        bytes
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let text = "Contact ID\tName\r\n1\tJosé 🚀\r\n2\t山田\r\n";
        let (out, choice, _) = read_all(&utf16(text, true, true), None);
        assert_eq!((out.as_str(), choice.to_string().as_str()), (text, "utf-16le (BOM)"));
        let (out, choice, _) = read_all(&utf16(text, false, true), None);
        assert_eq!((out.as_str(), choice.to_string().as_str()), (text, "utf-16be (BOM)"));
        let (out, choice, _) = read_all(&utf16(text, true, false), None);
        assert_eq!(
            (out.as_str(), choice.to_string().as_str()),
            (text, "utf-16le (detected: NUL pattern, no BOM)")
        );
        let (out, choice, _) = read_all(&utf16(text, false, false), None);
        assert_eq!(
            (out.as_str(), choice.to_string().as_str()),
            (text, "utf-16be (detected: NUL pattern, no BOM)")
        );
    }

    #[test]
    fn declared_windows_1252_decodes_accents() {
        let (text, choice, log) =
            read_all(b"Name\nM\xFCller \x80 \x92\n", Some(encoding_rs::WINDOWS_1252));
        assert_eq!(text, "Name\nMüller € ’\n");
        assert_eq!(choice.to_string(), "windows-1252 (declared)");
        assert!(log.is_empty());
    }

    #[test]
    fn windows_1252_is_detected() {
        let bytes = b"Id,Name,City\n1,Fran\xE7oise M\xFCller,K\xF6ln\n2,Jos\xE9 N\xFA\xF1ez,M\xE1laga\n3,S\xF8ren \xC5berg,\xC5rhus\n";
        let (text, choice, log) = read_all(bytes, None);
        assert!(text.contains("Françoise Müller"), "{text}");
        assert_eq!(choice.encoding, encoding_rs::WINDOWS_1252);
        assert_eq!(choice.origin, EncodingOrigin::Guessed { confident: true });
        assert!(log.is_empty());
    }

    #[test]
    fn central_and_eastern_european_encodings_are_detected() {
        let polish = encoding_rs::WINDOWS_1250
            .encode("Id,Name\n1,Małgorzata Dąbrowska\n2,Łukasz Wójcik\n3,Zażółć gęślą jaźń\n")
            .0
            .into_owned();
        let (text, choice, _) = read_all(&polish, None);
        assert_eq!(choice.encoding, encoding_rs::WINDOWS_1250);
        assert!(text.contains("Małgorzata Dąbrowska"), "{text}");
        let russian = encoding_rs::WINDOWS_1251.encode("Id,Name\n1,Иван Петров\n").0.into_owned();
        let (text, choice, _) = read_all(&russian, None);
        assert_eq!(choice.encoding, encoding_rs::WINDOWS_1251);
        assert!(text.contains("Иван Петров"), "{text}");
    }

    #[test]
    fn undecodable_bytes_are_logged_with_offset_and_likely_reading() {
        let (text, _, log) = read_all(b"Name\nM\xFCller\n", Some(encoding_rs::UTF_8));
        assert_eq!(text, "Name\nM\u{FFFD}ller\n");
        assert_eq!(log.len(), 1);
        assert_eq!((log[0].byte_offset, log[0].text_offset), (6, 6));
        assert_eq!((log[0].bytes.as_slice(), log[0].likely().as_str()), (&[0xFC_u8][..], "ü"));
    }

    #[test]
    fn offsets_count_the_bom_and_earlier_characters() {
        let (_, _, log) = read_all(b"\xEF\xBB\xBFN\nZo\xC3\xAB \xE9t\xE9\n", None);
        let offsets: Vec<(u64, u64)> = log.iter().map(|u| (u.byte_offset, u.text_offset)).collect();
        // The BOM is 3 bytes of the file and none of the text.
        assert_eq!(offsets, [(10, 7), (12, 11)]);
    }

    #[test]
    fn mostly_utf8_with_latin1_lines_is_mixed() {
        let mut bytes = Vec::new();
        for i in 0..20 {
            bytes.extend_from_slice(format!("{i},Zoë,Müller,Ørsted\n").as_bytes());
        }
        bytes.extend_from_slice(b"20,Zo\xEB,M\xFCller,\xD8rsted\n");
        let (_, choice, log) = read_all(&bytes, None);
        assert_eq!(
            choice.to_string(),
            "utf-8 (detected: mostly UTF-8, mixed with another encoding)"
        );
        let likely: Vec<String> = log.iter().map(Undecodable::likely).collect();
        assert_eq!(likely, ["ë", "ü", "Ø"]);
    }

    #[test]
    fn files_that_are_not_text_are_named() {
        assert_eq!(
            not_text(b"PK\x03\x04rest", false),
            Some("an Excel workbook (.xlsx) or a ZIP archive; export it as CSV")
        );
        assert_eq!(not_text(b"%PDF-1.7", false), Some("a PDF document; export the data as CSV"));
        let binary: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
        assert!(not_text(&binary, false).is_some());
        assert_eq!(not_text(b"Id,Name\n1,Acme\x00\x00Corp\n2,Smith\n3,Jones\n4,Brown\n5,Davis\n6,Clark\n7,Lewis\n", false), None);
        assert_eq!(
            not_text(&utf16("Id\tName\r\n1\tA\r\n2\tB\r\n3\tC\r\n", true, false), false),
            None
        );
    }

    #[test]
    fn a_sequence_split_across_buffers_keeps_its_offset_and_bytes() {
        // 0xE3 0x81 is cut by the 64 KiB input buffer, then not completed.
        let mut bytes = b"Id,Name\n".to_vec();
        bytes.resize((1 << 16) - 1, b'a');
        bytes.extend_from_slice(b"\xE3\x81,tail\n");
        let (_, _, log) = read_all(&bytes, Some(encoding_rs::UTF_8));
        assert_eq!(log.len(), 1);
        assert_eq!(
            (log[0].byte_offset, log[0].bytes.as_slice()),
            ((1 << 16) - 1, &b"\xE3\x81"[..])
        );
        // A sequence cut by the end of the file.
        let (_, _, log) = read_all(b"Id,Name\n1,ok\n2,ab\xE3\x81", Some(encoding_rs::UTF_8));
        assert_eq!((log[0].byte_offset, log[0].bytes.as_slice()), (17, &b"\xE3\x81"[..]));
    }

    #[test]
    fn utf8_replacement_characters_in_the_export_are_logged_as_such() {
        let (text, _, log) =
            read_all("Id,Name\n1,Ren\u{FFFD},M\u{FC}nchen\n".as_bytes(), Some(encoding_rs::UTF_8));
        assert!(text.contains("Ren\u{FFFD}"));
        let natives: Vec<bool> = log.iter().map(|u| u.native).collect();
        assert_eq!(natives, [true]);
    }

    #[test]
    fn detection_looks_past_an_ascii_start() {
        let mut bytes = b"Id,Name\n".to_vec();
        for i in 0..90_000 {
            bytes.extend_from_slice(format!("{i},Smith\n").as_bytes());
        }
        bytes.extend_from_slice(
            b"90001,M\xFCller\n90002,Fran\xE7oise K\xF6nig\n90003,Jos\xE9 N\xFA\xF1ez\n",
        );
        let (text, choice, log) = read_all(&bytes, None);
        assert_eq!(choice.encoding, encoding_rs::WINDOWS_1252);
        assert!(text.ends_with("90003,José Núñez\n"));
        assert!(log.is_empty());
    }

    #[test]
    fn utf16_without_bom_in_other_scripts_is_recognised() {
        let text: String = (0..10).map(|i| format!("{i},Иван Петров Сергеевич\n")).collect();
        let bytes = utf16(&format!("Id,Name\n{text}"), true, false);
        assert_eq!(not_text(&bytes, false), None);
        let (out, choice, _) = read_all(&bytes, None);
        assert_eq!(choice.encoding, encoding_rs::UTF_16LE);
        assert!(out.contains("Иван Петров"));
    }

    #[test]
    fn long_files_stream_across_buffers() {
        let mut bytes = b"Id,Name\n".to_vec();
        for i in 0..20_000 {
            bytes.extend_from_slice(format!("{i},Zo\u{eb} \u{1F680}\n").as_bytes());
        }
        bytes.extend_from_slice(b"x,\xFF\n");
        let (text, _, log) = read_all(&bytes, Some(encoding_rs::UTF_8));
        assert_eq!(text.matches('\n').count(), 20_002);
        assert_eq!(log.len(), 1);
        assert_eq!(log[0].byte_offset as usize, bytes.len() - 2);
        assert_eq!(&text[log[0].text_offset as usize..][..3], "\u{FFFD}");
    }
}
