//! User rules: the entity and every attribute exist (E106), attributes are used
//! according to their type (E107), compared values name declared things (E102),
//! and exceptions name things of the rule's entity.

use super::*;
use crate::model::cond::{Cond, Condition, NONE};
use crate::syntax::ast::{Expr, ExprKind, Path};
use crate::vocab::{Attr, AttrType, Domain, Entity};

impl Builder {
    pub(super) fn resolve_rule(&mut self, r: &ast::Rule) {
        hygiene(&mut self.diags, &r.name);
        if let Some(first) = self.n.rules.get(&key(&r.name)) {
            let first = self.m.rules[*first].name.clone();
            duplicate(&mut self.diags, Term::Rule, &first, &r.name);
            return;
        }
        let Some(entity) = Entity::parse(&r.entity.text) else {
            let names = Entity::spellings();
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            unknown_key(&mut self.diags, &r.entity, Term::Entity, &names);
            renamed(&mut self.diags, None, &r.entity.text);
            return;
        };
        let before = self.diags.len();
        let filter = r.filter.as_ref().map(|e| self.condition(entity, e));
        let must = r.must.as_ref().map(|e| self.condition(entity, e));
        if self.diags.len() > before {
            return; // a rule that does not type-check is not evaluated
        }
        let mut exceptions = Vec::new();
        for ex in &r.exceptions {
            let targets = ex
                .names
                .iter()
                .filter_map(|p| self.rule_target(entity, p).map(|i| (i, p.span)))
                .collect();
            exceptions.push(RuleException {
                targets,
                reason: ex.reason.clone(),
                span: ex.span,
            });
        }
        self.n.rules.insert(key(&r.name), self.m.rules.len());
        self.m.rules.push(PolicyRule {
            name: r.name.clone(),
            quantifier: r.quantifier,
            entity,
            filter,
            must,
            exceptions,
            severity: r
                .severity
                .map(|(s, _)| s)
                .unwrap_or(crate::diagnostics::Severity::Error),
            message: r.message.clone(),
            span: r.span,
        });
    }

    /// The index of the thing an `except` clause names.
    pub(super) fn rule_target(&mut self, entity: Entity, p: &Path) -> Option<u32> {
        let i = match entity {
            Entity::Item => self.item(p)?.0,
            Entity::Department => self.owner(p)?.department.0,
            Entity::Module => self.owner(p)?.module.map(|x| x.0).or_else(|| {
                unresolved(
                    &mut self.diags,
                    &Name {
                        text: p.display(),
                        span: p.span,
                    },
                    Term::Module,
                    std::iter::empty(),
                );
                None
            })?,
            Entity::UpstreamOffice => self.office(p)?.0,
            Entity::Agency => self.agency(p)?.0,
            Entity::CentralCommunity | Entity::Community => self.area(p)?.0,
            Entity::Transfer => {
                let name = self.single(p, Term::Transfer)?;
                let Builder { m, n, diags } = self;
                lookup_in(diags, &n.transfers, name, Term::Transfer, |i| {
                    &m.transfers[i.index()].id
                })?
                .0
            }
            Entity::Devolution => {
                let name = self.single(p, Term::Devolution)?;
                let Builder { m, n, diags } = self;
                lookup_in(diags, &n.devolutions, name, Term::Devolution, |i| {
                    &m.devolutions[i.index()].id
                })?
                .0
            }
            Entity::Joint => {
                let name = self.single(p, Term::Joint)?;
                let Builder { m, n, diags } = self;
                lookup_in(diags, &n.joints, name, Term::Joint, |i| {
                    &m.joints[i.index()].name
                })?
                .0
            }
            Entity::Event => {
                let name = self.single(p, Term::Event)?;
                let Builder { m, n, diags } = self;
                lookup_in(diags, &n.events, name, Term::Event, |i| {
                    &m.events[i.index()].name
                })?
                .0
            }
            Entity::CentreService => {
                let name = self.single(p, Term::CentreService)?;
                let Builder { m, n, diags } = self;
                let i = lookup_in(diags, &n.services, name, Term::CentreService, |i| {
                    &m.services[i].id
                })?;
                u32::try_from(i).ok()?
            }
        };
        Some(i)
    }

