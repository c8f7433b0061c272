//! `orgc test`: route expectations written next to the policy
//! (`expect item SP-0001 to 行政审批局`, `expect event 噪声投诉 at 龙城社区 to
//! 综合行政执法局 tier same_day`), checked against the compiled routes. A
//! failed expectation is a T001 diagnostic that shows the expected and the
//! actual value, pointing at the expectation and at the declaration that
//! decided the actual route. An expectation about something that does not
//! exist is stale: `orgc check` reports it (E503, [`stale`]).

use crate::diagnostics::ci::{Case, Verdict};
use crate::diagnostics::{Code, Diagnostic, Message, Term};
use crate::emit::route;
use crate::model::Expectation;
use crate::model::{query::Derived, Model};
use crate::names;
use crate::vocab::SubjectKind;

/// The result of running every expectation.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Expectations that hold.
    pub passed: usize,
    /// Expectations that do not.
    pub failed: usize,
    /// One T001 per failed part of an expectation (handler, tier).
    pub failures: Vec<Diagnostic>,
    /// Every expectation in declaration order, with its verdict and its own
    /// T001s (for the formats that show one test case per expectation).
    pub cases: Vec<Case>,
}

/// Every expectation of the model as not run (the set has errors).
pub fn not_run(m: &Model) -> Vec<Case> {
    m.expects
        .iter()
        .map(|e| Case {
            span: e.span,
            verdict: Verdict::NotRun,
        })
        .collect()
}

/// E503 for every expectation whose subject, or place (`at`), does not exist.
pub fn stale(m: &Model) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for e in &m.expects {
        let subject = e.subject.display();
        if route::find(m, &subject, Some(e.kind)).is_empty() {
            out.push(stale_one(m, &e.subject, e.kind.term()));
        }
        if let Some(at) = &e.at {
            if e.kind != SubjectKind::Event {
                // only an event kind is raised at a place
                out.push(
                    Diagnostic::new(
                        Code::E503,
                        Message::ExpectAtNotEvent {
                            kind: e.kind.term(),
                        },
                    )
                    .label(at.span, Some(Message::LabelExpected2))
                    .help(Message::HelpExpectAt),
                );
            } else if places(m, e).is_empty() {
                out.push(stale_one(m, at, Term::Place));
            }
        }
        if let Some(t) = &e.tier {
            // items, communities, offices … have no response tier
            if !matches!(e.kind, SubjectKind::Event | SubjectKind::Joint) {
                out.push(
                    Diagnostic::new(
                        Code::E503,
                        Message::ExpectTierNoTier {
                            kind: e.kind.term(),
                        },
                    )
                    .label(t.span, Some(Message::LabelExpected2))
                    .help(Message::HelpExpectTier),
                );
            }
        }
    }
    out
}

fn stale_one(m: &Model, path: &crate::syntax::ast::Path, kind: Term) -> Diagnostic {
    let name = path.display();
    Diagnostic::new(
        Code::E503,
        Message::StaleExpect {
            kind,
            name: name.clone(),
        },
    )
    .label(path.span, Some(Message::LabelStale))
    .help(
        route::suggestion(m, &name)
            .map(|s| Message::HelpDidYouMean { suggestion: s })
            .unwrap_or(Message::HelpStale),
    )
}

/// The communities and grids an expectation's `at` names.
fn places(m: &Model, e: &Expectation) -> Vec<route::Subject> {
    e.at.as_ref()
        .map(|at| route::places(m, &at.display()))
        .unwrap_or_default()
}

/// The answers an expectation is checked against: the routes of its subject,
/// or for `expect event … at PLACE`, its dispatch there.
fn answers(
    m: &Model,
    d: &Derived,
    e: &Expectation,
    found: &[route::Subject],
) -> Vec<route::Answer> {
    if e.at.is_some() {
        return route::dispatches(m, d, found, &places(m, e));
    }
    found.iter().map(|s| route::answer(m, d, *s)).collect()
}

/// Check every expectation of the model. A stale one (E503, reported by
/// `orgc check`) counts as failed without a T001 of its own.
pub fn run(m: &Model, d: &Derived) -> Outcome {
    let mut out = Outcome::default();
    for e in &m.expects {
        let subject = e.subject.display();
        let found = route::find(m, &subject, Some(e.kind));
        let answers = answers(m, d, e, &found);
        let Some(answer) = answers.first().cloned() else {
            out.failed += 1;
            out.cases.push(Case {
                span: e.span,
                verdict: Verdict::Fails(Vec::new()),
            });
            continue;
        };
        // when several things share the name, the expectation holds if one of
        // them routes as expected; failures are reported against the first
        let fits = |a: &route::Answer| {
            route::handled_by(a, &e.expected.display())
                && e.tier.as_ref().is_none_or(|t| {
                    a.tier
                        .as_deref()
                        .is_some_and(|x| names::key(x) == names::key(&t.text))
                })
        };
        if answers.iter().any(fits) {
            out.passed += 1;
            out.cases.push(Case {
                span: e.span,
                verdict: Verdict::Holds,
            });
            continue;
        }
        // what decided the route: for a dispatch, how the team was reached
        let decided = answer
            .reasons
            .iter()
            .find(|r| {
                matches!(
                    r.text,
                    Message::RouteDispatchBound { .. }
                        | Message::RouteDispatchDirect { .. }
                        | Message::RouteDispatchGap
                )
            })
            .or(answer.reasons.first())
            .map(|r| r.span);
        let expected = e.expected.display();
        let mut failed = false;
        let before = out.failures.len();
        if !route::handled_by(&answer, &expected) {
            failed = true;
            let actual: Vec<String> = answer.handlers.clone();
            let mut diag = Diagnostic::new(
                Code::T001,
                Message::ExpectHandler {
                    subject: answer.label.clone(),
                    actual,
                    expected: expected.clone(),
                },
            )
            .label(e.expected.span, Some(Message::LabelExpected2));
            if let Some(span) = decided {
                diag = diag.label(span, Some(Message::LabelActualRoute));
            }
            out.failures.push(diag);
        }
        if let Some(t) = &e.tier {
            let actual = answer.tier.clone().unwrap_or_else(|| "none".to_string());
            if names::key(&actual) != names::key(&t.text) {
                failed = true;
                let mut diag = Diagnostic::new(
                    Code::T001,
                    Message::ExpectTier {
                        subject: answer.label.clone(),
                        actual: actual.to_string(),
                        expected: t.text.clone(),
                    },
                )
                .label(t.span, Some(Message::LabelExpected2));
                if let Some(span) = decided {
                    diag = diag.label(span, Some(Message::LabelActualRoute));
                }
                out.failures.push(diag);
            }
        }
        if failed {
            out.failed += 1;
            out.cases.push(Case {
                span: e.span,
                verdict: Verdict::Fails(out.failures[before..].to_vec()),
            });
        } else {
            out.passed += 1;
            out.cases.push(Case {
                span: e.span,
                verdict: Verdict::Holds,
            });
        }
    }
    crate::diagnostics::sort(&mut out.failures);
    out
}
