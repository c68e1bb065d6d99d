//! Promises, ratings, approved quotes and "you said, we did" in the database.

use super::{Action, ActionStatus, MyRating, Promise};
use crate::db::{new_id, Db};
use crate::domain::{AccountId, AgeBand, Cohort, FaceRating, Period};
use crate::quotes::{QuoteSource, Writing};
use crate::stored::{face_score, FaceScore};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

#[derive(sqlx::FromRow)]
struct PromiseRow {
    id: i64,
    position: i64,
    wording: String,
    easy_read: String,
    retired_at: Option<i64>,
}

fn promise_from_row(row: PromiseRow) -> Promise {
    Promise {
        id: row.id,
        position: row.position,
        wording: row.wording,
        easy_read: row.easy_read,
        retired: row.retired_at.is_some(),
    }
}

const PROMISE_COLUMNS: &str = "id, position, wording, easy_read, retired_at";

/// The promises young people rate now, in order.
pub async fn active_promises(db: &Db) -> Result<Vec<Promise>, sqlx::Error> {
    let rows: Vec<PromiseRow> = sqlx::query_as(&format!(
        "SELECT {PROMISE_COLUMNS} FROM promises WHERE retired_at IS NULL ORDER BY position, id"
    ))
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(promise_from_row).collect())
}

/// Every promise, retired ones last.
pub async fn all_promises(db: &Db) -> Result<Vec<Promise>, sqlx::Error> {
    let rows: Vec<PromiseRow> = sqlx::query_as(&format!(
        "SELECT {PROMISE_COLUMNS} FROM promises \
         ORDER BY CASE WHEN retired_at IS NULL THEN 0 ELSE 1 END, position, id"
    ))
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(promise_from_row).collect())
}

pub async fn promise(db: &Db, id: i64) -> Result<Option<Promise>, sqlx::Error> {
    let row: Option<PromiseRow> = sqlx::query_as(&format!(
        "SELECT {PROMISE_COLUMNS} FROM promises WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(promise_from_row))
}

pub async fn update_promise(
    db: impl crate::db::Runs<'_>,
    id: i64,
    wording: &str,
    easy_read: &str,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query("UPDATE promises SET wording = $1, easy_read = $2 WHERE id = $3")
        .bind(wording)
        .bind(easy_read)
        .bind(id)
        .execute(db)
        .await?;
    Ok(result.rows_affected() == 1)
}

/// Adds a promise at the end of the list and returns its id.
pub async fn add_promise(
    db: impl crate::db::Runs<'_>,
    wording: &str,
    easy_read: &str,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO promises (position, wording, easy_read) \
         SELECT COALESCE(MAX(position), 0) + 1, $1, $2 FROM promises RETURNING id",
    )
    .bind(wording)
    .bind(easy_read)
    .fetch_one(db)
    .await
}

/// Retires a promise (`Some(now)`) or brings it back (`None`). Its ratings stay.
pub async fn set_retired(
    db: impl crate::db::Runs<'_>,
    id: i64,
    retired_at: Option<DateTime<Utc>>,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query("UPDATE promises SET retired_at = $1 WHERE id = $2")
        .bind(retired_at.map(|at| at.timestamp()))
        .bind(id)
        .execute(db)
        .await?;
    Ok(result.rows_affected() == 1)
}

fn rating_from_row((score, why, better): (Option<FaceScore>, String, String)) -> MyRating {
    MyRating {
        rating: FaceRating::from_score(face_score(score)),
        why,
        better,
    }
}

/// A young person's ratings in one period, by promise id.
pub async fn my_ratings(
    db: &Db,
    account_id: &AccountId,
    period: Period,
) -> Result<HashMap<i64, MyRating>, sqlx::Error> {
    let rows: Vec<(i64, Option<FaceScore>, String, String)> = sqlx::query_as(
        "SELECT promise_id, score, why, better FROM promise_ratings \
         WHERE account_id = $1 AND period = $2",
    )
    .bind(account_id)
    .bind(period.key())
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(promise_id, score, why, better)| (promise_id, rating_from_row((score, why, better))))
        .collect())
}

/// Who the young person is when they rate: kept with the rating.
pub struct Rater<'a> {
    pub account_id: &'a AccountId,
    pub cohort: Cohort,
    pub age_band: AgeBand,
}

