//! A compiled model as plain records: for each kind of thing, its records by
//! a stable key (an id, a code, a name or a path), each with its fields as
//! text. Two snapshots compare field by field; a model never has to.
//!
//! Keys are what the policy itself uses to name a thing: an item's id, a
//! community's statistical code, a department's name, `部门.模块`. A department
//! renamed with `formerly` is put under its new name on the old side too
//! (`Snapshot::rename`), so that its modules and items do not show as moved.

use crate::diagnostics::Term;
use crate::model::dispatch::{self, Reach};
use crate::model::metrics::{measure, Scope};
use crate::model::query::Derived;
use crate::model::{AreaKind, CapKey, Model};
use crate::source::SourceMap;
use crate::syntax::ast::TimeLimit;
use crate::vocab::Metric;
use std::collections::BTreeMap;

/// The kinds of thing a diff reports, in the order it reports them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// `caps`
    Cap,
    /// `department`
    Department,
    /// a department's `staffing`
    Staffing,
    /// `module`
    Module,
    /// `group`
    Group,
    /// an upstream `office`
    Office,
    /// `item`
    Item,
    /// `agency`
    Agency,
    /// `transfer`
    Transfer,
    /// `central_community`
    Central,
    /// `bind`: a department or team bound to an area
    Binding,
    /// `community`
    Community,
    /// `grid`
    Grid,
    /// `devolution`
    Devolution,
    /// `joint_case`
    JointCase,
    /// `tier`
    Tier,
    /// `event`
    Event,
    /// `service_centre`
    Centre,
    /// `centre_service`
    CentreService,
    /// `measure`
    Measure,
    /// `rule`
    Rule,
    /// a `targets` figure
    Target,
}

impl Kind {
    /// What messages call it.
    pub fn term(self) -> Term {
        match self {
            Kind::Cap => Term::Cap,
            Kind::Department => Term::Department,
            Kind::Staffing => Term::Staffing,
            Kind::Module => Term::Module,
            Kind::Group => Term::Group,
            Kind::Office => Term::Office,
            Kind::Item => Term::Item,
            Kind::Agency => Term::Agency,
            Kind::Transfer => Term::Transfer,
            Kind::Central => Term::Central,
            Kind::Binding => Term::Binding,
            Kind::Community => Term::Community,
            Kind::Grid => Term::Grid,
            Kind::Devolution => Term::Devolution,
            Kind::JointCase => Term::Joint,
            Kind::Tier => Term::Tier,
            Kind::Event => Term::Event,
            Kind::Centre => Term::Centre,
            Kind::CentreService => Term::CentreService,
            Kind::Measure => Term::Measure,
            Kind::Rule => Term::Rule,
            Kind::Target => Term::Metric,
        }
    }
}

/// Named values, in the order a kind of record always lists them (a few per
/// record: a list is cheaper to build, compare and drop than a map).
pub type Fields = Vec<(&'static str, String)>;

/// The value of field `name`, if the record has it.
pub fn field<'a>(fields: &'a Fields, name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.as_str())
}

/// One thing: how it is known, and its fields as text (lists joined with `、`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// How a person knows it (`SP-0001 企业投资项目核准`, `金钗河社区 330383198001`).
    pub label: String,
    /// Its fields.
    pub fields: Fields,
}

/// One subject's route: how it is known, and each aspect (`handler`,
/// `enforcer`, `limit`, `tier`) with its value.
pub type Route = (String, Fields);

/// What the routes say, for the route changes: who handles a subject, its
/// time limit or tier, keyed like the records.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Routes {
    /// kind → key → the route.
    pub entries: BTreeMap<Kind, BTreeMap<String, Route>>,
}

/// A whole model as records.
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    /// Kind → key → record.
    pub records: BTreeMap<Kind, BTreeMap<String, Record>>,
    /// The routes, for the route changes.
    pub routes: Routes,
    /// Each department's former names (`formerly`), as declared.
    pub formerly: BTreeMap<String, Vec<String>>,
    /// Caps the set exceeds: key → (actual, cap).
    pub caps_crossed: BTreeMap<String, (u64, u64)>,
    /// Communities no department is bound to, by code.
    pub unbound: BTreeMap<String, String>,
    /// For each `bound` event kind, the communities it cannot reach.
    pub gaps: BTreeMap<String, Vec<String>>,
    /// Items whose owner does not resolve, by id.
    pub ownerless: Vec<String>,
}

