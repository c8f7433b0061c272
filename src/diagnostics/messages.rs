//! The one table of words: every message, label and help of every diagnostic
//! and every sentence the command line prints, in Chinese and English.
//!
//! Each entry of the `messages!` table is a variant of [`Message`] with named,
//! typed fields, and its two templates name those fields in braces. The
//! templates are `format!` strings, so a template that names a field the
//! variant does not have does not compile, and a call site cannot leave a field
//! out or misspell it. One message can embed another (`Box<Message>`), rendered
//! in the same language. Messages are short, lowercase in English, and put
//! names in backticks.

/// The language diagnostics are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    /// Simplified Chinese (`--lang zh`, or a `zh*` locale).
    Zh,
    /// English (`--lang en`), the default.
    #[default]
    En,
}

impl Lang {
    /// The language a locale string (`LANG`, `LC_ALL`) asks for: Chinese for
    /// `zh*`, English otherwise.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

/// Declares a table of words, each with its Chinese and English spelling.
macro_rules! table {
    ($(#[$doc:meta])* $enum:ident { $($variant:ident => $zh:literal, $en:literal;)* }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $enum { $(#[doc = concat!("“", $en, "” (", $zh, ")")] $variant,)* }
        impl $enum {
            /// Every word, in table order.
            pub const ALL: &'static [$enum] = &[$($enum::$variant,)*];
            /// The word in `lang`.
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $(($enum::$variant, Lang::Zh) => $zh,
                      ($enum::$variant, Lang::En) => $en,)*
                }
            }
        }
    };
}

table!(
    /// What a message calls a kind of thing (“department”, 部门).
    Term {
    Department => "部门", "department";
    Module => "模块", "module";
    Group => "业务组", "business group";
    Field => "职责领域", "field";
    Bureau => "上级部门", "upstream bureau";
    Office => "上级处室", "upstream office";
    Item => "事项", "item";
    ItemKind => "事项类别", "item kind";
    Tier => "响应时限", "response tier";
    Agency => "承接机构", "agency";
    Transfer => "转移职能", "transfer";
    Area => "社区或中心社区", "community or central community";
    Community => "社区", "community";
    Central => "中心社区", "central community";
    CommunityCode => "社区代码", "community code";
    Grid => "网格", "grid";
    Devolution => "下放事项", "devolution";
    Joint => "一件事", "joint case";
    Event => "事件类型", "event kind";
    Rule => "规则", "rule";
    City => "城市", "city";
    Caps => "编制上限", "caps";
    Targets => "目标", "targets";
    Cap => "上限项", "cap";
    Metric => "目标指标", "target metric";
    Entity => "规则对象", "rule subject";
    Attribute => "属性", "attribute";
    Party => "党委部门", "party departments";
    Government => "政府部门", "government departments";
    Institution => "事业单位", "public institutions";
    Catalogue => "职能转移目录", "transfer catalogue";
    EndOfFile => "文件结尾", "end of file";
    Lead => "牵头部门", "lead";
    Subject => "查询对象类别", "kind of subject";
    Value => "取值", "value";
    Clause => "规则子句", "rule clause";
    Centre => "服务中心", "service centre";
    Section => "板块", "section";
    ServiceArea => "服务专区", "service area";
    CentreService => "服务中心事项", "centre service";
    ServiceKind => "服务类别", "service kind";
    Measure => "落地清单事项", "measure";
    Staffing => "编制项", "staffing key";
    Posts => "编制", "establishment posts";
    Binding => "部门捆绑", "binding";
    CadresInCommunities => "下沉社区干部", "cadres working in communities";
    LeadershipPosts => "领导职数", "leadership posts";
    Place => "社区或网格", "community or grid";
    TargetSource => "目标来源", "target source";
});

table!(
    /// The part a handler plays in an answer of `orgc route` (主管部门, 牵头部门 …),
    /// as the lookup page and the workbook name it.
    Role {
    Owner => "主管部门", "owner";
    Authority => "事权部门", "department with authority";
    Answering => "对口模块", "answering module";
    Central => "所属中心社区", "central community";
    Bound => "捆绑部门", "bound department";
    Community => "所属社区", "community";
    Lead => "牵头部门", "lead";
    Member => "配合部门", "member department";
    Enforcer => "执法部门", "enforcer";
    Stationed => "进驻单位", "stationed unit";
    Agency => "承接机构", "undertaking agency";
    Supervisor => "监管部门", "supervising department";
    Reached => "下放社区", "community reached";
    From => "转出部门", "from department";
    Department => "部门", "department";
    Itself => "本部门", "the department itself";
    Transfer => "转移职能", "transfer";
    Grid => "吹哨网格", "grid that raises it";
    Place => "属地社区", "first responder";
    Team => "派单队伍", "team sent";
    Direct => "直接报到部门", "department that reports itself";
    EnforcementTeam => "执法队伍", "enforcement team";
    Module => "模块", "module";
    Group => "业务组", "business group";
    JointCase => "一件事", "joint case";
});

table!(
    /// A word of the workbook (`routes.xlsx`) and the lookup page
    /// (`lookup.html`): a sheet's name, a column's heading, a value's label.
    Word {
    // sheets, one per routing table
    SheetDepartments => "部门", "Departments";
    SheetItems => "事项", "Items";
    SheetOffices => "上级对口处室", "Upstream offices";
    SheetTransfers => "职能转移", "Transfers";
    SheetAgencies => "承接机构", "Agencies";
    SheetDevolutions => "下放社区事项", "Devolutions";
    SheetCommunities => "社区", "Communities";
    SheetCentrals => "中心社区", "Central communities";
    SheetJoints => "一件事", "Joint cases";
    SheetTiers => "响应时限", "Response tiers";
    SheetEvents => "事件类型", "Event kinds";
    SheetDispatch => "派单", "Dispatch";
    SheetCentres => "服务中心", "Service centres";
    SheetCentreServices => "服务中心事项", "Centre services";
    SheetMeasures => "落地措施", "Measures";
    SheetStaffing => "编制", "Staffing";
    // column headings
    DepartmentName => "部门名称", "department";
    Category => "类别", "category";
    Fields => "职责领域", "fields";
    Modules => "模块（业务组；对口处室）", "modules (groups; upstream offices)";
    ItemId => "事项编码", "item id";
    ItemName => "事项名称", "item";
    ItemKind => "事项类别", "kind";
    Owner => "主管部门", "department";
    Module => "模块", "module";
    Group => "业务组", "business group";
    Statutory => "法定办结时限（工作日）", "statutory limit (working days)";
    Committed => "承诺办结时限（工作日）", "committed limit (working days)";
    Immediate => "即办件", "settled on the spot";
    TransferredTo => "承接机构", "transferred to";
    Devolved => "已下放社区", "devolved to communities";
    JointCases => "一件事", "joint cases";
    Bureau => "上级部门", "upstream bureau";
    Office => "上级处室", "upstream office";
    AnsweringDepartment => "对口部门", "answering department";
    AnsweringModule => "对口模块", "answering module";
    Shared => "多模块共享", "shared";
    Id => "编号", "id";
    Function => "转移职能", "function";
    From => "转出部门", "from";
    Status => "状态", "status";
    Agencies => "承接机构", "agencies";
    Supervisor => "监管部门", "supervised by";
    Item => "对应事项", "item";
    AgencyName => "机构名称", "agency";
    AgencyKind => "机构类型", "kind";
    Functions => "承接职能", "functions";
    Transfers => "转移职能编号", "transfers";
    DevolvedFunction => "下放职能", "function";
    CommunitiesReached => "下放社区", "communities";
    AllCommunities => "下放全部社区", "to all communities";
    Code => "社区代码", "community code";
    CommunityName => "社区名称", "community";
    Central => "中心社区", "central community";
    BoundDepartments => "捆绑部门", "bound departments";
    Grids => "网格", "grids";
    DedicatedGrids => "专属网格", "dedicated grids";
    MicroGrids => "微网格数", "micro-grids";
    Devolutions => "下放事项", "devolutions";
    Communities => "所辖社区", "communities";
    JointCase => "一件事", "joint case";
    Lead => "牵头部门", "lead";
    Members => "配合部门", "members";
    Items => "事项", "items";
    Tier => "响应时限", "response tier";
    TierName => "名称", "name";
    TierLabel => "时限", "label";
    Hours => "时限（小时）", "limit (hours)";
    Minutes => "时限（分钟）", "limit (minutes)";
    Event => "事件类型", "event kind";
    EventLabel => "说明", "label";
    Authority => "事权部门", "department with authority";
    BoundOnly => "只派捆绑队伍", "bound teams only";
    Enforcer => "执法部门", "enforcer";
    Place => "属地社区", "community";
    Team => "派单队伍", "team sent";
    ViaBinding => "分片捆绑", "through a binding";
    EnforcementTeam => "执法队伍", "enforcement team";
    Centre => "服务中心", "service centre";
    Stationed => "进驻单位", "stationed units";
    Sections => "板块", "sections";
    ServiceAreas => "服务专区", "service areas";
    ApprovalServices => "审批服务数", "approval services";
    ValueAddedServices => "增值服务数", "value-added services";
    MeasureCount => "落地清单事项数", "measures";
    ServiceName => "服务名称", "service";
    ServiceKind => "服务类别", "kind";
    Section => "板块", "section";
    ServiceArea => "服务专区", "service area";
    ServedBy => "承办单位", "served by";
    Measure => "措施", "measure";
    Responsible => "责任部门", "responsible department";
    Administrative => "行政编制", "administrative posts";
    Institutional => "事业编制", "institutional posts";
    Establishment => "编制合计", "establishment";
    Leadership => "领导职数", "leadership posts";
    InCommunities => "下沉社区人数", "cadres in communities";
    // values
    Yes => "是", "yes";
    No => "否", "no";
    Party => "党委部门", "party department";
    Government => "政府部门", "government department";
    Institution => "事业单位", "public institution";
    Planned => "计划转移", "planned";
    Transferred => "已转移", "transferred";
    Withdrawn => "已撤回", "withdrawn";
    SocialOrganisation => "社会组织", "social organisation";
    Association => "行业协会", "association";
    Enterprise => "企业", "enterprise";
    AgencyInstitution => "事业单位", "public institution";
    ApprovalService => "审批服务", "approval service";
    ValueAddedService => "增值服务", "value-added service";
    Everywhere => "全部社区", "all communities";
    // the lookup page
    Search => "查询", "Search";
    Dispatch => "派单", "dispatch";
    TimeLimit => "办结时限", "time limit";
    Response => "响应时限", "response tier";
});

