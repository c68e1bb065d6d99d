//! The officer's promise dashboard: this period against the last, by cohort
//! and age band, with small numbers suppressed; and how many comments young
//! people wrote wait in the queue (`comments`) to be read.

use super::{Dashboard, GroupScores};
use crate::components::bars::{BarLine, BarList};
use crate::components::page::{PageTitle, RequireRole, ServerData};
use crate::domain::face_scale::FACES;
use crate::domain::rating_summary::{change_since, describe_change, summarise, RatingSummary};
use crate::domain::{AgeBand, Cohort, Period, Role};
use crate::errors::VoiceError;
use leptos::prelude::*;

/// Who may see the dashboard.
pub const DASHBOARD_ROLES: &[Role] = &[Role::ParticipationOfficer];

/// The groups every promise is broken down by. Each rating is counted as
/// the young person was when they rated.
#[derive(Clone, Copy)]
enum Group {
    Everyone,
    Cohort(Cohort),
    Band(AgeBand),
}

impl Group {
    const ALL: [Group; 6] = [
        Group::Everyone,
        Group::Cohort(Cohort::ChildInCare),
        Group::Cohort(Cohort::CareLeaver),
        Group::Band(AgeBand::ChildUnder11),
        Group::Band(AgeBand::Child11To18),
        Group::Band(AgeBand::CareLeaver16To25),
    ];

    fn label(self) -> &'static str {
        match self {
            Group::Everyone => "Everyone",
            Group::Cohort(cohort) => cohort.label(),
            Group::Band(band) => band.label(),
        }
    }

    fn includes(self, cohort: Option<Cohort>, band: &str) -> bool {
        match self {
            Group::Everyone => true,
            Group::Cohort(wanted) => cohort == Some(wanted),
            Group::Band(wanted) => band == wanted.as_str(),
        }
    }
}

/// Ratings of one promise: (period, score, cohort, age band).
pub type PromiseRatings<'a> = Vec<(Period, Option<u8>, Option<Cohort>, &'a str)>;

/// Each group's summary for `period` and its change since the period before.
pub fn group_scores(ratings: &PromiseRatings<'_>, period: Period) -> Vec<GroupScores> {
    Group::ALL
        .into_iter()
        .map(|group| {
            let scores_in = |wanted: Period| -> RatingSummary {
                let scores: Vec<Option<u8>> = ratings
                    .iter()
                    .filter(|(p, _, cohort, band)| *p == wanted && group.includes(*cohort, band))
                    .map(|(_, score, _, _)| *score)
                    .collect();
                summarise(&scores)
            };
            let now = scores_in(period);
            let before = scores_in(period.previous());
            GroupScores {
                group: group.label().to_string(),
                change: change_since(&now, &before),
                now,
            }
        })
        .collect()
}

#[cfg(feature = "ssr")]
mod ssr {
    use crate::auth::ssr::require;
    use crate::auth::SessionUser;
    use crate::errors::VoiceError;
    use crate::state::AppState;

    pub fn officer() -> Result<(SessionUser, AppState), VoiceError> {
        require(super::DASHBOARD_ROLES)
    }
}

#[server(prefix = "/api", endpoint = "promise-dashboard")]
pub async fn promise_dashboard() -> Result<Dashboard, VoiceError> {
    use crate::errors::Context;
    let (_, state) = ssr::officer()?;
    let period = Period::at(state.now());
    let promises = super::store::all_promises(&state.db)
        .await
        .context("promises")?;
    let ratings = super::store::ratings_in(&state.db, &[period, period.previous()])
        .await
        .context("ratings")?;
    let mut comments = super::store::comments(&state.db, period, None)
        .await
        .context("comments")?;
    let phrases = crate::rights::safeguarding::ssr::harm_phrases(&state).await?;
    crate::quotes::leave_out_harm(&mut comments, &phrases);
    let waiting_comments = comments
        .iter()
        .filter(|writing| {
            super::comments::CommentState::of(writing) == super::comments::CommentState::Waiting
        })
        .count() as u64;
    let promises = promises
        .into_iter()
        .filter_map(|promise| {
            let of_promise: PromiseRatings<'_> = ratings
                .iter()
                .filter(|r| r.promise_id == promise.id)
                .map(|r| (r.period, r.score, r.cohort, r.age_band.as_str()))
                .collect();
            // A retired promise stays on the dashboard while it has ratings to show.
            (!promise.retired || !of_promise.is_empty()).then(|| super::PromiseScores {
                groups: group_scores(&of_promise, period),
                promise,
            })
        })
        .collect();
    Ok(Dashboard {
        period,
        previous: period.previous(),
        promises,
        waiting_comments,
    })
}

