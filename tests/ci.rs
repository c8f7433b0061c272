//! The formats for CI, end to end on the real binary: `orgc check` and
//! `orgc test` with `--format sarif | github | gitlab | junit | json-lines`,
//! run the way CI runs them (from the repository's root, naming the set by a
//! relative path).
//!
//! - SARIF validates against the OASIS SARIF 2.1.0 schema
//!   (`tests/data/sarif-schema-2.1.0.json`, see `tests/data/README.md`),
//!   declares character columns and lists one rule per code used;
//! - GitHub workflow commands are snapshotted (`tests/snapshots/ci__*.snap`)
//!   for a set with Chinese names and a `,` and a `:` in a file name and in
//!   messages, and decode back to what they say;
//! - GitLab issues have their fields, and fingerprints that stay the same
//!   across runs, languages and an edit above the problem, and differ
//!   between diagnostics;
//! - JUnit parses as XML with one test case per checked file, and one per
//!   expectation for `orgc test`;
//! - every JSON Lines line parses and equals an entry of `--format json`;
//! - exit codes are the same in every format.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot set up its files should fail loudly"
)]

mod common;

use common::text;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

/// Errors in two files, Chinese names, a file name with `:` and `,`; the same
/// unknown name twice (two diagnostics alike but for their line), a duplicate
/// across files (a second place), and a clean third file.
const BROKEN: &[(&str, &str)] = &[
    (
        "审批:事项,甲.policy",
        "department 行政审批局 : government { module 审批一 }\n\
         item SP-0001 \"建设工程规划许可\" : approval owner 行政审批厅.审批一\n\
         item SP-0002 \"施工许可\" : aproval owner 行政审批局.审批一 statutory 20\n\
         item SP-0003 \"竣工验收备案\" : approval owner 行政审批厅.审批一 statutory 20\n",
    ),
    ("部门.policy", "department 行政审批局 : government { }\n"),
    (
        "社会.policy",
        "department 社会事业局 : government { module 民政 }\n",
    ),
];

/// A valid set whose expectations fail (T001: the messages hold `:` and `,`)
/// but one, spread over two files.
const EXPECT: &[(&str, &str)] = &[
    (
        "路由,预期:甲.policy",
        "tier five_days \"5日办结\" within 5d\n\
         tier same_day \"日清日结\" within 24h\n\
         department 行政审批局 : government { module 规划建设审批 }\n\
         department 社会事业局 : government { }\n\
         department 综合行政执法局 : government { }\n\
         item SP-0001 \"建设工程规划许可\" : approval owner 社会事业局 statutory 20 committed 5\n\
         event 噪声投诉 owner 社会事业局 tier same_day\n\
         expect item SP-0001 to 行政审批局\n\
         expect event 噪声投诉 to 综合行政执法局 tier five_days\n",
    ),
    ("预期.policy", "expect item SP-0001 to 社会事业局\n"),
];

/// Only a warning (W302: a target missed).
const WARNS: &[(&str, &str)] = &[(
    "目标.policy",
    "department 社会事业局 : government { module 民政 }\n\
     central_community 金钗河中心社区 { community 金钗河社区 }\n\
     community 金钗河社区 code 330383198001\n\
     bind 社会事业局 to 金钗河中心社区\n\
     targets illustrative { communities 2 }\n",
)];

const FORMATS: [&str; 5] = ["sarif", "github", "gitlab", "junit", "json-lines"];

/// A repository folder holding the set in `policies/`.
fn repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("policies")).unwrap();
    for (name, content) in files {
        std::fs::write(dir.path().join("policies").join(name), content).unwrap();
    }
    dir
}

/// Run orgc in `cwd`, with no locale from the environment.
fn orgc_in(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_orgc"))
        .args(args)
        .current_dir(cwd)
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .output()
        .expect("orgc runs")
}

/// `orgc COMMAND --format FORMAT --lang LANG policies` from the repository's root.
fn run(set: &tempfile::TempDir, command: &str, format: &str, lang: &str) -> Output {
    orgc_in(
        set.path(),
        &[command, "--format", format, "--lang", lang, "policies"],
    )
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", text(&o.stdout), text(&o.stderr)))
}

// ------------------------------------------------------------------ SARIF

