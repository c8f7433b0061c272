//! pest errors → diagnostics in words. Rule names never reach the user: each
//! rule that pest can report as expected is named here, in both languages.

use super::Rule;
use crate::diagnostics::{Code, Diagnostic, Message, Phrase};
use crate::source::{FileId, Span};
use crate::vocab::Keyword;
use pest::error::{ErrorVariant, InputLocation};

/// A full-width mark that stands where the grammar wants its ASCII spelling:
/// the bytes it occupies in the text and what to read there instead, so that
/// parsing can go on as if the ASCII mark were written (`syntax::parse_file`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Patch {
    /// Absolute start of the mark (or of the marks, for `—》`).
    pub start: usize,
    /// Absolute end.
    pub end: usize,
    /// The ASCII the grammar wanted there.
    pub ascii: &'static str,
}

/// The diagnostic for a failed `step`, the absolute offset of the error, and
/// the patch that makes the text readable when the error is a full-width mark
/// standing for an ASCII one. `base` is where the parsed slice starts in `text`.
pub fn syntax_error(
    file: FileId,
    text: &str,
    base: usize,
    err: &pest::error::Error<Rule>,
) -> (Diagnostic, usize, Option<Patch>) {
    let rel = match err.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((s, _)) => s,
    };
    let at = (base + rel).min(text.len());
    let found_char = text[at..].chars().next();

    let positives: &[Rule] = match &err.variant {
        ErrorVariant::ParsingError { positives, .. } => positives,
        ErrorVariant::CustomError { .. } => &[],
    };
    if let Some((found, ascii)) = full_width_at(&text[at..]) {
        let span = Span::new(file, at, at + found.len());
        let label = Some(Message::LabelFullWidth {
            found: found.to_string(),
        });
        if ascii_expected(ascii, positives) {
            let patch = Patch {
                start: at,
                end: at + found.len(),
                ascii,
            };
            return (full_width_diag(span, found, ascii), at, Some(patch));
        }
        if matches!(found, "（" | "）") {
            // official names carry full-width brackets: 市场监督管理局（知识产权局）
            let diag = Diagnostic::new(
                Code::E002,
                Message::FullWidthHere {
                    found: found.to_string(),
                },
            )
            .label(span, label)
            .help(Message::HelpFullWidthParen);
            return (diag, at, None);
        }
        // otherwise the ASCII mark would be wrong here too: say what is expected
    }

    let expected = match &err.variant {
        ErrorVariant::ParsingError { positives, .. } => describe(positives),
        ErrorVariant::CustomError { .. } => phrase("something else", "其他内容"),
    };
    let (found, len) = match found_char {
        None => (phrase("end of file", "文件结尾"), 0),
        Some(c) => {
            let token = token_at(&text[at..]);
            let shown = crate::diagnostics::escape(token);
            let _ = c;
            (
                phrase(&format!("`{shown}`"), &format!("`{shown}`")),
                token.len(),
            )
        }
    };
    let span = Span::new(file, at, at + len);
    let diag = Diagnostic::new(
        Code::E001,
        Message::SyntaxExpected {
            expected: expected.clone(),
            found,
        },
    )
    .label(span, Some(Message::LabelExpected { expected }))
    .maybe_help(bridge_hint(&text[at..], positives).or_else(|| keyword_hint(&text[at..])));
    (diag, at, None)
}

/// "did you mean `government`（政府部门）?" where the grammar wanted one of its
/// words and the text has the word's Chinese label or the word in another
/// letter case (`政府部门`, `Institution`, `社区` in a `targets` block).
fn bridge_hint(rest: &str, positives: &[Rule]) -> Option<Message> {
    let token = token_at(rest);
    if token.is_empty() {
        return None;
    }
    let mut candidates: Vec<&'static str> = Vec::new();
    for r in positives {
        match r {
            Rule::category => candidates.extend(["party", "government", "institution"]),
            Rule::agency_kind => candidates.extend([
                "social_organisation",
                "association",
                "enterprise",
                "institution",
            ]),
            Rule::status => candidates.extend(["planned", "transferred", "withdrawn"]),
            Rule::level => candidates.extend(["error", "warning"]),
            Rule::word => {
                candidates.extend(crate::vocab::Metric::ALL.iter().map(|m| m.as_str()));
                candidates.extend(crate::vocab::Entity::ALL.iter().map(|e| e.as_str()));
            }
            Rule::step => candidates.extend(Keyword::TOP_LEVEL.iter().map(|k| k.as_str())),
            r => candidates.extend(Keyword::from_rule(*r).map(Keyword::as_str)),
        }
    }
    let (word, label) = crate::vocab::bridge(token, candidates)?;
    Some(match label {
        Some(label) => Message::HelpDidYouMeanLabel {
            suggestion: word.to_string(),
            label: label.to_string(),
        },
        None => Message::HelpDidYouMean {
            suggestion: word.to_string(),
        },
    })
}

