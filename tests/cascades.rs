//! A cause comes first and alone (issue 11): one mistake in a copy of the
//! Longgang set gives one diagnostic, not the cause buried among its
//! consequences; every full-width mark of a declaration is reported in one run.
//! Each case runs the real binary on a copy of the set in a temporary folder
//! and snapshots the human format in Chinese and in English (the temporary
//! folder's path is shown as `longgang`).

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot read the set or its copy should fail loudly"
)]

mod common;

use std::path::Path;

/// The set with `name` replaced by `edit` applied to it; the edit must change it.
fn edited(name: &str, edit: impl Fn(&str) -> String) -> tempfile::TempDir {
    let original = std::fs::read_to_string(common::longgang().join(name)).unwrap();
    let changed = edit(&original);
    assert_ne!(changed, original, "the edit must change {name}");
    common::copy_with(&common::longgang(), name, &changed)
}

/// `orgc check DIR` in `format` and `lang`: (exit code, output with the folder shown as `longgang`).
fn check(dir: &Path, format: &str, lang: &str) -> (i32, String) {
    let out = common::orgc(&[
        "check",
        dir.to_str().unwrap(),
        "--format",
        format,
        "--lang",
        lang,
        "--color",
        "never",
    ]);
    // machine formats go to stdout, the human and plain formats to stderr
    let both = common::text(&out.stdout) + &common::text(&out.stderr);
    let shown = both.replace(dir.to_str().unwrap(), "longgang");
    (out.status.code().unwrap_or(-1), shown)
}

/// The codes of the diagnostics, in their order (from `json-lines`).
fn codes(dir: &Path) -> Vec<String> {
    let (_, out) = check(dir, "json-lines", "en");
    // the diagnostics; not the verdict line a clean run writes to stderr
    out.lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["code"].as_str().unwrap().to_string()
        })
        .collect()
}

fn snapshot(name: &str, dir: &Path) {
    let (code_zh, zh) = check(dir, "human", "zh");
    let (code_en, en) = check(dir, "human", "en");
    assert_eq!((code_zh, code_en), (1, 1), "an error fails the run");
    insta::with_settings!({ omit_expression => true }, {
        insta::assert_snapshot!(name, format!("--- human (zh)\n{zh}\n--- human (en)\n{en}"));
    });
}

#[test]
fn a_missing_closing_brace_is_one_error() {
    // the `}` that closes the module 国库支付
    let dir = edited("dept-caizhengju.policy", |t| {
        t.replacen(
            "    answers 温州市财政局.国库处\n  }\n",
            "    answers 温州市财政局.国库处\n",
            1,
        )
    });
    assert_eq!(codes(dir.path()), ["E001"]);
    snapshot("missing_brace_in_a_department", dir.path());
}

#[test]
fn a_traditional_character_in_an_owner_is_one_error() {
    let dir = edited("items-approval.policy", |t| {
        t.replacen(
            "owner 行政审批局.投资项目审批",
            "owner 行政審批局.投资项目审批",
            1,
        )
    });
    // not the rule's `owner = none`, nor the targets' counts: the unknown name
    assert_eq!(codes(dir.path()), ["E102"]);
    snapshot("traditional_character_in_an_owner", dir.path());
}

#[test]
fn every_full_width_mark_of_a_declaration_in_one_run() {
    // on its own: in the set, a seventh institution would pass the cap (E301)
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("new.policy"),
        "department 数据管理中心 ： institution ｛ fields 数据资源，政务数据 ｝\n",
    )
    .unwrap();
    assert_eq!(codes(dir.path()), ["E002", "E002", "E002", "E002"]);
    snapshot("four_full_width_marks", dir.path());
}

#[test]
fn a_cause_comes_before_its_consequences() {
    // a syntax error and an unknown name in different files, the unknown name
    // in the earlier file: the syntax error is still reported first
    let dir = common::copy_with(
        &common::longgang(),
        "aa-new.policy",
        "item ZZ-0001 \"新事项\" : approval owner 不存在的局\n",
    );
    std::fs::write(dir.path().join("zz-new.policy"), "agency 某协会 : \n").unwrap();
    assert_eq!(codes(dir.path()), ["E001", "E102"]);
}

#[test]
fn input_method_arrows_and_angle_quotes_are_full_width_marks() {
    for (written, ascii) in [("—》", "->"), ("→", "->")] {
        let dir = common::copy_with(
            &common::longgang(),
            "zz-new.policy",
            &format!("item ZZ-0001 \"新事项\" : approval {written} 行政审批局\n"),
        );
        let (_, out) = check(dir.path(), "plain", "en");
        assert!(
            out.contains(&format!(
                "E002]: full-width `{written}` where the syntax wants `{ascii}`"
            )),
            "{written}: {out}"
        );
    }
    let c = orgc::compile_str(
        "r.policy",
        "rule 上限 { every department must count(modules) 》 0 }\n",
    );
    let codes: Vec<&str> = c.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["E002"], "{:?}", c.diagnostics);
}

/// (exit code, stderr) of `orgc ARGS`.
fn run(args: &[&str]) -> (i32, String) {
    let out = common::orgc(args);
    (out.status.code().unwrap_or(-1), common::text(&out.stderr))
}

