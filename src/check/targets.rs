//! Targets are reported (W302): each figure a `targets` block declares is
//! measured in the model, and a difference is a warning with both numbers.
//!
//! Why: the headline figures (1146 approvals, 102 communities …) are what
//! leaders quote; the policy files must keep saying them, and a drift must show.
//!
//! ```text
//! targets { communities 102 }     # W302 if the set declares 101 communities
//! ```

use crate::diagnostics::{Code, Diagnostic, Message};
use crate::model::{metrics, query::Derived, Model};

pub fn check(m: &Model, _: &Derived) -> Vec<Diagnostic> {
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
