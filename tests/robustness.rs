//! No input makes orgc panic or hang, and the ownership check agrees with an
//! independent brute-force oracle on thousands of generated policy sets.
//!
//! These are deterministic (a fixed-seed generator), so a failure reproduces;
//! `fuzz/` holds the coverage-guided version of the first test for cargo-fuzz.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot read its own fixture should fail loudly"
)]

use orgc::diagnostics::render::{render, Format, Options};
use orgc::diagnostics::{Code, Lang};
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

mod common;
use common::Rng;

/// Every small policy file of the repository, as seeds.
fn corpus() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut dirs = vec![root.join("tests/fixtures"), root.join("examples")];
    while let Some(d) = dirs.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "policy") {
                out.push(std::fs::read(&p).unwrap());
            }
        }
    }
    for name in [
        "city.policy",
        "joint.policy",
        "events.policy",
        "expect.policy",
    ] {
        if let Ok(b) = std::fs::read(root.join("policies/longgang").join(name)) {
            out.push(b);
        }
    }
    out.sort();
    assert!(out.len() > 50, "corpus too small: {}", out.len());
    out
}

const SNIPPETS: &[&str] = &[
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    ",",
    ".",
    ":",
    "->",
    "\"",
    "\\",
    "#",
    "//",
    "\n",
    "\r",
    "\r\n",
    "\t",
    "　",
    "，",
    "：",
    "（",
    "）",
    "｛",
    "“",
    "”",
    "\u{200B}",
    "\u{202E}",
    "\u{FEFF}",
    "\u{0}",
    "\u{1B}[31m",
    "💥",
    "⾦",
    "\u{F9B2}",
    "department",
    "item",
    "rule",
    "every",
    "must",
    "where",
    "not",
    "count(",
    "has",
    "in",
    "contains",
    "tier",
    "joint",
    "joint_case",
    "lead",
    "members",
    "owner",
    "statutory",
    "committed",
    "immediate",
    "bound",
    "enforced_by",
    "except",
    "because",
    "central_community",
    "community",
    "code",
    "grid",
    ": dedicated",
    "micro",
    "expect",
    " at ",
    " to ",
    "transfer",
    "devolve",
    "devolution",
    "all_communities",
    "staffing",
    "service_centre",
    "section",
    "area",
    "stationed",
    "service",
    "measure",
    "targets",
    "published",
    "derived",
    "illustrative",
    "approval",
    "行政审批局",
    "金钗河社区",
    "99999999999999999999999",
    "0h",
    "5d",
    "none",
];

fn mutate(rng: &mut Rng, mut bytes: Vec<u8>) -> Vec<u8> {
    for _ in 0..=rng.below(4) {
        let len = bytes.len();
        let at = rng.below(len + 1);
        match rng.below(6) {
            0 => {
                let end = (at + rng.below(40)).min(len);
                bytes.drain(at..end);
            }
            1 => {
                let s = rng.pick(SNIPPETS).as_bytes();
                bytes.splice(at..at, s.iter().copied());
            }
            2 => bytes.truncate(at),
            3 => {
                let end = (at + rng.below(60)).min(len);
                let chunk: Vec<u8> = bytes[at..end].to_vec();
                let to = rng.below(bytes.len() + 1);
                bytes.splice(to..to, chunk);
            }
            4 => {
                if at < len {
                    bytes[at] = (rng.next() & 0xFF) as u8;
                }
            }
            _ => {
                let s = rng.pick(SNIPPETS).repeat(1 + rng.below(80));
                bytes.splice(at..at, s.bytes());
            }
        }
    }
    bytes
}

