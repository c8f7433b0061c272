//! One language per run: every command, run with `--lang zh` (and no locale),
//! speaks Chinese in every word a person reads. A run of ASCII letters in the
//! output is allowed only when it is, by construction, not a word of orgc's:
//!
//! - code quoted in backticks (`` `same_day` ``, `` `--format` ``), and fenced
//!   code blocks of a Markdown page;
//! - a path given to the command, or a file of the policy set;
//! - a diagnostic code (`E102`) and a hexadecimal digest;
//! - a name or id declared in the policy set (`SP-0001`, a tier's name);
//! - the command line's own syntax: the program's and its commands' names,
//!   `--options` and the quoted source lines of a diagnostic's snippet;
//! - proper names of the file formats and tools orgc reads and writes
//!   (`JSON`, `SQLite`, `Excel` …), which have no Chinese name;
//! - the machine-readable last line `N passed, N failed` of `orgc test`.
//!
//! Anything else (an English word, an enum value such as `approval` or
//! `government` shown as is) fails the test, with the run and the words.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot run orgc or read the set should fail loudly"
)]

mod common;

use common::{copy_with, longgang, text};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

/// Proper names of formats and tools: no Chinese word exists for them.
const PROPER_NAMES: &[&str] = &[
    "JSON",
    "CSV",
    "SQLite",
    "HTML",
    "Markdown",
    "DOT",
    "Mermaid",
    "SVG",
    "SARIF",
    "JUnit",
    "GitHub",
    "GitLab",
    "Excel",
    "WPS",
    "UTF",
    "JavaScript",
    "git",
    "CI",
    "roff",
    "bash",
    "zsh",
    "fish",
    "powershell",
    "Graphviz",
];

/// The command line's own names: the program and its commands.
const COMMANDS: &[&str] = &[
    "orgc",
    "check",
    "build",
    "route",
    "test",
    "diff",
    "report",
    "graph",
    "explain",
    "codes",
    "completions",
    "man",
];

/// Every name and id the policy set declares that has ASCII letters in it.
fn declared_names(set: &Path) -> BTreeSet<String> {
    let c = orgc::compile(&[set.to_path_buf()]).unwrap();
    let m = &c.model;
    let mut names: Vec<String> = Vec::new();
    names.extend(m.items.iter().map(|i| i.id.text.clone()));
    names.extend(m.items.iter().map(|i| i.title.text.clone()));
    names.extend(m.transfers.iter().map(|t| t.id.text.clone()));
    names.extend(m.devolutions.iter().map(|d| d.id.text.clone()));
    names.extend(m.tiers.iter().map(|t| t.name.text.clone()));
    // a declared item kind is a name; a built-in one (`approval`) is a word
    names.extend(
        m.kinds
            .iter()
            .filter(|k| k.span.is_some())
            .map(|k| k.name.text.clone()),
    );
    names.extend(m.departments.iter().map(|d| d.name.text.clone()));
    names.extend(m.modules.iter().map(|x| x.name.text.clone()));
    names.extend(m.groups.iter().map(|g| g.name.text.clone()));
    names.extend(m.areas.iter().map(|a| a.name.text.clone()));
    names.extend(m.grids.iter().map(|g| g.name.text.clone()));
    names.extend(m.events.iter().map(|e| e.name.text.clone()));
    names.extend(m.joints.iter().map(|j| j.name.text.clone()));
    names.extend(m.agencies.iter().map(|a| a.name.text.clone()));
    names.extend(m.rules.iter().map(|r| r.name.text.clone()));
    names
        .into_iter()
        .filter(|n| n.chars().any(|c| c.is_ascii_alphabetic()))
        .collect()
}

