//! Diagnostics as data: a stable [`Code`], a severity, a message keyed by the
//! code, labelled spans and an optional help, all of it rendered later in the
//! reader's language (`messages`) and format (`render`).
//!
//! Checks never format text: they fill a [`Diagnostic`] with a message [`Key`]
//! and its arguments. The one table of words is `messages.rs`; the one table of
//! codes is `codes.rs`. That is why one generic struct serves every diagnostic
//! here instead of a struct per diagnostic: each code's text lives in two
//! languages in one place, and a test checks that every code has both.

mod codes;
mod messages;
pub mod render;
pub mod suggest;

pub use codes::{Code, CodeInfo, CODES};
pub use messages::{escape, Key, Lang, Term};

use crate::source::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A value substituted into a message template.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// Text from the policy (a name, an id): shown as written, control
    /// characters escaped.
    Str(String),
    /// A word of the language of the message (`department`, `部门`).
    Term(Term),
    Num(u64),
    /// A list of names, joined by the language's list separator.
    List(Vec<String>),
    /// A phrase that exists in both languages (built by the syntax phase from
    /// grammar rule names).
    Phrase {
        en: String,
        zh: String,
    },
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Str(s.to_string())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Str(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Str(s.clone())
    }
}
impl From<u64> for Arg {
    fn from(n: u64) -> Self {
        Arg::Num(n)
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Num(n as u64)
    }
}
impl From<Term> for Arg {
    fn from(t: Term) -> Self {
        Arg::Term(t)
    }
}
impl From<Vec<String>> for Arg {
    fn from(v: Vec<String>) -> Self {
        Arg::List(v)
    }
}

/// A message: a key into the message table and its named arguments.
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    pub key: Key,
    pub args: Vec<(&'static str, Arg)>,
}

impl Text {
    pub fn new(key: Key) -> Self {
        Text {
            key,
            args: Vec::new(),
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// The message in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        messages::render(self, lang)
    }
}

/// A labelled span. The first label of a diagnostic is its primary place.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub span: Span,
    pub text: Option<Text>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: Text,
    pub labels: Vec<Label>,
    pub help: Option<Text>,
}

impl Diagnostic {
    /// A diagnostic with the code's default severity.
    pub fn new(code: Code, message: Text) -> Self {
        Diagnostic {
            code,
            severity: code.info().severity,
            message,
            labels: Vec::new(),
            help: None,
        }
    }

    pub fn label(mut self, span: Span, text: Option<Text>) -> Self {
        self.labels.push(Label { span, text });
        self
    }

    pub fn help(mut self, help: Text) -> Self {
        self.help = Some(help);
        self
    }

    pub fn maybe_help(mut self, help: Option<Text>) -> Self {
        self.help = help;
        self
    }

    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The primary span (the first label), if any.
    pub fn primary(&self) -> Option<Span> {
        self.labels.first().map(|l| l.span)
    }

    /// The key that orders diagnostics: file, place, code, then the English text,
    /// so that the order never depends on the order checks ran in.
    fn sort_key(&self) -> (u32, u32, u32, &'static str, String) {
        let (f, s, e) = self.primary().map(|p| p.key()).unwrap_or_default();
        (f.0, s, e, self.code.as_str(), self.message.render(Lang::En))
    }
}

/// Put diagnostics in their reporting order and drop exact repeats.
pub fn sort(diags: &mut Vec<Diagnostic>) {
    diags.sort_by_cached_key(|d| d.sort_key());
    diags.dedup_by(|a, b| {
        a.code == b.code
            && a.message == b.message
            && a.labels
                .iter()
                .map(|l| l.span.key())
                .eq(b.labels.iter().map(|l| l.span.key()))
    });
}
