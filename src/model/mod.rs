//! Phase 2, model: the declarations of all files → one resolved, indexed
//! [`Model`]. Every entity lives in a vector and is referred to by a typed id;
//! after `build` no phase looks anything up by string.
//!
//! Input: the `ast::Decl`s of every file, in file order. Output: the model and
//! the diagnostics of name resolution (duplicates, unknown names, name hygiene).

mod build;
pub mod cond;
pub mod dispatch;
pub mod metrics;
pub mod query;

pub use build::{
    build, build_with_broken, point_at_invisible, prepare, prepare_deferring, ModelBuilder,
    Prepared,
};

use crate::diagnostics::Severity;
use crate::source::Span;
use crate::syntax::ast::{self, AgencyKind, Category, Name, Quantifier, Status};

/// Declares typed ids: each the position of one thing in its [`Model`] vector.
macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident),*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);
        impl $name {
            /// The position in the model's vector, for indexing.
            pub fn index(self) -> usize { self.0 as usize }
        }
    )*};
}

ids!(
    /// A response tier: an index into [`Model::tiers`].
    TierId,
    /// An item kind, built in or declared: an index into [`Model::kinds`].
    KindId,
    /// An upstream bureau: an index into [`Model::bureaus`].
    BureauId,
    /// An upstream office: an index into [`Model::offices`].
    OfficeId,
    /// A department: an index into [`Model::departments`].
    DeptId,
    /// A module: an index into [`Model::modules`].
    ModuleId,
    /// A business group: an index into [`Model::groups`].
    GroupId,
    /// A catalogue item: an index into [`Model::items`].
    ItemId,
    /// An undertaking agency: an index into [`Model::agencies`].
    AgencyId,
    /// A function transfer: an index into [`Model::transfers`].
    TransferId,
    /// A community or central community: an index into [`Model::areas`].
    AreaId,
    /// A grid, ordinary or dedicated: an index into [`Model::grids`].
    GridId,
    /// A devolution to communities: an index into [`Model::devolutions`].
    DevolutionId,
    /// A joint case: an index into [`Model::joints`].
    JointId,
    /// An event kind: an index into [`Model::events`].
    EventId,
    /// A service centre: an index into [`Model::centres`].
    CentreId,
    /// A user rule: an index into [`Model::rules`].
    RuleId
);

/// The resolved policy set.
#[derive(Debug, Default)]
pub struct Model {
    /// Whether part of the set did not parse or did not resolve: figures
    /// measured on it (targets) would report the cause's consequences.
    pub incomplete: bool,
    /// Where a reference did not resolve (sorted span keys): a rule does not
    /// judge a thing whose declaration holds one.
    pub unresolved_at: Vec<(crate::source::FileId, u32, u32)>,
    /// The `city` declaration, if the set has one.
    pub city: Option<ast::City>,
    /// Every `caps` entry, from every block.
    pub caps: Vec<Cap>,
    /// Response tiers, in declaration order.
    pub tiers: Vec<Tier>,
    /// Item kinds: the four built-ins first (ids 0..4), then the declared ones.
    pub kinds: Vec<Kind>,
    /// Upstream bureaus; one declared twice is one bureau with the offices merged.
    pub bureaus: Vec<Bureau>,
    /// Upstream offices of every bureau.
    pub offices: Vec<Office>,
    /// Departments, in declaration order.
    pub departments: Vec<Department>,
    /// Modules of every department.
    pub modules: Vec<Module>,
    /// Business groups of every module.
    pub groups: Vec<Group>,
    /// Catalogue items, in declaration order.
    pub items: Vec<Item>,
    /// Undertaking agencies.
    pub agencies: Vec<Agency>,
    /// The function-transfer catalogue, every status.
    pub transfers: Vec<Transfer>,
    /// Central communities and communities, in one namespace.
    pub areas: Vec<Area>,
    /// Grids of every community, ordinary and dedicated.
    pub grids: Vec<Grid>,
    /// Department–community bindings (`bind`).
    pub bindings: Vec<Binding>,
    /// Functions devolved to communities.
    pub devolutions: Vec<Devolution>,
    /// Joint cases (一件事).
    pub joints: Vec<Joint>,
    /// Event kinds and where they are dispatched.
    pub events: Vec<Event>,
    /// Headline figures from every `targets` block.
    pub targets: Vec<Target>,
    /// The set's own rules, checked and ready to evaluate.
    pub rules: Vec<PolicyRule>,
    /// Route expectations; `orgc test` evaluates them.
    pub expects: Vec<Expectation>,
    /// Service centres (`service_centre`).
    pub centres: Vec<Centre>,
    /// What the centres offer (`centre_service`).
    pub services: Vec<CentreService>,
    /// Implementation-list entries (`measure`).
    pub measures: Vec<Measure>,
}

