//! Byte-order marks, and the ones that lie: a BOM is believed only when
//! the bytes after it read as text in its encoding.
//!
//! UTF-32LE's BOM (`FF FE 00 00`) begins with UTF-16LE's (`FF FE`), so the
//! UTF-32 marks are looked for first.

use super::{Charset, utf32};
use crate::error::BomContradiction;

/// A byte-order mark at the start of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bom {
    /// `EF BB BF`.
    Utf8,
    /// `FF FE`.
    Utf16Le,
    /// `FE FF`.
    Utf16Be,
    /// `FF FE 00 00`.
    Utf32Le,
    /// `00 00 FE FF`.
    Utf32Be,
}

impl Bom {
    /// Longest first: a UTF-32LE mark is not taken for a UTF-16LE one.
    const ALL: [Bom; 5] = [Bom::Utf32Le, Bom::Utf32Be, Bom::Utf8, Bom::Utf16Le, Bom::Utf16Be];

    /// The mark at the start of `bytes`, if any.
    pub fn of(bytes: &[u8]) -> Option<Bom> {
        Bom::ALL.into_iter().find(|bom| bytes.starts_with(bom.bytes()))
    }

    /// The mark's bytes.
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Bom::Utf8 => b"\xEF\xBB\xBF",
            Bom::Utf16Le => b"\xFF\xFE",
            Bom::Utf16Be => b"\xFE\xFF",
            Bom::Utf32Le => b"\xFF\xFE\x00\x00",
            Bom::Utf32Be => b"\x00\x00\xFE\xFF",
        }
    }

    /// The encoding the mark announces.
    pub fn charset(self) -> Charset {
        match self {
            Bom::Utf8 => Charset::Whatwg(encoding_rs::UTF_8),
            Bom::Utf16Le => Charset::Whatwg(encoding_rs::UTF_16LE),
            Bom::Utf16Be => Charset::Whatwg(encoding_rs::UTF_16BE),
            Bom::Utf32Le => Charset::Utf32 { big_endian: false },
            Bom::Utf32Be => Charset::Utf32 { big_endian: true },
        }
    }

    /// `UTF-16BE`, as reports and errors name the mark.
    pub fn name(self) -> &'static str {
        match self {
            Bom::Utf8 => "UTF-8",
            Bom::Utf16Le => "UTF-16LE",
            Bom::Utf16Be => "UTF-16BE",
            Bom::Utf32Le => "UTF-32LE",
            Bom::Utf32Be => "UTF-32BE",
        }
    }

    /// `FE FF`.
    pub fn hex(self) -> String {
        self.bytes().iter().map(|b| format!("{b:02X}")).collect::<Vec<_>>().join(" ")
    }
}

/// Characters of the BOM's reading looked at.
const LOOK_AT: usize = 64 << 10;

/// Whether the bytes after `bom` (`rest`, a sample) contradict it; `other`
/// is what they look like without it (its structural reading), if anything.
pub(super) fn contradiction(
    bom: Bom,
    rest: &[u8],
    other: Option<Charset>,
) -> Option<BomContradiction> {
    let rest = &rest[..rest.len().min(LOOK_AT)];
    let text = read_as(bom, rest);
    let chars = text.chars().count();
    if chars == 0 {
        return None;
    }
    let nul = text.chars().filter(|&c| c == '\0').count();
    if nul * 20 > chars {
        return Some(BomContradiction::NulCharacters);
    }
    let bad = text
        .chars()
        .filter(|&c| c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r')))
        .count();
    // A UTF-8 BOM over bytes of another encoding is a mixed file, whose
    // undecodable bytes are counted as damage; other marks are believed
    // only when they give text.
    if bom != Bom::Utf8 && bad * 20 > chars {
        return Some(BomContradiction::NotText);
    }
    let lines = |t: &str| t.contains(['\n', '\r']);
    // Lines of bytes, or of another reading, that the mark's reading loses.
    let byte_lines = rest.iter().filter(|&&b| b == b'\n').count() >= 2;
    let other_has_lines = other.is_some_and(|o| o != bom.charset() && lines(&o.decode_lossy(rest)));
    let lost_lines = !lines(&text) && (byte_lines || other_has_lines);
    (bom != Bom::Utf8 && lost_lines).then_some(BomContradiction::NoLines)
}

/// `rest` read in the BOM's encoding, whole code units only.
fn read_as(bom: Bom, rest: &[u8]) -> String {
    let unit = match bom {
        Bom::Utf8 => 1,
        Bom::Utf16Le | Bom::Utf16Be => 2,
        Bom::Utf32Le | Bom::Utf32Be => 4,
    };
    let whole = &rest[..rest.len() - rest.len() % unit];
    bom.charset().decode_lossy(whole)
}

/// What `bytes` are by their structure alone, without a BOM: UTF-32 or
/// UTF-16 by their NUL pattern, or UTF-8 (valid, without NUL).
pub(super) fn structure(bytes: &[u8]) -> Option<Charset> {
    if let Some(big_endian) = utf32::by_nul_pattern(bytes) {
        return Some(Charset::Utf32 { big_endian });
    }
    if let Some(encoding) = super::utf16_by_nul_pattern(bytes) {
        return Some(Charset::Whatwg(encoding));
    }
    let valid = match std::str::from_utf8(bytes) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && e.valid_up_to() + 4 > bytes.len(),
    };
    (valid && !bytes.contains(&0)).then_some(Charset::Whatwg(encoding_rs::UTF_8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_utf32le_mark_is_not_taken_for_utf16le() {
        assert_eq!(Bom::of(b"\xFF\xFE\x00\x00I\x00\x00\x00"), Some(Bom::Utf32Le));
        assert_eq!(Bom::of(b"\xFF\xFEI\x00d\x00"), Some(Bom::Utf16Le));
        assert_eq!(Bom::of(b"\x00\x00\xFE\xFF\x00\x00\x00I"), Some(Bom::Utf32Be));
        assert_eq!(Bom::of(b"\xEF\xBB\xBFId"), Some(Bom::Utf8));
        assert_eq!(Bom::of(b"Id,Name"), None);
        assert_eq!(Bom::Utf16Be.hex(), "FE FF");
    }

    fn utf32le(text: &str) -> Vec<u8> {
        text.chars().flat_map(|c| u32::from(c).to_le_bytes()).collect()
    }

    #[test]
    fn a_mark_over_data_of_another_encoding_is_contradicted() {
        let text = "Id,Name\r\n1,Zoë\r\n2,Jürgen\r\n3,Ana\r\n";
        let data = utf32le(text);
        let other = structure(&data);
        assert_eq!(other, Some(Charset::Utf32 { big_endian: false }));
        assert_eq!(
            contradiction(Bom::Utf16Be, &data, other),
            Some(BomContradiction::NulCharacters)
        );
        assert_eq!(contradiction(Bom::Utf8, &data, other), Some(BomContradiction::NulCharacters));
        assert_eq!(contradiction(Bom::Utf32Le, &data, other), None);
        // UTF-8 bytes under a UTF-16LE mark read as lines of nothing.
        let other = structure(text.as_bytes());
        assert_eq!(other, Some(Charset::Whatwg(encoding_rs::UTF_8)));
        assert!(contradiction(Bom::Utf16Le, text.as_bytes(), other).is_some());
        // Windows-1252 under a UTF-8 mark is a mixed file, not a lie.
        assert_eq!(contradiction(Bom::Utf8, b"Id,Name\n1,M\xFCller\n", None), None);
        let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(contradiction(Bom::Utf16Le, &utf16, structure(&utf16)), None);
    }
}
