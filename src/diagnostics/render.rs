//! Diagnostics → text, in three formats of our own: `human` (miette's
//! graphical report: snippets, underlines measured in display width), `plain`
//! (one line per diagnostic and per label, for grep and CI logs) and `json`;
//! and in five formats that CI systems read, written by [`super::ci`]: SARIF,
//! GitHub workflow commands, GitLab Code Quality, JUnit XML and JSON Lines.
//!
//! Line and column are counted in characters everywhere, the same in the
//! header, the plain lines and the JSON (miette itself counts bytes, so its
//! source is wrapped to report character columns); the CI formats follow
//! their own conventions, said in `ci`.
//!
//! Every format costs time in proportion to the number of diagnostics and the
//! lines they show, not to the size of the files they point into: each file is
//! wrapped for miette once per render, shared by all its diagnostics, and a
//! span is read from the nearest line start found in the file's
//! [`LineIndex`](crate::source::LineIndex), never from byte 0.

use super::{Diagnostic, Lang, Message, Severity};
use crate::source::{FileId, SourceFile, SourceMap, Span};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteSpanContents, SourceCode,
    SourceSpan, SpanContents,
};
use std::cell::OnceCell;
use std::fmt;

/// How diagnostics are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people: miette's report with the source snippet and underlines.
    Human,
    /// One line per diagnostic and per label, for grep and CI logs.
    Plain,
    /// One JSON document (schema `orgc.diagnostics/1`).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…::…`): annotations.
    Github,
    /// GitLab Code Quality JSON (`artifacts: reports: codequality`).
    Gitlab,
    /// JUnit XML: a test case per checked file (and per expectation for `orgc test`).
    Junit,
    /// One JSON object per diagnostic per line, the fields of `json`'s diagnostics.
    JsonLines,
}

impl Format {
    /// Every format, in the order `--format` lists them.
    pub const ALL: [Format; 8] = [
        Format::Human,
        Format::Plain,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Gitlab,
        Format::Junit,
        Format::JsonLines,
    ];

    /// Whether the output is one document for a machine (written to stdout,
    /// even when there is nothing to report), rather than lines for a person
    /// (written to stderr, nothing when clean).
    pub fn is_document(self) -> bool {
        !matches!(self, Format::Human | Format::Plain)
    }
}

/// How to render: language, format, colour and width.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// The language every word is written in.
    pub lang: Lang,
    /// The format.
    pub format: Format,
    /// Whether the human format uses colour.
    pub color: bool,
    /// Width the human format wraps at, in display columns; 0 for no
    /// wrapping (see [`stderr_width`]).
    pub width: usize,
}

/// Render every diagnostic and a summary line (none for the machine formats,
/// which carry the counts themselves or have no place for them).
///
/// The CI formats are written as [`super::ci::render`] writes them with a
/// default [`Context`](super::ci::Context): paths as the user gave them
/// (made `/`-separated), warnings not failing. The command line calls
/// `ci::render` itself, with paths relative to the working folder.
pub fn render(diags: &[Diagnostic], sources: &SourceMap, opts: Options) -> String {
    match opts.format {
        Format::Plain | Format::Human => {
            let mut out = render_body(diags, sources, opts);
            out.push_str(&summary(diags, opts.lang));
            out
        }
        _ => render_body(diags, sources, opts),
    }
}

/// The diagnostics alone, without the summary line (the machine formats:
/// the whole document).
pub fn render_body(diags: &[Diagnostic], sources: &SourceMap, opts: Options) -> String {
    match opts.format {
        Format::Json => json(diags, sources, opts.lang),
        Format::Sarif | Format::Github | Format::Gitlab | Format::Junit | Format::JsonLines => {
            let report = super::ci::Report {
                diagnostics: diags,
                tests: None,
            };
            super::ci::render(
                opts.format,
                &report,
                sources,
                &super::ci::Context::new(opts.lang),
            )
        }
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
                .with_width(opts.width.max(MIN_WIDTH))
                .with_wrap_lines(opts.width != 0)
                .with_word_separator(textwrap::WordSeparator::Custom(break_points))
                .with_break_words(false)
                .with_links(false);
            let cache = SourceCache::new(sources);
            let mut out = String::new();
            for d in diags {
                human_one(&mut out, d, &cache, &handler, opts);
                out.push('\n');
            }
            out
        }
    }
}

