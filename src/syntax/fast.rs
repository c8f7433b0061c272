//! A hand-written reader for the three forms that make up almost all of a
//! large policy set: a plain `item`, `centre_service` or `measure`
//! declaration on one line,
//!
//! ```text
//! item SP-0001 "建设工程规划许可" : approval owner 行政审批局.规划建设审批 statutory 20 committed 5
//! centre_service QS-0001 "企业开办一件事" : approval in 企业综合服务中心.企业开办.企业登记专区 item GG-0124 owner 市场监管局
//! measure MJ-001 "清理市场准入隐性壁垒" owner 行政审批局 in 企业综合服务中心
//! ```
//!
//! It reads only those exact shapes — bare names, a title without escapes,
//! spaces or tabs between tokens, the optional clauses in their order, then
//! the end of the line or a comment — and returns `None` for anything else,
//! which pest then parses as usual. Its AST, spans included, is the one pest's lowering
//! gives; `tests` below and `tests/robustness.rs` compare the two on every
//! policy file of the repository and on thousands of mutations of them.

use super::ast::{CentreService, Days, Decl, Item, Measure, Name, Path, TimeLimit};
use crate::source::{FileId, Span};
use crate::vocab::Keyword;

/// A character of a bare name, exactly as `name_char` in the grammar.
pub fn is_name_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_' || c == '-';
    }
    !matches!(
        c,
        '\u{A0}' | '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' | '\u{3000}'
            ..='\u{3002}'
                | '\u{FF08}'
                | '\u{FF09}'
                | '\u{FF0C}'
                | '\u{FF0E}'
                | '\u{FF1A}'
                | '\u{FF1B}'
                | '\u{FF1D}'
                | '\u{FF3B}'
                | '\u{FF3D}'
                | '\u{FF5B}'
                | '\u{FF5D}'
    )
}

/// The length in bytes of the bare name `text` starts with: its name
/// characters ([`is_name_char`]), read a byte at a time where the byte
/// decides: ASCII, and the three-byte sequences led by E4 to E9 (U+4000 to
/// U+9FFF, the CJK ideographs, every one a name character).
fn name_len(text: &str) -> usize {
    let b = text.as_bytes();
    let mut len = 0;
    while let Some(&lead) = b.get(len) {
        len += match lead {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_' | b'-' => 1,
            0x00..=0x7F => break,
            0xE4..=0xE9 => 3,
            _ => match text[len..].chars().next() {
                Some(c) if is_name_char(c) => c.len_utf8(),
                _ => break,
            },
        };
    }
    len
}

struct Cursor<'t> {
    text: &'t str,
    pos: usize,
    file: FileId,
}

