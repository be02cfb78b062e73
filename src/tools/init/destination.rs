//! The destination schema `init` writes beside the scenario: the shipped
//! schema of the target (`extends`), plus the objects and fields the
//! scenario maps that it does not know, each marked REVIEW, so the
//! destination's checks (required fields, lengths, picklists, merges,
//! unique fields, validation rules) are on from the first run. The team
//! adds its own unique fields and validation rules to the same file.

use std::fmt::Write as _;

use crate::scenario::Scenario;
use crate::scenario::destination::Destination;

/// The file name, beside `scenario.toml`.
pub const FILE: &str = "destination.toml";

/// Where the scenario's `[destination]` block goes in the text `init`
/// writes, replaced once the objects and fields are known.
pub(super) const MARKER: &str = "# (destination)\n";

/// The schema file for `scenario` going to `target`, and the block of
/// `scenario.toml` naming it: on, unless the scenario leaves a field the
/// destination requires unmapped (then commented out, naming the fields);
/// always on when the team's own file is `kept`.
pub(super) fn schema(scenario: &Scenario, target: &str, kept: bool) -> (String, String) {
    let shipped = Destination::builtin(target)
        .and_then(|text| Destination::parse(target, text, std::path::Path::new(target)).ok());
    let mut out = format!(
        "# {target}'s rules for this migration: the schema the tool ships\n\
         # (destinations/{target}.toml: required fields, lengths, picklists, the\n\
         # records it merges), and what the scenario maps that it does not know,\n\
         # marked REVIEW. Add your own here:\n\
         #   a unique field:    [objects.contacts.fields] customer_number = {{ unique = true }}\n\
         #   an external id:    erp_id = {{ external_id = true }}  (upserts fail on a repeated value)\n\
         #   a validation rule: [objects.deals.rule]\n\
         #                      amount_not_negative = {{ check = \"amount IS NULL OR amount >= 0\", message = \"Amount cannot be negative.\" }}\n\
         extends = \"{target}\"\n"
    );
    let mut missing = Vec::new();
    for object in &scenario.objects {
        let known = shipped.as_ref().and_then(|s| s.object(&object.name));
        let unknown: Vec<&str> = object
            .fields
            .iter()
            .map(|f| f.name.as_str())
            .filter(|f| known.is_none_or(|k| !k.contains_key(*f)))
            .collect();
        if let Some(known) = known {
            for (field, rule) in known {
                if rule.required && !object.fields.iter().any(|f| &f.name == field) {
                    missing.push(format!("{}.{field}", object.name));
                }
            }
        }
        if known.is_some() && unknown.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n[objects.{}.fields]", key(&object.name));
        if known.is_none() {
            let _ = writeln!(
                out,
                "# REVIEW: {target} has no standard {} object: create it, or map its records elsewhere",
                super::quoted(&object.name)
            );
        }
        for field in unknown {
            let _ = writeln!(
                out,
                "{} = {{}}  # REVIEW: not a standard {target} field: create it, or map the column to one",
                key(field)
            );
        }
    }
    let block = if kept {
        format!("[destination]\nschema = \"{FILE}\"   # yours, kept as it is\n")
    } else if missing.is_empty() {
        format!(
            "[destination]\nschema = \"{FILE}\"   # {target}'s rules, with this migration's fields\n"
        )
    } else {
        format!(
            "# REVIEW: on once {} {} mapped ({target} requires {}):\n# [destination]\n# schema = \"{FILE}\"\n",
            missing.join(", "),
            if missing.len() == 1 { "is" } else { "are" },
            if missing.len() == 1 { "it" } else { "them" },
        )
    };
    (out, block)
}

/// A TOML key: bare when it can be, else the basic string `init` writes
/// every hostile name as (a line break cannot end the line).
fn key(name: &str) -> String {
    if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        name.to_string()
    } else {
        super::quoted(name)
    }
}
