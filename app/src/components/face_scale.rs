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
/// page's question it is the page heading too (the GOV.UK question page),
/// else (one of several on a page) a second-level heading.
#[component]
pub fn FaceScaleField(
    form: FormView,
    /// The name the answer is sent as.
    #[prop(into)]
    name: String,
    /// The first face's id and the key of its error; the name if not given.
    #[prop(optional, into)]
    id: Option<String>,
    #[prop(into)] question: String,
    #[prop(optional, into)] caption: Option<String>,
    #[prop(optional, into)] hint: Option<String>,
    /// The answer to start with when nothing has been sent yet.
    initial: Option<FaceRating>,
    /// One of several on the page: its question is an `h2`.
    #[prop(optional)]
    one_of_several: bool,
) -> impl IntoView {
    let key = id.unwrap_or_else(|| name.clone());
    let error = {
        let key = key.clone();
        Memo::new(move |_| form.error(&key))
    };
    let has_hint = hint.is_some();
    let chosen = {
        let name = name.clone();
        move || {
            form.value(&name)
                .or_else(|| initial.map(FaceRating::form_value))
        }
    };
    let radio = {
        let name = name.clone();
        move |value: String, id: String, class: &'static str| {
            let checked_value = value.clone();
            let chosen = chosen.clone();
            view! {
                <input
                    class=class
                    type="radio"
                    id=id
                    name=name.clone()
                    value=value
                    checked=move || chosen().as_deref() == Some(checked_value.as_str())
                />
            }
        }
    };
    let described = {
        let key = key.clone();
        move || described_by(&key, has_hint, error.get().is_some())
    };
    let heading = if one_of_several {
        view! { <h2 class="legend__sub">{question}</h2> }.into_any()
    } else {
        view! { <h1>{question}</h1> }.into_any()
    };
    let (hint_id, error_key, not_sure_id) = (
        format!("{key}-hint"),
        key.clone(),
        format!("{key}-{NOT_SURE}"),
    );
    view! {
        <div class="field" class:field--error=move || error.get().is_some()>
            <fieldset class="fieldset" aria-describedby=described>
                <legend class="legend legend--heading">
                    {caption.map(|caption| view! { <span class="caption">{caption}</span> })}
                    {heading}
                </legend>
                {hint.map(|hint| view! { <p class="hint" id=hint_id>{hint}</p> })}
                {move || view! { <FieldError name=error_key.clone() message=error.get()/> }}
                <div class="faces">
                    {FACES.into_iter().enumerate().map(|(index, (score, words))| {
                        // The first face carries the field's id, for the error summary's link.
                        let id = if index == 0 { key.clone() } else { format!("{key}-{score}") };
                        view! {
                            <div class="face">
                                {radio(score.to_string(), id.clone(), "face__input")}
                                <label class="face__label" for=id><Face score/>{words}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
                <div class="radio">
                    {radio(NOT_SURE.to_string(), not_sure_id.clone(), "radio__input")}
                    <label class="radio__label" for=not_sure_id>"Not sure"</label>
                </div>
            </fieldset>
        </div>
    }
}
