//! Surveys, their versions, links, responses and answers in the database.

use super::questions::{Answer, Question};
use super::results::SentResponse;
use super::settings::{audience_key, parse_audience_key, SurveySettings};
use super::{Survey, SurveyLink, SurveyStatus};
use crate::db::{new_id, Db};
use crate::domain::{AccountId, AgeBand, Cohort, Day, SurveyId};
use crate::stored::{parse_stored, stored_json, stored_question_id};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;

#[derive(sqlx::FromRow)]
struct SurveyRow {
    id: SurveyId,
    title: String,
    introduction: String,
    audience: String,
    opens_on: Day,
    closes_on: Day,
    allow_anonymous: i64,
    status: SurveyStatus,
    current_version: i64,
}

const SURVEY_COLUMNS: &str =
    "id, title, introduction, audience, opens_on, closes_on, allow_anonymous, status, current_version";

fn survey_from_row(row: SurveyRow) -> Result<Survey, sqlx::Error> {
    let audience = parse_stored(&row.audience, "survey audience", parse_audience_key)?;
    Ok(Survey {
        id: row.id,
        settings: SurveySettings {
            title: row.title,
            introduction: row.introduction,
            audience,
            opens_on: row.opens_on.0,
            closes_on: row.closes_on.0,
            allow_anonymous: row.allow_anonymous != 0,
        },
        status: row.status,
        version: row.current_version,
    })
}

