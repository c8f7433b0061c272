//! Phase 4, emit: `lookup.html`, one self-contained page for the service hall
//! (服务大厅): type part of a name, see who handles it, with roles, the time
//! limit or response tier, and the chain of reasons behind it.
//!
//! Every answer on the page is computed here, at build time, by the same code
//! as `orgc route` ([`route::answer`], [`route::dispatch`]), rendered in the
//! page's language (`lang`) and embedded as JSON in a `<script type="application/json">`.
//! The page's script only searches and shows; it never routes. The page
//! needs no network and no other file: CSS and script are inline
//! (`lookup.css`, `lookup.js` beside this file), so it works from a USB stick.
//!
//! The data is packed: every handler path and reason text is stored once in
//! a string table, and an answer is three arrays of numbers (roles and
//! handlers, the time limit, reasons as file, line and text). Reasons name
//! files by their name alone, so the page does not depend on where the set
//! lies (same set, same bytes).

use super::route::{self, Answer, Subject};
use super::routes::Routes;
use crate::diagnostics::{Lang, Message, Role, Term, Word};
use crate::model::dispatch::Bindings;
use crate::model::query::Derived;
use crate::model::*;
use crate::source::SourceMap;
use rustc_hash::FxHashMap;
use serde::Serialize;

/// The kinds of entries the page lists, in the order results of equal
/// quality are shown.
const KINDS: &[(&str, Kind)] = &[
    ("community", Kind::Term(Term::Community)),
    ("event", Kind::Term(Term::Event)),
    ("item", Kind::Term(Term::Item)),
    ("office", Kind::Term(Term::Office)),
    ("grid", Kind::Term(Term::Grid)),
    ("joint_case", Kind::Term(Term::Joint)),
    ("department", Kind::Term(Term::Department)),
    ("service_centre", Kind::Term(Term::Centre)),
    ("central_community", Kind::Term(Term::Central)),
    ("transfer", Kind::Term(Term::Transfer)),
    ("devolution", Kind::Term(Term::Devolution)),
    ("agency", Kind::Term(Term::Agency)),
    ("dispatch", Kind::Word(Word::Dispatch)),
];

#[derive(Clone, Copy)]
enum Kind {
    Term(Term),
    Word(Word),
}

fn kind_index(key: &str) -> u8 {
    KINDS.iter().position(|(k, _)| *k == key).unwrap_or(0) as u8
}

/// Strings stored once, referred to by index.
#[derive(Default)]
struct Strings {
    list: Vec<String>,
    index: FxHashMap<String, u32>,
}

impl Strings {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(i) = self.index.get(s) {
            return *i;
        }
        let i = self.list.len() as u32;
        self.list.push(s.to_string());
        self.index.insert(s.to_string(), i);
        i
    }
}

/// One answer, packed: `[role, handler, …]`, the time limit or tier (a
/// string), `[file, line, text, …]` for the reasons.
#[derive(Serialize)]
struct Packed(Vec<u32>, Option<u32>, Vec<u32>);

/// One entry of the search: its kind (an index into `kinds`), its label
/// (what is searched and shown), its answer.
#[derive(Serialize)]
struct Entry(u8, String, Packed);

/// The words of the page, in the page's language.
#[derive(Serialize)]
struct Ui {
    title: String,
    intro: String,
    search: String,
    placeholder: String,
    keys: String,
    found: String,
    shown: String,
    none: String,
    handled_by: String,
    time_limit: String,
    tier: String,
    because: String,
    pick: String,
    choose: String,
    all_communities: String,
    community_events: String,
    event: String,
    community: String,
    team: String,
    enforcement: String,
}