/// Records a rating, or changes the one already given for this promise in
/// this period: one rating per person, promise and period.
pub async fn save_rating(
    db: &Db,
    rater: &Rater<'_>,
    promise_id: i64,
    period: Period,
    rating: &MyRating,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    let previous: Option<(String, String, String)> = sqlx::query_as(
        "SELECT id, why, better FROM promise_ratings \
         WHERE account_id = $1 AND promise_id = $2 AND period = $3",
    )
    .bind(rater.account_id)
    .bind(promise_id)
    .bind(period.key())
    .fetch_optional(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO promise_ratings \
         (id, account_id, promise_id, period, score, why, better, cohort, age_band, rated_at, changed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) \
         ON CONFLICT (account_id, promise_id, period) DO UPDATE SET \
         score = excluded.score, why = excluded.why, better = excluded.better, \
         cohort = excluded.cohort, age_band = excluded.age_band, changed_at = excluded.changed_at",
    )
    .bind(new_id())
    .bind(rater.account_id)
    .bind(promise_id)
    .bind(period.key())
    .bind(rating.rating.score().map(i64::from))
    .bind(&rating.why)
    .bind(&rating.better)
    .bind(rater.cohort.as_str())
    .bind(rater.age_band.as_str())
    .bind(now.timestamp())
    .execute(&mut *tx)
    .await?;
    // Words they have taken back or changed are no longer theirs to quote.
    if let Some((rating_id, why, better)) = previous {
        for (field, before, after) in [
            ("why", why, &rating.why),
            ("better", better, &rating.better),
        ] {
            if before != *after {
                let source = QuoteSource::PromiseRating {
                    rating_id: rating_id.clone(),
                    field: field.into(),
                };
                crate::quotes::store::withdraw_in(&mut tx, &source).await?;
            }
        }
    }
    tx.commit().await
}

/// Every rating a young person has given: (promise id, period, score).
pub async fn my_history(
    db: &Db,
    account_id: &AccountId,
) -> Result<Vec<(i64, Period, FaceRating)>, sqlx::Error> {
    let rows: Vec<(i64, Period, Option<FaceScore>)> = sqlx::query_as(
        "SELECT promise_id, period, score FROM promise_ratings \
         WHERE account_id = $1 ORDER BY period DESC",
    )
    .bind(account_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(promise_id, period, score)| {
            let rating = FaceRating::from_score(face_score(score));
            (promise_id, period, rating)
        })
        .collect())
}

/// One rating as the dashboard counts it: no account, no words.
pub struct CountedRating {
    pub promise_id: i64,
    pub period: Period,
    pub score: Option<u8>,
    pub cohort: Option<Cohort>,
    pub age_band: String,
}

pub async fn ratings_in(db: &Db, periods: &[Period]) -> Result<Vec<CountedRating>, sqlx::Error> {
    let mut counted = Vec::new();
    for period in periods {
        let rows: Vec<(i64, Option<FaceScore>, Cohort, String)> = sqlx::query_as(
            "SELECT promise_id, score, cohort, age_band FROM promise_ratings WHERE period = $1",
        )
        .bind(period.key())
        .fetch_all(db)
        .await?;
        counted.extend(
            rows.into_iter()
                .map(|(promise_id, score, cohort, age_band)| CountedRating {
                    promise_id,
                    period: *period,
                    score: face_score(score),
                    cohort: Some(cohort),
                    age_band,
                }),
        );
    }
    Ok(counted)
}

/// The words written with ratings in a period (on one promise, or all),
/// with any approved quote and whether an officer chose not to quote them.
pub async fn comments(
    db: &Db,
    period: Period,
    promise_id: Option<i64>,
) -> Result<Vec<Writing>, sqlx::Error> {
    /// A rating's words, and the quotes approved from them.
    #[derive(sqlx::FromRow)]
    struct CommentRow {
        rating_id: String,
        position: i64,
        why: String,
        better: String,
        why_quote: Option<String>,
        better_quote: Option<String>,
        why_dismissed: Option<i64>,
        better_dismissed: Option<i64>,
    }
    let rows: Vec<CommentRow> = sqlx::query_as(
        "SELECT r.id AS rating_id, p.position, r.why, r.better, why_quote.quote AS why_quote, \
             better_quote.quote AS better_quote, why_dismissed.dismissed_at AS why_dismissed, \
             better_dismissed.dismissed_at AS better_dismissed \
             FROM promise_ratings r JOIN promises p ON p.id = r.promise_id \
             LEFT JOIN approved_quotes why_quote ON why_quote.source_kind = 'promise_rating' \
                 AND why_quote.source_id = r.id AND why_quote.source_field = 'why' \
             LEFT JOIN approved_quotes better_quote ON better_quote.source_kind = 'promise_rating' \
                 AND better_quote.source_id = r.id AND better_quote.source_field = 'better' \
             LEFT JOIN dismissed_writing why_dismissed ON why_dismissed.source_kind = 'promise_rating' \
                 AND why_dismissed.source_id = r.id AND why_dismissed.source_field = 'why' \
             LEFT JOIN dismissed_writing better_dismissed ON better_dismissed.source_kind = 'promise_rating' \
                 AND better_dismissed.source_id = r.id AND better_dismissed.source_field = 'better' \
             WHERE r.period = $1 AND (r.why <> '' OR r.better <> '') \
                 AND ($2 = 0 OR r.promise_id = $2) \
             ORDER BY p.position, r.changed_at, r.id",
    )
    .bind(period.key())
    .bind(promise_id.unwrap_or(0))
    .fetch_all(db)
    .await?;
    let mut comments = Vec::new();
    for CommentRow {
        rating_id,
        position,
        why,
        better,
        why_quote,
        better_quote,
        why_dismissed,
        better_dismissed,
    } in rows
    {
        for (field, question, text, approved, dismissed) in [
            ("why", "Why they chose that", why, why_quote, why_dismissed),
            (
                "better",
                "What would make it better",
                better,
                better_quote,
                better_dismissed,
            ),
        ] {
            if !text.is_empty() {
                comments.push(Writing {
                    source: QuoteSource::PromiseRating {
                        rating_id: rating_id.clone(),
                        field: field.into(),
                    },
                    context: format!("Promise {position} · {question}"),
                    text,
                    approved,
                    dismissed: dismissed.is_some(),
                });
            }
        }
    }
    Ok(comments)
}

