//! User rules: each thing that breaks a rule is an R001, each exception that
//! exempts nothing a W502. The rule language is `docs/language.md` section 4;
//! the codes are explained in `docs/codes/R001.en.md` and `W502.en.md`.

use crate::diagnostics::{Arg, Code, Diagnostic, Key, Lang, Text};
use crate::model::query::{self, Derived, Entity, Value};
use crate::model::{Model, PolicyRule};
use crate::names;
use crate::syntax::ast::{Expr, Op, Path, Quantifier};
use std::collections::HashMap;

pub fn check(m: &Model, d: &Derived) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in &m.rules {
        check_rule(m, d, rule, &mut out);
    }
    out
}

fn check_rule(m: &Model, d: &Derived, rule: &PolicyRule, out: &mut Vec<Diagnostic>) {
    // target index → (exception, position in it), and whether it was needed
    let mut exempt: HashMap<u32, (usize, usize)> = HashMap::new();
    let mut used: Vec<Vec<bool>> = Vec::new();
    for (e, ex) in rule.exceptions.iter().enumerate() {
        used.push(vec![false; ex.targets.len()]);
        for (t, (target, _)) in ex.targets.iter().enumerate() {
            exempt.entry(*target).or_insert((e, t));
        }
    }
    for i in 0..query::count(m, rule.entity) {
        if !query::is_a(m, rule.entity, i) {
            continue;
        }
        if let Some(f) = &rule.filter {
            if !eval(m, d, rule.entity, i, f) {
                continue;
            }
        }
        let violated = match (rule.quantifier, &rule.must) {
            (Quantifier::Every, Some(must)) => !eval(m, d, rule.entity, i, must),
            (Quantifier::Every, None) => false,
            (Quantifier::No, _) => true,
        };
        if !violated {
            continue;
        }
        if let Some(&(e, t)) = exempt.get(&(i as u32)) {
            used[e][t] = true;
            continue;
        }
        out.push(violation(m, d, rule, i));
    }
    for (e, ex) in rule.exceptions.iter().enumerate() {
        for (t, (target, span)) in ex.targets.iter().enumerate() {
            if !used[e][t] {
                let (name, _) = query::label(m, rule.entity, *target as usize);
                out.push(
                    Diagnostic::new(
                        Code::W502,
                        Text::new(Key::UnusedException)
                            .arg("rule", &rule.name.text)
                            .arg("name", name),
                    )
                    .label(*span, Some(Text::new(Key::LabelUnusedException)))
                    .help(Text::new(Key::HelpUnusedException)),
                );
            }
        }
    }
}

fn entity_term(e: Entity) -> crate::diagnostics::Term {
    use crate::diagnostics::Term;
    match e {
        Entity::Item => Term::Item,
        Entity::Department => Term::Department,
        Entity::Module => Term::Module,
        Entity::UpstreamOffice => Term::Office,
        Entity::Agency => Term::Agency,
        Entity::Transfer => Term::Transfer,
        Entity::CentralCommunity => Term::Central,
        Entity::Community => Term::Community,
        Entity::Devolution => Term::Devolution,
        Entity::Joint => Term::Joint,
        Entity::Event => Term::Event,
    }
}

fn violation(m: &Model, d: &Derived, rule: &PolicyRule, i: usize) -> Diagnostic {
    let (name, span) = query::label(m, rule.entity, i);
    let term = entity_term(rule.entity);
    let subject = |lang: Lang| {
        format!(
            "{} `{}`",
            term.text(lang),
            crate::diagnostics::escape(&name)
        )
    };
    let mut attrs = Vec::new();
    if let Some(must) = &rule.must {
        attributes(must, &mut attrs);
    }
    let actual: Vec<String> = attrs
        .iter()
        .map(|a| format!("{a} = {}", query::value(m, d, rule.entity, i, a).display()))
        .collect();
    let rule_label = match &rule.message {
        Some(msg) => Text::new(Key::LabelRuleMessage).arg("message", msg),
        None => Text::new(Key::LabelRule),
    };
    let help = if actual.is_empty() {
        Text::new(Key::HelpRuleExcept).arg("name", &name)
    } else {
        Text::new(Key::HelpRuleActual).arg("actual", actual.join(", "))
    };
    Diagnostic::new(
        Code::R001,
        Text::new(Key::RuleViolated)
            .arg("rule", &rule.name.text)
            .arg(
                "subject",
                Arg::Phrase {
                    en: subject(Lang::En),
                    zh: subject(Lang::Zh),
                },
            ),
    )
    .severity(rule.severity)
    .label(
        span,
        Some(
            Text::new(Key::LabelOffends)
                .arg("what", term)
                .arg("name", &name),
        ),
    )
    .label(rule.name.span, Some(rule_label))
    .help(help)
}