/// One diagnostic in the human format, every word in `opts.lang`.
///
/// miette draws the message line and the snippets; the words it would write
/// in English (`help:` before the help, `Advice:` before each related place)
/// are ours instead: the help is wrapped here after `提示：`/`help:`, and each
/// related place is a report of its own under `另见：`/`see also:`.
fn human_one(
    out: &mut String,
    d: &Diagnostic,
    cache: &SourceCache<'_>,
    handler: &GraphicalReportHandler,
    opts: Options,
) {
    let mut report = Adapter::new(d, cache, opts.lang);
    // A place past `MAX_SNIPPET_COLUMN` gets no snippet (miette cannot draw
    // one: it panics past column 65,535), only its `-->` line.
    let wide = d.labels.iter().any(|l| {
        cache
            .file(l.span.file)
            .is_some_and(|f| past_snippet_width(l.span, f))
    });
    if wide {
        report.source = None;
        report.labels.clear();
        report.related.clear();
    }
    let mut body = String::new();
    if handler.render_report(&mut body, &report).is_err() {
        body.clear();
        body.push_str(&plain(d, cache.map, opts.lang));
    } else if wide {
        for line in plain(d, cache.map, opts.lang).lines().skip(1) {
            if line.starts_with("  --> ") {
                body.push_str(line);
                body.push('\n');
            }
        }
    }
    out.push_str(&body);
    if let Some(help) = &report.help {
        out.push_str(&footer(help, opts));
    }
    for rel in &report.related {
        let mut body = String::new();
        if handler.render_report(&mut body, rel).is_ok() {
            out.push('\n');
            out.push_str(&paint(related_word(opts.lang), ADVICE_STYLE, opts.color));
            out.push('\n');
            out.push_str(&body);
        }
    }
}

/// The widest display column a snippet is drawn to. Past it (a line of
/// thousands of characters: a generated file, a title pasted whole) the
/// place is given by its line and column alone; miette would panic drawing
/// an underline past column 65,535, and no terminal shows such a line anyway.
const MAX_SNIPPET_COLUMN: usize = 4096;

/// Whether `span` starts or ends past [`MAX_SNIPPET_COLUMN`] of its line, as
/// miette counts columns (a tab is up to four). Costs the length of the
/// line up to the span, and nothing for a span in the first thousand bytes of
/// its line.
fn past_snippet_width(span: Span, file: &SourceFile) -> bool {
    let past = |offset: usize| {
        let offset = offset.min(file.text.len());
        let start = file.lines().line_start(offset);
        if (offset - start) * 4 <= MAX_SNIPPET_COLUMN {
            return false;
        }
        let Some(before) = file.text.get(start..offset) else {
            return true;
        };
        let mut columns = 0;
        for c in before.chars() {
            columns += match c {
                '\t' => 4,
                c => unicode_width::UnicodeWidthChar::width(c).unwrap_or(1),
            };
            if columns > MAX_SNIPPET_COLUMN {
                return true;
            }
        }
        false
    };
    past(span.start as usize) || past(span.end as usize)
}

/// The word before a help line, with its colon and the space after it:
/// eight columns wide in both languages, like miette's `  help: `.
fn help_word(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "提示：",
        Lang::En => "help: ",
    }
}

/// The word on the line above each related place.
fn related_word(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "另见：",
        Lang::En => "see also:",
    }
}

/// miette's colours for the help word (cyan) and for advice (cyan, bold).
const HELP_STYLE: &str = "\u{1b}[36m";
const ADVICE_STYLE: &str = "\u{1b}[1;36m";

