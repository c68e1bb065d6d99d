//! Concerns, their messages, harm flags, bank holidays and the phrase list
//! in the database.

use super::{Draft, FlagSummary, Message, MessageKind};
use crate::db::{new_id, Db, Runs};
use crate::domain::concern::{ConcernKind, ConcernStatus, ContactMethod, Outcome};
use crate::domain::harm_phrases::{HarmPhrases, DEFAULT_PHRASES};
use crate::domain::period::{uk_date, uk_time_words};
use crate::domain::working_days::BankHolidays;
use crate::domain::{AccountId, AgeBand, Cohort, ConcernId, Day};
use crate::stored::StoredTime;
use chrono::{DateTime, NaiveDate, Utc};

fn day(date: NaiveDate) -> String {
    Day(date).as_stored()
}

// ---- bank holidays and the phrase list ----

pub async fn bank_holidays(db: &Db) -> Result<BankHolidays, sqlx::Error> {
    Ok(BankHolidays::new(
        list_bank_holidays(db).await?.into_iter().map(|(d, _)| d),
    ))
}

pub async fn list_bank_holidays(db: &Db) -> Result<Vec<(NaiveDate, String)>, sqlx::Error> {
    let rows: Vec<(Day, String)> =
        sqlx::query_as("SELECT day, name FROM bank_holidays ORDER BY day")
            .fetch_all(db)
            .await?;
    Ok(rows.into_iter().map(|(d, name)| (d.0, name)).collect())
}

/// Adds a bank holiday, or renames the one on that day.
pub async fn add_bank_holiday(
    db: impl crate::db::Runs<'_>,
    on: NaiveDate,
    name: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO bank_holidays (day, name) VALUES ($1, $2) \
         ON CONFLICT (day) DO UPDATE SET name = excluded.name",
    )
    .bind(day(on))
    .bind(name)
    .execute(db)
    .await?;
    Ok(())
}

/// The phrase list as the admin last saved it, or the starter list.
pub async fn phrase_list(db: &Db) -> Result<String, sqlx::Error> {
    let saved: Option<String> =
        sqlx::query_scalar("SELECT phrases FROM harm_phrase_lists ORDER BY id DESC LIMIT 1")
            .fetch_optional(db)
            .await?;
    Ok(saved.unwrap_or_else(|| DEFAULT_PHRASES.to_string()))
}

pub async fn harm_phrases(db: &Db) -> Result<HarmPhrases, sqlx::Error> {
    Ok(HarmPhrases::new(phrase_list(db).await?.lines()))
}

pub async fn save_phrase_list(
    db: impl Runs<'_>,
    phrases: &str,
    admin: &AccountId,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO harm_phrase_lists (phrases, saved_by, saved_at) VALUES ($1, $2, $3)")
        .bind(phrases)
        .bind(admin)
        .bind(now.timestamp())
        .execute(db)
        .await?;
    Ok(())
}

// ---- drafts ----

pub async fn create_draft(
    db: &Db,
    account_id: &AccountId,
    kind: ConcernKind,
    now: DateTime<Utc>,
) -> Result<ConcernId, sqlx::Error> {
    let id = ConcernId::new_random();
    sqlx::query(
        "INSERT INTO concerns (id, account_id, kind, status, created_at) VALUES ($1, $2, $3, 'draft', $4)",
    )
    .bind(&id)
    .bind(account_id)
    .bind(kind.as_str())
    .bind(now.timestamp())
    .execute(db)
    .await?;
    Ok(id)
}

/// A draft of this young person's; anyone else's is not found.
pub async fn draft(
    db: &Db,
    account_id: &AccountId,
    id: &ConcernId,
) -> Result<Option<Draft>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, kind, details, wanted, contact_method, contact_number, safe_times, harm_phrase \
         FROM concerns WHERE id = $1 AND account_id = $2 AND status = 'draft'",
    )
    .bind(id)
    .bind(account_id)
    .fetch_optional(db)
    .await
}

/// Saves the draft's fields (only while it is a draft).
pub async fn save_draft(db: &Db, draft: &Draft) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE concerns SET kind = $1, details = $2, wanted = $3, contact_method = $4, \
         contact_number = $5, safe_times = $6, harm_phrase = $7 WHERE id = $8 AND status = 'draft'",
    )
    .bind(draft.kind.as_str())
    .bind(&draft.details)
    .bind(&draft.wanted)
    .bind(draft.contact_method.map(ContactMethod::as_str))
    .bind(&draft.contact_number)
    .bind(&draft.safe_times)
    .bind(&draft.harm_phrase)
    .bind(&draft.id)
    .execute(db)
    .await?;
    Ok(())
}

