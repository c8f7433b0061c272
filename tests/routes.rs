//! `orgc build`, `orgc route` and `orgc test` end to end, on the Longgang set.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot set up or read its build output should fail loudly"
)]

mod common;

use common::{copy_with, longgang, orgc, text};
use std::path::Path;
use std::process::Output;

fn build(args: &[&str], out: &Path) -> Output {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    all.extend(["-o", out.to_str().unwrap()]);
    orgc(&all)
}

/// A fresh folder holding the Longgang set's outputs (the build must succeed).
fn built_longgang() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let o = build(&[longgang().to_str().unwrap()], out.path());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    out
}

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn build_writes_json_csv_and_sqlite_that_agree() {
    let out = built_longgang();
    let names: Vec<String> = files(out.path()).into_iter().map(|(n, _)| n).collect();
    for want in [
        "routes.json",
        "routes.sqlite",
        "items.csv",
        "upstream_offices.csv",
        "communities.csv",
        "events.csv",
        "dispatch.csv",
        "service_centres.csv",
        "centre_services.csv",
        "measures.csv",
        "staffing.csv",
        "routes.xlsx",
        "lookup.html",
    ] {
        assert!(
            names.iter().any(|n| n == want),
            "{want} missing from {names:?}"
        );
    }
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("routes.json")).unwrap()).unwrap();
    assert_eq!(doc["schema"], "orgc.routes/2");
    let model_items = orgc::compile(&[longgang()]).unwrap().model.items.len();
    assert_eq!(doc["items"].as_array().unwrap().len(), model_items);
    let sp1 = doc["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "SP-0001")
        .unwrap();
    assert_eq!(sp1["department"], "行政审批局");

    let db = rusqlite::Connection::open(out.path().join("routes.sqlite")).unwrap();
    let (dept, module, statutory, committed): (String, String, Option<i64>, Option<i64>) = db
        .query_row(
            "select department, module, statutory_days, committed_days from items where id = ?1",
            ["SP-0001"],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(
        (dept.as_str(), module.as_str()),
        (
            sp1["department"].as_str().unwrap(),
            sp1["module"].as_str().unwrap()
        )
    );
    assert_eq!(
        (statutory, committed),
        (
            sp1["statutory_days"].as_i64(),
            sp1["committed_days"].as_i64()
        )
    );
    assert!(statutory.is_some(), "SP-0001 has a statutory time limit");
    let approvals = count(
        &db,
        "select count(*) from items where kind = 'approval' and department = '行政审批局'",
    );
    assert_eq!(approvals, 1146);
    let schema: String = db
        .query_row("select value from meta where key = 'schema'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(schema, "orgc.routes/2");
    let digest: String = db
        .query_row("select value from meta where key = 'digest'", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(digest.len(), 64);
    let plan: String = db
        .query_row(
            "explain query plan select department from items where id = 'SP-0001'",
            [],
            |r| r.get(3),
        )
        .unwrap();
    assert!(
        plan.contains("USING INDEX"),
        "lookup by id uses an index: {plan}"
    );

    let csv = std::fs::read_to_string(out.path().join("items.csv")).unwrap();
    assert!(csv.starts_with(
        "id,name,kind,department,module,group,statutory_days,committed_days,immediate,transferred_to,devolved,joint_cases\r\n"
    ));
    assert!(csv.lines().any(|l| l.starts_with("SP-0001,")));
}

/// The shipped JSON Schema of `routes.json`.
fn schema() -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/routes.schema.json");
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// The `routes.json` written in `out`, after checking it against the shipped
/// schema, and the schema's validator.
fn validated(out: &Path) -> (serde_json::Value, jsonschema::Validator) {
    let doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("routes.json")).unwrap()).unwrap();
    let validator =
        jsonschema::validator_for(&schema()).expect("the schema is a valid JSON Schema");
    let errors: Vec<String> = validator
        .iter_errors(&doc)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .take(5)
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    (doc, validator)
}

#[test]
fn routes_json_validates_against_the_shipped_schema() {
    let out = built_longgang();
    let (doc, validator) = validated(out.path());
    // and the schema is strict: a record with a missing field fails
    let mut broken = doc.clone();
    broken["items"][0]
        .as_object_mut()
        .unwrap()
        .remove("department");
    assert!(!validator.is_valid(&broken));
}

#[test]
fn same_set_same_bytes_whatever_the_order_or_line_ends() {
    let a = built_longgang();
    let b = tempfile::tempdir().unwrap();
    let c = tempfile::tempdir().unwrap();
    let mut policy_files: Vec<String> = std::fs::read_dir(longgang())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "policy"))
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    policy_files.sort();
    policy_files.reverse();
    let args: Vec<&str> = policy_files.iter().map(String::as_str).collect();
    assert_eq!(build(&args, b.path()).status.code(), Some(0));
    assert_eq!(
        files(a.path()),
        files(b.path()),
        "reversed file order changed the output"
    );
    // the same set saved with CRLF line ends
    let crlf = tempfile::tempdir().unwrap();
    for p in &policy_files {
        let p = Path::new(p);
        let t = std::fs::read_to_string(p).unwrap().replace('\n', "\r\n");
        std::fs::write(crlf.path().join(p.file_name().unwrap()), t).unwrap();
    }
    assert_eq!(
        build(&[crlf.path().to_str().unwrap()], c.path())
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        files(a.path()),
        files(c.path()),
        "CRLF sources changed the output"
    );
}

