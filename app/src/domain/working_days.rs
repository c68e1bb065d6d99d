//! The Right to Rights clock: a stage 1 response is due 10 working days after
//! a concern is received, and can be extended once, to 20 working days.
//!
//! Working days are Monday to Friday, except England and Wales bank holidays.
//! The day a concern is received never counts: the first working day is the
//! next one after it, so a concern received on a Friday (or at the weekend)
//! has Monday as its first working day.

use std::collections::BTreeSet;
use std::ops::Bound::{Excluded, Included};

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// Working days allowed for a stage 1 response.
pub const STAGE_ONE_WORKING_DAYS: u32 = 10;

/// Working days allowed for a stage 1 response once it has been extended.
pub const EXTENDED_WORKING_DAYS: u32 = 20;

/// Within this many working days of the due date, the clock shows "Due soon".
pub const DUE_SOON_WORKING_DAYS: i64 = 2;

/// The bank holidays the clock skips, as the database supplies them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BankHolidays(BTreeSet<NaiveDate>);

impl BankHolidays {
    pub fn new(dates: impl IntoIterator<Item = NaiveDate>) -> BankHolidays {
        BankHolidays(dates.into_iter().collect())
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.0.contains(&date)
    }

    /// How many bank holidays fall on a weekday after `from`, up to and
    /// including `to`.
    fn weekdays_after_up_to(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let count = self
            .0
            .range((Excluded(from), Included(to)))
            .filter(|date| is_weekday(**date))
            .count();
        i64::try_from(count).unwrap_or(i64::MAX)
    }
}

fn is_weekday(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Monday to Friday and not a bank holiday.
pub fn is_working_day(date: NaiveDate, holidays: &BankHolidays) -> bool {
    is_weekday(date) && !holidays.contains(date)
}

/// The date `days` working days after `start`. `start` itself never counts,
/// so Friday plus 1 working day is Monday, and so is Saturday plus 1.
/// Adding 0 gives `start` back. Dates past the end of the calendar stop at
/// the last date chrono can represent.
pub fn add_working_days(start: NaiveDate, days: u32, holidays: &BankHolidays) -> NaiveDate {
    let mut date = start;
    let mut remaining = i64::from(days);
    // Jump a week at a time while more than a week's worth is left, so the
    // last steps are taken a day at a time and always end on a working day.
    while remaining > 5 {
        let Some(week_later) = date.checked_add_days(Days::new(7)) else {
            return NaiveDate::MAX;
        };
        remaining -= 5 - holidays.weekdays_after_up_to(date, week_later);
        date = week_later;
    }
    while remaining > 0 {
        let Some(next) = date.succ_opt() else {
            return NaiveDate::MAX;
        };
        date = next;
        if is_working_day(date, holidays) {
            remaining -= 1;
        }
    }
    date
}

/// How many working days there are after `from`, up to and including `to`;
/// 0 when `to` is not after `from`.
pub fn working_days_between(from: NaiveDate, to: NaiveDate, holidays: &BankHolidays) -> i64 {
    if to <= from {
        return 0;
    }
    let days = (to - from).num_days();
    let whole_weeks = days / 7;
    // The few days after the whole weeks, counted one by one.
    let rest = (from + chrono::Duration::days(whole_weeks * 7))
        .iter_days()
        .skip(1)
        .take_while(|date| *date <= to)
        .filter(|date| is_weekday(*date))
        .count();
    let weekdays = whole_weeks * 5 + i64::try_from(rest).unwrap_or(0);
    weekdays - holidays.weekdays_after_up_to(from, to)
}

/// The date a stage 1 response is due for a concern received on
/// `received_on`: 10 working days later, or 20 once extended.
pub fn stage_one_due(received_on: NaiveDate, extended: bool, holidays: &BankHolidays) -> NaiveDate {
    let working_days = if extended {
        EXTENDED_WORKING_DAYS
    } else {
        STAGE_ONE_WORKING_DAYS
    };
    add_working_days(received_on, working_days, holidays)
}

/// Where a response stands against its due date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClockState {
    OnTime,
    /// Due today or within the next 2 working days.
    DueSoon,
    /// The due date has passed.
    Overdue,
}

