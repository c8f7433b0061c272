//! The files `orgc build` writes for people, on the Longgang set: the lookup
//! page (`lookup.html`, opened in a real headless browser) and the workbook
//! (`routes.xlsx`, read back with calamine).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot build or read its outputs should fail loudly"
)]

mod common;

use calamine::{open_workbook, Data, Reader, Xlsx};
use common::browser::{browser_or_skip, dump_dom, file_url, script_errors};
use common::{longgang, orgc, text};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The Longgang set built once per language for all the tests of this file.
fn built(lang: &'static str) -> &'static Path {
    static ZH: OnceLock<PathBuf> = OnceLock::new();
    static EN: OnceLock<PathBuf> = OnceLock::new();
    let cell = if lang == "zh" { &ZH } else { &EN };
    cell.get_or_init(|| {
        let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("lookup-{lang}"));
        let _ = std::fs::remove_dir_all(&out);
        let o = orgc(&[
            "build",
            "--lang",
            lang,
            longgang().to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        out
    })
}

/// The text of the page without tags, as a person reads it: inline tags
/// (a name in bold, a link) join their text, other tags separate it.
fn visible(dom: &str) -> String {
    const INLINE: &[&str] = &["a", "b", "span", "mark", "code"];
    let mut out = String::new();
    let mut rest = dom;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open + 1..open + close];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if !INLINE.contains(&name.as_str()) {
            out.push(' ');
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The part of the page that shows the chosen answer.
fn detail(dom: &str) -> String {
    let at = dom
        .find("id=\"detail\"")
        .expect("the page has a detail section");
    let start = at + dom[at..].find('>').map_or(0, |g| g + 1);
    let end = dom[start..]
        .find("</section>")
        .map_or(dom.len(), |e| start + e);
    visible(&dom[start..end])
}

fn percent(q: &str) -> String {
    q.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The page after `#q=QUERY` has filled the search box and run the search;
/// no script errors.
fn open(browser: &Path, lang: &'static str, query: &str) -> String {
    let page = built(lang).join("lookup.html");
    let dom = dump_dom(browser, &file_url(&page, &format!("q={}", percent(query))));
    assert_eq!(script_errors(&dom), "", "script errors on #q={query}");
    dom
}

#[test]
fn the_page_is_one_file_that_needs_no_network() {
    let page = std::fs::read_to_string(built("zh").join("lookup.html")).unwrap();
    let lower = page.to_lowercase();
    for attr in ["src", "href", "action"] {
        for quote in ["\"", "'", ""] {
            for scheme in ["http:", "https:", "//"] {
                let pattern = format!("{attr}={quote}{scheme}");
                assert!(!lower.contains(&pattern), "the page refers to `{pattern}`");
            }
        }
    }
    assert!(!lower.contains("<link"), "the page loads a stylesheet");
    assert!(!lower.contains("<script src"), "the page loads a script");
    assert!(!lower.contains("url("), "the page's CSS loads something");
    assert!(!lower.contains("@import"), "the page's CSS loads something");
    assert!(page.contains("<script type=\"application/json\" id=\"orgc-data\">"));
    // every answer of the set is in it, yet it stays small enough for a phone
    // (about 1.7 MB for Longgang's 4,479 items and 3,672 dispatch rows)
    let size = page.len();
    assert!(size < 3_000_000, "lookup.html is {size} bytes");
    assert!(page.contains("SP-0001") && page.contains("龙和社区"));
}

#[test]
fn an_approval_item_found_by_part_of_its_name_shows_its_handler() {
    let Some(browser) = browser_or_skip("an_approval_item_found_by_part_of_its_name") else {
        return;
    };
    // SP-0001 企业投资项目核准（新办）, found by a part of its name typed with
    // a half-width bracket
    let dom = open(&browser, "zh", "投资项目核准(新办");
    let shown = detail(&dom);
    assert!(
        shown.contains("SP-0001 企业投资项目核准（新办）"),
        "{shown}"
    );
    assert!(shown.contains("主管部门 行政审批局"), "{shown}");
    assert!(shown.contains("模块 投资项目审批"), "{shown}");
    assert!(
        shown.contains("办结时限法定办结时限 20 个工作日，承诺 2 个工作日"),
        "{shown}"
    );
    // the chain of `orgc route`, with file:line, in the build's language
    assert!(shown.contains("items-approval.policy:15"), "{shown}");
    assert!(shown.contains("规则 一枚印章管审批 对它成立"), "{shown}");
}

#[test]
fn a_community_shows_its_handlers_with_roles_and_every_dispatch() {
    let Some(browser) = browser_or_skip("a_community_shows_its_handlers_with_roles") else {
        return;
    };
    let dom = open(&browser, "zh", "龙和社区");
    let shown = detail(&dom);
    assert!(shown.starts_with("社区 龙和社区 330383198057"), "{shown}");
    assert!(shown.contains("所属中心社区 薛家桥中心社区"), "{shown}");
    assert!(
        shown.contains("捆绑部门 基层治理委员会、行政审批局、自然资源与规划建设局、综合行政执法局"),
        "{shown}"
    );
    // the team sent for each event kind there (as `orgc route 噪声投诉 --at 龙和社区`)
    assert!(
        shown.contains("噪声投诉 综合行政执法局.第四中队 日清日结（24 小时内）"),
        "{shown}"
    );
    // by its code too
    let dom = open(&browser, "zh", "330383198057");
    assert!(detail(&dom).starts_with("社区 龙和社区 330383198057"));
}

#[test]
fn an_event_kind_and_a_community_give_the_dispatch_there() {
    let Some(browser) = browser_or_skip("an_event_kind_and_a_community_give_the_dispatch") else {
        return;
    };
    let dom = open(&browser, "zh", "噪声 龙和");
    let shown = detail(&dom);
    assert!(
        shown.contains("噪声投诉 @ 龙和社区 330383198057"),
        "{shown}"
    );
    assert!(shown.contains("属地社区 龙和社区"), "{shown}");
    assert!(
        shown.contains("派单队伍 综合行政执法局.第四中队"),
        "{shown}"
    );
    assert!(
        shown.contains("分片捆绑：综合行政执法局.第四中队 捆绑到 薛家桥中心社区，由它报到"),
        "{shown}"
    );
    // an event kind with an enforcer, in a community where its owner has no team
    let dom = open(&browser, "zh", "食品安全投诉 龙和社区");
    let shown = detail(&dom);
    assert!(shown.contains("直接报到部门 市场监督管理局"), "{shown}");
    assert!(
        shown.contains("执法队伍 综合行政执法局.第四中队"),
        "{shown}"
    );
}

#[test]
fn the_page_speaks_the_language_of_the_build() {
    let Some(browser) = browser_or_skip("the_page_speaks_the_language_of_the_build") else {
        return;
    };
    let dom = open(&browser, "en", "sp-0001");
    assert!(dom.contains("<html lang=\"en\""));
    let shown = detail(&dom);
    assert!(shown.contains("owner 行政审批局"), "{shown}");
    assert!(
        shown.contains("rule 一枚印章管审批 holds for it"),
        "{shown}"
    );
    // a query that finds nothing says so
    let dom = open(&browser, "en", "no such thing");
    assert!(visible(&dom).contains("Nothing found"), "{}", visible(&dom));
}

fn sheet(path: &Path, name: &str) -> calamine::Range<Data> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    wb.worksheet_range(name).unwrap()
}

fn column(range: &calamine::Range<Data>, heading: &str) -> usize {
    let headings: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    headings
        .iter()
        .position(|h| h == heading)
        .unwrap_or_else(|| panic!("no column `{heading}` in {headings:?}"))
}

#[test]
fn the_workbook_is_for_people() {
    let path = built("zh").join("routes.xlsx");
    let wb: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "部门",
            "事项",
            "上级对口处室",
            "职能转移",
            "承接机构",
            "下放社区事项",
            "社区",
            "中心社区",
            "一件事",
            "响应时限",
            "事件类型",
            "派单",
            "服务中心",
            "服务中心事项",
            "落地措施",
            "编制",
        ]
    );
    let items = sheet(&path, "事项");
    assert_eq!(
        items.height(),
        1 + 4479,
        "a heading row, then one row per item"
    );
    let first: Vec<String> = items
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        &first[..4],
        ["事项编码", "事项名称", "事项类别", "主管部门"]
    );
    let sp1 = items
        .rows()
        .find(|r| r[0] == Data::String("SP-0001".into()))
        .unwrap();
    assert_eq!(sp1[column(&items, "事项类别")], Data::String("审批".into()));
    assert_eq!(
        sp1[column(&items, "主管部门")],
        Data::String("行政审批局".into())
    );
    assert_eq!(sp1[column(&items, "即办件")], Data::String("否".into()));
    assert_eq!(
        sp1[column(&items, "法定办结时限（工作日）")],
        Data::Float(20.0)
    );

    // a community code is text, never 3.30383E+11
    let communities = sheet(&path, "社区");
    let code = column(&communities, "社区代码");
    let jinchaihe = communities
        .rows()
        .find(|r| r[code] == Data::String("330383198001".into()))
        .expect("金钗河社区's code, as text");
    assert_eq!(
        jinchaihe[column(&communities, "社区名称")],
        Data::String("金钗河社区".into())
    );
    // lists are text joined with 、
    let bound = jinchaihe[column(&communities, "捆绑部门")].to_string();
    assert!(
        bound.contains("、") && !bound.contains('[') && !bound.contains(';'),
        "{bound}"
    );

    // a tier by its declared label
    let events = sheet(&path, "事件类型");
    let noise = events
        .rows()
        .find(|r| r[0] == Data::String("噪声投诉".into()))
        .unwrap();
    assert_eq!(
        noise[column(&events, "响应时限")],
        Data::String("日清日结".into())
    );
    assert_eq!(sheet(&path, "派单").height(), 1 + 36 * 102);

    // enumerated values by their labels, and no JSON anywhere
    let departments = sheet(&path, "部门");
    let categories: Vec<String> = departments
        .rows()
        .skip(1)
        .map(|r| r[column(&departments, "类别")].to_string())
        .collect();
    assert!(categories.iter().any(|c| c == "党委部门"), "{categories:?}");
    let modules = column(&departments, "模块（业务组；对口处室）");
    for r in departments.rows().skip(1) {
        let text = r[modules].to_string();
        assert!(!text.contains('{') && !text.contains('"'), "{text}");
    }

    // `--lang en`: English sheet names and headings, the same values
    let en = built("en").join("routes.xlsx");
    let items = sheet(&en, "Items");
    let first: Vec<String> = items
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(&first[..4], ["item id", "item", "kind", "department"]);
    assert_eq!(items.height(), 1 + 4479);
}

