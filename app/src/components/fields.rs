//! Form controls in the GOV.UK pattern: a visible label, an optional hint,
//! the error message beside the field, and an error summary at the top.

use crate::errors::VoiceError;
use crate::forms::{FieldErrors, FormHandle, FormReply};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use serde::{de::DeserializeOwned, Serialize};

/// What the fields of one form need to know: its errors and what was typed.
#[derive(Clone, Copy)]
pub struct FormView {
    errors: Signal<FieldErrors>,
    values: Signal<Vec<(String, String)>>,
}

impl FormView {
    /// The view of a form nobody has sent: no errors, nothing typed (for
    /// showing fields that are not sent anywhere, as in a preview).
    pub fn unsent() -> FormView {
        FormView {
            errors: Signal::stored(FieldErrors::default()),
            values: Signal::stored(Vec::new()),
        }
    }

    pub fn error(&self, field: &str) -> Option<String> {
        self.errors.get().get(field).map(str::to_string)
    }

    /// Whether a box with this value was ticked (fields named `name[]`).
    pub fn has_value(&self, field: &str, value: &str) -> bool {
        self.values
            .get()
            .iter()
            .any(|(name, sent)| name == field && sent == value)
    }

    pub fn value(&self, field: &str) -> Option<String> {
        self.values
            .get()
            .into_iter()
            .find(|(name, _)| name == field)
            .map(|(_, value)| value)
    }
}

impl<S, T> FormHandle<S, T>
where
    S: ServerFn<Output = FormReply<T>, Error = VoiceError> + Clone + Send + Sync + 'static,
    T: Clone + Send + Sync + Serialize + DeserializeOwned + PartialEq + 'static,
{
    pub fn view(&self) -> FormView {
        let form = *self;
        FormView {
            errors: Signal::derive(move || form.errors()),
            values: Signal::derive(move || form.values()),
        }
    }
}

/// A `<form method="post">` bound to the server function `S`: the page it
/// posts to runs `S` and answers with the next page, or with this one again
/// showing what was wrong beside the fields and what was typed.
#[component]
pub fn VoiceForm<S, T>(
    /// Names the server function (its type is all that is used).
    form: FormHandle<S, T>,
    /// The page to post to; this page if not given.
    #[prop(optional)]
    action: Option<&'static str>,
    children: Children,
) -> impl IntoView
where
    S: ServerFn<Output = FormReply<T>, Error = VoiceError> + Clone + Send + Sync + 'static,
    T: Clone + Send + Sync + Serialize + DeserializeOwned + PartialEq + 'static,
{
    let _ = form;
    view! {
        <form method="post" action=action novalidate>
            <input type="hidden" name="_action" value=S::PATH/>
            // The fields read the form's posted values, which load like any data.
            <Suspense fallback=|| ()>{children()}</Suspense>
        </form>
    }
}

#[component]
pub fn ErrorSummary(form: FormView) -> impl IntoView {
    view! { <Suspense fallback=|| ()>{move || error_summary(form)}</Suspense> }
}

fn error_summary(form: FormView) -> impl IntoView {
    let errors = form.errors.get();
    (!errors.is_empty()).then(|| {
        view! {
            <div class="error-summary" role="alert" tabindex="-1">
                <h2 class="error-summary__title">"There is a problem"</h2>
                <ul class="error-summary__list">
                    {errors.iter().map(|(field, message)| {
                        let message = message.to_string();
                        if field.is_empty() {
                            view! { <li>{message}</li> }.into_any()
                        } else {
                            view! { <li><a href=format!("#{field}")>{message}</a></li> }.into_any()
                        }
                    }).collect_view()}
                </ul>
            </div>
        }
    })
}