/// What an officer publishes.
pub struct NewAction<'a> {
    pub you_said: &'a str,
    pub we_did: &'a str,
    pub period: Period,
    pub status: ActionStatus,
    pub promise_ids: &'a [i64],
}

pub async fn publish_action(
    db: &mut crate::db::Conn,
    action: &NewAction<'_>,
    officer_id: &AccountId,
    now: DateTime<Utc>,
) -> Result<String, sqlx::Error> {
    let id = new_id();
    let mut tx = sqlx::Connection::begin(&mut *db).await?;
    sqlx::query(
        "INSERT INTO you_said_we_did \
         (id, you_said, we_did, period, status, published_by, published_at, changed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
    )
    .bind(&id)
    .bind(action.you_said)
    .bind(action.we_did)
    .bind(action.period.key())
    .bind(action.status.as_str())
    .bind(officer_id)
    .bind(now.timestamp())
    .execute(&mut *tx)
    .await?;
    for promise_id in action.promise_ids {
        sqlx::query("INSERT INTO you_said_we_did_promises (action_id, promise_id) VALUES ($1, $2)")
            .bind(&id)
            .bind(promise_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(id)
}

pub async fn set_action_status(
    db: impl crate::db::Runs<'_>,
    id: &str,
    status: ActionStatus,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let result =
        sqlx::query("UPDATE you_said_we_did SET status = $1, changed_at = $2 WHERE id = $3")
            .bind(status.as_str())
            .bind(now.timestamp())
            .bind(id)
            .execute(db)
            .await?;
    Ok(result.rows_affected() == 1)
}

/// Published actions, newest first; only those linked to `promise_id` when given.
pub async fn actions(db: &Db, promise_id: Option<i64>) -> Result<Vec<Action>, sqlx::Error> {
    let rows: Vec<(String, String, String, Period, ActionStatus)> = match promise_id {
        None => {
            sqlx::query_as(
                "SELECT id, you_said, we_did, period, status FROM you_said_we_did \
                 ORDER BY published_at DESC, id",
            )
            .fetch_all(db)
            .await?
        }
        Some(promise_id) => {
            sqlx::query_as(
                "SELECT a.id, a.you_said, a.we_did, a.period, a.status FROM you_said_we_did a \
                 JOIN you_said_we_did_promises l ON l.action_id = a.id \
                 WHERE l.promise_id = $1 ORDER BY a.published_at DESC, a.id",
            )
            .bind(promise_id)
            .fetch_all(db)
            .await?
        }
    };
    let links: Vec<(String, i64)> =
        sqlx::query_as("SELECT action_id, promise_id FROM you_said_we_did_promises")
            .fetch_all(db)
            .await?;
    let promises: HashMap<i64, Promise> = all_promises(db)
        .await?
        .into_iter()
        .map(|promise| (promise.id, promise))
        .collect();
    Ok(rows
        .into_iter()
        .map(|(id, you_said, we_did, period, status)| {
            let mut linked: Vec<Promise> = links
                .iter()
                .filter(|(action_id, _)| *action_id == id)
                .filter_map(|(_, promise_id)| promises.get(promise_id).cloned())
                .collect();
            linked.sort_by_key(|promise| promise.position);
            Action {
                id,
                you_said,
                we_did,
                period,
                status,
                promises: linked,
            }
        })
        .collect())
}
