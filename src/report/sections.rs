//! The sections of a report after the structure and the load: the
//! transfer catalogue, devolutions, joint cases, dispatch, service centres,
//! staffing and coverage, each counted from the model in the report's
//! language. [`super::data::build`] puts them together.

use super::data::StaffRow;
use super::labels;
use crate::diagnostics::{Diagnostic, Lang, Message, Severity};
use crate::model::dispatch::{self, Reach};
use crate::model::metrics::{self, Metric, Scope};
use crate::model::query::Derived;
use crate::model::{DeptId, Model};
use crate::source::SourceMap;
use crate::syntax::ast::Status;
use serde::Serialize;
use std::collections::BTreeMap;

/// The transfer catalogue, counted.
#[derive(Debug, Serialize)]
pub struct Transfers {
    /// Functions in the catalogue, any status.
    pub total: u64,
    /// Per status, every status listed.
    pub by_status: Vec<Counted>,
    /// Per kind of agency, every kind listed.
    pub by_agency_kind: Vec<Counted>,
    /// Per agency, most functions first, then by name.
    pub by_agency: Vec<AgencyRow>,
}

/// A count with its key and label.
#[derive(Debug, Serialize)]
pub struct Counted {
    /// The key as written in a policy file (`transferred`, `enterprise`, …).
    pub key: String,
    /// What it is called in the report's language.
    pub label: String,
    /// How many.
    pub count: u64,
}

/// The functions one agency undertakes.
#[derive(Debug, Serialize)]
pub struct AgencyRow {
    /// The agency's name.
    pub name: String,
    /// Its kind, as written.
    pub kind: &'static str,
    /// Its kind in the report's language.
    pub kind_label: &'static str,
    /// Functions transferred to it.
    pub transferred: u64,
    /// Functions planned for it.
    pub planned: u64,
    /// Functions withdrawn from it.
    pub withdrawn: u64,
    /// Every function naming it.
    pub total: u64,
}

/// Devolutions to communities.
#[derive(Debug, Serialize)]
pub struct Devolutions {
    /// How many.
    pub total: u64,
    /// Per department they come from, most first.
    pub by_department: Vec<Counted>,
    /// Every devolution, in declaration order.
    pub rows: Vec<DevolutionRow>,
}

/// One devolution.
#[derive(Debug, Serialize)]
pub struct DevolutionRow {
    /// Its id.
    pub id: String,
    /// The function devolved.
    pub function: String,
    /// The department it comes from.
    pub from: Option<String>,
    /// Its kind in the report's language.
    pub kind: Option<String>,
    /// How many communities it reaches.
    pub communities: u64,
    /// Whether it reaches every community (`to all_communities`).
    pub all: bool,
}

/// One joint case.
#[derive(Debug, Serialize)]
pub struct JointRow {
    /// Its name.
    pub name: String,
    /// The lead department.
    pub lead: Option<String>,
    /// The member departments.
    pub members: Vec<String>,
    /// How many items it joins.
    pub items: u64,
    /// Its response tier: the label, else the name.
    pub tier: Option<String>,
}

/// The dispatch table, summarised per event kind.
#[derive(Debug, Serialize)]
pub struct Dispatch {
    /// Event kinds.
    pub events: u64,
    /// Communities.
    pub communities: u64,
    /// Rows of the dispatch table: event kinds × communities.
    pub rows: u64,
    /// The sentence "N kinds × M communities = R rows".
    pub summary: String,
    /// Rows answered by a bound team.
    pub via_team: u64,
    /// Rows answered by the department directly.
    pub direct: u64,
    /// One row per event kind, in declaration order.
    pub kinds: Vec<EventRow>,
}

/// How one event kind is dispatched.
#[derive(Debug, Serialize)]
pub struct EventRow {
    /// Its name.
    pub name: String,
    /// Its label, if declared.
    pub label: Option<String>,
    /// The department (module) with authority.
    pub owner: Option<String>,
    /// Whether only a bound team may take it.
    pub bound: bool,
    /// The enforcement team, if any.
    pub enforcer: Option<String>,
    /// The joint case it is handled as, if any.
    pub joint_case: Option<String>,
    /// Its response tier (its own, else its joint case's): label, else name.
    pub tier: Option<String>,
    /// Communities where a bound team is sent.
    pub via_team: u64,
    /// Communities where the department itself is sent.
    pub direct: u64,
    /// Communities with no handler (never in a set that checks clean).
    pub gaps: u64,
}

/// One service centre.
#[derive(Debug, Serialize)]
pub struct CentreRow {
    /// Its name.
    pub name: String,
    /// Units stationed.
    pub stationed: u64,
    /// Its sections, each with its service areas.
    pub sections: Vec<SectionRow>,
    /// Service areas, over every section.
    pub areas: u64,
    /// Approval services offered.
    pub approval_services: u64,
    /// Value-added services offered.
    pub value_added_services: u64,
    /// Measures run through it.
    pub measures: u64,
}

/// A section of a centre.
#[derive(Debug, Serialize)]
pub struct SectionRow {
    /// Its name.
    pub name: String,
    /// Its service areas.
    pub areas: Vec<String>,
}

