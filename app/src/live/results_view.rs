//! A live activity's results, drawn the same on the facilitator's page and
//! the projector: bar charts with their numbers, or the approved words.

use super::{Bar, Results};
use crate::components::bars::{BarLine, BarList};
use leptos::prelude::*;

/// Results as accessible bar charts with the numbers beside the bars.
#[component]
pub fn ResultsView(results: Results) -> impl IntoView {
    match results {
        Results::Waiting { needed } => {
            view! { <p class="waiting">{format!("Waiting for {needed} answers")}</p> }.into_any()
        }
        Results::Bars(bars) => view! { <BarChart bars/> }.into_any(),
        Results::Promises(per_promise) => per_promise
            .into_iter()
            .map(|(label, bars)| view! { <h3>{label}</h3><BarChart bars/> })
            .collect_view()
            .into_any(),
        Results::Words(words) if words.is_empty() => {
            view! { <p>"No approved answers yet."</p> }.into_any()
        }
        Results::Words(words) => view! {
            <ul class="word-list">
                {words.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}
            </ul>
        }
        .into_any(),
    }
}

/// A bar per answer, its length against the most given.
#[component]
fn BarChart(bars: Vec<Bar>) -> impl IntoView {
    let most = bars.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    let bars = bars
        .into_iter()
        .map(|bar| BarLine {
            percent: u32::try_from(bar.count * 100 / most).unwrap_or(0),
            text: bar.count.to_string(),
            label: bar.label,
        })
        .collect();
    view! { <BarList bars/> }
}
