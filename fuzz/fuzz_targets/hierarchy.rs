//! Generated sets → check, compared with an oracle: the fuzzer's bytes are
//! the generator's choices (how many areas, who lists whom, which bindings,
//! the order of declarations), and orgc's departments per area and its
//! E401–E404 must equal what the brute-force oracle derives from the
//! definitions. The same generator and oracle run 10,000 seeded sets in
//! `cargo test` (`tests/hardening.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/oracle/hierarchy.rs"]
#[allow(dead_code)]
mod hierarchy;

fuzz_target!(|data: &[u8]| {
    let set = hierarchy::generate(&mut hierarchy::Bytes(data));
    let want = hierarchy::expected(&set);
    let got = hierarchy::actual(&set);
    assert_eq!(got, want, "{}", set.text);
});
