//! Phase 3, check: the built-in guarantees and the user's rules over a
//! resolved model. One file per family of checks; each is a function from the
//! model to diagnostics, independent of the others, so that every problem is
//! reported in one run.

mod caps;
mod confusables;
mod devolution;
mod hierarchy;
mod joint;
mod ownership;
pub mod rules;
mod targets;
mod transfers;

use crate::diagnostics::Diagnostic;
use crate::model::{query::Derived, Model};

/// Every check, in a fixed order (the output is sorted afterwards anyway).
pub fn run(model: &Model, derived: &Derived) -> Vec<Diagnostic> {
    let checks: [fn(&Model, &Derived) -> Vec<Diagnostic>; 9] = [
        ownership::check,
        transfers::check,
        devolution::check,
        joint::check,
        caps::check,
        targets::check,
        hierarchy::check,
        rules::check,
        confusables::check,
    ];
    let mut out = Vec::new();
    for check in checks {
        out.extend(check(model, derived));
    }
    out
}