/// A response tier (响应时限).
#[derive(Debug)]
pub struct Tier {
    /// The tier's name, e.g. `five_days`.
    pub name: Name,
    /// Its label, e.g. `5日办结`, if declared.
    pub label: Option<Name>,
    /// The time limit in minutes.
    pub limit_minutes: u64,
    /// The declaration.
    pub span: Span,
}

/// An item kind: the four built-ins and those the policy declares.
#[derive(Debug)]
pub struct Kind {
    /// The kind's name, e.g. `approval` or a declared `行政确认`.
    pub name: Name,
    /// Its label (the Chinese name for a built-in kind).
    pub label: Option<Name>,
    /// Whether functions of this kind may be devolved to communities (E205 otherwise).
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
/// The built-in kind `approval` (审批).
pub const APPROVAL: KindId = KindId(0);
/// The built-in kind `enforcement` (执法).
pub const ENFORCEMENT: KindId = KindId(1);
/// The built-in kind `service` (公共服务).
pub const SERVICE: KindId = KindId(2);
/// The built-in kind `affairs` (事务性).
pub const AFFAIRS: KindId = KindId(3);

/// An upstream bureau (上级部门) of the prefecture-level government.
#[derive(Debug)]
pub struct Bureau {
    /// The bureau's name as first declared.
    pub name: Name,
    /// Its offices, from every declaration of the bureau.
    pub offices: Vec<OfficeId>,
    /// Its first declaration.
    pub span: Span,
}

/// An upstream office (上级对口处室) within a bureau.
#[derive(Debug)]
pub struct Office {
    /// The bureau it belongs to.
    pub bureau: BureauId,
    /// The office's name, unique within its bureau.
    pub name: Name,
    /// Whether it is declared `shared`: several modules may answer it.
    pub shared: bool,
}

/// A department (部门) and its category.
#[derive(Debug)]
pub struct Department {
    /// The department's name as declared.
    pub name: Name,
    /// Its category: party, government or institution.
    pub category: Category,
    /// Where the category is written, for E301 labels.
    pub category_span: Span,
    /// The policy fields (职责领域) it absorbed, in declaration order.
    pub fields: Vec<Name>,
    /// Its modules, in declaration order.
    pub modules: Vec<ModuleId>,
    /// Its establishment (`staffing { … }`), if written.
    pub staffing: Option<Staffing>,
    /// The names it had before (`formerly`), for `orgc diff`.
    pub formerly: Vec<Name>,
    /// The declaration.
    pub span: Span,
}

/// A department's establishment (编制) and the cadres it has working in the
/// communities (下沉).
#[derive(Clone, Copy, Debug, Default)]
pub struct Staffing {
    /// Administrative posts (行政编制).
    pub administrative: u64,
    /// Institutional posts (事业编制).
    pub institutional: u64,
    /// Leadership posts (领导职数).
    pub leadership: u64,
    /// Cadres regularly working in the communities.
    pub in_communities: u64,
    /// Where the first figure of the clause is written.
    pub span: Span,
    /// Where `leadership` is written.
    pub leadership_span: Span,
    /// Where `in_communities` is written.
    pub in_communities_span: Span,
}

impl Staffing {
    /// Administrative and institutional posts together.
    pub fn establishment(&self) -> u64 {
        self.administrative.saturating_add(self.institutional)
    }
}

/// A module (模块): a working unit of a department.
#[derive(Debug)]
pub struct Module {
    /// The department it belongs to.
    pub department: DeptId,
    /// The module's name, unique within its department.
    pub name: Name,
    /// Its business groups, in declaration order.
    pub groups: Vec<GroupId>,
    /// Upstream offices this module answers to, with the span of each reference.
    pub answers: Vec<(OfficeId, Span)>,
}

/// A business group (业务组) within a module.
#[derive(Debug)]
pub struct Group {
    /// The module it belongs to.
    pub module: ModuleId,
    /// The group's name, unique within its module.
    pub name: Name,
}

/// Who owns or handles something: a department, optionally narrowed to a
/// module and a business group.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Owner {
    /// The owning department.
    pub department: DeptId,
    /// The module within it, if the owner was written down to one.
    pub module: Option<ModuleId>,
    /// The business group within the module, if written down to one.
    pub group: Option<GroupId>,
}