/// `text` in colour when `color`, else as it is.
fn paint(text: &str, style: &str, color: bool) -> String {
    if color {
        format!("{style}{text}\u{1b}[0m")
    } else {
        text.to_string()
    }
}

/// The help line of the human format: `  提示：…`, wrapped at `opts.width`
/// like miette's lines, the continuation lines under the first word of the
/// help.
fn footer(help: &str, opts: Options) -> String {
    let word = help_word(opts.lang);
    let initial = format!("  {}", paint(word, HELP_STYLE, opts.color));
    let rest = " ".repeat(2 + unicode_width::UnicodeWidthStr::width(word));
    let mut s = if opts.width == 0 {
        let mut s = String::new();
        for (i, line) in help.lines().enumerate() {
            s.push_str(if i == 0 { &initial } else { &rest });
            s.push_str(line);
            s.push('\n');
        }
        s
    } else {
        let wrap = textwrap::Options::new(opts.width.max(MIN_WIDTH).saturating_sub(2))
            .initial_indent(&initial)
            .subsequent_indent(&rest)
            .word_separator(textwrap::WordSeparator::Custom(break_points))
            .break_words(false);
        textwrap::fill(help, wrap)
    };
    if !s.ends_with('\n') {
        s.push('\n');
    }
    s
}

/// The narrowest the human format wraps at: below this, snippets and
/// messages are unreadable anyway, and the indents would not fit.
const MIN_WIDTH: usize = 40;

/// The width the human format should wrap at, for text written to stderr:
/// `COLUMNS` when it is set to a number, else the terminal's width when
/// stderr is a terminal, else 0 (do not wrap: a log or a pipe has no width).
pub fn stderr_width() -> usize {
    use std::io::IsTerminal as _;
    if let Some(n) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
    {
        return n;
    }
    let stderr = std::io::stderr();
    if !stderr.is_terminal() {
        return 0;
    }
    terminal_size::terminal_size_of(&stderr).map_or(100, |(w, _)| usize::from(w.0))
}

/// Where a line of the human format may be broken, as textwrap's words: after
/// a run of spaces, and after Chinese punctuation (`，` `。` `；` `：` `、` `！`
/// `？` `）`) unless more closing punctuation follows, so a line never starts
/// with a comma. Never inside a backticked span, a quoted one (`"…"`, `“…”`,
/// `「…」`, `『…』`, `《…》`) or a run of characters with none of these: a name,
/// a path, a code or an id is never cut in two (a word wider than the line
/// overflows it rather than being broken).
fn break_points(line: &str) -> Box<dyn Iterator<Item = textwrap::core::Word<'_>> + '_> {
    fn closing(c: char) -> bool {
        matches!(
            c,
            '，' | '。' | '；' | '：' | '、' | '！' | '？' | '）' | '」' | '』' | '”' | '》'
        )
    }
    let mut words = Vec::new();
    let mut start = 0;
    let mut inside: Option<char> = None;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if let Some(end) = inside {
            if c == end {
                inside = None;
            }
            continue;
        }
        let end = match c {
            '`' | '"' => {
                inside = Some(c);
                continue;
            }
            '“' => {
                inside = Some('”');
                continue;
            }
            '「' => {
                inside = Some('」');
                continue;
            }
            '『' => {
                inside = Some('』');
                continue;
            }
            '《' => {
                inside = Some('》');
                continue;
            }
            ' ' => {
                let mut end = i + 1;
                while let Some(&(j, ' ')) = chars.peek() {
                    end = j + 1;
                    chars.next();
                }
                end
            }
            c if closing(c) => match chars.peek() {
                Some(&(_, next)) if !closing(next) && next != ' ' => i + c.len_utf8(),
                _ => continue,
            },
            _ => continue,
        };
        words.push(textwrap::core::Word::from(&line[start..end]));
        start = end;
    }
    if start < line.len() {
        words.push(textwrap::core::Word::from(&line[start..]));
    }
    Box::new(words.into_iter())
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

