//! Phase 3, check: the built-in guarantees and the user's rules over a
//! resolved model. One file per family of checks; each is a function from the
//! model to diagnostics, independent of the others, so that every problem is
//! reported in one run.

use crate::diagnostics::Diagnostic;
use crate::model::{query::Derived, Model};

/// Declares the check modules and [`run`] from one list, so that adding a
/// family of checks is its file and one word here.
macro_rules! checks {
    ($($family:ident,)*) => {
        $(mod $family;)*

        /// Every check, in a fixed order (the output is sorted afterwards
        /// anyway). The families are independent, so they run in parallel; the
        /// diagnostics are gathered in the order of the list.
        pub fn run(model: &Model, derived: &Derived) -> Vec<Diagnostic> {
            use rayon::prelude::*;
            type Family = (&'static str, fn(&Model, &Derived) -> Vec<Diagnostic>);
            const FAMILIES: &[Family] = &[$((concat!("check:", stringify!($family)), $family::check),)*];
            FAMILIES
                .par_iter()
                .map(|(name, check)| {
                    let t = std::time::Instant::now();
                    let found = check(model, derived);
                    crate::timing::phase(name, t);
                    found
                })
                .collect::<Vec<_>>()
                .into_iter()
                .flatten()
                .collect()
        }
    };
}

checks! {
    ownership,
    transfers,
    devolution,
    joint,
    limits,
    staffing,
    centre,
    dispatch,
    caps,
    targets,
    hierarchy,
    rules,
    confusables,
    expectations,
}
