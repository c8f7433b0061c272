//! The routing tables: for every matter, who handles it. Built from the model
//! only; every table is sorted by its stable key, so the same policy gives the
//! same tables whatever the file order. The field names are a contract
//! (`docs/routes.md`, `docs/routes.schema.json`, schema `orgc.routes/1`).

use crate::model::query::Derived;
use crate::model::{AreaId, AreaKind, Handler, Model, Owner};
use serde::Serialize;
use std::collections::BTreeSet;

pub const SCHEMA: &str = "orgc.routes/1";

#[derive(Debug, Serialize)]
pub struct Routes {
    pub schema: &'static str,
    /// The digest of the source set (`emit::digest`), the same as in the
    /// SQLite `meta` table: files written by one build carry one digest.
    pub digest: String,
    /// The city the set declares, if any.
    pub city: Option<City>,
    pub departments: Vec<DepartmentRow>,
    pub items: Vec<ItemRow>,
    pub upstream_offices: Vec<OfficeRow>,
    pub transfers: Vec<TransferRow>,
    pub agencies: Vec<AgencyRow>,
    pub devolutions: Vec<DevolutionRow>,
    pub communities: Vec<CommunityRow>,
    pub central_communities: Vec<CentralRow>,
    pub joint_cases: Vec<JointRow>,
    pub tiers: Vec<TierRow>,
    pub events: Vec<EventRow>,
}

#[derive(Debug, Serialize)]
pub struct City {
    pub name: String,
    pub code: Option<String>,
    pub upstream: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct DepartmentRow {
    pub name: String,
    pub category: &'static str,
    pub fields: Vec<String>,
    pub modules: Vec<ModuleRow>,
}

#[derive(Debug, Serialize)]
pub struct ModuleRow {
    pub name: String,
    pub groups: Vec<String>,
    /// `bureau.office` of every upstream office the module answers to.
    pub upstream_offices: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct ItemRow {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub department: String,
    pub module: Option<String>,
    pub group: Option<String>,
    pub tier: Option<String>,
    pub transferred_to: Vec<String>,
    pub devolved: bool,
    pub joint_cases: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct OfficeRow {
    pub bureau: String,
    pub office: String,
    /// `null` when no module answers the office (a coverage gap).
    pub department: Option<String>,
    pub module: Option<String>,
    pub shared: bool,
}

#[derive(Debug, Serialize)]
pub struct TransferRow {
    pub id: String,
    pub function: String,
    pub department: Option<String>,
    pub status: &'static str,
    pub agencies: Vec<String>,
    pub supervisor: Option<String>,
    pub item: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct AgencyRow {
    pub name: String,
    pub kind: &'static str,
    /// The functions it undertakes (transfer function names, by transfer id).
    pub functions: Vec<String>,
    pub transfers: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct DevolutionRow {
    pub id: String,
    pub function: String,
    pub kind: Option<String>,
    pub department: Option<String>,
    /// Official codes of every community it reaches.
    pub communities: Vec<String>,
    pub all_communities: bool,
    pub item: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct CommunityRow {
    pub code: String,
    pub name: String,
    pub central: Option<String>,
    pub departments: Vec<String>,
    pub grids: Vec<String>,
    pub dedicated_grids: Vec<String>,
    pub micro_grids: u64,
    /// Ids of the devolutions that reach it.
    pub devolutions: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct CentralRow {
    pub name: String,
    /// Official codes of its communities.
    pub communities: Vec<String>,
    pub departments: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct JointRow {
    pub name: String,
    pub lead: Option<String>,
    pub members: Vec<String>,
    pub items: Vec<String>,
    pub tier: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct TierRow {
    pub name: String,
    pub label: Option<String>,
    /// The time limit in whole hours (rounded down).
    pub limit_hours: u64,
    /// The time limit in minutes, exact.
    pub limit_minutes: u64,
}

#[derive(Debug, Serialize)]
pub struct EventRow {
    pub name: String,
    pub label: Option<String>,
    /// `department` or `joint`.
    pub handler_kind: &'static str,
    /// The department, or the joint case.
    pub handler: Option<String>,
    /// The department that answers in the end: the handler, or the joint case's lead.
    pub department: Option<String>,
    pub tier: Option<String>,
    /// Grid raises, community responds, department reports.
    pub escalation: Vec<String>,
}

fn sorted<T>(mut v: Vec<T>, key: impl Fn(&T) -> String) -> Vec<T> {
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
pub fn build(m: &Model, d: &Derived, digest: &str) -> Routes {
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
                    id: it.id.text.clone(),
                    name: it.title.text.clone(),
                    kind: it
                        .kind
                        .map(|k| m.kind(k).name.text.clone())
                        .unwrap_or_default(),
                    department: dept_name(m, owner),
                    module: owner.module.map(|x| m.module(x).name.text.clone()),
                    group: owner.group.map(|x| m.group(x).name.text.clone()),
                    tier: tier_name(it.tier),
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
        |r| r.id.clone(),
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
                department: t.from.map(|o| dept_name(m, o)),
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
                    department: dv.from.map(|o| dept_name(m, o)),
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
    let events = sorted(
        m.events
            .iter()
            .map(|e| {
                let (handler_kind, handler, department) = match e.handler {
                    Some(Handler::Department(o)) => {
                        ("department", Some(dept_name(m, o)), Some(dept_name(m, o)))
                    }
                    Some(Handler::Joint(j)) => {
                        let joint = &m.joints[j.index()];
                        (
                            "joint",
                            Some(joint.name.text.clone()),
                            joint.leads.first().map(|(o, _)| dept_name(m, *o)),
                        )
                    }
                    None => ("department", None, None),
                };
                let mut escalation = vec!["grid".to_string(), "community".to_string()];
                escalation.extend(department.clone());
                EventRow {
                    name: e.name.text.clone(),
                    label: e.label.as_ref().map(|l| l.text.clone()),
                    handler_kind,
                    handler,
                    department,
                    tier: tier_name(e.tier),
                    escalation,
                }
            })
            .collect(),
        |r| r.name.clone(),
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
    }
}
