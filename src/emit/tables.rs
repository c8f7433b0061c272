//! The routing tables as files: `routes.json`, one CSV per table, and
//! `routes.sqlite`. CSV and SQLite are flattened from the same typed records
//! as the JSON (`cells`), so the three cannot disagree: scalar fields become
//! columns, lists of names become `;`-joined text in CSV and JSON text in
//! SQLite, nested records (a department's modules) become JSON text.

use super::cells::{tables, Cell, Table};
use super::routes::{Routes, SCHEMA};
use super::temp_path;
use std::borrow::Cow;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The columns indexed in SQLite, per table (`a, b` is one index on two columns).
const INDEXES: &[(&str, &[&str])] = &[
    ("departments", &["name"]),
    ("items", &["id", "name", "department"]),
    (
        "upstream_offices",
        &["bureau, office", "office", "department"],
    ),
    ("transfers", &["id", "function"]),
    ("agencies", &["name"]),
    ("devolutions", &["id"]),
    ("communities", &["code", "name"]),
    ("central_communities", &["name"]),
    ("joint_cases", &["name"]),
    ("tiers", &["name"]),
    ("events", &["name"]),
    (
        "dispatch",
        &["event, community_code", "community", "handler"],
    ),
    ("service_centres", &["name"]),
    ("centre_services", &["id", "item", "owner"]),
    ("measures", &["id"]),
    ("staffing", &["department"]),
];

/// What to write.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Put a UTF-8 byte-order mark at the start of every CSV file, which Excel
    /// and WPS need to read Chinese text.
    pub excel_bom: bool,
}

fn csv_cell<'c>(c: &'c Cell<'_>) -> Cow<'c, str> {
    match c {
        Cell::Null => Cow::Borrowed(""),
        Cell::Text(s) => Cow::Borrowed(s),
        Cell::Int(n) => Cow::Owned(n.to_string()),
        Cell::Bool(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
        Cell::List(l) => Cow::Owned(l.join(";")),
        Cell::Json(j) => Cow::Borrowed(j),
    }
}

/// `routes.json`: the whole document, in memory (see [`write_json`] for the file).
pub fn json(routes: &Routes) -> Vec<u8> {
    let mut out = Vec::new();
    if write_json(routes, &mut out).is_err() {
        out = b"{}\n".to_vec();
    }
    out
}

/// `routes.json` written as it is serialised, without the whole document in memory.
pub fn write_json(routes: &Routes, w: &mut impl Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, routes)?;
    w.write_all(b"\n")
}

/// One CSV table, written row by row.
pub fn write_csv(t: &Table<'_>, opts: Options, w: &mut impl Write) -> Result<(), csv::Error> {
    if opts.excel_bom {
        w.write_all(b"\xEF\xBB\xBF")?;
    }
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(w);
    w.write_record(t.columns)?;
    for row in t.rows() {
        for c in &row {
            w.write_field(csv_cell(c).as_bytes())?;
        }
        w.write_record(std::iter::empty::<&[u8]>())?;
    }
    w.flush()?;
    Ok(())
}

/// One CSV file per table, in memory.
pub fn csv_files(
    tables: &[Table<'_>],
    opts: Options,
) -> Result<Vec<(String, Vec<u8>)>, csv::Error> {
    let mut out = Vec::new();
    for t in tables {
        let mut buf = Vec::new();
        write_csv(t, opts, &mut buf)?;
        out.push((format!("{}.csv", t.name), buf));
    }
    Ok(out)
}

fn sql_value<'c>(c: &'c Cell<'_>) -> rusqlite::types::ToSqlOutput<'c> {
    use rusqlite::types::{ToSqlOutput, Value as S, ValueRef};
    match c {
        Cell::Null => ToSqlOutput::Borrowed(ValueRef::Null),
        Cell::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
        Cell::Int(n) => ToSqlOutput::Owned(S::Integer(*n)),
        Cell::Bool(b) => ToSqlOutput::Owned(S::Integer(i64::from(*b))),
        Cell::List(l) => ToSqlOutput::Owned(S::Text(serde_json::to_string(l).unwrap_or_default())),
        Cell::Json(j) => ToSqlOutput::Borrowed(ValueRef::Text(j.as_bytes())),
    }
}

struct SqlCell<'c, 'a>(&'c Cell<'a>);

impl rusqlite::ToSql for SqlCell<'_, '_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(sql_value(self.0))
    }
}

fn quote(ident: &str) -> String {
    format!("\"{}\"", ident.replace('"', "\"\""))
}

