//! The words of a report that are not sentences: headings, column titles,
//! the names of categories, statuses and sources, and what each target
//! metric is called — each in Chinese and English, side by side, like the
//! message table (`diagnostics::Message`, which holds the sentences).
//!
//! A template reads them as `t.KEY` (e.g. `{{ t.sec_figures }}`); a report is
//! written in one language, so a template never chooses between the two.

use crate::diagnostics::Lang;
use crate::syntax::ast::{AgencyKind, Category, Status, TargetSource};
use crate::vocab::Metric;
use std::collections::BTreeMap;

/// (key, Chinese, English), one line per word.
pub const LABELS: &[(&str, &str, &str)] = &[
    // ---- sections
    ("contents", "目录", "Contents"),
    ("sec_figures", "目标数字", "Headline figures"),
    ("sec_structure", "机构设置", "Structure"),
    ("sec_load", "各部门工作量", "Load per department"),
    ("sec_transfers", "职能转移", "Transfer catalogue"),
    (
        "sec_devolutions",
        "下放社区事项",
        "Functions devolved to communities",
    ),
    ("sec_joint", "一件事", "Joint cases"),
    ("sec_dispatch", "事件派单", "Event dispatch"),
    ("sec_centres", "服务中心", "Service centres"),
    ("sec_staffing", "编制", "Staffing"),
    ("sec_coverage", "覆盖情况", "Coverage"),
    ("sec_orgchart", "组织架构图", "Organisation chart"),
    ("appendix", "附录", "Appendix"),
    // the two appendices, numbered in the document's language
    ("appendix_a", "附录一", "Appendix A"),
    ("appendix_b", "附录二", "Appendix B"),
    (
        "see_appendix_a",
        "完整名单见附录一",
        "The full list is in Appendix A",
    ),
    (
        "see_appendix_b",
        "完整名单见附录二",
        "The full list is in Appendix B",
    ),
    (
        "see_appendix",
        "完整名单见附录",
        "The full list is in the appendix",
    ),
    // ---- figures
    ("col_figure", "指标", "Figure"),
    ("col_scope", "范围", "Scope"),
    ("col_actual", "实际", "Actual"),
    ("col_target", "目标", "Target"),
    ("col_met", "是否达成", "Met?"),
    ("col_source", "来源", "Source"),
    ("met", "达成", "met"),
    ("not_met", "未达成", "not met"),
    ("whole_city", "全市", "city-wide"),
    ("published_figures", "公开发布的数字", "Published figures"),
    ("all_figures", "全部目标数字", "Every figure"),
    // ---- structure and load
    ("col_department", "部门", "Department"),
    ("col_category", "类别", "Category"),
    ("col_count", "实有", "Count"),
    ("col_number", "数量", "Number"),
    ("col_cap", "上限", "Cap"),
    ("col_modules", "模块", "Modules"),
    ("col_groups", "业务组", "Groups"),
    ("col_items", "事项", "Items"),
    ("col_offices", "上级对口处室", "Upstream offices"),
    ("col_communities", "绑定社区", "Communities bound"),
    ("col_establishment", "编制", "Posts"),
    ("col_leadership", "领导职数", "Leadership"),
    ("col_in_communities", "下沉社区", "In communities"),
    ("col_fields", "职责领域", "Fields"),
    ("total", "合计", "Total"),
    ("items_by_kind", "按类别的事项", "Items by kind"),
    (
        "load_chart",
        "各部门工作量（图）",
        "Load per department (chart)",
    ),
    ("load_items", "模块与事项", "Modules and items"),
    (
        "load_links",
        "上级对口、捆绑社区与编制",
        "Upstream offices, communities and staffing",
    ),
    ("not_declared", "未写明", "not declared"),
    // ---- transfers
    ("col_status", "状态", "Status"),
    ("col_agency", "承接机构", "Agency"),
    ("col_agency_kind", "机构类型", "Kind of body"),
    ("by_status", "按状态", "By status"),
    ("by_agency_kind", "按承接机构类型", "By kind of agency"),
    ("by_agency", "按承接机构", "By agency"),
    ("col_transfers", "转移职能", "Functions"),
    // ---- devolutions, joint cases
    ("col_id", "编号", "Id"),
    ("col_function", "职能", "Function"),
    ("col_from", "责任部门", "From"),
    ("col_kind", "类别", "Kind"),
    ("col_reach", "覆盖社区", "Communities"),
    ("all_communities", "全部社区", "all communities"),
    ("by_department", "按部门", "By department"),
    ("col_joint", "一件事", "Joint case"),
    ("col_lead", "牵头部门", "Lead"),
    ("col_members", "配合部门", "Members"),
    ("col_tier", "响应时限", "Tier"),
    // ---- dispatch
    ("col_event", "事件类型", "Event kind"),
    ("col_owner", "主管部门（事权）", "Authority"),
    ("col_bound", "只派捆绑队伍", "Bound teams only"),
    ("col_enforcer", "参与执法", "Enforcer"),
    ("col_via_team", "捆绑队伍报到", "By a bound team"),
    ("col_direct", "部门直接报到", "Directly"),
    ("col_gap", "无人承办", "No handler"),
    ("yes", "是", "yes"),
    ("no", "否", "no"),
    ("none", "—", "—"),
    // ---- service centres
    ("col_centre", "服务中心", "Service centre"),
    ("col_stationed", "进驻单位", "Units stationed"),
    ("col_sections", "板块", "Sections"),
    ("col_areas", "服务专区", "Service areas"),
    ("col_approval_services", "审批服务", "Approval services"),
    ("col_value_added", "增值服务", "Value-added services"),
    ("col_measures", "落地清单事项", "Measures"),
    ("col_section", "板块", "Section"),
    // ---- staffing
    ("col_administrative", "行政编制", "Administrative posts"),
    ("col_institutional", "事业编制", "Institutional posts"),
    ("col_percent", "下沉比例", "Share in communities"),
    // ---- coverage
    (
        "cov_offices",
        "没有对口模块的上级处室",
        "Upstream offices no module answers",
    ),
    (
        "cov_communities",
        "没有绑定部门的社区",
        "Communities without a bound department",
    ),
    ("cov_warnings", "检查发现的警告", "Warnings of the check"),
    ("cov_none", "无", "none"),
    ("col_code", "代码", "Code"),
    ("col_where", "位置", "Where"),
    ("col_message", "内容", "Message"),
    // ---- charts and graphs
    (
        "swipe_hint",
        "← 左右滑动查看全图 →",
        "← swipe sideways to see the whole chart →",
    ),
    (
        "no_central",
        "不属于任何中心社区",
        "In no central community",
    ),
    (
        "view_upstream",
        "上级对口处室与模块",
        "Upstream offices and the modules that answer them",
    ),
    ("view_communities", "社区层级", "Community hierarchy"),
    (
        "chart_note_md",
        "组织架构图（图片）见 HTML 报告，或运行 `orgc graph --view org --format svg`",
        "The chart as a picture is in the HTML report, or run `orgc graph --view org --format svg`",
    ),
];

