//! The transfer catalogue: E204 when a `to` or `supervised_by` clause is
//! missing (what is written, not what resolves), E203 when a transferred
//! function is still an in-house item with the same title.
//! Full explanations: `docs/codes/E204.en.md`, `docs/codes/E203.en.md`.

use crate::diagnostics::{Code, Diagnostic, Key, Text};
use crate::model::{query::Derived, Model};
use crate::names;
use crate::syntax::ast::Status;
use rustc_hash::FxHashMap as HashMap;

pub fn check(m: &Model, _: &Derived) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut by_title: HashMap<String, Vec<usize>> = HashMap::default();
    if m.transfers.iter().any(|t| t.status == Status::Transferred) {
        for (i, item) in m.items.iter().enumerate() {
            by_title
                .entry(names::key(&item.title.text).into_owned())
                .or_default()
                .push(i);
        }
    }
    for t in &m.transfers {
        if t.status == Status::Transferred && !t.agencies_written {
            out.push(
                Diagnostic::new(
                    Code::E204,
                    Text::new(Key::TransferNoAgency).arg("id", &t.id.text),
                )
                .label(t.status_span, Some(Text::new(Key::LabelThisTransfer)))
                .help(Text::new(Key::HelpTransferNoAgency)),
            );
        }
        if t.status != Status::Withdrawn && !t.supervisor_written {
            out.push(
                Diagnostic::new(
                    Code::E204,
                    Text::new(Key::TransferNoSupervisor).arg("id", &t.id.text),
                )
                .label(t.id.span, Some(Text::new(Key::LabelThisTransfer)))
                .help(Text::new(Key::HelpTransferNoSupervisor)),
            );
        }
        if t.status != Status::Transferred {
            continue;
        }
        let Some(items) = by_title.get(names::key(&t.function.text).as_ref()) else {
            continue;
        };
        for &i in items {
            let item = &m.items[i];
            if t.item.is_some_and(|x| x.index() == i) {
                continue;
            }
            let Some(owner) = item.owner else { continue };
            out.push(
                Diagnostic::new(
                    Code::E203,
                    Text::new(Key::StillInHouse)
                        .arg("function", &t.function.text)
                        .arg("item", &item.id.text),
                )
                .label(t.function.span, Some(Text::new(Key::LabelTransferred)))
                .label(
                    item.span,
                    Some(Text::new(Key::LabelInHouse).arg("owner", m.owner_path(owner))),
                )
                .help(Text::new(Key::HelpInHouse).arg("item", &item.id.text)),
            );
        }
    }
    out
}
