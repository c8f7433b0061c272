//! The figures of a report, computed from a checked model: what the
//! templates show and what `orgc report --format json` writes. Every count
//! comes from the model (targets through [`metrics::measure`], the same as
//! the W302 check), every list is in a stable order, and every word a reader
//! sees is already in the report's language.

use super::labels;
use super::sections::{
    self, CentreRow, Coverage, Devolutions, Dispatch, JointRow, Staffing, Transfers,
};
use crate::diagnostics::{Diagnostic, Lang, Message};
use crate::model::metrics::{self, Metric, Scope};
use crate::model::query::Derived;
use crate::model::{DeptId, Model};
use crate::source::SourceMap;
use crate::syntax::ast::{Category, TargetSource};
use serde::Serialize;

/// The schema name of `orgc report --format json`.
pub const SCHEMA: &str = "orgc.report/1";

/// Everything a report says, in one language.
#[derive(Debug, Serialize)]
pub struct Report {
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// `zh` or `en`: the language of every label and sentence below.
    pub lang: &'static str,
    /// The city's name, if the set declares one.
    pub city: Option<String>,
    /// The report's title.
    pub title: String,
    /// Where it comes from: how many files, and their digest.
    pub generated: String,
    /// The first 12 hex digits of the source digest (the same as `routes.json`'s).
    pub digest: String,
    /// Every `targets` entry, in the order written.
    pub figures: Vec<Figure>,
    /// "N of M figures match" as a sentence.
    pub figures_summary: String,
    /// How many figures match their target.
    pub figures_met: usize,
    /// Departments per category, against the caps.
    pub categories: Vec<CategoryRow>,
    /// The item kinds that have items, as columns of the load table.
    pub kinds: Vec<KindColumn>,
    /// One row per department: party, government, institution, each in
    /// declaration order.
    pub departments: Vec<DepartmentLoad>,
    /// The sum of every department's row; its offices and communities are
    /// the distinct offices answered and communities bound city-wide.
    pub total: DepartmentLoad,
    /// The transfer catalogue.
    pub transfers: Transfers,
    /// Functions devolved to communities.
    pub devolutions: Devolutions,
    /// Joint cases (一件事), in declaration order.
    pub joint_cases: Vec<JointRow>,
    /// How event kinds are dispatched.
    pub dispatch: Dispatch,
    /// Service centres, in declaration order.
    pub centres: Vec<CentreRow>,
    /// Staffing summed over the departments that declare it.
    pub staffing: Staffing,
    /// What no one covers, and the warnings of the check.
    pub coverage: Coverage,
    /// The organisation as a tree (the chart is drawn from it).
    pub org: Org,
}

/// One `targets` entry against the policy.
#[derive(Debug, Serialize)]
pub struct Figure {
    /// The metric as written in a policy file, e.g. `approval_items`.
    pub name: &'static str,
    /// What it counts, with its scope, in the report's language.
    pub label: String,
    /// The entry as written, e.g. `approval_items of 行政审批局`.
    pub written: String,
    /// What it is counted over.
    pub scope: ScopeRef,
    /// The figure measured in the policy set.
    pub actual: u64,
    /// The figure the `targets` entry states.
    pub target: u64,
    /// Whether the two are equal (otherwise the check warned, W302).
    pub met: bool,
    /// `published`, `derived` or `illustrative`.
    pub source: &'static str,
    /// The source in the report's language.
    pub source_name: &'static str,
    /// The document of a published figure.
    pub document: Option<String>,
    /// The source in the report's language, with the document if any.
    pub source_label: String,
}

/// What a figure is counted over: `city`, or a department, module, group or
/// centre by its path.
#[derive(Debug, Serialize)]
pub struct ScopeRef {
    /// `city`, `department`, `module`, `group` or `service_centre`.
    pub kind: &'static str,
    /// The path (`部门.模块`), `null` for the city.
    pub name: Option<String>,
}

