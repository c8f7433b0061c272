//! Every event kind reaches a handler in every community (E406): an event
//! kind declared `bound` goes only to its owner's team bound to the
//! community, so a community no binding of the owner covers is a gap, named
//! in the diagnostic. Full explanation and example: `docs/codes/E406.en.md`.

use crate::diagnostics::{Code, Diagnostic, Message};
use crate::model::dispatch::{Bindings, Reach};
use crate::model::{query::Derived, Model};

/// How many communities a gap diagnostic names before it says "…".
const SHOWN: usize = 8;

pub fn check(m: &Model, d: &Derived) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if !m.events.iter().any(|e| e.bound) {
        return out;
    }
    let b = Bindings::new(m, d);
    for ev in m.events.iter().filter(|e| e.bound) {
        let Some(owner) = ev.owner else {
            continue;
        };
        let gaps: Vec<&str> = m
            .communities()
            .filter(|(c, _)| b.reach(m, owner, *c, true) == Reach::Gap)
            .map(|(_, a)| a.name.text.as_str())
            .collect();
        if gaps.is_empty() {
            continue;
        }
        let mut shown: Vec<String> = gaps.iter().take(SHOWN).map(|s| s.to_string()).collect();
        if gaps.len() > SHOWN {
            shown.push("…".to_string());
        }
        let owner_name = m.dept(owner.department).name.text.clone();
        out.push(
            Diagnostic::new(
                Code::E406,
                Message::DispatchGap {
                    event: ev.name.text.clone(),
                    owner: owner_name.clone(),
                    count: gaps.len().into(),
                    communities: shown,
                },
            )
            .label(ev.owner_span, Some(Message::LabelBoundEvent))
            .help(Message::HelpDispatchGap { owner: owner_name }),
        );
    }
    out
}
