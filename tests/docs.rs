//! The examples in the documentation are checked: every ```` ```policy ````
//! block of `docs/language.md` and of `docs/codes/*.md` is compiled, and what
//! orgc reports must be what the text around the block says.
//!
//! A marker is an HTML comment on the last non-blank line before the block's
//! opening fence:
//!
//! - `<!-- expect CODE … -->`: the block is checked on its own and must report
//!   exactly those codes, as a multiset (`expect E204 E204` wants two E204s);
//! - `<!-- alone -->`: the block is checked on its own and must report nothing.
//!
//! `docs/language.md` (the convention is written at its top): every block
//! without a marker is one file of a single policy set, the running example,
//! and that set must report nothing at all.
//!
//! `docs/codes/CODE.{en,zh}.md` (the convention is written in
//! `docs/codes/README.md`): every block is checked on its own. A block without
//! a marker (a "fix") must report nothing; a block that shows the problem
//! carries an `expect` marker, and at least one block of each page that has
//! policy blocks must expect the page's own code.
//!
//! "Reported" means the diagnostics of `orgc check`, plus, when the block
//! has `expect` declarations, the T001s that `orgc test` reports for them.
//! Blocks of other languages (```` ```text ````, ```` ```sh ````) are not run.
//! A failure names the file, the line of the block's opening fence, and what
//! was expected and reported.

use orgc::diagnostics::render::{render, Format, Options};
use orgc::diagnostics::Lang;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq)]
enum Marker {
    /// No marker.
    None,
    /// `<!-- alone -->`
    Alone,
    /// `<!-- expect CODE … -->`
    Expect(Vec<String>),
}

#[derive(Debug)]
struct Block {
    /// 1-based line of the opening fence.
    line: usize,
    marker: Marker,
    text: String,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The ```policy blocks of a markdown file, with their markers. A comment
/// right before a block that is not a marker is an error, so that a misspelt
/// marker cannot silently turn a block into an unmarked one.
fn blocks(file: &str, md: &str) -> Result<Vec<Block>, String> {
    let mut out = Vec::new();
    let mut last_nonblank: Option<&str> = None;
    let mut lines = md.lines().enumerate();
    while let Some((i, line)) = lines.next() {
        let Some(info) = line.trim_start().strip_prefix("```") else {
            if !line.trim().is_empty() {
                last_nonblank = Some(line);
            }
            continue;
        };
        let fence_indent = line.len() - line.trim_start().len();
        let mut text = String::new();
        let mut closed = false;
        for (_, l) in lines.by_ref() {
            if l.trim_start().starts_with("```") && l.trim().trim_start_matches('`').is_empty() {
                closed = true;
                break;
            }
            let l = l
                .get(fence_indent.min(l.len() - l.trim_start().len())..)
                .unwrap_or(l);
            text.push_str(l);
            text.push('\n');
        }
        if !closed {
            return Err(format!("{file}:{}: unclosed code block", i + 1));
        }
        let is_policy = info.split_whitespace().next() == Some("policy");
        let marker = match last_nonblank.map(str::trim) {
            Some(c) if c.starts_with("<!--") && c.ends_with("-->") => {
                let inner = c["<!--".len()..c.len() - "-->".len()].trim();
                let mut words = inner.split_whitespace();
                match words.next() {
                    Some("alone") if words.next().is_none() => Marker::Alone,
                    Some("expect") => {
                        let codes: Vec<String> = words.map(str::to_string).collect();
                        if codes.is_empty() {
                            return Err(format!(
                                "{file}:{}: `<!-- expect -->` names no code",
                                i + 1
                            ));
                        }
                        Marker::Expect(codes)
                    }
                    _ => {
                        return Err(format!(
                            "{file}:{}: the comment `{c}` before this block is not a marker \
                             (`<!-- alone -->` or `<!-- expect CODE … -->`)",
                            i + 1
                        ))
                    }
                }
            }
            _ => Marker::None,
        };
        if !is_policy && marker != Marker::None {
            return Err(format!(
                "{file}:{}: a marker before a block that is not ```policy",
                i + 1
            ));
        }
        if is_policy {
            out.push(Block {
                line: i + 1,
                marker,
                text,
            });
        }
        last_nonblank = None;
    }
    Ok(out)
}

