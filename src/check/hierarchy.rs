//! The community hierarchy is a tree: no cycle (E401), every community in a
//! central community (E402) and in only one (E403), and bound to a department
//! directly or through its central community (E404).
//! Full explanations and examples: `docs/codes/E401.en.md` … `E404.en.md`.

use crate::diagnostics::{Code, Diagnostic, Message};
use crate::model::{query::Derived, AreaId, AreaKind, Model};
use crate::source::Span;
use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use rustc_hash::FxHashMap as HashMap;
use std::collections::{BTreeSet, VecDeque};

/// The hierarchy as a graph whose node `i` is area `i`, and each link
/// (parent → member) once, with the span of its last mention.
type Hierarchy = DiGraph<(), Span>;

fn node(a: u32) -> NodeIndex {
    NodeIndex::new(a as usize)
}

/// The link from `a` to `b`, if there is one.
fn link(graph: &Hierarchy, a: u32, b: u32) -> Option<Span> {
    graph.find_edge(node(a), node(b)).map(|e| graph[e])
}

/// A group of cycles with more areas than this is shown by its first steps
/// (this many), its start and its size, with this many links labelled: a ring
/// of thousands of areas would otherwise print every name. A smaller group is
/// shown whole, every area named and every link labelled.
const SHOWN_STEPS: usize = 20;

pub fn check(m: &Model, d: &Derived) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut graph = Hierarchy::with_capacity(m.areas.len(), m.areas.len());
    for _ in &m.areas {
        graph.add_node(());
    }
    for (p, area) in m.areas.iter().enumerate() {
        // a member listed twice is one link (the span of its last mention)
        let mut links: HashMap<u32, Span> = HashMap::default();
        let mut order = Vec::new();
        for &(child, span) in &area.members {
            if links.insert(child.0, span).is_none() {
                order.push(child.0);
            }
        }
        for child in order {
            graph.add_edge(node(p as u32), node(child), links[&child]);
        }
    }
    let mut in_cycle = rustc_hash::FxHashSet::default();
    // iterative: a chain of any depth cannot overflow the stack
    let mut sccs: Vec<Vec<u32>> = kosaraju_scc(&graph)
        .into_iter()
        .map(|scc| scc.into_iter().map(|n| n.index() as u32).collect())
        .collect();
    for scc in &mut sccs {
        scc.sort_unstable();
    }
    sccs.sort();
    for scc in sccs {
        let start = scc[0];
        let cyclic = scc.len() > 1 || link(&graph, start, start).is_some();
        if !cyclic {
            continue;
        }
        in_cycle.extend(scc.iter().copied());
        let path = walk_through_all(&graph, start, &scc);
        let name = |a: &u32| m.area(AreaId(*a)).name.text.clone();
        let elided = scc.len() > SHOWN_STEPS;
        let message = if elided {
            // a long cycle is shown by its start, its first steps and its size
            let first: Vec<String> = path.iter().take(SHOWN_STEPS).map(name).collect();
            Message::CycleElided {
                path: format!("{} → … → {}", first.join(" → "), name(&start)),
                count: scc.len().into(),
            }
        } else {
            // a group this small is walked whole (see `walk_through_all`):
            // the walk names every member
            Message::Cycle {
                path: path.iter().map(name).collect::<Vec<_>>().join(" → "),
            }
        };
        let mut diag = Diagnostic::new(Code::E401, message);
        let mut labelled = BTreeSet::new();
        let shown = if elided { SHOWN_STEPS } else { path.len() };
        for pair in path.windows(2).take(shown) {
            if !labelled.insert((pair[0], pair[1])) {
                continue; // a link walked twice is labelled once
            }
            if let Some(span) = link(&graph, pair[0], pair[1]) {
                diag = diag.label(
                    span,
                    Some(Message::LabelCycleEdge {
                        parent: m.area(AreaId(pair[0])).name.text.clone(),
                        child: m.area(AreaId(pair[1])).name.text.clone(),
                    }),
                );
            }
        }
        out.push(diag.help(Message::HelpCycle));
    }

    for (id, area) in m.communities() {
        if in_cycle.contains(&id.0) {
            continue;
        }
        let parents = &d.parents[id.index()];
        match parents.as_slice() {
            [] => out.push(
                Diagnostic::new(
                    Code::E402,
                    Message::Orphan {
                        name: area.name.text.clone(),
                    },
                )
                .label(area.name.span, None)
                .help(Message::HelpOrphan {
                    name: area.name.text.clone(),
                }),
            ),
            [_] => {}
            [first, second, ..] => {
                let span_in = |p: &AreaId| {
                    m.area(*p)
                        .members
                        .iter()
                        .find(|(c, _)| *c == id)
                        .map(|(_, s)| *s)
                };
                let (a, b) = (&m.area(*first).name.text, &m.area(*second).name.text);
                let mut diag = Diagnostic::new(
                    Code::E403,
                    Message::TwoParents {
                        name: area.name.text.clone(),
                        first: a.to_string(),
                        second: b.to_string(),
                    },
                );
                for p in [second, first] {
                    if let Some(s) = span_in(p) {
                        diag = diag.label(
                            s,
                            Some(Message::LabelInParent {
                                parent: m.area(*p).name.text.clone(),
                            }),
                        );
                    }
                }
                out.push(diag.help(Message::HelpTwoParents));
            }
        }
        if d.area_departments[id.index()].is_empty() {
            out.push(
                Diagnostic::new(
                    Code::E404,
                    Message::Unbound {
                        name: area.name.text.clone(),
                    },
                )
                .label(area.name.span, None)
                .help(Message::HelpUnbound {
                    name: area.name.text.clone(),
                }),
            );
        }
    }
    // a central community inside another central community is allowed, but
    // it too may have only one parent
    for (i, area) in m.areas.iter().enumerate() {
        if area.kind == AreaKind::Central
            && d.parents[i].len() > 1
            && !in_cycle.contains(&(i as u32))
        {
            let (a, b) = (
                &m.area(d.parents[i][0]).name.text,
                &m.area(d.parents[i][1]).name.text,
            );
            out.push(
                Diagnostic::new(
                    Code::E403,
                    Message::TwoParents {
                        name: area.name.text.clone(),
                        first: a.to_string(),
                        second: b.to_string(),
                    },
                )
                .label(area.name.span, None)
                .help(Message::HelpTwoParents),
            );
        }
    }
    out
}

