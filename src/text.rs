//! Text from outside orgc — file names, command-line arguments, the contents
//! of policy files — made safe to write to a terminal.
//!
//! [`escape`] is the one function every such string passes through before a
//! person reads it, in every human-facing output (diagnostic headers and
//! messages, the plain format, `orgc route`'s answers, echoed arguments, clap's
//! usage errors): control characters (ESC, BEL, CR …), bidirectional controls
//! (U+202E …) and invisible characters (see [`crate::names::is_invisible`])
//! are written as visible `\u{…}` escapes, never raw, so that a file name
//! cannot move the cursor, recolour the terminal or reverse the text around
//! it. Machine formats (JSON, SARIF …) keep the strings exact; their own
//! quoting makes them safe.
//!
//! Source snippets are the one place where text is not escaped this way:
//! miette needs the snippet byte for byte as long as the file, so there each
//! such character becomes `?` or `�` (see `diagnostics::render`), and the
//! diagnostic's label names it (`U+202E`).

use std::borrow::Cow;

/// `s` with every control, bidirectional and invisible character written as
/// `\u{XXXX}`; borrowed when there is none (the usual case).
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(crate::names::is_invisible) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if crate::names::is_invisible(c) {
            out.push_str(&format!("\\u{{{:04X}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`escape`] for a text of several lines: each line escaped, the `\n` line
/// ends kept (a CR is escaped, as anywhere else).
pub fn escape_lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&escape(line));
    }
    out
}

/// Whether `c` is a bidirectional embedding, override or isolate control
/// (U+202A–U+202E, U+2066–U+2069): the characters of "Trojan Source" attacks,
/// which make editors and terminals show text in another order than it is
/// read.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_overrides_are_shown_not_sent() {
        assert!(matches!(escape("行政审批局.policy"), Cow::Borrowed(_)));
        assert_eq!(
            escape("a\u{1B}[31mred\u{202E}b\u{7}.policy"),
            "a\\u{001B}[31mred\\u{202E}b\\u{0007}.policy"
        );
        assert_eq!(escape("x\ry\u{2066}"), "x\\u{000D}y\\u{2066}");
        assert_eq!(
            escape_lines("a\u{202E}\nb\u{1B}\n"),
            "a\\u{202E}\nb\\u{001B}\n"
        );
        for c in ['\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}'] {
            assert!(is_bidi_control(c));
        }
        for c in ['\u{200B}', '\u{202F}', 'a', '甲'] {
            assert!(!is_bidi_control(c));
        }
    }
}
