//! `plan --drill TRIGGER`: the tabletop exercise. "We've just hit this
//! trigger": the first 30 minutes step by step with today's numbers (who
//! decides, what to stop, what to export, which message goes out when),
//! ending with the questions the drill must answer.

use std::fmt::Write as _;

use super::{Rehearsed, cause_and_prevention, quoted, shown_folder, worst};
use crate::facts::{Authority, SYSTEM_INSTABILITY, Status, TriggerResult};
use crate::report::words::{self, grouped};
use crate::scenario::Scenario;

/// The questions every drill must answer, in order.
pub const QUESTIONS: [&str; 6] = [
    "Does the backup admin have working credentials for the source and the destination? (tried at __:__ by ____________)",
    "Does everyone know where this document is? (asked of each person present)",
    "Could the person on duty cancel the running import jobs without help?",
    "Was the call made within 5 minutes, by the person section 1 names?",
    "Did the sales team's message go out within 30 minutes?",
    "How long did the destination's export take (step 5 of section 3)?",
];

/// The drill of trigger `id` as Markdown, or `None` when today's rehearsal
/// has no result for it (and it is not [`SYSTEM_INSTABILITY`]).
pub fn render(scenario: &Scenario, rehearsed: &Rehearsed, id: &str) -> Option<String> {
    let result = worst(&rehearsed.report, id);
    if result.is_none() && id != SYSTEM_INSTABILITY {
        return None;
    }
    let mut out = String::new();
    let _ = writeln!(out, "# Rollback drill · `{id}` · {}\n", scenario.name);
    let (headline, authority) = match result {
        Some(t) => (format!("({}, {})", words::amount(t), words::measure(t)), t.authority),
        None => (
            "(the destination has thrown errors since __:__, 30 minutes ago)".to_string(),
            Authority::Technical,
        ),
    };
    let _ = writeln!(out, "> We've just hit `{id}` {headline}.\n");
    if let Some(t) = result.filter(|t| t.status != Status::Fail) {
        let _ = writeln!(
            out,
            "Today's rehearsal measured {} ({}): the drill supposes the day's figure crossed it.\n",
            words::amount(t),
            words::limits(t)
        );
    }
    out.push_str(
        "| | |\n|---|---|\n| Drill held on | ____-__-__ at __:__ |\n| People present | ____________ |\n\
         | Plan used | `shadow-import plan` of this scenario, stored at ____________ |\n\n",
    );
    minutes(&mut out, scenario, rehearsed, result, authority);
    out.push_str("\n## Questions the drill must answer\n\n");
    for q in QUESTIONS {
        let _ = writeln!(out, "- [ ] {q}");
    }
    out.push_str("\n## Findings\n\n| finding | action | owner | due |\n|---|---|---|---|\n| ____________ | ____________ | ____________ | ____-__-__ |\n");
    Some(out)
}

/// The first 30 minutes, minute by minute.
fn minutes(
    out: &mut String,
    scenario: &Scenario,
    rehearsed: &Rehearsed,
    result: Option<&TriggerResult>,
    authority: Authority,
) {
    let caller = match authority {
        Authority::Technical => "the IT lead",
        Authority::Data => "the RevOps or Sales Ops lead",
    };
    let met = result.map_or_else(
        || "errors or downtime for 30 minutes".to_string(),
        |t| format!("{} against {}", words::measure(t), words::limits(t)),
    );
    let order = scenario.load_order().join(", ");
    let records: Vec<String> = rehearsed
        .report
        .objects
        .iter()
        .map(|o| format!("{} {}", grouped(o.loaded), o.name))
        .collect();
    let integrations: Vec<&str> = scenario.integrations.iter().map(|i| i.name.as_str()).collect();
    let integrations =
        if integrations.is_empty() { "____________".to_string() } else { integrations.join(", ") };
    out.push_str(
        "## The first 30 minutes\n\n| minute | what happens | who | done at |\n|---|---|---|---|\n",
    );
    let _ = writeln!(
        out,
        "| 0 | The trigger is met: {met}. It is reported to {caller}. | whoever sees it | __:__ |"
    );
    let cause = result.map_or_else(
        || "destination platform instability — check the vendor's status page".to_string(),
        cause_and_prevention,
    );
    let _ = writeln!(
        out,
        "| 0–5 | {} calls it (primary ____________, backup ____________; alone or both, as \
         section 1 says). Before hour 4 (__:__): roll back at once. Root cause it points to: {cause}. | {caller} | __:__ |",
        capitalised(caller)
    );
    let _ = writeln!(
        out,
        "| 5 | Stop the migration: cancel the import jobs still running (load order: {order}). | the IT lead | __:__ |"
    );
    let _ = writeln!(
        out,
        "| 5–15 | Revoke destination access and, at the same time, restore full source access; \
         re-enable {integrations}. | the IT lead | __:__ |"
    );
    let _ = writeln!(
        out,
        "| 10–25 | Document the destination before any clean-up: export {} (today's counts) to \
         `after/` for `shadow-import reconcile {}`. | ____________ | __:__ |",
        records.join(", "),
        shown_folder(scenario)
    );
    out.push_str(
        "| by 30 | Message 4.1 to the sales team: paused, not failed; the current CRM is live; no \
         data lost; next update in __ hours. | ____________ | __:__ |\n",
    );
    let _ = writeln!(
        out,
        "| 30 | Message 4.2 to leadership drafted, due by minute 60: \"{}\". | the migration lead | __:__ |",
        result.map_or_else(
            || "`system_instability`: the destination threw errors for __ minutes".to_string(),
            |t| format!("`{}` {}", t.id, quoted(t))
        )
    );
}

/// `The IT lead` from `the IT lead`.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}
