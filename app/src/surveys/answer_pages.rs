//! The answering pages, phone first: the list of surveys, a survey's start,
//! one question per page, check your answers, and done. The same pages
//! serve `/surveys/:id/…` (signed in) and `/s/:link/:response/…` (anonymous).

use super::answering::{
    anonymous_survey, my_surveys, survey_check, survey_question, survey_start, AnswerQuestion,
    Progress, QuestionPage, Route, SendSurvey, StartAnonymous, SENT_ANONYMOUSLY,
};
use super::questions::{Answer, QuestionKind, PREFER_NOT_TO_SAY, YES_NO};
use crate::components::face_scale::FaceScaleField;
use crate::components::fields::{
    described_by, ChoiceList, ErrorSummary, FieldError, FormView, PrefilledTextArea, VoiceForm,
};
use crate::components::page::{route_param, PageTitle, Problem, RequireRole, ServerData};
use crate::domain::{FaceRating, Role, SurveyId};
use crate::errors::VoiceError;
use crate::forms::{use_form, FormHandle};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// Which response the page is about, from its address.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Where {
    survey_id: SurveyId,
    link: Option<String>,
    response: Option<String>,
}

impl Where {
    fn from_address() -> Where {
        use_params_map().with_untracked(|params| Where {
            survey_id: SurveyId::from(params.get("id").unwrap_or_default()),
            link: params.get("link"),
            response: params.get("response"),
        })
    }

    fn route(&self) -> Route {
        match (&self.link, &self.response) {
            (Some(link), Some(response)) => Route::Anonymous {
                link: link.clone(),
                response: response.clone(),
            },
            _ => Route::SignedIn {
                survey_id: self.survey_id.clone(),
            },
        }
    }

    /// The hidden fields every form about this response carries.
    fn hidden_fields(&self) -> impl IntoView {
        view! {
            <input type="hidden" name="survey_id" value=self.survey_id.clone()/>
            {self.link.clone().map(|link| view! { <input type="hidden" name="link" value=link/> })}
            {self.response.clone().map(|response| view! { <input type="hidden" name="response" value=response/> })}
        }
    }
}

/// Why a page about a response shows no answers: sent anonymously (said
/// plainly, as it is no error), or a problem.
fn not_shown(error: VoiceError) -> AnyView {
    match error {
        VoiceError::NotOpen(message) if message == SENT_ANONYMOUSLY => {
            view! { <div class="panel"><h1>"Your answers are sent"</h1><p>{message}</p></div> }
                .into_any()
        }
        error => view! { <Problem error/> }.into_any(),
    }
}

/// Why an anonymous link cannot be used.
fn link_refused(error: VoiceError) -> AnyView {
    match error {
        VoiceError::NotOpen(message) => {
            view! { <h1>"This link cannot be used"</h1><p>{message}</p> }.into_any()
        }
        error => view! { <Problem error/> }.into_any(),
    }
}

/// Signed-in pages are for young people; anonymous ones for anybody.
#[component]
fn ForRespondent(place: Where, children: Children) -> impl IntoView {
    if place.link.is_some() {
        children().into_any()
    } else {
        view! { <RequireRole roles=&[Role::YoungPerson]>{children()}</RequireRole> }.into_any()
    }
}

