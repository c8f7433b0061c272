//! Questions asked of a built model by rules, targets and emitters: facts
//! derived once from the model, and the value of each attribute the rule
//! language can name (the attributes themselves are declared in
//! [`crate::vocab`]).

use super::*;
pub use crate::vocab::{Attr, AttrType, Entity};
use std::borrow::Cow;
use std::collections::BTreeSet;

/// An attribute's value for one thing.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    /// A single name, e.g. an owner or a tier.
    Name(Cow<'a, str>),
    /// A number, e.g. `micro_grids`.
    Number(u64),
    /// A yes/no attribute, e.g. `devolved`.
    Flag(bool),
    /// A list of names, e.g. `fields`.
    List(Vec<Cow<'a, str>>),
    /// A name attribute that is not set (`none` in a rule).
    Absent,
}

impl Value<'_> {
    /// The value as a person reads it, for "actual: …" in diagnostics.
    pub fn display(&self) -> String {
        match self {
            Value::Name(s) => s.to_string(),
            Value::Number(n) => n.to_string(),
            Value::Flag(b) => b.to_string(),
            Value::List(v) => format!("[{}]", v.join(", ")),
            Value::Absent => "none".to_string(),
        }
    }
}

/// Facts derived once from the resolved model, for attributes and emitters.
#[derive(Debug, Default)]
pub struct Derived {
    /// For each item, the transfers that hand it over.
    pub item_transfers: Vec<Vec<TransferId>>,
    /// For each item, whether a `devolve … item ID` names it.
    pub item_devolved: Vec<bool>,
    /// For each item, the joint cases whose `items` list it, without repeats.
    pub item_joints: Vec<Vec<JointId>>,
    /// For each area, the central communities that list it.
    pub parents: Vec<Vec<AreaId>>,
    /// For each area, the departments bound to it directly or through an ancestor.
    pub area_departments: Vec<BTreeSet<DeptId>>,
    /// For each department, the items it owns, directly or through a module or group.
    pub dept_items: Vec<Vec<ItemId>>,
    /// For each upstream office, the modules that answer it.
    pub office_modules: Vec<Vec<ModuleId>>,
    /// For each agency, the transfers naming it, any status.
    pub agency_transfers: Vec<Vec<TransferId>>,
    /// For each area, the communities it stands for: itself for a community,
    /// every community below it for a central community (sorted by id).
    pub area_communities: Vec<Vec<AreaId>>,
}