/// Staffing of the whole city.
#[derive(Debug, Serialize)]
pub struct Staffing {
    /// How many departments declare `staffing`.
    pub departments: u64,
    /// The sums.
    pub total: StaffRow,
    /// Cadres in communities as a percentage of the establishment, rounded.
    pub percent: u64,
    /// The sentence that says so, if any department declares staffing.
    pub summary: Option<String>,
    /// The `establishment` cap, if declared.
    pub establishment_cap: Option<u64>,
    /// The `leadership_posts` cap, if declared.
    pub leadership_cap: Option<u64>,
}

/// What nobody covers, and the warnings.
#[derive(Debug, Serialize)]
pub struct Coverage {
    /// `bureau.office` of every upstream office no module answers.
    pub unanswered_offices: Vec<String>,
    /// Communities no department is bound to.
    pub unbound_communities: Vec<String>,
    /// Every warning of the check, in the report's language.
    pub warnings: Vec<Warning>,
}

/// A warning of the check.
#[derive(Debug, Serialize)]
pub struct Warning {
    /// Its code, e.g. `W302`.
    pub code: &'static str,
    /// The message in the report's language.
    pub message: String,
    /// `file:line` of its primary place.
    pub place: Option<String>,
}

pub(super) fn transfers(m: &Model, lang: Lang) -> Transfers {
    use crate::syntax::ast::AgencyKind;
    let statuses = [Status::Transferred, Status::Planned, Status::Withdrawn];
    let by_status = statuses
        .iter()
        .map(|s| Counted {
            key: s.as_str().to_string(),
            label: labels::status(*s, lang).to_string(),
            count: m.transfers.iter().filter(|t| t.status == *s).count() as u64,
        })
        .collect();
    let mut rows: Vec<AgencyRow> = m
        .agencies
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let naming: Vec<Status> = m
                .transfers
                .iter()
                .filter(|t| t.agencies.iter().any(|x| x.index() == i))
                .map(|t| t.status)
                .collect();
            let n = |s: Status| naming.iter().filter(|x| **x == s).count() as u64;
            AgencyRow {
                name: a.name.text.clone(),
                kind: a.kind.as_str(),
                kind_label: labels::agency_kind(a.kind, lang),
                transferred: n(Status::Transferred),
                planned: n(Status::Planned),
                withdrawn: n(Status::Withdrawn),
                total: naming.len() as u64,
            }
        })
        .collect();
    rows.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.name.cmp(&b.name)));
    let kinds = [
        AgencyKind::SocialOrganisation,
        AgencyKind::Association,
        AgencyKind::Enterprise,
        AgencyKind::Institution,
    ];
    let by_agency_kind = kinds
        .iter()
        .map(|k| Counted {
            key: k.as_str().to_string(),
            label: labels::agency_kind(*k, lang).to_string(),
            count: m.agencies.iter().filter(|a| a.kind == *k).count() as u64,
        })
        .collect();
    Transfers {
        total: m.transfers.len() as u64,
        by_status,
        by_agency_kind,
        by_agency: rows,
    }
}

fn kind_label(m: &Model, k: crate::model::KindId, lang: Lang) -> String {
    let kind = m.kind(k);
    labels::builtin_kind(&kind.name.text, lang)
        .map(str::to_string)
        .or_else(|| kind.label.as_ref().map(|l| l.text.clone()))
        .unwrap_or_else(|| kind.name.text.clone())
}

pub(super) fn devolutions(m: &Model, d: &Derived, lang: Lang) -> Devolutions {
    let mut per_dept: BTreeMap<DeptId, u64> = BTreeMap::new();
    let rows = m
        .devolutions
        .iter()
        .map(|dv| {
            if let Some(o) = dv.from {
                *per_dept.entry(o.department).or_default() += 1;
            }
            DevolutionRow {
                id: dv.id.text.clone(),
                function: dv.function.text.clone(),
                from: dv.from.map(|o| m.owner_path(o)),
                kind: dv.kind.map(|k| kind_label(m, k, lang)),
                communities: d.devolution_communities(m, dv).len() as u64,
                all: dv.to.is_none(),
            }
        })
        .collect();
    let mut by_department: Vec<Counted> = per_dept
        .into_iter()
        .map(|(x, n)| Counted {
            key: m.dept(x).name.text.clone(),
            label: m.dept(x).name.text.clone(),
            count: n,
        })
        .collect();
    by_department.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    Devolutions {
        total: m.devolutions.len() as u64,
        by_department,
        rows,
    }
}

fn tier_text(m: &Model, t: crate::model::TierId) -> String {
    let tier = &m.tiers[t.index()];
    tier.label
        .as_ref()
        .map(|l| l.text.clone())
        .unwrap_or_else(|| tier.name.text.clone())
}