#[test]
fn a_broken_set_writes_nothing_and_leaves_old_outputs_alone() {
    let out = built_longgang();
    let before = files(out.path());
    let broken = copy_with(
        &longgang(),
        "zz-broken.policy",
        "item SP-0001 \"重复\" : approval owner 社会事业局
",
    );
    let o = build(&[broken.path().to_str().unwrap()], out.path());
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("nothing was written"),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(files(out.path()), before);
    let fresh = out.path().join("never-created");
    assert_eq!(
        build(&[broken.path().to_str().unwrap()], &fresh)
            .status
            .code(),
        Some(1)
    );
    assert!(!fresh.exists());
}

#[test]
fn excel_flag_adds_a_byte_order_mark_to_csv_only() {
    let out = tempfile::tempdir().unwrap();
    assert_eq!(
        build(&["--excel", longgang().to_str().unwrap()], out.path())
            .status
            .code(),
        Some(0)
    );
    for (name, bytes) in files(out.path()) {
        assert_eq!(
            bytes.starts_with(b"\xEF\xBB\xBF"),
            name.ends_with(".csv"),
            "{name}"
        );
    }
}

fn route(args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["route"];
    all.extend_from_slice(args);
    let lg = longgang();
    all.push(lg.to_str().unwrap());
    let o = orgc(&all);
    (
        o.status.code().unwrap_or(-1),
        text(&o.stdout),
        text(&o.stderr),
    )
}

