//! Targets (W302): each figure of a `targets` block is measured
//! (`model::metrics`) and a difference is a warning with both numbers.
//! Full explanation and example: `docs/codes/W302.en.md`.

use crate::diagnostics::{Code, Diagnostic, Message};
use crate::model::{metrics, query::Derived, Model};

pub fn check(m: &Model, _: &Derived) -> Vec<Diagnostic> {
    // a figure measured on a set with a syntax error or an unknown name
    // counts what is missing because of it: the error is the finding
    if m.incomplete {
        return Vec::new();
    }
    m.targets
        .iter()
        .filter_map(|t| {
            let actual = metrics::measure(m, t.metric, t.scope);
            (actual != t.value).then(|| {
                Diagnostic::new(
                    Code::W302,
                    Message::TargetMissed {
                        metric: t.display.clone(),
                        declared: t.value.into(),
                        actual: actual.into(),
                    },
                )
                .label(
                    t.span,
                    Some(Message::LabelDeclared {
                        declared: t.value.into(),
                    }),
                )
            })
        })
        .collect()
}
