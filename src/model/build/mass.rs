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

/// The items by id. The table holds no key of its own: an id's key is the
/// item's id in the model ([`Item::id`], kept in its normal form), so a
/// million items cost a million four-byte slots rather than a million
/// copied ids.
#[derive(Default)]
pub(super) struct ItemIds(hashbrown::HashTable<ItemId>);

impl ItemIds {
    fn hash(key: &str) -> u64 {
        use std::hash::BuildHasher;
        rustc_hash::FxBuildHasher.hash_one(key)
    }

    /// The id (its key) of the item in slot `i`.
    fn id<'a>(items: &'a [Item], i: &ItemId) -> &'a str {
        items.get(i.index()).map_or("", |it| &it.id.text)
    }

    /// The item whose id has the key `key`.
    pub(super) fn get(&self, items: &[Item], key: &str) -> Option<ItemId> {
        let same = |i: &ItemId| Self::id(items, i) == key;
        self.0.find(Self::hash(key), same).copied()
    }

    /// `next`, the item about to be added to `items` with the id key `key`:
    /// `Ok(next)`, or `Err` with the item that already has that id.
    pub(super) fn add(
        &mut self,
        items: &[Item],
        key: &str,
        next: ItemId,
    ) -> Result<ItemId, ItemId> {
        let hash = Self::hash(key);
        let same = |i: &ItemId| Self::id(items, i) == key;
        let rehash = |i: &ItemId| Self::hash(Self::id(items, i));
        match self.0.entry(hash, same, rehash) {
            hashbrown::hash_table::Entry::Occupied(first) => Err(*first.get()),
            hashbrown::hash_table::Entry::Vacant(v) => {
                v.insert(next);
                Ok(next)
            }
        }
    }

    /// Room for `additional` more items (a hint; see `ModelBuilder::reserve`).
    pub(super) fn try_reserve(
        &mut self,
        additional: usize,
        items: &[Item],
    ) -> Result<(), hashbrown::TryReserveError> {
        let rehash = |i: &ItemId| Self::hash(Self::id(items, i));
        self.0.try_reserve(additional, rehash)
    }

    /// Every id's key.
    pub(super) fn keys<'a>(&'a self, items: &'a [Item]) -> impl Iterator<Item = &'a str> {
        self.0
            .iter()
            .filter_map(|i| items.get(i.index()))
            .map(|it| it.id.text.as_str())
    }

    /// Which table this is, for the "did you mean" index (`lookup_found`).
    pub(super) fn table(&self) -> (usize, usize) {
        (self as *const Self as usize, self.0.len())
    }
}

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

/// What pass 1 makes of one file's declarations on its own, before the
/// model is at hand: the mass declarations' keys, their ids' E103 and E108,
/// and whether their references are written plainly. It runs on the thread
/// that parsed the file, so that the one thread declaring does only what
/// needs the model.
#[derive(Debug)]
pub struct Prepared {
    pub(super) decls: Vec<Prepped>,
    pub(super) diags: Vec<Diagnostic>,
}

/// A declaration, prepared.
#[derive(Debug)]
pub(super) enum Prepped {
    Item(ast::Item, Prep),
    Service(ast::CentreService, Prep),
    Measure(ast::Measure, Prep),
    /// Any other declaration: declared as it is.
    Other(Decl),
}

/// One mass declaration, prepared.
#[derive(Debug)]
pub(super) struct Prep {
    /// The id's key, when it is not the id as written (most ids are their
    /// own key: nothing is copied for them).
    key: Option<String>,
    /// An item title's key, when it is not the title itself.
    title_key: Option<Box<str>>,
    /// Every name it refers to is its own key (so free of invisible
    /// characters): the only references pass 1 tries to resolve at once.
    plain: bool,
}

/// Prepare one file's declarations for [`super::ModelBuilder::declare_file`].
pub fn prepare(decls: Vec<Decl>) -> Prepared {
    let mut diags = Vec::new();
    let decls = decls
        .into_iter()
        .map(|d| match d {
            Decl::Item(it) => {
                id_spelling(&mut diags, Term::Item, &it.id);
                let prep = Prep {
                    title_key: Item::key_of(&it.title.text),
                    plain: plain(&it.kind) && plain_path(&it.owner),
                    key: id_key(&mut diags, &it.id),
                };
                Prepped::Item(it, prep)
            }
            Decl::CentreService(s) => {
                let refs = [Some(&s.place), s.owner.as_ref(), s.item.as_ref()];
                let prep = Prep {
                    title_key: None,
                    plain: refs.into_iter().flatten().all(plain_path),
                    key: id_key(&mut diags, &s.id),
                };
                Prepped::Service(s, prep)
            }
            Decl::Measure(x) => {
                let prep = Prep {
                    title_key: None,
                    plain: plain_path(&x.owner) && plain_path(&x.centre),
                    key: id_key(&mut diags, &x.id),
                };
                Prepped::Measure(x, prep)
            }
            d => Prepped::Other(d),
        })
        .collect();
    Prepared { decls, diags }
}

