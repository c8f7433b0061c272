//! The routing tables: for every matter, who handles it. Built from the model
//! only; every table is sorted by its stable key, so the same policy gives the
//! same tables whatever the file order. The field names are a contract
//! (`docs/routes.md`, `docs/routes.schema.json`, schema `orgc.routes/2`).

use crate::model::dispatch::{self, Reach};
use crate::model::query::Derived;
use crate::model::{AreaId, AreaKind, Model, Owner};
use crate::syntax::ast::TimeLimit;
use serde::Serialize;
use std::collections::BTreeSet;

/// The schema name and major version written in `routes.json` and the SQLite `meta` table.
pub const SCHEMA: &str = "orgc.routes/2";

/// Every routing table of one build: the `routes.json` document. The three
/// tables of a size with the catalogue (items, centre services, measures)
/// borrow their names from the model `'m`: a million rows copy no text.
#[derive(Debug, Serialize)]
pub struct Routes<'m> {
    /// Always [`SCHEMA`], so that a reader can refuse a version it does not know.
    pub schema: &'static str,
    /// The digest of the source set (`emit::digest`), the same as in the
    /// SQLite `meta` table: files written by one build carry one digest.
    pub digest: String,
    /// The city the set declares, if any.
    pub city: Option<City>,
    /// One row per department, sorted by name.
    pub departments: Vec<DepartmentRow>,
    /// One row per owned catalogue item, sorted by id.
    pub items: Vec<ItemRow<'m>>,
    /// Upstream office → answering module, one row per pair (a gap has one row with no module).
    pub upstream_offices: Vec<OfficeRow>,
    /// One row per function transfer, whatever its status, sorted by id.
    pub transfers: Vec<TransferRow>,
    /// One row per undertaking agency, sorted by name.
    pub agencies: Vec<AgencyRow>,
    /// One row per devolution to communities, sorted by id.
    pub devolutions: Vec<DevolutionRow>,
    /// One row per community, sorted by statistical code.
    pub communities: Vec<CommunityRow>,
    /// One row per central community, sorted by name.
    pub central_communities: Vec<CentralRow>,
    /// One row per joint case (一件事), sorted by name.
    pub joint_cases: Vec<JointRow>,
    /// One row per response tier, sorted by name.
    pub tiers: Vec<TierRow>,
    /// One row per event kind: who has authority over it, and how it is dispatched.
    pub events: Vec<EventRow>,
    /// One row per event kind × community: who responds and who is sent there,
    /// sorted by event kind, then community code.
    pub dispatch: Vec<DispatchRow>,
    /// One row per service centre, sorted by name.
    pub service_centres: Vec<CentreRow>,
    /// One row per centre service, sorted by id.
    pub centre_services: Vec<CentreServiceRow<'m>>,
    /// One row per implementation-list entry (`measure`), sorted by id.
    pub measures: Vec<MeasureRow<'m>>,
    /// One row per department with a `staffing` clause, sorted by name.
    pub staffing: Vec<StaffingRow>,
}

/// The `city` declaration (JSON only).
#[derive(Debug, Serialize)]
pub struct City {
    /// The city's name, e.g. `龙港市`.
    pub name: String,
    /// The administrative division code as written, e.g. `330383`.
    pub code: Option<String>,
    /// The prefecture-level city above it, as written.
    pub upstream: Option<String>,
}

/// A row of `departments`.
#[derive(Debug, Serialize)]
pub struct DepartmentRow {
    /// The department's name as declared.
    pub name: String,
    /// `party`, `government` or `institution`.
    pub category: &'static str,
    /// The policy fields (职责领域) it absorbed, in declaration order.
    pub fields: Vec<String>,
    /// Its modules, in declaration order.
    pub modules: Vec<ModuleRow>,
}

/// One module of a department, inside a [`DepartmentRow`].
#[derive(Debug, Serialize)]
pub struct ModuleRow {
    /// The module's name, without the department.
    pub name: String,
    /// Its business groups (业务组), in declaration order.
    pub groups: Vec<String>,
    /// `bureau.office` of every upstream office the module answers to.
    pub upstream_offices: Vec<String>,
}

