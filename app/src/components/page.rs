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
