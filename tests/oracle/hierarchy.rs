//! Generated community hierarchies and a brute-force oracle for them, shared
//! by `tests/oracles.rs` (a seeded generator, thousands of sets per run) and
//! the `hierarchy` fuzz target (bytes from libFuzzer as the choices).
//!
//! A set: three departments, up to six central communities and six
//! communities; each central community lists any areas (itself and other
//! central communities included, so cycles, figure-eights and deep chains
//! occur); any department is bound to any area; the declarations come in a
//! chosen order. The oracle works from the definitions, path by path, with
//! none of orgc's algorithms: an area's departments are those bound to it or
//! to any area above it; a cycle is an area that reaches itself.
#![allow(
    clippy::needless_range_loop,
    reason = "the oracle reads as the definitions: area indices into a matrix"
)]

use orgc::diagnostics::{Code, Message};
use std::collections::{BTreeMap, BTreeSet};

/// A source of choices: a seeded generator or the fuzzer's bytes.
pub trait Choices {
    /// A number below `n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize;
}

/// The bytes of a fuzz input as choices (zeros once they run out).
#[allow(dead_code, reason = "used by the fuzz target, not by the test suite")]
pub struct Bytes<'a>(pub &'a [u8]);

impl Choices for Bytes<'_> {
    fn below(&mut self, n: usize) -> usize {
        let Some((&b, rest)) = self.0.split_first() else {
            return 0;
        };
        self.0 = rest;
        if n == 0 {
            0
        } else {
            usize::from(b) % n
        }
    }
}

/// One generated set.
pub struct Set {
    /// The policy text.
    pub text: String,
    centrals: usize,
    communities: usize,
    /// members[c]: the areas central community c lists (area ids: centrals
    /// first, then communities)
    members: Vec<Vec<usize>>,
    /// (department, area)
    binds: Vec<(usize, usize)>,
}

const DEPTS: [&str; 3] = ["行政审批局", "社会事业局", "综合行政执法局"];

fn area_name(centrals: usize, a: usize) -> String {
    if a < centrals {
        format!("中心社区{a}")
    } else {
        format!("社区{}", a - centrals)
    }
}

/// Generate one set from `c`.
pub fn generate(c: &mut impl Choices) -> Set {
    let centrals = c.below(7);
    let communities = c.below(7);
    let areas = centrals + communities;
    let mut members = vec![Vec::new(); centrals];
    for list in &mut members {
        for _ in 0..c.below(4) {
            let a = c.below(areas);
            if areas > 0 && !list.contains(&a) {
                list.push(a);
            }
        }
    }
    let mut binds = Vec::new();
    for _ in 0..c.below(5) {
        if areas > 0 {
            let b = (c.below(DEPTS.len()), c.below(areas));
            if !binds.contains(&b) {
                binds.push(b);
            }
        }
    }
    let mut decls = Vec::new();
    for d in DEPTS {
        decls.push(format!("department {d} : government {{ }}\n"));
    }
    for (p, list) in members.iter().enumerate() {
        let mut s = format!("central_community {} {{", area_name(centrals, p));
        for a in list {
            // a central community is listed with `community` too
            s.push_str(&format!(" community {}", area_name(centrals, *a)));
        }
        s.push_str(" }\n");
        decls.push(s);
    }
    for k in 0..communities {
        decls.push(format!(
            "community {} code {}\n",
            area_name(centrals, centrals + k),
            330_383_198_001u64 + k as u64
        ));
    }
    for (d, a) in &binds {
        decls.push(format!(
            "bind {} to {}\n",
            DEPTS[*d],
            area_name(centrals, *a)
        ));
    }
    // the order of declarations is a choice too
    for i in (1..decls.len()).rev() {
        let j = c.below(i + 1);
        decls.swap(i, j);
    }
    Set {
        text: decls.concat(),
        centrals,
        communities,
        members,
        binds,
    }
}

/// What the oracle expects, and what orgc says, in the same shape.
#[derive(Debug, PartialEq, Eq, Default)]
pub struct Verdict {
    /// Per area name: the names of its departments.
    pub departments: BTreeMap<String, BTreeSet<String>>,
    /// One entry per E401: the names it mentions.
    pub cycles: BTreeSet<BTreeSet<String>>,
    /// Areas with E402, E403, E404.
    pub orphans: BTreeSet<String>,
    pub two_parents: BTreeSet<String>,
    pub unbound: BTreeSet<String>,
}

/// The oracle: every fact from the definitions.
pub fn expected(s: &Set) -> Verdict {
    let areas = s.centrals + s.communities;
    let name = |a: usize| area_name(s.centrals, a);
    // reach[a][b]: b is below a (one or more links)
    let mut reach = vec![vec![false; areas]; areas];
    for (p, list) in s.members.iter().enumerate() {
        for &a in list {
            reach[p][a] = true;
        }
    }
    for k in 0..areas {
        for i in 0..areas {
            for j in 0..areas {
                if reach[i][k] && reach[k][j] {
                    reach[i][j] = true;
                }
            }
        }
    }
    let mut v = Verdict::default();
    for a in 0..areas {
        let mut depts = BTreeSet::new();
        for &(d, b) in &s.binds {
            if b == a || reach[b][a] {
                depts.insert(DEPTS[d].to_string());
            }
        }
        v.departments.insert(name(a), depts);
    }
    let in_cycle = |a: usize| reach[a][a];
    for a in 0..areas {
        if in_cycle(a) {
            let comp: BTreeSet<String> = (0..areas)
                .filter(|&b| b == a || (reach[a][b] && reach[b][a]))
                .map(name)
                .collect();
            v.cycles.insert(comp);
        }
    }
    for a in 0..areas {
        if in_cycle(a) {
            continue;
        }
        let parents = s.members.iter().filter(|l| l.contains(&a)).count();
        let community = a >= s.centrals;
        if community && parents == 0 {
            v.orphans.insert(name(a));
        }
        if parents > 1 {
            v.two_parents.insert(name(a));
        }
        if community && v.departments[&name(a)].is_empty() {
            v.unbound.insert(name(a));
        }
    }
    v
}

/// What orgc says about the set.
pub fn actual(s: &Set) -> Verdict {
    let c = orgc::compile_str("h.policy", &s.text);
    let mut v = Verdict::default();
    for (i, area) in c.model.areas.iter().enumerate() {
        let depts = c.derived.area_departments[i]
            .iter()
            .map(|d| c.model.departments[d.index()].name.text.clone())
            .collect();
        v.departments.insert(area.name.text.clone(), depts);
    }
    for d in &c.diagnostics {
        match (&d.code, &d.message) {
            (Code::E401, Message::Cycle { path }) => {
                v.cycles
                    .insert(path.split(" → ").map(str::to_string).collect());
            }
            (Code::E402, Message::Orphan { name }) => {
                v.orphans.insert(name.clone());
            }
            (Code::E403, Message::TwoParents { name, .. }) => {
                v.two_parents.insert(name.clone());
            }
            (Code::E404, Message::Unbound { name }) => {
                v.unbound.insert(name.clone());
            }
            _ => {}
        }
    }
    v
}
