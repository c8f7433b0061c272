//! Name resolution: declare every named thing, then resolve every reference.
//! Reports duplicates (E101, E201 for items with two owners), unknown names
//! with a "did you mean" (E102), invisible characters (E103), spelling variants
//! (W105), and unknown keys in caps, targets and rules (E106, E107).

use super::query::{self, AttrType, Derived, Entity, Scope};
use super::*;
use crate::diagnostics::{suggest, Code, Diagnostic, Key, Term, Text};
use crate::names;
use crate::syntax::ast::{Decl, Path};
use std::collections::hash_map::Entry;
use std::collections::HashMap;

type Map<T> = HashMap<String, T>;

#[derive(Default)]
struct Names {
    tiers: Map<TierId>,
    kinds: Map<KindId>,
    bureaus: Map<BureauId>,
    offices: HashMap<(BureauId, String), OfficeId>,
    depts: Map<DeptId>,
    modules: HashMap<(DeptId, String), ModuleId>,
    groups: HashMap<(ModuleId, String), GroupId>,
    items: Map<ItemId>,
    agencies: Map<AgencyId>,
    transfers: Map<TransferId>,
    areas: Map<AreaId>,
    codes: Map<AreaId>,
    grids: Map<GridId>,
    devolutions: Map<DevolutionId>,
    joints: Map<JointId>,
    events: Map<EventId>,
}

struct Builder {
    m: Model,
    n: Names,
    diags: Vec<Diagnostic>,
}

/// Build the model from every file's declarations (in file order).
pub fn build(decls: &[Decl]) -> (Model, Derived, Vec<Diagnostic>) {
    let mut b = Builder {
        m: Model::default(),
        n: Names::default(),
        diags: Vec::new(),
    };
    for (name, label, devolvable) in BUILTIN_KINDS {
        b.n.kinds
            .insert(name.to_string(), KindId(b.m.kinds.len() as u32));
        b.m.kinds.push(Kind {
            name: Name {
                text: name.to_string(),
                span: Span::default(),
            },
            label: Some(label.to_string()),
            devolvable,
            span: None,
        });
    }
    for d in decls {
        b.declare(d);
    }
    for d in decls {
        b.resolve(d);
    }
    let derived = Derived::new(&b.m);
    (b.m, derived, b.diags)
}

fn key(n: &Name) -> String {
    names::key(&n.text).into_owned()
}

/// The key without a copy when the name is already normal (most names), for lookups.
fn k(n: &Name) -> std::borrow::Cow<'_, str> {
    names::key(&n.text)
}

/// E103 for a name holding an invisible or control character.
fn hygiene(diags: &mut Vec<Diagnostic>, n: &Name) {
    if let Some((off, c)) = names::first_invisible(&n.text) {
        let quoted = n.span.len() == n.text.len() + 2;
        let start = n.span.start as usize + off + usize::from(quoted);
        let shown = format!("U+{:04X}", c as u32);
        diags.push(
            Diagnostic::new(
                Code::E103,
                Text::new(Key::Invisible).arg("char", shown.clone()),
            )
            .label(
                Span::new(n.span.file, start, start + c.len_utf8()),
                Some(Text::new(Key::LabelInvisible).arg("char", shown)),
            )
            .help(Text::new(Key::HelpInvisible)),
        );
    }
}

fn duplicate(diags: &mut Vec<Diagnostic>, what: Term, first: &Name, again: &Name) {
    // "the same name once normalised" only when it really is a spelling variant
    let help = if first.text.trim() != again.text.trim() && key(first) == key(again) {
        Text::new(Key::HelpSameName)
            .arg("a", &first.text)
            .arg("b", &again.text)
    } else {
        Text::new(Key::HelpRemoveOne)
    };
    diags.push(
        Diagnostic::new(
            Code::E101,
            Text::new(Key::Duplicate)
                .arg("what", what)
                .arg("name", &again.text),
        )
        .label(again.span, Some(Text::new(Key::LabelDeclaredAgain)))
        .label(first.span, Some(Text::new(Key::LabelFirstDeclared)))
        .help(help),
    );
}

/// Declare `name` in `map`; on a clash report E101 against the first
/// declaration (found through `first`) and return `None`.
fn declare<'a, T: Copy>(
    diags: &mut Vec<Diagnostic>,
    map: &mut Map<T>,
    name: &Name,
    what: Term,
    next: T,
    first: impl Fn(T) -> &'a Name,
) -> Option<T> {
    hygiene(diags, name);
    match map.entry(key(name)) {
        Entry::Occupied(e) => {
            duplicate(diags, what, first(*e.get()), name);
            None
        }
        Entry::Vacant(v) => {
            v.insert(next);
            Some(next)
        }
    }
}

/// Resolve a reference. On a miss report E102 with the closest declared name.
fn lookup<'a, T: Copy, K: 'a + AsRef<str>>(
    diags: &mut Vec<Diagnostic>,
    found: Option<T>,
    name: &Name,
    what: Term,
    candidates: impl Iterator<Item = &'a K>,
    declared: impl Fn(T) -> &'a Name,
) -> Option<T> {
    hygiene(diags, name);
    match found {
        Some(id) => {
            let decl = declared(id);
            // only suggest the declared spelling when it is itself the normal one
            // cheapest test first: most references are spelled as declared
            if name.text.trim() != decl.text.trim()
                && names::first_invisible(&name.text).is_none()
                && names::key(&decl.text) == decl.text.trim()
            {
                diags.push(
                    Diagnostic::new(
                        Code::W105,
                        Text::new(Key::SpellingVariant)
                            .arg("written", &name.text)
                            .arg("declared", &decl.text),
                    )
                    .label(name.span, None)
                    .label(
                        decl.span,
                        Some(Text::new(Key::LabelDeclaredAs).arg("declared", &decl.text)),
                    )
                    .help(Text::new(Key::HelpSpelling).arg("declared", &decl.text)),
                );
            }
            Some(id)
        }
        None => {
            unresolved(diags, name, what, candidates.map(|k| k.as_ref()));
            None
        }
    }
}

