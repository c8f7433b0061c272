//! Phase 1, syntax: policy text → [`ast::Decl`]s with spans, plus syntax diagnostics.
//!
//! pest stops at the first error, so `parse_file` runs the grammar's `step` rule
//! once per top-level declaration on the rest of the file. Each declaration is
//! lowered to the AST and its pest pairs dropped before the next one is parsed,
//! which keeps memory proportional to one declaration rather than to the file.
//! After a syntax error, parsing resumes at the next line that starts (in
//! column 0) with a top-level keyword, so one mistake costs one declaration.

pub mod ast;
mod errors;
mod fast;
pub mod input;
mod lower;

use crate::diagnostics::{Code, Diagnostic, Key, Text};
use crate::source::{FileId, Span};
use pest::Parser;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/policy.pest"]
pub struct PolicyParser;

/// The declarations of one file and the problems found while reading them.
#[derive(Debug, Default)]
pub struct Parsed {
    pub decls: Vec<ast::Decl>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The keywords that start a top-level declaration (and where recovery resumes).
pub const TOP_LEVEL_KEYWORDS: &[&str] = &[
    "city",
    "caps",
    "tier",
    "kind",
    "upstream",
    "department",
    "item",
    "agency",
    "transfer",
    "central_community",
    "community",
    "bind",
    "devolve",
    "joint",
    "event",
    "targets",
    "rule",
    "expect",
];

/// Parse one file's text (already decoded).
pub fn parse_file(file: FileId, text: &str) -> Parsed {
    parse_file_with(file, text, true)
}

/// Parse one file's text; `fast` enables the hand-written reader for plain
/// one-line `item` declarations (`fast.rs`), which gives the same AST as pest
/// and hands everything else to pest. Tests run both ways and compare.
pub fn parse_file_with(file: FileId, text: &str, fast: bool) -> Parsed {
    let mut out = Parsed::default();
    if let Some(at) = input::too_deep(text) {
        out.diagnostics.push(
            Diagnostic::new(
                Code::E006,
                Text::new(Key::TooDeep).arg("limit", input::MAX_DEPTH),
            )
            .label(
                Span::new(file, at, at + 1),
                Some(Text::new(Key::LabelTooDeep).arg("depth", input::MAX_DEPTH + 1)),
            )
            .help(Text::new(Key::HelpTooDeep)),
        );
        return out;
    }
    let mut offset = 0usize;
    while offset < text.len() {
        if fast {
            let start = offset + skip_trivia(&text[offset..]);
            if let Some((item, end)) = fast::item(file, text, start) {
                out.decls.push(ast::Decl::Item(item));
                offset = end;
                continue;
            }
        }
        let rest = &text[offset..];
        match PolicyParser::parse(Rule::step, rest) {
            Ok(mut pairs) => {
                let Some(decl) = pairs.next().and_then(|step| step.into_inner().next()) else {
                    break;
                };
                if decl.as_rule() == Rule::EOI {
                    break;
                }
                let end = decl.as_span().end();
                let lowerer = lower::Lowerer {
                    file,
                    base: offset,
                    diagnostics: &mut out.diagnostics,
                };
                out.decls.push(lowerer.decl(decl));
                if end == 0 {
                    break; // cannot happen: every declaration starts with a keyword
                }
                offset += end;
            }
            Err(err) => {
                let start = offset + skip_trivia(rest);
                let (diag, at) = errors::syntax_error(file, text, offset, &err);
                out.diagnostics.push(diag);
                match resume_point(text, start.max(offset), at) {
                    Some(next) => offset = next,
                    None => break,
                }
            }
        }
    }
    out
}

/// Length of the white space and comments at the start of `s`.
fn skip_trivia(s: &str) -> usize {
    let mut i = 0;
    let b = s.as_bytes();
    loop {
        let rest = &s[i..];
        let trimmed = rest.trim_start_matches([' ', '\t', '\r', '\n', '\u{3000}', '\u{A0}']);
        i += rest.len() - trimmed.len();
        if b.get(i) == Some(&b'#') || s[i..].starts_with("//") {
            i += s[i..].find(['\n', '\r']).unwrap_or(s.len() - i);
        } else {
            return i;
        }
    }
}

/// Where to resume after a syntax error in the declaration starting at
/// `decl_start`: the first line after it that begins with a top-level keyword.
fn resume_point(text: &str, decl_start: usize, _error_at: usize) -> Option<usize> {
    let mut pos = decl_start;
    while let Some(nl) = text[pos..].find(['\n', '\r']) {
        pos += nl + 1;
        let line = &text[pos..];
        if TOP_LEVEL_KEYWORDS
            .iter()
            .any(|kw| starts_with_keyword(line, kw))
        {
            return Some(pos);
        }
    }
    None
}

fn starts_with_keyword(line: &str, kw: &str) -> bool {
    line.strip_prefix(kw).is_some_and(|after| {
        after
            .chars()
            .next()
            .is_none_or(|c| c.is_whitespace() || c == '#' || c == '/')
    })
}

#[cfg(test)]
mod tests;
