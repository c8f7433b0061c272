//! A diff for people (text, Markdown for a merge-request comment) and for
//! machines (JSON): the summary first, then the details by kind, the route
//! changes and what the new side breaks. Every sentence comes from the
//! message table, in the run's language.

use super::snapshot::Kind;
use super::{Change, Class, Diff, Finding, RouteChange, What};
use crate::diagnostics::{Lang, Message, Term};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The summary: a few sentences a reviewer reads first.
pub fn summary(diff: &Diff) -> Vec<Message> {
    let mut out = Vec::new();
    if diff.is_empty() {
        out.push(Message::DiffNoChanges);
        return out;
    }
    // items that moved from one department to another
    let mut moved: BTreeMap<(String, String), usize> = BTreeMap::new();
    for r in &diff.routes {
        if r.kind == Kind::Item && r.aspect == "handler" {
            let dept = |p: &str| p.split('.').next().unwrap_or("").to_string();
            let (a, b) = (dept(&r.old), dept(&r.new));
            // an item that lost or gained an owner did not move: the
            // findings and the details say what happened to it
            if a != b && !a.is_empty() && !b.is_empty() {
                *moved.entry((a, b)).or_insert(0) += 1;
            }
        }
    }
    for ((from, to), count) in moved {
        out.push(Message::DiffItemsMoved {
            count: count.into(),
            from,
            to,
        });
    }
    // functions now transferred, by agency
    let mut transferred: BTreeMap<String, usize> = BTreeMap::new();
    for c in diff.changes.iter().filter(|c| c.kind == Kind::Transfer) {
        let now_transferred = match &c.what {
            What::Changed { fields } | What::Renamed { fields, .. } => fields
                .iter()
                .find(|f| f.field == "status" && f.new == "transferred")
                .map(|_| ()),
            What::Added | What::Removed => None,
        };
        if now_transferred.is_some() {
            let agencies = match &c.what {
                What::Changed { fields } | What::Renamed { fields, .. } => fields
                    .iter()
                    .find(|f| f.field == "agencies")
                    .map(|f| f.new.clone()),
                _ => None,
            };
            *transferred.entry(agencies.unwrap_or_default()).or_insert(0) += 1;
        }
    }
    for (agency, count) in transferred {
        out.push(Message::DiffTransferred {
            count: count.into(),
            agency,
        });
    }
    // additions, removals, renames and changes by kind
    let mut kinds: BTreeMap<Kind, [usize; 3]> = BTreeMap::new();
    for c in &diff.changes {
        let slot = kinds.entry(c.kind).or_insert([0; 3]);
        match &c.what {
            What::Added => slot[0] += 1,
            What::Removed => slot[1] += 1,
            What::Renamed { from, to, .. } => out.push(Message::DiffRenamed {
                what: c.kind.term(),
                from: from.clone(),
                to: to.clone(),
            }),
            What::Changed { .. } => slot[2] += 1,
        }
    }
    for (kind, [added, removed, changed]) in &kinds {
        let what = kind.term();
        if *added > 0 {
            out.push(Message::DiffAdded {
                count: (*added).into(),
                what,
            });
        }
        if *removed > 0 {
            out.push(Message::DiffRemoved {
                count: (*removed).into(),
                what,
            });
        }
        if *changed > 0 && *kind != Kind::Transfer {
            out.push(Message::DiffChanged {
                count: (*changed).into(),
                what,
            });
        }
    }
    if !diff.routes.is_empty() {
        out.push(Message::DiffRoutes {
            count: diff.routes.len().into(),
        });
    }
    if !kinds.contains_key(&Kind::Cap)
        && diff
            .findings
            .iter()
            .all(|f| !matches!(f, Finding::CapCrossed { .. }))
    {
        out.push(Message::DiffCapsSame);
    }
    out
}