impl Owner {
    /// An owner that is the department itself, with no module or group.
    pub fn department(department: DeptId) -> Self {
        Owner {
            department,
            module: None,
            group: None,
        }
    }
}

/// An administrative item (事项) of the catalogue.
#[derive(Debug)]
pub struct Item {
    /// The item id (事项编码), e.g. `SP-0001`.
    pub id: Name,
    /// The item's title (事项名称).
    pub title: Name,
    /// The title's key (`names::key`), computed once when the item is declared;
    /// `None` when the key is the title itself, trimmed. Read it with [`Item::title_key`].
    pub title_key: Option<Box<str>>,
    /// `None` when the kind or owner did not resolve (already reported).
    pub kind: Option<KindId>,
    /// The owning department, module or group; `None` when it did not resolve (already reported).
    pub owner: Option<Owner>,
    /// Where the owner is written in the item declaration.
    pub owner_span: Span,
    /// Its time limit in working days, as written.
    pub limit: Option<ast::TimeLimit>,
    /// The declaration.
    pub span: Span,
}

impl Item {
    /// The key of the title (`names::key`), without computing it again.
    pub fn title_key(&self) -> &str {
        match &self.title_key {
            Some(k) => k,
            None => self.title.text.trim_matches(char::is_whitespace),
        }
    }

    /// The key of `title` as [`Item::title_key`] stores it.
    pub fn key_of(title: &str) -> Option<Box<str>> {
        match crate::names::key(title) {
            std::borrow::Cow::Borrowed(_) => None,
            std::borrow::Cow::Owned(k) => Some(k.into_boxed_str()),
        }
    }
}

/// An undertaking agency (承接机构): an outside body taking over transferred functions.
#[derive(Debug)]
pub struct Agency {
    /// The agency's name as declared.
    pub name: Name,
    /// What kind of body it is.
    pub kind: AgencyKind,
    /// The declaration.
    pub span: Span,
}

/// One entry of the function-transfer catalogue (政府职能转移目录).
#[derive(Debug)]
pub struct Transfer {
    /// The transfer id, e.g. `ZY-001`.
    pub id: Name,
    /// The function transferred (转移职能).
    pub function: Name,
    /// The department (or module) it comes from; `None` when it did not resolve.
    pub from: Option<Owner>,
    /// The undertaking agencies that resolved, in declaration order.
    pub agencies: Vec<AgencyId>,
    /// Where the transfer stands: planned, transferred or withdrawn.
    pub status: Status,
    /// Where the status is written, for E204 labels.
    pub status_span: Span,
    /// The supervising department (监管部门), if written and resolved.
    pub supervisor: Option<Owner>,
    /// Whether `supervised_by` was written (it may be written but unresolved).
    pub supervisor_written: bool,
    /// Whether `to …` was written (its agencies may be written but unresolved).
    pub agencies_written: bool,
    /// The catalogue item named with `item`, if written and resolved.
    pub item: Option<ItemId>,
    /// The declaration.
    pub span: Span,
}

/// Which of the two kinds of area an [`Area`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AreaKind {
    /// A central community (中心社区), which lists members.
    Central,
    /// A community (社区), which has a code and grids.
    Community,
}

/// A central community or a community: one namespace, one hierarchy.
#[derive(Debug)]
pub struct Area {
    /// The area's name; communities and central communities share one namespace.
    pub name: Name,
    /// Whether it is a central community or a community.
    pub kind: AreaKind,
    /// A community's statistical code; `None` for a central community.
    pub code: Option<Name>,
    /// For a central community: the areas it lists, with the span of each listing.
    pub members: Vec<(AreaId, Span)>,
    /// A community's grids, in declaration order (none for a central community).
    pub grids: Vec<GridId>,
    /// The declaration.
    pub span: Span,
}

/// A grid (网格) of a community.
#[derive(Debug)]
pub struct Grid {
    /// The community it belongs to.
    pub community: AreaId,
    /// The grid's name, unique in the set.
    pub name: Name,
    /// Its label, if declared.
    pub label: Option<Name>,
    /// Whether it is a dedicated grid (专属网格) rather than an ordinary one.
    pub dedicated: bool,
    /// Its number of micro-grids (微网格).
    pub micro: u64,
}

/// A department–community binding (`bind`, 部门+社区 绑定).
#[derive(Debug)]
pub struct Binding {
    /// The department bound (a module written in `bind` is recorded as its department).
    pub department: DeptId,
    /// The team bound: the department, or the module of it written in `bind`.
    pub team: Owner,
    /// The communities and central communities it is bound to, with the span of each reference.
    pub areas: Vec<(AreaId, Span)>,
    /// The declaration.
    pub span: Span,
}

