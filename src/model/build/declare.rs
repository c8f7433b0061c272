//! Pass 1: declare every named thing; a clash is E101 (or, for an item id
//! with two owners, E201 once pass 2 has resolved both).

use super::*;

impl Builder {
    // ------------------------------------------------------------ pass 1: declare

    /// Declare the names of one declaration, each kind in its own function.
    pub(super) fn declare(&mut self, d: &Decl) {
        match d {
            Decl::City(c) => self.declare_city(c),
            Decl::Tier(t) => self.declare_tier(t),
            Decl::Kind(k) => self.declare_kind(k),
            Decl::Upstream(u) => self.declare_upstream(u),
            Decl::Department(dep) => self.declare_department(dep),
            Decl::Agency(a) => self.declare_agency(a),
            Decl::Transfer(t) => self.declare_transfer(t),
            Decl::Central(c) => self.declare_central(c),
            Decl::Community(c) => self.declare_community(c),
            Decl::Devolve(dv) => self.declare_devolve(dv),
            Decl::Joint(j) => self.declare_joint(j),
            Decl::Event(e) => self.declare_event(e),
            Decl::ServiceCentre(c) => self.declare_centre(c),
            Decl::Caps(_) | Decl::Targets(_) | Decl::Bind(_) | Decl::Rule(_) | Decl::Expect(_) => {}
            // moved into the model by `ModelBuilder::declare_file` (mass.rs)
            Decl::Item(_) | Decl::CentreService(_) | Decl::Measure(_) => {}
        }
    }

    fn declare_city(&mut self, c: &ast::City) {
        let Builder { m, diags, .. } = self;
        if let Some(first) = &m.city {
            duplicate(diags, Term::City, &first.name, &c.name);
        } else {
            m.city = Some(c.clone());
        }
    }

    fn declare_tier(&mut self, t: &ast::Tier) {
        let Builder { m, n, diags } = self;
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

    fn declare_kind(&mut self, k: &ast::Kind) {
        let Builder { m, n, diags } = self;
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
                    Message::Duplicate {
                        what: Term::ItemKind,
                        name: k.name.text.clone(),
                    },
                )
                .label(k.name.span, Some(Message::LabelDeclaredAgain))
                .help(Message::HelpBuiltinKind {
                    name: name.to_string(),
                }),
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

    fn declare_upstream(&mut self, u: &ast::Upstream) {
        let Builder { m, n, diags } = self;
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

    fn declare_department(&mut self, dep: &ast::Department) {
        let Builder { m, n, diags } = self;
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
            staffing: None,
            formerly: dep.formerly.clone(),
            span: dep.span,
        });
        if !dep.staffing.is_empty() {
            let staffing = staffing(diags, &dep.staffing);
            m.departments[did.index()].staffing = Some(staffing);
        }
        for f in &dep.fields {
            hygiene(diags, f);
        }
        for module in &dep.modules {
            hygiene(diags, &module.name);
            let mid = ModuleId(m.modules.len() as u32);
            match n.modules.entry(did).or_default().entry(key(&module.name)) {
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
                match n.groups.entry(mid).or_default().entry(key(g)) {
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

    fn declare_agency(&mut self, a: &ast::Agency) {
        let Builder { m, n, diags } = self;
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

    fn declare_transfer(&mut self, t: &ast::Transfer) {
        let Builder { m, n, diags } = self;
        let id = TransferId(m.transfers.len() as u32);
        id_spelling(diags, Term::Transfer, &t.id);
        if declare(diags, &mut n.transfers, &t.id, Term::Transfer, id, |i| {
            &m.transfers[i.index()].id
        })
        .is_some()
        {
            m.transfers.push(Transfer {
                id: normal(&t.id),
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

    fn declare_central(&mut self, c: &ast::Central) {
        let Builder { m, n, diags } = self;
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

    fn declare_community(&mut self, c: &ast::Community) {
        let Builder { m, n, diags } = self;
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

    fn declare_devolve(&mut self, dv: &ast::Devolve) {
        let Builder { m, n, diags } = self;
        let id = DevolutionId(m.devolutions.len() as u32);
        id_spelling(diags, Term::Devolution, &dv.id);
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
                id: normal(&dv.id),
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

    fn declare_joint(&mut self, j: &ast::Joint) {
        let Builder { m, n, diags } = self;
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

    fn declare_event(&mut self, e: &ast::Event) {
        let Builder { m, n, diags } = self;
        let id = EventId(m.events.len() as u32);
        if declare(diags, &mut n.events, &e.name, Term::Event, id, |i| {
            &m.events[i.index()].name
        })
        .is_some()
        {
            m.events.push(Event {
                name: e.name.clone(),
                label: e.label.clone(),
                owner: None,
                owner_span: e.owner.span,
                bound: e.bound,
                enforcer: None,
                joint: None,
                tier: None,
                span: e.span,
            });
        }
    }

    fn declare_centre(&mut self, c: &ast::ServiceCentre) {
        let Builder { m, n, diags } = self;
        let id = CentreId(m.centres.len() as u32);
        if declare(diags, &mut n.centres, &c.name, Term::Centre, id, |i| {
            &m.centres[i.index()].name
        })
        .is_none()
        {
            return;
        }
        let mut sections: Vec<CentreSection> = Vec::new();
        for s in &c.sections {
            hygiene(diags, &s.name);
            if let Some(first) = sections.iter().find(|x| key(&x.name) == key(&s.name)) {
                duplicate(diags, Term::Section, &first.name, &s.name);
                continue;
            }
            let mut areas: Vec<Name> = Vec::new();
            for a in &s.areas {
                hygiene(diags, a);
                // an area's name is unique in the whole centre
                let earlier = sections
                    .iter()
                    .flat_map(|x| x.areas.iter())
                    .chain(areas.iter())
                    .find(|x| key(x) == key(a));
                match earlier {
                    Some(first) => duplicate(diags, Term::ServiceArea, first, a),
                    None => areas.push(a.clone()),
                }
            }
            sections.push(CentreSection {
                name: s.name.clone(),
                areas,
            });
        }
        m.centres.push(Centre {
            name: c.name.clone(),
            stationed: Vec::new(),
            sections,
            span: c.span,
        });
    }
}

/// A department's `staffing` clause: known keys (E106), each once (E101).
fn staffing(diags: &mut Vec<Diagnostic>, figures: &[ast::Figure]) -> Staffing {
    const KEYS: [&str; 4] = [
        "administrative",
        "institutional",
        "leadership",
        "in_communities",
    ];
    let mut st = Staffing {
        span: figures.first().map(|f| f.span).unwrap_or_default(),
        ..Staffing::default()
    };
    let mut seen: Vec<&Name> = Vec::new();
    for f in figures {
        let slot = match f.key.text.as_str() {
            "administrative" => &mut st.administrative,
            "institutional" => &mut st.institutional,
            "leadership" => {
                st.leadership_span = f.span;
                &mut st.leadership
            }
            "in_communities" => {
                st.in_communities_span = f.span;
                &mut st.in_communities
            }
            _ => {
                unknown_key(diags, &f.key, Term::Staffing, &KEYS);
                continue;
            }
        };
        if let Some(first) = seen.iter().find(|n| n.text == f.key.text) {
            duplicate(diags, Term::Staffing, first, &f.key);
            continue;
        }
        *slot = f.value;
        seen.push(&f.key);
    }
    st
}
