//! The words of root causes: what each [`RootCause`] is called, where the
//! problem starts, and how the next attempt prevents it. Every report names
//! them beside a failing trigger; the plan, the drill and the post-mortem
//! build on them.

use crate::facts::{RootCause, Status, TriggerResult};

/// The cause's name, as the practice's table writes it: `junction object missed`.
pub fn name(cause: RootCause) -> &'static str {
    match cause {
        RootCause::JunctionMissed => "junction object missed",
        RootCause::StageNameMismatch => "stage name mismatch",
        RootCause::CharacterEncoding => "character encoding",
        RootCause::FieldMapping => "field mapping error",
        RootCause::ApiLimit => "API limit",
        RootCause::Automation => "automation triggered on imported records",
        RootCause::SourceData => "incomplete source data",
        RootCause::IncompleteExport => "incomplete export",
        RootCause::Spreadsheet => "file passed through a spreadsheet",
        RootCause::Platform => "destination platform instability",
        RootCause::WindowWork => "work in the destination during the window",
        RootCause::Integrity => "the rehearsal's own accounting",
        RootCause::DestinationRules => "the destination's own rules",
    }
}

/// Where the problem originates, in a sentence.
pub fn origin(cause: RootCause) -> &'static str {
    match cause {
        RootCause::JunctionMissed => {
            "the mapping: a junction file in the export (OpportunityContactRole, \
             AccountContactRelation, an association export) is not read by any [[junction]], so \
             its links never reach the destination"
        }
        RootCause::StageNameMismatch => {
            "the mapping: source stage or picklist values have no target value in the destination"
        }
        RootCause::CharacterEncoding => {
            "the export: the file was written or read in another character encoding than the one \
             the mapping reads"
        }
        RootCause::FieldMapping => {
            "the mapping: a field is read from the wrong column, type or format, so the \
             destination refuses or changes the rows"
        }
        RootCause::ApiLimit => {
            "the destination's API limits: the calls the load needs do not fit the window or the \
             day's budget"
        }
        RootCause::Automation => {
            "the destination: workflows, assignment rules or sequences ran on the imported \
             records and changed them after the load"
        }
        RootCause::SourceData => {
            "the source records: fields left blank or records that contradict each other in the \
             source system"
        }
        RootCause::IncompleteExport => {
            "the export: records point at parents the export does not contain (a filtered or \
             partial export)"
        }
        RootCause::Spreadsheet => {
            "the export's handling: the file was opened and saved in a spreadsheet, which \
             rewrote ids, numbers or dates"
        }
        RootCause::Platform => {
            "the destination platform: it was unavailable or threw errors during the load"
        }
        RootCause::WindowWork => {
            "the window: people created or changed records in the destination while it was open"
        }
        RootCause::Integrity => {
            "the rehearsal itself: its rows do not add up, so its other figures cannot be trusted"
        }
        RootCause::DestinationRules => {
            "the destination: it merges records that share a key, refuses a value a unique field \
             already holds, or its validation rules refuse records the export holds as valid"
        }
    }
}

/// How the next attempt prevents it.
pub fn prevention(cause: RootCause) -> &'static str {
    match cause {
        RootCause::JunctionMissed => {
            "map every junction file as a [[junction]] (`shadow-import init` lists the files no \
             mapping reads) and re-run until missing_relationship passes"
        }
        RootCause::StageNameMismatch => {
            "give every source stage a target in the value map (strict), or create the stage in \
             the destination before the load"
        }
        RootCause::CharacterEncoding => {
            "export as UTF-8, or declare the file's encoding in the scenario; never re-save the \
             export in a spreadsheet"
        }
        RootCause::FieldMapping => {
            "correct the field's column, type or format in the scenario and rehearse again on a \
             fresh export"
        }
        RootCause::ApiLimit => {
            "raise the API tier or use the bulk API, pause other integrations, or split the load \
             over more windows"
        }
        RootCause::Automation => {
            "switch off workflows, assignment rules and sequences for the migration user before \
             the load, and on again after verify"
        }
        RootCause::SourceData => {
            "fix the listed records in the source before the export, or relax the rule with the \
             data owner's sign-off"
        }
        RootCause::IncompleteExport => {
            "export every parent object unfiltered, or map the references that point outside the \
             export"
        }
        RootCause::Spreadsheet => {
            "take a fresh export straight from the source and keep it out of spreadsheets"
        }
        RootCause::Platform => {
            "check the vendor's status page and maintenance calendar, and load below the rate \
             limits"
        }
        RootCause::WindowWork => {
            "freeze the destination for everyone but the migration user until go-live is called"
        }
        RootCause::Integrity => {
            "report the scenario and its files to the tool's maintainers; do not act on this run"
        }
        RootCause::DestinationRules => {
            "fix the listed records in the source (one e-mail per person, one external id per \
             record, values the rules accept) or agree with the destination's admin how the \
             rule treats them, then rehearse again"
        }
    }
}

/// `root cause: junction object missed — prevention: map every junction …`,
/// for a failing result; `None` otherwise.
pub fn line(result: &TriggerResult) -> Option<String> {
    (result.status == Status::Fail).then(|| {
        format!("root cause: {} — prevention: {}", name(result.cause), prevention(result.cause))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{Counted, Limits};

    #[test]
    fn only_a_failure_names_its_cause() {
        let mut r = crate::facts::TriggerResult::new(
            "missing_relationship",
            "deals".into(),
            Counted::RejectedRows,
            3,
            10,
            Limits::fail_above(200),
        );
        r.cause = RootCause::JunctionMissed;
        let line = line(&r).unwrap_or_default();
        assert!(line.starts_with("root cause: junction object missed — prevention: map"), "{line}");
        r.status = Status::Warn;
        assert_eq!(super::line(&r), None);
    }

    #[test]
    fn the_practice_table_names_read_as_it_writes_them() {
        assert_eq!(name(RootCause::StageNameMismatch), "stage name mismatch");
        assert_eq!(name(RootCause::ApiLimit), "API limit");
        assert_eq!(RootCause::of_check("changed_after_load"), RootCause::Automation);
        assert_eq!(RootCause::of_check("system_instability"), RootCause::Platform);
    }
}
