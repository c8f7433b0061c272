//! One routing question, answered as a person would ask it: an item id or
//! name, an upstream office, a community (name or code), a grid, a joint case,
//! an event kind, a transfer, a devolution, a department or an agency. The
//! answer names who handles it and why: the chain of declarations (and the
//! rules that hold for it) that decided it, each with its place.

use crate::diagnostics::{suggest, Key, Text};
use crate::model::query::{Derived, Entity};
use crate::model::*;
use crate::names;
use crate::source::Span;

/// What a query matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    Item(ItemId),
    Office(OfficeId),
    Community(AreaId),
    Central(AreaId),
    Grid(GridId),
    Joint(JointId),
    Event(EventId),
    Transfer(TransferId),
    Devolution(DevolutionId),
    Department(DeptId),
    Agency(AgencyId),
}

impl Subject {
    /// The word for this kind of subject, as used in `expect KIND …`.
    pub fn kind(self) -> &'static str {
        match self {
            Subject::Item(_) => "item",
            Subject::Office(_) => "office",
            Subject::Community(_) => "community",
            Subject::Central(_) => "central_community",
            Subject::Grid(_) => "grid",
            Subject::Joint(_) => "joint",
            Subject::Event(_) => "event",
            Subject::Transfer(_) => "transfer",
            Subject::Devolution(_) => "devolution",
            Subject::Department(_) => "department",
            Subject::Agency(_) => "agency",
        }
    }
}

/// The kinds a query or an expectation may name.
pub const KINDS: &[&str] = &[
    "item",
    "office",
    "community",
    "central_community",
    "grid",
    "joint",
    "event",
    "transfer",
    "devolution",
    "department",
    "agency",
];

/// One step of the reason.
#[derive(Clone, Debug)]
pub struct Reason {
    pub span: Span,
    pub text: Text,
}

/// Who handles a subject, and why.
#[derive(Clone, Debug)]
pub struct Answer {
    pub subject: Subject,
    /// The subject as it is known (`SP-0001 建设工程规划许可`).
    pub label: String,
    /// Who handles it, most specific first: paths such as `行政审批局.规划建设审批`.
    pub handlers: Vec<String>,
    pub tier: Option<String>,
    pub reasons: Vec<Reason>,
}

/// Every subject whose name, id or code is `query` (after normalisation),
/// optionally only of one kind.
pub fn find(m: &Model, query: &str, kind: Option<&str>) -> Vec<Subject> {
    let q = names::key(query).into_owned();
    let same = |n: &crate::syntax::ast::Name| names::key(&n.text) == q;
    let want = |k: &str| kind.is_none_or(|x| x == k);
    let mut out = Vec::new();
    if want("item") {
        out.extend(matching(
            &m.items,
            |i| same(&i.id) || same(&i.title),
            |i| Subject::Item(ItemId(i)),
        ));
    }
    if want("office") {
        for (i, _) in m.offices.iter().enumerate() {
            let id = OfficeId(i as u32);
            if names::key(&m.office_path(id)) == q || same(&m.office(id).name) {
                out.push(Subject::Office(id));
            }
        }
    }
    for (i, a) in m.areas.iter().enumerate() {
        let hit = same(&a.name) || a.code.as_ref().is_some_and(same);
        match a.kind {
            AreaKind::Community if hit && want("community") => {
                out.push(Subject::Community(AreaId(i as u32)))
            }
            AreaKind::Central if hit && want("central_community") => {
                out.push(Subject::Central(AreaId(i as u32)))
            }
            _ => {}
        }
    }
    if want("grid") {
        out.extend(matching(
            &m.grids,
            |g| same(&g.name),
            |i| Subject::Grid(GridId(i)),
        ));
    }
    if want("joint") {
        out.extend(matching(
            &m.joints,
            |j| same(&j.name),
            |i| Subject::Joint(JointId(i)),
        ));
    }
    if want("event") {
        out.extend(matching(
            &m.events,
            |e| same(&e.name),
            |i| Subject::Event(EventId(i)),
        ));
    }
    if want("transfer") {
        out.extend(matching(
            &m.transfers,
            |t| same(&t.id) || same(&t.function),
            |i| Subject::Transfer(TransferId(i)),
        ));
    }
    if want("devolution") {
        out.extend(matching(
            &m.devolutions,
            |d| same(&d.id) || same(&d.function),
            |i| Subject::Devolution(DevolutionId(i)),
        ));
    }
    if want("department") {
        out.extend(matching(
            &m.departments,
            |d| same(&d.name),
            |i| Subject::Department(DeptId(i)),
        ));
    }
    if want("agency") {
        out.extend(matching(
            &m.agencies,
            |a| same(&a.name),
            |i| Subject::Agency(AgencyId(i)),
        ));
    }
    out
}

