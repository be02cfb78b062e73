//! Damage detectors on decoded text, cell by cell: the traces a wrong
//! encoding leaves behind. Each finding names its kind and, where one can be
//! computed, the likely repair, so a person can tell a real problem from a
//! false alarm at a glance.
//!
//! Detected:
//! - undecodable bytes (reported by the decoder) and U+FFFD already in the export;
//! - UTF-8 read as Windows-1252/Latin-1 (`JosÃ©`, `Itâ€™s`), and the same
//!   applied twice (double encoding);
//! - UTF-8 read as Mac Roman (`O‚ÄôConnor`, `Jos√©`);
//! - NUL and other control characters;
//! - U+FFFD that was itself read as another encoding (`ï¿½`, `Ã¯Â¿Â½`,
//!   `ÔøΩ`): the character was lost before the export;
//! - `?` standing where a letter was (`M?ller`, `?ric`, `BOGOT? D.C.`).
//!
//! A finding needs evidence, not suspicion: mojibake is reported only when
//! re-encoding the text gives valid UTF-8 with non-ASCII characters (so the
//! Portuguese `SÃO PAULO` or `João` never fire), and a `?` only between
//! letters or before a word, never at the end of a question or in a URL.

use std::fmt;

use encoding_rs::Encoding;

/// What kind of damage a cell shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DamageKind {
    /// Bytes not valid in the file's encoding (shown as U+FFFD).
    Undecodable,
    /// U+FFFD present in the export itself: the source already lost a character.
    ReplacementCharacter,
    /// UTF-8 text that was read as Windows-1252 / Latin-1 somewhere upstream.
    Utf8AsWindows1252,
    /// UTF-8 text that was read as Mac Roman somewhere upstream.
    Utf8AsMacRoman,
    /// UTF-8 read as Windows-1252 twice.
    DoubleEncoded,
    /// A NUL byte.
    Nul,
    /// Another control character (not tab or line break).
    ControlCharacter,
    /// A `?` where a letter was lost in a conversion to a narrower encoding.
    QuestionMark,
    /// U+FFFD encoded as UTF-8 and read as Windows-1252 or Mac Roman
    /// (`ï¿½`): a character lost upstream, then misread.
    EncodedReplacement,
    /// A byte-order mark (U+FEFF, its UTF-16 byte-swapped form U+FFFE, or
    /// the UTF-8 mark read as Windows-1252, `ï»¿`) after the start of the
    /// file: two exports concatenated, the second one's header a row.
    ByteOrderMark,
}

impl DamageKind {
    /// Every kind.
    pub const ALL: [DamageKind; 10] = [
        DamageKind::Undecodable,
        DamageKind::ReplacementCharacter,
        DamageKind::Utf8AsWindows1252,
        DamageKind::Utf8AsMacRoman,
        DamageKind::DoubleEncoded,
        DamageKind::Nul,
        DamageKind::ControlCharacter,
        DamageKind::QuestionMark,
        DamageKind::EncodedReplacement,
        DamageKind::ByteOrderMark,
    ];

    /// The stable code the shadow's `_damage.kind` holds (`undecodable`,
    /// `utf8_as_mac_roman`): for queries and programs.
    pub fn code(self) -> &'static str {
        match self {
            DamageKind::Undecodable => "undecodable",
            DamageKind::ReplacementCharacter => "replacement_character",
            DamageKind::Utf8AsWindows1252 => "utf8_as_windows_1252",
            DamageKind::Utf8AsMacRoman => "utf8_as_mac_roman",
            DamageKind::DoubleEncoded => "double_encoded",
            DamageKind::Nul => "nul",
            DamageKind::ControlCharacter => "control_character",
            DamageKind::QuestionMark => "question_mark",
            DamageKind::EncodedReplacement => "encoded_replacement_character",
            DamageKind::ByteOrderMark => "byte_order_mark",
        }
    }

    /// The kind a [`DamageKind::code`] stands for.
    pub fn from_code(code: &str) -> Option<DamageKind> {
        DamageKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Short name used in reports (`undecodable bytes`).
    pub fn name(self) -> &'static str {
        match self {
            DamageKind::Undecodable => "undecodable bytes",
            DamageKind::ReplacementCharacter => "U+FFFD in the export",
            DamageKind::Utf8AsWindows1252 => "UTF-8 read as Windows-1252",
            DamageKind::Utf8AsMacRoman => "UTF-8 read as Mac Roman",
            DamageKind::DoubleEncoded => "UTF-8 read as Windows-1252 twice",
            DamageKind::Nul => "NUL byte",
            DamageKind::ControlCharacter => "control character",
            DamageKind::QuestionMark => "? in place of a letter",
            DamageKind::EncodedReplacement => "U+FFFD read as Windows-1252 or Mac Roman",
            DamageKind::ByteOrderMark => {
                "a byte-order mark in the middle of the file: two exports concatenated?"
            }
        }
    }
}