/// What is left of `out` once everything the module's doc allows is taken
/// out: the runs of ASCII letters that are words.
fn words(out: &str, allowed: &[String]) -> Vec<String> {
    let mut s = String::new();
    let mut fenced = false;
    for line in out.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        // a snippet's source line: `  3 │ item SP-1 …` (the policy file quoted)
        let is_source = line
            .split_once('│')
            .is_some_and(|(gutter, _)| gutter.trim().chars().all(|c| c.is_ascii_digit()))
            && line
                .split_once('│')
                .is_some_and(|(g, _)| !g.trim().is_empty());
        if fenced || is_source || is_machine_line(line) {
            continue;
        }
        s.push_str(line);
        s.push('\n');
    }
    // backticked code
    let mut t = String::new();
    for (i, part) in s.split('`').enumerate() {
        if i % 2 == 0 {
            t.push_str(part);
        } else {
            t.push(' ');
        }
    }
    // longest first, so that a path goes before the name inside it
    let mut allowed: Vec<&String> = allowed.iter().collect();
    allowed.sort_by_key(|a| std::cmp::Reverse(a.len()));
    for a in allowed {
        t = t.replace(a.as_str(), " ");
    }
    let mut found = Vec::new();
    for token in t.split(|c: char| !(c.is_ascii_alphanumeric() || "-_.:/()".contains(c))) {
        let token = token.trim_matches(|c: char| ".:()".contains(c));
        if token.is_empty() || !token.chars().any(|c| c.is_ascii_alphabetic()) {
            continue;
        }
        let is_option = token.starts_with('-');
        let is_code = token.len() == 4
            && token.starts_with(['E', 'W', 'R', 'T'])
            && token[1..].chars().all(|c| c.is_ascii_digit());
        let is_digest = token.len() >= 8 && token.chars().all(|c| c.is_ascii_hexdigit());
        let is_path = token.contains('/') || token.ends_with(".policy");
        let is_command = token.split(['(', ')']).all(|w| {
            w.is_empty() || COMMANDS.contains(&w) || w.chars().all(|c| c.is_ascii_digit())
        });
        let is_proper = token.split(['-', '.']).all(|w| {
            w.is_empty() || PROPER_NAMES.contains(&w) || w.chars().all(|c| c.is_ascii_digit())
        });
        if !(is_option || is_code || is_digest || is_path || is_command || is_proper) {
            found.push(token.to_string());
        }
    }
    found
}

/// `orgc test`'s last line, for machines.
fn is_machine_line(line: &str) -> bool {
    let w: Vec<&str> = line.split(' ').collect();
    w.len() == 4
        && w[1] == "passed,"
        && w[3] == "failed"
        && [w[0], w[2]]
            .iter()
            .all(|n| n.chars().all(|c| c.is_ascii_digit()))
}

struct Run {
    args: Vec<String>,
    out: Output,
}

fn run_in(cwd: &Path, args: &[&str]) -> Run {
    let mut all = vec!["--lang", "zh"];
    all.extend_from_slice(args);
    let out = Command::new(env!("CARGO_BIN_EXE_orgc"))
        .args(&all)
        .current_dir(cwd)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("orgc runs");
    Run {
        args: all.iter().map(|s| s.to_string()).collect(),
        out,
    }
}

