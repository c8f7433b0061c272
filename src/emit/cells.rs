//! The routing tables as flat rows for CSV and SQLite, borrowed from the typed
//! records (no copies of the text). Each record type lists its columns once,
//! in the macro below, in the order of its fields; a test checks that the
//! columns are exactly the JSON field names, so the three forms cannot drift.

use super::routes::*;
use std::borrow::Cow;

/// One cell of a flat row.
#[derive(Debug)]
pub enum Cell<'a> {
    /// No value: an empty CSV cell, SQL `NULL`.
    Null,
    /// Text, as is.
    Text(Cow<'a, str>),
    /// A non-negative integer (`u64` values saturate at `i64::MAX`).
    Int(i64),
    /// A yes/no value: `true`/`false` in CSV, `1`/`0` in SQLite.
    Bool(bool),
    /// A list of names: `;`-joined in CSV, a JSON array in SQLite.
    List(&'a [String]),
    /// A nested record, as JSON text in both.
    Json(String),
}

/// A field type that can be written as one [`Cell`].
pub trait ToCell {
    /// The value as a cell, borrowing its text.
    fn cell(&self) -> Cell<'_>;
}

impl ToCell for String {
    fn cell(&self) -> Cell<'_> {
        Cell::Text(Cow::Borrowed(self))
    }
}
impl ToCell for &str {
    fn cell(&self) -> Cell<'_> {
        Cell::Text(Cow::Borrowed(self))
    }
}
impl ToCell for Option<String> {
    fn cell(&self) -> Cell<'_> {
        self.as_deref()
            .map_or(Cell::Null, |s| Cell::Text(Cow::Borrowed(s)))
    }
}
impl ToCell for bool {
    fn cell(&self) -> Cell<'_> {
        Cell::Bool(*self)
    }
}
impl ToCell for u64 {
    fn cell(&self) -> Cell<'_> {
        Cell::Int(i64::try_from(*self).unwrap_or(i64::MAX))
    }
}
impl ToCell for Option<u64> {
    fn cell(&self) -> Cell<'_> {
        self.as_ref().map_or(Cell::Null, ToCell::cell)
    }
}
impl ToCell for Option<&str> {
    fn cell(&self) -> Cell<'_> {
        self.map_or(Cell::Null, |s| Cell::Text(Cow::Borrowed(s)))
    }
}
impl ToCell for Vec<String> {
    fn cell(&self) -> Cell<'_> {
        Cell::List(self)
    }
}
impl ToCell for Vec<ModuleRow> {
    fn cell(&self) -> Cell<'_> {
        Cell::Json(serde_json::to_string(self).unwrap_or_default())
    }
}

/// A record that is one row of one table.
pub trait Row {
    /// The column names: the record's field names, in field order.
    const COLUMNS: &'static [&'static str];
    /// The record's values, one cell per column.
    fn cells(&self) -> Vec<Cell<'_>>;
}

macro_rules! rows {
    ($($ty:ty { $($field:ident),* })*) => {$(
        impl Row for $ty {
            const COLUMNS: &'static [&'static str] = &[$(stringify!($field)),*];
            fn cells(&self) -> Vec<Cell<'_>> {
                vec![$(self.$field.cell()),*]
            }
        }
    )*};
}

rows! {
    DepartmentRow { name, category, fields, modules }
    ItemRow<'_> { id, name, kind, department, module, group, statutory_days, committed_days, immediate, transferred_to, devolved, joint_cases }
    OfficeRow { bureau, office, department, module, shared }
    TransferRow { id, function, owner, status, agencies, supervisor, item }
    AgencyRow { name, kind, functions, transfers }
    DevolutionRow { id, function, kind, owner, communities, all_communities, item }
    CommunityRow { code, name, central, departments, grids, dedicated_grids, micro_grids, devolutions }
    CentralRow { name, communities, departments }
    JointRow { name, lead, members, items, tier }
    TierRow { name, label, limit_hours, limit_minutes }
    EventRow { name, label, owner, bound, enforcer, joint_case, tier }
    DispatchRow { event, community_code, community, central, handler, bound, enforcer, joint_case, joint_lead, tier, tier_minutes }
    CentreRow { name, stationed, sections, service_areas, approval_services, value_added_services, measures }
    CentreServiceRow<'_> { id, title, kind, centre, section, area, owner, item }
    MeasureRow<'_> { id, title, owner, centre }
    StaffingRow { department, category, administrative, institutional, establishment, leadership, in_communities }
}

