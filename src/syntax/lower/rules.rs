//! Lowering of `rule` declarations: quantifier, clauses and the condition
//! expressions.

use super::*;
use crate::diagnostics::{Code, Message, Severity, Term};

impl Lowerer<'_> {
    // ------------------------------------------------------------ rules

    pub(super) fn lower_rule(&mut self, p: P<'_>) -> Rule_ {
        let span = self.span(&p);
        let mut r = Rule_ {
            name: self.empty_name(span),
            quantifier: Quantifier::Every,
            entity: self.empty_name(span),
            filter: None,
            must: None,
            exceptions: Vec::new(),
            severity: None,
            message: None,
            span,
        };
        // `severity` and `message` may each be given once
        let mut once: Vec<(Rule, Span)> = Vec::new();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => r.name = self.lower_name(c),
                Rule::quantifier => {
                    if let Some(q) = c.into_inner().next() {
                        self.lower_quantifier(q, &mut r);
                    }
                }
                Rule::rule_clause => {
                    if let Some(clause) = c.into_inner().next() {
                        let (clause_rule, span) = (clause.as_rule(), self.span(&clause));
                        if clause_rule != Rule::except {
                            if let Some((_, first)) = once.iter().find(|(k, _)| *k == clause_rule) {
                                self.twice(clause_rule, *first, span);
                                continue;
                            }
                            once.push((clause_rule, span));
                        }
                        self.lower_rule_clause(clause, &mut r);
                    }
                }
                _ => self.token(&c),
            }
        }
        r
    }

    /// E101 for a rule clause given twice (the second is ignored).
    pub(super) fn twice(&mut self, clause: Rule, first: Span, again: Span) {
        let word = if clause == Rule::severity {
            "severity"
        } else {
            "message"
        };
        self.diagnostics.push(
            Diagnostic::new(
                Code::E101,
                Message::Duplicate {
                    what: Term::Clause,
                    name: word.to_string(),
                },
            )
            .label(again, Some(Message::LabelDeclaredAgain))
            .label(first, Some(Message::LabelFirstDeclared))
            .help(Message::HelpRemoveOne),
        );
    }

    pub(super) fn lower_quantifier(&mut self, q: P<'_>, r: &mut Rule_) {
        r.quantifier = if q.as_rule() == Rule::no {
            Quantifier::No
        } else {
            Quantifier::Every
        };
        let mut after_must = false;
        for c in q.into_inner() {
            match c.as_rule() {
                Rule::word => r.entity = self.lower_ident(c),
                Rule::kw_must => after_must = true,
                Rule::expr if after_must => r.must = Some(self.lower_expr(c)),
                Rule::expr => r.filter = Some(self.lower_expr(c)),
                _ => self.token(&c),
            }
        }
    }

    pub(super) fn lower_rule_clause(&mut self, c: P<'_>, r: &mut Rule_) {
        let span = self.span(&c);
        let at = c.clone();
        match c.as_rule() {
            Rule::except => {
                let mut names = Vec::new();
                let mut reason = String::new();
                for part in c.into_inner() {
                    match part.as_rule() {
                        Rule::paths => names = self.lower_paths(part),
                        Rule::reason => reason = self.lower_string(part),
                        _ => self.token(&part),
                    }
                }
                r.exceptions.push(Exception {
                    names,
                    reason,
                    span,
                });
            }
            Rule::severity => {
                let level = c.into_inner().find(|l| l.as_rule() == Rule::level);
                let sev = match level
                    .and_then(|l| l.into_inner().next())
                    .map(|k| k.as_rule())
                {
                    Some(Rule::kw_warning) => Severity::Warning,
                    Some(Rule::kw_error) => Severity::Error,
                    _ => return self.unexpected(&at),
                };
                r.severity = Some((sev, span));
            }
            Rule::message => {
                r.message = c
                    .into_inner()
                    .find(|s| s.as_rule() == Rule::string)
                    .map(|s| self.lower_string(s));
            }
            _ => self.unexpected(&at),
        }
    }

    pub(super) fn lower_expr(&mut self, p: P<'_>) -> Expr {
        let span = self.span(&p);
        let mut parts = Vec::new();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::conj => parts.push(self.lower_conj(c)),
                _ => self.token(&c),
            }
        }
        one_or(parts, ExprKind::Or, span)
    }

    pub(super) fn lower_conj(&mut self, p: P<'_>) -> Expr {
        let span = self.span(&p);
        let mut parts = Vec::new();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::factor => parts.push(self.lower_factor(c)),
                _ => self.token(&c),
            }
        }
        one_or(parts, ExprKind::And, span)
    }

    pub(super) fn lower_factor(&mut self, p: P<'_>) -> Expr {
        let span = self.span(&p);
        let mut negations = 0;
        let mut inner = Expr {
            kind: ExprKind::And(Vec::new()),
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::negation => negations += 1,
                Rule::paren => {
                    for e in c.into_inner() {
                        match e.as_rule() {
                            Rule::expr => inner = self.lower_expr(e),
                            _ => self.token(&e),
                        }
                    }
                }
                Rule::atom => {
                    for a in c.into_inner() {
                        inner = self.lower_atom(a);
                    }
                }
                _ => self.token(&c),
            }
        }
        // `not not x` is `x`: keep only the parity, so that the tree stays shallow.
        if negations % 2 == 1 {
            Expr {
                kind: ExprKind::Not(Box::new(inner)),
                span,
            }
        } else {
            inner
        }
    }

    pub(super) fn lower_atom(&mut self, a: P<'_>) -> Expr {
        let span = self.span(&a);
        let shape = a.clone();
        let mut attr = None;
        let mut op = Op::Eq;
        let mut values = Vec::new();
        let mut number = 0;
        for c in a.into_inner() {
            match c.as_rule() {
                Rule::word => attr = Some(self.lower_ident(c)),
                Rule::op => op = self.lower_op(c),
                Rule::path => values.push(self.lower_path(c)),
                Rule::none => {
                    // `none`, the reserved value of an unset attribute
                    let span = self.span(&c);
                    let none = Name {
                        text: crate::model::cond::NONE.to_string(),
                        span,
                    };
                    values.push(Path {
                        parts: vec![none],
                        span,
                    });
                }
                Rule::number => number = self.number(&c),
                _ => self.token(&c),
            }
        }
        let attr = attr.unwrap_or_else(|| self.empty_name(span));
        let kind = match shape.as_rule() {
            Rule::count_cmp => ExprKind::Count {
                attr,
                op,
                value: number,
            },
            Rule::has => ExprKind::Has { attr },
            Rule::in_list => ExprKind::In { attr, values },
            Rule::contains => ExprKind::Contains {
                attr,
                value: values.pop().unwrap_or(Path {
                    parts: Vec::new(),
                    span,
                }),
            },
            Rule::compare => ExprKind::Compare {
                attr,
                op,
                value: values.pop().unwrap_or(Path {
                    parts: Vec::new(),
                    span,
                }),
            },
            Rule::flag => ExprKind::Flag { attr },
            _ => {
                self.unexpected(&shape);
                ExprKind::Flag { attr }
            }
        };
        Expr { kind, span }
    }

    fn lower_op(&mut self, p: P<'_>) -> Op {
        match p.as_str() {
            "=" => Op::Eq,
            "!=" => Op::Ne,
            "<" => Op::Lt,
            "<=" => Op::Le,
            ">" => Op::Gt,
            ">=" => Op::Ge,
            _ => {
                self.unexpected(&p);
                Op::Eq
            }
        }
    }
}

/// One expression as it is, several joined by `join` (`or`, `and`).
fn one_or(mut parts: Vec<Expr>, join: fn(Vec<Expr>) -> ExprKind, span: Span) -> Expr {
    match parts.pop() {
        Some(only) if parts.is_empty() => only,
        Some(last) => {
            parts.push(last);
            Expr {
                kind: join(parts),
                span,
            }
        }
        None => Expr {
            kind: join(Vec::new()),
            span,
        },
    }
}
