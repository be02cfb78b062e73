//! `shadow-import test`: one line per scenario folder and a closing count.

use super::words::{self, fired};
use super::{Report, columns};
use crate::error::Error;
use crate::facts::Status;

/// One scenario folder's outcome in a test run.
pub struct SuiteCase {
    /// The folder name.
    pub name: String,
    /// The report, or the error that stopped the rehearsal.
    pub outcome: Result<Report, Error>,
    /// How long the rehearsal took.
    pub duration: std::time::Duration,
}

impl SuiteCase {
    /// A case passes when its report meets its `[expect]` block. A scenario
    /// without one passes only with GO: a ROLLBACK nobody expected is news.
    pub fn passed(&self) -> bool {
        match &self.outcome {
            Ok(report) => match &report.expectation {
                Some(e) => e.met,
                None => report.verdict == crate::Verdict::Go,
            },
            Err(_) => false,
        }
    }

    /// `ok    name  ROLLBACK  missing_relationship deals via … 23.00%  (expected rollback)`
    pub fn line(&self, name_width: usize) -> String {
        let mark = if self.passed() { "ok  " } else { "FAIL" };
        // Escaped before it is measured, so the escapes line up too.
        let name = columns::pad(&crate::error::printable(&self.name), name_width, false);
        match &self.outcome {
            Err(e) => format!("{mark}  {name}  ERROR     {}", e.to_string().replace('\n', " ")),
            Ok(report) => {
                let fired = fired_triggers(report);
                let fired = if fired.is_empty() {
                    "no trigger fired".to_string()
                } else {
                    fired.join("; ")
                };
                let expected = match &report.expectation {
                    None => "no [expect]".to_string(),
                    Some(e) if e.met => format!("expected {} (met)", e.verdict),
                    Some(e) => {
                        format!(
                            "expected {} (NOT MET: {})",
                            e.verdict,
                            words::mismatches(&e.mismatches)
                        )
                    }
                };
                format!("{mark}  {name}  {:<8}  {fired}  [{expected}]", report.verdict.to_string())
            }
        }
    }
}

/// The triggers that fired, `warn:` before the warnings.
fn fired_triggers(report: &Report) -> Vec<String> {
    report
        .triggers
        .iter()
        .filter(|t| t.status != Status::Pass)
        .map(|t| if t.status == Status::Warn { format!("warn: {}", fired(t)) } else { fired(t) })
        .collect()
}

/// `7 warnings in 5 scenarios`: the warning results across the run, on a
/// line of their own before the closing line.
pub fn warning_line(cases: &[SuiteCase]) -> String {
    let each: Vec<usize> = cases.iter().map(warnings).filter(|&n| n > 0).collect();
    format!(
        "{} in {}",
        words::quantity(each.iter().sum::<usize>() as u64, ("warning", "warnings")),
        words::quantity(each.len() as u64, ("scenario", "scenarios"))
    )
}

/// The warning results of a case (none when it stopped on an error).
fn warnings(case: &SuiteCase) -> usize {
    case.outcome
        .as_ref()
        .map_or(0, |r| r.triggers.iter().filter(|t| t.status == Status::Warn).count())
}

/// `N passed, N failed`.
pub fn closing_line(cases: &[SuiteCase]) -> String {
    let passed = cases.iter().filter(|c| c.passed()).count();
    format!("{passed} passed, {} failed", cases.len() - passed)
}

/// One line per scenario with its time, then the closing line.
pub fn text(cases: &[SuiteCase]) -> String {
    let width =
        cases.iter().map(|c| columns::width(&crate::error::printable(&c.name))).max().unwrap_or(0);
    let mut out = String::new();
    for case in cases {
        out.push_str(&format!("{}  ({:.2} s)\n", case.line(width), case.duration.as_secs_f64()));
    }
    out.push_str(&warning_line(cases));
    out.push('\n');
    out.push_str(&closing_line(cases));
    out.push('\n');
    // Control characters (an ESC in a folder name) shown escaped.
    crate::error::terminal(&out).into_owned()
}

/// A Markdown table of the run, for a pull request comment.
pub fn markdown(cases: &[SuiteCase]) -> String {
    let mut out = format!("## shadow-import · {}\n\n", closing_line(cases));
    out.push_str(
        "| | scenario | verdict | fired | expectation | time |\n|---|---|---|---|---|---:|\n",
    );
    for case in cases {
        let mark = if case.passed() { "✅" } else { "❌" };
        let (verdict, fired, expected) = match &case.outcome {
            Err(e) => ("ERROR".to_string(), e.to_string().replace('\n', " "), String::new()),
            Ok(report) => {
                let fired = fired_triggers(report);
                let expected = report.expectation.as_ref().map_or_else(String::new, |e| {
                    format!("{} ({})", e.verdict, if e.met { "met" } else { "NOT met" })
                });
                (report.verdict.to_string(), fired.join("; "), expected)
            }
        };
        out.push_str(&format!(
            "| {mark} | `{}` | {verdict} | {} | {expected} | {:.2} s |\n",
            case.name,
            fired.replace('|', "\\|"),
            case.duration.as_secs_f64()
        ));
    }
    out
}

/// The run as JSON, for a CI step to read: each scenario's verdict, what
/// fired, its expectation, and the counts of the closing lines. No times:
/// the same scenarios give the same bytes.
pub fn json(cases: &[SuiteCase]) -> String {
    let each: Vec<serde_json::Value> = cases
        .iter()
        .map(|case| {
            let mut entry = serde_json::json!({ "name": case.name, "passed": case.passed() });
            match &case.outcome {
                Err(e) => entry["error"] = e.to_string().into(),
                Ok(report) => {
                    let failed = report.triggers.iter().filter(|t| t.status == Status::Fail);
                    entry["verdict"] = report.verdict.to_string().into();
                    entry["failed"] = failed.count().into();
                    entry["warnings"] = warnings(case).into();
                    entry["fired"] = fired_triggers(report).into();
                    if let Some(e) = &report.expectation {
                        entry["expected"] = e.verdict.to_string().into();
                        entry["met"] = e.met.into();
                        let said: Vec<String> = e.mismatches.iter().map(words::mismatch).collect();
                        entry["mismatches"] = said.into();
                    }
                }
            }
            entry
        })
        .collect();
    let passed = cases.iter().filter(|c| c.passed()).count();
    let warnings: usize = cases.iter().map(warnings).sum();
    let run = serde_json::json!({
        "scenarios": each,
        "passed": passed,
        "failed": cases.len() - passed,
        "warnings": warnings,
    });
    serde_json::to_string_pretty(&run).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_names_line_up_by_display_width() {
        let case = |name: &str| SuiteCase {
            name: name.into(),
            outcome: Err(Error::NoScenario(std::path::PathBuf::from("x"))),
            duration: std::time::Duration::ZERO,
        };
        let cases = [case("株式会社テスト"), case("acme"), case("🚀-launch"), case("a\u{1b}b")];
        let out = text(&cases);
        let starts: Vec<usize> = out
            .lines()
            .filter_map(|l| l.find("ERROR").map(|at| columns::width(&l[..at])))
            .collect();
        // `FAIL  ` and the widest name, 株式会社テスト (14 columns), and two spaces.
        assert_eq!(starts, [22, 22, 22, 22], "{out}");
        assert!(out.contains("a\\u{1b}b"), "{out}");
    }
}