/// Where a span is: its file's path as shown, and 1-based lines and
/// character columns of its start and its end (the end column is that of the
/// character just past the span).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Place {
    /// The file's path as shown.
    pub file: String,
    /// Line of the first character.
    pub line: usize,
    /// Character column of the first character.
    pub column: usize,
    /// Line of the end.
    pub end_line: usize,
    /// Character column just past the last character.
    pub end_column: usize,
}

/// The place of a span, with the file's path shown as the user gave it.
fn place(span: Span, sources: &SourceMap) -> Option<Place> {
    let f = sources.get(span.file)?;
    Some(place_in(span, f, f.display_path()))
}

/// The place of a span in `file`, with the file's path shown as `shown`.
pub(crate) fn place_in(span: Span, file: &SourceFile, shown: String) -> Place {
    let (line, column) = file.line_col(span.start);
    let (end_line, end_column) = file.line_col(span.end);
    Place {
        file: shown,
        line,
        column,
        end_line,
        end_column,
    }
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
    plain_at(d, lang, &|s| place(s, sources))
}

/// The plain lines of one diagnostic, its places found by `place`.
pub(crate) fn plain_at(
    d: &Diagnostic,
    lang: Lang,
    place: &dyn Fn(Span) -> Option<Place>,
) -> String {
    let mut out = String::new();
    let head = d.primary().and_then(place);
    if let Some(p) = &head {
        let file = crate::text::escape(&p.file);
        out.push_str(&format!("{file}:{}:{}: ", p.line, p.column));
    }
    out.push_str(&format!(
        "{}[{}]: {}\n",
        severity_word(d.severity, lang),
        d.code.as_str(),
        d.message.render(lang)
    ));
    for label in &d.labels {
        if let Some(p) = place(label.span) {
            let (file, l, c) = (crate::text::escape(&p.file), p.line, p.column);
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
    json_document(diags, sources, lang, None)
}

/// One diagnostic as an object of the `diagnostics` array of the JSON
/// document (and as a line of JSON Lines), its places found by `place`.
pub(crate) fn json_diagnostic(
    d: &Diagnostic,
    lang: Lang,
    place: &dyn Fn(Span) -> Option<Place>,
) -> serde_json::Value {
    use serde_json::{json, Value};
    let loc = |span: Span| -> Value {
        match place(span) {
            Some(p) => json!({
                "file": p.file,
                "line": p.line,
                "column": p.column,
                "end_line": p.end_line,
                "end_column": p.end_column,
            }),
            None => Value::Null,
        }
    };
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
}

/// How many expectations passed and failed, for `orgc test --format json`.
#[derive(Clone, Copy, Debug)]
pub struct TestCounts {
    /// Expectations that hold.
    pub passed: usize,
    /// Expectations that do not.
    pub failed: usize,
}

/// The JSON document of `--format json` (schema `orgc.diagnostics/1`); with
/// `counts`, `orgc test`'s document: the same, plus `passed` and `failed`.
pub fn json_document(
    diags: &[Diagnostic],
    sources: &SourceMap,
    lang: Lang,
    counts: Option<TestCounts>,
) -> String {
    use serde_json::Value;
    let list = diags
        .iter()
        .map(|d| json_diagnostic(d, lang, &|s| place(s, sources)));
    // The document is written as it is built, one diagnostic's tree at a
    // time, rather than built whole and then written: a tree of every
    // diagnostic outgrows the caches, and 10× the diagnostics cost 20× the
    // time. Same fields in the same order as the whole tree had.
    #[derive(serde::Serialize)]
    struct Doc<L> {
        schema: &'static str,
        errors: usize,
        warnings: usize,
        diagnostics: L,
        #[serde(skip_serializing_if = "Option::is_none")]
        passed: Option<usize>,
        #[serde(skip_serializing_if = "Option::is_none")]
        failed: Option<usize>,
    }
    struct Each<L>(L);
    impl<L: Iterator<Item = Value> + Clone> serde::Serialize for Each<L> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_seq(self.0.clone())
        }
    }
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let doc = Doc {
        schema: "orgc.diagnostics/1",
        errors,
        warnings: diags.len() - errors,
        diagnostics: Each(list),
        passed: counts.map(|c| c.passed),
        failed: counts.map(|c| c.failed),
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".to_string());
    s.push('\n');
    s
}

// ------------------------------------------------------------------ miette

/// A file as miette sees it: the text, its display name, and columns counted
/// in characters.
#[derive(Debug)]
struct PolicySource<'a> {
    file: &'a SourceFile,
    /// The whole text as shown (see [`shown`]): control and invisible
    /// characters replaced by visible ones of the same byte length, so that
    /// spans stay valid and nothing raw reaches the terminal. Made only for a
    /// span whose lines hold such a character, or that needs the space after
    /// the end: the lines around most spans are shown as they are.
    shown: std::sync::OnceLock<String>,
    name: String,
}

