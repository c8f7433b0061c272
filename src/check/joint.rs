//! A joint case has exactly one lead department and exactly one response tier
//! (E206). Full explanation and example: `docs/codes/E206.en.md`.

use crate::diagnostics::{Code, Diagnostic, Message};
use crate::model::{query::Derived, Model};

pub fn check(m: &Model, _: &Derived) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for j in &m.joints {
        let name = &j.name.text;
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
