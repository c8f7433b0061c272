//! An `expect` line is about something that exists (E503): an expectation
//! whose subject (or place) was renamed or removed is stale, and `orgc check`
//! says so before `orgc test` is ever run.
//! Full explanation and example: `docs/codes/E503.en.md`.

use crate::diagnostics::Diagnostic;
use crate::model::{query::Derived, Model};

pub fn check(m: &Model, _: &Derived) -> Vec<Diagnostic> {
    crate::expect::stale(m)
}
