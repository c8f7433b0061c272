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
mod mass;
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
    // per department and per module, so that a lookup borrows the name's key
    modules: HashMap<DeptId, Map<ModuleId>>,
    groups: HashMap<ModuleId, Map<GroupId>>,
    items: mass::ItemIds,
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

use mass::Prepped;
pub use mass::{prepare, prepare_deferring, Prepared};

/// Build the model from every file's declarations (in file order).
pub fn build(decls: &[Decl]) -> (Model, Derived, Vec<Diagnostic>) {
    build_with_broken(decls, &[])
}

/// Build the model, knowing the names of the declarations that were left out
/// for a syntax error (`syntax::Parsed::broken`): a reference to one of them
/// is not reported as unknown (E102), since the syntax error is its cause.
/// Either way the model is marked incomplete and remembers where references
/// did not resolve, so that checks do not report consequences of the cause.
pub fn build_with_broken(
    decls: &[Decl],
    broken: &[ast::Name],
) -> (Model, Derived, Vec<Diagnostic>) {
    let mut builder = ModelBuilder::new();
    builder.declare_file(prepare(decls.to_vec()));
    builder.finish(broken)
}

/// Builds the model one file at a time, as the files are parsed: pass 1
/// (declare) takes each file's declarations in file order and keeps what pass
/// 2 (resolve, in [`ModelBuilder::finish`]) needs, so that a file's syntax
/// tree is freed as soon as it is declared rather than once every file is.
pub struct ModelBuilder {
    b: Builder,
    /// The declarations other than the mass ones, for pass 2, in file order.
    rest: Vec<Decl>,
    /// What pass 2 needs of the items, services and measures.
    pending: mass::Pending,
    /// Time spent declaring, for `ORGC_TIMINGS`.
    declaring: std::time::Duration,
}

impl Default for ModelBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl ModelBuilder {
    /// A builder that knows the built-in item kinds.
    pub fn new() -> Self {
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
        ModelBuilder {
            b,
            rest: Vec::new(),
            pending: mass::Pending::default(),
            declaring: std::time::Duration::ZERO,
        }
    }

    /// Room for this many items, centre services and measures (a hint: the
    /// model grows past it as needed).
    pub fn reserve(&mut self, items: usize, services: usize, measures: usize) {
        let Builder { m, n, .. } = &mut self.b;
        // a hint from counting lines: a hostile file of short lines could ask
        // for more than the machine has, so room not to be had is not made
        if m.items.try_reserve(items).is_ok() {
            let _ = n.items.try_reserve(items, &m.items);
        }
        let _ = m
            .services
            .try_reserve(services)
            .and(n.services.try_reserve(services));
        let _ = m
            .measures
            .try_reserve(measures)
            .and(n.measures.try_reserve(measures));
    }

    /// Pass 1 over the next file's declarations, in file order, with what
    /// [`prepare`] made of them.
    pub fn declare_file(&mut self, prepared: Prepared) {
        let t = std::time::Instant::now();
        let ModelBuilder {
            b, rest, pending, ..
        } = self;
        b.diags.extend(prepared.diags);
        for d in prepared.decls {
            match d {
                Prepped::Item(it, prep) => b.declare_item(it, prep, pending),
                Prepped::Service(s, prep) => b.declare_service(s, prep, pending),
                Prepped::Measure(x, prep) => b.declare_measure(x, prep, pending),
                Prepped::Other(d) => {
                    b.declare(&d);
                    rest.push(d);
                }
            }
        }
        self.declaring += t.elapsed();
    }

    /// How many items, centre services and measures wait for pass 2 (tests).
    #[doc(hidden)]
    pub fn kept_for_pass_2(&self) -> usize {
        self.pending.len()
    }

    /// Pass 2, once every file is declared: resolve every reference, then
    /// derive what rules and routing tables need. `broken` as in
    /// [`build_with_broken`].
    pub fn finish(self, broken: &[ast::Name]) -> (Model, Derived, Vec<Diagnostic>) {
        let ModelBuilder {
            mut b,
            rest,
            pending,
            declaring,
        } = self;
        crate::timing::report("declare", declaring);
        let t = std::time::Instant::now();
        for d in &rest {
            b.resolve(d);
        }
        b.resolve_pending(&pending);
        crate::timing::phase("resolve", t);
        // what pass 2 kept of the syntax tree: a few small strings per
        // declaration, freed a part per task
        let t = std::time::Instant::now();
        rayon::join(|| drop(rest), || pending.free());
        crate::timing::phase("free-syntax", t);
        let broken: std::collections::HashSet<String> = broken.iter().map(key).collect();
        b.m.unresolved_at = b
            .diags
            .iter()
            .filter(|d| d.code == Code::E102)
            .filter_map(Diagnostic::primary)
            .map(|s| s.key())
            .collect();
        b.m.unresolved_at.sort_unstable();
        b.diags.retain(|d| match &d.message {
            Message::Unresolved { name, .. } if d.code == Code::E102 => {
                !broken.contains(names::key(name).as_ref())
            }
            _ => true,
        });
        b.m.incomplete = !broken.is_empty() || b.diags.iter().any(Diagnostic::is_error);
        clear_suggesters();
        let t = std::time::Instant::now();
        let derived = Derived::new(&b.m);
        crate::timing::phase("derive", t);
        (b.m, derived, b.diags)
    }
}

fn key(n: &Name) -> String {
    names::key(&n.text).into_owned()
}

