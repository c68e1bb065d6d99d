//! The filters above a long staff list: a plain GET form, so the list's
//! address says what it shows (it can be bookmarked, shared, reloaded, and
//! Back goes to the list as it was), and it works without JavaScript.

use leptos::prelude::*;

/// The form around a list's filters, with "Show" and a link back to the
/// whole list.
#[component]
pub fn FilterForm(action: &'static str, label: &'static str, children: Children) -> impl IntoView {
    view! {
        // autocomplete="off": after Back the browser would otherwise put back
        // what was last chosen, not what the list on screen was filtered by.
        <form method="get" action=action class="filter" role="search" aria-label=label autocomplete="off">
            {children()}
            <div class="filter__actions">
                <button class="button button--secondary" type="submit">"Show"</button>
                <a href=action>"Clear the filters"</a>
            </div>
        </form>
    }
}

/// A text filter (a search, a reference), keeping what was typed.
#[component]
pub fn FilterText(
    name: &'static str,
    label: &'static str,
    value: String,
    #[prop(optional)] input_type: Option<&'static str>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label class="label" for=name>{label}</label>
            <input class="input" id=name name=name type=input_type.unwrap_or("search") value=value/>
        </div>
    }
}

/// A choice among fixed values, or (when there is an `any` to offer) none
/// of them.
#[component]
pub fn FilterSelect(
    name: &'static str,
    label: &'static str,
    #[prop(optional)] any: Option<&'static str>,
    options: Vec<(String, String)>,
    selected: String,
) -> impl IntoView {
    let any = any.map(|any| view! { <option value="" selected=selected.is_empty()>{any}</option> });
    view! {
        <div class="field">
            <label class="label" for=name>{label}</label>
            <select class="select" id=name name=name>
                {any}
                {options.into_iter().map(|(value, text)| {
                    let chosen = value == selected;
                    view! { <option value=value selected=chosen>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// An on/off filter ("Overdue only"), sent as `yes` when ticked.
#[component]
pub fn FilterCheckbox(name: &'static str, label: &'static str, checked: bool) -> impl IntoView {
    view! {
        <div class="radio">
            <input class="radio__input" id=name name=name type="checkbox" value="yes" checked=checked/>
            <label class="radio__label" for=name>{label}</label>
        </div>
    }
}

/// The choices of a stored set of values, for a [`FilterSelect`].
pub fn choices<T: Copy>(
    all: impl IntoIterator<Item = T>,
    name: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.into_iter()
        .map(|value| (name(value).to_string(), label(value).to_string()))
        .collect()
}

/// How many rows the filters found, said as the list's own noun
/// ("1 account", "830 accounts") and announced when it changes.
#[component]
pub fn ResultCount(total: u64, one: &'static str, many: &'static str) -> impl IntoView {
    let noun = if total == 1 { one } else { many };
    view! { <p class="result-count" role="status">{format!("{total} {noun}")}</p> }
}