/// What sending fixes: the reference, the clock and who the young person was.
pub struct Sending<'a> {
    pub reference: &'a str,
    pub key: &'a str,
    pub cohort: Cohort,
    pub age_band: AgeBand,
    pub received_at: DateTime<Utc>,
    pub due_on: NaiveDate,
}

/// Sends a draft, once: a retry with the same key, or a second send from the
/// back button, changes nothing. False when nothing was sent now.
pub async fn send(db: &Db, id: &ConcernId, sending: &Sending<'_>) -> Result<bool, sqlx::Error> {
    let updated = sqlx::query(
        "UPDATE concerns SET status = 'received', reference = $1, submission_key = $2, cohort = $3, \
         age_band = $4, received_at = $5, received_on = $6, due_on = $7 \
         WHERE id = $8 AND status = 'draft' \
         AND NOT EXISTS (SELECT 1 FROM concerns WHERE submission_key = $2)",
    )
    .bind(sending.reference)
    .bind(sending.key)
    .bind(sending.cohort.as_str())
    .bind(sending.age_band.as_str())
    .bind(sending.received_at.timestamp())
    .bind(day(uk_date(sending.received_at)))
    .bind(day(sending.due_on))
    .bind(id)
    .execute(db)
    .await?;
    Ok(updated.rows_affected() == 1)
}

pub async fn reference_taken(db: &Db, reference: &str) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar("SELECT 1 FROM concerns WHERE reference = $1")
        .bind(reference)
        .fetch_optional(db)
        .await?;
    Ok(found.is_some())
}

// ---- sent concerns ----

/// A sent concern, whole, as the database has it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ConcernRow {
    pub id: ConcernId,
    pub reference: String,
    pub account_id: AccountId,
    pub young_person: String,
    pub kind: ConcernKind,
    pub details: String,
    pub wanted: String,
    pub contact_method: Option<ContactMethod>,
    pub contact_number: String,
    pub safe_times: String,
    pub status: ConcernStatus,
    pub stage: i64,
    pub received_on: Day,
    pub due_on: Day,
    pub extension_reason: Option<String>,
    pub allocated_to: Option<String>,
    pub allocated_name: Option<String>,
    pub outcome: Option<Outcome>,
    pub harm_phrase: Option<String>,
}

impl ConcernRow {
    pub fn kind(&self) -> ConcernKind {
        self.kind
    }
    pub fn status(&self) -> ConcernStatus {
        self.status
    }
    pub fn outcome(&self) -> Option<Outcome> {
        self.outcome
    }
    pub fn received_on(&self) -> NaiveDate {
        self.received_on.0
    }
    pub fn due_on(&self) -> NaiveDate {
        self.due_on.0
    }
}

const CONCERN_SELECT: &str = "SELECT c.id, c.reference, c.account_id, y.display_name AS young_person, c.kind, \
    c.details, c.wanted, c.contact_method, c.contact_number, c.safe_times, c.status, c.stage, \
    c.received_on, c.due_on, c.extension_reason, c.allocated_to, a.display_name AS allocated_name, \
    c.outcome, c.harm_phrase \
    FROM concerns c JOIN accounts y ON y.id = c.account_id LEFT JOIN accounts a ON a.id = c.allocated_to";

pub async fn concern(db: &Db, id: &ConcernId) -> Result<Option<ConcernRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{CONCERN_SELECT} WHERE c.id = $1 AND c.status <> 'draft'"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

/// A young person's sent concerns, newest first.
pub async fn concerns_of(db: &Db, account_id: &AccountId) -> Result<Vec<ConcernRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{CONCERN_SELECT} WHERE c.account_id = $1 AND c.status <> 'draft' ORDER BY c.received_at DESC"
    ))
    .bind(account_id)
    .fetch_all(db)
    .await
}

/// Every concern not yet closed: flagged first, then by due date.
pub async fn open_concerns(db: &Db) -> Result<Vec<ConcernRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{CONCERN_SELECT} WHERE c.status NOT IN ('draft', 'closed') \
         ORDER BY CASE WHEN c.harm_phrase IS NULL THEN 1 ELSE 0 END, c.due_on, c.received_at"
    ))
    .fetch_all(db)
    .await
}