fn unresolved<'a>(
    diags: &mut Vec<Diagnostic>,
    name: &Name,
    what: Term,
    candidates: impl Iterator<Item = &'a str>,
) {
    let wanted = key(name);
    let help = suggest::did_you_mean(&wanted, candidates)
        .map(|s| Text::new(Key::HelpDidYouMean).arg("suggestion", s));
    diags.push(
        Diagnostic::new(
            Code::E102,
            Text::new(Key::Unresolved)
                .arg("what", what)
                .arg("name", &name.text),
        )
        .label(name.span, Some(Text::new(Key::LabelNotDeclared)))
        .maybe_help(help),
    );
}

fn unknown_key(diags: &mut Vec<Diagnostic>, name: &Name, what: Term, valid: &[&str]) {
    let help = match suggest::did_you_mean(&name.text, valid.iter().copied()) {
        Some(s) => Text::new(Key::HelpDidYouMean).arg("suggestion", s),
        None => Text::new(Key::HelpOneOf).arg(
            "names",
            valid.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        ),
    };
    diags.push(
        Diagnostic::new(
            Code::E106,
            Text::new(Key::UnknownKey)
                .arg("what", what)
                .arg("name", &name.text),
        )
        .label(name.span, None)
        .help(help),
    );
}

impl Builder {
    // ------------------------------------------------------------ pass 1: declare

