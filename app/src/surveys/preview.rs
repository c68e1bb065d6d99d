//! `/officer/surveys/:id/preview/:number`: an officer goes through the
//! survey's questions as young people see them, one per page, without
//! answering. Every question is shown, with any skip logic said above it.

use super::answer_pages::AnswerField;
use super::answering::QuestionPage;
use super::questions::Question;
use crate::components::fields::FormView;
use crate::components::page::{route_param, PageTitle, RequireRole, ServerData};
use crate::domain::{Role, SurveyId};
use crate::errors::VoiceError;
use crate::promises::Promise;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};

const OFFICER: &[Role] = &[Role::ParticipationOfficer];

/// One question of the survey's latest version, as a preview shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Preview {
    pub title: String,
    pub question: Question,
    pub number: usize,
    pub of: usize,
    pub condition: Option<String>,
    pub promises: Vec<Promise>,
}

/// Question `number` (counting from 1) of the survey's latest version;
/// `None` if there is no such survey or question.
#[server(prefix = "/api", endpoint = "preview-question")]
pub async fn preview_question(
    survey_id: SurveyId,
    number: usize,
) -> Result<Option<Preview>, VoiceError> {
    use super::authoring::ssr;
    use crate::errors::Context;
    let (_, state) = ssr::officer()?;
    let Some((survey, questions)) = ssr::survey_with_questions(&state, &survey_id).await? else {
        return Ok(None);
    };
    let Some(question) = number
        .checked_sub(1)
        .and_then(|i| questions.get(i))
        .cloned()
    else {
        return Ok(None);
    };
    let promises = match &question.kind {
        super::questions::QuestionKind::PromiseRating { promise_ids } => {
            let all = crate::promises::store::all_promises(&state.db)
                .await
                .context("promises")?;
            promise_ids
                .iter()
                .filter_map(|id| all.iter().find(|p| p.id == *id).cloned())
                .collect()
        }
        _ => Vec::new(),
    };
    Ok(Some(Preview {
        title: survey.settings.title,
        condition: super::questions::describe_condition(&questions, &question),
        question,
        number,
        of: questions.len(),
        promises,
    }))
}

#[component]
pub fn SurveyPreviewPage() -> impl IntoView {
    // Tracked: "Next question" stays on this route, so the page follows
    // the address rather than being made again.
    let params = use_params_map();
    let place = move || {
        params.with(|params| {
            (
                SurveyId::from(params.get("id").unwrap_or_default()),
                params
                    .get("number")
                    .and_then(|n| n.parse::<usize>().ok())
                    .unwrap_or(0),
            )
        })
    };
    let for_page: SurveyId = route_param("id");
    let preview = Resource::new_blocking(place, |(survey_id, number)| {
        preview_question(survey_id, number)
    });
    view! {
        <PageTitle text="Preview"/>
        <RequireRole roles=OFFICER>
            <ServerData resource=preview let:found>
                {match found {
                    None => view! { <h1>"Question not found"</h1> }.into_any(),
                    Some(preview) => view! { <PreviewQuestion survey_id=for_page.clone() preview/> }.into_any(),
                }}
            </ServerData>
        </RequireRole>
    }
}

#[component]
fn PreviewQuestion(survey_id: SurveyId, preview: Preview) -> impl IntoView {
    let editor = format!("/officer/surveys/{survey_id}");
    let at = |n: usize| format!("/officer/surveys/{survey_id}/preview/{n}");
    let previous = (preview.number > 1).then(|| at(preview.number - 1));
    let next = (preview.number < preview.of).then(|| at(preview.number + 1));
    let caption = format!(
        "Preview of {} · Question {} of {}",
        preview.title, preview.number, preview.of
    );
    let page = QuestionPage {
        title: preview.title,
        question: preview.question,
        number: preview.number,
        of: preview.of,
        back: previous.clone().unwrap_or_else(|| editor.clone()),
        answer: None,
        promises: preview.promises,
    };
    view! {
        <div class="notice" role="note">
            <p>"This is a preview: answers here are not saved. “Prefer not to say” and “Continue” are on every question."</p>
            {preview.condition.map(|condition| view! { <p>{condition}</p> })}
        </div>
        <AnswerField page fields=FormView::unsent() caption/>
        <nav class="button-row" aria-label="Preview">
            {previous.map(|href| view! { <a class="button button--secondary" href=href>"Previous question"</a> })}
            {match next {
                Some(href) => view! { <a class="button" href=href>"Next question"</a> }.into_any(),
                None => view! { <a class="button" href=editor>"Back to the survey"</a> }.into_any(),
            }}
        </nav>
    }
}
