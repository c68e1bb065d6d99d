//! `/officer/quotes`: what young people wrote beside their promise ratings,
//! as a queue. The officer approves (an edited copy of) the words as a
//! quote, chooses not to quote them, or leaves them; what has been dealt
//! with leaves the queue. Filtered by period, promise and what was done,
//! a page at a time.

use crate::components::fields::ErrorSummary;
use crate::components::list_filters::{choices, FilterForm, FilterSelect, ResultCount};
use crate::components::page::{PageTitle, RequireRole, ServerData};
use crate::components::pager::Pager;
use crate::domain::paging::Filtered;
use crate::domain::stored_enum::stored_enum;
use crate::domain::{Period, Role};
use crate::errors::VoiceError;
use crate::quotes::moderation::{use_quote_forms, WritingCard};
use crate::quotes::Writing;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use serde::{Deserialize, Serialize};

/// Who moderates comments.
pub const MODERATORS: &[Role] = &[Role::ParticipationOfficer];

/// How many periods back the queue reaches, this one included.
pub const PERIODS_SHOWN: usize = 6;

stored_enum! {
    /// Where some words are in the queue.
    pub enum CommentState as "comment state" {
        Waiting = "waiting" => "Waiting to be read",
        Approved = "approved" => "Approved as quotes",
        Dismissed = "dismissed" => "Not quoted",
    }
}

impl CommentState {
    pub fn of(writing: &Writing) -> CommentState {
        match (&writing.approved, writing.dismissed) {
            (Some(_), _) => CommentState::Approved,
            (None, true) => CommentState::Dismissed,
            (None, false) => CommentState::Waiting,
        }
    }
}

/// Which comments the queue shows, from its address: by default, those
/// waiting from this period. A value that is not one of the choices is
/// read as the default.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentFilter {
    pub period: Period,
    pub promise_id: Option<i64>,
    pub state: CommentState,
}

impl CommentFilter {
    pub fn parse(
        period: Option<&str>,
        promise: Option<&str>,
        state: Option<&str>,
        current: Period,
    ) -> CommentFilter {
        CommentFilter {
            period: period.and_then(Period::parse_key).unwrap_or(current),
            promise_id: promise
                .and_then(|id| id.trim().parse().ok())
                .filter(|id| *id > 0),
            state: state
                .and_then(CommentState::parse)
                .unwrap_or(CommentState::Waiting),
        }
    }

    /// The filters as the queue's address carries them.
    pub fn address_pairs(&self) -> [(&'static str, String); 3] {
        [
            ("period", self.period.key()),
            (
                "promise",
                self.promise_id.map(|id| id.to_string()).unwrap_or_default(),
            ),
            ("show", self.state.as_str().to_string()),
        ]
    }
}

/// A page of the queue and the choices its filters offer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommentQueue {
    pub found: Filtered<CommentFilter, Writing>,
    /// The promises, as (id, "Promise 3: ..."), to filter by.
    pub promises: Vec<(i64, String)>,
    /// This period and the ones before it, newest first.
    pub periods: Vec<Period>,
}

/// The page of the queue the address asks for. Writing that suggests harm
/// is never here: it belongs to the duty advocate.
#[server(prefix = "/api", endpoint = "promise-comments")]
pub async fn promise_comments(
    period: Option<String>,
    promise: Option<String>,
    show: Option<String>,
    page: Option<String>,
) -> Result<CommentQueue, VoiceError> {
    use crate::domain::paging::{PageNumber, Paged};
    use crate::errors::Context;
    let (_, state) = crate::auth::ssr::require(MODERATORS)?;
    let current = Period::at(state.now());
    let filter = CommentFilter::parse(
        period.as_deref(),
        promise.as_deref(),
        show.as_deref(),
        current,
    );
    let mut comments = super::store::comments(&state.db, filter.period, filter.promise_id)
        .await
        .context("comments")?;
    let phrases = crate::rights::safeguarding::ssr::harm_phrases(&state).await?;
    crate::quotes::leave_out_harm(&mut comments, &phrases);
    comments.retain(|writing| CommentState::of(writing) == filter.state);
    let promises = super::store::all_promises(&state.db)
        .await
        .context("promises")?
        .into_iter()
        .map(|promise| {
            (
                promise.id,
                format!("Promise {}: {}", promise.position, promise.easy_read),
            )
        })
        .collect();
    let pairs = filter.address_pairs();
    let list = Paged::of_all(
        comments,
        PageNumber::parse(page.as_deref()),
        crate::listing::page_address("/officer/quotes", &pairs),
    );
    Ok(CommentQueue {
        found: Filtered { filter, list },
        promises,
        periods: std::iter::successors(Some(current), |period| Some(period.previous()))
            .take(PERIODS_SHOWN)
            .collect(),
    })
}