/// Every label in `lang`, by key, for a template's `t`.
pub fn all(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    LABELS
        .iter()
        .map(|(k, zh, en)| (*k, if lang == Lang::Zh { *zh } else { *en }))
        .collect()
}

/// The label with this key in `lang` (the key itself if there is none,
/// which a test rules out for every key the code uses).
pub fn get(key: &str, lang: Lang) -> &'static str {
    LABELS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, zh, en)| if lang == Lang::Zh { *zh } else { *en })
        .unwrap_or("")
}

/// What a department category is called, as a heading.
pub fn category(c: Category, lang: Lang) -> &'static str {
    match (c, lang) {
        (Category::Party, Lang::Zh) => "党委部门",
        (Category::Party, Lang::En) => "Party departments",
        (Category::Government, Lang::Zh) => "政府部门",
        (Category::Government, Lang::En) => "Government departments",
        (Category::Institution, Lang::Zh) => "事业单位",
        (Category::Institution, Lang::En) => "Public institutions",
    }
}

/// What a transfer status is called.
pub fn status(s: Status, lang: Lang) -> &'static str {
    match (s, lang) {
        (Status::Planned, Lang::Zh) => "计划转移",
        (Status::Planned, Lang::En) => "planned",
        (Status::Transferred, Lang::Zh) => "已转移",
        (Status::Transferred, Lang::En) => "transferred",
        (Status::Withdrawn, Lang::Zh) => "已撤回",
        (Status::Withdrawn, Lang::En) => "withdrawn",
    }
}

/// What a kind of undertaking agency is called.
pub fn agency_kind(k: AgencyKind, lang: Lang) -> &'static str {
    match (k, lang) {
        (AgencyKind::SocialOrganisation, Lang::Zh) => "社会组织",
        (AgencyKind::SocialOrganisation, Lang::En) => "social organisation",
        (AgencyKind::Association, Lang::Zh) => "行业协会",
        (AgencyKind::Association, Lang::En) => "association",
        (AgencyKind::Enterprise, Lang::Zh) => "企业",
        (AgencyKind::Enterprise, Lang::En) => "enterprise",
        (AgencyKind::Institution, Lang::Zh) => "事业单位",
        (AgencyKind::Institution, Lang::En) => "public institution",
    }
}

