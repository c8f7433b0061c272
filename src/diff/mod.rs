//! `orgc diff OLD NEW`: what a change to a policy set changes in the
//! organisation, compared on the compiled models rather than on the text.
//!
//! Each side is compiled, turned into a [`Snapshot`] (records by kind and
//! stable key), and the two are compared: records added, removed, renamed
//! (the same id under another name, or a department declared `formerly` its
//! old name) and changed field by field; then the routes (who handles each
//! item, office, community, event in each community, joint case, with time
//! limits and tiers); then what the new side breaks (a cap crossed, a
//! community left without a department or a team, an item without an owner).
//!
//! Every change has a class: an addition is **safe**, a change or a route
//! change is **notable**, a removal without replacement and anything the new
//! side breaks is **breaking**. `--fail-on` picks the class that fails a run.

pub mod render;
pub mod side;
pub mod snapshot;

use snapshot::{Kind, Record, Snapshot};
use std::collections::BTreeMap;

/// How much a change matters to a reviewer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// Something new; nothing that was there is touched.
    Safe,
    /// Something changed: a field, a route.
    Notable,
    /// Something is lost or broken: a removal without replacement, a cap
    /// crossed, a community or an item left without anyone to handle it.
    Breaking,
}

/// What happened to one record.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum What {
    /// It is new.
    Added,
    /// It is gone.
    Removed,
    /// The same thing (same id, or declared `formerly`) under a new name; its
    /// other fields may have changed too.
    Renamed {
        /// The old name.
        from: String,
        /// The new name.
        to: String,
        /// Its other fields that changed.
        fields: Vec<Field>,
    },
    /// Some fields changed.
    Changed {
        /// The fields that changed.
        fields: Vec<Field>,
    },
}

/// One field, before and after.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Field {
    /// The field's name (`owner`, `limit`, `status`, …).
    pub field: &'static str,
    /// Its old value (empty: not set).
    pub old: String,
    /// Its new value (empty: not set).
    pub new: String,
}

/// A change to one record.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Change {
    /// The kind of thing.
    pub kind: Kind,
    /// Its key (id, code, name or path).
    pub key: String,
    /// How a person knows it, on the new side where it has one.
    pub label: String,
    /// What happened.
    #[serde(flatten)]
    pub what: What,
    /// How much it matters.
    pub class: Class,
}

/// A change of route: who handles a subject, or its time limit or tier.
#[derive(Clone, Debug, serde::Serialize)]
pub struct RouteChange {
    /// The kind of subject.
    pub kind: Kind,
    /// The subject as a person knows it.
    pub subject: String,
    /// `handler`, `enforcer`, `limit` or `tier`.
    pub aspect: &'static str,
    /// Before (empty: none).
    pub old: String,
    /// After (empty: none).
    pub new: String,
}

/// Something the new side breaks that the old side did not.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "finding", rename_all = "snake_case")]
pub enum Finding {
    /// The new side does not compile cleanly (syntax or name errors): what
    /// is compared is the part of it that could be built.
    NewSideHasErrors {
        /// How many errors.
        errors: usize,
    },
    /// A cap is now exceeded.
    CapCrossed {
        /// The cap's key.
        cap: String,
        /// How many there are.
        actual: u64,
        /// The cap.
        limit: u64,
    },
    /// A community is now bound to no department.
    CommunityUnbound {
        /// Its name.
        community: String,
    },
    /// A `bound` event kind now has no team in some communities.
    DispatchGap {
        /// The event kind.
        event: String,
        /// The communities it can no longer reach.
        communities: Vec<String>,
    },
    /// An item's owner no longer resolves.
    ItemWithoutOwner {
        /// Its id.
        item: String,
    },
}

/// Everything that differs between two snapshots.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Diff {
    /// Changes to records, by kind then key.
    pub changes: Vec<Change>,
    /// Route changes, by kind then subject.
    pub routes: Vec<RouteChange>,
    /// What the new side breaks.
    pub findings: Vec<Finding>,
}

