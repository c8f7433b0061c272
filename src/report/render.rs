//! A report written out: Markdown or HTML through a minijinja template (the
//! default ones in `templates/`, or an edited copy), or JSON for machines.
//!
//! Escaping is always on: in HTML every value is HTML-escaped unless the
//! code marks it safe (the drawings, which `svg.rs` escapes itself); in
//! Markdown every value has `|`, `<`, `>` and line breaks made harmless, so
//! a name cannot break a table or inject markup.
//!
//! A template sees `report` (the data of [`super::data::Report`], the same
//! fields as the JSON output), `t` (the labels of [`super::labels`] in the
//! report's language), `lang`, `groups` (whether `--groups` was given), and
//! `charts.org` / `charts.load` (the two drawings as inline SVG).

use super::data::Report;
use super::{graph, labels, svg};
use crate::diagnostics::Lang;
use minijinja::value::{Serde, Value};
use minijinja::{context, AutoEscape, Environment, UndefinedBehavior};

/// The default Markdown template.
pub const MARKDOWN: &str = include_str!("templates/report.md.j2");
/// The default HTML template.
pub const HTML: &str = include_str!("templates/report.html.j2");

/// What a report is written as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Markdown (`.md`): for a repository, a wiki, a diff in review.
    Markdown,
    /// One self-contained HTML file (`.html`): to open, print, hand out.
    Html,
    /// JSON (`.json`): the figures for machines.
    Json,
}

impl Format {
    /// The format a file name asks for, by its extension.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" => Some(Format::Html),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    /// The default template of this format (`None` for JSON).
    pub fn default_template(self) -> Option<&'static str> {
        match self {
            Format::Markdown => Some(MARKDOWN),
            Format::Html => Some(HTML),
            Format::Json => None,
        }
    }
}

/// How a report is rendered.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// The language of the report (labels; the data is already in it).
    pub lang: Lang,
    /// Whether the org chart lists business groups under the modules.
    pub groups: bool,
}

/// A template that could not be read or rendered: what minijinja says,
/// with the template's name and line.
#[derive(Debug)]
pub struct TemplateError(pub String);

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The report as `format`; `template` is (name, source) of an edited
/// template, `None` for the default one.
pub fn render(
    report: &Report,
    format: Format,
    template: Option<(&str, &str)>,
    opts: Options,
) -> Result<String, TemplateError> {
    if format == Format::Json {
        let mut s =
            serde_json::to_string_pretty(report).map_err(|e| TemplateError(e.to_string()))?;
        s.push('\n');
        return Ok(s);
    }
    let (name, source) = match (template, format.default_template()) {
        (Some(t), _) => t,
        (None, Some(source)) => (
            if format == Format::Html {
                "report.html.j2"
            } else {
                "report.md.j2"
            },
            source,
        ),
        (None, None) => return Err(TemplateError("no template".to_string())),
    };
    let env = environment(format);
    let tmpl = env
        .template_from_named_str(name, source)
        .map_err(|e| TemplateError(e.to_string()))?;
    let charts = context! {
        org => Value::from_safe_string(org_svg(report, opts)),
        load => Value::from_safe_string(load_svg(report, opts.lang)),
    };
    let ctx = context! {
        report => Value::from(Serde(report)),
        t => Value::from(Serde(labels::all(opts.lang))),
        lang => report.lang,
        groups => opts.groups,
        charts => charts,
    };
    let mut out = tmpl.render(ctx).map_err(|e| TemplateError(e.to_string()))?;
    if !out.ends_with('\n') {
        out.push('\n');
    }
    Ok(out)
}

fn environment(format: Format) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    // keep the output tidy: a block tag on its own line leaves no blank line
    if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
    {
        env.set_syntax(syntax);
    }
    match format {
        Format::Html => env.set_auto_escape_callback(|_| AutoEscape::Html),
        _ => {
            env.set_auto_escape_callback(|_| AutoEscape::Custom("markdown".into()));
            env.set_formatter(|out, state, value| {
                if value.is_safe() || !matches!(state.auto_escape(), AutoEscape::Custom(_)) {
                    return minijinja::escape_formatter(out, state, value);
                }
                let text = if value.is_none() || value.is_undefined() {
                    String::new()
                } else {
                    value.to_string()
                };
                out.write_str(&markdown(&text)).map_err(|e| {
                    minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string())
                })
            });
        }
    }
    env.add_filter("code", code);
    env
}

/// Text made safe for a Markdown table cell or paragraph.
pub fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' | '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `code` filter: HTML-escapes a message and shows its `names` as code.
fn code(value: String) -> Value {
    let escaped = svg::xml(&value);
    let parts: Vec<&str> = escaped.split('`').collect();
    // an odd number of backticks: they are literal
    if parts.len() % 2 == 0 {
        return Value::from_safe_string(escaped);
    }
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i % 2 == 1 {
            out.push_str("<code>");
            out.push_str(p);
            out.push_str("</code>");
        } else {
            out.push_str(p);
        }
    }
    Value::from_safe_string(out)
}

/// The org chart of the report, as inline SVG.
fn org_svg(report: &Report, opts: Options) -> String {
    let l = graph::org_layout(&report.org, opts.lang, opts.groups);
    svg::chart(
        &l,
        labels::get("sec_orgchart", opts.lang),
        svg::Embed::Inline,
    )
}

/// The load per department as bars, as inline SVG.
fn load_svg(report: &Report, lang: Lang) -> String {
    let rows: Vec<svg::BarRow> = report
        .departments
        .iter()
        .map(|d| svg::BarRow {
            label: d.name.clone(),
            tone: graph::tone(d.category),
            values: vec![
                Some(d.modules),
                Some(d.items),
                Some(d.offices),
                Some(d.communities),
                d.staffing.map(|s| s.establishment),
            ],
        })
        .collect();
    let panels = [
        labels::get("col_modules", lang),
        labels::get("col_items", lang),
        labels::get("col_offices", lang),
        labels::get("col_communities", lang),
        labels::get("col_establishment", lang),
    ];
    svg::bars(
        &rows,
        &panels,
        labels::get("load_chart", lang),
        labels::get("not_declared", lang),
        svg::Embed::Inline,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_values_cannot_break_a_table() {
        assert_eq!(markdown("a|b<c>\nd"), "a\\|b&lt;c&gt; d");
    }

    #[test]
    fn code_filter_escapes_then_marks_names() {
        assert_eq!(
            code("target `a<b` is 3".to_string()).to_string(),
            "target <code>a&lt;b</code> is 3"
        );
        assert_eq!(code("odd ` tick".to_string()).to_string(), "odd ` tick");
    }

    #[test]
    fn formats_follow_the_extension() {
        use std::path::Path;
        assert_eq!(Format::from_path(Path::new("r.HTML")), Some(Format::Html));
        assert_eq!(Format::from_path(Path::new("r.md")), Some(Format::Markdown));
        assert_eq!(Format::from_path(Path::new("r.json")), Some(Format::Json));
        assert_eq!(Format::from_path(Path::new("r.txt")), None);
    }
}
