//! Approved quotes in the database (`approved_quotes`).

use super::QuoteSource;
use crate::db::{new_id, Db};
use crate::domain::{AccountId, Period, SurveyId};
use crate::stored::StoredTime;
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// What a quote needs from the words it came from: their period, their
/// promise (for a rating) and the page that lists them.
struct SourceFacts {
    period: String,
    promise_id: Option<i64>,
    listed_at: String,
}

/// Finds the words a source names. A survey answer counts only once sent.
async fn facts(
    db: impl crate::db::Runs<'_>,
    source: &QuoteSource,
) -> Result<Option<SourceFacts>, sqlx::Error> {
    Ok(match source {
        QuoteSource::PromiseRating { rating_id, .. } => {
            let row: Option<(String, i64)> =
                sqlx::query_as("SELECT period, promise_id FROM promise_ratings WHERE id = $1")
                    .bind(rating_id)
                    .fetch_optional(db)
                    .await?;
            row.map(|(period, promise_id)| SourceFacts {
                period,
                promise_id: Some(promise_id),
                listed_at: "/officer/quotes".into(),
            })
        }
        QuoteSource::SurveyAnswer {
            response_id,
            question_id,
            ..
        } => {
            let row: Option<(String, i64, StoredTime)> = sqlx::query_as(
                "SELECT r.survey_id, r.version, r.submitted_at FROM survey_responses r \
                 JOIN survey_answers a ON a.response_id = r.id AND a.question_id = $2 \
                 WHERE r.id = $1 AND r.submitted_at IS NOT NULL",
            )
            .bind(response_id)
            .bind(i64::from(*question_id))
            .fetch_optional(db)
            .await?;
            row.map(|(survey_id, version, StoredTime(sent))| {
                let period = Period::at(sent).key();
                SourceFacts {
                    period,
                    promise_id: None,
                    listed_at: format!(
                        "/officer/surveys/{survey_id}/results?version={version}#question-{question_id}"
                    ),
                }
            })
        }
    })
}

/// Approves words as a quote (replacing an earlier approval of the same
/// words). Gives the page that lists them, or `None` if there are no such words.
pub async fn approve(
    db: &mut crate::db::Conn,
    source: &QuoteSource,
    quote: &str,
    officer_id: &AccountId,
    now: DateTime<Utc>,
) -> Result<Option<String>, sqlx::Error> {
    let Some(facts) = facts(&mut *db, source).await? else {
        return Ok(None);
    };
    let (kind, id, field) = source.columns();
    sqlx::query(
        "INSERT INTO approved_quotes \
         (id, source_kind, source_id, source_field, period, promise_id, quote, approved_by, approved_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         ON CONFLICT (source_kind, source_id, source_field) DO UPDATE SET \
         quote = excluded.quote, approved_by = excluded.approved_by, approved_at = excluded.approved_at",
    )
    .bind(new_id())
    .bind(kind)
    .bind(id)
    .bind(field)
    .bind(facts.period)
    .bind(facts.promise_id)
    .bind(quote)
    .bind(officer_id)
    .bind(now.timestamp())
    .execute(&mut *db)
    .await?;
    // Approving words once dismissed takes them back.
    forget(db, "dismissed_writing", source).await?;
    Ok(Some(facts.listed_at))
}

/// Words an officer chose not to quote.
pub struct Dismissed {
    /// The page that lists them.
    pub listed_at: String,
    /// False when they had been dismissed already (the first dismissal,
    /// who and when, is kept).
    pub new: bool,
}

/// Records that an officer read the words and chose not to quote them, so
/// they leave the queue; `None` if there are no such words (the caller
/// then keeps nothing of the transaction).
///
/// The write comes first: on SQLite a transaction that has read cannot
/// wait for another's write to finish, and the same click sent many times
/// at once would fail; one that starts by writing waits its turn.
pub async fn dismiss(
    db: &mut crate::db::Conn,
    source: &QuoteSource,
    officer_id: &AccountId,
    now: DateTime<Utc>,
) -> Result<Option<Dismissed>, sqlx::Error> {
    let (kind, id, field) = source.columns();
    let inserted = sqlx::query(
        "INSERT INTO dismissed_writing (source_kind, source_id, source_field, dismissed_by, dismissed_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (source_kind, source_id, source_field) DO NOTHING",
    )
    .bind(kind)
    .bind(id)
    .bind(field)
    .bind(officer_id)
    .bind(now.timestamp())
    .execute(&mut *db)
    .await?;
    Ok(facts(&mut *db, source).await?.map(|facts| Dismissed {
        listed_at: facts.listed_at,
        new: inserted.rows_affected() == 1,
    }))
}

/// Takes `source` out of `table` (`approved_quotes` or `dismissed_writing`),
/// both keyed by the words' kind, row and field.
async fn forget(
    db: &mut crate::db::Conn,
    table: &str,
    source: &QuoteSource,
) -> Result<(), sqlx::Error> {
    let (kind, id, field) = source.columns();
    sqlx::query(&format!(
        "DELETE FROM {table} WHERE source_kind = $1 AND source_id = $2 AND source_field = $3"
    ))
    .bind(kind)
    .bind(id)
    .bind(field)
    .execute(db)
    .await?;
    Ok(())
}

/// Withdraws a quote. Gives the page that lists the words, or `None` if
/// there are no such words.
pub async fn withdraw(
    db: &mut crate::db::Conn,
    source: &QuoteSource,
) -> Result<Option<String>, sqlx::Error> {
    let Some(facts) = facts(&mut *db, source).await? else {
        return Ok(None);
    };
    withdraw_in(db, source).await?;
    Ok(Some(facts.listed_at))
}

/// Withdraws a quote inside a transaction of the caller's (when the words
/// it came from change).
pub async fn withdraw_in(
    connection: &mut sqlx::AnyConnection,
    source: &QuoteSource,
) -> Result<(), sqlx::Error> {
    forget(connection, "approved_quotes", source).await
}

/// The quotes approved from a survey's answers, by response id and field.
pub async fn approved_from_survey(
    db: &Db,
    survey_id: &SurveyId,
) -> Result<HashMap<(String, String), String>, sqlx::Error> {
    let rows: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT q.source_id, q.source_field, q.quote FROM approved_quotes q \
         JOIN survey_responses r ON r.id = q.source_id \
         WHERE q.source_kind = $1 AND r.survey_id = $2",
    )
    .bind(super::SURVEY_ANSWER)
    .bind(survey_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, field, quote)| ((id, field), quote))
        .collect())
}
