//! Decode stage: turn an export file's bytes into UTF-8 text, streaming,
//! and decide the encoding.
//!
//! - A byte-order mark decides when present (UTF-8, UTF-16LE/BE,
//!   UTF-32LE/BE) and the bytes after it read as text in its encoding; it
//!   is removed, so it never leaks into the first header. A mark the bytes
//!   contradict (a UTF-16BE mark over UTF-32LE data) is skipped when the
//!   bytes show their encoding by their structure, and the file is refused
//!   otherwise. A declared encoding with `bom = "ignore"` overrides any mark.
//! - Otherwise the scenario's declared encoding (`encoding = "windows-1252"`).
//! - Otherwise (`auto`, the default) a sample of the file decides: UTF-32
//!   or UTF-16 without a BOM by its NUL pattern, valid UTF-8, mostly-UTF-8
//!   with some bytes of another encoding (a mixed file), mostly a
//!   single-byte encoding with some UTF-8 sequences (mixed the other way,
//!   see [`mixed`]), or `chardetng`'s guess.
//!
//! `encoding_rs` decodes the WHATWG encodings; UTF-32 ([`utf32`]) and the
//! mixed single-byte reading are ours, behind the same streaming contract.
//!
//! Bytes that are not valid in the chosen encoding are never replaced
//! silently: each becomes U+FFFD in the text *and* an [`Undecodable`] entry
//! with its byte offset and its likely reading, which the load stage records.
//! Files that are not text at all (Excel workbooks, PDFs, binaries) are
//! refused with a message saying what they look like.

mod bom;
pub mod detect;
mod mixed;
mod utf32;

pub use bom::Bom;

use std::collections::VecDeque;
use std::fmt;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};

use encoding_rs::{DecoderResult, Encoding};

use std::path::Path;

use crate::error::{Error, Location, Result};

/// How much of a file is looked at to decide its encoding.
const SAMPLE: usize = 1 << 20;

/// A character encoding a file can be read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    /// An encoding of the WHATWG Encoding Standard, read by `encoding_rs`.
    Whatwg(&'static Encoding),
    /// UTF-32, which `encoding_rs` does not read.
    Utf32 {
        /// Big-endian (`00 00 00 49` is `I`) rather than little-endian.
        big_endian: bool,
    },
    /// A single-byte encoding (`base`) in which some sequences are UTF-8:
    /// each valid UTF-8 sequence of real text is read as UTF-8.
    WithUtf8 {
        /// The encoding of the bytes that are not UTF-8.
        base: &'static Encoding,
    },
}

impl Charset {
    /// The encoding a scenario's `encoding = "…"` label names: any WHATWG
    /// label, or `utf-32le` / `utf-32be`.
    pub fn for_label(label: &str) -> Option<Charset> {
        let label = label.trim();
        match label.to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-32le" | "utf32le" => Some(Charset::Utf32 { big_endian: false }),
            "utf-32be" | "utf32be" => Some(Charset::Utf32 { big_endian: true }),
            _ => Encoding::for_label(label.as_bytes()).map(Charset::Whatwg),
        }
    }

    /// The name reports give it: `windows-1252`, `utf-32le`,
    /// `windows-1252 + utf-8`.
    pub fn name(self) -> String {
        match self {
            Charset::Whatwg(encoding) => encoding.name().to_lowercase(),
            Charset::Utf32 { big_endian: false } => "utf-32le".to_string(),
            Charset::Utf32 { big_endian: true } => "utf-32be".to_string(),
            Charset::WithUtf8 { base } => format!("{} + utf-8", base.name().to_lowercase()),
        }
    }

    /// The label to declare it with in a scenario.
    pub fn label(self) -> String {
        match self {
            Charset::WithUtf8 { base } => base.name().to_lowercase(),
            other => other.name(),
        }
    }

    /// `text` in this encoding, for tools that write files in an
    /// export's own format (UTF-8 sequences of a mixed file are written in
    /// its single-byte encoding).
    pub fn encode(self, text: &str) -> Vec<u8> {
        match self {
            Charset::Whatwg(encoding) if encoding == encoding_rs::UTF_16LE => {
                text.encode_utf16().flat_map(u16::to_le_bytes).collect()
            }
            Charset::Whatwg(encoding) if encoding == encoding_rs::UTF_16BE => {
                text.encode_utf16().flat_map(u16::to_be_bytes).collect()
            }
            Charset::Whatwg(encoding) | Charset::WithUtf8 { base: encoding } => {
                encoding.encode(text).0.into_owned()
            }
            Charset::Utf32 { big_endian } => text
                .chars()
                .flat_map(|c| {
                    let c = u32::from(c);
                    if big_endian { c.to_be_bytes() } else { c.to_le_bytes() }
                })
                .collect(),
        }
    }

    /// A streaming decoder without replacement.
    fn engine(self) -> Box<dyn Engine> {
        match self {
            Charset::Whatwg(encoding) => Box::new(encoding.new_decoder_without_bom_handling()),
            Charset::Utf32 { big_endian } => Box::new(utf32::Utf32Decoder::new(big_endian)),
            Charset::WithUtf8 { base } => Box::new(mixed::WithUtf8Decoder::new(base)),
        }
    }

    /// `bytes` decoded whole, U+FFFD for what is malformed: for samples.
    fn decode_lossy(self, bytes: &[u8]) -> String {
        let mut engine = self.engine();
        let mut out = vec![0; engine.max_utf8_length(bytes.len())];
        let (mut text, mut rest) = (Vec::new(), bytes);
        loop {
            let (result, read, written) = engine.decode(rest, &mut out, true);
            text.extend_from_slice(&out[..written]);
            rest = &rest[read..];
            match result {
                DecoderResult::Malformed(..) => text.extend_from_slice("\u{FFFD}".as_bytes()),
                DecoderResult::OutputFull => {}
                DecoderResult::InputEmpty => break,
            }
        }
        String::from_utf8_lossy(&text).into_owned()
    }
}