/// Everything the page shows.
#[derive(Serialize)]
struct Data {
    lang: &'static str,
    ui: Ui,
    /// `[key, label]` of every kind, by kind index.
    kinds: Vec<(&'static str, &'static str)>,
    /// `[key, label]` of every role, by role index.
    roles: Vec<(String, &'static str)>,
    /// File names, by file index.
    files: Vec<String>,
    strings: Vec<String>,
    entries: Vec<Entry>,
    /// Entry indices of the event kinds and of the communities, in the
    /// order of `dispatch`.
    events: Vec<u32>,
    communities: Vec<u32>,
    /// `dispatch[e][c]`: event kind `events[e]` raised in community `communities[c]`.
    dispatch: Vec<Vec<Packed>>,
}

struct Packer<'a> {
    m: &'a Model,
    sources: &'a SourceMap,
    lang: Lang,
    strings: Strings,
    /// The string of each reason rendered so far: most reasons recur (the
    /// same community's place in every event kind's row), and a reason is
    /// rendered once.
    said: FxHashMap<Message, u32>,
    /// Index in `files` of each source file.
    files: Vec<u32>,
    file_names: Vec<String>,
}

impl Packer<'_> {
    /// The answer, packed; `handlers` and `limit` replace the answer's own
    /// when given (an item's owner shown as department, module and group).
    fn pack(
        &mut self,
        a: &Answer,
        handlers: Option<Vec<(Role, String)>>,
        limit: Option<String>,
    ) -> Packed {
        let handlers = handlers.unwrap_or_else(|| {
            a.roles
                .iter()
                .copied()
                .zip(a.handlers.iter().cloned())
                .collect()
        });
        let mut h = Vec::with_capacity(handlers.len() * 2);
        for (role, path) in &handlers {
            h.push(role_index(*role));
            h.push(self.strings.id(path));
        }
        let limit = limit.or_else(|| self.tier(a.tier.as_deref()));
        let t = limit.map(|l| self.strings.id(&l));
        let mut r = Vec::with_capacity(a.reasons.len() * 3);
        for reason in &a.reasons {
            let Some(file) = self.sources.get(reason.span.file) else {
                continue;
            };
            let (line, _) = file.line_col(reason.span.start);
            r.push(
                self.files
                    .get(reason.span.file.0 as usize)
                    .copied()
                    .unwrap_or(0),
            );
            r.push(line as u32);
            let said = match self.said.get(&reason.text) {
                Some(said) => *said,
                None => {
                    let said = self.strings.id(&reason.text.render(self.lang));
                    self.said.insert(reason.text.clone(), said);
                    said
                }
            };
            r.push(said);
        }
        Packed(h, t, r)
    }

    /// `日清日结（24 小时内）` for a tier's name; a tier of no time at all
    /// (`即时办结`) is its label alone.
    fn tier(&self, name: Option<&str>) -> Option<String> {
        let t = self
            .m
            .tiers
            .iter()
            .find(|t| Some(t.name.text.as_str()) == name)?;
        let label = t
            .label
            .as_ref()
            .map_or_else(|| t.name.text.clone(), |l| l.text.clone());
        let minutes = t.limit_minutes;
        if minutes == 0 {
            return Some(label);
        }
        let limit = if minutes % 60 == 0 {
            Message::LookupHours {
                hours: (minutes / 60).into(),
            }
        } else {
            Message::LookupMinutes {
                minutes: minutes.into(),
            }
        };
        Some(
            Message::LookupTierLimit {
                label,
                limit: Box::new(limit),
            }
            .render(self.lang),
        )
    }
}

fn role_index(role: Role) -> u32 {
    Role::ALL.iter().position(|r| *r == role).unwrap_or(0) as u32
}

/// An item's owner as department, module and group, then the agencies it
/// was transferred to and its joint cases.
fn item_handlers(m: &Model, routes: &Routes, id: ItemId) -> Vec<(Role, String)> {
    let it = &m.items[id.index()];
    let mut h = Vec::new();
    if let Some(o) = it.owner {
        h.push((Role::Owner, m.dept(o.department).name.text.clone()));
        if let Some(x) = o.module {
            h.push((Role::Module, m.module(x).name.text.clone()));
        }
        if let Some(g) = o.group {
            h.push((Role::Group, m.group(g).name.text.clone()));
        }
    }
    let row = routes
        .items
        .binary_search_by(|r| r.id.cmp(it.id.text.as_str()))
        .ok()
        .and_then(|i| routes.items.get(i));
    if let Some(row) = row {
        h.extend(row.transferred_to.iter().map(|a| (Role::Agency, a.clone())));
        h.extend(row.joint_cases.iter().map(|j| (Role::JointCase, j.clone())));
    }
    h
}

