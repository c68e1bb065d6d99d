//! Forms that work the same with and without WebAssembly.
//!
//! Every form is a real `<form method="post">` that posts to a page. With
//! JavaScript off, the server renders that page for the POST: the page's
//! [`use_form`] hook finds the posted fields (the hidden `_action` field names
//! the server function), runs the server function and either redirects or
//! renders the page again with the errors beside the fields and the typed
//! values kept. Pages are not hydrated (see `lib.rs`), so this is how every
//! form is sent, script or not, and the server function is the one place
//! the work is done and checked.

pub mod field_errors;
#[cfg(feature = "ssr")]
pub mod held;

use crate::errors::VoiceError;
pub use field_errors::FieldErrors;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use serde::{de::DeserializeOwned, Deserialize, Serialize};

/// What is said beside a field that held a control character.
pub const CONTROL_CHARACTER: &str =
    "This had a hidden control character in it, which Voice cannot save. Take it out and send again.";

/// Whether text holds a control character other than a new line, a
/// carriage return or a tab. Nobody types one on purpose (they come in with
/// pasted text), and PostgreSQL cannot store NUL in text, so they are
/// refused at the edge, the same on both databases.
pub fn has_control_character(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

/// A message beside every field whose value holds a control character (see
/// [`has_control_character`]). Fields sent as `name[]` are shown at `name`.
pub fn control_character_errors<'a>(
    fields: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> FieldErrors {
    let mut errors = FieldErrors::default();
    for (name, value) in fields {
        if has_control_character(value) {
            errors.add(name.trim_end_matches("[]"), CONTROL_CHARACTER);
        }
    }
    errors
}

/// Text with its control characters (see [`has_control_character`])
/// taken out, to put back in a field that was refused for them.
pub fn without_control_characters(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'))
        .collect()
}

/// What a form's server function answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FormReply<T> {
    /// Show the form again with these messages.
    Invalid(FieldErrors),
    /// Go to this page with a full page load (so the header shows who is signed in).
    Redirect(String),
    /// Stay on the page and show this result.
    Done(T),
}

impl<T> FormReply<T> {
    /// The reply for a form that has problems, or `None` when it has none.
    pub fn invalid_if_any(errors: FieldErrors) -> Option<FormReply<T>> {
        (!errors.is_empty()).then_some(FormReply::Invalid(errors))
    }

    /// The reply for a form with one problem, beside one field.
    pub fn invalid_field(field: &str, message: impl Into<String>) -> FormReply<T> {
        let mut errors = FieldErrors::default();
        errors.add(field, message);
        FormReply::Invalid(errors)
    }
}

/// A form posted to a page without JavaScript, handed to the page's render.
#[derive(Clone, Debug, Default)]
pub struct PostedForm {
    /// The url-encoded body as the browser sent it.
    pub body: String,
}

impl PostedForm {
    /// The fields as name/value pairs, in the order the browser sent them.
    #[cfg(feature = "ssr")]
    pub fn fields(&self) -> Vec<(String, String)> {
        form_urlencoded::parse(self.body.as_bytes())
            .into_owned()
            .collect()
    }
}

/// The result of a form posted without JavaScript, carried into hydration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PostedOutcome<T> {
    /// What the person typed, less any password, to put back in the fields.
    values: Vec<(String, String)>,
    reply: Result<FormReply<T>, String>,
}

/// Field names whose values are never sent back to the browser.
#[cfg(feature = "ssr")]
pub(crate) fn is_secret(field: &str) -> bool {
    field.contains("password")
}

/// A form on a page, bound to the server function that handles it.
pub struct FormHandle<S, T>
where
    S: ServerFn<Output = FormReply<T>, Error = VoiceError> + Clone + Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
{
    posted: Resource<Option<PostedOutcome<T>>>,
    server_fn: std::marker::PhantomData<fn() -> S>,
}

impl<S, T> Clone for FormHandle<S, T>
where
    S: ServerFn<Output = FormReply<T>, Error = VoiceError> + Clone + Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
{
    fn clone(&self) -> Self {
        *self
    }
}

impl<S, T> Copy for FormHandle<S, T>
where
    S: ServerFn<Output = FormReply<T>, Error = VoiceError> + Clone + Send + Sync + 'static,
    T: Clone + Send + Sync + 'static,
{
}

/// Binds a page's form to its server function `S`. Call it once per form.
pub fn use_form<S, T>() -> FormHandle<S, T>
where
    S: ServerFn<Output = FormReply<T>, Error = VoiceError>
        + DeserializeOwned
        + Clone
        + Send
        + Sync
        + 'static,
    T: Clone + Send + Sync + Serialize + DeserializeOwned + PartialEq + 'static,
{
    let posted = Resource::new_blocking(
        || (),
        move |_| {
            // Only the server holds a posted form (pages are drawn there).
            #[cfg(feature = "ssr")]
            let posted = use_context::<PostedForm>();
            #[cfg(feature = "ssr")]
            let kept = KeptForm::for_this_request();
            async move {
                #[cfg(feature = "ssr")]
                if let Some(form) = posted {
                    return run_posted::<S, T>(form).await;
                }
                #[cfg(feature = "ssr")]
                if let Some(kept) = kept {
                    return kept.take::<T>(S::PATH).await;
                }
                None
            }
        },
    );
    FormHandle {
        posted,
        server_fn: std::marker::PhantomData,
    }
}

/// Where to look for a form this browser kept while its writer was signed
/// out (see `held`): only once they are signed in again.
#[cfg(feature = "ssr")]
struct KeptForm {
    state: crate::state::AppState,
    token: String,
    account_id: crate::domain::AccountId,
    page: String,
}