impl<'t> Cursor<'t> {
    fn rest(&self) -> &'t str {
        &self.text[self.pos..]
    }

    /// One or more spaces or tabs.
    fn gap(&mut self) -> Option<()> {
        let n = self.rest().len() - self.rest().trim_start_matches([' ', '\t']).len();
        (n > 0).then(|| self.pos += n)
    }

    fn literal(&mut self, s: &str) -> Option<()> {
        self.rest().starts_with(s).then(|| self.pos += s.len())
    }

    /// A bare name that is not a reserved keyword.
    fn bare(&mut self) -> Option<Name> {
        let rest = self.rest();
        let len = name_len(rest);
        let token = &rest[..len];
        // as `ident`: not a top-level keyword, `none`, or a 0.1 declaration
        // keyword (all of them lowercase ASCII words)
        let reserved = token.starts_with(|c: char| c.is_ascii_lowercase())
            && (Keyword::TOP_LEVEL.iter().any(|k| k.as_str() == token)
                || matches!(token, "none" | "devolve" | "joint"));
        if len == 0 || reserved {
            return None;
        }
        let name = Name {
            text: token.to_string(),
            span: Span::new(self.file, self.pos, self.pos + len),
        };
        self.pos += len;
        Some(name)
    }

    /// The keyword `w`, not followed by a name character.
    fn word(&mut self, w: &str) -> Option<()> {
        starts_with_word(self.rest(), w).then(|| self.pos += w.len())
    }

    /// Digits, ended by white space or the end of the line.
    fn days(&mut self) -> Option<Days> {
        let len = self
            .rest()
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(self.rest().len());
        let after = self.rest()[len..].chars().next();
        if len == 0 || after.is_some_and(|c| !matches!(c, ' ' | '\t' | '\n' | '\r')) {
            return None;
        }
        let span = Span::new(self.file, self.pos, self.pos + len);
        // as the grammar: a number too large for u64 saturates
        let value = self.rest()[..len].parse().unwrap_or(u64::MAX);
        self.pos += len;
        Some(Days { value, span })
    }

    /// `immediate` or `statutory N [committed M]`.
    fn time_limit(&mut self) -> Option<TimeLimit> {
        if self.word(Keyword::Immediate.as_str()).is_some() {
            return Some(TimeLimit::Immediate);
        }
        self.word(Keyword::Statutory.as_str())?;
        self.gap()?;
        let statutory = self.days()?;
        let mut committed = None;
        if !self.line_ends() {
            self.gap()?;
            self.word(Keyword::Committed.as_str())?;
            self.gap()?;
            committed = Some(self.days()?);
        }
        Some(TimeLimit::Days {
            statutory,
            committed,
        })
    }

    /// `"…"` with no escape, quote or line end inside.
    fn title(&mut self) -> Option<Name> {
        let body = self.rest().strip_prefix('"')?;
        let len = body.find(['"', '\\', '\n', '\r'])?;
        if !body[len..].starts_with('"') {
            return None;
        }
        let start = self.pos;
        self.pos += len + 2;
        Some(Name {
            text: body[..len].to_string(),
            span: Span::new(self.file, start, self.pos),
        })
    }

    /// `KEYWORD ID "TITLE" : KIND `, the head both plain forms share.
    fn head(&mut self, keyword: Keyword) -> Option<(Name, Name, Name)> {
        self.literal(keyword.as_str())?;
        self.gap()?;
        let id = self.bare()?;
        self.gap()?;
        let title = self.title()?;
        self.gap()?;
        self.literal(":")?;
        self.gap()?;
        let kind = self.bare()?;
        self.gap()?;
        Some((id, title, kind))
    }

    /// `a.b.c` of bare names.
    fn path(&mut self) -> Option<Path> {
        let start = self.pos;
        let mut parts = vec![self.bare()?];
        while self.rest().starts_with('.') {
            self.pos += 1;
            parts.push(self.bare()?);
        }
        Some(Path {
            parts,
            span: Span::new(self.file, start, self.pos),
        })
    }

    /// Only spaces and tabs, then the end of the line, of the file, or a comment.
    fn line_ends(&self) -> bool {
        let rest = self.rest().trim_start_matches([' ', '\t']);
        rest.is_empty() || rest.starts_with(['\n', '\r', '#']) || rest.starts_with("//")
    }

    /// The next token after white space and comments, for the lookaheads pest
    /// makes at the end of an item.
    fn next_token(&self) -> &'t str {
        let rest = self.rest();
        &rest[super::skip_trivia(rest)..]
    }
}

fn starts_with_word(s: &str, word: &str) -> bool {
    s.strip_prefix(word)
        .is_some_and(|after| !after.chars().next().is_some_and(is_name_char))
}

/// The declaration at `start`, and where it ends, if it is a plain one-line
/// `item`, `centre_service` or `measure`.
pub fn decl(file: FileId, text: &str, start: usize) -> Option<(Decl, usize)> {
    let rest = text.get(start..)?;
    if rest.starts_with("item ") || rest.starts_with("item\t") {
        item(file, text, start).map(|(d, end)| (Decl::Item(d), end))
    } else if rest.starts_with("centre_service") {
        centre_service(file, text, start).map(|(d, end)| (Decl::CentreService(d), end))
    } else if rest.starts_with("measure") {
        measure(file, text, start).map(|(d, end)| (Decl::Measure(d), end))
    } else {
        None
    }
}

/// The `centre_service` declaration at `start`, and where it ends, if it has
/// the plain one-line form `centre_service ID "TITLE" : KIND in PLACE [item
/// I] [owner P]`.
fn centre_service(file: FileId, text: &str, start: usize) -> Option<(CentreService, usize)> {
    let mut c = Cursor {
        text,
        pos: start,
        file,
    };
    let (id, title, kind) = c.head(Keyword::CentreService)?;
    c.word(Keyword::In.as_str())?;
    c.gap()?;
    let place = c.path()?;
    let (mut item, mut owner) = (None, None);
    if !c.line_ends() {
        c.gap()?;
        if c.word(Keyword::Item.as_str()).is_some() {
            c.gap()?;
            item = Some(c.path()?);
            // `item P` is this service's only when no title follows it
            if c.next_token().starts_with('"') {
                return None;
            }
            if !c.line_ends() {
                c.gap()?;
            }
        }
        if !c.line_ends() {
            c.word(Keyword::Owner.as_str())?;
            c.gap()?;
            owner = Some(c.path()?);
            if !c.line_ends() {
                return None;
            }
        }
    }
    // pest would take a clause on a later line as this declaration's (and
    // `item P` followed by a title is the next declaration, which pest's
    // lookahead decides): those are left to pest
    let next = c.next_token();
    let later: &[&str] = match (&item, &owner) {
        (_, Some(_)) => &[],
        (Some(_), None) => &["owner"],
        (None, None) => &["item", "owner"],
    };
    if later.iter().any(|w| starts_with_word(next, w)) {
        return None;
    }
    let end = c.pos;
    let service = CentreService {
        id,
        title,
        kind,
        place,
        owner,
        item,
        span: Span::new(file, start, end),
    };
    Some((service, end))
}