fn sarif_validator() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json");
    let schema: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema is a valid JSON Schema")
}

fn assert_valid_sarif(doc: &Value) {
    let errors: Vec<String> = sarif_validator()
        .iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path))
        .take(5)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
}

/// Every artifact URI of a SARIF log (results and related locations).
fn uris(doc: &Value) -> Vec<String> {
    let mut out = Vec::new();
    for r in doc["runs"][0]["results"].as_array().unwrap() {
        for key in ["locations", "relatedLocations"] {
            for l in r[key].as_array().into_iter().flatten() {
                let uri = &l["physicalLocation"]["artifactLocation"]["uri"];
                out.push(uri.as_str().unwrap().to_string());
            }
        }
    }
    out
}

/// A relative URI reference of RFC 3986 made of path characters only: no
/// scheme, no raw non-ASCII, every `%` followed by two hex digits. (The
/// schema says `format: uri-reference`, which a draft-04 validator does not
/// check.)
fn assert_relative_uri(uri: &str) {
    assert!(!uri.contains(':') && !uri.starts_with('/'), "{uri}");
    let b = uri.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                assert!(
                    b.len() > i + 2 && b[i + 1].is_ascii_hexdigit() && b[i + 2].is_ascii_hexdigit(),
                    "{uri}"
                );
                i += 3;
            }
            c => {
                assert!(c.is_ascii_alphanumeric() || b"-._~/".contains(&c), "{uri}");
                i += 1;
            }
        }
    }
}

#[test]
fn sarif_validates_against_the_oasis_schema_with_character_columns() {
    let set = repo(BROKEN);
    let o = run(&set, "check", "sarif", "en");
    assert_eq!(code(&o), 1, "{}", text(&o.stderr));
    let doc = json(&o);
    assert_valid_sarif(&doc);
    // the validator does reject what the standard forbids
    let validator = sarif_validator();
    let mut bad = doc.clone();
    bad["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&bad));
    let mut bad = doc.clone();
    let region = &mut bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    region.as_object_mut().unwrap().remove("startLine");
    assert!(!validator.is_valid(&bad), "a region needs a start line");
    assert_eq!(doc["version"], "2.1.0");
    let run0 = &doc["runs"][0];
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    assert_eq!(run0["tool"]["driver"]["name"], "orgc");

    // one rule per code used, each with its name, title and help text
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["E101", "E102"]);
    assert_eq!(rules[1]["name"], "unresolved-reference");
    assert_eq!(rules[1]["shortDescription"]["text"], "unknown name");
    assert!(rules[1]["help"]["text"]
        .as_str()
        .unwrap()
        .starts_with("# E102"));
    assert!(rules.iter().all(|r| r.get("helpUri").is_none()));

    let results = run0["results"].as_array().unwrap();
    assert_eq!(results.len(), 4);
    for r in results {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        assert_eq!(r["level"], "error");
    }
    // `行政审批厅` is characters 42–46 of line 2 (bytes 58–73): the end column
    // is exclusive, the one after the name
    let first = &results[0];
    assert_eq!(first["ruleId"], "E102");
    let region = &first["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (
            &region["startLine"],
            &region["startColumn"],
            &region["endLine"],
            &region["endColumn"]
        ),
        (&2.into(), &42.into(), &2.into(), &47.into())
    );
    assert!(first["message"]["text"]
        .as_str()
        .unwrap()
        .contains("did you mean `行政审批局`?"));
    // the duplicate points at both places, the first one as a related location
    let dup = results.iter().find(|r| r["ruleId"] == "E101").unwrap();
    assert_eq!(dup["relatedLocations"].as_array().unwrap().len(), 1);
    // paths relative to the repository, `/`, percent-encoded
    let uris = uris(&doc);
    for u in &uris {
        assert_relative_uri(u);
    }
    assert!(uris.contains(
        &"policies/%E5%AE%A1%E6%89%B9%3A%E4%BA%8B%E9%A1%B9%2C%E7%94%B2.policy".to_string()
    ));

    // the same document in Chinese, but for its words
    let zh = json(&run(&set, "check", "sarif", "zh"));
    assert_valid_sarif(&zh);
    assert_eq!(zh["runs"][0]["language"], "zh-CN");
    assert_eq!(
        zh["runs"][0]["tool"]["driver"]["rules"][1]["shortDescription"]["text"],
        "引用了未声明的名称"
    );
    assert!(zh["runs"][0]["results"][0]["message"]["text"]
        .as_str()
        .unwrap()
        .starts_with("找不到部门 `行政审批厅`"));
}