/// A function devolved from a department to communities (下放社区).
#[derive(Debug)]
pub struct Devolution {
    /// The devolution id, e.g. `XF-001`.
    pub id: Name,
    /// The function devolved (下放职能).
    pub function: Name,
    /// Its item kind; `None` when it did not resolve (already reported).
    pub kind: Option<KindId>,
    /// Where the kind is written, for E205 labels.
    pub kind_span: Span,
    /// The department (or module) it comes from; `None` when it did not resolve.
    pub from: Option<Owner>,
    /// `None` means every community.
    pub to: Option<Vec<(AreaId, Span)>>,
    /// The catalogue item it corresponds to, if written and resolved.
    pub item: Option<ItemId>,
    /// The declaration.
    pub span: Span,
}

/// A joint case (一件事): a multi-department matter handled as one closed loop.
#[derive(Debug)]
pub struct Joint {
    /// The joint case's name.
    pub name: Name,
    /// Every `lead` that resolved, with its span; the check wants exactly one.
    pub leads: Vec<(Owner, Span)>,
    /// Every `lead` clause as written, resolved or not (for the shape check).
    pub lead_spans: Vec<Span>,
    /// Member departments that resolved, with the span of each reference.
    pub members: Vec<(Owner, Span)>,
    /// Its items that resolved, with the span of each reference.
    pub items: Vec<(ItemId, Span)>,
    /// Every `tier` that resolved, with its span.
    pub tiers: Vec<(TierId, Span)>,
    /// Every `tier` clause as written, resolved or not (for the shape check).
    pub tier_spans: Vec<Span>,
    /// The declaration.
    pub span: Span,
}

/// Where an event kind is dispatched.
/// A kind of grassroots event and how it is dispatched.
#[derive(Debug)]
pub struct Event {
    /// Its name.
    pub name: Name,
    /// Its label, if given.
    pub label: Option<Name>,
    /// The department with authority over it (事权); `None` if unresolved.
    pub owner: Option<Owner>,
    /// Where `owner` is written.
    pub owner_span: Span,
    /// Whether it goes only through the owner's team bound to the community.
    pub bound: bool,
    /// The enforcement team that takes part, for an enforcement matter.
    pub enforcer: Option<Owner>,
    /// The joint case it is handled as, if any.
    pub joint: Option<JointId>,
    /// Its response tier.
    pub tier: Option<TierId>,
    /// The whole declaration.
    pub span: Span,
}

/// A unit stationed in a service centre or serving one of its services.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// A department, module or group of the set.
    Department(Owner),
    /// An outside agency.
    Agency(AgencyId),
}

/// A one-stop service hall (`service_centre`).
#[derive(Debug)]
pub struct Centre {
    /// Its name.
    pub name: Name,
    /// The units stationed there, with where each is written.
    pub stationed: Vec<(Unit, Span)>,
    /// Its sections (板块), each with its service areas (服务专区).
    pub sections: Vec<CentreSection>,
    /// The whole declaration.
    pub span: Span,
}

/// A section of a service centre.
#[derive(Debug)]
pub struct CentreSection {
    /// Its name.
    pub name: Name,
    /// Its service areas.
    pub areas: Vec<Name>,
}

/// What a centre service is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ServiceKind {
    /// An approval service (涉企审批服务).
    Approval,
    /// A value-added service of the centre's own (增值服务).
    ValueAdded,
}

impl ServiceKind {
    /// The keyword, as written.
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceKind::Approval => "approval",
            ServiceKind::ValueAdded => "value_added",
        }
    }
}

/// A service offered in a centre (`centre_service`).
#[derive(Debug)]
pub struct CentreService {
    /// Its id.
    pub id: Name,
    /// Its title.
    pub title: Name,
    /// Approval or value-added; `None` if the kind is unknown.
    pub kind: Option<ServiceKind>,
    /// The centre, section and area it is offered in, by index.
    pub place: Option<(CentreId, usize, usize)>,
    /// The unit that serves it, if written.
    pub owner: Option<(Unit, Span)>,
    /// The catalogue item it refers to, if any.
    pub item: Option<(ItemId, Span)>,
    /// The whole declaration.
    pub span: Span,
}

/// An implementation-list entry run through a centre (`measure`).
#[derive(Debug)]
pub struct Measure {
    /// Its id.
    pub id: Name,
    /// Its title.
    pub title: Name,
    /// The department responsible.
    pub owner: Option<Owner>,
    /// The centre it is run through.
    pub centre: Option<CentreId>,
    /// The whole declaration.
    pub span: Span,
}