/// Compile, then run every later phase and every renderer on the result.
fn exercise(name: &str, bytes: &[u8]) {
    let c = orgc::compile_bytes(name, bytes);
    for format in Format::ALL {
        for lang in [Lang::Zh, Lang::En] {
            let text = render(
                &c.diagnostics,
                &c.sources,
                Options {
                    lang,
                    format,
                    color: false,
                    width: 80,
                },
            );
            assert!(!text.contains('\u{1B}'), "a raw escape reached the output");
        }
    }
    if !c.has_errors() {
        let routes = orgc::emit::routes::build(&c.model, &c.derived, "test");
        let _ = serde_json::to_string(&routes).unwrap();
        // the workbook and the lookup page, for people: made for every set that checks
        for lang in [Lang::Zh, Lang::En] {
            let people = orgc::emit::people(
                &c.model,
                &c.derived,
                &routes,
                &c.sources,
                lang,
                |name, bytes| Ok((name, bytes)),
            );
            assert!(people.is_ok(), "{people:?}", people = people.err());
        }
        let outcome = orgc::expect::run(&c.model, &c.derived);
        let report = orgc::diagnostics::ci::Report {
            diagnostics: &c.diagnostics,
            tests: Some(&outcome.cases),
        };
        for format in [Format::Sarif, Format::Junit] {
            let ctx = orgc::diagnostics::ci::Context::new(Lang::Zh);
            let _ = orgc::diagnostics::ci::render(format, &report, &c.sources, &ctx);
        }
        for item in c.model.items.iter().take(3) {
            for s in orgc::emit::route::find(&c.model, &item.id.text, None) {
                let _ = orgc::emit::route::answer(&c.model, &c.derived, s);
            }
        }
        // the report and the graphs of whatever set checks clean
        use orgc::report::{self, graph};
        let data = report::build(&c.model, &c.derived, &c.diagnostics, &c.sources, Lang::Zh);
        let opts = report::Options {
            lang: Lang::Zh,
            groups: true,
        };
        for format in [
            report::Format::Markdown,
            report::Format::Html,
            report::Format::Json,
        ] {
            report::render(&data, format, None, opts).unwrap();
        }
        let opts = graph::Options {
            lang: Lang::En,
            groups: true,
            grids: true,
        };
        for view in [
            graph::View::Org,
            graph::View::Upstream,
            graph::View::Communities,
        ] {
            let _ = graph::dot(&c.model, &c.derived, view, opts);
            let _ = graph::mermaid(&c.model, &c.derived, view, opts);
            let _ = graph::svg(&c.model, &c.derived, view, opts);
        }
    }
}

/// The hand-written reader for plain `item`, `centre_service` and `measure`
/// lines gives exactly what pest gives.
fn same_with_and_without_the_fast_path(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let id = orgc::source::FileId(0);
    let fast = orgc::syntax::parse_file_with(id, &text, true);
    let slow = orgc::syntax::parse_file_with(id, &text, false);
    assert_eq!(
        format!("{:?}", fast.decls),
        format!("{:?}", slow.decls),
        "{text:?}"
    );
    assert_eq!(
        format!("{:?}", fast.diagnostics),
        format!("{:?}", slow.diagnostics),
        "{text:?}"
    );
}