fn finding(f: &Finding) -> Message {
    match f {
        Finding::CapCrossed { cap, actual, limit } => Message::DiffCapCrossed {
            cap: cap.clone(),
            actual: (*actual).into(),
            limit: (*limit).into(),
        },
        Finding::CommunityUnbound { community } => Message::DiffUnbound {
            community: community.clone(),
        },
        Finding::DispatchGap { event, communities } => {
            let shown: Vec<String> = communities.iter().take(5).cloned().collect();
            let more = if communities.len() > 5 { "…" } else { "" };
            Message::DiffGap {
                event: event.clone(),
                count: communities.len().into(),
                communities: format!("{}{more}", shown.join("、")),
            }
        }
        Finding::ItemWithoutOwner { item } => Message::DiffOwnerless { item: item.clone() },
        Finding::NewSideHasErrors { errors } => Message::DiffNewSideErrors {
            count: (*errors).into(),
        },
    }
}

fn class(c: Class) -> Message {
    match c {
        Class::Safe => Message::DiffClassSafe,
        Class::Notable => Message::DiffClassNotable,
        Class::Breaking => Message::DiffClassBreaking,
    }
}

/// Dispatch route changes grouped: one line per event, aspect and change,
/// with the communities it applies to.
fn grouped_routes(
    routes: &[RouteChange],
) -> Vec<(String, &'static str, String, String, Vec<String>)> {
    let mut groups: BTreeMap<(String, &'static str, String, String), Vec<String>> = BTreeMap::new();
    let mut out = Vec::new();
    for r in routes {
        if r.kind == Kind::Event {
            let (event, place) = r.subject.split_once(" @ ").unwrap_or((&r.subject, ""));
            groups
                .entry((event.to_string(), r.aspect, r.old.clone(), r.new.clone()))
                .or_default()
                .push(place.to_string());
        } else {
            out.push((
                r.subject.clone(),
                r.aspect,
                r.old.clone(),
                r.new.clone(),
                Vec::new(),
            ));
        }
    }
    for ((event, aspect, old, new), places) in groups {
        out.push((event, aspect, old, new, places));
    }
    out
}

fn none_if_empty(s: &str, lang: Lang) -> String {
    if s.is_empty() {
        Message::DiffNone.render(lang)
    } else {
        s.to_string()
    }
}

fn change_line(c: &Change, lang: Lang) -> (String, Vec<String>) {
    let fields = |fields: &[super::Field]| -> Vec<String> {
        fields
            .iter()
            .map(|f| {
                format!(
                    "{}: {} → {}",
                    f.field,
                    none_if_empty(&f.old, lang),
                    none_if_empty(&f.new, lang)
                )
            })
            .collect()
    };
    match &c.what {
        What::Added => (format!("+ {}", c.label), Vec::new()),
        What::Removed => (format!("- {}", c.label), Vec::new()),
        What::Renamed {
            from,
            to,
            fields: f,
        } => (format!("~ {from} → {to}"), fields(f)),
        What::Changed { fields: f } => (format!("~ {}", c.label), fields(f)),
    }
}

/// The plain-text form.
pub fn text(diff: &Diff, old: &str, new: &str, lang: Lang) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}",
        Message::DiffHeader {
            old: old.to_string(),
            new: new.to_string()
        }
        .render(lang)
    );
    let sep = if lang == Lang::Zh { "；" } else { "; " };
    let summary: Vec<String> = summary(diff).iter().map(|m| m.render(lang)).collect();
    let _ = writeln!(s, "{}", summary.join(sep));
    if diff.is_empty() {
        return s;
    }
    let counts: Vec<String> = diff
        .counts()
        .iter()
        .rev()
        .map(|(c, n)| format!("{} {n}", class(*c).render(lang)))
        .collect();
    let _ = writeln!(s, "{}", counts.join(" · "));
    if !diff.findings.is_empty() {
        let _ = writeln!(s, "\n== {} ==", Message::DiffBreakingHeading.render(lang));
        for f in &diff.findings {
            let _ = writeln!(s, "  ! {}", finding(f).render(lang));
        }
    }
    let mut kind = None;
    for c in &diff.changes {
        if kind != Some(c.kind) {
            kind = Some(c.kind);
            let _ = writeln!(s, "\n== {} ==", heading(c.kind.term(), lang));
        }
        let (line, fields) = change_line(c, lang);
        let _ = writeln!(s, "  {line}  [{}]", class(c.class).render(lang));
        for f in fields {
            let _ = writeln!(s, "      {f}");
        }
    }
    if !diff.routes.is_empty() {
        let _ = writeln!(s, "\n== {} ==", Message::DiffRoutesHeading.render(lang));
        for (subject, aspect, old, new, places) in grouped_routes(&diff.routes) {
            let _ = writeln!(
                s,
                "  {subject}{}: {aspect} {} → {}",
                places_text(&places, lang),
                none_if_empty(&old, lang),
                none_if_empty(&new, lang)
            );
        }
    }
    s
}

