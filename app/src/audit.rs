//! The audit log: who did what to whom, and when. Admin actions (and later,
//! every staff view of a concern) are written here; admins can read it.

use crate::components::page::{PageTitle, ServerData};
use crate::errors::VoiceError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub detail: String,
}

/// Writes an entry. `detail` is a fact about the action (a status, a role,
/// a date, a count), never free text someone wrote: case notes, reasons
/// and young people's words stay in their own tables, where access to them
/// is checked and every view is itself audited.
///
/// A change writes its line in its own transaction (`&mut *tx`), so the
/// change is never kept without its line, nor the line without the change.
#[cfg(feature = "ssr")]
pub async fn record(
    db: impl crate::db::Runs<'_>,
    at: chrono::DateTime<chrono::Utc>,
    actor_account_id: Option<&crate::domain::AccountId>,
    action: &str,
    subject: impl AsRef<str>,
    detail: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO audit_log (at, actor_account_id, action, subject, detail) VALUES ($1, $2, $3, $4, $5)")
        .bind(at.timestamp())
        .bind(actor_account_id)
        .bind(action)
        .bind(subject.as_ref())
        .bind(detail)
        .execute(db)
        .await?;
    Ok(())
}

/// Writes the audit line for a change on the change's own transaction and
/// commits both: neither is kept without the other.
#[cfg(feature = "ssr")]
pub async fn commit_with_line(
    mut tx: crate::db::Tx,
    at: chrono::DateTime<chrono::Utc>,
    actor_account_id: Option<&crate::domain::AccountId>,
    action: &str,
    subject: impl AsRef<str>,
    detail: &str,
) -> Result<(), VoiceError> {
    use crate::errors::Context;
    record(&mut *tx, at, actor_account_id, action, subject, detail)
        .await
        .context("audit")?;
    tx.commit().await.context("commit")
}

/// The latest 200 entries, newest first. Admins only.
#[server(prefix = "/api", endpoint = "audit-entries")]
pub async fn audit_entries() -> Result<Vec<AuditEntry>, VoiceError> {
    use crate::auth::ssr::require;
    use crate::domain::period::uk_local_time;
    use crate::domain::Role;
    use crate::errors::Context;
    use crate::stored::StoredTime;

    let (_, state) = require(&[Role::Admin])?;
    let rows: Vec<(StoredTime, Option<String>, String, String, String)> = sqlx::query_as(
        "SELECT l.at, a.display_name, l.action, l.subject, l.detail \
         FROM audit_log l LEFT JOIN accounts a ON a.id = l.actor_account_id \
         ORDER BY l.id DESC LIMIT 200",
    )
    .fetch_all(&state.db)
    .await
    .context("read audit log")?;
    Ok(rows
        .into_iter()
        .map(
            |(StoredTime(at), actor, action, subject, detail)| AuditEntry {
                // The council's own clock, and said to be: staff read it
                // beside times on other pages.
                at: format!("{} UK time", uk_local_time(at).format("%-d %b %Y %H:%M")),
                actor: actor.unwrap_or_else(|| "Voice (command line)".into()),
                action,
                subject,
                detail,
            },
        )
        .collect())
}

#[component]
pub fn AuditLogPage() -> impl IntoView {
    let entries = Resource::new_blocking(|| (), |_| audit_entries());
    view! {
        <PageTitle text="Audit log"/>
        <h1>"Audit log"</h1>
        <p>"The latest 200 actions, newest first."</p>
        <ServerData resource=entries let:entries>
            <ul class="card-list">
                {entries.into_iter().map(|entry| view! {
                    <li class="card">
                        <p class="card__title">{entry.action}</p>
                        <dl class="facts">
                            <dt>"When"</dt><dd>{entry.at}</dd>
                            <dt>"Who"</dt><dd>{entry.actor}</dd>
                            <dt>"Account"</dt><dd class="wrap">{entry.subject}</dd>
                            {(!entry.detail.is_empty()).then(|| view! { <dt>"Detail"</dt><dd>{entry.detail}</dd> })}
                        </dl>
                    </li>
                }).collect_view()}
            </ul>
        </ServerData>
    }
}
