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
    pub text: String,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// A dotted reference: `行政审批局.规划建设审批.某业务组`.
#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Path {
    pub parts: Vec<Name>,
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Party,
    Government,
    Institution,
}

impl Category {
    pub const ALL: [Category; 3] = [Category::Party, Category::Government, Category::Institution];
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Party => "party",
            Category::Government => "government",
            Category::Institution => "institution",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    SocialOrganisation,
    Association,
    Enterprise,
    Institution,
}

impl AgencyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AgencyKind::SocialOrganisation => "social_organisation",
            AgencyKind::Association => "association",
            AgencyKind::Enterprise => "enterprise",
            AgencyKind::Institution => "institution",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Planned,
    Transferred,
    Withdrawn,
}

impl Status {
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
    City(City),
    Caps(Caps),
    Tier(Tier),
    Kind(Kind),
    Upstream(Upstream),
    Department(Department),
    Item(Item),
    Agency(Agency),
    Transfer(Transfer),
    Central(Central),
    Community(Community),
    Bind(Bind),
    Devolve(Devolve),
    Joint(Joint),
    Event(Event),
    Targets(Targets),
    Rule(Rule),
    Expect(Expect),
}

/// `expect KIND SUBJECT -> HANDLER [tier T]`: a route written down by reform
/// staff, checked by `orgc test`.
#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Expect {
    pub kind: Name,
    pub subject: Path,
    pub expected: Path,
    pub tier: Option<Name>,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct City {
    pub name: Name,
    pub code: Option<Name>,
    pub upstream: Option<Name>,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// `caps { party 6 … }`; also used for `targets` entries without `of`.
#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Caps {
    pub entries: Vec<Figure>,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// `key [of path] number`, in `caps` and `targets`.
#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Figure {
    pub key: Name,
    pub of: Option<Path>,
    pub value: u64,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Targets {
    pub entries: Vec<Figure>,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Tier {
    pub name: Name,
    pub label: Option<Name>,
    /// The time limit in minutes (`5d` is 7200).
    pub limit_minutes: u64,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Kind {
    pub name: Name,
    pub label: Option<Name>,
    pub devolvable: bool,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Upstream {
    pub name: Name,
    pub offices: Vec<Office>,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Office {
    pub name: Name,
    pub shared: bool,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Department {
    pub name: Name,
    pub category: Category,
    #[educe(PartialEq(ignore))]
    pub category_span: Span,
    pub fields: Vec<Name>,
    pub modules: Vec<Module>,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Module {
    pub name: Name,
    pub answers: Vec<Path>,
    pub groups: Vec<Name>,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Item {
    pub id: Name,
    pub title: Name,
    pub kind: Name,
    pub owner: Path,
    pub tier: Option<Name>,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Agency {
    pub name: Name,
    pub kind: AgencyKind,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Transfer {
    pub id: Name,
    pub function: Name,
    pub from: Path,
    pub to: Vec<Path>,
    pub status: Status,
    #[educe(PartialEq(ignore))]
    pub status_span: Span,
    pub supervisor: Option<Path>,
    pub item: Option<Path>,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Central {
    pub name: Name,
    pub members: Vec<Name>,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Community {
    pub name: Name,
    pub code: Name,
    pub grids: Vec<Grid>,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Grid {
    pub name: Name,
    pub label: Option<Name>,
    pub dedicated: bool,
    pub micro: u64,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Bind {
    pub department: Path,
    pub to: Vec<Path>,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Devolve {
    pub id: Name,
    pub function: Name,
    pub kind: Name,
    pub from: Path,
    /// `None` for `all_communities`.
    pub to: Option<Vec<Path>>,
    pub item: Option<Path>,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Joint {
    pub name: Name,
    /// Every `lead` clause; the checker wants exactly one.
    pub leads: Vec<Path>,
    pub members: Vec<Path>,
    pub items: Vec<Path>,
    /// Every `tier` clause; the checker wants exactly one.
    pub tiers: Vec<Name>,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Event {
    pub name: Name,
    pub label: Option<Name>,
    pub handler: Handler,
    pub tier: Option<Name>,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Handler {
    Department(Path),
    Joint(Name),
}

#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Rule {
    pub name: Name,
    pub quantifier: Quantifier,
    pub entity: Name,
    pub filter: Option<Expr>,
    /// For `every`: the condition each selected thing must meet. `None` for `no`.
    pub must: Option<Expr>,
    pub exceptions: Vec<Exception>,
    pub severity: Option<(crate::diagnostics::Severity, Span)>,
    pub message: Option<String>,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantifier {
    Every,
    No,
}

#[derive(Clone, Debug, Educe)]
#[educe(PartialEq)]
pub struct Exception {
    pub names: Vec<Path>,
    pub reason: String,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Op {
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
    pub kind: ExprKind,
    #[educe(PartialEq(ignore))]
    pub span: Span,
}

/// The shapes of a condition.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Or(Vec<Expr>),
    And(Vec<Expr>),
    Not(Box<Expr>),
    /// `attr op value`
    Compare {
        attr: Name,
        op: Op,
        value: Path,
    },
    /// `attr in [v, …]`
    In {
        attr: Name,
        values: Vec<Path>,
    },
    /// `has attr`
    Has {
        attr: Name,
    },
    /// `count(attr) op n`
    Count {
        attr: Name,
        op: Op,
        value: u64,
    },
    /// a bare boolean attribute
    Flag {
        attr: Name,
    },
}