table!(
    /// The words of the command line's own help (`orgc --help`, `orgc route
    /// --help` …): what each command and each argument is for, the headings,
    /// and the placeholders of values. Applied to clap's definitions in both
    /// languages (`src/cli/help.rs`), so that this table is the one source.
    Help {
    // headings
    Usage => "用法：", "Usage: ";
    Arguments => "参数：", "Arguments:";
    Options => "选项：", "Options:";
    Commands => "命令：", "Commands:";
    OptionsPlaceholder => "[选项]", "[OPTIONS]";
    CommandPlaceholder => "<命令>", "<COMMAND>";
    // placeholders of values
    ValuePaths => "路径", "PATHS";
    ValueQuery => "查询", "QUERY";
    ValueDir => "目录", "DIR";
    ValueFile => "文件", "FILE";
    ValuePlace => "地点", "PLACE";
    ValueOld => "旧版", "OLD";
    ValueNew => "新版", "NEW";
    ValueCode => "代码", "CODE";
    ValueShell => "外壳", "SHELL";
    ValueLang => "语言", "LANG";
    ValueColor => "颜色", "COLOR";
    ValueFormat => "格式", "FORMAT";
    ValueKind => "类别", "KIND";
    ValueFailOn => "失败条件", "FAIL_ON";
    ValueView => "视图", "VIEW";
    // commands
    AboutOrgc => "编译组织政策：检查 `.policy` 文件，生成路由表", "Compile organisation policy: check .policy files, emit routing tables";
    AboutCheck => "检查策略集：所给文件夹中的每个 `*.policy` 文件，以及所给的文件", "Check a policy set: every *.policy file in the folders given, and the files given";
    AboutBuild => "把策略集编译成路由表（JSON、CSV、SQLite），连同工作簿（`routes.xlsx`）和查询页（`lookup.html`）写到目录中；策略集有错误时什么也不写", "Compile a policy set to routing tables (JSON, CSV, SQLite) in DIR, with a workbook (routes.xlsx) and a lookup page (lookup.html) for people; writes nothing unless the set checks clean of errors";
    AboutRoute => "谁来办：事项（编码或名称）、上级处室、社区（名称或代码）、网格、一件事、事件类型、转移职能、部门、模块、业务组……各由谁承担什么角色，依据是什么", "Who handles QUERY (an item id or name, an upstream office, a community name or code, a grid, a joint case, an event kind, a transfer, a department, a module, a group …), in which role, and why";
    AboutTest => "检查策略集中的路由预期（`expect …`）", "Check the route expectations (`expect …`) of a policy set";
    AboutDiff => "两个版本的策略集之间有什么变化（文件夹，或写作 `git:REV[:PATH]` 的 git 版本）：摘要、分类明细、路由变化和破坏性问题", "What changes between two versions of a policy set (folders, or git revisions as `git:REV[:PATH]`): the summary, the details by kind, the route changes, and what breaks";
    AboutReport => "给人看的策略集报告：目标数字与实际、各部门的负荷、覆盖情况、组织架构图（Markdown、HTML 或 JSON；默认中文）", "A report of the set for people: figures against targets, load per department, coverage, the org chart (Markdown, HTML or JSON; Chinese unless --lang en)";
    AboutGraph => "以 DOT、Mermaid 或 SVG 画出组织架构、上级处室对口关系或社区层级", "The org structure, the upstream-office mapping or the community hierarchy as DOT, Mermaid or SVG";
    AboutExplain => "解释一个诊断代码（如 `orgc explain E201`）", "Explain a diagnostic code (e.g. `orgc explain E201`)";
    AboutCodes => "列出全部诊断代码", "List every diagnostic code";
    AboutCompletions => "生成命令行补全脚本（bash、zsh、fish、powershell），写到标准输出", "Write a shell completion script (bash, zsh, fish, powershell) to standard output";
    AboutMan => "生成 roff 格式的手册页：不给目录时把 `orgc(1)` 写到标准输出，给了目录时为每个命令写一页", "Write the manual pages as roff: orgc(1) to standard output, or one page per command into DIR";
    // arguments shared by every command
    ArgLang => "消息的语言：`zh` 或 `en`（默认按 `LANG` 等区域设置，`zh_*` 为中文）", "Language of messages: `zh` or `en` (default: from the locale, LANG; zh for a zh_* locale)";
    ArgColor => "何时使用颜色：`auto`、`always` 或 `never`（默认 `auto`）", "When to use colour: `auto`, `always` or `never` (default `auto`)";
    ArgHelp => "显示帮助", "Print help";
    ArgVersion => "显示版本（orgc 的版本和策略语言的版本）", "Print the version (of orgc and of the policy language)";
    ArgPaths => "文件夹或文件（默认：当前文件夹）", "Folders or files (default: the current folder)";
    // check, test
    ArgCheckFormat => "诊断的输出格式：`human`、`plain`、`json`，或供 CI 使用的 `sarif`、`github`（工作流命令）、`gitlab`（代码质量报告）、`junit`、`json-lines`（默认 `human`）", "Output format for diagnostics: `human`, `plain`, `json`, or for CI: `sarif`, `github` (workflow commands), `gitlab` (Code Quality), `junit`, `json-lines` (default `human`)";
    ArgDenyWarnings => "把警告当作错误：有警告时退出码为 1", "Treat warnings as errors (exit 1 if there are any)";
    ArgTestFormat => "失败的输出格式：`human`、`plain`、`json`（一个 JSON 文档），或供 CI 使用的 `sarif`、`github`、`gitlab`、`junit`（每条预期一个测试用例）、`json-lines`（默认 `human`）", "Output format for failures: `human`, `plain`, `json` (one JSON document), or for CI: `sarif`, `github`, `gitlab`, `junit` (a test case per expectation), `json-lines` (default `human`)";
    // build
    ArgBuildOut => "输出文件夹", "Output folder";
    ArgExcel => "每个 CSV 文件以 UTF-8 字节顺序标记开头，便于 Excel 和 WPS 打开", "Start every CSV file with a UTF-8 byte-order mark, for Excel and WPS";
    ArgBasicFormat => "诊断的输出格式：`human`、`plain` 或 `json`（默认 `human`）", "Output format for diagnostics: `human`, `plain` or `json` (default `human`)";
    ArgBuildDenyWarnings => "把警告当作错误：有警告时什么也不写（退出码 1）", "Treat warnings as errors: write nothing (exit 1) if there are any";
    // route
    ArgQuery => "要查询的对象：事项编码或名称、上级处室、社区名称或代码、网格、一件事、事件类型、转移职能、下放事项、部门、模块（如 `行政审批局.投资项目审批`）、业务组、承接机构", "What to ask about: an item id or name, an upstream office, a community name or code, a grid, a joint case, an event kind, a transfer, a devolution, a department, a module (such as `行政审批局.投资项目审批`), a group, an agency";
    ArgKind => "只查这一类对象（`item`、`office`、`community`、`module`……）", "Only look for this kind of subject (`item`, `office`, `community`, `module` …)";
    ArgAt => "用于事件类型：事件发生的社区或网格；回答它在那里的派单（谁先响应、派哪支队伍、时限）", "For an event kind: the community or grid it is raised in; the answer is its dispatch there (who responds, which team is sent, the tier)";
    ArgRouteFormat => "`human` 或 `json`（`plain` 即不带颜色的 `human`；默认 `human`）", "`human` or `json` (`plain` is the same as `human` without colour; default `human`)";
    // diff
    ArgOld => "旧版：一个文件夹，或本仓库的 `git:REV[:PATH]`", "The old side: a folder, or `git:REV[:PATH]` of the repository here";
    ArgNew => "新版：一个文件夹，或 `git:REV[:PATH]`", "The new side: a folder, or `git:REV[:PATH]`";
    ArgDiffFormat => "`text`（终端或日志）、`json`（给机器）或 `markdown`（合并请求评论）（默认 `text`）", "`text` (a terminal or a log), `json` (machines) or `markdown` (a merge-request comment) (default `text`)";
    ArgFailOn => "哪些变化使运行失败（退出码 1）：`breaking`（破坏性变化，默认）、`notable`（除新增外的任何变化）或 `never`", "Which changes make the run fail (exit 1): `breaking` (the default), `notable` (any change but an addition) or `never`";
    // report
    ArgReportOut => "要写出的文件（`.md`、`.html` 或 `.json`）；不给则写到标准输出", "The file to write (`.md`, `.html` or `.json`); standard output if not given";
    ArgReportFormat => "格式：`md`、`html` 或 `json`（默认按文件的扩展名，否则为 Markdown）", "The format: `md`, `html` or `json` (default: from the extension of the file, else Markdown)";
    ArgTemplate => "Markdown 或 HTML 模板的修改副本（见 `docs/report.md`）", "An edited copy of the Markdown or HTML template (see docs/report.md)";
    ArgReportGroups => "在组织架构图的模块下列出业务组", "List business groups under the modules in the org chart";
    ArgShowTemplate => "显示该格式的默认模板（用来修改一份副本），然后结束", "Print the default template of the format (to edit a copy of it) and stop";
    // graph
    ArgGraphFormat => "输出格式：`dot`、`mermaid` 或 `svg`（默认 `dot`）", "The output format: `dot`, `mermaid` or `svg` (default `dot`)";
    ArgView => "画什么：`org`（组织架构）、`upstream`（上级处室对口）或 `communities`（社区层级）（默认 `org`）", "What to draw: `org` (the organisation), `upstream` (upstream offices) or `communities` (the community hierarchy) (default `org`)";
    ArgGraphGroups => "组织架构视图在模块下列出业务组", "The org view lists business groups under the modules";
    ArgGrids => "社区视图在社区下列出网格", "The communities view lists grids under the communities";
    ArgGraphOut => "要写出的文件；不给则写到标准输出", "The file to write; standard output if not given";
    // explain, completions, man
    ArgCode => "诊断代码，如 `E201`", "A diagnostic code, such as `E201`";
    ArgShell => "外壳：`bash`、`zsh`、`fish` 或 `powershell`", "The shell: `bash`, `zsh`, `fish` or `powershell`";
    ArgManDir => "写出手册页的文件夹（每个命令一页）；不给则把 `orgc(1)` 写到标准输出", "The folder to write the pages into (one per command); orgc(1) to standard output if not given";
});

