//! The words of every report: the sentence that says what a result
//! measured, the note of an example, a value in its unit. Each is written
//! here once from the facts, so a check reads the same in the terminal,
//! Markdown, JUnit, HTML, JSON, the plan and a suite run.

use crate::facts::{
    Amount, Counted, Example, ForeignIds, KeyColumn, Link, Measurement, Note, TriggerResult,
    format_percent,
};

/// What a result measured, in a sentence: `1104 of 4800 deals have no
/// contacts through deals.contact`.
pub fn measure(result: &TriggerResult) -> String {
    let (count, total) = match result.measurement {
        Measurement::Share { count, total } => (count, total),
        Measurement::Time(time) => return time_sentence(&result.counted, &time.to_string()),
    };
    let of = format!("{count} of {total}");
    match &result.counted {
        Counted::RejectedRows if total == 0 => "the file has a header but no rows".to_string(),
        Counted::RejectedRows => format!("{of} rows rejected"),
        Counted::UnlinkedParents { parent, link } => {
            format!("{of} {parent} have no {}", link_words(link))
        }
        Counted::BlankValues { object, field } => format!("{of} loaded {object} have no {field}"),
        Counted::DamagedRows { kinds } if kinds.is_empty() => format!("{of} rows damaged"),
        Counted::DamagedRows { kinds } => {
            let kinds: Vec<String> = kinds
                .iter()
                .map(|k| format!("{}: {} row{}", k.kind, k.rows, plural(k.rows)))
                .collect();
            format!("{of} rows damaged ({})", kinds.join(", "))
        }
        Counted::UnresolvedReferences { targets, elsewhere } => {
            let mut sentence =
                format!("{of} references to {} resolve to nothing", targets.join(" or "));
            if !elsewhere.is_empty() {
                let each: Vec<String> = elsewhere.iter().map(foreign_ids).collect();
                sentence.push_str(&format!("; {}", each.join(", ")));
            }
            sentence
        }
        Counted::RepeatedLinks => {
            format!("{of} links repeat an earlier link between the same rows")
        }
        Counted::WrongPrimaries { end, junction, column } => format!(
            "{of} {end} with links in {junction} have no primary link or more than one ({column})"
        ),
        Counted::CyclicRows { object, field } => {
            format!("{of} {object} lead back to themselves through {field}")
        }
        Counted::UnmappedValues { distinct, map } => {
            format!("{of} rows hold one of {distinct} values missing from map `{map}`")
        }
        Counted::UnmappedFiles => format!("{of} export files are read by no object or junction"),
        Counted::UnaccountedRows => format!("{of} source rows are neither loaded nor rejected"),
        Counted::ChangedCharacters => {
            format!("{of} non-ASCII characters did not arrive unchanged")
        }
        Counted::Time { of: what } => format!("{what} takes {of}"),
    }
}

/// `the cut-over takes 5h 30m` (a time measured for anything else: the time).
fn time_sentence(counted: &Counted, amount: &str) -> String {
    match counted {
        Counted::Time { of } => format!("{of} takes {amount}"),
        _ => amount.to_string(),
    }
}

/// `120 point at Opportunity (006), not mapped`.
fn foreign_ids(ids: &ForeignIds) -> String {
    let object = ids.object.unwrap_or("an unknown object");
    format!("{} point at {object} ({}), not mapped", ids.count, ids.prefix)
}

/// `contacts through deal_contacts`, `companies or people through tasks.who`.
fn link_words(link: &Link) -> String {
    format!("{} through {}", link.others.join(" or "), link.through)
}

/// The measured value in its unit: `2.50%`, `12 rows`, `5h 30m`.
pub fn amount(result: &TriggerResult) -> String {
    match result.value() {
        Amount::Percent(value) => format_percent(value),
        Amount::Count(count) => {
            let (one, many) = noun(&result.counted);
            format!("{count} {}", if count == 1 { one } else { many })
        }
        Amount::Duration(time) => time.to_string(),
    }
}

/// The measured value as `[expect]` mismatches quote it: the percentage
/// unrounded for display (`8.4%`), other units as [`amount`].
pub fn exact_amount(result: &TriggerResult) -> String {
    match result.value() {
        Amount::Percent(value) => format!("{value}%"),
        _ => amount(result),
    }
}

/// `count/total`, or nothing for a time.
pub fn tally(result: &TriggerResult) -> String {
    result.share().map(|(count, total)| format!("{count}/{total}")).unwrap_or_default()
}