/// E002 for the full-width `found` at `span`, where the grammar wants `ascii`.
pub fn full_width_diag(span: Span, found: &str, ascii: &str) -> Diagnostic {
    Diagnostic::new(
        Code::E002,
        Message::FullWidth {
            found: found.to_string(),
            ascii: ascii.to_string(),
        },
    )
    .label(
        span,
        Some(Message::LabelFullWidth {
            found: found.to_string(),
        }),
    )
    .help(Message::HelpFullWidth {
        ascii: ascii.to_string(),
    })
}

/// The full-width mark (or the pair an input method types for `->`) at the
/// start of `s`, and the ASCII it stands for.
pub fn full_width_at(s: &str) -> Option<(&str, &'static str)> {
    for arrow in ["—》", "—>", "-》", "－＞", "——》", "→"] {
        if s.starts_with(arrow) {
            return Some((&s[..arrow.len()], "->"));
        }
    }
    let c = s.chars().next()?;
    let ascii = match full_width_for(c)? {
        ',' => ",",
        ':' => ":",
        '(' => "(",
        ')' => ")",
        '{' => "{",
        '}' => "}",
        '[' => "[",
        ']' => "]",
        '=' => "=",
        '.' => ".",
        '"' => "\"",
        '\'' => "'",
        '-' => "-",
        '>' => ">",
        '<' => "<",
        '#' => "#",
        '/' => "/",
        _ => return None,
    };
    Some((&s[..c.len_utf8()], ascii))
}

/// "did you mean `department`?" for a misspelled keyword at the start of a
/// declaration.
fn keyword_hint(rest: &str) -> Option<Message> {
    let token = token_at(rest);
    if token.is_empty() || !token.is_ascii() {
        return None;
    }
    crate::diagnostics::suggest::did_you_mean(
        token,
        crate::vocab::Keyword::TOP_LEVEL.iter().map(|k| k.as_str()),
    )
    .map(|k| Message::HelpDidYouMean {
        suggestion: k.to_string(),
    })
}

/// The token at the start of `s`: a run of name characters, or one character.
fn token_at(s: &str) -> &str {
    let end = s
        .char_indices()
        .find(|&(_, c)| {
            !(c.is_alphanumeric()
                || c == '_'
                || c == '-'
                || (!c.is_ascii() && !c.is_whitespace() && full_width_for(c).is_none()))
        })
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    let end = if end == 0 {
        s.chars().next().map_or(0, char::len_utf8)
    } else {
        end
    };
    // keep a runaway token short
    let mut cut = end.min(40);
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    &s[..cut]
}

/// Whether the grammar wanted `ascii` where the full-width mark stands.
fn ascii_expected(ascii: &str, positives: &[Rule]) -> bool {
    let wanted: &[Rule] = match ascii {
        "," => &[Rule::comma],
        ":" => &[Rule::colon],
        "(" => &[Rule::lparen],
        ")" => &[Rule::rparen],
        "{" => &[Rule::lbrace],
        "}" => &[Rule::rbrace],
        "[" => &[Rule::lbracket],
        "]" => &[Rule::rbracket],
        "=" | "<" | ">" => &[Rule::op],
        "-" | "->" => &[Rule::arrow],
        "\"" => &[
            Rule::string,
            Rule::name,
            Rule::path,
            Rule::names,
            Rule::paths,
            Rule::reason,
        ],
        // `.` inside a path, `#` and `/` starting a comment: pest does not
        // report these as expected, so trust the mapping
        _ => return true,
    };
    positives.iter().any(|r| wanted.contains(r))
}

/// The ASCII punctuation a full-width (or Chinese) punctuation mark stands for.
pub fn full_width_for(c: char) -> Option<char> {
    Some(match c {
        '，' | '、' => ',',
        '：' => ':',
        '（' => '(',
        '）' => ')',
        '｛' => '{',
        '｝' => '}',
        '［' | '【' => '[',
        '］' | '】' => ']',
        '＝' => '=',
        '．' | '。' => '.',
        '“' | '”' | '＂' => '"',
        '‘' | '’' => '\'',
        '－' => '-',
        '＞' | '》' => '>',
        '＜' | '《' => '<',
        '—' => '-',
        '＃' => '#',
        '／' => '/',
        _ => return None,
    })
}