/// `Subject`s for the entries of `list` that `hit` selects, by index.
fn matching<T>(
    list: &[T],
    hit: impl Fn(&T) -> bool,
    subject: impl Fn(u32) -> Subject,
) -> Vec<Subject> {
    list.iter()
        .enumerate()
        .filter(|(_, x)| hit(x))
        .map(|(i, _)| subject(i as u32))
        .collect()
}

/// The closest name to `query` among everything a query can name.
pub fn suggestion(m: &Model, query: &str) -> Option<String> {
    let q = names::key(query).into_owned();
    let mut all: Vec<String> = Vec::new();
    all.extend(
        m.items
            .iter()
            .flat_map(|i| [i.id.text.clone(), i.title.text.clone()]),
    );
    all.extend((0..m.offices.len()).map(|i| m.office_path(OfficeId(i as u32))));
    all.extend(m.areas.iter().map(|a| a.name.text.clone()));
    all.extend(m.grids.iter().map(|g| g.name.text.clone()));
    all.extend(m.joints.iter().map(|j| j.name.text.clone()));
    all.extend(m.events.iter().map(|e| e.name.text.clone()));
    all.extend(
        m.transfers
            .iter()
            .flat_map(|t| [t.id.text.clone(), t.function.text.clone()]),
    );
    all.extend(
        m.devolutions
            .iter()
            .flat_map(|d| [d.id.text.clone(), d.function.text.clone()]),
    );
    all.extend(m.departments.iter().map(|d| d.name.text.clone()));
    all.extend(m.agencies.iter().map(|a| a.name.text.clone()));
    suggest::did_you_mean(&q, all.iter().map(String::as_str)).map(str::to_string)
}

struct Builder<'m> {
    m: &'m Model,
    reasons: Vec<Reason>,
}

impl Builder<'_> {
    fn push(&mut self, span: Span, text: Text) {
        self.reasons.push(Reason { span, text });
    }

    fn owner(&mut self, o: Owner) {
        let m = self.m;
        let d = m.dept(o.department);
        self.push(
            d.name.span,
            Text::new(Key::RouteDepartment)
                .arg("name", &d.name.text)
                .arg("category", d.category.as_str()),
        );
        if let Some(x) = o.module {
            self.push(
                m.module(x).name.span,
                Text::new(Key::RouteModule).arg("name", m.module_path(x)),
            );
        }
        if let Some(g) = o.group {
            self.push(
                m.group(g).name.span,
                Text::new(Key::RouteGroup).arg("name", &m.group(g).name.text),
            );
        }
    }

    fn tier(&mut self, t: Option<TierId>) -> Option<String> {
        let t = &self.m.tiers[t?.index()];
        self.push(
            t.span,
            Text::new(Key::RouteTier)
                .arg("name", &t.name.text)
                .arg("label", t.label.clone().unwrap_or_default())
                .arg("limit", limit_text(t.limit_minutes)),
        );
        Some(t.name.text.clone())
    }

    /// Rules over `entity` that select thing `i`, and hold for it.
    fn rules(&mut self, d: &Derived, entity: Entity, i: usize) {
        let m = self.m;
        for rule in &m.rules {
            if rule.entity != entity {
                continue;
            }
            let selected = rule
                .filter
                .as_ref()
                .is_none_or(|f| crate::check::rules::eval(m, d, entity, i, f));
            let holds = match (&rule.quantifier, &rule.must) {
                (crate::syntax::ast::Quantifier::Every, Some(e)) => {
                    crate::check::rules::eval(m, d, entity, i, e)
                }
                (crate::syntax::ast::Quantifier::Every, None) => true,
                (crate::syntax::ast::Quantifier::No, _) => false,
            };
            if selected && holds && rule.must.is_some() {
                self.push(
                    rule.name.span,
                    Text::new(Key::RouteRuleHolds).arg("rule", &rule.name.text),
                );
            }
        }
    }
}

/// `24 h`, `30 min`.
fn limit_text(minutes: u64) -> String {
    if minutes % 60 == 0 {
        format!("{} h", minutes / 60)
    } else {
        format!("{minutes} min")
    }
}

fn dept(m: &Model, o: Owner) -> String {
    m.dept(o.department).name.text.clone()
}