/// `routes.sqlite`, written to a temporary file beside `path` (synced), and
/// its size and digest (read back: SQLite writes the file); the caller
/// renames it into place.
fn sqlite(
    tables: &[Table<'_>],
    digest: &str,
    path: &Path,
) -> Result<(super::TempFile, super::FileDigest), rusqlite::Error> {
    let guard = super::TempFile::new(temp_path(path));
    let tmp = guard.path().to_path_buf();
    let _ = std::fs::remove_file(&tmp);
    let result = (|| {
        let mut db = rusqlite::Connection::open(&tmp)?;
        // 16 KiB pages rather than 4: at a million items the rows and indexes
        // load in about 0.8 of the time (docs/performance.md, sixth round)
        db.execute_batch(
            "PRAGMA page_size = 16384; PRAGMA journal_mode = OFF; PRAGMA synchronous = FULL;",
        )?;
        let tx = db.transaction()?;
        tx.execute(
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            [],
        )?;
        for (k, v) in [
            ("schema", SCHEMA),
            ("digest", digest),
            ("orgc_version", env!("CARGO_PKG_VERSION")),
        ] {
            tx.execute("INSERT INTO meta (key, value) VALUES (?1, ?2)", [k, v])?;
        }
        let (mut loading, mut indexing) = (Duration::ZERO, Duration::ZERO);
        for t in tables {
            let started = Instant::now();
            let decl: Vec<String> = t.columns.iter().map(|c| quote(c)).collect();
            tx.execute(
                &format!("CREATE TABLE {} ({})", quote(t.name), decl.join(", ")),
                [],
            )?;
            let marks: Vec<String> = (1..=t.columns.len()).map(|i| format!("?{i}")).collect();
            let mut insert = tx.prepare(&format!(
                "INSERT INTO {} VALUES ({})",
                quote(t.name),
                marks.join(", ")
            ))?;
            for row in t.rows() {
                insert.execute(rusqlite::params_from_iter(row.iter().map(SqlCell)))?;
            }
            drop(insert);
            loading += started.elapsed();
            let started = Instant::now();
            let indexed = INDEXES
                .iter()
                .find(|(n, _)| *n == t.name)
                .map(|(_, i)| *i)
                .unwrap_or(&[]);
            for (i, cols) in indexed.iter().enumerate() {
                let list: Vec<String> = cols.split(',').map(|c| quote(c.trim())).collect();
                tx.execute(
                    &format!(
                        "CREATE INDEX {} ON {} ({})",
                        quote(&format!("{}_{i}", t.name)),
                        quote(t.name),
                        list.join(", ")
                    ),
                    [],
                )?;
            }
            indexing += started.elapsed();
        }
        crate::timing::report("sqlite-rows", loading);
        crate::timing::report("sqlite-indexes", indexing);
        let started = Instant::now();
        tx.commit()?;
        db.close().map_err(|(_, e)| e)?;
        let synced = std::fs::File::open(&tmp)
            .and_then(|f| f.sync_all())
            .and_then(|()| super::FileDigest::of_file(&tmp))
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)));
        crate::timing::phase("sqlite-commit", started);
        synced
    })();
    // dropping the guard on failure removes the temporary file
    let file_digest = result?;
    Ok((guard, file_digest))
}

/// A failure while writing outputs.
#[derive(Debug)]
pub struct WriteError(
    pub PathBuf,
    pub String,
    /// The kind of I/O error, when the cause is one (for the message in words).
    pub Option<std::io::ErrorKind>,
    /// The OS's error number, when it gave one.
    pub Option<i32>,
);

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot write `{}`: {}", self.0.display(), self.1)
    }
}

/// Write every form of the routing tables into `dir` (created if needed).
/// Returns the files written, in order.
pub fn write_all(
    routes: &Routes,
    digest: &str,
    dir: &Path,
    opts: Options,
) -> Result<Vec<PathBuf>, WriteError> {
    begin(dir)?;
    stage(routes, digest, dir, opts)?.finish(Vec::new())
}

/// Before any file of a build is staged in `dir`: create the folder, sweep
/// the temporary files that dead runs left there and remove the old manifest
/// ([`super::begin_outputs`]).
pub fn begin(dir: &Path) -> Result<(), WriteError> {
    std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
    super::begin_outputs(dir).map_err(|e| other_error(&dir.join(super::MANIFEST), &e))
}

/// Stage one made file, `name` in `dir`, to its temporary name there (synced);
/// [`Staged::finish`] renames it into place. `dir` has been [`begin`]-ed.
pub fn stage_file(dir: &Path, name: &str, bytes: &[u8]) -> Result<StagedFile, WriteError> {
    stage_with(dir.join(name), &mut |w| w.write_all(bytes))
}

/// Stage the file at `p` with what `write` writes; see [`stream_to_temp`].
fn stage_with(
    p: PathBuf,
    write: &mut dyn FnMut(&mut Out) -> std::io::Result<()>,
) -> Result<StagedFile, WriteError> {
    let (tmp, digest) = stream_to_temp(&p, write).map_err(|e| io_error(&p, e))?;
    Ok((tmp, p, digest))
}

