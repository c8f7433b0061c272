//! Phase 4, emit: `routes.xlsx`, the routing tables as a workbook for people
//! (reform-office staff who open it in Excel or WPS), from the same rows as
//! the CSV files (`cells`).
//!
//! One sheet per table, in the order of [`cells::tables`], with sheet names,
//! headings and values in the language asked for: enumerated values by their
//! labels (`party` → 党委部门, a tier by its declared label, `approval` → 审批),
//! yes/no as 是/否, lists joined with 、, a department's modules as one line
//! each. Ids and codes are text cells, so a community code never turns into
//! `3.30383E+11`. Each sheet has a frozen, filterable heading row and columns
//! as wide as their text (a Chinese character is two cells wide). The CSV,
//! SQLite and JSON forms, for machines, are not affected.
//!
//! [`cells::tables`]: super::cells::tables

use super::cells::{tables, Cell, Table};
use super::routes::Routes;
use crate::diagnostics::{Lang, Message, Word};
use crate::model::Model;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, IgnoreError, Workbook,
    Worksheet, XlsxError,
};
use rustc_hash::FxHashMap;
use unicode_width::UnicodeWidthStr;

/// How the cells of one column are shown to a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Show {
    /// Text as it is, numbers as numbers, lists joined.
    Plain,
    /// 是 / 否.
    YesNo,
    /// `party` → 党委部门 …
    Category,
    /// An item kind by its label.
    ItemKind,
    /// `planned` → 计划转移 …
    Status,
    /// `enterprise` → 企业 …
    AgencyKind,
    /// `approval` → 审批服务 …
    ServiceKind,
    /// A response tier by its declared label.
    Tier,
    /// A department's modules, one line each.
    Modules,
    /// Community codes shown as community names.
    CommunityNames,
    /// The communities a devolution reaches: names, or "all communities".
    Reached,
}

/// The sheet of each table.
fn sheet(table: &str) -> Option<Word> {
    Some(match table {
        "departments" => Word::SheetDepartments,
        "items" => Word::SheetItems,
        "upstream_offices" => Word::SheetOffices,
        "transfers" => Word::SheetTransfers,
        "agencies" => Word::SheetAgencies,
        "devolutions" => Word::SheetDevolutions,
        "communities" => Word::SheetCommunities,
        "central_communities" => Word::SheetCentrals,
        "joint_cases" => Word::SheetJoints,
        "tiers" => Word::SheetTiers,
        "events" => Word::SheetEvents,
        "dispatch" => Word::SheetDispatch,
        "service_centres" => Word::SheetCentres,
        "centre_services" => Word::SheetCentreServices,
        "measures" => Word::SheetMeasures,
        "staffing" => Word::SheetStaffing,
        _ => return None,
    })
}

