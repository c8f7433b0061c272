//! `orgc graph`: three views of a checked model — the org structure (city →
//! categories → departments → modules, optionally business groups), the
//! module ↔ upstream-office mapping, and the community hierarchy (city →
//! central communities → communities, optionally grids) — as DOT, Mermaid,
//! or SVG laid out by orgc ([`super::chart`]).
//!
//! DOT and Mermaid name every node with a generated ASCII id (`n12`) and put
//! every label in quotes, escaped for that language, so Chinese punctuation,
//! quotes, brackets, `#` or `<` in a name never change the graph.

use super::chart::{Block, Card, Chart, Entry, Tone};
use super::data::{self, Org};
use super::labels;
use super::svg;
use crate::diagnostics::{Lang, Message};
use crate::model::query::Derived;
use crate::model::{AreaId, AreaKind, Model};
use std::fmt::Write;

/// The part of a sheet of A4 (portrait) a chart is fitted to, in mm: the
/// page less its margins and a heading.
pub const A4_AREA: (f32, f32) = (180.0, 240.0);
/// The width of the views meant for a screen.
pub const SCREEN_WIDTH: f32 = 1280.0;

/// Which picture of the set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// City → categories → departments → modules (→ groups).
    Org,
    /// Modules and the upstream offices they answer.
    Upstream,
    /// City → central communities → communities (→ grids).
    Communities,
}

/// What a graph shows, and in which language.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// The language of the words orgc adds (categories, notes).
    pub lang: Lang,
    /// The org view lists business groups.
    pub groups: bool,
    /// The communities view lists grids.
    pub grids: bool,
}

/// The colour family of a department category (`party`, …).
pub fn tone(category: &str) -> Tone {
    match category {
        "party" => Tone::Party,
        "government" => Tone::Government,
        "institution" => Tone::Institution,
        _ => Tone::Neutral,
    }
}

