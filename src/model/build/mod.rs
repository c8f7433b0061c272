//! Name resolution: declare every named thing, then resolve every reference.
//! Reports duplicates (E101, E201 for items with two owners), unknown names
//! with a "did you mean" (E102), invisible characters (E103), spelling variants
//! (W105), and unknown keys in caps, targets and rules (E106, E107).
//!
//! `declare.rs` is pass 1 (every named thing, duplicates), `resolve.rs` pass 2
//! (references), `figures.rs` the caps and targets, `rules.rs` the typing of
//! user rules.

mod declare;
mod figures;
mod resolve;
mod rules;

use super::query::Derived;
use super::*;
use crate::diagnostics::{suggest, Code, Diagnostic, Message, Term};
use crate::names;
use crate::syntax::ast::Decl;
use rustc_hash::FxHashMap as HashMap;
use std::collections::hash_map::Entry;

type Map<T> = HashMap<String, T>;

#[derive(Default)]
pub(super) struct Names {
    tiers: Map<TierId>,
    kinds: Map<KindId>,
    bureaus: Map<BureauId>,
    offices: HashMap<(BureauId, String), OfficeId>,
    depts: Map<DeptId>,
    modules: HashMap<(DeptId, String), ModuleId>,
    groups: HashMap<(ModuleId, String), GroupId>,
    items: Map<ItemId>,
    agencies: Map<AgencyId>,
    transfers: Map<TransferId>,
    areas: Map<AreaId>,
    codes: Map<AreaId>,
    grids: Map<GridId>,
    devolutions: Map<DevolutionId>,
    joints: Map<JointId>,
    events: Map<EventId>,
    centres: Map<CentreId>,
    services: Map<usize>,
    measures: Map<usize>,
    /// Rules kept so far, by key: index into `Model::rules`.
    rules: Map<usize>,
}

pub(super) struct Builder {
    m: Model,
    n: Names,
    diags: Vec<Diagnostic>,
}

/// Build the model from every file's declarations (in file order).
pub fn build(decls: &[Decl]) -> (Model, Derived, Vec<Diagnostic>) {
    let mut b = Builder {
        m: Model::default(),
        n: Names::default(),
        diags: Vec::new(),
    };
    for (name, label, devolvable) in BUILTIN_KINDS {
        b.n.kinds
            .insert(name.to_string(), KindId(b.m.kinds.len() as u32));
        b.m.kinds.push(Kind {
            name: Name {
                text: name.to_string(),
                span: Span::default(),
            },
            label: Some(Name {
                text: label.to_string(),
                span: Span::default(),
            }),
            devolvable,
            span: None,
        });
    }
    clear_suggesters();
    for d in decls {
        b.declare(d);
    }
    for d in decls {
        b.resolve(d);
    }
    clear_suggesters();
    let derived = Derived::new(&b.m);
    (b.m, derived, b.diags)
}

fn key(n: &Name) -> String {
    names::key(&n.text).into_owned()
}

/// The key without a copy when the name is already normal (most names), for lookups.
fn k(n: &Name) -> std::borrow::Cow<'_, str> {
    names::key(&n.text)
}

/// E103 for a name holding an invisible or control character.
fn hygiene(diags: &mut Vec<Diagnostic>, n: &Name) {
    if let Some((off, c)) = names::first_invisible(&n.text) {
        let quoted = n.span.len() == n.text.len() + 2;
        let start = n.span.start as usize + off + usize::from(quoted);
        let shown = format!("U+{:04X}", c as u32);
        diags.push(
            Diagnostic::new(
                Code::E103,
                Message::Invisible {
                    char: shown.clone(),
                },
            )
            .label(
                Span::new(n.span.file, start, start + c.len_utf8()),
                Some(Message::LabelInvisible {
                    char: shown.to_string(),
                }),
            )
            .help(Message::HelpInvisible),
        );
    }
}

fn duplicate(diags: &mut Vec<Diagnostic>, what: Term, first: &Name, again: &Name) {
    // "the same name once normalised" only when it really is a spelling variant
    let help = if first.text.trim() != again.text.trim() && key(first) == key(again) {
        Message::HelpSameName {
            a: first.text.clone(),
            b: again.text.clone(),
        }
    } else {
        Message::HelpRemoveOne
    };
    diags.push(
        Diagnostic::new(
            Code::E101,
            Message::Duplicate {
                what,
                name: again.text.clone(),
            },
        )
        .label(again.span, Some(Message::LabelDeclaredAgain))
        .label(first.span, Some(Message::LabelFirstDeclared))
        .help(help),
    );
}

