//! `orgc test`: route expectations written next to the policy
//! (`expect item SP-0001 -> 行政审批局 tier five_days`), checked against the
//! compiled routes. A failed expectation is a T001 diagnostic that shows the
//! expected and the actual value, pointing at the expectation and at the
//! declaration that decided the actual route.

use crate::diagnostics::{Code, Diagnostic, Message};
use crate::emit::route;
use crate::model::{query::Derived, Model};
use crate::names;

/// The result of running every expectation.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Expectations that hold.
    pub passed: usize,
    /// Expectations that do not.
    pub failed: usize,
    /// One T001 per failed part of an expectation (handler, tier).
    pub failures: Vec<Diagnostic>,
}

/// Check every expectation of the model.
pub fn run(m: &Model, d: &Derived) -> Outcome {
    let mut out = Outcome::default();
    for e in &m.expects {
        let subject = e.subject.display();
        let found = route::find(m, &subject, Some(e.kind));
        let Some(first) = found.first() else {
            out.failed += 1;
            out.failures.push(
                Diagnostic::new(
                    Code::T001,
                    Message::ExpectNotFound {
                        kind: e.kind.term(),
                        name: subject.clone(),
                    },
                )
                .label(e.subject.span, Some(Message::LabelExpected2))
                .maybe_help(
                    route::suggestion(m, &subject).map(|s| Message::HelpDidYouMean {
                        suggestion: s.to_string(),
                    }),
                ),
            );
            continue;
        };
        // when several things share the name, the expectation holds if one of
        // them routes as expected; failures are reported against the first
        let answers: Vec<route::Answer> = found.iter().map(|s| route::answer(m, d, *s)).collect();
        let fits = |a: &route::Answer| {
            route::handled_by(a, &e.expected.display())
                && e.tier.as_ref().is_none_or(|t| {
                    a.tier
                        .as_deref()
                        .map(|x| names::key(x) == names::key(&t.text))
                        .unwrap_or(t.text == "none")
                })
        };
        if answers.iter().any(fits) {
            out.passed += 1;
            continue;
        }
        let answer = route::answer(m, d, *first);
        let decided = answer.reasons.first().map(|r| r.span);
        let expected = e.expected.display();
        let mut failed = false;
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
        } else {
            out.passed += 1;
        }
    }
    crate::diagnostics::sort(&mut out.failures);
    out
}
