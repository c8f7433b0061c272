//! Confusable names (W104): two declared names of one kind that are different
//! names but look alike (UTS #39 skeletons of their keys); item, transfer and
//! devolution ids are left out (each is checked on its own, E108, in
//! `model::build`). Full explanation: `docs/codes/W104.en.md`.

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