/// Every subject of the set, grouped by the page's kinds, sorted by label
/// within a kind.
fn subjects(m: &Model) -> Vec<(&'static str, Subject)> {
    let mut out: Vec<(&'static str, Subject)> = Vec::new();
    let n = |len: usize| 0..len as u32;
    out.extend(
        m.communities()
            .map(|(a, _)| ("community", Subject::Community(a))),
    );
    out.extend(n(m.events.len()).map(|i| ("event", Subject::Event(EventId(i)))));
    out.extend(n(m.items.len()).map(|i| ("item", Subject::Item(ItemId(i)))));
    out.extend(n(m.offices.len()).map(|i| ("office", Subject::Office(OfficeId(i)))));
    out.extend(n(m.grids.len()).map(|i| ("grid", Subject::Grid(GridId(i)))));
    out.extend(n(m.joints.len()).map(|i| ("joint_case", Subject::Joint(JointId(i)))));
    out.extend(n(m.departments.len()).map(|i| ("department", Subject::Department(DeptId(i)))));
    out.extend(n(m.centres.len()).map(|i| ("service_centre", Subject::Centre(CentreId(i)))));
    out.extend(
        m.areas
            .iter()
            .enumerate()
            .filter(|(_, a)| a.kind == AreaKind::Central)
            .map(|(i, _)| ("central_community", Subject::Central(AreaId(i as u32)))),
    );
    out.extend(n(m.transfers.len()).map(|i| ("transfer", Subject::Transfer(TransferId(i)))));
    out.extend(
        n(m.devolutions.len()).map(|i| ("devolution", Subject::Devolution(DevolutionId(i)))),
    );
    out.extend(n(m.agencies.len()).map(|i| ("agency", Subject::Agency(AgencyId(i)))));
    out
}

/// The most subjects and dispatch rows one page holds: about 20 MB, which
/// still opens in a few seconds on a desktop (Longgang: 9,443, 1.7 MB).
pub const MAX_ENTRIES: usize = 100_000;

/// How many subjects and dispatch rows the page of `m` would hold.
pub fn entries(m: &Model) -> usize {
    subjects(m).len() + m.events.len() * m.communities().count()
}

/// Text safe inside HTML element content and attribute values.
fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// JSON safe inside `<script>`, added to `out`: no `<`, `>` or `&` at all
/// (they only occur inside strings, where `\u003c` … mean the same), and no
/// line separators. One pass: the page's data is most of the page.
fn script_json(json: &str, out: &mut String) {
    let bytes = json.as_bytes();
    // `json[done..]` is still to be added; every cut falls between characters
    let mut done = 0;
    for (at, b) in bytes.iter().enumerate() {
        let (escaped, len) = match b {
            b'<' => ("\\u003c", 1),
            b'>' => ("\\u003e", 1),
            b'&' => ("\\u0026", 1),
            // U+2028 and U+2029 are E2 80 A8 and E2 80 A9
            0xE2 => match bytes.get(at + 1..at + 3) {
                Some([0x80, 0xA8]) => ("\\u2028", 3),
                Some([0x80, 0xA9]) => ("\\u2029", 3),
                _ => continue,
            },
            _ => continue,
        };
        out.push_str(&json[done..at]);
        out.push_str(escaped);
        done = at + len;
    }
    out.push_str(&json[done..]);
}

const TEMPLATE: &str = include_str!("lookup.html");
const CSS: &str = include_str!("lookup.css");
const SCRIPT: &str = include_str!("lookup.js");

/// `lookup.html`: the page, with every answer of the set.
pub fn html(m: &Model, d: &Derived, routes: &Routes, sources: &SourceMap, lang: Lang) -> String {
    let mut file_names: Vec<String> = Vec::new();
    let mut files = Vec::new();
    for (_, f) in sources.iter() {
        let name = f
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let i = match file_names.iter().position(|n| *n == name) {
            Some(i) => i,
            None => {
                file_names.push(name);
                file_names.len() - 1
            }
        };
        files.push(i as u32);
    }
    let mut p = Packer {
        m,
        sources,
        lang,
        strings: Strings::default(),
        said: FxHashMap::default(),
        files,
        file_names,
    };

    // entries, each kind sorted by label; communities by code, as in the tables
    let mut entries: Vec<(u8, String, Packed, Subject)> = Vec::new();
    let mut by_kind: Vec<Vec<(String, Subject, Answer)>> = vec![Vec::new(); KINDS.len()];
    for (kind, s) in subjects(m) {
        let a = route::answer(m, d, s);
        let sort_key = match s {
            Subject::Community(c) => m
                .area(c)
                .code
                .as_ref()
                .map_or_else(String::new, |c| c.text.clone()),
            _ => a.label.clone(),
        };
        by_kind[kind_index(kind) as usize].push((sort_key, s, a));
    }
    for (k, list) in by_kind.iter_mut().enumerate() {
        list.sort_by(|x, y| x.0.cmp(&y.0));
        for (_, s, a) in list.iter() {
            let (handlers, limit) = match s {
                Subject::Item(id) => (
                    Some(item_handlers(m, routes, *id)),
                    item_limit(m, *id, lang),
                ),
                Subject::Department(x) => {
                    // the department itself, then its modules: where to look next
                    let mut h: Vec<(Role, String)> = a
                        .roles
                        .iter()
                        .copied()
                        .zip(a.handlers.iter().cloned())
                        .collect();
                    h.extend(
                        m.dept(*x)
                            .modules
                            .iter()
                            .map(|md| (Role::Module, m.module(*md).name.text.clone())),
                    );
                    (Some(h), None)
                }
                _ => (None, None),
            };
            let packed = p.pack(a, handlers, limit);
            entries.push((k as u8, a.label.clone(), packed, *s));
        }
    }
    let events: Vec<(u32, EventId)> = entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| match e.3 {
            Subject::Event(x) => Some((i as u32, x)),
            _ => None,
        })
        .collect();
    let communities: Vec<(u32, Subject)> = entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| matches!(e.3, Subject::Community(_)).then_some((i as u32, e.3)))
        .collect();
    let bindings = Bindings::new(m, d);
    let dispatch: Vec<Vec<Packed>> = events
        .iter()
        .map(|(_, e)| {
            communities
                .iter()
                .map(|(_, c)| match route::dispatch(m, d, &bindings, *e, *c) {
                    Some(a) => p.pack(&a, None, None),
                    None => Packed(Vec::new(), None, Vec::new()),
                })
                .collect()
        })
        .collect();

    let say = |msg: Message| msg.render(lang);
    let city = routes
        .city
        .as_ref()
        .map_or_else(String::new, |c| c.name.clone());
    let ui = Ui {
        title: say(Message::LookupTitle { city }),
        intro: say(Message::LookupIntro),
        search: Word::Search.text(lang).to_string(),
        placeholder: say(Message::LookupPlaceholder),
        keys: say(Message::LookupKeys),
        found: say(Message::LookupFound {
            total: "{total}".into(),
        }),
        shown: say(Message::LookupShown {
            shown: "{shown}".into(),
            total: "{total}".into(),
        }),
        none: say(Message::LookupNone),
        handled_by: say(Message::HeadHandledBy),
        time_limit: Word::TimeLimit.text(lang).to_string(),
        tier: Word::Response.text(lang).to_string(),
        because: say(Message::HeadBecause),
        pick: say(Message::LookupPickCommunity),
        choose: say(Message::LookupChoose),
        all_communities: say(Message::LookupAllCommunities {
            count: communities.len().to_string(),
        }),
        community_events: say(Message::LookupCommunityEvents {
            count: events.len().to_string(),
        }),
        event: Word::Event.text(lang).to_string(),
        community: Word::Place.text(lang).to_string(),
        team: Word::Team.text(lang).to_string(),
        enforcement: Word::EnforcementTeam.text(lang).to_string(),
    };
    let data = Data {
        lang: if lang == Lang::Zh { "zh" } else { "en" },
        kinds: KINDS
            .iter()
            .map(|(key, k)| match k {
                Kind::Term(t) => (*key, t.text(lang)),
                Kind::Word(l) => (*key, l.text(lang)),
            })
            .collect(),
        roles: Role::ALL
            .iter()
            .map(|r| (format!("{r:?}"), r.text(lang)))
            .collect(),
        files: std::mem::take(&mut p.file_names),
        strings: std::mem::take(&mut p.strings.list),
        entries: entries
            .into_iter()
            .map(|(k, label, packed, _)| Entry(k, label, packed))
            .collect(),
        events: events.iter().map(|(i, _)| *i).collect(),
        communities: communities.iter().map(|(i, _)| *i).collect(),
        dispatch,
        ui,
    };
    let json = serde_json::to_string(&data).unwrap_or_else(|_| "{}".into());
    let footer = say(Message::LookupFooter {
        digest: routes.digest.chars().take(12).collect(),
    });
    let room = TEMPLATE.len() + CSS.len() + SCRIPT.len() + json.len() + json.len() / 16;
    fill(TEMPLATE, room, |name, out| match name {
        "lang" => out.push_str(if lang == Lang::Zh { "zh-CN" } else { "en" }),
        "title" => out.push_str(&escape_html(&data.ui.title)),
        "intro" => out.push_str(&escape_html(&data.ui.intro)),
        "search" => out.push_str(&escape_html(&data.ui.search)),
        "placeholder" => out.push_str(&escape_html(&data.ui.placeholder)),
        "keys" => out.push_str(&escape_html(&data.ui.keys)),
        "noscript" => out.push_str(&escape_html(&say(Message::LookupNoScript))),
        "footer" => out.push_str(&escape_html(&footer)),
        "css" => out.push_str(CSS),
        "script" => out.push_str(SCRIPT),
        "data" => script_json(&json, out),
        _ => {}
    })
}

