//! Writing kept through signing in again.
//!
//! A young person can take half an hour over a concern; if their session
//! ended meanwhile, the form they send is refused with "please sign in".
//! Instead of losing it, the server keeps what the form held, less any
//! password, against a random token in a browser cookie and the account
//! whose session ended. After that account signs in again, in that browser,
//! sign-in goes back to the page and the form is filled in again from it.
//! Nobody else signing in on the same browser gets it.

use crate::db::Db;
use crate::domain::AccountId;
use chrono::{DateTime, Duration, Utc};

pub const COOKIE_NAME: &str = "voice_held";

/// How long kept writing waits for its writer to sign in again.
pub const KEEP_HOURS: i64 = 24;

/// What the form says when it is filled in again.
pub const KEPT_WHILE_SIGNED_OUT: &str = "You were signed out before this was saved, \
     so we kept what you wrote. Check it, then send it again.";

/// A form that was refused because its writer's session had ended.
pub struct RefusedForm<'a> {
    pub account_id: &'a AccountId,
    /// The page it was sent from (and is sent back to after signing in).
    pub page: &'a str,
    /// The url-encoded body as the browser sent it.
    pub body: &'a str,
}

/// Keeps the form and returns the token for the cookie; `None` if the body
/// names no form. One form per browser: a later one replaces it.
pub async fn keep(
    db: &Db,
    form: &RefusedForm<'_>,
    token: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Option<String>, sqlx::Error> {
    let fields: Vec<(String, String)> = form_urlencoded::parse(form.body.as_bytes())
        .into_owned()
        .collect();
    let Some(action) = fields
        .iter()
        .find(|(name, _)| name == "_action")
        .map(|(_, value)| value.clone())
    else {
        return Ok(None);
    };
    let kept = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(
            fields
                .iter()
                .filter(|(name, _)| name != "_action" && !crate::forms::is_secret(name)),
        )
        .finish();
    let token = token.map_or_else(crate::cookie_token::new_token, str::to_string);
    let token_hash = crate::cookie_token::hash_token(&token);
    let too_old = (now - Duration::hours(KEEP_HOURS)).timestamp();
    sqlx::query("DELETE FROM held_forms WHERE token_hash = $1 OR held_at < $2")
        .bind(&token_hash)
        .bind(too_old)
        .execute(db)
        .await?;
    sqlx::query(
        "INSERT INTO held_forms (token_hash, account_id, page, action, fields, held_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&token_hash)
    .bind(form.account_id)
    .bind(form.page)
    .bind(&action)
    .bind(&kept)
    .bind(now.timestamp())
    .execute(db)
    .await?;
    Ok(Some(token))
}

/// The page whose form this browser kept for `account_id`, to go back to
/// after signing in.
pub async fn page_waiting(
    db: &Db,
    token: &str,
    account_id: &AccountId,
    now: DateTime<Utc>,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT page FROM held_forms WHERE token_hash = $1 AND account_id = $2 AND held_at >= $3",
    )
    .bind(crate::cookie_token::hash_token(token))
    .bind(account_id)
    .bind((now - Duration::hours(KEEP_HOURS)).timestamp())
    .fetch_optional(db)
    .await
}

/// The fields kept for the form `action` on `page`, for `account_id`,
/// given back once: the form shows them from then on.
pub async fn take(
    db: &Db,
    token: &str,
    account_id: &AccountId,
    page: &str,
    action: &str,
    now: DateTime<Utc>,
) -> Result<Option<Vec<(String, String)>>, sqlx::Error> {
    let token_hash = crate::cookie_token::hash_token(token);
    let fields: Option<String> = sqlx::query_scalar(
        "SELECT fields FROM held_forms WHERE token_hash = $1 AND account_id = $2 \
         AND page = $3 AND action = $4 AND held_at >= $5",
    )
    .bind(&token_hash)
    .bind(account_id)
    .bind(page)
    .bind(action)
    .bind((now - Duration::hours(KEEP_HOURS)).timestamp())
    .fetch_optional(db)
    .await?;
    let Some(fields) = fields else {
        return Ok(None);
    };
    sqlx::query("DELETE FROM held_forms WHERE token_hash = $1")
        .bind(&token_hash)
        .execute(db)
        .await?;
    Ok(Some(
        form_urlencoded::parse(fields.as_bytes())
            .into_owned()
            .collect(),
    ))
}

/// The `Set-Cookie` value: gone when the browser closes, like the session.
pub fn cookie(token: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE_NAME}={token}; Path=/; HttpOnly; SameSite=Lax{secure}")
}

/// Finds the token in a `Cookie` request header.
pub fn token_from_cookie_header(header: &str) -> Option<&str> {
    crate::cookie_token::token_in_cookie_header(header, COOKIE_NAME)
}

/// This browser's token, from the request being answered.
pub fn token_in_request() -> Option<String> {
    let parts = leptos::prelude::use_context::<http::request::Parts>()?;
    let header = parts.headers.get(http::header::COOKIE)?.to_str().ok()?;
    token_from_cookie_header(header).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_is_http_only_and_ends_with_the_browser() {
        let cookie = cookie("abc", true);
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
        assert!(!cookie.contains("Max-Age") && !cookie.contains("Expires"));
        assert!(cookie.ends_with("; Secure"));
    }

    #[test]
    fn finds_only_a_well_formed_token() {
        let token = "b".repeat(64);
        assert_eq!(
            token_from_cookie_header(&format!("voice_session=x; voice_held={token}")),
            Some(token.as_str())
        );
        assert_eq!(token_from_cookie_header("voice_held=short"), None);
    }
}
