//! Forums, live sessions, their activities, seats and answers in the database.

use super::{SessionStatus, SessionSummary};
use crate::db::{new_id, Db};
use crate::domain::{AccountId, AgeBand, Cohort, Day, LiveSessionId};
use crate::stored::stored_json;
use crate::surveys::questions::{Answer, Question};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;

fn json_error(error: serde_json::Error) -> sqlx::Error {
    sqlx::Error::Decode(Box::new(error))
}

pub async fn forums(db: &Db) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, name FROM forums ORDER BY id")
        .fetch_all(db)
        .await
}

/// Adds a forum; false if one has that name already.
pub async fn add_forum(
    db: impl crate::db::Runs<'_>,
    name: &str,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let added = sqlx::query(
        "INSERT INTO forums (name, created_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
    )
    .bind(name)
    .bind(now.timestamp())
    .execute(db)
    .await?;
    Ok(added.rows_affected() == 1)
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SessionRow {
    pub id: LiveSessionId,
    pub forum: String,
    pub title: String,
    pub held_on: Day,
    pub status: SessionStatus,
    pub join_code: Option<String>,
    pub min_answers: i64,
    pub current_activity: Option<i64>,
    pub notes: String,
    pub actions: String,
    pub created_by: AccountId,
}

impl SessionRow {
    pub fn status(&self) -> SessionStatus {
        self.status
    }

    pub fn summary(&self) -> SessionSummary {
        SessionSummary {
            id: self.id.clone(),
            forum: self.forum.clone(),
            title: self.title.clone(),
            held_on: self.held_on.0,
            status: self.status(),
            join_code: self.join_code.clone(),
            min_answers: self.min_answers,
        }
    }
}

const SESSION_SELECT: &str =
    "SELECT s.id, f.name AS forum, s.title, s.held_on, s.status, s.join_code, \
    s.min_answers, s.current_activity, s.notes, s.actions, s.created_by \
    FROM live_sessions s JOIN forums f ON f.id = s.forum_id";

pub async fn session(db: &Db, id: &LiveSessionId) -> Result<Option<SessionRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SESSION_SELECT} WHERE s.id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// The open session with this join code.
pub async fn session_by_code(db: &Db, code: &str) -> Result<Option<SessionRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SESSION_SELECT} WHERE s.join_code = $1 AND s.status = 'open'"
    ))
    .bind(code)
    .fetch_optional(db)
    .await
}

/// A facilitator's sessions (everyone's for `None`), newest first.
pub async fn sessions(
    db: &Db,
    created_by: Option<&AccountId>,
) -> Result<Vec<SessionRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SESSION_SELECT} WHERE ($1 IS NULL OR s.created_by = $1) ORDER BY s.held_on DESC, s.created_at DESC"
    ))
    .bind(created_by)
    .fetch_all(db)
    .await
}

pub struct NewSession<'a> {
    pub forum_id: i64,
    pub title: &'a str,
    pub held_on: NaiveDate,
    pub min_answers: i64,
    pub created_by: &'a AccountId,
}

/// Creates a session, with a copy of `template`'s activities if given.
pub async fn create_session(
    db: &Db,
    session: &NewSession<'_>,
    template: Option<&LiveSessionId>,
    now: DateTime<Utc>,
) -> Result<LiveSessionId, sqlx::Error> {
    let id = LiveSessionId::new_random();
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO live_sessions (id, forum_id, title, held_on, status, min_answers, created_by, created_at) \
         VALUES ($1, $2, $3, $4, 'draft', $5, $6, $7)",
    )
    .bind(&id)
    .bind(session.forum_id)
    .bind(session.title)
    .bind(Day(session.held_on).as_stored())
    .bind(session.min_answers)
    .bind(session.created_by)
    .bind(now.timestamp())
    .execute(&mut *tx)
    .await?;
    if let Some(template) = template {
        sqlx::query(
            "INSERT INTO live_activities (session_id, position, question) \
             SELECT $1, position, question FROM live_activities WHERE session_id = $2",
        )
        .bind(&id)
        .bind(template)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(id)
}

