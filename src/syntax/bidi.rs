//! W008: bidirectional text controls (U+202A–U+202E, U+2066–U+2069) inside a
//! comment or quoted text ("Trojan Source"): they make an editor, a terminal
//! or a review tool show the text in another order than orgc reads it, so a
//! line can look like a comment and be code, or the reverse.
//!
//! Inside a name such a character is already an error (E103); a warning here
//! for a quoted name would say it twice, so the driver drops a W008 at the
//! place of an E103. Elsewhere (between tokens) it is a syntax error.

use crate::diagnostics::{Code, Diagnostic, Message};
use crate::source::{FileId, Span};
use crate::text::is_bidi_control;

/// Whether `text` may hold a bidirectional control: their UTF-8 forms are
/// `E2 80 AA`–`E2 80 AE` and `E2 81 A6`–`E2 81 A9`. A byte scan, so that a
/// file without any (every file, nearly) costs one pass over its bytes.
fn may_hold_one(text: &str) -> bool {
    let b = text.as_bytes();
    // every control starts with the byte 0xE2, rare in Chinese text
    memchr::memchr_iter(0xE2, b).any(|i| match (b.get(i + 1), b.get(i + 2)) {
        (Some(0x80), Some(c)) => (0xAA..=0xAE).contains(c),
        (Some(0x81), Some(c)) => (0xA6..=0xA9).contains(c),
        _ => false,
    })
}

/// One W008 per comment or quoted text holding a bidirectional control, at
/// the first one.
/// Comments and strings are found as the grammar finds them: a string runs
/// from `"` to the next `"` not escaped by `\`, a comment from `#` or `//`
/// outside a string to the end of the line, and line ends (`\n`, `\r`) end
/// both.
pub(super) fn warnings(file: FileId, text: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if !may_hold_one(text) {
        return out;
    }
    #[derive(PartialEq)]
    enum In {
        Code,
        Str { escaped: bool },
        Comment,
    }
    let mut state = In::Code;
    // one warning per comment or quoted text, at its first control
    let mut reported = false;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '\n' | '\r') {
            state = In::Code;
            reported = false;
            continue;
        }
        if is_bidi_control(c) && state != In::Code && !reported {
            reported = true;
            let char = format!("U+{:04X}", c as u32);
            let message = if state == In::Comment {
                Message::BidiInComment { char: char.clone() }
            } else {
                Message::BidiInQuoted { char: char.clone() }
            };
            out.push(
                Diagnostic::new(Code::W008, message)
                    .label(
                        Span::new(file, i, i + c.len_utf8()),
                        Some(Message::LabelInvisible { char }),
                    )
                    .help(Message::HelpBidi),
            );
        }
        state = match state {
            In::Code if c == '"' => In::Str { escaped: false },
            In::Code if c == '#' => In::Comment,
            In::Code if c == '/' && chars.peek().is_some_and(|&(_, n)| n == '/') => In::Comment,
            In::Str { escaped: false } if c == '"' => {
                reported = false;
                In::Code
            }
            In::Str { escaped: false } if c == '\\' => In::Str { escaped: true },
            In::Str { .. } => In::Str { escaped: false },
            s => s,
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (character position from the start of the text, 1-based; where)
    fn columns(text: &str) -> Vec<(usize, &'static str)> {
        warnings(FileId(0), text)
            .iter()
            .map(|d| {
                let s = d.primary().map_or(0, |s| s.start as usize);
                let what = match d.message {
                    Message::BidiInComment { .. } => "comment",
                    Message::BidiInQuoted { .. } => "quoted",
                    _ => "other",
                };
                (text[..s].chars().count() + 1, what)
            })
            .collect()
    }

    #[test]
    fn bidi_controls_in_comments_and_quoted_text_are_found() {
        assert!(columns("department 甲 : government { } # 注释\n").is_empty());
        assert_eq!(
            columns(
                "# 审核\u{202E}通过\nitem A \"标\u{2066}题\" : approval owner 甲 // x\u{202A}\n"
            ),
            [(5, "comment"), (18, "quoted"), (45, "comment")]
        );
        // an escaped quote does not end the string; a line end ends the comment
        assert_eq!(
            columns("item A \"a\\\"\u{202D}\" : approval\r\u{202E}x # \u{2069}"),
            [(12, "quoted"), (31, "comment")]
        );
        // between tokens it is not W008's (a syntax error says it)
        assert!(columns("department\u{202E} 甲").is_empty());
        // one per comment, one per string
        assert_eq!(
            columns("\"\u{202E}\u{202C}\" \"\u{2066}\" # \u{202E}a\u{202C}"),
            [(2, "quoted"), (7, "quoted"), (12, "comment")]
        );
        assert!(!may_hold_one("department 甲 \u{200B} \u{2028}"));
        assert!(may_hold_one("\u{2069}"));
    }
}
