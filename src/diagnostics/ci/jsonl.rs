//! JSON Lines: one JSON object per diagnostic, one per line, with the fields
//! of an entry of `--format json`'s `diagnostics` array (character columns,
//! labels, help); paths relative to the root. Nothing at all when there is
//! nothing to report. For `orgc test`, the failed expectations follow the
//! check's diagnostics; the counts are the command's last line on stderr.

use super::{Report, Writer};

pub(super) fn render(report: &Report, w: &Writer) -> String {
    let mut out = String::new();
    for d in report.all() {
        let value = crate::diagnostics::render::json_diagnostic(&d, w.lang(), &|s| w.place(s));
        // a `Value` always serialises; the fallback keeps one line per diagnostic
        out.push_str(&serde_json::to_string(&value).unwrap_or_else(|_| "{}".to_string()));
        out.push('\n');
    }
    out
}