pub async fn create_survey(
    db: &mut crate::db::Conn,
    settings: &SurveySettings,
    officer: &AccountId,
    now: DateTime<Utc>,
) -> Result<SurveyId, sqlx::Error> {
    let id = SurveyId::new_random();
    let mut tx = sqlx::Connection::begin(&mut *db).await?;
    sqlx::query(
        "INSERT INTO surveys (id, title, introduction, audience, opens_on, closes_on, allow_anonymous, \
         status, current_version, created_by, created_at, changed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'draft', 1, $8, $9, $9)",
    )
    .bind(&id)
    .bind(&settings.title)
    .bind(&settings.introduction)
    .bind(audience_key(&settings.audience))
    .bind(settings.opens_on.to_string())
    .bind(settings.closes_on.to_string())
    .bind(i64::from(settings.allow_anonymous))
    .bind(officer)
    .bind(now.timestamp())
    .execute(&mut *tx)
    .await?;
    sqlx::query("INSERT INTO survey_versions (survey_id, version, questions, created_at) VALUES ($1, 1, '[]', $2)")
        .bind(&id)
        .bind(now.timestamp())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn update_settings(
    db: impl crate::db::Runs<'_>,
    id: &SurveyId,
    settings: &SurveySettings,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "UPDATE surveys SET title = $1, introduction = $2, audience = $3, opens_on = $4, closes_on = $5, \
         allow_anonymous = $6, changed_at = $7 WHERE id = $8",
    )
    .bind(&settings.title)
    .bind(&settings.introduction)
    .bind(audience_key(&settings.audience))
    .bind(settings.opens_on.to_string())
    .bind(settings.closes_on.to_string())
    .bind(i64::from(settings.allow_anonymous))
    .bind(now.timestamp())
    .bind(id)
    .execute(db)
    .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn set_status(
    db: impl crate::db::Runs<'_>,
    id: &SurveyId,
    status: SurveyStatus,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query("UPDATE surveys SET status = $1, changed_at = $2 WHERE id = $3")
        .bind(status.as_str())
        .bind(now.timestamp())
        .bind(id)
        .execute(db)
        .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn survey(db: &Db, id: &SurveyId) -> Result<Option<Survey>, sqlx::Error> {
    let row: Option<SurveyRow> = sqlx::query_as(&format!(
        "SELECT {SURVEY_COLUMNS} FROM surveys WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(db)
    .await?;
    row.map(survey_from_row).transpose()
}

/// Every survey, newest first, with its number of sent responses.
pub async fn all_surveys(db: &Db) -> Result<Vec<(Survey, i64)>, sqlx::Error> {
    let rows: Vec<SurveyRow> = sqlx::query_as(&format!(
        "SELECT {SURVEY_COLUMNS} FROM surveys ORDER BY created_at DESC, id"
    ))
    .fetch_all(db)
    .await?;
    let counts: Vec<(SurveyId, i64)> = sqlx::query_as(
        "SELECT survey_id, COUNT(*) FROM survey_responses WHERE submitted_at IS NOT NULL GROUP BY survey_id",
    )
    .fetch_all(db)
    .await?;
    let counts: HashMap<SurveyId, i64> = counts.into_iter().collect();
    rows.into_iter()
        .map(|row| {
            let survey = survey_from_row(row)?;
            let sent = counts.get(&survey.id).copied().unwrap_or(0);
            Ok((survey, sent))
        })
        .collect()
}

/// Surveys that are open (by status; dates are checked by the caller).
pub async fn open_surveys(db: &Db) -> Result<Vec<Survey>, sqlx::Error> {
    let rows: Vec<SurveyRow> = sqlx::query_as(&format!(
        "SELECT {SURVEY_COLUMNS} FROM surveys WHERE status = 'open' ORDER BY closes_on, id"
    ))
    .fetch_all(db)
    .await?;
    rows.into_iter().map(survey_from_row).collect()
}

pub async fn questions(
    db: &Db,
    survey_id: &SurveyId,
    version: i64,
) -> Result<Vec<Question>, sqlx::Error> {
    let json: Option<String> = sqlx::query_scalar(
        "SELECT questions FROM survey_versions WHERE survey_id = $1 AND version = $2",
    )
    .bind(survey_id)
    .bind(version)
    .fetch_optional(db)
    .await?;
    // No such version has no questions; a version whose questions do not
    // read is an error, never an empty survey.
    Ok(json
        .map(|json| stored_json(&json))
        .transpose()?
        .unwrap_or_default())
}

/// The questions of every version, oldest first.
pub async fn every_version(
    db: &Db,
    survey_id: &SurveyId,
) -> Result<Vec<Vec<Question>>, sqlx::Error> {
    let rows: Vec<String> = sqlx::query_scalar(
        "SELECT questions FROM survey_versions WHERE survey_id = $1 ORDER BY version",
    )
    .bind(survey_id)
    .fetch_all(db)
    .await?;
    rows.iter().map(|json| stored_json(json)).collect()
}

/// Replaces the current version's questions, or, if anyone has answered
/// that version, keeps it as it is and makes the next version. Returns the
/// version that now holds `questions`.
pub async fn save_questions(
    db: &mut crate::db::Conn,
    survey_id: &SurveyId,
    questions: &[Question],
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    let json = serde_json::to_string(questions).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let mut tx = sqlx::Connection::begin(&mut *db).await?;
    let version: i64 = sqlx::query_scalar("SELECT current_version FROM surveys WHERE id = $1")
        .bind(survey_id)
        .fetch_one(&mut *tx)
        .await?;
    let answered: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM survey_responses WHERE survey_id = $1 AND version = $2",
    )
    .bind(survey_id)
    .bind(version)
    .fetch_one(&mut *tx)
    .await?;
    let version = if answered == 0 {
        sqlx::query(
            "UPDATE survey_versions SET questions = $1 WHERE survey_id = $2 AND version = $3",
        )
        .bind(&json)
        .bind(survey_id)
        .bind(version)
        .execute(&mut *tx)
        .await?;
        version
    } else {
        let next = version + 1;
        sqlx::query("INSERT INTO survey_versions (survey_id, version, questions, created_at) VALUES ($1, $2, $3, $4)")
            .bind(survey_id)
            .bind(next)
            .bind(&json)
            .bind(now.timestamp())
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE surveys SET current_version = $1, changed_at = $2 WHERE id = $3")
            .bind(next)
            .bind(now.timestamp())
            .bind(survey_id)
            .execute(&mut *tx)
            .await?;
        next
    };
    tx.commit().await?;
    Ok(version)
}

/// A response as the answering pages need it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ResponseRow {
    pub id: String,
    pub version: i64,
    submitted_at: Option<i64>,
}

impl ResponseRow {
    pub fn submitted(&self) -> bool {
        self.submitted_at.is_some()
    }
}

async fn response_where(
    db: &Db,
    condition: &str,
    first: &str,
    second: &str,
) -> Result<Option<ResponseRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT id, version, submitted_at FROM survey_responses WHERE {condition}"
    ))
    .bind(first)
    .bind(second)
    .fetch_optional(db)
    .await
}

pub async fn response_of_account(
    db: &Db,
    survey_id: &SurveyId,
    account_id: &AccountId,
) -> Result<Option<ResponseRow>, sqlx::Error> {
    let condition = "survey_id = $1 AND account_id = $2";
    response_where(db, condition, survey_id.as_str(), account_id.as_str()).await
}

