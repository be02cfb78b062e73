//! The reference columns of a scenario: every lookup field and every
//! junction end, with the objects they may point at.

use super::Scenario;

/// A shadow column holding references: a lookup field or a junction end.
pub struct RefColumn<'s> {
    /// `contacts.company → companies`, `deal_contacts.right → contacts`.
    pub label: String,
    /// The table holding the column (object or junction name).
    pub table: &'s str,
    /// The column in that table.
    pub column: String,
    /// The source column it was read from.
    pub source_column: &'s str,
    /// The export file of the table.
    pub file: &'s str,
    /// The object(s) it may point at.
    pub targets: Vec<&'s str>,
    /// The target field matched instead of the source key.
    pub by: Option<&'s str>,
}

/// Every reference column of the scenario: lookup fields, then junction ends.
pub fn ref_columns(scenario: &Scenario) -> Vec<RefColumn<'_>> {
    let mut refs = Vec::new();
    for object in &scenario.objects {
        for field in &object.fields {
            if let Some(reference) = &field.reference {
                refs.push(RefColumn {
                    label: format!(
                        "{}.{} → {}",
                        object.name,
                        field.name,
                        reference.targets.join(" | ")
                    ),
                    table: &object.name,
                    column: field.name.clone(),
                    source_column: &field.from.name,
                    file: &object.source.file,
                    targets: reference.targets.iter().map(String::as_str).collect(),
                    by: reference.by.as_deref(),
                });
            }
        }
    }
    for junction in &scenario.junctions {
        for (side, end) in [("left", &junction.left), ("right", &junction.right)] {
            refs.push(RefColumn {
                label: format!("{}.{side} → {}", junction.name, end.target),
                table: &junction.name,
                column: side.to_string(),
                source_column: &end.from.name,
                file: &junction.source.file,
                targets: vec![&end.target],
                by: end.by.as_deref(),
            });
        }
    }
    refs
}
