//! How often something may be tried: sign-ins, activation codes, join codes,
//! anonymous writing. An attempt is *reserved* before the work it guards is
//! done (a password hashed, a flag raised), in one step under one lock, so
//! 40 requests arriving at the same moment cannot all pass a check that only
//! one of them should pass.
//!
//! Kept in memory: a restart forgets, which only ever lets someone in
//! sooner, never locks them out longer. Time is passed in, so tests move a
//! clock instead of sleeping.

use chrono::{DateTime, Duration, Utc};
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

/// How many attempts fit in how long.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    pub attempts: usize,
    pub window: Duration,
}

impl Rule {
    pub const fn per_minutes(attempts: usize, minutes: i64) -> Rule {
        Rule {
            attempts,
            window: Duration::minutes(minutes),
        }
    }
}

/// What attempts are counted against: a kind of thing and whose it is (an
/// account's sign-in name, an address, a link). Two keys of different kinds
/// never share a count.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LimitKey {
    kind: &'static str,
    subject: String,
}

impl LimitKey {
    /// `kind` names the limit ("sign-in account", "join from"); `subject`
    /// is whose attempts they are.
    pub fn new(kind: &'static str, subject: impl Into<String>) -> LimitKey {
        LimitKey {
            kind,
            subject: subject.into(),
        }
    }
}

/// One attempt reserved against some keys, at one time. Give it back with
/// [`Limits::give_back`] when the attempt should not count after all (for
/// sign-in: the password was right).
#[derive(Debug)]
#[must_use = "an attempt that should not count must be given back"]
pub struct Reserved {
    at: DateTime<Utc>,
}

/// The counts of attempts, for the whole server.
#[derive(Default)]
pub struct Limits {
    attempts: Mutex<HashMap<LimitKey, VecDeque<DateTime<Utc>>>>,
}

/// Above this many keys the map is swept of keys with nothing in their window.
const SWEEP_ABOVE_KEYS: usize = 100_000;

impl Limits {
    /// Reserves one attempt against every key, each under its rule, or none
    /// of them: `Err` carries how long until the fullest key has room again.
    pub fn reserve(
        &self,
        keys: &[(LimitKey, Rule)],
        now: DateTime<Utc>,
    ) -> Result<Reserved, Duration> {
        let mut attempts = self.lock();
        if attempts.len() > SWEEP_ABOVE_KEYS {
            let longest = keys.iter().map(|(_, rule)| rule.window).max();
            let cutoff = now
                - longest
                    .unwrap_or_else(Duration::zero)
                    .max(Duration::hours(1));
            attempts.retain(|_, times| {
                forget_up_to(times, cutoff);
                !times.is_empty()
            });
        }
        let mut wait: Option<Duration> = None;
        for (key, rule) in keys {
            if let Some(times) = attempts.get_mut(key) {
                forget_up_to(times, now - rule.window);
                if times.len() >= rule.attempts {
                    let oldest_that_counts = times[times.len() - rule.attempts];
                    let until = oldest_that_counts + rule.window;
                    wait = wait.max(Some(until - now));
                }
            }
        }
        if let Some(wait) = wait {
            return Err(wait);
        }
        for (key, _) in keys {
            attempts.entry(key.clone()).or_default().push_back(now);
        }
        Ok(Reserved { at: now })
    }

    /// Takes back an attempt reserved against `key`, so it does not count.
    pub fn give_back(&self, reserved: &Reserved, key: &LimitKey) {
        let mut attempts = self.lock();
        if let Some(times) = attempts.get_mut(key) {
            if let Some(position) = times.iter().rposition(|&time| time == reserved.at) {
                times.remove(position);
            }
            if times.is_empty() {
                attempts.remove(key);
            }
        }
    }

    /// Forgets every attempt against `key` (a successful sign-in clears its
    /// account's count).
    pub fn clear(&self, key: &LimitKey) {
        self.lock().remove(key);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<LimitKey, VecDeque<DateTime<Utc>>>> {
        // The map is only ever changed whole under the lock, so a panic
        // elsewhere cannot leave it half-written.
        self.attempts
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn forget_up_to(times: &mut VecDeque<DateTime<Utc>>, cutoff: DateTime<Utc>) {
    while times.front().is_some_and(|&time| time <= cutoff) {
        times.pop_front();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use std::sync::Arc;

    const FIVE_IN_FIFTEEN: Rule = Rule::per_minutes(5, 15);

    fn start() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()
    }

    fn account(name: &str) -> (LimitKey, Rule) {
        (LimitKey::new("account", name), FIVE_IN_FIFTEEN)
    }

    #[test]
    fn a_key_is_full_after_its_attempts_until_the_first_ages_out() {
        let limits = Limits::default();
        for minute in 0..5 {
            let now = start() + Duration::minutes(minute);
            assert!(limits.reserve(&[account("jordan")], now).is_ok());
        }
        let now = start() + Duration::minutes(5);
        assert_eq!(
            limits.reserve(&[account("jordan")], now).unwrap_err(),
            Duration::minutes(10)
        );
        assert!(limits
            .reserve(&[account("jordan")], start() + Duration::minutes(15))
            .is_ok());
    }

    #[test]
    fn a_refused_attempt_reserves_nothing_on_any_key() {
        let limits = Limits::default();
        let address = (LimitKey::new("from", "192.0.2.7"), Rule::per_minutes(2, 15));
        for n in 0..2 {
            let _ = limits
                .reserve(&[account(&format!("user{n}")), address.clone()], start())
                .unwrap();
        }
        assert!(limits
            .reserve(&[account("sam"), address.clone()], start())
            .is_err());
        for _ in 0..5 {
            let _ = limits.reserve(&[account("sam")], start()).unwrap();
        }
    }

    #[test]
    fn an_attempt_given_back_does_not_count_and_clear_forgets_all() {
        let limits = Limits::default();
        for _ in 0..10 {
            let reserved = limits.reserve(&[account("jordan")], start()).unwrap();
            limits.give_back(&reserved, &account("jordan").0);
        }
        for _ in 0..5 {
            let _ = limits.reserve(&[account("jordan")], start()).unwrap();
        }
        assert!(limits.reserve(&[account("jordan")], start()).is_err());
        limits.clear(&account("jordan").0);
        assert!(limits.reserve(&[account("jordan")], start()).is_ok());
    }

    #[test]
    fn keys_of_different_kinds_never_share_a_count() {
        let limits = Limits::default();
        let sign_in = (
            LimitKey::new("sign-in from", "192.0.2.7"),
            Rule::per_minutes(1, 15),
        );
        let join = (
            LimitKey::new("join from", "192.0.2.7"),
            Rule::per_minutes(1, 15),
        );
        let _ = limits
            .reserve(std::slice::from_ref(&sign_in), start())
            .unwrap();
        assert!(limits.reserve(&[sign_in], start()).is_err());
        assert!(limits.reserve(&[join], start()).is_ok());
    }

    #[test]
    fn attempts_made_at_the_same_moment_never_pass_the_limit_together() {
        let limits = Arc::new(Limits::default());
        let threads: Vec<_> = (0..40)
            .map(|_| {
                let limits = limits.clone();
                std::thread::spawn(move || limits.reserve(&[account("jordan")], start()).is_ok())
            })
            .collect();
        let passed = threads
            .into_iter()
            .map(|thread| thread.join().unwrap())
            .filter(|&passed| passed)
            .count();
        assert_eq!(passed, 5);
    }
}
