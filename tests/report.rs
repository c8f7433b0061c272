//! `orgc report` end to end: Markdown, HTML and JSON of the Longgang set and
//! of small sets, refusal on errors, I/O problems, templates, and the HTML
//! opened in a real browser.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot set up or read its output should fail loudly"
)]

mod common;

use common::browser;
use common::{copy_with, longgang, orgc, text};
use std::path::{Path, PathBuf};

fn examples(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

/// `orgc report SET -o DIR/NAME` (plus `extra` arguments), which must succeed; the file's text.
fn report(set: &Path, dir: &Path, name: &str, extra: &[&str]) -> String {
    let out = dir.join(name);
    let mut args = vec!["report", set.to_str().unwrap(), "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = orgc(&args);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    std::fs::read_to_string(out).unwrap()
}

/// The text of some markup: tags dropped, white space dropped, so that a
/// name wrapped over two lines of a drawing reads as one.
fn text_of(markup: &str) -> String {
    markup
        .split('<')
        .map(|t| t.split_once('>').map_or(t, |(_, s)| s))
        .flat_map(|t| t.chars().filter(|c| !c.is_whitespace()))
        .collect()
}

/// The names of every department of the Longgang set, from the compiled model.
fn longgang_departments() -> Vec<String> {
    let c = orgc::compile(&[longgang()]).unwrap();
    c.model
        .departments
        .iter()
        .map(|d| d.name.text.clone())
        .collect()
}

#[test]
fn markdown_and_html_show_every_headline_figure_with_its_target_and_every_department() {
    let dir = tempfile::tempdir().unwrap();
    let md = report(&longgang(), dir.path(), "report.md", &[]);
    let html = report(&longgang(), dir.path(), "report.html", &[]);
    let departments = longgang_departments();
    assert_eq!(departments.len(), 21);
    for doc in [&md, &html] {
        for d in &departments {
            assert!(doc.contains(d.as_str()), "{d} missing");
        }
        assert!(doc.contains("42 项目标数字中，42 项与政策实际一致"));
    }
    // the published headline figures, each beside its target
    for (label, figure) in [
        ("审批事项", 1146),
        ("执法事项", 3043),
        ("涉企审批服务", 1612),
        ("下沉社区干部比例（%）", 70),
    ] {
        let row = format!("| {label} | {figure} | {figure} | ✓ 达成 |");
        assert!(md.contains(&row), "{row} not in the Markdown report");
        let row = format!(
            "<td>{label}</td>\n<td class=\"num\">{figure}</td>\n<td class=\"num\">{figure}</td>\n<td><span class=\"badge ok\">✓ 达成</span></td>"
        );
        assert!(html.contains(&row), "{row} not in the HTML report");
    }
    // every figure's row in the Markdown: label | actual | target | met
    let json = orgc(&["report", longgang().to_str().unwrap(), "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    for f in doc["figures"].as_array().unwrap() {
        let row = format!(
            "| {} | {} | {} | ✓ 达成 |",
            f["label"].as_str().unwrap(),
            f["actual"],
            f["target"]
        );
        assert!(md.contains(&row), "{row} not in the Markdown report");
    }
    // the org chart: an SVG drawing inside the HTML, with every department in it
    let svg = text_of(&html[html.find("<svg").unwrap()..html.find("</svg>").unwrap()]);
    for d in &departments {
        assert!(svg.contains(d.as_str()), "{d} not in the org chart");
    }
}

#[test]
fn json_lists_each_figure_with_actual_target_source_and_met() {
    let o = orgc(&["report", longgang().to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["schema"], "orgc.report/1");
    assert_eq!(doc["lang"], "zh");
    let figures = doc["figures"].as_array().unwrap();
    let c = orgc::compile(&[longgang()]).unwrap();
    assert_eq!(figures.len(), c.model.targets.len());
    for f in figures {
        for key in [
            "name", "label", "actual", "target", "met", "source", "scope",
        ] {
            assert!(!f[key].is_null(), "{key} missing in {f}");
        }
        assert_eq!(f["met"], f["actual"] == f["target"]);
    }
    let find = |name: &str, scope: serde_json::Value| {
        figures
            .iter()
            .find(|f| f["name"] == name && f["scope"]["name"] == scope)
            .unwrap()
    };
    let approvals = find("approval_items", serde_json::Value::Null);
    assert_eq!(
        (
            &approvals["actual"],
            &approvals["target"],
            &approvals["met"]
        ),
        (&1146.into(), &1146.into(), &true.into())
    );
    assert_eq!(approvals["source"], "published");
    assert_eq!(approvals["scope"]["kind"], "city");
    assert!(approvals["document"].as_str().unwrap().contains("何宗静"));
    let scoped = find("enforcement_items", "综合行政执法局".into());
    assert_eq!(scoped["scope"]["kind"], "department");
    assert_eq!(scoped["actual"], 3043);
    assert_eq!(
        find("dispatch_rows", serde_json::Value::Null)["source"],
        "derived"
    );
    assert_eq!(
        find("events", serde_json::Value::Null)["source"],
        "illustrative"
    );
    // the other sections are there as data
    assert_eq!(doc["departments"].as_array().unwrap().len(), 21);
    assert_eq!(doc["dispatch"]["rows"], 3672);
    assert_eq!(doc["staffing"]["percent"], 70);
    assert_eq!(doc["transfers"]["total"], 154);
    // and `-o x.json` writes the same document
    let dir = tempfile::tempdir().unwrap();
    let file = report(&longgang(), dir.path(), "x.json", &[]);
    assert_eq!(file.as_bytes(), &o.stdout[..]);
}

/// Examples/10-targets with one more figure that the set does not reach.
fn missed_set() -> tempfile::TempDir {
    copy_with(
        &examples("10-targets"),
        "missed.policy",
        "targets published \"某某文件\" { events 5 }\n",
    )
}

#[test]
fn a_missed_target_shows_not_met_in_every_format_and_its_warning_under_coverage() {
    let set = missed_set();
    let dir = tempfile::tempdir().unwrap();
    let md = report(set.path(), dir.path(), "r.md", &[]);
    assert!(md.contains("| 事件类型 | 0 | 5 | ✗ **未达成** |"), "{md}");
    assert!(md.contains("15 项目标数字中，14 项与政策实际一致"));
    assert!(md.contains("| W302 |"), "the warning is listed:\n{md}");
    let en = report(set.path(), dir.path(), "r-en.md", &["--lang", "en"]);
    assert!(
        en.contains("| event kinds | 0 | 5 | ✗ **not met** |"),
        "{en}"
    );
    assert!(en.contains("target `events` is declared as 5 but the policy has 0"));
    let html = report(set.path(), dir.path(), "r.html", &[]);
    assert!(html.contains("✗ 未达成"));
    assert!(html.contains("<tr class=\"missed\">"));
    let json = orgc(&["report", set.path().to_str().unwrap(), "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let f = doc["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "events")
        .unwrap();
    assert_eq!(
        (&f["met"], &f["actual"], &f["target"]),
        (&false.into(), &0.into(), &5.into())
    );
    assert_eq!(f["document"], "某某文件");
    assert_eq!(doc["coverage"]["warnings"][0]["code"], "W302");
}

#[test]
fn one_language_per_report() {
    let dir = tempfile::tempdir().unwrap();
    let en = report(
        &examples("11-dispatch-and-service-centre"),
        dir.path(),
        "en.html",
        &["--lang", "en"],
    );
    let zh = report(
        &examples("11-dispatch-and-service-centre"),
        dir.path(),
        "zh.html",
        &[],
    );
    // the words orgc writes; the names in the policy are Chinese in both
    for word in [
        "目标数字",
        "各部门工作量",
        "达成",
        "合计",
        "覆盖情况",
        "组织架构图",
        "党委部门",
        "派单表",
    ] {
        assert!(zh.contains(word), "{word} missing in Chinese");
        assert!(!en.contains(word), "{word} in the English report");
    }
    for word in [
        "Headline figures",
        "Load per department",
        "Coverage",
        "rows of the dispatch table",
    ] {
        assert!(en.contains(word), "{word} missing in English");
        assert!(!zh.contains(word), "{word} in the Chinese report");
    }
    assert!(en.contains("<html lang=\"en\">") && zh.contains("<html lang=\"zh-CN\">"));
}

#[test]
fn the_html_is_self_contained() {
    let dir = tempfile::tempdir().unwrap();
    let html = report(&longgang(), dir.path(), "report.html", &[]);
    let lower = html.to_lowercase();
    for bad in [
        "src=\"http",
        "href=\"http",
        "src='http",
        "href='http",
        "url(",
        "@import",
        "<link",
        "<img",
        "<iframe",
        "xmlns",
    ] {
        assert!(!lower.contains(bad), "the HTML has `{bad}`");
    }
    assert!(lower.contains("@media print") && lower.contains("break-before: page"));
    assert!(lower.contains("@page") && lower.contains("size: a4"));
    assert!(
        html.matches("<svg").count() >= 2,
        "the org chart and the load chart are inline SVG"
    );
    assert!(html.contains("document.documentElement") && html.contains("dataset.errors"));
}

#[test]
fn names_are_escaped_in_html_and_markdown() {
    let set = tempfile::tempdir().unwrap();
    std::fs::write(
        set.path().join("a.policy"),
        "department \"部门<b>|甲&\" : party { module \"模块<i>\" }\n\
         targets derived { departments 1 }\n",
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let html = report(set.path(), dir.path(), "r.html", &[]);
    assert!(!html.contains("<b>|甲") && !html.contains("模块<i>"));
    assert!(
        html.contains("部门&lt;b&gt;|甲&amp;"),
        "HTML-escaped in tables and in the chart"
    );
    let md = report(set.path(), dir.path(), "r.md", &[]);
    assert!(md.contains("部门&lt;b&gt;\\|甲&"), "{md}");
    assert!(!md.contains("<b>"));
}

#[test]
fn a_set_with_errors_writes_nothing_and_io_problems_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let broken = copy_with(
        &examples("10-targets"),
        "broken.policy",
        "item X-1 \"无主事项\" : approval owner 不存在的局\n",
    );
    let out = dir.path().join("r.html");
    std::fs::write(&out, "old report").unwrap();
    let o = orgc(&[
        "report",
        broken.path().to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("策略集有错误，未写出任何文件"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old report");
    let o = orgc(&[
        "report",
        broken.path().to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());

    let set = examples("10-targets");
    let set = set.to_str().unwrap();
    // a folder that does not exist
    let nowhere = dir.path().join("no/such/folder/r.md");
    let o = orgc(&["report", set, "-o", nowhere.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    // an extension that says no format
    let o = orgc(&[
        "report",
        set,
        "-o",
        dir.path().join("r.txt").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains(".md、.html 或 .json"));
    // a template that is not there, or that does not parse, or for JSON
    let o = orgc(&["report", set, "--template", "/no/such/template.j2"]);
    assert_eq!(o.status.code(), Some(2));
    let bad = dir.path().join("bad.md.j2");
    std::fs::write(&bad, "{% for x in %}").unwrap();
    let o = orgc(&["report", set, "--template", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("bad.md.j2"), "{}", text(&o.stderr));
    let o = orgc(&[
        "report",
        set,
        "--format",
        "json",
        "--template",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    // no temporary file is left beside the outputs
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(
        left.iter()
            .all(|n| !n.to_string_lossy().contains("orgc-tmp")),
        "{left:?}"
    );
}

#[test]
fn an_edited_template_is_used_and_same_input_gives_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let tpl = dir.path().join("mine.md.j2");
    std::fs::write(
        &tpl,
        "{{ report.title }}\n{% for f in report.figures %}{{ f.name }}={{ f.actual }}/{{ f.target }} {{ t.met if f.met else t.not_met }}\n{% endfor %}",
    )
    .unwrap();
    // the default template, to start from
    let o = orgc(&["report", "--format", "html", "--show-template"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(text(&o.stdout), orgc::report::render::HTML);
    let o = orgc(&["report", "--format", "json", "--show-template"]);
    assert_eq!(o.status.code(), Some(2));
    let set = examples("10-targets");
    let a = report(
        &set,
        dir.path(),
        "a.md",
        &["--template", tpl.to_str().unwrap()],
    );
    assert!(
        a.starts_with("组织架构与改革目标报告\nparty=1/1 达成\n"),
        "{a}"
    );
    let b = report(
        &set,
        dir.path(),
        "b.md",
        &["--template", tpl.to_str().unwrap()],
    );
    assert_eq!(a, b);
    let h1 = report(&longgang(), dir.path(), "1.html", &[]);
    let h2 = report(&longgang(), dir.path(), "2.html", &[]);
    assert!(h1 == h2, "the HTML report differs between two runs");
}

#[test]
fn the_markdown_report_of_the_targets_example() {
    let dir = tempfile::tempdir().unwrap();
    let md = report(
        &examples("10-targets"),
        dir.path(),
        "report.md",
        &["--groups"],
    );
    insta::assert_snapshot!("report_10_targets_zh", md);
    let en = report(
        &examples("11-dispatch-and-service-centre"),
        dir.path(),
        "en.md",
        &["--lang", "en"],
    );
    insta::assert_snapshot!("report_11_dispatch_en", en);
}

#[test]
fn the_report_and_the_org_chart_open_in_a_browser_without_script_errors() {
    let Some(chromium) = browser::browser_or_skip("report in a browser") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    report(&longgang(), dir.path(), "report.html", &[]);
    let svg = dir.path().join("org.svg");
    let o = orgc(&[
        "graph",
        longgang().to_str().unwrap(),
        "--format",
        "svg",
        "-o",
        svg.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let departments = longgang_departments();
    for page in [dir.path().join("report.html"), svg] {
        let dom = browser::dump_dom(&chromium, &browser::file_url(&page, ""));
        assert_eq!(browser::script_errors(&dom), "", "{}", page.display());
        // the text the browser holds: every department's name (a drawing may wrap it)
        let flat = text_of(&dom);
        for d in &departments {
            assert!(
                flat.contains(d.as_str()),
                "{d} not in the DOM of {}",
                page.display()
            );
        }
    }
}