/// Departments of one category against its cap.
#[derive(Debug, Serialize)]
pub struct CategoryRow {
    /// `party`, `government` or `institution`.
    pub category: &'static str,
    /// What the category is called.
    pub label: &'static str,
    /// How many departments it has.
    pub count: u64,
    /// Its cap, if the set declares one.
    pub cap: Option<u64>,
}

/// A column of items of one kind.
#[derive(Debug, Serialize)]
pub struct KindColumn {
    /// The kind's name as written (`approval`, or one the set declares).
    pub name: String,
    /// What it is called in the report's language.
    pub label: String,
}

/// What one department carries.
#[derive(Debug, Default, Serialize)]
pub struct DepartmentLoad {
    /// Its name (empty for the total row).
    pub name: String,
    /// `party`, `government` or `institution` (empty for the total row).
    pub category: &'static str,
    /// What its category is called.
    pub category_label: &'static str,
    /// Policy fields.
    pub fields: u64,
    /// Modules.
    pub modules: u64,
    /// Business groups.
    pub groups: u64,
    /// Items it owns, every kind.
    pub items: u64,
    /// Items per kind, in the order of [`Report::kinds`].
    pub items_by_kind: Vec<u64>,
    /// Distinct upstream offices its modules answer.
    pub offices: u64,
    /// Communities it is bound to, directly or through a central community.
    pub communities: u64,
    /// Its `staffing`, if declared (summed for the total row).
    pub staffing: Option<StaffRow>,
}

/// One department's establishment.
#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct StaffRow {
    /// Administrative plus institutional posts.
    pub establishment: u64,
    /// Administrative posts.
    pub administrative: u64,
    /// Institutional posts.
    pub institutional: u64,
    /// Leadership posts.
    pub leadership: u64,
    /// Cadres working in the communities.
    pub in_communities: u64,
}

/// The organisation as a tree: categories, departments, modules, groups.
#[derive(Debug, Serialize)]
pub struct Org {
    /// The city's name (or the word for city).
    pub root: String,
    /// One entry per category that has departments.
    pub categories: Vec<OrgCategory>,
}

/// The departments of one category.
#[derive(Debug, Serialize)]
pub struct OrgCategory {
    /// `party`, `government` or `institution`.
    pub category: &'static str,
    /// What it is called.
    pub label: &'static str,
    /// Its name with how many departments it has, e.g. `党委部门（6）`.
    pub title: String,
    /// Its departments, in declaration order.
    pub departments: Vec<OrgDepartment>,
}

/// A department with its modules.
#[derive(Debug, Serialize)]
pub struct OrgDepartment {
    /// Its name.
    pub name: String,
    /// Its modules, in declaration order.
    pub modules: Vec<OrgModule>,
}

/// A module with its business groups.
#[derive(Debug, Serialize)]
pub struct OrgModule {
    /// Its name.
    pub name: String,
    /// Its business groups.
    pub groups: Vec<String>,
}

/// The report of a checked model: `diagnostics` are the run's (their
/// warnings are listed under coverage), `sources` locate them.
pub fn build(
    m: &Model,
    d: &Derived,
    diagnostics: &[Diagnostic],
    sources: &SourceMap,
    lang: Lang,
) -> Report {
    let city = m.city.as_ref().map(|c| c.name.text.clone());
    let title = match &city {
        Some(c) => Message::ReportTitle { city: c.clone() },
        None => Message::ReportTitleNoCity,
    }
    .render(lang);
    let full_digest = crate::emit::digest(sources);
    let digest: String = full_digest.chars().take(12).collect();
    let generated = Message::ReportGenerated {
        files: sources.iter().count().into(),
        digest: digest.clone(),
    }
    .render(lang);
    let figures: Vec<Figure> = m.targets.iter().map(|t| figure(m, t, lang)).collect();
    let figures_met = figures.iter().filter(|f| f.met).count();
    let figures_summary = if figures.is_empty() {
        Message::ReportNoTargets.render(lang)
    } else {
        Message::ReportFiguresMet {
            met: figures_met.into(),
            total: figures.len().into(),
        }
        .render(lang)
    };
    let kinds = kind_columns(m, lang);
    // party, government, institution; declaration order within each
    let mut order: Vec<DeptId> = (0..m.departments.len() as u32).map(DeptId).collect();
    order.sort_by_key(|x| (category_rank(m.dept(*x).category), *x));
    let departments: Vec<DepartmentLoad> = order
        .into_iter()
        .map(|x| department_load(m, d, x, &kinds, lang))
        .collect();
    let mut total = total_row(&departments, kinds.len());
    // offices and communities are counted once however many departments share them
    total.offices = d.office_modules.iter().filter(|x| !x.is_empty()).count() as u64;
    total.communities = m
        .communities()
        .filter(|(a, _)| !d.area_departments[a.index()].is_empty())
        .count() as u64;
    Report {
        schema: SCHEMA,
        lang: match lang {
            Lang::Zh => "zh",
            Lang::En => "en",
        },
        title,
        generated,
        digest,
        figures_summary,
        figures_met,
        figures,
        categories: categories(m, lang),
        kinds,
        departments,
        total,
        transfers: sections::transfers(m, lang),
        devolutions: sections::devolutions(m, d, lang),
        joint_cases: sections::joints(m),
        dispatch: sections::dispatch_summary(m, d, lang),
        centres: sections::centres(m),
        staffing: sections::staffing(m, lang),
        coverage: sections::coverage(m, d, diagnostics, sources, lang),
        org: org(m, lang),
        city,
    }
}

