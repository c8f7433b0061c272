//! Devolved functions are of a devolvable kind (E205).
//!
//! Why: 《龙港市社区治理条例》 lets the city hand service and routine-affairs
//! functions to communities; approvals and enforcement stay with the one seal
//! and the one team. Kinds a policy declares may be marked `devolvable`.
//! Devolutions that name unknown communities are reported by the model (E102).
//!
//! ```text
//! devolve XF-009 "占道经营处罚" enforcement from 综合行政执法局 to all_communities   # E205
//! ```

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