pub(super) fn joints(m: &Model) -> Vec<JointRow> {
    m.joints
        .iter()
        .map(|j| JointRow {
            name: j.name.text.clone(),
            lead: j.leads.first().map(|(o, _)| m.owner_path(*o)),
            members: j.members.iter().map(|(o, _)| m.owner_path(*o)).collect(),
            items: j.items.len() as u64,
            tier: j.tiers.first().map(|(t, _)| tier_text(m, *t)),
        })
        .collect()
}

pub(super) fn dispatch_summary(m: &Model, d: &Derived, lang: Lang) -> Dispatch {
    let table = dispatch::table(m, d);
    let communities = m.communities().count() as u64;
    let mut kinds: Vec<EventRow> = m
        .events
        .iter()
        .map(|e| {
            let tier = e.tier.or_else(|| {
                e.joint
                    .and_then(|j| m.joints[j.index()].tiers.first().map(|(t, _)| *t))
            });
            EventRow {
                name: e.name.text.clone(),
                label: e.label.as_ref().map(|l| l.text.clone()),
                owner: e.owner.map(|o| m.owner_path(o)),
                bound: e.bound,
                enforcer: e.enforcer.map(|o| m.owner_path(o)),
                joint_case: e.joint.map(|j| m.joints[j.index()].name.text.clone()),
                tier: tier.map(|t| tier_text(m, t)),
                via_team: 0,
                direct: 0,
                gaps: 0,
            }
        })
        .collect();
    for row in &table {
        let k = &mut kinds[row.event.index()];
        match row.handler {
            Reach::Bound { .. } => k.via_team += 1,
            Reach::Direct(_) => k.direct += 1,
            Reach::Gap => k.gaps += 1,
        }
    }
    let events = m.events.len() as u64;
    let rows = metrics::measure(m, Metric::DispatchRows, Scope::City);
    Dispatch {
        events,
        communities,
        rows,
        summary: Message::ReportDispatchRows {
            events: events.into(),
            communities: communities.into(),
            rows: rows.into(),
        }
        .render(lang),
        via_team: kinds.iter().map(|k| k.via_team).sum(),
        direct: kinds.iter().map(|k| k.direct).sum(),
        kinds,
    }
}

pub(super) fn centres(m: &Model) -> Vec<CentreRow> {
    m.centres
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let scope = Scope::Centre(crate::model::CentreId(i as u32));
            let count = |x| metrics::measure(m, x, scope);
            CentreRow {
                name: c.name.text.clone(),
                stationed: count(Metric::Stationed),
                sections: c
                    .sections
                    .iter()
                    .map(|s| SectionRow {
                        name: s.name.text.clone(),
                        areas: s.areas.iter().map(|a| a.text.clone()).collect(),
                    })
                    .collect(),
                areas: count(Metric::ServiceAreas),
                approval_services: count(Metric::ApprovalServices),
                value_added_services: count(Metric::ValueAddedServices),
                measures: count(Metric::Measures),
            }
        })
        .collect()
}

pub(super) fn staffing(m: &Model, lang: Lang) -> Staffing {
    let city = |x| metrics::measure(m, x, Scope::City);
    let total = StaffRow {
        establishment: city(Metric::Establishment),
        administrative: city(Metric::AdministrativePosts),
        institutional: city(Metric::InstitutionalPosts),
        leadership: city(Metric::LeadershipPosts),
        in_communities: city(Metric::CadresInCommunities),
    };
    let departments = m
        .departments
        .iter()
        .filter(|d| d.staffing.is_some())
        .count() as u64;
    let percent = city(Metric::CadresInCommunitiesPercent);
    let cap = |key| m.caps.iter().find(|c| c.key == key).map(|c| c.value);
    Staffing {
        departments,
        summary: (departments > 0).then(|| {
            Message::ReportStaffing {
                departments: departments.into(),
                establishment: total.establishment.into(),
                in_communities: total.in_communities.into(),
                percent: percent.into(),
            }
            .render(lang)
        }),
        total,
        percent,
        establishment_cap: cap(crate::model::CapKey::Establishment),
        leadership_cap: cap(crate::model::CapKey::LeadershipPosts),
    }
}

pub(super) fn coverage(
    m: &Model,
    d: &Derived,
    diagnostics: &[Diagnostic],
    sources: &SourceMap,
    lang: Lang,
) -> Coverage {
    let unanswered_offices = (0..m.offices.len())
        .filter(|o| d.office_modules[*o].is_empty())
        .map(|o| m.office_path(crate::model::OfficeId(o as u32)))
        .collect();
    let unbound_communities = m
        .communities()
        .filter(|(a, _)| d.area_departments[a.index()].is_empty())
        .map(|(_, a)| a.name.text.clone())
        .collect();
    let warnings = diagnostics
        .iter()
        .filter(|x| x.severity == Severity::Warning)
        .map(|x| Warning {
            code: x.code.as_str(),
            message: x.message.render(lang),
            place: x.primary().and_then(|s| {
                sources.get(s.file).map(|f| {
                    let (line, _) = f.line_col(s.start);
                    format!("{}:{line}", f.display_path())
                })
            }),
        })
        .collect();
    Coverage {
        unanswered_offices,
        unbound_communities,
        warnings,
    }
}
