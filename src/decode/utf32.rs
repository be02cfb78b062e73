//! UTF-32 (little- and big-endian), which `encoding_rs` does not decode:
//! a streaming decoder with the same contract as `encoding_rs`'s, and the
//! NUL pattern that recognises UTF-32 without a byte-order mark.

use encoding_rs::DecoderResult;

use super::Engine;

/// Decodes UTF-32 code units of four bytes. A unit that is no Unicode
/// scalar value (a surrogate, above U+10FFFF) is malformed, and so is a
/// unit cut by the end of the file.
pub(super) struct Utf32Decoder {
    big_endian: bool,
}

impl Utf32Decoder {
    pub(super) fn new(big_endian: bool) -> Self {
        Utf32Decoder { big_endian }
    }
}

/// The scalar value of one unit, if it is one.
fn unit(bytes: [u8; 4], big_endian: bool) -> Option<char> {
    let value = if big_endian { u32::from_be_bytes(bytes) } else { u32::from_le_bytes(bytes) };
    char::from_u32(value)
}

impl Engine for Utf32Decoder {
    fn max_utf8_length(&self, input: usize) -> usize {
        // Four bytes in, at most four bytes out.
        input + 4
    }

    fn decode(&mut self, src: &[u8], dst: &mut [u8], last: bool) -> (DecoderResult, usize, usize) {
        let (mut read, mut written) = (0, 0);
        while src.len() - read >= 4 {
            let bytes = [src[read], src[read + 1], src[read + 2], src[read + 3]];
            let Some(ch) = unit(bytes, self.big_endian) else {
                return (DecoderResult::Malformed(4, 0), read + 4, written);
            };
            if written + ch.len_utf8() > dst.len() {
                return (DecoderResult::OutputFull, read, written);
            }
            written += ch.encode_utf8(&mut dst[written..]).len();
            read += 4;
        }
        let left = src.len() - read;
        if left > 0 && last {
            // A unit cut by the end of the file.
            return (DecoderResult::Malformed(left as u8, 0), src.len(), written);
        }
        // A cut unit waits for the next read.
        (DecoderResult::InputEmpty, read, written)
    }
}

/// UTF-32 without a BOM, by its pattern: every unit of real text has a NUL
/// high byte, and ASCII leaves three NULs per unit. Returns whether it is
/// big-endian, when the sample reads as UTF-32 in exactly one byte order.
pub(super) fn by_nul_pattern(sample: &[u8]) -> Option<bool> {
    let units: Vec<[u8; 4]> =
        sample.chunks_exact(4).filter_map(|c| <[u8; 4]>::try_from(c).ok()).collect();
    if units.len() < 8 {
        return None;
    }
    let reads = |big_endian: bool| {
        let (mut chars, mut breaks, mut nul) = (0usize, 0usize, 0usize);
        for &u in &units {
            match unit(u, big_endian) {
                Some('\0') => nul += 1,
                Some('\n' | '\r') => breaks += 1,
                Some(_) => chars += 1,
                None => return false,
            }
        }
        // Text, not a block of zeros: a few line breaks, hardly any NUL.
        chars > 0 && nul * 20 <= units.len() && (breaks > 0 || units.len() < 2048)
    };
    match (reads(false), reads(true)) {
        (true, false) => Some(false),
        (false, true) => Some(true),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf32(text: &str, big_endian: bool) -> Vec<u8> {
        text.chars()
            .flat_map(|c| {
                if big_endian { u32::from(c).to_be_bytes() } else { u32::from(c).to_le_bytes() }
            })
            .collect()
    }

    fn decode_in_pieces(bytes: &[u8], big_endian: bool, piece: usize) -> (String, Vec<u8>) {
        let mut decoder = Utf32Decoder::new(big_endian);
        let (mut out, mut malformed) = (Vec::new(), Vec::new());
        let mut pending: Vec<u8> = Vec::new();
        let mut chunks = bytes.chunks(piece).peekable();
        loop {
            let chunk = chunks.next();
            let last = chunk.is_none();
            pending.extend_from_slice(chunk.unwrap_or_default());
            let mut dst = vec![0; decoder.max_utf8_length(pending.len())];
            let (result, read, written) = decoder.decode(&pending, &mut dst, last);
            out.extend_from_slice(&dst[..written]);
            if let DecoderResult::Malformed(bad, _) = result {
                malformed.push(bad);
                out.extend_from_slice("\u{FFFD}".as_bytes());
            }
            pending.drain(..read);
            if last && pending.is_empty() && !matches!(result, DecoderResult::Malformed(..)) {
                break;
            }
        }
        (String::from_utf8(out).unwrap(), malformed)
    }

    #[test]
    fn both_byte_orders_decode_across_any_cut() {
        let text = "Id\tName\r\n1\tJosé 🚀 山田\r\n";
        for big_endian in [false, true] {
            let bytes = utf32(text, big_endian);
            for piece in [1, 3, 4, 5, 64] {
                assert_eq!(decode_in_pieces(&bytes, big_endian, piece), (text.into(), vec![]));
            }
        }
    }

    #[test]
    fn surrogates_values_too_large_and_a_cut_last_unit_are_malformed() {
        let mut bytes = utf32("ab", false);
        bytes.extend_from_slice(&0xD800u32.to_le_bytes());
        bytes.extend_from_slice(&0x11_0000u32.to_le_bytes());
        bytes.extend_from_slice(&utf32("c", false));
        bytes.extend_from_slice(&[b'd', 0]);
        let (text, malformed) = decode_in_pieces(&bytes, false, 7);
        assert_eq!(text, "ab\u{FFFD}\u{FFFD}c\u{FFFD}");
        assert_eq!(malformed, [4, 4, 2]);
    }

    #[test]
    fn the_nul_pattern_tells_the_byte_order() {
        let text = "Id,Name\n1,Zoë\n2,Jürgen\n3,山田\n";
        assert_eq!(by_nul_pattern(&utf32(text, false)), Some(false));
        assert_eq!(by_nul_pattern(&utf32(text, true)), Some(true));
        // UTF-16 and plain text are not UTF-32.
        let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(by_nul_pattern(&utf16), None);
        assert_eq!(by_nul_pattern(text.as_bytes()), None);
        assert_eq!(by_nul_pattern(&[0; 64]), None);
    }
}
