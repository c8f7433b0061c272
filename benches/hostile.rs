//! Hostile shapes: inputs small in bytes built to make a careless compiler
//! quadratic. For each shape the set is compiled (parse, resolve, check,
//! diagnostics rendered as plain text) at n and at 10 n, and the ratio of
//! the times is printed: linear cost means a ratio near 10; the promise is at
//! most ~12 (noise on a shared machine aside). Not a timed test: run with
//! `cargo bench --bench hostile` (`ORGC_HOSTILE_N=1000` to choose n).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark that cannot build its input should stop loudly"
)]

use orgc::diagnostics::render::{render, Format, Options};
use orgc::diagnostics::Lang;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

const DEPT: &str = "department 甲局 : government { module 甲 }\n";

/// n user rules with distinct names (the duplicate-name check).
fn many_rules(n: usize) -> String {
    let mut s = String::from(DEPT);
    for i in 0..n {
        let _ = writeln!(
            s,
            "rule 规则{i} {{ every item where kind = approval must committed != none }}"
        );
    }
    s
}

/// n lines, each a syntax error (recovery after each).
fn many_syntax_errors(n: usize) -> String {
    let mut s = String::from(DEPT);
    for i in 0..n {
        let _ = writeln!(s, "department 坏{i} : government {{ module }} }}");
    }
    s
}

/// n declared items and n references to unknown names close to them
/// ("did you mean" for each).
fn many_unknown_names(n: usize) -> String {
    let mut s = String::from(DEPT);
    s.push_str("agency 承接中心 : institution\n");
    for i in 0..n {
        let _ = writeln!(s, "item Q-{i:06} \"事项{i}\" : approval owner 甲局.甲");
    }
    for i in 0..n {
        let _ = writeln!(
            s,
            "transfer T-{i} \"转移{i}\" : transferred from 甲局 to 承接中心 supervised_by 甲局 item Z_{i:06}"
        );
    }
    s
}

/// n items with one owner each but two owners per id: n diagnostics.
fn many_diagnostics(n: usize) -> String {
    let mut s = String::from(DEPT);
    s.push_str("department 乙局 : government { module 乙 }\n");
    for i in 0..n {
        let _ = writeln!(s, "item D-{i:06} \"事项{i}\" : approval owner 甲局.甲");
        let _ = writeln!(s, "item D-{i:06} \"事项{i}\" : approval owner 乙局.乙");
    }
    s
}

/// A chain of n central communities, bound at the top, a community at the
/// bottom (the deep hierarchy of issue 12).
fn deep_hierarchy(n: usize) -> String {
    let mut s = String::from(DEPT);
    s.push_str("bind 甲局 to 中心0\ncommunity 底层 code 330383198001\n");
    for i in 0..n {
        let child = if i + 1 == n {
            "底层".to_string()
        } else {
            format!("中心{}", i + 1)
        };
        let _ = writeln!(s, "central_community 中心{i} {{ community {child} }}");
    }
    s
}

/// One central community listing n communities, each bound.
fn wide_hierarchy(n: usize) -> String {
    let mut s = String::from(DEPT);
    s.push_str("central_community 中心 {");
    for i in 0..n {
        let _ = write!(s, " community 社区{i}");
    }
    s.push_str(" }\nbind 甲局 to 中心\n");
    for i in 0..n {
        let _ = writeln!(
            s,
            "community 社区{i} code {}",
            330_383_000_000u64 + i as u64
        );
    }
    s
}

/// n central communities in one big cycle plus n figure-eights.
fn many_cycles(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        let _ = writeln!(
            s,
            "central_community 环{i} {{ community 环{} community 八{i} }}\ncentral_community 八{i} {{ community 环{i} }}",
            (i + 1) % n
        );
    }
    s
}

/// Makes the input of one shape at a size.
type Shape = fn(usize) -> String;

/// One compile and plain render of `text`: its time and diagnostics.
fn once(text: &str) -> (Duration, usize) {
    let start = Instant::now();
    let c = orgc::compile_str("hostile.policy", text);
    let out = render(
        &c.diagnostics,
        &c.sources,
        Options {
            lang: Lang::Zh,
            format: Format::Plain,
            color: false,
            width: 100,
        },
    );
    std::hint::black_box(out);
    (start.elapsed(), c.diagnostics.len())
}

/// The fastest of three runs of each size, the sizes taking turns (n, 10n,
/// n, 10n, …) so that a shared machine's drift hits both alike. n is large
/// enough (20,000) that both sizes are past the caches, so that the ratio
/// measures the algorithm, not the memory hierarchy (at n = 1,500 the small
/// set fit in cache and ratios of 15 came from that alone).
fn time(small: &str, large: &str) -> ((Duration, usize), Duration) {
    let mut best = ((Duration::MAX, 0), Duration::MAX);
    for _ in 0..3 {
        let s = once(small);
        if s.0 < best.0 .0 {
            best.0 = s;
        }
        best.1 = best.1.min(once(large).0);
    }
    best
}

fn main() {
    let n: usize = std::env::var("ORGC_HOSTILE_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let shapes: [(&str, Shape); 7] = [
        ("many rules", many_rules),
        ("many syntax errors", many_syntax_errors),
        ("many unknown names", many_unknown_names),
        ("many diagnostics", many_diagnostics),
        ("deep hierarchy", deep_hierarchy),
        ("wide hierarchy", wide_hierarchy),
        ("many cycles", many_cycles),
    ];
    println!(
        "{:<20} {:>8} {:>10} {:>8} {:>10} {:>10} {:>7}",
        "shape", "n", "bytes", "diags", "time n", "time 10n", "ratio"
    );
    let mut worst: f64 = 0.0;
    for (name, make) in shapes {
        let small = make(n);
        let large = make(10 * n);
        let ((t1, d1), t10) = time(&small, &large);
        let ratio = t10.as_secs_f64() / t1.as_secs_f64().max(1e-9);
        worst = worst.max(ratio);
        println!(
            "{name:<20} {n:>8} {:>10} {d1:>8} {:>9.1}ms {:>9.1}ms {ratio:>7.1}",
            small.len(),
            t1.as_secs_f64() * 1e3,
            t10.as_secs_f64() * 1e3
        );
    }
    println!("worst ratio {worst:.1} (linear: ~10; promise: ≤ ~12)");
}
