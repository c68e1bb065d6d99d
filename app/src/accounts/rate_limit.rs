//! The limits on guessing passwords and activation codes (see
//! `crate::limits` for how attempts are reserved before any hashing).

use crate::limits::{LimitKey, Rule};
use std::net::IpAddr;

/// Failed sign-ins to one account.
pub const PER_ACCOUNT: Rule = Rule::per_minutes(5, 15);
/// Failed sign-ins from one address. A forum room shares one address, so
/// this is higher.
pub const SIGN_IN_PER_ADDRESS: Rule = Rule::per_minutes(30, 15);
/// Wrong activation codes from one address.
pub const ACTIVATION_PER_ADDRESS: Rule = Rule::per_minutes(10, 15);

/// Sign-ins to the account named `login` (as typed, lower-cased).
pub fn account(login: &str) -> (LimitKey, Rule) {
    (LimitKey::new("sign-in to account", login), PER_ACCOUNT)
}

pub fn sign_in_from(address: IpAddr) -> (LimitKey, Rule) {
    (
        LimitKey::new("sign-in from address", address.to_string()),
        SIGN_IN_PER_ADDRESS,
    )
}

pub fn activation_from(address: IpAddr) -> (LimitKey, Rule) {
    (
        LimitKey::new("activation from address", address.to_string()),
        ACTIVATION_PER_ADDRESS,
    )
}
