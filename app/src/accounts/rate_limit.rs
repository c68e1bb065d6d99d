//! The limits on guessing passwords and activation codes (see
//! `crate::limits` for how attempts are reserved before any hashing).

use crate::limits::{LimitKey, Limits, Reserved, Rule};
use chrono::{DateTime, Duration, Utc};
use std::net::IpAddr;

/// Failed sign-ins to one account.
pub const PER_ACCOUNT: Rule = Rule::per_minutes(5, 15);
/// Failed sign-ins from one address. A forum room shares one address, so
/// this is higher.
pub const SIGN_IN_PER_ADDRESS: Rule = Rule::per_minutes(30, 15);
/// Once an address has used its allowance, each account may be tried from
/// it this often.
pub const SIGN_IN_PER_ACCOUNT_FROM_BUSY_ADDRESS: Rule = Rule::per_minutes(1, 15);
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

fn account_from(address: IpAddr, login: &str) -> (LimitKey, Rule) {
    (
        LimitKey::new(
            "sign-in to account from address",
            format!("{address} {login}"),
        ),
        SIGN_IN_PER_ACCOUNT_FROM_BUSY_ADDRESS,
    )
}

/// Reserves a sign-in attempt to `login` from `address`, returning the keys
/// it was counted against (the account's first) or how long to wait.
///
/// A correct password must not be refused because other people at the same
/// address mistyped (a forum room shares one Wi-Fi, a council one proxy).
/// So when the address has used its allowance, an attempt from it is still
/// let through, but only once per account per window: a correct password
/// gets in on its first try, while someone guessing across many accounts
/// from that address gets one guess at each instead of five.
pub fn reserve_sign_in(
    limits: &Limits,
    login: &str,
    address: Option<IpAddr>,
    now: DateTime<Utc>,
) -> Result<(Vec<(LimitKey, Rule)>, Reserved), Duration> {
    let reserve = |keys: Vec<(LimitKey, Rule)>| limits.reserve(&keys, now).map(|r| (keys, r));
    let Some(address) = address else {
        return reserve(vec![account(login)]);
    };
    reserve(vec![account(login), sign_in_from(address)])
        .or_else(|_| reserve(vec![account(login), account_from(address, login)]))
}

pub fn activation_from(address: IpAddr) -> (LimitKey, Rule) {
    (
        LimitKey::new("activation from address", address.to_string()),
        ACTIVATION_PER_ADDRESS,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    #[test]
    fn a_busy_address_still_gets_one_try_at_each_account() {
        let limits = Limits::default();
        let room: IpAddr = "192.0.2.7".parse().unwrap();
        for n in 0..SIGN_IN_PER_ADDRESS.attempts {
            let _ = reserve_sign_in(&limits, &format!("guess{n}"), Some(room), now()).unwrap();
        }
        let (keys, _) = reserve_sign_in(&limits, "jordan", Some(room), now()).unwrap();
        assert_eq!(keys[1], account_from(room, "jordan"));
        assert_eq!(
            reserve_sign_in(&limits, "jordan", Some(room), now()).unwrap_err(),
            Duration::minutes(15)
        );
        // Elsewhere, the account has its usual tries left.
        let home: IpAddr = "198.51.100.1".parse().unwrap();
        for _ in 1..PER_ACCOUNT.attempts {
            let _ = reserve_sign_in(&limits, "jordan", Some(home), now()).unwrap();
        }
        assert!(reserve_sign_in(&limits, "jordan", Some(home), now()).is_err());
    }
}
