use crate::auth::use_viewer;
use crate::domain::Role;
use crate::errors::VoiceError;
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{de::DeserializeOwned, Serialize};

/// The browser tab's title: the page's own name first, then Voice. Only
/// fixed words: leptos_meta writes the title into the page unescaped, so
/// text from people must never reach it.
/// The part of the page's address the route names `:name` (empty when it
/// has none), as the id the page fetches by.
pub fn route_param<T: From<String>>(name: &str) -> T {
    let value = leptos_router::hooks::use_params_map().with_untracked(|params| params.get(name));
    T::from(value.unwrap_or_default())
}

#[component]
pub fn PageTitle(text: &'static str) -> impl IntoView {
    view! { <Title text=format!("{text} – Voice")/> }
}

/// Shows data a server function loads, or a plain message if it could not:
/// "please sign in" with a link, "no access", or "try again". A page that
/// says a refusal in its own way (a closed survey, say) passes `refused`.
#[component]
pub fn ServerData<T, F, V>(
    resource: Resource<Result<T, VoiceError>>,
    children: F,
    #[prop(optional)] refused: Option<fn(VoiceError) -> AnyView>,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || resource.get().map(|result| match (result, refused) {
                (Ok(data), _) => children(data).into_any(),
                (Err(error), Some(refused)) => refused(error),
                (Err(error), None) => view! { <Problem error/> }.into_any(),
            })}
        </Suspense>
    }
}

/// What went wrong, said plainly, with the page's status set from it (a
/// 401 for "please sign in", a 403 for "no access", a 404 for "not found").
#[component]
pub fn Problem(error: VoiceError) -> impl IntoView {
    error.set_response_status();
    let needs_sign_in = error == VoiceError::SignInNeeded;
    view! {
        <div class="notice notice--error" role="alert">
            <p>{error.to_string()}</p>
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
        Some(_) => view! { <Problem error=VoiceError::NotAllowed/> }.into_any(),
        None => view! { <Problem error=VoiceError::SignInNeeded/> }.into_any(),
    }
}