impl<'a> PolicySource<'a> {
    fn new(file: &'a SourceFile) -> Self {
        PolicySource {
            file,
            shown: std::sync::OnceLock::new(),
            name: crate::text::escape(&file.display_path()).into_owned(),
        }
    }

    fn shown(&self) -> &str {
        self.shown.get_or_init(|| shown(&self.file.text))
    }
}

/// The miette view of each file of a [`SourceMap`], built the first time a
/// diagnostic points into the file and shared by every later one: building it
/// scans the whole file (see [`shown`]), so it is done once per render.
struct SourceCache<'m> {
    map: &'m SourceMap,
    wrapped: Vec<OnceCell<PolicySource<'m>>>,
}

impl<'m> SourceCache<'m> {
    fn new(map: &'m SourceMap) -> Self {
        SourceCache {
            map,
            wrapped: (0..map.len()).map(|_| OnceCell::new()).collect(),
        }
    }

    fn file(&self, id: FileId) -> Option<&'m SourceFile> {
        self.map.get(id)
    }

    fn source(&self, id: FileId) -> Option<&PolicySource<'m>> {
        let file = self.map.get(id)?;
        let cell = self.wrapped.get(id.0 as usize)?;
        Some(cell.get_or_init(|| PolicySource::new(file)))
    }
}

/// `text` as miette is handed it, byte for byte as long as `text` plus one
/// space at the end:
///
/// - every invisible character (see `names::is_invisible`) other than line
///   breaks and tabs is replaced by `?` or `�` runs of the same length, so
///   nothing raw reaches the terminal and spans stay valid;
/// - a lone CR (a line end, see [`LineIndex`](crate::source::LineIndex)) is
///   a LF, so that miette numbers lines as the header and the plain and JSON
///   formats do, and no raw CR moves the terminal's cursor;
/// - the space at the end gives a diagnostic at the end of the file (an empty
///   span there, such as an unclosed `{`) a character to put its caret under.
///
/// Linear, and cheap per byte: the text is copied in runs between the bytes
/// that may start such a character (a table lookup per byte: control bytes,
/// and the lead bytes of the few blocks that hold invisible characters — not
/// those of CJK ideographs), so a large file with one diagnostic costs about
/// a copy of it.
fn shown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 1);
    let mut copied = 0;
    let mut from = 0;
    while let Some((i, len, replacement)) = next_change(text, from) {
        out.push_str(&text[copied..i]);
        out.push_str(replacement);
        copied = i + len;
        from = i + len;
    }
    out.push_str(&text[copied..]);
    out.push(' ');
    out
}

