//! Bridges from Chinese (issue 11): a keyword or enum value written as its
//! Chinese label, or in another letter case, gets "did you mean `government`
//! （政府部门）"; a tier written by its label or its time limit gets the tier;
//! an unknown tier or kind with nothing close lists what is declared.

#![allow(
    clippy::expect_used,
    reason = "a diagnostic without the help under test should fail the test loudly"
)]

use orgc::diagnostics::Lang;

/// (code, help in Chinese, help in English) of the one diagnostic of `text`.
fn one(text: &str) -> (String, String, String) {
    let c = orgc::compile_str("t.policy", text);
    assert_eq!(c.diagnostics.len(), 1, "{:?}", c.diagnostics);
    let d = &c.diagnostics[0];
    let help = d.help.clone().expect("a help");
    (
        d.code.as_str().to_string(),
        help.render(Lang::Zh),
        help.render(Lang::En),
    )
}

const DEPT: &str = "department 甲 : government { module 乙 }\n";
const TIERS: &str = "tier same_day \"当日办结\" within 24h\ntier five_days \"5日办结\" within 5d\n";

#[test]
fn a_category_written_in_chinese_or_in_capitals() {
    let (code, zh, en) = one("department 甲 : 政府部门 { }\n");
    assert_eq!(code, "E001");
    assert_eq!(zh, "是否想写 `government`（政府部门）？");
    assert_eq!(en, "did you mean `government` (政府部门)?");
    let (_, zh, _) = one("department 甲 : Institution { }\n");
    assert_eq!(zh, "是否想写 `institution`（事业单位）？");
    let (_, zh, _) = one("agency 某协会 : 行业协会\n");
    assert_eq!(zh, "是否想写 `association`（行业协会）？");
}

#[test]
fn an_item_kind_written_by_its_label() {
    let (code, zh, _) = one(&format!(
        "{DEPT}item SP-0001 \"事项\" : 公共服务 owner 甲 immediate\n"
    ));
    assert_eq!(code, "E102");
    assert_eq!(zh, "是否想写 `service`（公共服务）？");
    let (_, zh, en) = one(&format!(
        "{DEPT}item SP-0001 \"事项\" : 许可确认 owner 甲 immediate\n"
    ));
    assert!(
        zh.starts_with("已声明的事项类别：`approval`（审批）、"),
        "{zh}"
    );
    assert!(en.contains("`service`（公共服务）"), "{en}");
}

#[test]
fn a_tier_written_by_its_label_or_its_time_limit() {
    let event = |tier: &str| format!("{TIERS}{DEPT}event 噪声 owner 甲 tier {tier}\n");
    let (code, zh, _) = one(&event("当日办结"));
    assert_eq!(code, "E102");
    assert_eq!(zh, "是否想写 `same_day`（当日办结）？");
    let (_, zh, _) = one(&event("1d"));
    assert_eq!(zh, "是否想写 `same_day`（当日办结）？");
    let (_, zh, _) = one(&event("5d"));
    assert_eq!(zh, "是否想写 `five_days`（5日办结）？");
    let (_, zh, _) = one(&event("紧急"));
    assert_eq!(
        zh,
        "已声明的响应时限：`same_day`（当日办结）、`five_days`（5日办结）"
    );
}

#[test]
fn a_target_written_in_chinese() {
    let (code, zh, en) = one("targets derived { 社区 102 }\n");
    assert_eq!(code, "E001");
    assert_eq!(zh, "是否想写 `communities`（社区）？");
    assert_eq!(en, "did you mean `communities` (社区)?");
    let (code, _, en) = one("targets derived { Communities 102 }\n");
    assert_eq!(code, "E106");
    assert_eq!(en, "did you mean `communities` (社区)?");
    // nothing close: the list of metrics
    let (_, _, en) = one("targets derived { zzz 1 }\n");
    assert!(en.starts_with("expected one of: `party`"), "{en}");
}
