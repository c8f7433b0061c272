//! Generates the keyword table from the grammar, so that a keyword is spelled
//! in one place: its `kw_*` rule in `grammar/policy.pest`. The top-level
//! keywords are the ones the grammar's `reserved` rule lists.
//!
//! Writes `$OUT_DIR/keywords.rs` (the `Keyword` enum, included by
//! `src/vocab.rs`) and `$OUT_DIR/keyword_rules.rs` (its mapping to pest's
//! `Rule`, included by `src/syntax/mod.rs`).

use std::fmt::Write as _;

fn main() {
    let grammar_path = "grammar/policy.pest";
    println!("cargo:rerun-if-changed={grammar_path}");
    println!("cargo:rerun-if-changed=build.rs");
    let grammar = match std::fs::read_to_string(grammar_path) {
        Ok(g) => g,
        Err(e) => fail(&format!("cannot read {grammar_path}: {e}")),
    };
    let keywords = keyword_rules(&grammar);
    let reserved = reserved_rules(&grammar);
    for r in &reserved {
        if !keywords.iter().any(|(rule, _)| rule == r) {
            fail(&format!(
                "`reserved` lists `{r}`, which is not a `kw_*` rule"
            ));
        }
    }

    let mut kw = String::new();
    let _ = writeln!(
        kw,
        "/// A keyword of the language, generated from the `kw_*` rules of `grammar/policy.pest`."
    );
    let _ = writeln!(
        kw,
        "#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]\npub enum Keyword {{"
    );
    for (rule, spelling) in &keywords {
        let _ = writeln!(kw, "    /// `{spelling}`\n    {},", variant(rule));
    }
    let _ = writeln!(kw, "}}\n\nimpl Keyword {{");
    let _ = writeln!(kw, "    /// Every keyword, in grammar order.");
    let _ = writeln!(kw, "    pub const ALL: &'static [Keyword] = &[");
    for (rule, _) in &keywords {
        let _ = writeln!(kw, "        Keyword::{},", variant(rule));
    }
    let _ = writeln!(kw, "    ];");
    let _ = writeln!(
        kw,
        "    /// The keywords that start a top-level declaration (the grammar's `reserved` rule)."
    );
    let _ = writeln!(kw, "    pub const TOP_LEVEL: &'static [Keyword] = &[");
    for rule in &reserved {
        let _ = writeln!(kw, "        Keyword::{},", variant(rule));
    }
    let _ = writeln!(kw, "    ];");
    let _ = writeln!(kw, "    /// The keyword as written.");
    let _ = writeln!(
        kw,
        "    pub fn as_str(self) -> &'static str {{\n        match self {{"
    );
    for (rule, spelling) in &keywords {
        let _ = writeln!(
            kw,
            "            Keyword::{} => {spelling:?},",
            variant(rule)
        );
    }
    let _ = writeln!(kw, "        }}\n    }}");
    let _ = writeln!(
        kw,
        "    /// Whether the keyword starts a top-level declaration."
    );
    let _ = writeln!(
        kw,
        "    pub fn is_top_level(self) -> bool {{\n        Self::TOP_LEVEL.contains(&self)\n    }}"
    );
    let _ = writeln!(kw, "    /// The keyword spelled `s`.");
    let _ = writeln!(
        kw,
        "    pub fn parse(s: &str) -> Option<Keyword> {{\n        Self::ALL.iter().copied().find(|k| k.as_str() == s)\n    }}\n}}"
    );

    let mut rules = String::new();
    let _ = writeln!(rules, "impl crate::vocab::Keyword {{");
    let _ = writeln!(rules, "    /// The grammar rule that matches the keyword.");
    let _ = writeln!(
        rules,
        "    pub fn rule(self) -> Rule {{\n        match self {{"
    );
    for (rule, _) in &keywords {
        let _ = writeln!(
            rules,
            "            crate::vocab::Keyword::{} => Rule::{rule},",
            variant(rule)
        );
    }
    let _ = writeln!(rules, "        }}\n    }}");
    let _ = writeln!(
        rules,
        "    /// The keyword a grammar rule matches, if it is a keyword rule."
    );
    let _ = writeln!(
        rules,
        "    pub fn from_rule(r: Rule) -> Option<crate::vocab::Keyword> {{\n        match r {{"
    );
    for (rule, _) in &keywords {
        let _ = writeln!(
            rules,
            "            Rule::{rule} => Some(crate::vocab::Keyword::{}),",
            variant(rule)
        );
    }
    let _ = writeln!(rules, "            _ => None,\n        }}\n    }}\n}}");

    let out = match std::env::var("OUT_DIR") {
        Ok(o) => std::path::PathBuf::from(o),
        Err(_) => fail("OUT_DIR is not set"),
    };
    for (name, text) in [("keywords.rs", kw), ("keyword_rules.rs", rules)] {
        if let Err(e) = std::fs::write(out.join(name), text) {
            fail(&format!("cannot write {name}: {e}"));
        }
    }
}

/// `(rule, spelling)` for every `kw_NAME = @{ "spelling" ~ !name_char }`.
fn keyword_rules(grammar: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in grammar.lines() {
        let line = line.trim();
        let Some((lhs, rhs)) = line.split_once('=') else {
            continue;
        };
        let rule = lhs.trim();
        if !rule.starts_with("kw_") {
            continue;
        }
        let Some(rest) = rhs.trim().strip_prefix("@{") else {
            continue;
        };
        let mut quoted = rest.trim().split('"');
        let (Some(""), Some(spelling)) = (quoted.next(), quoted.next()) else {
            fail(&format!(
                "keyword rule `{rule}` does not start with a string"
            ));
        };
        out.push((rule.to_string(), spelling.to_string()));
    }
    out
}

/// The rules listed by `reserved = _{ kw_a | kw_b | … }`, which may span lines.
fn reserved_rules(grammar: &str) -> Vec<String> {
    let Some(start) = grammar.find("\nreserved") else {
        fail("the grammar has no `reserved` rule");
    };
    let body = &grammar[start..];
    let (Some(open), Some(close)) = (body.find('{'), body.find('}')) else {
        fail("cannot read the `reserved` rule");
    };
    body[open + 1..close]
        .split(|c: char| c == '|' || c.is_whitespace() || c == '(' || c == ')')
        .filter(|w| w.starts_with("kw_"))
        .map(str::to_string)
        .collect()
}

/// `kw_supervised_by` → `SupervisedBy`.
fn variant(rule: &str) -> String {
    rule.trim_start_matches("kw_")
        .split('_')
        .map(|p| {
            let mut c = p.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

fn fail(msg: &str) -> ! {
    eprintln!("build.rs: {msg}");
    std::process::exit(1);
}
