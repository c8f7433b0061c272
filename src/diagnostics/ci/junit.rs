//! JUnit XML, written with `quick-junit`: the test report format every CI
//! shows (GitLab's `artifacts: reports: junit`, Jenkins, GitHub test-report
//! actions).
//!
//! ```xml
//! <testsuites name="orgc" tests="3" failures="1" errors="0">
//!   <testsuite name="orgc check" tests="2" failures="1" …>
//!     <testcase name="policies/items.policy" classname="orgc.check" file="policies/items.policy">
//!       <failure message="2 error(s), 0 warning(s)" type="E102">policies/items.policy:2:42: error[E102]: …</failure>
//!     </testcase>
//!     <testcase name="policies/city.policy" classname="orgc.check" file="policies/city.policy"/>
//!   </testsuite>
//!   <testsuite name="orgc test" …>
//!     <testcase name="expect item SP-0001 to 行政审批局" classname="orgc.test" file="policies/expect.policy" line="11"/>
//!   </testsuite>
//! </testsuites>
//! ```
//!
//! `orgc check`: one test case per checked file, failed when the file has an
//! error (or, with `--deny-warnings`, a warning), its diagnostics listed in
//! the failure as `--format plain` lines; warnings that do not fail are in
//! the case's `system-out`. A diagnostic with no place is a case of its own,
//! "the whole policy set". `orgc test` adds a suite with one test case per
//! expectation, named by its text: passed, failed (with its T001
//! diagnostics) or skipped (not run, because the set has errors).
//! Times and timestamps are left out, so the same input gives the same bytes.

use super::{fails, Case, Report, Verdict, Writer};
use crate::diagnostics::render::plain_at;
use crate::diagnostics::{Diagnostic, Message, Severity};
use crate::source::FileId;
use quick_junit::{NonSuccessKind, TestCase, TestCaseStatus, TestSuite};

pub(super) fn render(report: &Report, w: &Writer) -> String {
    let mut junit = quick_junit::Report::new("orgc");
    junit.add_test_suite(check_suite(report.diagnostics, w));
    if let Some(cases) = report.tests {
        junit.add_test_suite(test_suite(cases, w));
    }
    match junit.to_string() {
        Ok(mut s) => {
            if !s.ends_with('\n') {
                s.push('\n');
            }
            s
        }
        // quick-junit writes to a String: only a formatting bug fails here
        Err(e) => format!("<!-- orgc: could not write JUnit XML: {e} -->\n"),
    }
}

/// The plain lines of some diagnostics, paths as shown in CI.
fn lines(diags: &[&Diagnostic], w: &Writer) -> String {
    diags
        .iter()
        .map(|d| plain_at(d, w.lang(), &|s| w.place(s)))
        .collect()
}

/// One case for some diagnostics: failed if one of them fails the run.
fn case_for(name: String, diags: &[&Diagnostic], w: &Writer) -> TestCase {
    let failing = diags.iter().any(|d| fails(d.severity, w.ctx));
    let status = if failing {
        let errors = diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let summary = Message::Summary {
            errors: errors.into(),
            warnings: (diags.len() - errors).into(),
        };
        let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
        status
            .set_message(summary.render(w.lang()))
            .set_description(lines(diags, w));
        if let Some(first) = diags.iter().find(|d| fails(d.severity, w.ctx)) {
            status.set_type(first.code.as_str());
        }
        status
    } else {
        TestCaseStatus::success()
    };
    let mut case = TestCase::new(name, status);
    case.set_classname("orgc.check");
    if !failing && !diags.is_empty() {
        case.set_system_out(lines(diags, w));
    }
    case
}

fn check_suite(diags: &[Diagnostic], w: &Writer) -> TestSuite {
    let mut suite = TestSuite::new("orgc check");
    let mut per_file: Vec<Vec<&Diagnostic>> = vec![Vec::new(); w.sources.len()];
    let mut whole_set = Vec::new();
    for d in diags {
        match d
            .primary()
            .and_then(|s| per_file.get_mut(s.file.0 as usize))
        {
            Some(list) => list.push(d),
            None => whole_set.push(d),
        }
    }
    for (i, list) in per_file.iter().enumerate() {
        let path = w
            .paths
            .get(FileId(i as u32))
            .unwrap_or_default()
            .to_string();
        let mut case = case_for(path.clone(), list, w);
        case.extra.insert("file".into(), path.into());
        suite.add_test_case(case);
    }
    if !whole_set.is_empty() {
        let name = Message::CiWholeSet.render(w.lang());
        suite.add_test_case(case_for(name, &whole_set, w));
    }
    suite
}

fn test_suite(cases: &[Case], w: &Writer) -> TestSuite {
    let mut suite = TestSuite::new("orgc test");
    for c in cases {
        // the expectation's own words, on one line, invisible characters shown
        let words: Vec<&str> = w.sources.text(c.span).split_whitespace().collect();
        let name = crate::diagnostics::escape(&words.join(" "));
        let status = match &c.verdict {
            Verdict::Holds => TestCaseStatus::success(),
            Verdict::Fails(diags) => {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                match diags.first() {
                    Some(first) => {
                        let list: Vec<&Diagnostic> = diags.iter().collect();
                        status
                            .set_message(first.message.render(w.lang()))
                            .set_type(first.code.as_str())
                            .set_description(lines(&list, w));
                    }
                    None => {
                        status
                            .set_message(Message::CiExpectStale.render(w.lang()))
                            .set_type("E503");
                    }
                }
                status
            }
            Verdict::NotRun => {
                let mut status = TestCaseStatus::skipped();
                status.set_message(Message::CiNotRun.render(w.lang()));
                status
            }
        };
        let mut case = TestCase::new(name, status);
        case.set_classname("orgc.test");
        if let Some(p) = w.place(c.span) {
            case.extra.insert("file".into(), p.file.into());
            case.extra.insert("line".into(), p.line.to_string().into());
        }
        suite.add_test_case(case);
    }
    suite
}
