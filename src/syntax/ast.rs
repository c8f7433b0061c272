//! The abstract syntax tree: what one policy file says, before names are resolved.
//!
//! Every node that a diagnostic, a formatter or an editor may point at carries
//! a [`Span`]. Spans are left out of node equality (`#[educe(PartialEq(ignore))]`),
//! so two nodes that say the same thing in different places compare equal;
//! spans themselves compare by place.

use crate::source::Span;
use educe::Educe;

/// A name as written: bare (`经济发展局`) or quoted (`"经济 发展局"`), without quotes.
#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Name {
    /// The name's characters, without quotes (not yet normalised to a key).
    pub text: String,
    /// Where the name is written, quotes included.
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// A dotted reference: `行政审批局.规划建设审批.某业务组`.
#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Path {
    /// The `.`-separated parts, outermost first (department, module, group).
    pub parts: Vec<Name>,
    /// Where the whole path is written.
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

impl Path {
    /// The path as written, parts joined by `.`.
    pub fn display(&self) -> String {
        let mut s = String::new();
        for (i, p) in self.parts.iter().enumerate() {
            if i > 0 {
                s.push('.');
            }
            s.push_str(&p.text);
        }
        s
    }
}

/// A department's category (部门类别), written after `:` in `department NAME : …`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// A party department (党委部门), `party`.
    Party,
    /// A government department (政府部门), `government`.
    Government,
    /// A public institution (事业单位), `institution`.
    Institution,
}

impl Category {
    /// Every category, in the order `caps` and the routing tables list them.
    pub const ALL: [Category; 3] = [Category::Party, Category::Government, Category::Institution];
    /// The keyword that writes the category.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Party => "party",
            Category::Government => "government",
            Category::Institution => "institution",
        }
    }
}

/// What kind of outside body an undertaking agency (承接机构) is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    /// A social organisation (社会组织), `social_organisation`.
    SocialOrganisation,
    /// An industry association (行业协会), `association`.
    Association,
    /// A firm (企业), `enterprise`.
    Enterprise,
    /// A public institution (事业单位), `institution`.
    Institution,
}

impl AgencyKind {
    /// The keyword that writes the agency kind.
    pub fn as_str(self) -> &'static str {
        match self {
            AgencyKind::SocialOrganisation => "social_organisation",
            AgencyKind::Association => "association",
            AgencyKind::Enterprise => "enterprise",
            AgencyKind::Institution => "institution",
        }
    }
}

/// Where a function transfer stands in the catalogue (转移状态).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// In the catalogue, not yet handed over (计划转移).
    Planned,
    /// Handed over to its agencies (已转移).
    Transferred,
    /// Taken back by the department (已撤回).
    Withdrawn,
}

impl Status {
    /// The keyword that writes the status.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::Transferred => "transferred",
            Status::Withdrawn => "withdrawn",
        }
    }
}

/// One top-level declaration.
#[derive(Clone, Debug, PartialEq)]
pub enum Decl {
    /// `city NAME { … }`.
    City(City),
    /// `caps { … }`: the establishment's upper limits.
    Caps(Caps),
    /// `tier NAME … within D`: a response tier.
    Tier(Tier),
    /// `kind NAME …`: a declared item kind.
    Kind(Kind),
    /// `upstream NAME { office … }`: an upstream bureau and its offices.
    Upstream(Upstream),
    /// `department NAME : CATEGORY { … }`, with its fields and modules.
    Department(Department),
    /// `item ID "TITLE" : KIND owner OWNER …`: a catalogue item.
    Item(Item),
    /// `agency NAME : KIND`: an undertaking agency.
    Agency(Agency),
    /// `transfer ID "FUNCTION" : STATUS from OWNER …`: a function-transfer catalogue entry.
    Transfer(Transfer),
    /// `central_community NAME { community … }`.
    Central(Central),
    /// `community NAME code N { … }`, with its grids.
    Community(Community),
    /// `bind OWNER to AREA, …`: a department–community binding.
    Bind(Bind),
    /// `devolution ID "FUNCTION" : KIND from OWNER to …`: a devolution to communities.
    Devolve(Devolve),
    /// `joint_case NAME { … }`: a joint case (一件事).
    Joint(Joint),
    /// `event NAME … owner OWNER …`: an event kind and how it is dispatched.
    Event(Event),
    /// `targets SOURCE { … }`: the headline figures the set must reproduce.
    Targets(Targets),
    /// `rule NAME { … }`: one of the set's own rules.
    Rule(Rule),
    /// `expect KIND SUBJECT … to HANDLER …`: a pinned route.
    Expect(Expect),
    /// `service_centre NAME { stationed …  section … { area … } }`
    ServiceCentre(ServiceCentre),
    /// `centre_service ID "title" : kind in CENTRE.SECTION.AREA [owner P] [item I]`
    CentreService(CentreService),
    /// `measure ID "title" owner P in CENTRE`
    Measure(Measure),
}

