//! Service centres (E209): an item is offered once across a centre's
//! services, and a unit named as serving a service is stationed in its centre.
//! Full explanation and example: `docs/codes/E209.en.md`.

use crate::diagnostics::{Code, Diagnostic, Message};
use crate::model::{query::Derived, ItemId, Model, Unit};
use rustc_hash::FxHashMap as HashMap;

pub fn check(m: &Model, _: &Derived) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut first: HashMap<ItemId, usize> = HashMap::default();
    for (i, s) in m.services.iter().enumerate() {
        if let Some((item, span)) = s.item {
            match first.get(&item) {
                Some(&f) => {
                    let earlier = &m.services[f];
                    out.push(
                        Diagnostic::new(
                            Code::E209,
                            Message::ServiceItemTwice {
                                item: m.items[item.index()].id.text.clone(),
                                first: earlier.id.text.clone(),
                                second: s.id.text.clone(),
                            },
                        )
                        .label(
                            span,
                            Some(Message::LabelOfferedAs {
                                id: s.id.text.clone(),
                            }),
                        )
                        .label(
                            earlier.item.map_or(earlier.span, |(_, sp)| sp),
                            Some(Message::LabelOfferedAs {
                                id: earlier.id.text.clone(),
                            }),
                        )
                        .help(Message::HelpServiceItemTwice),
                    );
                }
                None => {
                    first.insert(item, i);
                }
            }
        }
        let (Some((unit, span)), Some((centre, _, _))) = (s.owner, s.place) else {
            continue;
        };
        let c = &m.centres[centre.index()];
        let stationed = c.stationed.iter().any(|(u, _)| covers(*u, unit));
        if !stationed {
            let name = m.unit_path(unit);
            out.push(
                Diagnostic::new(
                    Code::E209,
                    Message::NotStationed {
                        service: format!("{} {}", s.id.text, s.title.text),
                        unit: name.clone(),
                        centre: c.name.text.clone(),
                    },
                )
                .label(span, Some(Message::LabelServedBy { unit: name.clone() }))
                .help(Message::HelpStationed { unit: name }),
            );
        }
    }
    out
}

/// Whether stationing `stationed` puts `unit` in the centre: an agency
/// itself, a department with all its modules and groups, a module with its groups.
fn covers(stationed: Unit, unit: Unit) -> bool {
    match (stationed, unit) {
        (Unit::Agency(a), Unit::Agency(b)) => a == b,
        (Unit::Department(s), Unit::Department(u)) => {
            s.department == u.department
                && s.module.is_none_or(|x| u.module == Some(x))
                && s.group.is_none_or(|x| u.group == Some(x))
        }
        _ => false,
    }
}
