//! Section 5 of the plan: records created or changed in the destination
//! during the window, the threshold past which carrying them back is a
//! project, its owner, and what can and cannot be reconciled.

use std::fmt::Write as _;

use super::shown_folder;
use crate::scenario::{DEFAULT_RECONCILE_LIMIT, Scenario};

/// Section 5.
pub(super) fn section(out: &mut String, scenario: &Scenario) {
    let limit = scenario.migration_day.reconcile_limit;
    let whose = if limit == DEFAULT_RECONCILE_LIMIT {
        "the practice's threshold".to_string()
    } else {
        format!(
            "this scenario's `[migration_day] reconcile_limit`, against the practice's {DEFAULT_RECONCILE_LIMIT}"
        )
    };
    let _ = writeln!(
        out,
        "## 5. Reconciliation of the window\n\nRecords created or changed in the destination \
         between __:__ (load started) and __:__ (rollback).\n\n\
         | | |\n|---|---|\n\
         | Threshold | more than **{limit}** modified records ({whose}) makes reconciliation a \
         project with its own plan and date; up to {limit}, the owner carries them back by hand |\n\
         | Owner | ____________ |\n\
         | Done by | ____-__-__ |\n\n\
         `shadow-import reconcile {} --baseline baseline.json --before before/ --after after/ \
         --changes changes.csv` lists what was created, changed or deleted between the two \
         exports, matched to the source (new contacts by e-mail, then name and company; stage \
         changes beside the source's stage), and fails above the threshold.\n",
        shown_folder(scenario)
    );
    out.push_str(
        "| can be reconciled | cannot be reconciled |\n|---|---|\n\
         | records created in the destination during the window: entered in the source, parents before children | e-mails, calls and meetings logged only in the destination: re-entered by hand or lost |\n\
         | field changes on migrated records (stage, amount, owner, close date), matched by the source key | messages the destination's automation sent to customers: they cannot be unsent |\n\
         | records deleted in the destination: the source still holds them | links between records (deal–contact) added in the destination: `reconcile` does not compare them; checked by hand |\n\
         | | files and attachments uploaded to the destination |\n\n",
    );
    out.push_str("Match each change to the source by its key:\n\n| object | source key column | file |\n|---|---|---|\n");
    for object in &scenario.objects {
        let _ =
            writeln!(out, "| {} | `{}` | `{}` |", object.name, object.key.name, object.source.file);
    }
    out.push_str(
        "\nChanged in both: the later change wins unless its owner decides otherwise; log each \
         decision. Before the next attempt, `shadow-import run` on a fresh export must give GO.\n\n",
    );
}