/// The next character from byte `from` on that [`shown`] replaces: where it
/// is, its length, and what it becomes.
fn next_change(text: &str, from: usize) -> Option<(usize, usize, &'static str)> {
    /// Whether a byte may start a character that `shown` changes.
    const fn suspects() -> [bool; 256] {
        let mut t = [false; 256];
        let mut b = 0;
        while b < 0x20 {
            t[b] = !matches!(b as u8, b'\n' | b'\t');
            b += 1;
        }
        t[0x7F] = true;
        // lead bytes of U+0080–U+00BF, U+0340–U+037F, U+0600–U+063F,
        // U+1000–U+1FFF, U+2000–U+2FFF, U+3000–U+3FFF, U+F000–U+FFFF,
        // U+C0000–U+FFFFF: every invisible character starts with one of them
        t[0xC2] = true;
        t[0xCD] = true;
        t[0xD8] = true;
        t[0xE1] = true;
        t[0xE2] = true;
        t[0xE3] = true;
        t[0xEF] = true;
        t[0xF3] = true;
        t
    }
    const SUSPECT: [bool; 256] = suspects();
    let hidden = |c: char| crate::names::is_invisible(c) && !matches!(c, '\n' | '\r' | '\t');
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        let b = bytes[i];
        // the second byte rules out the common characters of three lead
        // bytes: CJK punctuation (、。「」), full-width forms (（）), dashes
        // and quotes (—“”); the invisible ones there are U+2000–U+206F,
        // U+3164 and U+FE00–U+FFFB
        let second = bytes.get(i + 1).copied().unwrap_or(0);
        let suspect = SUSPECT[usize::from(b)]
            && match b {
                0xE2 => matches!(second, 0x80 | 0x81),
                0xE3 => second == 0x85,
                0xEF => matches!(second, 0xB8 | 0xBB | 0xBE | 0xBF),
                _ => true,
            };
        if !suspect {
            i += 1;
            continue;
        }
        let Some(c) = text.get(i..).and_then(|r| r.chars().next()) else {
            i += 1;
            continue;
        };
        let len = c.len_utf8();
        let replacement = if c == '\r' {
            (bytes.get(i + 1) != Some(&b'\n')).then_some("\n")
        } else if hidden(c) {
            Some(match len {
                3 => "\u{FFFD}",
                2 => "??",
                4 => "????",
                _ => "?",
            })
        } else {
            None
        };
        if let Some(r) = replacement {
            return Some((i, len, r));
        }
        i += len;
    }
    None
}

/// [`shown`] written the plain way, one character at a time: the reference
/// the fast version is tested against.
#[cfg(test)]
fn shown_slowly(text: &str) -> String {
    let hidden = |c: char| crate::names::is_invisible(c) && !matches!(c, '\n' | '\r' | '\t');
    let mut out = String::with_capacity(text.len() + 1);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            out.push(if chars.peek() == Some(&'\n') {
                '\r'
            } else {
                '\n'
            });
        } else if hidden(c) {
            match c.len_utf8() {
                3 => out.push('\u{FFFD}'),
                n => out.extend(std::iter::repeat_n('?', n)),
            }
        } else {
            out.push(c);
        }
    }
    out.push(' ');
    out
}

impl SourceCode for PolicySource<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, miette::MietteError> {
        // miette's reader for `str` scans from byte 0 to the span. Hand it the
        // text from a line start instead, `before + 1` lines above the span's
        // line: from any line start its scan goes exactly as it would have
        // from the top of the file, so only offsets and line numbers need
        // shifting back. (The one extra line keeps the span off the window's
        // first byte, where miette's `offset + len - 1` would saturate at 0
        // and an empty span would be read to a different end than from the
        // top; the test below checks every span against miette's own reader.)
        let lines = self.file.lines();
        let text = self.file.text.as_str();
        let first = lines.line_of(span.offset()).saturating_sub(before + 1);
        let base = lines.start_of_line(first);
        // miette reads `after` lines past the span's last line: the window
        // ends a few lines further on, at a line start (or the end)
        let last = lines.line_of((span.offset() + span.len()).min(text.len()));
        let end = match last + after + 3 {
            n if n < lines.count() => lines.start_of_line(n),
            _ => text.len(),
        };
        // The space after the text is for a span at the end of the file only
        // (see `shown`): any other span sees the text as it is, with no
        // blank line after its last line.
        let at_end = span.offset() >= text.len();
        let window: &str = match text.get(base..end) {
            Some(w) if !at_end && next_change(w, 0).is_none() => w,
            _ => {
                let shown = self.shown();
                let end = if at_end { shown.len() } else { end };
                shown.get(base..end).unwrap_or_default()
            }
        };
        let local = SourceSpan::new((span.offset() - base).into(), span.len());
        let inner = window.read_span(&local, before, after)?;
        let column = if before == 0 {
            let start = lines.line_start(span.offset());
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
            SourceSpan::new((inner.span().offset() + base).into(), inner.span().len()),
            inner.line() + first,
            column,
            // miette's `line_count` is the number of line breaks from the top
            // of the file to the end of what it read, not within it
            inner.line_count() + first,
        )))
    }
}

