//! Young people rate the promises, one promise per page, once per reporting
//! period (changing their rating as often as they like within it), and see
//! how they have rated them over time.

use super::you_said_we_did::{actions_resource, ActionList, ActionsResource};
use super::{MyRating, Promise, PromiseHistory, PromiseToRate};
use crate::components::face_scale::{FaceScaleField, RatingBadge};
use crate::components::fields::{ErrorSummary, TextAreaField, VoiceForm};
use crate::components::page::{PageTitle, ServerData};
use crate::domain::Period;
use crate::errors::VoiceError;
use crate::forms::{use_form, FormHandle, FormReply};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::{Deserialize, Serialize};

/// The promises with this period's rating of each.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingOverview {
    pub period: Period,
    pub promises: Vec<(Promise, Option<MyRating>)>,
}

#[cfg(feature = "ssr")]
mod ssr {
    use crate::auth::ssr::require;
    use crate::auth::SessionUser;
    use crate::domain::{Period, Role};
    use crate::errors::VoiceError;
    use crate::state::AppState;

    pub fn young_person() -> Result<(SessionUser, AppState), VoiceError> {
        require(&[Role::YoungPerson])
    }

    pub fn current_period(state: &AppState) -> Period {
        Period::at(state.now())
    }

    /// Puts a rating's two comments through the one safety check; the id
    /// of the flag raised, if either suggests harm (one flag is enough to
    /// bring the duty advocate to both).
    pub async fn check_comments(
        state: &AppState,
        account_id: &crate::domain::AccountId,
        promise: &super::super::Promise,
        rating: &super::super::MyRating,
    ) -> Result<Option<String>, VoiceError> {
        use crate::rights::safeguarding::{ssr::check_writing, WritingPlace};
        for (place, question, words) in [
            (WritingPlace::PromiseWhy, "why they chose that", &rating.why),
            (
                WritingPlace::PromiseBetter,
                "what would make it better",
                &rating.better,
            ),
        ] {
            let context = format!("Promise {}: {question}", promise.position);
            if let Some((flag_id, _)) =
                check_writing(state, place, &context, words, Some(account_id)).await?
            {
                return Ok(Some(flag_id));
            }
        }
        Ok(None)
    }
}

#[server(prefix = "/api", endpoint = "promises-to-rate")]
pub async fn promises_to_rate() -> Result<RatingOverview, VoiceError> {
    use crate::errors::Context;
    let (user, state) = ssr::young_person()?;
    let period = ssr::current_period(&state);
    let promises = super::store::active_promises(&state.db)
        .await
        .context("promises")?;
    let mut mine = super::store::my_ratings(&state.db, &user.account_id, period)
        .await
        .context("my ratings")?;
    Ok(RatingOverview {
        period,
        promises: promises
            .into_iter()
            .map(|promise| {
                let rating = mine.remove(&promise.id);
                (promise, rating)
            })
            .collect(),
    })
}

#[server(prefix = "/api", endpoint = "promise-to-rate")]
pub async fn get_promise_to_rate(promise_id: i64) -> Result<Option<PromiseToRate>, VoiceError> {
    use crate::errors::Context;
    let (user, state) = ssr::young_person()?;
    let period = ssr::current_period(&state);
    let promises = super::store::active_promises(&state.db)
        .await
        .context("promises")?;
    let Some(index) = promises.iter().position(|p| p.id == promise_id) else {
        return Ok(None);
    };
    let mut mine = super::store::my_ratings(&state.db, &user.account_id, period)
        .await
        .context("my ratings")?;
    Ok(Some(PromiseToRate {
        mine: mine.remove(&promise_id),
        next_id: promises.get(index + 1).map(|p| p.id),
        promise: promises[index].clone(),
        period,
    }))
}

