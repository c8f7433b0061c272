//! User rules: the entity and every attribute exist (E106), attributes are used
//! according to their type (E107), compared values name declared things (E102),
//! and exceptions name things of the rule's entity.

use super::*;
use crate::diagnostics::Arg;
use crate::model::query::{self, AttrType, Entity};
use crate::syntax::ast::Path;

impl Builder {
    pub(super) fn resolve_rule(&mut self, r: &ast::Rule) {
        hygiene(&mut self.diags, &r.name);
        if let Some(first) = self.m.rules.iter().find(|x| key(&x.name) == key(&r.name)) {
            let first = first.name.clone();
            duplicate(&mut self.diags, Term::Rule, &first, &r.name);
            return;
        }
        let Some(entity) = query::ENTITIES
            .iter()
            .find(|(n, _)| *n == r.entity.text)
            .map(|(_, e)| *e)
        else {
            let names: Vec<&str> = query::ENTITIES.iter().map(|(n, _)| *n).collect();
            unknown_key(&mut self.diags, &r.entity, Term::Entity, &names);
            return;
        };
        let before = self.diags.len();
        for e in r.filter.iter().chain(r.must.iter()) {
            self.check_expr(entity, e);
        }
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
        self.m.rules.push(PolicyRule {
            name: r.name.clone(),
            quantifier: r.quantifier,
            entity,
            filter: r.filter.clone(),
            must: r.must.clone(),
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
        };
        Some(i)
    }

    /// E106 for unknown attributes, E107 for attributes used against their type.
    pub(super) fn check_expr(&mut self, entity: Entity, e: &Expr) {
        let attr_type = |name: &Name| {
            query::attributes_of(entity)
                .find(|(n, _)| *n == name.text)
                .map(|(_, t)| t)
        };
        let (attr, wanted) = match e {
            Expr::Or(v) | Expr::And(v) => {
                for x in v {
                    self.check_expr(entity, x);
                }
                return;
            }
            Expr::Not(x) => return self.check_expr(entity, x),
            Expr::Compare { attr, op, .. } => (
                attr,
                if matches!(op, ast::Op::Eq | ast::Op::Ne) {
                    None
                } else {
                    Some(Key::DetailNotNumber)
                },
            ),
            Expr::In { attr, .. } | Expr::Has { attr } => (attr, None),
            Expr::Count { attr, .. } => (attr, Some(Key::DetailNotList)),
            Expr::Flag { attr } => (attr, Some(Key::DetailNotFlag)),
        };
        let Some(t) = attr_type(attr) else {
            let names: Vec<&str> = query::attributes_of(entity).map(|(n, _)| n).collect();
            unknown_key(&mut self.diags, attr, Term::Attribute, &names);
            return;
        };
        let bad = match (wanted, t) {
            (Some(Key::DetailNotNumber), AttrType::Number) => None,
            (Some(Key::DetailNotList), AttrType::List) => None,
            (Some(Key::DetailNotFlag), AttrType::Flag) => None,
            (Some(k), _) => Some(k),
            (None, AttrType::Flag) if matches!(e, Expr::Compare { .. } | Expr::In { .. }) => {
                Some(Key::DetailFlagCompare)
            }
            (None, _) => None,
        };
        if let Some(detail) = bad {
            self.diags.push(
                Diagnostic::new(
                    Code::E107,
                    Text::new(Key::RuleType).arg("attr", &attr.text).arg(
                        "detail",
                        Arg::Phrase {
                            en: Text::new(detail)
                                .arg("attr", &attr.text)
                                .render(crate::diagnostics::Lang::En),
                            zh: Text::new(detail)
                                .arg("attr", &attr.text)
                                .render(crate::diagnostics::Lang::Zh),
                        },
                    ),
                )
                .label(attr.span, None),
            );
            return;
        }
        let values: Vec<&Path> = match e {
            Expr::Compare { value, .. } => vec![value],
            Expr::In { values, .. } => values.iter().collect(),
            _ => Vec::new(),
        };
        for value in values {
            self.check_value(entity, &attr.text, value);
        }
    }

    /// A value compared with a name attribute must name something that exists
    /// (or be `none`): a typo in a rule would otherwise silently make it fail
    /// for everything, or hold for nothing.
    pub(super) fn check_value(&mut self, entity: Entity, attr: &str, value: &Path) {
        let whole = Name {
            text: value.display(),
            span: value.span,
        };
        if whole.text == "none" {
            return;
        }
        let k = key(&whole);
        let fixed = |list: &[&'static str]| -> (Term, Vec<String>) {
            (Term::Value, list.iter().map(|s| s.to_string()).collect())
        };
        let (what, candidates): (Term, Vec<String>) = match (entity, attr) {
            (_, "owner" | "department" | "supervisor" | "lead" | "members" | "departments") => {
                (Term::Department, self.n.depts.keys().cloned().collect())
            }
            (Entity::Agency, "kind") => fixed(&[
                "social_organisation",
                "association",
                "enterprise",
                "institution",
            ]),
            (_, "kind") => (Term::ItemKind, self.n.kinds.keys().cloned().collect()),
            (_, "tier") => (Term::Tier, self.n.tiers.keys().cloned().collect()),
            (_, "category") => fixed(&["party", "government", "institution"]),
            (_, "status") => fixed(&["planned", "transferred", "withdrawn"]),
            (_, "central") => (Term::Central, self.n.areas.keys().cloned().collect()),
            (_, "joint_cases") => (Term::Joint, self.n.joints.keys().cloned().collect()),
            (_, "bureau") => (Term::Bureau, self.n.bureaus.keys().cloned().collect()),
            (Entity::Event, "handler") => (
                Term::Department,
                self.n
                    .depts
                    .keys()
                    .chain(self.n.joints.keys())
                    .cloned()
                    .collect(),
            ),
            _ => return,
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