/// Compile blocks as the files of one set; each file is named after the line
/// of its block so that what is reported can be traced back to the document.
/// Returns the codes reported (sorted) and a readable account of them.
fn run(doc: &str, blocks: &[&Block]) -> (Vec<String>, String) {
    let names: Vec<String> = blocks
        .iter()
        .map(|b| format!("{doc}@{:05}.policy", b.line))
        .collect();
    let files: Vec<(&str, &[u8])> = names
        .iter()
        .zip(blocks)
        .map(|(n, b)| (n.as_str(), b.text.as_bytes()))
        .collect();
    let compiled = orgc::compile_files(&files);
    let mut diags = compiled.diagnostics.clone();
    if !compiled.model.expects.is_empty() {
        diags.extend(orgc::expect::run(&compiled.model, &compiled.derived).failures);
    }
    let mut codes: Vec<String> = diags.iter().map(|d| d.code.as_str().to_string()).collect();
    codes.sort();
    let opts = Options {
        lang: Lang::En,
        format: Format::Plain,
        color: false,
        width: 100,
    };
    let mut account = String::new();
    for d in &diags {
        // where in the document: the block's fence line plus the line in the block
        let place = d
            .primary()
            .and_then(|s| compiled.sources.get(s.file).map(|f| (f, s)))
            .and_then(|(f, s)| {
                let name = f.path.to_string_lossy();
                let fence: usize = name
                    .rsplit_once('@')?
                    .1
                    .strip_suffix(".policy")?
                    .parse()
                    .ok()?;
                Some(fence + f.line_col(s.start).0)
            });
        let one = render(std::slice::from_ref(d), &compiled.sources, opts);
        let first = one.lines().next().unwrap_or_default();
        // `NAME@LINE.policy:L:C: error[…]` → `error[…]`: the place is given above
        let first = match (place, first.split_once(".policy:")) {
            (Some(_), Some((_, rest))) => rest.splitn(3, ':').nth(2).unwrap_or(rest).trim_start(),
            _ => first,
        };
        let _ = match place {
            Some(l) => writeln!(account, "      {doc}:{l}: {first}"),
            None => writeln!(account, "      {first}"),
        };
    }
    (codes, account)
}

fn check_block(doc: &str, b: &Block, expected: &[String], failures: &mut Vec<String>) {
    let (reported, account) = run(doc, &[b]);
    let mut want = expected.to_vec();
    want.sort();
    if reported != want {
        let missing: Vec<&String> = want.iter().filter(|c| !reported.contains(c)).collect();
        let mut msg = format!(
            "{doc}:{}: block ({}) expected [{}], reported [{}]",
            b.line,
            match &b.marker {
                Marker::None => "unmarked".to_string(),
                Marker::Alone => "alone".to_string(),
                Marker::Expect(c) => format!("expect {}", c.join(" ")),
            },
            want.join(" "),
            reported.join(" "),
        );
        if !missing.is_empty() {
            let missing: Vec<&str> = missing.iter().map(|s| s.as_str()).collect();
            let _ = write!(msg, "; never reported: {}", missing.join(" "));
        }
        msg.push('\n');
        msg.push_str(&account);
        failures.push(msg);
    }
}

fn known_code(c: &str) -> bool {
    orgc::diagnostics::CODES
        .iter()
        .any(|i| i.code.as_str() == c)
}

