//! What the benchmarks share: reading the sizes to run.

/// The sizes to run: `ORGC_BENCH_SIZES` (comma-separated) or `default`;
/// `None` under `cargo test --benches`, which passes `--test` and wants the
/// benchmarks to return at once.
pub fn sizes(default: &[usize]) -> Option<Vec<usize>> {
    if std::env::args().any(|a| a == "--test") {
        return None;
    }
    Some(
        std::env::var("ORGC_BENCH_SIZES")
            .ok()
            .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
            .unwrap_or_else(|| default.to_vec()),
    )
}
