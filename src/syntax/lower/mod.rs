//! pest pairs → AST, one `lower_*` function per grammar rule.
//!
//! The grammar has already accepted the text, so the shapes here are known.
//! Every `match` on a pair's rule names the rules it expects; any other pair
//! (a grammar alternative the lowering does not know yet) is an internal
//! error diagnostic (E000, exit 101), never silently lowered as something
//! else. A missing pair falls back to an empty node rather than panicking: an
//! orgc bug must never take the user's run down.

use super::ast::*;
use super::Rule;
use crate::diagnostics::{Code, Diagnostic, Message};
use crate::source::{FileId, Span};
use crate::vocab::Keyword;
use pest::iterators::Pair;

mod decls;
mod rules;

type P<'i> = Pair<'i, Rule>;

pub struct Lowerer<'d> {
    pub file: FileId,
    /// Offset of the parsed slice in the file.
    pub base: usize,
    /// Diagnostics the grammar cannot express (a rule clause given twice),
    /// and internal errors for pairs the lowering did not expect.
    pub diagnostics: &'d mut Vec<Diagnostic>,
    /// The 0.1 spellings found in the declaration being lowered.
    pub edits: Vec<Edit>,
}

/// A 0.1 spelling: where it is, and what 0.2 writes there.
#[derive(Debug)]
pub struct Edit {
    span: Span,
    new: Option<String>,
    /// Why, when "write X" is not enough.
    why: Option<Message>,
}

/// The part of `text` (which starts at file offset `start`) under `span`.
fn slice(text: &str, start: usize, span: Span) -> &str {
    let from = (span.start as usize).saturating_sub(start).min(text.len());
    let to = (span.end as usize)
        .saturating_sub(start)
        .clamp(from, text.len());
    text.get(from..to).unwrap_or("")
}

/// `s` with every run of white space made one space.
fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a rule is a punctuation mark (which carries no data).
fn is_punctuation(r: Rule) -> bool {
    matches!(
        r,
        Rule::lbrace
            | Rule::rbrace
            | Rule::lparen
            | Rule::rparen
            | Rule::lbracket
            | Rule::rbracket
            | Rule::colon
            | Rule::arrow
            | Rule::comma
    )
}

