//! Pipeline benchmark: parse, resolve and check, timed separately, over
//! generated policy sets of county size (10k items) and province size (1M
//! items), plus the Longgang set.
//!
//! Machines here are shared and noisy, so every figure is also given as a
//! ratio to a baseline measured in the same run on the same bytes: a plain
//! scan that counts lines in every file (what reading the input costs at the
//! least). Run with `cargo bench` (`ORGC_BENCH_SIZES=10000` to choose sizes).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark that cannot generate, write or read its input should stop loudly"
)]

mod common;
use orgc::source::{FileId, SourceFile, SourceMap};
use rayon::prelude::*;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const ITEMS_PER_FILE: usize = 10_000;

/// Write a plausible policy set with `items` items to `dir`, in language 0.2:
/// departments with staffing, communities with a department's teams bound to
/// them, events (bound, enforced, joint cases) for the dispatch table, a service
/// centre with services, targets, rules, and the items with their time limits.
fn generate(dir: &Path, items: usize) {
    let depts = (items / 2_000).clamp(21, 400);
    let mut org = String::from("tier instant \"即时办结\" within 0h\ntier same_day \"日清日结\" within 24h\ntier five_days \"5日办结\" within 5d\n");
    let _ = writeln!(
        org,
        "caps {{ establishment {}  leadership_posts {} }}",
        depts * 60,
        depts * 5
    );
    org.push_str("upstream 上级发展和改革委员会 {\n");
    for o in 0..depts * 4 {
        let _ = writeln!(org, "  office 业务{o:04}处");
    }
    org.push_str("}\n");
    for d in 0..depts {
        let cat = ["party", "government", "institution"][d % 3];
        let _ = writeln!(
            org,
            "department 部门{d:03}局 : {cat} {{\n  fields 领域甲, 领域乙\n  staffing {{ administrative 40  institutional 20  leadership 5  in_communities 10 }}"
        );
        for m in 0..4 {
            let _ = writeln!(org, "  module 模块{m} {{ answers 上级发展和改革委员会.业务{:04}处  group 业务组甲  group 业务组乙 }}", d * 4 + m);
        }
        org.push_str("}\n");
    }
    let centrals = (items / 10_000).max(2);
    for c in 0..centrals {
        let _ = write!(org, "central_community 中心社区{c:03} {{");
        for k in 0..5 {
            let _ = write!(org, " community 社区{:04}", c * 5 + k);
        }
        org.push_str(" }\n");
        let _ = writeln!(org, "bind 部门{:03}局 to 中心社区{c:03}", c % depts);
        // 部门001局 has a team bound to every community: its `bound` events
        let _ = writeln!(org, "bind 部门001局.模块{} to 中心社区{c:03}", c % 4);
        for k in 0..5 {
            let n = c * 5 + k;
            let _ = writeln!(org, "community 社区{n:04} code {:012} {{ grid 网格{n:04}-1 micro 7  grid 网格{n:04}-2 micro 6  grid 网格{n:04}-Z \"学校\" : dedicated micro 1 }}", 330_383_000_000u64 + n as u64);
        }
    }
    // joint cases led by 部门001局; SX-0000001 (enforcement) is owned by it
    let joint_cases = 4;
    for j in 0..joint_cases {
        let _ = write!(
            org,
            "joint_case 一件事{j} {{ lead 部门001局  members 部门{:03}局  tier same_day",
            2 + j
        );
        if items > 1 {
            org.push_str("  items SX-0000001");
        }
        org.push_str(" }\n");
    }
    let events = 12;
    for e in 0..events {
        let owner = 2 + e % (depts - 2);
        let _ = match e % 3 {
            0 => writeln!(org, "event 事件{e:02} owner 部门001局 bound tier same_day"),
            1 => writeln!(
                org,
                "event 事件{e:02} \"事件类型{e}\" owner 部门{owner:03}局 enforced_by 部门001局 tier instant"
            ),
            _ => writeln!(
                org,
                "event 事件{e:02} owner 部门{owner:03}局 joint_case 一件事{}",
                e % joint_cases
            ),
        };
    }
    // a service centre: the first approval items are served there
    org.push_str("service_centre 政务服务中心 {\n  stationed 部门000局, 部门001局, 部门002局\n  section 综合受理 { area 综合窗口  area 企业开办专区 }\n}\n");
    for (k, i) in (0..items).step_by(4).take(500).enumerate() {
        let _ = writeln!(
            org,
            "centre_service QS-{k:04} \"第{i}号审批服务\" : approval in 政务服务中心.综合受理.综合窗口 item SX-{i:07}"
        );
    }
    org.push_str("centre_service ZZ-0001 \"政策精准推送\" : value_added in 政务服务中心.综合受理.企业开办专区 owner 部门001局\n");
    org.push_str("measure MJ-0001 \"企业开办全程网办\" owner 部门000局 in 政务服务中心\n");
    let _ = writeln!(
        org,
        "targets illustrative {{ establishment {}  service_centres 1 }}",
        depts * 60
    );
    let _ = writeln!(
        org,
        "targets derived {{ dispatch_rows {} }}",
        events * centrals * 5
    );
    org.push_str("rule 一枚印章管审批 { every item where kind = approval must owner = 部门000局 severity warning }\n");
    org.push_str("rule 事项须有时限 { every item must has statutory or immediate }\n");
    org.push_str("rule 一件事有成员 { every joint_case must count(members) >= 1 }\n");
    std::fs::write(dir.join("org.policy"), org).unwrap();
    let kinds = ["approval", "enforcement", "service", "affairs"];
    let limits = ["immediate", "statutory 20 committed 5", "statutory 15"];
    for (f, start) in (0..items).step_by(ITEMS_PER_FILE).enumerate() {
        let mut s = String::with_capacity(ITEMS_PER_FILE * 112);
        s.push_str("# 事项清单（生成）\n");
        for i in start..(start + ITEMS_PER_FILE).min(items) {
            let kind = kinds[i % 4];
            let dept = if kind == "approval" { 0 } else { i % depts };
            let _ = writeln!(
                s,
                "item SX-{i:07} \"第{i}号行政事项（{kind}）\" : {kind} owner 部门{dept:03}局.模块{}.业务组甲 {}",
                i % 4,
                limits[i % 3]
            );
        }
        std::fs::write(dir.join(format!("items-{f:04}.policy")), s).unwrap();
    }
}