/// `/officer/quotes`
#[component]
pub fn CommentQueuePage() -> impl IntoView {
    let address = use_query_map().get_untracked();
    // Each card's forms bring the officer back to this very page of the queue.
    let here = leptos_router::hooks::use_location();
    let then = match here.search.get_untracked() {
        search if search.is_empty() => here.pathname.get_untracked(),
        search => format!("{}?{search}", here.pathname.get_untracked()),
    };
    let queue = Resource::new_blocking(
        move || address.clone(),
        |address| {
            let get = |name: &str| address.get(name);
            promise_comments(get("period"), get("promise"), get("show"), get("page"))
        },
    );
    let quotes = use_quote_forms();
    view! {
        <PageTitle text="Comments to quote"/>
        <RequireRole roles=MODERATORS>
            <ErrorSummary form=quotes.approve_errors()/>
            <h1>"Comments to quote"</h1>
            <p>"What young people wrote beside their promise ratings. Approve words to quote in reports, "
               "taking out names and anything else that could identify someone first, or choose not to quote them."</p>
            <ServerData resource=queue let:queue>
                <CommentFilters filter=queue.found.filter promises=queue.promises periods=queue.periods/>
                <ResultCount total=queue.found.list.total one="comment" many="comments"/>
                <ul class="card-list">
                    {queue.found.list.items.into_iter().map(|writing| {
                        let then = then.clone();
                        view! { <WritingCard writing forms=quotes then/> }
                    }).collect_view()}
                </ul>
                <Pager links=queue.found.list.links/>
            </ServerData>
        </RequireRole>
    }
}

#[component]
fn CommentFilters(
    filter: CommentFilter,
    promises: Vec<(i64, String)>,
    periods: Vec<Period>,
) -> impl IntoView {
    let [period, promise, state] = filter.address_pairs().map(|(_, value)| value);
    let periods = periods
        .into_iter()
        .map(|period| (period.key(), period.name()))
        .collect();
    let promises = promises
        .into_iter()
        .map(|(id, name)| (id.to_string(), name))
        .collect();
    view! {
        <FilterForm action="/officer/quotes" label="Find comments">
            <FilterSelect name="show" label="Show" selected=state
                options=choices(CommentState::ALL, CommentState::as_str, CommentState::label)/>
            <FilterSelect name="period" label="Period" selected=period options=periods/>
            <FilterSelect name="promise" label="Promise" any="All the promises" selected=promise options=promises/>
        </FilterForm>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quotes::QuoteSource;
    use chrono::NaiveDate;

    fn current() -> Period {
        Period::containing(NaiveDate::from_ymd_opt(2026, 12, 2).unwrap())
    }

    #[test]
    fn the_queue_starts_with_what_is_waiting_this_period() {
        let filter = CommentFilter::parse(None, None, None, current());
        assert_eq!(filter.period, current());
        assert_eq!(filter.promise_id, None);
        assert_eq!(filter.state, CommentState::Waiting);
        let nonsense = CommentFilter::parse(Some("2026-07"), Some("-3"), Some("all"), current());
        assert_eq!(nonsense, filter, "what is not understood is the default");
        let chosen = CommentFilter::parse(Some("2026-04"), Some("3"), Some("dismissed"), current());
        assert_eq!(chosen.period, current().previous());
        assert_eq!(chosen.promise_id, Some(3));
        assert_eq!(chosen.state, CommentState::Dismissed);
    }

    #[test]
    fn approved_words_are_approved_even_if_once_dismissed() {
        let writing = |approved: Option<&str>, dismissed: bool| Writing {
            source: QuoteSource::PromiseRating {
                rating_id: "r".into(),
                field: "why".into(),
            },
            context: String::new(),
            text: "words".into(),
            approved: approved.map(str::to_string),
            dismissed,
        };
        assert_eq!(
            CommentState::of(&writing(None, false)),
            CommentState::Waiting
        );
        assert_eq!(
            CommentState::of(&writing(None, true)),
            CommentState::Dismissed
        );
        assert_eq!(
            CommentState::of(&writing(Some("w"), true)),
            CommentState::Approved
        );
    }
}
