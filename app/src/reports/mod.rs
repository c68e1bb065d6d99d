//! Six-monthly voice reports: participation, promise scores, survey
//! results, forums, Right to Rights activity (numbers only), quotes and
//! "you said, we did" for one reporting period, compared with the one
//! before. The database does the counting (`queries`); a pure function
//! (`build`) turns the counts into tables with small numbers suppressed, and
//! the page, the print view, the charts and every CSV are drawn from those
//! tables only, so nothing can show a number the tables hide.

pub mod answers;
pub mod build;
pub mod charts;
pub mod compare;
pub mod csv;
pub mod inputs;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod queries;
pub mod server_fns;
#[cfg(feature = "ssr")]
pub mod store;

use crate::domain::{Period, Role, Shown};
use serde::{Deserialize, Serialize};

/// Who builds and saves reports.
pub const REPORT_ROLES: &[Role] = &[Role::ParticipationOfficer];

/// How many periods the promise trend looks back over, this one included.
pub const TREND_PERIODS: usize = 6;

/// One cell of a report table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    /// A count of young people or of their answers; 1 to 4 are hidden.
    Count(Shown),
    /// A share in whole per cent; `None` when its count is hidden.
    Percent(Option<u32>),
    /// A mean face (1 to 5); `None` when fewer than 5 chose a face.
    Mean(Option<f64>),
    /// How far a mean moved since the previous period.
    Change(Option<f64>),
    /// Words, or a number that counts nobody (a date, days, sessions held).
    Text(String),
}

impl Cell {
    /// The cell as the page and the CSV show it.
    pub fn label(&self) -> String {
        match self {
            Cell::Count(shown) => shown.label(),
            Cell::Percent(Some(percent)) => format!("{percent}%"),
            Cell::Mean(Some(mean)) => format!("{mean:.1}"),
            Cell::Change(Some(change)) => {
                crate::domain::rating_summary::describe_change(Some(*change))
            }
            Cell::Percent(None) | Cell::Mean(None) | Cell::Change(None) => String::new(),
            Cell::Text(text) => text.clone(),
        }
    }

    /// The number a chart draws, when there is one to draw.
    pub fn value(&self) -> Option<f64> {
        match self {
            Cell::Count(shown) => shown.count().map(f64::from),
            Cell::Percent(percent) => percent.map(f64::from),
            Cell::Mean(mean) | Cell::Change(mean) => *mean,
            Cell::Text(_) => None,
        }
    }
}

/// How a table is drawn as well as listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Chart {
    /// A bar per row, as long as its number in this column.
    Bars { column: usize },
    /// A line per row across the columns (means, period by period).
    Trend,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub label: String,
    pub cells: Vec<Cell>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// Unique in its report, for its CSV address: `reached-by-cohort`.
    pub id: String,
    pub title: String,
    /// The heading of the row labels, then one per cell.
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
    pub chart: Option<Chart>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub id: String,
    pub heading: String,
    /// Plain-English lines made from the section's numbers.
    pub summary: Vec<String>,
    pub tables: Vec<Table>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub period: Period,
    /// When it was built, in seconds since 1970 (UTC).
    pub built_at: i64,
    pub sections: Vec<Section>,
}

impl Report {
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.sections.iter().flat_map(|s| &s.tables)
    }

    pub fn table(&self, id: &str) -> Option<&Table> {
        self.tables().find(|t| t.id == id)
    }
}

/// A saved report, as the list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotSummary {
    pub id: String,
    pub period: Period,
    pub saved_by: String,
    /// Seconds since 1970 (UTC).
    pub saved_at: i64,
}

/// A saved report with the one saved before it, to compare.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub summary: SnapshotSummary,
    pub report: Report,
    pub previous: Option<(SnapshotSummary, Report)>,
}

/// "24 November 2026 at 14:05 UK time".
pub fn saved_at_label(seconds: i64) -> String {
    chrono::DateTime::from_timestamp(seconds, 0)
        .map(|moment| {
            crate::domain::period::uk_local_time(moment)
                .format("%-d %B %Y at %H:%M UK time")
                .to_string()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_numbers_have_no_label_or_value() {
        assert_eq!(Cell::Count(Shown::FewerThanFive).label(), "fewer than 5");
        assert_eq!(Cell::Count(Shown::FewerThanFive).value(), None);
        assert_eq!(Cell::Percent(None).label(), "");
        assert_eq!(Cell::Mean(Some(3.04)).label(), "3.0");
        assert_eq!(Cell::Change(Some(-0.4)).label(), "down 0.4");
        assert_eq!(Cell::Count(Shown::Count(12)).value(), Some(12.0));
    }

    #[test]
    fn saved_times_are_uk_times() {
        // 14:05 UTC in November is 14:05 in London; in July it is 15:05.
        assert_eq!(
            saved_at_label(1_795_529_100),
            "24 November 2026 at 14:05 UK time"
        );
        assert_eq!(
            saved_at_label(1_783_346_700),
            "6 July 2026 at 15:05 UK time"
        );
    }
}