#[test]
fn route_names_the_handler_and_the_reason_with_file_and_line() {
    let (code, out, _) = route(&["SP-0001"]);
    assert_eq!(code, 0);
    assert!(out.contains("owner: 行政审批局.投资项目审批"), "{out}");
    let file = std::fs::read_to_string(longgang().join("items-approval.policy")).unwrap();
    let line = file
        .lines()
        .position(|l| l.starts_with("item SP-0001 "))
        .unwrap()
        + 1;
    assert!(
        out.contains(&format!("items-approval.policy:{line}  item `SP-0001`")),
        "{out}"
    );
    assert!(out.contains("rule `一枚印章管审批` holds"), "{out}");

    let (code, out, _) = route(&["温州市发展和改革委员会.产业发展处"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("answering module: 经济发展局.产业发展"),
        "{out}"
    );
    assert!(out.contains("answers it here"), "{out}");

    let (code, out, _) = route(&["330383198001"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("community 金钗河社区 330383198001") && out.contains("金钗河中心社区"),
        "{out}"
    );
    assert!(out.contains("communities.policy:"), "{out}");

    let (code, out, _) = route(&["校园周边安全", "--kind", "joint_case"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("lead: 综合行政执法局") && out.contains("joint.policy:"),
        "{out}"
    );
}

#[test]
fn route_suggests_on_a_typo_and_speaks_json() {
    let (code, _, err) = route(&["SP-O001"]);
    assert_eq!(code, 2);
    assert!(err.contains("Did you mean `SP-0001`?"), "{err}");
    let (code, out, _) = route(&["--format", "json", "噪声投诉"]);
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let answer = &doc["answers"][0];
    assert_eq!(answer["kind"], "event");
    assert_eq!(answer["roles"]["authority"][0], "综合行政执法局");
    assert!(answer.get("handlers").is_none(), "{answer}");
    assert!(answer["reasons"][0]["line"].as_u64().unwrap() > 0);
}

#[test]
fn orgc_test_passes_on_longgang_and_a_wrong_expectation_fails_with_both_values() {
    let o = orgc(&["test", longgang().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let summary = text(&o.stdout);
    assert!(
        summary.trim_end().ends_with("passed, 0 failed"),
        "{summary}"
    );

    let copy = copy_with(
        &longgang(),
        "zz-expect.policy",
        "expect item SP-0001 to 社会事业局
",
    );
    let o = orgc(&["test", "--format", "plain", copy.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(
        err.contains("is handled by `行政审批局.投资项目审批`, expected `社会事业局`"),
        "{err}"
    );
    assert!(err.contains("zz-expect.policy:1:24"), "{err}");
    assert!(text(&o.stdout).contains(" passed, 1 failed"));
}

#[test]
fn empty_tables_keep_their_columns() {
    let set = tempfile::tempdir().unwrap();
    std::fs::write(
        set.path().join("a.policy"),
        "department 党政办公室 : party { module 综合文秘 }\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    assert_eq!(
        build(&[set.path().to_str().unwrap()], out.path())
            .status
            .code(),
        Some(0)
    );
    let events = std::fs::read_to_string(out.path().join("events.csv")).unwrap();
    assert_eq!(
        events,
        "name,label,owner,bound,enforcer,joint_case,tier\r\n"
    );
    let dispatch = std::fs::read_to_string(out.path().join("dispatch.csv")).unwrap();
    assert_eq!(
        dispatch,
        "event,community_code,community,central,handler,bound,enforcer,joint_case,joint_lead,tier,tier_minutes\r\n"
    );
    let db = rusqlite::Connection::open(out.path().join("routes.sqlite")).unwrap();
    let n = count(
        &db,
        "select count(*) from items where department = '党政办公室'",
    );
    assert_eq!(n, 0);
}

fn count(db: &rusqlite::Connection, sql: &str) -> i64 {
    db.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// A small set in language 0.2 in which every table has a row, so that every
/// record of the schema is exercised whatever the Longgang set declares.
const EVERY_TABLE: &str = "\
city 测试市 { code 330383 upstream 温州市 }
tier t \"日清日结\" within 24h
upstream 乙局 { office 甲处 }
department 甲 : party {
  fields 一
  staffing { administrative 3 institutional 2 leadership 1 in_communities 4 }
  module M { answers 乙局.甲处 group G }
}
item I-1 \"事\" : service owner 甲.M.G statutory 5 committed 2
agency 机构 : enterprise
transfer Z-1 \"职能\" : transferred from 甲 to 机构 supervised_by 甲
central_community 中 { community 社 }
community 社 code 1 { grid W micro 1 }
bind 甲.M to 中
devolution X-1 \"下放\" : service from 甲 to all_communities item I-1
joint_case J { lead 甲 members 甲 items I-1 tier t }
event E owner 甲 bound joint_case J tier t
service_centre C { stationed 甲, 机构 section S { area A } }
centre_service Q-1 \"服务\" : approval in C.S.A item I-1
measure M-1 \"措施\" owner 甲 in C
";

/// The text of the `### \`table\`` section of the reference, up to the next heading.
fn reference_section<'a>(reference: &'a str, table: &str) -> &'a str {
    let heading = format!("### `{table}`");
    let start = reference
        .find(&heading)
        .unwrap_or_else(|| panic!("docs/routes.md has no section {heading}"));
    let rest = &reference[start + heading.len()..];
    let end = rest
        .find("\n### ")
        .into_iter()
        .chain(rest.find("\n## "))
        .min()
        .unwrap_or(rest.len());
    &rest[..end]
}

#[test]
fn every_table_matches_the_schema_and_the_reference() {
    let set = tempfile::tempdir().unwrap();
    std::fs::write(set.path().join("a.policy"), EVERY_TABLE).unwrap();
    let out = tempfile::tempdir().unwrap();
    let o = build(&[set.path().to_str().unwrap()], out.path());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let (doc, _) = validated(out.path());
    let schema = schema();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));

    let reference = std::fs::read_to_string(root.join("docs/routes.md")).unwrap();
    let version = doc["schema"].as_str().unwrap();
    assert!(
        reference.contains(&format!("**`{version}`**")),
        "docs/routes.md names the schema {version}"
    );
    let tables: Vec<(&String, &Vec<serde_json::Value>)> = doc
        .as_object()
        .unwrap()
        .iter()
        .filter_map(|(k, v)| v.as_array().map(|rows| (k, rows)))
        .collect();
    assert_eq!(tables.len(), 16, "every table is in routes.json");
    for (table, rows) in tables {
        let first = rows
            .first()
            .and_then(|r| r.as_object())
            .unwrap_or_else(|| panic!("{table} has a row in the test set"));
        let columns: Vec<&str> = first.keys().map(String::as_str).collect();
        // the schema's record has exactly these fields, in this order, all required
        let def = schema["properties"][table.as_str()]["items"]["$ref"]
            .as_str()
            .and_then(|r| r.strip_prefix("#/$defs/"))
            .unwrap_or_else(|| panic!("the schema has a record for {table}"));
        let record = &schema["$defs"][def];
        let fields: Vec<&str> = record["properties"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(fields, columns, "schema fields of {table}");
        let required: Vec<&str> = record["required"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|v| v.as_str())
            .collect();
        assert_eq!(required, columns, "required fields of {table}");
        // the CSV header is the same list
        let csv = std::fs::read_to_string(out.path().join(format!("{table}.csv"))).unwrap();
        assert_eq!(
            csv.lines().next(),
            Some(columns.join(",").as_str()),
            "{table}.csv"
        );
        // the reference documents every field in the table's section
        let section = reference_section(&reference, table);
        for c in &columns {
            assert!(
                section.contains(&format!("| `{c}` |")),
                "docs/routes.md, section `{table}`, has no row for `{c}`"
            );
        }
        assert!(
            reference.contains(&format!("| `{table}` |")),
            "docs/routes.md lists the indexes of `{table}`"
        );
    }
}

/// The labelled lines of one answer: `(label, value)` for each `  label：value`
/// line before the reasons.
fn role_lines(out: &str, colon: &str) -> Vec<(String, String)> {
    out.lines()
        .skip(1)
        .take_while(|l| l.starts_with("  ") && !l.starts_with("    "))
        .filter_map(|l| l.trim().split_once(colon))
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .filter(|(_, b)| !b.is_empty())
        .collect()
}

#[test]
fn route_says_who_does_what_in_labelled_roles_and_json_fields() {
    // a community: its central community and the bound departments, apart
    let (code, out, _) = route(&["--lang", "zh", "龙和社区"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("社区 龙和社区 330383198057\n"), "{out}");
    let roles = role_lines(&out, "：");
    assert_eq!(
        roles[0],
        ("所属中心社区".into(), "薛家桥中心社区".into()),
        "{out}"
    );
    assert_eq!(roles[1].0, "捆绑部门", "{out}");
    assert!(roles[1].1.contains("综合行政执法局") && !roles[1].1.contains("中心社区"));

    // a transfer: where it comes from, the agencies, the supervisor
    let (code, out, _) = route(&["--lang", "zh", "ZY-001"]);
    assert_eq!(code, 0);
    let labels: Vec<String> = role_lines(&out, "：").into_iter().map(|r| r.0).collect();
    assert_eq!(labels, ["转出部门", "承接机构", "监管部门"], "{out}");
    assert!(out.contains("转移职能 `ZY-001`（已转移）"), "{out}");
    assert!(out.contains("（行业协会）"), "{out}");

    // a devolution: the department first, then the communities, counted
    let (code, out, _) = route(&["--lang", "en", "XF-001"]);
    assert_eq!(code, 0);
    let roles = role_lines(&out, ": ");
    assert_eq!(
        roles[0],
        ("from department".into(), "公安局.户政服务".into()),
        "{out}"
    );
    assert_eq!(roles[1].0, "community reached", "{out}");
    assert!(roles[1].1.ends_with("… 102 in all"), "{out}");

    // a joint case: the lead and the members, and the tier by its label
    let (code, out, _) = route(&["--lang", "zh", "校园周边安全"]);
    assert_eq!(code, 0);
    assert!(out.contains("  牵头部门：综合行政执法局\n"), "{out}");
    assert!(
        out.contains("  配合部门：社会事业局 · 公安局 · 市场监督管理局\n"),
        "{out}"
    );
    assert!(out.contains("  时限：日清日结（`same_day`）\n"), "{out}");

    // the same answers carry the roles as named fields in JSON
    let (_, out, _) = route(&["--format", "json", "XF-001"]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let roles = &doc["answers"][0]["roles"];
    assert_eq!(roles["transferred_from"][0], "公安局.户政服务");
    assert_eq!(
        roles["communities_reached"].as_array().map(Vec::len),
        Some(102)
    );
    let (_, out, _) = route(&["--format", "json", "噪声投诉", "--at", "龙和社区"]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let roles = &doc["answers"][0]["roles"];
    assert_eq!(roles["first_responder"][0], "龙和社区", "{roles}");
    assert!(roles["team_sent"][0]
        .as_str()
        .unwrap()
        .starts_with("综合行政执法局."));
    let (_, out, _) = route(&["--format", "json", "ZY-001"]);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    let roles = &doc["answers"][0]["roles"];
    assert_eq!(roles["supervising_department"][0], "经济发展局");
    assert_eq!(
        roles["undertaking_agency"].as_array().map(Vec::len),
        Some(3)
    );
}

#[test]
fn route_answers_modules_and_groups_and_lists_every_variant_of_a_name() {
    let (code, out, _) = route(&["--lang", "zh", "行政审批局.投资项目审批"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("模块 行政审批局.投资项目审批\n"), "{out}");
    assert!(out.contains("  部门：行政审批局\n"), "{out}");
    assert!(
        out.contains("业务组：行政审批局.投资项目审批.核准备案"),
        "{out}"
    );
    assert!(
        out.contains("上级处室 `温州市发展和改革委员会.行政审批处`"),
        "{out}"
    );

    let (code, out, _) = route(&["--kind", "group", "核准备案"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.starts_with("business group 行政审批局.投资项目审批.核准备案\n"),
        "{out}"
    );
    assert!(out.contains("module: 行政审批局.投资项目审批"), "{out}");

    // four items share the stem: every variant is suggested
    let (code, _, err) = route(&["--lang", "zh", "企业投资项目核准"]);
    assert_eq!(code, 2);
    for v in ["（新办）", "（变更）", "（延期）", "（重新报批）"] {
        assert!(err.contains(&format!("`企业投资项目核准{v}`")), "{err}");
    }
    // a title shared by several items answers with all of them
    let dir = common::copy_with(
        &longgang(),
        "extra.policy",
        "item ZZ-0001 \"企业投资项目核准（新办）\" : approval owner 行政审批局.投资项目审批 statutory 20 committed 2\n",
    );
    let o = orgc(&[
        "route",
        "企业投资项目核准（新办）",
        dir.path().to_str().unwrap(),
    ]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        out.contains("item SP-0001 企业投资项目核准（新办）\n"),
        "{out}"
    );
    assert!(
        out.contains("item ZZ-0001 企业投资项目核准（新办）\n"),
        "{out}"
    );
}