    fn declare(&mut self, d: &Decl) {
        let Builder { m, n, diags } = self;
        match d {
            Decl::City(c) => {
                if let Some(first) = &m.city {
                    duplicate(diags, Term::City, &first.name, &c.name);
                } else {
                    m.city = Some(c.clone());
                }
            }
            Decl::Tier(t) => {
                let id = TierId(m.tiers.len() as u32);
                if declare(diags, &mut n.tiers, &t.name, Term::Tier, id, |i| {
                    &m.tiers[i.index()].name
                })
                .is_some()
                {
                    m.tiers.push(Tier {
                        name: t.name.clone(),
                        label: t.label.clone(),
                        limit_minutes: t.limit_minutes,
                        span: t.span,
                    });
                }
            }
            Decl::Kind(k) => {
                // the built-in kinds have no declaration to point at
                if let Some(builtin) = n
                    .kinds
                    .get(names::key(&k.name.text).as_ref())
                    .filter(|id| m.kinds[id.index()].span.is_none())
                {
                    let name = m.kinds[builtin.index()].name.text.clone();
                    diags.push(
                        Diagnostic::new(
                            Code::E101,
                            Text::new(Key::Duplicate)
                                .arg("what", Term::ItemKind)
                                .arg("name", &k.name.text),
                        )
                        .label(k.name.span, Some(Text::new(Key::LabelDeclaredAgain)))
                        .help(Text::new(Key::HelpBuiltinKind).arg("name", name)),
                    );
                    return;
                }
                let id = KindId(m.kinds.len() as u32);
                if declare(diags, &mut n.kinds, &k.name, Term::ItemKind, id, |i| {
                    &m.kinds[i.index()].name
                })
                .is_some()
                {
                    m.kinds.push(Kind {
                        name: k.name.clone(),
                        label: k.label.clone(),
                        devolvable: k.devolvable,
                        span: Some(k.span),
                    });
                }
            }
            Decl::Upstream(u) => {
                let bid = BureauId(m.bureaus.len() as u32);
                let bid = match declare(diags, &mut n.bureaus, &u.name, Term::Bureau, bid, |i| {
                    &m.bureaus[i.index()].name
                }) {
                    Some(b) => {
                        m.bureaus.push(Bureau {
                            name: u.name.clone(),
                            offices: Vec::new(),
                            span: u.span,
                        });
                        b
                    }
                    // a bureau declared twice: its offices join the first declaration
                    None => n.bureaus[&key(&u.name)],
                };
                for o in &u.offices {
                    hygiene(diags, &o.name);
                    let oid = OfficeId(m.offices.len() as u32);
                    match n.offices.entry((bid, key(&o.name))) {
                        Entry::Occupied(e) => duplicate(
                            diags,
                            Term::Office,
                            &m.offices[e.get().index()].name,
                            &o.name,
                        ),
                        Entry::Vacant(v) => {
                            v.insert(oid);
                            m.offices.push(Office {
                                bureau: bid,
                                name: o.name.clone(),
                                shared: o.shared,
                            });
                            m.bureaus[bid.index()].offices.push(oid);
                        }
                    }
                }
            }
            Decl::Department(dep) => {
                let did = DeptId(m.departments.len() as u32);
                if declare(diags, &mut n.depts, &dep.name, Term::Department, did, |i| {
                    &m.departments[i.index()].name
                })
                .is_none()
                {
                    return;
                }
                m.departments.push(Department {
                    name: dep.name.clone(),
                    category: dep.category,
                    category_span: dep.category_span,
                    fields: dep.fields.clone(),
                    modules: Vec::new(),
                    span: dep.span,
                });
                for f in &dep.fields {
                    hygiene(diags, f);
                }
                for module in &dep.modules {
                    hygiene(diags, &module.name);
                    let mid = ModuleId(m.modules.len() as u32);
                    match n.modules.entry((did, key(&module.name))) {
                        Entry::Occupied(e) => {
                            duplicate(
                                diags,
                                Term::Module,
                                &m.modules[e.get().index()].name,
                                &module.name,
                            );
                            continue;
                        }
                        Entry::Vacant(v) => {
                            v.insert(mid);
                        }
                    }
                    m.modules.push(Module {
                        department: did,
                        name: module.name.clone(),
                        groups: Vec::new(),
                        answers: Vec::new(),
                    });
                    m.departments[did.index()].modules.push(mid);
                    for g in &module.groups {
                        hygiene(diags, g);
                        let gid = GroupId(m.groups.len() as u32);
                        match n.groups.entry((mid, key(g))) {
                            Entry::Occupied(e) => {
                                duplicate(diags, Term::Group, &m.groups[e.get().index()].name, g)
                            }
                            Entry::Vacant(v) => {
                                v.insert(gid);
                                m.groups.push(Group {
                                    module: mid,
                                    name: g.clone(),
                                });
                                m.modules[mid.index()].groups.push(gid);
                            }
                        }
                    }
                }
            }
            Decl::Item(it) => {
                hygiene(diags, &it.id);
                let id = ItemId(m.items.len() as u32);
                // a second declaration of an id is reported in pass 2, once both
                // owners are resolved (E201 if they differ, E101 if not)
                if let Entry::Vacant(v) = n.items.entry(key(&it.id)) {
                    v.insert(id);
                    m.items.push(Item {
                        id: it.id.clone(),
                        title: it.title.clone(),
                        kind: None,
                        owner: None,
                        owner_span: it.owner.span,
                        tier: None,
                        span: it.span,
                    });
                }
            }
            Decl::Agency(a) => {
                let id = AgencyId(m.agencies.len() as u32);
                if declare(diags, &mut n.agencies, &a.name, Term::Agency, id, |i| {
                    &m.agencies[i.index()].name
                })
                .is_some()
                {
                    m.agencies.push(Agency {
                        name: a.name.clone(),
                        kind: a.kind,
                        span: a.span,
                    });
                }
            }
            Decl::Transfer(t) => {
                let id = TransferId(m.transfers.len() as u32);
                if declare(diags, &mut n.transfers, &t.id, Term::Transfer, id, |i| {
                    &m.transfers[i.index()].id
                })
                .is_some()
                {
                    m.transfers.push(Transfer {
                        id: t.id.clone(),
                        function: t.function.clone(),
                        from: None,
                        agencies: Vec::new(),
                        status: t.status,
                        status_span: t.status_span,
                        supervisor: None,
                        supervisor_written: t.supervisor.is_some(),
                        agencies_written: !t.to.is_empty(),
                        item: None,
                        span: t.span,
                    });
                }
            }
            Decl::Central(c) => {
                let id = AreaId(m.areas.len() as u32);
                if declare(diags, &mut n.areas, &c.name, Term::Area, id, |i| {
                    &m.areas[i.index()].name
                })
                .is_some()
                {
                    m.areas.push(Area {
                        name: c.name.clone(),
                        kind: AreaKind::Central,
                        code: None,
                        members: Vec::new(),
                        grids: Vec::new(),
                        span: c.span,
                    });
                }
            }
            Decl::Community(c) => {
                let id = AreaId(m.areas.len() as u32);
                if declare(diags, &mut n.areas, &c.name, Term::Area, id, |i| {
                    &m.areas[i.index()].name
                })
                .is_none()
                {
                    return;
                }
                if declare(diags, &mut n.codes, &c.code, Term::CommunityCode, id, |i| {
                    m.areas[i.index()]
                        .code
                        .as_ref()
                        .unwrap_or(&m.areas[i.index()].name)
                })
                .is_none()
                {
                    // keep the community; its code clash is reported
                }
                m.areas.push(Area {
                    name: c.name.clone(),
                    kind: AreaKind::Community,
                    code: Some(c.code.clone()),
                    members: Vec::new(),
                    grids: Vec::new(),
                    span: c.span,
                });
                for g in &c.grids {
                    let gid = GridId(m.grids.len() as u32);
                    if declare(diags, &mut n.grids, &g.name, Term::Grid, gid, |i| {
                        &m.grids[i.index()].name
                    })
                    .is_some()
                    {
                        m.grids.push(Grid {
                            community: id,
                            name: g.name.clone(),
                            label: g.label.clone(),
                            dedicated: g.dedicated,
                            micro: g.micro,
                        });
                        m.areas[id.index()].grids.push(gid);
                    }
                }
            }
            Decl::Devolve(dv) => {
                let id = DevolutionId(m.devolutions.len() as u32);
                if declare(
                    diags,
                    &mut n.devolutions,
                    &dv.id,
                    Term::Devolution,
                    id,
                    |i| &m.devolutions[i.index()].id,
                )
                .is_some()
                {
                    m.devolutions.push(Devolution {
                        id: dv.id.clone(),
                        function: dv.function.clone(),
                        kind: None,
                        kind_span: dv.kind.span,
                        from: None,
                        to: None,
                        item: None,
                        span: dv.span,
                    });
                }
            }
            Decl::Joint(j) => {
                let id = JointId(m.joints.len() as u32);
                if declare(diags, &mut n.joints, &j.name, Term::Joint, id, |i| {
                    &m.joints[i.index()].name
                })
                .is_some()
                {
                    m.joints.push(Joint {
                        name: j.name.clone(),
                        leads: Vec::new(),
                        lead_spans: j.leads.iter().map(|p| p.span).collect(),
                        members: Vec::new(),
                        items: Vec::new(),
                        tiers: Vec::new(),
                        tier_spans: j.tiers.iter().map(|t| t.span).collect(),
                        span: j.span,
                    });
                }
            }
            Decl::Event(e) => {
                let id = EventId(m.events.len() as u32);
                if declare(diags, &mut n.events, &e.name, Term::Event, id, |i| {
                    &m.events[i.index()].name
                })
                .is_some()
                {
                    m.events.push(Event {
                        name: e.name.clone(),
                        label: e.label.clone(),
                        handler: None,
                        tier: None,
                        span: e.span,
                    });
                }
            }
            Decl::Caps(_) | Decl::Targets(_) | Decl::Bind(_) | Decl::Rule(_) | Decl::Expect(_) => {}
        }
    }