fn places_text(places: &[String], lang: Lang) -> String {
    if places.is_empty() {
        return String::new();
    }
    let shown: Vec<String> = places.iter().take(5).cloned().collect();
    let more = if places.len() > 5 { "…" } else { "" };
    format!(
        " @ {}",
        Message::DiffPlaces {
            count: places.len().into(),
            places: format!("{}{more}", shown.join("、")),
        }
        .render(lang)
    )
}

fn heading(t: Term, lang: Lang) -> String {
    Message::DiffKindHeading { what: t }.render(lang)
}

/// The Markdown form, for a merge-request comment: the summary and the
/// counts on top, every detail folded.
pub fn markdown(diff: &Diff, old: &str, new: &str, lang: Lang) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "### {}\n",
        Message::DiffHeader {
            old: old.to_string(),
            new: new.to_string()
        }
        .render(lang)
    );
    for m in summary(diff) {
        let _ = writeln!(s, "- {}", md(&m.render(lang)));
    }
    if diff.is_empty() {
        return s;
    }
    let _ = writeln!(s);
    let counts: Vec<String> = diff
        .counts()
        .iter()
        .rev()
        .map(|(c, n)| format!("**{}** {n}", class(*c).render(lang)))
        .collect();
    let _ = writeln!(s, "{}\n", counts.join(" · "));
    if !diff.findings.is_empty() {
        let _ = writeln!(s, "**{}**\n", Message::DiffBreakingHeading.render(lang));
        for f in &diff.findings {
            let _ = writeln!(s, "- ⚠️ {}", md(&finding(f).render(lang)));
        }
        let _ = writeln!(s);
    }
    let mut by_kind: BTreeMap<Kind, Vec<&Change>> = BTreeMap::new();
    for c in &diff.changes {
        by_kind.entry(c.kind).or_default().push(c);
    }
    for (kind, changes) in by_kind {
        let _ = writeln!(
            s,
            "<details><summary>{} ({})</summary>\n",
            heading(kind.term(), lang),
            changes.len()
        );
        for c in changes {
            let (line, fields) = change_line(c, lang);
            let _ = writeln!(s, "- `{}` {}", class(c.class).render(lang), md(&line));
            for f in fields {
                let _ = writeln!(s, "  - {}", md(&f));
            }
        }
        let _ = writeln!(s, "\n</details>\n");
    }
    if !diff.routes.is_empty() {
        let _ = writeln!(
            s,
            "<details><summary>{} ({})</summary>\n",
            Message::DiffRoutesHeading.render(lang),
            diff.routes.len()
        );
        for (subject, aspect, old, new, places) in grouped_routes(&diff.routes) {
            let _ = writeln!(
                s,
                "- {}{}: {aspect} {} → {}",
                md(&subject),
                md(&places_text(&places, lang)),
                md(&none_if_empty(&old, lang)),
                md(&none_if_empty(&new, lang))
            );
        }
        let _ = writeln!(s, "\n</details>");
    }
    s
}

/// Text safe in Markdown: the characters that would start markup or HTML are escaped.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The JSON form.
pub fn json(diff: &Diff, old: &str, new: &str, lang: Lang) -> String {
    #[derive(serde::Serialize)]
    struct Doc<'a> {
        schema: &'static str,
        old: &'a str,
        new: &'a str,
        summary: Vec<String>,
        worst: Option<Class>,
        counts: BTreeMap<Class, usize>,
        #[serde(flatten)]
        diff: &'a Diff,
    }
    let doc = Doc {
        schema: "orgc.diff/1",
        old,
        new,
        summary: summary(diff).iter().map(|m| m.render(lang)).collect(),
        worst: diff.worst(),
        counts: diff.counts(),
        diff,
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".to_string());
    s.push('\n');
    s
}