/// Saves a rating. `then` is "overview" when the young person came to change
/// one rating; otherwise they go on to the next promise.
#[server(prefix = "/api", endpoint = "rate-promise")]
pub async fn rate_promise(
    promise_id: i64,
    rating: Option<String>,
    why: String,
    better: String,
    then: Option<String>,
) -> Result<FormReply<()>, VoiceError> {
    use crate::errors::Context;
    let (user, state) = ssr::young_person()?;
    let parsed = match super::parse_rating(rating.as_deref(), &why, &better) {
        Ok(parsed) => parsed,
        Err(errors) => return Ok(FormReply::Invalid(errors)),
    };
    let promises = super::store::active_promises(&state.db)
        .await
        .context("promises")?;
    let Some(index) = promises.iter().position(|p| p.id == promise_id) else {
        return Ok(FormReply::Invalid(crate::forms::FieldErrors::form(
            "That promise is no longer in the list. Go back to the promises and choose another.",
        )));
    };
    let (cohort, age_band) = crate::accounts::age_band_today(&state, &user.account_id).await?;
    let rater = super::store::Rater {
        account_id: &user.account_id,
        cohort,
        age_band,
    };
    let now = state.now();
    super::store::save_rating(&state.db, &rater, promise_id, Period::at(now), &parsed, now)
        .await
        .context("save rating")?;
    let flag = ssr::check_comments(&state, &user.account_id, &promises[index], &parsed).await?;
    let next = promises.get(index + 1);
    let next_path = match (then.as_deref(), next) {
        (Some("overview"), _) | (_, None) => "/promises?saved=1".to_string(),
        (_, Some(next)) => format!("/promises/rate/{}", next.id),
    };
    Ok(FormReply::Redirect(match flag {
        Some(flag_id) => crate::rights::safety_check_path(&flag_id, &next_path),
        None => next_path,
    }))
}

#[server(prefix = "/api", endpoint = "my-promise-history")]
pub async fn my_promise_history() -> Result<Vec<PromiseHistory>, VoiceError> {
    use crate::errors::Context;
    let (user, state) = ssr::young_person()?;
    let promises = super::store::all_promises(&state.db)
        .await
        .context("promises")?;
    let history = super::store::my_history(&state.db, &user.account_id)
        .await
        .context("history")?;
    Ok(promises
        .into_iter()
        .filter_map(|promise| {
            let ratings: Vec<_> = history
                .iter()
                .filter(|(promise_id, _, _)| *promise_id == promise.id)
                .map(|(_, period, rating)| (*period, *rating))
                .collect();
            // A retired promise they never rated is not part of their story.
            (!promise.retired || !ratings.is_empty()).then_some(PromiseHistory { promise, ratings })
        })
        .collect())
}

/// `/promises`: every promise with this period's rating, and where to go next.
#[component]
pub fn PromisesPage() -> impl IntoView {
    let overview = Resource::new_blocking(|| (), |_| promises_to_rate());
    let saved = use_query_map().with_untracked(|query| query.get("saved").is_some());
    view! {
        <PageTitle text="Rate the promises"/>
        <ServerData resource=overview let:overview>
            <OverviewView overview saved/>
        </ServerData>
    }
}

#[component]
fn OverviewView(overview: RatingOverview, saved: bool) -> impl IntoView {
    let first_unrated = overview
        .promises
        .iter()
        .find(|(_, rating)| rating.is_none())
        .map(|(promise, _)| promise.id);
    let rated = overview
        .promises
        .iter()
        .filter(|(_, r)| r.is_some())
        .count();
    let total = overview.promises.len();
    view! {
        {saved.then(|| view! {
            <div class="notice" role="status"><p>"Thank you. Your rating is saved."</p></div>
        })}
        <h1>"The council's promises to you"</h1>
        <p class="lead">"How well is the council keeping its promises? Tell us for "
            {overview.period.name()} "."</p>
        <p>"You have rated " {rated} " of " {total} " promises. You can change a rating until the end of "
            {overview.period.last_day().format("%-d %B %Y").to_string()} "."</p>
        {first_unrated.map(|id| view! {
            <p><a class="button" href=format!("/promises/rate/{id}")>
                {if rated == 0 { "Start rating" } else { "Carry on rating" }}
            </a></p>
        })}
        <ol class="card-list">
            {overview.promises.into_iter().map(|(promise, rating)| {
                let link = format!("/promises/rate/{}?change=1", promise.id);
                view! {
                    <li class="card">
                        <h2 class="card__title">{format!("Promise {}", promise.position)}</h2>
                        <p>{promise.wording}</p>
                        <p class="hint">{promise.easy_read}</p>
                        {match rating {
                            Some(mine) => view! {
                                <p>"You said: " <RatingBadge rating=mine.rating/></p>
                                <p><a href=link>"Change your rating"
                                    <span class="visually-hidden">{format!(" for promise {}", promise.position)}</span></a></p>
                            }.into_any(),
                            None => view! {
                                <p>"Not rated yet. " <a href=link>"Rate this promise"
                                    <span class="visually-hidden">{format!(" (promise {})", promise.position)}</span></a></p>
                            }.into_any(),
                        }}
                    </li>
                }
            }).collect_view()}
        </ol>
        <p><a href="/promises/history">"See how you have rated the promises over time"</a></p>
        <p><a href="/you-said-we-did">"See what the council has done about what young people said"</a></p>
    }
}

