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
    // the real names and codes, from the source copied into the set
    let csv = std::fs::read_to_string(set_dir().join("sources/communities.csv"))
        .expect("policies/longgang/sources/communities.csv");
    assert_eq!(csv.lines().skip(1).count(), 102);
    for line in csv.lines().skip(1) {
        let mut cols = line.split(',');
        let (code, name) = (cols.next().unwrap_or(""), cols.next().unwrap_or(""));
        assert!(
            m.communities().any(|(_, a)| a.name.text == name
                && a.code.as_ref().map(|c| c.text.as_str()) == Some(code)),
            "{name} {code}"
        );
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
    // cross-department in fact, not in name: every case's items come from at
    // least two of its departments (that they come from its lead or members
    // at all is E405, so a clean set already says so)
    for j in &m.joints {
        let owners: std::collections::BTreeSet<_> = j
            .items
            .iter()
            .filter_map(|(i, _)| m.items[i.index()].owner.map(|o| o.department))
            .collect();
        assert!(owners.len() >= 2, "{}: {owners:?}", j.name.text);
    }
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

/// The file with a line that starts with `start`, and that line.
fn line_starting(start: &str) -> (String, String) {
    let (file, text) = file_with(start);
    let line = text
        .lines()
        .find(|l| l.starts_with(start))
        .unwrap()
        .to_string();
    (file, line)
}

/// The labels of the first diagnostic with `code`, as the text they underline.
fn labelled(c: &orgc::Compiled, code: &str) -> Vec<String> {
    let d = c
        .diagnostics
        .iter()
        .find(|d| d.code.as_str() == code)
        .unwrap_or_else(|| panic!("{code}"));
    d.labels
        .iter()
        .map(|l| c.sources.text(l.span).to_string())
        .collect()
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
        .split(" owner ")
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
    assert_eq!(spans.len(), 1, "points at the cap only: {spans:?}");
    let help = cap
        .help
        .as_ref()
        .unwrap()
        .render(orgc::diagnostics::Lang::Zh);
    assert!(
        help.contains("`新设工作委员会`") && help.matches('`').count() == 14,
        "names the seven party departments counted: {help}"
    );
    assert!(
        c.diagnostics.iter().any(|d| d.code.as_str() == "W302"),
        "the party target drifts too"
    );
}

#[test]
fn items_have_time_limits_and_no_response_tier() {
    let c = compiled();
    let m = &c.model;
    use orgc::syntax::ast::TimeLimit;
    // every item has a time limit in working days; every approval a committed one
    for it in &m.items {
        let limit = it
            .limit
            .as_ref()
            .unwrap_or_else(|| panic!("{} has no limit", it.id.text));
        if let TimeLimit::Days {
            statutory,
            committed,
        } = limit
        {
            assert!(
                committed.is_none_or(|c| c.value <= statutory.value),
                "{}",
                it.id.text
            );
        }
        if it.kind == Some(orgc::model::APPROVAL) {
            assert!(
                matches!(
                    limit,
                    TimeLimit::Immediate
                        | TimeLimit::Days {
                            committed: Some(_),
                            ..
                        }
                ),
                "{}",
                it.id.text
            );
        }
    }
    // licences have the 20-working-day statutory limit of Zhejiang practice
    let licences = m
        .items
        .iter()
        .filter(|i| i.kind == Some(orgc::model::APPROVAL))
        .filter(|i| matches!(&i.limit, Some(TimeLimit::Days { statutory, .. }) if statutory.value == 20))
        .count();
    assert!(licences > 500, "{licences}");
    // the response tiers are used by events and joint cases only: no item line names one
    for e in std::fs::read_dir(set_dir()).unwrap().flatten() {
        let text = std::fs::read_to_string(e.path()).unwrap_or_default();
        for line in text.lines().filter(|l| l.starts_with("item ")) {
            assert!(!line.contains(" tier "), "{line}");
        }
    }
}

#[test]
fn the_items_table_has_statutory_and_committed_limits() {
    let c = compiled();
    let dir = tempfile::tempdir().unwrap();
    let digest = orgc::emit::digest(&c.sources);
    let routes = orgc::emit::routes::build(&c.model, &c.derived, &digest);
    orgc::emit::tables::write_all(&routes, &digest, dir.path(), Default::default()).unwrap();
    let csv = std::fs::read_to_string(dir.path().join("items.csv")).unwrap();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    assert!(header.contains(&"statutory_days") && header.contains(&"committed_days"));
    assert!(!header.contains(&"tier"));
    let sp = csv.lines().find(|l| l.starts_with("SP-0001,")).unwrap();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let cells: Vec<&str> = sp.split(',').collect();
    let statutory: u64 = cells[col("statutory_days")].parse().unwrap();
    let committed: u64 = cells[col("committed_days")].parse().unwrap();
    assert!(committed <= statutory && statutory > 0, "{sp}");
}

#[test]
fn enterprise_service_centre() {
    let c = compiled();
    let m = &c.model;
    let centre = m
        .centres
        .iter()
        .position(|x| x.name.text == "企业综合服务中心")
        .expect("企业综合服务中心");
    let scope = Scope::Centre(orgc::model::CentreId(centre as u32));
    let count = |metric| measure(m, metric, scope);
    assert_eq!(
        (
            count(Metric::Stationed),
            count(Metric::Sections),
            count(Metric::ServiceAreas),
            count(Metric::ApprovalServices),
            count(Metric::ValueAddedServices),
            count(Metric::Measures),
        ),
        (18, 11, 21, 1612, 229, 171)
    );
    // approval services refer to catalogue items; none is offered twice
    let with_item: Vec<_> = m.services.iter().filter_map(|s| s.item).collect();
    assert!(with_item.len() > 1000, "{}", with_item.len());
    let mut ids: Vec<_> = with_item.iter().map(|(i, _)| i.index()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), with_item.len());
    // and `orgc route` shows the figures, each reason with its place
    let answer = orgc::emit::route::answer(
        m,
        &c.derived,
        orgc::emit::route::Subject::Centre(orgc::model::CentreId(centre as u32)),
    );
    let text = answer.reasons[0].text.render(orgc::diagnostics::Lang::Zh);
    for figure in [
        "18 个进驻单位",
        "11 个板块",
        "21 个服务专区",
        "1612 项审批服务",
        "229 项增值服务",
        "171 项落地清单",
    ] {
        assert!(text.contains(figure), "{figure}: {text}");
    }
    assert_eq!(answer.handlers.len(), 18);
}

