//! End-to-end runs of the real binary: exit codes, formats, languages.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot set up its files should fail loudly"
)]

mod common;

use common::{orgc, text};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn scratch(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in files {
        std::fs::write(dir.path().join(name), content).unwrap();
    }
    dir
}

const BROKEN: &str = "department 行政审批局 : government { module 审批一 }\n\
item SP-0001 \"建设工程规划许可\" : approval owner 行政审批厅.审批一\n\
item SP-0002 \"施工许可\" : aproval owner 行政审批局.审批一 statutory 20\n\
department 行政审批局 : government { }\n";

#[test]
fn clean_set_exits_0_and_broken_set_exits_1() {
    let ok = scratch(&[(
        "a.policy",
        "department 行政审批局 : government { module 审批一 }\n".as_bytes(),
    )]);
    let o = orgc(&["check", ok.path().to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("ok: 1 files"));
    let bad = scratch(&[("a.policy", BROKEN.as_bytes())]);
    let o = orgc(&["check", bad.path().to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    let err = text(&o.stderr);
    assert!(err.contains("did you mean `行政审批局`?"), "{err}");
    assert!(err.contains("3 error(s)"), "{err}");
}

#[test]
fn usage_and_io_problems_exit_2() {
    assert_eq!(code(&orgc(&["check", "/no/such/folder"])), 2);
    let empty = tempfile::tempdir().unwrap();
    let o = orgc(&["check", empty.path().to_str().unwrap()]);
    assert_eq!(code(&o), 2);
    assert!(text(&o.stderr).contains("no .policy files"));
    assert_eq!(code(&orgc(&["check", "--format", "yaml", "."])), 2);
    assert_eq!(code(&orgc(&["frobnicate"])), 2);
    // a symlink loop cannot be read: an I/O problem, not a policy problem
    #[cfg(unix)]
    {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("loop.policy");
        std::os::unix::fs::symlink(&link, &link).unwrap();
        let o = orgc(&["check", dir.path().to_str().unwrap()]);
        assert_eq!(code(&o), 2, "{}", text(&o.stderr));
    }
}

#[test]
fn json_lists_every_error_with_character_columns_and_zh_differs_only_in_text() {
    let bad = scratch(&[("a.policy", BROKEN.as_bytes())]);
    let path = bad.path().to_str().unwrap();
    let en = orgc(&["check", "--format", "json", "--lang", "en", path]);
    let zh = orgc(&["check", "--format", "json", "--lang", "zh", path]);
    assert_eq!(code(&en), 1);
    let mut en: serde_json::Value = serde_json::from_slice(&en.stdout).unwrap();
    let mut zh: serde_json::Value = serde_json::from_slice(&zh.stdout).unwrap();
    let diags = en["diagnostics"].as_array().unwrap();
    let codes: Vec<&str> = diags.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["E102", "E102", "E101"]);
    // `行政审批厅` starts at character 42 of line 2 (byte 58)
    assert_eq!(
        (diags[0]["line"].as_u64(), diags[0]["column"].as_u64()),
        (Some(2), Some(42))
    );
    assert_eq!(diags[2]["labels"].as_array().unwrap().len(), 2);
    assert_ne!(en, zh);
    for doc in [&mut en, &mut zh] {
        for d in doc["diagnostics"].as_array_mut().unwrap() {
            d["message"] = serde_json::Value::Null;
            d["help"] = serde_json::Value::Null;
            for l in d["labels"].as_array_mut().unwrap() {
                l["message"] = serde_json::Value::Null;
            }
        }
    }
    assert_eq!(en, zh, "zh and en runs differ in more than text");
}

#[test]
fn language_follows_lang_unless_given() {
    let bad = scratch(&[("a.policy", BROKEN.as_bytes())]);
    let path = bad.path().to_str().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_orgc"))
        .args(["check", path])
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap();
    assert!(
        text(&o.stderr).contains("找不到部门"),
        "{}",
        text(&o.stderr)
    );
    let o = Command::new(env!("CARGO_BIN_EXE_orgc"))
        .args(["check", "--lang", "en", path])
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap();
    assert!(text(&o.stderr).contains("unknown department"));
}

#[test]
fn explain_every_code_in_both_languages() {
    for info in orgc::diagnostics::CODES {
        for lang in ["zh", "en"] {
            let o = orgc(&["explain", info.code.as_str(), "--lang", lang]);
            assert_eq!(code(&o), 0);
            assert!(text(&o.stdout).starts_with(&format!("# {}", info.code.as_str())));
        }
    }
    let o = orgc(&["explain", "E2O1"]);
    assert_eq!(code(&o), 2);
    assert!(
        text(&o.stderr).contains("did you mean `E201`"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn a_bug_exits_101_with_a_plain_message() {
    let o = orgc(&["__internal-panic"]);
    assert_eq!(code(&o), 101);
    assert!(text(&o.stderr).contains("this is a bug in orgc"));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let o = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' codes | head -c 1 >/dev/null",
            env!("CARGO_BIN_EXE_orgc")
        ))
        .output()
        .unwrap();
    assert!(o.stderr.is_empty(), "{}", text(&o.stderr));
}

fn sets_under(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir() && !p.ends_with("errors"))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

#[test]
fn every_example_and_policy_set_checks_clean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sets: Vec<PathBuf> = sets_under(&root.join("examples"))
        .into_iter()
        .chain(sets_under(&root.join("policies")))
        .collect();
    assert!(!sets.is_empty());
    for set in sets {
        let o = orgc(&[
            "check",
            "--deny-warnings",
            "--format",
            "plain",
            set.to_str().unwrap(),
        ]);
        assert_eq!(code(&o), 0, "{}: {}", set.display(), text(&o.stderr));
    }
}

#[test]
fn every_error_example_exits_1_with_its_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/errors");
    let sets = sets_under(&root);
    assert!(!sets.is_empty());
    for set in sets {
        let readme = std::fs::read_to_string(set.join("README.md")).unwrap_or_default();
        let o = orgc(&["check", "--format", "json", set.to_str().unwrap()]);
        assert_eq!(code(&o), 1, "{}", set.display());
        let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let codes: Vec<String> = doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_string())
            .collect();
        assert!(
            codes.iter().any(|c| readme.contains(c.as_str())),
            "{}: README names none of {codes:?}",
            set.display()
        );
    }
}