/// The meaningful children of a pair: punctuation rules dropped.
fn children(p: P<'_>) -> impl Iterator<Item = P<'_>> {
    p.into_inner().filter(|c| !is_punctuation(c.as_rule()))
}

impl Lowerer<'_> {
    /// The span of a pair, ending at its last token: pest counts the white
    /// space and comments it skipped while looking for an optional clause as
    /// part of the rule, but a diagnostic should not underline them.
    fn span(&self, p: &P<'_>) -> Span {
        let s = p.as_span();
        Span::new(self.file, self.base + s.start(), self.base + token_end(p))
    }

    fn empty_name(&self, span: Span) -> Name {
        Name {
            text: String::new(),
            span,
        }
    }

    /// A pair carrying no data of its own (a keyword, a punctuation mark) is
    /// skipped; any other pair was not expected here and is an internal error.
    fn token(&mut self, p: &P<'_>) {
        let r = p.as_rule();
        if Keyword::from_rule(r).is_none() && !is_punctuation(r) {
            self.unexpected(p);
        }
    }

    /// A 0.1 spelling at `p`, which 0.2 writes as `new` ("" to remove it).
    fn legacy(&mut self, p: &P<'_>, new: String) {
        let span = self.span(p);
        self.legacy_at(span, Some(new));
    }

    /// A 0.1 spelling at `span`; `new` is what 0.2 writes there (`None` when
    /// only the reader can say, as for a `targets` block's source).
    fn legacy_at(&mut self, span: Span, new: Option<String>) {
        self.edits.push(Edit {
            span,
            new,
            why: None,
        });
    }

    /// E007 for a declaration with 0.1 spellings: one diagnostic that names
    /// each old spelling, points at each with what 0.2 writes there, and
    /// shows the whole declaration rewritten when it fits on one line.
    fn report_legacy(&mut self, decl: &P<'_>) {
        if self.edits.is_empty() {
            return;
        }
        let mut edits = std::mem::take(&mut self.edits);
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        let start = self.base + decl.as_span().start();
        let end = self.base + token_end(decl);
        let text = decl.as_str();
        let text = &text[..(end - start).min(text.len())];
        let old: Vec<String> = edits
            .iter()
            .filter(|e| e.span.end > e.span.start)
            .map(|e| words(slice(text, start, e.span)))
            .collect();
        // a `targets` block without a source has nothing old to name
        let message = if old.is_empty() {
            Message::LegacyTargetsSource
        } else {
            Message::Legacy { old }
        };
        let mut d = Diagnostic::new(Code::E007, message);
        let mut rewrite = Some(String::new());
        let mut at = start;
        for e in &edits {
            let label = match e.new.as_deref() {
                _ if e.why.is_some() => e.why.clone().unwrap_or(Message::LabelLegacyRemove),
                None => Message::LabelTargetsSource,
                Some("") => Message::LabelLegacyRemove,
                Some(new) if e.span.start == e.span.end => Message::LabelLegacyAdd {
                    new: new.trim().to_string(),
                },
                Some(new) => Message::LabelLegacy {
                    new: new.to_string(),
                },
            };
            d = d.label(e.span, Some(label));
            if let (Some(r), Some(new)) = (rewrite.as_mut(), e.new.as_deref()) {
                let from = (at - start).min(text.len());
                let to = (e.span.start as usize - start).clamp(from, text.len());
                r.push_str(&text[from..to]);
                r.push_str(new);
                at = (e.span.end as usize).max(at);
            } else {
                rewrite = None;
            }
        }
        if let Some(r) = rewrite.as_mut() {
            r.push_str(&text[(at - start).min(text.len())..]);
        }
        let rewrite = rewrite
            .map(|r| words(&r))
            .filter(|r| !text.contains('\n') && r.chars().count() <= 160);
        let help = match rewrite {
            Some(rewrite) => Message::HelpRewrite { rewrite },
            None if edits.iter().any(|e| e.new.is_none()) => Message::HelpTargetsSource,
            None => Message::HelpMigrate,
        };
        self.diagnostics.push(d.help(help));
    }

    /// E000: the grammar produced a pair the lowering does not handle.
    fn unexpected(&mut self, p: &P<'_>) {
        let span = self.span(p);
        self.diagnostics.push(
            Diagnostic::new(
                Code::E000,
                Message::Internal {
                    what: format!(
                        "the lowering does not handle grammar rule `{:?}`",
                        p.as_rule()
                    ),
                },
            )
            .label(span, None),
        );
    }

    /// One top-level declaration; `None` (and an internal error) for a pair
    /// that is not one.
    pub fn decl(mut self, p: P<'_>) -> Option<Decl> {
        let whole = p.clone();
        let decl = self.lower_decl(p);
        self.report_legacy(&whole);
        decl
    }

    fn lower_decl(&mut self, p: P<'_>) -> Option<Decl> {
        Some(match p.as_rule() {
            Rule::city => Decl::City(self.lower_city(p)),
            Rule::caps => Decl::Caps(Caps {
                span: self.span(&p),
                entries: self.lower_figures(p),
            }),
            Rule::targets => Decl::Targets(self.lower_targets(p)),
            Rule::tier => Decl::Tier(self.lower_tier(p)),
            Rule::kind => Decl::Kind(self.lower_kind(p)),
            Rule::upstream => Decl::Upstream(self.lower_upstream(p)),
            Rule::department => Decl::Department(self.lower_department(p)),
            Rule::item => Decl::Item(self.lower_item(p)),
            Rule::agency => Decl::Agency(self.lower_agency(p)),
            Rule::transfer => Decl::Transfer(self.lower_transfer(p)),
            Rule::central => Decl::Central(self.lower_central(p)),
            Rule::community => Decl::Community(self.lower_community(p)),
            Rule::bind => Decl::Bind(self.lower_bind(p)),
            Rule::devolution => Decl::Devolve(self.lower_devolve(p)),
            Rule::joint_case => Decl::Joint(self.lower_joint(p)),
            Rule::service_centre => Decl::ServiceCentre(self.lower_service_centre(p)),
            Rule::centre_service => Decl::CentreService(self.lower_centre_service(p)),
            Rule::measure => Decl::Measure(self.lower_measure(p)),
            Rule::event => Decl::Event(self.lower_event(p)),
            Rule::expect => Decl::Expect(self.lower_expect(p)),
            Rule::rule => Decl::Rule(self.lower_rule(p)),
            _ => {
                self.unexpected(&p);
                return None;
            }
        })
    }

    // ------------------------------------------------------------ names

    fn lower_name(&self, p: P<'_>) -> Name {
        let span = self.span(&p);
        let inner = p.into_inner().next();
        let text = match inner {
            Some(i) if i.as_rule() == Rule::string => unescape(string_text(i)),
            Some(i) => i.as_str().to_string(),
            None => String::new(),
        };
        Name { text, span }
    }

    fn lower_string(&self, p: P<'_>) -> String {
        unescape(string_text(p))
    }

    fn lower_string_name(&self, p: P<'_>) -> Name {
        let span = self.span(&p);
        Name {
            text: self.lower_string(p),
            span,
        }
    }

    fn lower_ident(&self, p: P<'_>) -> Name {
        Name {
            span: self.span(&p),
            text: p.as_str().to_string(),
        }
    }

    fn lower_path(&self, p: P<'_>) -> Path {
        let span = self.span(&p);
        let parts = p
            .into_inner()
            .filter(|c| c.as_rule() == Rule::name)
            .map(|c| self.lower_name(c))
            .collect();
        Path { parts, span }
    }

    fn lower_paths(&self, p: P<'_>) -> Vec<Path> {
        children(p).map(|c| self.lower_path(c)).collect()
    }

    fn lower_names(&self, p: P<'_>) -> Vec<Name> {
        children(p).map(|c| self.lower_name(c)).collect()
    }

    fn number(&self, p: &P<'_>) -> u64 {
        // The grammar admits only digits; a number too large for u64 saturates.
        p.as_str().parse().unwrap_or(u64::MAX)
    }
}

