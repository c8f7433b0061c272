//! The pipeline in one call: find the files, read and decode them, parse them
//! in parallel, build the model, run the checks. Used by the CLI and the tests.

use crate::diagnostics::{self, Code, Diagnostic, Message};
use crate::model::{self, query::Derived, Model};
use crate::source::{FileId, SourceFile, SourceMap, Span};
use crate::syntax::{self, input};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// A problem with the paths themselves (exit code 2), as opposed to a problem
/// with what the files say (a diagnostic, exit code 1).
#[derive(Debug)]
pub enum LoadError {
    /// A path named on the command line does not exist.
    NotFound(PathBuf),
    /// A file or folder could not be read.
    Io(PathBuf, std::io::Error),
    /// The paths named hold no `.policy` file.
    NoPolicyFiles(Vec<PathBuf>),
    /// A path names a FIFO, a device, a socket: something that is not a
    /// regular file and could block or never end.
    NotRegular(PathBuf),
}

impl LoadError {
    /// What went wrong, as a message in the reader's language.
    pub fn message(&self) -> Message {
        let shown = |p: &Path| p.display().to_string();
        match self {
            LoadError::NotFound(p) => Message::PathNotFound { path: shown(p) },
            LoadError::Io(p, e) => Message::CannotRead {
                path: shown(p),
                error: Box::new(crate::diagnostics::io_error(e)),
            },
            LoadError::NoPolicyFiles(ps) => Message::NoPolicyFiles {
                paths: ps.iter().map(|p| shown(p)).collect(),
            },
            LoadError::NotRegular(p) => Message::NotRegularFile { path: shown(p) },
        }
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().render(crate::diagnostics::Lang::En))
    }
}

/// The policy files named by `paths`: folders contribute their `*.policy`
/// files (not those of subfolders), files are taken as they are. Sorted and
/// without repeats, so the order never depends on the listing order; a file
/// named twice by different paths (`set` and `set/a.policy`, `.` and
/// `a.policy`, a symlinked folder) is kept once, under the first of its
/// paths in sorted order. Anything that is not a regular file (a FIFO, a
/// device, a socket), named or found in a folder, is an error: it could block
/// or never end.
pub fn find_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, LoadError> {
    let mut files = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => LoadError::NotFound(path.clone()),
            _ => LoadError::Io(path.clone(), e),
        })?;
        if meta.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|e| LoadError::Io(path.clone(), e))?;
            for entry in entries {
                let entry = entry.map_err(|e| LoadError::Io(path.clone(), e))?;
                let p = entry.path();
                if p.extension().is_none_or(|e| e != "policy") {
                    continue;
                }
                // follows a symlink, like the folder listing a person sees
                let meta = match std::fs::metadata(&p) {
                    Ok(m) => m,
                    // a dangling symlink named *.policy
                    Err(e) => return Err(LoadError::Io(p, e)),
                };
                if meta.is_dir() {
                    continue;
                }
                if !meta.is_file() {
                    return Err(LoadError::NotRegular(p));
                }
                files.push((p, identity(&meta)));
            }
        } else if meta.is_file() {
            files.push((path.clone(), identity(&meta)));
        } else {
            return Err(LoadError::NotRegular(path.clone()));
        }
    }
    files.sort();
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(files.len());
    for (p, id) in files {
        let first = match id {
            Some(id) => seen.insert(id),
            None => seen.insert(FileKey::Path(
                std::fs::canonicalize(&p).unwrap_or_else(|_| p.clone()),
            )),
        };
        if first {
            out.push(p);
        }
    }
    if out.is_empty() {
        return Err(LoadError::NoPolicyFiles(paths.to_vec()));
    }
    Ok(out)
}

/// What makes two paths the same file.
#[derive(PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Clone)]
enum FileKey {
    /// Device and inode (Unix).
    #[allow(dead_code, reason = "built on Unix only")]
    Inode(u64, u64),
    /// The canonical path, elsewhere.
    Path(PathBuf),
}

