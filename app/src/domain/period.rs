//! Reporting periods: the six-month windows the council reports on,
//! April-September and October-March. Dates are the council's (UK) dates, so
//! an answer given at 00:30 on 1 April British Summer Time belongs to the new
//! period even though it is still 31 March in UTC.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// One reporting period, identified by the month it starts, like `2026-04`
/// (which is also how it is stored and sent).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct Period {
    /// The calendar year the period starts in.
    start_year: i32,
    /// True for April-September, false for October-March.
    spring: bool,
}

impl Period {
    /// The period a calendar date falls in.
    pub fn containing(date: NaiveDate) -> Period {
        match date.month() {
            4..=9 => Period {
                start_year: date.year(),
                spring: true,
            },
            10..=12 => Period {
                start_year: date.year(),
                spring: false,
            },
            _ => Period {
                start_year: date.year() - 1,
                spring: false,
            },
        }
    }

    /// The period a moment falls in, by the date in the UK at that moment.
    pub fn at(moment: DateTime<Utc>) -> Period {
        Period::containing(uk_date(moment))
    }

    pub fn previous(self) -> Period {
        if self.spring {
            Period {
                start_year: self.start_year - 1,
                spring: false,
            }
        } else {
            Period {
                start_year: self.start_year,
                spring: true,
            }
        }
    }

    pub fn next(self) -> Period {
        if self.spring {
            Period {
                start_year: self.start_year,
                spring: false,
            }
        } else {
            Period {
                start_year: self.start_year + 1,
                spring: true,
            }
        }
    }

    /// The first day of the period.
    pub fn first_day(self) -> NaiveDate {
        let month = if self.spring { 4 } else { 10 };
        NaiveDate::from_ymd_opt(self.start_year, month, 1).expect("1 April and 1 October exist")
    }

    /// The last day of the period (30 September or 31 March).
    pub fn last_day(self) -> NaiveDate {
        self.next().first_day() - Duration::days(1)
    }

    /// The moment the period begins: midnight in the UK on its first day.
    pub fn starts_at(self) -> DateTime<Utc> {
        uk_midnight(self.first_day())
    }

    /// The moment the next period begins (the end of this one, exclusive).
    pub fn ends_at(self) -> DateTime<Utc> {
        self.next().starts_at()
    }

    /// The key stored with ratings and used in addresses: `2026-04` or `2026-10`.
    pub fn key(self) -> String {
        format!(
            "{}-{}",
            self.start_year,
            if self.spring { "04" } else { "10" }
        )
    }

    pub fn parse_key(key: &str) -> Option<Period> {
        let (year, month) = key.split_once('-')?;
        let start_year = year.parse().ok().filter(|y| (1900..=9999).contains(y))?;
        let spring = match month {
            "04" => true,
            "10" => false,
            _ => return None,
        };
        Some(Period { start_year, spring })
    }

    /// A name for people: "April to September 2026", "October 2026 to March 2027".
    pub fn name(self) -> String {
        if self.spring {
            format!("April to September {}", self.start_year)
        } else {
            format!(
                "October {} to March {}",
                self.start_year,
                self.start_year + 1
            )
        }
    }
}

/// Periods order as the calendar does: April-September before the
/// October-March that follows it.
impl Ord for Period {
    fn cmp(&self, other: &Period) -> std::cmp::Ordering {
        self.first_day().cmp(&other.first_day())
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Period) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl From<Period> for String {
    fn from(period: Period) -> String {
        period.key()
    }
}

impl TryFrom<String> for Period {
    type Error = &'static str;

