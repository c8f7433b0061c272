//! Dispatch by place and authority (属地+事权): for an event kind raised in a
//! community, who responds first, which team of the department with authority
//! is sent, and which enforcement team and joint case take part.
//!
//! The community responds first (属地). The event kind's `owner` has
//! authority (事权); where the owner has a team bound to the community
//! (市直部门分片捆绑社区: a `bind` of one of its modules to the community or its
//! central community), that team is dispatched, else the owner itself. An event kind declared `bound` may only go to a bound team:
//! a community where the owner has none is a gap (E406).

use super::query::Derived;
use super::*;

/// How an event kind reaches a department in one community.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// A team bound to the community: the binding (an index into
    /// [`Model::bindings`]) and the area it names (the community or its
    /// central community).
    Bound {
        /// The team sent.
        team: Owner,
        /// The `bind` that covers the community.
        binding: usize,
        /// The area the binding names.
        via: AreaId,
    },
    /// No bound team: the department (module, group) written as the owner.
    Direct(Owner),
    /// A `bound` event kind whose owner has no team bound here.
    Gap,
}

impl Reach {
    /// The unit dispatched, if any.
    pub fn unit(self) -> Option<Owner> {
        match self {
            Reach::Bound { team, .. } => Some(team),
            Reach::Direct(o) => Some(o),
            Reach::Gap => None,
        }
    }
}

/// One row of the dispatch table: an event kind in a community.
#[derive(Clone, Copy, Debug)]
pub struct Row {
    /// The event kind.
    pub event: EventId,
    /// The community it is raised in.
    pub community: AreaId,
    /// The department with authority, as it is reached there.
    pub handler: Reach,
    /// The enforcement team, as it is reached there (never a gap).
    pub enforcer: Option<Reach>,
}

/// For every community, the bindings that cover it, in declaration order:
/// (department, binding index, the area the binding names).
pub struct Bindings(Vec<Vec<(DeptId, usize, AreaId)>>);

impl Bindings {
    /// Index the model's bindings by the communities they cover.
    pub fn new(m: &Model, d: &Derived) -> Self {
        let mut by_area = vec![Vec::new(); m.areas.len()];
        // a team is a module named in a `bind`; binding the whole department
        // is the department's tie to the community, not a team
        for (bi, b) in m.bindings.iter().enumerate() {
            if b.team.module.is_none() {
                continue;
            }
            for (a, _) in &b.areas {
                for c in &d.area_communities[a.index()] {
                    by_area[c.index()].push((b.department, bi, *a));
                }
            }
        }
        Bindings(by_area)
    }

    /// How `owner` is reached in `community`; `required` makes a missing
    /// binding a gap rather than a direct dispatch.
    pub fn reach(&self, m: &Model, owner: Owner, community: AreaId, required: bool) -> Reach {
        let found = self
            .0
            .get(community.index())
            .and_then(|v| v.iter().find(|(dept, _, _)| *dept == owner.department));
        match found {
            Some(&(_, binding, via)) => Reach::Bound {
                team: m.bindings[binding].team,
                binding,
                via,
            },
            None if required => Reach::Gap,
            None => Reach::Direct(owner),
        }
    }
}

/// The row for event kind `e` in `community`; `None` if its owner did not resolve.
pub fn row(m: &Model, b: &Bindings, e: EventId, community: AreaId) -> Option<Row> {
    let ev = &m.events[e.index()];
    let owner = ev.owner?;
    Some(Row {
        event: e,
        community,
        handler: b.reach(m, owner, community, ev.bound),
        enforcer: ev.enforcer.map(|o| b.reach(m, o, community, false)),
    })
}

/// The whole table: every event kind × every community, events in
/// declaration order, communities in declaration order within each.
pub fn table(m: &Model, d: &Derived) -> Vec<Row> {
    let b = Bindings::new(m, d);
    let communities: Vec<AreaId> = m.communities().map(|(id, _)| id).collect();
    (0..m.events.len() as u32)
        .map(EventId)
        .flat_map(|e| {
            let b = &b;
            communities.iter().filter_map(move |c| row(m, b, e, *c))
        })
        .collect()
}
