//! One folder per diagnostic code under `tests/fixtures/CODE/`, each holding
//! `ok_*.policy` (must check clean: no diagnostic at all) and `err_*.policy`
//! (must raise CODE). A fixture may also be a folder `ok_*/` or `err_*/` of
//! several files, for diagnostics that span files.
//!
//! Each fixture's snapshot shows the input, then the rendered diagnostics
//! (plain format, English, then the Chinese messages), so a reviewer reads the
//! two side by side. Adding a fixture: drop the file in, run
//! `cargo insta test --review` (or `INSTA_UPDATE=always cargo test` and read
//! the `.snap` files), and check the snapshot says what you expect.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot read its own fixture should fail loudly"
)]

mod common;

use orgc::diagnostics::render::{render, Format, Options};
use orgc::diagnostics::{Lang, CODES};
use std::path::{Path, PathBuf};

fn fixture_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn fixtures() -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let Ok(codes) = std::fs::read_dir(fixture_root()) else {
        return out;
    };
    for code in codes.flatten() {
        let code_name = code.file_name().to_string_lossy().to_string();
        let Ok(entries) = std::fs::read_dir(code.path()) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            if (name.starts_with("ok_") || name.starts_with("err_"))
                && (name.ends_with(".policy") || e.path().is_dir())
            {
                out.push((code_name.clone(), e.path()));
            }
        }
    }
    out.sort();
    out
}

/// The fixture's input, file by file, with paths relative to the fixture root.
fn show_input(path: &Path) -> String {
    let mut s = String::new();
    for f in common::fixture_files(path) {
        let rel = f
            .strip_prefix(fixture_root())
            .unwrap()
            .display()
            .to_string()
            .replace('\\', "/");
        s.push_str(&format!("=== {rel}\n"));
        // control characters (a UTF-16 file's NULs) are shown escaped, so that
        // the snapshot stays text
        for c in String::from_utf8_lossy(&std::fs::read(&f).unwrap()).chars() {
            match c {
                '\n' | '\t' => s.push(c),
                c if c.is_control() => s.push_str(&format!("\\u{{{:02X}}}", c as u32)),
                c => s.push(c),
            }
        }
        if !s.ends_with('\n') {
            s.push('\n');
        }
    }
    s
}

fn relative(text: &str) -> String {
    let root = fixture_root().display().to_string().replace('\\', "/");
    text.replace(&format!("{root}/"), "")
}

#[test]
fn every_fixture_matches_its_snapshot() {
    let all = fixtures();
    assert!(!all.is_empty(), "no fixtures found under tests/fixtures");
    for (code, path) in all {
        let mut compiled = orgc::compile(std::slice::from_ref(&path)).expect("fixture loads");
        // T-codes come from `orgc test`: run the expectations as well
        if code.starts_with('T') && !compiled.has_errors() {
            let outcome = orgc::expect::run(&compiled.model, &compiled.derived);
            compiled.diagnostics.extend(outcome.failures);
        }
        let name = path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .trim_end_matches(".policy")
            .to_string();
        let codes: Vec<&str> = compiled
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect();
        if name.starts_with("ok_") {
            assert!(
                codes.is_empty(),
                "{code}/{name} should check clean, got {codes:?}"
            );
        } else {
            assert!(
                codes.contains(&code.as_str()),
                "{code}/{name} should raise {code}, got {codes:?}"
            );
        }
        let opts = |lang| Options {
            lang,
            format: Format::Plain,
            color: false,
            width: 100,
        };
        let en = relative(&render(
            &compiled.diagnostics,
            &compiled.sources,
            opts(Lang::En),
        ));
        let zh = relative(&render(
            &compiled.diagnostics,
            &compiled.sources,
            opts(Lang::Zh),
        ));
        let snapshot = format!(
            "{}\n--- diagnostics (en)\n{en}\n--- diagnostics (zh)\n{zh}",
            show_input(&path)
        );
        insta::with_settings!({ snapshot_path => fixture_root().join(&code), prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(name, snapshot);
        });
    }
}

/// Codes whose `err_` case cannot be a committed file, and the test that
/// generates it instead.
const GENERATED_ERR: &[(&str, &str)] = &[
    (
        "E005",
        "tests/inputs.rs: file_over_the_size_limit_is_refused",
    ),
    (
        "E000",
        "src/syntax/lower/mod.rs: an_unexpected_pair_is_an_internal_error",
    ),
];

#[test]
fn every_code_has_an_ok_and_an_err_fixture() {
    let all = fixtures();
    let mut missing = Vec::new();
    for info in CODES {
        let code = info.code.as_str();
        for prefix in ["ok_", "err_"] {
            if prefix == "err_" && GENERATED_ERR.iter().any(|(c, _)| *c == code) {
                continue;
            }
            let has = all.iter().any(|(c, p)| {
                c == code && p.file_name().unwrap().to_string_lossy().starts_with(prefix)
            });
            if !has {
                missing.push(format!("{code}/{prefix}*"));
            }
        }
    }
    assert!(missing.is_empty(), "fixtures missing: {missing:?}");
}