/// The heading of each column, and how its cells are shown. A column with
/// no entry here (a new field of the schema) is headed by its field name; a
/// test keeps the list complete.
fn column(table: &str, column: &str) -> Option<(Word, Show)> {
    use Show as S;
    use Word as L;
    Some(match (table, column) {
        ("departments", "name") => (L::DepartmentName, S::Plain),
        ("departments" | "staffing", "category") => (L::Category, S::Category),
        ("departments", "fields") => (L::Fields, S::Plain),
        ("departments", "modules") => (L::Modules, S::Modules),
        ("items", "id") => (L::ItemId, S::Plain),
        ("items", "name") => (L::ItemName, S::Plain),
        ("items", "kind") | ("devolutions", "kind") => (L::ItemKind, S::ItemKind),
        ("items", "department") => (L::Owner, S::Plain),
        ("items", "module") => (L::Module, S::Plain),
        ("items", "group") => (L::Group, S::Plain),
        ("items", "statutory_days") => (L::Statutory, S::Plain),
        ("items", "committed_days") => (L::Committed, S::Plain),
        ("items", "immediate") => (L::Immediate, S::YesNo),
        ("items", "transferred_to") => (L::TransferredTo, S::Plain),
        ("items", "devolved") => (L::Devolved, S::YesNo),
        ("items", "joint_cases") => (L::JointCases, S::Plain),
        ("upstream_offices", "bureau") => (L::Bureau, S::Plain),
        ("upstream_offices", "office") => (L::Office, S::Plain),
        ("upstream_offices", "department") => (L::AnsweringDepartment, S::Plain),
        ("upstream_offices", "module") => (L::AnsweringModule, S::Plain),
        ("upstream_offices", "shared") => (L::Shared, S::YesNo),
        ("transfers" | "devolutions" | "centre_services" | "measures", "id") => (L::Id, S::Plain),
        ("transfers", "function") => (L::Function, S::Plain),
        ("transfers" | "devolutions", "owner") => (L::From, S::Plain),
        ("transfers", "status") => (L::Status, S::Status),
        ("transfers", "agencies") => (L::Agencies, S::Plain),
        ("transfers", "supervisor") => (L::Supervisor, S::Plain),
        ("transfers" | "devolutions" | "centre_services", "item") => (L::Item, S::Plain),
        ("agencies", "name") => (L::AgencyName, S::Plain),
        ("agencies", "kind") => (L::AgencyKind, S::AgencyKind),
        ("agencies", "functions") => (L::Functions, S::Plain),
        ("agencies", "transfers") => (L::Transfers, S::Plain),
        ("devolutions", "function") => (L::DevolvedFunction, S::Plain),
        ("devolutions", "communities") => (L::CommunitiesReached, S::Reached),
        ("devolutions", "all_communities") => (L::AllCommunities, S::YesNo),
        ("communities", "code") | ("dispatch", "community_code") => (L::Code, S::Plain),
        ("communities", "name") => (L::CommunityName, S::Plain),
        ("communities" | "dispatch", "central") => (L::Central, S::Plain),
        ("communities" | "central_communities", "departments") => (L::BoundDepartments, S::Plain),
        ("communities", "grids") => (L::Grids, S::Plain),
        ("communities", "dedicated_grids") => (L::DedicatedGrids, S::Plain),
        ("communities", "micro_grids") => (L::MicroGrids, S::Plain),
        ("communities", "devolutions") => (L::Devolutions, S::Plain),
        ("central_communities", "name") => (L::Central, S::Plain),
        ("central_communities", "communities") => (L::Communities, S::CommunityNames),
        ("joint_cases", "name") | ("events" | "dispatch", "joint_case") => (L::JointCase, S::Plain),
        ("joint_cases", "lead") | ("dispatch", "joint_lead") => (L::Lead, S::Plain),
        ("joint_cases", "members") => (L::Members, S::Plain),
        ("joint_cases", "items") => (L::Items, S::Plain),
        ("joint_cases" | "events" | "dispatch", "tier") => (L::Tier, S::Tier),
        ("tiers", "name") => (L::TierName, S::Plain),
        ("tiers", "label") => (L::TierLabel, S::Plain),
        ("tiers", "limit_hours") => (L::Hours, S::Plain),
        ("tiers", "limit_minutes") | ("dispatch", "tier_minutes") => (L::Minutes, S::Plain),
        ("events", "name") | ("dispatch", "event") => (L::Event, S::Plain),
        ("events", "label") => (L::EventLabel, S::Plain),
        ("events", "owner") => (L::Authority, S::Plain),
        ("events", "bound") => (L::BoundOnly, S::YesNo),
        ("events", "enforcer") => (L::Enforcer, S::Plain),
        ("dispatch", "community") => (L::Place, S::Plain),
        ("dispatch", "handler") => (L::Team, S::Plain),
        ("dispatch", "bound") => (L::ViaBinding, S::YesNo),
        ("dispatch", "enforcer") => (L::EnforcementTeam, S::Plain),
        ("service_centres", "name") | ("centre_services" | "measures", "centre") => {
            (L::Centre, S::Plain)
        }
        ("service_centres", "stationed") => (L::Stationed, S::Plain),
        ("service_centres", "sections") => (L::Sections, S::Plain),
        ("service_centres", "service_areas") => (L::ServiceAreas, S::Plain),
        ("service_centres", "approval_services") => (L::ApprovalServices, S::Plain),
        ("service_centres", "value_added_services") => (L::ValueAddedServices, S::Plain),
        ("service_centres", "measures") => (L::MeasureCount, S::Plain),
        ("centre_services", "title") => (L::ServiceName, S::Plain),
        ("centre_services", "kind") => (L::ServiceKind, S::ServiceKind),
        ("centre_services", "section") => (L::Section, S::Plain),
        ("centre_services", "area") => (L::ServiceArea, S::Plain),
        ("centre_services", "owner") => (L::ServedBy, S::Plain),
        ("measures", "title") => (L::Measure, S::Plain),
        ("measures", "owner") => (L::Responsible, S::Plain),
        ("staffing", "department") => (L::DepartmentName, S::Plain),
        ("staffing", "administrative") => (L::Administrative, S::Plain),
        ("staffing", "institutional") => (L::Institutional, S::Plain),
        ("staffing", "establishment") => (L::Establishment, S::Plain),
        ("staffing", "leadership") => (L::Leadership, S::Plain),
        ("staffing", "in_communities") => (L::InCommunities, S::Plain),
        _ => return None,
    })
}

