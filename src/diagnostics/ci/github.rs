//! GitHub Actions workflow commands: one `::error` or `::warning` line per
//! diagnostic, which the runner turns into an annotation on the file, the
//! pull request's diff and the run's summary:
//!
//! ```text
//! ::error file=policies/items.policy,line=2,col=42,endLine=2,endColumn=46,title=E102 unknown name::unknown department `行政审批厅`%0Ahelp: did you mean `行政审批局`?
//! ```
//!
//! Lines and columns are 1-based, columns counted in characters. GitHub
//! takes `col` and `endColumn` only when the annotation starts and ends on
//! one line, so they are left out otherwise; `endColumn` is the column of
//! the last character (inclusive), as in GitHub's own examples. The other
//! places of a diagnostic and its help are further lines of the message.
//!
//! Escaping, as the runner decodes it: in the message, `%`, CR and LF become
//! `%25`, `%0D`, `%0A`; in a property value, `:` and `,` also become `%3A`
//! and `%2C`, since they separate the properties.

use super::{Report, Writer};
use crate::diagnostics::Severity;

pub(super) fn render(report: &Report, w: &Writer) -> String {
    let mut out = String::new();
    for d in report.all() {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut props: Vec<(&str, String)> = Vec::new();
        if let Some(p) = d.primary().and_then(|s| w.place(s)) {
            props.push(("file", p.file.clone()));
            props.push(("line", p.line.to_string()));
            if p.line == p.end_line {
                let last = p.end_column.saturating_sub(1).max(p.column);
                props.push(("col", p.column.to_string()));
                props.push(("endLine", p.end_line.to_string()));
                props.push(("endColumn", last.to_string()));
            } else {
                props.push(("endLine", p.end_line.to_string()));
            }
        }
        let info = d.code.info();
        props.push((
            "title",
            format!("{} {}", info.code.as_str(), info.title(w.lang())),
        ));
        let props: Vec<String> = props
            .into_iter()
            .map(|(k, v)| format!("{k}={}", property(&v)))
            .collect();
        out.push_str(&format!(
            "::{command} {}::{}\n",
            props.join(","),
            data(&w.full_text(&d))
        ));
    }
    out
}

/// A command's message: `%`, CR and LF escaped.
fn data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// A property value: as [`data`], and `:` and `,` escaped.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_runner() {
        assert_eq!(data("50% a:b,c\r\nd"), "50%25 a:b,c%0D%0Ad");
        assert_eq!(property("50% a:b,c\nd"), "50%25 a%3Ab%2Cc%0Ad");
        // `%` first, so that an escape is never escaped again
        assert_eq!(property("%3A"), "%253A");
    }
}
