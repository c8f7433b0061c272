//! The human renderer against hostile and unusual input, through the real
//! binary: one language in its labels, no panic on very long lines, and the
//! same positions in the header, the snippet and the plain and JSON formats
//! (lone CR line ends, a diagnostic at the end of the file, a quoted name with
//! escapes before an invisible character).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot write its own input or read its own output should fail loudly"
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

/// No raw control or bidi character in `s`, and the escapes are there.
fn shown_escaped(s: &str, escapes: &[&str]) {
    for c in s.chars() {
        assert!(
            c == '\n' || !orgc::names::is_invisible(c),
            "raw U+{:04X} in {s:?}",
            c as u32
        );
    }
    for e in escapes {
        assert!(s.contains(e), "{e} in {s:?}");
    }
}

/// A file name holding ESC and U+202E reaches the terminal escaped in the
/// human and plain headers and `-->` lines, in both languages.
#[test]
fn file_names_are_escaped_in_every_human_facing_header() {
    let name = "a\u{1B}[31mred\u{202E}b.policy";
    let policy =
        "department 甲 : government { module 乙 }\nitem SP-0001 \"x\" : approval owner 丙.乙\n";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), policy).unwrap();
    let folder = dir.path().to_str().unwrap();
    for args in [
        &["check", "--lang", "zh", folder][..],
        &["check", "--lang", "en", folder],
        &["check", "--format", "plain", folder],
    ] {
        let out = orgc(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = text(&out.stderr);
        shown_escaped(&err, &["a\\u{001B}[31mred\\u{202E}b.policy:2:35"]);
    }
}

