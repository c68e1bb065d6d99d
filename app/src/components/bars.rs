//! Bar charts as lists: each line says its label and number in words, and
//! an SVG bar shows it (an SVG attribute, not a style: the page's CSP
//! allows no inline styles). Screen readers read the words.

use leptos::prelude::*;

/// One bar: its label, its length (0 to 100) and the words for its number.
#[derive(Clone, Debug, PartialEq)]
pub struct BarLine {
    pub label: String,
    pub percent: u32,
    pub text: String,
}

#[component]
pub fn BarList(bars: Vec<BarLine>) -> impl IntoView {
    view! {
        <ul class="bars">
            {bars.into_iter().map(|bar| view! {
                <li class="bar">
                    <span class="bar__label">{bar.label}</span>
                    <svg class="bar__track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                        <rect class="bar__fill" width=bar.percent.to_string() height="10"/>
                    </svg>
                    <span class="bar__value">{bar.text}</span>
                </li>
            }).collect_view()}
        </ul>
    }
}
