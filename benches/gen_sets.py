#!/usr/bin/env python3
"""Generate orgc policy sets and the same items as flat JSON, for peer benchmarks.

usage: python3 benches/gen_sets.py OUT_DIR [SIZES]      SIZES: comma list, default 10k,100k,1M

Language 0.2 (docs/language.md). Adapted from the peer benchmark's generator
(/work/shared/bench-peers/gen_sets.py, which wrote language 0.1): the random draws are the
same, so the items, owners and conflicts are the same as there; only the spelling changed,
and each item's response tier became a time limit in working days.

For every size N it writes, under OUT_DIR/nN/:
  valid/*.policy        a valid policy set (orgc check exits 0, no diagnostics):
                        20 departments (5 party, 9 government, 6 institution) x 10 modules
                        x 2 groups = 200 modules, 20 upstream bureaus with 10 offices each
                        (+ a shared office), 20 central communities / 100 communities /
                        grids / bindings (综合行政执法局 with a bound team in every central
                        community), agencies, transfers, devolutions, joint cases, events
                        (some `bound`, some `enforced_by`), targets, 7 rules, and N items of
                        5 kinds (approval, enforcement, service, affairs, declared kind
                        行政确认), each `statutory N committed M`, in 25 item files, with
                        staffing, a service centre, centre services (2 items in 5) and
                        measures (1 in 26) as in Longgang's proportions; 51 files in all.
  conflict/*.policy     the same set with N/1000 items replaced by a second declaration
                        of an earlier item's id (same title, same kind) under an owner in
                        another department: orgc must report N/1000 E201.
  valid.flat.json       {"items":[{id,name,kind,owner,sla,department,module}]} (owner: the
  conflict.flat.json    owner path as written; department: its department; module: its
                        module or ""; sla: the time limit, "STATUTORY/COMMITTED" working
                        days), one entry per item declaration, in file order.
  expected.json         counts (items, distinct ids, conflicts, files, bytes).

Python 3 standard library only; deterministic (fixed seed).
"""
import json
import os
import random
import sys

ITEM_FILES = 25

PARTY = ["党政办公室", "组织部", "宣传统战部", "政法委员会", "群团部"]
GOVERNMENT = ["行政审批局", "综合行政执法局", "经济发展局", "社会事业局", "财政局",
              "自然资源与规划建设局", "市场监督管理局", "应急管理局", "公安局"]
INSTITUTION = ["政务服务中心", "融媒体中心", "城市大脑运营中心", "公共资源交易中心",
               "矛盾纠纷调处中心", "党群服务中心"]
DEPTS = [(d, "party") for d in PARTY] + [(d, "government") for d in GOVERNMENT] + \
        [(d, "institution") for d in INSTITUTION]
APPROVAL_DEPT = "行政审批局"
ENFORCE_DEPT = "综合行政执法局"

MODULES = {
    APPROVAL_DEPT: ["投资项目审批", "规划建设审批", "市场准入审批", "社会事务审批", "交通运输审批",
                    "农业农村审批", "文化旅游审批", "卫生健康审批", "教育审批", "综合窗口"],
    ENFORCE_DEPT: ["市容执法", "城建执法", "环保执法", "市场执法", "交通执法",
                   "农业执法", "文旅执法", "卫健执法", "应急执法", "综合执法"],
}
GENERIC_MODULES = ["综合协调", "政策法规", "业务服务", "监督检查", "数据统计",
                   "财务保障", "项目管理", "应急处置", "宣传教育", "社区联络"]
GROUPS = ["甲组", "乙组"]
BUREAUS = ["温州市发展和改革委员会", "温州市经济和信息化局", "温州市教育局", "温州市公安局",
           "温州市民政局", "温州市司法局", "温州市财政局", "温州市人力资源和社会保障局",
           "温州市自然资源和规划局", "温州市生态环境局", "温州市住房和城乡建设局", "温州市交通运输局",
           "温州市水利局", "温州市农业农村局", "温州市商务局", "温州市文化广电旅游局",
           "温州市卫生健康委员会", "温州市应急管理局", "温州市市场监督管理局", "温州市综合行政执法局"]