/// `/surveys`
#[component]
pub fn MySurveysPage() -> impl IntoView {
    let surveys = Resource::new_blocking(|| (), |_| my_surveys());
    view! {
        <PageTitle text="Surveys"/>
        <h1>"Surveys"</h1>
        <ServerData resource=surveys let:surveys>
            {if surveys.is_empty() {
                view! { <p>"There are no surveys for you to answer just now."</p> }.into_any()
            } else {
                view! {
                    <ul class="card-list">
                        {surveys.into_iter().map(|survey| {
                            let (words, done) = match survey.progress {
                                Progress::NotStarted => ("Start", false),
                                Progress::Started => ("Carry on", false),
                                Progress::Sent => ("Sent. Thank you", true),
                            };
                            view! {
                                <li class="card">
                                    <h2 class="card__title">{survey.title.clone()}</h2>
                                    <p class="hint">{format!("Open until {}", survey.closes_on.format("%-d %B %Y"))}</p>
                                    {if done {
                                        view! { <p><strong class="tag tag--green">{words}</strong></p> }.into_any()
                                    } else {
                                        // One phrase for the link's name: a visually hidden ending is
                                        // read with a stray space before it.
                                        view! { <p><a class="button" href=format!("/surveys/{}", survey.id)
                                            aria-label=format!("{words}: {}", survey.title)>{words}</a></p> }.into_any()
                                    }}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </ServerData>
    }
}

/// `/surveys/:id` and `/s/:link/:response`: what the survey is, and where to carry on.
#[component]
pub fn SurveyStartPage() -> impl IntoView {
    let place = Where::from_address();
    let query = place.clone();
    let start = Resource::new_blocking(
        move || query.clone(),
        |place| survey_start(place.survey_id, place.link, place.response),
    );
    view! {
        <PageTitle text="Survey"/>
        <ForRespondent place>
            <ServerData resource=start let:start>
                <h1>{start.title}</h1>
                <p class="prewrap">{start.introduction}</p>
                <p>"You can stop at any time and carry on later: each answer is saved when you press Continue."</p>
                <p><a class="button" href=start.next>"Start"</a></p>
            </ServerData>
        </ForRespondent>
    }
}

/// `/s/:link`: the start of an anonymous link.
#[component]
pub fn AnonymousStartPage() -> impl IntoView {
    let link: String = route_param("link");
    let form = use_form::<StartAnonymous, ()>();
    let fields = form.view();
    let for_fetch = link.clone();
    let survey = Resource::new_blocking(move || for_fetch.clone(), anonymous_survey);
    view! {
        <PageTitle text="Survey"/>
        <ErrorSummary form=fields/>
        <ServerData resource=survey refused=link_refused let:survey>
            {
                let (title, introduction) = survey;
                let link = link.clone();
                view! {
                    <h1>{title}</h1>
                    <p class="prewrap">{introduction}</p>
                    <p>"You do not need an account. We do not keep your name, your account, your internet address or anything about your phone with your answers."</p>
                    <VoiceForm form>
                        <input type="hidden" name="link" value=link/>
                        <button class="button" type="submit">"Start"</button>
                    </VoiceForm>
                }
            }
        </ServerData>
    }
}

/// `…/questions/:question`: one question.
#[component]
pub fn SurveyQuestionPage() -> impl IntoView {
    let place = Where::from_address();
    let question_id = use_params_map()
        .with_untracked(|params| params.get("question"))
        .and_then(|id| id.parse::<u32>().ok())
        .unwrap_or(0);
    let query = place.clone();
    let page = Resource::new_blocking(
        move || query.clone(),
        move |place| survey_question(place.survey_id, question_id, place.link, place.response),
    );
    let form = use_form::<AnswerQuestion, ()>();
    let fields = form.view();
    let for_form = place.clone();
    view! {
        <PageTitle text="Survey question"/>
        <ForRespondent place>
            <ErrorSummary form=fields/>
            <ServerData resource=page refused=not_shown let:page>
                <QuestionForm page form place=for_form.clone() question_id/>
            </ServerData>
        </ForRespondent>
    }
}

#[component]
fn QuestionForm(
    page: QuestionPage,
    form: FormHandle<AnswerQuestion, ()>,
    place: Where,
    question_id: u32,
) -> impl IntoView {
    let fields = form.view();
    let caption = format!("{} · Question {} of {}", page.title, page.number, page.of);
    let declined = matches!(page.answer, Some(Answer::PreferNotToSay));
    view! {
        <p><a class="back-link" href=page.back.clone()>"Back"</a></p>
        <VoiceForm form>
            {place.hidden_fields()}
            <input type="hidden" name="question_id" value=question_id.to_string()/>
            <AnswerOrDecline page fields caption declined/>
            <button class="button" type="submit">"Continue"</button>
        </VoiceForm>
    }
}

/// A question's answer, and "Prefer not to say" unless the answers have
/// "Not sure" (their one way not to answer).
#[component]
pub fn AnswerOrDecline(
    page: QuestionPage,
    fields: FormView,
    caption: String,
    declined: bool,
) -> impl IntoView {
    let offers_not_sure = page.question.kind.offers_not_sure();
    view! {
        <AnswerField page fields caption/>
        {(!offers_not_sure).then(|| view! { <PreferNotToSay fields declined/> })}
    }
}

/// The "Prefer not to say" box: ticked as sent, or as answered before.
#[component]
fn PreferNotToSay(fields: FormView, declined: bool) -> impl IntoView {
    view! {
        <div class="field">
            <div class="radio">
                <input class="radio__input" type="checkbox" id=PREFER_NOT_TO_SAY name=PREFER_NOT_TO_SAY value="yes"
                    checked=move || fields.value(PREFER_NOT_TO_SAY).is_some() || (fields.value("_action").is_none() && declined)/>
                <label class="radio__label" for=PREFER_NOT_TO_SAY>"Prefer not to say"</label>
            </div>
        </div>
    }
}

/// The answer's inputs, by kind of question.
#[component]
pub fn AnswerField(page: QuestionPage, fields: FormView, caption: String) -> impl IntoView {
    let question = page.question;
    let hint = (!question.hint.is_empty()).then(|| question.hint.clone());
    let given = page.answer;
    let given_values: Vec<String> = match &given {
        Some(Answer::Choice { value }) => vec![value.clone()],
        Some(Answer::Choices { chosen, .. }) => chosen.clone(),
        Some(Answer::Face { rating }) => vec![rating.form_value()],
        Some(Answer::Text { text }) => vec![text.clone()],
        _ => Vec::new(),
    };
    match question.kind {
        QuestionKind::SingleChoice { options } => view! {
            <Choices fields multiple=false heading=question.prompt caption hint given=given_values
                options=options.into_iter().map(|o| (o.clone(), o)).collect()/>
        }
        .into_any(),
        QuestionKind::YesNoNotSure => view! {
            <Choices fields multiple=false heading=question.prompt caption hint given=given_values
                options=YES_NO.iter().map(|(v, w)| (v.to_string(), w.to_string())).collect()/>
        }
        .into_any(),
        QuestionKind::MultipleChoice { options, other } => {
            let other_text = match &given {
                Some(Answer::Choices { other, .. }) => other.clone().unwrap_or_default(),
                _ => String::new(),
            };
            view! {
                <Choices fields multiple=true heading=question.prompt caption hint given=given_values
                    options=options.into_iter().map(|o| (o.clone(), o)).collect()/>
                {other.then(|| view! {
                    <div class="field">
                        <label class="label" for="other">"Other (say what)"</label>
                        <input class="input" id="other" name="other"
                            value=move || fields.value("other").unwrap_or_else(|| other_text.clone())/>
                    </div>
                })}
            }
            .into_any()
        }
        QuestionKind::FaceScale => view! {
            <FaceScaleField form=fields name="answer" question=question.prompt caption hint=hint.unwrap_or_default()
                initial=match given { Some(Answer::Face { rating }) => Some(rating), _ => None }/>
        }
        .into_any(),
        QuestionKind::ShortText | QuestionKind::LongText => {
            let long = question.kind == QuestionKind::LongText;
            let text = given_values.into_iter().next().unwrap_or_default();
            view! { <TextAnswer fields long heading=question.prompt caption hint text/> }.into_any()
        }
        QuestionKind::PromiseRating { .. } => {
            let ratings: Vec<(i64, FaceRating)> = match given {
                Some(Answer::Promises { ratings }) => ratings,
                _ => Vec::new(),
            };
            view! {
                <span class="caption">{caption}</span>
                <h1>{question.prompt}</h1>
                {hint.map(|hint| view! { <p class="hint">{hint}</p> })}
                {page.promises.into_iter().map(|promise| {
                    let initial = ratings.iter().find(|(id, _)| *id == promise.id).map(|(_, r)| *r);
                    view! {
                        <FaceScaleField form=fields name=format!("ratings[{}]", promise.id)
                            id=super::questions::promise_field(promise.id)
                            question=format!("Promise {}: {}", promise.position, promise.wording)
                            hint=promise.easy_read initial one_of_several=true/>
                    }
                }).collect_view()}
            }
            .into_any()
        }
    }
}

/// Radio buttons (choose one) or boxes (choose any), with the question as
/// the page heading.
#[component]
fn Choices(
    fields: FormView,
    multiple: bool,
    heading: String,
    caption: String,
    hint: Option<String>,
    options: Vec<(String, String)>,
    given: Vec<String>,
) -> impl IntoView {
    let error = Memo::new(move |_| fields.error("answer"));
    let name = if multiple { "answers[]" } else { "answer" };
    let has_hint = hint.is_some();
    view! {
        <div class="field" class:field--error=move || error.get().is_some()>
            <fieldset class="fieldset" aria-describedby=move || described_by("answer", has_hint, error.get().is_some())>
                <legend class="legend legend--heading">
                    <span class="caption">{caption}</span>
                    <h1>{heading}</h1>
                </legend>
                {hint.map(|hint| view! { <p class="hint" id="answer-hint">{hint}</p> })}
                {move || view! { <FieldError name="answer" message=error.get()/> }}
                <ChoiceList form=fields id="answer" sent_name=name.to_string() multiple options initial=given/>
            </fieldset>
        </div>
    }
}

/// A short or long text answer, its label the page heading.
#[component]
fn TextAnswer(
    fields: FormView,
    long: bool,
    heading: String,
    caption: String,
    hint: Option<String>,
    text: String,
) -> impl IntoView {
    let error = Memo::new(move |_| fields.error("answer"));
    let has_hint = hint.is_some();
    let value = move || fields.value("answer").unwrap_or_else(|| text.clone());
    let described = move || described_by("answer", has_hint, error.get().is_some());
    view! {
        <div class="field" class:field--error=move || error.get().is_some()>
            <span class="caption">{caption}</span>
            <h1><label class="label label--heading" for="answer">{heading}</label></h1>
            {hint.map(|hint| view! { <p class="hint" id="answer-hint">{hint}</p> })}
            {move || view! { <FieldError name="answer" message=error.get()/> }}
            {if long {
                view! {
                    <PrefilledTextArea id="answer" name="answer" rows="6"
                        text=Signal::derive(value) described_by=Signal::derive(described)/>
                }.into_any()
            } else {
                view! { <input class="input" id="answer" name="answer" value=value aria-describedby=described/> }.into_any()
            }}
        </div>
    }
}

/// `…/check`: every answer, with a link to change it, and the send button.
#[component]
pub fn SurveyCheckPage() -> impl IntoView {
    let place = Where::from_address();
    let query = place.clone();
    let check = Resource::new_blocking(
        move || query.clone(),
        |place| survey_check(place.survey_id, place.link, place.response),
    );
    let form = use_form::<SendSurvey, ()>();
    let fields = form.view();
    let for_form = place.clone();
    view! {
        <PageTitle text="Check your answers"/>
        <ForRespondent place>
            <ErrorSummary form=fields/>
            <ServerData resource=check refused=not_shown let:check>
                {
                    let route = for_form.route();
                    let place = for_form.clone();
                    view! {
                        <span class="caption">{check.title.clone()}</span>
                        <h1>"Check your answers"</h1>
                        <dl class="summary">
                            {check.answers.into_iter().enumerate().map(|(index, (id, prompt, words))| view! {
                                <div class="summary__row">
                                    <dt>{prompt}</dt>
                                    <dd class="prewrap">{words}</dd>
                                    <dd>{(!check.sent).then(|| view! {
                                        <a href=route.question(id)>"Change"<span class="visually-hidden">{format!(" your answer to question {}", index + 1)}</span></a>
                                    })}</dd>
                                </div>
                            }).collect_view()}
                        </dl>
                        {if check.sent {
                            view! { <p>"You have sent these answers. Thank you."</p> }.into_any()
                        } else {
                            view! {
                                <VoiceForm form>
                                    {place.hidden_fields()}
                                    <input type="hidden" name="submission_key" value=check.submission_key/>
                                    <button class="button" type="submit">"Send my answers"</button>
                                </VoiceForm>
                            }.into_any()
                        }}
                    }.into_any()
                }
            </ServerData>
        </ForRespondent>
    }
}

/// `…/done`
#[component]
pub fn SurveyDonePage() -> impl IntoView {
    let signed_in = Where::from_address().link.is_none();
    view! {
        <PageTitle text="Answers sent"/>
        <div class="panel">
            <h1>"Thank you. Your answers are sent."</h1>
        </div>
        <p>"The participation team reads every answer. What young people say goes into the council's reports, and you will see what changes on the “You said, we did” board."</p>
        {signed_in.then(|| view! { <p><a href="/surveys">"Back to the surveys"</a></p> })}
        <p><a href="/you-said-we-did">"See what the council has done"</a></p>
    }
}