    // ------------------------------------------------------------ pass 2: resolve

    fn resolve(&mut self, d: &Decl) {
        match d {
            Decl::Caps(c) => self.resolve_caps(c),
            Decl::Targets(t) => self.resolve_targets(t),
            Decl::Department(dep) => self.resolve_department(dep),
            Decl::Item(it) => self.resolve_item(it),
            Decl::Transfer(t) => self.resolve_transfer(t),
            Decl::Central(c) => self.resolve_central(c),
            Decl::Bind(b) => self.resolve_bind(b),
            Decl::Devolve(dv) => self.resolve_devolve(dv),
            Decl::Joint(j) => self.resolve_joint(j),
            Decl::Event(e) => self.resolve_event(e),
            Decl::Rule(r) => self.resolve_rule(r),
            Decl::Expect(e) => {
                if crate::emit::route::KINDS.contains(&e.kind.text.as_str()) {
                    self.m.expects.push(e.clone());
                } else {
                    unknown_key(
                        &mut self.diags,
                        &e.kind,
                        Term::Subject,
                        crate::emit::route::KINDS,
                    );
                }
            }
            Decl::City(_)
            | Decl::Tier(_)
            | Decl::Kind(_)
            | Decl::Upstream(_)
            | Decl::Agency(_)
            | Decl::Community(_) => {}
        }
    }

    fn dept(&mut self, name: &Name) -> Option<DeptId> {
        let Builder { m, n, diags } = self;
        lookup(
            diags,
            n.depts.get(k(name).as_ref()).copied(),
            name,
            Term::Department,
            n.depts.keys(),
            |i| &m.departments[i.index()].name,
        )
    }

    fn tier(&mut self, name: &Name) -> Option<TierId> {
        let Builder { m, n, diags } = self;
        lookup(
            diags,
            n.tiers.get(k(name).as_ref()).copied(),
            name,
            Term::Tier,
            n.tiers.keys(),
            |i| &m.tiers[i.index()].name,
        )
    }

    fn kind(&mut self, name: &Name) -> Option<KindId> {
        let Builder { m, n, diags } = self;
        lookup(
            diags,
            n.kinds.get(k(name).as_ref()).copied(),
            name,
            Term::ItemKind,
            n.kinds.keys(),
            |i| &m.kinds[i.index()].name,
        )
    }

    fn item(&mut self, path: &Path) -> Option<ItemId> {
        let name = self.single(path, Term::Item)?;
        let Builder { m, n, diags } = self;
        lookup(
            diags,
            n.items.get(k(name).as_ref()).copied(),
            name,
            Term::Item,
            n.items.keys(),
            |i| &m.items[i.index()].id,
        )
    }

    fn area(&mut self, path: &Path) -> Option<AreaId> {
        let name = self.single(path, Term::Area)?;
        let Builder { m, n, diags } = self;
        lookup(
            diags,
            n.areas.get(k(name).as_ref()).copied(),
            name,
            Term::Area,
            n.areas.keys(),
            |i| &m.areas[i.index()].name,
        )
    }

    fn area_name(&mut self, name: &Name) -> Option<AreaId> {
        let Builder { m, n, diags } = self;
        lookup(
            diags,
            n.areas.get(k(name).as_ref()).copied(),
            name,
            Term::Area,
            n.areas.keys(),
            |i| &m.areas[i.index()].name,
        )
    }

    fn agency(&mut self, path: &Path) -> Option<AgencyId> {
        let name = self.single(path, Term::Agency)?;
        let Builder { m, n, diags } = self;
        lookup(
            diags,
            n.agencies.get(k(name).as_ref()).copied(),
            name,
            Term::Agency,
            n.agencies.keys(),
            |i| &m.agencies[i.index()].name,
        )
    }

