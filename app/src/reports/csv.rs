//! Every report table as CSV, from the same suppressed cells the page
//! shows: a hidden count is "fewer than 5" here too, its share left empty.

use super::{Cell, Table};
use crate::surveys::results::csv_field;

/// A cell as a spreadsheet wants it: plain numbers, no "%".
fn csv_value(cell: &Cell) -> String {
    match cell {
        Cell::Percent(Some(percent)) => percent.to_string(),
        Cell::Mean(Some(mean)) => format!("{mean:.1}"),
        Cell::Change(Some(change)) => format!("{change:+.1}"),
        other => other.label(),
    }
}

fn line(fields: impl Iterator<Item = String>) -> String {
    let mut line = fields.map(|f| csv_field(&f)).collect::<Vec<_>>().join(",");
    line.push('\n');
    line
}

/// One table: its column headings, then a line per row.
pub fn table_csv(table: &Table) -> String {
    let mut out = line(table.columns.iter().cloned());
    for row in &table.rows {
        out.push_str(&line(
            std::iter::once(row.label.clone()).chain(row.cells.iter().map(csv_value)),
        ));
    }
    out
}

/// A file name for a table's CSV: `voice-report-2026-04-promise-scores.csv`.
pub fn file_name(period_key: &str, table_id: &str) -> String {
    format!("voice-report-{period_key}-{table_id}.csv")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Shown;
    use crate::reports::Row;

    #[test]
    fn hidden_counts_read_fewer_than_5_and_their_shares_are_empty() {
        let table = Table {
            id: "t".into(),
            title: "T".into(),
            columns: vec!["Group".into(), "Number".into(), "Share".into()],
            rows: vec![
                Row {
                    label: "Small, group".into(),
                    cells: vec![Cell::Count(Shown::FewerThanFive), Cell::Percent(None)],
                },
                Row {
                    label: "Big".into(),
                    cells: vec![Cell::Count(Shown::Count(12)), Cell::Percent(Some(80))],
                },
            ],
            chart: None,
        };
        assert_eq!(
            table_csv(&table),
            "Group,Number,Share\n\"Small, group\",fewer than 5,\nBig,12,80\n"
        );
        assert_eq!(csv_value(&Cell::Change(Some(0.4))), "+0.4");
        assert_eq!(csv_value(&Cell::Mean(Some(3.26))), "3.3");
    }
}