impl Derived {
    /// Derives every fact from a resolved model.
    pub fn new(m: &Model) -> Self {
        let mut d = Derived {
            item_transfers: vec![Vec::new(); m.items.len()],
            item_devolved: vec![false; m.items.len()],
            item_joints: vec![Vec::new(); m.items.len()],
            parents: vec![Vec::new(); m.areas.len()],
            area_departments: vec![BTreeSet::new(); m.areas.len()],
            dept_items: vec![Vec::new(); m.departments.len()],
            office_modules: vec![Vec::new(); m.offices.len()],
            agency_transfers: vec![Vec::new(); m.agencies.len()],
            area_communities: Vec::new(),
        };
        for (i, t) in m.transfers.iter().enumerate() {
            if let Some(item) = t.item {
                d.item_transfers[item.index()].push(TransferId(i as u32));
            }
            for a in &t.agencies {
                d.agency_transfers[a.index()].push(TransferId(i as u32));
            }
        }
        for dv in &m.devolutions {
            if let Some(item) = dv.item {
                d.item_devolved[item.index()] = true;
            }
        }
        for (j, joint) in m.joints.iter().enumerate() {
            for (item, _) in &joint.items {
                let list = &mut d.item_joints[item.index()];
                if !list.contains(&JointId(j as u32)) {
                    list.push(JointId(j as u32));
                }
            }
        }
        for (p, area) in m.areas.iter().enumerate() {
            for (child, _) in &area.members {
                let list = &mut d.parents[child.index()];
                if !list.contains(&AreaId(p as u32)) {
                    list.push(AreaId(p as u32));
                }
            }
        }
        for b in &m.bindings {
            for (a, _) in &b.areas {
                d.area_departments[a.index()].insert(b.department);
            }
        }
        // Bindings flow down the hierarchy and communities gather up it. Both
        // follow the strongly connected components of the `members` graph in
        // topological order, so that any depth is covered in one pass, the
        // answer does not depend on declaration order, and a cycle (reported
        // by the hierarchy check) cannot loop: its members share one answer.
        let order = HierarchyOrder::new(m);
        for comp in order.components.iter().rev() {
            // parents first: each component's inherited departments come from
            // components already finished
            let mut depts = BTreeSet::new();
            for a in comp {
                depts.extend(d.area_departments[a.index()].iter().copied());
                for p in &d.parents[a.index()] {
                    depts.extend(d.area_departments[p.index()].iter().copied());
                }
            }
            for a in comp {
                d.area_departments[a.index()].clone_from(&depts);
            }
        }
        d.area_communities = vec![Vec::new(); m.areas.len()];
        for comp in &order.components {
            // children first
            let mut below = BTreeSet::new();
            for a in comp {
                let area = m.area(*a);
                match area.kind {
                    AreaKind::Community => {
                        below.insert(*a);
                    }
                    AreaKind::Central => {
                        for (c, _) in &area.members {
                            below.extend(d.area_communities[c.index()].iter().copied());
                        }
                    }
                }
            }
            let below: Vec<AreaId> = below.into_iter().collect();
            for a in comp {
                d.area_communities[a.index()] = match m.area(*a).kind {
                    // a community stands for itself, even inside a cycle
                    AreaKind::Community => vec![*a],
                    AreaKind::Central => below.clone(),
                };
            }
        }
        for (i, item) in m.items.iter().enumerate() {
            if let Some(o) = item.owner {
                d.dept_items[o.department.index()].push(ItemId(i as u32));
            }
        }
        for (mi, module) in m.modules.iter().enumerate() {
            for (o, _) in &module.answers {
                let list = &mut d.office_modules[o.index()];
                if !list.contains(&ModuleId(mi as u32)) {
                    list.push(ModuleId(mi as u32));
                }
            }
        }
        d
    }
}

/// The strongly connected components of the hierarchy (edges from a central
/// community to its members), children before parents.
struct HierarchyOrder {
    components: Vec<Vec<AreaId>>,
}

impl HierarchyOrder {
    fn new(m: &Model) -> Self {
        let mut graph = petgraph::Graph::<AreaId, ()>::with_capacity(m.areas.len(), 0);
        let nodes: Vec<_> = (0..m.areas.len())
            .map(|a| graph.add_node(AreaId(a as u32)))
            .collect();
        for (p, area) in m.areas.iter().enumerate() {
            for (child, _) in &area.members {
                graph.add_edge(nodes[p], nodes[child.index()], ());
            }
        }
        // Kosaraju's algorithm yields components in reverse topological
        // order: every component comes after the components it points to. It
        // is iterative (petgraph's Tarjan recurses once per level, and a
        // chain of 15,000 central communities overflowed the stack).
        let components = petgraph::algo::kosaraju_scc(&graph)
            .into_iter()
            .map(|c| {
                let mut ids: Vec<AreaId> = c.into_iter().map(|n| graph[n]).collect();
                ids.sort();
                ids
            })
            .collect();
        HierarchyOrder { components }
    }
}

impl Derived {
    /// The communities a devolution reaches: every community for
    /// `all_communities`, else the communities of the areas it names.
    pub fn devolution_communities(&self, m: &Model, dv: &Devolution) -> Vec<AreaId> {
        match &dv.to {
            None => m.communities().map(|(id, _)| id).collect(),
            Some(areas) => {
                let set: BTreeSet<AreaId> = areas
                    .iter()
                    .flat_map(|(a, _)| self.area_communities[a.index()].iter().copied())
                    .collect();
                set.into_iter().collect()
            }
        }
    }
}