/// What a cell holds once it is made readable.
enum Value {
    Empty,
    Text(String),
    Number(i64),
}

/// The labels the values need, looked up once.
struct Words<'r> {
    lang: Lang,
    routes: &'r Routes<'r>,
    kinds: FxHashMap<&'r str, String>,
    tiers: FxHashMap<&'r str, &'r str>,
    communities: FxHashMap<&'r str, &'r str>,
}

impl<'r> Words<'r> {
    fn new(routes: &'r Routes, m: &'r Model, lang: Lang) -> Self {
        // a built-in kind's label is Chinese: an English run shows its name
        let kinds = m
            .kinds
            .iter()
            .map(|k| {
                let label = match (&k.label, k.span, lang) {
                    (Some(_), None, Lang::En) | (None, _, _) => k.name.text.clone(),
                    (Some(l), _, _) => l.text.clone(),
                };
                (k.name.text.as_str(), label)
            })
            .collect();
        let tiers = routes
            .tiers
            .iter()
            .map(|t| (t.name.as_str(), t.label.as_deref().unwrap_or(&t.name)))
            .collect();
        let communities = routes
            .communities
            .iter()
            .map(|c| (c.code.as_str(), c.name.as_str()))
            .collect();
        Words {
            lang,
            routes,
            kinds,
            tiers,
            communities,
        }
    }

    fn join(&self, parts: impl IntoIterator<Item = impl AsRef<str>>) -> String {
        let sep = if self.lang == Lang::Zh { "、" } else { ", " };
        parts
            .into_iter()
            .map(|p| p.as_ref().to_string())
            .collect::<Vec<_>>()
            .join(sep)
    }

    fn label(&self, l: Word) -> Value {
        Value::Text(l.text(self.lang).to_string())
    }

