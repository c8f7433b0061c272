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
pub struct People<F> {
    /// Each file made, as `keep` (given to [`people`]) kept it: for a build,
    /// staged to its temporary name in the output folder. In the order they
    /// are renamed into place.
    pub files: Vec<F>,
    /// Why a file was left out.
    pub notes: Vec<crate::diagnostics::Message>,
}

/// Why the files for people were not made.
#[derive(Debug)]
pub enum PeopleError {
    /// The workbook cannot be made: a bug, as every input that checks can be
    /// written.
    Bug(String),
    /// A file could not be staged in the output folder.
    Write(tables::WriteError),
}

/// Render the files for people of a checked set, each handed to `keep` (its
/// name and bytes) on the thread that made it: a build stages it in the
/// output folder ([`tables::stage_file`]) while the other file is made.
pub fn people<F: Send>(
    m: &crate::model::Model,
    d: &crate::model::query::Derived,
    routes: &routes::Routes,
    sources: &SourceMap,
    lang: crate::diagnostics::Lang,
    keep: impl Fn(&'static str, Vec<u8>) -> Result<F, tables::WriteError> + Sync,
) -> Result<People<F>, PeopleError> {
    use crate::diagnostics::Message;
    let mut out = People {
        files: Vec::new(),
        notes: Vec::new(),
    };
    // the workbook and the page are independent: made side by side
    let (workbook, page) = side_by_side(
        || {
            let t = std::time::Instant::now();
            let made = match workbook::too_large(routes) {
                Some((table, rows)) => Err(Message::BuildNoWorkbook {
                    table: table.to_string(),
                    rows: rows.into(),
                    limit: workbook::MAX_ROWS.into(),
                }),
                None => Ok(workbook::xlsx(routes, m, lang)
                    .map_err(|e| PeopleError::Bug(format!("routes.xlsx: {e}")))
                    .and_then(|bytes| keep("routes.xlsx", bytes).map_err(PeopleError::Write))),
            };
            crate::timing::phase("workbook", t);
            made
        },
        || {
            let t = std::time::Instant::now();
            let entries = lookup::entries(m);
            let made = if entries > lookup::MAX_ENTRIES {
                Err(Message::BuildNoLookup {
                    entries: entries.into(),
                    limit: lookup::MAX_ENTRIES.into(),
                })
            } else {
                let page = lookup::html(m, d, routes, sources, lang).into_bytes();
                Ok(keep("lookup.html", page).map_err(PeopleError::Write))
            };
            crate::timing::phase("lookup", t);
            made
        },
    );
    // staged files not handed on (the other failed) are removed when dropped
    for made in [workbook, page] {
        match made {
            Ok(staged) => out.files.push(staged?),
            Err(note) => out.notes.push(note),
        }
    }
    Ok(out)
}

/// Run `a` and `b` at the same time, `a` on a thread of its own, and return
/// both results; a panic in either is carried on to the caller. With no
/// thread to be had, `a` runs after `b` on this one.
///
/// For a few long tasks of unequal length, the files a build writes: each
/// gets a thread and the system shares the cores among them, so no pairing of
/// tasks to rayon's threads is fixed in advance (two in a row on one core
/// while the other core waits).
pub fn side_by_side<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    // `a` is taken by whichever thread runs it
    let a = std::sync::Mutex::new(Some(a));
    let run_a = || {
        let f = a.lock().ok().and_then(|mut f| f.take());
        f.map(|f| f())
    };
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new().spawn_scoped(scope, run_a);
        let b = b();
        let a = match spawned {
            Ok(handle) => match handle.join() {
                Ok(a) => a,
                Err(panic) => std::panic::resume_unwind(panic),
            },
            Err(_) => None,
        };
        match a.or_else(run_a) {
            Some(a) => (a, b),
            // `a` is taken once and given back by the thread that took it
            None => unreachable!("side_by_side: the first task neither ran nor was left"),
        }
    })
}

/// Write `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = TempFile::new(temp_path(path));
    let mut f = std::fs::File::create(tmp.path())?;
    f.write_all(bytes)?;
    f.sync_all()?;
    drop(f);
    tmp.rename_to(path)
}

/// A temporary name beside `path`, unique to this process.
pub fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}{TEMP_MARK}{}", std::process::id()))
}

/// What a temporary file's name holds before the process id.
const TEMP_MARK: &str = ".orgc-tmp-";

/// The temporary files of this process that exist now, removed by the
/// signal handler when SIGTERM or SIGINT ends the run.
static LIVE_TEMPS: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// A temporary file, known to the signal handler from before it is created
/// until it is renamed into place or removed (when dropped unrenamed).
pub struct TempFile {
    path: PathBuf,
    done: bool,
}

impl TempFile {
    /// Register `path` (and install the signal handler on first use).
    pub fn new(path: PathBuf) -> Self {
        install_signal_cleanup();
        if let Ok(mut live) = LIVE_TEMPS.lock() {
            live.push(path.clone());
        }
        TempFile { path, done: false }
    }

