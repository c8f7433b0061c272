//! Phase 2, model: the declarations of all files → one resolved, indexed
//! [`Model`]. Every entity lives in a vector and is referred to by a typed id;
//! after `build` no phase looks anything up by string.
//!
//! Input: the `ast::Decl`s of every file, in file order. Output: the model and
//! the diagnostics of name resolution (duplicates, unknown names, name hygiene).

mod build;
pub mod cond;
pub mod metrics;
pub mod query;

pub use build::build;

use crate::diagnostics::Severity;
use crate::source::Span;
use crate::syntax::ast::{self, AgencyKind, Category, Name, Quantifier, Status};

macro_rules! ids {
    ($($name:ident),*) => {$(
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);
        impl $name {
            pub fn index(self) -> usize { self.0 as usize }
        }
    )*};
}

ids!(
    TierId,
    KindId,
    BureauId,
    OfficeId,
    DeptId,
    ModuleId,
    GroupId,
    ItemId,
    AgencyId,
    TransferId,
    AreaId,
    GridId,
    DevolutionId,
    JointId,
    EventId,
    RuleId
);

/// The resolved policy set.
#[derive(Debug, Default)]
pub struct Model {
    pub city: Option<ast::City>,
    pub caps: Vec<Cap>,
    pub tiers: Vec<Tier>,
    pub kinds: Vec<Kind>,
    pub bureaus: Vec<Bureau>,
    pub offices: Vec<Office>,
    pub departments: Vec<Department>,
    pub modules: Vec<Module>,
    pub groups: Vec<Group>,
    pub items: Vec<Item>,
    pub agencies: Vec<Agency>,
    pub transfers: Vec<Transfer>,
    pub areas: Vec<Area>,
    pub grids: Vec<Grid>,
    pub bindings: Vec<Binding>,
    pub devolutions: Vec<Devolution>,
    pub joints: Vec<Joint>,
    pub events: Vec<Event>,
    pub targets: Vec<Target>,
    pub rules: Vec<PolicyRule>,
    /// Route expectations; `orgc test` evaluates them.
    pub expects: Vec<Expectation>,
}

#[derive(Debug)]
pub struct Tier {
    pub name: Name,
    pub label: Option<Name>,
    /// The time limit in minutes.
    pub limit_minutes: u64,
    pub span: Span,
}

/// An item kind: the four built-ins and those the policy declares.
#[derive(Debug)]
pub struct Kind {
    pub name: Name,
    pub label: Option<Name>,
    pub devolvable: bool,
    /// `None` for the built-in kinds.
    pub span: Option<Span>,
}

/// The built-in kinds, in the order they are created (ids 0..4).
pub const BUILTIN_KINDS: [(&str, &str, bool); 4] = [
    ("approval", "审批", false),
    ("enforcement", "执法", false),
    ("service", "公共服务", true),
    ("affairs", "事务性", true),
];
pub const APPROVAL: KindId = KindId(0);
pub const ENFORCEMENT: KindId = KindId(1);
pub const SERVICE: KindId = KindId(2);
pub const AFFAIRS: KindId = KindId(3);

#[derive(Debug)]
pub struct Bureau {
    pub name: Name,
    pub offices: Vec<OfficeId>,
    pub span: Span,
}

#[derive(Debug)]
pub struct Office {
    pub bureau: BureauId,
    pub name: Name,
    pub shared: bool,
}

#[derive(Debug)]
pub struct Department {
    pub name: Name,
    pub category: Category,
    pub category_span: Span,
    pub fields: Vec<Name>,
    pub modules: Vec<ModuleId>,
    pub span: Span,
}

#[derive(Debug)]
pub struct Module {
    pub department: DeptId,
    pub name: Name,
    pub groups: Vec<GroupId>,
    /// Upstream offices this module answers to, with the span of each reference.
    pub answers: Vec<(OfficeId, Span)>,
}

#[derive(Debug)]
pub struct Group {
    pub module: ModuleId,
    pub name: Name,
}

/// Who owns or handles something: a department, optionally narrowed to a
/// module and a business group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Owner {
    pub department: DeptId,
    pub module: Option<ModuleId>,
    pub group: Option<GroupId>,
}

impl Owner {
    pub fn department(department: DeptId) -> Self {
        Owner {
            department,
            module: None,
            group: None,
        }
    }
}

#[derive(Debug)]
pub struct Item {
    pub id: Name,
    pub title: Name,
    /// `None` when the kind or owner did not resolve (already reported).
    pub kind: Option<KindId>,
    pub owner: Option<Owner>,
    pub owner_span: Span,
    pub tier: Option<TierId>,
    pub span: Span,
}

#[derive(Debug)]
pub struct Agency {
    pub name: Name,
    pub kind: AgencyKind,
    pub span: Span,
}

