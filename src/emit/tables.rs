//! The routing tables as files: `routes.json`, one CSV per table, and
//! `routes.sqlite`. CSV and SQLite are flattened from the same serialised
//! tables as the JSON, so the three can never disagree: scalar fields become
//! columns, lists of names become `;`-joined text in CSV and JSON text in
//! SQLite, nested records (a department's modules) become JSON text.

use super::routes::{Routes, SCHEMA};
use super::{temp_path, write_atomic};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The tables, in the order they are written, with the columns indexed in SQLite.
pub const TABLES: &[(&str, &[&str])] = &[
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
];

/// What to write.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Put a UTF-8 byte-order mark at the start of every CSV file, which Excel
    /// and WPS need to read Chinese text.
    pub excel_bom: bool,
}

fn rows<'a>(doc: &'a Value, table: &str) -> Vec<&'a serde_json::Map<String, Value>> {
    doc.get(table)
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_object).collect())
        .unwrap_or_default()
}

fn columns(doc: &Value, table: &str) -> Vec<String> {
    rows(doc, table)
        .first()
        .map(|r| r.keys().cloned().collect())
        .unwrap_or_default()
}

/// Is this a list of plain strings?
fn string_list(v: &Value) -> Option<Vec<&str>> {
    v.as_array()?.iter().map(Value::as_str).collect()
}

fn csv_cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        other => match string_list(other) {
            Some(list) => list.join(";"),
            None => other.to_string(),
        },
    }
}

/// `routes.json`: the whole document.
pub fn json(routes: &Routes) -> Vec<u8> {
    let mut s = serde_json::to_string_pretty(routes).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s.into_bytes()
}

/// One CSV file per table.
pub fn csv_files(doc: &Value, opts: Options) -> Result<Vec<(String, Vec<u8>)>, csv::Error> {
    let mut out = Vec::new();
    for (table, _) in TABLES {
        let cols = columns(doc, table);
        let mut buf = Vec::new();
        if opts.excel_bom {
            buf.extend_from_slice(b"\xEF\xBB\xBF");
        }
        {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(&mut buf);
            if !cols.is_empty() {
                w.write_record(&cols)?;
            }
            for row in rows(doc, table) {
                w.write_record(
                    cols.iter()
                        .map(|c| csv_cell(row.get(c).unwrap_or(&Value::Null))),
                )?;
            }
            w.flush()?;
        }
        out.push((format!("{table}.csv"), buf));
    }
    Ok(out)
}

fn sql_value(v: &Value) -> rusqlite::types::Value {
    use rusqlite::types::Value as S;
    match v {
        Value::Null => S::Null,
        Value::Bool(b) => S::Integer(i64::from(*b)),
        Value::Number(n) => n
            .as_i64()
            .map(S::Integer)
            .unwrap_or_else(|| S::Text(n.to_string())),
        Value::String(s) => S::Text(s.clone()),
        other => S::Text(other.to_string()),
    }
}

fn quote(ident: &str) -> String {
    format!("\"{}\"", ident.replace('"', "\"\""))
}

/// `routes.sqlite`, written to a temporary file and renamed into place.
pub fn sqlite(doc: &Value, digest: &str, path: &Path) -> Result<(), rusqlite::Error> {
    let tmp = temp_path(path);
    let _ = std::fs::remove_file(&tmp);
    let result = (|| {
        let mut db = rusqlite::Connection::open(&tmp)?;
        db.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = FULL;")?;
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
        for (table, indexed) in TABLES {
            let cols = columns(doc, table);
            if cols.is_empty() {
                tx.execute(
                    &format!("CREATE TABLE {} (empty INTEGER)", quote(table)),
                    [],
                )?;
                continue;
            }
            let decl: Vec<String> = cols.iter().map(|c| quote(c)).collect();
            tx.execute(
                &format!("CREATE TABLE {} ({})", quote(table), decl.join(", ")),
                [],
            )?;
            let marks: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
            let mut insert = tx.prepare(&format!(
                "INSERT INTO {} VALUES ({})",
                quote(table),
                marks.join(", ")
            ))?;
            for row in rows(doc, table) {
                let values: Vec<rusqlite::types::Value> = cols
                    .iter()
                    .map(|c| sql_value(row.get(c).unwrap_or(&Value::Null)))
                    .collect();
                insert.execute(rusqlite::params_from_iter(values))?;
            }
            drop(insert);
            for (i, cols) in indexed.iter().enumerate() {
                let list: Vec<String> = cols.split(',').map(|c| quote(c.trim())).collect();
                tx.execute(
                    &format!(
                        "CREATE INDEX {} ON {} ({})",
                        quote(&format!("{table}_{i}")),
                        quote(table),
                        list.join(", ")
                    ),
                    [],
                )?;
            }
        }
        tx.commit()?;
        db.close().map_err(|(_, e)| e)?;
        std::fs::File::open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        std::fs::rename(&tmp, path)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// A failure while writing outputs.
#[derive(Debug)]
pub struct WriteError(pub PathBuf, pub String);

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
    let err = |p: &Path, e: &dyn std::fmt::Display| WriteError(p.to_path_buf(), e.to_string());
    std::fs::create_dir_all(dir).map_err(|e| err(dir, &e))?;
    let doc = serde_json::to_value(routes).map_err(|e| err(dir, &e))?;
    // everything is rendered before anything is written
    let json = json(routes);
    let csvs = csv_files(&doc, opts).map_err(|e| err(dir, &e))?;
    let mut written = Vec::new();
    let sqlite_path = dir.join("routes.sqlite");
    sqlite(&doc, digest, &sqlite_path).map_err(|e| err(&sqlite_path, &e))?;
    written.push(sqlite_path);
    for (name, bytes) in csvs {
        let p = dir.join(name);
        write_atomic(&p, &bytes).map_err(|e| err(&p, &e))?;
        written.push(p);
    }
    let p = dir.join("routes.json");
    write_atomic(&p, &json).map_err(|e| err(&p, &e))?;
    written.push(p);
    Ok(written)
}