/// How many things of `entity` the model has.
pub fn count(m: &Model, entity: Entity) -> usize {
    match entity {
        Entity::Item => m.items.len(),
        Entity::Department => m.departments.len(),
        Entity::Module => m.modules.len(),
        Entity::UpstreamOffice => m.offices.len(),
        Entity::Agency => m.agencies.len(),
        Entity::Transfer => m.transfers.len(),
        Entity::CentralCommunity | Entity::Community => m.areas.len(),
        Entity::Devolution => m.devolutions.len(),
        Entity::Joint => m.joints.len(),
        Entity::Event => m.events.len(),
        Entity::CentreService => m.services.len(),
    }
}

/// Whether index `i` is a thing of `entity` (areas hold both kinds of community).
pub fn is_a(m: &Model, entity: Entity, i: usize) -> bool {
    match entity {
        Entity::CentralCommunity => m.areas[i].kind == AreaKind::Central,
        Entity::Community => m.areas[i].kind == AreaKind::Community,
        _ => true,
    }
}

/// The name a thing is known by (an id for items, transfers and devolutions).
pub fn label(m: &Model, entity: Entity, i: usize) -> (String, Span) {
    match entity {
        Entity::Item => (m.items[i].id.text.clone(), m.items[i].span),
        Entity::Department => (
            m.departments[i].name.text.clone(),
            m.departments[i].name.span,
        ),
        Entity::Module => (m.module_path(ModuleId(i as u32)), m.modules[i].name.span),
        Entity::UpstreamOffice => (m.office_path(OfficeId(i as u32)), m.offices[i].name.span),
        Entity::Agency => (m.agencies[i].name.text.clone(), m.agencies[i].span),
        Entity::Transfer => (m.transfers[i].id.text.clone(), m.transfers[i].span),
        Entity::CentralCommunity | Entity::Community => {
            (m.areas[i].name.text.clone(), m.areas[i].name.span)
        }
        Entity::Devolution => (m.devolutions[i].id.text.clone(), m.devolutions[i].span),
        Entity::Joint => (m.joints[i].name.text.clone(), m.joints[i].name.span),
        Entity::Event => (m.events[i].name.text.clone(), m.events[i].name.span),
        Entity::CentreService => (m.services[i].id.text.clone(), m.services[i].span),
    }
}

fn name(n: &Name) -> Value<'_> {
    Value::Name(Cow::Borrowed(&n.text))
}

fn list<'a, I: IntoIterator<Item = Cow<'a, str>>>(it: I) -> Value<'a> {
    Value::List(it.into_iter().collect())
}

fn opt<'a>(v: Option<Value<'a>>) -> Value<'a> {
    v.unwrap_or(Value::Absent)
}

