//! Text laid out in columns as a terminal shows it: widths are display
//! widths (`株` and `🚀` take two columns, a combining accent none), never
//! characters or bytes, so a table of CJK or emoji values lines up. Every
//! padded or cut cell of a text report goes through here.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// How many terminal columns `text` takes.
pub fn width(text: &str) -> usize {
    UnicodeWidthStr::width(text)
}

/// `text` padded with spaces to `columns` columns: on the right (left
/// aligned), or on the left when `right`. Text as wide or wider is kept.
pub fn pad(text: &str, columns: usize, right: bool) -> String {
    let spaces = " ".repeat(columns.saturating_sub(width(text)));
    if right { format!("{spaces}{text}") } else { format!("{text}{spaces}") }
}

/// `text` cut to at most `columns` columns, the last of them `…` when
/// cut; text that fits is kept whole.
pub fn cut(text: &str, columns: usize) -> String {
    if width(text) <= columns {
        return text.to_string();
    }
    let room = columns.saturating_sub(1);
    let mut used = 0;
    let mut kept = String::new();
    for c in text.chars() {
        used += c.width().unwrap_or(0);
        if used > room {
            break;
        }
        kept.push(c);
    }
    kept.push('…');
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!(width("Acme"), 4);
        assert_eq!(width("株式会社テスト"), 14);
        assert_eq!(width("🚀"), 2);
        assert_eq!(width("Zoe\u{308}"), 3, "a combining accent takes none");
        assert_eq!(pad("株", 4, false), "株  ");
        assert_eq!(pad("🚀", 4, true), "  🚀");
        assert_eq!(pad("wider", 2, false), "wider");
    }

    #[test]
    fn a_cut_counts_columns() {
        assert_eq!(cut("abcdef", 4), "abc…");
        assert_eq!(cut("abcd", 4), "abcd");
        // 株式 is four columns: a third wide character would not fit with `…`.
        assert_eq!(cut("株式会社", 6), "株式…");
        assert_eq!(width(&cut("株式会社テスト", 7)), 7);
        assert!(width(&cut("🚀🚀🚀🚀", 6)) <= 6);
    }
}
