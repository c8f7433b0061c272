//! The transfer catalogue: a transferred function names its agencies and its
//! supervising department (E204), and is not still performed in-house (E203).
//!
//! Why: a function handed to an outside agency stays under the transferring
//! department's supervision (全过程监管评估), and must not be listed twice —
//! once as transferred and once as the department's own item — or requests go
//! to both.
//!
//! ```text
//! transfer ZY-001 "船舶检测" from 经济发展局 transferred              # E204: no agency, no supervisor
//! item GG-0007 "船舶检测" service -> 经济发展局.交通                    # E203 with a transfer of 船舶检测
//! ```

use crate::diagnostics::{Code, Diagnostic, Message};
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