    /// The one name of a path that must not be dotted; a dotted path is
    /// reported as unknown (it names nothing of that kind).
    fn single<'p>(&mut self, path: &'p Path, what: Term) -> Option<&'p Name> {
        match path.parts.as_slice() {
            [one] => Some(one),
            _ => {
                let whole = Name {
                    text: path.display(),
                    span: path.span,
                };
                unresolved(&mut self.diags, &whole, what, std::iter::empty());
                None
            }
        }
    }

    /// `department[.module[.group]]`.
    fn owner(&mut self, path: &Path) -> Option<Owner> {
        let mut parts = path.parts.iter();
        let department = self.dept(parts.next()?)?;
        let mut owner = Owner::department(department);
        if let Some(mname) = parts.next() {
            let Builder { m, n, diags } = self;
            let found = n.modules.get(&(department, key(mname))).copied();
            // the candidates are only needed for a "did you mean" after a miss
            let candidates: Vec<String> = match found {
                Some(_) => Vec::new(),
                None => m
                    .dept(department)
                    .modules
                    .iter()
                    .map(|x| key(&m.module(*x).name))
                    .collect(),
            };
            owner.module = Some(lookup(
                diags,
                found,
                mname,
                Term::Module,
                candidates.iter(),
                |i| &m.modules[i.index()].name,
            )?);
        }
        if let (Some(gname), Some(module)) = (parts.next(), owner.module) {
            let Builder { m, n, diags } = self;
            let found = n.groups.get(&(module, key(gname))).copied();
            let candidates: Vec<String> = match found {
                Some(_) => Vec::new(),
                None => m
                    .module(module)
                    .groups
                    .iter()
                    .map(|x| key(&m.group(*x).name))
                    .collect(),
            };
            owner.group = Some(lookup(
                diags,
                found,
                gname,
                Term::Group,
                candidates.iter(),
                |i| &m.groups[i.index()].name,
            )?);
        }
        if let Some(extra) = parts.next() {
            unresolved(&mut self.diags, extra, Term::Group, std::iter::empty());
            return None;
        }
        Some(owner)
    }

    /// `bureau.office`; a bare office name is accepted when it is unique.
    fn office(&mut self, path: &Path) -> Option<OfficeId> {
        match path.parts.as_slice() {
            [bname, oname] => {
                let Builder { m, n, diags } = self;
                let bureau = lookup(
                    diags,
                    n.bureaus.get(k(bname).as_ref()).copied(),
                    bname,
                    Term::Bureau,
                    n.bureaus.keys(),
                    |i| &m.bureaus[i.index()].name,
                )?;
                let found = n.offices.get(&(bureau, key(oname))).copied();
                let candidates: Vec<String> = match found {
                    Some(_) => Vec::new(),
                    None => m.bureaus[bureau.index()]
                        .offices
                        .iter()
                        .map(|o| key(&m.office(*o).name))
                        .collect(),
                };
                lookup(diags, found, oname, Term::Office, candidates.iter(), |i| {
                    &m.offices[i.index()].name
                })
            }
            _ => {
                let whole = Name {
                    text: path.display(),
                    span: path.span,
                };
                let last = path.parts.last().map(key).unwrap_or_default();
                let found: Vec<usize> = (0..self.m.offices.len())
                    .filter(|&i| key(&self.m.offices[i].name) == last)
                    .collect();
                // a bare office name is enough when exactly one bureau has it
                if let ([one], [_]) = (found.as_slice(), path.parts.as_slice()) {
                    return Some(OfficeId(*one as u32));
                }
                let matches: Vec<String> = found
                    .iter()
                    .map(|&i| self.m.office_path(OfficeId(i as u32)))
                    .collect();
                unresolved(
                    &mut self.diags,
                    &whole,
                    Term::Office,
                    matches.iter().map(|s| s.as_str()),
                );
                None
            }
        }
    }

    fn resolve_caps(&mut self, caps: &ast::Caps) {
        const KEYS: [&str; 4] = ["party", "government", "institution", "catalogue"];
        for e in &caps.entries {
            let key = match e.key.text.as_str() {
                "party" => CapKey::Category(Category::Party),
                "government" => CapKey::Category(Category::Government),
                "institution" => CapKey::Category(Category::Institution),
                "catalogue" => CapKey::Catalogue,
                _ => {
                    unknown_key(&mut self.diags, &e.key, Term::Cap, &KEYS);
                    continue;
                }
            };
            if let Some(prev) = self.m.caps.iter().find(|c| c.key == key) {
                let first = Name {
                    text: e.key.text.clone(),
                    span: prev.span,
                };
                duplicate(&mut self.diags, Term::Cap, &first, &e.key);
                continue;
            }
            self.m.caps.push(Cap {
                key,
                value: e.value,
                span: e.span,
            });
        }
    }

    fn resolve_targets(&mut self, targets: &ast::Targets) {
        let names: Vec<&str> = query::METRICS.iter().map(|(n, _)| *n).collect();
        for e in &targets.entries {
            let Some(metric) = query::METRICS
                .iter()
                .find(|(n, _)| *n == e.key.text)
                .map(|(_, m)| *m)
            else {
                unknown_key(&mut self.diags, &e.key, Term::Metric, &names);
                continue;
            };
            let scope = match &e.of {
                None => Scope::City,
                Some(path) => match self.owner(path) {
                    Some(Owner { group: Some(g), .. }) => Scope::Group(g),
                    Some(Owner {
                        module: Some(x), ..
                    }) => Scope::Module(x),
                    Some(o) => Scope::Department(o.department),
                    None => continue,
                },
            };
            if !query::scoped(metric, scope) {
                let valid: Vec<&str> = query::METRICS
                    .iter()
                    .filter(|(_, m)| query::scoped(*m, scope))
                    .map(|(n, _)| *n)
                    .collect();
                let scope_text = e.of.as_ref().map(|p| p.display()).unwrap_or_default();
                self.diags.push(
                    Diagnostic::new(
                        Code::E106,
                        Text::new(Key::MetricScope)
                            .arg("metric", &e.key.text)
                            .arg("scope", scope_text),
                    )
                    .label(e.key.span, None)
                    .help(Text::new(Key::HelpOneOf).arg(
                        "names",
                        valid.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                    )),
                );
                continue;
            }
            let display = match &e.of {
                Some(p) => format!("{} of {}", e.key.text, p.display()),
                None => e.key.text.clone(),
            };
            // one figure per metric and scope: two would contradict each other
            if let Some(prev) = self
                .m
                .targets
                .iter()
                .find(|t| t.metric == metric && t.scope == scope)
            {
                let first = Name {
                    text: prev.display.clone(),
                    span: prev.span,
                };
                let again = Name {
                    text: display.clone(),
                    span: e.span,
                };
                duplicate(&mut self.diags, Term::Metric, &first, &again);
                continue;
            }
            self.m.targets.push(Target {
                metric,
                scope,
                display,
                value: e.value,
                span: e.span,
            });
        }
    }

    fn resolve_department(&mut self, dep: &ast::Department) {
        let Some(did) = self.n.depts.get(k(&dep.name).as_ref()).copied() else {
            return;
        };
        if self.m.dept(did).span.key() != dep.span.key() {
            return; // a duplicate declaration, already reported
        }
        for module in &dep.modules {
            let Some(mid) = self.n.modules.get(&(did, key(&module.name))).copied() else {
                continue;
            };
            if self.m.module(mid).name.span.key() != module.name.span.key() {
                continue;
            }
            for path in &module.answers {
                if let Some(o) = self.office(path) {
                    self.m.modules[mid.index()].answers.push((o, path.span));
                }
            }
        }
    }

    fn resolve_item(&mut self, it: &ast::Item) {
        let Some(id) = self.n.items.get(k(&it.id).as_ref()).copied() else {
            return;
        };
        let kind = self.kind(&it.kind);
        let owner = self.owner(&it.owner);
        let tier = it.tier.as_ref().and_then(|t| self.tier(t));
        let first = &self.m.items[id.index()];
        if first.span.key() != it.span.key() {
            let diag = match (first.owner, owner) {
                (Some(a), Some(b)) if a != b => {
                    let (a, b) = (self.m.owner_path(a), self.m.owner_path(b));
                    Diagnostic::new(
                        Code::E201,
                        Text::new(Key::TwoOwners)
                            .arg("item", &it.id.text)
                            .arg("first", &a)
                            .arg("second", &b),
                    )
                    .label(
                        it.owner.span,
                        Some(Text::new(Key::LabelOwnedHere).arg("owner", b)),
                    )
                    .label(
                        first.owner_span,
                        Some(Text::new(Key::LabelOwnedHere).arg("owner", a)),
                    )
                    .help(Text::new(Key::HelpOneOwner))
                }
                _ => {
                    let first = first.id.clone();
                    duplicate(&mut self.diags, Term::Item, &first, &it.id);
                    return;
                }
            };
            self.diags.push(diag);
            return;
        }
        let item = &mut self.m.items[id.index()];
        item.kind = kind;
        item.tier = tier;
        item.owner = owner;
    }

    fn resolve_transfer(&mut self, t: &ast::Transfer) {
        let Some(id) = self.n.transfers.get(k(&t.id).as_ref()).copied() else {
            return;
        };
        if self.m.transfers[id.index()].span.key() != t.span.key() {
            return;
        }
        let from = self.owner(&t.from);
        let agencies: Vec<AgencyId> = t.to.iter().filter_map(|p| self.agency(p)).collect();
        let supervisor = t.supervisor.as_ref().and_then(|p| self.owner(p));
        let item = t.item.as_ref().and_then(|p| self.item(p));
        let tr = &mut self.m.transfers[id.index()];
        tr.from = from;
        tr.agencies = agencies;
        tr.supervisor = supervisor;
        tr.item = item;
    }

    fn resolve_central(&mut self, c: &ast::Central) {
        let Some(id) = self.n.areas.get(k(&c.name).as_ref()).copied() else {
            return;
        };
        if self.m.area(id).span.key() != c.span.key() {
            return;
        }
        for member in &c.members {
            if let Some(a) = self.area_name(member) {
                self.m.areas[id.index()].members.push((a, member.span));
            }
        }
    }

    fn resolve_bind(&mut self, b: &ast::Bind) {
        let Some(owner) = self.owner(&b.department) else {
            return;
        };
        let areas =
            b.to.iter()
                .filter_map(|p| self.area(p).map(|a| (a, p.span)))
                .collect();
        self.m.bindings.push(Binding {
            department: owner.department,
            areas,
            span: b.span,
        });
    }

    fn resolve_devolve(&mut self, dv: &ast::Devolve) {
        let Some(id) = self.n.devolutions.get(k(&dv.id).as_ref()).copied() else {
            return;
        };
        if self.m.devolutions[id.index()].span.key() != dv.span.key() {
            return;
        }
        let kind = self.kind(&dv.kind);
        let from = self.owner(&dv.from);
        let to = dv.to.as_ref().map(|paths| {
            paths
                .iter()
                .filter_map(|p| self.area(p).map(|a| (a, p.span)))
                .collect()
        });
        let item = dv.item.as_ref().and_then(|p| self.item(p));
        let d = &mut self.m.devolutions[id.index()];
        d.kind = kind;
        d.from = from;
        d.to = to;
        d.item = item;
    }

    fn resolve_joint(&mut self, j: &ast::Joint) {
        let Some(id) = self.n.joints.get(k(&j.name).as_ref()).copied() else {
            return;
        };
        if self.m.joints[id.index()].span.key() != j.span.key() {
            return;
        }
        let leads = j
            .leads
            .iter()
            .filter_map(|p| self.owner(p).map(|o| (o, p.span)))
            .collect();
        let members = j
            .members
            .iter()
            .filter_map(|p| self.owner(p).map(|o| (o, p.span)))
            .collect();
        let items = j
            .items
            .iter()
            .filter_map(|p| self.item(p).map(|i| (i, p.span)))
            .collect();
        let tiers = j
            .tiers
            .iter()
            .filter_map(|t| self.tier(t).map(|x| (x, t.span)))
            .collect();
        let joint = &mut self.m.joints[id.index()];
        joint.leads = leads;
        joint.members = members;
        joint.items = items;
        joint.tiers = tiers;
    }

    fn resolve_event(&mut self, e: &ast::Event) {
        let Some(id) = self.n.events.get(k(&e.name).as_ref()).copied() else {
            return;
        };
        if self.m.events[id.index()].span.key() != e.span.key() {
            return;
        }
        let handler = match &e.handler {
            ast::Handler::Department(p) => self.owner(p).map(Handler::Department),
            ast::Handler::Joint(name) => {
                let Builder { m, n, diags } = self;
                lookup(
                    diags,
                    n.joints.get(k(name).as_ref()).copied(),
                    name,
                    Term::Joint,
                    n.joints.keys(),
                    |i| &m.joints[i.index()].name,
                )
                .map(Handler::Joint)
            }
        };
        let tier = e.tier.as_ref().and_then(|t| self.tier(t));
        let ev = &mut self.m.events[id.index()];
        ev.handler = handler;
        ev.tier = tier;
    }

    fn resolve_rule(&mut self, r: &ast::Rule) {
        hygiene(&mut self.diags, &r.name);
        if let Some(first) = self.m.rules.iter().find(|x| key(&x.name) == key(&r.name)) {
            let first = first.name.clone();
            duplicate(&mut self.diags, Term::Rule, &first, &r.name);
            return;
        }
        let Some(entity) = query::ENTITIES
            .iter()
            .find(|(n, _)| *n == r.entity.text)
            .map(|(_, e)| *e)
        else {
            let names: Vec<&str> = query::ENTITIES.iter().map(|(n, _)| *n).collect();
            unknown_key(&mut self.diags, &r.entity, Term::Entity, &names);
            return;
        };
        let before = self.diags.len();
        for e in r.filter.iter().chain(r.must.iter()) {
            self.check_expr(entity, e);
        }
        if self.diags.len() > before {
            return; // a rule that does not type-check is not evaluated
        }
        let mut exceptions = Vec::new();
        for ex in &r.exceptions {
            let targets = ex
                .names
                .iter()
                .filter_map(|p| self.rule_target(entity, p).map(|i| (i, p.span)))
                .collect();
            exceptions.push(RuleException {
                targets,
                reason: ex.reason.clone(),
                span: ex.span,
            });
        }
        self.m.rules.push(PolicyRule {
            name: r.name.clone(),
            quantifier: r.quantifier,
            entity,
            filter: r.filter.clone(),
            must: r.must.clone(),
            exceptions,
            severity: r
                .severity
                .map(|(s, _)| s)
                .unwrap_or(crate::diagnostics::Severity::Error),
            message: r.message.clone(),
            span: r.span,
        });
    }

    /// The index of the thing an `except` clause names.
    fn rule_target(&mut self, entity: Entity, p: &Path) -> Option<u32> {
        let i = match entity {
            Entity::Item => self.item(p)?.0,
            Entity::Department => self.owner(p)?.department.0,
            Entity::Module => self.owner(p)?.module.map(|x| x.0).or_else(|| {
                unresolved(
                    &mut self.diags,
                    &Name {
                        text: p.display(),
                        span: p.span,
                    },
                    Term::Module,
                    std::iter::empty(),
                );
                None
            })?,
            Entity::UpstreamOffice => self.office(p)?.0,
            Entity::Agency => self.agency(p)?.0,
            Entity::CentralCommunity | Entity::Community => self.area(p)?.0,
            Entity::Transfer => {
                let name = self.single(p, Term::Transfer)?;
                let Builder { m, n, diags } = self;
                lookup(
                    diags,
                    n.transfers.get(k(name).as_ref()).copied(),
                    name,
                    Term::Transfer,
                    n.transfers.keys(),
                    |i| &m.transfers[i.index()].id,
                )?
                .0
            }
            Entity::Devolution => {
                let name = self.single(p, Term::Devolution)?;
                let Builder { m, n, diags } = self;
                lookup(
                    diags,
                    n.devolutions.get(k(name).as_ref()).copied(),
                    name,
                    Term::Devolution,
                    n.devolutions.keys(),
                    |i| &m.devolutions[i.index()].id,
                )?
                .0
            }
            Entity::Joint => {
                let name = self.single(p, Term::Joint)?;
                let Builder { m, n, diags } = self;
                lookup(
                    diags,
                    n.joints.get(k(name).as_ref()).copied(),
                    name,
                    Term::Joint,
                    n.joints.keys(),
                    |i| &m.joints[i.index()].name,
                )?
                .0
            }
            Entity::Event => {
                let name = self.single(p, Term::Event)?;
                let Builder { m, n, diags } = self;
                lookup(
                    diags,
                    n.events.get(k(name).as_ref()).copied(),
                    name,
                    Term::Event,
                    n.events.keys(),
                    |i| &m.events[i.index()].name,
                )?
                .0
            }
        };
        Some(i)
    }

    /// E106 for unknown attributes, E107 for attributes used against their type.
    fn check_expr(&mut self, entity: Entity, e: &Expr) {
        let attr_type = |name: &Name| {
            query::attributes_of(entity)
                .find(|(n, _)| *n == name.text)
                .map(|(_, t)| t)
        };
        let (attr, wanted) = match e {
            Expr::Or(v) | Expr::And(v) => {
                for x in v {
                    self.check_expr(entity, x);
                }
                return;
            }
            Expr::Not(x) => return self.check_expr(entity, x),
            Expr::Compare { attr, op, .. } => (
                attr,
                if matches!(op, ast::Op::Eq | ast::Op::Ne) {
                    None
                } else {
                    Some(Key::DetailNotNumber)
                },
            ),
            Expr::In { attr, .. } | Expr::Has { attr } => (attr, None),
            Expr::Count { attr, .. } => (attr, Some(Key::DetailNotList)),
            Expr::Flag { attr } => (attr, Some(Key::DetailNotFlag)),
        };
        let Some(t) = attr_type(attr) else {
            let names: Vec<&str> = query::attributes_of(entity).map(|(n, _)| n).collect();
            unknown_key(&mut self.diags, attr, Term::Attribute, &names);
            return;
        };
        let bad = match (wanted, t) {
            (Some(Key::DetailNotNumber), AttrType::Number) => None,
            (Some(Key::DetailNotList), AttrType::List) => None,
            (Some(Key::DetailNotFlag), AttrType::Flag) => None,
            (Some(k), _) => Some(k),
            (None, AttrType::Flag) if matches!(e, Expr::Compare { .. } | Expr::In { .. }) => {
                Some(Key::DetailFlagCompare)
            }
            (None, _) => None,
        };
        if let Some(detail) = bad {
            self.diags.push(
                Diagnostic::new(
                    Code::E107,
                    Text::new(Key::RuleType).arg("attr", &attr.text).arg(
                        "detail",
                        Arg::Phrase {
                            en: Text::new(detail)
                                .arg("attr", &attr.text)
                                .render(crate::diagnostics::Lang::En),
                            zh: Text::new(detail)
                                .arg("attr", &attr.text)
                                .render(crate::diagnostics::Lang::Zh),
                        },
                    ),
                )
                .label(attr.span, None),
            );
            return;
        }
        let values: Vec<&Path> = match e {
            Expr::Compare { value, .. } => vec![value],
            Expr::In { values, .. } => values.iter().collect(),
            _ => Vec::new(),
        };
        for value in values {
            self.check_value(entity, &attr.text, value);
        }
    }

    /// A value compared with a name attribute must name something that exists
    /// (or be `none`): a typo in a rule would otherwise silently make it fail
    /// for everything, or hold for nothing.
    fn check_value(&mut self, entity: Entity, attr: &str, value: &Path) {
        let whole = Name {
            text: value.display(),
            span: value.span,
        };
        if whole.text == "none" {
            return;
        }
        let k = key(&whole);
        let fixed = |list: &[&'static str]| -> (Term, Vec<String>) {
            (Term::Value, list.iter().map(|s| s.to_string()).collect())
        };
        let (what, candidates): (Term, Vec<String>) = match (entity, attr) {
            (_, "owner" | "department" | "supervisor" | "lead" | "members" | "departments") => {
                (Term::Department, self.n.depts.keys().cloned().collect())
            }
            (Entity::Agency, "kind") => fixed(&[
                "social_organisation",
                "association",
                "enterprise",
                "institution",
            ]),
            (_, "kind") => (Term::ItemKind, self.n.kinds.keys().cloned().collect()),
            (_, "tier") => (Term::Tier, self.n.tiers.keys().cloned().collect()),
            (_, "category") => fixed(&["party", "government", "institution"]),
            (_, "status") => fixed(&["planned", "transferred", "withdrawn"]),
            (_, "central") => (Term::Central, self.n.areas.keys().cloned().collect()),
            (_, "joint_cases") => (Term::Joint, self.n.joints.keys().cloned().collect()),
            (_, "bureau") => (Term::Bureau, self.n.bureaus.keys().cloned().collect()),
            (Entity::Event, "handler") => (
                Term::Department,
                self.n
                    .depts
                    .keys()
                    .chain(self.n.joints.keys())
                    .cloned()
                    .collect(),
            ),
            _ => return,
        };
        if !candidates.contains(&k) {
            unresolved(
                &mut self.diags,
                &whole,
                what,
                candidates.iter().map(String::as_str),
            );
        }
    }
}

use crate::diagnostics::Arg;
