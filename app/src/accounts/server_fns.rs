//! Signing in and out and activating an account.

use crate::auth::SessionUser;
use crate::errors::VoiceError;
#[cfg(feature = "ssr")]
use crate::forms::FieldErrors;
use crate::forms::FormReply;
use leptos::prelude::*;

/// Shown for an unknown account and a wrong password alike, so the answer
/// does not tell anyone which accounts exist.
pub const WRONG_SIGN_IN: &str =
    "The username, email address or password is not right. Check them and try again.";
pub const CLOSED_ACCOUNT: &str =
    "This account has been closed. Talk to your worker if you need it again.";
pub const WRONG_CODE: &str =
    "That code is not right, or it has already been used or run out. Check your letter, or ask a member of staff for a new code.";

#[cfg(feature = "ssr")]
fn too_many_attempts(wait: chrono::Duration) -> String {
    let minutes = (wait.num_seconds() + 59) / 60;
    format!(
        "Too many attempts. Wait {minutes} minute{} and try again, or ask a member of staff for help.",
        if minutes == 1 { "" } else { "s" }
    )
}

/// Who is signed in, if anyone. Open to everyone: it only ever describes the caller.
#[server(prefix = "/api", endpoint = "current-user")]
pub async fn current_user() -> Result<Option<SessionUser>, VoiceError> {
    Ok(crate::auth::ssr::signed_in().map(|session| session.user))
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::super::passwords::{HashError, BUSY};
    use super::super::sessions;
    use crate::auth::ssr::{app_state, signed_in};
    use crate::errors::Context;
    use crate::errors::VoiceError;
    use crate::forms::{FieldErrors, FormReply};
    use crate::limits::{LimitKey, Reserved, Rule};
    use crate::state::AppState;

    /// Ends any session the browser already had and starts a fresh one, so a
    /// session id planted before sign-in is never the one that is signed in.
    pub async fn start_fresh_session(
        state: &AppState,
        account_id: &crate::domain::AccountId,
    ) -> Result<(), VoiceError> {
        if let Some(previous) = signed_in() {
            sessions::end(&state.db, &previous.session_id_hash)
                .await
                .context("end session")?;
        }
        let token = sessions::start(&state.db, account_id, state.now())
            .await
            .context("start session")?;
        crate::auth::ssr::set_cookie(&sessions::cookie(&token, state.config.cookies_are_secure()));
        Ok(())
    }

    pub fn state() -> Result<AppState, VoiceError> {
        app_state()
    }

    /// The password could not be checked (every worker stayed busy, or
    /// hashing failed): the attempt does not count, and the person is asked
    /// to try again rather than shown an error page.
    pub fn not_checked<T>(
        state: &AppState,
        reserved: &Reserved,
        keys: &[(LimitKey, Rule)],
        error: HashError,
    ) -> FormReply<T> {
        if let HashError::Failed(_) = error {
            tracing::error!("{error}");
        }
        for (key, _) in keys {
            state.limits.give_back(reserved, key);
        }
        FormReply::Invalid(FieldErrors::form(BUSY))
    }
}

#[server(prefix = "/api", endpoint = "sign-in")]
pub async fn sign_in(login: String, password: String) -> Result<FormReply<()>, VoiceError> {
    use super::{passwords, rate_limit, store};
    use crate::auth::ssr::client_ip;
    use crate::errors::Context;

    let mut errors = FieldErrors::default();
    let login = login.trim().to_lowercase();
    if login.is_empty() {
        errors.add("login", "Enter your username or email address");
    }
    if password.is_empty() {
        errors.add("password", "Enter your password");
    }
    if let Some(reply) = FormReply::invalid_if_any(errors) {
        return Ok(reply);
    }
    let state = ssr::state()?;
    let now = state.now();
    // The attempt is counted before the password is checked, so attempts
    // arriving together cannot all slip under the limit.
    let (keys, reserved) =
        match rate_limit::reserve_sign_in(&state.limits, &login, client_ip(), now) {
            Ok(reserved) => reserved,
            Err(wait) => {
                return Ok(FormReply::Invalid(FieldErrors::form(too_many_attempts(
                    wait,
                ))))
            }
        };

    let record = store::find_for_sign_in(&state.db, &login)
        .await
        .context("find account")?;
    let password_hash = record.as_ref().and_then(|r| r.password_hash.clone());
    let password_matches = match passwords::verify(password, password_hash).await {
        Ok(matches) => matches,
        Err(error) => return Ok(ssr::not_checked(&state, &reserved, &keys, error)),
    };
    let Some(account) = record.filter(|_| password_matches) else {
        let mut errors = FieldErrors::default();
        errors.add("login", WRONG_SIGN_IN);
        return Ok(FormReply::Invalid(errors));
    };
    // Right: this attempt does not count against the address, and the
    // account's earlier failures are forgotten.
    for (key, _) in &keys[1..] {
        state.limits.give_back(&reserved, key);
    }
    state.limits.clear(&keys[0].0);
    if account.deactivated {
        return Ok(FormReply::Invalid(FieldErrors::form(CLOSED_ACCOUNT)));
    }
    ssr::start_fresh_session(&state, &account.id).await?;
    // Back to a form this browser kept for them while they were signed out.
    let kept_page = match crate::forms::held::token_in_request() {
        Some(token) => crate::forms::held::page_waiting(&state.db, &token, &account.id, now)
            .await
            .context("kept form")?,
        None => None,
    };
    let next = crate::domain::SameSitePath::or_home(kept_page.as_deref());
    Ok(FormReply::Redirect(next.to_string()))
}

