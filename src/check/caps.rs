//! Caps hold (E301): no more departments of a category, and no more transfers
//! in the catalogue, than `caps` allows.
//! What is reported and why, with an example: `docs/codes/E301.en.md`.

use crate::diagnostics::{Code, Diagnostic, Message, Term};
use crate::model::{query::Derived, Cap, CapKey, Model, Staffing};
use crate::syntax::ast::Category;

/// How many members of a cap that is passed are named in the help.
const LISTED: usize = 20;

pub fn check(m: &Model, _: &Derived) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for cap in &m.caps {
        if let Some(d) = staffing_cap(m, cap) {
            out.push(d);
            continue;
        }
        let (term, members): (Term, Vec<&str>) = match cap.key {
            CapKey::Category(c) => (
                match c {
                    Category::Party => Term::Party,
                    Category::Government => Term::Government,
                    Category::Institution => Term::Institution,
                },
                m.departments
                    .iter()
                    .filter(|d| d.category == c)
                    .map(|d| d.name.text.as_str())
                    .collect(),
            ),
            CapKey::Catalogue => (
                Term::Catalogue,
                m.transfers.iter().map(|t| t.id.text.as_str()).collect(),
            ),
            CapKey::Establishment | CapKey::LeadershipPosts => continue,
        };
        let count = members.len() as u64;
        if count <= cap.value {
            continue;
        }
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
            CapKey::Catalogue | CapKey::Establishment | CapKey::LeadershipPosts => (
                Message::CatalogueExceeded {
                    count: count.into(),
                    cap: cap.value.into(),
                },
                Message::HelpCatalogue,
            ),
        };
        // the cap is what was passed, and no one member is "the one over it":
        // point at the cap and name every member counted
        let listed: Vec<String> = members
            .iter()
            .take(LISTED)
            .map(|s| s.to_string())
            .collect();
        let help = if members.len() > LISTED {
            Message::HelpCapCounted {
                members: listed,
                more: (members.len() - LISTED).into(),
                help: Box::new(help),
            }
        } else {
            Message::HelpCapCountedAll {
                members: listed,
                help: Box::new(help),
            }
        };
        out.push(
            Diagnostic::new(Code::E301, message)
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

/// A cap on posts (`establishment`, `leadership_posts`): the departments'
/// figures summed, pointing at the department whose posts pass the cap.
/// `None` for the other caps, and for a cap that holds.
fn staffing_cap(m: &Model, cap: &Cap) -> Option<Diagnostic> {
    let (what, figure): (Term, fn(&Staffing) -> u64) = match cap.key {
        CapKey::Establishment => (Term::Posts, |s| s.establishment()),
        CapKey::LeadershipPosts => (Term::LeadershipPosts, |s| s.leadership),
        CapKey::Category(_) | CapKey::Catalogue => return None,
    };
    let mut total: u64 = 0;
    let mut over = None;
    for s in m.departments.iter().filter_map(|d| d.staffing.as_ref()) {
        total = total.saturating_add(figure(s));
        if total > cap.value && over.is_none() {
            over = Some(s.span);
        }
    }
    let over = over?;
    Some(
        Diagnostic::new(
            Code::E301,
            Message::StaffCapExceeded {
                what,
                count: total.into(),
                cap: cap.value.into(),
            },
        )
        .label(over, Some(Message::LabelPassesCap))
        .label(
            cap.span,
            Some(Message::LabelCap {
                cap: cap.value.into(),
            }),
        )
        .help(Message::HelpStaffCap),
    )
}
