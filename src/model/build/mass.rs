//! The declarations a large set is made of: items, centre services and
//! measures (at a million items, all but a few hundred declarations).
//!
//! Declaring one moves what the model keeps (id, title, time limit) out of
//! the syntax tree instead of copying it, and keeps aside only the references
//! still to resolve ([`Pending`]), so that each file's tree can be freed as
//! soon as it is declared. Pass 2 resolves what was kept aside, in
//! declaration order, after every other declaration.

use super::*;
use crate::syntax::ast::Path;

/// What pass 2 still has to resolve of the mass declarations, in declaration order.
#[derive(Default)]
pub(super) struct Pending {
    items: Vec<PendingItem>,
    services: Vec<PendingService>,
    measures: Vec<PendingMeasure>,
}

/// An item declaration's references: its kind and owner as written.
struct PendingItem {
    /// The item it declares (for a second declaration of an id, the first's).
    item: ItemId,
    kind: Name,
    owner: Path,
    /// A second declaration of the id: the id as written there (E201 or E101).
    again: Option<Box<Name>>,
}

/// The first declaration of a centre service id: where it is offered, by whom, for what.
struct PendingService {
    index: usize,
    place: Path,
    owner: Option<Path>,
    item: Option<Path>,
}

/// The first declaration of a measure id: its owner and centre as written.
struct PendingMeasure {
    index: usize,
    owner: Path,
    centre: Path,
}

impl Builder {
    /// Declare an item (a second declaration of an id is judged in pass 2,
    /// once both owners are resolved: E201 if they differ, E101 if not).
    pub(super) fn declare_item(&mut self, it: ast::Item, pending: &mut Pending) {
        let Builder { m, n, diags } = self;
        hygiene(diags, &it.id);
        id_spelling(diags, Term::Item, &it.id);
        let ast::Item {
            id,
            title,
            kind,
            owner,
            limit,
            span,
        } = it;
        let item = match n.items.entry(key(&id)) {
            Entry::Occupied(first) => {
                pending.items.push(PendingItem {
                    item: *first.get(),
                    kind,
                    owner,
                    again: Some(Box::new(id)),
                });
                return;
            }
            Entry::Vacant(v) => {
                let item = ItemId(m.items.len() as u32);
                // the tables hold the normal form only (NFKC, trimmed)
                let id = Name {
                    text: v.key().clone(),
                    span: id.span,
                };
                v.insert(item);
                m.items.push(Item {
                    id,
                    title_key: Item::key_of(&title.text),
                    title,
                    kind: None,
                    owner: None,
                    owner_span: owner.span,
                    limit,
                    span,
                });
                item
            }
        };
        pending.items.push(PendingItem {
            item,
            kind,
            owner,
            again: None,
        });
    }

    pub(super) fn declare_service(&mut self, s: ast::CentreService, pending: &mut Pending) {
        let Builder { m, n, diags } = self;
        let index = m.services.len();
        if declare(
            diags,
            &mut n.services,
            &s.id,
            Term::CentreService,
            index,
            |i| &m.services[i].id,
        )
        .is_none()
        {
            return;
        }
        let kind = match s.kind.text.as_str() {
            "approval" => Some(ServiceKind::Approval),
            "value_added" => Some(ServiceKind::ValueAdded),
            _ => {
                unknown_key(
                    diags,
                    &s.kind,
                    Term::ServiceKind,
                    &["approval", "value_added"],
                );
                None
            }
        };
        m.services.push(CentreService {
            id: s.id,
            title: s.title,
            kind,
            place: None,
            owner: None,
            item: None,
            span: s.span,
        });
        pending.services.push(PendingService {
            index,
            place: s.place,
            owner: s.owner,
            item: s.item,
        });
    }

    pub(super) fn declare_measure(&mut self, x: ast::Measure, pending: &mut Pending) {
        let Builder { m, n, diags } = self;
        let index = m.measures.len();
        if declare(diags, &mut n.measures, &x.id, Term::Measure, index, |i| {
            &m.measures[i].id
        })
        .is_none()
        {
            return;
        }
        m.measures.push(Measure {
            id: x.id,
            title: x.title,
            owner: None,
            centre: None,
            span: x.span,
        });
        pending.measures.push(PendingMeasure {
            index,
            owner: x.owner,
            centre: x.centre,
        });
    }

    /// Pass 2 for the mass declarations, in declaration order within each kind
    /// (no kind's resolution reads another's).
    pub(super) fn resolve_pending(&mut self, pending: &Pending) {
        for p in &pending.items {
            self.resolve_item(p);
        }
        for p in &pending.services {
            self.resolve_service(p);
        }
        for p in &pending.measures {
            self.resolve_measure(p);
        }
    }

    fn resolve_item(&mut self, p: &PendingItem) {
        let kind = self.kind(&p.kind);
        let owner = self.owner(&p.owner);
        let first = &self.m.items[p.item.index()];
        if let Some(again) = &p.again {
            let diag = match (first.owner, owner) {
                (Some(a), Some(b)) if a != b => {
                    let (a, b) = (self.m.owner_path(a), self.m.owner_path(b));
                    Diagnostic::new(
                        Code::E201,
                        Message::TwoOwners {
                            item: again.text.clone(),
                            first: a.clone(),
                            second: b.clone(),
                        },
                    )
                    .label(
                        p.owner.span,
                        Some(Message::LabelOwnedHere {
                            owner: b.to_string(),
                        }),
                    )
                    .label(
                        first.owner_span,
                        Some(Message::LabelOwnedHere {
                            owner: a.to_string(),
                        }),
                    )
                    .help(Message::HelpOneOwner)
                }
                _ => {
                    let first = first.id.clone();
                    duplicate(&mut self.diags, Term::Item, &first, again);
                    return;
                }
            };
            self.diags.push(diag);
            return;
        }
        let item = &mut self.m.items[p.item.index()];
        item.kind = kind;
        item.owner = owner;
    }

    fn resolve_service(&mut self, p: &PendingService) {
        let place = self.centre_area(&p.place);
        let owner = p
            .owner
            .as_ref()
            .and_then(|o| self.unit(o).map(|u| (u, o.span)));
        let item = p
            .item
            .as_ref()
            .and_then(|x| self.item(x).map(|i| (i, x.span)));
        let service = &mut self.m.services[p.index];
        service.place = place;
        service.owner = owner;
        service.item = item;
    }

    fn resolve_measure(&mut self, p: &PendingMeasure) {
        let owner = self.owner(&p.owner);
        let centre = self
            .single(&p.centre, Term::Centre)
            .cloned()
            .and_then(|name| {
                let Builder { m, n, diags } = self;
                lookup_in(diags, &n.centres, &name, Term::Centre, |i| {
                    &m.centres[i.index()].name
                })
            });
        let measure = &mut self.m.measures[p.index];
        measure.owner = owner;
        measure.centre = centre;
    }
}

impl Pending {
    /// Free what pass 2 kept (a few small strings per declaration), a part per task.
    pub(super) fn free(self) {
        use rayon::prelude::*;
        let Pending {
            items,
            services,
            measures,
        } = self;
        rayon::join(
            || items.into_par_iter().for_each(drop),
            || {
                services.into_par_iter().for_each(drop);
                drop(measures);
            },
        );
    }
}
