//! The audit log: who did what to whom, and when. Staff actions (and every
//! staff view of a concern or flagged writing) are written here; admins
//! read it, filtered and a page at a time (`log`).

pub mod log;

crate::domain::stored_enum::stored_enum! {
    /// What was done, stored as a short code and read in words.
    pub enum AuditAction as "audit action" {
        AccountCreated = "account.created" => "Account created",
        AccountActivated = "account.activated" => "Account activated",
        AccountCodeReissued = "account.code_reissued" => "New activation code given",
        AccountDeactivated = "account.deactivated" => "Account closed",
        ConcernViewed = "concern.viewed" => "Right to Rights item opened",
        ConcernAllocated = "concern.allocated" => "Right to Rights item given to an advocate",
        ConcernReplied = "concern.replied" => "Reply sent on a Right to Rights item",
        ConcernNoted = "concern.noted" => "Internal note added to a Right to Rights item",
        ConcernStatus = "concern.status" => "Right to Rights item's status changed",
        ConcernExtended = "concern.extended" => "Right to Rights item's due date extended",
        ConcernClosed = "concern.closed" => "Right to Rights item closed",
        FlagViewed = "flag.viewed" => "Flagged writing opened",
        FlagHandled = "flag.handled" => "Flagged writing dealt with",
        SurveyCreated = "survey.created" => "Survey created",
        SurveySettingsChanged = "survey.settings_changed" => "Survey's settings changed",
        SurveyQuestionAdded = "survey.question_added" => "Question added to a survey",
        SurveyQuestionChanged = "survey.question_changed" => "Survey question changed",
        SurveyQuestionReworded = "survey.question_reworded" => "Survey question reworded",
        SurveyStatusChanged = "survey.status_changed" => "Survey opened or closed",
        SurveyLinkCreated = "survey.link_created" => "Anonymous survey link made",
        PromiseAdded = "promise.added" => "Promise added",
        PromiseChanged = "promise.changed" => "Promise changed",
        PromiseRetired = "promise.retired" => "Promise retired",
        PromiseRestored = "promise.restored" => "Promise brought back",
        QuoteApproved = "quote.approved" => "Quote approved for reports",
        QuoteWithdrawn = "quote.withdrawn" => "Quote withdrawn from reports",
        QuoteDismissed = "quote.dismissed" => "Words left out of the quotes",
        ActionPublished = "action.published" => "“You said, we did” action published",
        ActionStatusChanged = "action.status_changed" => "“You said, we did” action updated",
        SnapshotSaved = "report.snapshot_saved" => "Report snapshot saved",
        ForumAdded = "forum.added" => "Forum added",
        RightsContactChanged = "settings.rights_contact" => "Right to Rights contact changed",
        HarmPhrasesChanged = "settings.harm_phrases" => "Harm phrase list changed",
        BankHolidayAdded = "settings.bank_holiday" => "Bank holiday added",
    }
}

impl AuditAction {
    /// What kind of thing the action was done to, as the log names it.
    pub fn subject_kind(self) -> &'static str {
        match self.as_str().split('.').next().unwrap_or_default() {
            "account" => "Account",
            "concern" => "Right to Rights item",
            "flag" => "Flagged writing from",
            "survey" => "Survey",
            "promise" => "Promise",
            "quote" => "Quote",
            "action" => "Action",
            "report" => "Snapshot",
            "forum" => "Forum",
            _ => "Setting",
        }
    }
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
    action: AuditAction,
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
    action: AuditAction,
    subject: impl AsRef<str>,
    detail: &str,
) -> Result<(), crate::errors::VoiceError> {
    use crate::errors::Context;
    record(&mut *tx, at, actor_account_id, action, subject, detail)
        .await
        .context("audit")?;
    tx.commit().await.context("commit")
}
