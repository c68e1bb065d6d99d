//! "You said, we did": officers publish what the council did about what
//! young people said; everyone can read the board, filtered by promise.

use super::{Action, ActionStatus, Promise};
use crate::components::fields::{
    CheckboxesField, ErrorSummary, FormView, RadioField, SubmitButton, TextAreaField, VoiceForm,
};
use crate::components::page::{PageTitle, RequireRole, ServerData};
use crate::domain::{Period, Role};
use crate::errors::VoiceError;
use crate::forms::{use_form, FieldErrors, FormHandle, FormReply};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The longest "you said" or "we did" text.
pub const MAX_ACTION_CHARS: usize = 2000;

/// What an officer sent, checked.
#[derive(Debug, PartialEq)]
pub struct ActionInput {
    pub you_said: String,
    pub we_did: String,
    pub status: ActionStatus,
    pub period: Period,
    pub promise_ids: Vec<i64>,
}

/// Checks a "you said, we did" form. `periods` are the periods it may be
/// filed under; `promise_ids` must be among `known_promises`.
pub fn parse_action(
    you_said: &str,
    we_did: &str,
    status: Option<&str>,
    period: Option<&str>,
    promise_ids: &[String],
    periods: &[Period],
    known_promises: &[i64],
) -> Result<ActionInput, FieldErrors> {
    let mut errors = FieldErrors::default();
    let you_said = errors.text(
        "you_said",
        you_said,
        MAX_ACTION_CHARS,
        Some("Enter what young people said"),
    );
    let we_did = errors.text(
        "we_did",
        we_did,
        MAX_ACTION_CHARS,
        Some("Enter what the council did"),
    );
    let promises: Vec<i64> = promise_ids
        .iter()
        .filter_map(|id| id.parse().ok())
        .filter(|id| known_promises.contains(id))
        .collect();
    if promises.is_empty() || promises.len() != promise_ids.len() {
        errors.add("promise_ids", "Choose the promises this is about");
    }
    let period = errors.check(
        "period",
        period
            .and_then(Period::parse_key)
            .filter(|p| periods.contains(p))
            .ok_or("Choose the period this belongs to"),
    );
    let status = errors.check(
        "status",
        status
            .and_then(ActionStatus::parse)
            .ok_or("Choose where the action has got to"),
    );
    match (status, period) {
        (Some(status), Some(period)) if errors.is_empty() => Ok(ActionInput {
            you_said,
            we_did,
            status,
            period,
            promise_ids: promises,
        }),
        _ => Err(errors),
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use crate::auth::ssr::require;
    use crate::auth::SessionUser;
    use crate::domain::Role;
    use crate::errors::VoiceError;
    use crate::state::AppState;

    pub fn officer() -> Result<(SessionUser, AppState), VoiceError> {
        require(&[Role::ParticipationOfficer])
    }
}

/// Public: the board, and the promises to filter it by.
#[server(prefix = "/api", endpoint = "list-actions")]
pub async fn list_actions(promise_id: Option<i64>) -> Result<Vec<Action>, VoiceError> {
    use crate::errors::Context;
    let state = crate::auth::ssr::app_state()?;
    super::store::actions(&state.db, promise_id)
        .await
        .context("actions")
}

/// Public: the promises as they stand, for the board's filter.
#[server(prefix = "/api", endpoint = "list-promises")]
pub async fn list_promises() -> Result<Vec<Promise>, VoiceError> {
    use crate::errors::Context;
    let state = crate::auth::ssr::app_state()?;
    super::store::active_promises(&state.db)
        .await
        .context("promises")
}

#[server(prefix = "/api", endpoint = "publish-action")]
pub async fn publish_action(
    you_said: String,
    we_did: String,
    status: Option<String>,
    period: Option<String>,
    #[server(default)] promise_ids: Vec<String>,
) -> Result<FormReply<()>, VoiceError> {
    use crate::errors::Context;
    let (officer, state) = ssr::officer()?;
    let now = state.now();
    let current = Period::at(now);
    let known: Vec<i64> = super::store::active_promises(&state.db)
        .await
        .context("promises")?
        .into_iter()
        .map(|promise| promise.id)
        .collect();
    let input = match parse_action(
        &you_said,
        &we_did,
        status.as_deref(),
        period.as_deref(),
        &promise_ids,
        &[current, current.previous()],
        &known,
    ) {
        Ok(input) => input,
        Err(errors) => return Ok(FormReply::Invalid(errors)),
    };
    let action = super::store::NewAction {
        you_said: &input.you_said,
        we_did: &input.we_did,
        period: input.period,
        status: input.status,
        promise_ids: &input.promise_ids,
    };
    let mut tx = state.db.begin().await.context("begin")?;
    let id = super::store::publish_action(&mut tx, &action, &officer.account_id, now)
        .await
        .context("publish action")?;
    crate::audit::commit_with_line(
        tx,
        now,
        Some(&officer.account_id),
        crate::audit::AuditAction::ActionPublished,
        &id,
        "",
    )
    .await?;
    Ok(FormReply::Redirect("/you-said-we-did?published=1".into()))
}

#[server(prefix = "/api", endpoint = "set-action-status")]
pub async fn set_action_status(
    action_id: String,
    status: Option<String>,
) -> Result<FormReply<()>, VoiceError> {
    use crate::errors::Context;
    let (officer, state) = ssr::officer()?;
    let Some(status) = status.as_deref().and_then(ActionStatus::parse) else {
        return Ok(FormReply::Invalid(FieldErrors::form(
            "Choose where the action has got to",
        )));
    };
    let now = state.now();
    let mut tx = state.db.begin().await.context("begin")?;
    if !super::store::set_action_status(&mut *tx, &action_id, status, now)
        .await
        .context("action status")?
    {
        return Ok(FormReply::Invalid(FieldErrors::form(
            "That action is not on the board any more.",
        )));
    }
    crate::audit::commit_with_line(
        tx,
        now,
        Some(&officer.account_id),
        crate::audit::AuditAction::ActionStatusChanged,
        &action_id,
        status.as_str(),
    )
    .await?;
    Ok(FormReply::Redirect("/you-said-we-did?updated=1".into()))
}

fn status_class(status: ActionStatus) -> &'static str {
    match status {
        ActionStatus::Planned => "tag tag--blue",
        ActionStatus::InProgress => "tag tag--yellow",
        ActionStatus::Done => "tag tag--green",
    }
}

