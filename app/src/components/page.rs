use crate::accounts::current_user;
use crate::domain::Role;
use crate::errors::{user_message, NOT_ALLOWED, SIGN_IN_NEEDED};
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{de::DeserializeOwned, Serialize};

/// The browser tab's title: the page's own name first, then Voice.
#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
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

/// Whether the visitor may see a page.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Access {
    Allowed,
    NotAllowed,
    SignedOut,
}

/// Shows its children only to the given roles; anyone else gets a plain
/// message (and, from the server, a 401 or 403 status).
#[component]
pub fn RequireRole(roles: &'static [Role], children: ChildrenFn) -> impl IntoView {
    let user = Resource::new_blocking(|| (), |_| current_user());
    // A memo, so the page is built once: the children hold forms and data
    // that must not be rebuilt when the user resource settles again after
    // hydration.
    let access = Memo::new(move |_| {
        user.get().map(|user| match user.ok().flatten() {
            Some(user) if roles.contains(&user.role) => Access::Allowed,
            Some(_) => Access::NotAllowed,
            None => Access::SignedOut,
        })
    });
    view! {
        <Suspense fallback=|| ()>
            {move || access.get().map(|access| match access {
                Access::Allowed => children().into_any(),
                Access::NotAllowed => refuse(NOT_ALLOWED).into_any(),
                Access::SignedOut => refuse(SIGN_IN_NEEDED).into_any(),
            })}
        </Suspense>
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