struct Timing {
    baseline: Duration,
    parse: Duration,
    resolve: Duration,
    check: Duration,
    /// routing tables built and written (JSON, CSV, SQLite)
    build: Duration,
    bytes: u64,
    decls: usize,
    diagnostics: usize,
    /// The codes reported, so that a generator that drifts from the language shows.
    codes: std::collections::BTreeSet<&'static str>,
}

fn load(dir: &Path) -> SourceMap {
    let (map, diags) = orgc::load(&[dir.to_path_buf()]).expect("generated set loads");
    assert!(diags.is_empty());
    map
}

fn run(dir: &Path) -> Timing {
    let sources = load(dir);
    let bytes: u64 = sources.iter().map(|(_, f)| f.text.len() as u64).sum();
    let files: Vec<(FileId, &SourceFile)> = sources.iter().collect();

    let t = Instant::now();
    let lines: usize = files
        .par_iter()
        .map(|(_, f)| f.text.bytes().filter(|&b| b == b'\n').count())
        .sum();
    let baseline = t.elapsed();
    std::hint::black_box(lines);

    let t = Instant::now();
    let parsed: Vec<orgc::syntax::Parsed> = files
        .par_iter()
        .map(|(id, f)| orgc::syntax::parse_file(*id, &f.text))
        .collect();
    let mut decls = Vec::new();
    let mut diagnostics = 0;
    let mut codes = std::collections::BTreeSet::new();
    for p in parsed {
        diagnostics += p.diagnostics.len();
        codes.extend(p.diagnostics.iter().map(|d| d.code.as_str()));
        decls.extend(p.decls);
    }
    let parse = t.elapsed();

    let t = Instant::now();
    let (model, derived, resolve_diags) = orgc::model::build(&decls);
    let resolve = t.elapsed();
    diagnostics += resolve_diags.len();
    codes.extend(resolve_diags.iter().map(|d| d.code.as_str()));
    let n = decls.len();
    drop(decls);

    let t = Instant::now();
    let check_diags = orgc::check::run(&model, &derived);
    let check = t.elapsed();
    diagnostics += check_diags.len();
    codes.extend(check_diags.iter().map(|d| d.code.as_str()));
    let t = Instant::now();
    let routes = orgc::emit::routes::build(&model, &derived, "bench");
    let out = tempfile::tempdir().expect("temp dir");
    orgc::emit::tables::write_all(&routes, "bench", out.path(), Default::default())
        .expect("outputs written");
    let build = t.elapsed();
    Timing {
        baseline,
        parse,
        resolve,
        check,
        build,
        bytes,
        decls: n,
        diagnostics,
        codes,
    }
}