/// Renders a message field in the reader's language: user text escaped, words
/// of the language translated, lists joined, nested messages rendered.
pub trait Show {
    /// The field as it appears in a message written in `lang`.
    fn show(&self, lang: Lang) -> String;
}

impl Show for String {
    fn show(&self, _: Lang) -> String {
        escape(self)
    }
}

impl Show for Term {
    fn show(&self, lang: Lang) -> String {
        self.text(lang).to_string()
    }
}

impl Show for Vec<String> {
    fn show(&self, lang: Lang) -> String {
        let sep = if lang == Lang::Zh { "、" } else { ", " };
        self.iter()
            .map(|s| format!("`{}`", escape(s)))
            .collect::<Vec<_>>()
            .join(sep)
    }
}

/// Names with their labels: `` `same_day`（当日办结）、`five_days`（5日办结） ``.
impl Show for Vec<(String, Option<String>)> {
    fn show(&self, lang: Lang) -> String {
        let sep = if lang == Lang::Zh { "、" } else { ", " };
        self.iter()
            .map(|(name, label)| match label {
                Some(l) => format!("`{}`（{}）", escape(name), escape(l)),
                None => format!("`{}`", escape(name)),
            })
            .collect::<Vec<_>>()
            .join(sep)
    }
}

impl Show for Box<Message> {
    fn show(&self, lang: Lang) -> String {
        self.render(lang)
    }
}

/// A number in a message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Num(pub u64);

impl From<u64> for Num {
    fn from(n: u64) -> Self {
        Num(n)
    }
}
impl From<usize> for Num {
    fn from(n: usize) -> Self {
        Num(n as u64)
    }
}
impl From<u32> for Num {
    fn from(n: u32) -> Self {
        Num(u64::from(n))
    }
}

impl Show for Num {
    fn show(&self, _: Lang) -> String {
        self.0.to_string()
    }
}

/// A phrase that exists in both languages but is not an entry of the table:
/// the syntax phase builds it from the grammar's words for what it expected.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Phrase {
    /// The phrase in English.
    pub en: String,
    /// The phrase in Chinese.
    pub zh: String,
}

impl Show for Phrase {
    fn show(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.en.clone(),
            Lang::Zh => self.zh.clone(),
        }
    }
}

/// Generates [`Message`] and its rendering from one table. Each template is a
/// `format!` string whose `{field}`s are the variant's fields, each rendered
/// with [`Show`] first.
macro_rules! messages {
    ($($variant:ident $({ $($field:ident : $ty:ty),* $(,)? })? => $zh:literal, $en:literal;)*) => {
        /// Every sentence orgc says to a person, with its arguments.
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum Message {
            $(
                #[doc = $en]
                $variant $({ $(
                    #[doc = concat!("What `{", stringify!($field), "}` in the templates stands for.")]
                    $field: $ty
                ),* })?,
            )*
        }

        impl Message {
            /// The message in `lang`, its fields filled in.
            pub fn render(&self, lang: Lang) -> String {
                match self {
                    $(
                        Message::$variant $({ $($field),* })? => {
                            $($(let $field = Show::show($field, lang);)*)?
                            match lang {
                                Lang::Zh => format!($zh),
                                Lang::En => format!($en),
                            }
                        }
                    )*
                }
            }

            /// Both templates of every message: (variant, Chinese, English).
            pub const TEMPLATES: &'static [(&'static str, &'static str, &'static str)] =
                &[$((stringify!($variant), $zh, $en),)*];
        }
    };
}

