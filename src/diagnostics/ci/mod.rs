//! Diagnostics → the formats CI systems read (phase: render; input:
//! diagnostics, the sources and, for `orgc test`, what each expectation
//! gave; output: one text):
//!
//! | format | for | places | file |
//! |---|---|---|---|
//! | `sarif` | GitHub code scanning, SARIF viewers | 1-based line, 1-based character column (`columnKind: unicodeCodePoints`), end column exclusive | [`sarif`] |
//! | `github` | GitHub Actions annotations (workflow commands) | 1-based line and character column, end column inclusive, columns only on one-line spans | [`github`] |
//! | `gitlab` | GitLab Code Quality (merge request widget) | line only | [`gitlab`] |
//! | `junit` | any CI's test report (GitLab, Jenkins, …) | `path:line:col` in the text | [`junit`] |
//! | `json-lines` | log processors, `jq` | as `--format json` | [`jsonl`] |
//!
//! Every path is relative to the [`Context::root`] (the working folder, for
//! the command line; CI runs orgc from the repository's root) and uses `/`.
//! A file outside the root keeps the path the user gave.
//!
//! Every word is in the run's language; only the fingerprints, which must not
//! change with `--lang`, are computed from the English text.

mod github;
mod gitlab;
mod jsonl;
mod junit;
mod paths;
mod sarif;

pub use paths::relative;

use super::render::{json_document, render_body, Format, Options, Place, TestCounts};
use super::{Diagnostic, Lang, Severity};
use crate::source::{SourceMap, Span};
use paths::Paths;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::Path;

/// How to write: the language, where paths are relative to, and whether
/// warnings fail the run.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    /// The language every word is written in.
    pub lang: Lang,
    /// The folder paths are shown relative to, which is also the folder
    /// relative paths were given from (the working folder). `None`: paths as
    /// the user gave them.
    pub root: Option<&'a Path>,
    /// Whether warnings fail the run (`--deny-warnings`): in JUnit, a file
    /// with warnings only is then a failed test case.
    pub deny_warnings: bool,
}

impl Context<'_> {
    /// Paths as given, warnings not failing.
    pub fn new(lang: Lang) -> Self {
        Context {
            lang,
            root: None,
            deny_warnings: false,
        }
    }
}

/// What one run of `orgc check` or `orgc test` found.
#[derive(Clone, Copy, Debug)]
pub struct Report<'a> {
    /// The diagnostics of the check, in reporting order.
    pub diagnostics: &'a [Diagnostic],
    /// For `orgc test`: every expectation of the set, in declaration order.
    pub tests: Option<&'a [Case]>,
}

/// One route expectation (`expect …`) and what became of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Case {
    /// The `expect` declaration.
    pub span: Span,
    /// Whether it held.
    pub verdict: Verdict,
}

/// What became of an expectation.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// It holds.
    Holds,
    /// It does not: its T001 diagnostics (none when what it names does not
    /// exist, which `orgc check` reports as E503).
    Fails(Vec<Diagnostic>),
    /// It was not run: the set has errors.
    NotRun,
}

impl Report<'_> {
    /// The check's diagnostics, then the failed expectations' (in reporting
    /// order): what the formats without test cases list.
    fn all(&self) -> Vec<Diagnostic> {
        let mut failures: Vec<Diagnostic> = self
            .tests
            .unwrap_or_default()
            .iter()
            .filter_map(|c| match &c.verdict {
                Verdict::Fails(d) => Some(d.iter().cloned()),
                _ => None,
            })
            .flatten()
            .collect();
        super::sort(&mut failures);
        let mut all = self.diagnostics.to_vec();
        all.extend(failures);
        all
    }

    /// How many expectations held and failed (both 0 when none was run).
    pub fn counts(&self) -> (usize, usize) {
        let cases = self.tests.unwrap_or_default();
        let passed = cases.iter().filter(|c| c.verdict == Verdict::Holds).count();
        let failed = cases
            .iter()
            .filter(|c| matches!(c.verdict, Verdict::Fails(_)))
            .count();
        (passed, failed)
    }
}

/// Write `report` in `format`. The CI formats are written here; `human`,
/// `plain` and `json` as [`super::render`] writes them (paths as the user
/// gave them, no colour), the failed expectations after the check's
/// diagnostics.
pub fn render(format: Format, report: &Report, sources: &SourceMap, ctx: &Context) -> String {
    let paths = Paths::new(sources, ctx.root);
    let w = Writer {
        sources,
        paths: &paths,
        ctx,
    };
    match format {
        Format::Sarif => sarif::render(report, &w),
        Format::Github => github::render(report, &w),
        Format::Gitlab => gitlab::render(report, &w),
        Format::Junit => junit::render(report, &w),
        Format::JsonLines => jsonl::render(report, &w),
        Format::Json => {
            let (passed, failed) = report.counts();
            let counts = report.tests.map(|_| TestCounts { passed, failed });
            let doc = json_document(&report.all(), sources, ctx.lang, counts);
            match report.tests {
                None => doc,
                Some(cases) => with_expectations(doc, cases, sources, ctx.lang),
            }
        }
        Format::Human | Format::Plain => {
            let opts = Options {
                lang: ctx.lang,
                format,
                color: false,
                width: 100,
            };
            render_body(&report.all(), sources, opts)
        }
    }
}