/// `expect KIND SUBJECT [at PLACE] to HANDLER [tier T]`: a route written down
/// by reform staff, checked by `orgc test` (and its subject by `orgc check`).
#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Expect {
    /// The subject kind as written (`item`, `office`, …); checked against the vocabulary later.
    pub kind: Name,
    /// What the route is asked for: an id, a name, a code or an `上级部门.处室` path.
    pub subject: Path,
    /// For an event kind, the community or grid it is raised in (`at PLACE`).
    pub at: Option<Path>,
    /// The handler the route must reach (a name, or a leading part of a handler's path).
    pub expected: Path,
    /// The response tier the answer must have, if given (events and joint cases).
    pub tier: Option<Name>,
    /// The whole declaration.
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// `city NAME { [code N] [upstream NAME] }`: the city the set describes.
#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct City {
    /// The city's name, e.g. `龙港市`.
    pub name: Name,
    /// Its administrative division code (行政区划代码), if given.
    pub code: Option<Name>,
    /// The prefecture-level city above it, as written (not a reference).
    pub upstream: Option<Name>,
    /// The whole declaration.
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// `caps { party 6 … }`; also used for `targets` entries without `of`.
#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Caps {
    /// The `KEY NUMBER` pairs, in the order written.
    pub entries: Vec<Figure>,
    /// The whole block.
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// `key [of path] number`, in `caps` and `targets`.
#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Figure {
    /// The cap key or target metric, e.g. `party` or `modules`.
    pub key: Name,
    /// The department, module or group a target is counted for (`of PATH`), if any.
    pub of: Option<Path>,
    /// The number written.
    pub value: u64,
    /// The whole figure.
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// `targets SOURCE { METRIC [of OWNER] NUMBER … }`: figures the set must
/// reproduce (W302 otherwise), and where they come from.
#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Targets {
    /// Where the figures come from.
    pub source: TargetSource,
    /// The figures, in the order written.
    pub entries: Vec<Figure>,
    /// The whole block.
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// Where a block of targets comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum TargetSource {
    /// `published "DOCUMENT"`: a figure stated by a public source.
    Published(Name),
    /// `derived`: a figure that follows from published ones or from the data.
    Derived,
    /// `illustrative`: a figure made up for the example set.
    Illustrative,
}

impl TargetSource {
    /// The keyword, as written.
    pub fn as_str(&self) -> &'static str {
        match self {
            TargetSource::Published(_) => "published",
            TargetSource::Derived => "derived",
            TargetSource::Illustrative => "illustrative",
        }
    }
}

