//! Lowering of `rule` declarations: quantifier, clauses and the condition
//! expressions.

use super::*;
use crate::diagnostics::{Code, Key, Severity, Term, Text};

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
                _ => {}
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
                Text::new(Key::Duplicate)
                    .arg("what", Term::Clause)
                    .arg("name", word),
            )
            .label(again, Some(Text::new(Key::LabelDeclaredAgain)))
            .label(first, Some(Text::new(Key::LabelFirstDeclared)))
            .help(Text::new(Key::HelpRemoveOne)),
        );
    }

    pub(super) fn lower_quantifier(&self, q: P<'_>, r: &mut Rule_) {
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
                _ => {}
            }
        }
    }

    pub(super) fn lower_rule_clause(&self, c: P<'_>, r: &mut Rule_) {
        let span = self.span(&c);
        match c.as_rule() {
            Rule::except => {
                let mut names = Vec::new();
                let mut reason = String::new();
                for part in c.into_inner() {
                    match part.as_rule() {
                        Rule::paths => names = self.lower_paths(part),
                        Rule::reason => reason = self.lower_string(part),
                        _ => {}
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
                    _ => Severity::Error,
                };
                r.severity = Some((sev, span));
            }
            _ => {
                r.message = c
                    .into_inner()
                    .find(|s| s.as_rule() == Rule::string)
                    .map(|s| self.lower_string(s));
            }
        }
    }

    pub(super) fn lower_expr(&self, p: P<'_>) -> Expr {
        let mut parts: Vec<Expr> = p
            .into_inner()
            .filter(|c| c.as_rule() == Rule::conj)
            .map(|c| self.lower_conj(c))
            .collect();
        if parts.len() == 1 {
            parts.pop().unwrap_or(Expr::Or(Vec::new()))
        } else {
            Expr::Or(parts)
        }
    }

    pub(super) fn lower_conj(&self, p: P<'_>) -> Expr {
        let mut parts: Vec<Expr> = p
            .into_inner()
            .filter(|c| c.as_rule() == Rule::factor)
            .map(|c| self.lower_factor(c))
            .collect();
        if parts.len() == 1 {
            parts.pop().unwrap_or(Expr::And(Vec::new()))
        } else {
            Expr::And(parts)
        }
    }

    pub(super) fn lower_factor(&self, p: P<'_>) -> Expr {
        let mut negations = 0;
        let mut inner = Expr::And(Vec::new());
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::negation => negations += 1,
                Rule::paren => {
                    if let Some(e) = c.into_inner().find(|e| e.as_rule() == Rule::expr) {
                        inner = self.lower_expr(e);
                    }
                }
                Rule::atom => {
                    if let Some(a) = c.into_inner().next() {
                        inner = self.lower_atom(a);
                    }
                }
                _ => {}
            }
        }
        // `not not x` is `x`: keep only the parity, so that the tree stays shallow.
        if negations % 2 == 1 {
            Expr::Not(Box::new(inner))
        } else {
            inner
        }
    }

    pub(super) fn lower_atom(&self, a: P<'_>) -> Expr {
        let shape = a.as_rule();
        let mut attr = None;
        let mut op = Op::Eq;
        let mut values = Vec::new();
        let mut number = 0;
        for c in a.into_inner() {
            match c.as_rule() {
                Rule::word => attr = Some(self.lower_ident(c)),
                Rule::op => op = lower_op(c.as_str()),
                Rule::path => values.push(self.lower_path(c)),
                Rule::number => number = self.number(&c),
                _ => {}
            }
        }
        let attr = attr.unwrap_or_else(|| self.empty_name(Span::default()));
        match shape {
            Rule::count_cmp => Expr::Count {
                attr,
                op,
                value: number,
            },
            Rule::has => Expr::Has { attr },
            Rule::in_list => Expr::In { attr, values },
            Rule::compare => {
                let span = attr.span;
                Expr::Compare {
                    attr,
                    op,
                    value: values.pop().unwrap_or(Path {
                        parts: Vec::new(),
                        span,
                    }),
                }
            }
            _ => Expr::Flag { attr },
        }
    }
}

fn lower_op(s: &str) -> Op {
    match s {
        "!=" => Op::Ne,
        "<" => Op::Lt,
        "<=" => Op::Le,
        ">" => Op::Gt,
        ">=" => Op::Ge,
        _ => Op::Eq,
    }
}
