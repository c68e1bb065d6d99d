//! The five-face scale, drawn in SVG (no images or fonts to download), with
//! the words under each face so nobody has to read a face to answer.

use super::fields::{described_by, FieldError, FormView};
use crate::domain::face_scale::{FACES, NOT_SURE};
use crate::domain::FaceRating;
use leptos::prelude::*;

/// The mouth of each face, from a frown (1) to a wide smile (5).
fn mouth(score: u8) -> &'static str {
    match score {
        1 => "M15 35 Q24 25 33 35",
        2 => "M15 34 Q24 29 33 34",
        3 => "M15 32 L33 32",
        4 => "M15 30 Q24 36 33 30",
        _ => "M14 29 Q24 41 34 29",
    }
}

/// A face, for decoration: its words are always beside it.
#[component]
pub fn Face(score: u8) -> impl IntoView {
    view! {
        <svg viewBox="0 0 48 48" aria-hidden="true" focusable="false">
            <circle cx="24" cy="24" r="21" fill="#ffdd00" stroke="#0b0c0c" stroke-width="2"/>
            <circle cx="17" cy="19" r="2.5" fill="#0b0c0c"/>
            <circle cx="31" cy="19" r="2.5" fill="#0b0c0c"/>
            <path d=mouth(score) fill="none" stroke="#0b0c0c" stroke-width="2.5" stroke-linecap="round"/>
        </svg>
    }
}

/// A rating as shown back to someone: the face and its words.
#[component]
pub fn RatingBadge(rating: FaceRating) -> impl IntoView {
    view! {
        <span class="rating">
            {rating.score().map(|score| view! { <Face score/> })}
            <span>{rating.label()}</span>
        </span>
    }
}

/// Choose a face or "not sure". The question is the legend; when it is the
/// page's question it is the page heading too (the GOV.UK question page).
#[component]
pub fn FaceScaleField(
    form: FormView,
    name: &'static str,
    #[prop(into)] question: String,
    #[prop(optional, into)] caption: Option<String>,
    #[prop(optional, into)] hint: Option<String>,
    /// The answer to start with when nothing has been sent yet.
    initial: Option<FaceRating>,
) -> impl IntoView {
    let error = Memo::new(move |_| form.error(name));
    let has_hint = hint.is_some();
    let chosen = move || {
        form.value(name)
            .or_else(|| initial.map(FaceRating::form_value))
    };
    let radio = move |value: String, id: String, class: &'static str| {
        let checked_value = value.clone();
        view! {
            <input
                class=class
                type="radio"
                id=id
                name=name
                value=value
                checked=move || chosen().as_deref() == Some(checked_value.as_str())
            />
        }
    };
    view! {
        <div class="field" class:field--error=move || error.get().is_some()>
            <fieldset class="fieldset" aria-describedby=move || described_by(name, has_hint, error.get().is_some())>
                <legend class="legend legend--heading">
                    {caption.map(|caption| view! { <span class="caption">{caption}</span> })}
                    <h1>{question}</h1>
                </legend>
                {hint.map(|hint| view! { <p class="hint" id=format!("{name}-hint")>{hint}</p> })}
                {move || view! { <FieldError name message=error.get()/> }}
                <div class="faces">
                    {FACES.into_iter().enumerate().map(|(index, (score, words))| {
                        // The first face carries the field's id, for the error summary's link.
                        let id = if index == 0 { name.to_string() } else { format!("{name}-{score}") };
                        view! {
                            <div class="face">
                                {radio(score.to_string(), id.clone(), "face__input")}
                                <label class="face__label" for=id><Face score/>{words}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
                <div class="radio">
                    {radio(NOT_SURE.to_string(), format!("{name}-{NOT_SURE}"), "radio__input")}
                    <label class="radio__label" for=format!("{name}-{NOT_SURE}")>"Not sure"</label>
                </div>
            </fieldset>
        </div>
    }
}
