//! The headline figures a `targets` block can state, and how each is
//! measured in the model, for the whole city, one department, one module or
//! one business group.

use super::*;
use std::collections::BTreeSet;

pub use crate::vocab::Metric;

/// What a metric counts over: the whole city, one department or one module.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The whole policy set (no `of`).
    City,
    /// `of 部门`: one department, including its modules and groups.
    Department(DeptId),
    /// `of 部门.模块`: one module, including its groups.
    Module(ModuleId),
    /// `of 部门.模块.业务组`: one business group.
    Group(GroupId),
    /// One service centre.
    Centre(CentreId),
}

/// Whether `metric of SCOPE` means something.
pub fn scoped(metric: Metric, scope: Scope) -> bool {
    use Metric::*;
    // the item counts can be taken for any owner, down to a business group
    let items = matches!(
        metric,
        Items | ApprovalItems | EnforcementItems | ServiceItems | AffairsItems
    );
    let offices = matches!(metric, UpstreamBureaus | UpstreamOffices);
    let staffing = matches!(
        metric,
        Establishment
            | AdministrativePosts
            | InstitutionalPosts
            | LeadershipPosts
            | CadresInCommunities
            | CadresInCommunitiesPercent
    );
    let centre = matches!(
        metric,
        Stationed | Sections | ServiceAreas | ApprovalServices | ValueAddedServices | Measures
    );
    match scope {
        Scope::City => true,
        Scope::Department(_) => {
            items || offices || staffing || matches!(metric, Modules | Groups | Fields)
        }
        Scope::Module(_) => items || offices || metric == Groups,
        Scope::Group(_) => items,
        Scope::Centre(_) => centre,
    }
}

