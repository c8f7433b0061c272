//! Rendering benchmark: one generated policy file with N diagnostics (N = 1k
//! and 10k by default), compiled once, then rendered in the human, plain and
//! JSON formats, each timed on its own.
//!
//! What matters is how the time grows, so every format gets the ratio of its
//! time at the largest size to its time at the smallest: rendering is linear
//! when 10× the diagnostics cost about 10× the time (≤ ~12× on these shared,
//! noisy machines). Each figure is the fastest of several runs, the sizes
//! taking turns. Run with `cargo bench --bench render`
//! (`ORGC_BENCH_SIZES=1000,10000` to choose sizes).
//!
//! Then a large set: `ORGC_BENCH_SET_ITEMS` items (100,000 by default; the
//! province is 1,000,000) in 25 files, with 1,000 items declared again under
//! another department (1,000 E201, each pointing into two large files), or
//! the set in the folder `ORGC_BENCH_SET` (e.g. the `conflict/` folder that
//! `benches/gen_sets.py` writes). It is compiled once, then rendered in each
//! format; the figure that matters is the run in the human format over the
//! same run in JSON, `(check + human) ÷ (check + json)`, which must stay
//! under ~1.2: each file's text and line index are prepared once per render,
//! so the human format costs per diagnostic, not per byte of the files it
//! points into.

mod common;
use orgc::diagnostics::render::{render, Format, Options};
use orgc::diagnostics::Lang;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

const FORMATS: [(Format, &str); 3] = [
    (Format::Human, "human"),
    (Format::Plain, "plain"),
    (Format::Json, "json"),
];

/// A policy file of about `n` lines, each of which raises one diagnostic:
/// four in five name a department nobody declared (E102, a Chinese name,
/// underlined in the human format), the fifth has a full-width colon before
/// its kind (a syntax error, E002, after which the parser recovers at the next
/// line).
fn generate(n: usize) -> String {
    let mut s = String::with_capacity(n * 96);
    s.push_str("# 渲染基准（生成）\ndepartment 行政审批局 : government { module 审批一 }\n");
    for i in 0..n {
        if i % 5 == 4 {
            let _ = writeln!(
                s,
                "item SX-{i:07} \"第{i}号行政事项（审批）\" ： approval owner 行政审批局.审批一 statutory 20"
            );
        } else {
            let _ = writeln!(
                s,
                "item SX-{i:07} \"第{i}号行政事项（审批）\" : approval owner 综合执法局{i:05}.审批一"
            );
        }
    }
    s
}

/// For each size, the fastest of several runs of `f(size)`, the sizes taking
/// turns so that a busy spell on the machine slows them alike: as many rounds
/// as fit in about two seconds (at least one, at most 50).
fn fastest(sizes: usize, mut f: impl FnMut(usize) -> usize) -> Vec<(Duration, usize)> {
    let mut best = vec![(Duration::MAX, 0); sizes];
    let mut total = Duration::ZERO;
    for _ in 0..50 {
        for (i, b) in best.iter_mut().enumerate() {
            let t = Instant::now();
            let len = std::hint::black_box(f(i));
            let d = t.elapsed();
            *b = (b.0.min(d), len);
            total += d;
        }
        if total > Duration::from_secs(2) {
            break;
        }
    }
    best
}

/// A generated file, compiled.
struct Case {
    diagnostics: usize,
    bytes: usize,
    compiled: orgc::Compiled,
}

fn case(n: usize) -> Case {
    let text = generate(n);
    let compiled = orgc::compile_str("render-bench.policy", &text);
    Case {
        diagnostics: compiled.diagnostics.len(),
        bytes: text.len(),
        compiled,
    }
}

/// A set of `items` items in 25 files (plus one of departments), 1,000 of
/// them declared a second time, in the next file, under another department:
/// 1,000 E201 that each point into two large files.
fn large_set(items: usize) -> Vec<(String, String)> {
    let departments = 20;
    let mut head = String::from("# 部门（生成）\n");
    for d in 0..departments {
        let _ = writeln!(
            head,
            "department 部门{d:02} : government {{ module 审批科 }}"
        );
    }
    let files = 25;
    let mut bodies: Vec<String> = (0..files)
        .map(|f| format!("# 事项 {f}（生成）\n"))
        .collect();
    let every = (items / 1000).max(1);
    for i in 0..items {
        let f = i * files / items.max(1);
        let d = i % departments;
        let _ = writeln!(
            bodies[f],
            "item SX-{i:07} \"第{i}号行政许可事项（审批）\" : approval owner 部门{d:02}.审批科 statutory 20"
        );
        if i % every == 0 {
            let _ = writeln!(
                bodies[(f + 1) % files],
                "item SY-{i:07} \"第{i}号行政许可事项（审批）\" : approval owner 部门{:02}.审批科 statutory 20",
                (d + 1) % departments
            );
        }
    }
    let mut out = vec![("set/departments.policy".to_string(), head)];
    out.extend(
        bodies
            .into_iter()
            .enumerate()
            .map(|(f, b)| (format!("set/items-{f:02}.policy"), b)),
    );
    out
}