    fn try_from(key: String) -> Result<Period, Self::Error> {
        Period::parse_key(&key).ok_or("not a reporting period")
    }
}

/// The date in the UK at a moment.
pub fn uk_date(moment: DateTime<Utc>) -> NaiveDate {
    uk_local_time(moment).date()
}

/// The clock time in the UK at a moment. British Summer Time (UTC+1) runs
/// from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
/// Sunday of October; the rest of the year the UK is on UTC.
pub fn uk_local_time(moment: DateTime<Utc>) -> chrono::NaiveDateTime {
    let year = moment.year();
    let summer_starts = last_sunday(year, 3)
        .and_hms_opt(1, 0, 0)
        .expect("valid time");
    let summer_ends = last_sunday(year, 10)
        .and_hms_opt(1, 0, 0)
        .expect("valid time");
    let utc = moment.naive_utc();
    if utc >= summer_starts && utc < summer_ends {
        utc + Duration::hours(1)
    } else {
        utc
    }
}

/// A moment as the people reading it count it, and said to be UK time
/// (every page that shows a time shows it this way): "3 Dec 2026 14:05
/// UK time".
pub fn uk_time_words(moment: DateTime<Utc>) -> String {
    format!(
        "{} UK time",
        uk_local_time(moment).format("%-d %b %Y %H:%M")
    )
}

/// The moment a UK calendar day begins.
pub fn uk_midnight(date: NaiveDate) -> DateTime<Utc> {
    let utc_midnight = date
        .and_hms_opt(0, 0, 0)
        .expect("midnight exists")
        .and_utc();
    // In summer the UK day begins an hour before the UTC one.
    let hour_before = utc_midnight - Duration::hours(1);
    if uk_date(hour_before) == date {
        hour_before
    } else {
        utc_midnight
    }
}

fn last_sunday(year: i32, month: u32) -> NaiveDate {
    let first_of_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)
    }
    .expect("valid month");
    let last = first_of_next - Duration::days(1);
    let back = last.weekday().num_days_from_sunday();
    last - Duration::days(back.into())
}

