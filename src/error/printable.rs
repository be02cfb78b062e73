//! Text safe to show on a terminal. A file name, a header or a scenario
//! string may hold control characters, an ANSI escape among them (`ESC[2J`
//! clears the screen, `ESC]0;…` retitles the window): every message, report
//! line and progress label that shows such text shows them escaped, as
//! Rust writes them (`\u{1b}`, `\0`, `\r`), and the rest (accents, CJK,
//! emoji) as written.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::Path;

/// `text` with every control character escaped, line breaks and tabs too:
/// for a name (a file, a header, an object) shown on one line.
pub fn printable(text: &str) -> String {
    escape(text, |_| false).into_owned()
}

/// A path as [`printable`] shows it.
pub fn printable_path(path: &Path) -> String {
    printable(&path.to_string_lossy())
}

/// How many characters of a header, cell or value a message shows.
pub const SHOWN_CHARS: usize = 200;

/// `text` cut to its first [`SHOWN_CHARS`] characters, with how long it
/// was (`abc… (5000 characters)`), so that a huge header or cell from a
/// user's file never floods a message.
pub fn short(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(SHOWN_CHARS) {
        None => Cow::Borrowed(text),
        Some((at, _)) => {
            Cow::Owned(format!("{}… ({} characters)", &text[..at], text.chars().count()))
        }
    }
}

/// A whole message or report for a terminal: every control character
/// escaped except line breaks and tabs, which lay it out.
pub fn terminal(text: &str) -> Cow<'_, str> {
    escape(text, |c| c == '\n' || c == '\t')
}

/// A report painted with `styles` (the exact ANSI sequences the painter
/// wrote): [`terminal`], except that those sequences are kept.
pub fn terminal_keeping(text: &str, styles: &[String]) -> String {
    if styles.is_empty() {
        return terminal(text).into_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\u{1b}') {
        out.push_str(&terminal(&rest[..at]));
        rest = &rest[at..];
        match styles.iter().find(|s| !s.is_empty() && rest.starts_with(s.as_str())) {
            Some(style) => {
                out.push_str(style);
                rest = &rest[style.len()..];
            }
            None => {
                out.push_str("\\u{1b}");
                rest = &rest[1..];
            }
        }
    }
    out.push_str(&terminal(rest));
    out
}

/// `text` with the control characters `keep` does not keep escaped.
fn escape(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() && !keep(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() && !keep(c) {
            let _ = write!(out, "{}", c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_show_every_control_character_escaped() {
        assert_eq!(printable("data/\u{1b}[31mred.csv"), "data/\\u{1b}[31mred.csv");
        assert_eq!(printable("a\nb\tc\r\0\u{7f}\u{9b}"), "a\\nb\\tc\\r\\u{0}\\u{7f}\\u{9b}");
        assert_eq!(printable("Müller 東京 🦄"), "Müller 東京 🦄");
        assert_eq!(printable_path(Path::new("x/\u{7}bell.csv")), "x/\\u{7}bell.csv");
    }

    #[test]
    fn long_text_is_cut_with_its_length() {
        assert_eq!(short("Email"), "Email");
        let exact = "é".repeat(SHOWN_CHARS);
        assert!(matches!(short(&exact), Cow::Borrowed(_)));
        let long = "é".repeat(5000);
        assert_eq!(short(&long), format!("{}… (5000 characters)", "é".repeat(SHOWN_CHARS)));
    }

    #[test]
    fn messages_keep_their_lines_and_lose_their_escapes() {
        assert_eq!(terminal("line 1\n\tline 2"), "line 1\n\tline 2");
        assert!(matches!(terminal("plain"), Cow::Borrowed("plain")));
        assert_eq!(terminal("\u{1b}]0;pwned\u{7}x"), "\\u{1b}]0;pwned\\u{7}x");
    }

    #[test]
    fn a_painted_report_keeps_only_its_own_styles() {
        let styles = ["\u{1b}[1m".to_string(), "\u{1b}[0m".to_string()];
        let text = "\u{1b}[1mScenario: a\u{1b}[2Jb\u{1b}[0m\n";
        assert_eq!(terminal_keeping(text, &styles), "\u{1b}[1mScenario: a\\u{1b}[2Jb\u{1b}[0m\n");
        assert_eq!(terminal_keeping("a\u{1b}[1m", &[]), "a\\u{1b}[1m");
    }
}
