//! Signed-in sessions, stored in the database. The cookie holds a random
//! token; the database holds only its SHA-256, so a copy of the database
//! cannot be used to sign in.

use crate::auth::ssr::SignedIn;
use crate::auth::SessionUser;
use crate::cookie_token::{hash_token, new_token, token_in_cookie_header};
use crate::db::Db;
use crate::domain::{AccountId, Role};
use chrono::{DateTime, Duration, Utc};

pub const COOKIE_NAME: &str = "voice_session";
/// However active, a session ends after this long.
pub const MAX_SESSION_HOURS: i64 = 12;
/// `last_seen_at` is written at most this often, not on every request.
const TOUCH_EVERY_SECONDS: i64 = 60;

/// Starts a session and returns the token for the cookie.
pub async fn start(
    db: &Db,
    account_id: &AccountId,
    now: DateTime<Utc>,
) -> Result<String, sqlx::Error> {
    let token = new_token();
    sqlx::query("INSERT INTO login_sessions (id_hash, account_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)")
        .bind(hash_token(&token))
        .bind(account_id)
        .bind(now.timestamp())
        .execute(db)
        .await?;
    Ok(token)
}

/// What a session cookie names.
#[derive(Clone, Debug)]
pub enum Resolved {
    Live(SignedIn),
    /// A session that timed out: nobody is signed in, but a form sent with
    /// it can be kept for the account to find again (see `forms::held`).
    Ended(EndedSession),
    Unknown,
}

/// Put into the request when its cookie names a session that timed out.
#[derive(Clone, Debug)]
pub struct EndedSession {
    pub account_id: AccountId,
}

/// The session a cookie token names. A session idle too long stays in the
/// table as ended until it is too old, so every request sent with it
/// (a form refused, then sent again without JavaScript) still says whose it
/// was; too old, it is deleted.
pub async fn resolve(
    db: &Db,
    token: &str,
    now: DateTime<Utc>,
    idle_minutes: i64,
) -> Result<Resolved, sqlx::Error> {
    let id_hash = hash_token(token);
    let row: Option<(AccountId, Role, String, i64, i64)> = sqlx::query_as(
        "SELECT a.id, a.role, a.display_name, s.created_at, s.last_seen_at \
         FROM login_sessions s JOIN accounts a ON a.id = s.account_id \
         WHERE s.id_hash = $1 AND a.deactivated_at IS NULL",
    )
    .bind(&id_hash)
    .fetch_optional(db)
    .await?;
    let Some((account_id, role, display_name, created_at, last_seen_at)) = row else {
        return Ok(Resolved::Unknown);
    };
    let now_secs = now.timestamp();
    let idle_expired = now_secs - last_seen_at > Duration::minutes(idle_minutes).num_seconds();
    let too_old = now_secs - created_at > Duration::hours(MAX_SESSION_HOURS).num_seconds();
    if too_old {
        end(db, &id_hash).await?;
        return Ok(Resolved::Unknown);
    }
    if idle_expired {
        return Ok(Resolved::Ended(EndedSession { account_id }));
    }
    if now_secs - last_seen_at >= TOUCH_EVERY_SECONDS {
        sqlx::query("UPDATE login_sessions SET last_seen_at = $1 WHERE id_hash = $2")
            .bind(now_secs)
            .bind(&id_hash)
            .execute(db)
            .await?;
    }
    Ok(Resolved::Live(SignedIn {
        user: SessionUser {
            account_id,
            role,
            display_name,
        },
        session_id_hash: id_hash,
    }))
}

pub async fn end(db: &Db, id_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM login_sessions WHERE id_hash = $1")
        .bind(id_hash)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn end_all_for(
    db: impl crate::db::Runs<'_>,
    account_id: &AccountId,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM login_sessions WHERE account_id = $1")
        .bind(account_id)
        .execute(db)
        .await?;
    Ok(())
}

/// The `Set-Cookie` value for a new session: HttpOnly, SameSite=Lax, and
/// Secure when Voice is served over https. It has no Max-Age, so the browser
/// forgets it when it closes (a shared computer signs out); the server ends
/// the session after its idle time and `MAX_SESSION_HOURS` whatever the
/// browser keeps.
pub fn cookie(token: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE_NAME}={token}; Path=/; HttpOnly; SameSite=Lax{secure}")
}

pub fn removal_cookie(secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE_NAME}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}")
}

/// Finds the session token in a `Cookie` request header.
pub fn token_from_cookie_header(header: &str) -> Option<&str> {
    token_in_cookie_header(header, COOKIE_NAME)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_http_only_and_same_site() {
        let plain = cookie("abc", false);
        assert!(plain.contains("HttpOnly") && plain.contains("SameSite=Lax"));
        assert!(!plain.contains("Secure"));
        assert!(cookie("abc", true).ends_with("; Secure"));
        assert!(removal_cookie(false).contains("Max-Age=0"));
    }

    #[test]
    fn the_cookie_lasts_only_as_long_as_the_browser() {
        for secure in [false, true] {
            let value = cookie("abc", secure);
            assert!(
                !value.contains("Max-Age") && !value.contains("Expires"),
                "{value}"
            );
        }
    }

    #[test]
    fn finds_only_a_well_formed_token() {
        let token = "a".repeat(64);
        assert_eq!(
            token_from_cookie_header(&format!("x=1; voice_session={token}")),
            Some(token.as_str())
        );
        assert_eq!(token_from_cookie_header("voice_session=short"), None);
        assert_eq!(token_from_cookie_header("other=1"), None);
    }
}
