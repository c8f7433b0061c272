#!/usr/bin/env bash
# Run every fuzz target for MINUTES minutes each (default 10), one after the
# other, on the corpora kept in fuzz/corpus/TARGET (new inputs found are added
# there; minimise with `cargo +nightly fuzz cmin TARGET` before committing).
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# A crash stops the script with the fuzzer's exit code; the input that
# crashed is in fuzz/artifacts/TARGET/, to be turned into a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
minutes="${1:-10}"
seconds=$((minutes * 60))
for target in compile hierarchy render; do
  mkdir -p "fuzz/corpus/$target"
  echo "== $target: $minutes min" >&2
  cargo +nightly fuzz run --sanitizer none "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=4096 \
    -print_final_stats=1
done