/// One table: its name, its columns, its rows.
pub struct Table<'a> {
    /// The table's name, also the CSV file's stem and the SQLite table's name.
    pub name: &'static str,
    /// The column names, in order.
    pub columns: &'static [&'static str],
    /// The records, each made into cells only when it is written: a
    /// million-row table is never all cells at once.
    records: &'a (dyn Records + Sync),
}

impl<'a> Table<'a> {
    /// How many rows.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The rows, in the table's sort order, one cell per column.
    pub fn rows(&self) -> impl Iterator<Item = Vec<Cell<'a>>> + '_ {
        (0..self.len()).map(|i| self.records.cells(i))
    }
}

/// A table's records, as the routing tables hold them.
trait Records {
    fn len(&self) -> usize;
    fn cells(&self, i: usize) -> Vec<Cell<'_>>;
}

impl<R: Row> Records for Vec<R> {
    fn len(&self) -> usize {
        Vec::len(self)
    }
    fn cells(&self, i: usize) -> Vec<Cell<'_>> {
        self.get(i).map(Row::cells).unwrap_or_default()
    }
}

fn table<'a, R: Row + Sync>(name: &'static str, records: &'a Vec<R>) -> Table<'a> {
    Table {
        name,
        columns: R::COLUMNS,
        records,
    }
}

/// Every table, in the order they are written.
pub fn tables<'a>(r: &'a Routes<'_>) -> Vec<Table<'a>> {
    vec![
        table("departments", &r.departments),
        table("items", &r.items),
        table("upstream_offices", &r.upstream_offices),
        table("transfers", &r.transfers),
        table("agencies", &r.agencies),
        table("devolutions", &r.devolutions),
        table("communities", &r.communities),
        table("central_communities", &r.central_communities),
        table("joint_cases", &r.joint_cases),
        table("tiers", &r.tiers),
        table("events", &r.events),
        table("dispatch", &r.dispatch),
        table("service_centres", &r.service_centres),
        table("centre_services", &r.centre_services),
        table("measures", &r.measures),
        table("staffing", &r.staffing),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The columns of every table are the JSON field names, in order.
    #[test]
    fn columns_are_the_json_fields() {
        let c = crate::driver::compile_str(
            "t.policy",
            "tier t \"x\" within 1h\nupstream 乙局 { office 甲处 }\n\
             department 甲 : party { fields 一 staffing { administrative 3 institutional 2 leadership 1 in_communities 4 } module M { answers 乙局.甲处 group G } }\n\
             item I-1 \"事\" : service owner 甲.M.G statutory 5 committed 2\nagency 机构 : enterprise\n\
             transfer Z-1 \"职能\" : transferred from 甲 to 机构 supervised_by 甲\n\
             central_community 中 { community 社 }\ncommunity 社 code 1 { grid W micro 1 }\nbind 甲.M to 中\n\
             devolution X-1 \"下放\" : service from 甲 to all_communities item I-1\n\
             joint_case J { lead 甲 members 甲 items I-1 tier t }\nevent E owner 甲 bound joint_case J tier t\n\
             service_centre C { stationed 甲, 机构  section S { area A } }\n\
             centre_service Q-1 \"服务\" : approval in C.S.A item I-1\nmeasure M-1 \"措施\" owner 甲 in C\n",
        );
        assert!(c.diagnostics.is_empty(), "{:?}", c.diagnostics);
        let routes = build(&c.model, &c.derived, "test");
        let doc = serde_json::to_value(&routes).unwrap();
        for t in tables(&routes) {
            let first = doc[t.name][0]
                .as_object()
                .unwrap_or_else(|| panic!("{} has rows", t.name));
            let keys: Vec<&str> = first.keys().map(String::as_str).collect();
            assert_eq!(keys, t.columns, "{}", t.name);
            assert_eq!(t.rows().next().map(|r| r.len()), Some(t.columns.len()));
        }
    }
}
