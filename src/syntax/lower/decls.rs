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
                Rule::legacy_devolvable => {
                    kind.devolvable = true;
                    self.legacy(&c, ": devolvable".to_string());
                }
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
        let mut legacy = false;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::shared => office.shared = true,
                Rule::legacy_shared => {
                    office.shared = true;
                    legacy = true;
                    self.legacy(&c, String::new());
                }
                Rule::name => office.name = self.lower_name(c),
                _ => self.token(&c),
            }
        }
        if legacy {
            let end = office.name.span.end as usize;
            self.legacy_at(
                Span::new(self.file, end, end),
                Some(" : shared".to_string()),
            );
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
            staffing: Vec::new(),
            formerly: Vec::new(),
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
                Rule::staffing => d.staffing.extend(self.lower_figures(c)),
                Rule::formerly => {
                    for n in c.into_inner().filter(|n| n.as_rule() == Rule::names) {
                        d.formerly.extend(self.lower_names(n));
                    }
                }
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
        let mut item = Item {
            id: self.empty_name(span),
            title: self.empty_name(span),
            kind: self.empty_name(span),
            owner: Path {
                parts: Vec::new(),
                span,
            },
            limit: None,
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => item.id = self.lower_name(c),
                Rule::string => item.title = self.lower_string_name(c),
                Rule::class => item.kind = self.lower_class(c),
                Rule::owner => item.owner = self.lower_owner(c),
                Rule::legacy_arrow => item.owner = self.lower_legacy_arrow(c, "owner"),
                Rule::time_limit => item.limit = Some(self.lower_time_limit(c)),
                // items have a time limit, not a response tier: remove it
                Rule::legacy_tier => {
                    let span = self.span(&c);
                    self.edits.push(Edit {
                        span,
                        new: Some(String::new()),
                        why: Some(Message::LabelLegacyItemTier),
                    });
                }
                _ => self.token(&c),
            }
        }
        item
    }

    /// `: KIND` (or the 0.1 positional `KIND`, E007).
    pub(super) fn lower_class(&mut self, p: P<'_>) -> Name {
        let mut kind = self.empty_name(self.span(&p));
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => kind = self.lower_name(c),
                Rule::legacy_class => {
                    if let Some(n) = c.clone().into_inner().find(|n| n.as_rule() == Rule::name) {
                        kind = self.lower_name(n);
                    }
                    self.legacy(&c, format!(": {}", kind.text));
                }
                _ => self.token(&c),
            }
        }
        kind
    }

    /// `owner PATH`.
    pub(super) fn lower_owner(&mut self, p: P<'_>) -> Path {
        let span = self.span(&p);
        self.lower_tail_path(p).unwrap_or(Path {
            parts: Vec::new(),
            span,
        })
    }

    /// The 0.1 `-> PATH` (E007): 0.2 writes `KEYWORD PATH`.
    pub(super) fn lower_legacy_arrow(&mut self, p: P<'_>, keyword: &str) -> Path {
        let span = self.span(&p);
        let path = self.lower_tail_path(p.clone()).unwrap_or(Path {
            parts: Vec::new(),
            span,
        });
        self.legacy(&p, format!("{keyword} {}", path.display()));
        path
    }

    /// `immediate` or `statutory N [committed M]`.
    pub(super) fn lower_time_limit(&mut self, p: P<'_>) -> TimeLimit {
        let mut statutory = None;
        let mut committed = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::immediate => return TimeLimit::Immediate,
                Rule::statutory => statutory = self.lower_days(c),
                Rule::committed => committed = self.lower_days(c),
                _ => self.token(&c),
            }
        }
        TimeLimit::Days {
            statutory: statutory.unwrap_or(Days {
                value: 0,
                span: Span::new(self.file, self.base, self.base),
            }),
            committed,
        }
    }

    fn lower_days(&mut self, p: P<'_>) -> Option<Days> {
        let n = p.into_inner().find(|n| n.as_rule() == Rule::number)?;
        Some(Days {
            value: self.number(&n),
            span: self.span(&n),
        })
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
                Rule::legacy_status => {
                    t.status_span = self.span(&c);
                    if let Some(st) = c.clone().into_inner().next() {
                        t.status = self.lower_status(st);
                    }
                    self.legacy(&c, String::new());
                    let end = t.function.span.end as usize;
                    let new = format!(" : {}", t.status.as_str());
                    self.legacy_at(Span::new(self.file, end, end), Some(new));
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
        let mut legacy_dedicated = false;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::dedicated => g.dedicated = true,
                Rule::legacy_dedicated => {
                    g.dedicated = true;
                    legacy_dedicated = true;
                    self.legacy(&c, "grid".to_string());
                }
                Rule::name => g.name = self.lower_name(c),
                Rule::string => g.label = Some(self.lower_string_name(c)),
                Rule::micro => {
                    if let Some(n) = c.into_inner().find(|n| n.as_rule() == Rule::number) {
                        g.micro = self.number(&n);
                    }
                }
                Rule::legacy_micro => {
                    if let Some(n) = c.clone().into_inner().find(|n| n.as_rule() == Rule::number) {
                        g.micro = self.number(&n);
                    }
                    self.legacy(&c, format!("micro {}", g.micro));
                }
                _ => self.token(&c),
            }
        }
        if legacy_dedicated {
            let after = g.label.as_ref().unwrap_or(&g.name).span.end as usize;
            self.legacy_at(
                Span::new(self.file, after, after),
                Some(" : dedicated".to_string()),
            );
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
                Rule::legacy_devolve => self.legacy(&c, "devolution".to_string()),
                Rule::name => d.id = self.lower_name(c),
                Rule::class => d.kind = self.lower_class(c),
                Rule::string => d.function = self.lower_string_name(c),
                Rule::path => d.from = self.lower_path(c),
                Rule::all => d.to = None,
                Rule::paths => d.to = Some(self.lower_paths(c)),
                Rule::covers => d.item = self.lower_tail_path(c),
                _ => self.token(&c),
            }
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
                Rule::legacy_joint => self.legacy(&c, "joint_case".to_string()),
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
            owner: Path {
                parts: Vec::new(),
                span,
            },
            bound: false,
            enforcer: None,
            joint: None,
            tier: None,
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => e.name = self.lower_name(c),
                Rule::string => e.label = Some(self.lower_string_name(c)),
                Rule::owner => e.owner = self.lower_owner(c),
                Rule::legacy_arrow => e.owner = self.lower_legacy_arrow(c, "owner"),
                Rule::legacy_event_joint => {
                    e.joint = self.lower_tail_name(c.clone());
                    let joint = e.joint.as_ref().map_or("", |j| j.text.as_str());
                    self.legacy(&c, format!("owner … joint_case {joint}"));
                }
                Rule::bound => e.bound = true,
                Rule::enforced_by => e.enforcer = self.lower_tail_path(c),
                Rule::event_joint => e.joint = self.lower_tail_name(c),
                Rule::event_tier => e.tier = self.lower_tail_name(c),
                _ => self.token(&c),
            }
        }
        e
    }

    /// The `name` after a keyword (`tier X`, `joint_case X`).
    pub(super) fn lower_tail_name(&mut self, p: P<'_>) -> Option<Name> {
        p.into_inner()
            .find(|n| n.as_rule() == Rule::name)
            .map(|n| self.lower_name(n))
    }

    pub(super) fn lower_targets(&mut self, p: P<'_>) -> Targets {
        let span = self.span(&p);
        let mut t = Targets {
            source: TargetSource::Illustrative,
            entries: Vec::new(),
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::source => t.source = self.lower_source(c),
                Rule::legacy_no_source => {
                    let at = self.span(&c);
                    self.legacy_at(at, None);
                }
                Rule::target => t.entries.push(self.lower_figure(c)),
                _ => self.token(&c),
            }
        }
        t
    }

    fn lower_source(&mut self, p: P<'_>) -> TargetSource {
        let mut source = TargetSource::Illustrative;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::kw_published => {
                    source = TargetSource::Published(self.empty_name(self.span(&c)))
                }
                Rule::string => source = TargetSource::Published(self.lower_string_name(c)),
                Rule::kw_derived => source = TargetSource::Derived,
                Rule::kw_illustrative => source = TargetSource::Illustrative,
                _ => self.token(&c),
            }
        }
        source
    }

    pub(super) fn lower_service_centre(&mut self, p: P<'_>) -> ServiceCentre {
        let span = self.span(&p);
        let mut centre = ServiceCentre {
            name: self.empty_name(span),
            stationed: Vec::new(),
            sections: Vec::new(),
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => centre.name = self.lower_name(c),
                Rule::stationed => centre.stationed.extend(self.lower_tail_paths(c)),
                Rule::section => centre.sections.push(self.lower_section(c)),
                _ => self.token(&c),
            }
        }
        centre
    }

    fn lower_section(&mut self, p: P<'_>) -> Section {
        let span = self.span(&p);
        let mut section = Section {
            name: self.empty_name(span),
            areas: Vec::new(),
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => section.name = self.lower_name(c),
                Rule::area => section.areas.extend(self.lower_tail_name(c)),
                _ => self.token(&c),
            }
        }
        section
    }

    pub(super) fn lower_centre_service(&mut self, p: P<'_>) -> CentreService {
        let span = self.span(&p);
        let mut service = CentreService {
            id: self.empty_name(span),
            title: self.empty_name(span),
            kind: self.empty_name(span),
            place: Path {
                parts: Vec::new(),
                span,
            },
            owner: None,
            item: None,
            span,
        };
        let mut names = 0;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name if names == 0 => {
                    names += 1;
                    service.id = self.lower_name(c);
                }
                Rule::name => service.kind = self.lower_name(c),
                Rule::string => service.title = self.lower_string_name(c),
                Rule::path => service.place = self.lower_path(c),
                Rule::owner => service.owner = Some(self.lower_owner(c)),
                Rule::covers => service.item = self.lower_tail_path(c),
                _ => self.token(&c),
            }
        }
        service
    }

    pub(super) fn lower_measure(&mut self, p: P<'_>) -> Measure {
        let span = self.span(&p);
        let empty = Path {
            parts: Vec::new(),
            span,
        };
        let mut measure = Measure {
            id: self.empty_name(span),
            title: self.empty_name(span),
            owner: empty.clone(),
            centre: empty,
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => measure.id = self.lower_name(c),
                Rule::string => measure.title = self.lower_string_name(c),
                Rule::owner => measure.owner = self.lower_owner(c),
                Rule::path => measure.centre = self.lower_path(c),
                _ => self.token(&c),
            }
        }
        measure
    }

    pub(super) fn lower_expect(&mut self, p: P<'_>) -> Expect {
        let span = self.span(&p);
        let mut kind = self.empty_name(span);
        let mut subject = None;
        let mut at = None;
        let mut expected = None;
        let mut tier = None;
        let mut after = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::word => kind = self.lower_ident(c),
                Rule::kw_at | Rule::kw_to => after = Some(c.as_rule()),
                Rule::path => {
                    let path = self.lower_path(c);
                    match after.take() {
                        None => subject = Some(path),
                        Some(Rule::kw_at) => at = Some(path),
                        Some(_) => expected = Some(path),
                    }
                }
                Rule::legacy_arrow => expected = Some(self.lower_legacy_arrow(c, "to")),
                Rule::event_tier => tier = self.lower_tail_name(c),
                _ => self.token(&c),
            }
        }
        let empty = Path {
            parts: Vec::new(),
            span,
        };
        Expect {
            kind,
            subject: subject.unwrap_or_else(|| empty.clone()),
            at,
            expected: expected.unwrap_or(empty),
            tier,
            span,
        }
    }
}