impl Diff {
    /// Whether nothing differs.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.routes.is_empty() && self.findings.is_empty()
    }

    /// The most serious class present, if anything changed.
    pub fn worst(&self) -> Option<Class> {
        let routes = (!self.routes.is_empty()).then_some(Class::Notable);
        let findings = (!self.findings.is_empty()).then_some(Class::Breaking);
        self.changes
            .iter()
            .map(|c| c.class)
            .chain(routes)
            .chain(findings)
            .max()
    }

    /// How many changes of each class (records, routes, findings together).
    pub fn counts(&self) -> BTreeMap<Class, usize> {
        let mut out = BTreeMap::new();
        for c in &self.changes {
            *out.entry(c.class).or_insert(0) += 1;
        }
        if !self.routes.is_empty() {
            *out.entry(Class::Notable).or_insert(0) += self.routes.len();
        }
        if !self.findings.is_empty() {
            *out.entry(Class::Breaking).or_insert(0) += self.findings.len();
        }
        out
    }
}

/// Compare two compiled sets: both snapshots are taken at once. When the new
/// side has errors, the first finding says so (what could not be built is
/// not compared).
pub fn between(old: &crate::Compiled, new: &crate::Compiled) -> Diff {
    let (mut before, after) = rayon::join(
        || Snapshot::new(&old.model, &old.derived, &old.sources),
        || Snapshot::new(&new.model, &new.derived, &new.sources),
    );
    let mut d = compare(&mut before, &after);
    let errors = new.diagnostics.iter().filter(|x| x.is_error()).count();
    if errors > 0 {
        d.findings.insert(0, Finding::NewSideHasErrors { errors });
    }
    // a few hundred thousand records take a while to free: the pool does it
    // while the caller goes on (a process that exits does not wait for it)
    rayon::spawn(move || drop((before, after)));
    d
}

