//! A joint case has exactly one lead department and exactly one response tier
//! (E206), and its items come from its lead and member departments (E405).
//! Full explanations and examples: `docs/codes/E206.en.md`, `docs/codes/E405.en.md`.

use crate::diagnostics::{Code, Diagnostic, Message};
use crate::model::{query::Derived, Model};

pub fn check(m: &Model, _: &Derived) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for j in &m.joints {
        let name = &j.name.text;
        let inside = |dept| {
            j.leads
                .iter()
                .chain(j.members.iter())
                .any(|(o, _)| o.department == dept)
        };
        // with no lead the case's shape is reported (E206), not its items
        for (item, span) in j.items.iter().filter(|_| !j.lead_spans.is_empty()) {
            let Some(owner) = m.items[item.index()].owner else {
                continue;
            };
            if inside(owner.department) {
                continue;
            }
            let owner = m.dept(owner.department).name.text.clone();
            out.push(
                Diagnostic::new(
                    Code::E405,
                    Message::JointItemOutside {
                        joint: name.to_string(),
                        item: m.items[item.index()].id.text.clone(),
                        owner: owner.clone(),
                    },
                )
                .label(*span, Some(Message::LabelJointItem))
                .help(Message::HelpJointItem { owner }),
            );
        }
        match j.lead_spans.len() {
            0 => out.push(
                Diagnostic::new(
                    Code::E206,
                    Message::JointNoLead {
                        name: name.to_string(),
                    },
                )
                .label(j.name.span, Some(Message::LabelThisJoint))
                .help(Message::HelpJointLead),
            ),
            1 => {}
            n => {
                let mut d = Diagnostic::new(
                    Code::E206,
                    Message::JointManyLeads {
                        name: name.to_string(),
                        count: n.into(),
                    },
                );
                for s in &j.lead_spans {
                    d = d.label(*s, Some(Message::LabelLeadHere));
                }
                out.push(d.help(Message::HelpJointLead));
            }
        }
        match j.tier_spans.len() {
            0 => out.push(
                Diagnostic::new(
                    Code::E206,
                    Message::JointNoTier {
                        name: name.to_string(),
                    },
                )
                .label(j.name.span, Some(Message::LabelThisJoint))
                .help(Message::HelpJointTier),
            ),
            1 => {}
            n => {
                let mut d = Diagnostic::new(
                    Code::E206,
                    Message::JointManyTiers {
                        name: name.to_string(),
                        count: n.into(),
                    },
                );
                for s in &j.tier_spans {
                    d = d.label(*s, Some(Message::LabelTierHere));
                }
                out.push(d.help(Message::HelpJointTier));
            }
        }
    }
    out
}
