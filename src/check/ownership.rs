//! One item, one owner (E201: the same title and kind under two owners; the
//! same id twice is reported by the model builder) and one upstream office, one
//! module (E202). Full explanations: `docs/codes/E201.en.md`, `E202.en.md`.

use crate::diagnostics::{Code, Diagnostic, Message};
use crate::model::{query::Derived, Model};
use rustc_hash::FxHashMap as HashMap;

pub fn check(m: &Model, _: &Derived) -> Vec<Diagnostic> {
    let mut out = two_owners(m);
    // an upstream office answered by two modules
    let mut answered: HashMap<u32, (u32, crate::source::Span)> = HashMap::default();
    for (mi, module) in m.modules.iter().enumerate() {
        for &(office, span) in &module.answers {
            if m.office(office).shared {
                continue;
            }
            match answered.get(&office.0) {
                None => {
                    answered.insert(office.0, (mi as u32, span));
                }
                Some(&(first, first_span)) if first != mi as u32 => {
                    let a = m.module_path(crate::model::ModuleId(first));
                    let b = m.module_path(crate::model::ModuleId(mi as u32));
                    out.push(
                        Diagnostic::new(
                            Code::E202,
                            Message::OfficeTwoModules {
                                office: m.office_path(office),
                                first: a.clone(),
                                second: b.clone(),
                            },
                        )
                        .label(
                            span,
                            Some(Message::LabelAnsweredHere {
                                module: b.to_string(),
                            }),
                        )
                        .label(
                            first_span,
                            Some(Message::LabelAnsweredHere {
                                module: a.to_string(),
                            }),
                        )
                        .help(Message::HelpShared),
                    );
                }
                Some(_) => {}
            }
        }
    }
    out
}

/// The same matter (title and kind) listed under two owners: an E201 for
/// each item whose title and kind an item before it has under another owner.
/// Each item's key is hashed once, on every core; the items are then split by
/// hash into one part per thread, each part read in item order (so each
/// key's first item is the one a single pass finds), and the findings put
/// back in item order.
fn two_owners(m: &Model) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    use std::hash::BuildHasher;
    // keys borrowed from the items: computed once, when each item was declared
    fn key(item: &crate::model::Item) -> Option<(&str, u32)> {
        match (item.owner, item.kind) {
            (Some(_), Some(kind)) => Some((item.title_key(), kind.0)),
            _ => None,
        }
    }
    let hashes: Vec<Option<u64>> = m
        .items
        .par_iter()
        .map(|item| key(item).map(|k| rustc_hash::FxBuildHasher.hash_one(k)))
        .collect();
    let parts = rayon::current_num_threads().max(1) as u64;
    // a part takes middle bits of the hash: the table inside uses the low
    // bits for its buckets and the top ones for its tags
    let part_of = |h: u64| (h >> 32) % parts;
    // room for a part's share of the keys at once, rather than by doubling
    let share = hashes.iter().flatten().count() / parts as usize;
    let mut found: Vec<(usize, Diagnostic)> = (0..parts)
        .into_par_iter()
        .flat_map_iter(|part| {
            let mut first: hashbrown::HashTable<usize> =
                hashbrown::HashTable::with_capacity(share + share / 8);
            let mut found = Vec::new();
            for (i, h) in hashes.iter().enumerate() {
                let Some(h) = *h else { continue };
                if part_of(h) != part {
                    continue;
                }
                let k = key(&m.items[i]);
                let same = |&j: &usize| key(&m.items[j]) == k;
                let rehash = |&j: &usize| hashes[j].unwrap_or_default();
                match first.entry(h, same, rehash) {
                    hashbrown::hash_table::Entry::Vacant(v) => {
                        v.insert(i);
                    }
                    hashbrown::hash_table::Entry::Occupied(o) => {
                        let (f, item) = (&m.items[*o.get()], &m.items[i]);
                        match (f.owner, item.owner) {
                            (Some(a), Some(b)) if a != b => {
                                found.push((i, two_owners_at(m, f, item, a, b)));
                            }
                            _ => {}
                        }
                    }
                }
            }
            found
        })
        .collect();
    found.sort_by_key(|(i, _)| *i);
    found.into_iter().map(|(_, d)| d).collect()
}

fn two_owners_at(
    m: &Model,
    f: &crate::model::Item,
    item: &crate::model::Item,
    first_owner: crate::model::Owner,
    owner: crate::model::Owner,
) -> Diagnostic {
    let (a, b) = (m.owner_path(first_owner), m.owner_path(owner));
    Diagnostic::new(
        Code::E201,
        Message::TwoOwners {
            item: item.title.text.clone(),
            first: a.clone(),
            second: b.clone(),
        },
    )
    .label(
        item.owner_span,
        Some(Message::LabelOwnedHere {
            owner: b.to_string(),
        }),
    )
    .label(
        f.owner_span,
        Some(Message::LabelOwnedHere {
            owner: a.to_string(),
        }),
    )
    .help(Message::HelpOneOwner)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The findings do not depend on how many parts the items are split into:
    /// one part is the single pass in item order.
    #[test]
    fn two_owners_are_the_same_found_in_one_part_or_many() {
        let mut text = String::from(
            "department 甲局 : government { module 一科 module 二科 }\n\
             department 乙局 : government { module 三科 }\n",
        );
        let owners = ["甲局.一科", "甲局.二科", "乙局.三科", "甲局"];
        for i in 0..600 {
            let title = format!("事项（{}）", i % 97);
            let kind = ["approval", "service"][i % 2];
            let owner = owners[(i * 7) % owners.len()];
            text += &format!("item X-{i} \"{title}\" : {kind} owner {owner}\n");
        }
        let c = crate::compile_str("set.policy", &text);
        let run = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("a pool");
            pool.install(|| format!("{:?}", two_owners(&c.model)))
        };
        let one = run(1);
        assert!(one.matches("E201").count() > 150, "{one}");
        for threads in [2, 3, 5] {
            assert_eq!(run(threads), one, "{threads} parts");
        }
    }
}
