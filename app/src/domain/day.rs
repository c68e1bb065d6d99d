//! A calendar day as Voice stores it: `2026-11-24` (ISO 8601), the one
//! place that format is written down for storage.

use chrono::NaiveDate;

/// The storage format of a day.
pub const STORED_FORMAT: &str = "%Y-%m-%d";

/// A day read from or written to the database.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub NaiveDate);

impl Day {
    /// The day a stored text names, or `None` if it names no day.
    pub fn parse(stored: &str) -> Option<Day> {
        NaiveDate::parse_from_str(stored, STORED_FORMAT)
            .ok()
            .map(Day)
    }

    /// The day an `<input type="date">` sent (the browser sends the same
    /// `YYYY-MM-DD`, whatever the page shows), or `None`.
    pub fn from_input(value: &str) -> Option<NaiveDate> {
        Day::parse(value.trim()).map(|Day(date)| date)
    }

    pub fn as_stored(self) -> String {
        self.0.format(STORED_FORMAT).to_string()
    }
}

impl From<Day> for NaiveDate {
    fn from(day: Day) -> NaiveDate {
        day.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_day_reads_back_and_nothing_else_reads_as_one() {
        let day = Day::parse("2026-11-24").expect("a day");
        assert_eq!(day.as_stored(), "2026-11-24");
        for not_a_day in ["", "1970", "24/11/2026", "2026-02-30", "2026-11-24 extra"] {
            assert_eq!(Day::parse(not_a_day), None, "{not_a_day:?}");
        }
    }
}
