//! Diagnostics → text, in three formats: `human` (miette's graphical report:
//! snippets, underlines measured in display width), `plain` (one line per
//! diagnostic and per label, for grep and CI logs) and `json`.
//!
//! Line and column are counted in characters everywhere, the same in the
//! header, the plain lines and the JSON (miette itself counts bytes, so its
//! source is wrapped to report character columns).

use super::{Diagnostic, Lang, Message, Severity};
use crate::source::{SourceFile, SourceMap, Span};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteSpanContents, SourceCode,
    SourceSpan, SpanContents,
};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Plain,
    Json,
}

#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub lang: Lang,
    pub format: Format,
    pub color: bool,
    /// Width the human format wraps at.
    pub width: usize,
}

/// Render every diagnostic and a summary line (none for JSON, which carries
/// the counts itself).
pub fn render(diags: &[Diagnostic], sources: &SourceMap, opts: Options) -> String {
    match opts.format {
        Format::Json => json(diags, sources, opts.lang),
        Format::Plain | Format::Human => {
            let mut out = render_body(diags, sources, opts);
            out.push_str(&summary(diags, opts.lang));
            out
        }
    }
}

/// The diagnostics alone, without the summary line (JSON: the whole document).
pub fn render_body(diags: &[Diagnostic], sources: &SourceMap, opts: Options) -> String {
    match opts.format {
        Format::Json => json(diags, sources, opts.lang),
        Format::Plain => {
            let mut out = String::new();
            for d in diags {
                out.push_str(&plain(d, sources, opts.lang));
            }
            out
        }
        Format::Human => {
            let theme = if opts.color {
                GraphicalTheme::unicode()
            } else {
                GraphicalTheme::unicode_nocolor()
            };
            let handler = GraphicalReportHandler::new_themed(theme)
                .with_width(opts.width)
                .with_links(false);
            let mut out = String::new();
            for d in diags {
                let report = Adapter::new(d, sources, opts.lang);
                if handler.render_report(&mut out, &report).is_err() {
                    out.push_str(&plain(d, sources, opts.lang));
                }
                out.push('\n');
            }
            out
        }
    }
}

/// "2 errors, 1 warning" in the reader's language, or nothing when clean.
pub fn summary(diags: &[Diagnostic], lang: Lang) -> String {
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diags.len() - errors;
    if diags.is_empty() {
        return String::new();
    }
    let t = Message::Summary {
        errors: errors.into(),
        warnings: warnings.into(),
    };
    format!("{}\n", t.render(lang))
}

/// `path:line:col`, with the character column.
fn place(span: Span, sources: &SourceMap) -> Option<(String, usize, usize, usize, usize)> {
    let f = sources.get(span.file)?;
    let (l, c) = f.line_col(span.start);
    let (el, ec) = f.line_col(span.end);
    Some((f.display_path(), l, c, el, ec))
}

fn severity_word(s: Severity, lang: Lang) -> &'static str {
    match (s, lang) {
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::En) => "warning",
        (Severity::Error, Lang::Zh) => "错误",
        (Severity::Warning, Lang::Zh) => "警告",
    }
}

fn plain(d: &Diagnostic, sources: &SourceMap, lang: Lang) -> String {
    let mut out = String::new();
    let head = d.primary().and_then(|s| place(s, sources));
    if let Some((file, l, c, _, _)) = &head {
        out.push_str(&format!("{file}:{l}:{c}: "));
    }
    out.push_str(&format!(
        "{}[{}]: {}\n",
        severity_word(d.severity, lang),
        d.code.as_str(),
        d.message.render(lang)
    ));
    for label in &d.labels {
        if let Some((file, l, c, _, _)) = place(label.span, sources) {
            match &label.text {
                Some(t) => out.push_str(&format!("  --> {file}:{l}:{c}: {}\n", t.render(lang))),
                None => out.push_str(&format!("  --> {file}:{l}:{c}\n")),
            }
        }
    }
    if let Some(help) = &d.help {
        let word = if lang == Lang::Zh { "提示" } else { "help" };
        out.push_str(&format!("  = {word}: {}\n", help.render(lang)));
    }
    out
}

fn json(diags: &[Diagnostic], sources: &SourceMap, lang: Lang) -> String {
    let doc = json_document(diags, sources, lang);
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".to_string());
    s.push('\n');
    s
}

