//! A department's staffing adds up (E208): the cadres it has in the
//! communities and its leadership posts fit within its establishment.
//! City-wide caps on posts are E301 (`caps.rs`).
//! Full explanation and example: `docs/codes/E208.en.md`.

use crate::diagnostics::{Code, Diagnostic, Message, Term};
use crate::model::{query::Derived, Model};

pub fn check(m: &Model, _: &Derived) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for d in &m.departments {
        let Some(s) = &d.staffing else {
            continue;
        };
        let establishment = s.establishment();
        for (what, count, span) in [
            (Term::CadresInCommunities, s.in_communities, s.in_communities_span),
            (Term::LeadershipPosts, s.leadership, s.leadership_span),
        ] {
            if count <= establishment {
                continue;
            }
            out.push(
                Diagnostic::new(
                    Code::E208,
                    Message::StaffingOver {
                        department: d.name.text.clone(),
                        what,
                        count: count.into(),
                        establishment: establishment.into(),
                    },
                )
                .label(span, Some(Message::LabelStaffingOver))
                .label(s.span, Some(Message::LabelStaffing))
                .help(Message::HelpStaffing),
            );
        }
    }
    out
}
