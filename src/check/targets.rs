//! Targets (W302): each figure of a `targets` block is measured
//! (`model::metrics`) and a difference is a warning with both numbers.
//! Full explanation and example: `docs/codes/W302.en.md`.

use crate::diagnostics::{Code, Diagnostic, Key, Text};
use crate::model::{metrics, query::Derived, Model};

pub fn check(m: &Model, _: &Derived) -> Vec<Diagnostic> {
    m.targets
        .iter()
        .filter_map(|t| {
            let actual = metrics::measure(m, t.metric, t.scope);
            (actual != t.value).then(|| {
                Diagnostic::new(
                    Code::W302,
                    Text::new(Key::TargetMissed)
                        .arg("metric", &t.display)
                        .arg("declared", t.value)
                        .arg("actual", actual),
                )
                .label(
                    t.span,
                    Some(Text::new(Key::LabelDeclared).arg("declared", t.value)),
                )
            })
        })
        .collect()
}