/// What the source of a target is called.
pub fn source(s: &TargetSource, lang: Lang) -> &'static str {
    match (s, lang) {
        (TargetSource::Published(_), Lang::Zh) => "公开发布",
        (TargetSource::Published(_), Lang::En) => "published",
        (TargetSource::Derived, Lang::Zh) => "推算",
        (TargetSource::Derived, Lang::En) => "derived",
        (TargetSource::Illustrative, Lang::Zh) => "示意",
        (TargetSource::Illustrative, Lang::En) => "illustrative",
    }
}

/// What a built-in item kind is called (`approval` → 审批).
pub fn builtin_kind(name: &str, lang: Lang) -> Option<&'static str> {
    Some(match (name, lang) {
        ("approval", Lang::Zh) => "审批",
        ("approval", Lang::En) => "Approval",
        ("enforcement", Lang::Zh) => "执法",
        ("enforcement", Lang::En) => "Enforcement",
        ("service", Lang::Zh) => "公共服务",
        ("service", Lang::En) => "Public service",
        ("affairs", Lang::Zh) => "事务性",
        ("affairs", Lang::En) => "Routine affairs",
        _ => return None,
    })
}

/// What a target metric counts, as a heading: `approval_items` → 审批事项.
/// A new [`Metric`] fails to compile here until it is named.
pub fn metric(m: Metric, lang: Lang) -> &'static str {
    use Metric::*;
    let (zh, en) = match m {
        Party => ("党委部门", "party departments"),
        Government => ("政府部门", "government departments"),
        Institution => ("事业单位", "public institutions"),
        Departments => ("部门", "departments"),
        Modules => ("模块", "modules"),
        Groups => ("业务组", "business groups"),
        Fields => ("职责领域", "policy fields"),
        Items => ("事项", "items"),
        ApprovalItems => ("审批事项", "approval items"),
        EnforcementItems => ("执法事项", "enforcement items"),
        ServiceItems => ("公共服务事项", "public service items"),
        AffairsItems => ("事务性事项", "routine affairs items"),
        Catalogue => ("职能转移目录", "functions in the transfer catalogue"),
        Transferred => ("已转移职能", "functions transferred"),
        Planned => ("计划转移职能", "functions planned for transfer"),
        Agencies => ("承接机构", "undertaking agencies"),
        UpstreamBureaus => ("上级对口部门", "upstream bureaus"),
        UpstreamOffices => ("上级对口处室", "upstream offices"),
        Communities => ("社区", "communities"),
        CentralCommunities => ("中心社区", "central communities"),
        Grids => ("网格", "grids"),
        DedicatedGrids => ("专属网格", "dedicated grids"),
        MicroGrids => ("微网格", "micro-grids"),
        Devolutions => ("下放社区事项", "functions devolved to communities"),
        JointCases => ("一件事", "joint cases"),
        Events => ("事件类型", "event kinds"),
        DispatchRows => ("派单表行数", "rows of the dispatch table"),
        Establishment => ("编制", "establishment posts"),
        AdministrativePosts => ("行政编制", "administrative posts"),
        InstitutionalPosts => ("事业编制", "institutional posts"),
        LeadershipPosts => ("领导职数", "leadership posts"),
        CadresInCommunities => ("下沉社区干部", "cadres working in communities"),
        CadresInCommunitiesPercent => ("下沉社区干部比例（%）", "cadres in communities (%)"),
        ServiceCentres => ("服务中心", "service centres"),
        Stationed => ("进驻单位", "units stationed"),
        Sections => ("板块", "sections"),
        ServiceAreas => ("服务专区", "service areas"),
        ApprovalServices => ("涉企审批服务", "approval services"),
        ValueAddedServices => ("增值服务", "value-added services"),
        Measures => ("落地清单事项", "measures"),
    };
    if lang == Lang::Zh {
        zh
    } else {
        en
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_both_languages_are_written() {
        let mut keys: Vec<&str> = LABELS.iter().map(|(k, _, _)| *k).collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n, "a label key is written twice");
        for (k, zh, en) in LABELS {
            assert!(!zh.is_empty() && !en.is_empty(), "{k}");
        }
    }

    #[test]
    fn every_metric_has_a_label_in_each_language() {
        for m in Metric::ALL {
            assert!(!metric(*m, Lang::Zh).is_empty());
            assert!(metric(*m, Lang::En).is_ascii(), "{m:?}");
        }
    }
}
