//! A rule's conditions, resolved: attributes are [`Attr`] values and compared
//! values are name keys, both fixed when the model is built, so evaluating a
//! rule for a million items never looks at the spelling of an attribute.
//!
//! Evaluation lives here, in the model, because two later phases ask it: the
//! rule check (`check::rules`) and `orgc route`, which lists the rules that
//! hold for what it answers about.

use super::query::{self, Derived, Value};
use super::Model;
use crate::names;
use crate::source::Span;
use crate::syntax::ast::Op;
use crate::vocab::Attr;

/// A condition of a rule (`where …`, `must …`).
#[derive(Clone, Debug, PartialEq)]
pub enum Cond {
    /// `C or C …`: at least one holds.
    Or(Vec<Cond>),
    /// `C and C …`: all hold.
    And(Vec<Cond>),
    /// `not C`: C does not hold.
    Not(Box<Cond>),
    /// `attr op value`; `value` is the compared name's key (`names::key`).
    Compare {
        /// The attribute compared.
        attr: Attr,
        /// The comparison.
        op: Op,
        /// The compared value's key, or the number as text.
        value: String,
    },
    /// `attr in [v, …]`, each value a name key.
    In {
        /// The attribute tested.
        attr: Attr,
        /// The listed values' keys.
        values: Vec<String>,
    },
    /// `has attr`
    Has {
        /// The attribute that must be set (a list non-empty, a yes/no attribute yes).
        attr: Attr,
    },
    /// `count(attr) op n`
    Count {
        /// The list attribute counted.
        attr: Attr,
        /// The comparison.
        op: Op,
        /// The number of entries compared with.
        value: u64,
    },
    /// A bare yes/no attribute.
    Flag {
        /// The yes/no attribute.
        attr: Attr,
    },
}

/// A resolved condition and where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    /// The condition itself.
    pub cond: Cond,
    /// Where it is written in the rule.
    pub span: Span,
}

impl Cond {
    /// The condition as a rule would write it (`owner = 行政审批局`,
    /// `has statutory or immediate`), for a message that shows what a rule requires.
    pub fn written(&self) -> String {
        let inner = |c: &Cond, in_and: bool| {
            let w = c.written();
            match c {
                Cond::Or(v) if v.len() > 1 => format!("({w})"),
                Cond::And(v) if v.len() > 1 && !in_and => format!("({w})"),
                _ => w,
            }
        };
        match self {
            Cond::Or(v) => v
                .iter()
                .map(|c| inner(c, false))
                .collect::<Vec<_>>()
                .join(" or "),
            Cond::And(v) => v
                .iter()
                .map(|c| inner(c, true))
                .collect::<Vec<_>>()
                .join(" and "),
            Cond::Not(x) => format!("not {}", inner(x, false)),
            Cond::Compare { attr, op, value } => {
                format!("{} {} {value}", attr.as_str(), op.as_str())
            }
            Cond::In { attr, values } => format!("{} in [{}]", attr.as_str(), values.join(", ")),
            Cond::Has { attr } => format!("has {}", attr.as_str()),
            Cond::Count { attr, op, value } => {
                format!("count({}) {} {value}", attr.as_str(), op.as_str())
            }
            Cond::Flag { attr } => attr.as_str().to_string(),
        }
    }

    /// The attributes the condition reads, in order, without repeats.
    pub fn attributes(&self, out: &mut Vec<Attr>) {
        match self {
            Cond::Or(v) | Cond::And(v) => v.iter().for_each(|x| x.attributes(out)),
            Cond::Not(x) => x.attributes(out),
            Cond::Compare { attr, .. }
            | Cond::In { attr, .. }
            | Cond::Has { attr }
            | Cond::Count { attr, .. }
            | Cond::Flag { attr } => {
                if !out.contains(attr) {
                    out.push(*attr);
                }
            }
        }
    }

    /// Whether the condition holds for thing `i` of its attributes' entity.
    /// `none` as a value stands for an attribute that is not set.
    pub fn eval(&self, m: &Model, d: &Derived, i: usize) -> bool {
        match self {
            Cond::Or(v) => v.iter().any(|x| x.eval(m, d, i)),
            Cond::And(v) => v.iter().all(|x| x.eval(m, d, i)),
            Cond::Not(x) => !x.eval(m, d, i),
            Cond::Compare { attr, op, value } => match query::value(m, d, *attr, i) {
                Value::Name(s) => match op {
                    Op::Ne => !same(&s, value),
                    _ => same(&s, value),
                },
                Value::Absent => (value == NONE) == (*op != Op::Ne),
                // a number that is set is not `none`
                Value::Number(_) if value == NONE => *op == Op::Ne,
                Value::Number(n) => value.parse().is_ok_and(|b| order(*op, n, b)),
                Value::List(items) => {
                    let has = items.iter().any(|s| same(s, value));
                    if *op == Op::Ne {
                        !has
                    } else {
                        has
                    }
                }
                Value::Flag(_) => false,
            },
            Cond::In { attr, values } => match query::value(m, d, *attr, i) {
                Value::Name(s) => values.iter().any(|l| same(&s, l)),
                Value::List(items) => items.iter().any(|s| values.iter().any(|l| same(s, l))),
                Value::Number(n) => values.iter().any(|l| l.parse() == Ok(n)),
                Value::Absent => values.iter().any(|l| l == NONE),
                Value::Flag(_) => false,
            },
            Cond::Has { attr } => match query::value(m, d, *attr, i) {
                Value::Name(s) => !s.is_empty(),
                Value::List(v) => !v.is_empty(),
                // 0 is a value: an immediate item's committed limit is 0 days
                Value::Number(_) => true,
                Value::Flag(b) => b,
                Value::Absent => false,
            },
            Cond::Count { attr, op, value } => match query::value(m, d, *attr, i) {
                Value::List(v) => order(*op, v.len() as u64, *value),
                Value::Number(n) => order(*op, n, *value),
                Value::Name(_) | Value::Flag(_) | Value::Absent => false,
            },
            Cond::Flag { attr } => matches!(query::value(m, d, *attr, i), Value::Flag(true)),
        }
    }
}

/// The value that stands for "not set".
pub const NONE: &str = "none";

fn same(a: &str, key: &str) -> bool {
    names::key(a) == key
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