/// `/officer/promises`
#[component]
pub fn PromiseDashboardPage() -> impl IntoView {
    let dashboard = Resource::new_blocking(|| (), |_| promise_dashboard());
    view! {
        <PageTitle text="Promise ratings"/>
        <RequireRole roles=DASHBOARD_ROLES>
            <ServerData resource=dashboard let:dashboard>
                <h1>"Promise ratings"</h1>
                <p class="lead">{dashboard.period.name()} ", compared with " {dashboard.previous.name()} "."</p>
                <p>"Counts from 1 to 4 show as “fewer than 5”, and a mean needs at least 5 faces, "
                   "so that nobody can be picked out."</p>
                <div class="notice" role="status">
                    <p>{match dashboard.waiting_comments {
                        0 => "No comments are waiting to be read this period.".to_string(),
                        1 => "1 comment is waiting to be read this period.".to_string(),
                        n => format!("{n} comments are waiting to be read this period."),
                    }}</p>
                    <p><a href="/officer/quotes">"Read comments and choose quotes"</a></p>
                </div>
                {dashboard.promises.into_iter().map(|scores| view! { <PromiseScoresCard scores/> }).collect_view()}
            </ServerData>
        </RequireRole>
    }
}

#[component]
fn PromiseScoresCard(scores: super::PromiseScores) -> impl IntoView {
    let everyone = scores.groups.first().map(|g| g.now.clone());
    let title = format!("Promise {}", scores.promise.position);
    view! {
        <section class="card">
            <h2 class="card__title">{title}{scores.promise.retired.then_some(" (retired)")}</h2>
            <p>{scores.promise.wording}</p>
            <div class="table-wrap">
                <table class="table">
                    <caption class="visually-hidden">"Ratings by group"</caption>
                    <thead><tr><th scope="col">"Group"</th><th scope="col">"Ratings"</th>
                        <th scope="col">"Mean (1-5)"</th><th scope="col">"Change"</th></tr></thead>
                    <tbody>
                        {scores.groups.into_iter().map(|group| view! {
                            <tr>
                                <th scope="row">{group.group}</th>
                                <td>{group.now.ratings.label()}</td>
                                <td>{group.now.mean.map_or_else(|| "–".to_string(), |m| format!("{m:.1}"))}</td>
                                <td>{describe_change(group.change)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {everyone.filter(|summary| !summary.spread.is_empty()).map(|summary| view! { <Spread summary/> })}
        </section>
    }
}

/// How everyone's ratings spread over the faces, as bars with the numbers.
#[component]
fn Spread(summary: RatingSummary) -> impl IntoView {
    let labels = FACES
        .iter()
        .map(|(_, words)| *words)
        .chain(std::iter::once("Not sure"));
    let bars = labels
        .zip(summary.spread)
        .map(|(label, shown)| {
            let percent = shown.percent_of(summary.ratings);
            BarLine {
                label: label.to_string(),
                percent: percent.unwrap_or(0),
                text: match percent {
                    Some(percent) => format!("{} ({percent}%)", shown.label()),
                    None => shown.label(),
                },
            }
        })
        .collect();
    view! {
        <h3 class="card__subtitle">"Everyone's faces"</h3>
        <BarList bars/>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Shown;
    use chrono::NaiveDate;

    #[test]
    fn groups_count_people_as_they_were_and_suppress_small_ones() {
        let now = Period::containing(NaiveDate::from_ymd_opt(2026, 11, 1).unwrap());
        let before = now.previous();
        let mut ratings: PromiseRatings<'_> = Vec::new();
        // Six care leavers rate 4 now; three children aged 11-18 rate 2.
        ratings.extend((0..6).map(|_| (now, Some(4), Some(Cohort::CareLeaver), "16-25")));
        ratings.extend((0..3).map(|_| (now, Some(2), Some(Cohort::ChildInCare), "11-18")));
        // Last period five care leavers rated 3.
        ratings.extend((0..5).map(|_| (before, Some(3), Some(Cohort::CareLeaver), "16-25")));
        let groups = group_scores(&ratings, now);
        let find = |name: &str| groups.iter().find(|g| g.group == name).unwrap();

        let everyone = find("Everyone");
        assert_eq!(everyone.now.ratings, Shown::Count(9));
        let mean = everyone.now.mean.unwrap();
        assert!((mean - 30.0 / 9.0).abs() < 1e-9);

        let leavers = find(Cohort::CareLeaver.label());
        assert_eq!(leavers.now.ratings, Shown::Count(6));
        assert_eq!(leavers.change, Some(1.0));

        let children = find(Cohort::ChildInCare.label());
        assert_eq!(children.now.ratings, Shown::FewerThanFive);
        assert_eq!(children.now.mean, None);
        assert_eq!(children.change, None);
        assert_eq!(
            find(AgeBand::ChildUnder11.label()).now.ratings,
            Shown::Count(0)
        );
    }
}
