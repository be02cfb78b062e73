//! `import_failure`: rows the destination would refuse (rejected rows /
//! source rows), per export file. Default: fail above 5%. A file with a
//! header but no rows warns.

use super::{Context, Settings, Trigger, examples, fail_above};
use crate::error::Result;
use crate::facts::{EXAMPLES, TriggerResult};
use crate::facts::{Limits, Status};
use crate::scenario::TriggerSettings;

pub const TRIGGER: Trigger = Trigger {
    id: "import_failure",
    defaults: fail_above(500),
    settings: Settings::Thresholds,
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
            file.rejected,
            file.source_rows,
            limits,
            format!("{} of {} rows rejected", file.rejected, file.source_rows),
        );
        if file.source_rows == 0 {
            // Nothing can fail in an empty export, and that is itself suspect.
            result.status = Status::Warn;
            result.measure = "the file has a header but no rows".into();
        }
        if file.rejected > 0 {
            let found = examples(
                ctx.conn,
                &file.file,
                &format!(
                    "SELECT line, key, \"column\", raw, reason FROM _rejects \
                     WHERE object = ?1 ORDER BY line LIMIT {EXAMPLES}"
                ),
                [&file.object],
            )?;
            result.set_examples(found, file.rejected);
        }
        results.push(result);
    }
    Ok(results)
}
