//! `orgc route`'s answers as text, for people (`human`) or machines (`json`),
//! from the data of [`route::Answer`]: who handles a subject, its tier, and
//! the declarations behind it, each with its place.

use super::route::{self, Answer};
use crate::diagnostics::{escape, Lang, Message};
use crate::source::{SourceMap, Span};
use serde::Serialize;

/// The JSON document of `orgc route --format json`.
#[derive(Serialize)]
struct Document<'a> {
    query: &'a str,
    answers: Vec<JsonAnswer<'a>>,
}

#[derive(Serialize)]
struct JsonAnswer<'a> {
    kind: &'static str,
    subject: &'a str,
    handlers: &'a [String],
    tier: &'a Option<String>,
    reasons: Vec<JsonReason>,
}

#[derive(Serialize)]
struct JsonReason {
    file: String,
    line: usize,
    column: usize,
    text: String,
}

/// `path`, line and character column of a span.
fn place(sources: &SourceMap, span: Span) -> Option<(String, usize, usize)> {
    sources.get(span.file).map(|f| {
        let (l, c) = f.line_col(span.start);
        (f.display_path(), l, c)
    })
}

/// The answers as one JSON document (pretty, ending in a newline).
pub fn json(query: &str, answers: &[Answer], sources: &SourceMap, lang: Lang) -> String {
    let doc = Document {
        query,
        answers: answers
            .iter()
            .map(|a| JsonAnswer {
                kind: a.subject.kind().as_str(),
                subject: &a.label,
                handlers: &a.handlers,
                tier: &a.tier,
                reasons: a
                    .reasons
                    .iter()
                    .map(|r| {
                        let (file, line, column) = place(sources, r.span).unwrap_or_default();
                        JsonReason {
                            file,
                            line,
                            column,
                            text: r.text.render(lang),
                        }
                    })
                    .collect(),
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// The answers for a person: the subject, who handles it, its tier, and
/// the reasons with `file:line`.
pub fn human(answers: &[Answer], sources: &SourceMap, lang: Lang) -> String {
    let mut s = String::new();
    for a in answers {
        s.push_str(&format!(
            "{} {}\n",
            a.subject.kind().as_str(),
            escape(&a.label)
        ));
        if !a.handlers.is_empty() {
            s.push_str(&format!(
                "  {}: {}\n",
                Message::HeadHandledBy.render(lang),
                a.handlers
                    .iter()
                    .map(|h| escape(h))
                    .collect::<Vec<_>>()
                    .join(" · ")
            ));
        }
        if let Some(t) = &a.tier {
            s.push_str(&format!("  {}: {t}\n", Message::HeadTier.render(lang)));
        }
        s.push_str(&format!("  {}:\n", Message::HeadBecause.render(lang)));
        for r in &a.reasons {
            if let Some((file, line, _)) = place(sources, r.span) {
                let file = escape(&file);
                s.push_str(&format!("    {file}:{line}  {}\n", r.text.render(lang)));
            }
        }
    }
    s
}

/// What to say when nothing matched `query` (of `kind`, if given): that
/// something of another kind has the name, or the closest name.
pub fn not_found(
    m: &crate::model::Model,
    query: &str,
    kind: Option<crate::vocab::SubjectKind>,
) -> Message {
    if kind.is_some() {
        if let Some(other) = route::find(m, query, None).first() {
            return Message::NothingCalledOfKind {
                query: query.to_string(),
                kind: other.kind().term(),
            };
        }
    }
    match route::suggestion(m, query) {
        Some(suggestion) => Message::NothingCalledDidYouMean {
            query: query.to_string(),
            suggestion,
        },
        None => Message::NothingCalled {
            query: query.to_string(),
        },
    }
}
