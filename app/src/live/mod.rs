//! Live sessions for forum meetings: a facilitator runs polls and promise
//! ratings, young people answer on their phones (anonymously unless they
//! join as themselves), and a projector shows the results as they come in,
//! once enough have answered that nobody's answer stands out.

pub mod facilitate;
pub mod forums;
pub mod phone;
pub mod projector;
pub mod results_view;
#[cfg(feature = "ssr")]
pub mod store;
pub mod updates;

use crate::domain::face_scale::FACES;
use crate::domain::stored_enum::stored_enum;
use crate::domain::{FaceRating, LiveSessionId};
use crate::promises::Promise;
use crate::surveys::questions::{Answer, Question, QuestionKind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

stored_enum! {
    /// Where a session has got to.
    pub enum SessionStatus as "session status" {
        Draft = "draft" => "Being prepared",
        Open = "open" => "Running",
        Closed = "closed" => "Finished",
    }
}

/// The question kinds a live activity can be (a subset of a survey's).
pub const ACTIVITY_KINDS: [(&str, &str); 5] = [
    ("single_choice", "Poll: choose one"),
    ("multiple_choice", "Poll: choose any"),
    ("face_scale", "Faces (1 to 5)"),
    ("short_text", "A word or short answer"),
    ("promise_rating", "Rate promises"),
];

/// One session as lists show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionSummary {
    pub id: LiveSessionId,
    pub forum: String,
    pub title: String,
    pub held_on: NaiveDate,
    pub status: SessionStatus,
    pub join_code: Option<String>,
    pub min_answers: i64,
}

/// One bar of a result: an answer and how many gave it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bar {
    pub label: String,
    pub count: i64,
}

/// What the projector shows for an activity.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Results {
    /// Not enough answers yet to show anything.
    Waiting { needed: i64 },
    /// A bar for each answer.
    Bars(Vec<Bar>),
    /// Bars for each promise rated.
    Promises(Vec<(String, Vec<Bar>)>),
    /// Written answers the facilitator has approved.
    Words(Vec<String>),
}

/// An activity with its answers counted, as the facilitator and projector see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityResults {
    pub id: i64,
    pub question: Question,
    pub answered: i64,
    pub results: Results,
}

/// A written answer waiting for the facilitator (never a flagged one).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrittenAnswer {
    pub answer_id: i64,
    pub words: String,
    pub approved: bool,
}

/// Counts an activity's answers. Nothing is shown until `min_answers` have
/// answered; written answers only once approved (`approved` holds those).
pub fn tally(
    question: &Question,
    answers: &[Answer],
    approved: &[String],
    promises: &[Promise],
    min_answers: i64,
) -> Results {
    let answered = i64::try_from(answers.len()).unwrap_or(i64::MAX);
    if answered < min_answers {
        return Results::Waiting {
            needed: min_answers,
        };
    }
    let count = |wanted: &dyn Fn(&Answer) -> bool| {
        i64::try_from(answers.iter().filter(|a| wanted(a)).count()).unwrap_or(0)
    };
    let choices = |options: &[String]| -> Vec<Bar> {
        options
            .iter()
            .map(|option| Bar {
                label: option.clone(),
                count: count(&|a: &Answer| a.matches(option)),
            })
            .collect()
    };
    match &question.kind {
        QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options, .. } => {
            Results::Bars(choices(options))
        }
        QuestionKind::YesNoNotSure => Results::Bars(
            crate::surveys::questions::YES_NO
                .iter()
                .map(|(value, words)| Bar {
                    label: words.to_string(),
                    count: count(&|a: &Answer| a.matches(value)),
                })
                .collect(),
        ),
        QuestionKind::FaceScale => {
            Results::Bars(face_bars(answers.iter().filter_map(|a| match a {
                Answer::Face { rating } => Some(*rating),
                _ => None,
            })))
        }
        QuestionKind::PromiseRating { promise_ids } => Results::Promises(
            promise_ids
                .iter()
                .map(|id| {
                    let label = promises
                        .iter()
                        .find(|p| p.id == *id)
                        .map_or_else(String::new, |p| {
                            format!("Promise {}: {}", p.position, p.wording)
                        });
                    let ratings = answers.iter().filter_map(|a| match a {
                        Answer::Promises { ratings } => {
                            ratings.iter().find(|(p, _)| p == id).map(|(_, r)| *r)
                        }
                        _ => None,
                    });
                    (label, face_bars(ratings))
                })
                .collect(),
        ),
        QuestionKind::ShortText | QuestionKind::LongText => Results::Words(approved.to_vec()),
    }
}