/// The attributes an expression reads, in order, without repeats.
fn attributes<'e>(e: &'e Expr, out: &mut Vec<&'e str>) {
    match e {
        Expr::Or(v) | Expr::And(v) => v.iter().for_each(|x| attributes(x, out)),
        Expr::Not(x) => attributes(x, out),
        Expr::Compare { attr, .. }
        | Expr::In { attr, .. }
        | Expr::Has { attr }
        | Expr::Count { attr, .. }
        | Expr::Flag { attr } => {
            if !out.contains(&attr.text.as_str()) {
                out.push(&attr.text);
            }
        }
    }
}

/// The key of a compared value; no copy for the usual one-part value.
fn literal(p: &Path) -> std::borrow::Cow<'_, str> {
    match p.parts.as_slice() {
        [one] => names::key(&one.text),
        _ => std::borrow::Cow::Owned(names::key(&p.display()).into_owned()),
    }
}

fn same(a: &str, lit: &str) -> bool {
    names::key(a) == lit
}

fn order(op: Op, a: u64, b: u64) -> bool {
    match op {
        Op::Eq => a == b,
        Op::Ne => a != b,
        Op::Lt => a < b,
        Op::Le => a <= b,
        Op::Gt => a > b,
        Op::Ge => a >= b,
    }
}

/// Evaluate a condition for thing `i` of `entity`. `none` as a value stands
/// for an attribute that is not set.
pub fn eval(m: &Model, d: &Derived, entity: Entity, i: usize, e: &Expr) -> bool {
    match e {
        Expr::Or(v) => v.iter().any(|x| eval(m, d, entity, i, x)),
        Expr::And(v) => v.iter().all(|x| eval(m, d, entity, i, x)),
        Expr::Not(x) => !eval(m, d, entity, i, x),
        Expr::Compare { attr, op, value } => {
            let lit = literal(value);
            match query::value(m, d, entity, i, &attr.text) {
                Value::Name(s) => match op {
                    Op::Ne => !same(&s, &lit),
                    _ => same(&s, &lit),
                },
                Value::Absent => (lit == "none") == (*op != Op::Ne),
                Value::Number(n) => lit.parse().is_ok_and(|b| order(*op, n, b)),
                Value::List(items) => {
                    let has = items.iter().any(|s| same(s, &lit));
                    if *op == Op::Ne {
                        !has
                    } else {
                        has
                    }
                }
                Value::Flag(_) => false,
            }
        }
        Expr::In { attr, values } => {
            let lits: Vec<std::borrow::Cow<'_, str>> = values.iter().map(literal).collect();
            match query::value(m, d, entity, i, &attr.text) {
                Value::Name(s) => lits.iter().any(|l| same(&s, l)),
                Value::List(items) => items.iter().any(|s| lits.iter().any(|l| same(s, l))),
                Value::Number(n) => lits.iter().any(|l| l.parse() == Ok(n)),
                Value::Absent => lits.iter().any(|l| l == "none"),
                Value::Flag(_) => false,
            }
        }
        Expr::Has { attr } => match query::value(m, d, entity, i, &attr.text) {
            Value::Name(s) => !s.is_empty(),
            Value::List(v) => !v.is_empty(),
            Value::Number(n) => n > 0,
            Value::Flag(b) => b,
            Value::Absent => false,
        },
        Expr::Count { attr, op, value } => match query::value(m, d, entity, i, &attr.text) {
            Value::List(v) => order(*op, v.len() as u64, *value),
            Value::Number(n) => order(*op, n, *value),
            _ => false,
        },
        Expr::Flag { attr } => {
            matches!(query::value(m, d, entity, i, &attr.text), Value::Flag(true))
        }
    }
}
