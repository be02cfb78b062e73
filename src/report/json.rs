//! JSON rendering of a [`Report`]: the contract scripts and CI read
//! (`scenario`, `verdict`, `objects`, `triggers`; fields may grow).

use super::Report;

/// Pretty-printed JSON with a final newline.
pub fn render(report: &Report) -> String {
    // Serializing plain data structs with string keys cannot fail.
    let mut text =
        serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}
