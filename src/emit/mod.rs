//! Phase 4, emit: outputs computed from a checked model only — the routing
//! tables (`routes`) in JSON, CSV and SQLite (`tables`), and the answer to one
//! routing question with its reasons (`route`).
//!
//! Every file is written atomically (`write_atomic`): a temporary file in the
//! same folder, flushed and synced, then renamed over the old one, so a run
//! killed midway leaves each file either as it was or complete.

pub mod cells;
pub mod route;
pub mod routes;
pub mod tables;

use crate::source::SourceMap;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

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
