//! Downloads that are files, not pages: a survey's results and each table
//! of a voice report, as CSV.

use app::auth::ssr::check_role;
use app::domain::Role;
use app::errors::VoiceError;
use app::reports::csv::{file_name, table_csv};
use app::reports::server_fns::ssr as report_ssr;
use app::reports::Report;
use app::state::AppState;
use app::surveys::results::{csv, ssr::results};
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct VersionQuery {
    version: Option<i64>,
}

/// `GET /officer/surveys/{id}/results.csv`, for participation officers.
pub async fn survey_results_csv(
    State(state): State<AppState>,
    Path(survey_id): Path<app::domain::SurveyId>,
    Query(query): Query<VersionQuery>,
    request: Request,
) -> Response {
    if let Err(refusal) = check_role(request.extensions().get(), &[Role::ParticipationOfficer]) {
        return refusal.into_response();
    }
    match results(&state, &survey_id, query.version).await {
        Ok(Some(found)) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!(
                        "attachment; filename=\"survey-results-v{}.csv\"",
                        found.version
                    ),
                ),
            ],
            csv(&found.title, found.version, &found.tally),
        )
            .into_response(),
        Ok(None) => (StatusCode::NOT_FOUND, "There is no such survey.").into_response(),
        Err(_) => VoiceError::Internal.into_response(),
    }
}

#[derive(Deserialize)]
pub struct TableQuery {
    period: Option<String>,
    table: String,
}

/// `GET /officer/reports/csv?period=2026-04&table=promise-scores`: one
/// table of the report as built now.
pub async fn report_table_csv(
    State(state): State<AppState>,
    Query(query): Query<TableQuery>,
    request: Request,
) -> Response {
    if let Err(refusal) = check_role(request.extensions().get(), &[Role::ParticipationOfficer]) {
        return refusal.into_response();
    }
    let period = report_ssr::period_or_default(&state, query.period.as_deref());
    match report_ssr::build_now(&state, period).await {
        Ok(report) => table_response(&report, &query.table),
        Err(_) => VoiceError::Internal.into_response(),
    }
}

#[derive(Deserialize)]
pub struct SnapshotTableQuery {
    table: String,
}

/// `GET /officer/reports/snapshots/{id}/csv?table=promise-scores`: one
/// table of a saved snapshot, exactly as it was saved.
pub async fn snapshot_table_csv(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(query): Query<SnapshotTableQuery>,
    request: Request,
) -> Response {
    if let Err(refusal) = check_role(request.extensions().get(), &[Role::ParticipationOfficer]) {
        return refusal.into_response();
    }
    match app::reports::store::snapshot(&state.db, &id).await {
        Ok(Some((_, report))) => table_response(&report, &query.table),
        Ok(None) => (StatusCode::NOT_FOUND, "There is no such snapshot.").into_response(),
        Err(_) => VoiceError::Internal.into_response(),
    }
}

fn table_response(report: &Report, table_id: &str) -> Response {
    let Some(table) = report.table(table_id) else {
        return (StatusCode::NOT_FOUND, "The report has no such table.").into_response();
    };
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"{}\"",
                    file_name(&report.period.key(), &table.id)
                ),
            ),
        ],
        table_csv(table),
    )
        .into_response()
}