    /// The cell of `row` in a column shown as `show`.
    fn value(&self, show: Show, cell: &Cell<'_>, row: usize) -> Value {
        let text = |c: &Cell<'_>| match c {
            Cell::Text(s) => Some(s.to_string()),
            _ => None,
        };
        match (show, cell) {
            (_, Cell::Null) => Value::Empty,
            (Show::YesNo, Cell::Bool(b)) => self.label(if *b { Word::Yes } else { Word::No }),
            (Show::Category, c) => match text(c).as_deref() {
                Some("party") => self.label(Word::Party),
                Some("government") => self.label(Word::Government),
                Some("institution") => self.label(Word::Institution),
                _ => self.plain(c),
            },
            (Show::Status, c) => match text(c).as_deref() {
                Some("planned") => self.label(Word::Planned),
                Some("transferred") => self.label(Word::Transferred),
                Some("withdrawn") => self.label(Word::Withdrawn),
                _ => self.plain(c),
            },
            (Show::AgencyKind, c) => match text(c).as_deref() {
                Some("social_organisation") => self.label(Word::SocialOrganisation),
                Some("association") => self.label(Word::Association),
                Some("enterprise") => self.label(Word::Enterprise),
                Some("institution") => self.label(Word::AgencyInstitution),
                _ => self.plain(c),
            },
            (Show::ServiceKind, c) => match text(c).as_deref() {
                Some("approval") => self.label(Word::ApprovalService),
                Some("value_added") => self.label(Word::ValueAddedService),
                _ => self.plain(c),
            },
            (Show::ItemKind, Cell::Text(s)) => Value::Text(
                self.kinds
                    .get(s.as_ref())
                    .cloned()
                    .unwrap_or_else(|| s.to_string()),
            ),
            (Show::Tier, Cell::Text(s)) => Value::Text(
                self.tiers
                    .get(s.as_ref())
                    .map_or_else(|| s.to_string(), |l| l.to_string()),
            ),
            (Show::CommunityNames | Show::Reached, Cell::List(codes)) => {
                // a devolution to every community says so rather than listing them
                let everywhere = show == Show::Reached
                    && self
                        .routes
                        .devolutions
                        .get(row)
                        .is_some_and(|d| d.all_communities);
                if everywhere {
                    return self.label(Word::Everywhere);
                }
                Value::Text(
                    self.join(
                        codes
                            .iter()
                            .map(|c| self.communities.get(c.as_str()).copied().unwrap_or(c)),
                    ),
                )
            }
            (Show::Modules, _) => {
                let Some(dept) = self.routes.departments.get(row) else {
                    return self.plain(cell);
                };
                let lines: Vec<String> = dept
                    .modules
                    .iter()
                    .map(|md| {
                        let mut parts = Vec::new();
                        if !md.groups.is_empty() {
                            parts.push(
                                Message::CellGroups {
                                    groups: self.join(&md.groups),
                                }
                                .render(self.lang),
                            );
                        }
                        if !md.upstream_offices.is_empty() {
                            parts.push(
                                Message::CellOffices {
                                    offices: self.join(&md.upstream_offices),
                                }
                                .render(self.lang),
                            );
                        }
                        if parts.is_empty() {
                            md.name.clone()
                        } else {
                            let sep = if self.lang == Lang::Zh { "；" } else { "; " };
                            Message::CellModule {
                                name: md.name.clone(),
                                parts: parts.join(sep),
                            }
                            .render(self.lang)
                        }
                    })
                    .collect();
                Value::Text(lines.join("\n"))
            }
            (_, c) => self.plain(c),
        }
    }

    fn plain(&self, c: &Cell<'_>) -> Value {
        match c {
            Cell::Null => Value::Empty,
            Cell::Text(s) => Value::Text(s.to_string()),
            Cell::Int(n) => Value::Number(*n),
            Cell::Bool(b) => self.label(if *b { Word::Yes } else { Word::No }),
            Cell::List(l) => Value::Text(self.join(l.iter())),
            // nested records are shown by `Show::Modules`; JSON is never shown
            Cell::Json(_) => Value::Empty,
        }
    }
}

/// The widest line of `s`, in terminal cells (a Chinese character is two).
/// Never more than `s.len()`: a character of one or two bytes is at most one
/// cell wide, any other at most two.
fn width(s: &str) -> usize {
    s.lines().map(UnicodeWidthStr::width).max().unwrap_or(0)
}

/// How many characters `n` takes written out.
fn digits(n: i64) -> usize {
    let sign = usize::from(n < 0);
    sign + n
        .unsigned_abs()
        .checked_ilog10()
        .map_or(1, |d| d as usize + 1)
}

/// Excel's limit on the text of one cell.
const CELL_LIMIT: usize = 32_767;

fn clip(s: String) -> String {
    // no more characters than bytes: most texts need no count
    if s.len() <= CELL_LIMIT || s.chars().count() <= CELL_LIMIT {
        return s;
    }
    let mut t: String = s.chars().take(CELL_LIMIT - 1).collect();
    t.push('…');
    t
}

