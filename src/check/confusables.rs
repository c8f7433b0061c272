//! Confusable names (W104): two declared names of the same kind that are
//! different names but look the same (Unicode UTS #39 skeletons: `O` and `0`,
//! Latin and Cyrillic letters, look-alike ideograph components …).
//!
//! Why: spellings of one name are merged (see `names`), but names that only
//! look alike are kept apart; a reader cannot tell them apart, so the policy
//! should not ask them to. Item, transfer and devolution ids are left out:
//! they are codes, and a mistyped code reference is already an E102.
//!
//! ```text
//! agency WZ-Shipyard : enterprise
//! agency WZ-Shipyаrd : enterprise     # W104: the second `а` is Cyrillic U+0430
//! ```
//! (A Kangxi radical such as `⾦` U+2FA6 is *not* a confusable: NFKC folds it
//! into `金`, so the two spellings are one name.)

use crate::diagnostics::{Code, Diagnostic, Message, Term};
use crate::model::{query::Derived, Model};
use crate::names;
use crate::syntax::ast::Name;
use std::collections::HashMap;

pub fn check(m: &Model, _: &Derived) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let groups: [(Term, Vec<&Name>); 9] = [
        (
            Term::Department,
            m.departments.iter().map(|x| &x.name).collect(),
        ),
        (Term::Module, m.modules.iter().map(|x| &x.name).collect()),
        (Term::Bureau, m.bureaus.iter().map(|x| &x.name).collect()),
        (Term::Office, m.offices.iter().map(|x| &x.name).collect()),
        (Term::Agency, m.agencies.iter().map(|x| &x.name).collect()),
        (Term::Area, m.areas.iter().map(|x| &x.name).collect()),
        (Term::Grid, m.grids.iter().map(|x| &x.name).collect()),
        (Term::Joint, m.joints.iter().map(|x| &x.name).collect()),
        (Term::Event, m.events.iter().map(|x| &x.name).collect()),
    ];
    for (term, list) in groups {
        let mut by_skeleton: HashMap<String, (&Name, String)> = HashMap::new();
        for n in list {
            let key = names::key(&n.text).into_owned();
            let skel = names::skeleton(&key);
            match by_skeleton.get(&skel) {
                Some((first, first_key)) if *first_key != key => out.push(
                    Diagnostic::new(
                        Code::W104,
                        Message::Confusable {
                            a: n.text.clone(),
                            b: first.text.clone(),
                        },
                    )
                    .label(n.span, Some(Message::LabelThisName))
                    .label(first.span, Some(Message::LabelLooksLike))
                    .help(Message::HelpConfusable { what: term }),
                ),
                Some(_) => {}
                None => {
                    by_skeleton.insert(skel, (n, key));
                }
            }
        }
    }
    out
}