messages! {
    // ---- orgc itself
    Internal { what: String } => "orgc 内部错误：{what}。这是 orgc 的缺陷，不是策略文件的问题；请报告你运行的命令", "internal error: {what}. This is a bug in orgc, not in the policy files; please report it with the command you ran";
    // ---- syntax and input
    SyntaxExpected { expected: Phrase, found: Phrase } => "此处应为{expected}，实际是{found}", "expected {expected}, found {found}";
    LabelExpected { expected: Phrase } => "应为{expected}", "expected {expected}";
    FullWidth { found: String, ascii: String } => "全角标点 `{found}` 出现在应为半角 `{ascii}` 的位置", "full-width `{found}` where the syntax wants `{ascii}`";
    FullWidthHere { found: String } => "全角标点 `{found}` 不能出现在这里", "full-width `{found}` cannot stand here";
    LabelFullWidth { found: String } => "这是全角 `{found}`", "this is a full-width `{found}`";
    HelpFullWidthParen => "如果括号是名称的一部分（如 市场监督管理局（知识产权局）），请给整个名称加上英文双引号：\"市场监督管理局（知识产权局）\"", "if the brackets are part of a name (as in 市场监督管理局（知识产权局）), put the whole name in double quotes: \"市场监督管理局（知识产权局）\"";
    HelpFullWidth { ascii: String } => "请改为半角 `{ascii}`（把输入法切换到英文标点）", "type `{ascii}` instead (switch the input method to ASCII punctuation)";
    InvalidUtf8 { line: Num, column: Num } => "文件不是有效的 UTF-8：第 {line} 行第 {column} 列有无效字节", "file is not valid UTF-8: invalid bytes at line {line}, column {column}";
    LabelInvalidUtf8 => "从这里开始的字节无法按 UTF-8 解读", "the bytes from here on are not UTF-8";
    HelpInvalidUtf8 => "文件可能被截断或混入了其他编码的文字；请用编辑器以 UTF-8 重新保存", "the file may be truncated or mix encodings; re-save it as UTF-8";
    NotUtf8 { encoding: String } => "文件是 {encoding} 编码，orgc 只读 UTF-8", "file is encoded as {encoding}; orgc reads UTF-8 only";
    HelpNotUtf8 => "在记事本或 WPS 中「另存为」，编码选择 UTF-8", "open it in Notepad or WPS, choose \"Save as\" and pick the UTF-8 encoding";
    FileTooLarge { size: Num, limit: Num } => "文件有 {size} 字节，超过 {limit} 字节的上限", "file is {size} bytes, over the limit of {limit} bytes";
    HelpFileTooLarge => "把事项拆分到多个 .policy 文件中；同一文件夹中的文件共同组成一个政策集", "split the declarations over several .policy files; every file in the folder belongs to the set";
    TooDeep { limit: Num } => "嵌套超过 {limit} 层", "nesting deeper than {limit} levels";
    LabelTooDeep { depth: Num } => "第 {depth} 层从这里开始", "level {depth} starts here";
    HelpTooDeep => "请简化这条声明；orgc 没有检查这个文件", "simplify this declaration; orgc did not check this file";
    // ---- 0.1 spellings
    Legacy { old: Vec<String> } => "0.1 版语言的旧写法：{old}", "spelling of language 0.1: {old}";
    LabelLegacy { new: String } => "改为 `{new}`", "write `{new}`";
    LabelLegacyAdd { new: String } => "在这里加上 `{new}`", "add `{new}` here";
    LabelLegacyRemove => "删去", "remove this";
    HelpRewrite { rewrite: String } => "0.2 版写作：`{rewrite}`", "in 0.2: `{rewrite}`";
    LabelLegacyItemTier => "删去：事项没有响应时限档（那是事件和“一件事”的），办结时限写 `statutory 20 committed 5` 或 `immediate`（工作日）", "remove it: items have no response tier (those are for events and joint cases); write the time limit as `statutory 20 committed 5` or `immediate` (working days)";
    HelpRenamed { old: String, new: String } => "`{old}` 是 0.1 版的词，0.2 版写作 `{new}`", "`{old}` is the word of language 0.1; 0.2 writes `{new}`";
    HelpMigrate => "0.1 到 0.2 的全部改写见 docs/language.md 的“从 0.1 迁移”一节", "docs/language.md, “Migrating from 0.1”, lists every change";
    LegacyTargetsSource => "`targets` 没有写明数字的来源（0.2 版必须写）", "this `targets` block does not say where its figures come from (0.2 requires it)";
    LabelTargetsSource => "在这里写 `published \"文件\"`、`derived` 或 `illustrative`", "write `published \"DOCUMENT\"`, `derived` or `illustrative` here";
    HelpTargetsSource => "公开报道的数字写 `published \"来源\"`，由其他数字推算的写 `derived`，示意数字写 `illustrative`", "a figure from a public source is `published \"SOURCE\"`, one worked out from others is `derived`, a made-up one is `illustrative`";
    // ---- names
    Duplicate { what: Term, name: String } => "{what} `{name}` 重复声明", "{what} `{name}` is declared twice";
    LabelFirstDeclared => "第一次声明在这里", "first declared here";
    LabelDeclaredAgain => "又在这里声明", "declared again here";
    HelpSameName { a: String, b: String } => "`{a}` 与 `{b}` 写法不同，但规范化后是同一个名称", "`{a}` and `{b}` are spelled differently but are the same name once normalised";
    HelpBuiltinKind { name: String } => "`{name}` 是内置类别（approval、enforcement、service、affairs），无需声明；自定义类别请另起名称", "`{name}` is a built-in kind (approval, enforcement, service, affairs) and needs no declaration; give a kind of your own another name";
    HelpRemoveOne => "删除其中一处，或改用不同的名称", "remove one of them or give them different names";
    Unresolved { what: Term, name: String } => "找不到{what} `{name}`", "unknown {what} `{name}`";
    LabelNotDeclared => "没有声明过", "not declared anywhere";
    HelpDidYouMean { suggestion: String } => "是否想写 `{suggestion}`？", "did you mean `{suggestion}`?";
    HelpNotAModuleOf { department: String, names: Vec<String> } => "`{department}` 中的模块有：{names}", "the modules of `{department}` are: {names}";
    Invisible { char: String } => "名称中有不可见字符或控制字符 {char}", "name contains the invisible or control character {char}";
    LabelInvisible { char: String } => "{char} 在这里", "{char} is here";
    HelpInvisible => "从 Word 或 PDF 复制的文字常带这类字符；请删除后重新输入这个名称", "text copied from Word or PDF often carries such characters; delete the name and type it again";
    // ---- W008, bidirectional controls (diagnostic renderer's block)
    BidiInComment { char: String } => "注释里有双向文本控制字符 {char}：编辑器和终端显示的文字顺序可能与 orgc 读到的不同", "a comment holds the bidirectional text control {char}: editors and terminals may show the text in another order than orgc reads it";
    BidiInQuoted { char: String } => "引号里的文字有双向文本控制字符 {char}：编辑器和终端显示的文字顺序可能与 orgc 读到的不同", "quoted text holds the bidirectional text control {char}: editors and terminals may show the text in another order than orgc reads it";
    HelpBidi => "这类字符能让一行代码看起来像注释，或让注释看起来像代码（“Trojan Source”）；除非确有需要，请删除", "such characters can make code look like a comment or a comment like code (\"Trojan Source\"); delete it unless it is really meant";
    Confusable { a: String, b: String } => "名称 `{a}` 与 `{b}` 看起来相同，但是不同的名称", "names `{a}` and `{b}` look alike but are different names";
    LabelThisName => "这个名称", "this name";
    LabelLooksLike => "看起来像这个", "looks like this one";
    HelpConfusable { what: Term } => "如果它们是同一个{what}，请统一写法；否则改用区别明显的名称", "if they are the same {what}, spell them the same; otherwise pick names that differ visibly";
    SpellingVariant { written: String, declared: String } => "`{written}` 与声明的写法 `{declared}` 不同", "`{written}` is spelled differently from its declaration `{declared}`";
    LabelDeclaredAs { declared: String } => "声明为 `{declared}`", "declared as `{declared}`";
    HelpSpelling { declared: String } => "两种写法指同一个名称；建议统一为 `{declared}`", "both spellings name the same thing; write `{declared}` everywhere";
    UnknownKey { what: Term, name: String } => "未知的{what} `{name}`", "unknown {what} `{name}`";
    MetricScope { metric: String, scope: String } => "目标指标 `{metric}` 不能按 `{scope}` 统计", "target metric `{metric}` cannot be counted for `{scope}`";
    HelpOneOf { names: Vec<String> } => "可用的有：{names}", "expected one of: {names}";
    RuleType { attr: String, detail: Box<Message> } => "属性 `{attr}` 不能这样使用：{detail}", "attribute `{attr}` cannot be used this way: {detail}";
    DetailNotList => "它不是列表，不能计数", "it is not a list, so it cannot be counted";
    DetailNotNumber => "它不是数字，不能比较大小", "it is not a number, so it cannot be ordered";
    DetailListCompare { attr: String } => "它是列表；要问列表中有没有某个值，请写 `{attr} contains 值`", "it is a list; to ask whether it holds a value, write `{attr} contains VALUE`";
    DetailNotFlag => "它不是是/否属性", "it is not a yes/no attribute";
    DetailFlagCompare { attr: String } => "它是是/否属性，请直接写 `{attr}` 或 `not {attr}`", "it is a yes/no attribute; write `{attr}` or `not {attr}`";
    // ---- ownership and catalogue
    TwoOwners { item: String, first: String, second: String } => "事项 `{item}` 有两个主管：`{first}` 和 `{second}`", "item `{item}` has two owners: `{first}` and `{second}`";
    LabelOwnedHere { owner: String } => "由 `{owner}` 主管", "owned by `{owner}`";
    HelpOneOwner => "一件事项只能由一个部门（模块、业务组）主管；删去其中一处", "an item is owned by exactly one department (module, group); remove one of the two";
    OfficeTwoModules { office: String, first: String, second: String } => "上级处室 `{office}` 对口两个模块：`{first}` 和 `{second}`", "upstream office `{office}` has two counterpart modules: `{first}` and `{second}`";
    LabelAnsweredHere { module: String } => "`{module}` 对口这里", "`{module}` answers it here";
    HelpShared => "一个上级处室只对口一个模块；确需多个模块对口时，在处室声明前加 `shared`", "an upstream office answers to one module; if several really share it, declare it `shared office`";
    StillInHouse { function: String, item: String } => "职能 `{function}` 已转移，但仍作为事项 `{item}` 在部门内承办", "function `{function}` is transferred but still performed in-house as item `{item}`";
    LabelTransferred => "在这里转移", "transferred here";
    LabelInHouse { owner: String } => "仍由 `{owner}` 承办", "still performed by `{owner}`";
    HelpInHouse { item: String } => "在转移声明后写 `item {item}` 表明该事项随之转移，或删去该事项", "add `item {item}` to the transfer to say the item goes with it, or remove the item";
    TransferNoAgency { id: String } => "转移职能 `{id}` 状态为已转移，但没有承接机构", "transfer `{id}` is marked transferred but names no agency";
    HelpTransferNoAgency => "用 `to 机构名` 写明承接机构", "name the undertaking agency with `to AGENCY`";
    TransferNoSupervisor { id: String } => "转移职能 `{id}` 没有监管部门", "transfer `{id}` has no supervising department";
    HelpTransferNoSupervisor => "转移后仍要全过程监管评估：加上 `supervised_by 部门名`", "a transferred function stays supervised: add `supervised_by DEPARTMENT`";
    LabelThisTransfer => "这项转移", "this transfer";
    NotDevolvable { id: String, kind: String } => "下放事项 `{id}` 的类别 `{kind}` 不可下放到社区", "devolution `{id}` is of kind `{kind}`, which cannot be devolved to communities";
    LabelKindHere => "类别在这里", "kind given here";
    HelpNotDevolvable => "只有公共服务（service）、事务性（affairs）和声明为 devolvable 的类别可以下放", "only service, affairs and kinds declared `devolvable` can be devolved";
    JointNoLead { name: String } => "一件事 `{name}` 没有牵头部门", "joint case `{name}` has no lead department";
    JointManyLeads { name: String, count: Num } => "一件事 `{name}` 有 {count} 个牵头部门", "joint case `{name}` has {count} lead departments";
    JointNoTier { name: String } => "一件事 `{name}` 没有响应时限", "joint case `{name}` has no response tier";
    JointManyTiers { name: String, count: Num } => "一件事 `{name}` 有 {count} 个响应时限", "joint case `{name}` has {count} response tiers";
    LabelThisJoint => "这个一件事", "this joint case";
    LabelLeadHere => "牵头部门", "a lead";
    LabelTierHere => "响应时限", "a tier";
    HelpJointLead => "一件事由一个部门牵头，其余部门写在 `members` 中", "one department leads a joint case; list the others under `members`";
    HelpJointTier => "写一个 `tier 时限名`", "give exactly one `tier NAME`";
    CommittedAboveStatutory { item: String, committed: Num, statutory: Num } => "事项 `{item}` 的承诺时限 {committed} 个工作日，超过法定时限 {statutory} 个工作日", "item `{item}` commits to {committed} working days, more than its statutory limit of {statutory}";
    LabelCommitted => "承诺时限", "committed limit";
    LabelStatutory => "法定时限", "statutory limit";
    HelpCommitted => "承诺时限只能等于或短于法定时限", "a committed limit can be the statutory limit or shorter, never longer";
    TransferredTwice { function: String, first: String, second: String } => "职能 `{function}` 以 `{first}` 和 `{second}` 两个编号转移", "function `{function}` is transferred twice, as `{first}` and `{second}`";
    LabelTransferredAs { id: String } => "以 `{id}` 转移", "transferred as `{id}`";
    HelpTransferredTwice => "一项职能在目录中只列一次：删去其中一条，或把两条的名称写得能区分", "a function is listed once in the catalogue: remove one entry, or name the two so that they differ";
    JointItemOutside { joint: String, item: String, owner: String } => "一件事 `{joint}` 的事项 `{item}` 由 `{owner}` 主管，它既不是牵头部门也不是成员部门", "item `{item}` of joint case `{joint}` is owned by `{owner}`, which is neither its lead nor a member";
    LabelJointItem => "列入一件事", "listed in the joint case";
    HelpJointItem { owner: String } => "把 `{owner}` 加入 `members`，或从 `items` 中删去该事项", "add `{owner}` to `members`, or remove the item from `items`";
    StaffingOver { department: String, what: Term, count: Num, establishment: Num } => "部门 `{department}` 的{what} {count} 人，超过其编制 {establishment} 名", "department `{department}` has {count} {what}, more than its establishment of {establishment}";
    LabelStaffing => "编制从这里写起", "its establishment";
    LabelStaffingOver => "超出编制", "more than the establishment";
    HelpStaffing => "编制 = 行政编制（administrative）+ 事业编制（institutional）；下沉人数和领导职数都不能超过它", "the establishment is administrative + institutional posts; cadres in communities and leadership posts cannot exceed it";
    ServiceItemTwice { item: String, first: String, second: String } => "事项 `{item}` 在服务中心列了两次：`{first}` 和 `{second}`", "item `{item}` is offered twice in the service centre, as `{first}` and `{second}`";
    LabelOfferedAs { id: String } => "作为 `{id}` 提供", "offered as `{id}`";
    HelpServiceItemTwice => "一个事项在服务中心只列一次：删去其中一条", "an item is offered once in a service centre: remove one of the two";
    NotStationed { service: String, unit: String, centre: String } => "`{service}` 由 `{unit}` 办理，但它没有进驻 `{centre}`", "`{service}` is served by `{unit}`, which is not stationed in `{centre}`";
    LabelServedBy { unit: String } => "由 `{unit}` 办理", "served by `{unit}`";
    HelpStationed { unit: String } => "在服务中心的 `stationed` 中加上 `{unit}`", "add `{unit}` to the centre's `stationed` list";
    // ---- dispatch
    DispatchGap { event: String, owner: String, count: Num, communities: Vec<String> } => "事件类型 `{event}` 在 {count} 个社区无人承办：`{owner}` 没有队伍捆绑到 {communities}", "event kind `{event}` has no handler in {count} communities: `{owner}` has no team bound to {communities}";
    LabelBoundEvent => "要求由捆绑到社区的队伍承办", "dispatched through a bound team";
    HelpDispatchGap { owner: String } => "用 `bind {owner}.模块 to 中心社区` 补上捆绑，或去掉 `bound`", "bind a team with `bind {owner}.MODULE to CENTRAL_COMMUNITY`, or remove `bound`";
    // ---- expectations
    StaleExpect { kind: Term, name: String } => "路由预期指向不存在的{kind} `{name}`", "expectation about {kind} `{name}`, which does not exist";
    LabelStale => "这条预期已过时", "this expectation is stale";
    ExpectAtNotEvent { kind: Term } => "`at` 只用于事件类型的预期：{kind}不在某个社区发生", "`at` is for event expectations, not for {kind} expectations: only an event is raised at a place";
    HelpExpectAt => "删去 `at …`，或把预期改为 `expect event 事件类型 at 社区 to …`", "remove `at …`, or expect an event: `expect event KIND at COMMUNITY to …`";
    ExpectTierNoTier { kind: Term } => "{kind}没有响应时限档：`tier` 只用于事件和“一件事”的预期", "{kind} expectations have no response tier: `tier` is for events and joint cases";
    HelpExpectTier => "删去 `tier …`；事项的办结时限见 `orgc route`", "remove `tier …`; `orgc route` shows an item's time limit";
    HelpStale => "改为现有的名称，或删去这条预期", "point it at an existing name, or remove it";
    // ---- figures
    CapExceeded { category: Term, count: Num, cap: Num } => "{category}有 {count} 个，超过上限 {cap}", "{count} {category}, over the cap of {cap}";
    LabelOverCap { count: Num } => "第 {count} 个，超出上限", "number {count}, over the cap";
    LabelCap { cap: Num } => "上限为 {cap}", "the cap is {cap}";
    CatalogueExceeded { count: Num, cap: Num } => "职能转移目录有 {count} 项，超过声明的规模 {cap}", "the transfer catalogue has {count} functions, over its declared size of {cap}";
    HelpCatalogue => "撤回或合并目录中的职能，或经批准后调整 `catalogue` 上限", "withdraw or merge functions in the catalogue, or change the `catalogue` cap if it has been approved";
    StaffCapExceeded { what: Term, count: Num, cap: Num } => "全市{what}合计 {count} 名，超过上限 {cap}", "{count} {what} city-wide, over the cap of {cap}";
    LabelPassesCap => "加上这里的编制，合计超过上限", "with these posts the total passes the cap";
    HelpStaffCap => "核减部门编制，或经批准后调整上限", "reduce a department's establishment, or change the cap if it has been approved";
    HelpCap => "合并或撤销一个部门，或经批准后调整上限", "merge or remove a department, or change the cap if it has been approved";
    TargetMissed { metric: String, declared: Num, actual: Num } => "目标 `{metric}` 声明为 {declared}，实际为 {actual}", "target `{metric}` is declared as {declared} but the policy has {actual}";
    LabelDeclared { declared: Num } => "声明为 {declared}", "declared as {declared}";
    // ---- hierarchy
    Cycle { path: String } => "社区层级中有循环：{path}", "the community hierarchy has a cycle: {path}";
    CycleElided { path: String, count: Num } => "社区层级中有循环，涉及 {count} 个中心社区和社区：{path}", "the community hierarchy has a cycle through {count} central communities and communities: {path}";
    LabelCycleEdge { parent: String, child: String } => "`{parent}` 包含 `{child}`", "`{parent}` contains `{child}`";
    HelpCycle => "市—中心社区—社区—网格 必须是一棵树；删去循环中的一条包含关系", "city, central communities, communities and grids form a tree; remove one of these links";
    Orphan { name: String } => "社区 `{name}` 不属于任何中心社区", "community `{name}` is not in any central community";
    HelpOrphan { name: String } => "在某个 `central_community` 中加上 `community {name}`", "add `community {name}` to a `central_community`";
    TwoParents { name: String, first: String, second: String } => "`{name}` 同时属于 `{first}` 和 `{second}`", "`{name}` is in both `{first}` and `{second}`";
    LabelInParent { parent: String } => "在 `{parent}` 中", "in `{parent}`";
    HelpTwoParents => "每个社区只属于一个中心社区", "a community belongs to exactly one central community";
    Unbound { name: String } => "社区 `{name}` 没有绑定任何部门", "community `{name}` is not bound to any department";
    HelpUnbound { name: String } => "用 `bind 部门名 to {name}` 绑定（或绑定到它的中心社区）", "bind a department with `bind DEPARTMENT to {name}` (or to its central community)";
    // ---- rules
    RuleViolated { rule: String, subject: Box<Message> } => "违反规则 `{rule}`：{subject}", "rule `{rule}` is broken by {subject}";
    LabelOffends { what: Term, name: String } => "{what} `{name}`", "{what} `{name}`";
    LabelRule => "规则在这里", "the rule";
    LabelRuleMessage { message: String } => "规则：{message}", "rule: {message}";
    HelpRuleActual { actual: String } => "实际：`{actual}`", "actual: `{actual}`";
    HelpRuleExcept { name: String } => "如确属例外，在规则中写 `except {name} because \"理由\"`", "if this is a real exception, add `except {name} because \"reason\"` to the rule";
    UnusedException { rule: String, name: String } => "规则 `{rule}` 的例外 `{name}` 没有用到", "exception `{name}` of rule `{rule}` exempts nothing";
    LabelUnusedException => "即使没有这个例外，规则对它也成立", "the rule holds for it without the exception";
    // ---- orgc route: the reasons of an answer
    RouteItem { id: String, kind: Phrase } => "事项 `{id}`（{kind}）在这里声明了主管", "item `{id}` ({kind}) is declared here with its owner";
    RouteDepartment { name: String, category: Phrase } => "部门 `{name}`（{category}）", "department `{name}` ({category})";
    RouteModule { name: String } => "模块 `{name}`", "module `{name}`";
    RouteGroup { name: String } => "业务组 `{name}`", "business group `{name}`";
    RouteTier { name: String, label: String, limit: Box<Message> } => "响应时限 `{name}`：{label}，{limit}内", "response tier `{name}`: {label}, within {limit}";
    RouteTransferred { id: String, status: Phrase, agencies: Vec<String> } => "职能转移 `{id}`（{status}），承接机构：{agencies}", "transfer `{id}` ({status}) to {agencies}";
    RouteDevolved { id: String } => "经 `{id}` 下放到社区", "devolved to communities by `{id}`";
    RouteInJoint { name: String } => "属于一件事 `{name}`", "part of joint case `{name}`";
    RouteRuleHolds { rule: String } => "规则 `{rule}` 对它成立", "rule `{rule}` holds for it";
    RouteOffice { name: String } => "上级处室 `{name}`", "upstream office `{name}`";
    RouteAnswers { module: String } => "模块 `{module}` 在这里对口该处室", "module `{module}` answers it here";
    RouteArea => "在这里声明", "declared here";
    RouteUnder { parent: String } => "属于 `{parent}`", "under `{parent}`";
    RouteBound { department: String } => "部门 `{department}` 在这里捆绑", "department `{department}` is bound here";
    RouteGrid { community: String, micro: Num } => "网格属于社区 `{community}`，有 {micro} 个微网格", "grid of community `{community}`, with {micro} micro-grids";
    RouteJoint { name: String } => "一件事 `{name}`", "joint case `{name}`";
    RouteLead { department: String } => "牵头部门 `{department}`", "lead department `{department}`";
    RouteMember { department: String } => "配合部门 `{department}`", "member department `{department}`";
    RouteEvent { name: String } => "事件类型 `{name}`：网格吹哨 → 社区响应 → 部门报到", "event kind `{name}`: grid raises → community responds → department reports";
    RouteTransfer { id: String, status: Phrase } => "转移职能 `{id}`（{status}）", "transfer `{id}` ({status})";
    RouteAgency { name: String, kind: Phrase } => "承接机构 `{name}`（{kind}）", "agency `{name}` ({kind})";
    RouteSupervisor { department: String } => "监管部门 `{department}`", "supervised by `{department}`";
    RouteDevolution { count: Num } => "下放到 {count} 个社区", "devolved to {count} communities";
    RouteBoundOnly => "只派给捆绑到事发社区的队伍（`bound`）", "dispatched only to a team bound to the community (`bound`)";
    RouteEnforcer { department: String } => "监管+执法：`{department}` 参与执法", "supervision + enforcement: `{department}` enforces";
    RouteImmediate => "即办件：当场办结", "settled on the spot (immediate)";
    RouteStatutory { statutory: Num } => "法定办结时限 {statutory} 个工作日", "statutory time limit: {statutory} working days";
    RouteLimits { statutory: Num, committed: Num } => "法定办结时限 {statutory} 个工作日，承诺 {committed} 个工作日", "statutory time limit {statutory} working days, committed {committed}";
    RouteCentre { name: String, stationed: Num, sections: Num, areas: Num, approval: Num, value_added: Num, measures: Num } => "服务中心 `{name}`：{stationed} 个进驻单位，{sections} 个板块，{areas} 个服务专区，{approval} 项审批服务，{value_added} 项增值服务，{measures} 项落地清单事项", "service centre `{name}`: {stationed} units stationed, {sections} sections, {areas} service areas, {approval} approval services, {value_added} value-added services, {measures} measures";
    RouteCity { name: String, party: Num, government: Num, institution: Num } => "`{name}`：{party} 个党委部门、{government} 个政府部门、{institution} 个事业单位", "`{name}`: {party} party departments, {government} government departments, {institution} public institutions";
    RouteCityStaffing { establishment: Num, in_communities: Num, percent: Num } => "编制合计 {establishment} 名，其中 {in_communities} 人常态下沉社区，占 {percent}%（由各部门 `staffing` 相加）", "{establishment} posts in all, {in_communities} of them cadres working in the communities: {percent}% (summed from every department's `staffing`)";
    RouteStaffing { establishment: Num, administrative: Num, institutional: Num, leadership: Num, in_communities: Num } => "编制 {establishment} 名（行政 {administrative}、事业 {institutional}），领导职数 {leadership}，下沉社区 {in_communities} 人", "{establishment} posts ({administrative} administrative, {institutional} institutional), {leadership} leadership posts, {in_communities} cadres in the communities";
    RouteStationed { unit: String } => "`{unit}` 进驻", "`{unit}` is stationed here";
    RouteDispatchGrid { grid: String, community: String } => "属地：网格 `{grid}` 吹哨，社区 `{community}` 响应", "place: grid `{grid}` raises it, community `{community}` responds";
    RouteDispatchPlace { community: String, code: String } => "属地：社区 `{community}`（{code}）先行响应", "place: community `{community}` ({code}) responds first";
    RouteAuthority { department: String } => "事权：`{department}` 主管此类事件", "authority: `{department}` has authority over this kind of event";
    RouteDispatchBound { team: String, area: String } => "分片捆绑：`{team}` 捆绑到 `{area}`，由它报到", "bound team: `{team}` is bound to `{area}` and reports";
    RouteDispatchDirect { department: String } => "没有捆绑到本社区的队伍：由 `{department}` 直接报到", "no team bound to this community: `{department}` reports itself";
    RouteModuleItems { count: Num } => "主管 {count} 个事项", "owns {count} items";
    RouteFrom { department: String } => "转出部门 `{department}`", "transferred from `{department}`";
    RouteTierShown { label: String, name: String } => "{label}（`{name}`）", "`{name}` ({label})";
    RouteTierName { name: String } => "`{name}`", "`{name}`";
    NothingCalledDidYouMeanMany { query: String, count: Num, suggestions: Vec<String> } => "找不到 `{query}`。名称中含有它的有 {count} 个，例如：{suggestions}", "nothing is called `{query}`. {count} names contain it, such as: {suggestions}";
    RouteMore { count: Num } => "……共 {count} 个", "… {count} in all";
    NothingCalledDidYouMeanAny { query: String, suggestions: Vec<String> } => "找不到 `{query}`。是否想找：{suggestions}", "nothing is called `{query}`. Did you mean one of: {suggestions}";
    RouteDispatchGap => "此类事件只派给捆绑队伍，而本社区没有：无人承办（E406）", "only a bound team takes this kind of event, and none is bound here: no handler (E406)";
    // ---- the command line
    CheckOk { files: Num, departments: Num, items: Num, communities: Num, rules: Num } => "检查通过：{files} 个文件，{departments} 个部门，{items} 个事项，{communities} 个社区，{rules} 条规则", "ok: {files} files, {departments} departments, {items} items, {communities} communities, {rules} rules";
    CheckOkWithWarnings { ok: Box<Message>, warnings: Num } => "{ok}（另有 {warnings} 个警告）", "{ok} (and {warnings} warning(s))";
    ProgressChecking => "正在读取和检查策略集", "reading and checking the policy set";
    ProgressReporting => "正在整理提示", "rendering the diagnostics";
    ProgressWriting => "正在写出路由表", "writing the routing tables";
    BuildRefused => "策略集有错误，未写出任何文件", "the policy set has errors; nothing was written";
    BuildRefusedWarnings => "策略集有警告（--deny-warnings），未写出任何文件", "the policy set has warnings (--deny-warnings); nothing was written";
    BuildWrote { files: Num, out: String, items: Num, communities: Num } => "已写出 {files} 个文件到 {out}（{items} 个事项，{communities} 个社区）", "wrote {files} files to {out} ({items} items, {communities} communities)";
    BuildNoWorkbook { table: String, rows: Num, limit: Num } => "未写出 routes.xlsx：表 `{table}` 有 {rows} 行，超过一个工作表能流畅打开的上限 {limit} 行；请使用 CSV 文件（Excel 也能打开）或 SQLite", "routes.xlsx was not written: table `{table}` has {rows} rows, more than a sheet opens smoothly ({limit}); use the CSV files (Excel opens them too) or SQLite";
    BuildNoLookup { entries: Num, limit: Num } => "未写出 lookup.html：{entries} 个查询对象和派单行超过一个网页能流畅打开的上限 {limit} 个；请使用 orgc route 或 SQLite", "lookup.html was not written: {entries} subjects and dispatch rows are more than one page opens smoothly ({limit}); use `orgc route` or SQLite";
    CannotWrite { path: String, error: Box<Message> } => "无法写出 `{path}`：{error}", "cannot write `{path}`: {error}";
    CannotWriteStdout { error: Box<Message> } => "无法写到标准输出：{error}", "cannot write to standard output: {error}";
    PathNotFound { path: String } => "路径 `{path}` 不存在", "`{path}` does not exist";
    CannotRead { path: String, error: Box<Message> } => "无法读取 `{path}`：{error}", "cannot read `{path}`: {error}";
    NoPolicyFiles { paths: Vec<String> } => "{paths} 中没有 .policy 文件", "no .policy files in {paths}";
    NotRegularFile { path: String } => "`{path}` 不是普通文件（管道、设备或套接字），不读取", "`{path}` is not a regular file (a FIFO, a device or a socket); not read";
    UnknownSubjectKind { kind: String, kinds: Vec<String> } => "未知的查询对象类别 `{kind}`；可用的有：{kinds}", "unknown kind `{kind}`; expected one of: {kinds}";
    NothingCalled { query: String } => "找不到 `{query}`。", "nothing is called `{query}`.";
    NothingCalledOfKind { query: String, kind: Term } => "找不到 `{query}`。不过有一个{kind}叫这个名字。", "nothing of the kind asked for is called `{query}`; one {kind} has that name.";
    NothingCalledDidYouMean { query: String, suggestion: String } => "找不到 `{query}`。是否想写 `{suggestion}`？", "nothing is called `{query}`. Did you mean `{suggestion}`?";
    HeadHandledBy => "办理", "handled by";
    HeadTier => "时限", "tier";
    HeadBecause => "依据", "because";
    UnknownCode { code: String } => "未知的代码 `{code}`；`orgc codes` 列出全部代码", "unknown code `{code}`; `orgc codes` lists them all";
    UnknownCodeDidYouMean { code: String, suggestion: String } => "未知的代码 `{code}`（是否想写 `{suggestion}`？）；`orgc codes` 列出全部代码", "unknown code `{code}` (did you mean `{suggestion}`?); `orgc codes` lists them all";
    Panicked => "orgc 内部错误：这是 orgc 的缺陷，不是策略文件的问题。请报告此问题，并附上你运行的命令。", "internal error: this is a bug in orgc, not in your policy files. Please report it with the command you ran.";
    // ---- the command line: usage errors, the version, I/O errors (issue 11)
    UsageUnknownArgument { arg: String } => "未知的参数 `{arg}`", "unknown argument `{arg}`";
    UsageUnknownCommand { name: String } => "未知的命令 `{name}`", "unknown command `{name}`";
    UsageInvalidValue { arg: String, value: String, values: Vec<String> } => "`{arg}` 不能取值 `{value}`；可用的有：{values}", "`{value}` is not a value of `{arg}`; expected one of: {values}";
    UsageBadValue { arg: String, value: String } => "`{arg}` 的值 `{value}` 无效", "`{value}` is not a valid value of `{arg}`";
    UsageMissing { args: Vec<String> } => "缺少必需的参数：{args}", "missing required argument(s): {args}";
    UsageMissingCommand => "缺少命令", "a command is missing";
    UsageMissingValue { arg: String } => "`{arg}` 需要一个值", "`{arg}` needs a value";
    UsageConflict { arg: String } => "`{arg}` 不能与前面的参数同时使用", "`{arg}` cannot be used with the arguments before it";
    UsageTooMany { arg: String } => "`{arg}` 给出的值太多", "too many values for `{arg}`";
    UsageNotUtf8 => "命令行参数不是有效的 UTF-8", "an argument is not valid UTF-8";
    UsageInvalid => "命令行参数有误", "the command line is not valid";
    UsageDidYouMean { suggestion: String } => "是否想写 `{suggestion}`？", "did you mean `{suggestion}`?";
    UsageLine { usage: String } => "用法：`{usage}`", "usage: `{usage}`";
    UsageMore { command: String } => "运行 `{command} --help` 查看说明", "run `{command} --help` for more";
    Version { version: String, language: String } => "{version}（策略语言 {language}）", "{version} (policy language {language})";
    ManWrote { count: Num, out: String } => "已写出 {count} 个手册页到 {out}", "wrote {count} manual pages to {out}";
    TestSummary { passed: Num, failed: Num } => "路由预期：{passed} 条成立，{failed} 条落空", "expectations: {passed} hold, {failed} fail";
    IoNotFound => "文件或文件夹不存在", "no such file or folder";
    IoPermission => "没有权限", "permission denied";
    IoExists => "已经存在", "it already exists";
    IoNotADirectory => "路径中有一段不是文件夹", "a part of the path is not a folder";
    IoIsADirectory => "这是一个文件夹", "it is a folder";
    IoReadOnly => "文件系统是只读的", "the file system is read-only";
    IoStorageFull => "磁盘空间不足", "no space left on the device";
    IoInvalidData => "内容无法解读", "the content cannot be read";
    IoInterrupted => "操作被中断", "the operation was interrupted";
    IoOs { code: Num } => "系统错误（错误号 {code}）", "system error (errno {code})";
    IoOther => "输入输出错误", "input/output error";
    // ---- the workbook (routes.xlsx)
    CellModule { name: String, parts: String } => "{name}（{parts}）", "{name} ({parts})";
    CellGroups { groups: String } => "业务组：{groups}", "groups: {groups}";
    CellOffices { offices: String } => "对口：{offices}", "answers: {offices}";
    // ---- the lookup page (lookup.html); `{shown}`, `{total}` … in LookupShown
    // and the like are filled in by the page's script
    LookupTitle { city: String } => "{city} 谁来办：事项、社区、事件查询", "{city}: who handles what";
    LookupIntro => "输入事项名称或编码、上级处室、社区名称或代码、网格、事件类型、一件事、部门、承接机构，输入其中几个字即可。事件类型加社区（如“噪声 龙和”）直接查派单。", "Type an item's name or id, an upstream office, a community's name or code, a grid, an event kind, a joint case, a department or an agency; a few characters of it are enough. An event kind and a community together (\"噪声 龙和\") give the dispatch there.";
    LookupPlaceholder => "名称、编码或其中几个字", "a name, an id or a code, or part of one";
    LookupKeys => "↑ ↓ 选择，回车查看", "↑ ↓ to choose, Enter to open";
    LookupFound { total: String } => "找到 {total} 条", "{total} found";
    LookupShown { shown: String, total: String } => "找到 {total} 条，显示前 {shown} 条；多输入几个字可缩小范围", "{total} found, the first {shown} shown; type more to narrow them down";
    LookupNone => "没有找到。可以只输入名称中的几个字，或输入编码。", "Nothing found. Try a few characters of the name, or an id or code.";
    LookupPickCommunity => "事发社区", "community where it happens";
    LookupChoose => "请选择社区", "choose a community";
    LookupAllCommunities { count: String } => "各社区的派单（{count} 个社区）", "dispatch in every community ({count})";
    LookupCommunityEvents { count: String } => "本社区各类事件的派单（{count} 类）", "dispatch of each event kind here ({count})";
    LookupTierLimit { label: String, limit: Box<Message> } => "{label}（{limit}内）", "{label} (within {limit})";
    LookupHours { hours: Num } => "{hours} 小时", "{hours} h";
    LookupMinutes { minutes: Num } => "{minutes} 分钟", "{minutes} min";
    LookupFooter { digest: String } => "本页离线可用，不联网。由 orgc build 从策略集生成（摘要 {digest}）；依据中的“文件:行”指向策略文件。", "Works offline, with no network. Written by orgc build from the policy set (digest {digest}); the file:line of each reason points into the policy files.";
    LookupNoScript => "本页需要启用 JavaScript。", "This page needs JavaScript.";
    // ---- orgc diff
    DiffHeader { old: String, new: String } => "比较 {old} → {new}", "comparing {old} → {new}";
    DiffNoChanges => "没有变化", "no changes";
    DiffItemsMoved { count: Num, from: String, to: String } => "{count} 项事项从 {from} 移至 {to}", "{count} item(s) moved from {from} to {to}";
    DiffTransferred { count: Num, agency: String } => "{count} 项职能转移给 {agency}", "{count} function(s) transferred to {agency}";
    DiffRenamed { what: Term, from: String, to: String } => "{what} {from} 更名为 {to}", "{what} {from} renamed to {to}";
    DiffAdded { count: Num, what: Term } => "新增{what} {count} 个", "{count} {what}(s) added";
    DiffRemoved { count: Num, what: Term } => "删除{what} {count} 个", "{count} {what}(s) removed";
    DiffChanged { count: Num, what: Term } => "修改{what} {count} 个", "{count} {what}(s) changed";
    DiffRoutes { count: Num } => "路由变化 {count} 处", "{count} route change(s)";
    DiffCapsSame => "机构限额不变", "caps unchanged";
    DiffCapCrossed { cap: String, actual: Num, limit: Num } => "超过限额 `{cap}`：实际 {actual}，限额 {limit}", "cap `{cap}` crossed: {actual} against a cap of {limit}";
    DiffUnbound { community: String } => "社区 {community} 不再绑定任何部门", "community {community} is no longer bound to any department";
    DiffGap { event: String, count: Num, communities: String } => "事件 {event} 在 {count} 个社区无人承办（没有捆绑队伍）：{communities}", "event {event} has no handler in {count} communities (no bound team): {communities}";
    DiffOwnerless { item: String } => "事项 {item} 没有了主管", "item {item} is left without an owner";
    DiffNewSideErrors { count: Num } => "新版本有 {count} 个错误（语法或名称），只比较了能建成的部分；运行 `orgc check` 查看", "the new side has {count} error(s) (syntax or names), so only what could be built is compared; run `orgc check` to see them";
    DiffClassSafe => "安全", "safe";
    DiffClassNotable => "需注意", "notable";
    DiffClassBreaking => "破坏性", "breaking";
    DiffBreakingHeading => "破坏性问题", "what breaks";
    DiffRoutesHeading => "路由变化", "route changes";
    DiffKindHeading { what: Term } => "{what}", "{what}";
    DiffNone => "（无）", "(none)";
    DiffPlaces { count: Num, places: String } => "{count} 个社区（{places}）", "{count} communities ({places})";
    DiffNoRevision { rev: String, detail: String } => "找不到版本 `{rev}`：本仓库里没有它（浅克隆时请先 `git fetch` 这个版本）{detail}", "revision `{rev}` is not in this repository (in a shallow clone, `git fetch` it first){detail}";
    DiffNoPolicyFilesAt { rev: String, path: String } => "版本 `{rev}` 的 `{path}` 中没有 .policy 文件", "no .policy files in `{path}` at revision `{rev}`";
    DiffGit { error: String } => "git 出错：{error}", "git failed: {error}";
    // ---- orgc report and orgc graph
    ReportTitle { city: String } => "{city}组织架构与改革目标报告", "{city}: organisation and reform targets";
    ReportTitleNoCity => "组织架构与改革目标报告", "Organisation and reform targets";
    ReportGenerated { files: Num, digest: String } => "由 orgc 根据 {files} 个政策文件生成（文件摘要 {digest}）", "generated by orgc from {files} policy files (digest {digest})";
    ReportNoTargets => "这个政策集没有写 targets（目标数字）", "this policy set states no targets";
    ReportFiguresMet { met: Num, total: Num } => "{total} 项目标数字中，{met} 项与政策实际一致", "{met} of {total} headline figures match the policy";
    ReportDispatchRows { events: Num, communities: Num, rows: Num } => "{events} 类事件 × {communities} 个社区 = 派单表 {rows} 行", "{events} event kinds × {communities} communities = {rows} rows of the dispatch table";
    ReportStaffing { departments: Num, establishment: Num, in_communities: Num, percent: Num } => "{departments} 个部门写明了编制：合计 {establishment} 名，其中 {in_communities} 人常态下沉社区，占 {percent}%", "{departments} departments declare their staffing: {establishment} posts in all, {in_communities} of them cadres working in the communities ({percent}%)";
    ChartDepartments { count: Num } => "{count} 个部门", "{count} departments";
    ChartCategory { label: String, count: Num } => "{label}（{count}）", "{label} ({count})";
    ChartNoModule => "没有对口模块", "no module answers it";
    ChartOffices { bureaus: Num, offices: Num } => "{bureaus} 个上级部门，{offices} 个处室", "{bureaus} upstream bureaus, {offices} offices";
    ChartCommunities { centrals: Num, communities: Num } => "{centrals} 个中心社区，{communities} 个社区", "{centrals} central communities, {communities} communities";
    ReportWrote { out: String, met: Num, total: Num } => "已写出 {out}（{total} 项目标数字，{met} 项达成）", "wrote {out} ({met} of {total} figures met)";
    GraphWrote { out: String } => "已写出 {out}", "wrote {out}";
    TemplateError { path: String, error: String } => "模板 `{path}` 有错误：{error}", "template `{path}` has an error: {error}";
    ReportFormatUnknown { path: String } => "无法从 `{path}` 看出报告格式：请用 .md、.html 或 .json 结尾，或写 --format", "cannot tell the report format from `{path}`: end it in .md, .html or .json, or give --format";
    TemplateNotForJson => "--template 只用于 Markdown 和 HTML 报告，JSON 没有模板", "--template is for Markdown and HTML reports; JSON has no template";
    OptionNotForView { option: String, view: String } => "{option} 只用于 --view {view}", "{option} is for --view {view} only";
    // ---- orgc test
    ExpectNotFound { name: String, kind: Term } => "预期落空：没有名为 `{name}` 的{kind}", "expectation fails: there is no {kind} `{name}`";
    ExpectHandler { subject: String, actual: Vec<String>, expected: String } => "预期落空：`{subject}` 由 {actual} 办理，预期为 `{expected}`", "expectation fails: `{subject}` is handled by {actual}, expected `{expected}`";
    ExpectTier { subject: String, actual: String, expected: String } => "预期落空：`{subject}` 的响应时限是 `{actual}`，预期为 `{expected}`", "expectation fails: `{subject}` has response tier `{actual}`, expected `{expected}`";
    LabelExpected2 => "预期写在这里", "expected here";
    LabelActualRoute => "实际路由由这里决定", "the actual route is decided here";
    Summary { errors: Num, warnings: Num } => "{errors} 个错误，{warnings} 个警告", "{errors} error(s), {warnings} warning(s)";
    // ---- the formats for CI (SARIF, GitHub, GitLab, JUnit)
    CiHelp { help: Box<Message> } => "提示：{help}", "help: {help}";
    CiWithHelp { message: Box<Message>, help: Box<Message> } => "{message}（提示：{help}）", "{message} (help: {help})";
    CiWholeSet => "整个策略集", "the whole policy set";
    CiNotRun => "未运行：策略集有错误，先修正 `orgc check` 报出的错误", "not run: the policy set has errors; fix what `orgc check` reports first";
    CiExpectStale => "预期落空：预期里的对象不存在（E503）", "expectation fails: what it names does not exist (E503)";
    HelpUnusedException => "删去这个例外，让规则保持准确", "remove the exception so that the rule says what it means";
    // ---- issue 11b: causes first, ids, bridges from Chinese
    MoreOfCode { count: Num, code: String, file: String } => "…… `{file}` 中另有 {count} 个 {code}（机器格式列出全部）", "… and {count} more {code} in `{file}` (the machine formats list them all)";
    OneFileOfSet { file: String, others: Num, command: String } => "只检查了 `{file}`，而其中用到的名称在同一文件夹的另外 {others} 个文件中声明；检查整套策略：{command}", "only `{file}` was checked, and the names it uses are declared in the {others} other files of its folder; to check the whole set: {command}";
    IdSpelling { what: Term, id: String, ascii: String } => "{what}编码 `{id}` 中混有外形相似的字符或全角字符，应写作 `{ascii}`", "{what} id `{id}` holds a look-alike or full-width character; its ASCII spelling is `{ascii}`";
    LabelIdChar { found: String, ascii: String } => "`{found}` 应为 `{ascii}`", "`{found}` should be `{ascii}`";
    HelpIdSpelling { ascii: String } => "请写作 `{ascii}`：路由表、数据库和查询都按编码逐字查找", "write `{ascii}`: the routing tables, databases and queries look ids up character by character";
    HelpRuleRequired { required: String, actual: String } => "规则要求：`{required}`；实际：`{actual}`", "the rule requires: `{required}`; actual: `{actual}`";
    HelpCapCounted { members: Vec<String>, more: Num, help: Box<Message> } => "计入的有：{members} 等，另有 {more} 个未列出；{help}", "counted: {members} and {more} more; {help}";
    HelpCapCountedAll { members: Vec<String>, help: Box<Message> } => "计入的有：{members}；{help}", "counted: {members}; {help}";
    HelpDidYouMeanLabel { suggestion: String, label: String } => "是否想写 `{suggestion}`（{label}）？", "did you mean `{suggestion}` ({label})?";
    HelpDeclared { what: Term, names: Vec<(String, Option<String>)> } => "已声明的{what}：{names}", "the {what}s declared: {names}";
    HelpTargetCounted { members: Vec<String>, more: Num } => "计入的有：{members}（未列出 {more} 个）", "counted: {members} ({more} not listed)";
    HelpTargetCountedAll { members: Vec<String> } => "计入的有：{members}", "counted: {members}";
    WarningsDenied { warnings: Num } => "有 {warnings} 个警告，--deny-warnings 把警告当作错误：检查未通过", "{warnings} warning(s), and --deny-warnings treats warnings as errors: the check failed";
}