OFFICES = ["综合处", "法规处", "审批处", "监管处", "规划处", "财务处", "项目处", "应急处", "宣传处", "基层处"]

KINDS = [("approval", "SP", 25), ("enforcement", "ZF", 35), ("service", "FW", 20),
         ("affairs", "SW", 15), ("行政确认", "QR", 5)]
# response tiers: for joint cases and events only (language 0.2)
TIERS = ["instant", "same_day", "five_days"]
# an item's time limit in working days, (statutory, committed); drawn with one rng.choice
# per item, as the item's tier was, so that the random stream is unchanged
LIMITS = [(5, 1), (20, 5), (15, 3)]
BASES = {
    "approval": ["企业投资项目核准", "建设工程规划许可", "食品经营许可", "建筑工程施工许可", "药品零售许可",
                 "道路运输经营许可", "排污许可", "娱乐场所经营许可", "医疗机构执业登记", "民办学校设立"],
    "enforcement": ["占道经营处罚", "违法建设查处", "噪声污染处罚", "无证经营查处", "油烟污染处罚",
                    "违规停车处罚", "渣土运输违规查处", "户外广告违规查处", "非法营运查处", "消防违规查处"],
    "service": ["居住证申领受理", "社保参保登记", "就业登记", "残疾人证办理", "老年优待证办理",
                "医保关系转移", "公积金提取", "法律援助申请", "临时救助申请", "义务教育入学登记"],
    "affairs": ["档案查询", "证明材料开具", "信息公开申请", "统计数据报送", "会议服务保障",
                "公文流转", "志愿服务登记", "社区活动备案", "物资调配", "来信来访登记"],
    "行政确认": ["户籍证明", "婚姻状况确认", "房屋权属确认", "农业经营主体确认", "退役军人身份确认"],
}
SITUATIONS = ["新办", "变更", "延续", "注销", "补办", "迁移"]
CENTRE = "政务服务大厅"
CENTRE_SECTIONS = [("综合受理", ["综合窗口", "企业开办专区"]), ("社会事务", ["社会事务窗口"]),
                   ("投资项目", ["项目代办专区"])]


def parse_size(s):
    s = s.strip().lower()
    mult = 1
    if s.endswith("k"):
        mult, s = 1000, s[:-1]
    elif s.endswith("m"):
        mult, s = 1000000, s[:-1]
    return int(s) * mult


def modules_of(dept):
    return MODULES.get(dept, GENERIC_MODULES)


def make_items(n, rng):
    """Return a list of dicts: id, title, kind, owner (path), dept, module, statutory,
    committed."""
    weights = [w for _, _, w in KINDS]
    items = []
    generic = [d for d, _ in DEPTS if d not in (APPROVAL_DEPT, ENFORCE_DEPT)]
    for i in range(n):
        kind, prefix, _ = rng.choices(KINDS, weights)[0]
        if kind == "approval":
            dept = APPROVAL_DEPT
        elif kind == "enforcement":
            dept = ENFORCE_DEPT
        else:
            dept = rng.choice(generic)
        module = rng.choice(modules_of(dept))
        r = rng.random()
        if r < 0.05:
            owner, mod = dept, ""
        elif r < 0.35:
            owner, mod = f"{dept}.{module}.{rng.choice(GROUPS)}", module
        else:
            owner, mod = f"{dept}.{module}", module
        title = f"{rng.choice(BASES[kind])}（{rng.choice(SITUATIONS)}）第{i + 1}号"
        statutory, committed = rng.choice(LIMITS)
        items.append({"id": f"{prefix}-{i + 1:07d}", "title": title, "kind": kind,
                      "owner": owner, "dept": dept, "module": mod,
                      "statutory": statutory, "committed": committed})
    return items