/// A bar for each face, then "not sure".
fn face_bars(ratings: impl Iterator<Item = FaceRating> + Clone) -> Vec<Bar> {
    let count = |wanted: FaceRating| {
        i64::try_from(ratings.clone().filter(|r| *r == wanted).count()).unwrap_or(0)
    };
    FACES
        .iter()
        .map(|(score, words)| Bar {
            label: words.to_string(),
            count: count(FaceRating::Score(*score)),
        })
        .chain(std::iter::once(Bar {
            label: "Not sure".into(),
            count: count(FaceRating::NotSure),
        }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(kind: QuestionKind) -> Question {
        Question {
            id: 1,
            prompt: "What next?".into(),
            hint: String::new(),
            kind,
            required: true,
            show_if: None,
        }
    }

    fn choice(value: &str) -> Answer {
        Answer::Choice {
            value: value.into(),
        }
    }

    #[test]
    fn nothing_shows_until_enough_have_answered() {
        let poll = question(QuestionKind::SingleChoice {
            options: vec!["Bowling".into(), "Cinema".into()],
        });
        let four = vec![choice("Bowling"); 4];
        assert_eq!(
            tally(&poll, &four, &[], &[], 5),
            Results::Waiting { needed: 5 }
        );
        let mut five = four.clone();
        five.push(choice("Cinema"));
        assert_eq!(
            tally(&poll, &five, &[], &[], 5),
            Results::Bars(vec![
                Bar {
                    label: "Bowling".into(),
                    count: 4
                },
                Bar {
                    label: "Cinema".into(),
                    count: 1
                },
            ])
        );
        // A session can ask for fewer before showing.
        assert!(matches!(tally(&poll, &four, &[], &[], 3), Results::Bars(_)));
    }

    #[test]
    fn choose_any_counts_every_choice() {
        let poll = question(QuestionKind::MultipleChoice {
            options: vec!["Art".into(), "Music".into()],
            other: false,
        });
        let answers = vec![
            Answer::Choices {
                chosen: vec!["Art".into(), "Music".into()],
                other: None,
            },
            Answer::Choices {
                chosen: vec!["Music".into()],
                other: None,
            },
        ];
        assert_eq!(
            tally(&poll, &answers, &[], &[], 1),
            Results::Bars(vec![
                Bar {
                    label: "Art".into(),
                    count: 1
                },
                Bar {
                    label: "Music".into(),
                    count: 2
                },
            ])
        );
    }

    #[test]
    fn promise_ratings_are_counted_per_promise_and_face() {
        let promise = Promise {
            id: 7,
            position: 2,
            wording: "We will listen".into(),
            easy_read: String::new(),
            retired: false,
        };
        let rating = question(QuestionKind::PromiseRating {
            promise_ids: vec![7],
        });
        let answers = vec![
            Answer::Promises {
                ratings: vec![(7, FaceRating::Score(5))],
            },
            Answer::Promises {
                ratings: vec![(7, FaceRating::NotSure)],
            },
            Answer::PreferNotToSay,
        ];
        let Results::Promises(per_promise) = tally(&rating, &answers, &[], &[promise], 3) else {
            panic!("promise results");
        };
        assert_eq!(per_promise[0].0, "Promise 2: We will listen");
        let counts: Vec<i64> = per_promise[0].1.iter().map(|b| b.count).collect();
        assert_eq!(counts, vec![0, 0, 0, 0, 1, 1]);
    }

    #[test]
    fn only_approved_words_are_shown() {
        let words = question(QuestionKind::ShortText);
        let answers = vec![
            Answer::Text {
                text: "pizza".into()
            };
            5
        ];
        assert_eq!(
            tally(&words, &answers, &["pizza".into()], &[], 5),
            Results::Words(vec!["pizza".into()])
        );
    }

    #[test]
    fn statuses_round_trip() {
        for status in [
            SessionStatus::Draft,
            SessionStatus::Open,
            SessionStatus::Closed,
        ] {
            assert_eq!(SessionStatus::parse(status.as_str()), Some(status));
        }
    }
}