/// `tier NAME ["LABEL"] within DURATION`: a response tier (响应时限) of events and joint cases.
#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Tier {
    /// The tier's name, e.g. `five_days`.
    pub name: Name,
    /// Its label, e.g. `5日办结`, if given.
    pub label: Option<Name>,
    /// The time limit in minutes (`5d` is 7200).
    pub limit_minutes: u64,
    /// The whole declaration.
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// `kind NAME ["LABEL"] [: devolvable]`: an item kind beyond the four built-in ones.
#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Kind {
    /// The kind's name.
    pub name: Name,
    /// Its label, if given.
    pub label: Option<Name>,
    /// Whether functions of this kind may be devolved to communities (`devolvable`).
    pub devolvable: bool,
    /// The whole declaration.
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// `upstream NAME { office NAME [: shared] … }`: a bureau of the prefecture-level government.
#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Upstream {
    /// The bureau's name, e.g. `温州市发展和改革委员会`.
    pub name: Name,
    /// Its offices (处室), in the order written.
    pub offices: Vec<Office>,
    /// The whole declaration.
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// One `office NAME [: shared]` inside an `upstream` block.
#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Office {
    /// The office's name, unique within its bureau.
    pub name: Name,
    /// Whether it is declared `shared`, so that several modules may answer it.
    pub shared: bool,
    /// The whole `office` clause.
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// `department NAME : CATEGORY { fields … module … }`.
#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Department {
    /// The department's name as declared.
    pub name: Name,
    /// Its category (`party`, `government` or `institution`).
    pub category: Category,
    /// Where the category keyword is written.
    #[educe(PartialEq(ignore))]
    pub category_span: Span,
    /// The policy fields (职责领域) it absorbed, from every `fields` clause in order.
    pub fields: Vec<Name>,
    /// Its modules, in the order written.
    pub modules: Vec<Module>,
    /// Its establishment (`staffing { administrative N … }`), from every clause in order.
    pub staffing: Vec<Figure>,
    /// The names it had before (`formerly OLD, …`).
    pub formerly: Vec<Name>,
    /// The whole declaration.
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// `module NAME [{ answers … group … }]` inside a department.
#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Module {
    /// The module's name, unique within its department.
    pub name: Name,
    /// The upstream offices it answers to (`answers OFFICE, …`), unresolved.
    pub answers: Vec<Path>,
    /// Its business groups (业务组), in the order written.
    pub groups: Vec<Name>,
    /// The whole `module` clause.
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// `item ID "TITLE" : KIND owner OWNER [TIME LIMIT]`: an administrative item of the catalogue.
#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Item {
    /// The item id (事项编码), e.g. `SP-0001`.
    pub id: Name,
    /// The item's title (事项名称), without quotes.
    pub title: Name,
    /// The item kind as written (built-in or declared); resolved later.
    pub kind: Name,
    /// The owning department, module or group, unresolved.
    pub owner: Path,
    /// Its time limit (`statutory N [committed M]` or `immediate`), if given.
    pub limit: Option<TimeLimit>,
    /// The whole declaration.
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// An item's time limit in working days (办结时限).
#[derive(Clone, Debug, PartialEq)]
pub enum TimeLimit {
    /// `immediate`: settled on the spot (即办件).
    Immediate,
    /// `statutory N [committed M]`: the statutory limit (法定办结时限) and the
    /// shorter limit the office commits to (承诺办结时限).
    Days {
        /// The statutory limit.
        statutory: Days,
        /// The committed limit, if given.
        committed: Option<Days>,
    },
}

