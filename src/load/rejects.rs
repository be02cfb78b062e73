//! The shadow's `_rejects` table: a reject is written with its reason
//! three ways (the sentence in `reason`, for a person querying a kept
//! `--db`; the stable code in `kind`; the kind's fields as a JSON object in
//! `detail`), read back as a [`RejectReason`] by the checks, and handed one
//! row at a time to whoever writes the rejects out.

use rusqlite::{CachedStatement, Transaction, params};
use serde_json::{Map, Value};

use super::{Shadow, sql_int};
use crate::error::{Error, Quoted, RejectReason, Result};
use crate::facts::RejectedRow;
use crate::map::Reject;

/// The prepared statement that records rejects in one transaction.
pub(super) struct Insert<'t>(CachedStatement<'t>);

impl<'t> Insert<'t> {
    pub(super) fn new(tx: &'t Transaction<'_>) -> Result<Self> {
        let stmt = tx
            .prepare_cached(
                "INSERT INTO _rejects (object, file, line, \"column\", reason, kind, detail, raw, key, cells) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )
            .map_err(Error::shadow("prepare reject insert"))?;
        Ok(Insert(stmt))
    }

    /// Records `reject` of the row at `(object, file, line)`, with the row's
    /// key and its cells as a JSON array.
    pub(super) fn row(
        &mut self,
        (object, file, line): (&str, &str, u64),
        reject: &Reject,
        key: Option<&str>,
        cells: &str,
    ) -> Result<()> {
        let sentence = reject.reason.sentence(Quoted::Text(&reject.raw)).to_string();
        self.0
            .execute(params![
                object,
                file,
                sql_int(line),
                reject.column,
                sentence,
                reject.reason.code(),
                detail(&reject.reason),
                reject.raw,
                key,
                cells
            ])
            .map_err(Error::shadow("insert reject"))?;
        Ok(())
    }
}

/// A reason's fields without its kind, as a JSON object (`{"map":"owners"}`).
fn detail(reason: &RejectReason) -> String {
    match serde_json::to_value(reason) {
        Ok(Value::Object(mut fields)) => {
            fields.remove("kind");
            Value::Object(fields).to_string()
        }
        _ => "{}".to_string(),
    }
}

/// The reason a `_rejects` row holds, from its `kind` and `detail` columns;
/// `None` if they do not describe one.
pub fn stored_reason(kind: &str, detail: &str) -> Option<RejectReason> {
    let mut fields: Map<String, Value> = serde_json::from_str(detail).ok()?;
    fields.insert("kind".to_string(), Value::from(kind));
    serde_json::from_value(Value::Object(fields)).ok()
}

impl Shadow {
    /// Hands every rejected row to `each`, by object then line, one at a
    /// time (an export can have millions). Stops at the first error `each`
    /// returns.
    pub fn each_reject(&self, mut each: impl FnMut(&RejectedRow<'_>) -> Result<()>) -> Result<()> {
        let read = |e| Error::shadow("read rejects")(e);
        let mut stmt = self
            .conn
            .prepare(
                "SELECT file, line, object, coalesce(\"column\", ''), reason, coalesce(key, ''), raw, cells \
                 FROM _rejects ORDER BY object, line",
            )
            .map_err(read)?;
        let mut rows = stmt.query([]).map_err(read)?;
        while let Some(row) = rows.next().map_err(read)? {
            let text = |i: usize| row.get_ref(i).and_then(|v| Ok(v.as_str()?)).map_err(read);
            let line: i64 = row.get(1).map_err(read)?;
            let cells: Vec<String> = serde_json::from_str(text(7)?).unwrap_or_default();
            each(&RejectedRow {
                file: text(0)?,
                line: u64::try_from(line).unwrap_or(0),
                object: text(2)?,
                column: text(3)?,
                reason: text(4)?,
                key: text(5)?,
                raw: text(6)?,
                cells: &cells,
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_reads_back_from_its_code_and_fields() {
        for reason in [
            RejectReason::BlankKey,
            RejectReason::DuplicateKey { first_line: 7 },
            RejectReason::NotInMap { map: "owners".into() },
            RejectReason::PhoneCharacter { bad: 'é' },
            RejectReason::NotDatetime { format: None },
        ] {
            assert_eq!(stored_reason(reason.code(), &detail(&reason)), Some(reason));
        }
        assert_eq!(detail(&RejectReason::NotInMap { map: "owners".into() }), r#"{"map":"owners"}"#);
        assert_eq!(detail(&RejectReason::BlankKey), "{}");
        assert_eq!(stored_reason("duplicate key", "{}"), None);
        assert_eq!(stored_reason("blank_key", "not json"), None);
    }
}
