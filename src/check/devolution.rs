//! Devolved functions are of a devolvable kind (E205); the kind of the named
//! item counts when that kind cannot be devolved.
//! Full explanation and example: `docs/codes/E205.en.md`.

use crate::diagnostics::{Code, Diagnostic, Message};
use crate::model::{query::Derived, Model};

pub fn check(m: &Model, _: &Derived) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for d in &m.devolutions {
        let Some(kind) = d.kind else { continue };
        // the kind that counts is the devolved item's own, when one is named:
        // writing `service` on the devolution cannot launder an enforcement item
        let item_kind = d.item.and_then(|i| m.items[i.index()].kind);
        let kind = m.kind(match item_kind {
            Some(k) if !m.kind(k).devolvable => k,
            _ => kind,
        });
        if kind.devolvable {
            continue;
        }
        out.push(
            Diagnostic::new(
                Code::E205,
                Message::NotDevolvable {
                    id: d.id.text.clone(),
                    kind: kind.name.text.clone(),
                },
            )
            .label(d.kind_span, Some(Message::LabelKindHere))
            .help(Message::HelpNotDevolvable),
        );
    }
    out
}