/// `/promises/rate/:id`: one promise, the faces, and why.
#[component]
pub fn RatePromisePage() -> impl IntoView {
    let promise_id = use_params_map()
        .with_untracked(|params| params.get("id"))
        .and_then(|id| id.parse::<i64>().ok())
        .unwrap_or(0);
    let changing = use_query_map().with_untracked(|query| query.get("change").is_some());
    let to_rate = Resource::new_blocking(move || promise_id, get_promise_to_rate);
    // Made here, outside the data's Suspense, so it is made once per page.
    let form = use_form::<RatePromise, ()>();
    let actions = actions_resource(Some(promise_id));
    view! {
        <PageTitle text="Rate a promise"/>
        <p><a class="back-link" href="/promises">"Back to the promises"</a></p>
        <ServerData resource=to_rate let:to_rate>
            {match to_rate {
                None => view! {
                    <h1>"Promise not found"</h1>
                    <p>"That promise is not in the list any more."</p>
                }.into_any(),
                Some(to_rate) => view! { <RatingForm form actions to_rate changing/> }.into_any(),
            }}
        </ServerData>
    }
}

#[component]
fn RatingForm(
    form: FormHandle<RatePromise, ()>,
    actions: ActionsResource,
    to_rate: PromiseToRate,
    changing: bool,
) -> impl IntoView {
    let fields = form.view();
    let promise = to_rate.promise;
    let mine = to_rate.mine;
    let label = if changing || to_rate.next_id.is_none() {
        "Save my rating"
    } else {
        "Save and go to the next promise"
    };
    view! {
        <ErrorSummary form=fields/>
        <VoiceForm form>
            <input type="hidden" name="promise_id" value=promise.id.to_string()/>
            {changing.then(|| view! { <input type="hidden" name="then" value="overview"/> })}
            <FaceScaleField
                form=fields
                name="rating"
                caption=format!("Promise {} · {}", promise.position, to_rate.period.name())
                question=promise.wording.clone()
                hint=promise.easy_read.clone()
                initial=mine.as_ref().map(|m| m.rating)
            />
            <TextAreaField form=fields name="why" label="Why did you choose that? (optional)"
                initial=mine.as_ref().map(|m| m.why.clone()).unwrap_or_default()/>
            <TextAreaField form=fields name="better" label="What would make it better? (optional)"
                initial=mine.as_ref().map(|m| m.better.clone()).unwrap_or_default()/>
            <button class="button" type="submit">{label}</button>
        </VoiceForm>
        <section aria-labelledby="actions-title">
            <h2 id="actions-title">"You said, we did"</h2>
            <p>{format!("What the council has done about promise {}:", promise.position)}</p>
            <ActionList actions/>
        </section>
    }
}

/// `/promises/history`: each promise, and how they rated it period by period.
#[component]
pub fn PromiseHistoryPage() -> impl IntoView {
    let history = Resource::new_blocking(|| (), |_| my_promise_history());
    view! {
        <PageTitle text="Your ratings over time"/>
        <p><a class="back-link" href="/promises">"Back to the promises"</a></p>
        <h1>"Your ratings over time"</h1>
        <ServerData resource=history let:history>
            <ol class="card-list">
                {history.into_iter().map(|entry| view! {
                    <li class="card">
                        <h2 class="card__title">{format!("Promise {}", entry.promise.position)}</h2>
                        <p>{entry.promise.wording}</p>
                        {if entry.ratings.is_empty() {
                            view! { <p>"You have not rated this promise yet."</p> }.into_any()
                        } else {
                            view! {
                                <dl class="facts">
                                    {entry.ratings.into_iter().map(|(period, rating)| view! {
                                        <dt>{period.name()}</dt>
                                        <dd><RatingBadge rating/></dd>
                                    }).collect_view()}
                                </dl>
                            }.into_any()
                        }}
                    </li>
                }).collect_view()}
            </ol>
        </ServerData>
    }
}