/// A row of `items`: who handles one catalogue item.
#[derive(Debug, Serialize)]
pub struct ItemRow<'m> {
    /// The item id (事项编码), e.g. `SP-0001`.
    pub id: &'m str,
    /// The item's title (事项名称).
    pub name: &'m str,
    /// The item kind's name (`approval`, `enforcement`, … or one the set declares).
    pub kind: &'m str,
    /// The owning department.
    pub department: &'m str,
    /// The owning module without the department; `None` when the department owns it directly.
    pub module: Option<&'m str>,
    /// The owning business group, if any.
    pub group: Option<&'m str>,
    /// The statutory time limit in working days (法定办结时限); 0 for an immediate item.
    pub statutory_days: Option<u64>,
    /// The committed time limit in working days (承诺办结时限); 0 for an immediate item.
    pub committed_days: Option<u64>,
    /// Whether the item is settled on the spot (即办件).
    pub immediate: bool,
    /// Agencies of the `transferred` transfers that name this item; sorted, no repeats.
    pub transferred_to: Vec<String>,
    /// Whether a `devolve … item ID` names this item.
    pub devolved: bool,
    /// Joint cases whose `items` list it, in declaration order.
    pub joint_cases: Vec<String>,
}

/// A row of `upstream_offices`: one upstream office and one module answering it.
#[derive(Debug, Serialize)]
pub struct OfficeRow {
    /// The upstream bureau (上级部门).
    pub bureau: String,
    /// The office (处室) within the bureau.
    pub office: String,
    /// `null` when no module answers the office (a coverage gap).
    pub department: Option<String>,
    /// The answering module without the department; `None` for a coverage gap.
    pub module: Option<String>,
    /// Whether the office is declared `shared` (several modules may answer it).
    pub shared: bool,
}

/// A row of `transfers`: one entry of the function-transfer catalogue.
#[derive(Debug, Serialize)]
pub struct TransferRow {
    /// The transfer id, e.g. `ZY-001`.
    pub id: String,
    /// The function transferred (转移职能).
    pub function: String,
    /// The department it comes from (转出部门), if declared.
    pub owner: Option<String>,
    /// `planned`, `transferred` or `withdrawn`.
    pub status: &'static str,
    /// The undertaking agencies, in declaration order.
    pub agencies: Vec<String>,
    /// The supervising department (监管部门), if any.
    pub supervisor: Option<String>,
    /// The id of the catalogue item named with `item`, if any.
    pub item: Option<String>,
}

/// A row of `agencies`: one undertaking agency (承接机构).
#[derive(Debug, Serialize)]
pub struct AgencyRow {
    /// The agency's name as declared.
    pub name: String,
    /// `social_organisation`, `association`, `enterprise` or `institution`.
    pub kind: &'static str,
    /// The functions it undertakes (transfer function names, by transfer id).
    pub functions: Vec<String>,
    /// Ids of the transfers naming it, any status; `transfers[i]` goes with `functions[i]`.
    pub transfers: Vec<String>,
}

/// A row of `devolutions`: one function devolved to communities.
#[derive(Debug, Serialize)]
pub struct DevolutionRow {
    /// The devolution id, e.g. `XF-001`.
    pub id: String,
    /// The function devolved (下放职能).
    pub function: String,
    /// Its item kind's name, if declared.
    pub kind: Option<String>,
    /// The department it comes from, if declared.
    pub owner: Option<String>,
    /// Official codes of every community it reaches.
    pub communities: Vec<String>,
    /// Whether it was declared `to all_communities`.
    pub all_communities: bool,
    /// The id of the catalogue item named with `item`, if any.
    pub item: Option<String>,
}