fn figure(m: &Model, t: &crate::model::Target, lang: Lang) -> Figure {
    let actual = metrics::measure(m, t.metric, t.scope);
    let scope = scope_ref(m, t.scope);
    let what = labels::metric(t.metric, lang);
    let label = match (&scope.name, lang) {
        (None, _) => what.to_string(),
        (Some(n), Lang::Zh) => format!("{what}（{n}）"),
        (Some(n), Lang::En) => format!("{what} ({n})"),
    };
    let document = match &t.source {
        TargetSource::Published(doc) => Some(doc.text.clone()),
        _ => None,
    };
    let source_label = match (&document, lang) {
        (Some(doc), Lang::Zh) => format!("{}：{doc}", labels::source(&t.source, lang)),
        (Some(doc), Lang::En) => format!("{}: {doc}", labels::source(&t.source, lang)),
        (None, _) => labels::source(&t.source, lang).to_string(),
    };
    Figure {
        name: t.metric.as_str(),
        label,
        written: t.display.clone(),
        scope,
        actual,
        target: t.value,
        met: actual == t.value,
        source: t.source.as_str(),
        source_name: labels::source(&t.source, lang),
        document,
        source_label,
    }
}

fn scope_ref(m: &Model, scope: Scope) -> ScopeRef {
    let (kind, name) = match scope {
        Scope::City => ("city", None),
        Scope::Department(x) => ("department", Some(m.dept(x).name.text.clone())),
        Scope::Module(x) => ("module", Some(m.module_path(x))),
        Scope::Group(g) => (
            "group",
            Some(format!(
                "{}.{}",
                m.module_path(m.group(g).module),
                m.group(g).name.text
            )),
        ),
        Scope::Centre(c) => (
            "service_centre",
            Some(m.centres[c.index()].name.text.clone()),
        ),
    };
    ScopeRef { kind, name }
}

fn categories(m: &Model, lang: Lang) -> Vec<CategoryRow> {
    Category::ALL
        .iter()
        .map(|c| CategoryRow {
            category: c.as_str(),
            label: labels::category(*c, lang),
            count: m.departments.iter().filter(|d| d.category == *c).count() as u64,
            cap: m
                .caps
                .iter()
                .find(|cap| cap.key == crate::model::CapKey::Category(*c))
                .map(|cap| cap.value),
        })
        .collect()
}

/// The kinds with at least one item, built-ins first, in kind order.
fn kind_columns(m: &Model, lang: Lang) -> Vec<KindColumn> {
    let mut used = vec![false; m.kinds.len()];
    for it in &m.items {
        if let Some(k) = it.kind {
            used[k.index()] = true;
        }
    }
    m.kinds
        .iter()
        .zip(used)
        .filter(|(_, u)| *u)
        .map(|(k, _)| KindColumn {
            name: k.name.text.clone(),
            label: labels::builtin_kind(&k.name.text, lang)
                .map(str::to_string)
                .or_else(|| k.label.as_ref().map(|l| l.text.clone()))
                .unwrap_or_else(|| k.name.text.clone()),
        })
        .collect()
}