/// An I/O error in the run's words, by its kind (never the OS's English text).
pub fn io_error(e: &std::io::Error) -> Message {
    io_kind(e.kind(), e.raw_os_error())
}

/// An I/O error's kind (and OS error number, when it has one) in words.
pub fn io_kind(kind: std::io::ErrorKind, os: Option<i32>) -> Message {
    use std::io::ErrorKind as K;
    match kind {
        K::NotFound => Message::IoNotFound,
        K::PermissionDenied => Message::IoPermission,
        K::AlreadyExists => Message::IoExists,
        K::NotADirectory => Message::IoNotADirectory,
        K::IsADirectory => Message::IoIsADirectory,
        K::ReadOnlyFilesystem => Message::IoReadOnly,
        K::StorageFull => Message::IoStorageFull,
        K::InvalidData | K::UnexpectedEof => Message::IoInvalidData,
        K::Interrupted => Message::IoInterrupted,
        _ => match os {
            Some(code) => Message::IoOs {
                code: Num(u64::from(code.unsigned_abs())),
            },
            None => Message::IoOther,
        },
    }
}

/// Make user text safe for a terminal: control, bidi and invisible characters
/// are shown as `\u{…}` escapes, never raw (see [`crate::text::escape`]).
pub fn escape(s: &str) -> String {
    crate::text::escape(s).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<String> {
        let mut v: Vec<String> = s
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_string()))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn both_languages_use_the_same_placeholders() {
        for (variant, zh, en) in Message::TEMPLATES {
            assert_eq!(placeholders(zh), placeholders(en), "{variant}");
        }
    }

    #[test]
    fn render_fills_arguments_and_escapes_controls() {
        let t = Message::Duplicate {
            what: Term::Department,
            name: "社会\u{200B}事业局".to_string(),
        };
        assert_eq!(
            t.render(Lang::En),
            "department `社会\\u{200B}事业局` is declared twice"
        );
        assert_eq!(t.render(Lang::Zh), "部门 `社会\\u{200B}事业局` 重复声明");
    }

    #[test]
    fn a_nested_message_is_rendered_in_the_same_language() {
        let t = Message::RuleType {
            attr: "owner".to_string(),
            detail: Box::new(Message::DetailNotNumber),
        };
        assert_eq!(
            t.render(Lang::Zh),
            "属性 `owner` 不能这样使用：它不是数字，不能比较大小"
        );
        assert!(t
            .render(Lang::En)
            .ends_with("it is not a number, so it cannot be ordered"));
    }
}