#[test]
fn one_file_of_a_set_says_where_its_names_are_and_summarises() {
    let file = common::longgang().join("items-approval.policy");
    let file = file.to_str().unwrap();
    let folder = common::longgang();
    let (code, err) = run(&["check", file, "--format", "plain", "--lang", "en"]);
    assert_eq!(code, 1);
    let first = err.lines().next().unwrap();
    assert!(
        first.starts_with(&format!("only `{file}` was checked"))
            && first.ends_with(&format!("orgc check {}", folder.display())),
        "{first}"
    );
    // ten in full, then one line for the rest; the total still counts them all
    let shown = err.lines().filter(|l| l.contains("error[E102]")).count();
    assert_eq!(shown, 10);
    let total: usize = err
        .lines()
        .last()
        .and_then(|l| l.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(total > 1000, "{err}");
    assert!(
        err.contains(&format!(
            "… and {} more E102 in `{file}` (the machine formats list them all)",
            total - 10
        )),
        "{err}"
    );
    // the machine formats keep every one
    let out = common::orgc(&["check", file, "--format", "json-lines"]);
    assert_eq!(common::text(&out.stdout).lines().count(), total);

    let (_, zh) = run(&["check", file, "--format", "human", "--lang", "zh"]);
    assert!(zh.starts_with(&format!("只检查了 `{file}`")), "{zh}");
    assert!(
        zh.contains(&format!("中另有 {} 个 E102", total - 10)),
        "{zh}"
    );
}

#[test]
fn a_file_alone_in_its_folder_gets_no_hint() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.policy");
    std::fs::write(
        &file,
        "item ZZ-0001 \"新事项\" : approval owner 不存在的局\n",
    )
    .unwrap();
    let (code, err) = run(&["check", file.to_str().unwrap(), "--format", "plain"]);
    assert_eq!(code, 1);
    assert!(err.starts_with(file.to_str().unwrap()), "{err}");
    assert!(!err.contains("was checked"), "{err}");
}

#[test]
fn deny_warnings_says_that_warnings_failed_the_run() {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/W302/err_modules_of_department.policy");
    let fixture = fixture.to_str().unwrap();
    let (code, err) = run(&["check", fixture, "--format", "plain", "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("--deny-warnings"), "{err}");
    let (code, err) = run(&[
        "check",
        fixture,
        "--deny-warnings",
        "--format",
        "plain",
        "--lang",
        "en",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.trim_end().ends_with(
            "1 warning(s), and --deny-warnings treats warnings as errors: the check failed"
        ),
        "{err}"
    );
    let (_, zh) = run(&["check", fixture, "--deny-warnings", "--lang", "zh"]);
    assert!(
        zh.contains("--deny-warnings 把警告当作错误：检查未通过"),
        "{zh}"
    );
}

#[test]
fn a_cap_passed_points_at_the_cap_and_names_every_member() {
    let dir = common::copy_with(
        &common::longgang(),
        "zz-new.policy",
        "department 数据资源局 : government { module 综合 }\n",
    );
    let (code, out) = check(dir.path(), "json-lines", "zh");
    assert_eq!(code, 1);
    let cap: serde_json::Value = out
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["code"] == "E301")
        .unwrap();
    let labels = cap["labels"].as_array().unwrap();
    assert_eq!(labels.len(), 1, "{cap}");
    assert!(
        labels[0]["file"].as_str().unwrap().ends_with("city.policy"),
        "{cap}"
    );
    let help = cap["help"].as_str().unwrap();
    assert!(help.starts_with("计入的有："), "{help}");
    assert_eq!(help.matches('`').count(), 20, "ten departments: {help}");
    assert!(
        help.contains("`数据资源局`") && help.contains("`综合行政执法局`"),
        "{help}"
    );
}

#[test]
fn a_broken_rule_shows_what_it_requires() {
    let dir = edited("items-approval.policy", |t| {
        t.replacen(
            "owner 行政审批局.投资项目审批 statutory 20 committed 2",
            "owner 综合行政执法局 statutory 20 committed 2",
            1,
        )
    });
    let (_, out) = check(dir.path(), "plain", "en");
    assert!(
        out.contains(
            "help: the rule requires: `owner = 行政审批局`; actual: `owner = 综合行政执法局`"
        ),
        "{out}"
    );
}

#[test]
fn a_missed_department_target_names_the_departments_counted() {
    let dir = edited("city.policy", |t| {
        t.replacen("  government    9\n", "  government    10\n", 1)
    });
    let (code, out) = check(dir.path(), "plain", "en");
    assert_eq!(code, 0);
    let help = out
        .lines()
        .find(|l| l.starts_with("  = help: counted: "))
        .unwrap_or_default();
    assert_eq!(help.matches('`').count(), 18, "nine departments: {out}");
    assert!(help.contains("`综合行政执法局`"), "{help}");
}

#[test]
fn a_set_without_errors_still_measures_its_targets() {
    // the target check is off only while the set has errors
    let dir = edited("city.policy", |t| {
        t.replacen("  party         6\n", "  party         5\n", 1)
    });
    assert_eq!(codes(dir.path()), ["W302"]);
}
