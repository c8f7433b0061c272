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
    human_at(c, lang, 100)
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

/// Every fixture with a help or a related place, rendered in Chinese: no
/// English label (`help:`, `Advice:`, `see also:`) anywhere; in English,
/// the English labels and no Chinese ones.
#[test]
fn one_language_in_the_labels() {
    let mut saw_related = false;
    for f in [
        "E101/err_department_across_files",
        "E201/err_same_matter_two_owners.policy",
        "E102/err_unknown_module.policy",
    ] {
        let c = compile(&fixture(f));
        let zh = human(&c, Lang::Zh);
        let en = human(&c, Lang::En);
        for word in ["help", "Advice", "see also", "Error:", "Warning:"] {
            assert!(!zh.contains(word), "{f}: `{word}` in\n{zh}");
        }
        assert!(zh.contains("  提示："), "{f}:\n{zh}");
        assert!(en.contains("  help: "), "{f}:\n{en}");
        assert!(!en.contains("提示") && !en.contains("另见"), "{f}:\n{en}");
        if zh.contains("\n另见：\n") {
            assert!(en.contains("\nsee also:\n"), "{f}:\n{en}");
            saw_related = true;
        }
    }
    assert!(saw_related, "a fixture with a related place");
}

fn human_at(c: &Compiled, lang: Lang, width: usize) -> String {
    render(
        &c.diagnostics,
        &c.sources,
        Options {
            lang,
            format: Format::Human,
            color: false,
            width,
        },
    )
}

/// Wrapping follows the width asked for, and never cuts a backticked name:
/// every backtick of a wrapped line is closed on the same line.
#[test]
fn wrapping_follows_the_width_and_keeps_names_whole() {
    let c = compile(&fixture("E201/err_same_matter_two_owners.policy"));
    for lang in [Lang::Zh, Lang::En] {
        let mut widths = Vec::new();
        for width in [40, 60, 80, 120] {
            let out = human_at(&c, lang, width);
            let message: Vec<&str> = out
                .lines()
                .skip_while(|l| !l.contains("[E201]"))
                .take_while(|l| l.starts_with("  × ") || l.starts_with("  │ "))
                .collect();
            assert!(!message.is_empty(), "{out}");
            for line in &message {
                assert_eq!(line.matches('`').count() % 2, 0, "cut in a name: {line:?}");
            }
            for name in ["`建设工程规划许可`", "`行政审批局.规划建设审批`"] {
                assert!(out.contains(name), "{name} whole at {width}:\n{out}");
            }
            widths.push(message.len());
        }
        // narrower terminals, more lines
        assert!(widths.windows(2).all(|w| w[0] >= w[1]), "{widths:?}");
        assert!(widths[0] > widths[3], "{widths:?}");
        // width 0: not wrapped at all
        let flat = human_at(&c, lang, 0);
        assert!(
            flat.lines().any(|l| l.starts_with("  × [E201]")
                && l.contains("`行政审批局.规划建设审批`")
                && l.contains("`自然资源与规划建设局.规划管理`")),
            "{flat}"
        );
    }
}
