//! Counts failed sign-in and activation attempts so that passwords and codes
//! cannot be guessed. Kept in memory: a restart forgets, which only ever
//! lets someone in sooner, never locks them out longer.

use chrono::{DateTime, Duration, Utc};
use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;

/// What a failure is counted against.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum LimitKey {
    /// The username or email address tried.
    Account(String),
    /// The address sign-ins came from. A forum room shares one address, so
    /// its limit is higher.
    SignInFrom(IpAddr),
    /// The address activation codes were tried from.
    ActivationFrom(IpAddr),
}

impl LimitKey {
    fn max_failures(&self) -> usize {
        match self {
            LimitKey::Account(_) => 5,
            LimitKey::SignInFrom(_) => 30,
            LimitKey::ActivationFrom(_) => 10,
        }
    }
}

pub const WINDOW_MINUTES: i64 = 15;

#[derive(Default)]
pub struct SignInLimiter {
    failures: HashMap<LimitKey, VecDeque<DateTime<Utc>>>,
}

impl SignInLimiter {
    /// `Err` with the time to wait when any key has used up its attempts.
    pub fn check(&mut self, keys: &[LimitKey], now: DateTime<Utc>) -> Result<(), Duration> {
        let window = Duration::minutes(WINDOW_MINUTES);
        let mut wait = None;
        for key in keys {
            if let Some(times) = self.failures.get_mut(key) {
                forget_before(times, now - window);
                if times.len() >= key.max_failures() {
                    let until = times[times.len() - key.max_failures()] + window;
                    wait = wait.max(Some(until - now));
                }
            }
        }
        wait.map_or(Ok(()), Err)
    }

    pub fn record_failure(&mut self, keys: &[LimitKey], now: DateTime<Utc>) {
        if self.failures.len() > 100_000 {
            let cutoff = now - Duration::minutes(WINDOW_MINUTES);
            self.failures.retain(|_, times| {
                forget_before(times, cutoff);
                !times.is_empty()
            });
        }
        for key in keys {
            self.failures.entry(key.clone()).or_default().push_back(now);
        }
    }

    /// A successful sign-in clears the account's count (not the address's).
    pub fn clear(&mut self, key: &LimitKey) {
        self.failures.remove(key);
    }
}

fn forget_before(times: &mut VecDeque<DateTime<Utc>>, cutoff: DateTime<Utc>) {
    while times.front().is_some_and(|&time| time <= cutoff) {
        times.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn start() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    #[test]
    fn an_account_is_held_after_five_failures_until_the_first_ages_out() {
        let mut limiter = SignInLimiter::default();
        let keys = [LimitKey::Account("jordan".into())];
        for minute in 0..5 {
            let now = start() + Duration::minutes(minute);
            assert!(limiter.check(&keys, now).is_ok());
            limiter.record_failure(&keys, now);
        }
        let now = start() + Duration::minutes(5);
        assert_eq!(limiter.check(&keys, now), Err(Duration::minutes(10)));
        assert!(limiter
            .check(&keys, start() + Duration::minutes(15))
            .is_ok());
    }

    #[test]
    fn other_accounts_are_not_held_and_success_clears_the_count() {
        let mut limiter = SignInLimiter::default();
        let jordan = [LimitKey::Account("jordan".into())];
        for _ in 0..5 {
            limiter.record_failure(&jordan, start());
        }
        assert!(limiter
            .check(&[LimitKey::Account("sam".into())], start())
            .is_ok());
        limiter.clear(&jordan[0]);
        assert!(limiter.check(&jordan, start()).is_ok());
    }

    #[test]
    fn an_address_is_held_after_thirty_failures_across_accounts() {
        let mut limiter = SignInLimiter::default();
        let ip: IpAddr = "192.0.2.7".parse().unwrap();
        for n in 0..30 {
            limiter.record_failure(
                &[
                    LimitKey::Account(format!("user{n}")),
                    LimitKey::SignInFrom(ip),
                ],
                start(),
            );
        }
        assert!(limiter
            .check(
                &[LimitKey::Account("new".into()), LimitKey::SignInFrom(ip)],
                start()
            )
            .is_err());
        assert!(limiter
            .check(&[LimitKey::ActivationFrom(ip)], start())
            .is_ok());
    }
}
