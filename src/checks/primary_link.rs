//! `primary_link`: for a junction with a primary flag, rows of the checked
//! end (`left` unless `per = "right"`) that have links but not exactly one
//! primary link: none (a deal without a primary contact, a contact without
//! a direct account) or several. Value: such rows / rows of that end with
//! links (distinct links whose both ends resolve). Default: fail above 0%.

use rusqlite::types::ValueRef;

use super::contract::{Context, Settings, Takes, Trigger, fail_above};
use super::orphans::not_orphan;
use crate::error::{Error, Result};
use crate::facts::Limits;
use crate::facts::{Authority, RootCause};
use crate::facts::{Counted, EXAMPLES, Example, Note, TriggerResult};
use crate::load::ident;
use crate::scenario::TriggerSettings;

pub const TRIGGER: Trigger = Trigger {
    id: "primary_link",
    defaults: fail_above(0),
    takes: Takes::Share,
    settings: Settings::Thresholds,
    authority: Authority::Data,
    cause: RootCause::SourceData,
    evaluate,
};

fn evaluate(
    ctx: &Context<'_>,
    limits: Limits,
    _: Option<&TriggerSettings>,
) -> Result<Vec<TriggerResult>> {
    let mut results = Vec::new();
    for junction in &ctx.scenario.junctions {
        let Some(primary) = &junction.primary else {
            continue;
        };
        let (table, per) = (ident(&junction.name), primary.per.column());
        let end = if per == "left" { &junction.left } else { &junction.right };
        let other = if per == "left" { "right" } else { "left" };
        // Per row of the checked end: its distinct links whose both ends
        // resolve (an orphan or a repeated link is not a link the destination
        // will hold), and how many of those are primary. The links come
        // sorted by parent, then other end (the junction's index order), so
        // each parent is summed up as its last link goes by: one pass, no
        // grouping in SQL, memory for one parent and five examples.
        let sql = format!(
            "SELECT j.\"{per}\", j.\"{other}\", j.\"primary\", j._line FROM {table} j \
             WHERE {} AND {} ORDER BY j.\"{per}\", j.\"{other}\"",
            not_orphan(ctx.scenario, &junction.name, "left", "j._rowid_"),
            not_orphan(ctx.scenario, &junction.name, "right", "j._rowid_"),
        );
        let mut stmt = ctx.conn.prepare(&sql).map_err(Error::shadow("read links"))?;
        let mut links = stmt.query([]).map_err(Error::shadow("read links"))?;
        let mut tally = Tally::default();
        while let Some(link) = links.next().map_err(Error::shadow("read links"))? {
            let read = |i| link.get_ref(i).map(cell_text);
            let primary = matches!(link.get_ref(2), Ok(ValueRef::Integer(p)) if p != 0);
            let line = link.get::<_, i64>(3).map_err(Error::shadow("read links"))?;
            let (parent, other) = (read(0), read(1));
            let (parent, other) = (
                parent.map_err(Error::shadow("read links"))?,
                other.map_err(Error::shadow("read links"))?,
            );
            tally.link(&parent, &other, primary, u64::try_from(line).unwrap_or(0));
        }
        tally.end_parent();
        let (total, wrong) = (tally.parents, tally.wrong);
        let counted = Counted::WrongPrimaries {
            end: end.target.clone(),
            junction: junction.name.clone(),
            column: primary.column.name.clone(),
        };
        let object = format!("{} per {}", junction.name, end.target);
        let mut result = TriggerResult::new(TRIGGER.id, object, counted, wrong, total, limits)
            .of_population(&junction.name);
        let found = tally
            .examples
            .into_iter()
            .map(|w| Example {
                file: junction.source.file.clone(),
                line: Some(w.line),
                column: Some(end.from.name.clone()),
                value: Some(w.parent),
                note: Some(match w.primaries {
                    0 => Note::NoPrimary { links: w.links },
                    primaries => Note::SeveralPrimaries { primaries },
                }),
                ..Example::default()
            })
            .collect();
        result.set_examples(found, wrong);
        results.push(result);
    }
    Ok(results)
}

/// A cell of a link as text (junction ends are stored as text).
fn cell_text(value: ValueRef<'_>) -> String {
    match value {
        ValueRef::Text(t) | ValueRef::Blob(t) => String::from_utf8_lossy(t).into_owned(),
        ValueRef::Integer(i) => i.to_string(),
        ValueRef::Real(r) => r.to_string(),
        ValueRef::Null => String::new(),
    }
}

/// A parent whose links do not have exactly one primary.
struct Wrong {
    line: u64,
    parent: String,
    links: u64,
    primaries: u64,
}

/// Primary links counted over links sorted by parent, then other end.
#[derive(Default)]
struct Tally {
    /// Parents seen, and those without exactly one primary link.
    parents: u64,
    wrong: u64,
    /// The current parent, its current other end and what is known so far.
    parent: Option<String>,
    other: Option<String>,
    other_primary: bool,
    links: u64,
    primaries: u64,
    line: u64,
    /// The wrong parents with the first lines, in line order.
    examples: Vec<Wrong>,
}

impl Tally {
    fn link(&mut self, parent: &str, other: &str, primary: bool, line: u64) {
        if self.parent.as_deref() != Some(parent) {
            self.end_parent();
            self.parent = Some(parent.to_string());
            self.line = line;
        }
        if self.other.as_deref() != Some(other) {
            self.end_other();
            self.other = Some(other.to_string());
            self.links += 1;
        }
        self.other_primary |= primary;
        self.line = self.line.min(line);
    }

    /// A repeated link to the same other end counts once, primary if any
    /// of its rows is.
    fn end_other(&mut self) {
        if self.other.take().is_some() && self.other_primary {
            self.primaries += 1;
        }
        self.other_primary = false;
    }

    fn end_parent(&mut self) {
        self.end_other();
        let Some(parent) = self.parent.take() else { return };
        self.parents += 1;
        if self.primaries != 1 {
            self.wrong += 1;
            let wrong =
                Wrong { line: self.line, parent, links: self.links, primaries: self.primaries };
            let at = self
                .examples
                .partition_point(|w| (w.line, &w.parent) <= (wrong.line, &wrong.parent));
            if at < EXAMPLES {
                self.examples.insert(at, wrong);
                self.examples.truncate(EXAMPLES);
            }
        }
        (self.links, self.primaries) = (0, 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parents_are_tallied_over_sorted_links() {
        let mut tally = Tally::default();
        // (parent, other, primary, line)
        for (p, o, primary, line) in [
            ("d1", "c1", true, 2),
            ("d1", "c2", false, 3),
            ("d2", "c1", false, 9), // no primary
            ("d2", "c3", false, 4),
            ("d3", "c1", true, 5), // two primaries
            ("d3", "c2", true, 6),
            ("d4", "c1", false, 7), // the same link twice, primary once: one primary
            ("d4", "c1", true, 8),
            ("d5", "c1", false, 1), // one link, not primary
        ] {
            tally.link(p, o, primary, line);
        }
        tally.end_parent();
        assert_eq!((tally.parents, tally.wrong), (5, 3));
        let seen: Vec<(u64, &str, u64, u64)> = tally
            .examples
            .iter()
            .map(|w| (w.line, w.parent.as_str(), w.links, w.primaries))
            .collect();
        assert_eq!(seen, [(1, "d5", 1, 0), (4, "d2", 2, 0), (5, "d3", 2, 2)]);
    }
}
