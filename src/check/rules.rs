//! User rules: each thing that breaks a rule is an R001, each exception that
//! exempts nothing a W502. The rule language is `docs/language.md` section 4;
//! the codes are explained in `docs/codes/R001.en.md` and `W502.en.md`.

use crate::diagnostics::{Code, Diagnostic, Message};
use crate::model::query::{self, Derived};
use crate::model::{Model, PolicyRule};
use crate::syntax::ast::Quantifier;
use rayon::prelude::*;
use std::collections::HashMap;

/// Evaluates every rule of the set: an R001 per violation, a W502 per exception that exempts nothing.
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
    // which things break the rule, judged on every core (a rule over a
    // million items is most of the check's time); then, in their order, the
    // exceptions that excuse them
    let breaks = |i: usize| {
        query::is_a(m, rule.entity, i)
            && rule.filter.as_ref().is_none_or(|f| f.cond.eval(m, d, i))
            && match (rule.quantifier, &rule.must) {
                (Quantifier::Every, Some(must)) => !must.cond.eval(m, d, i),
                (Quantifier::Every, None) => false,
                (Quantifier::No, _) => true,
            }
    };
    let broken: Vec<usize> = (0..query::count(m, rule.entity))
        .into_par_iter()
        .filter(|&i| breaks(i))
        .collect();
    for i in broken {
        if let Some(&(e, t)) = exempt.get(&(i as u32)) {
            used[e][t] = true;
            continue;
        }
        // a thing whose own references did not resolve is judged once they do:
        // its `owner = none` is the unknown name's consequence, not a finding
        if m.has_unresolved_within(query::label(m, rule.entity, i).1) {
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
                        Message::UnusedException {
                            rule: rule.name.text.clone(),
                            name: name.to_string(),
                        },
                    )
                    .label(*span, Some(Message::LabelUnusedException))
                    .help(Message::HelpUnusedException),
                );
            }
        }
    }
}

fn violation(m: &Model, d: &Derived, rule: &PolicyRule, i: usize) -> Diagnostic {
    let (name, span) = query::label(m, rule.entity, i);
    let term = rule.entity.term();
    let mut attrs = Vec::new();
    if let Some(must) = &rule.must {
        must.cond.attributes(&mut attrs);
    }
    let actual: Vec<String> = attrs
        .iter()
        .map(|a| format!("{} = {}", a.as_str(), query::value(m, d, *a, i).display()))
        .collect();
    let rule_label = match &rule.message {
        Some(msg) => Message::LabelRuleMessage {
            message: msg.clone(),
        },
        None => Message::LabelRule,
    };
    let help = match (&rule.must, actual.is_empty()) {
        (_, true) => Message::HelpRuleExcept { name: name.clone() },
        (Some(must), false) => Message::HelpRuleRequired {
            required: must.cond.written(),
            actual: actual.join(", "),
        },
        (None, false) => Message::HelpRuleActual {
            actual: actual.join(", "),
        },
    };
    let offends = Message::LabelOffends { what: term, name };
    Diagnostic::new(
        Code::R001,
        Message::RuleViolated {
            rule: rule.name.text.clone(),
            subject: Box::new(offends.clone()),
        },
    )
    .severity(rule.severity)
    .label(span, Some(offends))
    .label(rule.name.span, Some(rule_label))
    .help(help)
}