#[server(prefix = "/api", endpoint = "sign-out")]
pub async fn sign_out() -> Result<FormReply<()>, VoiceError> {
    use super::sessions;
    use crate::errors::Context;

    let state = ssr::state()?;
    if let Some(session) = crate::auth::ssr::signed_in() {
        sessions::end(&state.db, &session.session_id_hash)
            .await
            .context("end session")?;
    }
    crate::auth::ssr::set_cookie(&sessions::removal_cookie(state.config.cookies_are_secure()));
    Ok(FormReply::Redirect("/sign-in?signed-out=1".into()))
}

#[server(prefix = "/api", endpoint = "activate")]
pub async fn activate(
    code: String,
    password: String,
    password_confirmation: String,
) -> Result<FormReply<()>, VoiceError> {
    use super::{passwords, rate_limit, store};
    use crate::auth::ssr::client_ip;
    use crate::domain::password::PasswordField;
    use crate::domain::{ActivationCode, NewPassword};
    use crate::errors::Context;

    let mut errors = FieldErrors::default();
    let code = errors.check("code", ActivationCode::parse(&code));
    let password = match NewPassword::parse(&password, &password_confirmation) {
        Ok(password) => Some(password),
        Err((PasswordField::Password, message)) => {
            errors.check::<NewPassword>("password", Err(message))
        }
        Err((PasswordField::Confirmation, message)) => {
            errors.check::<NewPassword>("password_confirmation", Err(message))
        }
    };
    let (Some(code), Some(password)) = (code, password) else {
        return Ok(FormReply::Invalid(errors));
    };
    let state = ssr::state()?;
    let now = state.now();
    let keys: Vec<_> = client_ip()
        .map(rate_limit::activation_from)
        .into_iter()
        .collect();
    let reserved = match state.limits.reserve(&keys, now) {
        Ok(reserved) => reserved,
        Err(wait) => {
            return Ok(FormReply::Invalid(FieldErrors::form(too_many_attempts(
                wait,
            ))))
        }
    };
    // A wrong code costs no password hash.
    let code_is_pending =
        store::is_pending_code(&state.db, &state.config.activation_key, &code, now)
            .await
            .context("look up code")?;
    let password_hash = if code_is_pending {
        match passwords::hash(password.expose().to_string()).await {
            Ok(hash) => Some(hash),
            Err(error) => return Ok(ssr::not_checked(&state, &reserved, &keys, error)),
        }
    } else {
        None
    };
    let mut tx = state.db.begin().await.context("begin")?;
    let activated = match password_hash {
        Some(password_hash) => store::activate(
            &mut *tx,
            &state.config.activation_key,
            &code,
            &password_hash,
            now,
        )
        .await
        .context("activate")?,
        None => None,
    };
    let Some(account_id) = activated else {
        let mut errors = FieldErrors::default();
        errors.add("code", WRONG_CODE);
        return Ok(FormReply::Invalid(errors));
    };
    for (key, _) in &keys {
        state.limits.give_back(&reserved, key);
    }
    crate::audit::commit_with_line(
        tx,
        now,
        Some(&account_id),
        crate::audit::AuditAction::AccountActivated,
        &account_id,
        "",
    )
    .await?;
    ssr::start_fresh_session(&state, &account_id).await?;
    Ok(FormReply::Redirect("/".into()))
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn the_wait_is_given_in_whole_minutes() {
        assert!(too_many_attempts(chrono::Duration::seconds(61)).contains("Wait 2 minutes"));
        assert!(too_many_attempts(chrono::Duration::seconds(60)).contains("Wait 1 minute "));
    }
}