#[cfg(test)]
mod tests {
    #[test]
    fn times_read_in_uk_clock_time_and_say_so() {
        use chrono::TimeZone;
        let winter = Utc.with_ymd_and_hms(2026, 12, 3, 14, 5, 0).unwrap();
        assert_eq!(uk_time_words(winter), "3 Dec 2026 14:05 UK time");
        let summer = Utc.with_ymd_and_hms(2026, 7, 1, 23, 30, 0).unwrap();
        assert_eq!(uk_time_words(summer), "2 Jul 2026 00:30 UK time");
        // The clocks went forward at 01:00 UTC on 29 March 2026.
        let before = Utc.with_ymd_and_hms(2026, 3, 29, 0, 59, 0).unwrap();
        assert_eq!(uk_time_words(before), "29 Mar 2026 00:59 UK time");
        let after = Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).unwrap();
        assert_eq!(uk_time_words(after), "29 Mar 2026 02:00 UK time");
    }

    use super::*;
    use chrono::TimeZone;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    #[test]
    fn the_edges_of_each_period() {
        assert_eq!(Period::containing(day(2026, 3, 31)).key(), "2025-10");
        assert_eq!(Period::containing(day(2026, 4, 1)).key(), "2026-04");
        assert_eq!(Period::containing(day(2026, 9, 30)).key(), "2026-04");
        assert_eq!(Period::containing(day(2026, 10, 1)).key(), "2026-10");
        assert_eq!(Period::containing(day(2026, 12, 31)).key(), "2026-10");
        assert_eq!(Period::containing(day(2027, 1, 1)).key(), "2026-10");
    }

    #[test]
    fn first_and_last_days() {
        let autumn = Period::containing(day(2027, 2, 1));
        assert_eq!(autumn.first_day(), day(2026, 10, 1));
        assert_eq!(autumn.last_day(), day(2027, 3, 31));
        let spring = Period::containing(day(2026, 5, 5));
        assert_eq!(spring.first_day(), day(2026, 4, 1));
        assert_eq!(spring.last_day(), day(2026, 9, 30));
    }

    #[test]
    fn leap_years_change_nothing_at_the_edges() {
        let period = Period::containing(day(2028, 2, 29));
        assert_eq!(period.key(), "2027-10");
        assert_eq!(period.last_day(), day(2028, 3, 31));
        assert_eq!(period.next().first_day(), day(2028, 4, 1));
    }

    #[test]
    fn previous_and_next_walk_the_calendar() {
        let period = Period::containing(day(2026, 11, 23));
        assert_eq!(period.previous().key(), "2026-04");
        assert_eq!(period.previous().previous().key(), "2025-10");
        assert_eq!(period.next().key(), "2027-04");
        assert_eq!(period.previous().next(), period);
    }

    #[test]
    fn periods_order_as_the_calendar_does() {
        let spring = Period::parse_key("2026-04").unwrap();
        let autumn = Period::parse_key("2026-10").unwrap();
        assert!(spring < autumn);
        assert!(spring.previous() < spring);
        assert!(autumn < autumn.next());
        // The stored keys sort the same way, so SQL can compare them.
        assert!(spring.key() < autumn.key());
    }

    #[test]
    fn keys_round_trip_and_bad_keys_are_refused() {
        for key in ["2026-04", "2026-10"] {
            assert_eq!(Period::parse_key(key).unwrap().key(), key);
        }
        for bad in ["2026-05", "2026", "x-04", "", "99999-04"] {
            assert_eq!(Period::parse_key(bad), None, "{bad}");
        }
    }

    #[test]
    fn names_read_naturally() {
        assert_eq!(
            Period::containing(day(2026, 4, 1)).name(),
            "April to September 2026"
        );
        assert_eq!(
            Period::containing(day(2026, 3, 1)).name(),
            "October 2025 to March 2026"
        );
    }

    #[test]
    fn the_uk_date_follows_british_summer_time() {
        // 2026: BST from 29 March to 25 October.
        assert_eq!(uk_date(utc(2026, 3, 31, 23, 30)), day(2026, 4, 1));
        assert_eq!(
            Period::at(utc(2026, 3, 31, 23, 30)).key(),
            "2026-04",
            "half past midnight on 1 April in London"
        );
        assert_eq!(Period::at(utc(2026, 3, 31, 22, 59)).key(), "2025-10");
        // 30 September 23:30 UTC is already 1 October in London.
        assert_eq!(Period::at(utc(2026, 9, 30, 23, 30)).key(), "2026-10");
        // 2024: BST began at 01:00 UTC on 31 March, the last day of a period.
        assert_eq!(uk_date(utc(2024, 3, 31, 0, 30)), day(2024, 3, 31));
        assert_eq!(uk_date(utc(2024, 3, 31, 23, 30)), day(2024, 4, 1));
        // GMT again from 01:00 UTC on the last Sunday of October.
        assert_eq!(uk_date(utc(2026, 10, 25, 0, 59)), day(2026, 10, 25));
        assert_eq!(uk_date(utc(2026, 10, 25, 23, 30)), day(2026, 10, 25));
        assert_eq!(uk_date(utc(2026, 12, 31, 23, 30)), day(2026, 12, 31));
    }

    #[test]
    fn periods_begin_at_uk_midnight() {
        let spring = Period::parse_key("2026-04").unwrap();
        assert_eq!(spring.starts_at(), utc(2026, 3, 31, 23, 0));
        assert_eq!(spring.ends_at(), utc(2026, 9, 30, 23, 0));
        let autumn = Period::parse_key("2026-10").unwrap();
        assert_eq!(autumn.ends_at(), utc(2027, 3, 31, 23, 0));
        assert_eq!(uk_midnight(day(2026, 12, 1)), utc(2026, 12, 1, 0, 0));
        // The moment before a period starts is still in the one before.
        let last_moment = spring.starts_at() - Duration::seconds(1);
        assert_eq!(Period::at(last_moment), spring.previous());
        assert_eq!(Period::at(spring.starts_at()), spring);
    }

    #[test]
    fn last_sundays() {
        assert_eq!(last_sunday(2026, 3), day(2026, 3, 29));
        assert_eq!(last_sunday(2026, 10), day(2026, 10, 25));
        assert_eq!(last_sunday(2024, 3), day(2024, 3, 31));
        assert_eq!(last_sunday(2026, 12), day(2026, 12, 27));
    }
}