struct Adapter<'a> {
    message: String,
    severity: miette::Severity,
    source: Option<&'a PolicySource<'a>>,
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
    fn new(d: &Diagnostic, sources: &'a SourceCache<'_>, lang: Lang) -> Self {
        let primary_file = d
            .primary()
            .and_then(|s| sources.file(s.file).map(|f| (s.file, f)));
        let mut labels = Vec::new();
        let mut related = Vec::new();
        for (i, l) in d.labels.iter().enumerate() {
            let text = l.text.as_ref().map(|t| t.render(lang));
            match (primary_file, sources.file(l.span.file)) {
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
                    source: sources.source(l.span.file),
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
            source: primary_file.and_then(|(id, _)| sources.source(id)),
            labels,
            help: d.help.as_ref().map(|h| h.render(lang)),
            related,
        }
    }
}

/// What miette sees of a diagnostic: the message line, the severity, the
/// source and the labels. The help and the related places are not handed to
/// miette, which would put English words before them; [`human_one`] writes
/// them.
impl miette::Diagnostic for Adapter<'_> {
    /// The code is shown in the message line (`[E102] …`), as rustc does,
    /// rather than on a header line of its own.
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        None
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.map(|s| s as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// Reading a span from the nearest line start gives exactly what miette's
    /// own reader gives from byte 0, for every span of a text with every kind
    /// of line break, blank lines, wide and multi-byte characters and a
    /// control character, with and without context lines.
    #[test]
    fn windowed_read_span_matches_reading_from_the_top() {
        // one text that `shown` changes, one it leaves as it is
        // (and one long enough for windows that end before the text does)
        let long: String = (0..24)
            .map(|i| match i % 4 {
                0 => format!("item 甲-{i} \"（{i}）\"\n"),
                1 => "\n".to_string(),
                2 => format!("  模块 {i}\r\n"),
                _ => format!("x{}y\n", if i == 11 { "\u{200B}" } else { "—" }),
            })
            .collect();
        for text in [
            "部门 甲\n\r\n  模块 乙\rc\r\n\n\tx\u{7}y 丙丁\nlast",
            "部门 甲\n\n  模块（乙）\n“c”、。\n\n\tx—y 丙丁\nlast",
            &long,
        ] {
            read_span_matches_reading_from_the_top(text);
        }
    }

    fn read_span_matches_reading_from_the_top(text: &str) {
        let file = SourceFile::new(PathBuf::from("t.policy"), text.to_string());
        let source = PolicySource::new(&file);
        // (the space after the text is seen by a span at the end only)
        let full = shown(text);
        let whole_text: &str = &full[..text.len()];
        // (spans reach miette clamped to the text, see `source_span`; miette
        // itself panics on an empty span past the end)
        for start in 0..=text.len() {
            for len in 0..=(text.len() - start).min(12) {
                let span = SourceSpan::new(start.into(), len);
                for before in 0..3 {
                    for after in 0..3 {
                        let ours = source.read_span(&span, before, after);
                        let whole = if start == text.len() {
                            full.as_str()
                        } else {
                            whole_text
                        };
                        let theirs = whole.read_span(&span, before, after);
                        let (ours, theirs) = match (ours, theirs) {
                            (Ok(o), Ok(t)) => (o, t),
                            (Err(_), Err(_)) => continue,
                            (o, t) => panic!(
                                "{start}+{len} ({before}, {after}): {:?} vs {:?}",
                                o.is_ok(),
                                t.is_ok()
                            ),
                        };
                        let what = format!("{start}+{len} ({before}, {after})");
                        assert_eq!(ours.data(), theirs.data(), "{what}");
                        assert_eq!(ours.span(), theirs.span(), "{what}");
                        assert_eq!(ours.line(), theirs.line(), "{what}");
                        assert_eq!(ours.line_count(), theirs.line_count(), "{what}");
                        if before > 0 {
                            assert_eq!(ours.column(), theirs.column(), "{what}");
                        }
                    }
                }
            }
        }
    }

    /// Lines break after spaces and Chinese punctuation, never inside a
    /// backticked or quoted span, a name or a path.
    #[test]
    fn break_points_keep_names_paths_and_quoted_spans_whole() {
        let words = |s: &str| -> Vec<String> {
            break_points(s)
                .map(|w| format!("{}{}", w.word, w.whitespace))
                .collect()
        };
        assert_eq!(
            words("找不到部门 `财政 局`，是否想写 `财政局`？见 a/b/c.policy"),
            [
                "找不到部门 ",
                "`财政 局`，",
                "是否想写 ",
                "`财政局`？",
                "见 ",
                "a/b/c.policy"
            ]
        );
        assert_eq!(words("标题“甲 乙”。"), ["标题“甲 乙”。"]);
        assert_eq!(
            words("（模块、业务组）主管；删去"),
            ["（模块、", "业务组）", "主管；", "删去"]
        );
        assert_eq!(words("x `unclosed span"), ["x ", "`unclosed span"]);
        assert_eq!(words(""), Vec::<String>::new());
    }

    /// The fast `shown` equals the plain one on every character that
    /// `is_invisible` knows and on its neighbours in every UTF-8 length, and
    /// keeps the byte length.
    #[test]
    fn shown_replaces_exactly_what_the_plain_way_does() {
        let mut text = String::from("部门 甲\r\n乙\r丙\n\t（）。，\u{3000}\u{FF0C}é");
        // every character of the blocks whose lead bytes are judged by the
        // byte after them (U+2000–U+2FFF, U+3000–U+3FFF, U+F000–U+FFFF)
        let judged = |c: u32| matches!(c, 0x2000..=0x3FFF | 0xF000..=0xFFFF);
        for c in (0u32..0x11_0000).filter_map(char::from_u32) {
            if crate::names::is_invisible(c) || c as u32 % 97 == 0 || judged(c as u32) {
                text.push('x');
                text.push(c);
            }
        }
        text.push('\r');
        let fast = shown(&text);
        assert_eq!(fast, shown_slowly(&text));
        assert_eq!(fast.len(), text.len() + 1);
        assert!(!fast.contains('\u{202E}') && !fast.contains('\u{1B}'));
    }

    /// One wrapper per file, whatever the number of diagnostics pointing in.
    #[test]
    fn each_file_is_wrapped_once() {
        let mut map = SourceMap::default();
        let a = map.add(SourceFile::new("a.policy".into(), "甲\n".into()));
        let b = map.add(SourceFile::new("b.policy".into(), "乙\n".into()));
        let cache = SourceCache::new(&map);
        let first = cache.source(a).unwrap() as *const PolicySource;
        assert!(std::ptr::eq(first, cache.source(a).unwrap()));
        assert!(!std::ptr::eq(first, cache.source(b).unwrap()));
        assert!(cache.wrapped[b.0 as usize].get().is_some());
        assert!(cache.source(FileId(2)).is_none());
    }
}
