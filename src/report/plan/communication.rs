//! Section 4 of the plan: the rep-facing message (within 30 minutes), the
//! leadership message (within 1 hour) filled from today's rehearsal, the
//! customer-facing script, the channel for each audience, and what not to say.

use std::fmt::Write as _;

use super::{cause_and_prevention, quoted};
use crate::report::Report;
use crate::scenario::Scenario;

/// What not to say, in any message.
const NOT_TO_SAY: [&str; 4] = [
    "Don't call it a failure: the migration is paused and rolled back as planned.",
    "Don't speculate on the cause: say what was measured; the cause is the root-cause review's.",
    "Don't promise a time or a date you are not sure of: give the time of the next update instead.",
    "Don't name a person, a team or a vendor as to blame.",
];

/// Section 4.
pub(super) fn section(out: &mut String, scenario: &Scenario, report: &Report) {
    out.push_str(
        "## 4. Communication\n\n### 4.1 To the sales team, within 30 minutes\n\n\
         Sent by __:__ (30 minutes after the call) on the channel of 4.4.\n\n\
         > **Subject: CRM migration paused — keep working in the current CRM**\n>\n\
         > The move to the new CRM is paused, not failed. The current CRM is live and up to date: \
         keep working in it as usual.\n\
         > No data has been lost: every record is in the current CRM as it was at __:__.\n\
         > Please don't enter anything in the new CRM until we tell you.\n\
         > Next update in __ hours, at __:__. Questions: ____________ (contact).\n\n",
    );
    leadership(out, scenario, report);
    out.push_str(
        "### 4.3 To customer-facing staff\n\n\
         > **Subject: CRM switch postponed — keep using the current system**\n>\n\
         > The switch to the new CRM planned for ____-__-__ is postponed. Keep using the current CRM for \
         all customer records and activities. Nothing you entered is lost.\n\
         > If a customer asks: \"We are updating our systems; your account and requests are unaffected.\"\n\
         > Next update at __:__ from ____________.\n\n\
         ### 4.4 Channels\n\n| audience | message | channel | sent by | sent at |\n|---|---|---|---|---|\n\
         | sales team | 4.1, within 30 minutes | ____________ | ____________ | __:__ |\n\
         | leadership | 4.2, within 1 hour | ____________ | ____________ | __:__ |\n\
         | customer-facing staff | 4.3 | ____________ | ____________ | __:__ |\n\
         | migration team | status every __ hours until the review | ____________ | ____________ | __:__ |\n\n\
         ### 4.5 What not to say\n\n",
    );
    for line in NOT_TO_SAY {
        let _ = writeln!(out, "- {line}");
    }
    out.push('\n');
}

/// 4.2: the leadership message, its trigger and recovery path from today's
/// rehearsal when it met one.
fn leadership(out: &mut String, scenario: &Scenario, report: &Report) {
    let _ = writeln!(
        out,
        "### 4.2 To leadership, within 1 hour\n\nSent by __:__ on the channel of 4.4. {}\n\n\
         > **Subject: CRM migration of {} rolled back at __:__ — status and next steps**\n>",
        if report.failed().next().is_some() {
            "Filled from today's rehearsal; replace each figure with the day's."
        } else {
            "Today's rehearsal met no trigger, so the trigger is left to fill in on the day."
        },
        scenario.name
    );
    let failed: Vec<_> = report.failed().collect();
    if failed.is_empty() {
        out.push_str("> **Trigger met:** `____` measured ____ against its threshold ____.\n");
    }
    for t in &failed {
        let _ = writeln!(out, "> **Trigger met:** `{}` on {}: {}.", t.id, t.object, quoted(t));
    }
    out.push_str(
        ">\n> **Current state:** the current CRM is live and the system of record; the new CRM is \
         closed to users; the source was preserved at __:__ and no data is lost.\n>\n",
    );
    if failed.is_empty() {
        out.push_str("> **Recovery path:** ____________.\n");
    }
    for t in &failed {
        let _ = writeln!(out, "> **Recovery path** (`{}`): {}.", t.id, cause_and_prevention(t));
    }
    out.push_str(
        "> Then a new rehearsal on a fresh export, which must give GO.\n>\n\
         > **Schedule impact:** go-live moves from ____-__-__ to ____-__-__; root-cause review on \
         ____-__-__ (48 hours after the rollback).\n\n",
    );
}
