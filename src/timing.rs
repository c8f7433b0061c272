//! Phase timings for whoever tunes orgc: with `ORGC_TIMINGS=1` in the
//! environment, each phase writes one tab-separated line to stderr
//! (`orgc-timing`, the phase, its seconds, then resident and peak MB, e.g.
//! `orgc-timing\tparse\t0.412\t812\t903`), a machine line rather than a
//! sentence.
//! Off, a phase costs one relaxed atomic load.

use std::sync::atomic::{AtomicU8, Ordering};
use std::time::Instant;

/// 0: not read yet; 1: off; 2: on.
static STATE: AtomicU8 = AtomicU8::new(0);

fn enabled() -> bool {
    match STATE.load(Ordering::Relaxed) {
        1 => false,
        2 => true,
        _ => {
            let on = std::env::var_os("ORGC_TIMINGS").is_some_and(|v| !v.is_empty() && v != "0");
            STATE.store(if on { 2 } else { 1 }, Ordering::Relaxed);
            on
        }
    }
}

/// A phase that started at `start` has ended: its time, then the memory in
/// use and the peak so far (MB; Linux only, else 0).
pub fn phase(name: &str, start: Instant) {
    report(name, start.elapsed());
}

/// Like [`phase`], for a phase whose time was summed over several stretches
/// (pass 1 of the model, interleaved with parsing).
pub fn report(name: &str, took: std::time::Duration) {
    if enabled() {
        let (rss, peak) = memory();
        eprintln!(
            "orgc-timing\t{name}\t{:.3}\t{rss}\t{peak}",
            took.as_secs_f64()
        );
    }
}

/// (resident, peak resident) in MB, from `/proc/self/status`.
fn memory() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next()?.parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024)
    };
    (field("VmRSS:"), field("VmHWM:"))
}