pub async fn add_activity(
    db: &Db,
    session_id: &LiveSessionId,
    question: &Question,
) -> Result<(), sqlx::Error> {
    let json = serde_json::to_string(question).map_err(json_error)?;
    sqlx::query(
        "INSERT INTO live_activities (session_id, position, question) \
         SELECT $1, COALESCE(MAX(position), 0) + 1, $2 FROM live_activities WHERE session_id = $1",
    )
    .bind(session_id)
    .bind(json)
    .execute(db)
    .await?;
    Ok(())
}

/// A session's activities in order: (id, question).
pub async fn activities(
    db: &Db,
    session_id: &LiveSessionId,
) -> Result<Vec<(i64, Question)>, sqlx::Error> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, question FROM live_activities WHERE session_id = $1 ORDER BY position, id",
    )
    .bind(session_id)
    .fetch_all(db)
    .await?;
    rows.into_iter()
        .map(|(id, json)| Ok((id, stored_json(&json)?)))
        .collect()
}

/// Opens a draft session with a join code; false if the code is taken (or
/// the session is not a draft).
pub async fn open_session(db: &Db, id: &LiveSessionId, code: &str) -> Result<bool, sqlx::Error> {
    let taken: Option<i64> = sqlx::query_scalar("SELECT 1 FROM live_sessions WHERE join_code = $1")
        .bind(code)
        .fetch_optional(db)
        .await?;
    if taken.is_some() {
        return Ok(false);
    }
    let opened = sqlx::query(
        "UPDATE live_sessions SET status = 'open', join_code = $1 WHERE id = $2 AND status = 'draft'",
    )
    .bind(code)
    .bind(id)
    .execute(db)
    .await?;
    Ok(opened.rows_affected() == 1)
}

pub async fn set_current_activity(
    db: &Db,
    session_id: &LiveSessionId,
    activity: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE live_sessions SET current_activity = $1 WHERE id = $2 AND status = 'open'")
        .bind(activity)
        .bind(session_id)
        .execute(db)
        .await?;
    Ok(())
}

/// Closes a session with its notes and agreed actions; its code is freed.
pub async fn close_session(
    db: &Db,
    id: &LiveSessionId,
    notes: &str,
    actions: &str,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE live_sessions SET status = 'closed', join_code = NULL, current_activity = NULL, \
         notes = $1, actions = $2, closed_at = $3 WHERE id = $4",
    )
    .bind(notes)
    .bind(actions)
    .bind(now.timestamp())
    .bind(id)
    .execute(db)
    .await?;
    Ok(())
}

/// A member who joins as themselves, with who they were then.
pub struct Member<'a> {
    pub account_id: &'a AccountId,
    pub cohort: Cohort,
    pub age_band: AgeBand,
}

/// A seat for a phone that joins; a member who joins again gets their seat back.
pub async fn take_seat(
    db: &Db,
    session_id: &LiveSessionId,
    member: Option<&Member<'_>>,
) -> Result<String, sqlx::Error> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO live_seats (id, session_id, account_id, cohort, age_band) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT DO NOTHING",
    )
    .bind(&id)
    .bind(session_id)
    .bind(member.map(|m| m.account_id))
    .bind(member.map(|m| m.cohort.as_str()))
    .bind(member.map(|m| m.age_band.as_str()))
    .execute(db)
    .await?;
    match member {
        Some(member) => {
            sqlx::query_scalar(
                "SELECT id FROM live_seats WHERE session_id = $1 AND account_id = $2",
            )
            .bind(session_id)
            .bind(member.account_id)
            .fetch_one(db)
            .await
        }
        None => Ok(id),
    }
}

pub async fn seat_exists(
    db: &Db,
    session_id: &LiveSessionId,
    seat_id: &str,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT 1 FROM live_seats WHERE id = $1 AND session_id = $2")
            .bind(seat_id)
            .bind(session_id)
            .fetch_optional(db)
            .await?;
    Ok(found.is_some())
}

