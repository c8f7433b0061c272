//! Raw bytes → decode → parse → resolve → check → routes: nothing may panic.
//! Run with `cargo +nightly fuzz run compile` from the repository root; the
//! test suite's `tests/robustness.rs` runs a deterministic version of this.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let c = orgc::compile_bytes("fuzz.policy", data);
    if !c.has_errors() {
        let routes = orgc::emit::routes::build(&c.model, &c.derived, "fuzz");
        let _ = serde_json::to_string(&routes);
        let _ = orgc::expect::run(&c.model, &c.derived);
    }
});
