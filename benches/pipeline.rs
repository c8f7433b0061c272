//! Pipeline benchmark, in two parts, over the realistic sets of
//! `benches/gen_sets.py` (every declaration kind in Longgang's proportions,
//! transfers and rules included, titles with full-width brackets) at 10k, 100k
//! and 1M items, valid and with 0.1% conflicts, and over `policies/longgang`:
//!
//! 1. whole processes of the release binary, as a user runs them: `orgc check`,
//!    `orgc build`, and `orgc check` of the conflict variant in the human and
//!    the JSON formats, each with its peak memory (`/usr/bin/time`), run in turn
//!    inside each round (medians of `ORGC_BENCH_ROUNDS`, default 3);
//! 2. the phases inside one process (parse, resolve, check, routing tables),
//!    and `orgc diff` of the set against itself.
//!
//! Machines here are shared and noisy, so every figure is also given as a
//! ratio to a floor measured in the same run on the same files: reading them
//! and validating them as UTF-8 (what any tool must do at the least). Run with
//! `cargo bench --bench pipeline` (`ORGC_BENCH_SIZES=10000,100000` to choose
//! sizes); needs `python3`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark that cannot generate, write or read its input should stop loudly"
)]

mod common;
use orgc::source::{FileId, SourceFile, SourceMap};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Generate the valid and conflict sets of `size` items under `dir`
/// (`dir/nSIZE/valid`, `dir/nSIZE/conflict`) with `benches/gen_sets.py`.
fn generate(dir: &Path, size: usize) -> PathBuf {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/gen_sets.py");
    let status = Command::new("python3")
        .arg(&script)
        .arg(dir)
        .arg(size.to_string())
        .stdout(std::process::Stdio::null())
        .status()
        .expect("python3 runs benches/gen_sets.py");
    assert!(status.success(), "gen_sets.py failed");
    dir.join(format!("n{size}"))
}

/// The floor: read every `.policy` file of `dir` and validate it as UTF-8.
fn floor(dir: &Path) -> Duration {
    let t = Instant::now();
    let files = orgc::driver::find_files(&[dir.to_path_buf()]).expect("policy files");
    let chars: usize = files
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).expect("readable");
            std::str::from_utf8(&bytes).map(str::len).unwrap_or(0)
        })
        .sum();
    std::hint::black_box(chars);
    t.elapsed()
}