#[test]
fn the_fast_item_reader_agrees_with_pest_on_its_edge_cases() {
    // each is read by the fast path, or must be handed to pest
    for text in [
        "item SP-0001 \"建设工程规划许可\" : approval owner 行政审批局.规划建设审批 statutory 20 committed 5\n",
        "item A \"x\" : service owner B   # 注释\nitem B \"y\" : service owner C.D.E immediate // c\n",
        "item A \"x\" : service owner B\ntier t\n",
        "item A \"x\" : service owner B\n  tier t \"label\" within 5d\n",
        "item A \"x\" : service owner B statutory 5\ncommitted 3\n",
        "item A \"x\" : service owner B statutory 5\n within 5d\n",
        "item A \"a\\\"b\" : service owner B\n",
        "item item \"x\" : service owner B\n",
        "item A \"x\" : service owner B.\"C D\"\n",
        "item  A\t\"\"\t:\tservice\towner\tB",
        "item A \"x\":service owner B\n",
        "item A \"x\" : service owner B statutory\n",
        "item A \"x\" : service owner B，\n",
        "item A \"x\" : service owner B statutory 5 committed 3 extra\n",
        "item A \"x\" : service owner B committed 3\n",
        "item A \"x\" : service owner B immediate statutory 5\n",
        "item A \"x\" service -> B tier t\n",
        "item\u{3000}A \"x\" : service owner B\n",
        "item A \"x\" : service owner B\r\nitem C \"y\" : service owner D\r\n",
        "item A \"x\" : service owner B\ntiers X\n",
        "centre_service QS-1 \"企业开办一件事\" : approval in 中心.企业开办.专区 item GG-0124 owner 局\n",
        "centre_service QS-1 \"x\" : approval in 中心.区 owner 局.科 # 注释\n",
        "centre_service QS-1 \"x\" : approval in 中心.区 item GG-1\n\"t\" : approval owner 局\n",
        "centre_service QS-1 \"x\" : approval in 中心.区 item GG-1 \"t\"\n",
        "centre_service QS-1 \"x\" : approval in 中心.区\nitem GG-1\n",
        "centre_service QS-1 \"x\" : approval in 中心.区\n  owner 局\n",
        "centre_service QS-1 \"x\" : approval in 中心.区 item GG-1\n  owner 局\n",
        "centre_service QS-1 \"x\" : approval in 中心.区 owner 局 item GG-1\n",
        "centre_service QS-1 \"x\" : approval in 中心.区\nitem GG-1 \"t\" : approval owner 局\n",
        "centre_service QS-1 \"x\" : value_added in 中心.\"区 A\"\n",
        "centre_service\tQS-1\t\"x\"\t:\tapproval\tin\t中心\n",
        "centre_service QS-1 \"x\" : approval in item\n",
        "centre_service QS-1 \"x\" : approval in 中心 owner\n",
        "centre_services QS-1 \"x\" : approval in 中心\n",
        "measure MJ-001 \"清理市场准入隐性壁垒\" owner 行政审批局 in 企业综合服务中心\n",
        "measure MJ-1 \"x\" owner 局.科.组 in 中心 # 注释\nmeasure MJ-2 \"y\" owner 局 in 中心 // c\n",
        "measure MJ-1 \"x\" owner 局\n in 中心\n",
        "measure MJ-1 \"x\" owner 局 in\n中心\n",
        "measure MJ-1 \"x\" owner 局 in 中心 extra\n",
        "measure MJ-1 \"x\" owner 局 in 中心.\"区 A\"\n",
        "measure MJ-1 \"a\\\"b\" owner 局 in 中心\n",
        "measure MJ-1 \"x\" in 中心 owner 局\n",
        "measure MJ-1 \"x\" : approval owner 局 in 中心\n",
        "measure measure \"x\" owner 局 in 中心\n",
        "measure\tMJ-1\t\"x\"\towner\t局\tin\t中心",
        "measure MJ-1 \"x\" owner 局 in 中心\r\nmeasure MJ-2 \"y\" owner 局 in 中心\r\n",
        "measures MJ-1 \"x\" owner 局 in 中心\n",
        "measure\u{3000}MJ-1 \"x\" owner 局 in 中心\n",
        "measure MJ-1 \"x\" owner 局 in 中心，\n",
    ] {
        same_with_and_without_the_fast_path(text.as_bytes());
    }
}

#[test]
fn the_fast_item_reader_agrees_with_pest_on_every_policy_file() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/longgang");
    let mut files: Vec<Vec<u8>> = std::fs::read_dir(root)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| std::fs::read(e.path()).unwrap())
        .collect();
    files.extend(corpus());
    for f in &files {
        same_with_and_without_the_fast_path(f);
    }
    // and on item lines broken in every way the mutator knows, three at a time
    let lines: Vec<&[u8]> = files
        .iter()
        .flat_map(|f| f.split(|&b| b == b'\n'))
        .filter(|l| {
            l.starts_with(b"item ")
                || l.starts_with(b"centre_service ")
                || l.starts_with(b"measure ")
        })
        .collect();
    assert!(lines.len() > 5000, "{} item and service lines", lines.len());
    let mut rng = Rng(0x00F0_57A7);
    for _ in 0..4000 {
        let mut input = Vec::new();
        for _ in 0..3 {
            let line = rng.pick(&lines).to_vec();
            input.extend(mutate(&mut rng, line));
            input.push(b'\n');
        }
        same_with_and_without_the_fast_path(&input);
    }
}

