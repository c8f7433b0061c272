//! Parser tests: shapes the grammar must accept, recovery after errors, and
//! errors in words.

use super::ast::*;
use super::parse_file;
use crate::diagnostics::{Code, Lang};
use crate::source::FileId;

fn parse(text: &str) -> super::Parsed {
    parse_file(FileId(0), text)
}

#[test]
fn parses_every_declaration_of_the_brief() {
    let text = r#"
city 龙港市 { code 330383  upstream 温州市 }
caps { party 6  government 9  institution 6 }
tier five_days "5日办结" within 5d
kind 行政确认 "行政确认类" : devolvable
upstream 温州市发展和改革委员会 { office 产业发展处  office 办公室 : shared }
department 经济发展局 : government {
  fields 发展改革, 经济信息化
  module 产业发展 { answers 温州市发展和改革委员会.产业发展处  group 工业投资 }
  module 统计
}
item SP-0001 "建设工程规划许可" : approval owner 行政审批局.规划建设审批 statutory 20 committed 5
agency 温州船舶检验服务中心 : enterprise
transfer ZY-001 "船舶检测" : transferred from 经济发展局 to 温州船舶检验服务中心, 乙 supervised_by 经济发展局
central_community 中心社区甲 { community 社区一 }
community 社区一 code 330383198001 { grid WG-001 micro 7  grid WG-Z01 "工业园区专属网格" : dedicated micro 2 }
bind 经济发展局 to 中心社区甲
devolution XF-001 "居住证申领受理" : service from 社会事业局 to all_communities
joint_case 校园周边安全 { lead 综合行政执法局  members 社会事业局, 应急管理局  items ZF-0102  tier same_day }
event 噪声投诉 owner 综合行政执法局 tier same_day
event 摊贩 owner 综合行政执法局 bound enforced_by 综合行政执法局.市容 joint_case 校园周边安全
targets illustrative { approval_items 1146  modules of 经济发展局 11 }
rule 一枚印章管审批 { every item where kind = approval and not devolved must owner = 行政审批局 except SP-9 because "x" severity warning }
rule 不下放执法 { no devolution where kind in [approval, enforcement] }
service_centre 企业综合服务中心 { stationed 行政审批局, 乙  section 企业开办 { area 开办专区  area 注册专区 } }
centre_service QS-1 "企业设立登记" : approval in 企业综合服务中心.企业开办.开办专区 item SP-0001
measure MJ-1 "企业开办全程网办" owner 经济发展局 in 企业综合服务中心
expect event 摊贩 at 社区一 to 综合行政执法局 tier same_day
"#;
    let p = parse(text);
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
    assert_eq!(p.decls.len(), 23);
    let Decl::Tier(t) = &p.decls[2] else {
        panic!("not a tier")
    };
    assert_eq!(t.limit_minutes, 120 * 60);
    let Decl::Item(i) = &p.decls[6] else {
        panic!("not an item")
    };
    assert_eq!(i.owner.display(), "行政审批局.规划建设审批");
    let Some(TimeLimit::Days {
        statutory,
        committed: Some(committed),
    }) = &i.limit
    else {
        panic!("no time limit: {:?}", i.limit)
    };
    assert_eq!((statutory.value, committed.value), (20, 5));
    let Decl::Community(c) = &p.decls[10] else {
        panic!("not a community")
    };
    assert_eq!(
        (c.grids[0].micro, c.grids[1].micro, c.grids[1].dedicated),
        (7, 2, true)
    );
    let Decl::Event(e) = &p.decls[15] else {
        panic!("not an event")
    };
    assert!(e.bound);
    assert_eq!(
        e.enforcer.as_ref().map(Path::display).as_deref(),
        Some("综合行政执法局.市容")
    );
    assert_eq!(
        e.joint.as_ref().map(|j| j.text.as_str()),
        Some("校园周边安全")
    );
    let Decl::Targets(t) = &p.decls[16] else {
        panic!("not targets")
    };
    assert_eq!(t.source, TargetSource::Illustrative);
    let Decl::ServiceCentre(sc) = &p.decls[20 - 1] else {
        panic!("not a service centre")
    };
    assert_eq!((sc.stationed.len(), sc.sections[0].areas.len()), (2, 2));
    let Decl::Expect(x) = &p.decls[22] else {
        panic!("not an expectation")
    };
    assert_eq!(x.at.as_ref().map(Path::display).as_deref(), Some("社区一"));
    let Decl::Rule(r) = &p.decls[17] else {
        panic!("not a rule")
    };
    assert_eq!(r.exceptions[0].reason, "x");
    assert!(matches!(
        r.filter.as_ref().map(|e| &e.kind),
        Some(ExprKind::And(_))
    ));
}

