//! Targets (W302): each figure of a `targets` block is measured
//! (`model::metrics`) and a difference is a warning with both numbers.
//! Full explanation and example: `docs/codes/W302.en.md`.

use crate::diagnostics::{Code, Diagnostic, Message};
use crate::model::{metrics, query::Derived, Model};
use crate::syntax::ast::Category;
use crate::vocab::Metric;

/// How many of the things counted a missed target names.
const LISTED: usize = 20;

/// The names of the things a city-wide count of departments counts, so that
/// a missed target says which ones it found (the other figures are sums).
fn counted(m: &Model, metric: Metric) -> Option<Vec<String>> {
    let category = match metric {
        Metric::Party => Some(Category::Party),
        Metric::Government => Some(Category::Government),
        Metric::Institution => Some(Category::Institution),
        Metric::Departments => None,
        _ => return None,
    };
    Some(
        m.departments
            .iter()
            .filter(|d| category.is_none_or(|c| d.category == c))
            .map(|d| d.name.text.clone())
            .collect(),
    )
}

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
                .maybe_help(counted(m, t.metric).map(|members| {
                    let more = members.len().saturating_sub(LISTED);
                    let members: Vec<String> = members.into_iter().take(LISTED).collect();
                    if more == 0 {
                        Message::HelpTargetCountedAll { members }
                    } else {
                        Message::HelpTargetCounted {
                            members,
                            more: more.into(),
                        }
                    }
                }))
            })
        })
        .collect()
}
