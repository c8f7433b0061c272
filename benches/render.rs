//! Rendering benchmark: one generated policy file with N diagnostics (N = 1k
//! and 10k by default), compiled once, then rendered in the human, plain and
//! JSON formats, each timed on its own.
//!
//! What matters is how the time grows, so every format gets the ratio of its
//! time at the largest size to its time at the smallest: rendering is linear
//! when 10× the diagnostics cost about 10× the time (≤ ~12× on these shared,
//! noisy machines). Each figure is the fastest of several runs. Run with
//! `cargo bench --bench render` (`ORGC_BENCH_SIZES=1000,10000` to choose
//! sizes).

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
/// underlined in the human format), the fifth has a full-width colon where a
/// name should be (a syntax error, after which the parser recovers at the
/// next line).
fn generate(n: usize) -> String {
    let mut s = String::with_capacity(n * 96);
    s.push_str("# 渲染基准（生成）\ndepartment 行政审批局 : government { module 审批一 }\n");
    for i in 0..n {
        if i % 5 == 4 {
            let _ = writeln!(
                s,
                "item SX-{i:07} \"第{i}号行政事项（审批）\" approval -> 行政审批局.审批一 tier：same_day"
            );
        } else {
            let _ = writeln!(
                s,
                "item SX-{i:07} \"第{i}号行政事项（审批）\" approval -> 综合执法局{i:05}.审批一"
            );
        }
    }
    s
}

/// The fastest of several runs of `f`: as many as fit in about a second (at
/// least one, at most 50), so that quick figures are not one noisy sample.
fn fastest(mut f: impl FnMut() -> usize) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut total = Duration::ZERO;
    let mut len = 0;
    for _ in 0..50 {
        let t = Instant::now();
        len = std::hint::black_box(f());
        let d = t.elapsed();
        best = best.min(d);
        total += d;
        if total > Duration::from_secs(1) {
            break;
        }
    }
    (best, len)
}

struct Row {
    diagnostics: usize,
    bytes: usize,
    /// per format: time, and bytes of output
    times: Vec<(Duration, usize)>,
}

fn run(n: usize) -> Row {
    let text = generate(n);
    let c = orgc::compile_str("render-bench.policy", &text);
    let times = FORMATS
        .iter()
        .map(|&(format, _)| {
            let opts = Options {
                lang: Lang::Zh,
                format,
                color: false,
                width: 100,
            };
            fastest(|| render(&c.diagnostics, &c.sources, opts).len())
        })
        .collect();
    Row {
        diagnostics: c.diagnostics.len(),
        bytes: text.len(),
        times,
    }
}

fn main() {
    // `cargo test --benches` runs benches with `--bench`-less args; stay quick then.
    if std::env::args().any(|a| a == "--test") {
        return;
    }
    let sizes: Vec<usize> = std::env::var("ORGC_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000]);
    println!("orgc render benchmark: one file, N diagnostics (E102 and syntax errors), zh, width 100, no colour; fastest of up to 50 runs in ~1 s");
    let rows: Vec<(usize, Row)> = sizes.iter().map(|&n| (n, run(n))).collect();
    for (n, r) in &rows {
        println!(
            "  N = {n:>6}: {:>6} diagnostics in {:>5.2} MB of policy",
            r.diagnostics,
            r.bytes as f64 / 1e6
        );
    }
    let (Some((n0, first)), Some((n1, last))) = (rows.first(), rows.last()) else {
        return;
    };
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
    for (i, (_, name)) in FORMATS.iter().enumerate() {
        let (t0, _) = first.times[i];
        let (t1, out) = last.times[i];
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
}
