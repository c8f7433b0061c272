//! Snapshots of the human format — miette's graphical report, what people
//! read in a terminal — for a few fixtures of `tests/fixtures/`, in English and
//! in Chinese, without colour, at width 100 and with paths relative to the
//! fixture root.
//!
//! `tests/fixtures.rs` snapshots every fixture in the plain format; these show
//! what the plain format cannot: the snippets, and underlines measured in
//! display width (a Chinese character takes two columns, so its underline is
//! two columns long). When one changes, read the new `.snap` in a monospace
//! view and check every underline still sits under its name.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot read its own fixture should fail loudly"
)]

mod common;

use orgc::diagnostics::render::{render, Format, Options};
use orgc::diagnostics::Lang;
use orgc::Compiled;
use std::path::{Path, PathBuf};

fn fixture_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// `path` relative to the fixture root, with `/` separators.
fn relative(path: &Path) -> String {
    path.strip_prefix(fixture_root())
        .unwrap_or(path)
        .display()
        .to_string()
        .replace('\\', "/")
}

/// The input files of a fixture (a file, or the `.policy` files of a folder).
fn inputs(fixture: &str) -> Vec<PathBuf> {
    common::fixture_files(&fixture_root().join(fixture))
}

/// Compile files given as (name shown, text).
fn compile(files: &[(String, String)]) -> Compiled {
    let files: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_bytes()))
        .collect();
    orgc::compile_files(&files)
}

fn human(c: &Compiled, lang: Lang) -> String {
    render(
        &c.diagnostics,
        &c.sources,
        Options {
            lang,
            format: Format::Human,
            color: false,
            width: 100,
        },
    )
}

/// The input, then the report in English and in Chinese.
fn check(name: &str, files: &[(String, String)], code: &str) {
    let c = compile(files);
    assert!(
        c.diagnostics.iter().any(|d| d.code.as_str() == code),
        "{name} should raise {code}"
    );
    let mut snapshot = String::new();
    for (n, text) in files {
        snapshot.push_str(&format!("=== {n}\n{text}"));
        if !text.ends_with('\n') {
            snapshot.push('\n');
        }
    }
    let en = human(&c, Lang::En);
    let zh = human(&c, Lang::Zh);
    assert!(
        !en.contains('\u{1B}') && !zh.contains('\u{1B}'),
        "no colour"
    );
    snapshot.push_str(&format!("\n--- human (en)\n{en}\n--- human (zh)\n{zh}"));
    insta::with_settings!({ omit_expression => true }, {
        insta::assert_snapshot!(name, snapshot);
    });
}

/// A fixture's files as they are, named relative to the fixture root.
fn fixture(fixture: &str) -> Vec<(String, String)> {
    inputs(fixture)
        .into_iter()
        .map(|p| (relative(&p), std::fs::read_to_string(&p).unwrap()))
        .collect()
}

#[test]
fn syntax_error_with_a_full_width_colon() {
    check(
        "e002_fullwidth_colon",
        &fixture("E002/err_fullwidth_colon.policy"),
        "E002",
    );
}

#[test]
fn syntax_error_with_a_full_width_comma() {
    check(
        "e002_fullwidth_comma",
        &fixture("E002/err_fullwidth_comma.policy"),
        "E002",
    );
}

/// The second file's place is a related report of its own, with its own
/// snippet of the other file.
#[test]
fn department_declared_in_two_files() {
    check(
        "e101_department_across_files",
        &fixture("E101/err_department_across_files"),
        "E101",
    );
}

/// Two owners in one file: both labels, both Chinese names underlined.
#[test]
fn item_with_two_owners_in_one_file() {
    check(
        "e201_two_owners",
        &fixture("E201/err_same_matter_two_owners.policy"),
        "E201",
    );
}

/// The same E201 fixture cut in two files after its fourth line (the first
/// owner's item in one file, the second's in the other): the conflict across
/// files. There is no two-file E201 fixture, so the cut is made here.
#[test]
fn item_with_two_owners_in_two_files() {
    let [(name, text)] = &fixture("E201/err_same_matter_two_owners.policy")[..] else {
        panic!("one file");
    };
    let cut = text.match_indices('\n').nth(3).unwrap().0 + 1;
    let stem = name.trim_end_matches(".policy");
    let files = [
        (format!("{stem}/a.policy"), text[..cut].to_string()),
        (format!("{stem}/b.policy"), text[cut..].to_string()),
    ];
    check("e201_two_owners_across_files", &files, "E201");
}

#[test]
fn rule_broken_by_an_item() {
    check(
        "r001_approval_outside_bureau",
        &fixture("R001/err_approval_outside_bureau.policy"),
        "R001",
    );
}

/// A Chinese name underlined after a line of Chinese text: the underline
/// starts and ends in display columns, two per character.
#[test]
fn unknown_chinese_name_is_underlined_in_display_width() {
    check(
        "e102_unknown_module",
        &fixture("E102/err_unknown_module.policy"),
        "E102",
    );
}