    /// A rule condition resolved: E106 for unknown attributes, E107 for
    /// attributes used against their type, E102 for compared values that name
    /// nothing. The result is only used when none of these was reported.
    pub(super) fn condition(&mut self, entity: Entity, e: &Expr) -> Condition {
        Condition {
            cond: self.cond(entity, e),
            span: e.span,
        }
    }

    fn cond(&mut self, entity: Entity, e: &Expr) -> Cond {
        // (attribute as written, the type the shape needs, why not)
        let (attr_name, shape) = match &e.kind {
            ExprKind::Or(v) => return Cond::Or(v.iter().map(|x| self.cond(entity, x)).collect()),
            ExprKind::And(v) => return Cond::And(v.iter().map(|x| self.cond(entity, x)).collect()),
            ExprKind::Not(x) => return Cond::Not(Box::new(self.cond(entity, x))),
            ExprKind::Compare { attr, op, .. } => (
                attr,
                if matches!(op, ast::Op::Eq | ast::Op::Ne) {
                    Shape::Any
                } else {
                    Shape::Number
                },
            ),
            ExprKind::In { attr, .. } | ExprKind::Has { attr } => (attr, Shape::Any),
            ExprKind::Contains { attr, .. } => (attr, Shape::List),
            ExprKind::Count { attr, .. } => (attr, Shape::List),
            ExprKind::Flag { attr } => (attr, Shape::Flag),
        };
        // a placeholder for a condition that does not resolve (already reported)
        let broken = Cond::Or(Vec::new());
        let Some(attr) = entity.attribute(&attr_name.text) else {
            let names: Vec<&str> = entity.attributes().map(Attr::as_str).collect();
            unknown_key(&mut self.diags, attr_name, Term::Attribute, &names);
            renamed(&mut self.diags, Some(entity), &attr_name.text);
            return broken;
        };
        let compares = matches!(e.kind, ExprKind::Compare { .. } | ExprKind::In { .. });
        let detail = match (shape, attr.ty()) {
            (Shape::Number, AttrType::Number)
            | (Shape::List, AttrType::List)
            | (Shape::Flag, AttrType::Flag) => None,
            (Shape::Number, _) => Some(Message::DetailNotNumber),
            (Shape::List, _) => Some(Message::DetailNotList),
            (Shape::Flag, _) => Some(Message::DetailNotFlag),
            (Shape::Any, AttrType::Flag) if compares => Some(Message::DetailFlagCompare {
                attr: attr_name.text.clone(),
            }),
            // `=` on a list meant "contains" in 0.1; 0.2 says so
            (Shape::Any, AttrType::List) if compares => Some(Message::DetailListCompare {
                attr: attr_name.text.clone(),
            }),
            (Shape::Any, _) => None,
        };
        if let Some(detail) = detail {
            self.diags.push(
                Diagnostic::new(
                    Code::E107,
                    Message::RuleType {
                        attr: attr_name.text.clone(),
                        detail: Box::new(detail),
                    },
                )
                .label(attr_name.span, None),
            );
            return broken;
        }
        match &e.kind {
            ExprKind::Compare { op, value, .. } => {
                self.check_value(attr, value);
                Cond::Compare {
                    attr,
                    op: *op,
                    value: literal(value),
                }
            }
            ExprKind::In { values, .. } => {
                for v in values {
                    self.check_value(attr, v);
                }
                Cond::In {
                    attr,
                    values: values.iter().map(literal).collect(),
                }
            }
            ExprKind::Contains { value, .. } => {
                self.check_value(attr, value);
                Cond::Compare {
                    attr,
                    op: ast::Op::Eq,
                    value: literal(value),
                }
            }
            ExprKind::Has { .. } => Cond::Has { attr },
            ExprKind::Count { op, value, .. } => Cond::Count {
                attr,
                op: *op,
                value: *value,
            },
            ExprKind::Flag { .. } => Cond::Flag { attr },
            ExprKind::Or(_) | ExprKind::And(_) | ExprKind::Not(_) => broken,
        }
    }