fn describe(rules: &[Rule]) -> Phrase {
    // `step` failing as a whole (an unknown word where a declaration starts)
    // means the same as every top-level keyword being expected
    let top = if rules.contains(&Rule::step) {
        usize::MAX
    } else {
        rules.iter().filter(|r| is_top_level_keyword(**r)).count()
    };
    let mut en: Vec<String> = Vec::new();
    let mut zh: Vec<String> = Vec::new();
    if top >= 3 {
        en.push("a declaration (`department`, `item`, `rule`, …)".to_string());
        zh.push("一条声明（`department`、`item`、`rule` 等）".to_string());
    }
    for r in rules {
        if top >= 3 && (is_top_level_keyword(*r) || matches!(r, Rule::EOI | Rule::step)) {
            continue;
        }
        // a 0.1 spelling is parsed only to explain it: never suggest one
        if is_legacy(*r) {
            continue;
        }
        let (e, z) = word(*r);
        if !en.contains(&e) {
            en.push(e);
            zh.push(z);
        }
    }
    if en.is_empty() {
        return phrase("something else", "其他内容");
    }
    Phrase {
        en: join(&en, " or "),
        zh: join(&zh, "或"),
    }
}

fn join(parts: &[String], last: &str) -> String {
    match parts {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., tail] => format!(
            "{}{last}{tail}",
            init.join(if last == "或" { "、" } else { ", " })
        ),
    }
}

/// Whether `r` only exists to parse a 0.1 spelling (`legacy_*` rules, and
/// the `->` they alone use).
fn is_legacy(r: Rule) -> bool {
    r == Rule::arrow || format!("{r:?}").starts_with("legacy_")
}

fn is_top_level_keyword(r: Rule) -> bool {
    // a declaration whose keyword has a 0.1 alternative is reported by its
    // own rule, where the others are reported by their keyword
    matches!(r, Rule::devolution | Rule::joint_case)
        || Keyword::from_rule(r).is_some_and(Keyword::is_top_level)
}

/// The words for a rule pest reports as expected (English, Chinese).
fn word(r: Rule) -> (String, String) {
    use Rule::*;
    let (en, zh) = match r {
        name | ident | path | names | paths => ("a name", "名称"),
        word => (
            "a word such as `item` or `owner`",
            "英文词（如 `item`、`owner`）",
        ),
        string | text => ("a quoted string", "带引号的文字"),
        reason | reason_text => (
            "a reason in quotes (it may not be empty)",
            "带引号的理由（不能为空）",
        ),
        number => ("a number", "数字"),
        duration => (
            "a time limit such as `24h` or `5d`",
            "时限（如 `24h`、`5d`）",
        ),
        op => (
            "a comparison (`=`, `!=`, `<`, `<=`, `>`, `>=`)",
            "比较符号（`=`、`!=`、`<`、`<=`、`>`、`>=`）",
        ),
        category => (
            "`party`, `government` or `institution`",
            "`party`、`government` 或 `institution`",
        ),
        agency_kind => (
            "an agency kind (`social_organisation`, `association`, `enterprise`, `institution`)",
            "机构类别（`social_organisation`、`association`、`enterprise`、`institution`）",
        ),
        status => (
            "`planned`, `transferred` or `withdrawn`",
            "`planned`、`transferred` 或 `withdrawn`",
        ),
        level => ("`error` or `warning`", "`error` 或 `warning`"),
        EOI => ("the end of the file", "文件结尾"),
        lbrace => ("`{`", "`{`"),
        rbrace => ("`}`", "`}`"),
        lparen => ("`(`", "`(`"),
        rparen => ("`)`", "`)`"),
        lbracket => ("`[`", "`[`"),
        rbracket => ("`]`", "`]`"),
        colon => ("`:`", "`:`"),
        arrow => ("`->`", "`->`"),
        comma => ("`,`", "`,`"),
        _ => return keyword(r),
    };
    (en.to_string(), zh.to_string())
}

/// A keyword pest expected, in backticks (the same in both languages).
fn keyword(r: Rule) -> (String, String) {
    match Keyword::from_rule(r) {
        Some(k) => (format!("`{}`", k.as_str()), format!("`{}`", k.as_str())),
        None => (
            "a valid continuation".to_string(),
            "合法的后续内容".to_string(),
        ),
    }
}

/// A phrase in both languages, for a message field.
fn phrase(en: &str, zh: &str) -> Phrase {
    Phrase {
        en: en.to_string(),
        zh: zh.to_string(),
    }
}
