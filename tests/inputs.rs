//! Inputs that reform offices really produce (see RELIABILITY.md): encodings,
//! line ends, sizes, broken files — each handled with a clear diagnostic, and
//! none able to change what a valid file means.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot write its own input files should fail loudly"
)]

use orgc::diagnostics::render::{render, Format, Options};
use orgc::diagnostics::{Code, Lang};
use std::path::PathBuf;

const SET: &str = "# 测试\ncentral_community 金钗河中心社区 { community 金钗河社区 }\n\
community 金钗河社区 code 330383198001 { grid 金钗河-01 micro 7 }\n\
department 基层治理委员会 : party { module 社区治理 }\n\
bind 基层治理委员会 to 金钗河中心社区\n\
item SW-0001 \"社区矫正协助\" : affairs owner 基层治理委员会.社区冶理 statutory 5\n";

fn plain(c: &orgc::Compiled) -> String {
    let opts = Options {
        lang: Lang::En,
        format: Format::Plain,
        color: false,
        width: 100,
    };
    render(&c.diagnostics, &c.sources, opts)
}

#[test]
fn bom_crlf_and_lone_cr_change_nothing() {
    let lf = plain(&orgc::compile_str("a.policy", SET));
    assert!(lf.contains("a.policy:6:"), "{lf}");
    let bom = plain(&orgc::compile_str("a.policy", &format!("\u{FEFF}{SET}")));
    let crlf = plain(&orgc::compile_str("a.policy", &SET.replace('\n', "\r\n")));
    let cr = plain(&orgc::compile_str("a.policy", &SET.replace('\n', "\r")));
    assert_eq!(lf, bom);
    assert_eq!(lf, crlf);
    assert_eq!(lf, cr);
}

fn compile_bytes(bytes: &[u8]) -> orgc::Compiled {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.policy"), bytes).unwrap();
    orgc::compile(&[dir.path().to_path_buf()]).unwrap()
}

#[test]
fn gbk_and_utf16_are_named_with_advice() {
    let (gbk, _, _) = encoding_rs::GBK.encode(SET);
    let c = compile_bytes(&gbk);
    assert_eq!(c.diagnostics.len(), 1);
    assert_eq!(c.diagnostics[0].code, Code::E004);
    let text = plain(&c);
    assert!(
        text.contains("GBK/GB18030") && text.contains("UTF-8"),
        "{text}"
    );
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(SET.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let c = compile_bytes(&utf16);
    assert!(plain(&c).contains("UTF-16LE"));
}

#[test]
fn invalid_utf8_says_where() {
    let mut bytes = SET.as_bytes().to_vec();
    bytes.extend(b"item SW-0002 \"\xE9\x87\" : affairs owner X\n");
    let c = compile_bytes(&bytes);
    let text = plain(&c);
    assert!(
        text.contains("invalid bytes at line 7, column 15"),
        "{text}"
    );
}

#[test]
fn file_over_the_size_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.policy");
    let f = std::fs::File::create(&path).unwrap();
    // a sparse file: no disk space is used, and orgc must not read it
    f.set_len(orgc::syntax::input::MAX_FILE_BYTES + 1).unwrap();
    std::fs::write(dir.path().join("ok.policy"), "department 甲 : party { }\n").unwrap();
    let c = orgc::compile(&[dir.path().to_path_buf()]).unwrap();
    let codes: Vec<Code> = c.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::E005]);
    assert_eq!(c.model.departments.len(), 1, "the other file is still read");
}

#[test]
fn one_broken_file_does_not_hide_the_others() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.policy"),
        "department 甲 : party { module \n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.policy"),
        [0xC4u8, 0xE3, 0xBA, 0xC3].as_slice(),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("c.policy"),
        "item X-1 \"x\" : approval owner 乙\n",
    )
    .unwrap();
    let c = orgc::compile(&[dir.path().to_path_buf()]).unwrap();
    let codes: Vec<Code> = c.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, [Code::E001, Code::E004, Code::E102]);
}

#[test]
fn output_does_not_depend_on_file_order_or_argument_order() {
    let dir = tempfile::tempdir().unwrap();
    let names = ["b.policy", "a.policy", "c.policy"];
    let texts = [
        "department 甲 : party { module A }\nitem X-1 \"x\" : approval owner 丙\n",
        // X-3's owner resolves, so the rule judges it (an item whose owner
        // is unknown is not judged: the E102 is the finding)
        "department 乙 : party { }\ndepartment 甲 : party { }\nitem X-3 \"z\" : approval owner 甲\n",
        "rule r { every item must owner = 乙 }\nitem X-2 \"y\" : approval owner 甲.A\n",
    ];
    for (n, t) in names.iter().zip(texts) {
        std::fs::write(dir.path().join(n), t).unwrap();
    }
    let files: Vec<PathBuf> = names.iter().map(|n| dir.path().join(n)).collect();
    let mut reversed = files.clone();
    reversed.reverse();
    let a = plain(&orgc::compile(&files).unwrap());
    let b = plain(&orgc::compile(&reversed).unwrap());
    let c = plain(&orgc::compile(&[dir.path().to_path_buf()]).unwrap());
    assert_eq!(a, b);
    assert_eq!(a, c);
    assert!(
        a.contains("E101") && a.contains("E102") && a.contains("R001"),
        "{a}"
    );
}

#[test]
fn control_characters_never_reach_the_terminal_raw() {
    let c = orgc::compile_str(
        "a.policy",
        "department 社会\u{200B}事业局 : party { }\nitem X-1 \"x\" : approval owner 乙\u{1B}[31m\n",
    );
    let text = plain(&c);
    assert!(
        !text.contains('\u{1B}') && !text.contains('\u{200B}'),
        "{text:?}"
    );
    assert!(c.diagnostics.iter().any(|d| d.code == Code::E103));
}

#[test]
fn two_spellings_of_one_name_are_one_department() {
    // full-width brackets and digits, a stray space, a Kangxi radical
    let c = orgc::compile_str(
        "a.policy",
        "department \"第（１）部门\" : party { }\ndepartment \"第(1)部门 \" : party { }\ndepartment ⾦融办 : party { }\nitem X-1 \"x\" : approval owner 金融办\n",
    );
    let codes: Vec<Code> = c.diagnostics.iter().map(|d| d.code).collect();
    // the reference `金融办` finds the department declared as `⾦融办`; no
    // spelling warning recommends the Kangxi form
    assert_eq!(codes, [Code::E101]);
    assert_eq!(c.model.departments.len(), 2);
}