/// A row of `communities`.
#[derive(Debug, Serialize)]
pub struct CommunityRow {
    /// The statistical code (统计用区划代码), as text.
    pub code: String,
    /// The community's name as declared.
    pub name: String,
    /// The central community that lists it, if any.
    pub central: Option<String>,
    /// Departments bound to it, directly or through a central community above it; sorted.
    pub departments: Vec<String>,
    /// Its ordinary grids, in declaration order.
    pub grids: Vec<String>,
    /// Its dedicated grids (专属网格), in declaration order.
    pub dedicated_grids: Vec<String>,
    /// Micro-grids (微网格), summed over all its grids.
    pub micro_grids: u64,
    /// Ids of the devolutions that reach it.
    pub devolutions: Vec<String>,
}

/// A row of `central_communities`.
#[derive(Debug, Serialize)]
pub struct CentralRow {
    /// The central community's name as declared.
    pub name: String,
    /// Official codes of its communities.
    pub communities: Vec<String>,
    /// Departments bound to it, directly or through a central community above it; sorted.
    pub departments: Vec<String>,
}

/// A row of `joint_cases`: one joint case (一件事).
#[derive(Debug, Serialize)]
pub struct JointRow {
    /// The joint case's name as declared.
    pub name: String,
    /// The lead department (牵头部门), if declared.
    pub lead: Option<String>,
    /// The member departments (协同部门), in declaration order.
    pub members: Vec<String>,
    /// Ids of its items, in declaration order.
    pub items: Vec<String>,
    /// Its response tier's name, if any.
    pub tier: Option<String>,
}

/// A row of `tiers`: one response tier.
#[derive(Debug, Serialize)]
pub struct TierRow {
    /// The tier's name, e.g. `five_days`.
    pub name: String,
    /// Its label, e.g. `5日办结`, if any.
    pub label: Option<String>,
    /// The time limit in whole hours (rounded down).
    pub limit_hours: u64,
    /// The time limit in minutes, exact.
    pub limit_minutes: u64,
}

/// A row of `events`: how one event kind is dispatched.
#[derive(Debug, Serialize)]
pub struct EventRow {
    /// The event kind's name.
    pub name: String,
    /// Its label, if given.
    pub label: Option<String>,
    /// The department (module, group) with authority over it (事权).
    pub owner: Option<String>,
    /// Whether it goes only to the owner's team bound to the community.
    pub bound: bool,
    /// The enforcement team that takes part, for an enforcement matter.
    pub enforcer: Option<String>,
    /// The joint case it is handled as, if any.
    pub joint_case: Option<String>,
    /// Its response tier's name: its own, else its joint case's.
    pub tier: Option<String>,
}

/// A row of `dispatch`: one event kind raised in one community.
#[derive(Debug, Serialize)]
pub struct DispatchRow {
    /// The event kind.
    pub event: String,
    /// The community's statistical code.
    pub community_code: String,
    /// The community, which responds first (属地).
    pub community: String,
    /// Its central community.
    pub central: Option<String>,
    /// The team dispatched: the owner's team bound to the community, or the
    /// owner itself; `null` for a gap.
    pub handler: Option<String>,
    /// Whether `handler` is reached through a binding (分片捆绑).
    pub bound: bool,
    /// The enforcement team dispatched with it, if any.
    pub enforcer: Option<String>,
    /// The joint case, and its lead department, if the kind is one.
    pub joint_case: Option<String>,
    /// The joint case's lead department.
    pub joint_lead: Option<String>,
    /// The response tier's name.
    pub tier: Option<String>,
    /// The response tier's limit in minutes.
    pub tier_minutes: Option<u64>,
}

/// A row of `service_centres`.
#[derive(Debug, Serialize)]
pub struct CentreRow {
    /// The centre's name.
    pub name: String,
    /// The units stationed there, as written.
    pub stationed: Vec<String>,
    /// Its sections.
    pub sections: Vec<String>,
    /// Its service areas, as `section.area`.
    pub service_areas: Vec<String>,
    /// How many approval services it offers.
    pub approval_services: u64,
    /// How many value-added services it offers.
    pub value_added_services: u64,
    /// How many measures run through it.
    pub measures: u64,
}

