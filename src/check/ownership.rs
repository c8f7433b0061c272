//! One item, one owner (E201: the same title and kind under two owners; the
//! same id twice is reported by the model builder) and one upstream office, one
//! module (E202). Full explanations: `docs/codes/E201.en.md`, `E202.en.md`.

use crate::diagnostics::{Code, Diagnostic, Message};
use crate::model::{query::Derived, Model};
use rustc_hash::FxHashMap as HashMap;

pub fn check(m: &Model, _: &Derived) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // the same matter (name and kind) listed under two owners
    // keys borrowed from the items: computed once, when each item was declared
    let mut seen: HashMap<(&str, u32), usize> =
        HashMap::with_capacity_and_hasher(m.items.len(), Default::default());
    for (i, item) in m.items.iter().enumerate() {
        let (Some(owner), Some(kind)) = (item.owner, item.kind) else {
            continue;
        };
        let k = (item.title_key(), kind.0);
        match seen.get(&k) {
            None => {
                seen.insert(k, i);
            }
            Some(&first) => {
                let f = &m.items[first];
                let Some(first_owner) = f.owner else { continue };
                if first_owner == owner {
                    continue;
                }
                let (a, b) = (m.owner_path(first_owner), m.owner_path(owner));
                out.push(
                    Diagnostic::new(
                        Code::E201,
                        Message::TwoOwners {
                            item: item.title.text.clone(),
                            first: a.clone(),
                            second: b.clone(),
                        },
                    )
                    .label(
                        item.owner_span,
                        Some(Message::LabelOwnedHere {
                            owner: b.to_string(),
                        }),
                    )
                    .label(
                        f.owner_span,
                        Some(Message::LabelOwnedHere {
                            owner: a.to_string(),
                        }),
                    )
                    .help(Message::HelpOneOwner),
                );
            }
        }
    }
    // an upstream office answered by two modules
    let mut answered: HashMap<u32, (u32, crate::source::Span)> = HashMap::default();
    for (mi, module) in m.modules.iter().enumerate() {
        for &(office, span) in &module.answers {
            if m.office(office).shared {
                continue;
            }
            match answered.get(&office.0) {
                None => {
                    answered.insert(office.0, (mi as u32, span));
                }
                Some(&(first, first_span)) if first != mi as u32 => {
                    let a = m.module_path(crate::model::ModuleId(first));
                    let b = m.module_path(crate::model::ModuleId(mi as u32));
                    out.push(
                        Diagnostic::new(
                            Code::E202,
                            Message::OfficeTwoModules {
                                office: m.office_path(office),
                                first: a.clone(),
                                second: b.clone(),
                            },
                        )
                        .label(
                            span,
                            Some(Message::LabelAnsweredHere {
                                module: b.to_string(),
                            }),
                        )
                        .label(
                            first_span,
                            Some(Message::LabelAnsweredHere {
                                module: a.to_string(),
                            }),
                        )
                        .help(Message::HelpShared),
                    );
                }
                Some(_) => {}
            }
        }
    }
    out
}
