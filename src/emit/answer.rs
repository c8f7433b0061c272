//! `orgc route`'s answers as text, for people (`human`) or machines (`json`),
//! from the data of [`route::Answer`]: who handles a subject, its tier, and
//! the declarations behind it, each with its place.

use super::route::{self, Answer};
use crate::diagnostics::{escape, Lang, Message, Role};
use crate::source::{SourceMap, Span};
use serde::Serialize;

/// The JSON document of `orgc route --format json`.
#[derive(Serialize)]
struct Document<'a> {
    query: &'a str,
    answers: Vec<JsonAnswer<'a>>,
}

#[derive(Serialize)]
struct JsonAnswer<'a> {
    kind: &'static str,
    subject: &'a str,
    /// Who does what: a field per role (`owner`, `lead`, `member` …), each a
    /// list, in the order the roles first appear in the answer.
    roles: serde_json::Map<String, serde_json::Value>,
    tier: &'a Option<String>,
    tier_label: &'a Option<String>,
    reasons: Vec<JsonReason>,
}

/// The field of a role in `orgc route --format json` (stable, English).
pub fn role_key(role: Role) -> &'static str {
    match role {
        Role::Owner => "owner",
        Role::Authority => "authority",
        Role::Answering => "answering_module",
        Role::Central => "central_community",
        Role::Bound => "bound_department",
        Role::Community => "community",
        Role::Lead => "lead",
        Role::Member => "member",
        Role::Enforcer => "enforcer",
        Role::Stationed => "stationed_unit",
        Role::Agency => "undertaking_agency",
        Role::Supervisor => "supervising_department",
        Role::Reached => "communities_reached",
        Role::From => "transferred_from",
        Role::Department => "department",
        Role::Itself => "the_department_itself",
        Role::Transfer => "transfer",
        Role::Grid => "grid",
        Role::Place => "first_responder",
        Role::Team => "team_sent",
        Role::Direct => "reporting_department",
        Role::EnforcementTeam => "enforcement_team",
        Role::Module => "module",
        Role::Group => "group",
        Role::JointCase => "joint_case",
    }
}

/// The handlers of an answer by role, each role once, in the order of first
/// appearance.
pub fn by_role(a: &Answer) -> Vec<(Role, Vec<&str>)> {
    let mut out: Vec<(Role, Vec<&str>)> = Vec::new();
    for (role, who) in a.roles.iter().zip(&a.handlers) {
        match out.iter_mut().find(|(r, _)| r == role) {
            Some((_, list)) => list.push(who),
            None => out.push((*role, vec![who])),
        }
    }
    out
}

/// How many handlers of one role the human format lists before it says how
/// many there are in all (a devolution reaches every community).
const SHOWN: usize = 12;

/// How many names a "did you mean" lists before it only counts them.
const SUGGESTED: usize = 10;

#[derive(Serialize)]
struct JsonReason {
    file: String,
    line: usize,
    column: usize,
    text: String,
}

/// `path`, line and character column of a span.
fn place(sources: &SourceMap, span: Span) -> Option<(String, usize, usize)> {
    sources.get(span.file).map(|f| {
        let (l, c) = f.line_col(span.start);
        (f.display_path(), l, c)
    })
}

/// The answers as one JSON document (pretty, ending in a newline).
pub fn json(query: &str, answers: &[Answer], sources: &SourceMap, lang: Lang) -> String {
    let doc = Document {
        query,
        answers: answers
            .iter()
            .map(|a| JsonAnswer {
                kind: a.subject.kind().as_str(),
                subject: &a.label,
                roles: by_role(a)
                    .into_iter()
                    .map(|(role, who)| (role_key(role).to_string(), who.into()))
                    .collect(),
                tier: &a.tier,
                tier_label: &a.tier_label,
                reasons: a
                    .reasons
                    .iter()
                    .map(|r| {
                        let (file, line, column) = place(sources, r.span).unwrap_or_default();
                        JsonReason {
                            file,
                            line,
                            column,
                            text: r.text.render(lang),
                        }
                    })
                    .collect(),
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// The answers for a person: the subject, who handles it, its tier, and
/// the reasons with `file:line`.
pub fn human(answers: &[Answer], sources: &SourceMap, lang: Lang) -> String {
    let mut s = String::new();
    let colon = match lang {
        Lang::Zh => "：",
        Lang::En => ": ",
    };
    for a in answers {
        s.push_str(&format!(
            "{} {}\n",
            a.subject.kind().term().text(lang),
            escape(&a.label)
        ));
        for (role, who) in by_role(a) {
            let mut line: Vec<String> = who.iter().take(SHOWN).map(|w| escape(w)).collect();
            if who.len() > SHOWN {
                line.push(
                    Message::RouteMore {
                        count: who.len().into(),
                    }
                    .render(lang),
                );
            }
            s.push_str(&format!(
                "  {}{colon}{}\n",
                role.text(lang),
                line.join(" · ")
            ));
        }
        if let Some(t) = &a.tier {
            let tier = match &a.tier_label {
                Some(label) => Message::RouteTierShown {
                    label: label.clone(),
                    name: t.clone(),
                },
                None => Message::RouteTierName { name: t.clone() },
            };
            s.push_str(&format!(
                "  {}{colon}{}\n",
                Message::HeadTier.render(lang),
                tier.render(lang)
            ));
        }
        s.push_str(&format!(
            "  {}{}\n",
            Message::HeadBecause.render(lang),
            colon.trim_end()
        ));
        for r in &a.reasons {
            if let Some((file, line, _)) = place(sources, r.span) {
                let file = escape(&file);
                s.push_str(&format!("    {file}:{line}  {}\n", r.text.render(lang)));
            }
        }
    }
    s
}

/// What to say when nothing matched `query` (of `kind`, if given): that
/// something of another kind has the name, or the closest name.
pub fn not_found(
    m: &crate::model::Model,
    query: &str,
    kind: Option<crate::vocab::SubjectKind>,
) -> Message {
    if kind.is_some() {
        if let Some(other) = route::find(m, query, None).first() {
            return Message::NothingCalledOfKind {
                query: query.to_string(),
                kind: other.kind().term(),
            };
        }
    }
    let mut all = route::suggestions(m, query);
    match all.len() {
        0 => Message::NothingCalled {
            query: query.to_string(),
        },
        1 => Message::NothingCalledDidYouMean {
            query: query.to_string(),
            suggestion: all.remove(0),
        },
        n if n <= SUGGESTED => Message::NothingCalledDidYouMeanAny {
            query: query.to_string(),
            suggestions: all,
        },
        n => Message::NothingCalledDidYouMeanMany {
            query: query.to_string(),
            count: n.into(),
            suggestions: all.into_iter().take(SUGGESTED).collect(),
        },
    }
}
