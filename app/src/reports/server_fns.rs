//! The report's server functions: for participation officers only.

use super::{Report, Snapshot, SnapshotSummary};
use crate::domain::Period;
use crate::errors::VoiceError;
use crate::forms::FormReply;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// How many periods an officer can choose from, the current one included.
pub const PERIODS_OFFERED: usize = 8;

/// The reports page: the periods to choose from and the saved snapshots.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportsIndex {
    /// Newest first.
    pub periods: Vec<Period>,
    /// The last complete period.
    pub default_period: Period,
    pub snapshots: Vec<SnapshotSummary>,
}

/// A report as built now, with the quotes that could go in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BuiltReport {
    pub report: Report,
    /// (quote id, words, chosen) for each quote approved in the period.
    pub quote_choices: Vec<(String, String, bool)>,
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use crate::auth::ssr::require;
    use crate::auth::SessionUser;
    use crate::domain::Period;
    use crate::errors::Context;
    use crate::errors::VoiceError;
    use crate::reports::{build::build, queries, Report, REPORT_ROLES};
    use crate::state::AppState;

    pub fn officer() -> Result<(SessionUser, AppState), VoiceError> {
        require(REPORT_ROLES)
    }

    /// The period asked for, or else the last complete one.
    pub fn period_or_default(state: &AppState, key: Option<&str>) -> Period {
        key.and_then(Period::parse_key)
            .unwrap_or_else(|| Period::at(state.now()).previous())
    }

    /// Counts and builds the period's report now.
    pub async fn build_now(state: &AppState, period: Period) -> Result<Report, VoiceError> {
        let inputs = queries::report_inputs(&state.db, period, state.now())
            .await
            .context("report counts")?;
        Ok(build(&inputs))
    }
}

#[server(prefix = "/api", endpoint = "reports-overview")]
pub async fn reports_overview() -> Result<ReportsIndex, VoiceError> {
    use crate::errors::Context;
    let (_, state) = ssr::officer()?;
    let mut period = Period::at(state.now());
    let mut periods = Vec::new();
    for _ in 0..PERIODS_OFFERED {
        periods.push(period);
        period = period.previous();
    }
    let snapshots = super::store::snapshots(&state.db)
        .await
        .context("snapshots")?;
    Ok(ReportsIndex {
        default_period: ssr::period_or_default(&state, None),
        periods,
        snapshots,
    })
}

#[server(prefix = "/api", endpoint = "build-report")]
pub async fn build_report(period: Option<String>) -> Result<BuiltReport, VoiceError> {
    use crate::errors::Context;
    let (_, state) = ssr::officer()?;
    let period = ssr::period_or_default(&state, period.as_deref());
    let report = ssr::build_now(&state, period).await?;
    let quote_choices = super::store::quote_choices(&state.db, period)
        .await
        .context("quote choices")?;
    Ok(BuiltReport {
        report,
        quote_choices,
    })
}

#[server(prefix = "/api", endpoint = "save-report-snapshot")]
pub async fn save_report_snapshot(period: String) -> Result<FormReply<()>, VoiceError> {
    use crate::errors::Context;
    let (officer, state) = ssr::officer()?;
    let Some(period) = Period::parse_key(&period) else {
        return Ok(FormReply::invalid_field(
            "period",
            "Choose a reporting period",
        ));
    };
    let report = ssr::build_now(&state, period).await?;
    let mut tx = state.db.begin().await.context("begin")?;
    let id = super::store::save_snapshot(&mut *tx, &report, &officer.account_id, state.now())
        .await
        .context("save snapshot")?;
    crate::audit::commit_with_line(
        tx,
        state.now(),
        Some(&officer.account_id),
        crate::audit::AuditAction::SnapshotSaved,
        &id,
        &period.key(),
    )
    .await?;
    Ok(FormReply::Redirect(format!(
        "/officer/reports/snapshots/{id}"
    )))
}

#[server(prefix = "/api", endpoint = "get-report-snapshot")]
pub async fn get_report_snapshot(id: String) -> Result<Option<Snapshot>, VoiceError> {
    use crate::errors::Context;
    let (_, state) = ssr::officer()?;
    let Some((summary, report)) = super::store::snapshot(&state.db, &id)
        .await
        .context("snapshot")?
    else {
        return Ok(None);
    };
    let previous = super::store::snapshot_before(&state.db, &id)
        .await
        .context("previous snapshot")?;
    Ok(Some(Snapshot {
        summary,
        report,
        previous,
    }))
}

#[server(prefix = "/api", endpoint = "choose-report-quotes")]
pub async fn choose_report_quotes(
    period: String,
    #[server(default)] quote_ids: Vec<String>,
) -> Result<FormReply<()>, VoiceError> {
    use crate::errors::Context;
    let (_, state) = ssr::officer()?;
    let Some(period) = Period::parse_key(&period) else {
        return Ok(FormReply::invalid_field(
            "quote_ids",
            "Choose a reporting period first",
        ));
    };
    super::store::choose_quotes(&state.db, period, &quote_ids)
        .await
        .context("choose quotes")?;
    Ok(FormReply::Redirect(format!(
        "/officer/reports/report?period={}#quotes",
        period.key()
    )))
}
