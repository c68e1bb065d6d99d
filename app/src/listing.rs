//! Filtered, paged staff lists on the server: the WHERE clause a list's
//! filters make, one page of rows and the total, and the address of each
//! page with the same filters.

use crate::db::Db;
use crate::domain::paging::{PageNumber, Paged, PAGE_SIZE};
use sqlx::any::AnyRow;

/// The conditions of a filtered list, their values bound in order.
#[derive(Default)]
pub struct Conditions {
    clauses: Vec<String>,
    values: Vec<Value>,
}

/// A value a condition compares with, bound as its own type (PostgreSQL
/// will not compare a number column with text).
pub enum Value {
    Text(String),
    Number(i64),
}

impl From<String> for Value {
    fn from(text: String) -> Value {
        Value::Text(text)
    }
}

impl From<&str> for Value {
    fn from(text: &str) -> Value {
        Value::Text(text.to_string())
    }
}

impl From<i64> for Value {
    fn from(number: i64) -> Value {
        Value::Number(number)
    }
}

impl Conditions {
    /// A condition on one value: each `?` in `clause` stands for it.
    pub fn add(&mut self, clause: &str, value: impl Into<Value>) {
        self.values.push(value.into());
        let placeholder = format!("${}", self.values.len());
        self.clauses.push(clause.replace('?', &placeholder));
    }

    /// A condition with no value in it.
    pub fn add_fixed(&mut self, clause: &str) {
        self.clauses.push(clause.to_string());
    }

    fn sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.clauses.join(" AND "))
        }
    }
}

/// Binds a list's values, in order, to a query of either kind (a count or
/// rows: sqlx gives them no common trait to bind through).
macro_rules! bind_values {
    ($query:expr, $values:expr) => {{
        let mut query = $query;
        for value in $values {
            query = match value {
                Value::Text(text) => query.bind(text),
                Value::Number(number) => query.bind(number),
            };
        }
        query
    }};
}

/// A LIKE pattern (used with `ESCAPE '\'`) that finds `text` anywhere,
/// lower-cased: `%`, `_` and `\` typed into a search match themselves.
pub fn contains_pattern(text: &str) -> String {
    let mut pattern = String::from("%");
    for character in text.to_lowercase().chars() {
        if matches!(character, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(character);
    }
    pattern.push('%');
    pattern
}

/// The rows `SELECT {columns} {from}` gives under `conditions`, one page of
/// them in `order`, with the count of them all. A page past the end is the
/// last page.
pub async fn fetch_page<Row>(
    db: &Db,
    columns: &str,
    from: &str,
    conditions: &Conditions,
    order: &str,
    page: PageNumber,
) -> Result<(Vec<Row>, PageNumber, u64), sqlx::Error>
where
    Row: for<'r> sqlx::FromRow<'r, AnyRow> + Send + Unpin,
{
    let filter = conditions.sql();
    let count_sql = format!("SELECT COUNT(*) {from}{filter}");
    let count = bind_values!(sqlx::query_scalar::<_, i64>(&count_sql), &conditions.values);
    let total = u64::try_from(count.fetch_one(db).await?).unwrap_or(0);
    let page = page.within(total);
    let limit = conditions.values.len() + 1;
    let rows_sql = format!(
        "SELECT {columns} {from}{filter} ORDER BY {order} LIMIT ${limit} OFFSET ${}",
        limit + 1
    );
    let rows = bind_values!(sqlx::query_as::<_, Row>(&rows_sql), &conditions.values)
        .bind(PAGE_SIZE as i64)
        .bind(i64::try_from(page.offset()).unwrap_or(i64::MAX))
        .fetch_all(db)
        .await?;
    Ok((rows, page, total))
}

/// The address of page n of the list at `path` with these filters (empty
/// ones left out, so the address stays short).
pub fn page_address<'a>(
    path: &'a str,
    filters: &'a [(&'a str, String)],
) -> impl Fn(u64) -> String + 'a {
    move |page| {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (name, value) in filters.iter().filter(|(_, value)| !value.is_empty()) {
            query.append_pair(name, value);
        }
        if page > 1 {
            query.append_pair("page", &page.to_string());
        }
        let query = query.finish();
        if query.is_empty() {
            path.to_string()
        } else {
            format!("{path}?{query}")
        }
    }
}

/// One page of a list fetched with [`fetch_page`], with its neighbours'
/// addresses.
pub fn paged<T>(
    items: Vec<T>,
    page: PageNumber,
    total: u64,
    path: &str,
    filters: &[(&str, String)],
) -> Paged<T> {
    Paged::new(items, page, total, page_address(path, filters))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_matches_what_was_typed_and_nothing_wider() {
        assert_eq!(contains_pattern("Jo"), "%jo%");
        assert_eq!(contains_pattern("100%_\\"), "%100\\%\\_\\\\%");
    }

    #[test]
    fn conditions_number_their_values_in_order() {
        let mut conditions = Conditions::default();
        assert_eq!(conditions.sql(), "");
        conditions.add("(a LIKE ? OR b LIKE ?)", "%x%");
        conditions.add_fixed("c IS NULL");
        conditions.add("d = ?", "y");
        assert_eq!(
            conditions.sql(),
            " WHERE (a LIKE $1 OR b LIKE $1) AND c IS NULL AND d = $2"
        );
    }

    #[test]
    fn page_addresses_keep_the_filters_and_leave_out_empty_ones() {
        let filters = [("q", "Jo & Sam".to_string()), ("role", String::new())];
        let address = page_address("/admin/accounts", &filters);
        assert_eq!(address(1), "/admin/accounts?q=Jo+%26+Sam");
        assert_eq!(address(3), "/admin/accounts?q=Jo+%26+Sam&page=3");
        assert_eq!(page_address("/admin/audit", &[])(1), "/admin/audit");
    }
}