/// Declare `name` in `map`; on a clash report E101 against the first
/// declaration (found through `first`) and return `None`.
fn declare<'a, T: Copy>(
    diags: &mut Vec<Diagnostic>,
    map: &mut Map<T>,
    name: &Name,
    what: Term,
    next: T,
    first: impl Fn(T) -> &'a Name,
) -> Option<T> {
    hygiene(diags, name);
    match map.entry(key(name)) {
        Entry::Occupied(e) => {
            duplicate(diags, what, first(*e.get()), name);
            None
        }
        Entry::Vacant(v) => {
            v.insert(next);
            Some(next)
        }
    }
}

/// Resolve a reference. On a miss report E102 with the closest declared name.
fn lookup<'a, T: Copy, K: 'a + AsRef<str>>(
    diags: &mut Vec<Diagnostic>,
    found: Option<T>,
    name: &Name,
    what: Term,
    candidates: impl Iterator<Item = &'a K>,
    declared: impl Fn(T) -> &'a Name,
) -> Option<T> {
    hygiene(diags, name);
    match found {
        Some(id) => {
            let decl = declared(id);
            // only suggest the declared spelling when it is itself the normal one
            // cheapest test first: most references are spelled as declared
            if name.text.trim() != decl.text.trim()
                && names::first_invisible(&name.text).is_none()
                && names::key(&decl.text) == decl.text.trim()
            {
                diags.push(
                    Diagnostic::new(
                        Code::W105,
                        Message::SpellingVariant {
                            written: name.text.clone(),
                            declared: decl.text.clone(),
                        },
                    )
                    .label(name.span, None)
                    .label(
                        decl.span,
                        Some(Message::LabelDeclaredAs {
                            declared: decl.text.clone(),
                        }),
                    )
                    .help(Message::HelpSpelling {
                        declared: decl.text.clone(),
                    }),
                );
            }
            Some(id)
        }
        None => {
            unresolved(diags, name, what, candidates.map(|k| k.as_ref()));
            None
        }
    }
}

/// Resolve a name in one of the builder's maps (see `lookup`). On a miss the
/// "did you mean" comes from an index of the map built once per build (the
/// maps no longer change once references are resolved), so that many unknown
/// names among many declared ones cost linear time.
fn lookup_in<'a, T: Copy>(
    diags: &mut Vec<Diagnostic>,
    map: &'a Map<T>,
    name: &Name,
    what: Term,
    declared: impl Fn(T) -> &'a Name,
) -> Option<T> {
    let found = map.get(k(name).as_ref()).copied();
    if found.is_some() {
        return lookup(diags, found, name, what, map.keys(), declared);
    }
    hygiene(diags, name);
    let wanted = key(name);
    let suggestion = SUGGESTERS.with(|cell| {
        let mut cache = cell.borrow_mut();
        let id = (map as *const Map<T> as usize, map.len());
        let s = cache
            .entry(id)
            .or_insert_with(|| names::Suggester::new(map.keys().map(String::as_str)));
        s.suggest(&wanted).map(str::to_string)
    });
    unresolved_with(diags, name, what, suggestion);
    None
}

thread_local! {
    /// One "did you mean" index per map (by address and size) of the build
    /// under way on this thread; emptied when a build starts and ends.
    static SUGGESTERS: std::cell::RefCell<HashMap<(usize, usize), names::Suggester>> =
        std::cell::RefCell::new(HashMap::default());
}

fn clear_suggesters() {
    SUGGESTERS.with(|cell| cell.borrow_mut().clear());
}

fn unresolved_with(
    diags: &mut Vec<Diagnostic>,
    name: &Name,
    what: Term,
    suggestion: Option<String>,
) {
    let help = suggestion.map(|s| Message::HelpDidYouMean { suggestion: s });
    diags.push(
        Diagnostic::new(
            Code::E102,
            Message::Unresolved {
                what,
                name: name.text.clone(),
            },
        )
        .label(name.span, Some(Message::LabelNotDeclared))
        .maybe_help(help),
    );
}

fn unresolved<'a>(
    diags: &mut Vec<Diagnostic>,
    name: &Name,
    what: Term,
    candidates: impl Iterator<Item = &'a str>,
) {
    let wanted = key(name);
    let suggestion = suggest::did_you_mean(&wanted, candidates).map(str::to_string);
    unresolved_with(diags, name, what, suggestion);
}

fn unknown_key(diags: &mut Vec<Diagnostic>, name: &Name, what: Term, valid: &[&str]) {
    let help = match suggest::did_you_mean(&name.text, valid.iter().copied()) {
        Some(s) => Message::HelpDidYouMean {
            suggestion: s.to_string(),
        },
        None => Message::HelpOneOf {
            names: valid.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        },
    };
    diags.push(
        Diagnostic::new(
            Code::E106,
            Message::UnknownKey {
                what,
                name: name.text.clone(),
            },
        )
        .label(name.span, None)
        .help(help),
    );
}