#[cfg(unix)]
fn identity(meta: &std::fs::Metadata) -> Option<FileKey> {
    use std::os::unix::fs::MetadataExt;
    Some(FileKey::Inode(meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(_meta: &std::fs::Metadata) -> Option<FileKey> {
    None
}

/// Read and decode the files. An unreadable file is an I/O error; a file
/// that is too large or not UTF-8 becomes a diagnostic.
pub fn load(paths: &[PathBuf]) -> Result<(SourceMap, Vec<Diagnostic>), LoadError> {
    let files = find_files(paths)?;
    let read: Vec<Result<(SourceFile, Option<Diagnostic>), LoadError>> = files
        .par_iter()
        .enumerate()
        .map(|(i, path)| read_one(FileId(i as u32), path))
        .collect();
    let mut map = SourceMap::default();
    let mut diags = Vec::new();
    for r in read {
        let (file, diag) = r?;
        map.add(file);
        diags.extend(diag);
    }
    Ok((map, diags))
}

/// Open a file for reading without blocking on a FIFO that took its place
/// since it was listed (O_NONBLOCK on Unix; a regular file ignores it).
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK);
    }
    opts.open(path)
}

/// Read at most `limit + 1` bytes of an open file: the limit holds whatever
/// size the file reports (a file that grows, `/proc` files that report 0).
pub fn read_limited(file: impl std::io::Read, limit: u64) -> std::io::Result<(Vec<u8>, bool)> {
    read_limited_sized(file, limit, 0)
}

/// [`read_limited`] with room made for `expected` bytes (the file's size as
/// listed) at once, rather than growing by doubling.
fn read_limited_sized(
    file: impl std::io::Read,
    limit: u64,
    expected: u64,
) -> std::io::Result<(Vec<u8>, bool)> {
    use std::io::Read;
    let room = expected.min(limit).saturating_add(1);
    let mut bytes = Vec::with_capacity(usize::try_from(room).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    let over = bytes.len() as u64 > limit;
    if over {
        bytes.clear();
        bytes.shrink_to_fit();
    }
    Ok((bytes, over))
}

fn read_one(id: FileId, path: &Path) -> Result<(SourceFile, Option<Diagnostic>), LoadError> {
    let io = |e| LoadError::Io(path.to_path_buf(), e);
    let file = open_nonblocking(path).map_err(io)?;
    // the type of what was opened, not of what was listed
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(LoadError::NotRegular(path.to_path_buf()));
    }
    let (bytes, over) = read_limited_sized(file, input::MAX_FILE_BYTES, meta.len()).map_err(io)?;
    if over {
        let size = meta.len().max(input::MAX_FILE_BYTES + 1);
        let diag = Diagnostic::new(
            Code::E005,
            Message::FileTooLarge {
                size: size.into(),
                limit: (input::MAX_FILE_BYTES).into(),
            },
        )
        .label(Span::new(id, 0, 0), None)
        .help(Message::HelpFileTooLarge);
        return Ok((
            SourceFile::new(path.to_path_buf(), String::new()),
            Some(diag),
        ));
    }
    Ok(match input::decode(id, bytes) {
        Ok(text) => (SourceFile::new(path.to_path_buf(), text), None),
        Err((diag, partial)) => (SourceFile::new(path.to_path_buf(), partial), Some(*diag)),
    })
}

/// Everything one run produces.
#[derive(Debug)]
pub struct Compiled {
    /// The files read, for rendering diagnostics and locating spans.
    pub sources: SourceMap,
    /// The resolved policy set (partial where names did not resolve).
    pub model: Model,
    /// Facts derived from the model, for rules and routing tables.
    pub derived: Derived,
    /// Sorted, deduplicated.
    pub diagnostics: Vec<Diagnostic>,
}

