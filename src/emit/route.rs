//! One routing question, answered as a person would ask it: an item id or
//! name, an upstream office, a community (name or code), a grid, a joint case,
//! an event kind, a transfer, a devolution, a department or an agency. The
//! answer names who handles it and why: the chain of declarations (and the
//! rules that hold for it) that decided it, each with its place.

use crate::diagnostics::{suggest, Lang, Message, Phrase, Role, Word};
use crate::model::dispatch::Bindings;
use crate::model::query::{Derived, Entity};
use crate::model::*;
use crate::names;
use crate::source::Span;
use crate::vocab::SubjectKind;

/// What a query matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    /// The city the set declares: its bodies and its staffing.
    City,
    /// A catalogue item, by id or title.
    Item(ItemId),
    /// An upstream office, as `上级部门.处室` or its bare name.
    Office(OfficeId),
    /// A community, by name or statistical code.
    Community(AreaId),
    /// A central community.
    Central(AreaId),
    /// A grid.
    Grid(GridId),
    /// A joint case.
    Joint(JointId),
    /// An event kind.
    Event(EventId),
    /// A function transfer, by id or function.
    Transfer(TransferId),
    /// A devolution to communities, by id or function.
    Devolution(DevolutionId),
    /// A department.
    Department(DeptId),
    /// An undertaking agency.
    Agency(AgencyId),
    /// A service centre.
    Centre(CentreId),
    /// A module, as `部门.模块` or its bare name.
    Module(ModuleId),
    /// A business group, as `部门.模块.业务组` or its bare name.
    Group(GroupId),
}

impl Subject {
    /// The kind of subject, as `orgc route --kind` and `expect KIND` name it.
    pub fn kind(self) -> SubjectKind {
        match self {
            Subject::Item(_) => SubjectKind::Item,
            Subject::Office(_) => SubjectKind::Office,
            Subject::Community(_) => SubjectKind::Community,
            Subject::Central(_) => SubjectKind::Central,
            Subject::Grid(_) => SubjectKind::Grid,
            Subject::Joint(_) => SubjectKind::Joint,
            Subject::Event(_) => SubjectKind::Event,
            Subject::Transfer(_) => SubjectKind::Transfer,
            Subject::Devolution(_) => SubjectKind::Devolution,
            Subject::Department(_) => SubjectKind::Department,
            Subject::Agency(_) => SubjectKind::Agency,
            Subject::Centre(_) => SubjectKind::Centre,
            Subject::City => SubjectKind::City,
            Subject::Module(_) => SubjectKind::Module,
            Subject::Group(_) => SubjectKind::Group,
        }
    }
}

/// One step of the reason.
#[derive(Clone, Debug)]
pub struct Reason {
    /// The declaration (or clause) that decided this step, for its file and line.
    pub span: Span,
    /// What it says, in the message table's words.
    pub text: Message,
}

/// Who handles a subject, and why.
#[derive(Clone, Debug)]
pub struct Answer {
    /// What the query matched.
    pub subject: Subject,
    /// The subject as it is known (`SP-0001 建设工程规划许可`).
    pub label: String,
    /// Who handles it, most specific first: paths such as `行政审批局.规划建设审批`.
    pub handlers: Vec<String>,
    /// The part each handler plays: `roles[i]` is the role of `handlers[i]`.
    pub roles: Vec<Role>,
    /// The response tier's name, if the subject has one.
    pub tier: Option<String>,
    /// The response tier's label (`5日办结`), if it declares one.
    pub tier_label: Option<String>,
    /// The chain of declarations that decided the answer, in order.
    pub reasons: Vec<Reason>,
}