fn join(v: impl IntoIterator<Item = String>) -> String {
    v.into_iter().collect::<Vec<_>>().join("、")
}

/// An item's time limit as text: `法定 20 / 承诺 5` is written `20/5`, `即办`.
pub fn limit_text(limit: Option<&TimeLimit>) -> String {
    match limit {
        None => String::new(),
        Some(TimeLimit::Immediate) => "immediate".to_string(),
        Some(TimeLimit::Days {
            statutory,
            committed: None,
        }) => format!("statutory {}", statutory.value),
        Some(TimeLimit::Days {
            statutory,
            committed: Some(c),
        }) => format!("statutory {} committed {}", statutory.value, c.value),
    }
}

impl Snapshot {
    /// The records of a compiled model.
    pub fn new(m: &Model, d: &Derived, sources: &SourceMap) -> Self {
        let mut s = Snapshot::default();
        // records are gathered in lists and each kind's map built at once
        // (`collect` sorts stably and builds in bulk, much cheaper than
        // inserting one by one; of two records under one key the later stays,
        // as inserting them in turn would do)
        let mut staged: BTreeMap<Kind, Vec<(String, Record)>> = BTreeMap::new();
        let mut put = |kind: Kind, key: String, label: String, fields: Fields| {
            staged
                .entry(kind)
                .or_default()
                .push((key, Record { label, fields }));
        };
        let tier = |t: Option<crate::model::TierId>| {
            t.map(|t| m.tiers[t.index()].name.text.clone())
                .unwrap_or_default()
        };
        for c in &m.caps {
            let key = cap_key(c.key);
            put(
                Kind::Cap,
                key.clone(),
                key,
                vec![("value", c.value.to_string())],
            );
        }
        for dp in &m.departments {
            let name = dp.name.text.clone();
            put(
                Kind::Department,
                name.clone(),
                name.clone(),
                vec![
                    ("category", dp.category.as_str().to_string()),
                    ("fields", join(dp.fields.iter().map(|f| f.text.clone()))),
                ],
            );
            if let Some(st) = dp.staffing {
                put(
                    Kind::Staffing,
                    name.clone(),
                    name.clone(),
                    vec![
                        ("administrative", st.administrative.to_string()),
                        ("institutional", st.institutional.to_string()),
                        ("leadership", st.leadership.to_string()),
                        ("in_communities", st.in_communities.to_string()),
                    ],
                );
            }
        }
        for (i, md) in m.modules.iter().enumerate() {
            let path = m.module_path(crate::model::ModuleId(i as u32));
            let answers = join(md.answers.iter().map(|(o, _)| m.office_path(*o)));
            put(Kind::Module, path.clone(), path, vec![("answers", answers)]);
            for g in &md.groups {
                let gp = format!(
                    "{}.{}",
                    m.module_path(crate::model::ModuleId(i as u32)),
                    m.group(*g).name.text
                );
                put(Kind::Group, gp.clone(), gp, Vec::new());
            }
        }
        for (i, o) in m.offices.iter().enumerate() {
            let path = m.office_path(crate::model::OfficeId(i as u32));
            put(
                Kind::Office,
                path.clone(),
                path,
                vec![("shared", o.shared.to_string())],
            );
        }
        for it in &m.items {
            let owner = it.owner.map(|o| m.owner_path(o)).unwrap_or_default();
            let kind = it
                .kind
                .map(|k| m.kind(k).name.text.clone())
                .unwrap_or_default();
            put(
                Kind::Item,
                it.id.text.clone(),
                format!("{} {}", it.id.text, it.title.text),
                vec![
                    ("name", it.title.text.clone()),
                    ("kind", kind),
                    ("owner", owner),
                    ("limit", limit_text(it.limit.as_ref())),
                ],
            );
        }
        for a in &m.agencies {
            put(
                Kind::Agency,
                a.name.text.clone(),
                a.name.text.clone(),
                vec![("kind", a.kind.as_str().to_string())],
            );
        }
        for t in &m.transfers {
            put(
                Kind::Transfer,
                t.id.text.clone(),
                format!("{} {}", t.id.text, t.function.text),
                vec![
                    ("name", t.function.text.clone()),
                    ("status", t.status.as_str().to_string()),
                    ("owner", t.from.map(|o| m.owner_path(o)).unwrap_or_default()),
                    (
                        "agencies",
                        join(
                            t.agencies
                                .iter()
                                .map(|a| m.agencies[a.index()].name.text.clone()),
                        ),
                    ),
                    (
                        "supervisor",
                        t.supervisor.map(|o| m.owner_path(o)).unwrap_or_default(),
                    ),
                    (
                        "item",
                        t.item
                            .map(|i| m.items[i.index()].id.text.clone())
                            .unwrap_or_default(),
                    ),
                ],
            );
        }
        for (i, a) in m.areas.iter().enumerate() {
            match a.kind {
                AreaKind::Central => put(
                    Kind::Central,
                    a.name.text.clone(),
                    a.name.text.clone(),
                    vec![(
                        "communities",
                        join(a.members.iter().map(|(x, _)| m.area(*x).name.text.clone())),
                    )],
                ),
                AreaKind::Community => {
                    let code = a.code.as_ref().map(|c| c.text.clone()).unwrap_or_default();
                    let key = if code.is_empty() {
                        a.name.text.clone()
                    } else {
                        code.clone()
                    };
                    let central = d.parents[i]
                        .first()
                        .map(|p| m.area(*p).name.text.clone())
                        .unwrap_or_default();
                    put(
                        Kind::Community,
                        key.clone(),
                        format!("{} {code}", a.name.text).trim().to_string(),
                        vec![("name", a.name.text.clone()), ("central", central)],
                    );
                    for g in &a.grids {
                        let grid = &m.grids[g.index()];
                        put(
                            Kind::Grid,
                            format!("{key}.{}", grid.name.text),
                            format!("{}.{}", a.name.text, grid.name.text),
                            vec![
                                ("dedicated", grid.dedicated.to_string()),
                                ("micro", grid.micro.to_string()),
                            ],
                        );
                    }
                }
            }
        }
        for dv in &m.devolutions {
            let reached = d.devolution_communities(m, dv).len();
            put(
                Kind::Devolution,
                dv.id.text.clone(),
                format!("{} {}", dv.id.text, dv.function.text),
                vec![
                    ("name", dv.function.text.clone()),
                    (
                        "owner",
                        dv.from.map(|o| m.owner_path(o)).unwrap_or_default(),
                    ),
                    ("communities", reached.to_string()),
                ],
            );
        }
        for j in &m.joints {
            put(
                Kind::JointCase,
                j.name.text.clone(),
                j.name.text.clone(),
                vec![
                    ("lead", join(j.leads.iter().map(|(o, _)| m.owner_path(*o)))),
                    (
                        "members",
                        join(j.members.iter().map(|(o, _)| m.owner_path(*o))),
                    ),
                    (
                        "items",
                        join(
                            j.items
                                .iter()
                                .map(|(i, _)| m.items[i.index()].id.text.clone()),
                        ),
                    ),
                    ("tier", tier(j.tiers.first().map(|(t, _)| *t))),
                ],
            );
        }
        for t in &m.tiers {
            put(
                Kind::Tier,
                t.name.text.clone(),
                t.name.text.clone(),
                vec![("minutes", t.limit_minutes.to_string())],
            );
        }
        for e in &m.events {
            put(
                Kind::Event,
                e.name.text.clone(),
                e.name.text.clone(),
                vec![
                    (
                        "owner",
                        e.owner.map(|o| m.owner_path(o)).unwrap_or_default(),
                    ),
                    ("bound", e.bound.to_string()),
                    (
                        "enforcer",
                        e.enforcer.map(|o| m.owner_path(o)).unwrap_or_default(),
                    ),
                    (
                        "joint_case",
                        e.joint
                            .map(|j| m.joints[j.index()].name.text.clone())
                            .unwrap_or_default(),
                    ),
                    ("tier", tier(e.tier)),
                ],
            );
        }
        for c in &m.centres {
            put(
                Kind::Centre,
                c.name.text.clone(),
                c.name.text.clone(),
                vec![
                    (
                        "stationed",
                        join(c.stationed.iter().map(|(u, _)| m.unit_path(*u))),
                    ),
                    (
                        "sections",
                        join(c.sections.iter().map(|x| x.name.text.clone())),
                    ),
                ],
            );
        }
        for sv in &m.services {
            put(
                Kind::CentreService,
                sv.id.text.clone(),
                format!("{} {}", sv.id.text, sv.title.text),
                vec![
                    ("name", sv.title.text.clone()),
                    (
                        "kind",
                        sv.kind.map(|k| k.as_str().to_string()).unwrap_or_default(),
                    ),
                    (
                        "owner",
                        sv.owner.map(|(u, _)| m.unit_path(u)).unwrap_or_default(),
                    ),
                    (
                        "item",
                        sv.item
                            .map(|(i, _)| m.items[i.index()].id.text.clone())
                            .unwrap_or_default(),
                    ),
                ],
            );
        }
        for x in &m.measures {
            put(
                Kind::Measure,
                x.id.text.clone(),
                format!("{} {}", x.id.text, x.title.text),
                vec![
                    ("name", x.title.text.clone()),
                    (
                        "owner",
                        x.owner.map(|o| m.owner_path(o)).unwrap_or_default(),
                    ),
                ],
            );
        }
        for r in &m.rules {
            // the rule as written, white space made one space
            let text = sources
                .text(r.span)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            put(
                Kind::Rule,
                r.name.text.clone(),
                r.name.text.clone(),
                vec![("text", text)],
            );
        }
        for t in &m.targets {
            put(
                Kind::Target,
                t.display.clone(),
                t.display.clone(),
                vec![
                    ("value", t.value.to_string()),
                    ("source", t.source.as_str().to_string()),
                ],
            );
        }
        for b in &m.bindings {
            let team = m.owner_path(b.team);
            for (a, _) in &b.areas {
                let key = format!("{team} → {}", m.area(*a).name.text);
                put(Kind::Binding, key.clone(), key, Vec::new());
            }
        }
        s.records = staged
            .into_iter()
            .map(|(kind, records)| (kind, records.into_iter().collect()))
            .collect();
        let table = dispatch::table(m, d);
        s.routes = routes(m, d, &table);
        for dp in &m.departments {
            if !dp.formerly.is_empty() {
                s.formerly.insert(
                    dp.name.text.clone(),
                    dp.formerly.iter().map(|n| n.text.clone()).collect(),
                );
            }
        }
        for c in &m.caps {
            let actual = cap_actual(m, c.key);
            if actual > c.value {
                s.caps_crossed.insert(cap_key(c.key), (actual, c.value));
            }
        }
        for (id, a) in m.communities() {
            if d.area_departments[id.index()].is_empty() {
                let code = a.code.as_ref().map(|c| c.text.clone()).unwrap_or_default();
                s.unbound.insert(code, a.name.text.clone());
            }
        }
        for row in &table {
            if row.handler == Reach::Gap {
                s.gaps
                    .entry(m.events[row.event.index()].name.text.clone())
                    .or_default()
                    .push(m.area(row.community).name.text.clone());
            }
        }
        s.ownerless = m
            .items
            .iter()
            .filter(|i| i.owner.is_none())
            .map(|i| i.id.text.clone())
            .collect();
        s
    }