/// `orgc test`'s JSON document: the check's document with `expectations`
/// (each `expect` with its place, its text and its result) before `passed`
/// and `failed`.
fn with_expectations(doc: String, cases: &[Case], sources: &SourceMap, lang: Lang) -> String {
    use serde_json::{json, Map, Value};
    let Ok(Value::Object(fields)) = serde_json::from_str::<Value>(&doc) else {
        return doc;
    };
    let expectations: Vec<Value> = cases
        .iter()
        .map(|c| {
            let file = sources.get(c.span.file);
            let (line, column) = file.map_or((0, 0), |f| f.line_col(c.span.start));
            let text = file
                .and_then(|f| f.text.get(c.span.start as usize..c.span.end as usize))
                .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
            let (result, failures) = match &c.verdict {
                Verdict::Holds => ("passed", Vec::new()),
                Verdict::NotRun => ("not_run", Vec::new()),
                Verdict::Fails(ds) => (
                    "failed",
                    ds.iter().map(|d| d.message.render(lang)).collect(),
                ),
            };
            json!({
                "file": file.map(|f| f.display_path()),
                "line": line,
                "column": column,
                "expect": text,
                "result": result,
                "failures": failures,
            })
        })
        .collect();
    let mut out = Map::new();
    for (k, v) in fields {
        if k == "passed" {
            out.insert("expectations".into(), Value::Array(expectations.clone()));
        }
        out.insert(k, v);
    }
    let mut s = serde_json::to_string_pretty(&Value::Object(out)).unwrap_or(doc);
    s.push('\n');
    s
}

/// What every format's writer needs: the sources, their paths as shown, the
/// context.
struct Writer<'a> {
    sources: &'a SourceMap,
    paths: &'a Paths,
    ctx: &'a Context<'a>,
}

impl Writer<'_> {
    fn lang(&self) -> Lang {
        self.ctx.lang
    }

    /// The place of a span, its path as shown in CI.
    fn place(&self, span: Span) -> Option<Place> {
        let file = self.sources.get(span.file)?;
        let shown = self.paths.get(span.file)?.to_string();
        Some(super::render::place_in(span, file, shown))
    }

    /// The headline, then (each on its own line) the other places with what
    /// their labels say, then the help: for formats whose message is one text.
    fn full_text(&self, d: &Diagnostic) -> String {
        let lang = self.lang();
        let mut out = d.message.render(lang);
        for label in d.labels.iter().skip(1) {
            if let Some(p) = self.place(label.span) {
                out.push_str(&format!("\n  --> {}:{}:{}", p.file, p.line, p.column));
                if let Some(t) = &label.text {
                    out.push_str(&format!(": {}", t.render(lang)));
                }
            }
        }
        if let Some(help) = &d.help {
            let line = super::Message::CiHelp {
                help: Box::new(help.clone()),
            };
            out.push('\n');
            out.push_str(&line.render(lang));
        }
        out
    }
}

/// A fingerprint for each diagnostic of `diags`, stable across runs and
/// languages and distinct within the list.
///
/// It hashes what the diagnostic is, not where it is: the code, the file, the
/// English message and the text under the primary span, but not the line, so
/// that an edit above a problem does not make it look new to GitLab's merge
/// request widget or to code scanning. Diagnostics that agree in all of that
/// (the same unknown name used twice in one file) are told apart by their
/// order among themselves, which is the order of their places.
fn fingerprints(diags: &[Diagnostic], w: &Writer) -> Vec<String> {
    let mut seen: HashMap<[u8; 32], usize> = HashMap::new();
    diags
        .iter()
        .map(|d| {
            let mut h = Sha256::new();
            let primary = d.primary();
            let path = primary
                .and_then(|s| w.paths.get(s.file))
                .unwrap_or_default();
            let under = primary.map(|s| w.sources.text(s)).unwrap_or_default();
            for part in [
                "orgc/1",
                d.code.as_str(),
                path,
                &d.message.render(Lang::En),
                under,
            ] {
                // length-prefixed, so that no two lists of parts hash alike
                h.update((part.len() as u64).to_le_bytes());
                h.update(part.as_bytes());
            }
            let base: [u8; 32] = h.finalize().into();
            let n = seen.entry(base).or_insert(0);
            let mut h = Sha256::new();
            h.update(base);
            h.update((*n as u64).to_le_bytes());
            *n += 1;
            hex(&h.finalize())
        })
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether a diagnostic of this severity fails the run.
fn fails(severity: Severity, ctx: &Context) -> bool {
    severity == Severity::Error || ctx.deny_warnings
}