/// Every subject whose name, id or code is `query` (after normalisation),
/// optionally only of one kind; in the order of [`SubjectKind::ALL`].
pub fn find(m: &Model, query: &str, kind: Option<SubjectKind>) -> Vec<Subject> {
    let q = names::key(query).into_owned();
    let same = |n: &crate::syntax::ast::Name| names::key(&n.text) == q;
    let areas = |want: AreaKind, subject: fn(AreaId) -> Subject| -> Vec<Subject> {
        m.areas
            .iter()
            .enumerate()
            .filter(|(_, a)| a.kind == want && (same(&a.name) || a.code.as_ref().is_some_and(same)))
            .map(|(i, _)| subject(AreaId(i as u32)))
            .collect()
    };
    let mut out = Vec::new();
    for k in SubjectKind::ALL {
        if kind.is_some_and(|x| x != *k) {
            continue;
        }
        out.extend(match k {
            SubjectKind::City => m
                .city
                .iter()
                .filter(|c| same(&c.name))
                .map(|_| Subject::City)
                .collect(),
            SubjectKind::Item => matching(
                &m.items,
                // both keys are kept on the item: the id in its normal form,
                // the title's beside it (no key computed per item per query)
                |i| i.id.text == q || i.title_key() == q,
                |i| Subject::Item(ItemId(i)),
            ),
            SubjectKind::Office => (0..m.offices.len() as u32)
                .map(OfficeId)
                .filter(|id| names::key(&m.office_path(*id)) == q || same(&m.office(*id).name))
                .map(Subject::Office)
                .collect(),
            SubjectKind::Community => areas(AreaKind::Community, Subject::Community),
            SubjectKind::Central => areas(AreaKind::Central, Subject::Central),
            SubjectKind::Grid => {
                matching(&m.grids, |g| same(&g.name), |i| Subject::Grid(GridId(i)))
            }
            SubjectKind::Joint => {
                matching(&m.joints, |j| same(&j.name), |i| Subject::Joint(JointId(i)))
            }
            SubjectKind::Event => {
                matching(&m.events, |e| same(&e.name), |i| Subject::Event(EventId(i)))
            }
            SubjectKind::Centre => matching(
                &m.centres,
                |c| same(&c.name),
                |i| Subject::Centre(CentreId(i)),
            ),
            SubjectKind::Transfer => matching(
                &m.transfers,
                |t| same(&t.id) || same(&t.function),
                |i| Subject::Transfer(TransferId(i)),
            ),
            SubjectKind::Devolution => matching(
                &m.devolutions,
                |d| same(&d.id) || same(&d.function),
                |i| Subject::Devolution(DevolutionId(i)),
            ),
            SubjectKind::Department => matching(
                &m.departments,
                |d| same(&d.name),
                |i| Subject::Department(DeptId(i)),
            ),
            SubjectKind::Agency => matching(
                &m.agencies,
                |a| same(&a.name),
                |i| Subject::Agency(AgencyId(i)),
            ),
            SubjectKind::Module => (0..m.modules.len() as u32)
                .map(ModuleId)
                .filter(|x| names::key(&m.module_path(*x)) == q || same(&m.module(*x).name))
                .map(Subject::Module)
                .collect(),
            SubjectKind::Group => (0..m.groups.len() as u32)
                .map(GroupId)
                .filter(|g| names::key(&group_path(m, *g)) == q || same(&m.group(*g).name))
                .map(Subject::Group)
                .collect(),
        });
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

/// `部门.模块.业务组`.
pub fn group_path(m: &Model, g: GroupId) -> String {
    let group = m.group(g);
    format!("{}.{}", m.module_path(group.module), group.name.text)
}

/// What to suggest for `query` when nothing is called that: every name that
/// contains it (the variants of an item, `企业投资项目核准（新办）`,
/// `…（变更）` …), else the closest name. Sorted, without repeats.
pub fn suggestions(m: &Model, query: &str) -> Vec<String> {
    let q = names::key(query).into_owned();
    let all = every_name(m);
    let mut found: Vec<String> = if q.chars().count() >= 2 {
        all.iter()
            .filter(|n| names::key(n).contains(q.as_str()))
            .cloned()
            .collect()
    } else {
        Vec::new()
    };
    if found.is_empty() {
        found.extend(suggest::did_you_mean(&q, all.iter().map(String::as_str)).map(str::to_string));
    }
    found.sort();
    found.dedup();
    found
}

/// The closest name to `query` among everything a query can name.
pub fn suggestion(m: &Model, query: &str) -> Option<String> {
    let q = names::key(query).into_owned();
    let all = every_name(m);
    suggest::did_you_mean(&q, all.iter().map(String::as_str)).map(str::to_string)
}

/// Every name, id and code a query can match.
fn every_name(m: &Model) -> Vec<String> {
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
    all.extend(m.centres.iter().map(|c| c.name.text.clone()));
    all.extend((0..m.modules.len() as u32).map(|x| m.module_path(ModuleId(x))));
    all
}

/// A word of the table in both languages, for a message field.
fn word(w: Word) -> Phrase {
    Phrase {
        en: w.text(Lang::En).to_string(),
        zh: w.text(Lang::Zh).to_string(),
    }
}

/// A department's category in words (政府部门).
fn category(c: crate::syntax::ast::Category) -> Phrase {
    use crate::syntax::ast::Category;
    word(match c {
        Category::Party => Word::Party,
        Category::Government => Word::Government,
        Category::Institution => Word::Institution,
    })
}

/// A transfer's status in words (已转移).
fn status(s: crate::syntax::ast::Status) -> Phrase {
    use crate::syntax::ast::Status;
    word(match s {
        Status::Planned => Word::Planned,
        Status::Transferred => Word::Transferred,
        Status::Withdrawn => Word::Withdrawn,
    })
}

/// An agency's kind in words (行业协会).
fn agency_kind(k: crate::syntax::ast::AgencyKind) -> Phrase {
    use crate::syntax::ast::AgencyKind;
    word(match k {
        AgencyKind::SocialOrganisation => Word::SocialOrganisation,
        AgencyKind::Association => Word::Association,
        AgencyKind::Enterprise => Word::Enterprise,
        AgencyKind::Institution => Word::AgencyInstitution,
    })
}

/// The handlers of an answer as it is built, each with its role.
#[derive(Default)]
struct Handlers {
    paths: Vec<String>,
    roles: Vec<Role>,
}

impl Handlers {
    fn push(&mut self, role: Role, path: String) {
        self.paths.push(path);
        self.roles.push(role);
    }

    fn extend(&mut self, role: Role, paths: impl IntoIterator<Item = String>) {
        for p in paths {
            self.push(role, p);
        }
    }

    /// The handlers of another answer, with their roles.
    fn append(&mut self, other: Answer) {
        self.paths.extend(other.handlers);
        self.roles.extend(other.roles);
    }
}

struct Builder<'m> {
    m: &'m Model,
    reasons: Vec<Reason>,
    /// The label of the last tier added (`5日办结`).
    tier_label: Option<String>,
}

impl Builder<'_> {
    fn push(&mut self, span: Span, text: Message) {
        self.reasons.push(Reason { span, text });
    }

    /// An item's time limit, when it has one.
    fn limit(&mut self, it: &Item) {
        let Some(text) = limit_message(it.limit.as_ref()) else {
            return;
        };
        self.push(it.span, text);
    }

    /// What an event kind adds after its department with authority: the
    /// enforcement team, the joint case, the tier (its own, else the joint case's).
    fn event_rest(&mut self, d: &Derived, ev: &Event, handlers: &mut Handlers) -> Option<String> {
        let m = self.m;
        if let Some(o) = ev.enforcer {
            handlers.push(Role::Enforcer, m.owner_path(o));
            self.push(
                ev.span,
                Message::RouteEnforcer {
                    department: m.owner_path(o),
                },
            );
        }
        let mut tier = None;
        if let Some(j) = ev.joint {
            let mut inner = answer(m, d, Subject::Joint(j));
            let own_tier = ev.tier.is_some();
            self.reasons.extend(
                std::mem::take(&mut inner.reasons)
                    .into_iter()
                    .filter(|r| !(own_tier && matches!(r.text, Message::RouteTier { .. }))),
            );
            tier = inner.tier.take();
            handlers.append(inner);
        }
        if ev.tier.is_some() {
            tier = self.tier(ev.tier);
        }
        tier
    }

    /// The city: its bodies by category and its staffing, counted from the data.
    fn city(&mut self) {
        use crate::model::metrics::{measure, Scope};
        use crate::vocab::Metric;
        let m = self.m;
        let Some(city) = &m.city else { return };
        let count = |x| measure(m, x, Scope::City).into();
        self.push(
            city.span,
            Message::RouteCity {
                name: city.name.text.clone(),
                party: count(Metric::Party),
                government: count(Metric::Government),
                institution: count(Metric::Institution),
            },
        );
        if m.departments.iter().any(|d| d.staffing.is_some()) {
            let first = m
                .departments
                .iter()
                .find_map(|d| d.staffing.map(|s| s.span));
            self.push(
                first.unwrap_or(city.span),
                Message::RouteCityStaffing {
                    establishment: count(Metric::Establishment),
                    in_communities: count(Metric::CadresInCommunities),
                    percent: count(Metric::CadresInCommunitiesPercent),
                },
            );
        }
    }

    /// A service centre: its figures, then each stationed unit.
    fn centre(&mut self, c: CentreId) {
        let m = self.m;
        let centre = &m.centres[c.index()];
        let scope = crate::model::metrics::Scope::Centre(c);
        let count = |metric| crate::model::metrics::measure(m, metric, scope).into();
        use crate::vocab::Metric;
        self.push(
            centre.span,
            Message::RouteCentre {
                name: centre.name.text.clone(),
                stationed: count(Metric::Stationed),
                sections: count(Metric::Sections),
                areas: count(Metric::ServiceAreas),
                approval: count(Metric::ApprovalServices),
                value_added: count(Metric::ValueAddedServices),
                measures: count(Metric::Measures),
            },
        );
        for (u, span) in &centre.stationed {
            self.push(
                *span,
                Message::RouteStationed {
                    unit: m.unit_path(*u),
                },
            );
        }
    }

    fn owner(&mut self, o: Owner) {
        let m = self.m;
        let d = m.dept(o.department);
        self.push(
            d.name.span,
            Message::RouteDepartment {
                name: d.name.text.clone(),
                category: category(d.category),
            },
        );
        if let Some(x) = o.module {
            self.push(
                m.module(x).name.span,
                Message::RouteModule {
                    name: m.module_path(x),
                },
            );
        }
        if let Some(g) = o.group {
            self.push(
                m.group(g).name.span,
                Message::RouteGroup {
                    name: m.group(g).name.text.clone(),
                },
            );
        }
    }

    fn tier(&mut self, t: Option<TierId>) -> Option<String> {
        let t = &self.m.tiers[t?.index()];
        self.tier_label = t.label.as_ref().map(|l| l.text.clone());
        self.push(
            t.span,
            Message::RouteTier {
                name: t.name.text.clone(),
                label: t.label.as_ref().map(|l| l.text.clone()).unwrap_or_default(),
                limit: limit_text(t.limit_minutes),
            },
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
            let selected = rule.filter.as_ref().is_none_or(|f| f.cond.eval(m, d, i));
            let holds = match (&rule.quantifier, &rule.must) {
                (crate::syntax::ast::Quantifier::Every, Some(e)) => e.cond.eval(m, d, i),
                (crate::syntax::ast::Quantifier::Every, None) => true,
                (crate::syntax::ast::Quantifier::No, _) => false,
            };
            if selected && holds && rule.must.is_some() {
                self.push(
                    rule.name.span,
                    Message::RouteRuleHolds {
                        rule: rule.name.text.clone(),
                    },
                );
            }
        }
    }
}