/// The value of attribute `attr` for thing `i` of the attribute's entity.
pub fn value<'a>(m: &'a Model, d: &'a Derived, attr: Attr, i: usize) -> Value<'a> {
    let dept_name = |o: Owner| Cow::Borrowed(m.dept(o.department).name.text.as_str());
    let item = || &m.items[i];
    let dept = || &m.departments[i];
    let module = || &m.modules[i];
    let office = || &m.offices[i];
    let agency = || &m.agencies[i];
    let transfer = || &m.transfers[i];
    let area = || &m.areas[i];
    let devolution = || &m.devolutions[i];
    let joint = || &m.joints[i];
    let event = || &m.events[i];
    let service = || &m.services[i];
    let place = || {
        service().place.map(|(c, s, a)| {
            let centre = &m.centres[c.index()];
            (centre, &centre.sections[s], a)
        })
    };
    let grids = |dedicated: bool| {
        list(
            area()
                .grids
                .iter()
                .filter(move |g| m.grids[g.index()].dedicated == dedicated)
                .map(|g| Cow::Borrowed(m.grids[g.index()].name.text.as_str())),
        )
    };
    match attr {
        Attr::ItemId => name(&item().id),
        Attr::ItemName => name(&item().title),
        Attr::ItemKind => opt(item().kind.map(|k| name(&m.kind(k).name))),
        Attr::ItemOwner => opt(item().owner.map(|o| Value::Name(dept_name(o)))),
        Attr::ItemModule => opt(item()
            .owner
            .and_then(|o| o.module)
            .map(|x| name(&m.module(x).name))),
        Attr::ItemGroup => opt(item()
            .owner
            .and_then(|o| o.group)
            .map(|x| name(&m.group(x).name))),
        Attr::ItemStatutory => match &item().limit {
            Some(ast::TimeLimit::Days { statutory, .. }) => Value::Number(statutory.value),
            Some(ast::TimeLimit::Immediate) => Value::Number(0),
            None => Value::Absent,
        },
        Attr::ItemCommitted => match &item().limit {
            Some(ast::TimeLimit::Days {
                committed: Some(c), ..
            }) => Value::Number(c.value),
            Some(ast::TimeLimit::Immediate) => Value::Number(0),
            _ => Value::Absent,
        },
        Attr::ItemImmediate => Value::Flag(matches!(item().limit, Some(ast::TimeLimit::Immediate))),
        Attr::ItemDevolved => Value::Flag(d.item_devolved[i]),
        Attr::ItemTransferred => Value::Flag(
            d.item_transfers[i]
                .iter()
                .any(|t| m.transfers[t.index()].status == Status::Transferred),
        ),
        Attr::ItemJointCases => list(
            d.item_joints[i]
                .iter()
                .map(|j| Cow::Borrowed(m.joints[j.index()].name.text.as_str())),
        ),
        Attr::DeptName => name(&dept().name),
        Attr::DeptCategory => Value::Name(Cow::Borrowed(dept().category.as_str())),
        Attr::DeptFields => list(dept().fields.iter().map(|f| Cow::Borrowed(f.text.as_str()))),
        Attr::DeptModules => list(
            dept()
                .modules
                .iter()
                .map(|x| Cow::Borrowed(m.module(*x).name.text.as_str())),
        ),
        Attr::DeptEstablishment => opt(dept().staffing.map(|s| Value::Number(s.establishment()))),
        Attr::DeptLeadership => opt(dept().staffing.map(|s| Value::Number(s.leadership))),
        Attr::DeptInCommunities => opt(dept().staffing.map(|s| Value::Number(s.in_communities))),
        Attr::DeptItems => list(
            d.dept_items[i]
                .iter()
                .map(|x| Cow::Borrowed(m.items[x.index()].id.text.as_str())),
        ),
        Attr::DeptCommunities => list(
            m.communities()
                .filter(|(a, _)| d.area_departments[a.index()].contains(&DeptId(i as u32)))
                .map(|(_, a)| Cow::Borrowed(a.name.text.as_str())),
        ),
        Attr::ModuleName => name(&module().name),
        Attr::ModuleDepartment => name(&m.dept(module().department).name),
        Attr::ModuleGroups => list(
            module()
                .groups
                .iter()
                .map(|g| Cow::Borrowed(m.group(*g).name.text.as_str())),
        ),
        Attr::ModuleAnswers => list(
            module()
                .answers
                .iter()
                .map(|(o, _)| Cow::Owned(m.office_path(*o))),
        ),
        Attr::OfficeName => name(&office().name),
        Attr::OfficeBureau => name(&m.bureaus[office().bureau.index()].name),
        Attr::OfficeShared => Value::Flag(office().shared),
        Attr::OfficeModules => list(
            d.office_modules[i]
                .iter()
                .map(|x| Cow::Owned(m.module_path(*x))),
        ),
        Attr::AgencyName => name(&agency().name),
        Attr::AgencyKind => Value::Name(Cow::Borrowed(agency().kind.as_str())),
        Attr::AgencyFunctions => list(
            d.agency_transfers[i]
                .iter()
                .map(|t| Cow::Borrowed(m.transfers[t.index()].function.text.as_str())),
        ),
        Attr::TransferId => name(&transfer().id),
        Attr::TransferFunction => name(&transfer().function),
        Attr::TransferOwner => opt(transfer().from.map(|o| Value::Name(dept_name(o)))),
        Attr::TransferStatus => Value::Name(Cow::Borrowed(transfer().status.as_str())),
        Attr::TransferAgencies => list(
            transfer()
                .agencies
                .iter()
                .map(|a| Cow::Borrowed(m.agencies[a.index()].name.text.as_str())),
        ),
        Attr::TransferSupervisor => opt(transfer().supervisor.map(|o| Value::Name(dept_name(o)))),
        Attr::CentralName | Attr::CommunityName => name(&area().name),
        Attr::CommunityCode => opt(area().code.as_ref().map(name)),
        Attr::CentralCommunities => list(
            area()
                .members
                .iter()
                .map(|(x, _)| Cow::Borrowed(m.area(*x).name.text.as_str())),
        ),
        Attr::CommunityCentral => opt(d.parents[i].first().map(|p| name(&m.area(*p).name))),
        Attr::CommunityDepartments => list(
            d.area_departments[i]
                .iter()
                .map(|x| Cow::Borrowed(m.dept(*x).name.text.as_str())),
        ),
        Attr::CommunityGrids => grids(false),
        Attr::CommunityDedicatedGrids => grids(true),
        Attr::CommunityMicroGrids => {
            Value::Number(area().grids.iter().map(|g| m.grids[g.index()].micro).sum())
        }
        Attr::DevolutionId => name(&devolution().id),
        Attr::DevolutionFunction => name(&devolution().function),
        Attr::DevolutionKind => opt(devolution().kind.map(|k| name(&m.kind(k).name))),
        Attr::DevolutionOwner => opt(devolution().from.map(|o| Value::Name(dept_name(o)))),
        Attr::DevolutionCommunities => list(
            d.devolution_communities(m, devolution())
                .into_iter()
                .map(|a| Cow::Borrowed(m.area(a).name.text.as_str())),
        ),
        Attr::JointName => name(&joint().name),
        Attr::JointLead => opt(joint()
            .leads
            .first()
            .map(|(o, _)| Value::Name(dept_name(*o)))),
        Attr::JointMembers => list(joint().members.iter().map(|(o, _)| dept_name(*o))),
        Attr::JointItems => list(
            joint()
                .items
                .iter()
                .map(|(x, _)| Cow::Borrowed(m.items[x.index()].id.text.as_str())),
        ),
        Attr::JointTier => opt(joint()
            .tiers
            .first()
            .map(|(t, _)| name(&m.tiers[t.index()].name))),
        Attr::EventName => name(&event().name),
        Attr::EventOwner => opt(event().owner.map(|o| Value::Name(dept_name(o)))),
        Attr::EventEnforcer => opt(event().enforcer.map(|o| Value::Name(dept_name(o)))),
        Attr::EventJoint => opt(event().joint.map(|j| name(&m.joints[j.index()].name))),
        Attr::EventBound => Value::Flag(event().bound),
        Attr::ServiceId => name(&service().id),
        Attr::ServiceName => name(&service().title),
        Attr::ServiceKind => opt(service()
            .kind
            .map(|k| Value::Name(Cow::Borrowed(k.as_str())))),
        Attr::ServiceCentre => opt(place().map(|(c, _, _)| name(&c.name))),
        Attr::ServiceSection => opt(place().map(|(_, s, _)| name(&s.name))),
        Attr::ServiceArea => opt(place().map(|(_, s, a)| name(&s.areas[a]))),
        Attr::ServiceOwner => {
            let item_owner = || {
                service()
                    .item
                    .and_then(|(x, _)| m.items[x.index()].owner)
                    .map(|o| Value::Name(dept_name(o)))
            };
            match service().owner {
                Some((Unit::Department(o), _)) => Value::Name(dept_name(o)),
                Some((Unit::Agency(a), _)) => name(&m.agencies[a.index()].name),
                None => opt(item_owner()),
            }
        }
        Attr::ServiceItem => opt(service().item.map(|(x, _)| name(&m.items[x.index()].id))),
        Attr::EventTier => opt(event().tier.map(|t| name(&m.tiers[t.index()].name))),
    }
}
