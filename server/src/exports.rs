//! Downloads that are files, not pages: a survey's results as CSV.

use app::auth::ssr::SignedIn;
use app::domain::Role;
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
    Path(survey_id): Path<String>,
    Query(query): Query<VersionQuery>,
    request: Request,
) -> Response {
    match request.extensions().get::<SignedIn>() {
        None => return (StatusCode::UNAUTHORIZED, "Please sign in to see this.").into_response(),
        Some(signed_in) if signed_in.user.role != Role::ParticipationOfficer => {
            return (
                StatusCode::FORBIDDEN,
                "Your account does not have access to this.",
            )
                .into_response()
        }
        Some(_) => {}
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
        Err(_) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            app::errors::SOMETHING_WENT_WRONG,
        )
            .into_response(),
    }
}
