//! A joint case has exactly one lead department and exactly one response tier
//! (E206). Full explanation and example: `docs/codes/E206.en.md`.

use crate::diagnostics::{Code, Diagnostic, Key, Text};
use crate::model::{query::Derived, Model};

pub fn check(m: &Model, _: &Derived) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for j in &m.joints {
        let name = &j.name.text;
        match j.lead_spans.len() {
            0 => out.push(
                Diagnostic::new(Code::E206, Text::new(Key::JointNoLead).arg("name", name))
                    .label(j.name.span, Some(Text::new(Key::LabelThisJoint)))
                    .help(Text::new(Key::HelpJointLead)),
            ),
            1 => {}
            n => {
                let mut d = Diagnostic::new(
                    Code::E206,
                    Text::new(Key::JointManyLeads)
                        .arg("name", name)
                        .arg("count", n),
                );
                for s in &j.lead_spans {
                    d = d.label(*s, Some(Text::new(Key::LabelLeadHere)));
                }
                out.push(d.help(Text::new(Key::HelpJointLead)));
            }
        }
        match j.tier_spans.len() {
            0 => out.push(
                Diagnostic::new(Code::E206, Text::new(Key::JointNoTier).arg("name", name))
                    .label(j.name.span, Some(Text::new(Key::LabelThisJoint)))
                    .help(Text::new(Key::HelpJointTier)),
            ),
            1 => {}
            n => {
                let mut d = Diagnostic::new(
                    Code::E206,
                    Text::new(Key::JointManyTiers)
                        .arg("name", name)
                        .arg("count", n),
                );
                for s in &j.tier_spans {
                    d = d.label(*s, Some(Text::new(Key::LabelTierHere)));
                }
                out.push(d.help(Text::new(Key::HelpJointTier)));
            }
        }
    }
    out
}
