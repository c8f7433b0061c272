//! Pass 2: resolve every reference (E102 with "did you mean", W105 for a
//! spelling variant) and fill in the model.

use super::*;
use crate::syntax::ast::Path;
use crate::vocab::SubjectKind;

impl Builder {
    // ------------------------------------------------------------ pass 2: resolve

    pub(super) fn resolve(&mut self, d: &Decl) {
        match d {
            Decl::Caps(c) => self.resolve_caps(c),
            Decl::Targets(t) => self.resolve_targets(t),
            Decl::Department(dep) => self.resolve_department(dep),
            Decl::Transfer(t) => self.resolve_transfer(t),
            Decl::Central(c) => self.resolve_central(c),
            Decl::Bind(b) => self.resolve_bind(b),
            Decl::Devolve(dv) => self.resolve_devolve(dv),
            Decl::Joint(j) => self.resolve_joint(j),
            Decl::Event(e) => self.resolve_event(e),
            Decl::Rule(r) => self.resolve_rule(r),
            Decl::ServiceCentre(c) => self.resolve_centre(c),
            Decl::Expect(e) => match SubjectKind::parse(&e.kind.text) {
                Some(kind) => self.m.expects.push(Expectation {
                    kind,
                    subject: e.subject.clone(),
                    at: e.at.clone(),
                    expected: e.expected.clone(),
                    tier: e.tier.clone(),
                    span: e.span,
                }),
                None => {
                    let kinds = SubjectKind::spellings();
                    let kinds: Vec<&str> = kinds.iter().map(String::as_str).collect();
                    unknown_key(&mut self.diags, &e.kind, Term::Subject, &kinds);
                }
            },
            Decl::City(_)
            | Decl::Tier(_)
            | Decl::Kind(_)
            | Decl::Upstream(_)
            | Decl::Agency(_)
            | Decl::Community(_) => {}
            // resolved from what declaring them kept aside (mass.rs)
            Decl::Item(_) | Decl::CentreService(_) | Decl::Measure(_) => {}
        }
    }

    pub(super) fn dept(&mut self, name: &Name) -> Option<DeptId> {
        let Builder { m, n, diags } = self;
        lookup_in(diags, &n.depts, name, Term::Department, |i| {
            &m.departments[i.index()].name
        })
    }

    pub(super) fn tier(&mut self, name: &Name) -> Option<TierId> {
        let Builder { m, n, diags } = self;
        let found = lookup_in(diags, &n.tiers, name, Term::Tier, |i| {
            &m.tiers[i.index()].name
        });
        if found.is_none() {
            // a tier written by its label (`当日办结`) or its time limit (`1d`)
            let wanted = key(name);
            let minutes = duration_minutes(&wanted);
            let by = m.tiers.iter().find(|t| {
                t.label.as_ref().is_some_and(|l| key(l) == wanted)
                    || minutes == Some(t.limit_minutes)
            });
            let declared = m.tiers.iter().map(|t| labelled(&t.name, t.label.as_ref()));
            bridge(
                diags,
                name,
                Term::Tier,
                by.map(|t| (&t.name, t.label.as_ref())),
                declared,
            );
        }
        found
    }

    pub(super) fn kind(&mut self, name: &Name) -> Option<KindId> {
        let Builder { m, n, diags } = self;
        let found = lookup_in(diags, &n.kinds, name, Term::ItemKind, |i| {
            &m.kinds[i.index()].name
        });
        if found.is_none() {
            // a kind written by its label (`公共服务`), or in another case
            let wanted = key(name);
            let by = m.kinds.iter().find(|k| {
                k.label.as_ref().is_some_and(|l| key(l) == wanted)
                    || crate::vocab::bridge(&wanted, [k.name.text.as_str()]).is_some()
            });
            let declared = m.kinds.iter().map(|k| labelled(&k.name, k.label.as_ref()));
            bridge(
                diags,
                name,
                Term::ItemKind,
                by.map(|k| (&k.name, k.label.as_ref())),
                declared,
            );
        }
        found
    }