    /// A value compared with a name attribute must name something that exists
    /// (or be `none`): a typo in a rule would otherwise silently make it fail
    /// for everything, or hold for nothing.
    pub(super) fn check_value(&mut self, attr: Attr, value: &Path) {
        let whole = Name {
            text: value.display(),
            span: value.span,
        };
        if whole.text == NONE {
            return;
        }
        let k = key(&whole);
        let words = |list: &[&'static str]| -> (Term, Vec<String>) {
            (Term::Value, list.iter().map(|s| s.to_string()).collect())
        };
        let (what, candidates): (Term, Vec<String>) = match attr.domain() {
            Domain::Free => return,
            Domain::Departments => (Term::Department, self.n.depts.keys().cloned().collect()),
            Domain::AgencyKinds => words(&[
                AgencyKind::SocialOrganisation.as_str(),
                AgencyKind::Association.as_str(),
                AgencyKind::Enterprise.as_str(),
                AgencyKind::Institution.as_str(),
            ]),
            Domain::ItemKinds => (Term::ItemKind, self.n.kinds.keys().cloned().collect()),
            Domain::Tiers => (Term::Tier, self.n.tiers.keys().cloned().collect()),
            Domain::Categories => {
                let all: Vec<&'static str> = Category::ALL.iter().map(|c| c.as_str()).collect();
                words(&all)
            }
            Domain::Statuses => words(&[
                Status::Planned.as_str(),
                Status::Transferred.as_str(),
                Status::Withdrawn.as_str(),
            ]),
            Domain::CentralCommunities => (Term::Central, self.n.areas.keys().cloned().collect()),
            Domain::JointCases => (Term::Joint, self.n.joints.keys().cloned().collect()),
            Domain::Bureaus => (Term::Bureau, self.n.bureaus.keys().cloned().collect()),
        };
        if !candidates.contains(&k) {
            unresolved(
                &mut self.diags,
                &whole,
                what,
                candidates.iter().map(String::as_str),
            );
        }
    }
}

/// What a condition's shape needs of its attribute.
#[derive(Clone, Copy)]
enum Shape {
    /// `=`, `!=`, `in`, `has`: any type (a flag only with `has`).
    Any,
    Number,
    List,
    Flag,
}

/// The key of a compared value (`names::key`), computed once at build time.
fn literal(p: &Path) -> String {
    match p.parts.as_slice() {
        [one] => crate::names::key(&one.text).into_owned(),
        _ => crate::names::key(&p.display()).into_owned(),
    }
}

/// The rule words 0.2 renamed or removed: (entity, 0.1 word, what 0.2 writes).
/// An entity row has no entity of its own.
const RENAMED: &[(Option<Entity>, &str, &str)] = &[
    (None, "upstream_office", "office"),
    (None, "joint", "joint_case"),
    (Some(Entity::Transfer), "department", "owner"),
    (Some(Entity::Devolution), "department", "owner"),
    (Some(Entity::Event), "handler", "owner"),
    (
        Some(Entity::Item),
        "tier",
        "statutory, committed, immediate",
    ),
];

/// When `word` is a 0.1 rule word, the E106 just reported says what 0.2
/// writes instead of guessing at a spelling.
fn renamed(diags: &mut [Diagnostic], entity: Option<Entity>, word: &str) {
    let Some((_, _, new)) = RENAMED
        .iter()
        .find(|(e, old, _)| *e == entity && *old == word)
    else {
        return;
    };
    if let Some(last) = diags.last_mut() {
        last.help = Some(Message::HelpRenamed {
            old: word.to_string(),
            new: new.to_string(),
        });
    }
}
