//! Phase 4, emit: outputs computed from a checked model only — the routing
//! tables (`routes`) in JSON, CSV and SQLite (`tables`) for machines, the same
//! tables as a workbook for people (`workbook`), the answer to one routing
//! question with its reasons (`route`), and every such answer on one page
//! for the service hall (`lookup`).
//!
//! Every file is written atomically (`write_atomic`): a temporary file in the
//! same folder, flushed and synced, then renamed over the old one, so a run
//! killed midway leaves each file either as it was or complete.

pub mod answer;
pub mod cells;
pub mod lookup;
pub mod route;
pub mod routes;
pub mod tables;
pub mod workbook;

use crate::source::SourceMap;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The files for people (`routes.xlsx`, `lookup.html`), in `lang`, the
/// document's language, and a note for each one left out because the set is too large
/// for it.
pub struct People {
    /// File name and bytes, in the order they are written.
    pub files: Vec<(&'static str, Vec<u8>)>,
    /// Why a file was left out.
    pub notes: Vec<crate::diagnostics::Message>,
}

/// Render the files for people of a checked set. `Err` only if the workbook
/// cannot be made (a bug: every input that checks can be written).
pub fn people(
    m: &crate::model::Model,
    d: &crate::model::query::Derived,
    routes: &routes::Routes,
    sources: &SourceMap,
    lang: crate::diagnostics::Lang,
) -> Result<People, String> {
    use crate::diagnostics::Message;
    let mut out = People {
        files: Vec::new(),
        notes: Vec::new(),
    };
    match workbook::too_large(routes) {
        Some((table, rows)) => out.notes.push(Message::BuildNoWorkbook {
            table: table.to_string(),
            rows: rows.into(),
            limit: workbook::MAX_ROWS.into(),
        }),
        None => out.files.push((
            "routes.xlsx",
            workbook::xlsx(routes, m, lang).map_err(|e| format!("routes.xlsx: {e}"))?,
        )),
    }
    let entries = lookup::entries(m);
    if entries > lookup::MAX_ENTRIES {
        out.notes.push(Message::BuildNoLookup {
            entries: entries.into(),
            limit: lookup::MAX_ENTRIES.into(),
        });
    } else {
        out.files.push((
            "lookup.html",
            lookup::html(m, d, routes, sources, lang).into_bytes(),
        ));
    }
    Ok(out)
}

/// Write `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = temp_path(path);
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// A temporary name beside `path`, unique to this process.
pub fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.orgc-tmp-{}", std::process::id()))
}

/// A digest of the policy set: file names and contents, in name order, so it
/// depends on what the set says and not on where it lies, how it is listed, or
/// which line ends it was saved with.
pub fn digest(sources: &SourceMap) -> String {
    // line ends are normalised: a file saved with CRLF says the same thing
    let mut files: Vec<(String, String)> = sources
        .iter()
        .map(|(_, f)| {
            let name = f
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, f.text.replace("\r\n", "\n").replace('\r', "\n"))
        })
        .collect();
    files.sort();
    let mut h = Sha256::new();
    for (name, text) in files {
        h.update((name.len() as u64).to_le_bytes());
        h.update(name.as_bytes());
        h.update((text.len() as u64).to_le_bytes());
        h.update(text.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("routes.json");
        write_atomic(&path, b"old").unwrap();
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        // a rename that cannot happen (the target is a non-empty folder) leaves
        // the target as it was and no temporary file behind
        let blocked = dir.path().join("blocked");
        std::fs::create_dir(&blocked).unwrap();
        std::fs::write(blocked.join("keep"), b"keep").unwrap();
        assert!(write_atomic(&blocked, b"x").is_err());
        assert_eq!(std::fs::read(blocked.join("keep")).unwrap(), b"keep");
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(left.len(), 2, "{left:?}");
    }

    #[test]
    fn digest_ignores_line_ends_and_location_but_not_content() {
        use crate::source::{SourceFile, SourceMap};
        let set = |dir: &str, text: &str| {
            let mut m = SourceMap::default();
            m.add(SourceFile::new(
                std::path::PathBuf::from(format!("{dir}/a.policy")),
                text.to_string(),
            ));
            digest(&m)
        };
        assert_eq!(
            set("x", "department 甲 : party { }\n"),
            set("y/z", "department 甲 : party { }\r\n")
        );
        assert_ne!(
            set("x", "department 甲 : party { }\n"),
            set("x", "department 乙 : party { }\n")
        );
    }
}
