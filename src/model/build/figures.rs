//! `caps` and `targets`: keys checked (E106), one figure per key and scope (E101).

use super::*;
use crate::model::metrics::{self, Scope};
use crate::vocab::Metric;

impl Builder {
    pub(super) fn resolve_caps(&mut self, caps: &ast::Caps) {
        const KEYS: [&str; 6] = [
            "party",
            "government",
            "institution",
            "catalogue",
            "establishment",
            "leadership_posts",
        ];
        for e in &caps.entries {
            let key = match e.key.text.as_str() {
                "party" => CapKey::Category(Category::Party),
                "government" => CapKey::Category(Category::Government),
                "institution" => CapKey::Category(Category::Institution),
                "catalogue" => CapKey::Catalogue,
                "establishment" => CapKey::Establishment,
                "leadership_posts" => CapKey::LeadershipPosts,
                _ => {
                    unknown_key(&mut self.diags, &e.key, Term::Cap, &KEYS);
                    continue;
                }
            };
            if let Some(prev) = self.m.caps.iter().find(|c| c.key == key) {
                let first = Name {
                    text: e.key.text.clone(),
                    span: prev.span,
                };
                duplicate(&mut self.diags, Term::Cap, &first, &e.key);
                continue;
            }
            self.m.caps.push(Cap {
                key,
                value: e.value,
                span: e.span,
            });
        }
    }

    pub(super) fn resolve_targets(&mut self, targets: &ast::Targets) {
        let names = Metric::spellings();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        for e in &targets.entries {
            let Some(metric) = Metric::parse(&e.key.text) else {
                unknown_key(&mut self.diags, &e.key, Term::Metric, &names);
                continue;
            };
            let centre = e.of.as_ref().and_then(|p| match p.parts.as_slice() {
                [one] => self.n.centres.get(k(one).as_ref()).copied(),
                _ => None,
            });
            let scope = match &e.of {
                None => Scope::City,
                Some(_) if centre.is_some() => Scope::Centre(centre.unwrap_or(CentreId(0))),
                Some(path) => match self.owner(path) {
                    Some(Owner { group: Some(g), .. }) => Scope::Group(g),
                    Some(Owner {
                        module: Some(x), ..
                    }) => Scope::Module(x),
                    Some(o) => Scope::Department(o.department),
                    None => continue,
                },
            };
            if !metrics::scoped(metric, scope) {
                let valid: Vec<&str> = Metric::ALL
                    .iter()
                    .filter(|m| metrics::scoped(**m, scope))
                    .map(|m| m.as_str())
                    .collect();
                let scope_text = e.of.as_ref().map(|p| p.display()).unwrap_or_default();
                self.diags.push(
                    Diagnostic::new(
                        Code::E106,
                        Message::MetricScope {
                            metric: e.key.text.clone(),
                            scope: scope_text.to_string(),
                        },
                    )
                    .label(e.key.span, None)
                    .help(Message::HelpOneOf {
                        names: valid.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
                    }),
                );
                continue;
            }
            let display = match &e.of {
                Some(p) => format!("{} of {}", e.key.text, p.display()),
                None => e.key.text.clone(),
            };
            // one figure per metric and scope: two would contradict each other
            if let Some(prev) = self
                .m
                .targets
                .iter()
                .find(|t| t.metric == metric && t.scope == scope)
            {
                let first = Name {
                    text: prev.display.clone(),
                    span: prev.span,
                };
                let again = Name {
                    text: display.clone(),
                    span: e.span,
                };
                duplicate(&mut self.diags, Term::Metric, &first, &again);
                continue;
            }
            self.m.targets.push(Target {
                metric,
                scope,
                display,
                value: e.value,
                source: targets.source.clone(),
                span: e.span,
            });
        }
    }
}