/// The answer for one subject.
pub fn answer(m: &Model, d: &Derived, subject: Subject) -> Answer {
    let mut b = Builder {
        m,
        reasons: Vec::new(),
    };
    let mut handlers = Vec::new();
    let mut tier = None;
    let label;
    match subject {
        Subject::Item(id) => {
            let it = &m.items[id.index()];
            label = format!("{} {}", it.id.text, it.title.text);
            let kind = it
                .kind
                .map(|k| m.kind(k).name.text.clone())
                .unwrap_or_default();
            b.push(
                it.span,
                Text::new(Key::RouteItem)
                    .arg("id", &it.id.text)
                    .arg("kind", kind),
            );
            if let Some(o) = it.owner {
                handlers.push(m.owner_path(o));
                b.owner(o);
            }
            tier = b.tier(it.tier);
            for t in &d.item_transfers[id.index()] {
                let t = &m.transfers[t.index()];
                let agencies: Vec<String> = t
                    .agencies
                    .iter()
                    .map(|a| m.agencies[a.index()].name.text.clone())
                    .collect();
                b.push(
                    t.span,
                    Text::new(Key::RouteTransferred)
                        .arg("id", &t.id.text)
                        .arg("status", t.status.as_str())
                        .arg("agencies", agencies),
                );
            }
            for dv in m.devolutions.iter().filter(|dv| dv.item == Some(id)) {
                b.push(
                    dv.span,
                    Text::new(Key::RouteDevolved).arg("id", &dv.id.text),
                );
            }
            for j in &d.item_joints[id.index()] {
                let joint = &m.joints[j.index()];
                b.push(
                    joint.name.span,
                    Text::new(Key::RouteInJoint).arg("name", &joint.name.text),
                );
            }
            b.rules(d, Entity::Item, id.index());
        }
        Subject::Office(id) => {
            let o = m.office(id);
            label = m.office_path(id);
            b.push(
                o.name.span,
                Text::new(Key::RouteOffice).arg("name", m.office_path(id)),
            );
            for x in &d.office_modules[id.index()] {
                handlers.push(m.module_path(*x));
                if let Some((_, span)) = m.module(*x).answers.iter().find(|(oo, _)| *oo == id) {
                    b.push(
                        *span,
                        Text::new(Key::RouteAnswers).arg("module", m.module_path(*x)),
                    );
                }
                b.owner(Owner {
                    department: m.module(*x).department,
                    module: Some(*x),
                    group: None,
                });
            }
        }
        Subject::Community(a) | Subject::Central(a) => {
            let area = m.area(a);
            label = match &area.code {
                Some(c) => format!("{} {}", area.name.text, c.text),
                None => area.name.text.clone(),
            };
            b.push(
                area.name.span,
                Text::new(Key::RouteArea).arg("name", &area.name.text),
            );
            let mut cur = a;
            for _ in 0..64 {
                let Some(p) = d.parents[cur.index()].first().copied() else {
                    break;
                };
                let parent = m.area(p);
                handlers.push(parent.name.text.clone());
                if let Some((_, span)) = parent.members.iter().find(|(c, _)| *c == cur) {
                    b.push(
                        *span,
                        Text::new(Key::RouteUnder).arg("parent", &parent.name.text),
                    );
                }
                cur = p;
            }
            for bind in &m.bindings {
                let covers = bind.areas.iter().any(|(x, _)| {
                    *x == a
                        || d.area_communities[x.index()].contains(&a)
                        || d.area_communities[a.index()]
                            .iter()
                            .any(|c| d.area_communities[x.index()].contains(c))
                });
                if covers {
                    b.push(
                        bind.span,
                        Text::new(Key::RouteBound)
                            .arg("department", &m.dept(bind.department).name.text),
                    );
                }
            }
            handlers.extend(
                d.area_departments[a.index()]
                    .iter()
                    .map(|x| m.dept(*x).name.text.clone()),
            );
            let entity = if area.kind == AreaKind::Community {
                Entity::Community
            } else {
                Entity::CentralCommunity
            };
            b.rules(d, entity, a.index());
        }
        Subject::Grid(g) => {
            let grid = &m.grids[g.index()];
            label = grid.name.text.clone();
            b.push(
                grid.name.span,
                Text::new(Key::RouteGrid)
                    .arg("community", &m.area(grid.community).name.text)
                    .arg("micro", grid.micro),
            );
            let inner = answer(m, d, Subject::Community(grid.community));
            handlers.push(m.area(grid.community).name.text.clone());
            handlers.extend(inner.handlers);
            b.reasons.extend(inner.reasons);
        }
        Subject::Joint(j) => {
            let joint = &m.joints[j.index()];
            label = joint.name.text.clone();
            b.push(
                joint.name.span,
                Text::new(Key::RouteJoint).arg("name", &joint.name.text),
            );
            for (o, span) in &joint.leads {
                handlers.push(m.owner_path(*o));
                b.push(
                    *span,
                    Text::new(Key::RouteLead).arg("department", m.owner_path(*o)),
                );
            }
            for (o, span) in &joint.members {
                handlers.push(m.owner_path(*o));
                b.push(
                    *span,
                    Text::new(Key::RouteMember).arg("department", m.owner_path(*o)),
                );
            }
            tier = b.tier(joint.tiers.first().map(|(t, _)| *t));
        }
        Subject::Event(e) => {
            let ev = &m.events[e.index()];
            label = ev.name.text.clone();
            b.push(
                ev.span,
                Text::new(Key::RouteEvent).arg("name", &ev.name.text),
            );
            match ev.handler {
                Some(Handler::Department(o)) => {
                    handlers.push(m.owner_path(o));
                    b.owner(o);
                }
                Some(Handler::Joint(j)) => {
                    let inner = answer(m, d, Subject::Joint(j));
                    handlers.push(m.joints[j.index()].name.text.clone());
                    handlers.extend(inner.handlers);
                    // the event's own tier, if it has one, replaces the joint case's
                    let own_tier = ev.tier.is_some();
                    b.reasons.extend(
                        inner
                            .reasons
                            .into_iter()
                            .filter(|r| !(own_tier && r.text.key == Key::RouteTier)),
                    );
                    tier = inner.tier;
                }
                None => {}
            }
            if ev.tier.is_some() {
                tier = b.tier(ev.tier);
            }
        }
        Subject::Transfer(t) => {
            let tr = &m.transfers[t.index()];
            label = format!("{} {}", tr.id.text, tr.function.text);
            b.push(
                tr.span,
                Text::new(Key::RouteTransfer)
                    .arg("id", &tr.id.text)
                    .arg("status", tr.status.as_str()),
            );
            for a in &tr.agencies {
                let ag = &m.agencies[a.index()];
                handlers.push(ag.name.text.clone());
                b.push(
                    ag.span,
                    Text::new(Key::RouteAgency)
                        .arg("name", &ag.name.text)
                        .arg("kind", ag.kind.as_str()),
                );
            }
            if let Some(s) = tr.supervisor {
                handlers.push(dept(m, s));
                b.push(
                    tr.span,
                    Text::new(Key::RouteSupervisor).arg("department", dept(m, s)),
                );
            }
        }
        Subject::Devolution(x) => {
            let dv = &m.devolutions[x.index()];
            label = format!("{} {}", dv.id.text, dv.function.text);
            let reached = d.devolution_communities(m, dv);
            b.push(
                dv.span,
                Text::new(Key::RouteDevolution).arg("count", reached.len()),
            );
            handlers.extend(reached.iter().map(|a| m.area(*a).name.text.clone()));
            if let Some(o) = dv.from {
                handlers.push(dept(m, o));
            }
        }
        Subject::Department(x) => {
            let dp = m.dept(x);
            label = dp.name.text.clone();
            handlers.push(dp.name.text.clone());
            b.owner(Owner::department(x));
            b.rules(d, Entity::Department, x.index());
        }
        Subject::Agency(x) => {
            let ag = &m.agencies[x.index()];
            label = ag.name.text.clone();
            b.push(
                ag.span,
                Text::new(Key::RouteAgency)
                    .arg("name", &ag.name.text)
                    .arg("kind", ag.kind.as_str()),
            );
            for t in &d.agency_transfers[x.index()] {
                let tr = &m.transfers[t.index()];
                handlers.push(tr.id.text.clone());
                b.push(
                    tr.span,
                    Text::new(Key::RouteTransfer)
                        .arg("id", &tr.id.text)
                        .arg("status", tr.status.as_str()),
                );
            }
        }
    }
    Answer {
        subject,
        label,
        handlers,
        tier,
        reasons: b.reasons,
    }
}

/// Whether `expected` (a path such as `行政审批局` or `行政审批局.规划建设审批`)
/// names one of the handlers, or a leading part of one.
pub fn handled_by(answer: &Answer, expected: &str) -> bool {
    let want: Vec<String> = expected
        .split('.')
        .map(|p| names::key(p).into_owned())
        .collect();
    answer.handlers.iter().any(|h| {
        let have: Vec<String> = h.split('.').map(|p| names::key(p).into_owned()).collect();
        have.len() >= want.len() && have[..want.len()] == want[..]
    })
}
