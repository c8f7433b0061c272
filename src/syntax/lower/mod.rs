//! pest pairs → AST, one `lower_*` function per grammar rule.
//!
//! The grammar has already accepted the text, so the shapes here are known;
//! where a pair is missing anyway the lowering falls back to an empty node
//! rather than panicking (an orgc bug must never take the user's run down).

use super::ast::*;
use super::Rule;
use crate::diagnostics::Diagnostic;
use crate::source::{FileId, Span};
use pest::iterators::{Pair, Pairs};

mod decls;
mod rules;

type P<'i> = Pair<'i, Rule>;

pub struct Lowerer<'d> {
    pub file: FileId,
    /// Offset of the parsed slice in the file.
    pub base: usize,
    /// Diagnostics the grammar cannot express (a rule clause given twice).
    pub diagnostics: &'d mut Vec<Diagnostic>,
}

/// The meaningful children of a pair: punctuation rules dropped.
fn children(p: P<'_>) -> impl Iterator<Item = P<'_>> {
    p.into_inner().filter(|c| {
        !matches!(
            c.as_rule(),
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
    })
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

    pub fn decl(mut self, p: P<'_>) -> Decl {
        match p.as_rule() {
            Rule::city => Decl::City(self.lower_city(p)),
            Rule::caps => Decl::Caps(Caps {
                span: self.span(&p),
                entries: self.lower_figures(p),
            }),
            Rule::targets => Decl::Targets(Targets {
                span: self.span(&p),
                entries: self.lower_figures(p),
            }),
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
            Rule::devolve => Decl::Devolve(self.lower_devolve(p)),
            Rule::joint => Decl::Joint(self.lower_joint(p)),
            Rule::event => Decl::Event(self.lower_event(p)),
            Rule::expect => Decl::Expect(self.lower_expect(p)),
            _ => Decl::Rule(self.lower_rule(p)),
        }
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

fn first_rule(p: P<'_>) -> Option<Rule> {
    let mut inner: Pairs<'_, Rule> = p.into_inner();
    inner.next().map(|k| k.as_rule())
}

fn lower_category(p: P<'_>) -> Category {
    match first_rule(p) {
        Some(Rule::kw_party) => Category::Party,
        Some(Rule::kw_institution) => Category::Institution,
        _ => Category::Government,
    }
}

fn lower_agency_kind(p: P<'_>) -> AgencyKind {
    match first_rule(p) {
        Some(Rule::kw_social_org) => AgencyKind::SocialOrganisation,
        Some(Rule::kw_association) => AgencyKind::Association,
        Some(Rule::kw_institution) => AgencyKind::Institution,
        _ => AgencyKind::Enterprise,
    }
}

fn lower_status(p: P<'_>) -> Status {
    match first_rule(p) {
        Some(Rule::kw_transferred) => Status::Transferred,
        Some(Rule::kw_withdrawn) => Status::Withdrawn,
        _ => Status::Planned,
    }
}