/// Saves a seat's answer, replacing any earlier one (which loses its approval).
pub async fn save_answer(
    db: &Db,
    activity_id: i64,
    seat_id: &str,
    answer: &Answer,
    flagged: bool,
) -> Result<(), sqlx::Error> {
    let json = serde_json::to_string(answer).map_err(json_error)?;
    sqlx::query(
        "INSERT INTO live_answers (activity_id, seat_id, answer, approved, flagged) VALUES ($1, $2, $3, 0, $4) \
         ON CONFLICT (activity_id, seat_id) DO UPDATE SET answer = excluded.answer, approved = 0, \
         flagged = excluded.flagged",
    )
    .bind(activity_id)
    .bind(seat_id)
    .bind(json)
    .bind(i64::from(flagged))
    .execute(db)
    .await?;
    Ok(())
}

pub async fn seat_answer(
    db: &Db,
    activity_id: i64,
    seat_id: &str,
) -> Result<Option<Answer>, sqlx::Error> {
    let json: Option<String> = sqlx::query_scalar(
        "SELECT answer FROM live_answers WHERE activity_id = $1 AND seat_id = $2",
    )
    .bind(activity_id)
    .bind(seat_id)
    .fetch_optional(db)
    .await?;
    json.map(|json| stored_json(&json)).transpose()
}

/// One phone's answer to an activity, as stored.
#[derive(Clone, Debug)]
pub struct StoredAnswer {
    pub id: i64,
    pub answer: Answer,
    /// Written words let onto the projector.
    pub approved: bool,
    /// Held back for the duty advocate; never shown.
    pub flagged: bool,
}

/// The answers to every activity of a session, by activity id: one query
/// for the facilitator's whole page.
pub async fn answers_of_session(
    db: &Db,
    session_id: &LiveSessionId,
) -> Result<HashMap<i64, Vec<StoredAnswer>>, sqlx::Error> {
    let rows: Vec<(i64, i64, String, i64, i64)> = sqlx::query_as(
        "SELECT a.activity_id, a.id, a.answer, a.approved, a.flagged FROM live_answers a \
         JOIN live_activities v ON v.id = a.activity_id WHERE v.session_id = $1 ORDER BY a.id",
    )
    .bind(session_id)
    .fetch_all(db)
    .await?;
    let mut by_activity: HashMap<i64, Vec<StoredAnswer>> = HashMap::new();
    for (activity_id, id, json, approved, flagged) in rows {
        by_activity
            .entry(activity_id)
            .or_default()
            .push(StoredAnswer {
                id,
                answer: stored_json(&json)?,
                approved: approved != 0,
                flagged: flagged != 0,
            });
    }
    Ok(by_activity)
}

/// Approves a written answer of this session for the projector (never a flagged one).
pub async fn approve(
    db: &Db,
    session_id: &LiveSessionId,
    answer_id: i64,
) -> Result<bool, sqlx::Error> {
    let approved = sqlx::query(
        "UPDATE live_answers SET approved = 1 WHERE id = $1 AND flagged = 0 AND activity_id IN \
         (SELECT id FROM live_activities WHERE session_id = $2)",
    )
    .bind(answer_id)
    .bind(session_id)
    .execute(db)
    .await?;
    Ok(approved.rows_affected() == 1)
}

/// How many phones joined, and the names of members who joined as themselves.
pub async fn attendance(
    db: &Db,
    session_id: &LiveSessionId,
) -> Result<(i64, Vec<String>), sqlx::Error> {
    let phones: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM live_seats WHERE session_id = $1")
        .bind(session_id)
        .fetch_one(db)
        .await?;
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT a.display_name FROM live_seats s JOIN accounts a ON a.id = s.account_id \
         WHERE s.session_id = $1 ORDER BY a.display_name",
    )
    .bind(session_id)
    .fetch_all(db)
    .await?;
    Ok((phones, names))
}