/// A number of working days, where it is written.
#[derive(Clone, Copy, Debug, Educe)]
#[educe(PartialEq)]
pub struct Days {
    /// The number of working days.
    pub value: u64,
    /// The number as written.
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// `agency NAME : KIND`: an outside body that takes over transferred functions.
#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Agency {
    /// The agency's name as declared.
    pub name: Name,
    /// What kind of body it is.
    pub kind: AgencyKind,
    /// The whole declaration.
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// `transfer ID "FUNCTION" : STATUS from OWNER [to AGENCY, …] [supervised_by OWNER] [item ITEM]`.
#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Transfer {
    /// The transfer id, e.g. `ZY-001`.
    pub id: Name,
    /// The function transferred (转移职能), without quotes.
    pub function: Name,
    /// The department (or module) it comes from.
    pub from: Path,
    /// The undertaking agencies, in the order written (may be empty).
    pub to: Vec<Path>,
    /// Where the transfer stands.
    pub status: Status,
    /// Where the status keyword is written.
    #[educe(PartialEq(ignore))]
    pub status_span: Span,
    /// The department that keeps supervising it (`supervised_by`), if given.
    pub supervisor: Option<Path>,
    /// The catalogue item that goes with it (`item ITEM`), if given.
    pub item: Option<Path>,
    /// The whole declaration.
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// `central_community NAME { community NAME … }`: a central community (中心社区).
#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Central {
    /// The central community's name.
    pub name: Name,
    /// Its members as listed: communities or nested central communities.
    pub members: Vec<Name>,
    /// The whole declaration.
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// `community NAME code N [{ grid … dedicated … }]`: a community (社区).
#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Community {
    /// The community's name.
    pub name: Name,
    /// Its statistical code (统计用区划代码), kept as text.
    pub code: Name,
    /// Its grids, ordinary and dedicated, in the order written.
    pub grids: Vec<Grid>,
    /// The whole declaration.
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// `grid NAME ["LABEL"] [: dedicated] [micro N]` inside a community.
#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Grid {
    /// The grid's name, unique in the set.
    pub name: Name,
    /// Its label, if given.
    pub label: Option<Name>,
    /// Whether it is a dedicated grid (专属网格, `dedicated`) rather than an ordinary one.
    pub dedicated: bool,
    /// Its number of micro-grids (微网格); 0 when not given.
    pub micro: u64,
    /// The whole grid clause.
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// `bind OWNER to AREA, …`: binds a department to communities or central communities.
#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Bind {
    /// The department (possibly written down to a module) being bound.
    pub department: Path,
    /// The communities and central communities it is bound to.
    pub to: Vec<Path>,
    /// The whole declaration.
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// `devolution ID "FUNCTION" : KIND from OWNER to … [item ITEM]`: a function devolved to communities.
#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Devolve {
    /// The devolution id, e.g. `XF-001`.
    pub id: Name,
    /// The function devolved (下放职能), without quotes.
    pub function: Name,
    /// The item kind as written; only devolvable kinds may be devolved.
    pub kind: Name,
    /// The department (or module) it comes from.
    pub from: Path,
    /// `None` for `all_communities`.
    pub to: Option<Vec<Path>>,
    /// The catalogue item it corresponds to (`item ITEM`), if given.
    pub item: Option<Path>,
    /// The whole declaration.
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// `joint_case NAME { lead … members … items … tier … }`: a joint case (一件事).
#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Joint {
    /// The joint case's name.
    pub name: Name,
    /// Every `lead` clause; the checker wants exactly one.
    pub leads: Vec<Path>,
    /// The member departments, from every `members` clause in order.
    pub members: Vec<Path>,
    /// Its items, from every `items` clause in order.
    pub items: Vec<Path>,
    /// Every `tier` clause; the checker wants exactly one.
    pub tiers: Vec<Name>,
    /// The whole declaration.
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// `event NAME ["LABEL"] owner OWNER [bound] [enforced_by P] [joint_case J] [tier T]`:
/// a kind of grassroots event, dispatched by place and authority (属地+事权).
#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Event {
    /// The event kind's name.
    pub name: Name,
    /// Its label, if given.
    pub label: Option<Name>,
    /// The department with authority over the matter (事权), unresolved.
    pub owner: Path,
    /// Whether it goes through the owner's team bound to the community (`bound`).
    pub bound: bool,
    /// For an enforcement matter, the enforcement team that takes part (`enforced_by`).
    pub enforcer: Option<Path>,
    /// The joint case it is handled as (`joint_case J`), if any.
    pub joint: Option<Name>,
    /// Its response tier, if given.
    pub tier: Option<Name>,
    /// The whole declaration.
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// `service_centre NAME { stationed P, …  section S { area A … } … }`: a
/// one-stop service hall (企业综合服务中心).
#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct ServiceCentre {
    /// The centre's name.
    pub name: Name,
    /// The departments and agencies stationed there, from every clause in order.
    pub stationed: Vec<Path>,
    /// Its sections (板块), in the order written.
    pub sections: Vec<Section>,
    /// The whole declaration.
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// `section NAME { area A … }` in a service centre.
#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Section {
    /// The section's name.
    pub name: Name,
    /// Its service areas (服务专区).
    pub areas: Vec<Name>,
    /// The whole clause.
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// `centre_service ID "TITLE" : KIND in CENTRE.SECTION.AREA [owner P] [item I]`.
#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct CentreService {
    /// Its id.
    pub id: Name,
    /// Its title.
    pub title: Name,
    /// `approval` or `value_added`, as written.
    pub kind: Name,
    /// The service area it is offered in, unresolved.
    pub place: Path,
    /// The unit that serves it, if written.
    pub owner: Option<Path>,
    /// The catalogue item it refers to, if any.
    pub item: Option<Path>,
    /// The whole declaration.
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// `measure ID "TITLE" owner P in CENTRE`: an entry of an implementation list
/// (落地清单) run through a service centre.
#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Measure {
    /// Its id.
    pub id: Name,
    /// Its title.
    pub title: Name,
    /// The department responsible.
    pub owner: Path,
    /// The centre it is run through.
    pub centre: Path,
    /// The whole declaration.
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// A comment (`# …` or `// …`), kept so that a formatter can put it back.
#[derive(Clone, Debug, PartialEq)]
pub struct Comment {
    /// The comment's text, marker included, without the line break.
    pub text: String,
    /// Where it is written.
    pub span: Span,
    /// Whether it stands alone on its line (otherwise it ends a line of code).
    pub own_line: bool,
}

/// `rule NAME { every|no ENTITY [where C] [must C] … }`: one of the set's own rules.
#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Rule {
    /// The rule's name, unique in the set.
    pub name: Name,
    /// `every` or `no`.
    pub quantifier: Quantifier,
    /// The entity it ranges over (`item`, `department`, …), as written.
    pub entity: Name,
    /// The `where` condition that selects things, if given.
    pub filter: Option<Expr>,
    /// For `every`: the condition each selected thing must meet. `None` for `no`.
    pub must: Option<Expr>,
    /// Its `except … because` clauses, in the order written.
    pub exceptions: Vec<Exception>,
    /// The `severity` clause and where it is written; error when absent.
    pub severity: Option<(crate::diagnostics::Severity, Span)>,
    /// The rule's own words (`message "TEXT"`), shown with each violation.
    pub message: Option<String>,
    /// The whole declaration.
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// How a rule ranges over its entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantifier {
    /// `every`: each selected thing must meet the `must` condition.
    Every,
    /// `no`: no thing may be selected.
    No,
}