/// An id as the model keeps it: its key (NFKC, trimmed), so that what reaches
/// the routing tables is always the normal form.
fn normal(n: &Name) -> Name {
    Name {
        text: key(n),
        span: n.span,
    }
}

/// The key without a copy when the name is already normal (most names), for lookups.
fn k(n: &Name) -> std::borrow::Cow<'_, str> {
    names::key(&n.text)
}

/// E103 for a name holding an invisible or control character. Its label
/// covers the whole name as written (quotes and escapes included): where the
/// character is in the source is found from the source itself, by
/// [`point_at_invisible`], once the text is at hand.
fn hygiene(diags: &mut Vec<Diagnostic>, n: &Name) {
    if let Some((_, c)) = names::first_invisible(&n.text) {
        let shown = format!("U+{:04X}", c as u32);
        diags.push(
            Diagnostic::new(
                Code::E103,
                Message::Invisible {
                    char: shown.clone(),
                },
            )
            .label(
                n.span,
                Some(Message::LabelInvisible {
                    char: shown.to_string(),
                }),
            )
            .help(Message::HelpInvisible),
        );
    }
}

/// Narrows the label of each E103 from the whole name to its first invisible
/// character, found in the source text as written: in a quoted name, escapes
/// (`\"`, `\\`) before the character make the source longer than the name,
/// so an offset into the name is not an offset into the source. (Escapes are
/// ASCII, so the first invisible character of the name is the first of its
/// source.)
pub fn point_at_invisible(diags: &mut [Diagnostic], sources: &crate::source::SourceMap) {
    for d in diags.iter_mut().filter(|d| d.code == Code::E103) {
        let Some(label) = d.labels.first_mut() else {
            continue;
        };
        let written = sources.text(label.span);
        if let Some((off, c)) = names::first_invisible(written) {
            let start = label.span.start as usize + off;
            label.span = Span::new(label.span.file, start, start + c.len_utf8());
        }
    }
}

/// E108 for a declared id (an item's, a transfer's, a devolution's) that is an
/// ASCII code but for a look-alike or full-width character: `SP-０００5`
/// (full-width digits), `SP-O001` (the letter O among digits), `А-1`
/// (Cyrillic А). Such an id would reach the routing tables as written, where
/// `where id = 'SP-0005'` does not find it. Returns whether it was reported.
fn id_spelling(diags: &mut Vec<Diagnostic>, what: Term, id: &Name) -> bool {
    let Some((ascii, (off, found, wanted))) = names::ascii_id(&id.text) else {
        return false;
    };
    let quoted = id.span.len() == id.text.len() + 2;
    let start = id.span.start as usize + off + usize::from(quoted);
    diags.push(
        Diagnostic::new(
            Code::E108,
            Message::IdSpelling {
                what,
                id: id.text.clone(),
                ascii: ascii.clone(),
            },
        )
        .label(
            Span::new(id.span.file, start, start + found.len()),
            Some(Message::LabelIdChar {
                found,
                ascii: wanted,
            }),
        )
        .help(Message::HelpIdSpelling { ascii }),
    );
    true
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
    declare_keyed(diags, map, key(name), name, what, next, first)
}

/// [`declare`] under a key already computed, its E103 already reported.
fn declare_keyed<'a, T: Copy>(
    diags: &mut Vec<Diagnostic>,
    map: &mut Map<T>,
    key: String,
    name: &Name,
    what: Term,
    next: T,
    first: impl Fn(T) -> &'a Name,
) -> Option<T> {
    match map.entry(key) {
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
fn lookup<'a, T: Copy, K: 'a + AsRef<str> + ?Sized>(
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
    let index = (map as *const Map<T> as usize, map.len());
    lookup_found(
        diags,
        found,
        index,
        || map.keys().map(String::as_str),
        name,
        what,
        declared,
    )
}

/// [`lookup_in`] once the name's key has been looked up in a table of names:
/// `found`, and the table's every key from `keys`. `table` tells one table
/// from another (its address and size) for the "did you mean" index.
fn lookup_found<'a, T: Copy, I: Iterator<Item = &'a str>>(
    diags: &mut Vec<Diagnostic>,
    found: Option<T>,
    table: (usize, usize),
    keys: impl Fn() -> I,
    name: &Name,
    what: Term,
    declared: impl Fn(T) -> &'a Name,
) -> Option<T> {
    if found.is_some() {
        return lookup(diags, found, name, what, keys(), declared);
    }
    hygiene(diags, name);
    let wanted = key(name);
    let suggestion = SUGGESTERS.with(|cell| {
        let mut cache = cell.borrow_mut();
        let s = cache
            .entry(table)
            .or_insert_with(|| names::Suggester::new(keys()));
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
    // the word in another case, or written by its Chinese label, first
    let bridged =
        crate::vocab::bridge(&name.text, valid.iter().copied()).map(|(w, label)| match label {
            Some(label) => Message::HelpDidYouMeanLabel {
                suggestion: w.to_string(),
                label: label.to_string(),
            },
            None => Message::HelpDidYouMean {
                suggestion: w.to_string(),
            },
        });
    let help = match (
        bridged,
        suggest::did_you_mean(&name.text, valid.iter().copied()),
    ) {
        (Some(b), _) => b,
        (None, Some(s)) => Message::HelpDidYouMean {
            suggestion: s.to_string(),
        },
        (None, None) => Message::HelpOneOf {
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