#[test]
fn sarif_of_a_clean_set_and_of_orgc_test_validates() {
    let clean = repo(&BROKEN[2..]);
    let o = run(&clean, "check", "sarif", "en");
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    let doc = json(&o);
    assert_valid_sarif(&doc);
    assert_eq!(doc["runs"][0]["results"], serde_json::json!([]));

    let set = repo(EXPECT);
    let o = run(&set, "test", "sarif", "en");
    assert_eq!(code(&o), 1, "{}", text(&o.stderr));
    let doc = json(&o);
    assert_valid_sarif(&doc);
    assert_eq!(doc["runs"][0]["properties"]["passed"], 1);
    assert_eq!(doc["runs"][0]["properties"]["failed"], 2);
    let results = doc["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    assert!(results.iter().all(|r| r["ruleId"] == "T001"));
}

#[test]
fn sarif_paths_outside_the_working_folder_are_file_uris() {
    let set = repo(BROKEN);
    let elsewhere = tempfile::tempdir().unwrap();
    let policies = set.path().join("policies");
    let o = orgc_in(
        elsewhere.path(),
        &["check", "--format", "sarif", policies.to_str().unwrap()],
    );
    let doc = json(&o);
    assert_valid_sarif(&doc);
    assert!(uris(&doc).iter().all(|u| u.starts_with("file:///")));
    // and an absolute path under the working folder is made relative
    let o = orgc_in(
        set.path(),
        &["check", "--format", "sarif", policies.to_str().unwrap()],
    );
    for u in uris(&json(&o)) {
        assert_relative_uri(&u);
        assert!(u.starts_with("policies/"), "{u}");
    }
}

// ------------------------------------------------------------------ GitHub

/// A command line taken apart: the command, its properties decoded, its
/// message decoded.
fn parse_command(line: &str) -> (String, Vec<(String, String)>, String) {
    let decode = |s: &str| {
        s.replace("%2C", ",")
            .replace("%3A", ":")
            .replace("%0A", "\n")
            .replace("%0D", "\r")
            .replace("%25", "%")
    };
    let rest = line.strip_prefix("::").expect("a workflow command");
    let (head, message) = rest.split_once("::").expect("`::` before the message");
    let (command, props) = head.split_once(' ').unwrap_or((head, ""));
    let props = props
        .split(',')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').expect("key=value");
            (k.to_string(), decode(v))
        })
        .collect();
    (command.to_string(), props, decode(message))
}

fn input_of(files: &[(&str, &str)]) -> String {
    files
        .iter()
        .map(|(n, t)| format!("=== policies/{n}\n{t}"))
        .collect()
}

#[test]
fn github_commands_snapshot() {
    let set = repo(BROKEN);
    let en = run(&set, "check", "github", "en");
    let zh = run(&set, "check", "github", "zh");
    assert_eq!(code(&en), 1);
    let (en, zh) = (text(&en.stdout), text(&zh.stdout));
    let snapshot = format!(
        "{}\n--- orgc check --format github --lang en policies\n{en}\n--- … --lang zh\n{zh}",
        input_of(BROKEN)
    );
    insta::with_settings!({ omit_expression => true }, {
        insta::assert_snapshot!("github_check", snapshot);
    });
    let lines: Vec<&str> = en.lines().collect();
    assert_eq!(lines.len(), 4);
    for line in &lines {
        assert!(!line.contains('\r'));
        let (command, props, _) = parse_command(line);
        assert_eq!(command, "error");
        let keys: Vec<&str> = props.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            ["file", "line", "col", "endLine", "endColumn", "title"]
        );
    }
    // the file name's `:` and `,` are escaped in the property and decode back
    let (_, props, message) = parse_command(lines[0]);
    assert_eq!(props[0].1, "policies/审批:事项,甲.policy");
    assert_eq!(props[2].1, "42");
    assert_eq!(props[4].1, "46");
    assert_eq!(props[5].1, "E102 unknown name");
    assert_eq!(
        message,
        "unknown department `行政审批厅`\nhelp: did you mean `行政审批局`?"
    );

    let set = repo(EXPECT);
    let o = run(&set, "test", "github", "en");
    assert_eq!(code(&o), 1);
    let out = text(&o.stdout);
    let zh = text(&run(&set, "test", "github", "zh").stdout);
    let snapshot = format!(
        "{}\n--- orgc test --format github --lang en policies\n{out}\n--- … --lang zh\n{zh}",
        input_of(EXPECT)
    );
    insta::with_settings!({ omit_expression => true }, {
        insta::assert_snapshot!("github_test", snapshot);
    });
    assert!(out.ends_with("1 passed, 2 failed\n"), "{out}");
    // `:` and `,` in a message are not escaped (only in properties)
    let (_, _, message) = parse_command(out.lines().next().unwrap());
    assert!(message.starts_with(
        "expectation fails: `SP-0001 建设工程规划许可` is handled by `社会事业局`, expected `行政审批局`"
    ));
}

