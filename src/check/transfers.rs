//! The transfer catalogue: E204 when a `to` or `supervised_by` clause is
//! missing (what is written, not what resolves), E203 when a transferred
//! function is still an in-house item with the same title, E303 when one
//! function is in the catalogue under two ids (the same title, or the same item).
//! Full explanations: `docs/codes/E204.en.md`, `docs/codes/E203.en.md`,
//! `docs/codes/E303.en.md`.

use crate::diagnostics::{Code, Diagnostic, Message};
use crate::model::{query::Derived, Model};
use crate::names;
use crate::syntax::ast::Status;
use rustc_hash::FxHashMap as HashMap;

pub fn check(m: &Model, _: &Derived) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // the few transferred functions, looked up by every item's title (whose
    // key was computed once, when the item was declared): a small map, not one
    // of every title
    let mut by_title: HashMap<String, Vec<usize>> = m
        .transfers
        .iter()
        .filter(|t| t.status == Status::Transferred)
        .map(|t| (names::key(&t.function.text).into_owned(), Vec::new()))
        .collect();
    if !by_title.is_empty() {
        for (i, item) in m.items.iter().enumerate() {
            if let Some(found) = by_title.get_mut(item.title_key()) {
                found.push(i);
            }
        }
    }
    out.extend(twice(m));
    for t in &m.transfers {
        if t.status == Status::Transferred && !t.agencies_written {
            out.push(
                Diagnostic::new(
                    Code::E204,
                    Message::TransferNoAgency {
                        id: t.id.text.clone(),
                    },
                )
                .label(t.status_span, Some(Message::LabelThisTransfer))
                .help(Message::HelpTransferNoAgency),
            );
        }
        if t.status != Status::Withdrawn && !t.supervisor_written {
            out.push(
                Diagnostic::new(
                    Code::E204,
                    Message::TransferNoSupervisor {
                        id: t.id.text.clone(),
                    },
                )
                .label(t.id.span, Some(Message::LabelThisTransfer))
                .help(Message::HelpTransferNoSupervisor),
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
                    Message::StillInHouse {
                        function: t.function.text.clone(),
                        item: item.id.text.clone(),
                    },
                )
                .label(t.function.span, Some(Message::LabelTransferred))
                .label(
                    item.span,
                    Some(Message::LabelInHouse {
                        owner: m.owner_path(owner),
                    }),
                )
                .help(Message::HelpInHouse {
                    item: item.id.text.clone(),
                }),
            );
        }
    }
    out
}

/// E303: a function listed under two ids, once per later entry, pointing at both.
fn twice(m: &Model) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut by_function: HashMap<String, usize> = HashMap::default();
    let mut by_item: HashMap<usize, usize> = HashMap::default();
    for (i, t) in m.transfers.iter().enumerate() {
        if t.status == Status::Withdrawn {
            continue;
        }
        let key = names::key(&t.function.text).into_owned();
        let earlier = match by_function.get(&key) {
            Some(&f) => Some(f),
            None => {
                by_function.insert(key, i);
                t.item.and_then(|x| match by_item.get(&x.index()) {
                    Some(&f) => Some(f),
                    None => {
                        by_item.insert(x.index(), i);
                        None
                    }
                })
            }
        };
        let Some(f) = earlier else { continue };
        let first = &m.transfers[f];
        out.push(
            Diagnostic::new(
                Code::E303,
                Message::TransferredTwice {
                    function: t.function.text.clone(),
                    first: first.id.text.clone(),
                    second: t.id.text.clone(),
                },
            )
            .label(
                t.id.span,
                Some(Message::LabelTransferredAs {
                    id: t.id.text.clone(),
                }),
            )
            .label(
                first.id.span,
                Some(Message::LabelTransferredAs {
                    id: first.id.text.clone(),
                }),
            )
            .help(Message::HelpTransferredTwice),
        );
    }
    out
}
