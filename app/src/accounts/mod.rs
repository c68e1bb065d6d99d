//! Accounts and roles: signing in and out, activating an account with a
//! one-time code, and the admin pages that create and close accounts.

pub mod account_bar;
pub mod admin;
pub mod pages;
mod server_fns;

#[cfg(feature = "ssr")]
pub mod passwords;
#[cfg(feature = "ssr")]
pub mod rate_limit;
#[cfg(feature = "ssr")]
pub mod sessions;
#[cfg(feature = "ssr")]
pub mod store;

pub use server_fns::*;

use crate::domain::{AccountId, BirthMonth, Cohort, DisplayName, EmailAddress, Role, Username};
#[cfg(feature = "ssr")]
use crate::errors::VoiceError;
use crate::forms::FieldErrors;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

crate::domain::stored_enum::stored_enum! {
    /// Where an account is: worked out from its password and closing date,
    /// never stored, but named in the admin's filters.
    pub enum AccountStatus as "account status" {
        WaitingForActivation = "waiting" => "Waiting for activation",
        Active = "active" => "Active",
        Closed = "closed" => "Closed",
    }
}

/// Which accounts the admin's list shows, from its address. A value that
/// is not one of the choices (an old bookmark, a typed address) filters
/// nothing rather than failing.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountFilter {
    /// Part of a name, username or email address.
    pub search: String,
    pub role: Option<Role>,
    pub cohort: Option<Cohort>,
    pub status: Option<AccountStatus>,
}

impl AccountFilter {
    pub fn parse(
        search: Option<&str>,
        role: Option<&str>,
        cohort: Option<&str>,
        status: Option<&str>,
    ) -> AccountFilter {
        AccountFilter {
            // Long enough for any name or email; a longer search finds nothing anyway.
            search: search
                .unwrap_or_default()
                .trim()
                .chars()
                .take(200)
                .collect(),
            role: role.and_then(Role::parse),
            cohort: cohort.and_then(Cohort::parse),
            status: status.and_then(AccountStatus::parse),
        }
    }

