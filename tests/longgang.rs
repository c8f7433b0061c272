//! The Longgang policy set reproduces every figure of the glossary from its
//! data (counted from the compiled model, not read from its `targets`), and
//! breaking it the way a careless edit would is caught with the right code at
//! the right line.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot read the Longgang set should fail loudly"
)]

use orgc::model::metrics::{measure, Metric, Scope};
use orgc::model::{AreaKind, Model, Owner};
use orgc::syntax::ast::Category;
use std::path::{Path, PathBuf};

fn set_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/longgang")
}

fn compiled() -> orgc::Compiled {
    let c = orgc::compile(&[set_dir()]).expect("policies/longgang loads");
    assert!(
        c.diagnostics.is_empty(),
        "policies/longgang is not clean: {:?}",
        c.diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect::<Vec<_>>()
    );
    c
}

fn dept(m: &Model, name: &str) -> orgc::model::DeptId {
    let i = m
        .departments
        .iter()
        .position(|d| d.name.text == name)
        .unwrap_or_else(|| panic!("no department {name}"));
    orgc::model::DeptId(i as u32)
}

#[test]
fn departments_six_nine_six() {
    let c = compiled();
    let m = &c.model;
    let count = |cat| m.departments.iter().filter(|d| d.category == cat).count();
    assert_eq!(
        (
            count(Category::Party),
            count(Category::Government),
            count(Category::Institution)
        ),
        (6, 9, 6)
    );
}

#[test]
fn items_one_seal_and_one_team() {
    let c = compiled();
    let m = &c.model;
    let (approval, enforcement) = (dept(m, "行政审批局"), dept(m, "综合行政执法局"));
    let of_kind = |k| m.items.iter().filter(move |i| i.kind == Some(k));
    assert_eq!(of_kind(orgc::model::APPROVAL).count(), 1146);
    assert!(of_kind(orgc::model::APPROVAL).all(|i| i.owner.map(|o| o.department) == Some(approval)));
    assert_eq!(of_kind(orgc::model::ENFORCEMENT).count(), 3043);
    assert!(of_kind(orgc::model::ENFORCEMENT)
        .all(|i| i.owner.map(|o| o.department) == Some(enforcement)));
    // the approvals are spread over the bureau's modules, not parked in one
    let modules: std::collections::BTreeSet<_> = of_kind(orgc::model::APPROVAL)
        .filter_map(|i| i.owner.and_then(|o: Owner| o.module))
        .collect();
    assert!(modules.len() > 1);
}

#[test]
fn economic_development_bureau_and_social_affairs_bureau() {
    let c = compiled();
    let m = &c.model;
    let jf = dept(m, "经济发展局");
    assert_eq!(m.dept(dept(m, "社会事业局")).fields.len(), 8);
    assert_eq!(measure(m, Metric::Modules, Scope::Department(jf)), 11);
    assert_eq!(measure(m, Metric::Groups, Scope::Department(jf)), 43);
    assert_eq!(
        measure(m, Metric::UpstreamOffices, Scope::Department(jf)),
        102
    );
    assert_eq!(
        measure(m, Metric::UpstreamBureaus, Scope::Department(jf)),
        10
    );
    let industry = m
        .dept(jf)
        .modules
        .iter()
        .copied()
        .find(|x| m.module(*x).name.text == "产业发展")
        .expect("产业发展 module");
    assert_eq!(
        measure(m, Metric::UpstreamOffices, Scope::Module(industry)),
        11
    );
    assert_eq!(
        measure(m, Metric::UpstreamBureaus, Scope::Module(industry)),
        3
    );
}

#[test]
fn transfer_catalogue() {
    let c = compiled();
    let m = &c.model;
    use orgc::syntax::ast::Status;
    assert_eq!(m.transfers.len(), 154);
    let transferred: Vec<_> = m
        .transfers
        .iter()
        .filter(|t| t.status == Status::Transferred)
        .collect();
    assert_eq!(transferred.len(), 85);
    let used: std::collections::BTreeSet<_> = transferred
        .iter()
        .flat_map(|t| t.agencies.iter().copied())
        .collect();
    assert_eq!(used.len(), 92);
    assert!(transferred
        .iter()
        .any(|t| t.function.text == "船舶检测" && t.agencies.len() > 1));
    assert!(m
        .transfers
        .iter()
        .any(|t| t.function.text == "一校一医一室"));
    assert!(m.transfers.iter().all(|t| t.supervisor.is_some()));
}

