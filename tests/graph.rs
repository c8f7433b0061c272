//! `orgc graph` end to end: DOT accepted by Graphviz, Mermaid read by a
//! small parser written here, SVG views with every name in them, and names
//! with quotes, brackets, `#`, `<` and `|` that must not break any of them.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot set up or read its output should fail loudly"
)]

mod common;

use common::{longgang, orgc, text};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

const VIEWS: [&[&str]; 5] = [
    &["--view", "org"],
    &["--view", "org", "--groups"],
    &["--view", "upstream"],
    &["--view", "communities"],
    &["--view", "communities", "--grids"],
];

fn graph(set: &Path, format: &str, view: &[&str]) -> String {
    let mut args = vec!["graph", set.to_str().unwrap(), "--format", format];
    args.extend_from_slice(view);
    let o = orgc(&args);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    text(&o.stdout)
}

/// A set whose names hold every character that could break DOT or Mermaid.
fn awkward_set() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.policy"),
        "city 测试市 { code 1 upstream \"上级市\" }\n\
         upstream \"上级局#1\" { office \"甲处<一>\"  office \"乙处|二\"  office \"丙处\\\\\" }\n\
         department \"部门<b>|甲\" : party { module \"模块[1]{x}\" { answers \"上级局#1\".\"甲处<一>\"  group \"组 `a` #2;\" } }\n\
         department \"部门（乙）“引号”\" : government { module \"乙 --> 丙\" { answers \"上级局#1\".\"乙处|二\" } }\n\
         central_community \"中心（一）\" { community \"社区&一\" }\n\
         community \"社区&一\" code 1 { grid \"G-1\" \"网格 [专属]\" : dedicated micro 1 }\n\
         bind \"部门<b>|甲\" to \"中心（一）\"\n",
    )
    .unwrap();
    dir
}

/// Graphviz, or `None` after saying why the test is skipped (a failure in CI).
fn dot_or_skip(test: &str) -> Option<()> {
    match Command::new("dot").arg("-V").output() {
        Ok(o) if o.status.success() => Some(()),
        _ if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("{test}: Graphviz `dot` not found in CI (install the `graphviz` package)")
        }
        _ => {
            eprintln!("SKIPPED {test}: Graphviz `dot` not found (install the `graphviz` package)");
            None
        }
    }
}

