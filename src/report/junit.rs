//! JUnit XML rendering, for the test reporters of GitLab, Jenkins and
//! GitHub: one test suite per scenario, one test case per trigger result
//! (failing triggers are failures with the measured value, threshold and
//! examples), one test case for the `[expect]` block.

use quick_junit::{NonSuccessKind, Property, Report as JUnit, TestCase, TestCaseStatus, TestSuite};

use super::suite::SuiteCase;
use super::{Report, words};
use crate::facts::Status;

/// One scenario's report as a JUnit document.
pub fn render(report: &Report) -> String {
    let mut junit = JUnit::new("shadow-import");
    junit.add_test_suite(suite(report));
    serialize(&junit)
}

/// A `shadow-import test` run as a JUnit document: a suite per scenario.
pub fn render_suite(cases: &[SuiteCase]) -> String {
    let mut junit = JUnit::new("shadow-import");
    for case in cases {
        match &case.outcome {
            Ok(report) => {
                // In a suite run a scenario passes when it meets its [expect]:
                // its expected ROLLBACK triggers are not test failures.
                let mut suite = suite_of(report, case.passed());
                suite.set_time(case.duration);
                junit.add_test_suite(suite);
            }
            Err(error) => {
                let mut suite = TestSuite::new(case.name.clone());
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
                status.set_message(error.to_string());
                suite.add_test_case(TestCase::new("rehearsal", status));
                junit.add_test_suite(suite);
            }
        }
    }
    serialize(&junit)
}

fn suite(report: &Report) -> TestSuite {
    suite_of(report, false)
}

/// A scenario's suite; with `expected`, failing triggers are reported as
/// passing cases (the scenario expects them) with their details in system-out.
fn suite_of(report: &Report, expected: bool) -> TestSuite {
    let mut suite = TestSuite::new(report.scenario.clone());
    evidence(&mut suite, report);
    for t in &report.triggers {
        let name = format!("{} · {}", t.id, t.object);
        let status = if report.fails(t) && !expected {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
            status.set_message(format!(
                "{} is above the threshold ({})",
                words::amount(t),
                words::limits(t)
            ));
            status.set_type(t.id);
            let mut description = format!("{}\n", words::measure(t));
            if let Some(cause) = super::causes::line(t) {
                description.push_str(&cause);
                description.push('\n');
            }
            for e in &t.examples {
                description.push_str(&words::example_line(e));
                description.push('\n');
            }
            if t.examples_omitted > 0 {
                description.push_str(&words::more(t.examples_omitted));
                description.push('\n');
            }
            status.set_description(description);
            status
        } else {
            TestCaseStatus::success()
        };
        let mut case = TestCase::new(name, status);
        case.set_classname(format!("{}.{}", report.scenario, t.id));
        if t.status == Status::Fail && expected {
            case.set_system_out(format!("FAIL (expected): {}", words::measured(t)));
        }
        if t.status == Status::Warn {
            case.set_system_out(format!("WARN: {}", words::measured(t)));
        }
        suite.add_test_case(case);
    }
    if let Some(e) = &report.expectation {
        let status = if e.met {
            TestCaseStatus::success()
        } else {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
            status.set_message(format!(
                "expected {}: {}",
                e.verdict,
                words::mismatches(&e.mismatches)
            ));
            status
        };
        let mut case = TestCase::new("expectation", status);
        case.set_classname(format!("{}.expect", report.scenario));
        suite.add_test_case(case);
    }
    suite
}

/// The evidence as the suite's properties: the tool, its version, the run
/// time when there is one, each input's size and sha256.
fn evidence(suite: &mut TestSuite, report: &Report) {
    let evidence = &report.evidence;
    suite.add_property(Property::new("tool", evidence.tool));
    suite.add_property(Property::new("version", evidence.version));
    if let Some(at) = &evidence.run_at {
        suite.add_property(Property::new("run_at", at.as_str()));
    }
    for input in &evidence.inputs {
        let value = format!("{} bytes sha256 {}", input.bytes, input.sha256);
        suite.add_property(Property::new(format!("input:{}", input.file), value));
    }
}

fn serialize(junit: &JUnit) -> String {
    // Serializing to a String only fails on I/O, which a String does not do.
    junit.to_string().unwrap_or_default()
}