impl fmt::Display for DamageKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Damage found in one cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damage {
    /// What kind.
    pub kind: DamageKind,
    /// The cell as it would read repaired, when that can be computed.
    pub repair: Option<String>,
}

impl Damage {
    /// Characters of `cell` (the cell this damage was found in) that stand
    /// damaged for a character of the source: each U+FFFD, each `?` for a
    /// letter, each `ï¿½`, each character the repair holds and the cell
    /// does not (`JosÃ©` is one: `é`). NUL, control characters and a
    /// byte-order mark stand for none: they are additions, not changed
    /// characters.
    pub fn lost_characters(&self, cell: &str) -> u64 {
        let n = match self.kind {
            DamageKind::Undecodable | DamageKind::ReplacementCharacter => {
                cell.matches('\u{FFFD}').count()
            }
            DamageKind::EncodedReplacement => {
                ENCODED_REPLACEMENTS.iter().map(|r| cell.matches(r).count()).sum()
            }
            DamageKind::Utf8AsWindows1252
            | DamageKind::Utf8AsMacRoman
            | DamageKind::DoubleEncoded => match &self.repair {
                Some(repair) => missing_from(repair, cell),
                None => 1,
            },
            DamageKind::QuestionMark => lost_letters(cell),
            DamageKind::Nul | DamageKind::ControlCharacter | DamageKind::ByteOrderMark => 0,
        };
        let addition = matches!(
            self.kind,
            DamageKind::Nul | DamageKind::ControlCharacter | DamageKind::ByteOrderMark
        );
        n.max(usize::from(!addition)) as u64
    }
}

/// Non-ASCII characters of `meant` that `found` lacks (counted with repeats).
fn missing_from(meant: &str, found: &str) -> usize {
    let mut have: Vec<char> = found.chars().filter(|c| !c.is_ascii()).collect();
    meant
        .chars()
        .filter(|c| !c.is_ascii())
        .filter(|c| match have.iter().position(|h| h == c) {
            Some(i) => {
                have.swap_remove(i);
                false
            }
            None => true,
        })
        .count()
}

/// Inspects one decoded cell. `replacements` says, for each U+FFFD in the
/// cell in order, what the decoder could not decode (its likely reading), or
/// `None` when the export itself holds that U+FFFD. Returns the first damage
/// found.
pub fn inspect(cell: &str, replacements: &[Option<String>]) -> Option<Damage> {
    // One pass over the bytes says which checks can find anything: printable
    // ASCII (and line breaks, tabs) without `?` cannot be damaged, and most
    // cells with accents or emoji need one or two of the checks, not all.
    let seen = Seen::of(cell.as_bytes());
    if !(seen.question_mark || seen.nul || seen.control || seen.non_ascii) {
        return None;
    }
    if seen.replacement && cell.contains('\u{FFFD}') {
        return Some(replacement(cell, replacements));
    }
    if seen.nul {
        return Some(Damage { kind: DamageKind::Nul, repair: Some(cell.replace('\0', "")) });
    }
    if let Some(found) = byte_order_mark(cell, &seen) {
        return Some(found);
    }
    if seen.non_ascii
        && let Some(found) = mojibake(cell)
    {
        return Some(found);
    }
    // After mojibake: `”` read as Windows-1252 leaves the C1 control U+009D.
    if seen.control && cell.chars().any(is_stray_control) {
        let repair = cell.chars().filter(|&c| !is_stray_control(c)).collect();
        return Some(Damage { kind: DamageKind::ControlCharacter, repair: Some(repair) });
    }
    if seen.question_mark && lost_letters(cell) > 0 {
        return Some(Damage { kind: DamageKind::QuestionMark, repair: None });
    }
    None
}