    /// Put every department named in `renames` (old → new) under its new
    /// name: keys and values that are that department or a path below it.
    pub fn rename(&mut self, renames: &BTreeMap<String, String>) {
        if renames.is_empty() {
            return;
        }
        let fix = |s: &str| -> String {
            s.split('、')
                .map(|part| {
                    let (head, rest) = part
                        .split_once('.')
                        .map_or((part, None), |(h, r)| (h, Some(r)));
                    match (renames.get(head), rest) {
                        (Some(new), Some(rest)) => format!("{new}.{rest}"),
                        (Some(new), None) => new.clone(),
                        (None, _) => part.to_string(),
                    }
                })
                .collect::<Vec<_>>()
                .join("、")
        };
        for records in self.records.values_mut() {
            let old = std::mem::take(records);
            for (key, mut r) in old {
                for (_, v) in &mut r.fields {
                    *v = fix(v);
                }
                r.label = fix(&r.label);
                records.insert(fix(&key), r);
            }
        }
        for routes in self.routes.entries.values_mut() {
            let old = std::mem::take(routes);
            for (key, (label, mut aspects)) in old {
                for (_, v) in &mut aspects {
                    *v = fix(v);
                }
                routes.insert(fix(&key), (fix(&label), aspects));
            }
        }
    }
}