/// The `measure` declaration at `start`, and where it ends, if it has the
/// one-line form `measure ID "TITLE" owner PATH in PATH` (nothing is
/// optional in a measure, so no clause on a later line can belong to it).
fn measure(file: FileId, text: &str, start: usize) -> Option<(Measure, usize)> {
    let mut c = Cursor {
        text,
        pos: start,
        file,
    };
    c.word(Keyword::Measure.as_str())?;
    c.gap()?;
    let id = c.bare()?;
    c.gap()?;
    let title = c.title()?;
    c.gap()?;
    c.word(Keyword::Owner.as_str())?;
    c.gap()?;
    let owner = c.path()?;
    c.gap()?;
    c.word(Keyword::In.as_str())?;
    c.gap()?;
    let centre = c.path()?;
    if !c.line_ends() {
        return None;
    }
    let end = c.pos;
    let measure = Measure {
        id,
        title,
        owner,
        centre,
        span: Span::new(file, start, end),
    };
    Some((measure, end))
}

/// The item declaration at `start`, and where it ends, if it has the plain
/// one-line form.
pub fn item(file: FileId, text: &str, start: usize) -> Option<(Item, usize)> {
    let mut c = Cursor {
        text,
        pos: start,
        file,
    };
    let (id, title, kind) = c.head(Keyword::Item)?;
    c.word(Keyword::Owner.as_str())?;
    c.gap()?;
    let owner = c.path()?;
    let mut limit = None;
    if !c.line_ends() {
        c.gap()?;
        limit = Some(c.time_limit()?);
        if !c.line_ends() {
            return None;
        }
    }
    // pest would take a clause on a later line as this item's
    let next = c.next_token();
    let later: &[&str] = match limit {
        None => &["immediate", "statutory", "committed", "tier"],
        Some(TimeLimit::Days {
            committed: None, ..
        }) => &["committed", "tier"],
        Some(_) => &["tier"],
    };
    if later.iter().any(|w| starts_with_word(next, w)) {
        return None;
    }
    let end = c.pos;
    let item = Item {
        id,
        title,
        kind,
        owner,
        limit,
        span: Span::new(file, start, end),
    };
    Some((item, end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::{PolicyParser, Rule};
    use pest::Parser;

    #[test]
    fn plain_lines_take_the_fast_path_and_lookaheads_do_not() {
        fn read(t: &str) -> Option<&str> {
            decl(FileId(0), t, 0).map(|(_, end)| &t[..end])
        }
        let plain = "item SP-1 \"许可\" : approval owner 局.科 statutory 20 committed 5";
        assert_eq!(read(&format!("{plain}\n")), Some(plain));
        let service = "centre_service QS-1 \"开办\" : approval in 中心.区.窗口 item SP-1 owner 局";
        assert_eq!(read(&format!("{service} # 注释\n")), Some(service));
        // a title after `item P` makes it the next declaration: pest decides
        assert_eq!(
            read("centre_service QS-1 \"x\" : approval in 中心 item SP-1\n\"t\""),
            None
        );
        // a clause on a later line belongs to this declaration: pest reads it
        assert_eq!(
            read("centre_service QS-1 \"x\" : approval in 中心\n owner 局"),
            None
        );
        assert_eq!(read("item A \"x\" : service owner B\n committed 3"), None);
        let measure = "measure MJ-1 \"清理壁垒\" owner 局.科 in 中心";
        assert_eq!(read(&format!("{measure}\n")), Some(measure));
        assert_eq!(read(&format!("{measure} 乙\n")), None);
    }

    #[test]
    fn the_byte_reading_of_a_name_is_the_character_rule() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = format!("甲{c}乙 x");
            let by_char = text.find(|c: char| !is_name_char(c)).unwrap_or(text.len());
            assert_eq!(name_len(&text), by_char, "U+{:04X}", c as u32);
        }
        // the reserved words `bare` looks for only when a name starts with a
        // lowercase ASCII letter all start with one
        for k in Keyword::TOP_LEVEL {
            assert!(
                k.as_str().starts_with(|c: char| c.is_ascii_lowercase()),
                "{k:?}"
            );
        }
    }

    #[test]
    fn name_chars_are_the_grammars() {
        let chars = (0u32..0x3_0000).filter_map(char::from_u32);
        for c in chars {
            let pest = PolicyParser::parse(Rule::ident, &c.to_string())
                .is_ok_and(|p| p.as_str().len() == c.len_utf8());
            assert_eq!(is_name_char(c), pest, "U+{:04X}", c as u32);
        }
    }
}
