//! Null tokens and placeholders in the shadow: each file's count of cells
//! that are each null token (every cell of every row, as `grep -x` would
//! count them), the `_blanked` table of loaded fields whose value is blank
//! because it is a placeholder (or a null token in a critical field), and
//! the reader the reports get the placeholders from.

use csv::StringRecord;
use rusqlite::params;

use super::Shadow;
use crate::error::{Error, Result};
use crate::facts::{BlankedExample, PlaceholderKind, Placeholders};
use crate::map::{Blank, Blanked, ObjectPlan};
use crate::scenario::{FieldType, NullTokens, Scenario};

/// The `_blanked` table's columns.
pub(super) const TABLE: (&str, &str) = (
    "_blanked",
    "object TEXT NOT NULL, field TEXT NOT NULL, line INTEGER NOT NULL, key TEXT NOT NULL, \
     value TEXT NOT NULL, kind TEXT NOT NULL",
);

/// `_blanked.kind` of a null token.
pub const NULL_TOKEN: &str = Blank::Token(0).code();

/// `_blanked.kind` of a placeholder.
pub const PLACEHOLDER: &str = Blank::Placeholder.code();

/// Examples of placeholders listed per field.
const EXAMPLES: usize = 3;

/// Adds the null tokens among `record`'s cells to `counts` (one per token).
pub(super) fn count_tokens(counts: &mut Vec<u64>, tokens: &NullTokens, record: &StringRecord) {
    if counts.len() != tokens.list().len() {
        counts.resize(tokens.list().len(), 0);
    }
    for cell in record {
        let trimmed = cell.trim_matches(|c: char| c.is_ascii_whitespace());
        if let Some(i) = tokens.position(trimmed) {
            counts[i] += 1;
        }
    }
}

/// A damage repair that reads as a null token (`NULL\0\0` → `NULL`) says
/// the cell is blank, not what it likely held: it is stored blank.
pub(super) fn blank_repair(repair: &mut Option<String>, tokens: Option<&NullTokens>) {
    if let (Some(text), Some(tokens)) = (repair.as_mut(), tokens)
        && tokens.contains(text.trim_matches(|c: char| c.is_ascii_whitespace()))
    {
        text.clear();
    }
}

/// Records the fields of loaded rows that are blank for a null token or a
/// placeholder in `_blanked`.
pub(super) struct Noted<'t> {
    insert: rusqlite::CachedStatement<'t>,
}

impl<'t> Noted<'t> {
    pub(super) fn new(tx: &'t rusqlite::Transaction<'_>) -> Result<Self> {
        let insert = tx
            .prepare_cached(
                "INSERT INTO _blanked (object, field, line, key, value, kind) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .map_err(Error::shadow("prepare insert"))?;
        Ok(Noted { insert })
    }

    /// Records the fields of the row just loaded that
    /// [`ObjectPlan::map_noting`] noted in `blanked`.
    pub(super) fn record(
        &mut self,
        plan: &ObjectPlan<'_>,
        blanked: &[Blanked],
        line: i64,
        key: &str,
    ) -> Result<()> {
        for b in blanked {
            let field = &plan.object.fields[b.field].name;
            self.insert
                .execute(params![plan.object.name, field, line, key, b.value, b.blank.code()])
                .map_err(Error::shadow("insert blanked value"))?;
        }
        Ok(())
    }
}

impl Shadow {
    /// The placeholders found in each e-mail and phone field of
    /// `scenario`'s loaded rows, in scenario order (fields without any
    /// left out), with the first few as examples.
    pub fn placeholders(&self, scenario: &Scenario) -> Result<Vec<Placeholders>> {
        let sql = |e| Error::shadow("read placeholders")(e);
        let mut all = Vec::new();
        // Only loaded rows are noted, and a row moved to `_rejects` for its
        // duplicate key takes its notes with it.
        let from = "FROM _blanked WHERE object = ?1 AND field = ?2 AND kind = ?3";
        let mut count = self.conn.prepare(&format!("SELECT count(*) {from}")).map_err(sql)?;
        let mut first = self
            .conn
            .prepare(&format!("SELECT line, key, value {from} ORDER BY line LIMIT {EXAMPLES}"))
            .map_err(sql)?;
        for object in &scenario.objects {
            let fields = object
                .fields
                .iter()
                .filter(|f| matches!(f.kind, FieldType::Email | FieldType::Phone));
            for field in fields {
                let rows: i64 = count
                    .query_row([&object.name, &field.name, PLACEHOLDER], |r| r.get(0))
                    .map_err(sql)?;
                if rows == 0 {
                    continue;
                }
                let examples = first
                    .query_map([&object.name, &field.name, PLACEHOLDER], |r| {
                        Ok(BlankedExample {
                            line: u64::try_from(r.get::<_, i64>(0)?).unwrap_or(0),
                            key: r.get(1)?,
                            value: r.get(2)?,
                            masked: false,
                        })
                    })
                    .map_err(sql)?
                    .collect::<rusqlite::Result<Vec<_>>>()
                    .map_err(sql)?;
                all.push(Placeholders {
                    field: format!("{}.{}", object.name, field.name),
                    kind: if field.kind == FieldType::Email {
                        PlaceholderKind::Email
                    } else {
                        PlaceholderKind::Phone
                    },
                    file: object.source.file.clone(),
                    column: field.from.name.clone(),
                    rows: u64::try_from(rows).unwrap_or(0),
                    critical: field.critical,
                    examples,
                });
            }
        }
        Ok(all)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cell_equal_to_a_token_once_trimmed_is_counted() {
        let tokens = NullTokens::default();
        let mut counts = Vec::new();
        let rows = [
            vec!["#N/A", " NULL ", "null", "x"],
            vec!["#N/A", "#N/A!", "Null", "-"],
            vec!["", "N/A", "[not provided]", "None"],
        ];
        for row in rows {
            count_tokens(&mut counts, &tokens, &StringRecord::from(row));
        }
        assert_eq!(counts, [2, 1, 1, 1, 1, 1, 1]);
    }

    #[test]
    fn a_repair_that_is_a_null_token_is_blank() {
        let tokens = NullTokens::default();
        let mut repair = Some(" NULL".to_string());
        blank_repair(&mut repair, Some(&tokens));
        assert_eq!(repair.as_deref(), Some(""));
        let mut repair = Some("Smith".to_string());
        blank_repair(&mut repair, Some(&tokens));
        assert_eq!(repair.as_deref(), Some("Smith"));
    }
}