impl Compiled {
    /// Whether any diagnostic is an error (exit code 1; nothing is built).
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Parse, resolve and check loaded sources. `load_diags` are the diagnostics
/// from reading; files that could not be decoded are not parsed.
pub fn compile_sources(sources: SourceMap, load_diags: Vec<Diagnostic>) -> Compiled {
    compile_sources_with(sources, load_diags, Checks::Run)
}

/// Whether a compilation runs the checks after building the model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Checks {
    /// Every check: what `orgc check` and `orgc build` report.
    Run,
    /// None: the model and what parsing and name resolution say about it
    /// (`orgc diff`, which compares models and leaves judging them to
    /// `orgc check`).
    Skip,
}

fn compile_sources_with(
    sources: SourceMap,
    load_diags: Vec<Diagnostic>,
    checks: Checks,
) -> Compiled {
    let broken: Vec<FileId> = load_diags
        .iter()
        .filter_map(|d| d.primary().map(|s| s.file))
        .collect();
    let ids: Vec<FileId> = sources
        .iter()
        .map(|(id, _)| id)
        .filter(|id| !broken.contains(id))
        .collect();
    let t = std::time::Instant::now();
    let mut diagnostics = load_diags;
    let mut broken = Vec::new();
    let mut builder = model::ModelBuilder::new();
    let (items, services, measures) = ids
        .par_iter()
        .filter_map(|id| sources.get(*id).map(|f| mass_lines(&f.text)))
        .reduce(|| (0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2));
    builder.reserve(items, services, measures);
    parse_in_order(&sources, &ids, |p| {
        let (p, prepared) = p;
        builder.declare_file(prepared);
        diagnostics.extend(p.diagnostics);
        broken.extend(p.broken);
    });
    crate::timing::phase("parse", t);
    let t = std::time::Instant::now();
    let (mut model, derived, mut resolve_diags) = builder.finish(&broken);
    model::point_at_invisible(&mut resolve_diags, &sources);
    crate::timing::phase("model", t);
    model.incomplete |= diagnostics.iter().any(Diagnostic::is_error);
    // a bidi control in a quoted name is an E103; no W008 at the same place
    let e103: std::collections::HashSet<_> = resolve_diags
        .iter()
        .filter(|d| d.code == Code::E103)
        .filter_map(|d| d.primary().map(|s| s.key()))
        .collect();
    if !e103.is_empty() {
        diagnostics.retain(|d| {
            d.code != Code::W008 || !d.primary().is_some_and(|s| e103.contains(&s.key()))
        });
    }
    diagnostics.extend(resolve_diags);
    if checks == Checks::Run {
        let t = std::time::Instant::now();
        diagnostics.extend(crate::check::run(&model, &derived));
        crate::timing::phase("checks", t);
    }
    diagnostics::sort(&mut diagnostics);
    Compiled {
        sources,
        model,
        derived,
        diagnostics,
    }
}

/// How many lines start with `item`, `centre_service` and `measure`: room to
/// make in the model at once (a hint, never trusted: a large set's model
/// would otherwise be copied each time it doubles).
fn mass_lines(text: &str) -> (usize, usize, usize) {
    let mut n = (0, 0, 0);
    for b in crate::source::line_heads(text) {
        match b.first() {
            Some(b'i') if b.starts_with(b"item ") => n.0 += 1,
            Some(b'c') if b.starts_with(b"centre_service ") => n.1 += 1,
            Some(b'm') if b.starts_with(b"measure ") => n.2 += 1,
            _ => {}
        }
    }
    n
}