def make_conflicts(items, rng):
    """Replace N/1000 items (positions >= 1000) by a redeclaration of an earlier item's
    id, title and kind under an owner in another department."""
    n = len(items)
    d = n // 1000
    out = list(items)
    replaced = set()
    used = set()
    positions = []
    for k in range(d):
        j = 1000 + (k * (n - 1000)) // max(d, 1) + rng.randrange(max((n - 1000) // max(d, 1), 1))
        j = min(j, n - 1)
        while j in replaced:
            j = j - 1
        replaced.add(j)
        positions.append(j)
    for j in positions:
        while True:
            i = rng.randrange(j)
            if i not in replaced and i not in used and i >= 500:
                break
        used.add(i)
        src = items[i]
        other = [dd for dd, _ in DEPTS if dd != src["dept"]]
        dept = rng.choice(other)
        module = rng.choice(modules_of(dept))
        out[j] = dict(src, owner=f"{dept}.{module}", dept=dept, module=module)
    return out, len(positions)


def header(title):
    return ("# ======================================================================\n"
            f"# {title}（生成：benches/gen_sets.py）\n"
            "# ======================================================================\n\n")


def fixed_files(items):
    """The files other than the item lists. Cross-references go to items[0:500] only."""
    files = {}
    counts = {"approval": 0, "enforcement": 0}
    for it in items:
        if (it["kind"], it["dept"]) in (("approval", APPROVAL_DEPT), ("enforcement", ENFORCE_DEPT)):
            counts[it["kind"]] += 1
    s = header("城市、限额、时限、类别、目标与规则")
    s += "city 龙港市 { code 330383  upstream 温州市 }\n\n"
    s += "caps { party 6  government 9  institution 6  catalogue 154 }\n\n"
    s += ("tier instant \"即时办结\" within 0h\n"
          "tier same_day \"日清日结\" within 24h\n"
          "tier five_days \"5日办结\" within 5d\n\n")
    s += "kind 行政确认 \"行政确认类\" : devolvable\n\n"
    s += ("targets illustrative {\n"
          f"  party 5\n  government 9\n  institution 6\n  departments {len(DEPTS)}\n"
          f"  communities 100\n  central_communities 20\n  events 36\n"
          "}\n\n")
    s += ("targets derived {\n"
          f"  approval_items of {APPROVAL_DEPT} {counts['approval']}\n"
          f"  enforcement_items of {ENFORCE_DEPT} {counts['enforcement']}\n"
          "  dispatch_rows 3600\n"
          "}\n\n")
    s += (f"rule 一枚印章管审批 {{\n  every item where kind = approval\n  must owner = {APPROVAL_DEPT}\n"
          "  severity error\n  message \"所有行政审批事项归市行政审批局\"\n}\n\n"
          f"rule 一支队伍管执法 {{\n  every item where kind = enforcement\n  must owner = {ENFORCE_DEPT}\n"
          "  severity error\n}\n\n"
          "rule 事项须有时限 {\n  every item must has statutory or immediate\n  severity error\n}\n\n"
          "rule 执法审批不下放 {\n  no devolution where kind in [approval, enforcement]\n}\n\n"
          "rule 社区须有网格 {\n  every community must count(grids) >= 1\n}\n\n"
          "rule 一件事须有牵头 {\n  every joint_case must has lead and has tier\n}\n\n"
          "rule 政府部门有模块 {\n  every department where category = government\n"
          "  must count(modules) >= 1\n  severity warning\n}\n")
    files["city.policy"] = s

    s = header("上级部门与对口处室")
    for b in BUREAUS:
        s += f"upstream {b} {{\n  office 办公室 : shared\n"
        for o in OFFICES:
            s += f"  office {o}\n"
        s += "}\n"
    files["upstream.policy"] = s

    for d, (dept, cat) in enumerate(DEPTS):
        bureau = BUREAUS[d]
        s = header(f"{dept}")
        s += f"department {dept} : {cat} {{\n  fields 领域{d:02d}甲, 领域{d:02d}乙\n"
        s += ("  staffing { administrative 40  institutional 20  leadership 5"
              "  in_communities 20 }\n")
        for m, mod in enumerate(modules_of(dept)):
            s += (f"  module {mod} {{\n    answers {bureau}.{OFFICES[m]}, {bureau}.办公室\n"
                  f"    group {GROUPS[0]}\n    group {GROUPS[1]}\n  }}\n")
        s += "}\n"
        files[f"dept-{d:02d}.policy"] = s

    s = header("中心社区、社区、网格与部门绑定")
    for c in range(20):
        s += f"central_community 中心社区{c:02d} {{"
        for k in range(5):
            s += f" community 社区{c * 5 + k:03d}"
        s += " }\n"
        s += f"bind {DEPTS[c][0]} to 中心社区{c:02d}\n"
        # 综合行政执法局's team for this central community: `bound` events go to it
        s += f"bind {ENFORCE_DEPT}.{MODULES[ENFORCE_DEPT][c % 10]} to 中心社区{c:02d}\n"
        for k in range(5):
            n = c * 5 + k
            s += (f"community 社区{n:03d} code {330383001000 + n} {{\n"
                  f"  grid 网格{n:03d}-1 \"第一网格\" micro 7\n  grid 网格{n:03d}-2 micro 6\n"
                  f"  grid 专属网格{n:03d} \"学校\" : dedicated micro 2\n}}\n")
    files["communities.policy"] = s

    s = header("承接机构、职能转移与下放")
    kinds = ["social_organisation", "association", "enterprise", "institution"]
    for a in range(40):
        s += f"agency 承接机构{a:02d} : {kinds[a % 4]}\n"
    generic = [d for d, _ in DEPTS if d not in (APPROVAL_DEPT, ENFORCE_DEPT)]
    for t in range(100):
        dept = generic[t % len(generic)]
        status = ["transferred", "planned", "transferred", "withdrawn"][t % 4]
        s += (f"transfer ZY-{t + 1:03d} \"转移职能第{t + 1}项\" : {status} from {dept}"
              f" to 承接机构{t % 40:02d} supervised_by {dept}\n")
    early = [it for it in items[:500] if it["kind"] in ("service", "affairs")]
    for v in range(60):
        it = early[v % len(early)]
        tail = f" item {it['id']}" if v < len(early) else ""
        s += (f"devolution XF-{v + 1:03d} \"下放职能第{v + 1}项\" : {it['kind']} from {it['dept']}"
              f" to all_communities{tail}\n")
    files["transfers.policy"] = s

    s = header("一件事与事件")
    enf = [it for it in items[:500] if it["kind"] == "enforcement"]
    for j in range(12):
        ids = ", ".join(it["id"] for it in enf[j * 4:(j + 1) * 4]) or enf[0]["id"]
        s += (f"joint_case 一件事{j:02d} {{\n  lead {ENFORCE_DEPT}\n  members {DEPTS[j][0]}, {DEPTS[j + 5][0]}\n"
              f"  items {ids}\n  tier {TIERS[j % 3]}\n}}\n")
    for e in range(36):
        owner = DEPTS[e % len(DEPTS)][0]
        if e % 6 == 0:
            # handled as a joint case; its owner is the joint case's lead
            s += f"event 事件{e:02d} \"事件类型{e}\" owner {ENFORCE_DEPT} joint_case 一件事{e % 12:02d}\n"
        elif e % 6 == 3:
            # dispatched through 综合行政执法局's team bound to each community
            s += f"event 事件{e:02d} owner {ENFORCE_DEPT} bound tier {TIERS[e % 3]}\n"
        elif e % 6 == 5 and owner != ENFORCE_DEPT:
            s += f"event 事件{e:02d} owner {owner} enforced_by {ENFORCE_DEPT} tier {TIERS[e % 3]}\n"
        else:
            s += f"event 事件{e:02d} owner {owner} tier {TIERS[e % 3]}\n"
    files["joint.policy"] = s

    s = header("政务服务中心")
    s += f"service_centre {CENTRE} {{\n  stationed {', '.join(d for d, _ in DEPTS)}\n"
    for section, areas in CENTRE_SECTIONS:
        s += f"  section {section} {{ {'  '.join('area ' + a for a in areas)} }}\n"
    s += "}\n"
    files["centre.policy"] = s
    return files