#[test]
fn one_syntax_error_costs_one_declaration() {
    let text = "department 甲 : government {\n  module A {\n}\nitem SP-1 \"x\" : approval owner 甲\nitem SP-2 \"y\" : approval owner\nitem SP-3 \"z\" : approval owner 甲\n";
    let p = parse(text);
    // the unclosed department and the item with no owner are reported; the
    // other two items survive
    assert_eq!(p.diagnostics.len(), 2, "{:?}", p.diagnostics);
    let ids: Vec<String> = p
        .decls
        .iter()
        .filter_map(|d| {
            if let Decl::Item(i) = d {
                Some(i.id.text.clone())
            } else {
                None
            }
        })
        .collect();
    assert_eq!(ids, ["SP-1", "SP-3"]);
}

#[test]
fn errors_name_what_was_expected_in_words() {
    let p = parse("department 甲 : governmint { }");
    let d = &p.diagnostics[0];
    assert_eq!(d.code, Code::E001);
    let msg = d.message.render(Lang::En);
    assert!(
        msg.contains("`party`, `government` or `institution`"),
        "{msg}"
    );
    assert!(!msg.contains("kw_"), "{msg}");
    let zh = d.message.render(Lang::Zh);
    assert!(zh.contains("此处应为"), "{zh}");
}

#[test]
fn full_width_punctuation_gets_its_own_hint() {
    let p = parse("department 甲 : government { fields 教育，卫生 }");
    let d = &p.diagnostics[0];
    assert_eq!(d.code, Code::E002);
    assert!(d
        .help
        .as_ref()
        .unwrap()
        .render(Lang::En)
        .contains("type `,`"));
    let p = parse("department 甲 ： government { }");
    assert_eq!(p.diagnostics[0].code, Code::E002);
    assert!(p.diagnostics[0]
        .help
        .as_ref()
        .unwrap()
        .render(Lang::Zh)
        .contains("半角 `:`"));
}

#[test]
fn ideographic_space_is_white_space() {
    let p = parse("department\u{3000}甲 : government {\u{3000}}");
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
}

#[test]
fn deep_nesting_is_refused_before_pest_runs() {
    let text = format!(
        "rule r {{ every item must {}has tier{} }}",
        "(".repeat(100),
        ")".repeat(100)
    );
    let p = parse(&text);
    assert_eq!(p.diagnostics[0].code, Code::E006);
    assert!(p.decls.is_empty());
    // a long run of `not` is a repetition, not a recursion
    let text = format!(
        "rule r {{ every item must {} has tier }}",
        "not ".repeat(50_000)
    );
    let p = parse(&text);
    assert!(p.diagnostics.is_empty());
}

#[test]
fn truncated_and_empty_files() {
    assert!(parse("").decls.is_empty() && parse("").diagnostics.is_empty());
    assert!(parse("# 只有注释\n// 注释\n").diagnostics.is_empty());
    let p = parse("department 甲 : government { module A { group");
    assert_eq!(p.diagnostics.len(), 1);
    assert!(p.diagnostics[0]
        .message
        .render(Lang::En)
        .contains("end of file"));
}

#[test]
fn keywords_are_whole_words() {
    // `items` and `communityX` are names, not keywords
    let p = parse("department items : government { module communityX }");
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
}

#[test]
fn a_misspelled_keyword_gets_a_suggestion() {
    let p = parse("depart 甲 : party { }");
    let d = &p.diagnostics[0];
    assert!(
        d.message
            .render(Lang::En)
            .starts_with("expected a declaration"),
        "{}",
        d.message.render(Lang::En)
    );
    assert_eq!(
        d.help.as_ref().unwrap().render(Lang::En),
        "did you mean `department`?"
    );
}

#[test]
fn declaration_spans_end_at_their_last_token() {
    // trailing white space and comments belong to no declaration, even where
    // the grammar looked past them for an optional clause
    let text = "item A-1 \"x\" : approval owner B   # c\n\n# d\nitem A-2 \"y\" : approval owner B statutory 5   \n\nagency \"甲 乙\" : enterprise\n";
    let p = parse(text);
    let spans: Vec<&str> = p
        .decls
        .iter()
        .filter_map(|d| {
            if let Decl::Item(i) = d {
                Some(&text[i.span.start as usize..i.span.end as usize])
            } else {
                None
            }
        })
        .collect();
    assert_eq!(
        spans,
        [
            "item A-1 \"x\" : approval owner B",
            "item A-2 \"y\" : approval owner B statutory 5"
        ]
    );
    let Some(Decl::Agency(a)) = p.decls.last() else {
        panic!("no agency")
    };
    assert_eq!(
        &text[a.name.span.start as usize..a.name.span.end as usize],
        "\"甲 乙\""
    );
}

#[test]
fn full_width_brackets_in_a_name_suggest_quoting() {
    let p = parse("department 市场监督管理局（知识产权局） : government { }");
    let d = &p.diagnostics[0];
    assert_eq!(d.code, Code::E002);
    assert!(d.message.render(Lang::En).contains("cannot stand here"));
    assert!(d
        .help
        .as_ref()
        .unwrap()
        .render(Lang::Zh)
        .contains("加上英文双引号"));
    // a full-width mark where its ASCII twin would be wrong too is a plain E001
    let p = parse("，");
    assert_eq!(p.diagnostics[0].code, Code::E001);
}