/// The JSON document of `--format json` (schema `orgc.diagnostics/1`), as a
/// value that a command can add its own fields to before printing it.
pub fn json_document(diags: &[Diagnostic], sources: &SourceMap, lang: Lang) -> serde_json::Value {
    use serde_json::{json, Value};
    let loc = |span: Span| -> Value {
        match place(span, sources) {
            Some((file, l, c, el, ec)) => {
                json!({"file": file, "line": l, "column": c, "end_line": el, "end_column": ec})
            }
            None => Value::Null,
        }
    };
    let list: Vec<Value> = diags
        .iter()
        .map(|d| {
            let mut obj = json!({
                "code": d.code.as_str(),
                "name": d.code.info().name,
                "severity": d.severity,
                "message": d.message.render(lang),
                "help": d.help.as_ref().map(|h| h.render(lang)),
            });
            let primary = d.primary().map(loc).unwrap_or(Value::Null);
            if let (Value::Object(o), Value::Object(p)) = (&mut obj, primary) {
                o.extend(p);
            }
            let labels: Vec<Value> = d
                .labels
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let mut v = loc(l.span);
                    if let Value::Object(o) = &mut v {
                        o.insert(
                            "message".into(),
                            json!(l.text.as_ref().map(|t| t.render(lang))),
                        );
                        o.insert("primary".into(), json!(i == 0));
                    }
                    v
                })
                .collect();
            if let Value::Object(o) = &mut obj {
                o.insert("labels".into(), Value::Array(labels));
            }
            obj
        })
        .collect();
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    json!({
        "schema": "orgc.diagnostics/1",
        "errors": errors,
        "warnings": diags.len() - errors,
        "diagnostics": list,
    })
}

// ------------------------------------------------------------------ miette

/// A file as miette sees it: the text, its display name, and columns counted
/// in characters.
#[derive(Debug)]
struct PolicySource<'a> {
    file: &'a SourceFile,
    /// The text as shown: control and invisible characters replaced by
    /// visible ones of the same byte length, so that spans stay valid and
    /// nothing raw reaches the terminal.
    shown: std::borrow::Cow<'a, str>,
    name: String,
}

impl<'a> PolicySource<'a> {
    fn new(file: &'a SourceFile) -> Self {
        PolicySource {
            file,
            shown: visible(&file.text),
            name: file.display_path(),
        }
    }
}

/// `text` with every invisible character (see `names::is_invisible`) other
/// than line breaks and tabs replaced by `?` or `�` runs of the same length.
fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| crate::names::is_invisible(c) && !matches!(c, '\n' | '\r' | '\t');
    if !text.chars().any(hidden) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if hidden(c) {
            match c.len_utf8() {
                3 => out.push('\u{FFFD}'),
                n => out.extend(std::iter::repeat_n('?', n)),
            }
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

impl SourceCode for PolicySource<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, miette::MietteError> {
        let inner = self.shown.as_ref().read_span(span, before, after)?;
        let column = if before == 0 {
            let start = self.file.lines.line_start(span.offset());
            self.file
                .text
                .get(start..span.offset())
                .map_or(inner.column(), |s| s.chars().count())
        } else {
            inner.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}

struct Adapter<'a> {
    message: String,
    severity: miette::Severity,
    source: Option<PolicySource<'a>>,
    labels: Vec<LabeledSpan>,
    help: Option<String>,
    related: Vec<Adapter<'a>>,
}

impl fmt::Debug for Adapter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Adapter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Adapter<'_> {}

fn source_span(span: Span, file: &SourceFile) -> SourceSpan {
    let len = file.text.len();
    let start = (span.start as usize).min(len);
    let end = (span.end as usize).clamp(start, len);
    SourceSpan::new(start.into(), end - start)
}

impl<'a> Adapter<'a> {
    fn new(d: &Diagnostic, sources: &'a SourceMap, lang: Lang) -> Self {
        let primary_file = d
            .primary()
            .and_then(|s| sources.get(s.file).map(|f| (s.file, f)));
        let mut labels = Vec::new();
        let mut related = Vec::new();
        for (i, l) in d.labels.iter().enumerate() {
            let text = l.text.as_ref().map(|t| t.render(lang));
            match (primary_file, sources.get(l.span.file)) {
                (Some((pid, pf)), _) if l.span.file == pid => {
                    let span = source_span(l.span, pf);
                    labels.push(if i == 0 {
                        LabeledSpan::new_primary_with_span(text, span)
                    } else {
                        LabeledSpan::new_with_span(text, span)
                    });
                }
                (_, Some(file)) => related.push(Adapter {
                    message: text.clone().unwrap_or_else(|| d.message.render(lang)),
                    severity: miette::Severity::Advice,
                    source: Some(PolicySource::new(file)),
                    labels: vec![LabeledSpan::new_with_span(text, source_span(l.span, file))],
                    help: None,
                    related: Vec::new(),
                }),
                _ => {}
            }
        }
        Adapter {
            message: format!("[{}] {}", d.code.as_str(), d.message.render(lang)),
            severity: match d.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
            },
            source: primary_file.map(|(_, f)| PolicySource::new(f)),
            labels,
            help: d.help.as_ref().map(|h| h.render(lang)),
            related,
        }
    }
}

impl miette::Diagnostic for Adapter<'_> {
    /// The code is shown in the message line (`[E102] …`), as rustc does,
    /// rather than on a header line of its own.
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        None
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(
                self.related.iter().map(|r| r as &dyn miette::Diagnostic),
            ))
        }
    }
}
