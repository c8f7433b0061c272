//! The diagnostic renderer on whatever spans and text the compiler produces
//! for arbitrary input, in every format and language: nothing may panic, and
//! no raw escape character may reach the output.
#![no_main]

use libfuzzer_sys::fuzz_target;
use orgc::diagnostics::render::{render, Format, Options};
use orgc::diagnostics::Lang;

fuzz_target!(|data: &[u8]| {
    let c = orgc::compile_bytes("fuzz.policy", data);
    for format in [Format::Human, Format::Plain, Format::Json] {
        for lang in [Lang::Zh, Lang::En] {
            let out = render(&c.diagnostics, &c.sources, Options { lang, format, color: false, width: 60 });
            assert!(!out.contains('\u{1B}'));
        }
    }
});