/// Parse the files `ids` on every core and hand each file's result to `each`
/// in file order, as soon as it and every file before it are parsed: the
/// model is declared from one file while the next ones are parsed, and a
/// file's syntax tree lives only until it is declared. Files are handed out
/// in order, so at most a few parsed files wait for an earlier one.
fn parse_in_order(
    sources: &SourceMap,
    ids: &[FileId],
    mut each: impl FnMut((syntax::Parsed, model::Prepared)),
) {
    // each file's declarations go on to the model, prepared on this thread
    let parse = |id: FileId| {
        let mut p = sources
            .get(id)
            .map(|f| syntax::parse_file(id, &f.text))
            .unwrap_or_default();
        let prepared = model::prepare(std::mem::take(&mut p.decls));
        (p, prepared)
    };
    let workers = rayon::current_num_threads().min(ids.len());
    if workers <= 1 {
        ids.iter().for_each(|id| each(parse(*id)));
        return;
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    // a parsed file is handed over, not queued: a worker waits for the
    // declaring thread rather than parsing further ahead, so fewer syntax
    // trees are held at once (at 1M items: peak 0.93x, time 0.9x) and the
    // declaring thread, the slowest step, is not crowded off its core
    let (tx, rx) = std::sync::mpsc::sync_channel(0);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, parse) = (&next, &parse);
            let work = move || loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(id) = ids.get(i) else { break };
                if tx.send((i, parse(*id))).is_err() {
                    break;
                }
            };
            let named = std::thread::Builder::new().name("orgc-parse".into());
            // no thread to be had: the files are parsed below, on this one
            let _no_thread = named.spawn_scoped(scope, work);
        }
        drop(tx);
        // the results in file order: one that comes early waits here
        let mut waiting = std::collections::BTreeMap::new();
        let mut want = 0;
        while want < ids.len() {
            if let Some(p) = waiting.remove(&want) {
                each(p);
                want += 1;
                continue;
            }
            match rx.recv() {
                Ok((i, p)) => {
                    waiting.insert(i, p);
                }
                // no worker left: one could not start, or ended early (a
                // bug, re-raised when the scope joins)
                Err(_) => break,
            }
        }
        for (i, id) in ids.iter().enumerate().skip(want) {
            each(waiting.remove(&i).unwrap_or_else(|| parse(*id)));
        }
    });
}

/// Load and compile the policy set at `paths`.
pub fn compile(paths: &[PathBuf]) -> Result<Compiled, LoadError> {
    compile_with(paths, Checks::Run)
}

/// Load and compile the policy set at `paths`, with or without the checks.
pub fn compile_with(paths: &[PathBuf], checks: Checks) -> Result<Compiled, LoadError> {
    let t = std::time::Instant::now();
    let (sources, diags) = load(paths)?;
    crate::timing::phase("read", t);
    Ok(compile_sources_with(sources, diags, checks))
}

/// Compile one in-memory file (tests, fuzzing).
pub fn compile_str(name: &str, text: &str) -> Compiled {
    compile_bytes(name, text.as_bytes())
}

/// Compile in-memory files given as raw bytes, as if read from disk (tests,
/// fuzzing): decoding problems become diagnostics, as they would for a file.
pub fn compile_bytes(name: &str, bytes: &[u8]) -> Compiled {
    compile_files(&[(name, bytes)])
}

/// Compile several in-memory files, given as (name, bytes), in name order.
pub fn compile_files(files: &[(&str, &[u8])]) -> Compiled {
    compile_files_with(files, Checks::Run)
}

/// Several in-memory files, with or without the checks.
pub fn compile_files_with(files: &[(&str, &[u8])], checks: Checks) -> Compiled {
    let mut sorted: Vec<&(&str, &[u8])> = files.iter().collect();
    sorted.sort_by_key(|(n, _)| *n);
    let mut sources = SourceMap::default();
    let mut diags = Vec::new();
    for (i, (name, bytes)) in sorted.into_iter().enumerate() {
        let id = FileId(i as u32);
        let text = match input::decode(id, bytes.to_vec()) {
            Ok(t) => t,
            Err((d, t)) => {
                diags.push(*d);
                t
            }
        };
        sources.add(SourceFile::new(PathBuf::from(name), text));
    }
    compile_sources_with(sources, diags, checks)
}
