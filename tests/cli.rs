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

#[test]
fn version_completions_and_man_pages_come_from_the_command_line_definitions() {
    let o = orgc(&["--version"]);
    assert_eq!(code(&o), 0);
    let v = text(&o.stdout);
    assert!(
        v.starts_with(&format!("orgc {} ", env!("CARGO_PKG_VERSION"))) && v.contains("0.2"),
        "{v}"
    );
    assert!(text(&orgc(&["--lang", "zh", "-V"]).stdout).contains("（策略语言 0.2）"));

    let o = orgc(&["completions", "bash"]);
    assert_eq!(code(&o), 0);
    let bash = text(&o.stdout);
    assert!(
        bash.contains("_orgc()") && bash.contains("--deny-warnings"),
        "{bash}"
    );
    let fish = text(&orgc(&["completions", "fish"]).stdout);
    assert!(
        fish.contains("complete -c orgc") && fish.contains("route"),
        "{fish}"
    );
    assert_eq!(code(&orgc(&["completions", "tcsh"])), 2);

    let o = orgc(&["man"]);
    assert_eq!(code(&o), 0);
    let page = text(&o.stdout);
    assert!(
        page.starts_with(".ie") || page.contains(".TH orgc 1"),
        "{page}"
    );
    assert!(
        page.contains(".SH OPTIONS") && page.contains("completions"),
        "{page}"
    );
    let zh = text(&orgc(&["--lang", "zh", "man"]).stdout);
    assert!(
        zh.contains(".SH 选项") && !zh.contains(".SH OPTIONS"),
        "{zh}"
    );

    let dir = tempfile::tempdir().unwrap();
    let o = orgc(&["man", dir.path().to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    let route = std::fs::read_to_string(dir.path().join("orgc-route.1")).unwrap();
    assert!(route.contains("\\-\\-at"), "{route}");
    assert!(!dir.path().join("orgc-__internal-panic.1").exists());
}

#[test]
fn help_and_usage_errors_speak_the_runs_language_and_the_locales() {
    let o = orgc(&["--lang", "en", "route", "--help"]);
    assert_eq!(code(&o), 0);
    let help = text(&o.stdout);
    assert!(
        help.contains("Usage: orgc route [OPTIONS] <QUERY> [PATHS]..."),
        "{help}"
    );
    assert!(
        help.contains("What to ask about: an item id or name"),
        "{help}"
    );

    // no --lang: the locale decides, LC_ALL before LANG
    let zh = Command::new(env!("CARGO_BIN_EXE_orgc"))
        .args(["check", "--help"])
        .env("LANG", "en_GB.UTF-8")
        .env("LC_ALL", "zh_CN.UTF-8")
        .output()
        .unwrap();
    let help = text(&zh.stdout);
    assert!(help.contains("用法：orgc check [选项] [路径]..."), "{help}");

    // a usage error: our words, the usage, exit 2, the argument escaped
    let o = orgc(&["--lang", "zh", "route", "--bo\u{1b}[31mgus", "x"]);
    assert_eq!(code(&o), 2);
    let err = text(&o.stderr);
    assert!(
        err.starts_with("orgc: 未知的参数 `--bo\\u{001B}[31mgus`"),
        "{err}"
    );
    assert!(
        err.contains("用法：`orgc route [选项] <查询> [路径]...`"),
        "{err}"
    );
    let o = orgc(&["--lang", "en", "chek"]);
    assert_eq!(code(&o), 2);
    let err = text(&o.stderr);
    assert!(
        err.contains("unknown command `chek`") && err.contains("did you mean `check`?"),
        "{err}"
    );
    let o = orgc(&["--lang", "zh", "check", "--format", "yaml"]);
    assert!(text(&o.stderr).contains("不能取值 `yaml`；可用的有：`human`、`plain`"));
}

#[test]
fn io_errors_are_said_by_their_kind_in_the_runs_language() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let set = dir.path().join("set.policy");
    std::fs::write(&set, "department 甲局 : government { }\n").unwrap();
    let out = file.join("report.md");
    for (lang, words) in [
        ("zh", "路径中有一段不是文件夹"),
        ("en", "a part of the path is not a folder"),
    ] {
        let o = orgc(&[
            "--lang",
            lang,
            "report",
            set.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code(&o), 2);
        let err = text(&o.stderr);
        assert!(err.contains(words) && !err.contains("os error"), "{err}");
    }
}
