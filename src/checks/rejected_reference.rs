//! `rejected_reference`: a lookup or junction end holds the key of a row
//! that is in the export but was rejected (references to rejected rows /
//! references), per reference. Not an orphan: the row exists, and its
//! reject already counts toward `import_failure`; counting it again as an
//! orphan would turn one failure into several. Default: warn above 0%.
//! Each example names the rejected row and why it was rejected ("points at
//! companies line 415, rejected: not a decimal number").

use super::contract::{Context, Settings, Takes, Trigger, count, whole};
use super::orphans::rejected_table;
use crate::error::Result;
use crate::facts::{Authority, RootCause};
use crate::facts::{Counted, Limits, Note, TriggerResult};
use crate::load::{ident, stored_reason};
use crate::scenario::{TriggerSettings, ref_columns};

pub const TRIGGER: Trigger = Trigger {
    id: "rejected_reference",
    defaults: Limits::warn_above(0),
    takes: Takes::Share,
    settings: Settings::Thresholds,
    authority: Authority::Data,
    cause: RootCause::FieldMapping,
    evaluate,
};

fn evaluate(
    ctx: &Context<'_>,
    limits: Limits,
    _: Option<&TriggerSettings>,
) -> Result<Vec<TriggerResult>> {
    let mut results = Vec::new();
    for (n, r) in ref_columns(ctx.scenario).into_iter().enumerate() {
        let (table, column) = (ident(r.table), ident(&r.column));
        let total = count(ctx.conn, &format!("SELECT count({column}) FROM {table}"), [])?;
        let pointing = count(ctx.conn, &format!("SELECT count(*) FROM {}", rejected_table(n)), [])?;
        let targets: Vec<String> = r.targets.iter().map(|t| (*t).to_string()).collect();
        let counted = Counted::RejectedTargets { targets };
        let mut result = TriggerResult::new(TRIGGER.id, r.label, counted, pointing, total, limits)
            .of_population(r.table);
        if pointing > 0 {
            let sql = format!(
                "SELECT c._line, c._key, ?1, c.{column}, x.object, x.line, \
                 (SELECT kind FROM _rejects j WHERE j.object = x.object AND j.line = x.line), \
                 (SELECT detail FROM _rejects j WHERE j.object = x.object AND j.line = x.line) \
                 FROM {} x JOIN {table} c ON c._rowid_ = x.row ORDER BY x.row",
                rejected_table(n)
            );
            let found = ctx.examples(r.file, &sql, [r.source_column], |row, example| {
                let (kind, detail): (Option<String>, Option<String>) = (row.get(6)?, row.get(7)?);
                example.note = Some(Note::RejectedTarget {
                    object: row.get(4)?,
                    line: whole(row, 5)?.unwrap_or(0),
                    reason: kind.zip(detail).and_then(|(k, d)| stored_reason(&k, &d)),
                });
                Ok(())
            })?;
            result.set_examples(found, pointing);
        }
        results.push(result);
    }
    Ok(results)
}
