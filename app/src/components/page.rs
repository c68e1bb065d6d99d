use crate::auth::use_viewer;
use crate::domain::Role;
use crate::errors::{user_message, NOT_ALLOWED, SIGN_IN_NEEDED};
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{de::DeserializeOwned, Serialize};

/// The browser tab's title: the page's own name first, then Voice. Only
/// fixed words: leptos_meta writes the title into the page unescaped, so
/// text from people must never reach it.
#[component]
pub fn PageTitle(text: &'static str) -> impl IntoView {
    view! { <Title text=format!("{text} – Voice")/> }
}

/// Draws a page afresh whenever its address changes in place.
///
/// When the next address matches the same route (Back from question 2 to
/// question 1, `?answered=` on the live phone), the router keeps the page
/// and only updates its parameters. Pages read their address once, as a
/// page load does, so they would go on showing the old question under the
/// new address, and a form sent from it would save over that question.
/// Drawing the page again makes every page follow its address, with
/// JavaScript as without. Wrapped round each route's page (`lib.rs`), so
/// moving to another route is still the router's own work alone.
#[component]
pub fn FollowTheAddress(children: ChildrenFn) -> impl IntoView {
    // The address as text, compared as text: the router's parameter maps
    // change without the address changing (once the page is live, which
    // would draw it twice and lose what the server sent with it, like a
    // kept form), and do not always change when it does.
    let location = leptos_router::hooks::use_location();
    let address = Memo::new(move |_| (location.pathname.get(), location.search.get()));
    move || {
        // Read, not only tracked: a memo nobody reads is never worked out,
        // so it would never see the address change.
        let _now_at = address.get();
        children()
    }
}

/// Shows data a server function loads, or a plain message if it could not:
/// "please sign in" with a link, "no access", or "try again".
#[component]
pub fn ServerData<T, F, V>(
    resource: Resource<Result<T, ServerFnError>>,
    children: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || resource.get().map(|result| match result {
                Ok(data) => children(data).into_any(),
                Err(error) => view! { <Problem message=user_message(&error)/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
pub fn Problem(message: String) -> impl IntoView {
    let needs_sign_in = message == SIGN_IN_NEEDED;
    // The server says nobody is signed in: the header must say so too.
    #[cfg(feature = "hydrate")]
    if needs_sign_in {
        Effect::new(|_| crate::auth::server_says_signed_out());
    }
    view! {
        <div class="notice notice--error" role="alert">
            <p>{message}</p>
            {needs_sign_in.then(|| view! { <p><a href="/sign-in">"Sign in"</a></p> })}
        </div>
    }
}

/// Shows its children only to the given roles; anyone else gets a plain
/// message (and, from the server, a 401 or 403 status).
#[component]
pub fn RequireRole(roles: &'static [Role], children: Children) -> impl IntoView {
    match use_viewer() {
        // Children are made once, here, so their resources and forms are made
        // in the same order on the server and in the browser. The Suspense
        // makes the page wait for what they read (a form sent without
        // JavaScript is answered by a resource), wherever on the page they
        // read it.
        Some(user) if roles.contains(&user.role) => {
            view! { <Suspense fallback=|| ()>{children()}</Suspense> }.into_any()
        }
        Some(_) => refuse(NOT_ALLOWED).into_any(),
        None => refuse(SIGN_IN_NEEDED).into_any(),
    }
}

fn refuse(message: &'static str) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::auth::ssr::set_status(if message == SIGN_IN_NEEDED {
        http::StatusCode::UNAUTHORIZED
    } else {
        http::StatusCode::FORBIDDEN
    });
    view! { <Problem message=message.to_string()/> }
}
