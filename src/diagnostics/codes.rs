//! The one table of diagnostic codes. A code never changes meaning once
//! released; retired codes are kept out of the table but never reused.
//!
//! The long explanation of each code (`orgc explain CODE`) lives in
//! `docs/codes/CODE.zh.md` and `docs/codes/CODE.en.md`, compiled into the binary.

use super::{Lang, Severity};

/// Static facts about one code.
#[derive(Debug)]
pub struct CodeInfo {
    pub code: Code,
    /// A short kebab-case name, stable like the code.
    pub name: &'static str,
    pub severity: Severity,
    pub explain_zh: &'static str,
    pub explain_en: &'static str,
}

impl CodeInfo {
    pub fn explain(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.explain_zh,
            Lang::En => self.explain_en,
        }
    }
}

macro_rules! codes {
    ($($variant:ident $sev:ident $name:literal,)*) => {
        /// A stable diagnostic code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($variant,)* }

        /// Every code, in table order.
        pub static CODES: &[CodeInfo] = &[$(
            CodeInfo {
                code: Code::$variant,
                name: $name,
                severity: Severity::$sev,
                explain_zh: include_str!(concat!("../../docs/codes/", stringify!($variant), ".zh.md")),
                explain_en: include_str!(concat!("../../docs/codes/", stringify!($variant), ".en.md")),
            },
        )*];

        impl Code {
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => stringify!($variant),)* }
            }
        }
    };
}

codes! {
    // syntax and input
    E001 Error "syntax-error",
    E002 Error "full-width-punctuation",
    E003 Error "invalid-utf8",
    E004 Error "not-utf8",
    E005 Error "file-too-large",
    E006 Error "nesting-too-deep",
    // names
    E101 Error "duplicate-declaration",
    E102 Error "unresolved-reference",
    E103 Error "invisible-character",
    W104 Warning "confusable-names",
    W105 Warning "spelling-variant",
    E106 Error "unknown-key",
    E107 Error "rule-type-mismatch",
    // ownership and catalogue
    E201 Error "one-item-one-owner",
    E202 Error "one-office-one-module",
    E203 Error "transferred-still-in-house",
    E204 Error "transfer-incomplete",
    E205 Error "not-devolvable",
    E206 Error "joint-case-shape",
    // figures
    E301 Error "cap-exceeded",
    W302 Warning "target-missed",
    // hierarchy
    E401 Error "hierarchy-cycle",
    E402 Error "orphan-community",
    E403 Error "two-parents",
    E404 Error "unbound-community",
    // user rules
    R001 Error "rule-violated",
    W502 Warning "unused-exception",
    // route expectations (`orgc test`)
    T001 Error "expectation-failed",
}

impl Code {
    pub fn info(self) -> &'static CodeInfo {
        // The table is generated from the same list as the enum, in the same order.
        &CODES[self as usize]
    }

    /// Look a code up by its text (`E101`, `e101`) or its name (`duplicate-declaration`).
    pub fn parse(s: &str) -> Option<Code> {
        let s = s.trim();
        CODES
            .iter()
            .find(|c| c.code.as_str().eq_ignore_ascii_case(s) || c.name.eq_ignore_ascii_case(s))
            .map(|c| c.code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique_and_indexed() {
        let mut seen = HashSet::new();
        for (i, info) in CODES.iter().enumerate() {
            assert_eq!(info.code as usize, i);
            assert!(
                seen.insert(info.code.as_str()),
                "{} twice",
                info.code.as_str()
            );
            assert!(seen.insert(info.name), "{} twice", info.name);
            let prefix = info.code.as_str().as_bytes()[0];
            match info.severity {
                Severity::Warning => assert_eq!(prefix, b'W', "{}", info.code.as_str()),
                Severity::Error => {
                    assert!(
                        matches!(prefix, b'E' | b'R' | b'T'),
                        "{}",
                        info.code.as_str()
                    )
                }
            }
        }
    }

    #[test]
    fn every_code_is_explained_in_both_languages() {
        for info in CODES {
            for (lang, text) in [("zh", info.explain_zh), ("en", info.explain_en)] {
                assert!(
                    text.trim_start()
                        .starts_with(&format!("# {}", info.code.as_str())),
                    "docs/codes/{}.{lang}.md should start with `# {}`",
                    info.code.as_str(),
                    info.code.as_str()
                );
                assert!(
                    text.lines().count() >= 5,
                    "{}.{lang} explanation is too short",
                    info.code.as_str()
                );
            }
        }
    }

    #[test]
    fn parse_accepts_code_or_name() {
        assert_eq!(Code::parse("e101"), Some(Code::E101));
        assert_eq!(Code::parse("duplicate-declaration"), Some(Code::E101));
        assert_eq!(Code::parse("E999"), None);
    }
}