/// The encoding a scenario declares for a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Declared {
    /// `encoding = "…"`.
    pub charset: Charset,
    /// `bom = "ignore"`: read the file in `charset` whatever its
    /// byte-order mark says (the mark's bytes are skipped).
    pub over_bom: bool,
}

/// How the encoding of a file was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingOrigin {
    /// A byte-order mark at the start of the file.
    Bom,
    /// The scenario declares it (`encoding = "windows-1252"`).
    Declared,
    /// The scenario declares it with `bom = "ignore"`, over this mark.
    DeclaredOverBom(Bom),
    /// The bytes after this mark contradict it; their structure (a NUL
    /// pattern, valid UTF-8) shows the encoding, and the mark is skipped.
    BomContradicted(Bom),
    /// Mostly a single-byte encoding, with some UTF-8 sequences.
    MixedWithUtf8,
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
    pub encoding: Charset,
    /// Why this one.
    pub origin: EncodingOrigin,
}

impl fmt::Display for EncodingChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let origin = match self.origin {
            EncodingOrigin::Bom => "BOM".to_string(),
            EncodingOrigin::Declared => "declared".to_string(),
            EncodingOrigin::DeclaredOverBom(bom) => {
                format!("declared, over a {} BOM ({})", bom.name(), bom.hex())
            }
            EncodingOrigin::BomContradicted(bom) => format!(
                "detected by its bytes; the {} BOM ({}) contradicts them and is skipped",
                bom.name(),
                bom.hex()
            ),
            EncodingOrigin::MixedWithUtf8 => match self.encoding {
                Charset::WithUtf8 { base } => {
                    format!("detected: mostly {}, mixed with UTF-8", base.name().to_lowercase())
                }
                _ => "detected: mixed with UTF-8".to_string(),
            },
            EncodingOrigin::ValidUtf8 => "detected: valid UTF-8".to_string(),
            EncodingOrigin::NulPattern => "detected: NUL pattern, no BOM".to_string(),
            EncodingOrigin::MixedUtf8 => {
                "detected: mostly UTF-8, mixed with another encoding".to_string()
            }
            EncodingOrigin::Guessed { confident: true } => "detected, high confidence".to_string(),
            EncodingOrigin::Guessed { confident: false } => "detected, low confidence".to_string(),
        };
        write!(f, "{} ({origin})", self.encoding.name())
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

/// A file's size and the sha256 of its bytes (lowercase hex), read in
/// blocks: the evidence of what a rehearsal or a baseline read.
pub fn fingerprint(path: &Path) -> Result<(u64, String)> {
    use sha2::{Digest, Sha256};
    let read_error = |source| Error::Read { location: Location::file(path), source };
    let mut file = File::open(path).map_err(read_error)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 16];
    let mut bytes = 0u64;
    loop {
        let n = file.read(&mut buffer).map_err(read_error)?;
        if n == 0 {
            break;
        }
        bytes += n as u64;
        hasher.update(&buffer[..n]);
    }
    let digest = hasher.finalize();
    Ok((bytes, digest.iter().map(|b| format!("{b:02x}")).collect()))
}

