//! The human renderer against hostile and unusual input, through the real
//! binary: one language in its labels, no panic on very long lines, and the
//! same positions in the header, the snippet and the plain and JSON formats
//! (lone CR line ends, a diagnostic at the end of the file, a quoted name with
//! escapes before an invisible character).

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot write its own input should fail loudly"
)]

mod common;

use common::{orgc, text};

/// Writes `bytes` as `name` in a fresh folder and runs `orgc check` on it
/// with `args` before the path; returns (exit code, stdout, stderr).
fn check(name: &str, bytes: &[u8], args: &[&str]) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let mut all: Vec<&str> = vec!["check"];
    all.extend_from_slice(args);
    let p = path.to_str().unwrap();
    all.push(p);
    let out = orgc(&all);
    let shown = |b: &[u8]| text(b).replace(p, name);
    (
        out.status.code().unwrap_or(-1),
        shown(&out.stdout),
        shown(&out.stderr),
    )
}

/// `file:LINE:COL` places in `s` for the file `name`.
fn places(s: &str, name: &str) -> Vec<(usize, usize)> {
    let pat = format!("{name}:");
    s.match_indices(&pat)
        .filter_map(|(i, _)| {
            let rest = &s[i + pat.len()..];
            let mut it = rest.splitn(3, ':');
            let l = it.next()?.parse().ok()?;
            let c: String = it
                .next()?
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            Some((l, c.parse().ok()?))
        })
        .collect()
}

/// A title of 32,800 Chinese characters puts the owner past display column
/// 65,535, where miette's underline drawing panics: the human format gives
/// the place by line and column instead, exit 1, in both languages.
#[test]
fn a_place_past_column_65535_is_reported_not_a_panic() {
    let title = "审".repeat(32_800);
    let policy = format!(
        "department 甲 : government {{ module 乙 }}\nitem SP-0001 \"{title}\" : approval owner 丙.乙\n"
    );
    for lang in ["zh", "en"] {
        let (code, _, err) = check("wide.policy", policy.as_bytes(), &["--lang", lang]);
        assert_eq!(code, 1, "{lang}: {}", &err[..err.len().min(2000)]);
        assert!(
            !err.contains("panicked") && !err.contains("内部错误"),
            "{lang}"
        );
        assert!(err.contains("[E102]"), "{lang}: {err}");
        assert!(err.contains("--> wide.policy:2:32834"), "{lang}: {err}");
    }
    // a place early on a long line keeps its snippet
    let policy = format!("item SP-0001 \"x\" : approval owner 丙.乙 # {title}\n");
    let (code, _, err) = check("long.policy", policy.as_bytes(), &["--lang", "zh"]);
    assert_eq!(code, 1);
    assert!(err.contains("╭─[long.policy:1:35]"), "{}", &err[..400]);
}

/// Old Mac line ends (a lone CR) are line ends everywhere: the header, the
/// snippet's line number and the plain and JSON formats all say line 4, and
/// no raw CR reaches the terminal.
#[test]
fn lone_cr_line_ends_agree_in_every_format() {
    let policy = "# 注释\rdepartment 甲 : government { module 乙 }\r\ritem SP-0001 \"x\" : approval owner 丙.乙\r";
    let (code, _, human) = check("cr.policy", policy.as_bytes(), &["--lang", "zh"]);
    assert_eq!(code, 1);
    assert!(!human.contains('\r'), "{human:?}");
    assert_eq!(places(&human, "cr.policy"), [(4, 35)], "{human}");
    assert!(
        human.contains("\n 4 │ item SP-0001 \"x\" : approval owner 丙.乙\n"),
        "{human}"
    );
    let (_, _, plain) = check("cr.policy", policy.as_bytes(), &["--format", "plain"]);
    assert_eq!(places(&plain, "cr.policy"), [(4, 35), (4, 35)], "{plain}");
    let (_, json, _) = check("cr.policy", policy.as_bytes(), &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let d = &v["diagnostics"][0];
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(4), Some(35))
    );
}

/// An unclosed declaration at the end of the file gets a caret after its
/// last character, with or without a final line end.
#[test]
fn an_error_at_the_end_of_the_file_has_a_caret() {
    for (policy, place, line) in [
        (
            "department 甲 : government {",
            "eof.policy:1:28]",
            " 1 │ department 甲 : government { \n",
        ),
        (
            "department 甲 : government {\n",
            "eof.policy:2:1]",
            " 2 │  \n",
        ),
    ] {
        let (code, _, err) = check("eof.policy", policy.as_bytes(), &["--lang", "zh"]);
        assert_eq!(code, 1, "{err}");
        assert!(err.contains(place), "{err}");
        let after = err.split_once(line).map(|(_, a)| a).unwrap_or_default();
        let caret = after.lines().next().unwrap_or_default();
        assert!(
            caret.trim_start_matches([' ', '·']).starts_with('▲'),
            "{err}"
        );
        // the caret sits one column past the last character
        let width = |s: &str| unicode_width::UnicodeWidthStr::width(s);
        let text_line = line.trim_end_matches('\n');
        assert_eq!(
            width(&caret[..caret.find('▲').unwrap()]),
            width(text_line) - 1,
            "{err}"
        );
    }
}

/// E103 points at the invisible character itself, also when escapes come
/// before it in a quoted name (each `\"` or `\\` is one character of the
/// name but two of the source).
#[test]
fn e103_points_at_the_character_past_escapes() {
    let policy = "department \"a\\\"\\\"\\\\\u{200B}b\" : government { }\n";
    let col = policy.split('\u{200B}').next().unwrap().chars().count() + 1;
    assert_eq!(col, 20);
    let (code, _, plain) = check("e103.policy", policy.as_bytes(), &["--format", "plain"]);
    assert_eq!(code, 1, "{plain}");
    assert!(
        plain.contains(&format!("e103.policy:1:{col}: error[E103]")),
        "{plain}"
    );
    let (_, json, _) = check("e103.policy", policy.as_bytes(), &["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let d = &v["diagnostics"][0];
    assert_eq!(d["code"], "E103");
    assert_eq!(d["column"].as_u64(), Some(col as u64));
    assert_eq!(d["end_column"].as_u64(), Some(col as u64 + 1));
    // unquoted and unescaped names too
    let policy = "department 甲\u{200B}乙 : government { }\n";
    let (_, _, plain) = check("e103.policy", policy.as_bytes(), &["--format", "plain"]);
    assert!(plain.contains("e103.policy:1:13: error[E103]"), "{plain}");
}
