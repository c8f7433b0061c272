//! An item's committed time limit is never longer than its statutory one
//! (E207). Full explanation and example: `docs/codes/E207.en.md`.

use crate::diagnostics::{Code, Diagnostic, Message};
use crate::model::{query::Derived, Model};
use crate::syntax::ast::TimeLimit;

pub fn check(m: &Model, _: &Derived) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for it in &m.items {
        let Some(TimeLimit::Days {
            statutory,
            committed: Some(committed),
        }) = &it.limit
        else {
            continue;
        };
        if committed.value <= statutory.value {
            continue;
        }
        out.push(
            Diagnostic::new(
                Code::E207,
                Message::CommittedAboveStatutory {
                    item: it.id.text.clone(),
                    committed: committed.value.into(),
                    statutory: statutory.value.into(),
                },
            )
            .label(committed.span, Some(Message::LabelCommitted))
            .label(statutory.span, Some(Message::LabelStatutory))
            .help(Message::HelpCommitted),
        );
    }
    out
}