    /// The temporary path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Rename into place; on failure the temporary file is removed.
    pub fn rename_to(mut self, target: &Path) -> std::io::Result<()> {
        // under the lock, so that a signal cannot remove the file between the
        // rename and the deregistration (or exit in the middle of either)
        let mut live = LIVE_TEMPS.lock().unwrap_or_else(|e| e.into_inner());
        let result = std::fs::rename(&self.path, target);
        if result.is_ok() {
            live.retain(|p| p != &self.path);
            self.done = true;
        }
        result
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.done {
            let mut live = LIVE_TEMPS.lock().unwrap_or_else(|e| e.into_inner());
            let _ = std::fs::remove_file(&self.path);
            live.retain(|p| p != &self.path);
        }
    }
}

/// On SIGTERM and SIGINT, remove this process's temporary files and exit
/// with 128 + the signal's number, as the shell would report the signal.
/// A thread waits for the signals (nothing runs inside a signal handler but
/// signal-hook's own async-signal-safe code). SIGKILL cannot be caught: its
/// debris is swept by the next build (`sweep_stale`).
fn install_signal_cleanup() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    #[cfg(unix)]
    INSTALLED.call_once(|| {
        use signal_hook::consts::{SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGINT]) else {
            return;
        };
        let _ = std::thread::Builder::new()
            .name("orgc-signals".into())
            .spawn(move || {
                if let Some(sig) = signals.forever().next() {
                    // hold the lock until exit: no new temporary file, no
                    // rename half-recorded
                    let live = LIVE_TEMPS.lock().unwrap_or_else(|e| e.into_inner());
                    for p in live.iter() {
                        let _ = std::fs::remove_file(p);
                    }
                    std::process::exit(128 + sig);
                }
            });
    });
    #[cfg(not(unix))]
    INSTALLED.call_once(|| {});
}

/// Remove the temporary files that runs no longer alive left in `dir` (a
/// SIGKILL, a power cut): `.NAME.orgc-tmp-PID` where no process PID exists.
/// A temporary file of a live process (another build writing into the same
/// folder) is left alone. Returns the files removed.
pub fn sweep_stale(dir: &Path) -> Vec<PathBuf> {
    let mut removed = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return removed;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let Some(pid) = stale_pid(name) else { continue };
        if pid != std::process::id() && !process_alive(pid) {
            let p = entry.path();
            if std::fs::remove_file(&p).is_ok() {
                removed.push(p);
            }
        }
    }
    removed.sort();
    removed
}

