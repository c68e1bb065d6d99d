use chrono::{Datelike, NaiveDate};

use super::stored_enum::stored_enum;
use serde::{Deserialize, Serialize};

stored_enum! {
    /// Whether a young person is a child in care or a care leaver. A child who
    /// leaves care becomes a care leaver on the same account.
    pub enum Cohort as "cohort" {
        ChildInCare = "child_in_care" => "Child in care",
        CareLeaver = "care_leaver" => "Care leaver",
    }
}

impl Cohort {
    /// The ages an account in this cohort may be created for.
    fn allowed_ages(self) -> std::ops::RangeInclusive<u32> {
        match self {
            Cohort::ChildInCare => 8..=18,
            Cohort::CareLeaver => 16..=25,
        }
    }
}

stored_enum! {
    /// The reporting age bands (Bright Spots' split for children in care).
    pub enum AgeBand as "age band" {
        /// Children in care up to their 11th birthday.
        ChildUnder11 = "8-10" => "Children in care aged 8 to 10",
        /// Children in care from 11 until they leave care.
        Child11To18 = "11-18" => "Children in care aged 11 to 18",
        /// Care leavers, 16 to 25.
        CareLeaver16To25 = "16-25" => "Care leavers aged 16 to 25",
    }
}

impl AgeBand {
    /// The band a person of this cohort and age falls in.
    pub fn for_person(cohort: Cohort, age: u32) -> AgeBand {
        match cohort {
            Cohort::ChildInCare if age < 11 => AgeBand::ChildUnder11,
            Cohort::ChildInCare => AgeBand::Child11To18,
            Cohort::CareLeaver => AgeBand::CareLeaver16To25,
        }
    }
}

/// A birth date to the month: all Voice keeps (the minimum the age band needs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BirthMonth {
    year: i32,
    month: u32,
}

impl BirthMonth {
    pub fn new(year: i32, month: u32) -> Option<BirthMonth> {
        (1..=12)
            .contains(&month)
            .then_some(BirthMonth { year, month })
    }

    /// Reads the `YYYY-MM` value of an `<input type="month">`.
    pub fn parse(input: &str) -> Result<BirthMonth, &'static str> {
        let input = input.trim();
        if input.is_empty() {
            return Err("Enter the month and year they were born");
        }
        let parsed = input
            .split_once('-')
            .and_then(|(year, month)| BirthMonth::new(year.parse().ok()?, month.parse().ok()?));
        parsed.ok_or("Enter the month and year they were born, like 2011-04")
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u32 {
        self.month
    }

    /// Age in whole years on a date. Only the month is known, so the birthday
    /// is taken as the first of the month.
    pub fn age_on(self, date: NaiveDate) -> Option<u32> {
        let mut years = date.year() - self.year;
        if date.month() < self.month {
            years -= 1;
        }
        u32::try_from(years).ok()
    }

    /// Checks that someone born this month can hold an account of this cohort today.
    pub fn check_age_for(self, cohort: Cohort, today: NaiveDate) -> Result<u32, &'static str> {
        let age = self
            .age_on(today)
            .ok_or("The birth month must be in the past")?;
        if cohort.allowed_ages().contains(&age) {
            Ok(age)
        } else {
            match cohort {
                Cohort::ChildInCare => Err("A child in care must be aged 8 to 18"),
                Cohort::CareLeaver => Err("A care leaver must be aged 16 to 25"),
            }
        }
    }
}

impl std::fmt::Display for BirthMonth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn age_turns_over_on_the_first_of_the_birth_month() {
        let born = BirthMonth::new(2015, 4).unwrap();
        assert_eq!(born.age_on(day(2026, 3, 31)), Some(10));
        assert_eq!(born.age_on(day(2026, 4, 1)), Some(11));
        assert_eq!(
            BirthMonth::new(2030, 1).unwrap().age_on(day(2026, 1, 1)),
            None
        );
    }

    #[test]
    fn eight_to_eleven_means_up_to_the_eleventh_birthday() {
        assert_eq!(
            AgeBand::for_person(Cohort::ChildInCare, 8),
            AgeBand::ChildUnder11
        );
        assert_eq!(
            AgeBand::for_person(Cohort::ChildInCare, 10),
            AgeBand::ChildUnder11
        );
        assert_eq!(
            AgeBand::for_person(Cohort::ChildInCare, 11),
            AgeBand::Child11To18
        );
        assert_eq!(
            AgeBand::for_person(Cohort::ChildInCare, 18),
            AgeBand::Child11To18
        );
        assert_eq!(
            AgeBand::for_person(Cohort::CareLeaver, 17),
            AgeBand::CareLeaver16To25
        );
    }

    #[test]
    fn reads_month_inputs() {
        assert_eq!(
            BirthMonth::parse("2011-04").unwrap(),
            BirthMonth::new(2011, 4).unwrap()
        );
        assert!(BirthMonth::parse("2011-13").is_err());
        assert!(BirthMonth::parse("April 2011").is_err());
        assert_eq!(
            BirthMonth::parse(""),
            Err("Enter the month and year they were born")
        );
        assert_eq!(BirthMonth::new(2011, 4).unwrap().to_string(), "2011-04");
    }

    #[test]
    fn accounts_are_only_for_the_ages_each_cohort_covers() {
        let today = day(2026, 11, 23);
        assert!(BirthMonth::new(2018, 11)
            .unwrap()
            .check_age_for(Cohort::ChildInCare, today)
            .is_ok());
        assert!(BirthMonth::new(2019, 1)
            .unwrap()
            .check_age_for(Cohort::ChildInCare, today)
            .is_err());
        assert!(BirthMonth::new(2010, 1)
            .unwrap()
            .check_age_for(Cohort::CareLeaver, today)
            .is_ok());
        assert!(BirthMonth::new(2000, 1)
            .unwrap()
            .check_age_for(Cohort::CareLeaver, today)
            .is_err());
    }
}