fn dot_accepts(source: &str) -> Result<String, String> {
    use std::io::Write;
    let mut child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(source.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let err = text(&out.stderr);
    // Graphviz reports a syntax error on stderr, sometimes with exit code 0
    if out.status.success() && !err.contains("syntax error") && !err.contains("Error") {
        Ok(text(&out.stdout))
    } else {
        Err(err)
    }
}

#[test]
fn dot_output_is_accepted_by_graphviz() {
    if dot_or_skip("dot_output_is_accepted_by_graphviz").is_none() {
        return;
    }
    let awkward = awkward_set();
    for set in [longgang(), awkward.path().to_path_buf()] {
        for view in VIEWS {
            let source = graph(&set, "dot", view);
            let svg = dot_accepts(&source)
                .unwrap_or_else(|e| panic!("dot rejected {view:?} of {}: {e}", set.display()));
            assert!(svg.contains("<svg"));
        }
    }
    // the labels come through as written
    let svg = dot_accepts(&graph(
        awkward.path(),
        "dot",
        &["--view", "org", "--groups"],
    ))
    .unwrap()
    .replace("&#45;", "-");
    for name in [
        "部门&lt;b&gt;|甲",
        "模块[1]{x}",
        "组 `a` #2;",
        "部门（乙）“引号”",
        "乙 --&gt; 丙",
    ] {
        assert!(svg.contains(name), "{name} not in Graphviz's drawing");
    }
}

/// What a small Mermaid flowchart parser finds: node ids with their labels,
/// edges, subgraphs; or what is wrong with the text.
#[derive(Debug, Default)]
struct Flowchart {
    nodes: Vec<(String, String)>,
    edges: Vec<(String, String)>,
    subgraphs: usize,
}

/// A quoted Mermaid label at the start of `s` (after `[`): its text and the rest.
fn quoted(s: &str) -> Result<(&str, &str), String> {
    let s = s
        .strip_prefix('"')
        .ok_or_else(|| format!("label not quoted: {s}"))?;
    let end = s
        .find('"')
        .ok_or_else(|| format!("label not closed: {s}"))?;
    let label = &s[..end];
    // inside quotes, what would end or change the label is written as an entity
    for bad in ['<', '>', '`'] {
        if label.contains(bad) {
            return Err(format!("raw `{bad}` in label {label}"));
        }
    }
    if label.split("#").skip(1).any(|p| !p.contains(';')) {
        return Err(format!("a `#` that starts no entity in {label}"));
    }
    Ok((label, &s[end + 1..]))
}

fn is_id(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn parse_mermaid(source: &str) -> Result<Flowchart, String> {
    let mut lines = source.lines();
    if lines.next() != Some("flowchart LR") {
        return Err("no `flowchart LR` header".to_string());
    }
    let mut f = Flowchart::default();
    let mut depth = 0usize;
    let mut classes: Vec<String> = Vec::new();
    for line in lines {
        let l = line.trim();
        // brackets and quotes balance on every line
        let mut stack = Vec::new();
        let mut in_quotes = false;
        for c in l.chars() {
            match c {
                '"' => in_quotes = !in_quotes,
                '[' | '(' | '{' if !in_quotes => stack.push(c),
                ']' | ')' | '}' if !in_quotes => {
                    let open = stack.pop().ok_or_else(|| format!("unbalanced: {l}"))?;
                    if !matches!((open, c), ('[', ']') | ('(', ')') | ('{', '}')) {
                        return Err(format!("mismatched brackets: {l}"));
                    }
                }
                _ => {}
            }
        }
        if in_quotes || !stack.is_empty() {
            return Err(format!("unbalanced: {l}"));
        }
        if l.is_empty() {
            continue;
        } else if let Some(rest) = l.strip_prefix("subgraph ") {
            let (id, rest) = rest
                .split_once(" [")
                .ok_or_else(|| format!("subgraph: {l}"))?;
            if !is_id(id) {
                return Err(format!("subgraph id: {l}"));
            }
            let (_, rest) = quoted(rest)?;
            if rest != "]" {
                return Err(format!("after the subgraph title: {l}"));
            }
            depth += 1;
            f.subgraphs += 1;
        } else if l == "end" {
            depth = depth.checked_sub(1).ok_or("`end` without `subgraph`")?;
        } else if let Some(rest) = l.strip_prefix("classDef ") {
            let (name, style) = rest
                .split_once(' ')
                .ok_or_else(|| format!("classDef: {l}"))?;
            if !is_id(name) || !style.contains("fill:") {
                return Err(format!("classDef: {l}"));
            }
            classes.push(name.to_string());
        } else if let Some(rest) = l.strip_prefix("class ") {
            let (ids, name) = rest.split_once(' ').ok_or_else(|| format!("class: {l}"))?;
            if !classes.iter().any(|c| c == name) {
                return Err(format!("class {name} used before its classDef"));
            }
            for id in ids.split(',') {
                if !f.nodes.iter().any(|(n, _)| n == id) {
                    return Err(format!("class names undeclared node {id}"));
                }
            }
        } else if let Some((a, b)) = l.split_once(" --- ").or_else(|| l.split_once(" --> ")) {
            if !is_id(a) || !is_id(b) {
                return Err(format!("edge: {l}"));
            }
            f.edges.push((a.to_string(), b.to_string()));
        } else {
            let (id, rest) = l
                .split_once('[')
                .ok_or_else(|| format!("unknown line: {l}"))?;
            if !is_id(id) {
                return Err(format!("node id: {l}"));
            }
            let (label, rest) = quoted(rest)?;
            if rest != "]" {
                return Err(format!("after the node label: {l}"));
            }
            if f.nodes.iter().any(|(n, _)| n == id) {
                return Err(format!("node {id} declared twice"));
            }
            f.nodes.push((id.to_string(), label.to_string()));
        }
    }
    if depth != 0 {
        return Err("a subgraph is not closed".to_string());
    }
    let declared: BTreeSet<&str> = f.nodes.iter().map(|(n, _)| n.as_str()).collect();
    for (a, b) in &f.edges {
        for id in [a, b] {
            if !declared.contains(id.as_str()) {
                return Err(format!("edge to undeclared node {id}"));
            }
        }
    }
    Ok(f)
}

#[test]
fn the_mermaid_parser_rejects_what_it_should() {
    let ok = "flowchart LR\n  n0[\"甲\"]\n  n1[\"乙#35;\"]\n  n0 --- n1\n";
    assert!(parse_mermaid(ok).is_ok());
    for bad in [
        "graph TD\n  n0[\"甲\"]\n",
        "flowchart LR\n  n0[甲]\n",
        "flowchart LR\n  n0[\"甲\"\n",
        "flowchart LR\n  n0[\"甲\"]\n  n0 --- n9\n",
        "flowchart LR\n  n0[\"a<b\"]\n",
        "flowchart LR\n  n0[\"a#b\"]\n",
        "flowchart LR\n  subgraph c0 [\"x\"]\n  n0[\"甲\"]\n",
        "flowchart LR\n  n0[\"甲\"]\n  n0[\"乙\"]\n",
    ] {
        assert!(parse_mermaid(bad).is_err(), "accepted: {bad}");
    }
}

#[test]
fn mermaid_output_parses_with_every_node_declared_and_every_label_quoted() {
    let awkward = awkward_set();
    for set in [longgang(), awkward.path().to_path_buf()] {
        for view in VIEWS {
            let source = graph(&set, "mermaid", view);
            let f = parse_mermaid(&source)
                .unwrap_or_else(|e| panic!("{view:?} of {}: {e}\n{source}", set.display()));
            assert!(!f.nodes.is_empty() && !f.edges.is_empty(), "{view:?}");
        }
    }
    let c = orgc::compile(&[longgang()]).unwrap();
    let org = parse_mermaid(&graph(&longgang(), "mermaid", &["--view", "org"])).unwrap();
    for d in &c.model.departments {
        assert!(
            org.nodes.iter().any(|(_, l)| *l == d.name.text),
            "{}",
            d.name.text
        );
    }
    // a tree: one edge per node but the root
    assert_eq!(org.edges.len(), org.nodes.len() - 1);
    let upstream = parse_mermaid(&graph(&longgang(), "mermaid", &["--view", "upstream"])).unwrap();
    assert_eq!(
        upstream.subgraphs,
        c.model.bureaus.len()
            + c.model
                .departments
                .iter()
                .filter(|d| d
                    .modules
                    .iter()
                    .any(|x| !c.model.module(*x).answers.is_empty()))
                .count()
    );
    let awkward_org = graph(awkward.path(), "mermaid", &["--view", "org", "--groups"]);
    assert!(
        awkward_org.contains("[\"部门#lt;b#gt;|甲\"]"),
        "{awkward_org}"
    );
    assert!(
        awkward_org.contains("[\"组 #96;a#96; #35;2;\"]"),
        "{awkward_org}"
    );
}

#[test]
fn svg_views_hold_every_name_and_the_org_view_every_department() {
    let c = orgc::compile(&[longgang()]).unwrap();
    let org = graph(&longgang(), "svg", &["--view", "org"]);
    assert!(org.starts_with("<?xml") && org.contains("xmlns=\"http://www.w3.org/2000/svg\""));
    // the text of a drawing, tags and white space dropped (a long name wraps)
    let flat = |svg: &str| -> String {
        svg.split('<')
            .map(|t| t.split_once('>').map_or(t, |(_, s)| s))
            .flat_map(|t| t.chars().filter(|c| !c.is_whitespace()))
            .collect()
    };
    let text = flat(&org);
    for d in &c.model.departments {
        assert!(text.contains(d.name.text.as_str()), "{}", d.name.text);
    }
    let communities = graph(&longgang(), "svg", &["--view", "communities"]);
    for (_, a) in c.model.communities() {
        assert!(
            communities.contains(&format!(">{}<", a.name.text)),
            "{}",
            a.name.text
        );
    }
    let upstream = flat(&graph(&longgang(), "svg", &["--view", "upstream"]));
    for b in &c.model.bureaus {
        assert!(upstream.contains(b.name.text.as_str()), "{}", b.name.text);
    }
    for o in &c.model.offices {
        assert!(upstream.contains(o.name.text.as_str()), "{}", o.name.text);
    }
    let awkward = awkward_set();
    let svg = graph(awkward.path(), "svg", &["--view", "org", "--groups"]);
    assert!(svg.contains("部门&lt;b&gt;|甲") && !svg.contains("<b>"));
}

#[test]
fn options_for_another_view_and_sets_with_errors_are_refused() {
    let set = longgang();
    let set = set.to_str().unwrap();
    let o = orgc(&["graph", set, "--view", "upstream", "--groups"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("--groups 只用于 --view org"));
    let o = orgc(&["--lang", "en", "graph", set, "--grids"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("--grids is for --view communities only"));
    let broken = common::copy_with(&longgang(), "zz.policy", "department 组织部 : party { }\n");
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("org.svg");
    let o = orgc(&[
        "graph",
        broken.path().to_str().unwrap(),
        "--format",
        "svg",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert!(!file.exists());
}