pub async fn messages(
    db: &Db,
    concern_id: &ConcernId,
    with_notes: bool,
) -> Result<Vec<Message>, sqlx::Error> {
    let rows: Vec<(MessageKind, Option<String>, String, StoredTime)> = sqlx::query_as(
        "SELECT m.kind, a.display_name, m.body, m.at FROM concern_messages m \
         LEFT JOIN accounts a ON a.id = m.author_account_id \
         WHERE m.concern_id = $1 AND ($2 OR m.kind <> 'note') ORDER BY m.id",
    )
    .bind(concern_id)
    .bind(with_notes)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(kind, author, body, StoredTime(at))| Message {
            author: match kind {
                MessageKind::YoungPerson => String::new(),
                _ => author.unwrap_or_default(),
            },
            kind,
            body,
            at: uk_time_words(at),
        })
        .collect())
}

/// Adds a message. The first reply is the stage 1 response the clock counts.
pub async fn add_message(
    db: &mut crate::db::Conn,
    concern_id: &ConcernId,
    author: &AccountId,
    kind: MessageKind,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let mut tx = sqlx::Connection::begin(&mut *db).await?;
    sqlx::query(
        "INSERT INTO concern_messages (concern_id, author_account_id, kind, body, at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(concern_id)
    .bind(author)
    .bind(kind.as_str())
    .bind(body)
    .bind(now.timestamp())
    .execute(&mut *tx)
    .await?;
    if kind == MessageKind::Reply {
        sqlx::query(
            "UPDATE concerns SET first_response_at = $1 WHERE id = $2 AND first_response_at IS NULL",
        )
        .bind(now.timestamp())
        .bind(concern_id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}

/// Moves a concern from `from` to `to`; false if someone else moved it first.
pub async fn set_status(
    db: impl Runs<'_>,
    id: &ConcernId,
    from: ConcernStatus,
    to: ConcernStatus,
) -> Result<bool, sqlx::Error> {
    let updated = sqlx::query("UPDATE concerns SET status = $1 WHERE id = $2 AND status = $3")
        .bind(to.as_str())
        .bind(id)
        .bind(from.as_str())
        .execute(db)
        .await?;
    Ok(updated.rows_affected() == 1)
}

/// The young person is not happy with the answer: it goes to the next stage.
pub async fn reopen_at_next_stage(db: &Db, id: &ConcernId) -> Result<bool, sqlx::Error> {
    let updated = sqlx::query(
        "UPDATE concerns SET status = 'being_looked_into', stage = stage + 1, outcome = NULL, closed_at = NULL \
         WHERE id = $1 AND status IN ('answered', 'closed')",
    )
    .bind(id)
    .execute(db)
    .await?;
    Ok(updated.rows_affected() == 1)
}

pub async fn allocate(
    db: impl Runs<'_>,
    id: &ConcernId,
    advocate: &AccountId,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE concerns SET allocated_to = $1 WHERE id = $2")
        .bind(advocate)
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

/// Extends the clock, once; false if it was already extended.
pub async fn extend(
    db: impl Runs<'_>,
    id: &ConcernId,
    reason: &str,
    due_on: NaiveDate,
) -> Result<bool, sqlx::Error> {
    let updated = sqlx::query(
        "UPDATE concerns SET extension_reason = $1, due_on = $2 WHERE id = $3 AND extension_reason IS NULL",
    )
    .bind(reason)
    .bind(day(due_on))
    .bind(id)
    .execute(db)
    .await?;
    Ok(updated.rows_affected() == 1)
}

pub async fn close(
    db: impl Runs<'_>,
    id: &ConcernId,
    from: ConcernStatus,
    outcome: Outcome,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let updated = sqlx::query(
        "UPDATE concerns SET status = 'closed', outcome = $1, closed_at = $2 WHERE id = $3 AND status = $4",
    )
    .bind(outcome.as_str())
    .bind(now.timestamp())
    .bind(id)
    .bind(from.as_str())
    .execute(db)
    .await?;
    Ok(updated.rows_affected() == 1)
}

/// Active advocates, to give a concern to: (id, name).
pub async fn advocates(db: &Db) -> Result<Vec<(AccountId, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, display_name FROM accounts WHERE role = 'advocate' AND deactivated_at IS NULL \
         ORDER BY display_name",
    )
    .fetch_all(db)
    .await
}

// ---- harm flags ----

pub struct NewFlag<'a> {
    pub source: &'a str,
    pub place: &'a str,
    pub words: &'a str,
    pub phrase: &'a str,
    /// None for an anonymous answer: nothing points back to the person.
    pub account_id: Option<&'a AccountId>,
}

pub async fn create_flag(
    db: &Db,
    flag: &NewFlag<'_>,
    now: DateTime<Utc>,
) -> Result<String, sqlx::Error> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO harm_flags (id, source, place, words, phrase, account_id, raised_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(flag.source)
    .bind(flag.place)
    .bind(flag.words)
    .bind(flag.phrase)
    .bind(flag.account_id)
    .bind(now.timestamp())
    .execute(db)
    .await?;
    Ok(id)
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct FlagRow {
    pub id: String,
    pub place: String,
    pub words: String,
    pub phrase: String,
    pub account_id: Option<AccountId>,
    pub young_person: Option<String>,
    pub raised_at: StoredTime,
    pub contact_wanted: Option<String>,
    pub contact_name: String,
    pub contact_method: Option<ContactMethod>,
    pub contact_number: String,
    pub safe_times: String,
    pub handled_at: Option<StoredTime>,
    pub handled_by_name: Option<String>,
    pub handled_note: String,
}

impl FlagRow {
    /// The flag as the queue lists it, standing for `times_sent` flags.
    pub fn summary(&self, times_sent: usize) -> FlagSummary {
        FlagSummary {
            id: self.id.clone(),
            place: self.place.clone(),
            raised_at: uk_time_words(self.raised_at.0),
            anonymous: self.account_id.is_none(),
            contact_wanted: self.contact_wanted.as_deref().map(|w| w == "yes"),
            times_sent,
        }
    }
}

const FLAG_SELECT: &str = "SELECT f.id, f.place, f.words, f.phrase, f.account_id, y.display_name AS young_person, \
    f.raised_at, f.contact_wanted, f.contact_name, f.contact_method, f.contact_number, f.safe_times, \
    f.handled_at, h.display_name AS handled_by_name, f.handled_note \
    FROM harm_flags f LEFT JOIN accounts y ON y.id = f.account_id LEFT JOIN accounts h ON h.id = f.handled_by";

pub async fn flag(db: &Db, id: &str) -> Result<Option<FlagRow>, sqlx::Error> {
    sqlx::query_as(&format!("{FLAG_SELECT} WHERE f.id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// Flags nobody has dealt with yet, oldest first.
pub async fn open_flags(db: &Db) -> Result<Vec<FlagRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{FLAG_SELECT} WHERE f.handled_at IS NULL ORDER BY f.raised_at"
    ))
    .fetch_all(db)
    .await
}

/// Whether the person who wrote it wants contact, and how; answered once.
pub struct ContactChoice<'a> {
    pub wanted: bool,
    pub name: &'a str,
    pub method: Option<ContactMethod>,
    pub number: &'a str,
    pub safe_times: &'a str,
}

pub async fn set_flag_contact(
    db: &Db,
    id: &str,
    choice: &ContactChoice<'_>,
) -> Result<bool, sqlx::Error> {
    let updated = sqlx::query(
        "UPDATE harm_flags SET contact_wanted = $1, contact_name = $2, contact_method = $3, \
         contact_number = $4, safe_times = $5 WHERE id = $6 AND contact_wanted IS NULL",
    )
    .bind(if choice.wanted { "yes" } else { "no" })
    .bind(choice.name)
    .bind(choice.method.map(ContactMethod::as_str))
    .bind(choice.number)
    .bind(choice.safe_times)
    .bind(id)
    .execute(db)
    .await?;
    Ok(updated.rows_affected() == 1)
}

pub async fn handle_flag(
    db: impl Runs<'_>,
    id: &str,
    advocate: &AccountId,
    note: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let updated = sqlx::query(
        "UPDATE harm_flags SET handled_at = $1, handled_by = $2, handled_note = $3 \
         WHERE id = $4 AND handled_at IS NULL",
    )
    .bind(now.timestamp())
    .bind(advocate)
    .bind(note)
    .bind(id)
    .execute(db)
    .await?;
    Ok(updated.rows_affected() == 1)
}