def centre_lines(items, lo, hi):
    """Centre services and measures for items[lo:hi], in Longgang's proportions
    (1,841 centre services and 171 measures to 4,479 items): a service for two items
    in five, a measure for one in 26. A service names its item only among the first
    1,000 (the conflict variant replaces later items), else its owner."""
    out = []
    spots = [f"{CENTRE}.{sec}.{a}" for sec, areas in CENTRE_SECTIONS for a in areas]
    for i in range(lo, hi):
        it = items[i]
        if i % 5 == 0 and i < 1000:
            out.append(f"centre_service QS-{i + 1:07d} \"{it['title']}\" : approval"
                       f" in {spots[i % len(spots)]} item {it['id']}\n")
        elif i % 5 in (0, 2):
            kind = "approval" if i % 5 == 0 else "value_added"
            out.append(f"centre_service QS-{i + 1:07d} \"{it['title']}（窗口）\" : {kind}"
                       f" in {spots[i % len(spots)]} owner {it['dept']}\n")
        if i % 26 == 0:
            out.append(f"measure MJ-{i + 1:07d} \"落实{it['title']}\" owner {it['dept']}"
                       f" in {CENTRE}\n")
    return out


def write_set(dirpath, items):
    os.makedirs(dirpath, exist_ok=True)
    for f in os.listdir(dirpath):
        if f.endswith(".policy"):
            os.remove(os.path.join(dirpath, f))
    total = 0
    for name, text in fixed_files(items).items():
        data = text.encode("utf-8")
        total += len(data)
        with open(os.path.join(dirpath, name), "wb") as fh:
            fh.write(data)
    n = len(items)
    for f in range(ITEM_FILES):
        lo, hi = f * n // ITEM_FILES, (f + 1) * n // ITEM_FILES
        lines = [f"# 事项清单 第{f + 1}册（生成）\n"]
        for it in items[lo:hi]:
            lines.append(f"item {it['id']} \"{it['title']}\" : {it['kind']} owner {it['owner']}"
                         f" statutory {it['statutory']} committed {it['committed']}\n")
        lines.extend(centre_lines(items, lo, hi))
        data = "".join(lines).encode("utf-8")
        total += len(data)
        with open(os.path.join(dirpath, f"items-{f:02d}.policy"), "wb") as fh:
            fh.write(data)
    return total


