//! Quotes for reports: words young people wrote (beside a promise rating, or
//! in a survey's written answer) that an officer approved, edited to take out
//! names. A quote keeps where it came from apart from who wrote it.

pub mod moderation;
#[cfg(feature = "ssr")]
pub mod store;

use crate::domain::harm_phrases::HarmPhrases;
use serde::{Deserialize, Serialize};

/// The longest approved quote.
pub const MAX_QUOTE_CHARS: usize = 1000;

/// Checks an approved quote: not empty, not too long.
pub fn parse_quote(quote: &str) -> Result<String, &'static str> {
    let quote = quote.trim();
    if quote.is_empty() {
        Err("Enter the words to quote")
    } else if quote.chars().count() > MAX_QUOTE_CHARS {
        Err("Write 1000 characters or fewer")
    } else {
        Ok(quote.to_string())
    }
}

/// Where some words came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuoteSource {
    /// A rating's "why?" (`why`) or "what would make it better?" (`better`).
    PromiseRating { rating_id: String, field: String },
    /// A survey answer: the text answer, or the "other" words of a choice.
    SurveyAnswer {
        response_id: String,
        question_id: u32,
        other: bool,
    },
}

const PROMISE_RATING: &str = "promise_rating";
const SURVEY_ANSWER: &str = "survey_answer";

impl QuoteSource {
    /// The kind, the row and the field, as `approved_quotes` keeps them.
    pub fn columns(&self) -> (&'static str, &str, String) {
        match self {
            QuoteSource::PromiseRating { rating_id, field } => {
                (PROMISE_RATING, rating_id, field.clone())
            }
            QuoteSource::SurveyAnswer {
                response_id,
                question_id,
                other,
            } => (
                SURVEY_ANSWER,
                response_id,
                if *other {
                    format!("{question_id}-other")
                } else {
                    question_id.to_string()
                },
            ),
        }
    }

    /// The source as one form field: kind, row and field joined by `/`.
    pub fn key(&self) -> String {
        let (kind, id, field) = self.columns();
        format!("{kind}/{id}/{field}")
    }

    /// Reads a form field made by [`QuoteSource::key`]; `None` for anything else.
    pub fn parse(key: &str) -> Option<QuoteSource> {
        let mut parts = key.split('/');
        let (kind, id, field) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || id.is_empty() {
            return None;
        }
        match kind {
            PROMISE_RATING if matches!(field, "why" | "better") => {
                Some(QuoteSource::PromiseRating {
                    rating_id: id.into(),
                    field: field.into(),
                })
            }
            SURVEY_ANSWER => {
                let (number, other) = match field.strip_suffix("-other") {
                    Some(number) => (number, true),
                    None => (field, false),
                };
                Some(QuoteSource::SurveyAnswer {
                    response_id: id.into(),
                    question_id: number.parse().ok()?,
                    other,
                })
            }
            _ => None,
        }
    }

    /// The id of the quote field in the moderation form (letters, digits and dashes).
    pub fn field_id(&self) -> String {
        let key: String = self
            .key()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        format!("quote-{key}")
    }
}

/// Words a young person wrote, for an officer to read and perhaps quote.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Writing {
    pub source: QuoteSource,
    /// What the words answer, e.g. "Promise 3 · Why they chose that".
    pub context: String,
    pub text: String,
    /// The approved (possibly edited) quote, once approved.
    pub approved: Option<String>,
    /// An officer read it and chose not to quote it.
    pub dismissed: bool,
}

/// Leaves out writing that suggests harm. It belongs to the duty advocate
/// (the one safety check flagged it for them when it was written), never to
/// an officer's list of words to quote. The same check decides here, so
/// writing saved before a place was checked is left out too.
pub fn leave_out_harm(writing: &mut Vec<Writing>, phrases: &HarmPhrases) {
    writing.retain(|writing| phrases.find(&writing.text).is_none());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writing_that_suggests_harm_is_left_out() {
        let writing = |text: &str| Writing {
            source: QuoteSource::PromiseRating {
                rating_id: "r1".into(),
                field: "why".into(),
            },
            context: "Promise 1".into(),
            text: text.into(),
            approved: None,
            dismissed: false,
        };
        let mut list = vec![writing("I want to die"), writing("My carer listens")];
        leave_out_harm(&mut list, &HarmPhrases::new(["want to die"]));
        assert_eq!(list, vec![writing("My carer listens")]);
    }

    #[test]
    fn quotes_must_have_words_and_not_too_many() {
        assert_eq!(parse_quote("  kind carer "), Ok("kind carer".into()));
        assert!(parse_quote("  ").is_err());
        assert!(parse_quote(&"x".repeat(MAX_QUOTE_CHARS + 1)).is_err());
    }

    #[test]
    fn a_source_survives_the_form_and_nothing_else_passes_for_one() {
        for source in [
            QuoteSource::PromiseRating {
                rating_id: "r1".into(),
                field: "better".into(),
            },
            QuoteSource::SurveyAnswer {
                response_id: "abc".into(),
                question_id: 4,
                other: true,
            },
            QuoteSource::SurveyAnswer {
                response_id: "abc".into(),
                question_id: 12,
                other: false,
            },
        ] {
            assert_eq!(QuoteSource::parse(&source.key()), Some(source));
        }
        for wrong in [
            "",
            "promise_rating/r1/name",
            "promise_rating//why",
            "survey_answer/abc/x",
            "survey_answer/abc/1/2",
            "account/abc/why",
        ] {
            assert_eq!(QuoteSource::parse(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn field_ids_are_safe_in_html_and_css() {
        let source = QuoteSource::SurveyAnswer {
            response_id: "a_B9".into(),
            question_id: 2,
            other: true,
        };
        assert_eq!(source.field_id(), "quote-survey-answer-a-B9-2-other");
    }
}