/// The routing tables written to their temporary files, none of them yet in
/// place: [`Staged::finish`] renames them all, with the files for people
/// staged beside them ([`stage_file`]).
pub struct Staged {
    dir: PathBuf,
    digest: String,
    sqlite: StagedFile,
    csv: Vec<StagedFile>,
    json: StagedFile,
}

/// A file written to its temporary name: the name, where it goes, and its
/// size and digest for the manifest.
pub type StagedFile = (super::TempFile, PathBuf, super::FileDigest);

fn io_error(p: &Path, e: std::io::Error) -> WriteError {
    WriteError(
        p.to_path_buf(),
        e.to_string(),
        Some(e.kind()),
        e.raw_os_error(),
    )
}

fn other_error(p: &Path, e: &dyn std::fmt::Display) -> WriteError {
    WriteError(p.to_path_buf(), e.to_string(), None, None)
}

/// Write every form of the routing tables into `dir` (which [`begin`] has
/// prepared) as temporary files, so that the files for people can be made
/// meanwhile.
///
/// Each file is streamed to its temporary file (no whole document in memory);
/// the SQLite database is loaded on one thread while the CSV files and the
/// JSON are written on another.
pub fn stage(
    routes: &Routes,
    digest: &str,
    dir: &Path,
    opts: Options,
) -> Result<Staged, WriteError> {
    let t = std::time::Instant::now();
    let tables = tables(routes);
    crate::timing::phase("tables", t);
    let sqlite_path = dir.join("routes.sqlite");
    let (db, files) = super::side_by_side(
        || {
            let t = std::time::Instant::now();
            let db = sqlite(&tables, digest, &sqlite_path)
                .map(|(tmp, file_digest)| (tmp, sqlite_path.clone(), file_digest))
                .map_err(|e| other_error(&sqlite_path, &e));
            crate::timing::phase("sqlite", t);
            db
        },
        || {
            let t = std::time::Instant::now();
            let csv = tables
                .iter()
                .map(|t| {
                    stage_with(dir.join(format!("{}.csv", t.name)), &mut |w| {
                        write_csv(t, opts, w).map_err(std::io::Error::other)
                    })
                })
                .collect::<Result<Vec<_>, _>>();
            let json = csv.and_then(|csv| {
                let json = stage_with(dir.join("routes.json"), &mut |w| write_json(routes, w))?;
                Ok((csv, json))
            });
            crate::timing::phase("csv+json", t);
            json
        },
    );
    let sqlite = db?;
    let (csv, json) = files?;
    Ok(Staged {
        dir: dir.to_path_buf(),
        digest: digest.to_string(),
        sqlite,
        csv,
        json,
    })
}

impl Staged {
    /// Rename every file into place, the files for people (`routes.xlsx`,
    /// `lookup.html`, staged with [`stage_file`]) among them: the SQLite
    /// database, the CSV files, the files for people, `routes.json` (so that
    /// a new `routes.json` still means every file of the run is in place) and
    /// the manifest. Returns the files written, in that order.
    pub fn finish(self, people: Vec<StagedFile>) -> Result<Vec<PathBuf>, WriteError> {
        // a temporary file not renamed (a rename failed before it) is removed
        // when its guard is dropped
        let mut written = Vec::new();
        let in_order = std::iter::once(self.sqlite)
            .chain(self.csv)
            .chain(people)
            .chain(std::iter::once(self.json));
        for (tmp, p, digest) in in_order {
            tmp.rename_to(&p).map_err(|e| io_error(&p, e))?;
            written.push((p, digest));
        }
        let manifest = super::finish_outputs(&self.dir, &written, &self.digest)
            .map_err(|e| other_error(&self.dir.join(super::MANIFEST), &e))?;
        let mut written: Vec<PathBuf> = written.into_iter().map(|(p, _)| p).collect();
        written.push(manifest);
        Ok(written)
    }
}

/// Write a file's contents to its temporary name beside `path` (through a
/// buffer, synced to disk) and return that name; nothing is left behind on
/// failure (nor on SIGTERM/SIGINT: the guard is known to the signal
/// handler). The caller renames it into place.
fn stream_to_temp(
    path: &Path,
    write: &mut dyn FnMut(&mut Out) -> std::io::Result<()>,
) -> std::io::Result<(super::TempFile, super::FileDigest)> {
    let tmp = super::TempFile::new(temp_path(path));
    let file = super::Hashing::new(std::fs::File::create(tmp.path())?);
    let mut w = BufWriter::with_capacity(1 << 20, file);
    write(&mut w)?;
    let (f, digest) = w.into_inner().map_err(|e| e.into_error())?.finish();
    f.sync_all()?;
    Ok((tmp, digest))
}

/// Where a file's contents go: through a buffer and a digest to the file.
type Out = BufWriter<super::Hashing<std::fs::File>>;