#[test]
fn communities_grids_devolution_joint_cases() {
    let c = compiled();
    let m = &c.model;
    assert_eq!(m.communities().count(), 102);
    assert_eq!(
        m.areas
            .iter()
            .filter(|a| a.kind == AreaKind::Central)
            .count(),
        21
    );
    assert_eq!(m.grids.iter().filter(|g| !g.dedicated).count(), 469);
    assert_eq!(m.grids.iter().filter(|g| g.dedicated).count(), 15);
    assert_eq!(m.grids.iter().map(|g| g.micro).sum::<u64>(), 3311);
    // the real names and codes
    let csv = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/domain/communities.csv"),
    )
    .ok();
    if let Some(csv) = csv {
        for line in csv.lines().skip(1) {
            let mut cols = line.split(',');
            let (code, name) = (cols.next().unwrap_or(""), cols.next().unwrap_or(""));
            assert!(
                m.communities().any(|(_, a)| a.name.text == name
                    && a.code.as_ref().map(|c| c.text.as_str()) == Some(code)),
                "{name} {code}"
            );
        }
    }
    assert_eq!(m.devolutions.len(), 95);
    assert!(m
        .devolutions
        .iter()
        .all(|d| d.kind.is_some_and(|k| m.kind(k).devolvable)));
    assert_eq!(m.joints.len(), 12);
    for name in ["校园周边安全", "小区违建执法监管"] {
        assert!(m.joints.iter().any(|j| j.name.text == name), "{name}");
    }
    assert!(m
        .joints
        .iter()
        .all(|j| j.leads.len() == 1 && j.tiers.len() == 1 && !j.items.is_empty()));
    assert!(m.events.len() >= 30);
    let tiers: Vec<&str> = m
        .tiers
        .iter()
        .filter_map(|t| t.label.as_ref().map(|l| l.text.as_str()))
        .collect();
    assert_eq!(tiers, ["即时办结", "日清日结", "5日办结"]);
}

/// A copy of the set with one edit applied to one file.
fn mutated(file: &str, edit: impl Fn(&str) -> String) -> (tempfile::TempDir, orgc::Compiled) {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(set_dir()).unwrap().flatten() {
        let name = e.file_name();
        let text = std::fs::read_to_string(e.path()).unwrap_or_default();
        let text = if name.to_string_lossy() == file {
            edit(&text)
        } else {
            text
        };
        std::fs::write(dir.path().join(&name), text).unwrap();
    }
    let c = orgc::compile(&[dir.path().to_path_buf()]).unwrap();
    (dir, c)
}

/// The file (in name order) with a line that starts with `pattern`.
fn file_with(pattern: &str) -> (String, String) {
    let mut entries: Vec<_> = std::fs::read_dir(set_dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        if path.extension().is_some_and(|x| x == "policy")
            && text.lines().any(|l| l.trim_start().starts_with(pattern))
        {
            return (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                text,
            );
        }
    }
    panic!("no file has a line starting with {pattern}")
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .expect("needle present")
        + 1
}

#[test]
fn an_approval_item_moved_to_another_department_is_caught() {
    let (file, text) = file_with("item SP-0001 ");
    let line = text
        .lines()
        .find(|l| l.starts_with("item SP-0001 "))
        .unwrap()
        .to_string();
    let owner = line
        .split("->")
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let moved = line.replace(&owner, "社会事业局");
    let (_dir, c) = mutated(&file, |t| t.replace(&line, &moved));
    let hit = c
        .diagnostics
        .iter()
        .find(|d| d.code.as_str() == "R001")
        .expect("rule 一枚印章管审批 fires");
    let span = hit.primary().unwrap();
    let f = c.sources.get(span.file).unwrap();
    assert!(f.path.ends_with(&file));
    assert_eq!(f.line_col(span.start).0, line_of(&text, "item SP-0001 "));
    assert!(hit
        .message
        .render(orgc::diagnostics::Lang::Zh)
        .contains("一枚印章管审批"));
}

#[test]
fn a_community_removed_from_its_central_community_is_caught() {
    let (file, text) = file_with("community 金钗河社区");
    let (_dir, c) = mutated(&file, |t| {
        t.lines()
            .map(|l| {
                if l.starts_with("central_community") || l.starts_with("  community 金钗河社区")
                {
                    l.replace("community 金钗河社区", "")
                } else {
                    l.to_string()
                }
            })
            .map(|l| l.replace("  community  ", "  "))
            .collect::<Vec<_>>()
            .join("\n")
    });
    let _ = text;
    let codes: Vec<&str> = c.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert!(codes.contains(&"E402"), "{codes:?}");
    let orphan = c
        .diagnostics
        .iter()
        .find(|d| d.code.as_str() == "E402")
        .unwrap();
    assert!(orphan
        .message
        .render(orgc::diagnostics::Lang::En)
        .contains("金钗河社区"));
}

#[test]
fn a_seventh_party_department_is_caught() {
    let (file, _) = file_with("caps");
    let (_dir, c) = mutated(&file, |t| {
        format!("{t}\ndepartment 新设工作委员会 : party {{ module 综合 }}\n")
    });
    let cap = c
        .diagnostics
        .iter()
        .find(|d| d.code.as_str() == "E301")
        .expect("E301");
    let spans: Vec<_> = cap
        .labels
        .iter()
        .map(|l| c.sources.text(l.span).to_string())
        .collect();
    assert!(
        spans.iter().any(|s| s.contains("party")),
        "points at the cap: {spans:?}"
    );
    assert!(
        spans.iter().any(|s| !s.contains("party")),
        "points at a department: {spans:?}"
    );
    assert!(
        c.diagnostics.iter().any(|d| d.code.as_str() == "W302"),
        "the party target drifts too"
    );
}