fn write_sheet(
    ws: &mut Worksheet,
    t: &Table<'_>,
    words: &Words<'_>,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let name = sheet(t.name).map_or(t.name, |l| l.text(words.lang));
    ws.set_name(name)?;
    let columns: Vec<(String, Show)> = t
        .columns
        .iter()
        .map(|c| match column(t.name, c) {
            Some((label, show)) => (label.text(words.lang).to_string(), show),
            None => (c.to_string(), Show::Plain),
        })
        .collect();
    // the heading's filter button takes about three cells
    let mut widths: Vec<usize> = columns.iter().map(|(h, _)| width(h) + 3).collect();
    for (col, (heading, _)) in columns.iter().enumerate() {
        ws.write_string_with_format(0, col as u16, heading, &formats.heading)?;
    }
    // a text column's format is the column's, which its cells take without
    // naming it: one format per column rather than one lookup per cell
    for (col, (_, show)) in columns.iter().enumerate() {
        let format = if *show == Show::Modules {
            &formats.wrapped
        } else {
            &formats.text
        };
        ws.set_column_format(col as u16, format)?;
    }
    let mut text_cols = vec![false; columns.len()];
    for (r, row) in t.rows().enumerate() {
        let line = r as u32 + 1;
        for (col, cell) in row.iter().enumerate() {
            let show = columns.get(col).map_or(Show::Plain, |c| c.1);
            match words.value(show, cell, r) {
                Value::Empty => {}
                Value::Number(n) => {
                    ws.write_number_with_format(line, col as u16, n as f64, &formats.number)?;
                    widths[col] = widths[col].max(digits(n));
                }
                Value::Text(s) => {
                    let s = clip(s);
                    // a text is never wider than its bytes: only a longer
                    // text can widen the column
                    if s.len() > widths[col] {
                        widths[col] = widths[col].max(width(&s));
                    }
                    text_cols[col] = true;
                    ws.write_string(line, col as u16, s)?;
                }
            }
        }
    }
    for (col, w) in widths.iter().enumerate() {
        // Excel's width unit is about one narrow character; keep every column readable
        ws.set_column_width(col as u16, (*w + 2).clamp(6, 60) as f64)?;
    }
    let last_row = t.len() as u32;
    let last_col = columns.len().saturating_sub(1) as u16;
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, last_row, last_col)?;
    // ids and codes are text on purpose: no "number stored as text" warnings
    for (col, is_text) in text_cols.iter().enumerate() {
        if *is_text && last_row > 0 {
            ws.ignore_error_range(
                1,
                col as u16,
                last_row,
                col as u16,
                IgnoreError::NumberStoredAsText,
            )?;
        }
    }
    Ok(())
}

struct Formats {
    heading: Format,
    text: Format,
    wrapped: Format,
    number: Format,
}

/// The most rows under the heading a sheet of the workbook gets. Excel holds
/// 1,048,575, but a sheet of a few hundred thousand rows already takes
/// minutes to open and the build tens of seconds and gigabytes to write
/// (a million-item set: 41 s and 4.2 GiB); like the lookup page, the
/// workbook is for a county's set, and the CSV files (which Excel opens too)
/// and SQLite hold any size.
pub const MAX_ROWS: usize = 100_000;

/// The first table with more rows than a sheet gets, and its row count: such
/// a set gets no workbook.
pub fn too_large(routes: &Routes) -> Option<(&'static str, usize)> {
    tables(routes)
        .into_iter()
        .find(|t| t.len() > MAX_ROWS)
        .map(|t| (t.name, t.len()))
}