// ------------------------------------------------------------------ GitLab

fn fingerprints(doc: &Value) -> Vec<String> {
    doc.as_array()
        .unwrap()
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn gitlab_issues_have_their_fields_and_stable_distinct_fingerprints() {
    let set = repo(BROKEN);
    let o = run(&set, "check", "gitlab", "en");
    assert_eq!(code(&o), 1);
    let doc = json(&o);
    let issues = doc.as_array().unwrap();
    assert_eq!(issues.len(), 4);
    for i in issues {
        assert!(!i["description"].as_str().unwrap().is_empty());
        assert!(i["check_name"].as_str().unwrap().starts_with("orgc/"));
        assert_eq!(i["severity"], "major");
        let path = i["location"]["path"].as_str().unwrap();
        assert!(path.starts_with("policies/"), "{path}");
        assert!(i["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
    }
    assert_eq!(
        issues[0]["location"]["path"],
        "policies/审批:事项,甲.policy"
    );
    assert_eq!(issues[0]["location"]["lines"]["begin"], 2);

    // distinct, even for the two `行政审批厅` alike but for their line
    let prints = fingerprints(&doc);
    let mut unique = prints.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), prints.len(), "{prints:?}");
    // the same in a second run, and in Chinese
    assert_eq!(
        fingerprints(&json(&run(&set, "check", "gitlab", "en"))),
        prints
    );
    let zh = json(&run(&set, "check", "gitlab", "zh"));
    assert_eq!(fingerprints(&zh), prints);
    assert_ne!(zh[0]["description"], doc[0]["description"]);
    // and after an edit above the problems, which moves every line
    let file = set.path().join("policies").join(BROKEN[0].0);
    std::fs::write(&file, format!("# 龙港市\n\n{}", BROKEN[0].1)).unwrap();
    let moved = json(&run(&set, "check", "gitlab", "en"));
    assert_eq!(moved[0]["location"]["lines"]["begin"], 4);
    assert_eq!(fingerprints(&moved), prints);

    // warnings are minor; a clean set is an empty list
    let warns = json(&run(&repo(WARNS), "check", "gitlab", "en"));
    assert_eq!(warns[0]["severity"], "minor");
    assert_eq!(warns[0]["check_name"], "orgc/W302");
    let clean = run(&repo(&BROKEN[2..]), "check", "gitlab", "en");
    assert_eq!(code(&clean), 0);
    assert_eq!(json(&clean), serde_json::json!([]));
}

// ------------------------------------------------------------------ JUnit

/// (name, failure message if failed, skipped) of every case of a suite.
fn cases(xml: &str, suite: &str) -> Vec<(String, Option<String>, bool)> {
    let doc = roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let suite = doc
        .descendants()
        .find(|n| n.has_tag_name("testsuite") && n.attribute("name") == Some(suite))
        .unwrap_or_else(|| panic!("no suite {suite}\n{xml}"));
    suite
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .map(|c| {
            let failure = c
                .children()
                .find(|n| n.has_tag_name("failure"))
                .map(|f| f.text().unwrap_or_default().to_string());
            let skipped = c.children().any(|n| n.has_tag_name("skipped"));
            (c.attribute("name").unwrap().to_string(), failure, skipped)
        })
        .collect()
}

#[test]
fn junit_has_a_case_per_checked_file_and_per_expectation() {
    let set = repo(BROKEN);
    let o = run(&set, "check", "junit", "en");
    assert_eq!(code(&o), 1);
    let xml = text(&o.stdout);
    let check = cases(&xml, "orgc check");
    let names: Vec<&str> = check.iter().map(|c| c.0.as_str()).collect();
    assert_eq!(
        names,
        [
            "policies/审批:事项,甲.policy",
            "policies/社会.policy",
            "policies/部门.policy"
        ]
    );
    // the file's diagnostics, as `plain` lines with relative paths
    let failure = check[0].1.as_deref().unwrap();
    assert_eq!(failure.matches("error[E102]").count(), 3, "{failure}");
    assert!(failure.contains(
        "policies/审批:事项,甲.policy:2:42: error[E102]: unknown department `行政审批厅`"
    ));
    assert!(check[1].1.is_none());
    assert!(check[2].1.as_deref().unwrap().contains("error[E101]"));
    assert!(!xml.contains("orgc test"));

    // orgc test: the check's cases and one per expectation
    let set = repo(EXPECT);
    let o = run(&set, "test", "junit", "zh");
    assert_eq!(code(&o), 1);
    let xml = text(&o.stdout);
    assert_eq!(cases(&xml, "orgc check").len(), 2);
    let test = cases(&xml, "orgc test");
    let names: Vec<&str> = test.iter().map(|c| c.0.as_str()).collect();
    assert_eq!(
        names,
        [
            "expect item SP-0001 to 行政审批局",
            "expect event 噪声投诉 to 综合行政执法局 tier five_days",
            "expect item SP-0001 to 社会事业局",
        ]
    );
    assert!(
        test[0].1.as_deref().unwrap().contains("error[T001]")
            || test[0].1.as_deref().unwrap().contains("错误[T001]")
    );
    // both parts of the second expectation fail, in one case
    assert_eq!(test[1].1.as_deref().unwrap().matches("[T001]").count(), 2);
    assert!(test[2].1.is_none() && !test[2].2);
    // the counts are in the XML (and nowhere else: stdout is the document)
    assert!(
        xml.contains(
            r#"<testsuite name="orgc test" tests="3" skipped="0" errors="0" failures="2">"#
        ),
        "{xml}"
    );
    assert!(!text(&o.stderr).contains("passed"));

    // a set with errors: the expectations are not run, and say so
    let mut broken: Vec<(&str, &str)> = EXPECT.to_vec();
    broken.push(("坏.policy", "department 行政审批局 : government { }\n"));
    let o = run(&repo(&broken), "test", "junit", "en");
    assert_eq!(code(&o), 1);
    let test = cases(&text(&o.stdout), "orgc test");
    assert_eq!(test.len(), 3);
    assert!(test.iter().all(|c| c.2 && c.1.is_none()));
}

#[test]
fn junit_fails_a_file_with_warnings_only_under_deny_warnings() {
    let set = repo(WARNS);
    let o = run(&set, "check", "junit", "en");
    assert_eq!(code(&o), 0);
    let xml = text(&o.stdout);
    let check = cases(&xml, "orgc check");
    assert!(check[0].1.is_none());
    assert!(
        xml.contains("<system-out>") && xml.contains("warning[W302]"),
        "{xml}"
    );
    let o = orgc_in(
        set.path(),
        &["check", "--format", "junit", "--deny-warnings", "policies"],
    );
    assert_eq!(code(&o), 1);
    let check = cases(&text(&o.stdout), "orgc check");
    assert!(check[0].1.as_deref().unwrap().contains("warning[W302]"));
}

// ------------------------------------------------------------------ JSON Lines

#[test]
fn json_lines_are_the_json_documents_entries_one_per_line() {
    for (set, command) in [
        (repo(BROKEN), "check"),
        (repo(EXPECT), "test"),
        (repo(WARNS), "check"),
    ] {
        for lang in ["en", "zh"] {
            let lines = run(&set, command, "json-lines", lang);
            let doc = json(&run(&set, command, "json", lang));
            let expected = doc["diagnostics"].as_array().unwrap();
            let out = text(&lines.stdout);
            let parsed: Vec<Value> = out
                .lines()
                .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
                .collect();
            assert_eq!(&parsed, expected, "{command} {lang}");
            assert!(!parsed.is_empty());
        }
    }
    let clean = run(&repo(&BROKEN[2..]), "check", "json-lines", "en");
    assert_eq!(code(&clean), 0);
    assert!(clean.stdout.is_empty());
}

// ------------------------------------------------------------------ exit codes

#[test]
fn exit_codes_are_the_same_in_every_format() {
    let broken = repo(BROKEN);
    let warns = repo(WARNS);
    let clean = repo(&BROKEN[2..]);
    let expect = repo(EXPECT);
    for format in FORMATS {
        let what = |o: &Output| format!("{format}: {}", text(&o.stderr));
        let o = run(&broken, "check", format, "en");
        assert_eq!(code(&o), 1, "{}", what(&o));
        let o = run(&warns, "check", format, "en");
        assert_eq!(code(&o), 0, "{}", what(&o));
        let o = orgc_in(
            warns.path(),
            &["check", "--format", format, "--deny-warnings", "policies"],
        );
        assert_eq!(code(&o), 1, "{}", what(&o));
        let o = run(&clean, "check", format, "en");
        assert_eq!(code(&o), 0, "{}", what(&o));
        let o = run(&expect, "test", format, "en");
        assert_eq!(code(&o), 1, "{}", what(&o));
        let o = run(&clean, "test", format, "en");
        assert_eq!(code(&o), 0, "{}", what(&o));
        let o = run(&broken, "test", format, "en");
        assert_eq!(code(&o), 1, "{}", what(&o));
    }
    // `orgc route` and `orgc build` keep their three formats
    let o = orgc_in(
        clean.path(),
        &["route", "--format", "sarif", "x", "policies"],
    );
    assert_eq!(code(&o), 2);
}

// ------------------------------------------------------------------ orgc test --format json

#[test]
fn orgc_test_json_is_one_document_with_every_expectation_and_its_result() {
    let set = repo(EXPECT);
    for lang in ["en", "zh"] {
        let o = run(&set, "test", "json", lang);
        assert_eq!(code(&o), 1);
        // the whole of stdout is one JSON document, and stderr holds no other
        let doc = json(&o);
        assert!(text(&o.stderr).trim().is_empty(), "{}", text(&o.stderr));
        let keys: Vec<&str> = doc
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "schema",
                "errors",
                "warnings",
                "diagnostics",
                "expectations",
                "passed",
                "failed"
            ]
        );
        let cases = doc["expectations"].as_array().unwrap();
        assert_eq!(cases.len(), 3);
        assert_eq!(cases[0]["expect"], "expect item SP-0001 to 行政审批局");
        assert_eq!(cases[0]["line"], 8);
        assert_eq!(cases[0]["result"], "failed");
        assert_eq!(cases[1]["result"], "failed");
        // the event fails twice: its handler and its tier
        assert_eq!(cases[1]["failures"].as_array().map(Vec::len), Some(2));
        assert_eq!(cases[2]["file"], "policies/预期.policy");
        assert_eq!(cases[2]["result"], "passed");
        assert_eq!(cases[2]["failures"].as_array().map(Vec::len), Some(0));
        let failed = cases.iter().filter(|c| c["result"] == "failed").count();
        assert_eq!(doc["failed"], failed);
        assert_eq!(doc["passed"], 1);
        // the failures are also the document's T001 diagnostics
        let t001 = doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["code"] == "T001")
            .count();
        assert_eq!(t001, 3);
    }
    // a set with errors: every expectation is listed as not run
    let mut broken: Vec<(&str, &str)> = EXPECT.to_vec();
    broken.push(("坏.policy", "department 缺 : nonsense { }\n"));
    let o = run(&repo(&broken), "test", "json", "en");
    assert_eq!(code(&o), 1);
    let doc = json(&o);
    let results: Vec<&str> = doc["expectations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["result"].as_str().unwrap())
        .collect();
    assert_eq!(results, ["not_run", "not_run", "not_run"]);
}