/// One whole process: wall time and peak resident memory (KiB, from
/// `/usr/bin/time` when it is there, else 0).
fn process(args: &[&std::ffi::OsStr]) -> (Duration, u64, Option<i32>) {
    let exe = env!("CARGO_BIN_EXE_orgc");
    let timer = Path::new("/usr/bin/time");
    let report = std::env::temp_dir().join(format!("orgc-bench-time-{}", std::process::id()));
    let mut cmd = if timer.exists() {
        let mut c = Command::new(timer);
        c.arg("-o").arg(&report).arg("-f").arg("%M").arg(exe);
        c
    } else {
        Command::new(exe)
    };
    cmd.args(args)
        .env("LANG", "zh_CN.UTF-8")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    let t = Instant::now();
    let status = cmd.status().expect("orgc runs");
    let wall = t.elapsed();
    let kib = std::fs::read_to_string(&report)
        .ok()
        .and_then(|s| s.lines().last().and_then(|l| l.trim().parse().ok()))
        .unwrap_or(0);
    let _ = std::fs::remove_file(&report);
    (wall, kib, status.code())
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Part 1: the whole processes, in turn inside each round; medians.
fn whole(name: &str, valid: &Path, conflict: Option<&Path>, rounds: usize) -> Vec<(String, f64)> {
    let out = tempfile::tempdir().expect("temp dir");
    let o = out.path().as_os_str();
    let v = valid.as_os_str();
    let mut runs: Vec<(&str, Vec<&std::ffi::OsStr>)> = vec![
        ("check", vec!["check".as_ref(), v]),
        ("build", vec!["build".as_ref(), v, "-o".as_ref(), o]),
    ];
    if let Some(c) = conflict {
        runs.push((
            "check conflicts, human",
            vec!["check".as_ref(), c.as_os_str()],
        ));
        runs.push((
            "check conflicts, json",
            vec![
                "check".as_ref(),
                "--format".as_ref(),
                "json".as_ref(),
                c.as_os_str(),
            ],
        ));
    }
    let mut floors = Vec::new();
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); runs.len()];
    let mut peaks = vec![0u64; runs.len()];
    let mut codes = vec![None; runs.len()];
    for _ in 0..rounds {
        floors.push(floor(valid));
        for (k, (_, args)) in runs.iter().enumerate() {
            let (t, kib, code) = process(args);
            times[k].push(t);
            peaks[k] = peaks[k].max(kib);
            codes[k] = code;
        }
    }
    let f = median(floors);
    println!(
        "{name}: floor (read + UTF-8 validation) {:.3}s",
        f.as_secs_f64()
    );
    let mut medians = Vec::new();
    for (k, (what, _)) in runs.iter().enumerate() {
        let t = median(times[k].clone());
        println!(
            "  {what:<24} {:>8.3}s  {:>6.1}× floor  peak {:>7.0} MiB  exit {}",
            t.as_secs_f64(),
            t.as_secs_f64() / f.as_secs_f64().max(1e-9),
            peaks[k] as f64 / 1024.0,
            codes[k].map_or("-".to_string(), |c| c.to_string()),
        );
        medians.push((what.to_string(), t.as_secs_f64()));
    }
    medians
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

    // parsing and preparing each file (what orgc's parse threads do), then
    // building the model from the files in order (its declaring thread); in
    // `orgc` the two overlap, here they are timed apart
    let t = Instant::now();
    let parsed: Vec<(orgc::syntax::Parsed, orgc::model::Prepared)> = files
        .par_iter()
        .map(|(id, f)| {
            let mut p = orgc::syntax::parse_file(*id, &f.text);
            let prepared = orgc::model::prepare(std::mem::take(&mut p.decls));
            (p, prepared)
        })
        .collect();
    let parse = t.elapsed();
    let mut diagnostics = 0;
    let mut codes = std::collections::BTreeSet::new();
    let n = parsed.iter().map(|(_, p)| p.len()).sum::<usize>();

    let t = Instant::now();
    let mut builder = orgc::model::ModelBuilder::new();
    for (p, prepared) in parsed {
        diagnostics += p.diagnostics.len();
        codes.extend(p.diagnostics.iter().map(|d| d.code.as_str()));
        builder.declare_file(prepared);
    }
    let (model, derived, resolve_diags) = builder.finish(&[]);
    let resolve = t.elapsed();
    diagnostics += resolve_diags.len();
    codes.extend(resolve_diags.iter().map(|d| d.code.as_str()));

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
        "{name:<22} {:>8.1} MB {:>9} decls | scan {:>8.3}s | parse {:>7.3}s ({:>6.0}×) | model {:>7.3}s ({:>6.0}×) | check {:>7.3}s ({:>6.0}×) | build {:>7.3}s ({:>6.0}×) | {} diagnostics {:?}",
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
    let Some(sizes) = common::sizes(&[10_000, 100_000, 1_000_000]) else {
        return;
    };
    let rounds: usize = std::env::var("ORGC_BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3)
        .max(1);
    println!(
        "orgc pipeline benchmark ({} threads, {rounds} rounds); ratios are to reading the same files and validating them as UTF-8",
        rayon::current_num_threads()
    );
    let longgang = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("policies/longgang");
    if longgang.is_dir() {
        whole("policies/longgang", &longgang, None, rounds);
        report("  phases", &run(&longgang));
    }
    let gen = tempfile::tempdir().expect("temp dir");
    let mut per_item: Vec<(usize, Vec<(String, f64)>)> = Vec::new();
    for size in sizes {
        let dir = generate(gen.path(), size);
        let (valid, conflict) = (dir.join("valid"), dir.join("conflict"));
        let medians = whole(
            &format!("generated, {size} items"),
            &valid,
            Some(&conflict),
            rounds,
        );
        per_item.push((size, medians));
        report("  phases", &run(&valid));
        diff_against_itself(&valid);
        // `ORGC_BENCH_KEEP=DIR` keeps the generated sets, to read or to check by hand
        if let Some(keep) = std::env::var_os("ORGC_BENCH_KEEP") {
            let to = PathBuf::from(keep).join(format!("generated-{size}"));
            for (from, part) in [(&valid, "valid"), (&conflict, "conflict")] {
                std::fs::create_dir_all(to.join(part)).expect("ORGC_BENCH_KEEP is writable");
                for e in std::fs::read_dir(from).expect("generated set").flatten() {
                    std::fs::copy(e.path(), to.join(part).join(e.file_name())).expect("copied");
                }
            }
        }
        std::fs::remove_dir_all(&dir).expect("generated set removed");
    }
    // cost per item, largest set against the smallest: 1.0 is linear
    if let (Some((small, a)), Some((large, b))) = (per_item.first(), per_item.last()) {
        if large > small {
            let scale = *large as f64 / *small as f64;
            for ((what, ta), (_, tb)) in a.iter().zip(b) {
                println!(
                    "{small} → {large} items, {what}: {:.2}× the time per item",
                    tb / ta / scale
                );
            }
        }
    }
}

/// `orgc diff` of a set against itself (two compiles without the checks, as
/// `orgc diff` does them, two snapshots, the comparison) next to one
/// `orgc check` of it, measured in the same run.
fn diff_against_itself(dir: &Path) {
    let paths = [dir.to_path_buf()];
    let t = Instant::now();
    let one = orgc::compile(&paths).expect("generated set loads");
    let check = t.elapsed();
    drop(one);
    let t = Instant::now();
    // as `orgc diff` does: both sides at once, then both snapshots at once
    let side = || orgc::driver::compile_with(&paths, orgc::driver::Checks::Skip);
    let (old, new) = rayon::join(side, side);
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