/// The large-set figures: check once, render in each format, and the ratio of
/// the human run to the JSON run.
fn large(set: Option<String>, items: usize) {
    let t = Instant::now();
    let compiled = match &set {
        Some(dir) => match orgc::compile(&[std::path::PathBuf::from(dir)]) {
            Ok(c) => c,
            Err(e) => {
                println!("cannot read {dir}: {e}");
                return;
            }
        },
        None => {
            let files = large_set(items);
            let refs: Vec<(&str, &[u8])> = files
                .iter()
                .map(|(n, t)| (n.as_str(), t.as_bytes()))
                .collect();
            orgc::compile_files(&refs)
        }
    };
    let check = t.elapsed();
    let bytes: usize = compiled.sources.iter().map(|(_, f)| f.text.len()).sum();
    println!(
        "\nlarge set: {} — {} files, {:.1} MB, {} diagnostics; check {:.3}s",
        set.as_deref().unwrap_or("generated"),
        compiled.sources.len(),
        bytes as f64 / 1e6,
        compiled.diagnostics.len(),
        check.as_secs_f64()
    );
    let mut json = Duration::ZERO;
    let mut rows = Vec::new();
    for (format, name, width) in [
        (Format::Json, "json", 0),
        (Format::Plain, "plain", 0),
        (Format::Human, "human", 0),
        (Format::Human, "human, width 100", 100),
    ] {
        let opts = Options {
            lang: Lang::Zh,
            format,
            color: false,
            width,
        };
        // fastest of three
        let mut best = (Duration::MAX, 0);
        for _ in 0..3 {
            let t = Instant::now();
            let len = render(&compiled.diagnostics, &compiled.sources, opts).len();
            best = (best.0.min(t.elapsed()), len);
        }
        if format == Format::Json {
            json = best.0;
        }
        rows.push((name, best));
    }
    println!(
        "{:<17} {:>10} {:>10} {:>16} {:>18}",
        "format", "render", "µs/diag", "render ÷ json", "run ÷ json run"
    );
    for (name, (t, _)) in rows {
        println!(
            "{name:<17} {:>9.3}s {:>10.1} {:>15.1}× {:>17.3}×",
            t.as_secs_f64(),
            t.as_secs_f64() * 1e6 / compiled.diagnostics.len().max(1) as f64,
            t.as_secs_f64() / json.as_secs_f64().max(1e-9),
            (check + t).as_secs_f64() / (check + json).as_secs_f64(),
        );
    }
    println!("(run ÷ json run: (check + render) over (check + render as JSON); the goal is ≤ 1.2)");
}

fn main() {
    let Some(sizes) = common::sizes(&[1_000, 10_000]) else {
        return;
    };
    let set = std::env::var("ORGC_BENCH_SET").ok();
    let items = std::env::var("ORGC_BENCH_SET_ITEMS")
        .ok()
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(100_000);
    if std::env::var_os("ORGC_BENCH_LARGE_ONLY").is_some() {
        large(set, items);
        return;
    }
    println!("orgc render benchmark: one file, N diagnostics (E102 and syntax errors), zh, width 100, no colour; fastest of up to 50 rounds in ~2 s, sizes taking turns");
    let cases: Vec<Case> = sizes.iter().map(|&n| case(n)).collect();
    for (n, c) in sizes.iter().zip(&cases) {
        println!(
            "  N = {n:>6}: {:>6} diagnostics in {:>5.2} MB of policy",
            c.diagnostics,
            c.bytes as f64 / 1e6
        );
    }
    let (Some(n0), Some(n1)) = (sizes.first(), sizes.last()) else {
        return;
    };
    let (first, last) = (&cases[0], &cases[cases.len() - 1]);
    println!(
        "{:<7} {:>12} {:>12} {:>8} {:>10} {:>10} {:>12}",
        "format",
        format!("N={n0}"),
        format!("N={n1}"),
        "ratio",
        "µs/diag",
        "µs/diag",
        "output"
    );
    for (format, name) in FORMATS {
        let opts = Options {
            lang: Lang::Zh,
            format,
            color: false,
            width: 100,
        };
        let times = fastest(cases.len(), |i| {
            let c = &cases[i].compiled;
            render(&c.diagnostics, &c.sources, opts).len()
        });
        let ((t0, _), (t1, out)) = (times[0], times[times.len() - 1]);
        let per = |t: Duration, d: usize| t.as_secs_f64() * 1e6 / d.max(1) as f64;
        println!(
            "{name:<7} {:>11.3}s {:>11.3}s {:>7.1}× {:>10.1} {:>10.1} {:>9.1} MB",
            t0.as_secs_f64(),
            t1.as_secs_f64(),
            t1.as_secs_f64() / t0.as_secs_f64().max(1e-9),
            per(t0, first.diagnostics),
            per(t1, last.diagnostics),
            out as f64 / 1e6,
        );
    }
    println!(
        "(ratio: time at N={n1} over time at N={n0}; linear is {:.0}×)",
        *n1 as f64 / *n0 as f64
    );
    large(set, items);
}