#[derive(Debug)]
pub struct Transfer {
    pub id: Name,
    pub function: Name,
    pub from: Option<Owner>,
    pub agencies: Vec<AgencyId>,
    pub status: Status,
    pub status_span: Span,
    pub supervisor: Option<Owner>,
    /// Whether `supervised_by` was written (it may be written but unresolved).
    pub supervisor_written: bool,
    /// Whether `to …` was written (its agencies may be written but unresolved).
    pub agencies_written: bool,
    pub item: Option<ItemId>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AreaKind {
    Central,
    Community,
}

/// A central community or a community: one namespace, one hierarchy.
#[derive(Debug)]
pub struct Area {
    pub name: Name,
    pub kind: AreaKind,
    pub code: Option<Name>,
    /// For a central community: the areas it lists, with the span of each listing.
    pub members: Vec<(AreaId, Span)>,
    pub grids: Vec<GridId>,
    pub span: Span,
}

#[derive(Debug)]
pub struct Grid {
    pub community: AreaId,
    pub name: Name,
    pub label: Option<Name>,
    pub dedicated: bool,
    pub micro: u64,
}

#[derive(Debug)]
pub struct Binding {
    pub department: DeptId,
    pub areas: Vec<(AreaId, Span)>,
    pub span: Span,
}

#[derive(Debug)]
pub struct Devolution {
    pub id: Name,
    pub function: Name,
    pub kind: Option<KindId>,
    pub kind_span: Span,
    pub from: Option<Owner>,
    /// `None` means every community.
    pub to: Option<Vec<(AreaId, Span)>>,
    pub item: Option<ItemId>,
    pub span: Span,
}

#[derive(Debug)]
pub struct Joint {
    pub name: Name,
    pub leads: Vec<(Owner, Span)>,
    /// Every `lead` clause as written, resolved or not (for the shape check).
    pub lead_spans: Vec<Span>,
    pub members: Vec<(Owner, Span)>,
    pub items: Vec<(ItemId, Span)>,
    pub tiers: Vec<(TierId, Span)>,
    pub tier_spans: Vec<Span>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Handler {
    Department(Owner),
    Joint(JointId),
}

#[derive(Debug)]
pub struct Event {
    pub name: Name,
    pub label: Option<Name>,
    pub handler: Option<Handler>,
    pub tier: Option<TierId>,
    pub span: Span,
}

/// What a cap limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CapKey {
    Category(Category),
    Catalogue,
}

#[derive(Debug)]
pub struct Cap {
    pub key: CapKey,
    pub value: u64,
    pub span: Span,
}

/// A headline figure the policy declares; see `metrics::Metric`.
#[derive(Debug)]
pub struct Target {
    pub metric: metrics::Metric,
    pub scope: metrics::Scope,
    /// The metric as written, e.g. `modules of 经济发展局`.
    pub display: String,
    pub value: u64,
    pub span: Span,
}

/// `expect KIND SUBJECT -> HANDLER [tier T]`, its kind resolved; the subject
/// and handler stay as written, since `orgc test` looks them up the way
/// `orgc route` does.
#[derive(Debug)]
pub struct Expectation {
    pub kind: crate::vocab::SubjectKind,
    pub subject: ast::Path,
    pub expected: ast::Path,
    pub tier: Option<Name>,
    pub span: Span,
}

/// A user rule, its entity and attributes checked.
#[derive(Debug)]
pub struct PolicyRule {
    pub name: Name,
    pub quantifier: Quantifier,
    pub entity: query::Entity,
    pub filter: Option<cond::Condition>,
    pub must: Option<cond::Condition>,
    pub exceptions: Vec<RuleException>,
    pub severity: Severity,
    pub message: Option<String>,
    pub span: Span,
}

#[derive(Debug)]
pub struct RuleException {
    /// The exempted things: their index in the entity's vector, and the span
    /// of the name in the `except` clause.
    pub targets: Vec<(u32, Span)>,
    pub reason: String,
    pub span: Span,
}

impl Model {
    pub fn dept(&self, id: DeptId) -> &Department {
        &self.departments[id.index()]
    }
    pub fn module(&self, id: ModuleId) -> &Module {
        &self.modules[id.index()]
    }
    pub fn group(&self, id: GroupId) -> &Group {
        &self.groups[id.index()]
    }
    pub fn office(&self, id: OfficeId) -> &Office {
        &self.offices[id.index()]
    }
    pub fn kind(&self, id: KindId) -> &Kind {
        &self.kinds[id.index()]
    }
    pub fn area(&self, id: AreaId) -> &Area {
        &self.areas[id.index()]
    }

    /// `bureau.office` as written.
    pub fn office_path(&self, id: OfficeId) -> String {
        let o = self.office(id);
        format!(
            "{}.{}",
            self.bureaus[o.bureau.index()].name.text,
            o.name.text
        )
    }

    /// `department.module` as written.
    pub fn module_path(&self, id: ModuleId) -> String {
        let m = self.module(id);
        format!("{}.{}", self.dept(m.department).name.text, m.name.text)
    }

    /// The owner as a path: `department[.module[.group]]`.
    pub fn owner_path(&self, owner: Owner) -> String {
        let mut s = self.dept(owner.department).name.text.clone();
        if let Some(m) = owner.module {
            s.push('.');
            s.push_str(&self.module(m).name.text);
        }
        if let Some(g) = owner.group {
            s.push('.');
            s.push_str(&self.group(g).name.text);
        }
        s
    }

    /// Communities, in declaration order.
    pub fn communities(&self) -> impl Iterator<Item = (AreaId, &Area)> {
        self.areas
            .iter()
            .enumerate()
            .filter(|(_, a)| a.kind == AreaKind::Community)
            .map(|(i, a)| (AreaId(i as u32), a))
    }
}