#[test]
fn comments_and_blank_lines_are_kept() {
    // a `#` inside a string is not a comment; both comment markers are kept,
    // with their place and whether they stand alone on their line
    let text = "# 头注\r\nitem A-1 \"x # y\" : approval owner B  // 行尾\n\n  \u{3000}\n# 末注";
    let p = parse(text);
    let comments: Vec<(&str, bool)> = p
        .comments
        .iter()
        .map(|c| (c.text.as_str(), c.own_line))
        .collect();
    assert_eq!(
        comments,
        [("# 头注", true), ("// 行尾", false), ("# 末注", true)]
    );
    for c in &p.comments {
        assert_eq!(&text[c.span.start as usize..c.span.end as usize], c.text);
    }
    assert_eq!(p.blank_lines, [2, 3]);
}

#[test]
fn old_spellings_say_how_0_2_writes_them() {
    // (0.1 text, how 0.2 writes it): one E007 per declaration, with the
    // declaration rewritten in its help
    let cases = [
        (
            "item A \"x\" approval owner B",
            "item A \"x\" : approval owner B",
        ),
        (
            "item A \"x\" approval -> B tier t",
            "item A \"x\" : approval owner B",
        ),
        (
            "devolve X \"x\" : service from B to all_communities",
            "devolution X \"x\" : service from B to all_communities",
        ),
        ("joint J { lead B }", "joint_case J { lead B }"),
        (
            "upstream U { shared office O }",
            "upstream U { office O : shared }",
        ),
        (
            "community C code 1 { dedicated G \"l\" { micro 1 } }",
            "community C code 1 { grid G \"l\" : dedicated micro 1 }",
        ),
        ("kind k \"x\" devolvable", "kind k \"x\" : devolvable"),
        (
            "transfer Z \"x\" from B to A transferred",
            "transfer Z \"x\" : transferred from B to A",
        ),
        ("event E -> B tier t", "event E owner B tier t"),
        ("expect item A -> B", "expect item A to B"),
    ];
    for (text, new) in cases {
        let p = parse(text);
        let codes: Vec<Code> = p.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, [Code::E007], "{text}");
        let help = p.diagnostics[0]
            .help
            .as_ref()
            .map(|h| h.render(Lang::En))
            .unwrap_or_default();
        assert_eq!(help, format!("in 0.2: `{new}`"), "{text}");
        // the 0.2 text itself is clean
        assert!(parse(new).diagnostics.is_empty(), "{new}");
        // the declaration is still read, so later checks see it
        assert_eq!(p.decls.len(), 1, "{text}");
    }
    // an item's response tier says why it goes
    let p = parse("item A \"x\" : approval owner B tier t");
    let d = &p.diagnostics[0];
    assert_eq!(d.code, Code::E007);
    let label = d.labels[0].text.as_ref().map(|t| t.render(Lang::En));
    assert!(label.is_some_and(|l| l.contains("no response tier")));
    // a targets block without a source names the cause and the three choices
    let p = parse("targets { party 6 }");
    assert_eq!(p.diagnostics[0].code, Code::E007);
    assert!(p.diagnostics[0].message.render(Lang::Zh).contains("来源"));
}

#[test]
fn none_is_reserved() {
    let p = parse("department none : party { }");
    assert_eq!(p.diagnostics[0].code, Code::E001);
    let p = parse("rule r { every transfer must supervisor != none }");
    assert!(p.diagnostics.is_empty(), "{:?}", p.diagnostics);
}

/// The comment finder reads bytes; it must find what reading characters
/// finds (the rule as the grammar states it), on every tricky line.
#[test]
fn the_comment_finder_agrees_with_reading_characters() {
    fn by_chars(line: &str) -> Option<usize> {
        let (mut in_string, mut escaped) = (false, false);
        for (i, c) in line.char_indices() {
            if in_string {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => in_string = false,
                    _ => {}
                }
                continue;
            }
            if c == '"' {
                in_string = true;
            } else if c == '#' || line[i..].starts_with("//") {
                return Some(i);
            }
        }
        None
    }
    let parts = [
        "item", " ", "\"", "\\", "#", "/", "//", "经济", "\\\"", "\\经", "（", "a/b", "\u{202E}",
    ];
    let mut lines = vec![String::new()];
    // every line of up to four parts
    for _ in 0..4 {
        let longer: Vec<String> = lines
            .iter()
            .flat_map(|l| parts.iter().map(move |p| format!("{l}{p}")))
            .collect();
        lines.extend(longer);
    }
    lines.sort();
    lines.dedup();
    assert!(lines.len() > 10_000);
    for line in &lines {
        assert_eq!(super::comment_start(line), by_chars(line), "{line:?}");
    }
}
