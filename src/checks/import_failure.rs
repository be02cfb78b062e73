//! `import_failure`: rows the destination would refuse (rejected rows /
//! source rows), per export file. Default: fail above 5%. A file with a
//! header but no rows warns.

use super::contract::{Context, Settings, Takes, Trigger, fail_above};
use crate::error::{RejectReason, Result};
use crate::facts::{Authority, RootCause};
use crate::facts::{Counted, Note, TriggerResult};
use crate::facts::{Limits, Status};
use crate::load::stored_reason;
use crate::scenario::TriggerSettings;

pub const TRIGGER: Trigger = Trigger {
    id: "import_failure",
    defaults: fail_above(500),
    takes: Takes::Share,
    settings: Settings::Thresholds,
    authority: Authority::Technical,
    cause: RootCause::FieldMapping,
    evaluate,
};

fn evaluate(
    ctx: &Context<'_>,
    limits: Limits,
    _: Option<&TriggerSettings>,
) -> Result<Vec<TriggerResult>> {
    let mut results = Vec::new();
    for file in ctx.files {
        let mut result = TriggerResult::new(
            TRIGGER.id,
            file.object.clone(),
            Counted::RejectedRows,
            file.rejected,
            file.source_rows,
            limits,
        );
        if file.source_rows == 0 {
            // Nothing can fail in an empty export, and that is itself suspect.
            result.status = Status::Warn;
        }
        if file.rejected > 0 {
            let found = ctx.examples(
                &file.file,
                "SELECT line, key, \"column\", raw, kind, detail FROM _rejects \
                     WHERE object = ?1 ORDER BY line",
                [&file.object],
                |row, example| {
                    let kind: String = row.get(4)?;
                    let reason =
                        stored_reason(&kind, row.get_ref(5)?.as_str()?).ok_or_else(|| {
                            rusqlite::Error::InvalidColumnType(4, kind, rusqlite::types::Type::Text)
                        })?;
                    // A rejected row with no column (a ragged row), or a cell that
                    // swallowed rows: its value is a whole row, or several.
                    example.whole_row = example.column.is_none()
                        || matches!(reason, RejectReason::SwallowedRows { .. });
                    example.note = Some(Note::Rejected { reason });
                    Ok(())
                },
            )?;
            result.set_examples(found, file.rejected);
        }
        results.push(result);
    }
    Ok(results)
}