/// Whether this young person has sent each survey they have started, by
/// survey id: one query for their whole list.
pub async fn sent_by_account(
    db: &Db,
    account_id: &AccountId,
) -> Result<HashMap<SurveyId, bool>, sqlx::Error> {
    let rows: Vec<(SurveyId, Option<i64>)> = sqlx::query_as(
        "SELECT survey_id, submitted_at FROM survey_responses WHERE account_id = $1",
    )
    .bind(account_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(survey_id, submitted_at)| (survey_id, submitted_at.is_some()))
        .collect())
}

/// An anonymous response, found by its own id and the link it came through.
pub async fn response_of_link(
    db: &Db,
    link_id: &str,
    response_id: &str,
) -> Result<Option<ResponseRow>, sqlx::Error> {
    let condition = "id = $1 AND link_id = $2 AND account_id IS NULL";
    response_where(db, condition, response_id, link_id).await
}

/// Who answers: a signed-in young person (as they were when they started),
/// or nobody in particular, through a link.
pub enum Respondent<'a> {
    Account {
        account_id: &'a AccountId,
        cohort: Cohort,
        age_band: AgeBand,
    },
    Link {
        link_id: &'a str,
    },
}

/// Starts a response. A signed-in young person has one per survey: if two
/// first answers race, the second finds the first's.
pub async fn start_response(
    db: &Db,
    survey_id: &SurveyId,
    version: i64,
    respondent: &Respondent<'_>,
    now: DateTime<Utc>,
) -> Result<ResponseRow, sqlx::Error> {
    let id = new_id();
    let (account, link, cohort, band, started) = match respondent {
        Respondent::Account {
            account_id,
            cohort,
            age_band,
        } => (
            Some(*account_id),
            None,
            Some(cohort.as_str()),
            Some(age_band.as_str()),
            now.timestamp(),
        ),
        // Only the day: a time to the second could be matched against
        // anything else that logs times.
        Respondent::Link { link_id } => (None, Some(*link_id), None, None, start_of_day(now)),
    };
    let inserted = sqlx::query(
        "INSERT INTO survey_responses (id, survey_id, version, account_id, link_id, cohort, age_band, started_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
    )
    .bind(&id)
    .bind(survey_id)
    .bind(version)
    .bind(account)
    .bind(link)
    .bind(cohort)
    .bind(band)
    .bind(started)
    .execute(db)
    .await?;
    match (inserted.rows_affected(), account) {
        (0, Some(account_id)) => response_of_account(db, survey_id, account_id)
            .await?
            .ok_or(sqlx::Error::RowNotFound),
        _ => Ok(ResponseRow {
            id,
            version,
            submitted_at: None,
        }),
    }
}

fn start_of_day(now: DateTime<Utc>) -> i64 {
    now.timestamp() - now.timestamp().rem_euclid(86_400)
}

pub async fn answers(db: &Db, response_id: &str) -> Result<HashMap<u32, Answer>, sqlx::Error> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT question_id, answer FROM survey_answers WHERE response_id = $1")
            .bind(response_id)
            .fetch_all(db)
            .await?;
    rows.into_iter()
        .map(|(id, json)| Ok((stored_question_id(id)?, stored_json(&json)?)))
        .collect()
}

/// Saves (or replaces) one answer of a response not yet sent.
pub async fn save_answer(
    db: &Db,
    response_id: &str,
    question_id: u32,
    answer: &Answer,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let json = serde_json::to_string(answer).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query(
        "INSERT INTO survey_answers (response_id, question_id, answer, answered_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (response_id, question_id) DO UPDATE SET answer = excluded.answer, answered_at = excluded.answered_at",
    )
    .bind(response_id)
    .bind(i64::from(question_id))
    .bind(json)
    .bind(start_of_day(now))
    .execute(db)
    .await?;
    Ok(())
}

/// Removes answers that no longer count (questions skip logic now hides).
pub async fn remove_answers(
    db: &Db,
    response_id: &str,
    question_ids: &[u32],
) -> Result<(), sqlx::Error> {
    // All or none: an answer the person can no longer see must not be
    // half-removed by a failure part way.
    let mut removing = db.begin().await?;
    for id in question_ids {
        sqlx::query("DELETE FROM survey_answers WHERE response_id = $1 AND question_id = $2")
            .bind(response_id)
            .bind(i64::from(*id))
            .execute(&mut *removing)
            .await?;
    }
    removing.commit().await
}