/// The template with each `{{name}}` replaced by what `value(name, out)` adds
/// to `out`, in one pass, so that no filled-in text is ever read as a
/// placeholder. `room`: how long the page is expected to be.
fn fill(template: &str, room: usize, value: impl Fn(&str, &mut String)) -> String {
    let mut out = String::with_capacity(room);
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find("}}") {
            Some(end) => {
                value(&after[..end], &mut out);
                rest = &after[end + 2..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// An item's time limit in `lang`.
fn item_limit(m: &Model, id: ItemId, lang: Lang) -> Option<String> {
    super::route::limit_message(m.items[id.index()].limit.as_ref()).map(|msg| msg.render(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(text: &str) -> String {
        let c = crate::driver::compile_str("t.policy", text);
        assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
        let routes = super::super::routes::build(&c.model, &c.derived, "test");
        html(&c.model, &c.derived, &routes, &c.sources, Lang::Zh)
    }

    fn data(html: &str) -> serde_json::Value {
        let open = "<script type=\"application/json\" id=\"orgc-data\">";
        let start = html.find(open).unwrap() + open.len();
        let end = start + html[start..].find("</script>").unwrap();
        serde_json::from_str(&html[start..end]).unwrap()
    }

    const SET: &str = "tier t \"日清日结\" within 24h\n\
        department 甲 : government { module M { group G } }\n\
        item I-1 \"</script><script>alert(1)</script>\" : approval owner 甲.M.G statutory 5 committed 2\n\
        central_community 中 { community 社 }\ncommunity 社 code 330383198001 { grid W micro 1 }\nbind 甲.M to 中\n\
        event E owner 甲 tier t\n";

    #[test]
    fn names_from_the_policy_cannot_end_the_script() {
        let html = page(SET);
        // the error recorder, the data, the page's script
        assert_eq!(html.matches("</script>").count(), 3, "{html}");
        assert!(!html.contains("<script>alert"));
        // and the name is still there, for the script to show as text
        let d = data(&html);
        assert!(d["entries"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e[1] == "I-1 </script><script>alert(1)</script>"));
    }

    #[test]
    fn answers_are_those_of_route_with_roles() {
        let d = data(&page(SET));
        let strings = d["strings"].as_array().unwrap();
        let roles: Vec<&str> = d["roles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r[0].as_str().unwrap())
            .collect();
        let entry = |label: &str| {
            d["entries"]
                .as_array()
                .unwrap()
                .iter()
                .find(|e| e[1].as_str().unwrap().starts_with(label))
                .unwrap()
                .clone()
        };
        let handlers = |p: &serde_json::Value| -> Vec<(String, String)> {
            p[0].as_array()
                .unwrap()
                .chunks(2)
                .map(|c| {
                    (
                        roles[c[0].as_u64().unwrap() as usize].to_string(),
                        strings[c[1].as_u64().unwrap() as usize]
                            .as_str()
                            .unwrap()
                            .to_string(),
                    )
                })
                .collect()
        };
        let item = entry("I-1 ");
        assert_eq!(
            handlers(&item[2]),
            [
                ("Owner".to_string(), "甲".to_string()),
                ("Module".to_string(), "M".to_string()),
                ("Group".to_string(), "G".to_string())
            ]
        );
        let limit = strings[item[2][1].as_u64().unwrap() as usize]
            .as_str()
            .unwrap();
        assert_eq!(limit, "法定办结时限 5 个工作日，承诺 2 个工作日");
        let community = entry("社 ");
        assert_eq!(
            handlers(&community[2]),
            [
                ("Central".to_string(), "中".to_string()),
                ("Bound".to_string(), "甲".to_string())
            ]
        );
        // the dispatch of E in 社: the community, then the bound team
        assert_eq!(
            handlers(&d["dispatch"][0][0]),
            [
                ("Place".to_string(), "社".to_string()),
                ("Team".to_string(), "甲.M".to_string())
            ]
        );
        let tier = strings[d["dispatch"][0][0][1].as_u64().unwrap() as usize]
            .as_str()
            .unwrap();
        assert_eq!(tier, "日清日结（24 小时内）");
        // reasons are file, line, text
        let reasons = item[2][2].as_array().unwrap();
        assert_eq!(
            d["files"][reasons[0].as_u64().unwrap() as usize],
            "t.policy"
        );
        assert_eq!(reasons[1], 3);
    }

    #[test]
    fn the_data_cannot_end_or_break_the_script_and_means_the_same() {
        let value = serde_json::json!({"名称": "a</script>&b\u{2028}c\u{2029}d 龙港 ≥ <!-- ‧ —"});
        let json = serde_json::to_string(&value).unwrap();
        assert!(
            json.contains('\u{2028}'),
            "serde_json leaves the separators as they are"
        );
        let mut out = String::from("前");
        script_json(&json, &mut out);
        let escaped = out.strip_prefix("前").unwrap();
        assert!(
            !escaped.contains(['<', '>', '&', '\u{2028}', '\u{2029}']),
            "{escaped}"
        );
        assert!(
            escaped.contains("\\u003c/script\\u003e\\u0026b\\u2028c\\u2029d 龙港 ≥ \\u003c!-- ‧ —")
        );
        let back: serde_json::Value = serde_json::from_str(escaped).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn placeholders_are_filled_in_one_pass() {
        let filled = fill("a{{x}}b{{y}}c{{", 0, |n, out| {
            out.push_str(if n == "x" { "{{y}}" } else { "Y" })
        });
        assert_eq!(filled, "a{{y}}bYc{{");
    }
}