/// The process id of a temporary file's name, if it is one of orgc's.
fn stale_pid(name: &str) -> Option<u32> {
    if !name.starts_with('.') {
        return None;
    }
    let (_, pid) = name.rsplit_once(TEMP_MARK)?;
    if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: kill with signal 0 sends nothing; it only checks the process exists.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn process_alive(_pid: u32) -> bool {
    // no cheap portable check: never remove another process's file
    true
}

/// The name of the manifest of a build folder, written last.
pub const MANIFEST: &str = "manifest.json";

/// Before a build replaces any file in `dir`: sweep stale temporary files and
/// remove the old manifest, so that from now until the new manifest is
/// written no manifest vouches for a mix of old and new files.
pub fn begin_outputs(dir: &Path) -> std::io::Result<()> {
    sweep_stale(dir);
    match std::fs::remove_file(dir.join(MANIFEST)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// A written file's size and SHA-256 digest, as the manifest lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct FileDigest {
    /// Its size in bytes.
    pub bytes: u64,
    /// Its SHA-256 digest, in hex.
    pub sha256: String,
}

impl FileDigest {
    /// The digest of the file at `path`, read through a small buffer.
    pub fn of_file(path: &Path) -> std::io::Result<Self> {
        let mut w = Hashing::new(std::io::sink());
        std::io::copy(&mut std::fs::File::open(path)?, &mut w)?;
        Ok(w.finish().1)
    }
}

/// A writer that digests every byte it passes on: a file's manifest entry
/// is made while the file is written, not by reading it back.
pub struct Hashing<W> {
    inner: W,
    hasher: Sha256,
    bytes: u64,
}

impl<W: Write> Hashing<W> {
    /// Digest what is written to `inner`.
    pub fn new(inner: W) -> Self {
        Hashing {
            inner,
            hasher: Sha256::new(),
            bytes: 0,
        }
    }

    /// The writer, and the digest of what it was given.
    pub fn finish(self) -> (W, FileDigest) {
        let digest = FileDigest {
            bytes: self.bytes,
            sha256: hex(&self.hasher.finalize()),
        };
        (self.inner, digest)
    }
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        // only the bytes the writer took: the rest come again
        let taken = buf.get(..n).unwrap_or(buf);
        self.hasher.update(taken);
        self.bytes += taken.len() as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// After every file of a build is in place: `manifest.json`, written
/// atomically and last, naming each file with its size and SHA-256 digest
/// (made as it was written) and the digest of the policy set. A reader that
/// trusts only files the manifest vouches for never reads a mix of two
/// builds (see docs/routes.md).
pub fn finish_outputs(
    dir: &Path,
    files: &[(PathBuf, FileDigest)],
    policy_digest: &str,
) -> std::io::Result<PathBuf> {
    let list: Vec<_> = files
        .iter()
        .map(|(f, d)| {
            let name = f
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            serde_json::json!({
                "name": name,
                "bytes": d.bytes,
                "sha256": d.sha256,
            })
        })
        .collect();
    let doc = serde_json::json!({
        "manifest": "orgc.manifest/1",
        "digest": policy_digest,
        "files": list,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    let p = dir.join(MANIFEST);
    write_atomic(&p, text.as_bytes())?;
    Ok(p)
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// A digest of the policy set: file names and contents, in name order, so it
/// depends on what the set says and not on where it lies, how it is listed, or
/// which line ends it was saved with.
pub fn digest(sources: &SourceMap) -> String {
    // line ends are normalised: a file saved with CRLF says the same thing
    let mut files: Vec<(String, std::borrow::Cow<str>)> = sources
        .iter()
        .map(|(_, f)| {
            let name = f
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let text = match f.text.contains('\r') {
                true => f.text.replace("\r\n", "\n").replace('\r', "\n").into(),
                false => f.text.as_str().into(),
            };
            (name, text)
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

    /// A writer that takes at most three bytes at a time.
    struct Short(Vec<u8>);

    impl Write for Short {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            let n = buf.len().min(3);
            self.0.extend_from_slice(&buf[..n]);
            Ok(n)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// The files for people are staged by the threads that make them; when
    /// one cannot be staged, the build fails naming it and the other's
    /// temporary file goes with it: nothing is left in the folder.
    #[test]
    fn a_file_for_people_that_cannot_be_staged_leaves_nothing_behind() {
        let c = crate::driver::compile_str(
            "t.policy",
            "department 甲 : government { module M { group G } }\n\
             item I-1 \"事项\" : approval owner 甲.M.G statutory 5 committed 2\n",
        );
        assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
        let routes = routes::build(&c.model, &c.derived, "test");
        let dir = tempfile::tempdir().unwrap();
        let listing = || {
            let mut names: Vec<String> = std::fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            names
        };
        let people = |lang| {
            tables::begin(dir.path()).unwrap();
            people(
                &c.model,
                &c.derived,
                &routes,
                &c.sources,
                lang,
                |name, bytes| tables::stage_file(dir.path(), name, &bytes),
            )
        };

        // both staged, under their temporary names only
        let made = people(crate::diagnostics::Lang::Zh).unwrap();
        let staged: Vec<PathBuf> = made.files.iter().map(|f| f.1.clone()).collect();
        assert_eq!(
            staged,
            [
                dir.path().join("routes.xlsx"),
                dir.path().join("lookup.html")
            ]
        );
        let names = listing();
        assert_eq!(names.len(), 2, "{names:?}");
        assert!(names.iter().all(|n| n.contains(".orgc-tmp-")), "{names:?}");
        drop(made);
        assert_eq!(
            listing(),
            Vec::<String>::new(),
            "dropped, not renamed: removed"
        );

        // the page's temporary name taken by a folder: the page cannot be staged
        let blocker = temp_path(&dir.path().join("lookup.html"));
        std::fs::create_dir(&blocker).unwrap();
        match people(crate::diagnostics::Lang::En) {
            Err(PeopleError::Write(e)) => assert_eq!(e.0, dir.path().join("lookup.html")),
            Err(PeopleError::Bug(e)) => panic!("a bug: {e}"),
            Ok(_) => panic!("staged over a folder"),
        }
        std::fs::remove_dir(&blocker).unwrap();
        assert_eq!(
            listing(),
            Vec::<String>::new(),
            "the workbook's temporary file is gone"
        );
    }

    /// Both results come back, each from its own task; a panic in the task
    /// on the other thread reaches the caller.
    #[test]
    fn side_by_side_returns_both_and_carries_a_panic() {
        let here = std::thread::current().id();
        let (a, b) = side_by_side(|| (1, std::thread::current().id()), || "二");
        assert_eq!((a.0, b), (1, "二"));
        assert_ne!(a.1, here, "the first task ran on a thread of its own");
        let caught = std::panic::catch_unwind(|| side_by_side(|| panic!("甲"), || 2));
        assert!(caught.is_err());
    }

    /// The digest made while writing is the digest of the bytes written,
    /// also when the writer takes a buffer a piece at a time.
    #[test]
    fn a_file_is_digested_as_it_is_written() {
        let text = "事项,主管部门\nSP-0001,行政审批局\n".repeat(50);
        let mut w = Hashing::new(Short(Vec::new()));
        w.write_all(text.as_bytes()).unwrap();
        let (short, digest) = w.finish();
        assert_eq!(short.0, text.as_bytes());
        assert_eq!(digest.bytes, text.len() as u64);
        assert_eq!(digest.sha256, hex(&Sha256::digest(text.as_bytes())));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.csv");
        std::fs::write(&path, &text).unwrap();
        assert_eq!(FileDigest::of_file(&path).unwrap(), digest);
    }

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