pub(crate) fn described_by(name: &str, has_hint: bool, has_error: bool) -> Option<String> {
    let ids: Vec<String> = [
        has_hint.then(|| format!("{name}-hint")),
        has_error.then(|| format!("{name}-error")),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

#[component]
pub(crate) fn FieldError(#[prop(into)] name: String, message: Option<String>) -> impl IntoView {
    message.map(|message| {
        view! {
            <p class="field-error" id=format!("{name}-error")>
                <span class="visually-hidden">"Error: "</span>
                {message}
            </p>
        }
    })
}

/// A labelled text input.
#[component]
pub fn TextField(
    form: FormView,
    name: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// For usernames, codes and emails: no capitals or spelling fixes.
    #[prop(optional)]
    exact: bool,
    /// The value to start with when nothing has been typed yet.
    #[prop(optional, into)]
    initial: Option<String>,
) -> impl IntoView {
    let error = Memo::new(move |_| form.error(name));
    view! {
        <div class="field" class:field--error=move || error.get().is_some()>
            <label class="label" for=name>{label}</label>
            {hint.map(|hint| view! { <p class="hint" id=format!("{name}-hint")>{hint}</p> })}
            {move || view! { <FieldError name message=error.get()/> }}
            <input
                class="input"
                id=name
                name=name
                type=input_type
                autocomplete=autocomplete
                autocapitalize=exact.then_some("none")
                spellcheck=exact.then_some("false")
                value=move || form.value(name).or_else(|| initial.clone())
                aria-describedby=move || described_by(name, hint.is_some(), error.get().is_some())
                aria-invalid=move || error.get().is_some().then_some("true")
            />
        </div>
    }
}

/// A set of radio buttons with a legend: choose one.
#[component]
pub fn RadioField(
    form: FormView,
    name: &'static str,
    legend: &'static str,
    options: Vec<(&'static str, &'static str)>,
    #[prop(optional)] hint: Option<&'static str>,
    /// The value chosen when nothing has been sent yet.
    #[prop(optional_no_strip)]
    initial: Option<String>,
) -> impl IntoView {
    let options = options
        .into_iter()
        .map(|(value, label)| (value.to_string(), label.to_string()))
        .collect();
    let initial = initial.into_iter().collect();
    view! {
        <ChoicesField form name legend hint sent_name=name.to_string() multiple=false options initial/>
    }
}

/// Boxes to tick, any number, sent as `name[]`. `initial` are the values
/// ticked when nothing has been sent yet.
#[component]
pub fn CheckboxesField(
    form: FormView,
    name: &'static str,
    legend: &'static str,
    options: Vec<(String, String)>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] initial: Vec<String>,
) -> impl IntoView {
    view! {
        <ChoicesField form name legend hint sent_name=format!("{name}[]") multiple=true options initial/>
    }
}

/// The fieldset around radios or boxes: legend, hint and error.
#[component]
fn ChoicesField(
    form: FormView,
    name: &'static str,
    legend: &'static str,
    hint: Option<&'static str>,
    sent_name: String,
    multiple: bool,
    options: Vec<(String, String)>,
    initial: Vec<String>,
) -> impl IntoView {
    let error = Memo::new(move |_| form.error(name));
    view! {
        <div class="field" class:field--error=move || error.get().is_some()>
            <fieldset class="fieldset" aria-describedby=move || described_by(name, hint.is_some(), error.get().is_some())>
                <legend class="legend">{legend}</legend>
                {hint.map(|hint| view! { <p class="hint" id=format!("{name}-hint")>{hint}</p> })}
                {move || view! { <FieldError name message=error.get()/> }}
                <ChoiceList form id=name sent_name multiple options initial/>
            </fieldset>
        </div>
    }
}

/// Radios (`multiple` false) or boxes to tick, each with its label. The
/// first input carries the field's id, so the error summary can link to
/// it. A form that came back (sent without JavaScript) shows what was
/// sent; otherwise `initial` is ticked.
#[component]
pub(crate) fn ChoiceList(
    form: FormView,
    id: &'static str,
    /// The name the inputs are sent as (`name[]` for boxes).
    sent_name: String,
    multiple: bool,
    options: Vec<(String, String)>,
    initial: Vec<String>,
) -> impl IntoView {
    let came_back = Memo::new(move |_| form.value("_action").is_some());
    let input_type = if multiple { "checkbox" } else { "radio" };
    view! {
        <div class="radios">
            {options.into_iter().enumerate().map(|(index, (value, label))| {
                let input_id = if index == 0 { id.to_string() } else { format!("{id}-{index}") };
                let ticked_at_first = initial.contains(&value);
                let (name, sent, this) = (sent_name.clone(), sent_name.clone(), value.clone());
                let checked = move || if came_back.get() { form.has_value(&sent, &this) } else { ticked_at_first };
                view! {
                    <div class="radio">
                        <input class="radio__input" type=input_type id=input_id.clone() name=name value=value checked=checked/>
                        <label class="radio__label" for=input_id>{label}</label>
                    </div>
                }
            }).collect_view()}
        </div>
    }
}

/// One box to tick, on its own.
#[component]
pub fn CheckboxField(
    form: FormView,
    name: &'static str,
    label: &'static str,
    #[prop(optional)] initial: bool,
) -> impl IntoView {
    // A form that came back (sent without JavaScript) shows what was sent.
    let checked = move || match form.value("_action") {
        Some(_) => form.value(name).is_some(),
        None => initial,
    };
    view! {
        <div class="field">
            <div class="radio">
                <input class="radio__input" type="checkbox" id=name name=name value="yes" checked=checked/>
                <label class="radio__label" for=name>{label}</label>
            </div>
        </div>
    }
}

/// A labelled box for longer writing.
#[component]
pub fn TextAreaField(
    form: FormView,
    name: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    /// The text to start with when nothing has been typed yet.
    #[prop(optional, into)]
    initial: Option<String>,
) -> impl IntoView {
    let error = Memo::new(move |_| form.error(name));
    let text = Signal::derive(move || form.value(name).or(initial.clone()).unwrap_or_default());
    view! {
        <div class="field" class:field--error=move || error.get().is_some()>
            <label class="label" for=name>{label}</label>
            {hint.map(|hint| view! { <p class="hint" id=format!("{name}-hint")>{hint}</p> })}
            {move || view! { <FieldError name message=error.get()/> }}
            <PrefilledTextArea
                id=name
                name=name
                rows="4"
                text
                described_by=Signal::derive(move || described_by(name, hint.is_some(), error.get().is_some()))
                invalid=Signal::derive(move || error.get().is_some())
            />
        </div>
    }
}

/// A `<textarea>` holding text that may have come from anyone. Every
/// textarea in Voice is one of these.
///
/// tachys 0.2.19 (the newest for Leptos 0.8) writes a textarea's children
/// into the server's HTML without escaping them (the fix, leptos-rs/leptos
/// #4821, is not released for 0.8), so a young person's
/// `</textarea><meta http-equiv="refresh" ...>` would become markup on the
/// officer's page. So the text is escaped here (pages are drawn only on the
/// server).
#[component]
pub fn PrefilledTextArea(
    #[prop(into)] id: String,
    name: &'static str,
    rows: &'static str,
    #[prop(into)] text: Signal<String>,
    #[prop(optional, into)] described_by: Signal<Option<String>>,
    #[prop(optional, into)] invalid: Signal<bool>,
) -> impl IntoView {
    view! {
        <textarea
            class="textarea"
            id=id
            name=name
            rows=rows
            aria-describedby=move || described_by.get()
            aria-invalid=move || invalid.get().then_some("true")
        >
            {move || textarea_content(text.get())}
        </textarea>
    }
}

/// What goes between `<textarea>` and `</textarea>`: the text escaped as
/// HTML (a textarea's content is read with character references decoded,
/// so the box shows the text exactly), after a newline the HTML parser
/// drops, so text that starts with a newline keeps it.
fn textarea_content(text: String) -> String {
    format!("\n{}", escape_html_text(&text))
}

/// Text made safe to write between HTML tags.
fn escape_html_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            c => escaped.push(c),
        }
    }
    escaped
}

#[component]
pub fn SubmitButton(label: &'static str) -> impl IntoView {
    view! { <button class="button" type="submit">{label}</button> }
}

#[cfg(test)]
mod tests {
    use super::{described_by, escape_html_text};

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(
            escape_html_text("</textarea><h1 id=\"pwned\">Tom & Jerry</h1>"),
            "&lt;/textarea&gt;&lt;h1 id=\"pwned\"&gt;Tom &amp; Jerry&lt;/h1&gt;"
        );
        assert_eq!(escape_html_text("plain words"), "plain words");
    }

    #[test]
    fn fields_point_at_their_hint_and_error() {
        assert_eq!(
            described_by("code", true, true).as_deref(),
            Some("code-hint code-error")
        );
        assert_eq!(
            described_by("code", false, true).as_deref(),
            Some("code-error")
        );
        assert_eq!(described_by("code", false, false), None);
    }
}
