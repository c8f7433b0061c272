//! Lowering of every declaration but `rule`.

use super::*;

impl Lowerer<'_> {
    pub(super) fn lower_city(&mut self, p: P<'_>) -> City {
        let span = self.span(&p);
        let mut it = children(p).filter(|c| c.as_rule() != Rule::kw_city);
        let name = it
            .next()
            .map(|n| self.lower_name(n))
            .unwrap_or_else(|| self.empty_name(span));
        let mut city = City {
            name,
            code: None,
            upstream: None,
            span,
        };
        for field in it {
            let mut parts = field.into_inner();
            let (Some(kw), Some(value)) = (parts.next(), parts.next()) else {
                continue;
            };
            match kw.as_rule() {
                Rule::kw_code => city.code = Some(self.lower_ident(value)),
                Rule::kw_upstream => city.upstream = Some(self.lower_name(value)),
                _ => self.unexpected(&kw),
            }
        }
        city
    }

    pub(super) fn lower_figures(&mut self, p: P<'_>) -> Vec<Figure> {
        children(p)
            .filter(|c| c.as_rule() == Rule::cap || c.as_rule() == Rule::target)
            .map(|f| self.lower_figure(f))
            .collect()
    }

    pub(super) fn lower_figure(&mut self, p: P<'_>) -> Figure {
        let span = self.span(&p);
        let mut key = self.empty_name(span);
        let mut of = None;
        let mut value = 0;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::word => key = self.lower_ident(c),
                Rule::path => of = Some(self.lower_path(c)),
                Rule::number => value = self.number(&c),
                _ => self.token(&c),
            }
        }
        Figure {
            key,
            of,
            value,
            span,
        }
    }

    pub(super) fn lower_tier(&mut self, p: P<'_>) -> Tier {
        let span = self.span(&p);
        let mut tier = Tier {
            name: self.empty_name(span),
            label: None,
            limit_minutes: 0,
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => tier.name = self.lower_name(c),
                Rule::string => tier.label = Some(self.lower_string_name(c)),
                Rule::duration => tier.limit_minutes = duration_minutes(c.as_str()),
                _ => self.token(&c),
            }
        }
        tier
    }

    pub(super) fn lower_kind(&mut self, p: P<'_>) -> Kind {
        let span = self.span(&p);
        let mut kind = Kind {
            name: self.empty_name(span),
            label: None,
            devolvable: false,
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => kind.name = self.lower_name(c),
                Rule::string => kind.label = Some(self.lower_string_name(c)),
                Rule::devolvable => kind.devolvable = true,
                _ => self.token(&c),
            }
        }
        kind
    }

    pub(super) fn lower_upstream(&mut self, p: P<'_>) -> Upstream {
        let span = self.span(&p);
        let mut up = Upstream {
            name: self.empty_name(span),
            offices: Vec::new(),
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => up.name = self.lower_name(c),
                Rule::office => up.offices.push(self.lower_office(c)),
                _ => self.token(&c),
            }
        }
        up
    }

    pub(super) fn lower_office(&mut self, p: P<'_>) -> Office {
        let span = self.span(&p);
        let mut office = Office {
            name: self.empty_name(span),
            shared: false,
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::shared => office.shared = true,
                Rule::name => office.name = self.lower_name(c),
                _ => self.token(&c),
            }
        }
        office
    }

    pub(super) fn lower_department(&mut self, p: P<'_>) -> Department {
        let span = self.span(&p);
        let mut d = Department {
            name: self.empty_name(span),
            category: Category::Government,
            category_span: span,
            fields: Vec::new(),
            modules: Vec::new(),
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => d.name = self.lower_name(c),
                Rule::category => {
                    d.category_span = self.span(&c);
                    d.category = self.lower_category(c);
                }
                Rule::fields => {
                    for f in c.into_inner().filter(|f| f.as_rule() == Rule::names) {
                        d.fields.extend(self.lower_names(f));
                    }
                }
                Rule::module => d.modules.push(self.lower_module(c)),
                _ => self.token(&c),
            }
        }
        d
    }

    pub(super) fn lower_module(&mut self, p: P<'_>) -> Module {
        let span = self.span(&p);
        let mut m = Module {
            name: self.empty_name(span),
            answers: Vec::new(),
            groups: Vec::new(),
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => m.name = self.lower_name(c),
                Rule::answers => {
                    for a in c.into_inner().filter(|a| a.as_rule() == Rule::paths) {
                        m.answers.extend(self.lower_paths(a));
                    }
                }
                Rule::group => {
                    if let Some(n) = c.into_inner().find(|n| n.as_rule() == Rule::name) {
                        m.groups.push(self.lower_name(n));
                    }
                }
                _ => self.token(&c),
            }
        }
        m
    }

    pub(super) fn lower_item(&mut self, p: P<'_>) -> Item {
        let span = self.span(&p);
        let mut names = Vec::new();
        let mut title = None;
        let mut owner = None;
        let mut tier = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => names.push(self.lower_name(c)),
                Rule::string => title = Some(self.lower_string_name(c)),
                Rule::path => owner = Some(self.lower_path(c)),
                Rule::item_tier => tier = self.lower_item_tier(c),
                _ => self.token(&c),
            }
        }
        let mut names = names.into_iter();
        Item {
            id: names.next().unwrap_or_else(|| self.empty_name(span)),
            kind: names.next().unwrap_or_else(|| self.empty_name(span)),
            title: title.unwrap_or_else(|| self.empty_name(span)),
            owner: owner.unwrap_or(Path {
                parts: Vec::new(),
                span,
            }),
            tier,
            span,
        }
    }

    pub(super) fn lower_item_tier(&mut self, p: P<'_>) -> Option<Name> {
        p.into_inner()
            .find(|n| n.as_rule() == Rule::name)
            .map(|n| self.lower_name(n))
    }

    pub(super) fn lower_agency(&mut self, p: P<'_>) -> Agency {
        let span = self.span(&p);
        let mut a = Agency {
            name: self.empty_name(span),
            kind: AgencyKind::Enterprise,
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => a.name = self.lower_name(c),
                Rule::agency_kind => a.kind = self.lower_agency_kind(c),
                _ => self.token(&c),
            }
        }
        a
    }

    pub(super) fn lower_transfer(&mut self, p: P<'_>) -> Transfer {
        let span = self.span(&p);
        let mut t = Transfer {
            id: self.empty_name(span),
            function: self.empty_name(span),
            from: Path {
                parts: Vec::new(),
                span,
            },
            to: Vec::new(),
            status: Status::Planned,
            status_span: span,
            supervisor: None,
            item: None,
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => t.id = self.lower_name(c),
                Rule::string => t.function = self.lower_string_name(c),
                Rule::path => t.from = self.lower_path(c),
                Rule::transfer_to => t.to = self.lower_tail_paths(c),
                Rule::status => {
                    t.status_span = self.span(&c);
                    t.status = self.lower_status(c);
                }
                Rule::supervisor => t.supervisor = self.lower_tail_path(c),
                Rule::covers => t.item = self.lower_tail_path(c),
                _ => self.token(&c),
            }
        }
        t
    }

    /// The `path` after a keyword (`supervised_by X`, `item X`).
    pub(super) fn lower_tail_path(&mut self, p: P<'_>) -> Option<Path> {
        p.into_inner()
            .find(|c| c.as_rule() == Rule::path)
            .map(|c| self.lower_path(c))
    }

    /// The `paths` after a keyword (`to A, B`).
    pub(super) fn lower_tail_paths(&mut self, p: P<'_>) -> Vec<Path> {
        p.into_inner()
            .filter(|c| c.as_rule() == Rule::paths)
            .flat_map(|c| self.lower_paths(c))
            .collect()
    }

    pub(super) fn lower_central(&mut self, p: P<'_>) -> Central {
        let span = self.span(&p);
        let mut c = Central {
            name: self.empty_name(span),
            members: Vec::new(),
            span,
        };
        for child in p.into_inner() {
            match child.as_rule() {
                Rule::name => c.name = self.lower_name(child),
                Rule::central_member => {
                    if let Some(n) = child.into_inner().find(|n| n.as_rule() == Rule::name) {
                        c.members.push(self.lower_name(n));
                    }
                }
                _ => self.token(&child),
            }
        }
        c
    }

    pub(super) fn lower_community(&mut self, p: P<'_>) -> Community {
        let span = self.span(&p);
        let mut c = Community {
            name: self.empty_name(span),
            code: self.empty_name(span),
            grids: Vec::new(),
            span,
        };
        for child in p.into_inner() {
            match child.as_rule() {
                Rule::name => c.name = self.lower_name(child),
                Rule::number => c.code = self.lower_ident(child),
                Rule::grid => c.grids.push(self.lower_grid(child)),
                _ => self.token(&child),
            }
        }
        c
    }

    pub(super) fn lower_grid(&mut self, p: P<'_>) -> Grid {
        let span = self.span(&p);
        let mut g = Grid {
            name: self.empty_name(span),
            label: None,
            dedicated: false,
            micro: 0,
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::kw_dedicated => g.dedicated = true,
                Rule::name => g.name = self.lower_name(c),
                Rule::string => g.label = Some(self.lower_string_name(c)),
                Rule::micro => {
                    if let Some(n) = c.into_inner().find(|n| n.as_rule() == Rule::number) {
                        g.micro = self.number(&n);
                    }
                }
                _ => self.token(&c),
            }
        }
        g
    }

    pub(super) fn lower_bind(&mut self, p: P<'_>) -> Bind {
        let span = self.span(&p);
        let mut b = Bind {
            department: Path {
                parts: Vec::new(),
                span,
            },
            to: Vec::new(),
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::path => b.department = self.lower_path(c),
                Rule::paths => b.to = self.lower_paths(c),
                _ => self.token(&c),
            }
        }
        b
    }

    pub(super) fn lower_devolve(&mut self, p: P<'_>) -> Devolve {
        let span = self.span(&p);
        let mut names = Vec::new();
        let mut d = Devolve {
            id: self.empty_name(span),
            function: self.empty_name(span),
            kind: self.empty_name(span),
            from: Path {
                parts: Vec::new(),
                span,
            },
            to: Some(Vec::new()),
            item: None,
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => names.push(self.lower_name(c)),
                Rule::string => d.function = self.lower_string_name(c),
                Rule::path => d.from = self.lower_path(c),
                Rule::all => d.to = None,
                Rule::paths => d.to = Some(self.lower_paths(c)),
                Rule::covers => d.item = self.lower_tail_path(c),
                _ => self.token(&c),
            }
        }
        let mut names = names.into_iter();
        if let Some(id) = names.next() {
            d.id = id;
        }
        if let Some(kind) = names.next() {
            d.kind = kind;
        }
        d
    }

    pub(super) fn lower_joint(&mut self, p: P<'_>) -> Joint {
        let span = self.span(&p);
        let mut j = Joint {
            name: self.empty_name(span),
            leads: Vec::new(),
            members: Vec::new(),
            items: Vec::new(),
            tiers: Vec::new(),
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => j.name = self.lower_name(c),
                Rule::joint_member => {
                    let mut parts = c.into_inner();
                    let (Some(kw), Some(value)) = (parts.next(), parts.next()) else {
                        continue;
                    };
                    match kw.as_rule() {
                        Rule::kw_lead => j.leads.push(self.lower_path(value)),
                        Rule::kw_members => j.members.extend(self.lower_paths(value)),
                        Rule::kw_items => j.items.extend(self.lower_paths(value)),
                        Rule::kw_tier => j.tiers.push(self.lower_name(value)),
                        _ => self.unexpected(&kw),
                    }
                }
                _ => self.token(&c),
            }
        }
        j
    }

    pub(super) fn lower_event(&mut self, p: P<'_>) -> Event {
        let span = self.span(&p);
        let mut e = Event {
            name: self.empty_name(span),
            label: None,
            handler: Handler::Department(Path {
                parts: Vec::new(),
                span,
            }),
            tier: None,
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => e.name = self.lower_name(c),
                Rule::string => e.label = Some(self.lower_string_name(c)),
                Rule::path => e.handler = Handler::Department(self.lower_path(c)),
                Rule::joint_target => {
                    if let Some(n) = c.into_inner().find(|n| n.as_rule() == Rule::name) {
                        e.handler = Handler::Joint(self.lower_name(n));
                    }
                }
                Rule::item_tier => e.tier = self.lower_item_tier(c),
                _ => self.token(&c),
            }
        }
        e
    }

    pub(super) fn lower_expect(&mut self, p: P<'_>) -> Expect {
        let span = self.span(&p);
        let mut kind = self.empty_name(span);
        let mut paths = Vec::new();
        let mut tier = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::word => kind = self.lower_ident(c),
                Rule::path => paths.push(self.lower_path(c)),
                Rule::item_tier => tier = self.lower_item_tier(c),
                _ => self.token(&c),
            }
        }
        let mut paths = paths.into_iter();
        let empty = Path {
            parts: Vec::new(),
            span,
        };
        Expect {
            kind,
            subject: paths.next().unwrap_or_else(|| empty.clone()),
            expected: paths.next().unwrap_or(empty),
            tier,
            span,
        }
    }
}