/// A row of `centre_services`.
#[derive(Debug, Serialize)]
pub struct CentreServiceRow<'m> {
    /// Its id.
    pub id: &'m str,
    /// Its title.
    pub title: &'m str,
    /// `approval` or `value_added`.
    pub kind: Option<&'static str>,
    /// The centre.
    pub centre: Option<&'m str>,
    /// The section.
    pub section: Option<&'m str>,
    /// The service area.
    pub area: Option<&'m str>,
    /// The unit that serves it: as written, else the item's owner.
    pub owner: Option<String>,
    /// The catalogue item it refers to.
    pub item: Option<&'m str>,
}

/// A row of `measures`.
#[derive(Debug, Serialize)]
pub struct MeasureRow<'m> {
    /// Its id.
    pub id: &'m str,
    /// Its title.
    pub title: &'m str,
    /// The department responsible.
    pub owner: Option<String>,
    /// The centre it runs through.
    pub centre: Option<&'m str>,
}

/// A row of `staffing`: one department's establishment.
#[derive(Debug, Serialize)]
pub struct StaffingRow {
    /// The department.
    pub department: String,
    /// `party`, `government` or `institution`.
    pub category: &'static str,
    /// Administrative posts.
    pub administrative: u64,
    /// Institutional posts.
    pub institutional: u64,
    /// The two together.
    pub establishment: u64,
    /// Leadership posts.
    pub leadership: u64,
    /// Cadres regularly working in the communities.
    pub in_communities: u64,
}

fn sorted<T, K: Ord>(mut v: Vec<T>, key: impl Fn(&T) -> K) -> Vec<T> {
    v.sort_by_cached_key(key);
    v
}

fn dept_name(m: &Model, o: Owner) -> String {
    m.dept(o.department).name.text.clone()
}

fn codes(m: &Model, areas: impl IntoIterator<Item = AreaId>) -> Vec<String> {
    let mut v: Vec<String> = areas
        .into_iter()
        .filter_map(|a| m.area(a).code.as_ref().map(|c| c.text.clone()))
        .collect();
    v.sort();
    v
}

