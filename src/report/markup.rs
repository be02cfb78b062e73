//! Markup shared by the HTML renderings (the page and its timeline).

/// Text safe in HTML content and attributes.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn the_five_markup_characters_are_escaped_and_nothing_else() {
        assert_eq!(
            escape(r#"<a href="x">O'Brien & Søn 🚀</a>"#),
            "&lt;a href=&quot;x&quot;&gt;O&#39;Brien &amp; Søn 🚀&lt;/a&gt;"
        );
    }
}