/// The org chart: a block per category, a card per department, its modules
/// (and groups) listed.
pub fn org_chart(org: &Org, lang: Lang, groups: bool) -> Chart {
    let departments: usize = org.categories.iter().map(|c| c.departments.len()).sum();
    Chart {
        root: org.root.clone(),
        root_note: Some(
            Message::ChartDepartments {
                count: departments.into(),
            }
            .render(lang),
        ),
        blocks: org
            .categories
            .iter()
            .map(|c| Block {
                title: Some(c.title.clone()),
                tone: tone(c.category),
                cards: c
                    .departments
                    .iter()
                    .map(|d| Card {
                        title: d.name.clone(),
                        note: None,
                        entries: d
                            .modules
                            .iter()
                            .flat_map(|x| {
                                let module = Entry {
                                    text: x.name.clone(),
                                    ..Entry::default()
                                };
                                let subs = x.groups.iter().filter(|_| groups).map(|g| Entry {
                                    text: g.clone(),
                                    depth: 1,
                                    ..Entry::default()
                                });
                                std::iter::once(module).chain(subs)
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

/// The upstream view: a card per upstream bureau, its offices listed, each
/// with the modules that answer it (an office nobody answers is marked).
pub fn upstream_chart(m: &Model, d: &Derived, lang: Lang) -> Chart {
    let root = m
        .city
        .as_ref()
        .and_then(|c| c.upstream.as_ref())
        .map(|u| u.text.clone())
        .unwrap_or_else(|| crate::diagnostics::Term::Bureau.text(lang).to_string());
    let cards = m
        .bureaus
        .iter()
        .map(|b| Card {
            title: b.name.text.clone(),
            note: None,
            entries: b
                .offices
                .iter()
                .map(|o| {
                    let modules = &d.office_modules[o.index()];
                    Entry {
                        text: m.office(*o).name.text.clone(),
                        note: Some(if modules.is_empty() {
                            Message::ChartNoModule.render(lang)
                        } else {
                            modules
                                .iter()
                                .map(|x| format!("→ {}", m.module_path(*x)))
                                .collect::<Vec<_>>()
                                .join(" ")
                        }),
                        depth: 0,
                        alert: modules.is_empty(),
                    }
                })
                .collect(),
        })
        .collect();
    Chart {
        root,
        root_note: Some(
            Message::ChartOffices {
                bureaus: m.bureaus.len().into(),
                offices: m.offices.len().into(),
            }
            .render(lang),
        ),
        blocks: vec![Block {
            title: None,
            tone: Tone::Government,
            cards,
        }],
    }
}

/// The central communities a community is listed in (none for an orphan).
fn central_of(d: &Derived, a: AreaId) -> Option<AreaId> {
    d.parents[a.index()].first().copied()
}

/// The communities view: a card per central community, its communities
/// listed (and their grids); communities in no central community last.
pub fn communities_chart(m: &Model, d: &Derived, lang: Lang, grids: bool) -> Chart {
    let entries_of = |a: AreaId| -> Vec<Entry> {
        let area = m.area(a);
        let mut v = vec![Entry {
            text: area.name.text.clone(),
            note: None,
            depth: 0,
            alert: d.area_departments[a.index()].is_empty(),
        }];
        if grids {
            v.extend(area.grids.iter().map(|g| {
                let grid = &m.grids[g.index()];
                Entry {
                    text: match &grid.label {
                        Some(l) => format!("{} {}", grid.name.text, l.text),
                        None => grid.name.text.clone(),
                    },
                    depth: 1,
                    ..Entry::default()
                }
            }));
        }
        v
    };
    let mut cards: Vec<Card> = m
        .areas
        .iter()
        .filter(|a| a.kind == AreaKind::Central)
        .map(|a| Card {
            title: a.name.text.clone(),
            note: None,
            entries: a.members.iter().flat_map(|(c, _)| entries_of(*c)).collect(),
        })
        .collect();
    let orphans: Vec<Entry> = m
        .communities()
        .filter(|(a, _)| central_of(d, *a).is_none())
        .flat_map(|(a, _)| entries_of(a))
        .collect();
    if !orphans.is_empty() {
        cards.push(Card {
            title: labels::get("no_central", lang).to_string(),
            note: None,
            entries: orphans,
        });
    }
    Chart {
        root: m
            .city
            .as_ref()
            .map(|c| c.name.text.clone())
            .unwrap_or_else(|| crate::diagnostics::Term::City.text(lang).to_string()),
        root_note: Some(
            Message::ChartCommunities {
                centrals: m
                    .areas
                    .iter()
                    .filter(|a| a.kind == AreaKind::Central)
                    .count()
                    .into(),
                communities: m.communities().count().into(),
            }
            .render(lang),
        ),
        blocks: vec![Block {
            title: None,
            tone: Tone::Institution,
            cards,
        }],
    }
}

/// The org chart laid out for a sheet of A4: as large as it can be drawn there.
pub fn org_layout(org: &Org, lang: Lang, groups: bool) -> super::chart::Layout {
    let (w, h) = A4_AREA;
    super::chart::layout_for_page(&org_chart(org, lang, groups), w, h)
}

/// The SVG drawing of a view (a file of its own).
pub fn svg(m: &Model, d: &Derived, view: View, opts: Options) -> String {
    let (layout, title) = match view {
        View::Org => (
            org_layout(&data::org(m, opts.lang), opts.lang, opts.groups),
            "sec_orgchart",
        ),
        View::Upstream => (
            super::chart::layout(&upstream_chart(m, d, opts.lang), SCREEN_WIDTH),
            "view_upstream",
        ),
        View::Communities => (
            super::chart::layout(
                &communities_chart(m, d, opts.lang, opts.grids),
                SCREEN_WIDTH,
            ),
            "view_communities",
        ),
    };
    svg::chart(
        &layout,
        labels::get(title, opts.lang),
        svg::Embed::Standalone,
    )
}

/// A graph as nodes, clusters and edges, before it is written as DOT or Mermaid.
#[derive(Debug, Default)]
struct Graph {
    nodes: Vec<Node>,
    clusters: Vec<(String, Tone)>,
    edges: Vec<(usize, usize)>,
    /// Whether edges are drawn as arrows (a mapping) rather than lines (a tree).
    arrows: bool,
}

#[derive(Debug)]
struct Node {
    label: String,
    tone: Tone,
    cluster: Option<usize>,
    alert: bool,
}

impl Graph {
    fn node(&mut self, label: &str, tone: Tone) -> usize {
        self.nodes.push(Node {
            label: label.to_string(),
            tone,
            cluster: None,
            alert: false,
        });
        self.nodes.len() - 1
    }

    fn child(&mut self, parent: usize, label: &str, tone: Tone) -> usize {
        let n = self.node(label, tone);
        self.edges.push((parent, n));
        n
    }
}

fn graph(m: &Model, d: &Derived, view: View, opts: Options) -> Graph {
    let mut g = Graph::default();
    match view {
        View::Org => {
            let org = data::org(m, opts.lang);
            let root = g.node(&org.root, Tone::Neutral);
            for c in &org.categories {
                let t = tone(c.category);
                let cat = g.child(root, c.label, t);
                for dept in &c.departments {
                    let dn = g.child(cat, &dept.name, t);
                    for x in &dept.modules {
                        let mn = g.child(dn, &x.name, t);
                        if opts.groups {
                            for gr in &x.groups {
                                g.child(mn, gr, t);
                            }
                        }
                    }
                }
            }
        }
        View::Upstream => {
            g.arrows = true;
            let mut module_node = vec![None; m.modules.len()];
            for dept in &m.departments {
                let t = tone(dept.category.as_str());
                g.clusters.push((dept.name.text.clone(), t));
                let cl = g.clusters.len() - 1;
                for x in &dept.modules {
                    if m.module(*x).answers.is_empty() {
                        continue;
                    }
                    let n = g.node(&m.module(*x).name.text, t);
                    g.nodes[n].cluster = Some(cl);
                    module_node[x.index()] = Some(n);
                }
            }
            for b in &m.bureaus {
                g.clusters.push((b.name.text.clone(), Tone::Neutral));
                let cl = g.clusters.len() - 1;
                for o in &b.offices {
                    let n = g.node(&m.office(*o).name.text, Tone::Neutral);
                    g.nodes[n].cluster = Some(cl);
                    let modules = &d.office_modules[o.index()];
                    g.nodes[n].alert = modules.is_empty();
                    for x in modules {
                        if let Some(mn) = module_node[x.index()] {
                            g.edges.push((mn, n));
                        }
                    }
                }
            }
        }
        View::Communities => {
            let city = m
                .city
                .as_ref()
                .map(|c| c.name.text.clone())
                .unwrap_or_else(|| crate::diagnostics::Term::City.text(opts.lang).to_string());
            let root = g.node(&city, Tone::Neutral);
            let community = |g: &mut Graph, parent: usize, a: AreaId| {
                let area = m.area(a);
                let n = g.child(parent, &area.name.text, Tone::Institution);
                g.nodes[n].alert = d.area_departments[a.index()].is_empty();
                if opts.grids {
                    for gid in &area.grids {
                        let grid = &m.grids[gid.index()];
                        let label = match &grid.label {
                            Some(l) => format!("{} {}", grid.name.text, l.text),
                            None => grid.name.text.clone(),
                        };
                        g.child(n, &label, Tone::Neutral);
                    }
                }
            };
            for a in m.areas.iter().filter(|a| a.kind == AreaKind::Central) {
                let cn = g.child(root, &a.name.text, Tone::Government);
                for (c, _) in &a.members {
                    if m.area(*c).kind == AreaKind::Community {
                        community(&mut g, cn, *c);
                    }
                }
            }
            for (a, _) in m.communities() {
                if central_of(d, a).is_none() {
                    community(&mut g, root, a);
                }
            }
        }
    }
    g
}

/// A DOT string literal: quotes and backslashes escaped, line breaks as `\n`.
pub fn dot_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A Mermaid label in double quotes: `#`, quotes, angle brackets, `&` and
/// backticks written as Mermaid's entity codes, line breaks as spaces.
pub fn mermaid_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '#' => out.push_str("#35;"),
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '`' => out.push_str("#96;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn dot_colours(t: Tone) -> (&'static str, &'static str) {
    match t {
        Tone::Party => ("#a8322b", "#f8e9e7"),
        Tone::Government => ("#1d5694", "#e6eef8"),
        Tone::Institution => ("#25704f", "#e5f2eb"),
        Tone::Neutral => ("#4b5563", "#f3f4f6"),
    }
}

/// A view as a Graphviz DOT document (lay it out with `dot -Tsvg`).
pub fn dot(m: &Model, d: &Derived, view: View, opts: Options) -> String {
    let g = graph(m, d, view, opts);
    let name = match view {
        View::Org => "org",
        View::Upstream => "upstream",
        View::Communities => "communities",
    };
    let font = "Noto Sans CJK SC";
    let mut s = String::new();
    let _ = writeln!(s, "digraph {name} {{");
    let _ = writeln!(
        s,
        "  graph [rankdir=LR, charset=\"UTF-8\", fontname={}, nodesep=0.12, ranksep=0.5];",
        dot_quote(font)
    );
    let _ = writeln!(
        s,
        "  node [shape=box, style=\"rounded,filled\", fontname={}, fontsize=11, margin=\"0.12,0.04\"];",
        dot_quote(font)
    );
    let _ = writeln!(
        s,
        "  edge [color=\"#9aa3ad\"{}];",
        if g.arrows { "" } else { ", arrowhead=none" }
    );
    let node_line = |i: usize, n: &Node| {
        let (strong, light) = dot_colours(n.tone);
        let (strong, light) = if n.alert {
            ("#b4410f", "#fdecdf")
        } else {
            (strong, light)
        };
        format!(
            "n{i} [label={}, color=\"{strong}\", fillcolor=\"{light}\"];",
            dot_quote(&n.label)
        )
    };
    for (ci, (label, t)) in g.clusters.iter().enumerate() {
        let members: Vec<usize> = (0..g.nodes.len())
            .filter(|i| g.nodes[*i].cluster == Some(ci))
            .collect();
        if members.is_empty() {
            continue;
        }
        let _ = writeln!(s, "  subgraph cluster_{ci} {{");
        let _ = writeln!(
            s,
            "    label={}; color=\"{}\"; style=\"rounded\";",
            dot_quote(label),
            dot_colours(*t).0
        );
        for i in members {
            let _ = writeln!(s, "    {}", node_line(i, &g.nodes[i]));
        }
        let _ = writeln!(s, "  }}");
    }
    for (i, n) in g.nodes.iter().enumerate() {
        if n.cluster.is_none() {
            let _ = writeln!(s, "  {}", node_line(i, n));
        }
    }
    for (a, b) in &g.edges {
        let _ = writeln!(s, "  n{a} -> n{b};");
    }
    s.push_str("}\n");
    s
}

/// A view as a Mermaid flowchart (for Markdown renderers that draw Mermaid).
pub fn mermaid(m: &Model, d: &Derived, view: View, opts: Options) -> String {
    let g = graph(m, d, view, opts);
    let mut s = String::from("flowchart LR\n");
    for (ci, (label, _)) in g.clusters.iter().enumerate() {
        let members: Vec<usize> = (0..g.nodes.len())
            .filter(|i| g.nodes[*i].cluster == Some(ci))
            .collect();
        if members.is_empty() {
            continue;
        }
        let _ = writeln!(s, "  subgraph c{ci} [{}]", mermaid_quote(label));
        for i in members {
            let _ = writeln!(s, "    n{i}[{}]", mermaid_quote(&g.nodes[i].label));
        }
        let _ = writeln!(s, "  end");
    }
    for (i, n) in g.nodes.iter().enumerate() {
        if n.cluster.is_none() {
            let _ = writeln!(s, "  n{i}[{}]", mermaid_quote(&n.label));
        }
    }
    let arrow = if g.arrows { "-->" } else { "---" };
    for (a, b) in &g.edges {
        let _ = writeln!(s, "  n{a} {arrow} n{b}");
    }
    // colours by category, and gaps in the warning colour
    let classes = [
        (Tone::Party, "party"),
        (Tone::Government, "government"),
        (Tone::Institution, "institution"),
        (Tone::Neutral, "neutral"),
    ];
    for (t, name) in classes {
        let (strong, light) = dot_colours(t);
        let members: Vec<String> = (0..g.nodes.len())
            .filter(|i| g.nodes[*i].tone == t && !g.nodes[*i].alert)
            .map(|i| format!("n{i}"))
            .collect();
        if !members.is_empty() {
            let _ = writeln!(s, "  classDef {name} fill:{light},stroke:{strong}");
            let _ = writeln!(s, "  class {} {name}", members.join(","));
        }
    }
    let gaps: Vec<String> = (0..g.nodes.len())
        .filter(|i| g.nodes[*i].alert)
        .map(|i| format!("n{i}"))
        .collect();
    if !gaps.is_empty() {
        s.push_str("  classDef gap fill:#fdecdf,stroke:#b4410f\n");
        let _ = writeln!(s, "  class {} gap", gaps.join(","));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_quoted_and_escaped() {
        assert_eq!(dot_quote("甲\"乙\\丙"), "\"甲\\\"乙\\\\丙\"");
        assert_eq!(dot_quote("（一）《二》"), "\"（一）《二》\"");
        assert_eq!(
            mermaid_quote("a#b\"c<d>&`"),
            "\"a#35;b#quot;c#lt;d#gt;#amp;#96;\""
        );
    }

    #[test]
    fn every_view_of_a_small_set_has_its_nodes() {
        let c = crate::compile_str(
            "t.policy",
            "city 测试市 { code 1 upstream 上级市 }\n\
             upstream 上级局 { office 甲处  office 乙处 }\n\
             department \"部门（甲）\" : party { module \"模块[1]\" { answers 上级局.甲处  group 组 } }\n\
             central_community 中心社区 { community 社区一 }\n\
             community 社区一 code 1 { grid G1 micro 1 }\n\
             bind \"部门（甲）\" to 中心社区\n",
        );
        let opts = Options {
            lang: Lang::Zh,
            groups: true,
            grids: true,
        };
        let (m, d) = (&c.model, &c.derived);
        let org = dot(m, d, View::Org, opts);
        assert!(org.contains("label=\"部门（甲）\""), "{org}");
        assert!(!c.has_errors(), "{:?}", c.diagnostics);
        assert!(org.contains("label=\"组\""));
        let up = mermaid(m, d, View::Upstream, opts);
        assert!(
            up.contains("[\"甲处\"]") && up.contains("class ") && up.contains("gap"),
            "{up}"
        );
        let com = dot(m, d, View::Communities, opts);
        assert!(com.contains("\"G1\""), "{com}");
        for view in [View::Org, View::Upstream, View::Communities] {
            let s = svg(m, d, view, opts);
            assert!(s.contains("</svg>"));
        }
    }
}