#[test]
fn every_command_speaks_only_chinese_under_lang_zh() {
    let set = longgang();
    let set_s = set.to_str().unwrap().to_string();
    let tmp = tempfile::tempdir().unwrap();
    let out_dir = tmp.path().join("out");
    let out_s = out_dir.to_str().unwrap().to_string();
    let report_s = tmp.path().join("r.md").to_str().unwrap().to_string();
    // a changed copy for `orgc diff`, and one with errors and a failing expectation
    let changed = copy_with(
        &set,
        "zz-new.policy",
        "department 新设局 : government { module 综合 }\n",
    );
    let changed_s = changed.path().to_str().unwrap().to_string();
    let broken = copy_with(
        &set,
        "zz-broken.policy",
        "item SP-9999 \"测试事项\" : approval owner 不存在局\n\
         department 数据管理中心 ： institution { }\n",
    );
    let broken_s = broken.path().to_str().unwrap().to_string();
    let failing = copy_with(
        &set,
        "zz-expect.policy",
        "expect event 噪声投诉 at 龙和社区 to 综合行政执法局.第一中队 tier five_days\n",
    );
    let failing_s = failing.path().to_str().unwrap().to_string();
    let missing = tmp.path().join("no-such-folder");
    let missing_s = missing.to_str().unwrap().to_string();
    let not_dir = tmp.path().join("a-file");
    std::fs::write(&not_dir, "x").unwrap();
    let unwritable = not_dir.join("out").to_str().unwrap().to_string();

    let cwd = tmp.path();
    let runs_spec: Vec<Vec<&str>> = vec![
        // the commands, on a clean set
        vec!["check", &set_s],
        vec!["check", "--format", "plain", &set_s],
        vec!["build", &set_s, "-o", &out_s],
        vec!["route", "SP-0001", &set_s],
        vec!["route", "龙和社区", &set_s],
        vec!["route", "ZY-001", &set_s],
        vec!["route", "XF-001", &set_s],
        vec!["route", "校园周边安全", &set_s],
        vec!["route", "噪声投诉", "--at", "龙和-01", &set_s],
        vec!["route", "行政审批局.投资项目审批", &set_s],
        vec!["route", "行政审批局", &set_s],
        vec!["route", "企业投资项目核准", &set_s],
        vec!["route", "SP-O001", &set_s],
        vec!["route", "x", "--kind", "foo", &set_s],
        vec!["test", &set_s],
        vec!["report", &set_s],
        vec!["report", &set_s, "-o", &report_s],
        vec!["graph", &set_s, "-o", &report_s],
        vec!["diff", &set_s, &changed_s],
        vec!["explain", "E201"],
        vec!["explain", "E999"],
        vec!["codes"],
        vec!["--version"],
        // a set with errors, a failing expectation
        vec!["check", &broken_s],
        vec!["check", "--format", "plain", &broken_s],
        vec!["build", &broken_s, "-o", &out_s],
        vec!["test", &failing_s],
        // I/O errors
        vec!["check", &missing_s],
        vec!["build", &set_s, "-o", &unwritable],
        vec!["graph", &set_s, "-o", &unwritable],
        // usage errors
        vec!["chek"],
        vec!["route"],
        vec!["route", "--bogus", "x"],
        vec!["check", "--format", "yaml"],
        vec!["build", &set_s],
        vec!["--lang"],
        vec![],
    ];
    let mut runs_spec = runs_spec;
    for command in COMMANDS.iter().skip(1) {
        runs_spec.push(vec![command, "--help"]);
    }
    runs_spec.push(vec!["--help"]);
    runs_spec.push(vec!["-h"]);

    let mut allowed: Vec<String> = declared_names(&set).into_iter().collect();
    // the codes' names are their ids (`E102 unresolved-reference`)
    allowed.extend(orgc::diagnostics::CODES.iter().map(|c| c.name.to_string()));
    allowed.extend(["zz-new.policy", "zz-broken.policy", "zz-expect.policy"].map(String::from));
    for p in [
        &set_s,
        &out_s,
        &report_s,
        &changed_s,
        &broken_s,
        &failing_s,
        &missing_s,
        &unwritable,
    ] {
        allowed.push(p.clone());
    }
    // the files of the set and of the build (as they are named in messages)
    for e in std::fs::read_dir(&set).unwrap().flatten() {
        allowed.push(e.file_name().to_string_lossy().into_owned());
    }

    let runs: Vec<Run> = std::thread::scope(|scope| {
        let handles: Vec<_> = runs_spec
            .chunks(runs_spec.len().div_ceil(3))
            .map(|chunk| {
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|args| run_in(cwd, args))
                        .collect::<Vec<Run>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });

    let mut failures = Vec::new();
    for r in &runs {
        let stdout = text(&r.out.stdout);
        let stderr = text(&r.out.stderr);
        // orgc's own bugs would hide behind a Chinese sentence
        assert_ne!(r.out.status.code(), Some(101), "{:?}\n{stderr}", r.args);
        let mut bad = words(&stdout, &allowed);
        bad.extend(words(&stderr, &allowed));
        if !bad.is_empty() {
            failures.push(format!(
                "orgc {}\n  words: {bad:?}\n{stdout}{stderr}",
                r.args.join(" ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} run(s) are not all Chinese:\n\n{}",
        failures.len(),
        failures.join("\n")
    );

    // `orgc test` ends with the machine's line, after a Chinese one
    let test = runs
        .iter()
        .find(|r| r.args[2..] == ["test".to_string(), set_s.clone()])
        .unwrap();
    let stdout = text(&test.out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(is_machine_line(lines[lines.len() - 1]), "{stdout}");
    assert!(lines[lines.len() - 2].starts_with("路由预期："), "{stdout}");
}

#[test]
fn the_filter_finds_english_words_and_lets_names_and_code_through() {
    let allowed = vec!["SP-0001".to_string(), "policies/longgang".to_string()];
    assert_eq!(
        words("事项 SP-0001（approval）", &allowed),
        ["approval"],
        "an enum value shown as is is a word"
    );
    assert_eq!(words("help: 删除其中一处", &allowed), ["help"]);
    assert!(words(
        "policies/longgang/a.policy:3  部门 `行政审批局`（政府部门）E102 `same_day`",
        &allowed
    )
    .is_empty());
    assert!(words("用法：orgc route [选项] --format <格式>", &allowed).is_empty());
    assert!(words("27 passed, 0 failed", &allowed).is_empty());
    assert_eq!(words("passed: 27", &allowed), ["passed"]);
    assert!(words(" 3 │ item SP-1 \"x\" : approval owner 不存在局", &allowed).is_empty());
    assert!(words("```policy\ndepartment 甲 : government { }\n```", &allowed).is_empty());
}