/// `ast::Rule` under another name here, since pest's `Rule` owns the name.
type Rule_ = super::ast::Rule;

/// Where the last token of `p` ends. Names, paths and strings are tokens
/// (atomic in the grammar), so their own end counts, closing quote included.
fn token_end(p: &P<'_>) -> usize {
    if matches!(
        p.as_rule(),
        Rule::name | Rule::path | Rule::string | Rule::reason
    ) {
        return p.as_span().end();
    }
    match p.clone().into_inner().last() {
        Some(last) => token_end(&last),
        None => p.as_span().end(),
    }
}

fn string_text(p: P<'_>) -> &str {
    p.into_inner().next().map(|t| t.as_str()).unwrap_or("")
}

fn unescape(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_string();
    }
    s.replace("\\\"", "\"").replace("\\\\", "\\")
}

fn duration_minutes(s: &str) -> u64 {
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    let n: u64 = digits.parse().unwrap_or(u64::MAX);
    if s.ends_with("min") {
        n
    } else if s.ends_with('d') {
        n.saturating_mul(24 * 60)
    } else {
        n.saturating_mul(60)
    }
}

impl Lowerer<'_> {
    /// The value of a rule that is one keyword out of `choices` (a
    /// category, an agency kind, a status); any other child, or none, is an
    /// internal error and gives `fallback`.
    fn one_keyword<T: Copy>(&mut self, p: P<'_>, choices: &[(Rule, T)], fallback: T) -> T {
        let at = p.clone();
        let Some(k) = p.into_inner().next() else {
            self.unexpected(&at);
            return fallback;
        };
        match choices.iter().find(|(r, _)| *r == k.as_rule()) {
            Some((_, value)) => *value,
            None => {
                self.unexpected(&k);
                fallback
            }
        }
    }

    fn lower_category(&mut self, p: P<'_>) -> Category {
        let choices = [
            (Rule::kw_party, Category::Party),
            (Rule::kw_government, Category::Government),
            (Rule::kw_institution, Category::Institution),
        ];
        self.one_keyword(p, &choices, Category::Government)
    }

    fn lower_agency_kind(&mut self, p: P<'_>) -> AgencyKind {
        let choices = [
            (Rule::kw_social_org, AgencyKind::SocialOrganisation),
            (Rule::kw_association, AgencyKind::Association),
            (Rule::kw_enterprise, AgencyKind::Enterprise),
            (Rule::kw_institution, AgencyKind::Institution),
        ];
        self.one_keyword(p, &choices, AgencyKind::Enterprise)
    }

    fn lower_status(&mut self, p: P<'_>) -> Status {
        let choices = [
            (Rule::kw_planned, Status::Planned),
            (Rule::kw_transferred, Status::Transferred),
            (Rule::kw_withdrawn, Status::Withdrawn),
        ];
        self.one_keyword(p, &choices, Status::Planned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::PolicyParser;
    use pest::Parser;

    /// A pair the lowering does not expect is an internal error (E000), not
    /// a declaration lowered as something else.
    #[test]
    fn an_unexpected_pair_is_an_internal_error() {
        let mut diagnostics = Vec::new();
        let pair = PolicyParser::parse(Rule::name, "甲")
            .ok()
            .and_then(|mut p| p.next());
        let Some(pair) = pair else {
            panic!("the grammar should accept a name");
        };
        let lowerer = Lowerer {
            file: FileId(0),
            base: 0,
            diagnostics: &mut diagnostics,
            edits: Vec::new(),
        };
        assert!(lowerer.decl(pair).is_none());
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, Code::E000);
        assert!(diagnostics[0]
            .message
            .render(crate::diagnostics::Lang::En)
            .contains("`name`"));
    }

    #[test]
    fn an_unexpected_keyword_in_a_category_is_an_internal_error() {
        let mut diagnostics = Vec::new();
        let pair = PolicyParser::parse(Rule::agency_kind, "enterprise")
            .ok()
            .and_then(|mut p| p.next());
        let Some(pair) = pair else {
            panic!("the grammar should accept an agency kind");
        };
        let mut lowerer = Lowerer {
            file: FileId(0),
            base: 0,
            diagnostics: &mut diagnostics,
            edits: Vec::new(),
        };
        // an agency kind where a department category is expected
        assert_eq!(lowerer.lower_category(pair), Category::Government);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, Code::E000);
    }
}