#[cfg(feature = "ssr")]
impl KeptForm {
    fn for_this_request() -> Option<KeptForm> {
        let token = held::token_in_request()?;
        let account_id = crate::auth::ssr::signed_in()?.user.account_id;
        let page = use_context::<http::request::Parts>()?
            .uri
            .path()
            .to_string();
        let state = use_context::<crate::state::AppState>()?;
        Some(KeptForm {
            state,
            token,
            account_id,
            page,
        })
    }

    /// The kept fields, if they were for this page's form `action`, shown
    /// as a form sent back with a note to send it again.
    async fn take<T>(self, action: &str) -> Option<PostedOutcome<T>> {
        let kept = held::take(
            &self.state.db,
            &self.token,
            &self.account_id,
            &self.page,
            action,
            self.state.now(),
        )
        .await;
        match kept {
            Ok(values) => values.map(|values| PostedOutcome {
                values,
                reply: Ok(FormReply::Invalid(FieldErrors::form(
                    held::KEPT_WHILE_SIGNED_OUT,
                ))),
            }),
            Err(error) => {
                tracing::error!("could not read a kept form: {error}");
                None
            }
        }
    }
}

/// Runs the server function for a form posted without JavaScript, if the
/// form was meant for it.
#[cfg(feature = "ssr")]
async fn run_posted<S, T>(form: PostedForm) -> Option<PostedOutcome<T>>
where
    S: ServerFn<Output = FormReply<T>, Error = VoiceError> + DeserializeOwned,
{
    let fields = form.fields();
    let action = fields
        .iter()
        .find(|(name, _)| name == "_action")
        .map(|(_, v)| v.as_str());
    if action != Some(S::PATH) {
        return None;
    }
    let values = fields
        .iter()
        .filter(|(name, _)| !is_secret(name))
        .map(|(name, value)| (name.clone(), without_control_characters(value)))
        .collect();
    let hidden = control_character_errors(fields.iter().map(|(n, v)| (n.as_str(), v.as_str())));
    // The same reading of the fields as the server function's own endpoint
    // (lists are sent as `name[]`), so a form means the same either way.
    let reply = match serde_qs::Config::new(5, false).deserialize_str::<S>(&form.body) {
        _ if !hidden.is_empty() => Ok(FormReply::Invalid(hidden)),
        Ok(args) => args.run_body().await.map_err(|error| {
            error.set_response_status();
            error.to_string()
        }),
        Err(_) => Ok(FormReply::Invalid(FieldErrors::form(
            "The form was not complete. Please fill it in again.",
        ))),
    };
    if let Ok(FormReply::Redirect(path)) = &reply {
        leptos_axum::redirect(path);
    }
    Some(PostedOutcome { values, reply })
}

impl<S, T> FormHandle<S, T>
where
    S: ServerFn<Output = FormReply<T>, Error = VoiceError> + Clone + Send + Sync + 'static,
    T: Clone + Send + Sync + Serialize + DeserializeOwned + PartialEq + 'static,
{
    /// The server's answer to this form, if it was posted to this page.
    pub fn reply(&self) -> Option<Result<FormReply<T>, String>> {
        self.posted.get().flatten().map(|outcome| outcome.reply)
    }

    pub fn errors(&self) -> FieldErrors {
        match self.reply() {
            Some(Ok(FormReply::Invalid(errors))) => errors,
            Some(Err(message)) => FieldErrors::form(message),
            _ => FieldErrors::default(),
        }
    }

    pub fn done(&self) -> Option<T> {
        match self.reply() {
            Some(Ok(FormReply::Done(value))) => Some(value),
            _ => None,
        }
    }

    /// What was typed into the posted form (less passwords).
    pub fn values(&self) -> Vec<(String, String)> {
        self.posted
            .get()
            .flatten()
            .map(|outcome| outcome.values)
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "ssr")]
    #[test]
    fn decodes_url_encoded_fields() {
        let form = PostedForm {
            body: "_action=%2Fapi%2Fx&name=Zo%C3%AB+O%27Neill&empty=".into(),
        };
        assert_eq!(
            form.fields(),
            vec![
                ("_action".to_string(), "/api/x".to_string()),
                ("name".to_string(), "Zoë O'Neill".to_string()),
                ("empty".to_string(), String::new()),
            ]
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn passwords_are_never_echoed() {
        assert!(is_secret("password"));
        assert!(is_secret("password_confirmation"));
        assert!(!is_secret("login"));
    }

    #[test]
    fn control_characters_are_refused_but_new_lines_and_tabs_are_not() {
        for text in ["a\0b", "\u{1b}[31m", "bell\u{7}", "\u{85}", "\u{7f}"] {
            assert!(has_control_character(text), "{text:?}");
        }
        for text in ["line one\r\nline two", "a\tb", "Zoë O'Neill 😀", ""] {
            assert!(!has_control_character(text), "{text:?}");
        }
        assert_eq!(without_control_characters("a\0b\nc\u{7}"), "ab\nc");
    }

    #[test]
    fn every_field_with_a_control_character_gets_the_message() {
        let errors = control_character_errors([
            ("why", "fine"),
            ("better", "not\0fine"),
            ("audience[]", "\u{1}"),
        ]);
        assert_eq!(
            errors.iter().collect::<Vec<_>>(),
            vec![
                ("better", CONTROL_CHARACTER),
                ("audience", CONTROL_CHARACTER)
            ]
        );
    }

    #[test]
    fn field_errors_keep_the_first_message_for_a_field() {
        let mut errors = FieldErrors::default();
        assert_eq!(errors.check::<u8>("age", Err("Enter an age")), None);
        errors.add("age", "second message");
        assert_eq!(errors.get("age"), Some("Enter an age"));
        assert_eq!(errors.check("name", Ok(3)), Some(3));
        assert_eq!(errors.iter().count(), 1);
    }
}