/// A byte-order mark in a cell: the decoder drops only the file's first,
/// so any other is one (U+FEFF, U+FFFE byte-swapped, or `ï»¿` when the
/// file is read as Windows-1252). Repaired by removing it.
fn byte_order_mark(cell: &str, seen: &Seen) -> Option<Damage> {
    const MARKS: [char; 2] = ['\u{FEFF}', '\u{FFFE}'];
    const MISREAD: &str = "ï»¿";
    // U+FEFF and U+FFFE are encoded with the lead byte EF; `ï` is non-ASCII.
    if seen.replacement && cell.contains(MARKS) {
        let repair = cell.replace(MARKS, "");
        return Some(Damage { kind: DamageKind::ByteOrderMark, repair: Some(repair) });
    }
    if seen.non_ascii && cell.contains(MISREAD) {
        let repair = cell.replace(MISREAD, "");
        return Some(Damage { kind: DamageKind::ByteOrderMark, repair: Some(repair) });
    }
    None
}

/// What one pass over a cell's bytes found that a check may look into.
struct Seen {
    question_mark: bool,
    nul: bool,
    /// A control character other than tab and line breaks, or the C2 lead
    /// byte C1 controls (U+0080–U+009F) are encoded with.
    control: bool,
    non_ascii: bool,
    /// The EF lead byte U+FFFD is encoded with.
    replacement: bool,
}