/// The routing tables of a checked model.
pub fn build<'m>(m: &'m Model, d: &Derived, digest: &str) -> Routes<'m> {
    let tier_name =
        |t: Option<crate::model::TierId>| t.map(|t| m.tiers[t.index()].name.text.clone());
    let departments = sorted(
        m.departments
            .iter()
            .map(|dp| DepartmentRow {
                name: dp.name.text.clone(),
                category: dp.category.as_str(),
                fields: dp.fields.iter().map(|f| f.text.clone()).collect(),
                modules: dp
                    .modules
                    .iter()
                    .map(|x| {
                        let md = m.module(*x);
                        ModuleRow {
                            name: md.name.text.clone(),
                            groups: md
                                .groups
                                .iter()
                                .map(|g| m.group(*g).name.text.clone())
                                .collect(),
                            upstream_offices: md
                                .answers
                                .iter()
                                .map(|(o, _)| m.office_path(*o))
                                .collect(),
                        }
                    })
                    .collect(),
            })
            .collect(),
        |r| r.name.clone(),
    );
    let items = sorted(
        m.items
            .iter()
            .enumerate()
            .filter_map(|(i, it)| {
                let owner = it.owner?;
                let transferred_to: BTreeSet<String> = d.item_transfers[i]
                    .iter()
                    .map(|t| &m.transfers[t.index()])
                    .filter(|t| t.status == crate::syntax::ast::Status::Transferred)
                    .flat_map(|t| {
                        t.agencies
                            .iter()
                            .map(|a| m.agencies[a.index()].name.text.clone())
                    })
                    .collect();
                Some(ItemRow {
                    id: &it.id.text,
                    name: &it.title.text,
                    kind: it.kind.map_or("", |k| m.kind(k).name.text.as_str()),
                    department: &m.dept(owner.department).name.text,
                    module: owner.module.map(|x| m.module(x).name.text.as_str()),
                    group: owner.group.map(|x| m.group(x).name.text.as_str()),
                    statutory_days: match &it.limit {
                        Some(TimeLimit::Days { statutory, .. }) => Some(statutory.value),
                        Some(TimeLimit::Immediate) => Some(0),
                        None => None,
                    },
                    committed_days: match &it.limit {
                        Some(TimeLimit::Days { committed, .. }) => committed.map(|c| c.value),
                        Some(TimeLimit::Immediate) => Some(0),
                        None => None,
                    },
                    immediate: matches!(it.limit, Some(TimeLimit::Immediate)),
                    transferred_to: transferred_to.into_iter().collect(),
                    devolved: d.item_devolved[i],
                    joint_cases: {
                        let mut v: Vec<String> = d.item_joints[i]
                            .iter()
                            .map(|j| m.joints[j.index()].name.text.clone())
                            .collect();
                        v.sort();
                        v
                    },
                })
            })
            .collect(),
        |r| r.id,
    );
    let mut upstream_offices = Vec::new();
    for (o, office) in m.offices.iter().enumerate() {
        let bureau = m.bureaus[office.bureau.index()].name.text.clone();
        let modules = &d.office_modules[o];
        if modules.is_empty() {
            upstream_offices.push(OfficeRow {
                bureau: bureau.clone(),
                office: office.name.text.clone(),
                department: None,
                module: None,
                shared: office.shared,
            });
        }
        for x in modules {
            let md = m.module(*x);
            upstream_offices.push(OfficeRow {
                bureau: bureau.clone(),
                office: office.name.text.clone(),
                department: Some(m.dept(md.department).name.text.clone()),
                module: Some(md.name.text.clone()),
                shared: office.shared,
            });
        }
    }
    let upstream_offices = sorted(upstream_offices, |r| {
        format!(
            "{}\u{0}{}\u{0}{}\u{0}{}",
            r.bureau,
            r.office,
            r.department.as_deref().unwrap_or(""),
            r.module.as_deref().unwrap_or("")
        )
    });
    let transfers = sorted(
        m.transfers
            .iter()
            .map(|t| TransferRow {
                id: t.id.text.clone(),
                function: t.function.text.clone(),
                owner: t.from.map(|o| dept_name(m, o)),
                status: t.status.as_str(),
                agencies: t
                    .agencies
                    .iter()
                    .map(|a| m.agencies[a.index()].name.text.clone())
                    .collect(),
                supervisor: t.supervisor.map(|o| dept_name(m, o)),
                item: t.item.map(|i| m.items[i.index()].id.text.clone()),
            })
            .collect(),
        |r| r.id.clone(),
    );
    let agencies = sorted(
        m.agencies
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let mut ts: Vec<&crate::model::Transfer> = d.agency_transfers[i]
                    .iter()
                    .map(|t| &m.transfers[t.index()])
                    .collect();
                ts.sort_by(|x, y| x.id.text.cmp(&y.id.text));
                AgencyRow {
                    name: a.name.text.clone(),
                    kind: a.kind.as_str(),
                    functions: ts.iter().map(|t| t.function.text.clone()).collect(),
                    transfers: ts.iter().map(|t| t.id.text.clone()).collect(),
                }
            })
            .collect(),
        |r| r.name.clone(),
    );
    let mut reached: Vec<Vec<String>> = vec![Vec::new(); m.areas.len()];
    let devolutions = sorted(
        m.devolutions
            .iter()
            .map(|dv| {
                let communities = d.devolution_communities(m, dv);
                for c in &communities {
                    reached[c.index()].push(dv.id.text.clone());
                }
                DevolutionRow {
                    id: dv.id.text.clone(),
                    function: dv.function.text.clone(),
                    kind: dv.kind.map(|k| m.kind(k).name.text.clone()),
                    owner: dv.from.map(|o| dept_name(m, o)),
                    communities: codes(m, communities),
                    all_communities: dv.to.is_none(),
                    item: dv.item.map(|i| m.items[i.index()].id.text.clone()),
                }
            })
            .collect(),
        |r| r.id.clone(),
    );
    let dept_names = |a: AreaId| -> Vec<String> {
        sorted(
            d.area_departments[a.index()]
                .iter()
                .map(|x| m.dept(*x).name.text.clone())
                .collect(),
            |s| s.clone(),
        )
    };
    let communities = sorted(
        m.communities()
            .map(|(id, a)| {
                let grids = |dedicated: bool| {
                    a.grids
                        .iter()
                        .map(|g| &m.grids[g.index()])
                        .filter(|g| g.dedicated == dedicated)
                        .map(|g| g.name.text.clone())
                        .collect()
                };
                let mut devolutions = reached[id.index()].clone();
                devolutions.sort();
                CommunityRow {
                    code: a.code.as_ref().map(|c| c.text.clone()).unwrap_or_default(),
                    name: a.name.text.clone(),
                    central: d.parents[id.index()]
                        .first()
                        .map(|p| m.area(*p).name.text.clone()),
                    departments: dept_names(id),
                    grids: grids(false),
                    dedicated_grids: grids(true),
                    micro_grids: a.grids.iter().map(|g| m.grids[g.index()].micro).sum(),
                    devolutions,
                }
            })
            .collect(),
        |r| r.code.clone(),
    );
    let central_communities = sorted(
        m.areas
            .iter()
            .enumerate()
            .filter(|(_, a)| a.kind == AreaKind::Central)
            .map(|(i, a)| CentralRow {
                name: a.name.text.clone(),
                communities: codes(m, d.area_communities[i].iter().copied()),
                departments: dept_names(AreaId(i as u32)),
            })
            .collect(),
        |r| r.name.clone(),
    );
    let joint_cases = sorted(
        m.joints
            .iter()
            .map(|j| JointRow {
                name: j.name.text.clone(),
                lead: j.leads.first().map(|(o, _)| dept_name(m, *o)),
                members: j.members.iter().map(|(o, _)| dept_name(m, *o)).collect(),
                items: j
                    .items
                    .iter()
                    .map(|(i, _)| m.items[i.index()].id.text.clone())
                    .collect(),
                tier: tier_name(j.tiers.first().map(|(t, _)| *t)),
            })
            .collect(),
        |r| r.name.clone(),
    );
    let tiers = sorted(
        m.tiers
            .iter()
            .map(|t| TierRow {
                name: t.name.text.clone(),
                label: t.label.as_ref().map(|l| l.text.clone()),
                limit_hours: t.limit_minutes / 60,
                limit_minutes: t.limit_minutes,
            })
            .collect(),
        |r| r.name.clone(),
    );
    let joint_tier = |j: crate::model::JointId| m.joints[j.index()].tiers.first().map(|(t, _)| *t);
    let event_tier = |e: &crate::model::Event| e.tier.or_else(|| e.joint.and_then(joint_tier));
    let events = sorted(
        m.events
            .iter()
            .map(|e| EventRow {
                name: e.name.text.clone(),
                label: e.label.as_ref().map(|l| l.text.clone()),
                owner: e.owner.map(|o| m.owner_path(o)),
                bound: e.bound,
                enforcer: e.enforcer.map(|o| m.owner_path(o)),
                joint_case: e.joint.map(|j| m.joints[j.index()].name.text.clone()),
                tier: tier_name(event_tier(e)),
            })
            .collect(),
        |r| r.name.clone(),
    );
    let dispatch = sorted(
        dispatch::table(m, d)
            .into_iter()
            .map(|row| {
                let e = &m.events[row.event.index()];
                let a = m.area(row.community);
                let tier = event_tier(e);
                let joint = e.joint.map(|j| &m.joints[j.index()]);
                DispatchRow {
                    event: e.name.text.clone(),
                    community_code: a.code.as_ref().map(|c| c.text.clone()).unwrap_or_default(),
                    community: a.name.text.clone(),
                    central: d.parents[row.community.index()]
                        .first()
                        .map(|p| m.area(*p).name.text.clone()),
                    handler: row.handler.unit().map(|o| m.owner_path(o)),
                    bound: matches!(row.handler, Reach::Bound { .. }),
                    enforcer: row.enforcer.and_then(Reach::unit).map(|o| m.owner_path(o)),
                    joint_case: joint.map(|j| j.name.text.clone()),
                    joint_lead: joint.and_then(|j| j.leads.first().map(|(o, _)| m.owner_path(*o))),
                    tier: tier_name(tier),
                    tier_minutes: tier.map(|t| m.tiers[t.index()].limit_minutes),
                }
            })
            .collect(),
        |r| format!("{}\u{0}{}\u{0}{}", r.event, r.community_code, r.community),
    );
    let service_centres = sorted(
        m.centres
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let scope = crate::model::metrics::Scope::Centre(crate::model::CentreId(i as u32));
                let count = |x| crate::model::metrics::measure(m, x, scope);
                use crate::vocab::Metric;
                CentreRow {
                    name: c.name.text.clone(),
                    stationed: c.stationed.iter().map(|(u, _)| m.unit_path(*u)).collect(),
                    sections: c.sections.iter().map(|s| s.name.text.clone()).collect(),
                    service_areas: c
                        .sections
                        .iter()
                        .flat_map(|s| {
                            s.areas
                                .iter()
                                .map(move |a| format!("{}.{}", s.name.text, a.text))
                        })
                        .collect(),
                    approval_services: count(Metric::ApprovalServices),
                    value_added_services: count(Metric::ValueAddedServices),
                    measures: count(Metric::Measures),
                }
            })
            .collect(),
        |r| r.name.clone(),
    );
    let centre_services = sorted(
        m.services
            .iter()
            .map(|s| {
                let place = s.place.map(|(c, si, ai)| {
                    let centre = &m.centres[c.index()];
                    let section = &centre.sections[si];
                    (
                        centre.name.text.as_str(),
                        section.name.text.as_str(),
                        section.areas[ai].text.as_str(),
                    )
                });
                let item_owner = s
                    .item
                    .and_then(|(i, _)| m.items[i.index()].owner)
                    .map(|o| m.owner_path(o));
                CentreServiceRow {
                    id: &s.id.text,
                    title: &s.title.text,
                    kind: s.kind.map(|k| k.as_str()),
                    centre: place.map(|p| p.0),
                    section: place.map(|p| p.1),
                    area: place.map(|p| p.2),
                    owner: s.owner.map(|(u, _)| m.unit_path(u)).or(item_owner),
                    item: s.item.map(|(i, _)| m.items[i.index()].id.text.as_str()),
                }
            })
            .collect(),
        |r| r.id,
    );
    let measures = sorted(
        m.measures
            .iter()
            .map(|x| MeasureRow {
                id: &x.id.text,
                title: &x.title.text,
                owner: x.owner.map(|o| m.owner_path(o)),
                centre: x.centre.map(|c| m.centres[c.index()].name.text.as_str()),
            })
            .collect(),
        |r| r.id,
    );
    let staffing = sorted(
        m.departments
            .iter()
            .filter_map(|dp| {
                let s = dp.staffing?;
                Some(StaffingRow {
                    department: dp.name.text.clone(),
                    category: dp.category.as_str(),
                    administrative: s.administrative,
                    institutional: s.institutional,
                    establishment: s.establishment(),
                    leadership: s.leadership,
                    in_communities: s.in_communities,
                })
            })
            .collect(),
        |r| r.department.clone(),
    );
    Routes {
        schema: SCHEMA,
        digest: digest.to_string(),
        city: m.city.as_ref().map(|c| City {
            name: c.name.text.clone(),
            code: c.code.as_ref().map(|x| x.text.clone()),
            upstream: c.upstream.as_ref().map(|x| x.text.clone()),
        }),
        departments,
        items,
        upstream_offices,
        transfers,
        agencies,
        devolutions,
        communities,
        central_communities,
        joint_cases,
        tiers,
        events,
        dispatch,
        service_centres,
        centre_services,
        measures,
        staffing,
    }
}
