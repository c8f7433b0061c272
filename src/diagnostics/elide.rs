//! The human and plain formats show at most [`LIMIT`] diagnostics of one code
//! in one file, then one line saying how many more there are: a file checked
//! without the rest of its set can hold thousands of the same unknown name,
//! and the first screenful says all there is to say. The machine formats keep
//! every diagnostic.

use super::render::{render_body, summary, Format, Options};
use super::{Diagnostic, Message};
use crate::source::{FileId, SourceMap};
use std::collections::HashMap;

/// How many diagnostics of one code in one file are shown in full.
pub const LIMIT: usize = 10;

/// `render::render` for the human and plain formats, with the diagnostics of
/// one code in one file past [`LIMIT`] summarised in one line (in the place of
/// the first one left out); the summary line still counts them all. Other
/// formats are rendered in full.
pub fn render(diags: &[Diagnostic], sources: &SourceMap, opts: Options) -> String {
    if opts.format.is_document() {
        return render_body(diags, sources, opts);
    }
    let key = |d: &Diagnostic| (d.primary().map(|s| s.file), d.code);
    let mut total: HashMap<(Option<FileId>, super::Code), usize> = HashMap::new();
    for d in diags {
        *total.entry(key(d)).or_default() += 1;
    }
    let mut seen: HashMap<(Option<FileId>, super::Code), usize> = HashMap::new();
    let mut out = String::new();
    let mut run: Vec<Diagnostic> = Vec::new();
    for d in diags {
        let k = key(d);
        let n = seen.entry(k).or_default();
        *n += 1;
        if *n <= LIMIT {
            run.push(d.clone());
            continue;
        }
        if *n == LIMIT + 1 {
            out.push_str(&render_body(&run, sources, opts));
            run.clear();
            let file =
                k.0.and_then(|f| sources.get(f))
                    .map(|f| f.path.display().to_string())
                    .unwrap_or_default();
            let more = total.get(&k).copied().unwrap_or(0).saturating_sub(LIMIT);
            let line = Message::MoreOfCode {
                count: more.into(),
                code: d.code.as_str().to_string(),
                file,
            }
            .render(opts.lang);
            out.push_str(&line);
            out.push_str(if opts.format == Format::Human {
                "\n\n"
            } else {
                "\n"
            });
        }
    }
    out.push_str(&render_body(&run, sources, opts));
    out.push_str(&summary(diags, opts.lang));
    out
}