fn cap_key(k: CapKey) -> String {
    match k {
        CapKey::Category(c) => c.as_str().to_string(),
        CapKey::Catalogue => "catalogue".to_string(),
        CapKey::Establishment => "establishment".to_string(),
        CapKey::LeadershipPosts => "leadership_posts".to_string(),
    }
}

fn cap_actual(m: &Model, k: CapKey) -> u64 {
    let metric = match k {
        CapKey::Category(c) => match c {
            crate::syntax::ast::Category::Party => Metric::Party,
            crate::syntax::ast::Category::Government => Metric::Government,
            crate::syntax::ast::Category::Institution => Metric::Institution,
        },
        CapKey::Catalogue => Metric::Catalogue,
        CapKey::Establishment => Metric::Establishment,
        CapKey::LeadershipPosts => Metric::LeadershipPosts,
    };
    measure(m, metric, Scope::City)
}

/// Who handles what: offices, communities, each event kind in each
/// community, joint cases (an item's route is in its record).
fn routes(m: &Model, d: &Derived, table: &[dispatch::Row]) -> Routes {
    let mut r = Routes::default();
    let mut staged: BTreeMap<Kind, Vec<(String, Route)>> = BTreeMap::new();
    let mut put = |kind: Kind, key: String, label: String, aspects: Fields| {
        staged
            .entry(kind)
            .or_default()
            .push((key, (label, aspects)));
    };
    // an item's route is its `owner` and `limit` fields: the comparison of
    // the item records gives its route changes, without a second copy here
    for (i, _) in m.offices.iter().enumerate() {
        let path = m.office_path(crate::model::OfficeId(i as u32));
        let modules = join(d.office_modules[i].iter().map(|x| m.module_path(*x)));
        put(Kind::Office, path.clone(), path, vec![("handler", modules)]);
    }
    for (id, a) in m.communities() {
        let code = a.code.as_ref().map(|c| c.text.clone()).unwrap_or_default();
        let depts = join(
            d.area_departments[id.index()]
                .iter()
                .map(|x| m.dept(*x).name.text.clone()),
        );
        put(
            Kind::Community,
            code.clone(),
            format!("{} {code}", a.name.text),
            vec![("handler", depts)],
        );
    }
    let tier = |t: Option<crate::model::TierId>| {
        t.map(|t| m.tiers[t.index()].name.text.clone())
            .unwrap_or_default()
    };
    for row in table {
        let e = &m.events[row.event.index()];
        let a = m.area(row.community);
        let unit = |x: Option<Reach>| {
            x.and_then(Reach::unit)
                .map(|o| m.owner_path(o))
                .unwrap_or_default()
        };
        let own_tier = e.tier.or_else(|| {
            e.joint
                .and_then(|j| m.joints[j.index()].tiers.first().map(|(t, _)| *t))
        });
        put(
            Kind::Event,
            format!(
                "{}@{}",
                e.name.text,
                a.code.as_ref().map_or("", |c| c.text.as_str())
            ),
            format!("{} @ {}", e.name.text, a.name.text),
            vec![
                ("handler", unit(Some(row.handler))),
                ("enforcer", unit(row.enforcer)),
                ("tier", tier(own_tier)),
            ],
        );
    }
    for j in &m.joints {
        put(
            Kind::JointCase,
            j.name.text.clone(),
            j.name.text.clone(),
            vec![
                (
                    "handler",
                    join(j.leads.iter().map(|(o, _)| m.owner_path(*o))),
                ),
                ("tier", tier(j.tiers.first().map(|(t, _)| *t))),
            ],
        );
    }
    r.entries = staged
        .into_iter()
        .map(|(kind, routes)| (kind, routes.into_iter().collect()))
        .collect();
    r
}
