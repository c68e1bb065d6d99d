//! The way through a long list: where this page is, and links to the pages
//! either side (plain links, so they work without JavaScript).

use crate::domain::paging::PageLinks;
use leptos::prelude::*;

/// "Page 2 of 34", between "Previous page" and "Next page" links. Shows
/// nothing for a list that fits on one page.
#[component]
pub fn Pager(links: PageLinks) -> impl IntoView {
    (links.pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label="Pages">
                {links.previous.map(|href| view! { <a class="pager__link" href=href rel="prev">"Previous page"</a> })}
                <p class="pager__place">{format!("Page {} of {}", links.page, links.pages)}</p>
                {links.next.map(|href| view! { <a class="pager__link" href=href rel="next">"Next page"</a> })}
            </nav>
        }
    })
}
