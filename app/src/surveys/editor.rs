//! The officer's survey pages: the list, a new survey, and one survey's
//! questions, settings, status and anonymous links.

use super::authoring::{
    officer_survey, officer_surveys, wording_fields, AddQuestion, ChangeQuestion, CreateSurveyLink,
    RewordQuestionWords, SaveSurvey, SetSurveyStatus, SurveyForOfficer,
};
use super::questions::{describe_condition, Question, QuestionKind};
use super::settings::SurveySettings;
use super::SurveyStatus;
use crate::components::fields::{
    CheckboxField, CheckboxesField, ErrorSummary, FormView, PrefilledTextArea, RadioField,
    SubmitButton, TextAreaField, TextField, VoiceForm,
};
use crate::components::page::{route_param, PageTitle, RequireRole, ServerData};
use crate::domain::{AgeBand, Role, Shown, SurveyId};
use crate::forms::use_form;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

const OFFICER: &[Role] = &[Role::ParticipationOfficer];

/// `/officer/surveys`
#[component]
pub fn SurveysPage() -> impl IntoView {
    let surveys = Resource::new_blocking(|| (), |_| officer_surveys());
    view! {
        <PageTitle text="Surveys"/>
        <RequireRole roles=OFFICER>
            <h1>"Surveys"</h1>
            <p><a class="button" href="/officer/surveys/new">"Create a survey"</a></p>
            <ServerData resource=surveys let:surveys>
                {if surveys.is_empty() {
                    view! { <p>"There are no surveys yet."</p> }.into_any()
                } else {
                    view! {
                        <ul class="card-list">
                            {surveys.into_iter().map(|item| view! {
                                <li class="card">
                                    <h2 class="card__title"><a href=format!("/officer/surveys/{}", item.survey.id)>{item.survey.settings.title.clone()}</a></h2>
                                    <p><strong class="tag">{item.survey.status.label()}</strong> " "
                                        {dates(&item.survey.settings)}</p>
                                    <p>{format!("{} sent", item.sent.label())}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </ServerData>
        </RequireRole>
    }
}

fn dates(settings: &SurveySettings) -> String {
    format!(
        "{} to {}",
        settings.opens_on.format("%-d %B %Y"),
        settings.closes_on.format("%-d %B %Y")
    )
}

/// `/officer/surveys/new`
#[component]
pub fn NewSurveyPage() -> impl IntoView {
    let form = use_form::<SaveSurvey, ()>();
    let fields = form.view();
    view! {
        <PageTitle text="Create a survey"/>
        <RequireRole roles=OFFICER>
            <ErrorSummary form=fields/>
            <p><a class="back-link" href="/officer/surveys">"Back to the surveys"</a></p>
            <h1>"Create a survey"</h1>
            <VoiceForm form>
                <SettingsFields form=fields settings=None/>
                <SubmitButton label="Create the survey"/>
            </VoiceForm>
        </RequireRole>
    }
}

#[component]
fn SettingsFields(form: FormView, settings: Option<SurveySettings>) -> impl IntoView {
    let audience = AgeBand::ALL
        .into_iter()
        .map(|band| (band.as_str().to_string(), band.label().to_string()))
        .collect();
    let initial_audience = settings
        .as_ref()
        .map(|s| {
            s.audience
                .iter()
                .map(|band| band.as_str().to_string())
                .collect()
        })
        .unwrap_or_default();
    let text =
        |pick: fn(&SurveySettings) -> String| settings.as_ref().map(pick).unwrap_or_default();
    view! {
        <TextField form name="title" label="Title" initial=text(|s| s.title.clone())/>
        <TextAreaField form name="introduction" label="Introduction (optional)"
            hint="What young people read before the first question" initial=text(|s| s.introduction.clone())/>
        <CheckboxesField form name="audience" legend="Who is it for?" options=audience initial=initial_audience/>
        <TextField form name="opens_on" label="Opens on" input_type="date" initial=text(|s| s.opens_on.to_string())/>
        <TextField form name="closes_on" label="Closes on" input_type="date" initial=text(|s| s.closes_on.to_string())/>
        <CheckboxField form name="allow_anonymous" label="Allow anonymous answers through a link"
            initial=settings.as_ref().is_some_and(|s| s.allow_anonymous)/>
    }
}

/// `/officer/surveys/:id`
#[component]
pub fn SurveyEditorPage() -> impl IntoView {
    let survey_id: SurveyId = route_param("id");
    let saved = use_query_map().with_untracked(|query| query.get("saved").is_some());
    let survey = Resource::new_blocking(move || survey_id.clone(), officer_survey);
    let forms = EditorForms {
        add: use_form::<AddQuestion, ()>(),
        change: use_form::<ChangeQuestion, ()>(),
        reword: use_form::<RewordQuestionWords, ()>(),
        settings: use_form::<SaveSurvey, ()>(),
        status: use_form::<SetSurveyStatus, ()>(),
        link: use_form::<CreateSurveyLink, ()>(),
    };
    view! {
        <PageTitle text="Survey"/>
        <RequireRole roles=OFFICER>
            <ErrorSummary form=forms.change.view()/>
            <ErrorSummary form=forms.reword.view()/>
            <ErrorSummary form=forms.status.view()/>
            <ErrorSummary form=forms.add.view()/>
            <ErrorSummary form=forms.settings.view()/>
            <ErrorSummary form=forms.link.view()/>
            <p><a class="back-link" href="/officer/surveys">"Back to the surveys"</a></p>
            {saved.then(|| view! { <div class="notice" role="status"><p>"The settings are saved."</p></div> })}
            <ServerData resource=survey let:found>
                {match found {
                    None => view! { <h1>"Survey not found"</h1> }.into_any(),
                    Some(found) => view! { <SurveyEditor found forms/> }.into_any(),
                }}
            </ServerData>
        </RequireRole>
    }
}

/// The forms on a survey's page, made once at the top of the page.
#[derive(Clone, Copy)]
struct EditorForms {
    add: crate::forms::FormHandle<AddQuestion, ()>,
    change: crate::forms::FormHandle<ChangeQuestion, ()>,
    reword: crate::forms::FormHandle<RewordQuestionWords, ()>,
    settings: crate::forms::FormHandle<SaveSurvey, ()>,
    status: crate::forms::FormHandle<SetSurveyStatus, ()>,
    link: crate::forms::FormHandle<CreateSurveyLink, ()>,
}

#[component]
fn SurveyEditor(found: SurveyForOfficer, forms: EditorForms) -> impl IntoView {
    let SurveyForOfficer {
        survey,
        questions,
        links,
        promises,
        sent,
    } = found;
    let id = survey.id.clone();
    let (next_status, status_button) = match survey.status {
        SurveyStatus::Open => ("closed", "Close the survey"),
        _ => ("open", "Open the survey"),
    };
    let allow_anonymous = survey.settings.allow_anonymous;
    // Each form's children are a closure of their own, with their own copy.
    let (status_id, settings_id) = (id.clone(), id.clone());
    let results = format!("/officer/surveys/{id}/results");
    view! {
        <h1>{survey.settings.title.clone()}</h1>
        <p><strong class="tag">{survey.status.label()}</strong> " " {dates(&survey.settings)}
            " · " {format!("{} sent · version {}", sent.label(), survey.version)}</p>
        <p><a href=results>"Results"</a>
            {(!questions.is_empty()).then(|| view! { " · " <a href=format!("/officer/surveys/{id}/preview/1")>"Preview"</a> })}</p>
        <VoiceForm form=forms.status>
            <input type="hidden" name="survey_id" value=status_id/>
            <input type="hidden" name="status" value=next_status/>
            <button class="button button--secondary" type="submit">{status_button}</button>
        </VoiceForm>
        {(sent != Shown::Count(0)).then(|| view! {
            <p class="hint">"People have answered this version, so changing the questions makes a new version. Results keep to the version each person answered."</p>
        })}
        <h2 id="questions">"Questions"</h2>
        <QuestionList survey_id=id.clone() questions=questions.clone() form=forms.change reword=forms.reword/>
        <h2>"Add a question"</h2>
        <AddQuestionForm survey_id=id.clone() questions promises form=forms.add/>
        <h2>"Settings"</h2>
        <VoiceForm form=forms.settings>
            <input type="hidden" name="survey_id" value=settings_id/>
            <SettingsFields form=forms.settings.view() settings=Some(survey.settings.clone())/>
            <SubmitButton label="Save the settings"/>
        </VoiceForm>
        <h2 id="links">"Anonymous links"</h2>
        {if allow_anonymous {
            view! { <LinkSection survey_id=id.clone() links form=forms.link/> }.into_any()
        } else {
            view! { <p>"Tick “Allow anonymous answers through a link” in the settings to make links."</p> }.into_any()
        }}
    }
}

#[component]
fn QuestionList(
    survey_id: SurveyId,
    questions: Vec<Question>,
    form: crate::forms::FormHandle<ChangeQuestion, ()>,
    reword: crate::forms::FormHandle<RewordQuestionWords, ()>,
) -> impl IntoView {
    if questions.is_empty() {
        return view! { <p>"No questions yet."</p> }.into_any();
    }
    let described = questions.clone();
    view! {
        <ol class="card-list">
            {questions.into_iter().enumerate().map(|(index, question)| {
                let number = index + 1;
                let condition = describe_condition(&described, &question);
                let survey_id = survey_id.clone();
                view! {
                    <li class="card">
                        <h3 class="card__title">{format!("Question {number}: {}", question.prompt)}</h3>
                        <p class="hint">{question.kind.label()} " · " {if question.required { "Required" } else { "Optional" }}</p>
                        {choices_of(&question.kind).map(|choices| view! { <p>{choices}</p> })}
                        {condition.map(|text| view! { <p>{text}</p> })}
                        <RewordForm survey_id=survey_id.clone() question=question.clone() number form=reword/>
                        <div class="button-row">
                            {["up", "down", "remove"].into_iter().map(|change| {
                                let words = match change { "up" => "Move up", "down" => "Move down", _ => "Remove" };
                                let survey_id = survey_id.clone();
                                view! {
                                    <VoiceForm form>
                                        <input type="hidden" name="survey_id" value=survey_id/>
                                        <input type="hidden" name="question_id" value=question.id.to_string()/>
                                        <input type="hidden" name="change" value=change/>
                                        <button class="link-button" type="submit">{words}
                                            <span class="visually-hidden">{format!(" question {number}")}</span></button>
                                    </VoiceForm>
                                }
                            }).collect_view()}
                        </div>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
    .into_any()
}

/// Changes a question's words, behind "Change the words" (open again when
/// what was typed there needs correcting).
#[component]
fn RewordForm(
    survey_id: SurveyId,
    question: Question,
    number: usize,
    form: crate::forms::FormHandle<RewordQuestionWords, ()>,
) -> impl IntoView {
    let fields = form.view();
    let (prompt_id, hint_id) = wording_fields(question.id);
    // Each question has its own form: what was typed goes back to its own.
    let sent_here = fields.value("question_id") == Some(question.id.to_string());
    let typed = |name: &str| fields.value(name).filter(|_| sent_here);
    let prompt = typed("prompt").unwrap_or(question.prompt);
    let hint = typed("hint").unwrap_or(question.hint);
    let error_view = move |field: String| {
        move || {
            fields.error(&field).map(|message| {
                view! { <p class="field-error" id=format!("{field}-error")>{message}</p> }
            })
        }
    };
    let (prompt_error, hint_error) = (error_view(prompt_id.clone()), error_view(hint_id.clone()));
    view! {
        <details class="details" open=sent_here>
            <summary class="details__summary">"Change the words"
                <span class="visually-hidden">{format!(" of question {number}")}</span></summary>
            <VoiceForm form>
                <input type="hidden" name="survey_id" value=survey_id/>
                <input type="hidden" name="question_id" value=question.id.to_string()/>
                <div class="field">
                    <label class="label" for=prompt_id.clone()>"The question’s words"</label>
                    {prompt_error}
                    <PrefilledTextArea id=prompt_id name="prompt" rows="2" text=prompt/>
                </div>
                <div class="field">
                    <label class="label" for=hint_id.clone()>"Its hint (optional)"</label>
                    {hint_error}
                    <input class="input" id=hint_id name="hint" value=hint/>
                </div>
                <button class="button button--secondary" type="submit">"Save the words"</button>
            </VoiceForm>
        </details>
    }
}

fn choices_of(kind: &QuestionKind) -> Option<String> {
    match kind {
        QuestionKind::SingleChoice { options } => Some(options.join(" / ")),
        QuestionKind::MultipleChoice { options, other } => Some(format!(
            "{}{}",
            options.join(" / "),
            if *other { " / Other" } else { "" }
        )),
        _ => None,
    }
}

#[component]
fn AddQuestionForm(
    survey_id: SurveyId,
    questions: Vec<Question>,
    promises: Vec<crate::promises::Promise>,
    form: crate::forms::FormHandle<AddQuestion, ()>,
) -> impl IntoView {
    let fields = form.view();
    let kinds = QuestionKind::NAMES.to_vec();
    let promise_options = promises
        .iter()
        .map(|p| {
            (
                p.id.to_string(),
                format!("Promise {}: {}", p.position, p.easy_read),
            )
        })
        .collect();
    // Skip logic: any answer to an earlier question that has set answers.
    let conditions: Vec<(String, String)> = questions
        .iter()
        .enumerate()
        .flat_map(|(index, question)| {
            question
                .kind
                .matchable_answers()
                .into_iter()
                .map(move |(value, words)| {
                    (
                        format!("{}={value}", question.id),
                        format!("Question {} is “{words}”", index + 1),
                    )
                })
        })
        .collect();
    let chosen_condition = move || fields.value("show_if").unwrap_or_default();
    view! {
        <VoiceForm form>
            <input type="hidden" name="survey_id" value=survey_id/>
            <RadioField form=fields name="kind" legend="Kind of question" options=kinds/>
            <TextAreaField form=fields name="prompt" label="Question"/>
            <TextField form=fields name="hint" label="Hint (optional)"/>
            <TextAreaField form=fields name="options" label="Choices, one on each line"
                hint="For “Choose one” and “Choose any” questions"/>
            <CheckboxField form=fields name="other" label="Add “Other” with a box to say what (for “Choose any”)"/>
            <CheckboxesField form=fields name="promise_ids" legend="Promises to ask about (for “Rate promises”)"
                options=promise_options/>
            <CheckboxField form=fields name="required" label="They must answer it (they can still say “Prefer not to say”)" initial=true/>
            <div class="field" class:field--error=move || fields.error("show_if").is_some()>
                <label class="label" for="show_if">"Show this question"</label>
                {move || fields.error("show_if").map(|message| view! { <p class="field-error" id="show_if-error">{message}</p> })}
                <select class="select" id="show_if" name="show_if">
                    <option value="">"Always"</option>
                    {conditions.into_iter().map(|(value, words)| {
                        let this = value.clone();
                        view! { <option value=value selected=move || chosen_condition() == this>{format!("Only if {words}")}</option> }
                    }).collect_view()}
                </select>
            </div>
            <SubmitButton label="Add the question"/>
        </VoiceForm>
    }
}

#[component]
fn LinkSection(
    survey_id: SurveyId,
    links: Vec<super::authoring::LinkForOfficer>,
    form: crate::forms::FormHandle<CreateSurveyLink, ()>,
) -> impl IntoView {
    let fields = form.view();
    view! {
        {if links.is_empty() {
            view! { <p>"No links yet."</p> }.into_any()
        } else {
            view! {
                <ul class="card-list">
                    {links.into_iter().map(|link| view! {
                        <li class="card">
                            <h3 class="card__title">{if link.label.is_empty() { "Link".to_string() } else { link.label.clone() }}</h3>
                            <p class="code-line">{link.url}</p>
                            <div class="qr" inner_html=link.qr_svg></div>
                            <p class="hint">{format!("{} answers", link.answers.label())}
                                {link.max_responses.map(|max| format!(" of at most {max}"))}
                                {link.expires_on.map(|day| format!(" · works until {}", day.format("%-d %B %Y")))}</p>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        <h3>"Make a link"</h3>
        <VoiceForm form>
            <input type="hidden" name="survey_id" value=survey_id/>
            <TextField form=fields name="label" label="What it is for (optional)" hint="Like “LACC November session”"/>
            <TextField form=fields name="max_responses" label="Most answers it takes (optional)" input_type="number"/>
            <TextField form=fields name="expires_on" label="Last day it works (optional)" input_type="date"/>
            <SubmitButton label="Make the link"/>
        </VoiceForm>
    }
}
