//! SARIF 2.1.0 (the OASIS standard), built with the `serde-sarif` types: one
//! run of the tool `orgc`, one `reportingDescriptor` per code used (its id,
//! kebab-case name, title, default level, and its `orgc explain` page as the
//! help text, so that no link is needed), one result per diagnostic.
//!
//! Places: SARIF counts columns in UTF-16 code units unless the run says
//! otherwise, so the run declares `columnKind: unicodeCodePoints` and every
//! column is a character column, 1-based, the end column being that of the
//! character just past the span (SARIF's `endColumn` is exclusive). A result's
//! first label is its location, the other labels are related locations with
//! their texts. Artifact URIs are relative references (see
//! [`super::paths::uri`]): GitHub code scanning resolves them against the
//! repository's root.
//!
//! Each result carries its fingerprint (see [`super::fingerprints`]) under
//! `fingerprints["orgc/v1"]`; for `orgc test`, the run's `properties` hold
//! `passed` and `failed`.

use super::paths::uri;
use super::{fingerprints, Report, Writer};
use crate::diagnostics::{Code, Diagnostic, Lang, Severity};
use crate::source::Span;
use serde_sarif::sarif;
use std::collections::BTreeMap;

/// The schema of the OASIS standard (2.1.0 with errata 01), the one
/// `tests/data/sarif-schema-2.1.0.json` is a copy of.
const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

pub(super) fn render(report: &Report, w: &Writer) -> String {
    let lang = w.lang();
    let all = report.all();
    let mut codes: Vec<Code> = all.iter().map(|d| d.code).collect();
    codes.sort();
    codes.dedup();
    let rules: Vec<sarif::ReportingDescriptor> = codes.iter().map(|c| rule(*c, lang)).collect();
    let prints = fingerprints(&all, w);
    let results: Vec<sarif::Result> = all
        .iter()
        .zip(prints)
        .map(|(d, print)| {
            let index = codes.binary_search(&d.code).unwrap_or_default();
            result(d, index, print, w)
        })
        .collect();
    let driver = sarif::ToolComponent::builder()
        .name("orgc")
        .version(env!("CARGO_PKG_VERSION"))
        .semantic_version(env!("CARGO_PKG_VERSION"))
        .rules(rules)
        .build();
    let mut run = sarif::Run::builder()
        .tool(sarif::Tool::builder().driver(driver).build())
        .column_kind(serde_json::json!("unicodeCodePoints"))
        .language(match lang {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        })
        .results(results)
        .build();
    if report.tests.is_some() {
        let (passed, failed) = report.counts();
        let mut bag = BTreeMap::new();
        bag.insert("passed".to_string(), serde_json::json!(passed));
        bag.insert("failed".to_string(), serde_json::json!(failed));
        run.properties = Some(
            sarif::PropertyBag::builder()
                .additional_properties(bag)
                .build(),
        );
    }
    let log = sarif::Sarif::builder()
        .schema(SCHEMA)
        .version(serde_json::json!("2.1.0"))
        .runs(vec![run])
        .build();
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".to_string());
    s.push('\n');
    s
}

fn text(s: impl Into<String>) -> sarif::MultiformatMessageString {
    sarif::MultiformatMessageString::builder()
        .text(s.into())
        .build()
}

fn message(s: impl Into<String>) -> sarif::Message {
    sarif::Message::builder().text(s.into()).build()
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The rule of a code: id, name, title, default level, and its explanation.
fn rule(code: Code, lang: Lang) -> sarif::ReportingDescriptor {
    let info = code.info();
    let explain = info.explain(lang);
    sarif::ReportingDescriptor::builder()
        .id(code.as_str())
        .name(info.name)
        .short_description(text(info.title(lang)))
        .help(
            sarif::MultiformatMessageString::builder()
                .text(explain.to_string())
                .markdown(explain.to_string())
                .build(),
        )
        .default_configuration(
            sarif::ReportingConfiguration::builder()
                .level(serde_json::json!(level(info.severity)))
                .build(),
        )
        .build()
}

fn result(d: &Diagnostic, rule_index: usize, print: String, w: &Writer) -> sarif::Result {
    let lang = w.lang();
    let mut text = d.message.render(lang);
    if let Some(help) = &d.help {
        let line = crate::diagnostics::Message::CiHelp {
            help: Box::new(help.clone()),
        };
        text.push('\n');
        text.push_str(&line.render(lang));
    }
    let mut locations = Vec::new();
    let mut related = Vec::new();
    for (i, label) in d.labels.iter().enumerate() {
        let said = label.text.as_ref().map(|t| t.render(lang));
        let Some(mut loc) = location(label.span, said, w) else {
            continue;
        };
        if i == 0 {
            locations.push(loc);
        } else {
            loc.id = Some(related.len() as i64);
            related.push(loc);
        }
    }
    let level = match d.severity {
        Severity::Error => sarif::ResultLevel::Error,
        Severity::Warning => sarif::ResultLevel::Warning,
    };
    let mut prints = BTreeMap::new();
    prints.insert("orgc/v1".to_string(), print);
    let mut r = sarif::Result::builder()
        .rule_id(d.code.as_str())
        .rule_index(rule_index as i64)
        .level(level)
        .message(message(text))
        .locations(locations)
        .fingerprints(prints)
        .build();
    if !related.is_empty() {
        r.related_locations = Some(related);
    }
    r
}

/// A span as a SARIF location, with what its label says.
fn location(span: Span, said: Option<String>, w: &Writer) -> Option<sarif::Location> {
    let p = w.place(span)?;
    let region = sarif::Region::builder()
        .start_line(p.line as i64)
        .start_column(p.column as i64)
        .end_line(p.end_line as i64)
        .end_column(p.end_column as i64)
        .build();
    let physical = sarif::PhysicalLocation::builder()
        .artifact_location(sarif::ArtifactLocation::builder().uri(uri(&p.file)).build())
        .region(region)
        .build();
    let mut loc = sarif::Location::builder()
        .physical_location(physical)
        .build();
    loc.message = said.map(message);
    Some(loc)
}