/// `except NAME, … because "REASON"`: things exempted from a rule, and why.
#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Exception {
    /// The exempted things, written as the entity names them (id, name or path).
    pub names: Vec<Path>,
    /// Why they are exempted; never empty.
    pub reason: String,
    /// The whole clause.
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// A comparison operator in a rule condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// `=`: equals, or for a list, contains.
    Eq,
    /// `!=`: the opposite of `=`.
    Ne,
    /// `<`: the number attribute is less than the value.
    Lt,
    /// `<=`: at most the value.
    Le,
    /// `>`: more than the value.
    Gt,
    /// `>=`: at least the value.
    Ge,
}

impl Op {
    /// The operator as written.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
        }
    }
}

/// A condition in a rule, and where it is written.
#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Expr {
    /// What the condition tests.
    pub kind: ExprKind,
    /// Where the condition is written.
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// The shapes of a condition.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// `C or C …`: at least one holds.
    Or(Vec<Expr>),
    /// `C and C …`: all hold.
    And(Vec<Expr>),
    /// `not C`: C does not hold.
    Not(Box<Expr>),
    /// `attr op value`
    Compare {
        /// The attribute compared.
        attr: Name,
        /// The operator.
        op: Op,
        /// The value, a name, path or number as written.
        value: Path,
    },
    /// `attr contains v`: a list attribute holds `v`.
    Contains {
        /// The list attribute tested.
        attr: Name,
        /// The value looked for.
        value: Path,
    },
    /// `attr in [v, …]`
    In {
        /// The attribute tested.
        attr: Name,
        /// The values listed between `[` and `]`.
        values: Vec<Path>,
    },
    /// `has attr`
    Has {
        /// The attribute that must be set.
        attr: Name,
    },
    /// `count(attr) op n`
    Count {
        /// The list attribute counted.
        attr: Name,
        /// The operator.
        op: Op,
        /// The number compared with.
        value: u64,
    },
    /// a bare boolean attribute
    Flag {
        /// The yes/no attribute.
        attr: Name,
    },
}
