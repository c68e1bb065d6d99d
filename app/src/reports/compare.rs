//! Comparing a snapshot with the one saved before it: every cell that
//! differs, found by table, row and column, in the words the page shows.

use super::Report;

/// One cell that differs between two reports.
#[derive(Clone, Debug, PartialEq)]
pub struct Difference {
    pub table: String,
    pub row: String,
    pub column: String,
    pub before: String,
    pub now: String,
}

/// The cells of `now` whose words differ from the same cell of `before`
/// (a row or table only in `now` shows as new; one only in `before` as gone).
pub fn differences(before: &Report, now: &Report) -> Vec<Difference> {
    let mut found = Vec::new();
    for table in now.tables() {
        let old_table = before.table(&table.id);
        for row in &table.rows {
            let old_row = old_table.and_then(|t| t.rows.iter().find(|r| r.label == row.label));
            for (index, cell) in row.cells.iter().enumerate() {
                let old = old_row
                    .and_then(|r| r.cells.get(index))
                    .map(|c| c.label())
                    .unwrap_or_else(|| "not in the report".into());
                let new = cell.label();
                if old != new {
                    found.push(Difference {
                        table: table.title.clone(),
                        row: row.label.clone(),
                        column: table.columns.get(index + 1).cloned().unwrap_or_default(),
                        before: old,
                        now: new,
                    });
                }
            }
        }
    }
    for table in before.tables() {
        let new_table = now.table(&table.id);
        for row in &table.rows {
            if new_table.is_none_or(|t| t.rows.iter().all(|r| r.label != row.label)) {
                found.push(Difference {
                    table: table.title.clone(),
                    row: row.label.clone(),
                    column: String::new(),
                    before: "in the report".into(),
                    now: "not in the report".into(),
                });
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Period, Shown};
    use crate::reports::{Cell, Row, Section, Table};

    fn report(rows: Vec<(&str, u32)>) -> Report {
        Report {
            period: Period::parse_key("2026-04").unwrap(),
            built_at: 0,
            sections: vec![Section {
                id: "s".into(),
                heading: "S".into(),
                summary: vec![],
                tables: vec![Table {
                    id: "t".into(),
                    title: "Reached".into(),
                    columns: vec!["Group".into(), "Number".into()],
                    rows: rows
                        .into_iter()
                        .map(|(label, n)| Row {
                            label: label.into(),
                            cells: vec![Cell::Count(Shown::of(n))],
                        })
                        .collect(),
                    chart: None,
                }],
            }],
        }
    }

    #[test]
    fn changed_new_and_gone_rows_are_listed_and_equal_ones_are_not() {
        let before = report(vec![("A", 10), ("B", 3), ("C", 7)]);
        let now = report(vec![("A", 10), ("B", 9), ("D", 6)]);
        let found = differences(&before, &now);
        let lines: Vec<(String, String, String)> = found
            .into_iter()
            .map(|d| (d.row, d.before, d.now))
            .collect();
        assert_eq!(
            lines,
            vec![
                ("B".into(), "fewer than 5".into(), "9".into()),
                ("D".into(), "not in the report".into(), "6".into()),
                (
                    "C".into(),
                    "in the report".into(),
                    "not in the report".into()
                ),
            ]
        );
        assert!(differences(&now, &now).is_empty());
    }
}