/// The actual value of a metric in the model.
pub fn measure(m: &Model, metric: Metric, scope: Scope) -> u64 {
    use Metric::*;
    let modules: Vec<ModuleId> = match scope {
        Scope::City => (0..m.modules.len() as u32).map(ModuleId).collect(),
        Scope::Department(d) => m.dept(d).modules.clone(),
        Scope::Module(x) => vec![x],
        Scope::Group(g) => vec![m.group(g).module],
        Scope::Centre(_) => Vec::new(),
    };
    let in_scope = |o: Owner| match scope {
        Scope::City => true,
        Scope::Department(d) => o.department == d,
        Scope::Module(x) => o.module == Some(x),
        Scope::Group(g) => o.group == Some(g),
        Scope::Centre(_) => false,
    };
    let items_of = |kind: Option<KindId>| {
        m.items
            .iter()
            .filter(|i| i.owner.is_some_and(in_scope) && kind.is_none_or(|k| i.kind == Some(k)))
            .count() as u64
    };
    let offices = || -> BTreeSet<OfficeId> {
        modules
            .iter()
            .flat_map(|x| m.module(*x).answers.iter().map(|(o, _)| *o))
            .collect()
    };
    let categories = |c: Category| m.departments.iter().filter(|d| d.category == c).count() as u64;
    match metric {
        Party => categories(Category::Party),
        Government => categories(Category::Government),
        Institution => categories(Category::Institution),
        Departments => m.departments.len() as u64,
        Modules => modules.len() as u64,
        Groups => modules
            .iter()
            .map(|x| m.module(*x).groups.len() as u64)
            .sum(),
        Fields => match scope {
            Scope::Department(d) => m.dept(d).fields.len() as u64,
            _ => m.departments.iter().map(|d| d.fields.len() as u64).sum(),
        },
        Items => items_of(None),
        ApprovalItems => items_of(Some(APPROVAL)),
        EnforcementItems => items_of(Some(ENFORCEMENT)),
        ServiceItems => items_of(Some(SERVICE)),
        AffairsItems => items_of(Some(AFFAIRS)),
        Catalogue => m.transfers.len() as u64,
        Transferred => m
            .transfers
            .iter()
            .filter(|t| t.status == Status::Transferred)
            .count() as u64,
        Planned => m
            .transfers
            .iter()
            .filter(|t| t.status == Status::Planned)
            .count() as u64,
        Agencies => m.agencies.len() as u64,
        UpstreamOffices => match scope {
            Scope::City => m.offices.len() as u64,
            _ => offices().len() as u64,
        },
        UpstreamBureaus => match scope {
            Scope::City => m.bureaus.len() as u64,
            _ => offices()
                .iter()
                .map(|o| m.office(*o).bureau)
                .collect::<BTreeSet<_>>()
                .len() as u64,
        },
        Communities => m.communities().count() as u64,
        CentralCommunities => m
            .areas
            .iter()
            .filter(|a| a.kind == AreaKind::Central)
            .count() as u64,
        Grids => m.grids.iter().filter(|g| !g.dedicated).count() as u64,
        DedicatedGrids => m.grids.iter().filter(|g| g.dedicated).count() as u64,
        MicroGrids => m.grids.iter().map(|g| g.micro).sum(),
        Devolutions => m.devolutions.len() as u64,
        JointCases => m.joints.len() as u64,
        Events => m.events.len() as u64,
        DispatchRows => (m.events.len() as u64).saturating_mul(m.communities().count() as u64),
        Establishment => staff(m, scope, |s| s.establishment()),
        AdministrativePosts => staff(m, scope, |s| s.administrative),
        InstitutionalPosts => staff(m, scope, |s| s.institutional),
        LeadershipPosts => staff(m, scope, |s| s.leadership),
        CadresInCommunities => staff(m, scope, |s| s.in_communities),
        CadresInCommunitiesPercent => percent(
            staff(m, scope, |s| s.in_communities),
            staff(m, scope, |s| s.establishment()),
        ),
        ServiceCentres => m.centres.len() as u64,
        Stationed => centres(m, scope).map(|c| c.stationed.len() as u64).sum(),
        Sections => centres(m, scope).map(|c| c.sections.len() as u64).sum(),
        ServiceAreas => centres(m, scope)
            .flat_map(|c| c.sections.iter())
            .map(|s| s.areas.len() as u64)
            .sum(),
        ApprovalServices => services(m, scope, ServiceKind::Approval),
        ValueAddedServices => services(m, scope, ServiceKind::ValueAdded),
        Measures => m
            .measures
            .iter()
            .filter(|x| match scope {
                Scope::Centre(c) => x.centre == Some(c),
                _ => true,
            })
            .count() as u64,
    }
}

/// A staffing figure summed over the departments in scope.
fn staff(m: &Model, scope: Scope, figure: impl Fn(&Staffing) -> u64) -> u64 {
    m.departments
        .iter()
        .enumerate()
        .filter(|(i, _)| match scope {
            Scope::Department(d) => d.index() == *i,
            _ => true,
        })
        .filter_map(|(_, d)| d.staffing.as_ref())
        .map(figure)
        .fold(0, u64::saturating_add)
}

/// `part` as a percentage of `whole`, rounded to the nearest whole number.
pub fn percent(part: u64, whole: u64) -> u64 {
    if whole == 0 {
        return 0;
    }
    let (part, whole) = (u128::from(part), u128::from(whole));
    u64::try_from((part * 200 + whole) / (whole * 2)).unwrap_or(u64::MAX)
}

/// The centres in scope: one for a centre scope, every one otherwise.
fn centres(m: &Model, scope: Scope) -> impl Iterator<Item = &Centre> {
    m.centres
        .iter()
        .enumerate()
        .filter_map(move |(i, c)| match scope {
            Scope::Centre(id) if id.index() != i => None,
            _ => Some(c),
        })
}

/// The centre services of `kind` in scope.
fn services(m: &Model, scope: Scope, kind: ServiceKind) -> u64 {
    m.services
        .iter()
        .filter(|s| s.kind == Some(kind))
        .filter(|s| match scope {
            Scope::Centre(c) => s.place.is_some_and(|(x, _, _)| x == c),
            _ => true,
        })
        .count() as u64
}