/// Marks a response sent, once: a send retried after a dropped connection
/// (the same key), or sent again from the back button, changes nothing.
pub async fn submit(
    db: &Db,
    response_id: &str,
    key: &str,
    link_id: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let at = if link_id.is_some() {
        start_of_day(now)
    } else {
        now.timestamp()
    };
    let mut tx = db.begin().await?;
    let updated = sqlx::query(
        "UPDATE survey_responses SET submitted_at = $1, submission_key = $2 \
         WHERE id = $3 AND submitted_at IS NULL \
         AND NOT EXISTS (SELECT 1 FROM survey_responses WHERE submission_key = $2)",
    )
    .bind(at)
    .bind(key)
    .bind(response_id)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        tx.rollback().await?;
        return Ok(());
    }
    if let Some(link_id) = link_id {
        sqlx::query("UPDATE survey_links SET responses = responses + 1 WHERE id = $1")
            .bind(link_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await
}

pub async fn create_link(
    db: impl crate::db::Runs<'_>,
    survey_id: &SurveyId,
    label: &str,
    max_responses: Option<i64>,
    expires_on: Option<NaiveDate>,
    officer: &AccountId,
    now: DateTime<Utc>,
) -> Result<String, sqlx::Error> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO survey_links (id, survey_id, label, max_responses, expires_on, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(survey_id)
    .bind(label)
    .bind(max_responses)
    .bind(expires_on.map(|d| d.to_string()))
    .bind(officer)
    .bind(now.timestamp())
    .execute(db)
    .await?;
    Ok(id)
}

#[derive(sqlx::FromRow)]
struct LinkRow {
    id: String,
    survey_id: SurveyId,
    label: String,
    max_responses: Option<i64>,
    expires_on: Option<Day>,
    responses: i64,
}

fn link_from_row(row: LinkRow) -> SurveyLink {
    let LinkRow {
        id,
        survey_id,
        label,
        max_responses,
        expires_on,
        responses,
    } = row;
    SurveyLink {
        id,
        survey_id,
        label,
        max_responses,
        expires_on: expires_on.map(NaiveDate::from),
        responses,
    }
}

const LINK_COLUMNS: &str = "id, survey_id, label, max_responses, expires_on, responses";

pub async fn links(db: &Db, survey_id: &SurveyId) -> Result<Vec<SurveyLink>, sqlx::Error> {
    let rows: Vec<LinkRow> = sqlx::query_as(&format!(
        "SELECT {LINK_COLUMNS} FROM survey_links WHERE survey_id = $1 ORDER BY created_at, id"
    ))
    .bind(survey_id)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(link_from_row).collect())
}

pub async fn link(db: &Db, id: &str) -> Result<Option<SurveyLink>, sqlx::Error> {
    let row: Option<LinkRow> = sqlx::query_as(&format!(
        "SELECT {LINK_COLUMNS} FROM survey_links WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(link_from_row))
}

/// The sent responses to one version of a survey.
pub async fn sent_responses(
    db: &Db,
    survey_id: &SurveyId,
    version: i64,
) -> Result<Vec<SentResponse>, sqlx::Error> {
    let rows: Vec<(String, Option<Cohort>, Option<AgeBand>)> = sqlx::query_as(
        "SELECT id, cohort, age_band FROM survey_responses \
         WHERE survey_id = $1 AND version = $2 AND submitted_at IS NOT NULL ORDER BY submitted_at, id",
    )
    .bind(survey_id)
    .bind(version)
    .fetch_all(db)
    .await?;
    let answer_rows: Vec<(String, i64, String)> = sqlx::query_as(
        "SELECT a.response_id, a.question_id, a.answer FROM survey_answers a \
         JOIN survey_responses r ON r.id = a.response_id \
         WHERE r.survey_id = $1 AND r.version = $2 AND r.submitted_at IS NOT NULL",
    )
    .bind(survey_id)
    .bind(version)
    .fetch_all(db)
    .await?;
    let mut by_response: HashMap<String, HashMap<u32, Answer>> = HashMap::new();
    for (response_id, question_id, json) in answer_rows {
        by_response
            .entry(response_id)
            .or_default()
            .insert(stored_question_id(question_id)?, stored_json(&json)?);
    }
    Ok(rows
        .into_iter()
        .map(|(id, cohort, band)| SentResponse {
            answers: by_response.remove(&id).unwrap_or_default(),
            response_id: id,
            cohort,
            age_band: band,
        })
        .collect())
}