#[test]
fn without_lang_the_files_for_people_are_in_chinese() {
    // no --lang and no locale: the run speaks English to whoever runs it, the
    // files for people are Chinese, like a report
    let out = tempfile::tempdir().unwrap();
    let o = orgc(&[
        "build",
        longgang().to_str().unwrap(),
        "-o",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).starts_with("wrote 21 files to "),
        "{}",
        text(&o.stderr)
    );
    let page = std::fs::read_to_string(out.path().join("lookup.html")).unwrap();
    assert!(page.contains("<html lang=\"zh-CN\""));
    let wb: Xlsx<_> = open_workbook(out.path().join("routes.xlsx")).unwrap();
    assert_eq!(wb.sheet_names()[1], "事项");
}

/// The XML part `name` of the workbook at `path`.
fn part(path: &Path, name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The XML part of the sheet named `sheet`.
fn sheet_part(path: &Path, sheet: &str) -> String {
    let book = part(path, "xl/workbook.xml");
    let book = roxmltree::Document::parse(&book).unwrap();
    let rid = book
        .descendants()
        .find(|n| n.has_tag_name("sheet") && n.attribute("name") == Some(sheet))
        .and_then(|n| {
            n.attributes()
                .find(|a| a.name() == "id")
                .map(|a| a.value().to_string())
        })
        .unwrap_or_else(|| panic!("no sheet {sheet}"));
    let rels = part(path, "xl/_rels/workbook.xml.rels");
    let rels = roxmltree::Document::parse(&rels).unwrap();
    let target = rels
        .descendants()
        .find(|n| n.attribute("Id") == Some(rid.as_str()))
        .and_then(|n| n.attribute("Target"))
        .unwrap();
    part(path, &format!("xl/{target}"))
}

/// What a cell style shows: its number format, bold or not, wrapped or not.
#[derive(Debug, Clone, PartialEq)]
struct Style {
    number_format: String,
    bold: bool,
    wrapped: bool,
}

fn styles(path: &Path) -> Vec<Style> {
    let xml = part(path, "xl/styles.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let child = |tag: &str| doc.descendants().find(|n| n.has_tag_name(tag)).unwrap();
    let bold: Vec<bool> = child("fonts")
        .children()
        .filter(|n| n.has_tag_name("font"))
        .map(|f| f.children().any(|c| c.has_tag_name("b")))
        .collect();
    // Excel's built-in formats that can occur here, then the workbook's own
    let mut formats = std::collections::HashMap::from([
        ("0".to_string(), "General".to_string()),
        ("49".to_string(), "@".to_string()),
    ]);
    for f in doc.descendants().filter(|n| n.has_tag_name("numFmt")) {
        formats.insert(
            f.attribute("numFmtId").unwrap().to_string(),
            f.attribute("formatCode").unwrap().to_string(),
        );
    }
    child("cellXfs")
        .children()
        .filter(|n| n.has_tag_name("xf"))
        .map(|xf| Style {
            number_format: formats[xf.attribute("numFmtId").unwrap()].clone(),
            bold: bold[xf.attribute("fontId").unwrap().parse::<usize>().unwrap()],
            wrapped: xf
                .children()
                .any(|a| a.has_tag_name("alignment") && a.attribute("wrapText") == Some("1")),
        })
        .collect()
}

/// Excel's text format: an edited code stays text.
const TEXT: &str = "@";

#[test]
fn every_cell_of_the_workbook_shows_in_its_columns_style() {
    let path = built("zh").join("routes.xlsx");
    let styles = styles(&path);
    let style = |cell: roxmltree::Node<'_, '_>| {
        &styles[cell
            .attribute("s")
            .map_or(0, |s| s.parse::<usize>().unwrap())]
    };
    for (name, wrapped_heading) in [("事项", None), ("部门", Some("模块（业务组；对口处室）"))]
    {
        let xml = sheet_part(&path, name);
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let rows: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("row"))
            .collect();
        assert!(rows.len() > 10, "{name}: {} rows", rows.len());
        let headings: Vec<_> = rows[0].children().filter(|n| n.has_tag_name("c")).collect();
        for h in &headings {
            assert!(style(*h).bold, "{name}: heading {:?}", h.attribute("r"));
        }
        // the column of the heading `wrapped_heading`, as its letter
        let wrapped_column = wrapped_heading.map(|w| {
            let range = sheet(&path, name);
            (b'A' + column(&range, w) as u8) as char
        });
        let (mut text, mut numbers) = (0, 0);
        for row in &rows[1..] {
            for c in row.children().filter(|n| n.has_tag_name("c")) {
                let s = style(c);
                let letter = c.attribute("r").unwrap().chars().next().unwrap();
                assert!(!s.bold, "{name}: {:?}", c.attribute("r"));
                assert_eq!(
                    s.wrapped,
                    Some(letter) == wrapped_column,
                    "{name}: {:?}",
                    c.attribute("r")
                );
                if c.attribute("t") == Some("s") {
                    assert_eq!(s.number_format, TEXT, "{name}: {:?}", c.attribute("r"));
                    text += 1;
                } else {
                    assert_eq!(
                        s.number_format,
                        "General",
                        "{name}: a number {:?}",
                        c.attribute("r")
                    );
                    numbers += 1;
                }
            }
        }
        assert!(text > 20, "{name}: {text} text cells");
        if name == "事项" {
            assert!(numbers > 1000, "{name}: {numbers} numbers");
        }
        // a cell typed later into a column is text too
        let cols: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("col"))
            .collect();
        assert!(!cols.is_empty());
        for col in cols {
            let s = &styles[col
                .attribute("style")
                .map_or(0, |s| s.parse::<usize>().unwrap())];
            assert_eq!(
                s.number_format,
                TEXT,
                "{name}: column {:?}",
                col.attribute("min")
            );
        }
    }
}