/// Compare two snapshots. `old` is renamed in place for departments the new
/// side declares `formerly`.
pub fn compare(old: &mut Snapshot, new: &Snapshot) -> Diff {
    // declared renames: a new department `formerly` an old one that is gone
    let mut renames: BTreeMap<String, String> = BTreeMap::new();
    let old_depts = old
        .records
        .get(&Kind::Department)
        .cloned()
        .unwrap_or_default();
    let new_depts = new
        .records
        .get(&Kind::Department)
        .cloned()
        .unwrap_or_default();
    for (name, formerly) in &new.formerly {
        for f in formerly {
            if old_depts.contains_key(f)
                && !new_depts.contains_key(f)
                && !old_depts.contains_key(name)
            {
                renames.insert(f.clone(), name.clone());
            }
        }
    }
    old.rename(&renames);
    let mut diff = Diff::default();
    let empty = BTreeMap::new();
    let kinds: std::collections::BTreeSet<Kind> = old
        .records
        .keys()
        .chain(new.records.keys())
        .copied()
        .collect();
    for kind in kinds {
        let before = old.records.get(&kind).unwrap_or(&empty);
        let after = new.records.get(&kind).unwrap_or(&empty);
        // additions and changes in key order, then removals in key order
        let mut removed = Vec::new();
        merge(before, after, |key, b, a| match (b, a) {
            (None, Some(a)) => diff.changes.push(Change {
                kind,
                key: key.to_string(),
                label: a.label.clone(),
                what: What::Added,
                class: Class::Safe,
            }),
            (Some(b), None) => removed.push(Change {
                kind,
                key: key.to_string(),
                label: b.label.clone(),
                what: What::Removed,
                class: Class::Breaking,
            }),
            (Some(b), Some(a)) => {
                if let Some(what) = changed(kind, key, b, a, &renames) {
                    if kind == Kind::Item {
                        item_routes(&what, &a.label, &mut diff.routes);
                    }
                    diff.changes.push(Change {
                        kind,
                        key: key.to_string(),
                        label: a.label.clone(),
                        what,
                        class: Class::Notable,
                    });
                }
            }
            (None, None) => {}
        });
        diff.changes.append(&mut removed);
    }
    let no_routes = BTreeMap::new();
    for (kind, after) in &new.routes.entries {
        let before = old.routes.entries.get(kind).unwrap_or(&no_routes);
        // a new subject is an addition, not a route change
        merge(before, after, |_, b, a| {
            let (Some((_, was)), Some((label, aspects))) = (b, a) else {
                return;
            };
            if was == aspects {
                return;
            }
            // by name, as a reader finds them
            let mut named: Vec<&(&'static str, String)> = aspects.iter().collect();
            named.sort_unstable_by_key(|(n, _)| *n);
            for (aspect, value) in named {
                let before = snapshot::field(was, aspect).unwrap_or_default();
                if before != value {
                    diff.routes.push(RouteChange {
                        kind: *kind,
                        subject: label.clone(),
                        aspect,
                        old: before.to_string(),
                        new: value.clone(),
                    });
                }
            }
        });
    }
    for (cap, (actual, limit)) in &new.caps_crossed {
        if !old.caps_crossed.contains_key(cap) {
            diff.findings.push(Finding::CapCrossed {
                cap: cap.clone(),
                actual: *actual,
                limit: *limit,
            });
        }
    }
    for (code, name) in &new.unbound {
        if !old.unbound.contains_key(code) {
            diff.findings.push(Finding::CommunityUnbound {
                community: name.clone(),
            });
        }
    }
    for (event, communities) in &new.gaps {
        let before = old.gaps.get(event);
        let lost: Vec<String> = communities
            .iter()
            .filter(|c| before.is_none_or(|b| !b.contains(c)))
            .cloned()
            .collect();
        if !lost.is_empty() {
            diff.findings.push(Finding::DispatchGap {
                event: event.clone(),
                communities: lost,
            });
        }
    }
    for item in &new.ownerless {
        if !old.ownerless.contains(item) {
            diff.findings
                .push(Finding::ItemWithoutOwner { item: item.clone() });
        }
    }
    diff
}

/// The route changes of an item: its `owner` (who handles it) and its `limit`.
fn item_routes(what: &What, label: &str, routes: &mut Vec<RouteChange>) {
    let (What::Changed { fields } | What::Renamed { fields, .. }) = what else {
        return;
    };
    for f in fields {
        let aspect = match f.field {
            "owner" => "handler",
            "limit" => "limit",
            _ => continue,
        };
        routes.push(RouteChange {
            kind: Kind::Item,
            subject: label.to_string(),
            aspect,
            old: f.old.clone(),
            new: f.new.clone(),
        });
    }
}

/// Walk two maps in key order at once, calling `f` with each key and its
/// value on either side (linear: no lookups).
fn merge<'a, V>(
    old: &'a BTreeMap<String, V>,
    new: &'a BTreeMap<String, V>,
    mut f: impl FnMut(&'a str, Option<&'a V>, Option<&'a V>),
) {
    let (mut o, mut n) = (old.iter().peekable(), new.iter().peekable());
    loop {
        match (o.peek(), n.peek()) {
            (None, None) => return,
            (Some((k, v)), None) => {
                f(k, Some(*v), None);
                o.next();
            }
            (None, Some((k, v))) => {
                f(k, None, Some(*v));
                n.next();
            }
            (Some((ko, vo)), Some((kn, vn))) => match ko.cmp(kn) {
                std::cmp::Ordering::Less => {
                    f(ko, Some(*vo), None);
                    o.next();
                }
                std::cmp::Ordering::Greater => {
                    f(kn, None, Some(*vn));
                    n.next();
                }
                std::cmp::Ordering::Equal => {
                    f(kn, Some(*vo), Some(*vn));
                    o.next();
                    n.next();
                }
            },
        }
    }
}

/// The change of a record present on both sides, if any. A department whose
/// key was renamed (`formerly`) reports the rename.
fn changed(
    kind: Kind,
    key: &str,
    before: &Record,
    after: &Record,
    renames: &BTreeMap<String, String>,
) -> Option<What> {
    let mut fields: Vec<Field> = Vec::new();
    if before.fields != after.fields {
        // every field either side has, by name
        let mut names: Vec<&'static str> = before
            .fields
            .iter()
            .chain(&after.fields)
            .map(|(n, _)| *n)
            .collect();
        names.sort_unstable();
        names.dedup();
        for f in names {
            let old = snapshot::field(&before.fields, f).unwrap_or_default();
            let new = snapshot::field(&after.fields, f).unwrap_or_default();
            if old != new {
                fields.push(Field {
                    field: f,
                    old: old.to_string(),
                    new: new.to_string(),
                });
            }
        }
    }
    if kind == Kind::Department {
        if let Some((from, _)) = renames.iter().find(|(_, to)| to.as_str() == key) {
            return Some(What::Renamed {
                from: from.clone(),
                to: key.to_string(),
                fields,
            });
        }
    }
    // the same id under another name
    if let Some(i) = fields.iter().position(|f| f.field == "name") {
        let f = fields.remove(i);
        return Some(What::Renamed {
            from: f.old,
            to: f.new,
            fields,
        });
    }
    (!fields.is_empty()).then_some(What::Changed { fields })
}
