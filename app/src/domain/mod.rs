//! Pure domain rules: parsing and validation that every layer shares.
//!
//! Nothing here touches the database, the clock or the network, so the same
//! rules run on the server and, after hydration, in the browser.

pub mod activation_code;
pub mod cohort;
pub mod concern;
pub mod day;
pub mod display_name;
pub mod email;
pub mod face_scale;
pub mod harm_phrases;
pub mod ids;
pub mod join_code;
pub mod paging;
pub mod password;
pub mod period;
pub mod rating_summary;
pub mod role;
pub mod same_site_path;
pub mod stored_enum;
pub mod suppression;
pub mod username;
pub mod working_days;

pub use activation_code::ActivationCode;
pub use cohort::{AgeBand, BirthMonth, Cohort};
pub use day::Day;
pub use display_name::DisplayName;
pub use email::EmailAddress;
pub use face_scale::FaceRating;
pub use ids::{AccountId, ConcernId, LiveSessionId, SurveyId};
pub use password::NewPassword;
pub use period::Period;
pub use role::Role;
pub use same_site_path::SameSitePath;
pub use suppression::Shown;
pub use username::Username;