/// Opens the file at `path`: refuses files that are not text, decides the
/// encoding (`declared`, when given, unless a BOM the bytes agree with says
/// otherwise), and returns a reader of UTF-8 text plus the log of
/// undecodable bytes.
pub fn open(
    path: &Path,
    declared: Option<Declared>,
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
    if let Some(bom) = Bom::of(&sample) {
        let choice = by_bom(path, bom, &sample, at_end, declared)?;
        let raw = io::Cursor::new(sample).chain(file);
        let reader = DecodeReader::new(raw, choice.encoding, bom.bytes().len(), log.clone());
        return Ok((Box::new(reader), choice, log));
    }
    let choice = match declared {
        Some(declared) => {
            EncodingChoice { encoding: declared.charset, origin: EncodingOrigin::Declared }
        }
        // An all-ASCII start says nothing: decide on the first non-ASCII bytes,
        // wherever they are, then read the file again from its start. (NUL is
        // ASCII, and says a lot: UTF-16 or UTF-32.)
        None if sample.is_ascii() && !at_end && !sample.contains(&0) => {
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

/// The encoding of a file that starts with `bom`: the declared one when it
/// overrides the mark, the mark's when the bytes after it agree, the one
/// their structure shows when they contradict it; otherwise the file is
/// refused, with what the bytes look like.
fn by_bom(
    path: &Path,
    bom: Bom,
    sample: &[u8],
    at_end: bool,
    declared: Option<Declared>,
) -> Result<EncodingChoice> {
    if let Some(declared) = declared.filter(|d| d.over_bom) {
        let origin = EncodingOrigin::DeclaredOverBom(bom);
        return Ok(EncodingChoice { encoding: declared.charset, origin });
    }
    let rest = &sample[bom.bytes().len()..];
    let structure = bom::structure(rest);
    let Some(problem) = bom::contradiction(bom, rest, structure) else {
        return Ok(EncodingChoice { encoding: bom.charset(), origin: EncodingOrigin::Bom });
    };
    if let Some(encoding) = structure {
        return Ok(EncodingChoice { encoding, origin: EncodingOrigin::BomContradicted(bom) });
    }
    let guess = detect(rest, at_end).encoding;
    Err(Error::LyingBom(Box::new(crate::error::LyingBom {
        location: Location::file(path),
        bom: bom.name(),
        hex: bom.hex(),
        problem,
        looks_like: guess.name(),
        label: guess.label(),
    })))
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
    // Mostly NUL bytes: a zeroed or truncated copy, or a disk image. Text in
    // UTF-32 is at most three quarters NUL.
    let nul = sample.iter().filter(|&&b| b == 0).count();
    if sample.len() >= 64 && nul * 10 > sample.len() * 9 {
        return Some("a binary file of NUL bytes (a zeroed or truncated copy), not an export");
    }
    if declared
        || Bom::of(sample).is_some()
        || utf16_without_bom(sample).is_some()
        || utf32::by_nul_pattern(sample).is_some()
    {
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
    let choice = |encoding, origin| EncodingChoice { encoding: Charset::Whatwg(encoding), origin };
    if let Some(big_endian) = utf32::by_nul_pattern(sample) {
        let encoding = Charset::Utf32 { big_endian };
        return EncodingChoice { encoding, origin: EncodingOrigin::NulPattern };
    }
    if let Some(encoding) = utf16_without_bom(sample) {
        return choice(encoding, EncodingOrigin::NulPattern);
    }
    let (valid_multibyte, invalid) = utf8_census(sample, at_end);
    if invalid == 0 {
        return choice(encoding_rs::UTF_8, EncodingOrigin::ValidUtf8);
    }
    if valid_multibyte > invalid {
        return choice(encoding_rs::UTF_8, EncodingOrigin::MixedUtf8);
    }
    // Mostly another encoding: guessed from the bytes that are not UTF-8.
    let (utf8_sequences, rest) = mixed::utf8_sequences(sample);
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&rest, at_end);
    let encoding = detector.guess(None, chardetng::Utf8Detection::Allow);
    if utf8_sequences >= MIXED_MIN_SEQUENCES && encoding.is_single_byte() {
        let encoding = Charset::WithUtf8 { base: encoding };
        return EncodingChoice { encoding, origin: EncodingOrigin::MixedWithUtf8 };
    }
    let confident = reads_cleanly(encoding, sample) && clear_winner(&detector, encoding, sample);
    choice(encoding, EncodingOrigin::Guessed { confident })
}

/// Valid UTF-8 sequences that make a single-byte file mixed: one could be
/// a coincidence of two Latin-1 characters (`É»`); real cells from a UTF-8
/// system hold many.
const MIXED_MIN_SEQUENCES: usize = 2;

/// What the bytes of the file at `path` look like by their structure
/// alone (after any byte-order mark): UTF-32 or UTF-16 by the NUL pattern,
/// or valid UTF-8. For errors that suggest an encoding.
pub fn looks_like(path: &Path) -> Option<Charset> {
    let mut head = Vec::new();
    File::open(path).ok()?.take(64 << 10).read_to_end(&mut head).ok()?;
    let skip = Bom::of(&head).map_or(0, |bom| bom.bytes().len());
    bom::structure(&head[skip..])
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
pub(crate) fn utf16_by_nul_pattern(sample: &[u8]) -> Option<&'static Encoding> {
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

/// A streaming decoder without replacement, with `encoding_rs`'s contract:
/// `decode` reads from `src` and writes UTF-8 to `dst`, returning why it
/// stopped (`Malformed(bad, extra)`: `bad` bytes ending `extra` bytes before
/// the read position are not valid), the bytes read and the bytes written.
/// A decoder may leave the last bytes of `src` unread until `last` (a
/// sequence cut by the read); they are passed again, with more after them.
trait Engine: Send {
    /// Room in `dst` enough for `input` bytes.
    fn max_utf8_length(&self, input: usize) -> usize;
    /// Decodes what it can of `src` into `dst`.
    fn decode(&mut self, src: &[u8], dst: &mut [u8], last: bool) -> (DecoderResult, usize, usize);
}

impl Engine for encoding_rs::Decoder {
    fn max_utf8_length(&self, input: usize) -> usize {
        self.max_utf8_buffer_length_without_replacement(input).unwrap_or(1 << 18)
    }

    fn decode(&mut self, src: &[u8], dst: &mut [u8], last: bool) -> (DecoderResult, usize, usize) {
        self.decode_to_utf8_without_replacement(src, dst, last)
    }
}

/// Streams bytes through a decoder without replacement, writing U+FFFD
/// for each malformed sequence and logging it.
struct DecodeReader<R> {
    raw: R,
    decoder: Box<dyn Engine>,
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
    /// The decoder left bytes unread until more follow them.
    starved: bool,
    finished: bool,
    log: UndecodableLog,
    /// The last bytes of the previous input buffer: a malformed sequence
    /// may have begun there.
    tail: Vec<u8>,
}

impl<R: Read> DecodeReader<R> {
    fn new(raw: R, encoding: Charset, bom_len: usize, log: UndecodableLog) -> Self {
        DecodeReader {
            raw,
            decoder: encoding.engine(),
            input: vec![0; 1 << 16],
            start: bom_len,
            end: 0,
            offset: bom_len as u64,
            output: Vec::with_capacity(1 << 17),
            served: 0,
            text_offset: 0,
            raw_done: false,
            starved: false,
            finished: false,
            log,
            tail: Vec::with_capacity(4),
        }
    }

    /// Reads more input after the bytes the decoder left unread (at most
    /// a cut sequence, moved to the front).
    fn refill(&mut self) -> io::Result<()> {
        // The BOM (if any) is skipped once: `start` begins past it.
        let (skip, left) = if self.start >= self.end {
            (self.start - self.end, 0)
        } else {
            (0, self.end - self.start)
        };
        self.tail.clear();
        self.tail.extend_from_slice(&self.input[self.end.saturating_sub(4)..self.end]);
        self.input.copy_within(self.end - left..self.end, 0);
        let n = self.raw.read(&mut self.input[left..])?;
        self.start = if left > 0 { 0 } else { skip.min(n) };
        self.end = left + n;
        self.raw_done = n == 0;
        self.starved = false;
        Ok(())
    }

    /// Decodes more input into `output`.
    fn fill(&mut self) -> io::Result<()> {
        self.output.clear();
        self.served = 0;
        while self.output.is_empty() && !self.finished {
            if (self.start >= self.end || self.starved) && !self.raw_done {
                self.refill()?;
            }
            let last = self.raw_done;
            let capacity = self.decoder.max_utf8_length(self.end - self.start).max(16);
            self.output.resize(capacity, 0);
            let (result, read, written) =
                self.decoder.decode(&self.input[self.start..self.end], &mut self.output, last);
            // Bytes left unread wait for more input.
            self.starved =
                matches!(result, DecoderResult::InputEmpty) && read < self.end - self.start;
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
                DecoderResult::InputEmpty => self.finished = last && !self.starved,
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

    fn whatwg(encoding: &'static Encoding) -> Declared {
        Declared { charset: Charset::Whatwg(encoding), over_bom: false }
    }

    fn read_all(
        bytes: &[u8],
        declared: Option<&'static Encoding>,
    ) -> (String, EncodingChoice, Vec<Undecodable>) {
        let (_dir, source) = source_for(bytes, declared);
        let (mut reader, choice, log) = open(&source.path, source.encoding.map(whatwg)).unwrap();
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
        assert_eq!(choice.encoding, Charset::Whatwg(encoding_rs::WINDOWS_1252));
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
        assert_eq!(choice.encoding, Charset::Whatwg(encoding_rs::WINDOWS_1250));
        assert!(text.contains("Małgorzata Dąbrowska"), "{text}");
        let russian = encoding_rs::WINDOWS_1251.encode("Id,Name\n1,Иван Петров\n").0.into_owned();
        let (text, choice, _) = read_all(&russian, None);
        assert_eq!(choice.encoding, Charset::Whatwg(encoding_rs::WINDOWS_1251));
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
        // A zeroed file is binary even when an encoding is declared; UTF-32
        // text (three quarters NUL) is not.
        let zeroed = [0u8; 4096];
        assert!(not_text(&zeroed, true).is_some_and(|what| what.contains("NUL bytes")));
        let utf32: Vec<u8> =
            "Id,Name\n1,A\n2,B\n3,C\n4,D\n".bytes().flat_map(|b| [b, 0, 0, 0]).collect();
        assert_eq!(not_text(&utf32, false), None);
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
        assert_eq!(choice.encoding, Charset::Whatwg(encoding_rs::WINDOWS_1252));
        assert!(text.ends_with("90003,José Núñez\n"));
        assert!(log.is_empty());
    }

    #[test]
    fn utf16_without_bom_in_other_scripts_is_recognised() {
        let text: String = (0..10).map(|i| format!("{i},Иван Петров Сергеевич\n")).collect();
        let bytes = utf16(&format!("Id,Name\n{text}"), true, false);
        assert_eq!(not_text(&bytes, false), None);
        let (out, choice, _) = read_all(&bytes, None);
        assert_eq!(choice.encoding, Charset::Whatwg(encoding_rs::UTF_16LE));
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

    fn utf32(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let charset = Charset::Utf32 { big_endian };
        let mut bytes = if bom { charset.encode("\u{FEFF}") } else { Vec::new() };
        bytes.extend_from_slice(&charset.encode(text));
        bytes
    }

    #[test]
    fn utf32_with_and_without_bom() {
        let text = "Id,Name\r\n1,José 🚀\r\n2,山田\r\n";
        for (big_endian, name) in [(false, "utf-32le"), (true, "utf-32be")] {
            let (out, choice, log) = read_all(&utf32(text, big_endian, true), None);
            assert_eq!((out.as_str(), choice.to_string()), (text, format!("{name} (BOM)")));
            assert!(log.is_empty());
            let (out, choice, _) = read_all(&utf32(text, big_endian, false), None);
            assert_eq!(
                (out.as_str(), choice.to_string()),
                (text, format!("{name} (detected: NUL pattern, no BOM)"))
            );
        }
    }

    #[test]
    fn utf32_streams_across_buffers_with_its_offsets() {
        // 64 KiB buffers do not cut the file at unit boundaries after the
        // 4-byte BOM plus an odd-sized first read.
        let mut text = String::from("Id,Name\n");
        for i in 0..5000 {
            text.push_str(&format!("{i},Zoë 山田 🚀\n"));
        }
        let mut bytes = utf32(&text, false, true);
        bytes.extend_from_slice(&0xD800u32.to_le_bytes());
        bytes.extend_from_slice(&utf32("\n", false, false));
        let (out, _, log) = read_all(&bytes, None);
        assert_eq!(out, format!("{text}\u{FFFD}\n"));
        assert_eq!(log.len(), 1);
        assert_eq!(log[0].byte_offset as usize, bytes.len() - 8);
        assert_eq!(log[0].bytes, 0xD800u32.to_le_bytes());
    }

    #[test]
    fn a_bom_the_bytes_contradict_is_skipped_when_their_structure_is_clear() {
        let text = "Id,Name\r\n1,Zoë\r\n2,Jürgen\r\n3,Ana\r\n4,Bo\r\n";
        let mut bytes = vec![0xFE, 0xFF];
        bytes.extend_from_slice(&utf32(text, false, false));
        let (out, choice, _) = read_all(&bytes, None);
        assert_eq!(out, text);
        assert_eq!(
            choice.to_string(),
            "utf-32le (detected by its bytes; the UTF-16BE BOM (FE FF) contradicts them and is skipped)"
        );
        // A UTF-8 mark over UTF-16LE text.
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(&utf16(text, true, false));
        let (out, choice, _) = read_all(&bytes, None);
        assert_eq!((out.as_str(), choice.encoding), (text, Charset::Whatwg(encoding_rs::UTF_16LE)));
    }

    #[test]
    fn a_bom_over_bytes_of_no_clear_structure_is_refused_or_overridden() {
        let mut bytes = vec![0xFF, 0xFE];
        for i in 0..40 {
            bytes.extend_from_slice(format!("{i},M").as_bytes());
            bytes.extend_from_slice(b"\xFCller,K\xF6ln\r\n");
        }
        let (_dir, source) = source_for(&bytes, None);
        let err = open(&source.path, None).err().unwrap();
        assert_eq!(
            err.to_string(),
            format!(
                "{}: the file starts with a UTF-16LE byte-order mark (FF FE), but read in it, the \
                 text has no line break; the bytes look like windows-1252 (a guess). Declare the encoding on the object or junction that \
                 reads the file, overriding the mark: encoding = \"windows-1252\" and bom = \"ignore\"",
                source.path.display()
            )
        );
        let over = Declared { charset: Charset::Whatwg(encoding_rs::WINDOWS_1252), over_bom: true };
        let (mut reader, choice, _) = open(&source.path, Some(over)).unwrap();
        let mut text = String::new();
        reader.read_to_string(&mut text).unwrap();
        assert!(text.starts_with("0,Müller,Köln\r\n"), "{text}");
        assert_eq!(choice.to_string(), "windows-1252 (declared, over a UTF-16LE BOM (FF FE))");
        // Without `bom = "ignore"`, a declared encoding does not override a mark.
        assert!(open(&source.path, Some(whatwg(encoding_rs::WINDOWS_1252))).is_err());
    }

    #[test]
    fn mostly_windows_1252_with_utf8_cells_is_mixed_and_each_cell_reads_right() {
        let mut bytes = b"Id,City,Name\r\n".to_vec();
        for i in 0..30 {
            bytes.extend_from_slice(format!("{i},K").as_bytes());
            bytes.extend_from_slice(b"\xF6ln,M\xFCller\r\n");
        }
        bytes.extend_from_slice("30,BOGOTÁ D.C.,Azañero\r\n31,São Paulo,Zoë\r\n".as_bytes());
        bytes.extend_from_slice(b"32,A\x81B,x\r\n");
        let (text, choice, log) = read_all(&bytes, None);
        assert_eq!(
            choice.to_string(),
            "windows-1252 + utf-8 (detected: mostly windows-1252, mixed with UTF-8)"
        );
        assert!(text.contains("29,Köln,Müller\r\n30,BOGOTÁ D.C.,Azañero\r\n31,São Paulo,Zoë\r\n"));
        // 0x81: undefined in Windows-1252, no UTF-8: it cannot be decided.
        assert!(text.ends_with("32,A\u{FFFD}B,x\r\n"), "{text}");
        assert_eq!(log.len(), 1);
        assert_eq!(log[0].bytes, [0x81]);
        // A Latin-1 file with no UTF-8 in it is not mixed.
        let (_, choice, _) =
            read_all(b"Id,City\r\n1,K\xF6ln\r\n2,M\xFCnchen\r\n3,\xAB\xC9T\xC9\xBB\r\n", None);
        assert_eq!(choice.encoding, Charset::Whatwg(encoding_rs::WINDOWS_1252));
    }

    #[test]
    fn encoding_labels_include_utf32() {
        assert_eq!(Charset::for_label("UTF-32LE"), Some(Charset::Utf32 { big_endian: false }));
        assert_eq!(Charset::for_label("utf32be"), Some(Charset::Utf32 { big_endian: true }));
        assert_eq!(Charset::for_label("latin1"), Some(Charset::Whatwg(encoding_rs::WINDOWS_1252)));
        assert_eq!(Charset::for_label("utf-64"), None);
    }
}