#[test]
fn seventy_percent_of_cadres_work_in_the_communities() {
    let c = compiled();
    let m = &c.model;
    assert_eq!(measure(m, Metric::Establishment, Scope::City), 1863);
    assert_eq!(
        measure(m, Metric::CadresInCommunitiesPercent, Scope::City),
        70
    );
    // every department has its staffing, so the figure covers the whole city
    assert!(m.departments.iter().all(|d| d.staffing.is_some()));
    let in_communities = measure(m, Metric::CadresInCommunities, Scope::City);
    let share = in_communities as f64 / 1863.0;
    assert!((0.695..0.705).contains(&share), "{share}");
    // and `orgc route 龙港市` shows it, computed from the departments
    let found = orgc::emit::route::find(m, "龙港市", None);
    assert_eq!(found, [orgc::emit::route::Subject::City]);
    let answer = orgc::emit::route::answer(m, &c.derived, found[0]);
    let said: Vec<String> = answer
        .reasons
        .iter()
        .map(|r| r.text.render(orgc::diagnostics::Lang::Zh))
        .collect();
    assert!(
        said.iter()
            .any(|s| s.contains("编制合计 1863 名") && s.contains("占 70%")),
        "{said:?}"
    );
}

#[test]
fn the_dispatch_table_covers_every_event_kind_in_every_community() {
    let c = compiled();
    let m = &c.model;
    let rows = orgc::model::dispatch::table(m, &c.derived);
    assert_eq!(rows.len(), m.events.len() * 102);
    assert!(rows
        .iter()
        .all(|r| r.handler != orgc::model::dispatch::Reach::Gap));
    // bound event kinds go to a team bound to the community everywhere
    let bound = rows
        .iter()
        .filter(|r| m.events[r.event.index()].bound)
        .count();
    assert!(bound >= 102, "{bound}");
    assert!(rows
        .iter()
        .filter(|r| m.events[r.event.index()].bound)
        .all(|r| matches!(r.handler, orgc::model::dispatch::Reach::Bound { .. })));
}

