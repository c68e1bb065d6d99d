//! `/officer/surveys/:id/results`: one version's results, as the CSV has them.

use super::results::{survey_results, QuestionResult, ResultRow, VersionResults};
use crate::components::fields::ErrorSummary;
use crate::components::list_filters::ResultCount;
use crate::components::page::{route_param, PageTitle, RequireRole, ServerData};
use crate::components::pager::Pager;
use crate::domain::SurveyId;
use crate::quotes::moderation::{use_quote_forms, QuoteForms, WritingCard, MODERATOR_ROLES};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SurveyResultsPage() -> impl IntoView {
    let survey_id: SurveyId = route_param("id");
    let (version, written, page) = use_query_map().with_untracked(|query| {
        (
            query.get("version").and_then(|v| v.parse::<i64>().ok()),
            query.get("written"),
            query.get("page"),
        )
    });
    let results = Resource::new_blocking(
        move || (survey_id.clone(), version, written.clone(), page.clone()),
        |(survey_id, version, written, page)| survey_results(survey_id, version, written, page),
    );
    let quotes = use_quote_forms();
    view! {
        <PageTitle text="Survey results"/>
        <RequireRole roles=MODERATOR_ROLES>
            <ErrorSummary form=quotes.approve_errors()/>
            <ServerData resource=results let:found>
                {match found {
                    None => view! { <h1>"Survey not found"</h1> }.into_any(),
                    Some(found) => view! { <Results found quotes/> }.into_any(),
                }}
            </ServerData>
        </RequireRole>
    }
}

#[component]
fn Results(found: VersionResults, quotes: QuoteForms) -> impl IntoView {
    let VersionResults {
        survey_id,
        title,
        version,
        versions,
        tally,
    } = found;
    let csv = format!("/officer/surveys/{survey_id}/results.csv?version={version}");
    let back = format!("/officer/surveys/{survey_id}");
    view! {
        <p><a class="back-link" href=back>"Back to the survey"</a></p>
        <span class="caption">{format!("Version {version}")}</span>
        <h1>{format!("Results: {title}")}</h1>
        {(versions.len() > 1).then(|| view! {
            <p>"Other versions: "
                {versions.into_iter().filter(|v| *v != version).map(|v| view! {
                    <a href=format!("/officer/surveys/{survey_id}/results?version={v}")>{format!("version {v}")}</a>" "
                }).collect_view()}
            </p>
        })}
        <p><a class="button button--secondary" href=csv download="">"Download the results (CSV)"</a></p>
        <p class="lead">{format!("{} sent", tally.responses.label())}</p>
        <p class="hint">"Counts from 1 to 4 show as “fewer than 5”, so nobody can be picked out."</p>
        <h2>"Who answered"</h2>
        <ResultTable rows=tally.groups caption="Responses by group"/>
        {tally.questions.into_iter().map(|question| {
            let read_all = format!(
                "/officer/surveys/{survey_id}/results?version={version}&written={}#question-{}",
                question.question_id, question.question_id
            );
            view! { <QuestionResults question quotes read_all/> }
        }).collect_view()}
    }
}

#[component]
fn QuestionResults(
    question: QuestionResult,
    quotes: QuoteForms,
    read_all: String,
) -> impl IntoView {
    let heading = format!("{}. {}", question.number, question.prompt);
    let label = heading.clone();
    view! {
        <section class="card" aria-label=label id=format!("question-{}", question.question_id)>
            <h2 class="card__title">{heading}</h2>
            <p class="hint">{format!("Answered by {}", crate::domain::Shown::of(question.answered).label())}</p>
            <ResultTable rows=question.rows caption="Answers"/>
            {question.mean.map(|mean| view! { <p>{format!("Mean face: {mean:.1} out of 5")}</p> })}
            {(question.written_total > 0).then(|| {
                let (total, shown) = (question.written_total, question.written.len());
                view! {
                    <h3>"What they wrote"</h3>
                    <p class="hint">"Approve words to quote in reports. Take out names and anything else that could identify someone first."</p>
                    {match question.written_pages.clone() {
                        Some(_) => view! { <ResultCount total=total as u64 one="written answer" many="written answers"/> }.into_any(),
                        None if total > shown => view! {
                            <p>{format!("The first {shown} of {total}. ")}<a href=read_all>{format!("Read all {total} written answers")}</a></p>
                        }.into_any(),
                        None => ().into_any(),
                    }}
                    <ul class="card-list">
                        {question.written.into_iter().map(|writing| view! { <WritingCard writing forms=quotes/> }).collect_view()}
                    </ul>
                    {question.written_pages.map(|links| view! { <Pager links/> })}
                }
            })}
        </section>
    }
}

#[component]
fn ResultTable(rows: Vec<ResultRow>, caption: &'static str) -> impl IntoView {
    view! {
        <table class="table">
            <caption class="visually-hidden">{caption}</caption>
            <thead><tr><th scope="col">"Answer"</th><th scope="col">"Count"</th><th scope="col">"Share"</th></tr></thead>
            <tbody>
                {rows.into_iter().map(|row| view! {
                    <tr>
                        <th scope="row">{row.answer}</th>
                        <td>{row.count.label()}</td>
                        <td>{row.percent.map(|p| format!("{p}%")).unwrap_or_default()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