/// Arguments echoed back — a missing path, an unknown code, a `route`
/// query, an argument clap cannot use — are escaped.
#[test]
fn echoed_arguments_are_escaped() {
    let evil = "q\u{1B}[2J\u{202E}x";
    let longgang = common::longgang();
    let lg = longgang.to_str().unwrap();
    for (args, code) in [
        (vec!["check", evil], 2),
        (vec!["explain", evil], 2),
        (vec!["route", evil, lg], 2),
        (vec!["--lang", "zh", "route", evil, lg], 2),
    ] {
        let out = orgc(&args);
        let err = text(&out.stderr);
        assert_ne!(out.status.code(), Some(101), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
        shown_escaped(&err, &["\\u{001B}[2J\\u{202E}x"]);
    }
    // clap drops the ESC itself; the bidi override it would print raw
    let out = orgc(&["che\u{202E}ck"]);
    assert_eq!(out.status.code(), Some(2));
    shown_escaped(&text(&out.stderr), &["che\\u{202E}ck"]);
}

/// A bidi override in a comment or a title is W008, shown in the snippet as
/// `�` (never raw); in a quoted name it is E103 alone.
#[test]
fn bidi_overrides_in_comments_and_titles_are_a_warning() {
    let policy = "department 甲 : government { module 乙 } # 审核\u{202E}通过\nitem SP-0001 \"标\u{2067}题\" : approval owner 甲.乙\n";
    let (code, _, err) = check("bidi.policy", policy.as_bytes(), &["--lang", "zh"]);
    assert_eq!(code, 0, "a warning: {err}");
    shown_escaped(
        &err,
        &[
            "[W008] 注释里",
            "[W008] 引号里",
            "U+202E",
            "U+2067",
            "审核�通过",
            "标�题",
        ],
    );
    let (code, _, _) = check("bidi.policy", policy.as_bytes(), &["--deny-warnings"]);
    assert_eq!(code, 1);
    let quoted = "department \"甲\u{202E}乙\" : government { }\n";
    let (code, _, plain) = check("name.policy", quoted.as_bytes(), &["--format", "plain"]);
    assert_eq!(code, 1);
    assert!(
        plain.contains("[E103]") && !plain.contains("W008"),
        "{plain}"
    );
}

/// (code, file, line, column) of every diagnostic's primary place.
type Place = (String, String, usize, usize);

/// `file:LINE:COL` split from its end (a file name may hold `:`).
fn split_place(s: &str) -> Option<(String, usize, usize)> {
    let (rest, col) = s.rsplit_once(':')?;
    let (file, line) = rest.rsplit_once(':')?;
    Some((file.to_string(), line.parse().ok()?, col.parse().ok()?))
}

/// The places of the human format: each `× [CODE]`/`⚠ [CODE]` line, then
/// the `╭─[file:l:c]` of its snippet (or the `-->` line given instead).
fn human_places(s: &str) -> Vec<Place> {
    let mut out = Vec::new();
    let mut code: Option<String> = None;
    for line in s.lines() {
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix("× [").or_else(|| t.strip_prefix("⚠ [")) {
            code = rest.split_once(']').map(|(c, _)| c.to_string());
        } else if let Some(c) = code.take() {
            let at = t
                .strip_prefix("╭─[")
                .and_then(|r| r.strip_suffix(']'))
                .or_else(|| t.strip_prefix("--> ").and_then(|r| r.split(": ").next()));
            let (f, l, col) = at.and_then(split_place).expect("a place after the message");
            out.push((c, f, l, col));
        }
    }
    out
}

/// The places of the plain format: its `file:l:c: error[CODE]: …` lines.
fn plain_places(s: &str) -> Vec<Place> {
    s.lines()
        .filter(|l| !l.starts_with(' '))
        .filter_map(|l| {
            let (head, rest) = l.split_once(": ")?;
            let code = rest.split_once('[')?.1.split_once(']')?.0.to_string();
            let (f, line, col) = split_place(head)?;
            Some((code, f, line, col))
        })
        .collect()
}

/// A set of two files with 1,000 diagnostics of several codes (E102, a
/// syntax error, E101, W008, E201), some on a line of CR line ends and one at a column past
/// the snippet limit: the human, plain and JSON formats report the same
/// codes at the same files, lines and columns, in the same order.
#[test]
fn the_three_formats_report_the_same_1000_diagnostics() {
    use orgc::diagnostics::render::{render, Format, Options};
    use orgc::diagnostics::Lang;
    let mut a = String::from("department 甲 : government { module 乙 }\n");
    let mut b = String::from("# 第二个文件\r\n");
    for i in 0..800 {
        match i % 4 {
            0 => a.push_str(&format!("item SX-{i:04} \"事项{i}\" : approval owner 丙{i}.乙\n")),
            1 => a.push_str(&format!("item SX-{i:04} \"事项{i}\" ： approval owner 甲.乙\n")),
            2 => b.push_str(&format!("department 甲 : government {{ }} # 第{i}行\u{202E}\r\n")),
            _ => b.push_str(&format!("item SX-{i:04} \"事项{i}\" : approval owner 甲.乙\rdepartment 丁{i} : party {{ module 乙 }}\ritem SY-{i:04} \"事项{i}\" : approval owner 丁{i}.乙\r\n")),
        }
    }
    a.push_str(&format!(
        "item SX-9999 \"{}\" : approval owner 戊.乙\n",
        "长".repeat(3000)
    ));
    let c = orgc::compile_files(&[
        ("a.policy", a.as_bytes()),
        ("b\u{202E}.policy", b.as_bytes()),
    ]);
    let n = c.diagnostics.len();
    assert!((1000..1400).contains(&n), "{n} diagnostics");
    let opts = |format, lang| Options {
        lang,
        format,
        color: false,
        width: 0,
    };
    let json: serde_json::Value = serde_json::from_str(&render(
        &c.diagnostics,
        &c.sources,
        opts(Format::Json, Lang::En),
    ))
    .unwrap();
    let from_json: Vec<Place> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                orgc::text::escape(d["file"].as_str().unwrap()).into_owned(),
                d["line"].as_u64().unwrap() as usize,
                d["column"].as_u64().unwrap() as usize,
            )
        })
        .collect();
    assert_eq!(from_json.len(), n);
    let mut codes: Vec<&str> = from_json.iter().map(|p| p.0.as_str()).collect();
    codes.sort();
    codes.dedup();
    assert!(codes.len() >= 4 && codes.contains(&"W008"), "{codes:?}");
    for lang in [Lang::Zh, Lang::En] {
        let plain = render(&c.diagnostics, &c.sources, opts(Format::Plain, lang));
        assert_eq!(plain_places(&plain), from_json, "plain ({lang:?})");
        let human = render(&c.diagnostics, &c.sources, opts(Format::Human, lang));
        assert_eq!(human_places(&human), from_json, "human ({lang:?})");
    }
}
