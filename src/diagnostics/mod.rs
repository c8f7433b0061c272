//! Diagnostics as data: a stable [`Code`], a severity, a message keyed by the
//! code, labelled spans and an optional help, all of it rendered later in the
//! reader's language (`messages`) and format (`render`).
//!
//! Checks never format text: they fill a [`Diagnostic`] with a typed
//! [`Message`] (one variant per sentence, with named fields). The one table of
//! words is `messages.rs`; the one table of codes is `codes.rs`. One struct
//! serves every diagnostic, and one enum every message, so each sentence lives
//! in two languages in one place and the compiler checks every call site.

pub mod ci;
mod codes;
pub mod elide;
mod messages;
pub mod render;
pub mod suggest;

pub use codes::{Code, CodeInfo, CODES};
pub use messages::{
    escape, io_error, io_kind, Help, Lang, Message, Num, Phrase, Role, Show, Term, Word,
};

use crate::source::Span;

/// How serious a diagnostic is: errors fail `orgc check` and stop `orgc build`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// An error: exit code 1, nothing is built.
    Error,
    /// A warning: reported, fails only with `--deny-warnings`.
    Warning,
}

/// A labelled span. The first label of a diagnostic is its primary place.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    /// The place the label points at.
    pub span: Span,
    /// What the label says there, if anything.
    pub text: Option<Message>,
}

/// One problem found in a policy set: a code, a message, its places and an optional help.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// The stable code (`E101`, …), explained by `orgc explain CODE`.
    pub code: Code,
    /// Error or warning; the code's default unless a rule sets it.
    pub severity: Severity,
    /// The headline sentence.
    pub message: Message,
    /// The places it points at, primary first.
    pub labels: Vec<Label>,
    /// A hint on how to fix it, if there is one.
    pub help: Option<Message>,
}

impl Diagnostic {
    /// A diagnostic with the code's default severity.
    pub fn new(code: Code, message: Message) -> Self {
        Diagnostic {
            code,
            severity: code.info().severity,
            message,
            labels: Vec::new(),
            help: None,
        }
    }

    /// Adds a labelled place (the first one added is the primary place).
    pub fn label(mut self, span: Span, text: Option<Message>) -> Self {
        self.labels.push(Label { span, text });
        self
    }

    /// Sets the help line.
    pub fn help(mut self, help: Message) -> Self {
        self.help = Some(help);
        self
    }

    /// Sets the help line, or clears it with `None`.
    pub fn maybe_help(mut self, help: Option<Message>) -> Self {
        self.help = help;
        self
    }

    /// Overrides the code's default severity (a rule's `severity warning`).
    pub fn severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    /// Whether it is an error (and so fails the run).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The primary span (the first label), if any.
    pub fn primary(&self) -> Option<Span> {
        self.labels.first().map(|l| l.span)
    }

    /// The key that orders diagnostics: the phase that found it (reading and
    /// syntax, then names, then the checks, so that a cause comes before its
    /// consequences), then file, place, code and the English text, so that the
    /// order never depends on the order checks ran in.
    fn sort_key(&self) -> (u8, u32, u32, u32, &'static str, String) {
        let (f, s, e) = self.primary().map(|p| p.key()).unwrap_or_default();
        let code = self.code.as_str();
        (phase(code), f.0, s, e, code, self.message.render(Lang::En))
    }
}

/// 0 for reading and syntax (`E0xx`), 1 for names (`E1xx`, `W1xx`), 2 for
/// everything found by the checks.
fn phase(code: &str) -> u8 {
    match code.as_bytes() {
        [b'E', b'0', ..] => 0,
        [b'E' | b'W', b'1', ..] => 1,
        _ => 2,
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