fn report(name: &str, t: &Timing) {
    let ratio = |d: Duration| d.as_secs_f64() / t.baseline.as_secs_f64().max(1e-9);
    println!(
        "{name:<22} {:>8.1} MB {:>9} decls | scan {:>8.3}s | parse {:>7.3}s ({:>6.0}×) | resolve {:>7.3}s ({:>6.0}×) | check {:>7.3}s ({:>6.0}×) | build {:>7.3}s ({:>6.0}×) | {} diagnostics {:?}",
        t.bytes as f64 / 1e6,
        t.decls,
        t.baseline.as_secs_f64(),
        t.parse.as_secs_f64(),
        ratio(t.parse),
        t.resolve.as_secs_f64(),
        ratio(t.resolve),
        t.check.as_secs_f64(),
        ratio(t.check),
        t.build.as_secs_f64(),
        ratio(t.build),
        t.diagnostics,
        t.codes,
    );
}

fn main() {
    let Some(sizes) = common::sizes(&[10_000, 1_000_000]) else {
        return;
    };
    println!(
        "orgc pipeline benchmark ({} threads); ratios are to the line-count scan of the same bytes",
        rayon::current_num_threads()
    );
    let longgang = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("policies/longgang");
    if longgang.is_dir() {
        let t = Instant::now();
        let c = orgc::compile(std::slice::from_ref(&longgang)).expect("longgang loads");
        let whole = t.elapsed();
        report("policies/longgang", &run(&longgang));
        println!("  whole `orgc check policies/longgang` pipeline (load+parse+resolve+check+sort): {:.3}s, {} diagnostics", whole.as_secs_f64(), c.diagnostics.len());
    }
    for size in sizes {
        let dir = tempfile::tempdir().expect("temp dir");
        generate(dir.path(), size);
        let t = run(dir.path());
        report(&format!("generated {size} items"), &t);
        diff_against_itself(dir.path());
        // `ORGC_BENCH_KEEP=DIR` keeps the generated sets, to read or to check by hand
        if let Some(keep) = std::env::var_os("ORGC_BENCH_KEEP") {
            let to = PathBuf::from(keep).join(format!("generated-{size}"));
            std::fs::create_dir_all(&to).expect("ORGC_BENCH_KEEP is writable");
            for e in std::fs::read_dir(dir.path())
                .expect("generated set")
                .flatten()
            {
                std::fs::copy(e.path(), to.join(e.file_name())).expect("copied");
            }
        }
    }
}

/// `orgc diff` of a set against itself (two compiles, two snapshots, the
/// comparison) next to one `orgc check` of it, measured in the same run.
fn diff_against_itself(dir: &Path) {
    let paths = [dir.to_path_buf()];
    let t = Instant::now();
    let one = orgc::compile(&paths).expect("generated set loads");
    let check = t.elapsed();
    drop(one);
    let t = Instant::now();
    // as `orgc diff` does: both sides at once, then both snapshots at once
    let (old, new) = rayon::join(|| orgc::compile(&paths), || orgc::compile(&paths));
    let d = orgc::diff::between(
        &old.expect("generated set loads"),
        &new.expect("generated set loads"),
    );
    let diff = t.elapsed();
    assert!(d.is_empty(), "a set against itself has no changes");
    // the part that is the diff's own: snapshots and comparison of compiled sets
    let one = orgc::compile(&paths).expect("generated set loads");
    let t = Instant::now();
    let _ = orgc::diff::between(&one, &one);
    let own = t.elapsed();
    println!(
        "  orgc diff of it against itself: {:.3}s, {:.2}× one `orgc check` ({:.3}s); snapshots and comparison {:.3}s",
        diff.as_secs_f64(),
        diff.as_secs_f64() / check.as_secs_f64().max(1e-9),
        check.as_secs_f64(),
        own.as_secs_f64()
    );
}
