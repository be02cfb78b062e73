//! Files in two encodings the other way round from a mostly-UTF-8 file:
//! mostly a single-byte encoding (a Latin-1 Data Loader export) with some
//! cells in UTF-8 (records from a second system, a partial re-save).
//!
//! Each valid UTF-8 sequence that reads as a character of real text is
//! decoded as UTF-8 (`BOGOT\xC3\x81` → `BOGOTÁ`, not `BOGOTÃ\u{81}`); every
//! other byte is read in the file's single-byte encoding. A byte that
//! neither reading explains (one the single-byte encoding leaves undefined,
//! outside any UTF-8 sequence) cannot be decided: it is malformed, so it
//! becomes U+FFFD and is counted as damage.

use encoding_rs::{DecoderResult, Encoding};

use super::Engine;
use super::detect::is_common_text;

/// A UTF-8 sequence at the start of some bytes.
#[derive(Debug, PartialEq, Eq)]
enum Sequence {
    /// A whole, valid sequence of this many bytes, and its character.
    Char(usize, char),
    /// The bytes end before the sequence does (it may go on in the next read).
    Cut,
    /// Not UTF-8.
    Invalid,
}

fn sequence_at(bytes: &[u8]) -> Sequence {
    let len = match bytes.first() {
        Some(0xC2..=0xDF) => 2,
        Some(0xE0..=0xEF) => 3,
        Some(0xF0..=0xF4) => 4,
        _ => return Sequence::Invalid,
    };
    let Some(whole) = bytes.get(..len) else {
        let continued = bytes[1..].iter().all(|&b| b & 0xC0 == 0x80);
        return if continued { Sequence::Cut } else { Sequence::Invalid };
    };
    match std::str::from_utf8(whole).ok().and_then(|s| s.chars().next()) {
        Some(c) => Sequence::Char(len, c),
        None => Sequence::Invalid,
    }
}

/// A character that UTF-8 from another system plausibly holds: letters of
/// living scripts, typographic marks, emoji; not a C1 control.
fn plausible(c: char) -> bool {
    is_common_text(c) && !c.is_control()
}

/// Decodes a single-byte encoding in which some sequences are UTF-8.
pub(super) struct WithUtf8Decoder {
    /// What each byte 0x80–0xFF reads as in the single-byte encoding.
    high: [Option<char>; 128],
}

impl WithUtf8Decoder {
    /// `base` must be a single-byte encoding.
    pub(super) fn new(base: &'static Encoding) -> Self {
        let mut high = [None; 128];
        for (i, slot) in high.iter_mut().enumerate() {
            let byte = [0x80 + i as u8];
            *slot = base
                .decode_without_bom_handling_and_without_replacement(&byte)
                .and_then(|text| text.chars().next())
                .filter(|c| !c.is_control());
        }
        WithUtf8Decoder { high }
    }
}

impl Engine for WithUtf8Decoder {
    fn max_utf8_length(&self, input: usize) -> usize {
        // A byte becomes at most three bytes (a BMP character).
        input * 3 + 4
    }

    fn decode(&mut self, src: &[u8], dst: &mut [u8], last: bool) -> (DecoderResult, usize, usize) {
        let (mut read, mut written) = (0, 0);
        while read < src.len() {
            let b = src[read];
            if b < 0x80 {
                let run = src[read..].iter().position(|&b| b >= 0x80).unwrap_or(src.len() - read);
                let fits = run.min(dst.len() - written);
                dst[written..written + fits].copy_from_slice(&src[read..read + fits]);
                (read, written) = (read + fits, written + fits);
                if fits < run {
                    return (DecoderResult::OutputFull, read, written);
                }
                continue;
            }
            let (bytes, char) = match sequence_at(&src[read..]) {
                Sequence::Char(len, c) if plausible(c) => (len, c),
                Sequence::Cut if !last => return (DecoderResult::InputEmpty, read, written),
                _ => match self.high[usize::from(b - 0x80)] {
                    Some(c) => (1, c),
                    None => return (DecoderResult::Malformed(1, 0), read + 1, written),
                },
            };
            if written + char.len_utf8() > dst.len() {
                return (DecoderResult::OutputFull, read, written);
            }
            written += char.encode_utf8(&mut dst[written..]).len();
            read += bytes;
        }
        (DecoderResult::InputEmpty, read, written)
    }
}

/// Valid UTF-8 sequences of plausible characters in `sample`, and the
/// sample without them (what a single-byte encoding is guessed from).
pub(super) fn utf8_sequences(sample: &[u8]) -> (usize, Vec<u8>) {
    let (mut found, mut rest) = (0, Vec::with_capacity(sample.len()));
    let mut i = 0;
    while i < sample.len() {
        match sequence_at(&sample[i..]) {
            Sequence::Char(len, c) if plausible(c) => {
                found += 1;
                i += len;
            }
            _ => {
                rest.push(sample[i]);
                i += 1;
            }
        }
    }
    (found, rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8], piece: usize) -> (String, usize) {
        let mut decoder = WithUtf8Decoder::new(encoding_rs::WINDOWS_1252);
        let (mut out, mut malformed, mut pending) = (Vec::new(), 0, Vec::new());
        let mut chunks = bytes.chunks(piece);
        loop {
            let chunk = chunks.next();
            let last = chunk.is_none();
            pending.extend_from_slice(chunk.unwrap_or_default());
            let mut dst = vec![0; decoder.max_utf8_length(pending.len())];
            let (result, read, written) = decoder.decode(&pending, &mut dst, last);
            out.extend_from_slice(&dst[..written]);
            pending.drain(..read);
            if matches!(result, DecoderResult::Malformed(..)) {
                malformed += 1;
                out.extend_from_slice("\u{FFFD}".as_bytes());
            } else if last && pending.is_empty() {
                break;
            }
        }
        (String::from_utf8(out).unwrap(), malformed)
    }

    #[test]
    fn utf8_cells_read_as_utf8_and_the_rest_as_windows_1252() {
        let bytes =
            b"BOGOT\xC3\x81 D.C.,M\xFCller,Caf\xE9 \xE2\x80\x94 \xF0\x9F\x9A\x80,\x93quoted\x94\n";
        for piece in [1, 2, 3, 7, 1024] {
            assert_eq!(
                decode(bytes, piece),
                ("BOGOTÁ D.C.,Müller,Café — 🚀,“quoted”\n".to_string(), 0),
                "{piece}"
            );
        }
    }

    #[test]
    fn bytes_neither_reading_explains_are_malformed() {
        // 0x81 is undefined in Windows-1252 and starts no UTF-8 sequence;
        // `É»` (C9 BB) is valid UTF-8 for U+027B, an IPA letter: read as Windows-1252.
        assert_eq!(decode(b"A\x81B \xAB\xC9T\xC9\xBB \xE9", 2), ("A\u{FFFD}B «ÉTÉ» é".into(), 1));
    }

    #[test]
    fn sequences_are_counted_and_removed_for_the_guess() {
        let (found, rest) = utf8_sequences(b"Jos\xC3\xA9 M\xFCller \xE2\x80\x99 \xC9\xBB");
        assert_eq!(found, 2);
        assert_eq!(rest, b"Jos M\xFCller  \xC9\xBB");
    }
}