/// `24 小时`, `30 分钟` (`24 h`, `30 min`).
fn limit_text(minutes: u64) -> Box<Message> {
    Box::new(if minutes % 60 == 0 {
        Message::LookupHours {
            hours: (minutes / 60).into(),
        }
    } else {
        Message::LookupMinutes {
            minutes: minutes.into(),
        }
    })
}

fn dept(m: &Model, o: Owner) -> String {
    m.dept(o.department).name.text.clone()
}

/// The answer for one subject.
pub fn answer(m: &Model, d: &Derived, subject: Subject) -> Answer {
    let mut b = Builder {
        m,
        reasons: Vec::new(),
        tier_label: None,
    };
    let mut handlers = Handlers::default();
    let mut tier = None;
    let label;
    match subject {
        Subject::Item(id) => {
            let it = &m.items[id.index()];
            label = format!("{} {}", it.id.text, it.title.text);
            let kind = it.kind.map(|k| m.kind(k));
            let kind = Phrase {
                en: kind.map(|k| k.name.text.clone()).unwrap_or_default(),
                zh: kind
                    .map(|k| k.label.as_ref().unwrap_or(&k.name).text.clone())
                    .unwrap_or_default(),
            };
            b.push(
                it.span,
                Message::RouteItem {
                    id: it.id.text.clone(),
                    kind,
                },
            );
            if let Some(o) = it.owner {
                handlers.push(Role::Owner, m.owner_path(o));
                b.owner(o);
            }
            b.limit(it);
            for t in &d.item_transfers[id.index()] {
                let t = &m.transfers[t.index()];
                let agencies: Vec<String> = t
                    .agencies
                    .iter()
                    .map(|a| m.agencies[a.index()].name.text.clone())
                    .collect();
                b.push(
                    t.span,
                    Message::RouteTransferred {
                        id: t.id.text.clone(),
                        status: status(t.status),
                        agencies,
                    },
                );
            }
            for dv in m.devolutions.iter().filter(|dv| dv.item == Some(id)) {
                b.push(
                    dv.span,
                    Message::RouteDevolved {
                        id: dv.id.text.clone(),
                    },
                );
            }
            for j in &d.item_joints[id.index()] {
                let joint = &m.joints[j.index()];
                b.push(
                    joint.name.span,
                    Message::RouteInJoint {
                        name: joint.name.text.clone(),
                    },
                );
            }
            b.rules(d, Entity::Item, id.index());
        }
        Subject::Office(id) => {
            let o = m.office(id);
            label = m.office_path(id);
            b.push(
                o.name.span,
                Message::RouteOffice {
                    name: m.office_path(id),
                },
            );
            for x in &d.office_modules[id.index()] {
                handlers.push(Role::Answering, m.module_path(*x));
                if let Some((_, span)) = m.module(*x).answers.iter().find(|(oo, _)| *oo == id) {
                    b.push(
                        *span,
                        Message::RouteAnswers {
                            module: m.module_path(*x),
                        },
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
            b.push(area.name.span, Message::RouteArea);
            // every ancestor, however deep; a cycle (an E401 of its own) ends
            // the walk where it comes back
            let mut cur = a;
            let mut seen = std::collections::HashSet::from([a]);
            while let Some(p) = d.parents[cur.index()].first().copied() {
                if !seen.insert(p) {
                    break;
                }
                let parent = m.area(p);
                handlers.push(Role::Central, parent.name.text.clone());
                if let Some((_, span)) = parent.members.iter().find(|(c, _)| *c == cur) {
                    b.push(
                        *span,
                        Message::RouteUnder {
                            parent: parent.name.text.clone(),
                        },
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
                        Message::RouteBound {
                            department: m.dept(bind.department).name.text.clone(),
                        },
                    );
                }
            }
            handlers.extend(
                Role::Bound,
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
                Message::RouteGrid {
                    community: m.area(grid.community).name.text.clone(),
                    micro: grid.micro.into(),
                },
            );
            let mut inner = answer(m, d, Subject::Community(grid.community));
            handlers.push(Role::Community, m.area(grid.community).name.text.clone());
            b.reasons.extend(std::mem::take(&mut inner.reasons));
            handlers.append(inner);
        }
        Subject::Joint(j) => {
            let joint = &m.joints[j.index()];
            label = joint.name.text.clone();
            b.push(
                joint.name.span,
                Message::RouteJoint {
                    name: joint.name.text.clone(),
                },
            );
            for (o, span) in &joint.leads {
                handlers.push(Role::Lead, m.owner_path(*o));
                b.push(
                    *span,
                    Message::RouteLead {
                        department: m.owner_path(*o),
                    },
                );
            }
            for (o, span) in &joint.members {
                handlers.push(Role::Member, m.owner_path(*o));
                b.push(
                    *span,
                    Message::RouteMember {
                        department: m.owner_path(*o),
                    },
                );
            }
            tier = b.tier(joint.tiers.first().map(|(t, _)| *t));
        }
        Subject::Event(e) => {
            let ev = &m.events[e.index()];
            label = ev.name.text.clone();
            b.push(
                ev.span,
                Message::RouteEvent {
                    name: ev.name.text.clone(),
                },
            );
            if let Some(o) = ev.owner {
                handlers.push(Role::Authority, m.owner_path(o));
                b.owner(o);
            }
            if ev.bound {
                b.push(ev.owner_span, Message::RouteBoundOnly);
            }
            tier = b.event_rest(d, ev, &mut handlers);
        }
        Subject::Centre(c) => {
            let centre = &m.centres[c.index()];
            label = centre.name.text.clone();
            b.centre(c);
            handlers.extend(
                Role::Stationed,
                centre.stationed.iter().map(|(u, _)| m.unit_path(*u)),
            );
        }
        Subject::Transfer(t) => {
            let tr = &m.transfers[t.index()];
            label = format!("{} {}", tr.id.text, tr.function.text);
            b.push(
                tr.span,
                Message::RouteTransfer {
                    id: tr.id.text.clone(),
                    status: status(tr.status),
                },
            );
            if let Some(o) = tr.from {
                handlers.push(Role::From, m.owner_path(o));
                b.push(
                    tr.span,
                    Message::RouteFrom {
                        department: m.owner_path(o),
                    },
                );
            }
            for a in &tr.agencies {
                let ag = &m.agencies[a.index()];
                handlers.push(Role::Agency, ag.name.text.clone());
                b.push(
                    ag.span,
                    Message::RouteAgency {
                        name: ag.name.text.clone(),
                        kind: agency_kind(ag.kind),
                    },
                );
            }
            if let Some(s) = tr.supervisor {
                handlers.push(Role::Supervisor, dept(m, s));
                b.push(
                    tr.span,
                    Message::RouteSupervisor {
                        department: dept(m, s).to_string(),
                    },
                );
            }
        }
        Subject::Devolution(x) => {
            let dv = &m.devolutions[x.index()];
            label = format!("{} {}", dv.id.text, dv.function.text);
            let reached = d.devolution_communities(m, dv);
            b.push(
                dv.span,
                Message::RouteDevolution {
                    count: (reached.len()).into(),
                },
            );
            if let Some(o) = dv.from {
                handlers.push(Role::From, m.owner_path(o));
            }
            handlers.extend(
                Role::Reached,
                reached.iter().map(|a| m.area(*a).name.text.clone()),
            );
        }
        Subject::City => {
            let name = m.city.as_ref().map(|c| c.name.clone());
            label = name.as_ref().map(|n| n.text.clone()).unwrap_or_default();
            handlers.extend(
                Role::Department,
                m.departments.iter().map(|d| d.name.text.clone()),
            );
            b.city();
        }
        Subject::Department(x) => {
            let dp = m.dept(x);
            label = dp.name.text.clone();
            handlers.push(Role::Itself, dp.name.text.clone());
            b.owner(Owner::department(x));
            if let Some(s) = dp.staffing {
                b.push(
                    s.span,
                    Message::RouteStaffing {
                        establishment: s.establishment().into(),
                        administrative: s.administrative.into(),
                        institutional: s.institutional.into(),
                        leadership: s.leadership.into(),
                        in_communities: s.in_communities.into(),
                    },
                );
            }
            b.rules(d, Entity::Department, x.index());
        }
        Subject::Module(x) => {
            let module = m.module(x);
            label = m.module_path(x);
            handlers.push(
                Role::Department,
                dept(m, Owner::department(module.department)),
            );
            handlers.extend(Role::Group, module.groups.iter().map(|g| group_path(m, *g)));
            b.owner(Owner {
                department: module.department,
                module: Some(x),
                group: None,
            });
            for (o, span) in &module.answers {
                b.push(
                    *span,
                    Message::RouteOffice {
                        name: m.office_path(*o),
                    },
                );
            }
            let owned = m
                .items
                .iter()
                .filter(|i| i.owner.is_some_and(|o| o.module == Some(x)))
                .count();
            b.push(
                module.name.span,
                Message::RouteModuleItems {
                    count: owned.into(),
                },
            );
        }
        Subject::Group(g) => {
            let group = m.group(g);
            let module = m.module(group.module);
            label = group_path(m, g);
            handlers.push(
                Role::Department,
                dept(m, Owner::department(module.department)),
            );
            handlers.push(Role::Module, m.module_path(group.module));
            b.owner(Owner {
                department: module.department,
                module: Some(group.module),
                group: Some(g),
            });
            let owned = m
                .items
                .iter()
                .filter(|i| i.owner.is_some_and(|o| o.group == Some(g)))
                .count();
            b.push(
                group.name.span,
                Message::RouteModuleItems {
                    count: owned.into(),
                },
            );
        }
        Subject::Agency(x) => {
            let ag = &m.agencies[x.index()];
            label = ag.name.text.clone();
            b.push(
                ag.span,
                Message::RouteAgency {
                    name: ag.name.text.clone(),
                    kind: agency_kind(ag.kind),
                },
            );
            for t in &d.agency_transfers[x.index()] {
                let tr = &m.transfers[t.index()];
                handlers.push(Role::Transfer, tr.id.text.clone());
                b.push(
                    tr.span,
                    Message::RouteTransfer {
                        id: tr.id.text.clone(),
                        status: status(tr.status),
                    },
                );
            }
        }
    }
    Answer {
        subject,
        label,
        handlers: handlers.paths,
        roles: handlers.roles,
        tier,
        tier_label: b.tier_label,
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

/// Where an event kind raised at `place` (a community or a grid) goes: the
/// grid and community that respond first (属地), the team of the department
/// with authority that is dispatched there (事权), the enforcement team and
/// joint case that take part, and the tier. `None` if `place` is neither a
/// community nor a grid. `bindings` is the set's index of bindings
/// ([`Bindings::new`]), made once for every dispatch asked.
pub fn dispatch(
    m: &Model,
    d: &Derived,
    bindings: &Bindings,
    e: EventId,
    place: Subject,
) -> Option<Answer> {
    use crate::model::dispatch::{self, Reach};
    let (grid, community) = match place {
        Subject::Community(c) => (None, c),
        Subject::Grid(g) => (Some(g), m.grids[g.index()].community),
        _ => return None,
    };
    let mut b = Builder {
        m,
        reasons: Vec::new(),
        tier_label: None,
    };
    let ev = &m.events[e.index()];
    let area = m.area(community);
    let mut handlers = Handlers::default();
    if let Some(g) = grid {
        let grid = &m.grids[g.index()];
        handlers.push(Role::Grid, format!("{}.{}", area.name.text, grid.name.text));
        b.push(
            grid.name.span,
            Message::RouteDispatchGrid {
                grid: grid.name.text.clone(),
                community: area.name.text.clone(),
            },
        );
    }
    handlers.push(Role::Place, area.name.text.clone());
    b.push(
        area.name.span,
        Message::RouteDispatchPlace {
            community: area.name.text.clone(),
            code: area
                .code
                .as_ref()
                .map(|c| c.text.clone())
                .unwrap_or_default(),
        },
    );
    b.push(
        ev.span,
        Message::RouteEvent {
            name: ev.name.text.clone(),
        },
    );
    let row = dispatch::row(m, bindings, e, community);
    // the team sent is `Team` or `Direct`; the enforcement team that joins it
    // is `EnforcementTeam` either way
    let reached = |b: &mut Builder<'_>,
                   reach: Reach,
                   owner_span: Span,
                   enforcer: bool,
                   handlers: &mut Handlers| {
        let role = |bound| match (enforcer, bound) {
            (true, _) => Role::EnforcementTeam,
            (false, true) => Role::Team,
            (false, false) => Role::Direct,
        };
        {
            match reach {
                Reach::Bound { team, binding, via } => {
                    handlers.push(role(true), m.owner_path(team));
                    b.push(
                        m.bindings[binding].span,
                        Message::RouteDispatchBound {
                            team: m.owner_path(team),
                            area: m.area(via).name.text.clone(),
                        },
                    );
                }
                Reach::Direct(o) => {
                    handlers.push(role(false), m.owner_path(o));
                    b.push(
                        owner_span,
                        Message::RouteDispatchDirect {
                            department: m.owner_path(o),
                        },
                    );
                }
                Reach::Gap => b.push(owner_span, Message::RouteDispatchGap),
            }
        }
    };
    if let Some(row) = row {
        if let Some(o) = ev.owner {
            b.push(
                ev.owner_span,
                Message::RouteAuthority {
                    department: m.owner_path(o),
                },
            );
        }
        reached(&mut b, row.handler, ev.owner_span, false, &mut handlers);
        if let Some(enforcer) = row.enforcer {
            reached(&mut b, enforcer, ev.span, true, &mut handlers);
        }
    }
    let mut rest = Handlers::default();
    let tier = {
        let without_enforcer = Event {
            name: ev.name.clone(),
            label: None,
            owner: ev.owner,
            owner_span: ev.owner_span,
            bound: ev.bound,
            enforcer: None,
            joint: ev.joint,
            tier: ev.tier,
            span: ev.span,
        };
        b.event_rest(d, &without_enforcer, &mut rest)
    };
    handlers.paths.extend(rest.paths);
    handlers.roles.extend(rest.roles);
    Some(Answer {
        subject: Subject::Event(e),
        label: format!("{} @ {}", ev.name.text, area.name.text),
        handlers: handlers.paths,
        roles: handlers.roles,
        tier,
        tier_label: b.tier_label,
        reasons: b.reasons,
    })
}

/// The communities and grids called `query`: where an event can be raised.
pub fn places(m: &Model, query: &str) -> Vec<Subject> {
    find(m, query, None)
        .into_iter()
        .filter(|s| matches!(s, Subject::Community(_) | Subject::Grid(_)))
        .collect()
}

/// The dispatch of every event kind among `found` in every one of `places`.
pub fn dispatches(m: &Model, d: &Derived, found: &[Subject], places: &[Subject]) -> Vec<Answer> {
    let bindings = Bindings::new(m, d);
    let bindings = &bindings;
    found
        .iter()
        .filter_map(|s| match s {
            Subject::Event(e) => Some(*e),
            _ => None,
        })
        .flat_map(|e| {
            places
                .iter()
                .filter_map(move |p| dispatch(m, d, bindings, e, *p))
        })
        .collect()
}

/// What `orgc route` says of a time limit: 即办, the statutory limit, or both
/// the statutory and the committed limit (in working days).
pub fn limit_message(limit: Option<&crate::syntax::ast::TimeLimit>) -> Option<Message> {
    use crate::syntax::ast::TimeLimit;
    Some(match limit? {
        TimeLimit::Immediate => Message::RouteImmediate,
        TimeLimit::Days {
            statutory,
            committed: None,
        } => Message::RouteStatutory {
            statutory: statutory.value.into(),
        },
        TimeLimit::Days {
            statutory,
            committed: Some(c),
        } => Message::RouteLimits {
            statutory: statutory.value.into(),
            committed: c.value.into(),
        },
    })
}