/// [`prepare`], with every reference left for pass 2: what the model would
/// be without resolving plain references while declaring. For tests, which
/// check that the two give the same model and diagnostics.
#[doc(hidden)]
pub fn prepare_deferring(decls: Vec<Decl>) -> Prepared {
    let mut prepared = prepare(decls);
    for d in &mut prepared.decls {
        if let Prepped::Item(_, p) | Prepped::Service(_, p) | Prepped::Measure(_, p) = d {
            p.plain = false;
        }
    }
    prepared
}

/// A declared id's key, its E103 reported: `None` when it is the id itself.
fn id_key(diags: &mut Vec<Diagnostic>, id: &Name) -> Option<String> {
    hygiene(diags, id);
    (!plain(id)).then(|| key(id))
}

impl Prepared {
    /// How many declarations.
    pub fn len(&self) -> usize {
        self.decls.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.decls.is_empty()
    }
}

/// A name that is its own key: nothing to normalise, no invisible character.
fn plain(name: &Name) -> bool {
    matches!(names::key(&name.text), std::borrow::Cow::Borrowed(k) if k.len() == name.text.len())
}

fn plain_path(path: &Path) -> bool {
    path.parts.iter().all(plain)
}

impl Builder {
    /// Declare an item (a second declaration of an id is judged in pass 2,
    /// once both owners are resolved: E201 if they differ, E101 if not).
    pub(super) fn declare_item(&mut self, it: ast::Item, prep: Prep, pending: &mut Pending) {
        let Builder { m, n, .. } = self;
        let ast::Item {
            id,
            title,
            kind,
            owner,
            limit,
            span,
        } = it;
        // the kind and the owner, when both resolve at once
        let resolved = prep
            .plain
            .then(|| Some((quiet(&n.kinds, &kind)?, quiet_owner(n, &owner)?)))
            .flatten();
        let key = prep.key.as_deref().unwrap_or(&id.text);
        let item = match n.items.add(&m.items, key, ItemId(m.items.len() as u32)) {
            Err(first) => {
                pending.items.push(PendingItem {
                    item: first,
                    kind,
                    owner,
                    again: Some(Box::new(id)),
                });
                return;
            }
            Ok(item) => {
                // the tables hold the normal form only (NFKC, trimmed)
                let id = Name {
                    text: prep.key.unwrap_or(id.text),
                    span: id.span,
                };
                m.items.push(Item {
                    id,
                    title_key: prep.title_key,
                    title,
                    kind: resolved.map(|(k, _)| k),
                    owner: resolved.map(|(_, o)| o),
                    owner_span: owner.span,
                    limit,
                    span,
                });
                if resolved.is_some() {
                    return; // nothing kept for pass 2
                }
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

    pub(super) fn declare_service(
        &mut self,
        s: ast::CentreService,
        prep: Prep,
        pending: &mut Pending,
    ) {
        let Builder { m, n, diags } = self;
        let index = m.services.len();
        let services = &mut n.services;
        if declare_keyed(
            diags,
            services,
            prep.key.unwrap_or_else(|| s.id.text.clone()),
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
        // the place, and the owner and item where written, when all resolve at once
        let resolved = prep.plain.then(|| quiet_service(m, n, &s)).flatten();
        let (place, owner, item) = resolved.unwrap_or_default();
        m.services.push(CentreService {
            id: s.id,
            title: s.title,
            kind,
            place,
            owner,
            item,
            span: s.span,
        });
        if resolved.is_some() {
            return;
        }
        pending.services.push(PendingService {
            index,
            place: s.place,
            owner: s.owner,
            item: s.item,
        });
    }

    pub(super) fn declare_measure(&mut self, x: ast::Measure, prep: Prep, pending: &mut Pending) {
        let Builder { m, n, diags } = self;
        let index = m.measures.len();
        let measures = &mut n.measures;
        if declare_keyed(
            diags,
            measures,
            prep.key.unwrap_or_else(|| x.id.text.clone()),
            &x.id,
            Term::Measure,
            index,
            |i| &m.measures[i].id,
        )
        .is_none()
        {
            return;
        }
        // the owner and the centre, when both resolve at once
        let resolved = prep
            .plain
            .then(|| match x.centre.parts.as_slice() {
                [one] => Some((quiet_owner(n, &x.owner)?, quiet(&n.centres, one)?)),
                _ => None,
            })
            .flatten();
        m.measures.push(Measure {
            id: x.id,
            title: x.title,
            owner: resolved.map(|(o, _)| o),
            centre: resolved.map(|(_, c)| c),
            span: x.span,
        });
        if resolved.is_some() {
            return;
        }
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

// ---------------------------------------------------------------- quiet lookups
//
// A reference written plainly (`Prep::plain`: the name is its own key, so it
// holds no invisible character) to a name already declared (in an earlier
// file, or earlier in this one) resolves to what pass 2 would find, with
// nothing to say: no E103, and no W105 either, since the declared name's key
// is the reference itself. A later declaration of the same name cannot
// change the answer (the first declaration wins; the later one is E101).
// Pass 1 resolves such references at once and keeps nothing for pass 2;
// anything else waits for pass 2, which says what there is to say.
// `resolving_while_declaring_changes_nothing` (tests/robustness.rs) checks
// that the model and the diagnostics are the same either way.

/// `name`, written plainly, in `map`.
fn quiet<T: Copy>(map: &Map<T>, name: &Name) -> Option<T> {
    map.get(name.text.as_str()).copied()
}

/// `DEPARTMENT[.MODULE[.GROUP]]`, as `Builder::owner` resolves it.
fn quiet_owner(n: &Names, path: &Path) -> Option<Owner> {
    let (dname, module, group) = match path.parts.as_slice() {
        [d] => (d, None, None),
        [d, mo] => (d, Some(mo), None),
        [d, mo, g] => (d, Some(mo), Some(g)),
        _ => return None,
    };
    let mut owner = Owner::department(quiet(&n.depts, dname)?);
    if let Some(mname) = module {
        owner.module = Some(quiet(n.modules.get(&owner.department)?, mname)?);
    }
    if let (Some(gname), Some(module)) = (group, owner.module) {
        owner.group = Some(quiet(n.groups.get(&module)?, gname)?);
    }
    Some(owner)
}

/// An agency by its one name, else a department, module or group (`Builder::unit`).
fn quiet_unit(n: &Names, path: &Path) -> Option<Unit> {
    if let [one] = path.parts.as_slice() {
        if let Some(a) = quiet(&n.agencies, one) {
            return Some(Unit::Agency(a));
        }
    }
    quiet_owner(n, path).map(Unit::Department)
}

/// A catalogue item by its one id (`Builder::item`).
fn quiet_item(m: &Model, n: &Names, path: &Path) -> Option<ItemId> {
    match path.parts.as_slice() {
        [one] => n.items.get(&m.items, &one.text),
        _ => None,
    }
}

/// A centre service's place, and its owner and item where written, when
/// every one resolves (`Builder::resolve_service`).
type ServiceRefs = (
    Option<(CentreId, usize, usize)>,
    Option<(Unit, Span)>,
    Option<(ItemId, Span)>,
);

fn quiet_service(m: &Model, n: &Names, s: &ast::CentreService) -> Option<ServiceRefs> {
    let place = quiet_place(m, n, &s.place)?;
    let owner = match &s.owner {
        Some(o) => Some((quiet_unit(n, o)?, o.span)),
        None => None,
    };
    let item = match &s.item {
        Some(x) => Some((quiet_item(m, n, x)?, x.span)),
        None => None,
    };
    Some((Some(place), owner, item))
}

/// `CENTRE.SECTION.AREA` (`Builder::centre_area`).
fn quiet_place(m: &Model, n: &Names, path: &Path) -> Option<(CentreId, usize, usize)> {
    let [centre, section, area] = path.parts.as_slice() else {
        return None;
    };
    let cid = quiet(&n.centres, centre)?;
    let c = &m.centres[cid.index()];
    let si = c.sections.iter().position(|s| k(&s.name) == section.text)?;
    let ai = c.sections[si]
        .areas
        .iter()
        .position(|a| k(a) == area.text)?;
    Some((cid, si, ai))
}

impl Pending {
    /// How many declarations wait for pass 2.
    pub(super) fn len(&self) -> usize {
        self.items.len() + self.services.len() + self.measures.len()
    }

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