#[test]
fn no_panic_on_thousands_of_mutated_policies() {
    let corpus = corpus();
    let mut rng = Rng(0x005E_ED0F_0A6C);
    for round in 0..3000 {
        let seed = rng.pick(&corpus).clone();
        let input = mutate(&mut rng, seed);
        let outcome = std::panic::catch_unwind(|| exercise("m.policy", &input));
        assert!(
            outcome.is_ok(),
            "round {round} panicked on input {:?}",
            String::from_utf8_lossy(&input)
        );
        same_with_and_without_the_fast_path(&input);
    }
}

#[test]
fn pathological_inputs_finish_quickly() {
    let cases: Vec<Vec<u8>> = vec![
        format!("department {} : party {{ }}", "名".repeat(300_000)).into_bytes(),
        "{".repeat(100_000).into_bytes(),
        format!(
            "rule r {{ every item must {} has committed }}",
            "not ".repeat(200_000)
        )
        .into_bytes(),
        "item ".repeat(100_000).into_bytes(),
        "\"".repeat(100_000).into_bytes(),
        "\n".repeat(500_000).into_bytes(),
        "#".repeat(1_000_000).into_bytes(),
        vec![0xFFu8; 100_000],
        "，".repeat(100_000).into_bytes(),
    ];
    for case in cases {
        let start = std::time::Instant::now();
        exercise("p.policy", &case);
        // generous: debug build on a shared machine; the promise is "well
        // under a second" in release
        assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
    }
}

// ------------------------------------------------------------------ oracle

