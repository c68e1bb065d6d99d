//! Pure domain rules: parsing and validation that every layer shares.
//!
//! Nothing here touches the database, the clock or the network, so the same
//! rules run on the server and, after hydration, in the browser.

pub mod activation_code;
pub mod cohort;
pub mod display_name;
pub mod email;
pub mod password;
pub mod role;
pub mod username;

pub use activation_code::ActivationCode;
pub use cohort::{AgeBand, BirthMonth, Cohort};
pub use display_name::DisplayName;
pub use email::EmailAddress;
pub use password::NewPassword;
pub use role::Role;
pub use username::Username;