    /// The filters as the list's address carries them.
    pub fn address_pairs(&self) -> [(&'static str, String); 4] {
        [
            ("q", self.search.clone()),
            (
                "role",
                self.role.map(Role::as_str).unwrap_or_default().into(),
            ),
            (
                "cohort",
                self.cohort.map(Cohort::as_str).unwrap_or_default().into(),
            ),
            (
                "status",
                self.status
                    .map(AccountStatus::as_str)
                    .unwrap_or_default()
                    .into(),
            ),
        ]
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSummary {
    pub id: AccountId,
    pub role: Role,
    pub display_name: String,
    /// The email address (staff) or username (young people) used to sign in.
    pub sign_in_name: String,
    pub status: AccountStatus,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountDetails {
    pub summary: AccountSummary,
    pub cohort: Option<Cohort>,
    pub birth_month: Option<BirthMonth>,
    pub created_at: String,
}

/// A new activation code, shown once to the admin who made it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedCode {
    pub account_id: AccountId,
    pub display_name: String,
    pub sign_in_name: String,
    pub code: String,
    pub activation_link: String,
    /// The activation link as a QR code, an SVG made on the server.
    pub qr_svg: String,
}

/// An account an admin has asked for, checked and ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NewAccount {
    Staff {
        role: Role,
        display_name: DisplayName,
        email: EmailAddress,
    },
    YoungPerson {
        display_name: DisplayName,
        username: Username,
        cohort: Cohort,
        birth_month: BirthMonth,
    },
}

impl NewAccount {
    pub fn parse_staff(
        display_name: &str,
        email: &str,
        role: Option<&str>,
    ) -> Result<NewAccount, FieldErrors> {
        let mut errors = FieldErrors::default();
        let display_name = errors.check("display_name", DisplayName::parse(display_name));
        let email = errors.check("email", EmailAddress::parse(email));
        let role = errors.check(
            "role",
            role.and_then(Role::parse)
                .filter(|role| role.is_staff())
                .ok_or("Choose what they will do in Voice"),
        );
        match (display_name, email, role) {
            (Some(display_name), Some(email), Some(role)) => Ok(NewAccount::Staff {
                role,
                display_name,
                email,
            }),
            _ => Err(errors),
        }
    }

    pub fn parse_young_person(
        display_name: &str,
        username: &str,
        cohort: Option<&str>,
        birth_month: &str,
        today: NaiveDate,
    ) -> Result<NewAccount, FieldErrors> {
        let mut errors = FieldErrors::default();
        let display_name = errors.check("display_name", DisplayName::parse(display_name));
        let username = errors.check("username", Username::parse(username));
        let cohort = errors.check(
            "cohort",
            cohort
                .and_then(Cohort::parse)
                .ok_or("Choose whether they are in care or a care leaver"),
        );
        let birth_month = errors.check("birth_month", BirthMonth::parse(birth_month));
        if let (Some(cohort), Some(birth_month)) = (cohort, birth_month) {
            errors.check("birth_month", birth_month.check_age_for(cohort, today));
        }
        match (display_name, username, cohort, birth_month) {
            (Some(display_name), Some(username), Some(cohort), Some(birth_month))
                if errors.is_empty() =>
            {
                Ok(NewAccount::YoungPerson {
                    display_name,
                    username,
                    cohort,
                    birth_month,
                })
            }
            _ => Err(errors),
        }
    }

    pub fn role(&self) -> Role {
        match self {
            NewAccount::Staff { role, .. } => *role,
            NewAccount::YoungPerson { .. } => Role::YoungPerson,
        }
    }

    pub fn display_name(&self) -> &str {
        match self {
            NewAccount::Staff { display_name, .. }
            | NewAccount::YoungPerson { display_name, .. } => display_name.as_str(),
        }
    }

    pub fn sign_in_name(&self) -> &str {
        match self {
            NewAccount::Staff { email, .. } => email.as_str(),
            NewAccount::YoungPerson { username, .. } => username.as_str(),
        }
    }
}

/// A young person's cohort and age band today, kept with what they say so
/// reports count them as they were when they said it.
#[cfg(feature = "ssr")]
pub async fn age_band_today(
    state: &crate::state::AppState,
    account_id: &AccountId,
) -> Result<(Cohort, crate::domain::AgeBand), VoiceError> {
    use crate::errors::{internal, Context};
    let account = store::get(&state.db, account_id)
        .await
        .context("get account")?
        .ok_or_else(|| internal("young person", "account missing"))?;
    let cohort = account
        .cohort
        .ok_or_else(|| internal("young person", "no cohort"))?;
    let today = crate::domain::period::uk_date(state.now());
    let age = account
        .birth_month
        .and_then(|birth| birth.age_on(today))
        .unwrap_or(0);
    Ok((cohort, crate::domain::AgeBand::for_person(cohort, age)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn a_young_person_needs_every_field_and_an_age_that_fits_the_cohort() {
        let ok = NewAccount::parse_young_person(
            "Jordan",
            "jordan.s",
            Some("child_in_care"),
            "2013-05",
            today(),
        );
        assert_eq!(ok.unwrap().role(), Role::YoungPerson);

        let errors = NewAccount::parse_young_person("", "j", None, "", today()).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|(field, _)| field).collect();
        assert_eq!(
            fields,
            ["display_name", "username", "cohort", "birth_month"]
        );

        let too_young = NewAccount::parse_young_person(
            "Jordan",
            "jordan",
            Some("care_leaver"),
            "2013-05",
            today(),
        );
        assert_eq!(
            too_young.unwrap_err().get("birth_month"),
            Some("A care leaver must be aged 16 to 25")
        );
    }

    #[test]
    fn staff_cannot_be_given_the_young_person_role() {
        let errors =
            NewAccount::parse_staff("Sam", "sam@council.gov.uk", Some("young_person")).unwrap_err();
        assert_eq!(
            errors.get("role"),
            Some("Choose what they will do in Voice")
        );
        let staff = NewAccount::parse_staff("Sam", "Sam@Council.gov.uk", Some("advocate")).unwrap();
        assert_eq!(
            (staff.role(), staff.sign_in_name()),
            (Role::Advocate, "sam@council.gov.uk")
        );
    }
}