impl Seen {
    fn of(bytes: &[u8]) -> Seen {
        // Flags OR-ed in without a branch, so the loop runs on whole
        // vectors of bytes: this runs on every cell of every row.
        let (mut question, mut nul, mut control, mut high, mut c2, mut ef) = (0u8, 0, 0, 0, 0, 0);
        for &b in bytes {
            question |= u8::from(b == b'?');
            nul |= u8::from(b == 0);
            control |= u8::from((b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r') || b == 0x7F);
            high |= b & 0x80;
            c2 |= u8::from(b == 0xC2);
            ef |= u8::from(b == 0xEF);
        }
        Seen {
            question_mark: question != 0,
            nul: nul != 0,
            control: control | c2 != 0,
            non_ascii: high != 0,
            replacement: ef != 0,
        }
    }
}

/// U+FFFD in a cell: the decoder's, with a likely repair, or the export's own.
fn replacement(cell: &str, replacements: &[Option<String>]) -> Damage {
    if replacements.iter().all(Option::is_none) {
        return Damage { kind: DamageKind::ReplacementCharacter, repair: None };
    }
    let mut readings = replacements.iter();
    let repair = cell
        .chars()
        .map(|c| match c {
            '\u{FFFD}' => match readings.next() {
                Some(Some(likely)) => likely.clone(),
                _ => c.to_string(),
            },
            _ => c.to_string(),
        })
        .collect();
    Damage { kind: DamageKind::Undecodable, repair: Some(repair) }
}

/// Control characters that have no place in a CRM field (tab and line
/// breaks do: multi-line cells).
fn is_stray_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Mojibake in the whole cell, or else in some of its words (a cell that
/// was partly fixed by hand).
fn mojibake(cell: &str) -> Option<Damage> {
    if !has_mojibake_marker(cell) {
        return None;
    }
    if ENCODED_REPLACEMENTS.iter().any(|r| cell.contains(r)) {
        return Some(Damage { kind: DamageKind::EncodedReplacement, repair: None });
    }
    if let Some(found) = mojibake_in(cell) {
        return Some(found);
    }
    let mut kind = None;
    let repaired: Vec<String> = cell
        .split(' ')
        .map(|word| match mojibake_in(word) {
            Some(found) => {
                kind.get_or_insert(found.kind);
                found.repair.unwrap_or_else(|| word.to_string())
            }
            None => word.to_string(),
        })
        .collect();
    kind.map(|kind| Damage { kind, repair: Some(repaired.join(" ")) })
}

fn mojibake_in(text: &str) -> Option<Damage> {
    if let Some(once) = reverse(text, Misread::Windows1252) {
        return Some(match reverse(&once, Misread::Windows1252) {
            Some(twice) => Damage { kind: DamageKind::DoubleEncoded, repair: Some(twice) },
            None => Damage { kind: DamageKind::Utf8AsWindows1252, repair: Some(once) },
        });
    }
    if let Some(repair) = reverse(text, Misread::Latin1) {
        return Some(Damage { kind: DamageKind::Utf8AsWindows1252, repair: Some(repair) });
    }
    reverse(text, Misread::MacRoman)
        .map(|repair| Damage { kind: DamageKind::Utf8AsMacRoman, repair: Some(repair) })
}

/// A cheap necessary condition for mojibake, checked before any re-encoding:
/// a character that a UTF-8 lead byte becomes in Windows-1252 / Latin-1
/// (`Â`…`ô`) followed by one a continuation byte becomes (U+0080–U+00BF or
/// Windows-1252's punctuation), or one of the characters UTF-8 lead bytes
/// become in Mac Roman (`√`, `‚`, `¬`, `≈`, `∆`, `ƒ`, `Œ`, `œ`, `Ã`, `Õ`).
fn has_mojibake_marker(cell: &str) -> bool {
    let continuation = |c: char| {
        matches!(u32::from(c), 0x80..=0xBF)
            || matches!(
                c,
                '€' | '‚'
                    | 'ƒ'
                    | '„'
                    | '…'
                    | '†'
                    | '‡'
                    | 'ˆ'
                    | '‰'
                    | 'Š'
                    | '‹'
                    | 'Œ'
                    | 'Ž'
                    | '‘'
                    | '’'
                    | '“'
                    | '”'
                    | '•'
                    | '–'
                    | '—'
                    | '˜'
                    | '™'
                    | 'š'
                    | '›'
                    | 'œ'
                    | 'ž'
                    | 'Ÿ'
            )
    };
    let mut chars = cell.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii() {
            continue;
        }
        if matches!(c, '√' | '‚' | '¬' | '≈' | '∆' | 'ƒ' | 'Œ' | 'œ' | 'Ã' | 'Õ') {
            return true;
        }
        if matches!(u32::from(c), 0xC2..=0xF4)
            && chars.peek().is_some_and(|&next| continuation(next) || (c == 'Ô' && next == 'ø'))
        {
            return true;
        }
    }
    false
}

/// U+FFFD (EF BF BD) read as Windows-1252 or Latin-1, the same twice, and
/// read as Mac Roman: what no repair brings back.
const ENCODED_REPLACEMENTS: [&str; 3] = ["ï¿½", "Ã¯Â¿Â½", "ÔøΩ"];

/// The single-byte encodings UTF-8 is commonly misread as.
#[derive(Clone, Copy)]
enum Misread {
    Windows1252,
    /// True ISO-8859-1, whose 0x80–0x9F are C1 controls (`Itâ\u{80}\u{99}s`).
    Latin1,
    MacRoman,
}

/// If `text` is UTF-8 that was decoded as `wrong`, the original text:
/// re-encoding must be lossless and give valid UTF-8 that differs from
/// `text`, holds non-ASCII characters, and reads as real text (letters and
/// marks of living scripts, not IPA or Armenian conjured from `d’É`).
fn reverse(text: &str, wrong: Misread) -> Option<String> {
    if text.is_ascii() {
        return None;
    }
    let bytes: Vec<u8> = match wrong {
        Misread::Latin1 => {
            text.chars().map(|c| u8::try_from(u32::from(c)).ok()).collect::<Option<_>>()?
        }
        Misread::Windows1252 | Misread::MacRoman => {
            let encoding: &'static Encoding = match wrong {
                Misread::MacRoman => encoding_rs::MACINTOSH,
                _ => encoding_rs::WINDOWS_1252,
            };
            let (bytes, _, unmappable) = encoding.encode(text);
            if unmappable {
                return None;
            }
            bytes.into_owned()
        }
    };
    let original = std::str::from_utf8(&bytes).ok()?;
    let plausible = original.chars().all(|c| c.is_ascii() || is_common_text(c));
    (original != text && !original.is_ascii() && plausible).then(|| original.to_string())
}

/// Characters real CRM text is made of: Latin (with Vietnamese), Greek,
/// Cyrillic, Hebrew, Arabic, Thai, CJK, Hangul, common punctuation,
/// currency and letter-like symbols, emoji.
pub(super) fn is_common_text(c: char) -> bool {
    matches!(u32::from(c),
        0x00A0..=0x024F
        | 0x0300..=0x036F
        | 0x0370..=0x03FF
        | 0x0400..=0x04FF
        | 0x05D0..=0x05EA
        | 0x0600..=0x06FF
        | 0x0E00..=0x0E7F
        | 0x1E00..=0x1EFF
        | 0x2000..=0x206F
        | 0x20A0..=0x20CF
        | 0x2100..=0x214F
        | 0x2190..=0x21FF
        | 0x3000..=0x30FF
        | 0x3400..=0x9FFF
        | 0xAC00..=0xD7AF
        | 0xFF00..=0xFFEF
        | 0x1F300..=0x1FAFF
        | 0xFE0F)
}

/// A `?` between two letters (`M?ller`) or starting a word before a
/// lower-case letter (`?ric`), outside anything that looks like a URL; a
/// word made only of `??` (a name in a script the target could not hold);
/// or, in a cell without lower-case letters (a name or an address as Data
/// Loader writes them), a `?` ending a word of two letters or more
/// (`BOGOT? D.C.`, `BOGOT?`), unless it ends a cell of several words or
/// follows a question word (`CALL BACK?`, `WHY?`): those are questions.
/// Returns how many `?` stand for letters.
fn lost_letters(text: &str) -> usize {
    if !text.contains('?') {
        return 0;
    }
    let upper_case = !text.chars().any(char::is_lowercase);
    let words: Vec<&str> = text.split_whitespace().collect();
    let lost_in = |n: usize, word: &str| -> usize {
        if !word.contains('?') || word.contains(['/', '=', '&', ':', '@']) {
            return 0;
        }
        if word.len() >= 2 && word.bytes().all(|b| b == b'?') {
            return word.len();
        }
        let chars: Vec<char> = word.chars().collect();
        let inside = chars.iter().enumerate().filter(|&(i, &c)| {
            if c != '?' {
                return false;
            }
            let before = i.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i + 1).copied();
            match (before, after) {
                (Some(b), Some(a)) => b.is_alphabetic() && a.is_alphabetic(),
                (None, Some(a)) => a.is_lowercase() && chars.len() > 2,
                _ => false,
            }
        });
        let ends_a_question = n + 1 == words.len() && words.len() > 1;
        let at_end = upper_case && !ends_a_question && lost_at_word_end(word);
        inside.count() + usize::from(at_end)
    };
    words.iter().enumerate().map(|(n, word)| lost_in(n, word)).sum()
}