struct Generated {
    text: String,
    /// (id, title, kind, owner) per item line, in order
    items: Vec<(String, String, &'static str, String)>,
}

fn generate(rng: &mut Rng) -> Generated {
    let depts = ["行政审批局", "社会事业局", "经济发展局"];
    let modules = ["甲", "乙"];
    let titles = [
        "建设工程规划许可",
        "建设工程规划许可 ",
        "食品经营许可",
        "ＳＰ许可",
        "SP许可",
        "排水许可",
    ];
    let kinds = ["approval", "enforcement"];
    let mut text = String::new();
    for d in depts {
        text.push_str(&format!(
            "department {d} : government {{ module 甲 module 乙 }}\n"
        ));
    }
    let mut items = Vec::new();
    for _ in 0..rng.below(12) {
        let id = format!("X-{}", rng.below(15));
        let title = rng.pick(&titles).to_string();
        let kind = *rng.pick(&kinds);
        let owner = if rng.below(3) == 0 {
            rng.pick(&depts).to_string()
        } else {
            format!("{}.{}", rng.pick(&depts), rng.pick(&modules))
        };
        text.push_str(&format!("item {id} \"{title}\" : {kind} owner {owner}\n"));
        items.push((id, title, kind, owner));
    }
    Generated { text, items }
}

fn norm(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfkc().collect::<String>().trim().to_string()
}

#[test]
fn ownership_check_agrees_with_a_brute_force_oracle() {
    let mut rng = Rng(0x0DD_BA11);
    let mut with_conflicts = 0;
    for round in 0..3000 {
        let g = generate(&mut rng);
        // the oracle, over all pairs: an item id declared with two owners,
        // and a matter (normalised title, kind) under two owners, among the
        // items whose id is declared first
        let mut first_by_id: HashMap<&str, usize> = HashMap::new();
        let mut id_conflicts = BTreeSet::new();
        let mut kept = Vec::new();
        for (i, it) in g.items.iter().enumerate() {
            match first_by_id.get(it.0.as_str()) {
                Some(&f) if g.items[f].3 != it.3 => {
                    id_conflicts.insert(it.0.clone());
                }
                Some(_) => {}
                None => {
                    first_by_id.insert(&it.0, i);
                    kept.push(i);
                }
            }
        }
        let mut matter_conflicts = BTreeSet::new();
        for (a, &i) in kept.iter().enumerate() {
            for &j in &kept[a + 1..] {
                let (x, y) = (&g.items[i], &g.items[j]);
                if norm(&x.1) == norm(&y.1) && x.2 == y.2 && x.3 != y.3 {
                    matter_conflicts.insert((norm(&x.1), x.2));
                }
            }
        }

        let c = orgc::compile_str("o.policy", &g.text);
        let e201: Vec<_> = c
            .diagnostics
            .iter()
            .filter(|d| d.code == Code::E201)
            .collect();
        let mut got_ids = BTreeSet::new();
        let mut got_matters = BTreeSet::new();
        for d in &e201 {
            // every report names a concrete witness: two owners that differ
            let owners: Vec<&str> = d.labels.iter().map(|l| c.sources.text(l.span)).collect();
            assert_eq!(owners.len(), 2, "round {round}");
            assert_ne!(owners[0], owners[1], "round {round}: {}", g.text);
            let line = |l: &orgc::diagnostics::Label| {
                let f = c.sources.get(l.span.file).unwrap();
                f.line_col(l.span.start).0 - 3 - 1 // three department lines
            };
            let (a, b) = (&g.items[line(&d.labels[0])], &g.items[line(&d.labels[1])]);
            if a.0 == b.0 {
                got_ids.insert(a.0.clone());
            } else {
                assert_eq!(
                    (norm(&a.1), a.2),
                    (norm(&b.1), b.2),
                    "round {round}: witness of different matters"
                );
                got_matters.insert((norm(&a.1), a.2));
            }
        }
        assert_eq!(got_ids, id_conflicts, "round {round}:\n{}", g.text);
        assert_eq!(got_matters, matter_conflicts, "round {round}:\n{}", g.text);
        with_conflicts += usize::from(!e201.is_empty());
    }
    assert!(
        with_conflicts > 500,
        "the generator should produce conflicts often: {with_conflicts}"
    );
}

/// Build the model of `files` (name, text) in order, the references either
/// resolved while declaring where they can be (as orgc does) or all left for
/// pass 2; the model and the diagnostics, as text, and how many declarations
/// were kept for pass 2.
fn model_of(files: &[(String, String)], deferring: bool) -> (String, String, usize) {
    let mut builder = orgc::model::ModelBuilder::new();
    let mut diags = Vec::new();
    for (i, (_, text)) in files.iter().enumerate() {
        let mut p = orgc::syntax::parse_file(orgc::source::FileId(i as u32), text);
        let decls = std::mem::take(&mut p.decls);
        diags.extend(p.diagnostics);
        builder.declare_file(if deferring {
            orgc::model::prepare_deferring(decls)
        } else {
            orgc::model::prepare(decls)
        });
    }
    let kept = builder.kept_for_pass_2();
    let (model, derived, found) = builder.finish(&[]);
    diags.extend(found);
    orgc::diagnostics::sort(&mut diags);
    let routes = orgc::emit::routes::build(&model, &derived, "test");
    (
        format!("{model:?}\n{}", serde_json::to_string(&routes).unwrap()),
        format!("{diags:?}"),
        kept,
    )
}

/// Resolving plainly written references while declaring (pass 1) gives the
/// same model, routing tables and diagnostics as leaving every reference to
/// pass 2: on every policy file of the repository, on the Longgang set as a
/// whole (references across files, in both directions), and on mutated
/// files (names misspelt, declared twice, declared after their use).
#[test]
fn resolving_while_declaring_changes_nothing() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut longgang: Vec<(String, String)> = std::fs::read_dir(root.join("policies/longgang"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "policy"))
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    longgang.sort();
    assert!(longgang.len() > 10);
    let mut sets = vec![longgang.clone()];
    // the same files in reverse order: items before the departments they name
    longgang.reverse();
    sets.push(longgang);
    let corpus = corpus();
    let mut rng = Rng(0x0000_DEC1_A4E5);
    for seed in &corpus {
        sets.push(vec![(
            "f.policy".into(),
            String::from_utf8_lossy(seed).into(),
        )]);
    }
    for _ in 0..1500 {
        let seed = rng.pick(&corpus).clone();
        let input = mutate(&mut rng, seed);
        sets.push(vec![(
            "m.policy".into(),
            String::from_utf8_lossy(&input).into(),
        )]);
    }
    // (the comparison is not idle: most references were resolved early)
    let (mut early, mut all) = (0, 0);
    for files in &sets {
        let (now, later) = (model_of(files, false), model_of(files, true));
        assert_eq!(now.1, later.1, "diagnostics differ on {:?}", files[0].0);
        assert_eq!(now.0, later.0, "models differ on {:?}", files[0].0);
        early += later.2 - now.2;
        all += later.2;
    }
    assert!(early * 2 > all, "{early} of {all} resolved while declaring");
}