fn check_markers(doc: &str, blocks: &[Block], failures: &mut Vec<String>) {
    for b in blocks {
        if let Marker::Expect(codes) = &b.marker {
            for c in codes {
                if !known_code(c) {
                    failures.push(format!("{doc}:{}: `expect {c}`: no such code", b.line));
                }
            }
        }
    }
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn finish(failures: Vec<String>) {
    if !failures.is_empty() {
        panic!(
            "{} documentation example(s) do not match what orgc reports:\n\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}

#[test]
fn language_reference_examples() {
    // the English reference and its Chinese edition hold the same examples
    for doc in ["docs/language.md", "docs/language.zh.md"] {
        language_reference_examples_of(doc);
    }
}

fn language_reference_examples_of(doc: &str) {
    let md = read(doc);
    let blocks = blocks(doc, &md).unwrap_or_else(|e| panic!("{e}"));
    assert!(blocks.len() > 20, "{doc}: too few policy blocks found");
    let mut failures = Vec::new();
    check_markers(doc, &blocks, &mut failures);

    // the running example: every unmarked block, as one set, reports nothing
    let set: Vec<&Block> = blocks.iter().filter(|b| b.marker == Marker::None).collect();
    let (reported, account) = run(doc, &set);
    if !reported.is_empty() {
        failures.push(format!(
            "{doc}: the unmarked blocks (lines {}) together should report nothing, reported [{}]\n{account}",
            set.iter()
                .map(|b| b.line.to_string())
                .collect::<Vec<_>>()
                .join(", "),
            reported.join(" "),
        ));
    }

    for b in &blocks {
        match &b.marker {
            Marker::None => {}
            Marker::Alone => check_block(doc, b, &[], &mut failures),
            Marker::Expect(codes) => check_block(doc, b, codes, &mut failures),
        }
    }
    finish(failures);
}

#[test]
fn code_page_examples() {
    let dir = root().join("docs/codes");
    let mut pages: BTreeMap<String, PathBuf> = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if name.ends_with(".en.md") || name.ends_with(".zh.md") {
            pages.insert(name, p);
        }
    }
    // every code has its two pages, and they are all read below
    for info in orgc::diagnostics::CODES {
        for lang in ["en", "zh"] {
            let name = format!("{}.{lang}.md", info.code.as_str());
            assert!(pages.contains_key(&name), "docs/codes/{name} is missing");
        }
    }
    let mut failures = Vec::new();
    let mut run_blocks = 0;
    for (name, path) in &pages {
        let doc = format!("docs/codes/{name}");
        let code = name.split('.').next().unwrap();
        let md = std::fs::read_to_string(path).unwrap();
        let blocks = match blocks(&doc, &md) {
            Ok(b) => b,
            Err(e) => {
                failures.push(e);
                continue;
            }
        };
        check_markers(&doc, &blocks, &mut failures);
        if !blocks.is_empty()
            && !blocks
                .iter()
                .any(|b| matches!(&b.marker, Marker::Expect(c) if c.iter().any(|c| c == code)))
        {
            failures.push(format!(
                "{doc}: no policy block is marked `<!-- expect {code} … -->`: \
                 the page's example should show its own code"
            ));
        }
        for b in &blocks {
            run_blocks += 1;
            match &b.marker {
                Marker::None | Marker::Alone => check_block(&doc, b, &[], &mut failures),
                Marker::Expect(codes) => check_block(&doc, b, codes, &mut failures),
            }
        }
    }
    assert!(run_blocks > 50, "too few policy blocks found in docs/codes");
    finish(failures);
}

/// The marker parser itself, so that a change to it cannot make every
/// document pass by finding nothing.
#[test]
fn markers_are_read() {
    let md = "text\n\n<!-- expect E101 E101 -->\n```policy\na\n```\n\n<!-- alone -->\n\n```policy\nb\n```\n```policy\nc\n```\n```text\nd\n```\n";
    let b = blocks("t.md", md).unwrap();
    assert_eq!(b.len(), 3);
    assert_eq!(b[0].line, 4);
    assert_eq!(
        b[0].marker,
        Marker::Expect(vec!["E101".into(), "E101".into()])
    );
    assert_eq!(b[0].text, "a\n");
    assert_eq!(b[1].marker, Marker::Alone);
    assert_eq!(b[2].marker, Marker::None);
    assert!(blocks("t.md", "<!-- expcet E101 -->\n```policy\na\n```\n").is_err());
    assert!(blocks("t.md", "```policy\na\n").is_err());
}
