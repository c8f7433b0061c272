//! pest pairs → AST, one `lower_*` function per grammar rule.
//!
//! The grammar has already accepted the text, so the shapes here are known;
//! where a pair is missing anyway the lowering falls back to an empty node
//! rather than panicking (an orgc bug must never take the user's run down).

use super::ast::*;
use super::Rule;
use crate::diagnostics::{Code, Diagnostic, Key, Severity, Term, Text};
use crate::source::{FileId, Span};
use pest::iterators::{Pair, Pairs};

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

fn is_keyword(p: &P<'_>) -> bool {
    format!("{:?}", p.as_rule()).starts_with("kw_")
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

    // ------------------------------------------------------------ declarations

    fn lower_city(&mut self, p: P<'_>) -> City {
        let span = self.span(&p);
        let mut it = children(p).filter(|c| !is_keyword(c));
        let name = it
            .next()
            .map(|n| self.lower_name(n))
            .unwrap_or_else(|| self.empty_name(span));
        let mut city = City {
            name,
            code: None,
            upstream: None,
            span,
        };
        for field in it {
            let mut parts = field.into_inner();
            let (Some(kw), Some(value)) = (parts.next(), parts.next()) else {
                continue;
            };
            match kw.as_rule() {
                Rule::kw_code => city.code = Some(self.lower_ident(value)),
                _ => city.upstream = Some(self.lower_name(value)),
            }
        }
        city
    }

    fn lower_figures(&mut self, p: P<'_>) -> Vec<Figure> {
        children(p)
            .filter(|c| c.as_rule() == Rule::cap || c.as_rule() == Rule::target)
            .map(|f| self.lower_figure(f))
            .collect()
    }

    fn lower_figure(&self, p: P<'_>) -> Figure {
        let span = self.span(&p);
        let mut key = self.empty_name(span);
        let mut of = None;
        let mut value = 0;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::word => key = self.lower_ident(c),
                Rule::path => of = Some(self.lower_path(c)),
                Rule::number => value = self.number(&c),
                _ => {}
            }
        }
        Figure {
            key,
            of,
            value,
            span,
        }
    }

    fn lower_tier(&self, p: P<'_>) -> Tier {
        let span = self.span(&p);
        let mut tier = Tier {
            name: self.empty_name(span),
            label: None,
            limit_minutes: 0,
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => tier.name = self.lower_name(c),
                Rule::string => tier.label = Some(self.lower_string(c)),
                Rule::duration => tier.limit_minutes = duration_minutes(c.as_str()),
                _ => {}
            }
        }
        tier
    }

    fn lower_kind(&self, p: P<'_>) -> Kind {
        let span = self.span(&p);
        let mut kind = Kind {
            name: self.empty_name(span),
            label: None,
            devolvable: false,
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => kind.name = self.lower_name(c),
                Rule::string => kind.label = Some(self.lower_string(c)),
                Rule::devolvable => kind.devolvable = true,
                _ => {}
            }
        }
        kind
    }

    fn lower_upstream(&self, p: P<'_>) -> Upstream {
        let span = self.span(&p);
        let mut up = Upstream {
            name: self.empty_name(span),
            offices: Vec::new(),
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => up.name = self.lower_name(c),
                Rule::office => up.offices.push(self.lower_office(c)),
                _ => {}
            }
        }
        up
    }

    fn lower_office(&self, p: P<'_>) -> Office {
        let span = self.span(&p);
        let mut office = Office {
            name: self.empty_name(span),
            shared: false,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::shared => office.shared = true,
                Rule::name => office.name = self.lower_name(c),
                _ => {}
            }
        }
        office
    }

    fn lower_department(&self, p: P<'_>) -> Department {
        let span = self.span(&p);
        let mut d = Department {
            name: self.empty_name(span),
            category: Category::Government,
            category_span: span,
            fields: Vec::new(),
            modules: Vec::new(),
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => d.name = self.lower_name(c),
                Rule::category => {
                    d.category_span = self.span(&c);
                    d.category = lower_category(c);
                }
                Rule::fields => {
                    for f in c.into_inner().filter(|f| f.as_rule() == Rule::names) {
                        d.fields.extend(self.lower_names(f));
                    }
                }
                Rule::module => d.modules.push(self.lower_module(c)),
                _ => {}
            }
        }
        d
    }

    fn lower_module(&self, p: P<'_>) -> Module {
        let span = self.span(&p);
        let mut m = Module {
            name: self.empty_name(span),
            answers: Vec::new(),
            groups: Vec::new(),
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => m.name = self.lower_name(c),
                Rule::answers => {
                    for a in c.into_inner().filter(|a| a.as_rule() == Rule::paths) {
                        m.answers.extend(self.lower_paths(a));
                    }
                }
                Rule::group => {
                    if let Some(n) = c.into_inner().find(|n| n.as_rule() == Rule::name) {
                        m.groups.push(self.lower_name(n));
                    }
                }
                _ => {}
            }
        }
        m
    }

    fn lower_item(&self, p: P<'_>) -> Item {
        let span = self.span(&p);
        let mut names = Vec::new();
        let mut title = None;
        let mut owner = None;
        let mut tier = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => names.push(self.lower_name(c)),
                Rule::string => title = Some(self.lower_string_name(c)),
                Rule::path => owner = Some(self.lower_path(c)),
                Rule::item_tier => tier = self.lower_item_tier(c),
                _ => {}
            }
        }
        let mut names = names.into_iter();
        Item {
            id: names.next().unwrap_or_else(|| self.empty_name(span)),
            kind: names.next().unwrap_or_else(|| self.empty_name(span)),
            title: title.unwrap_or_else(|| self.empty_name(span)),
            owner: owner.unwrap_or(Path {
                parts: Vec::new(),
                span,
            }),
            tier,
            span,
        }
    }

    fn lower_item_tier(&self, p: P<'_>) -> Option<Name> {
        p.into_inner()
            .find(|n| n.as_rule() == Rule::name)
            .map(|n| self.lower_name(n))
    }

    fn lower_agency(&self, p: P<'_>) -> Agency {
        let span = self.span(&p);
        let mut a = Agency {
            name: self.empty_name(span),
            kind: AgencyKind::Enterprise,
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => a.name = self.lower_name(c),
                Rule::agency_kind => a.kind = lower_agency_kind(c),
                _ => {}
            }
        }
        a
    }

    fn lower_transfer(&self, p: P<'_>) -> Transfer {
        let span = self.span(&p);
        let mut t = Transfer {
            id: self.empty_name(span),
            function: self.empty_name(span),
            from: Path {
                parts: Vec::new(),
                span,
            },
            to: Vec::new(),
            status: Status::Planned,
            status_span: span,
            supervisor: None,
            item: None,
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => t.id = self.lower_name(c),
                Rule::string => t.function = self.lower_string_name(c),
                Rule::path => t.from = self.lower_path(c),
                Rule::transfer_to => t.to = self.lower_tail_paths(c),
                Rule::status => {
                    t.status_span = self.span(&c);
                    t.status = lower_status(c);
                }
                Rule::supervisor => t.supervisor = self.lower_tail_path(c),
                Rule::covers => t.item = self.lower_tail_path(c),
                _ => {}
            }
        }
        t
    }

    /// The `path` after a keyword (`supervised_by X`, `item X`).
    fn lower_tail_path(&self, p: P<'_>) -> Option<Path> {
        p.into_inner()
            .find(|c| c.as_rule() == Rule::path)
            .map(|c| self.lower_path(c))
    }

    /// The `paths` after a keyword (`to A, B`).
    fn lower_tail_paths(&self, p: P<'_>) -> Vec<Path> {
        p.into_inner()
            .filter(|c| c.as_rule() == Rule::paths)
            .flat_map(|c| self.lower_paths(c))
            .collect()
    }

    fn lower_central(&self, p: P<'_>) -> Central {
        let span = self.span(&p);
        let mut c = Central {
            name: self.empty_name(span),
            members: Vec::new(),
            span,
        };
        for child in p.into_inner() {
            match child.as_rule() {
                Rule::name => c.name = self.lower_name(child),
                Rule::central_member => {
                    if let Some(n) = child.into_inner().find(|n| n.as_rule() == Rule::name) {
                        c.members.push(self.lower_name(n));
                    }
                }
                _ => {}
            }
        }
        c
    }

    fn lower_community(&self, p: P<'_>) -> Community {
        let span = self.span(&p);
        let mut c = Community {
            name: self.empty_name(span),
            code: self.empty_name(span),
            grids: Vec::new(),
            span,
        };
        for child in p.into_inner() {
            match child.as_rule() {
                Rule::name => c.name = self.lower_name(child),
                Rule::number => c.code = self.lower_ident(child),
                Rule::grid => c.grids.push(self.lower_grid(child)),
                _ => {}
            }
        }
        c
    }

    fn lower_grid(&self, p: P<'_>) -> Grid {
        let span = self.span(&p);
        let mut g = Grid {
            name: self.empty_name(span),
            label: None,
            dedicated: false,
            micro: 0,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::kw_dedicated => g.dedicated = true,
                Rule::name => g.name = self.lower_name(c),
                Rule::string => g.label = Some(self.lower_string(c)),
                Rule::micro => {
                    if let Some(n) = c.into_inner().find(|n| n.as_rule() == Rule::number) {
                        g.micro = self.number(&n);
                    }
                }
                _ => {}
            }
        }
        g
    }

    fn lower_bind(&self, p: P<'_>) -> Bind {
        let span = self.span(&p);
        let mut b = Bind {
            department: Path {
                parts: Vec::new(),
                span,
            },
            to: Vec::new(),
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::path => b.department = self.lower_path(c),
                Rule::paths => b.to = self.lower_paths(c),
                _ => {}
            }
        }
        b
    }

    fn lower_devolve(&self, p: P<'_>) -> Devolve {
        let span = self.span(&p);
        let mut names = Vec::new();
        let mut d = Devolve {
            id: self.empty_name(span),
            function: self.empty_name(span),
            kind: self.empty_name(span),
            from: Path {
                parts: Vec::new(),
                span,
            },
            to: Some(Vec::new()),
            item: None,
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => names.push(self.lower_name(c)),
                Rule::string => d.function = self.lower_string_name(c),
                Rule::path => d.from = self.lower_path(c),
                Rule::all => d.to = None,
                Rule::paths => d.to = Some(self.lower_paths(c)),
                Rule::covers => d.item = self.lower_tail_path(c),
                _ => {}
            }
        }
        let mut names = names.into_iter();
        if let Some(id) = names.next() {
            d.id = id;
        }
        if let Some(kind) = names.next() {
            d.kind = kind;
        }
        d
    }

    fn lower_joint(&self, p: P<'_>) -> Joint {
        let span = self.span(&p);
        let mut j = Joint {
            name: self.empty_name(span),
            leads: Vec::new(),
            members: Vec::new(),
            items: Vec::new(),
            tiers: Vec::new(),
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => j.name = self.lower_name(c),
                Rule::joint_member => {
                    let mut parts = c.into_inner();
                    let (Some(kw), Some(value)) = (parts.next(), parts.next()) else {
                        continue;
                    };
                    match kw.as_rule() {
                        Rule::kw_lead => j.leads.push(self.lower_path(value)),
                        Rule::kw_members => j.members.extend(self.lower_paths(value)),
                        Rule::kw_items => j.items.extend(self.lower_paths(value)),
                        _ => j.tiers.push(self.lower_name(value)),
                    }
                }
                _ => {}
            }
        }
        j
    }

    fn lower_event(&self, p: P<'_>) -> Event {
        let span = self.span(&p);
        let mut e = Event {
            name: self.empty_name(span),
            label: None,
            handler: Handler::Department(Path {
                parts: Vec::new(),
                span,
            }),
            tier: None,
            span,
        };
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => e.name = self.lower_name(c),
                Rule::string => e.label = Some(self.lower_string(c)),
                Rule::path => e.handler = Handler::Department(self.lower_path(c)),
                Rule::joint_target => {
                    if let Some(n) = c.into_inner().find(|n| n.as_rule() == Rule::name) {
                        e.handler = Handler::Joint(self.lower_name(n));
                    }
                }
                Rule::item_tier => e.tier = self.lower_item_tier(c),
                _ => {}
            }
        }
        e
    }

    fn lower_expect(&self, p: P<'_>) -> Expect {
        let span = self.span(&p);
        let mut kind = self.empty_name(span);
        let mut paths = Vec::new();
        let mut tier = None;
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::word => kind = self.lower_ident(c),
                Rule::path => paths.push(self.lower_path(c)),
                Rule::item_tier => tier = self.lower_item_tier(c),
                _ => {}
            }
        }
        let mut paths = paths.into_iter();
        let empty = Path {
            parts: Vec::new(),
            span,
        };
        Expect {
            kind,
            subject: paths.next().unwrap_or_else(|| empty.clone()),
            expected: paths.next().unwrap_or(empty),
            tier,
            span,
        }
    }

    // ------------------------------------------------------------ rules

    fn lower_rule(&mut self, p: P<'_>) -> Rule_ {
        let span = self.span(&p);
        let mut r = Rule_ {
            name: self.empty_name(span),
            quantifier: Quantifier::Every,
            entity: self.empty_name(span),
            filter: None,
            must: None,
            exceptions: Vec::new(),
            severity: None,
            message: None,
            span,
        };
        // `severity` and `message` may each be given once
        let mut once: Vec<(Rule, Span)> = Vec::new();
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::name => r.name = self.lower_name(c),
                Rule::quantifier => {
                    if let Some(q) = c.into_inner().next() {
                        self.lower_quantifier(q, &mut r);
                    }
                }
                Rule::rule_clause => {
                    if let Some(clause) = c.into_inner().next() {
                        let (clause_rule, span) = (clause.as_rule(), self.span(&clause));
                        if clause_rule != Rule::except {
                            if let Some((_, first)) = once.iter().find(|(k, _)| *k == clause_rule) {
                                self.twice(clause_rule, *first, span);
                                continue;
                            }
                            once.push((clause_rule, span));
                        }
                        self.lower_rule_clause(clause, &mut r);
                    }
                }
                _ => {}
            }
        }
        r
    }

    /// E101 for a rule clause given twice (the second is ignored).
    fn twice(&mut self, clause: Rule, first: Span, again: Span) {
        let word = if clause == Rule::severity {
            "severity"
        } else {
            "message"
        };
        self.diagnostics.push(
            Diagnostic::new(
                Code::E101,
                Text::new(Key::Duplicate)
                    .arg("what", Term::Clause)
                    .arg("name", word),
            )
            .label(again, Some(Text::new(Key::LabelDeclaredAgain)))
            .label(first, Some(Text::new(Key::LabelFirstDeclared)))
            .help(Text::new(Key::HelpRemoveOne)),
        );
    }

    fn lower_quantifier(&self, q: P<'_>, r: &mut Rule_) {
        r.quantifier = if q.as_rule() == Rule::no {
            Quantifier::No
        } else {
            Quantifier::Every
        };
        let mut after_must = false;
        for c in q.into_inner() {
            match c.as_rule() {
                Rule::word => r.entity = self.lower_ident(c),
                Rule::kw_must => after_must = true,
                Rule::expr if after_must => r.must = Some(self.lower_expr(c)),
                Rule::expr => r.filter = Some(self.lower_expr(c)),
                _ => {}
            }
        }
    }

    fn lower_rule_clause(&self, c: P<'_>, r: &mut Rule_) {
        let span = self.span(&c);
        match c.as_rule() {
            Rule::except => {
                let mut names = Vec::new();
                let mut reason = String::new();
                for part in c.into_inner() {
                    match part.as_rule() {
                        Rule::paths => names = self.lower_paths(part),
                        Rule::reason => reason = self.lower_string(part),
                        _ => {}
                    }
                }
                r.exceptions.push(Exception {
                    names,
                    reason,
                    span,
                });
            }
            Rule::severity => {
                let level = c.into_inner().find(|l| l.as_rule() == Rule::level);
                let sev = match level
                    .and_then(|l| l.into_inner().next())
                    .map(|k| k.as_rule())
                {
                    Some(Rule::kw_warning) => Severity::Warning,
                    _ => Severity::Error,
                };
                r.severity = Some((sev, span));
            }
            _ => {
                r.message = c
                    .into_inner()
                    .find(|s| s.as_rule() == Rule::string)
                    .map(|s| self.lower_string(s));
            }
        }
    }

    fn lower_expr(&self, p: P<'_>) -> Expr {
        let mut parts: Vec<Expr> = p
            .into_inner()
            .filter(|c| c.as_rule() == Rule::conj)
            .map(|c| self.lower_conj(c))
            .collect();
        if parts.len() == 1 {
            parts.pop().unwrap_or(Expr::Or(Vec::new()))
        } else {
            Expr::Or(parts)
        }
    }

    fn lower_conj(&self, p: P<'_>) -> Expr {
        let mut parts: Vec<Expr> = p
            .into_inner()
            .filter(|c| c.as_rule() == Rule::factor)
            .map(|c| self.lower_factor(c))
            .collect();
        if parts.len() == 1 {
            parts.pop().unwrap_or(Expr::And(Vec::new()))
        } else {
            Expr::And(parts)
        }
    }

    fn lower_factor(&self, p: P<'_>) -> Expr {
        let mut negations = 0;
        let mut inner = Expr::And(Vec::new());
        for c in p.into_inner() {
            match c.as_rule() {
                Rule::negation => negations += 1,
                Rule::paren => {
                    if let Some(e) = c.into_inner().find(|e| e.as_rule() == Rule::expr) {
                        inner = self.lower_expr(e);
                    }
                }
                Rule::atom => {
                    if let Some(a) = c.into_inner().next() {
                        inner = self.lower_atom(a);
                    }
                }
                _ => {}
            }
        }
        // `not not x` is `x`: keep only the parity, so that the tree stays shallow.
        if negations % 2 == 1 {
            Expr::Not(Box::new(inner))
        } else {
            inner
        }
    }

    fn lower_atom(&self, a: P<'_>) -> Expr {
        let shape = a.as_rule();
        let mut attr = None;
        let mut op = Op::Eq;
        let mut values = Vec::new();
        let mut number = 0;
        for c in a.into_inner() {
            match c.as_rule() {
                Rule::word => attr = Some(self.lower_ident(c)),
                Rule::op => op = lower_op(c.as_str()),
                Rule::path => values.push(self.lower_path(c)),
                Rule::number => number = self.number(&c),
                _ => {}
            }
        }
        let attr = attr.unwrap_or_else(|| self.empty_name(Span::default()));
        match shape {
            Rule::count_cmp => Expr::Count {
                attr,
                op,
                value: number,
            },
            Rule::has => Expr::Has { attr },
            Rule::in_list => Expr::In { attr, values },
            Rule::compare => {
                let span = attr.span;
                Expr::Compare {
                    attr,
                    op,
                    value: values.pop().unwrap_or(Path {
                        parts: Vec::new(),
                        span,
                    }),
                }
            }
            _ => Expr::Flag { attr },
        }
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

fn lower_op(s: &str) -> Op {
    match s {
        "!=" => Op::Ne,
        "<" => Op::Lt,
        "<=" => Op::Le,
        ">" => Op::Gt,
        ">=" => Op::Ge,
        _ => Op::Eq,
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