/// What a cap limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CapKey {
    /// How many departments of this category the establishment allows.
    Category(Category),
    /// How many functions the transfer catalogue may hold (every status).
    Catalogue,
    /// `establishment`: administrative and institutional posts city-wide.
    Establishment,
    /// `leadership_posts`: leadership posts city-wide.
    LeadershipPosts,
}

/// An upper limit from a `caps` block (编制上限).
#[derive(Debug)]
pub struct Cap {
    /// What it limits.
    pub key: CapKey,
    /// The limit.
    pub value: u64,
    /// The `KEY NUMBER` entry.
    pub span: Span,
}

/// A headline figure the policy declares; see `metrics::Metric`.
#[derive(Debug)]
pub struct Target {
    /// What is counted.
    pub metric: metrics::Metric,
    /// The whole set, or the department, module or group named with `of`.
    pub scope: metrics::Scope,
    /// The metric as written, e.g. `modules of 经济发展局`.
    pub display: String,
    /// The figure the set must reproduce.
    pub value: u64,
    /// Where the figure comes from.
    pub source: ast::TargetSource,
    /// The entry in the `targets` block.
    pub span: Span,
}

/// `expect KIND SUBJECT -> HANDLER [tier T]`, its kind resolved; the subject
/// and handler stay as written, since `orgc test` looks them up the way
/// `orgc route` does.
#[derive(Debug)]
pub struct Expectation {
    /// What kind of subject is asked for.
    pub kind: crate::vocab::SubjectKind,
    /// The subject as written.
    pub subject: ast::Path,
    /// For an event kind, where it is raised (`at PLACE`).
    pub at: Option<ast::Path>,
    /// The expected handler as written (matches a handler or its leading part).
    pub expected: ast::Path,
    /// The expected tier as written, if given (`none` expects no tier).
    pub tier: Option<Name>,
    /// The declaration.
    pub span: Span,
}

/// A user rule, its entity and attributes checked.
#[derive(Debug)]
pub struct PolicyRule {
    /// The rule's name, unique in the set.
    pub name: Name,
    /// `every` or `no`.
    pub quantifier: Quantifier,
    /// What the rule ranges over.
    pub entity: query::Entity,
    /// The `where` condition, if given.
    pub filter: Option<cond::Condition>,
    /// For `every`: the condition each selected thing must meet; `None` for `no`.
    pub must: Option<cond::Condition>,
    /// Its `except … because` clauses.
    pub exceptions: Vec<RuleException>,
    /// The severity of its R001s (error unless `severity warning`).
    pub severity: Severity,
    /// The rule's own words, shown with each violation.
    pub message: Option<String>,
    /// The declaration.
    pub span: Span,
}

/// One `except … because` clause of a rule, its names resolved.
#[derive(Debug)]
pub struct RuleException {
    /// The exempted things: their index in the entity's vector, and the span
    /// of the name in the `except` clause.
    pub targets: Vec<(u32, Span)>,
    /// Why the things are exempted.
    pub reason: String,
    /// The clause.
    pub span: Span,
}

impl Model {
    /// The department with this id.
    pub fn dept(&self, id: DeptId) -> &Department {
        &self.departments[id.index()]
    }
    /// The module with this id.
    pub fn module(&self, id: ModuleId) -> &Module {
        &self.modules[id.index()]
    }
    /// The business group with this id.
    pub fn group(&self, id: GroupId) -> &Group {
        &self.groups[id.index()]
    }
    /// The upstream office with this id.
    pub fn office(&self, id: OfficeId) -> &Office {
        &self.offices[id.index()]
    }
    /// The item kind with this id.
    pub fn kind(&self, id: KindId) -> &Kind {
        &self.kinds[id.index()]
    }
    /// The community or central community with this id.
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

    /// A unit as written: `部门.模块` or the agency's name.
    pub fn unit_path(&self, unit: Unit) -> String {
        match unit {
            Unit::Department(o) => self.owner_path(o),
            Unit::Agency(a) => self.agencies[a.index()].name.text.clone(),
        }
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

impl Model {
    /// Whether a reference inside `span` did not resolve.
    pub fn has_unresolved_within(&self, span: Span) -> bool {
        let (f, s, e) = span.key();
        let i = self.unresolved_at.partition_point(|k| *k < (f, s, 0));
        self.unresolved_at[i..]
            .iter()
            .take_while(|k| k.0 == f && k.1 < e)
            .any(|k| k.2 <= e)
    }
}
