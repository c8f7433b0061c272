//! `orgc diff`: pairs of policy sets in `tests/diff/CASE/{old,new}`, each one
//! kind of reorganisation, with the text (Chinese), Markdown and JSON output
//! and the exit code under each `--fail-on` in one reviewed snapshot per
//! case; the Longgang set against itself; and two commits of a real git
//! repository.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot run orgc or git should fail loudly"
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `orgc diff ARGS` run in `dir`, with no locale from the environment.
fn diff_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orgc"))
        .arg("diff")
        .args(args)
        .current_dir(dir)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .output()
        .expect("orgc runs")
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn case(name: &str) -> String {
    let old = format!("tests/diff/{name}/old");
    let new = format!("tests/diff/{name}/new");
    let run = |extra: &[&str]| {
        let mut args = vec![old.as_str(), new.as_str()];
        args.extend_from_slice(extra);
        diff_in(&root(), &args)
    };
    let zh = run(&[]);
    let md = run(&["--lang", "en", "--format", "markdown"]);
    let json = run(&["--lang", "en", "--format", "json"]);
    // the JSON is a document with the classes a machine needs
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(doc["schema"], "orgc.diff/1");
    let codes: Vec<String> = ["breaking", "notable", "never"]
        .iter()
        .map(|f| {
            let code = run(&["--fail-on", f]).status.code().unwrap_or(-1);
            format!("--fail-on {f}: exit {code}")
        })
        .collect();
    assert_eq!(
        zh.status.code(),
        run(&["--fail-on", "breaking"]).status.code()
    );
    format!(
        "=== text (zh), exit {}\n{}\n=== markdown (en)\n{}\n=== json (en)\n{}\n=== exit codes\n{}\n",
        zh.status.code().unwrap_or(-1),
        text(&zh),
        text(&md),
        text(&json),
        codes.join("\n")
    )
}

macro_rules! cases {
    ($($test:ident $name:literal,)*) => {$(
        #[test]
        fn $test() {
            insta::assert_snapshot!($name, case($name));
        }
    )*};
}

cases! {
    an_item_moved "item-moved",
    a_function_transferred "function-transferred",
    a_community_added_and_one_removed "community-added-and-removed",
    a_department_renamed "department-renamed",
    a_cap_crossed "cap-crossed",
    a_joint_case_changed "joint-case-changed",
    an_event_dispatch_changed "event-dispatch-changed",
    the_new_side_has_errors "new-side-has-errors",
}

#[test]
fn longgang_against_itself_has_no_changes() {
    for (lang, said) in [("zh", "没有变化"), ("en", "no changes")] {
        let o = diff_in(
            &root(),
            &["policies/longgang", "policies/longgang", "--lang", lang],
        );
        assert_eq!(o.status.code(), Some(0));
        assert!(text(&o).contains(said), "{}", text(&o));
    }
}

fn git(dir: &Path, args: &[&str]) {
    let o = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.invalid")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.invalid")
        .output()
        .expect("git runs");
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn two_commits_of_a_git_repository() {
    let repo = tempfile::tempdir().unwrap();
    let dir = repo.path();
    git(dir, &["init", "-q"]);
    let case = root().join("tests/diff/item-moved");
    std::fs::create_dir(dir.join("policies")).unwrap();
    std::fs::copy(case.join("old/set.policy"), dir.join("policies/set.policy")).unwrap();
    git(dir, &["add", "."]);
    git(dir, &["commit", "-q", "-m", "old"]);
    std::fs::copy(case.join("new/set.policy"), dir.join("policies/set.policy")).unwrap();
    git(dir, &["commit", "-q", "-a", "-m", "new"]);
    // the working tree is edited afterwards: the diff must read the commits only
    std::fs::write(dir.join("policies/set.policy"), "not a policy").unwrap();

    let o = diff_in(
        &dir.join("policies"),
        &["git:HEAD~1", "git:HEAD", "--lang", "zh"],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        text(&o).contains("1 项事项从 经济发展局 移至 社会事业局"),
        "{}",
        text(&o)
    );
    let o = diff_in(
        dir,
        &["git:HEAD~1:policies", "git:HEAD:policies", "--lang", "en"],
    );
    assert!(
        text(&o).contains("1 item(s) moved from 经济发展局 to 社会事业局"),
        "{}",
        text(&o)
    );
    // untouched: the edit is still there
    assert_eq!(
        std::fs::read_to_string(dir.join("policies/set.policy")).unwrap(),
        "not a policy"
    );
    // a shallow clone: with both commits it works; with one, the other is named
    let clones = tempfile::tempdir().unwrap();
    let url = format!("file://{}", dir.display());
    for (depth, works) in [("2", true), ("1", false)] {
        let to = clones.path().join(depth);
        git(
            clones.path(),
            &["clone", "-q", "--depth", depth, &url, to.to_str().unwrap()],
        );
        let o = diff_in(
            &to,
            &["git:HEAD~1:policies", "git:HEAD:policies", "--lang", "en"],
        );
        if works {
            assert_eq!(
                o.status.code(),
                Some(0),
                "{}",
                String::from_utf8_lossy(&o.stderr)
            );
        } else {
            assert_eq!(o.status.code(), Some(2));
            let err = String::from_utf8_lossy(&o.stderr);
            assert!(
                err.contains("revision `HEAD~1` is not in this repository"),
                "{err}"
            );
        }
    }
    // a revision that is not there is named, exit 2
    let o = diff_in(
        dir,
        &[
            "git:no-such-branch:policies",
            "git:HEAD:policies",
            "--lang",
            "en",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("revision `no-such-branch` is not in this repository"),
        "{err}"
    );
}