/// English and Spanish question words: `WHY?` in capitals is a question.
const QUESTION_WORDS: [&str; 16] = [
    "WHY", "WHAT", "WHO", "HOW", "WHEN", "WHERE", "WHICH", "REALLY", "YES", "NO", "OK", "OKAY",
    "SURE", "QUE", "QUIEN", "CUANDO",
];

/// A word of letters whose `?` stands for its last letter: `BOGOT?`,
/// `BOGOT?,` (not `OK?` or `WHY?`).
fn lost_at_word_end(word: &str) -> bool {
    let body = word.trim_end_matches([',', ';', '.', ')']);
    let Some(stem) = body.strip_suffix('?') else { return false };
    let letters = stem.chars().filter(|c| c.is_alphabetic()).count();
    let only_letters = stem.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'');
    only_letters && letters >= 2 && !QUESTION_WORDS.iter().any(|q| stem.eq_ignore_ascii_case(q))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_code_and_reads_back() {
        for kind in DamageKind::ALL {
            assert_eq!(DamageKind::from_code(kind.code()), Some(kind));
        }
        let codes: std::collections::BTreeSet<&str> =
            DamageKind::ALL.iter().map(|k| k.code()).collect();
        assert_eq!(codes.len(), DamageKind::ALL.len());
        assert_eq!(DamageKind::from_code("undecodable bytes"), None);
    }

    fn kind(cell: &str) -> Option<DamageKind> {
        inspect(cell, &[]).map(|d| d.kind)
    }

    fn repair(cell: &str) -> Option<String> {
        inspect(cell, &[]).and_then(|d| d.repair)
    }

    #[test]
    fn utf8_read_as_windows_1252_is_found_and_repaired() {
        for (damaged, original) in [
            ("JosÃ©", "José"),
            ("MÃ¼ller", "Müller"),
            ("Itâ€™s", "It’s"),
            ("FranÃ§oise", "Françoise"),
            ("â€œQuoteâ€\u{9d}", "“Quote”"),
            ("SÃ¸ren Ã…berg", "Søren Åberg"),
        ] {
            assert_eq!(kind(damaged), Some(DamageKind::Utf8AsWindows1252), "{damaged}");
            assert_eq!(repair(damaged).as_deref(), Some(original), "{damaged}");
        }
    }

    #[test]
    fn partly_damaged_cells_and_true_latin1() {
        assert_eq!(repair("José and JosÃ©").as_deref(), Some("José and José"));
        assert_eq!(repair("ZoÃ« 👍").as_deref(), Some("Zoë 👍"));
        assert_eq!(kind("It\u{e2}\u{80}\u{99}s"), Some(DamageKind::Utf8AsWindows1252));
        assert_eq!(repair("It\u{e2}\u{80}\u{99}s").as_deref(), Some("It’s"));
        // Russian read as Mac Roman comes back as Cyrillic.
        let damaged =
            encoding_rs::MACINTOSH.decode_without_bom_handling("Иван".as_bytes()).0.into_owned();
        assert_eq!(repair(&damaged).as_deref(), Some("Иван"));
    }

    #[test]
    fn double_encoding_is_undone_twice() {
        let once =
            encoding_rs::WINDOWS_1252.decode_without_bom_handling("José".as_bytes()).0.into_owned();
        let twice =
            encoding_rs::WINDOWS_1252.decode_without_bom_handling(once.as_bytes()).0.into_owned();
        assert_eq!(once, "JosÃ©");
        assert_eq!(kind(&twice), Some(DamageKind::DoubleEncoded));
        assert_eq!(repair(&twice).as_deref(), Some("José"));
    }

    #[test]
    fn utf8_read_as_mac_roman_is_found_and_repaired() {
        for (damaged, original) in [
            ("O‚ÄôConnor", "O’Connor"),
            ("Jos√©", "José"),
            ("M√ºller", "Müller"),
            ("Fran√ßois", "François"),
            ("Zo√´", "Zoë"),
        ] {
            assert_eq!(kind(damaged), Some(DamageKind::Utf8AsMacRoman), "{damaged}");
            assert_eq!(repair(damaged).as_deref(), Some(original), "{damaged}");
        }
    }

    #[test]
    fn legitimate_text_does_not_fire() {
        for clean in [
            "João",
            "São Paulo",
            "SÃO PAULO",
            "Conceição Gonçalves",
            "ÃO",
            "Any budget for Q3?",
            "¿Qué tal?",
            "https://example.com/page?id=42",
            "Price: 10 € – 15 €",
            "Acme™ Solutions®",
            "Ça va?",
            "Who? Me?",
            "山田 太郎",
            "Αλέξανδρος",
            "Dvořák Łukasz Şahin",
            "👍 great call 🚀",
            "Caisse d’Épargne",
            "Non c’è",
            "NESCAFÉ®",
            "l’école, Rue de l’Église",
            "dov’è",
            "JOSÉ\u{A0}GARCIA",
            "RENÉ’S CAFÉ™",
            "Voilà\u{A0}»",
            "Nguyễn Văn Đặng",
            "Łódź, Gdańsk",
            "İstanbul Şişli",
            "Иван Петров",
            "שלום",
            "مرحبا",
            "👨‍👩‍👧 family",
            "Really?",
            "line one\r\nline two\ttabbed",
            "Müller & Söhne, GmbH",
            "Zoë O’Brien",
            "“Quoted” – dash",
            "Å",
            "naïve café",
            "50% off?!",
            "?",
            "A?",
            "CALL BACK?",
            "WHY?",
            "IS IT OK? YES",
            "NEED A QUOTE?",
            "Any budget? Maybe Q3",
            "Bogotá D.C.",
            "https://EXAMPLE.COM/?Q=1",
            "ï",
            "Ô ø",
        ] {
            assert_eq!(inspect(clean, &[]), None, "{clean}");
        }
    }

    #[test]
    fn question_marks_standing_for_letters() {
        for damaged in [
            "M?ller",
            "Fran?ois",
            "?ric",
            "Jos? Garc?a",
            "Stra?e 5",
            "???? ??????",
            "BOGOT? D.C.",
            "BOGOT?",
            "Aza?ero",
            "AZA?ERO",
            "MEDELL?N, ANTIOQUIA",
            "CAF?, PARIS",
        ] {
            assert_eq!(kind(damaged), Some(DamageKind::QuestionMark), "{damaged}");
        }
    }

    #[test]
    fn a_replacement_character_read_as_another_encoding() {
        for damaged in [
            "Jos\u{EF}\u{BF}\u{BD}",
            "Ren\u{EF}\u{BF}\u{BD} Lef\u{EF}\u{BF}\u{BD}vre",
            "Ã¯Â¿Â½ Smith",
            "JosÔøΩ",
        ] {
            let found = inspect(damaged, &[]);
            assert_eq!(
                found,
                Some(Damage { kind: DamageKind::EncodedReplacement, repair: None }),
                "{damaged}"
            );
        }
    }

    #[test]
    fn each_damaged_character_counts_once() {
        let lost = |cell: &str, replacements: &[Option<String>]| {
            inspect(cell, replacements).map(|d| d.lost_characters(cell))
        };
        assert_eq!(lost("JosÃ©", &[]), Some(1));
        assert_eq!(lost("José and JosÃ© MÃ¼ller", &[]), Some(2));
        assert_eq!(lost("O‚ÄôConnor", &[]), Some(1));
        assert_eq!(lost("M\u{FFFD}ller \u{FFFD}", &[Some("ü".into()), None]), Some(2));
        assert_eq!(lost("Ren\u{EF}\u{BF}\u{BD} Lef\u{EF}\u{BF}\u{BD}vre", &[]), Some(2));
        assert_eq!(lost("Jos? Garc?a", &[]), Some(1));
        assert_eq!(lost("JOS? GARC?A", &[]), Some(2));
        assert_eq!(lost("BOGOT? D.C.", &[]), Some(1));
        assert_eq!(lost("???? ??", &[]), Some(6));
        assert_eq!(lost("Smith\0\0", &[]), Some(0));
        assert_eq!(lost("BOGOTÃ\u{81} D.C.", &[]), Some(1));
        assert_eq!(lost("Zoë", &[]), None);
    }

    #[test]
    fn nul_and_control_characters() {
        assert_eq!(kind("Smith\0\0\0"), Some(DamageKind::Nul));
        assert_eq!(repair("Acme\0Corp").as_deref(), Some("AcmeCorp"));
        assert_eq!(kind("Acme\u{1A}"), Some(DamageKind::ControlCharacter));
        assert_eq!(kind("Caf\u{0080}"), Some(DamageKind::ControlCharacter));
    }

    #[test]
    fn a_byte_order_mark_after_the_start_of_the_file() {
        for (cell, repaired) in
            [("\u{FEFF}Id", "Id"), ("\u{FFFE}Id", "Id"), ("ï»¿Id", "Id"), ("Zoë\u{FEFF}", "Zoë")]
        {
            let found = inspect(cell, &[]).unwrap();
            assert_eq!(found.kind, DamageKind::ByteOrderMark, "{cell:?}");
            assert_eq!(found.repair.as_deref(), Some(repaired), "{cell:?}");
            assert_eq!(found.lost_characters(cell), 0, "an addition, no character lost");
        }
        assert_eq!(kind("Ïïï »¿"), None);
        assert_eq!(
            DamageKind::ByteOrderMark.name(),
            "a byte-order mark in the middle of the file: two exports concatenated?"
        );
    }

    #[test]
    fn replacement_characters_from_the_decoder_or_the_export() {
        let found =
            inspect("M\u{FFFD}ller \u{FFFD} \u{FFFD}", &[Some("ü".into()), None, Some("é".into())])
                .unwrap();
        assert_eq!(found.kind, DamageKind::Undecodable);
        assert_eq!(found.repair.as_deref(), Some("Müller \u{FFFD} é"));
        assert_eq!(kind("M\u{FFFD}ller"), Some(DamageKind::ReplacementCharacter));
        assert_eq!(
            inspect("M\u{FFFD}ller", &[None]).map(|d| d.kind),
            Some(DamageKind::ReplacementCharacter)
        );
    }
}
