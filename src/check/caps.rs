//! Caps hold (E301): no more departments of a category, and no more transfers
//! in the catalogue, than `caps` allows.
//! What is reported and why, with an example: `docs/codes/E301.en.md`.

use crate::diagnostics::{Code, Diagnostic, Message, Term};
use crate::model::{query::Derived, CapKey, Model};
use crate::syntax::ast::Category;

pub fn check(m: &Model, _: &Derived) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for cap in &m.caps {
        let (term, spans): (Term, Vec<crate::source::Span>) = match cap.key {
            CapKey::Category(c) => (
                match c {
                    Category::Party => Term::Party,
                    Category::Government => Term::Government,
                    Category::Institution => Term::Institution,
                },
                m.departments
                    .iter()
                    .filter(|d| d.category == c)
                    .map(|d| d.name.span)
                    .collect(),
            ),
            CapKey::Catalogue => (
                Term::Catalogue,
                m.transfers.iter().map(|t| t.id.span).collect(),
            ),
        };
        let count = spans.len() as u64;
        if count <= cap.value {
            continue;
        }
        let Some(&first_over) = spans.get(cap.value as usize) else {
            continue;
        };
        // the catalogue's size is its own figure, with its own advice
        let (message, help) = match cap.key {
            CapKey::Category(_) => (
                Message::CapExceeded {
                    category: term,
                    count: count.into(),
                    cap: cap.value.into(),
                },
                Message::HelpCap,
            ),
            CapKey::Catalogue => (
                Message::CatalogueExceeded {
                    count: count.into(),
                    cap: cap.value.into(),
                },
                Message::HelpCatalogue,
            ),
        };
        out.push(
            Diagnostic::new(Code::E301, message)
            .label(
                first_over,
                Some(Message::LabelOverCap {
                    count: (cap.value + 1).into(),
                }),
            )
            .label(
                cap.span,
                Some(Message::LabelCap {
                    cap: cap.value.into(),
                }),
            )
            .help(help),
        );
    }
    out
}