/// What a count of a result counts, singular and plural.
fn noun(counted: &Counted) -> (&'static str, &'static str) {
    match counted {
        Counted::UnresolvedReferences { .. } => ("reference", "references"),
        Counted::RepeatedLinks => ("link", "links"),
        Counted::UnmappedFiles => ("file", "files"),
        Counted::ChangedCharacters => ("character", "characters"),
        _ => ("row", "rows"),
    }
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// What is wrong with an example, with its likely repair and byte offset:
/// `undecodable bytes; likely 'Jürgen'; byte offset 1614`. `None` when
/// the example says nothing beyond where it is.
pub fn note(example: &Example) -> Option<String> {
    let mut parts: Vec<String> = example.note.iter().map(|n| note_words(n, example)).collect();
    if let Some(repair) = &example.repair {
        // A masked repair is a token, not text: shown as it is.
        let shown = if example.masked { repair.clone() } else { quote(repair) };
        parts.push(format!("likely {shown}"));
    }
    if let Some(offset) = example.byte_offset {
        parts.push(format!("byte offset {offset}"));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

fn note_words(note: &Note, example: &Example) -> String {
    match note {
        Note::Rejected { reason } => reason.sentence(example.quoted()).to_string(),
        Note::Blank => "blank".to_string(),
        Note::NoLink(link) => format!("no {}", link_words(link)),
        Note::Damage { kind } => kind.to_string(),
        Note::ForeignId { prefix, object } => format!(
            "points at {} ({prefix}), an object this migration does not map",
            object.unwrap_or("an unknown object")
        ),
        Note::NoSuchKey { targets } => format!("no {} with this key", targets.join(" or ")),
        Note::SamePair { line } => format!("same pair as line {line}"),
        Note::NoPrimary { links } => format!("no primary among {links} link{}", plural(*links)),
        Note::SeveralPrimaries { primaries } => format!("{primaries} primary links"),
        Note::OwnParent => "is its own parent".to_string(),
        Note::OnCycle => "on a cycle".to_string(),
        Note::NotInMap { rows, map } => format!("{rows} rows, not in map {map}"),
        Note::UnmappedFile { references } => unmapped_file(references),
        Note::UnreadableFile { error } => {
            format!("present in the export but not mapped (unreadable: {error})")
        }
        Note::Unbalanced { source, loaded, rejected } => {
            format!("{source} read, {loaded} loaded + {rejected} rejected")
        }
        Note::CharactersChanged { read, stored } => {
            format!("{read} non-ASCII characters read, {stored} in the shadow")
        }
    }
}

/// What an unmapped file looks like from the key columns found in it.
fn unmapped_file(references: &[KeyColumn]) -> String {
    let named: Vec<String> =
        references.iter().map(|r| format!("{} ({})", r.object, r.column)).collect();
    match named.as_slice() {
        [] => "present in the export but not mapped".to_string(),
        [one] => format!("references {one} and is not mapped"),
        several => {
            format!("looks like a junction between {} and is not mapped", several.join(" and "))
        }
    }
}

/// `'O''Brien'`: single quotes, inner ones doubled (as SQL quotes text).
fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::{DamageCount, DamageKind, Duration, Limit, Limits};

    fn result(counted: Counted, count: u64, total: u64, limits: Limits) -> TriggerResult {
        TriggerResult::new("t", "x".into(), counted, count, total, limits)
    }

    #[test]
    fn one_sentence_per_kind_of_result() {
        let link = Link { others: vec!["contacts".into()], through: "deals.contact".into() };
        let parents = Counted::UnlinkedParents { parent: "deals".into(), link };
        let r = result(parents, 1104, 4800, Limits::fail_above(200));
        assert_eq!(measure(&r), "1104 of 4800 deals have no contacts through deals.contact");
        assert_eq!(amount(&r), "23.00%");
        assert_eq!(exact_amount(&r), "23%");
        assert_eq!(tally(&r), "1104/4800");
        let empty = result(Counted::RejectedRows, 0, 0, Limits::fail_above(500));
        assert_eq!(measure(&empty), "the file has a header but no rows");
        let kinds = vec![
            DamageCount { kind: DamageKind::Undecodable, rows: 3 },
            DamageCount { kind: DamageKind::Nul, rows: 1 },
        ];
        let damage = result(Counted::DamagedRows { kinds }, 4, 10, Limits::fail_above(10));
        assert_eq!(
            measure(&damage),
            "4 of 10 rows damaged (undecodable bytes: 3 rows, NUL byte: 1 row)"
        );
    }

    #[test]
    fn each_unit_shows_as_itself() {
        let count = Limits { warn: None, fail: Some(Limit::Count(10)) };
        let rows = result(Counted::RejectedRows, 12, 500, count);
        assert_eq!(
            (amount(&rows), rows.limits.to_string()),
            ("12 rows".into(), "fail > 10".into())
        );
        assert_eq!(amount(&result(Counted::UnmappedFiles, 1, 4, count)), "1 file");
        let percent = result(Counted::RejectedRows, 1, 40, Limits::fail_above(200));
        assert_eq!(
            (amount(&percent), percent.limits.to_string()),
            ("2.50%".into(), "fail > 2%".into())
        );
        let window =
            Limits { warn: None, fail: Some(Limit::Duration(Duration::seconds(4 * 3600))) };
        let of = Counted::Time { of: "the cut-over".into() };
        let time = TriggerResult::timed("t", "x".into(), of, Duration::seconds(19_800), window);
        assert_eq!((amount(&time), time.limits.to_string()), ("5h 30m".into(), "fail > 4h".into()));
        assert_eq!(measure(&time), "the cut-over takes 5h 30m");
        assert_eq!(tally(&time), "");
    }

    #[test]
    fn a_note_carries_its_repair_and_offset() {
        let mut damaged = Example {
            note: Some(Note::Damage { kind: DamageKind::Undecodable }),
            repair: Some("O'Brien".into()),
            byte_offset: Some(1614),
            ..Example::default()
        };
        assert_eq!(
            note(&damaged).unwrap(),
            "undecodable bytes; likely 'O''Brien'; byte offset 1614"
        );
        damaged.repair = Some("‹name:99c7›".into());
        damaged.masked = true;
        assert_eq!(
            note(&damaged).unwrap(),
            "undecodable bytes; likely ‹name:99c7›; byte offset 1614"
        );
        assert_eq!(note(&Example::default()), None);
        let one = Example { note: Some(Note::NoPrimary { links: 1 }), ..Example::default() };
        assert_eq!(note(&one).unwrap(), "no primary among 1 link");
    }
}