fn department_load(
    m: &Model,
    d: &Derived,
    id: DeptId,
    kinds: &[KindColumn],
    lang: Lang,
) -> DepartmentLoad {
    let dept = m.dept(id);
    let scope = Scope::Department(id);
    let count = |x| metrics::measure(m, x, scope);
    let items_by_kind = kinds
        .iter()
        .map(|k| {
            d.dept_items[id.index()]
                .iter()
                .filter(|i| {
                    m.items[i.index()]
                        .kind
                        .is_some_and(|x| m.kind(x).name.text == k.name)
                })
                .count() as u64
        })
        .collect();
    DepartmentLoad {
        name: dept.name.text.clone(),
        category: dept.category.as_str(),
        category_label: labels::category(dept.category, lang),
        fields: dept.fields.len() as u64,
        modules: count(Metric::Modules),
        groups: count(Metric::Groups),
        items: d.dept_items[id.index()].len() as u64,
        items_by_kind,
        offices: count(Metric::UpstreamOffices),
        communities: m
            .communities()
            .filter(|(a, _)| d.area_departments[a.index()].contains(&id))
            .count() as u64,
        staffing: dept.staffing.map(|s| StaffRow {
            establishment: s.establishment(),
            administrative: s.administrative,
            institutional: s.institutional,
            leadership: s.leadership,
            in_communities: s.in_communities,
        }),
    }
}

/// The order categories are listed in.
fn category_rank(c: Category) -> usize {
    Category::ALL.iter().position(|x| *x == c).unwrap_or(0)
}

fn total_row(rows: &[DepartmentLoad], kinds: usize) -> DepartmentLoad {
    let mut t = DepartmentLoad {
        items_by_kind: vec![0; kinds],
        ..DepartmentLoad::default()
    };
    for r in rows {
        t.fields += r.fields;
        t.modules += r.modules;
        t.groups += r.groups;
        t.items += r.items;
        for (a, b) in t.items_by_kind.iter_mut().zip(&r.items_by_kind) {
            *a += b;
        }
        t.offices += r.offices;
        t.communities += r.communities;
        if let Some(s) = r.staffing {
            let sum = t.staffing.get_or_insert_with(StaffRow::default);
            sum.establishment += s.establishment;
            sum.administrative += s.administrative;
            sum.institutional += s.institutional;
            sum.leadership += s.leadership;
            sum.in_communities += s.in_communities;
        }
    }
    t
}

/// The organisation tree of the model: categories with departments, in
/// declaration order; the city's name (or the word for city) at the root.
pub fn org(m: &Model, lang: Lang) -> Org {
    let city = m.city.as_ref().map(|c| c.name.text.as_str());
    Org {
        root: city
            .map(str::to_string)
            .unwrap_or_else(|| crate::diagnostics::Term::City.text(lang).to_string()),
        categories: Category::ALL
            .iter()
            .map(|c| OrgCategory {
                category: c.as_str(),
                label: labels::category(*c, lang),
                title: Message::ChartCategory {
                    label: labels::category(*c, lang).to_string(),
                    count: m
                        .departments
                        .iter()
                        .filter(|d| d.category == *c)
                        .count()
                        .into(),
                }
                .render(lang),
                departments: m
                    .departments
                    .iter()
                    .filter(|d| d.category == *c)
                    .map(|d| OrgDepartment {
                        name: d.name.text.clone(),
                        modules: d
                            .modules
                            .iter()
                            .map(|x| OrgModule {
                                name: m.module(*x).name.text.clone(),
                                groups: m
                                    .module(*x)
                                    .groups
                                    .iter()
                                    .map(|g| m.group(*g).name.text.clone())
                                    .collect(),
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .filter(|c| !c.departments.is_empty())
            .collect(),
    }
}