def write_flat(path, items):
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('{"items":[')
        for k, it in enumerate(items):
            rec = {"id": it["id"], "name": it["title"], "kind": it["kind"], "owner": it["owner"],
                   "sla": f"{it['statutory']}/{it['committed']}", "department": it["dept"],
                   "module": it["module"]}
            if k:
                fh.write(",")
            fh.write(json.dumps(rec, ensure_ascii=False))
        fh.write("]}\n")
    return os.path.getsize(path)


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    out = sys.argv[1]
    sizes = [parse_size(s) for s in (sys.argv[2] if len(sys.argv) > 2 else "10k,100k,1M").split(",")]
    for n in sizes:
        rng = random.Random(20261129 + n)
        items = make_items(n, rng)
        conflicted, nconf = make_conflicts(items, rng)
        base = os.path.join(out, f"n{n}")
        os.makedirs(base, exist_ok=True)
        exp = {"n": n, "files": len(fixed_files(items)) + ITEM_FILES}
        exp["valid"] = {"items": n, "distinct_ids": n, "conflicts": 0,
                        "bytes": write_set(os.path.join(base, "valid"), items),
                        "json_bytes": write_flat(os.path.join(base, "valid.flat.json"), items)}
        exp["conflict"] = {"items": n, "distinct_ids": len({it["id"] for it in conflicted}),
                           "conflicts": nconf,
                           "bytes": write_set(os.path.join(base, "conflict"), conflicted),
                           "json_bytes": write_flat(os.path.join(base, "conflict.flat.json"), conflicted)}
        with open(os.path.join(base, "expected.json"), "w") as fh:
            json.dump(exp, fh, indent=1)
        print(json.dumps(exp))


if __name__ == "__main__":
    main()