/// A closed walk from `start` through every member of its strongly connected
/// component: the shortest cycle through `start`, then, for each member not
/// yet on the walk (in id order), the shortest way from `start` to it and back.
/// A figure-eight (`甲 → 乙 → 甲`, `甲 → 丙 → 甲`) is one component and one E401
/// whose walk names all three. Two breadth-first searches (forwards and
/// backwards from `start`) give every way there and back, so the cost is the
/// size of the component plus the length of the walk. The walk stops taking
/// detours once it is four times as long as the component has members (a
/// ring of n areas with a side loop at each would need a walk of n² steps);
/// the message then names its first steps and the component's size.
fn walk_through_all(graph: &Hierarchy, start: u32, members: &[u32]) -> Vec<u32> {
    let mut walk = cycle_through(graph, start, members);
    let mut on_walk: rustc_hash::FxHashSet<u32> = walk.iter().copied().collect();
    if on_walk.len() == members.len() {
        return walk;
    }
    let from_start = bfs_tree(graph, start, members, petgraph::Direction::Outgoing);
    let to_start = bfs_tree(graph, start, members, petgraph::Direction::Incoming);
    // a group shown whole is walked whole (at most 20 detours of at most 40
    // steps); a larger one, shown elided, only as far as four steps a member
    let longest = if members.len() <= SHOWN_STEPS {
        usize::MAX
    } else {
        4 * members.len()
    };
    for &x in members {
        if on_walk.contains(&x) {
            continue;
        }
        if walk.len() > longest {
            break;
        }
        // start → … → x, read back from x along the forward tree
        let mut there = vec![x];
        let mut cur = x;
        while cur != start {
            match from_start.get(&cur) {
                Some(&p) => cur = p,
                None => break,
            }
            there.push(cur);
        }
        there.reverse();
        // x → … → start along the backward tree
        let mut back = Vec::new();
        let mut cur = x;
        while cur != start {
            match to_start.get(&cur) {
                Some(&n) => cur = n,
                None => break,
            }
            back.push(cur);
        }
        on_walk.extend(there.iter().copied());
        on_walk.extend(back.iter().copied());
        // the walk ends at `start`, where `there` begins
        walk.extend(there.into_iter().skip(1));
        walk.extend(back);
    }
    walk
}

/// Breadth-first search inside one component from `start`, following edges
/// in `dir`, visiting neighbours in id order: for each node reached, the node
/// it was reached from.
fn bfs_tree(
    graph: &Hierarchy,
    start: u32,
    members: &[u32],
    dir: petgraph::Direction,
) -> HashMap<u32, u32> {
    let mut prev: HashMap<u32, u32> = HashMap::default();
    let mut queue = VecDeque::from([start]);
    while let Some(at) = queue.pop_front() {
        let mut next: Vec<u32> = graph
            .neighbors_directed(node(at), dir)
            .map(|n| n.index() as u32)
            .filter(|n| members.binary_search(n).is_ok() && *n != start)
            .collect();
        next.sort_unstable();
        for n in next {
            if let std::collections::hash_map::Entry::Vacant(e) = prev.entry(n) {
                e.insert(at);
                queue.push_back(n);
            }
        }
    }
    prev
}

/// The shortest cycle from `start` back to itself inside one strongly
/// connected component, as a list of nodes that starts and ends with `start`.
fn cycle_through(graph: &Hierarchy, start: u32, members: &[u32]) -> Vec<u32> {
    let mut prev: HashMap<u32, u32> = HashMap::default();
    let mut queue = VecDeque::from([start]);
    while let Some(at) = queue.pop_front() {
        let mut next: Vec<u32> = graph
            .neighbors(node(at))
            .map(|n| n.index() as u32)
            .filter(|n| members.binary_search(n).is_ok())
            .collect();
        next.sort_unstable();
        for n in next {
            if n == start {
                // walk back from `at` to `start`, then read it forwards
                let mut path = vec![at];
                let mut cur = at;
                while cur != start {
                    cur = match prev.get(&cur) {
                        Some(p) => *p,
                        None => break,
                    };
                    path.push(cur);
                }
                path.reverse();
                path.push(start);
                return path;
            }
            if let std::collections::hash_map::Entry::Vacant(e) = prev.entry(n) {
                if n != start {
                    e.insert(at);
                    queue.push_back(n);
                }
            }
        }
    }
    vec![start, start]
}
