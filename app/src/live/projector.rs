//! The projector: the join code and QR code, how many have answered, and
//! once enough have, the results as large charts with their numbers. With
//! script on it updates itself as answers arrive (server-sent events, see
//! `updates`) and recovers by itself after a dropped connection.

use super::results_view::ResultsView;
use super::updates::LiveUpdates;
use super::{ActivityResults, SessionSummary};
use crate::components::page::{route_param, PageTitle, Problem, RequireRole};
use crate::domain::LiveSessionId;
use crate::errors::VoiceError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectorView {
    pub session: SessionSummary,
    pub join_url: String,
    pub qr_svg: String,
    pub phones: i64,
    pub current: Option<ActivityResults>,
}

#[server(prefix = "/api", endpoint = "projector-view")]
pub async fn get_projector_view(
    session_id: LiveSessionId,
) -> Result<Option<ProjectorView>, VoiceError> {
    use crate::errors::Context;
    let (_, state, row) = super::facilitate::ssr::own_session(&session_id).await?;
    let Some(row) = row else { return Ok(None) };
    let code = row.join_code.clone().unwrap_or_default();
    let join_url = format!("{}/join?code={code}", crate::links::base_url(&state));
    let current = match row.current_activity {
        Some(id) => super::facilitate::ssr::activity_results(&state, &row)
            .await?
            .into_iter()
            .map(|(activity, _)| activity)
            .find(|activity| activity.id == id),
        None => None,
    };
    let (phones, _) = super::store::attendance(&state.db, &row.id)
        .await
        .context("attendance")?;
    Ok(Some(ProjectorView {
        qr_svg: crate::links::qr_svg(&join_url, "QR code that opens the join page"),
        join_url,
        session: row.summary(),
        phones,
        current,
    }))
}

/// `/facilitator/sessions/:id/projector`
#[component]
pub fn ProjectorPage() -> impl IntoView {
    let id: LiveSessionId = route_param("id");
    let key = id.clone();
    let view_data = Resource::new_blocking(move || key.clone(), get_projector_view);
    view! {
        <PageTitle text="Projector"/>
        <RequireRole roles=super::facilitate::FACILITATOR>
            <LiveUpdates events=format!("/live/{id}/events")/>
            <Suspense fallback=|| view! { <p>"Loading…"</p> }>
                {move || view_data.get().map(|result| match result {
                    Ok(Some(data)) => view! { <Projector data/> }.into_any(),
                    Ok(None) => view! { <h1>"Not found"</h1> }.into_any(),
                    Err(error) => view! { <Problem error/> }.into_any(),
                })}
            </Suspense>
        </RequireRole>
    }
}

/// The presenter view: it fills the screen (no staff header or footer),
/// the way in on the left, large enough to scan and read from the back of
/// a room, the question and its results on the right. Under the minimum
/// the room sees only that more answers are needed, never how few came:
/// the facilitator's own page has the count.
#[component]
fn Projector(data: ProjectorView) -> impl IntoView {
    let session = data.session;
    view! {
        <div class="projector">
            <section class="projector__way-in" aria-label="How to join">
                <h1 class="projector__title">{session.title}</h1>
                {match session.join_code {
                    Some(code) => view! {
                        <p class="projector__join-at">"Go to " <strong class="wrap">{data.join_url.clone()}</strong></p>
                        <p class="projector__code-label">"Code"</p>
                        <p class="reference projector__code">{code}</p>
                        <div class="qr projector__qr" inner_html=data.qr_svg></div>
                    }.into_any(),
                    None => view! { <p>"This session is not open."</p> }.into_any(),
                }}
                <p class="projector__count" role="status">{format!("Phones joined: {}", data.phones)}</p>
            </section>
            <section class="projector__activity" aria-label="The question">
                {match data.current {
                    None => view! { <p class="projector__question">"Waiting for the next activity."</p> }.into_any(),
                    Some(activity) => {
                        let shown = !matches!(activity.results, super::Results::Waiting { .. });
                        view! {
                            <h2 class="projector__question">{activity.question.prompt.clone()}</h2>
                            {shown.then(|| view! { <p class="projector__count">{format!("{} answered", activity.answered)}</p> })}
                            <ResultsView results=activity.results/>
                        }.into_any()
                    }
                }}
            </section>
        </div>
    }
}