/// `routes.xlsx` as bytes: one sheet per routing table, for people.
pub fn xlsx(routes: &Routes, m: &Model, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let words = Words::new(routes, m, lang);
    let formats = Formats {
        heading: Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xDDEBF7))
            .set_border_bottom(FormatBorder::Thin)
            .set_align(FormatAlign::Top),
        // `@`: Excel's text format, so that an edited code stays text
        text: Format::new()
            .set_num_format("@")
            .set_align(FormatAlign::Top),
        wrapped: Format::new()
            .set_num_format("@")
            .set_text_wrap()
            .set_align(FormatAlign::Top),
        number: Format::new().set_align(FormatAlign::Top),
    };
    let mut wb = Workbook::new();
    // the fastest deflate: Longgang's workbook is 0.8 MB rather than 0.5 MB
    // at Excel's level (6), and the build 0.8× the time
    wb.set_zip_compression_level(1);
    // a fixed creation date: the same set gives the same bytes
    let epoch = ExcelDateTime::from_ymd(2000, 1, 1)?;
    let title = routes
        .city
        .as_ref()
        .map_or_else(String::new, |c| c.name.clone());
    wb.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_comment(format!("{} {}", routes.schema, routes.digest))
            .set_creation_datetime(&epoch),
    );
    for t in tables(routes) {
        write_sheet(wb.add_worksheet(), &t, &words, &formats)?;
    }
    wb.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A column is widened only by a text longer in bytes than its width so
    /// far: no text is wider than its bytes, whatever its script.
    #[test]
    fn no_text_is_wider_than_its_bytes() {
        let texts = [
            "",
            "a",
            "龙港市",
            "市场监督管理局（知识产权局）",
            "ＡＢＣ１２３",
            "한국어",
            "ᄀᄀᄀ",
            "e\u{301}",
            "#\u{fe0f}",
            "❤\u{fe0f}",
            "👨\u{200d}👩\u{200d}👧",
            "🇨🇳",
            "\u{ff61}",
            "\t\u{7}",
            "آب",
            "\u{3000}全角空格",
            "第一行\n第二行更长一些",
            "ﷺ",
            "𠀀𪚥",
        ];
        for t in texts {
            assert!(
                width(t) <= t.len(),
                "{t:?}: {} cells, {} bytes",
                width(t),
                t.len()
            );
        }
        // every character alone, up to the end of the astral planes in use
        let mut buf = [0; 4];
        for c in (0..0x3_2000).filter_map(char::from_u32) {
            let t: &str = c.encode_utf8(&mut buf);
            assert!(width(t) <= t.len(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn digits_are_counted_as_written() {
        for n in [
            0,
            7,
            9,
            10,
            99,
            100,
            12_345,
            -1,
            -10,
            -999,
            i64::MAX,
            i64::MIN,
        ] {
            assert_eq!(digits(n), n.to_string().len(), "{n}");
        }
    }

    /// Every column of every table has a heading and every table a sheet, in
    /// both languages, and no two sheets share a name.
    #[test]
    fn every_table_and_column_has_words() {
        let c = crate::driver::compile_str("t.policy", "department 甲 : party { }\n");
        let routes = super::super::routes::build(&c.model, &c.derived, "test");
        let mut names = Vec::new();
        for t in tables(&routes) {
            let s = sheet(t.name).unwrap_or_else(|| panic!("no sheet for {}", t.name));
            for lang in [Lang::Zh, Lang::En] {
                assert!(s.text(lang).chars().count() <= 31, "{}", t.name);
                names.push(s.text(lang));
            }
            for col in t.columns {
                assert!(
                    column(t.name, col).is_some(),
                    "no heading for {}.{col}",
                    t.name
                );
            }
        }
        let n = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), n, "two sheets share a name");
    }

    #[test]
    fn same_routes_same_bytes() {
        let c = crate::driver::compile_str(
            "t.policy",
            "tier t \"日清日结\" within 24h\ndepartment 甲 : party { module M { group G } }\n\
             item I-1 \"事\" : service owner 甲.M.G statutory 5 committed 2\n\
             central_community 中 { community 社 }\ncommunity 社 code 330383198001 { grid W micro 1 }\nbind 甲 to 中\n",
        );
        assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
        let routes = super::super::routes::build(&c.model, &c.derived, "test");
        let a = xlsx(&routes, &c.model, Lang::Zh).unwrap();
        let b = xlsx(&routes, &c.model, Lang::Zh).unwrap();
        assert_eq!(a, b);
    }
}