impl ClockState {
    pub fn label(self) -> &'static str {
        match self {
            ClockState::OnTime => "On time",
            ClockState::DueSoon => "Due soon",
            ClockState::Overdue => "Overdue",
        }
    }
}

/// Overdue after the due date; due soon on the due date or within 2 working
/// days of it; otherwise on time.
pub fn clock_state(due_on: NaiveDate, today: NaiveDate, holidays: &BankHolidays) -> ClockState {
    if today > due_on {
        ClockState::Overdue
    } else if working_days_between(today, due_on, holidays) <= DUE_SOON_WORKING_DAYS {
        ClockState::DueSoon
    } else {
        ClockState::OnTime
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// The bank holidays a migration seeds, as (date, name), read from its SQL.
    fn seeded_by(sql: &str) -> Vec<(String, String)> {
        sql.lines()
            .filter_map(|line| {
                let line = line.trim().strip_prefix("('")?;
                let (date, rest) = line.split_once("', '")?;
                let name = rest.trim_end_matches([',', ';']).strip_suffix("')")?;
                (date.len() == 10).then(|| (date.to_string(), name.replace("''", "'")))
            })
            .collect()
    }

    fn seeded() -> Vec<(String, String)> {
        seeded_by(include_str!(
            "../../migrations/sqlite/0004_right_to_rights.sql"
        ))
    }

    fn listed_dates() -> Vec<NaiveDate> {
        seeded()
            .iter()
            .map(|(date, _)| NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap())
            .collect()
    }

    #[test]
    fn both_databases_are_seeded_with_the_same_bank_holidays() {
        assert_eq!(
            seeded(),
            seeded_by(include_str!(
                "../../migrations/postgres/0004_right_to_rights.sql"
            ))
        );
    }

    fn england_and_wales() -> BankHolidays {
        BankHolidays::new(listed_dates())
    }

    fn none() -> BankHolidays {
        BankHolidays::default()
    }

    /// Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    fn easter_sunday(year: i32) -> NaiveDate {
        let a = year % 19;
        let b = year / 100;
        let c = year % 100;
        let d = b / 4;
        let e = b % 4;
        let f = (b + 8) / 25;
        let g = (b - f + 1) / 3;
        let h = (19 * a + b - d - g + 15) % 30;
        let i = c / 4;
        let k = c % 4;
        let l = (32 + 2 * e + 2 * i - h - k) % 7;
        let m = (a + 11 * h + 22 * l) / 451;
        let month = (h + l - 7 * m + 114) / 31;
        let date = (h + l - 7 * m + 114) % 31 + 1;
        day(year, month as u32, date as u32)
    }

    /// The first Monday on or after a date.
    fn monday_on_or_after(date: NaiveDate) -> NaiveDate {
        date.iter_days()
            .find(|d| d.weekday() == Weekday::Mon)
            .unwrap()
    }

    /// The last Monday on or before a date.
    fn monday_on_or_before(date: NaiveDate) -> NaiveDate {
        let back = date.weekday().num_days_from_monday();
        date - chrono::Duration::days(back.into())
    }

    /// The fixed-date holidays moved off the weekend the way the UK does it:
    /// each one that falls on a Saturday or Sunday moves to the next weekday
    /// not already taken.
    fn substituted(dates: &[NaiveDate]) -> Vec<NaiveDate> {
        let mut taken: Vec<NaiveDate> = Vec::new();
        for date in dates {
            let observed = date
                .iter_days()
                .find(|d| is_weekday(*d) && !taken.contains(d))
                .unwrap();
            taken.push(observed);
        }
        taken
    }

    /// Every bank holiday a year should have, worked out from the rules.
    fn expected_for(year: i32) -> Vec<NaiveDate> {
        let easter = easter_sunday(year);
        let mut expected = substituted(&[day(year, 1, 1)]);
        expected.push(easter - chrono::Duration::days(2));
        expected.push(easter + chrono::Duration::days(1));
        expected.push(monday_on_or_after(day(year, 5, 1)));
        expected.push(monday_on_or_before(day(year, 5, 31)));
        expected.push(monday_on_or_before(day(year, 8, 31)));
        expected.extend(substituted(&[day(year, 12, 25), day(year, 12, 26)]));
        expected.sort();
        expected
    }

    #[test]
    fn the_easter_algorithm_agrees_with_known_easters() {
        assert_eq!(easter_sunday(2024), day(2024, 3, 31));
        assert_eq!(easter_sunday(2025), day(2025, 4, 20));
        assert_eq!(easter_sunday(2026), day(2026, 4, 5));
        assert_eq!(easter_sunday(2027), day(2027, 3, 28));
        assert_eq!(easter_sunday(2028), day(2028, 4, 16));
    }

    #[test]
    fn the_bank_holiday_list_matches_the_rules_for_every_year() {
        let listed = listed_dates();
        for year in 2024..=2028 {
            let in_year: Vec<NaiveDate> = listed
                .iter()
                .copied()
                .filter(|d| d.year() == year)
                .collect();
            assert_eq!(in_year, expected_for(year), "{year}");
        }
        assert_eq!(listed.len(), 40);
    }

    #[test]
    fn the_bank_holiday_list_is_in_order_on_weekdays_with_names() {
        let listed = listed_dates();
        assert!(listed.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(listed.iter().all(|d| is_weekday(*d)));
        let seeded = seeded();
        assert!(seeded.iter().all(|(_, name)| !name.is_empty()));
        for (date, name) in &seeded {
            let is_substitute = matches!(
                date.as_str(),
                "2026-12-28" | "2027-12-27" | "2027-12-28" | "2028-01-03"
            );
            assert_eq!(name.ends_with("(substitute day)"), is_substitute, "{date}");
        }
    }

    #[test]
    fn the_dates_people_check_are_listed() {
        let holidays = england_and_wales();
        for date in [
            day(2024, 12, 25),
            day(2024, 12, 26),
            day(2025, 4, 18),
            day(2025, 4, 21),
            day(2026, 12, 28),
            day(2027, 12, 27),
            day(2027, 12, 28),
            day(2028, 4, 14),
            day(2028, 4, 17),
        ] {
            assert!(holidays.contains(date), "{date}");
        }
        assert!(!holidays.contains(day(2026, 12, 26)), "a Saturday");
        assert!(!holidays.contains(day(2028, 1, 1)), "a Saturday");
    }

    #[test]
    fn the_receipt_day_never_counts() {
        // Wednesday 7 January 2026.
        assert_eq!(
            add_working_days(day(2026, 1, 7), 1, &none()),
            day(2026, 1, 8)
        );
        assert_eq!(
            add_working_days(day(2026, 1, 7), 0, &none()),
            day(2026, 1, 7)
        );
    }

    #[test]
    fn weekends_are_skipped() {
        // Friday 9 January 2026 plus 1 is Monday 12 January.
        assert_eq!(
            add_working_days(day(2026, 1, 9), 1, &none()),
            day(2026, 1, 12)
        );
        // A Monday plus 10 is the Monday two weeks later.
        assert_eq!(
            add_working_days(day(2026, 1, 12), 10, &none()),
            day(2026, 1, 26)
        );
        // A Thursday plus 5 is the next Thursday.
        assert_eq!(
            add_working_days(day(2026, 1, 8), 5, &none()),
            day(2026, 1, 15)
        );
    }

    #[test]
    fn receipt_at_the_weekend_starts_counting_on_monday() {
        let monday = day(2026, 1, 12);
        assert_eq!(add_working_days(day(2026, 1, 10), 1, &none()), monday);
        assert_eq!(add_working_days(day(2026, 1, 11), 1, &none()), monday);
        // Saturday plus 10 is the Friday of the following week.
        assert_eq!(
            add_working_days(day(2026, 1, 10), 10, &none()),
            day(2026, 1, 23)
        );
    }

    #[test]
    fn a_bank_holiday_in_the_window_adds_a_day() {
        let holidays = england_and_wales();
        // Received Friday 22 May 2026; Monday 25 May is the spring bank holiday.
        assert_eq!(
            add_working_days(day(2026, 5, 22), 10, &none()),
            day(2026, 6, 5)
        );
        assert_eq!(
            add_working_days(day(2026, 5, 22), 10, &holidays),
            day(2026, 6, 8)
        );
        // Friday before the holiday plus 1 skips the weekend and the Monday.
        assert_eq!(
            add_working_days(day(2026, 5, 22), 1, &holidays),
            day(2026, 5, 26)
        );
    }

    #[test]
    fn christmas_boxing_day_and_new_year_are_skipped() {
        let holidays = england_and_wales();
        // Received Friday 18 December 2026. Counting: 21, 22, 23, 24 Dec
        // (1-4); 25 Dec bank holiday; weekend; 28 Dec substitute Boxing Day;
        // 29, 30, 31 Dec (5-7); 1 Jan bank holiday; weekend; 4, 5, 6 Jan (8-10).
        assert_eq!(
            add_working_days(day(2026, 12, 18), 10, &holidays),
            day(2027, 1, 6)
        );
        // Received Friday 24 December 2027: Christmas Day and Boxing Day fall
        // at the weekend, so Monday 27 and Tuesday 28 are substitute days.
        assert_eq!(
            add_working_days(day(2027, 12, 24), 1, &holidays),
            day(2027, 12, 29)
        );
        // 3 January 2028 is the substitute New Year's Day.
        assert_eq!(
            add_working_days(day(2027, 12, 31), 1, &holidays),
            day(2028, 1, 4)
        );
    }

    #[test]
    fn easter_friday_and_monday_are_skipped() {
        let holidays = england_and_wales();
        // Received Thursday 17 April 2025: Good Friday 18 and Easter Monday 21
        // are skipped, so the first working day is Tuesday 22 April.
        assert_eq!(
            add_working_days(day(2025, 4, 17), 1, &holidays),
            day(2025, 4, 22)
        );
        assert_eq!(
            add_working_days(day(2025, 4, 17), 10, &holidays),
            day(2025, 5, 6),
            "Monday 5 May is the early May bank holiday too"
        );
        assert_eq!(
            add_working_days(day(2028, 4, 13), 1, &holidays),
            day(2028, 4, 18)
        );
    }

    #[test]
    fn stage_one_is_ten_working_days_and_the_extension_twenty() {
        let holidays = england_and_wales();
        // Monday 12 January 2026, no holidays nearby.
        assert_eq!(
            stage_one_due(day(2026, 1, 12), false, &holidays),
            day(2026, 1, 26)
        );
        let extended = stage_one_due(day(2026, 1, 12), true, &holidays);
        assert_eq!(extended, day(2026, 2, 9));
        assert_eq!(
            working_days_between(day(2026, 1, 12), extended, &holidays),
            i64::from(EXTENDED_WORKING_DAYS)
        );
        // Extended over Christmas 2026: 20 working days from 18 December.
        assert_eq!(
            stage_one_due(day(2026, 12, 18), true, &holidays),
            day(2027, 1, 20)
        );
    }

    #[test]
    fn counting_between_dates_matches_adding() {
        let holidays = england_and_wales();
        let mut start = day(2024, 1, 1);
        while start < day(2028, 12, 1) {
            for days in [0, 1, 2, 5, 6, 7, 10, 11, 20, 23] {
                let end = add_working_days(start, days, &holidays);
                assert_eq!(
                    working_days_between(start, end, &holidays),
                    i64::from(days),
                    "{start} + {days}"
                );
                if days > 0 {
                    assert!(is_working_day(end, &holidays), "{start} + {days}");
                }
            }
            start = start.succ_opt().unwrap();
        }
    }

    #[test]
    fn counting_between_dates_excludes_the_first_and_includes_the_last() {
        let holidays = england_and_wales();
        // Monday to Friday of one week.
        assert_eq!(
            working_days_between(day(2026, 1, 12), day(2026, 1, 16), &none()),
            4
        );
        // Friday to Monday.
        assert_eq!(
            working_days_between(day(2026, 1, 9), day(2026, 1, 12), &none()),
            1
        );
        // Saturday to Sunday.
        assert_eq!(
            working_days_between(day(2026, 1, 10), day(2026, 1, 11), &none()),
            0
        );
        assert_eq!(
            working_days_between(day(2026, 12, 24), day(2026, 12, 29), &holidays),
            1
        );
    }

    #[test]
    fn counting_backwards_or_to_the_same_day_is_zero() {
        let today = day(2026, 1, 14);
        assert_eq!(working_days_between(today, today, &none()), 0);
        assert_eq!(working_days_between(today, day(2026, 1, 1), &none()), 0);
    }

    #[test]
    fn the_end_of_the_calendar_does_not_panic() {
        assert_eq!(add_working_days(NaiveDate::MAX, 1, &none()), NaiveDate::MAX);
        let near_the_end = NaiveDate::MAX - chrono::Duration::days(3);
        assert_eq!(add_working_days(near_the_end, 30, &none()), NaiveDate::MAX);
        assert!(working_days_between(NaiveDate::MIN, NaiveDate::MAX, &none()) > 0);
    }

    #[test]
    fn the_clock_is_overdue_only_after_the_due_date() {
        let holidays = england_and_wales();
        let due = day(2026, 1, 26); // a Monday
        assert_eq!(clock_state(due, due, &holidays), ClockState::DueSoon);
        assert_eq!(
            clock_state(due, day(2026, 1, 27), &holidays),
            ClockState::Overdue
        );
    }

    #[test]
    fn the_clock_is_due_soon_within_two_working_days() {
        let holidays = england_and_wales();
        let due = day(2026, 1, 26); // a Monday
                                    // Thursday: Friday and Monday are left, so due soon.
        assert_eq!(
            clock_state(due, day(2026, 1, 22), &holidays),
            ClockState::DueSoon
        );
        // Wednesday: three working days left.
        assert_eq!(
            clock_state(due, day(2026, 1, 21), &holidays),
            ClockState::OnTime
        );
        // A bank holiday in between keeps it due soon for longer: due Tuesday
        // 26 May 2026, and on Thursday 21 May only Friday and Tuesday are left.
        assert_eq!(
            clock_state(day(2026, 5, 26), day(2026, 5, 21), &holidays),
            ClockState::DueSoon
        );
        assert_eq!(
            clock_state(day(2026, 5, 26), day(2026, 5, 20), &holidays),
            ClockState::OnTime
        );
    }

    #[test]
    fn a_deadline_reports_its_clock() {
        let holidays = england_and_wales();
        let due = stage_one_due(day(2026, 1, 12), false, &holidays);
        assert_eq!(
            clock_state(due, day(2026, 1, 12), &holidays),
            ClockState::OnTime
        );
        assert_eq!(
            clock_state(due, day(2026, 1, 26), &holidays),
            ClockState::DueSoon
        );
        assert_eq!(
            clock_state(due, day(2026, 2, 1), &holidays),
            ClockState::Overdue
        );
    }

    #[test]
    fn clock_labels_read_naturally() {
        assert_eq!(ClockState::OnTime.label(), "On time");
        assert_eq!(ClockState::DueSoon.label(), "Due soon");
        assert_eq!(ClockState::Overdue.label(), "Overdue");
    }
}
