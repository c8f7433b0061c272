//! The one table of diagnostic codes. A code never changes meaning once
//! released; retired codes are kept out of the table but never reused.
//!
//! The long explanation of each code (`orgc explain CODE`) lives in
//! `docs/codes/CODE.zh.md` and `docs/codes/CODE.en.md`, compiled into the binary.

use super::{Lang, Severity};

/// Static facts about one code.
#[derive(Debug)]
pub struct CodeInfo {
    /// The code itself.
    pub code: Code,
    /// A short kebab-case name, stable like the code.
    pub name: &'static str,
    /// The default severity of its diagnostics (a rule's `severity` can change an R001's).
    pub severity: Severity,
    /// A short title, the first line of `orgc explain` (Chinese, English).
    pub title_zh: &'static str,
    /// The same short title in English.
    pub title_en: &'static str,
    /// The long explanation in Chinese, `docs/codes/CODE.zh.md`.
    pub explain_zh: &'static str,
    /// The long explanation in English, `docs/codes/CODE.en.md`.
    pub explain_en: &'static str,
}

impl CodeInfo {
    /// The code's short title in `lang`.
    pub fn title(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.title_zh,
            Lang::En => self.title_en,
        }
    }

    /// The long explanation (`orgc explain CODE`, `docs/codes/`) in `lang`, as Markdown.
    pub fn explain(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.explain_zh,
            Lang::En => self.explain_en,
        }
    }
}

/// Declares [`Code`] and [`CODES`] from one list: code, default severity,
/// name and the two titles.
macro_rules! codes {
    ($($variant:ident $sev:ident $name:literal $title_zh:literal $title_en:literal,)*) => {
        /// A stable diagnostic code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $(#[doc = concat!($title_en, " (", $title_zh, "), `", $name, "`.")] $variant,)* }

        /// Every code, in table order.
        pub static CODES: &[CodeInfo] = &[$(
            CodeInfo {
                code: Code::$variant,
                name: $name,
                severity: Severity::$sev,
                title_zh: $title_zh,
                title_en: $title_en,
                explain_zh: include_str!(concat!("../../docs/codes/", stringify!($variant), ".zh.md")),
                explain_en: include_str!(concat!("../../docs/codes/", stringify!($variant), ".en.md")),
            },
        )*];

        impl Code {
            /// The code as written in output and docs, e.g. `E101`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => stringify!($variant),)* }
            }
        }
    };
}

codes! {
    // orgc itself
    E000 Error "internal-error" "内部错误" "internal error",
    // syntax and input
    E001 Error "syntax-error" "语法错误" "syntax error",
    E002 Error "full-width-punctuation" "应为半角标点" "full-width punctuation where ASCII is needed",
    E003 Error "invalid-utf8" "文件含有无效的 UTF-8 字节" "the file is not valid UTF-8",
    E004 Error "not-utf8" "文件不是 UTF-8 编码" "the file is not UTF-8 (GBK, UTF-16)",
    E005 Error "file-too-large" "文件太大" "file too large",
    E006 Error "nesting-too-deep" "嵌套层数过多" "nesting too deep",
    E007 Error "old-spelling" "0.1 版语言的旧写法" "spelling of language 0.1",
    W008 Warning "bidi-control" "注释或引号里有双向文本控制字符" "bidirectional text control in a comment or quoted text",
    // names
    E101 Error "duplicate-declaration" "名称重复声明" "duplicate declaration",
    E102 Error "unresolved-reference" "引用了未声明的名称" "unknown name",
    E103 Error "invisible-character" "名称中有不可见字符" "invisible character in a name",
    W104 Warning "confusable-names" "名称看起来相同，却不是同一个" "names that look alike",
    W105 Warning "spelling-variant" "同一名称，两种写法" "one name, two spellings",
    E106 Error "unknown-key" "未知的关键词" "unknown key",
    E107 Error "rule-type-mismatch" "规则中属性的用法与类型不符" "attribute used against its type",
    // ownership and catalogue
    E201 Error "one-item-one-owner" "一件事项，一个主管" "one item, one owner",
    E202 Error "one-office-one-module" "一个上级处室，对口一个模块" "one upstream office, one module",
    E203 Error "transferred-still-in-house" "已转移的职能仍在部门内承办" "transferred function still performed in-house",
    E204 Error "transfer-incomplete" "转移职能缺少承接机构或监管部门" "transfer incomplete",
    E205 Error "not-devolvable" "该类事项不能下放社区" "not devolvable",
    E206 Error "joint-case-shape" "一件事要有一个牵头部门和一个响应时限" "joint case needs one lead and one response tier",
    E207 Error "committed-above-statutory" "承诺时限长于法定时限" "committed time limit above the statutory one",
    E208 Error "staffing-inconsistent" "编制数字前后矛盾" "staffing figures that contradict each other",
    E209 Error "centre-service-overlap" "服务中心事项重复或进驻单位不符" "service centre overlap",
    // figures
    E301 Error "cap-exceeded" "超过编制上限" "cap exceeded",
    W302 Warning "target-missed" "目标数字与实际不符" "target missed",
    E303 Error "transferred-twice" "同一职能用两个编号转移" "one function transferred under two ids",
    // hierarchy
    E401 Error "hierarchy-cycle" "社区层级出现循环" "cycle in the community hierarchy",
    E402 Error "orphan-community" "社区不属于任何中心社区" "community outside every central community",
    E403 Error "two-parents" "社区同时属于两个中心社区" "community in two central communities",
    E404 Error "unbound-community" "社区没有绑定部门" "community bound to no department",
    E405 Error "joint-item-outside" "一件事的事项不归牵头部门或配合部门主管" "joint-case item not owned by the lead or a member",
    E406 Error "dispatch-gap" "派单缺口" "dispatch gap",
    // user rules
    R001 Error "rule-violated" "违反规则" "rule violated",
    W502 Warning "unused-exception" "用不到的例外" "exception that exempts nothing",
    E503 Error "stale-expectation" "预期里的对象不存在" "stale expectation",
    // route expectations (`orgc test`)
    T001 Error "expectation-failed" "预期路由不成立" "expectation failed",
}

impl Code {
    /// The code's entry in [`CODES`].
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
                let sep = if lang == "zh" { "：" } else { ": " };
                let heading = format!(
                    "# {}{sep}{}",
                    info.code.as_str(),
                    info.title(if lang == "zh" { Lang::Zh } else { Lang::En })
                );
                assert_eq!(
                    text.lines().next(),
                    Some(heading.as_str()),
                    "docs/codes/{}.{lang}.md should start with the title in the code table",
                    info.code.as_str(),
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