#[test]
fn a_noise_complaint_at_longhe_is_dispatched_by_place_and_authority() {
    let c = compiled();
    let m = &c.model;
    let event = orgc::emit::route::find(m, "噪声投诉", Some(orgc::vocab::SubjectKind::Event));
    let place = orgc::emit::route::find(m, "龙和社区", Some(orgc::vocab::SubjectKind::Community));
    let (Some(orgc::emit::route::Subject::Event(e)), Some(p)) = (event.first(), place.first())
    else {
        panic!("噪声投诉 and 龙和社区 exist")
    };
    let bindings = orgc::model::dispatch::Bindings::new(m, &c.derived);
    let a = orgc::emit::route::dispatch(m, &c.derived, &bindings, *e, *p).unwrap();
    assert_eq!(a.handlers[0], "龙和社区");
    assert!(
        a.handlers[1].starts_with("综合行政执法局."),
        "{:?}",
        a.handlers
    );
    assert!(a.tier.is_some());
    let said: Vec<String> = a
        .reasons
        .iter()
        .map(|r| r.text.render(orgc::diagnostics::Lang::Zh))
        .collect();
    assert!(said.iter().any(|s| s.contains("属地")), "{said:?}");
    assert!(said.iter().any(|s| s.contains("分片捆绑")), "{said:?}");
    assert!(said.iter().any(|s| s.contains("响应时限")), "{said:?}");
    // every reason has its place in a file of the set
    for r in &a.reasons {
        assert!(c.sources.get(r.span.file).is_some());
    }
}

#[test]
fn a_removed_binding_leaves_communities_without_a_handler() {
    let (file, line) = line_starting("bind 综合行政执法局.");
    let (_dir, c) = mutated(&file, |t| t.replace(&line, ""));
    let gap = c
        .diagnostics
        .iter()
        .find(|d| d.code.as_str() == "E406")
        .expect("E406");
    // the gap names communities that the removed binding covered
    let said = gap.message.render(orgc::diagnostics::Lang::Zh);
    let first_area = line
        .split(" to ")
        .nth(1)
        .unwrap()
        .split(',')
        .next()
        .unwrap()
        .trim();
    let compiled = compiled();
    let area = compiled
        .model
        .areas
        .iter()
        .position(|a| a.name.text == first_area)
        .unwrap();
    let community = compiled.derived.area_communities[area][0];
    let name = &compiled.model.area(community).name.text;
    assert!(said.contains(name.as_str()), "{said}");
}

#[test]
fn a_committed_limit_above_the_statutory_one_is_caught_with_both_places() {
    let (file, line) = line_starting("item SP-0001 ");
    let head = line.split(" statutory ").next().unwrap();
    let broken = format!("{head} statutory 20 committed 30");
    let (_dir, c) = mutated(&file, |t| t.replace(&line, &broken));
    assert_eq!(labelled(&c, "E207"), ["30", "20"]);
}

#[test]
fn a_function_transferred_under_two_ids_is_caught_at_both() {
    let (file, line) = line_starting("transfer ZY-001 ");
    let again = line.replacen("ZY-001", "ZY-999", 1);
    let (_dir, c) = mutated(&file, |t| format!("{t}\n{again}\n"));
    assert_eq!(labelled(&c, "E303"), ["ZY-999", "ZY-001"]);
}

#[test]
fn a_stale_expectation_is_reported_by_check() {
    let (_dir, c) = mutated("expect.policy", |t| {
        format!("{t}\nexpect item SP-9999 to 行政审批局\n")
    });
    let codes: Vec<&str> = c.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["E503"]);
}

#[test]
fn enforcement_items_are_distinct_duties() {
    let c = compiled();
    let m = &c.model;
    let names: std::collections::BTreeSet<&str> = m
        .items
        .iter()
        .filter(|i| i.kind == Some(orgc::model::ENFORCEMENT))
        .map(|i| i.title.text.as_str())
        .collect();
    assert_eq!(names.len(), 3043);
    // the word-list combinations of the first set are gone
    for absurd in [
        "对学校未按规定清运建筑垃圾",
        "对医疗卫生业排水户向城镇排水设施倾倒渣土",
    ] {
        assert!(!names.iter().any(|n| n.contains(absurd)), "{absurd}");
    }
}