/// One action as a card, with anything an officer can do to it below.
#[component]
fn ActionCard(action: Action, children: Children) -> impl IntoView {
    let promises = action
        .promises
        .iter()
        .map(|promise| format!("Promise {}", promise.position))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <li class="card">
            <p><strong class=status_class(action.status)>{action.status.label()}</strong>
                " " <span class="hint">{action.period.name()}</span></p>
            <p class="card__subtitle">"You said"</p>
            <p class="prewrap">{action.you_said}</p>
            <p class="card__subtitle">"We did"</p>
            <p class="prewrap">{action.we_did}</p>
            <p class="hint">{promises}</p>
            {children()}
        </li>
    }
}

/// The board's actions, for a page to load once at its top level (a
/// resource made inside another's Suspense can break hydration).
pub fn actions_resource(promise_id: Option<i64>) -> ActionsResource {
    Resource::new_blocking(move || promise_id, list_actions)
}

pub type ActionsResource = Resource<Result<Vec<Action>, VoiceError>>;

/// The actions loaded by [`actions_resource`], newest first. Given a
/// status form (for officers), each card can have its status changed.
#[component]
pub fn ActionList(
    actions: ActionsResource,
    #[prop(optional)] limit: Option<usize>,
    #[prop(default = None)] status_form: Option<FormHandle<SetActionStatus, ()>>,
) -> impl IntoView {
    view! {
        <ServerData resource=actions let:actions>
            {if actions.is_empty() {
                view! { <p>"Nothing has been published here yet."</p> }.into_any()
            } else {
                let shown = limit.unwrap_or(actions.len());
                view! {
                    <ul class="card-list">
                        {actions.into_iter().take(shown).map(|action| {
                            let (id, status) = (action.id.clone(), action.status);
                            view! {
                                <ActionCard action>
                                    {status_form.map(|form| view! { <StatusForm form action_id=id status/> })}
                                </ActionCard>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </ServerData>
    }
}

/// Moves an action on (planned, in progress, done).
#[component]
fn StatusForm(
    form: FormHandle<SetActionStatus, ()>,
    action_id: String,
    status: ActionStatus,
) -> impl IntoView {
    let select_id = format!("status-{action_id}");
    view! {
        <VoiceForm form>
            <input type="hidden" name="action_id" value=action_id/>
            <div class="field">
                <label class="label" for=select_id.clone()>"Where has it got to?"</label>
                <select class="select" id=select_id name="status">
                    {ActionStatus::ALL.into_iter().map(|option| view! {
                        <option value=option.as_str() selected=option == status>{option.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <button class="button button--secondary" type="submit">"Update the status"</button>
        </VoiceForm>
    }
}

/// `/you-said-we-did`: the board, for everyone.
#[component]
pub fn YouSaidWeDidPage() -> impl IntoView {
    let query = use_query_map();
    let (promise_filter, published) = query.with_untracked(|query| {
        (
            query.get("promise").and_then(|id| id.parse::<i64>().ok()),
            query.get("published").is_some() || query.get("updated").is_some(),
        )
    });
    let promises = Resource::new_blocking(|| (), |_| list_promises());
    let is_officer =
        crate::auth::use_viewer().is_some_and(|user| user.role == Role::ParticipationOfficer);
    let actions = actions_resource(promise_filter);
    let status_form = use_form::<SetActionStatus, ()>();
    view! {
        <PageTitle text="You said, we did"/>
        {published.then(|| view! { <div class="notice" role="status"><p>"The board is up to date."</p></div> })}
        <ErrorSummary form=status_form.view()/>
        <h1>"You said, we did"</h1>
        <p class="lead">"What young people told the council, and what the council did about it."</p>
        {is_officer.then(|| view! {
            <p><a class="button button--secondary" href="/officer/you-said-we-did/new">"Publish an action"</a></p>
        })}
        <ServerData resource=promises let:promises>
            <form method="get" action="/you-said-we-did" class="filter">
                <div class="field">
                    <label class="label" for="promise">"Show actions about"</label>
                    <select class="select" id="promise" name="promise">
                        <option value="" selected=promise_filter.is_none()>"All the promises"</option>
                        {promises.into_iter().map(|promise| view! {
                            <option value=promise.id.to_string() selected=promise_filter == Some(promise.id)>
                                {format!("Promise {}: {}", promise.position, promise.easy_read)}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
                <button class="button button--secondary" type="submit">"Show"</button>
            </form>
        </ServerData>
        <ActionList actions status_form=is_officer.then_some(status_form)/>
    }
}

/// `/officer/you-said-we-did/new`: publish an action.
#[component]
pub fn PublishActionPage() -> impl IntoView {
    let form = use_form::<PublishAction, ()>();
    let fields = form.view();
    let promises = Resource::new_blocking(|| (), |_| list_promises());
    let period = Resource::new_blocking(|| (), |_| current_period());
    view! {
        <PageTitle text="Publish an action"/>
        <RequireRole roles=&[Role::ParticipationOfficer]>
            <ErrorSummary form=fields/>
            <h1>"Publish a “you said, we did” action"</h1>
            <VoiceForm form>
                <TextAreaField form=fields name="you_said" label="You said"
                    hint="What young people told the council, in their words where you can"/>
                <TextAreaField form=fields name="we_did" label="We did"
                    hint="What the council did, or is doing, about it"/>
                <ServerData resource=promises let:promises>
                    <CheckboxesField form=fields name="promise_ids" legend="Which promises is it about?"
                        options=promises.into_iter().map(|p| (p.id.to_string(), format!("Promise {}: {}", p.position, p.wording))).collect()/>
                </ServerData>
                <ServerData resource=period let:period>
                    <PeriodChoice form=fields period/>
                </ServerData>
                <RadioField form=fields name="status" legend="Where has it got to?"
                    options=ActionStatus::ALL.into_iter().map(|s| (s.as_str(), s.label())).collect()/>
                <SubmitButton label="Publish"/>
            </VoiceForm>
        </RequireRole>
    }
}

/// The current period, for forms that file things under one.
#[server(prefix = "/api", endpoint = "current-period")]
pub async fn current_period() -> Result<Period, VoiceError> {
    Ok(Period::at(crate::auth::ssr::app_state()?.now()))
}

#[component]
fn PeriodChoice(form: FormView, period: Period) -> impl IntoView {
    let current = period.key();
    let previous = period.previous().key();
    let options = vec![
        (current.clone(), period.name()),
        (previous, period.previous().name()),
    ];
    let chosen = move || form.value("period").unwrap_or_else(|| current.clone());
    view! {
        <div class="field" class:field--error=move || form.error("period").is_some()>
            <fieldset class="fieldset">
                <legend class="legend">"Which period does it belong to?"</legend>
                {move || form.error("period").map(|message| view! { <p class="field-error">{message}</p> })}
                <div class="radios">
                    {options.into_iter().enumerate().map(|(index, (key, label))| {
                        let id = if index == 0 { "period".to_string() } else { format!("period-{key}") };
                        let checked_key = key.clone();
                        let chosen = chosen.clone();
                        view! {
                            <div class="radio">
                                <input class="radio__input" type="radio" id=id.clone() name="period" value=key
                                    checked=move || chosen() == checked_key/>
                                <label class="radio__label" for=id>{label}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn periods() -> Vec<Period> {
        let now = Period::containing(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        vec![now, now.previous()]
    }

    fn ids(ids: &[&str]) -> Vec<String> {
        ids.iter().map(|id| id.to_string()).collect()
    }

    #[test]
    fn a_complete_action_is_accepted() {
        let input = parse_action(
            " More say in reviews ",
            "Reviews now start with the young person's views",
            Some("in_progress"),
            Some("2026-10"),
            &ids(&["2", "4"]),
            &periods(),
            &[1, 2, 3, 4],
        )
        .unwrap();
        assert_eq!(input.you_said, "More say in reviews");
        assert_eq!(input.status, ActionStatus::InProgress);
        assert_eq!(input.period.key(), "2026-10");
        assert_eq!(input.promise_ids, vec![2, 4]);
    }

    #[test]
    fn each_missing_part_is_named() {
        let errors = parse_action("", " ", None, None, &[], &periods(), &[1]).unwrap_err();
        for field in ["you_said", "we_did", "promise_ids", "period", "status"] {
            assert!(errors.get(field).is_some(), "{field}");
        }
    }

    #[test]
    fn unknown_promises_and_periods_are_refused() {
        let errors = parse_action(
            "a",
            "b",
            Some("done"),
            Some("2020-04"),
            &ids(&["1", "99"]),
            &periods(),
            &[1, 2],
        )
        .unwrap_err();
        assert_eq!(
            errors.get("promise_ids"),
            Some("Choose the promises this is about")
        );
        assert_eq!(
            errors.get("period"),
            Some("Choose the period this belongs to")
        );
        assert!(errors.get("status").is_none());
    }
}
