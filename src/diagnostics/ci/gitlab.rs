//! GitLab Code Quality: a JSON array with one issue per diagnostic, the
//! subset of the Code Climate issue format that GitLab reads:
//!
//! ```json
//! [{"description": "unknown department `行政审批厅` (help: did you mean `行政审批局`?)",
//!   "check_name": "orgc/E102", "fingerprint": "…", "severity": "major",
//!   "location": {"path": "policies/items.policy", "lines": {"begin": 2}}}]
//! ```
//!
//! GitLab places issues by line only. Errors are `major` and warnings
//! `minor` on its scale (info, minor, major, critical, blocker), so that
//! errors sort above warnings and nothing claims to block more than a failed
//! job already does. The fingerprint is what GitLab compares between the
//! target branch and the merge request to say which issues are new: see
//! [`super::fingerprints`], which leaves the line out. A diagnostic with no
//! place (rare: the set as a whole) is put at line 1 of the set's first file,
//! since GitLab needs a path.

use super::{fingerprints, Report, Writer};
use crate::diagnostics::{Message, Severity};
use crate::source::FileId;
use serde_json::json;

pub(super) fn render(report: &Report, w: &Writer) -> String {
    let all = report.all();
    let prints = fingerprints(&all, w);
    let issues: Vec<serde_json::Value> = all
        .iter()
        .zip(prints)
        .map(|(d, fingerprint)| {
            let (path, line) = match d.primary().and_then(|s| w.place(s)) {
                Some(p) => (p.file, p.line),
                None => (w.paths.get(FileId(0)).unwrap_or(".").to_string(), 1),
            };
            let description = match &d.help {
                Some(help) => Message::CiWithHelp {
                    message: Box::new(d.message.clone()),
                    help: Box::new(help.clone()),
                },
                None => d.message.clone(),
            };
            json!({
                "description": description.render(w.lang()),
                "check_name": format!("orgc/{}", d.code.as_str()),
                "fingerprint": fingerprint,
                "severity": match d.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                },
                "location": {"path": path, "lines": {"begin": line}},
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&issues).unwrap_or_else(|_| "[]".to_string());
    s.push('\n');
    s
}
