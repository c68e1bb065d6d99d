//! Saved snapshots and the quotes chosen for each period's report.

use super::{Report, SnapshotSummary};
use crate::db::{new_id, Db};
use crate::domain::{AccountId, Period};
use crate::stored::{stored_json, StoredTime};
use chrono::{DateTime, Utc};

/// A quote approved in the period, and whether it is chosen for the report.
pub type QuoteChoice = (String, String, bool);

/// Keeps the report exactly as built; returns the snapshot's id.
pub async fn save_snapshot(
    db: impl crate::db::Runs<'_>,
    report: &Report,
    saved_by: &AccountId,
    now: DateTime<Utc>,
) -> Result<String, sqlx::Error> {
    let id = new_id();
    let body = serde_json::to_string(report).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    sqlx::query(
        "INSERT INTO report_snapshots (id, period, body, saved_by, saved_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&id)
    .bind(report.period.key())
    .bind(body)
    .bind(saved_by)
    .bind(now.timestamp())
    .execute(db)
    .await?;
    Ok(id)
}

const SUMMARY_COLUMNS: &str = "r.id, r.period, a.display_name AS saved_by, r.saved_at";
#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: String,
    period: Period,
    saved_by: String,
    saved_at: StoredTime,
}

impl From<SummaryRow> for SnapshotSummary {
    fn from(row: SummaryRow) -> SnapshotSummary {
        SnapshotSummary {
            id: row.id,
            period: row.period,
            saved_by: row.saved_by,
            saved_at: row.saved_at.0.timestamp(),
        }
    }
}

/// Every snapshot, newest first.
pub async fn snapshots(db: &Db) -> Result<Vec<SnapshotSummary>, sqlx::Error> {
    let rows: Vec<SummaryRow> = sqlx::query_as(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM report_snapshots r JOIN accounts a ON a.id = r.saved_by \
         ORDER BY r.saved_at DESC, r.id DESC"
    ))
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(SnapshotSummary::from).collect())
}

async fn snapshot_where(
    db: &Db,
    condition: &str,
    id: &str,
) -> Result<Option<(SnapshotSummary, Report)>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct SnapshotRow {
        #[sqlx(flatten)]
        summary: SummaryRow,
        body: String,
    }
    let row: Option<SnapshotRow> = sqlx::query_as(&format!(
        "SELECT {SUMMARY_COLUMNS}, r.body FROM report_snapshots r JOIN accounts a ON a.id = r.saved_by \
         WHERE {condition} ORDER BY r.saved_at DESC, r.id DESC LIMIT 1"
    ))
    .bind(id)
    .fetch_optional(db)
    .await?;
    row.map(|row| Ok((row.summary.into(), stored_json(&row.body)?)))
        .transpose()
}

/// A snapshot by id.
pub async fn snapshot(db: &Db, id: &str) -> Result<Option<(SnapshotSummary, Report)>, sqlx::Error> {
    snapshot_where(db, "r.id = $1", id).await
}

/// The snapshot saved just before this one, of any period.
pub async fn snapshot_before(
    db: &Db,
    id: &str,
) -> Result<Option<(SnapshotSummary, Report)>, sqlx::Error> {
    snapshot_where(
        db,
        "(r.saved_at < (SELECT saved_at FROM report_snapshots WHERE id = $1) \
          OR (r.saved_at = (SELECT saved_at FROM report_snapshots WHERE id = $1) AND r.id < $1))",
        id,
    )
    .await
}

/// The quotes approved in the period (and their sources' period), with
/// whether each is chosen for the report.
pub async fn quote_choices(db: &Db, period: Period) -> Result<Vec<QuoteChoice>, sqlx::Error> {
    sqlx::query_as::<_, (String, String, i64)>(
        "SELECT q.id, q.quote, CASE WHEN c.quote_id IS NULL THEN 0 ELSE 1 END \
         FROM approved_quotes q \
         LEFT JOIN report_quotes c ON c.quote_id = q.id AND c.period = q.period \
         WHERE q.period = $1 ORDER BY q.approved_at, q.id",
    )
    .bind(period.key())
    .fetch_all(db)
    .await
    .map(|rows| {
        rows.into_iter()
            .map(|(id, quote, chosen)| (id, quote, chosen == 1))
            .collect()
    })
}

/// Replaces the period's chosen quotes with `quote_ids` (those approved in
/// the period; any other id is ignored).
pub async fn choose_quotes(
    db: &Db,
    period: Period,
    quote_ids: &[String],
) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM report_quotes WHERE period = $1")
        .bind(period.key())
        .execute(&mut *tx)
        .await?;
    for id in quote_ids {
        sqlx::query(
            "INSERT INTO report_quotes (period, quote_id) \
             SELECT period, id FROM approved_quotes WHERE id = $1 AND period = $2 \
             ON CONFLICT DO NOTHING",
        )
        .bind(id)
        .bind(period.key())
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await
}
