//! Ids cannot go wrong (issue 11): an id that is ASCII but for a look-alike or
//! full-width character is an error (E108) with its ASCII spelling, and the
//! routing tables only ever hold the normal form (NFKC) of an id.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot write its temporary files should fail loudly"
)]

mod common;

const OWNER: &str = "department 行政审批局 : government { module 综合审批 }\n";

fn item(id: &str) -> String {
    format!("item {id} \"食品经营许可\" : approval owner 行政审批局.综合审批 immediate\n")
}

#[test]
fn look_alike_ids_are_rejected_with_the_ascii_spelling() {
    for (id, ascii, found) in [
        ("SP-０００5", "SP-0005", "０"),
        ("SP-O001", "SP-0001", "O"),
        ("А-1", "A-1", "А"),
    ] {
        let c = orgc::compile_str("a.policy", &format!("{OWNER}{}", item(id)));
        let codes: Vec<&str> = c.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, ["E108"], "{id}");
        let d = &c.diagnostics[0];
        let en = d.message.render(orgc::diagnostics::Lang::En);
        assert!(
            en.contains(&format!("its ASCII spelling is `{ascii}`")),
            "{en}"
        );
        // the underline is on the first wrong character
        let span = d.primary().unwrap();
        let text = &c.sources.get(span.file).unwrap().text;
        assert_eq!(&text[span.start as usize..span.end as usize], found, "{id}");
    }
}

#[test]
fn a_transfer_or_devolution_id_is_checked_too() {
    let c = orgc::compile_str(
        "a.policy",
        "department 局 : government { module 甲 }\n\
         agency 某协会 : association\n\
         transfer ZY-０1 \"职能\" : planned from 局.甲 to 某协会 supervised_by 局\n",
    );
    assert!(
        c.diagnostics.iter().any(|d| d.code.as_str() == "E108"),
        "{:?}",
        c.diagnostics
    );
}

#[test]
fn the_tables_hold_the_normal_form_only() {
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("set");
    std::fs::create_dir(&set).unwrap();
    let out = dir.path().join("out");
    // a look-alike: refused, nothing written
    std::fs::write(
        set.join("a.policy"),
        format!("{OWNER}{}", item("SP-０００5")),
    )
    .unwrap();
    let o = common::orgc(&["build", set.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", common::text(&o.stderr));
    assert!(!out.join("routes.json").exists());
    // an id that is not an ASCII code keeps its characters, in NFKC form
    std::fs::write(set.join("a.policy"), format!("{OWNER}{}", item("办证－１"))).unwrap();
    let o = common::orgc(&["build", set.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", common::text(&o.stderr));
    let json = std::fs::read_to_string(out.join("routes.json")).unwrap();
    assert!(json.contains("\"办证-1\""), "{json}");
    assert!(!json.contains("办证－１"), "{json}");
}
