//! `orgc test`: route expectations written next to the policy
//! (`expect item SP-0001 -> 行政审批局 tier five_days`), checked against the
//! compiled routes. A failed expectation is a T001 diagnostic that shows the
//! expected and the actual value, pointing at the expectation and at the
//! declaration that decided the actual route.

use crate::diagnostics::{Code, Diagnostic, Key, Term, Text};
use crate::emit::route;
use crate::model::{query::Derived, Model};
use crate::names;

/// The result of running every expectation.
#[derive(Debug, Default)]
pub struct Outcome {
    pub passed: usize,
    pub failures: Vec<Diagnostic>,
}

fn kind_term(kind: &str) -> Term {
    match kind {
        "item" => Term::Item,
        "office" => Term::Office,
        "community" => Term::Community,
        "central_community" => Term::Central,
        "grid" => Term::Grid,
        "joint" => Term::Joint,
        "event" => Term::Event,
        "transfer" => Term::Transfer,
        "devolution" => Term::Devolution,
        "agency" => Term::Agency,
        _ => Term::Department,
    }
}

/// Check every expectation of the model.
pub fn run(m: &Model, d: &Derived) -> Outcome {
    let mut out = Outcome::default();
    for e in &m.expects {
        let subject = e.subject.display();
        let found = route::find(m, &subject, Some(&e.kind.text));
        let Some(first) = found.first() else {
            out.failures.push(
                Diagnostic::new(
                    Code::T001,
                    Text::new(Key::ExpectNotFound)
                        .arg("kind", kind_term(&e.kind.text))
                        .arg("name", &subject),
                )
                .label(e.subject.span, Some(Text::new(Key::LabelExpected2)))
                .maybe_help(
                    route::suggestion(m, &subject)
                        .map(|s| Text::new(Key::HelpDidYouMean).arg("suggestion", s)),
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
                Text::new(Key::ExpectHandler)
                    .arg("subject", &answer.label)
                    .arg("actual", actual)
                    .arg("expected", &expected),
            )
            .label(e.expected.span, Some(Text::new(Key::LabelExpected2)));
            if let Some(span) = decided {
                diag = diag.label(span, Some(Text::new(Key::LabelActualRoute)));
            }
            out.failures.push(diag);
        }
        if let Some(t) = &e.tier {
            let actual = answer.tier.clone().unwrap_or_else(|| "none".to_string());
            if names::key(&actual) != names::key(&t.text) {
                failed = true;
                let mut diag = Diagnostic::new(
                    Code::T001,
                    Text::new(Key::ExpectTier)
                        .arg("subject", &answer.label)
                        .arg("actual", actual)
                        .arg("expected", &t.text),
                )
                .label(t.span, Some(Text::new(Key::LabelExpected2)));
                if let Some(span) = decided {
                    diag = diag.label(span, Some(Text::new(Key::LabelActualRoute)));
                }
                out.failures.push(diag);
            }
        }
        if !failed {
            out.passed += 1;
        }
    }
    crate::diagnostics::sort(&mut out.failures);
    out
}
