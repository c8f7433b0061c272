//! Random spans → every renderer. The input is split in two: the first part
//! is a policy file (compiled, so its own diagnostics are rendered too), the
//! rest drives a list of made-up diagnostics whose labels point anywhere:
//! empty, reversed, past the end, inside a multi-byte character, in a file
//! that does not exist. Every format, both languages, colour on and off and
//! a few widths: nothing may panic, and no raw escape character (other than
//! colour's own) may reach the output.
#![no_main]

use libfuzzer_sys::fuzz_target;
use orgc::diagnostics::render::{render, Format, Options};
use orgc::diagnostics::{Code, Diagnostic, Lang, Message};
use orgc::source::{FileId, Span};

fn word(data: &[u8], i: &mut usize) -> u32 {
    let mut v = 0u32;
    for _ in 0..3 {
        v = (v << 8) | u32::from(data.get(*i).copied().unwrap_or(0));
        *i += 1;
    }
    v
}

fuzz_target!(|data: &[u8]| {
    let split = data
        .first()
        .map_or(0, |b| usize::from(*b) * data.len() / 256);
    let (text, spans) = data.split_at(split.min(data.len()));
    let c = orgc::compile_bytes("fuzz.policy", text);
    let mut diags = c.diagnostics.clone();
    let len = c.sources.get(FileId(0)).map_or(0, |f| f.text.len() as u32);
    let mut i = 0;
    let codes = [Code::E001, Code::E102, Code::E401, Code::W105];
    while i + 7 <= spans.len() && diags.len() < 64 {
        let kind = spans[i];
        i += 1;
        let a = word(spans, &mut i);
        let b = word(spans, &mut i);
        // mostly inside the text, sometimes anywhere
        let (start, end) = if kind & 1 == 0 && len > 0 {
            (a % (len + 1), b % (len + 2))
        } else {
            (a, b)
        };
        let file = FileId(u32::from(kind >> 6));
        let mut d = Diagnostic::new(
            codes[usize::from(kind >> 1) % codes.len()],
            Message::Unresolved {
                what: orgc::diagnostics::Term::Department,
                // printable text: escaping what a message holds is the
                // compile target's concern; here the spans are fuzzed
                name: String::from_utf8_lossy(&spans[i.min(spans.len())..(i + 4).min(spans.len())])
                    .chars()
                    .filter(|c| !c.is_control() && !orgc::names::is_invisible(*c))
                    .collect(),
            },
        )
        .label(Span::new(file, start as usize, end as usize), None);
        if kind & 2 != 0 {
            d = d.label(Span::new(FileId(0), end as usize, start as usize), None);
        }
        diags.push(d);
    }
    for format in Format::ALL {
        for lang in [Lang::Zh, Lang::En] {
            for (color, width) in [(false, 60), (true, 1), (false, 400)] {
                let out = render(
                    &diags,
                    &c.sources,
                    Options {
                        lang,
                        format,
                        color,
                        width,
                    },
                );
                if !color {
                    assert!(!out.contains('\u{1B}'), "raw ESC in {format:?}");
                }
            }
        }
    }
});