    pub(super) fn item(&mut self, path: &Path) -> Option<ItemId> {
        let name = self.single(path, Term::Item)?;
        let Builder { m, n, diags } = self;
        let found = n.items.get(&m.items, &k(name));
        let (items, ids) = (&m.items, &n.items);
        lookup_found(
            diags,
            found,
            ids.table(),
            || ids.keys(items),
            name,
            Term::Item,
            |i| &items[i.index()].id,
        )
    }

    pub(super) fn area(&mut self, path: &Path) -> Option<AreaId> {
        let name = self.single(path, Term::Area)?;
        self.area_name(name)
    }

    pub(super) fn area_name(&mut self, name: &Name) -> Option<AreaId> {
        let Builder { m, n, diags } = self;
        lookup_in(diags, &n.areas, name, Term::Area, |i| {
            &m.areas[i.index()].name
        })
    }

    pub(super) fn agency(&mut self, path: &Path) -> Option<AgencyId> {
        let name = self.single(path, Term::Agency)?;
        let Builder { m, n, diags } = self;
        lookup_in(diags, &n.agencies, name, Term::Agency, |i| {
            &m.agencies[i.index()].name
        })
    }

    /// The one name of a path that must not be dotted; a dotted path is
    /// reported as unknown (it names nothing of that kind).
    pub(super) fn single<'p>(&mut self, path: &'p Path, what: Term) -> Option<&'p Name> {
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
    pub(super) fn owner(&mut self, path: &Path) -> Option<Owner> {
        let mut parts = path.parts.iter();
        let department = self.dept(parts.next()?)?;
        let mut owner = Owner::department(department);
        if let Some(mname) = parts.next() {
            let Builder { m, n, diags } = self;
            let found = n
                .modules
                .get(&department)
                .and_then(|x| x.get(k(mname).as_ref()))
                .copied();
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
            let found = n
                .groups
                .get(&module)
                .and_then(|x| x.get(k(gname).as_ref()))
                .copied();
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
    pub(super) fn office(&mut self, path: &Path) -> Option<OfficeId> {
        match path.parts.as_slice() {
            [bname, oname] => {
                let Builder { m, n, diags } = self;
                let bureau = lookup_in(diags, &n.bureaus, bname, Term::Bureau, |i| {
                    &m.bureaus[i.index()].name
                })?;
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

    pub(super) fn resolve_department(&mut self, dep: &ast::Department) {
        let Some(did) = self.n.depts.get(k(&dep.name).as_ref()).copied() else {
            return;
        };
        if self.m.dept(did).span.key() != dep.span.key() {
            return; // a duplicate declaration, already reported
        }
        for module in &dep.modules {
            let Some(mid) = self
                .n
                .modules
                .get(&did)
                .and_then(|x| x.get(k(&module.name).as_ref()))
                .copied()
            else {
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

    pub(super) fn resolve_transfer(&mut self, t: &ast::Transfer) {
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

    pub(super) fn resolve_central(&mut self, c: &ast::Central) {
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

    pub(super) fn resolve_bind(&mut self, b: &ast::Bind) {
        let Some(owner) = self.owner(&b.department) else {
            return;
        };
        let areas =
            b.to.iter()
                .filter_map(|p| self.area(p).map(|a| (a, p.span)))
                .collect();
        self.m.bindings.push(Binding {
            department: owner.department,
            team: owner,
            areas,
            span: b.span,
        });
    }

    pub(super) fn resolve_devolve(&mut self, dv: &ast::Devolve) {
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

    pub(super) fn resolve_joint(&mut self, j: &ast::Joint) {
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

    pub(super) fn resolve_event(&mut self, e: &ast::Event) {
        let Some(id) = self.n.events.get(k(&e.name).as_ref()).copied() else {
            return;
        };
        if self.m.events[id.index()].span.key() != e.span.key() {
            return;
        }
        let owner = self.owner(&e.owner);
        let enforcer = e.enforcer.as_ref().and_then(|p| self.owner(p));
        let joint = e.joint.as_ref().and_then(|name| {
            let Builder { m, n, diags } = self;
            lookup_in(diags, &n.joints, name, Term::Joint, |i| {
                &m.joints[i.index()].name
            })
        });
        let tier = e.tier.as_ref().and_then(|t| self.tier(t));
        let ev = &mut self.m.events[id.index()];
        ev.owner = owner;
        ev.enforcer = enforcer;
        ev.joint = joint;
        ev.tier = tier;
    }

    /// A department (module, group) or an agency, for a service centre.
    pub(super) fn unit(&mut self, path: &Path) -> Option<Unit> {
        if let [one] = path.parts.as_slice() {
            if let Some(a) = self.n.agencies.get(k(one).as_ref()) {
                return Some(Unit::Agency(*a));
            }
        }
        self.owner(path).map(Unit::Department)
    }

    pub(super) fn resolve_centre(&mut self, c: &ast::ServiceCentre) {
        let Some(id) = self.n.centres.get(k(&c.name).as_ref()).copied() else {
            return;
        };
        if self.m.centres[id.index()].span.key() != c.span.key() {
            return;
        }
        let stationed = c
            .stationed
            .iter()
            .filter_map(|p| self.unit(p).map(|u| (u, p.span)))
            .collect();
        self.m.centres[id.index()].stationed = stationed;
    }

    /// `CENTRE.SECTION.AREA`: the centre, and the indices of the section and area.
    pub(super) fn centre_area(&mut self, path: &Path) -> Option<(CentreId, usize, usize)> {
        let [centre, section, area] = path.parts.as_slice() else {
            let Builder { diags, .. } = self;
            let name = Name {
                text: path.display(),
                span: path.span,
            };
            unresolved(diags, &name, Term::ServiceArea, std::iter::empty());
            return None;
        };
        let cid = {
            let Builder { m, n, diags } = self;
            lookup_in(diags, &n.centres, centre, Term::Centre, |i| {
                &m.centres[i.index()].name
            })?
        };
        let c = &self.m.centres[cid.index()];
        let Some(si) = c.sections.iter().position(|s| key(&s.name) == key(section)) else {
            let names: Vec<String> = c.sections.iter().map(|s| s.name.text.clone()).collect();
            unresolved(
                &mut self.diags,
                section,
                Term::Section,
                names.iter().map(String::as_str),
            );
            return None;
        };
        let s = &c.sections[si];
        let Some(ai) = s.areas.iter().position(|a| key(a) == key(area)) else {
            let names: Vec<String> = s.areas.iter().map(|a| a.text.clone()).collect();
            unresolved(
                &mut self.diags,
                area,
                Term::ServiceArea,
                names.iter().map(String::as_str),
            );
            return None;
        };
        Some((cid, si, ai))
    }
}

/// A declared name with its label, for a list of declared things.
fn labelled(name: &Name, label: Option<&Name>) -> (String, Option<String>) {
    (name.text.clone(), label.map(|l| l.text.clone()))
}

/// The minutes of a time limit written like `24h`, `1d` or `30min`.
fn duration_minutes(s: &str) -> Option<u64> {
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    let (n, unit) = s.split_at(digits);
    let n: u64 = n.parse().ok()?;
    match unit {
        "min" => Some(n),
        "h" => n.checked_mul(60),
        "d" => n.checked_mul(24 * 60),
        _ => None,
    }
}

/// Give the E102 just reported for `name` a bridge: "did you mean
/// `same_day`（当日办结）?" when `by` is the declared thing it stands for, else
/// the list of what is declared when there is no closer suggestion.
fn bridge(
    diags: &mut [Diagnostic],
    name: &Name,
    what: Term,
    by: Option<(&Name, Option<&Name>)>,
    declared: impl Iterator<Item = (String, Option<String>)>,
) {
    let Some(d) = diags.last_mut() else {
        return;
    };
    if d.code != Code::E102 || d.primary() != Some(name.span) {
        return;
    }
    match by {
        Some((word, label)) => {
            d.help = Some(match label {
                Some(l) => Message::HelpDidYouMeanLabel {
                    suggestion: word.text.clone(),
                    label: l.text.clone(),
                },
                None => Message::HelpDidYouMean {
                    suggestion: word.text.clone(),
                },
            });
        }
        None if d.help.is_none() => {
            let names: Vec<(String, Option<String>)> = declared.take(30).collect();
            if !names.is_empty() {
                d.help = Some(Message::HelpDeclared { what, names });
            }
        }
        None => {}
    }
}
