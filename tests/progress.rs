//! The progress indicator is for a person at a terminal: when stderr is not a
//! terminal (a pipe, a CI log, a file) a run prints nothing more than it did
//! without it, even with the indicator's delay set to nothing.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot run orgc should fail loudly"
)]

use std::path::PathBuf;
use std::process::{Command, Output};

fn longgang() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("policies/longgang")
}

fn run(args: &[&std::ffi::OsStr], delay: Option<&str>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_orgc"));
    c.args(args).env("LANG", "zh_CN.UTF-8").env("NO_COLOR", "1");
    match delay {
        Some(d) => c.env("ORGC_PROGRESS_DELAY_MS", d),
        None => c.env_remove("ORGC_PROGRESS_DELAY_MS"),
    };
    c.output().expect("orgc runs")
}

/// No phase name, no carriage return, no terminal escape on stderr.
fn assert_no_progress(o: &Output) {
    let err = String::from_utf8_lossy(&o.stderr);
    for phase in ["正在读取和检查策略集", "正在整理提示", "正在写出路由表"] {
        assert!(!err.contains(phase), "progress on a pipe: {err}");
    }
    assert!(!err.contains('\r') && !err.contains('\u{1b}'), "{err:?}");
}

#[test]
fn a_check_on_a_pipe_prints_only_its_verdict() {
    let set = longgang();
    let args = ["check".as_ref(), set.as_os_str()];
    let quick = run(&args, Some("0"));
    assert_no_progress(&quick);
    assert_eq!(quick.status.code(), Some(0));
    let err = String::from_utf8_lossy(&quick.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("检查通过："), "{err}");
    // the same bytes as a run with the indicator's usual delay
    let usual = run(&args, None);
    assert_eq!(quick.stderr, usual.stderr);
    assert_eq!(quick.stdout, usual.stdout);
}

#[test]
fn a_build_on_a_pipe_prints_only_what_it_wrote() {
    let set = longgang();
    let out = tempfile::tempdir().unwrap();
    let args = [
        "build".as_ref(),
        set.as_os_str(),
        "-o".as_ref(),
        out.path().as_os_str(),
    ];
    let o = run(&args, Some("0"));
    assert_no_progress(&o);
    assert_eq!(o.status.code(), Some(0));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("已写出 "), "{err}");
}

#[test]
fn a_set_with_errors_on_a_pipe_prints_only_its_diagnostics() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.policy"),
        "department 甲局 : government { }\nitem SX-1 \"事项（一）\" : approval owner 乙局\n",
    )
    .unwrap();
    for format in ["human", "plain", "json"] {
        let args = [
            "check".as_ref(),
            "--format".as_ref(),
            format.as_ref(),
            dir.path().as_os_str(),
        ];
        let quick = run(&args, Some("0"));
        assert_eq!(quick.status.code(), Some(1));
        assert_no_progress(&quick);
        let usual = run(&args, None);
        assert_eq!(quick.stderr, usual.stderr, "{format}");
        assert_eq!(quick.stdout, usual.stdout, "{format}");
    }
}
