//! Counting answers that arrive already grouped: the database says how many
//! gave each distinct answer, and this turns those groups into a line per
//! option of the question (the same lines the survey results show).

use crate::domain::face_scale::FACES;
use crate::domain::FaceRating;
use crate::promises::Promise;
use crate::surveys::questions::{Answer, Question, QuestionKind, YES_NO};

/// A question's answers counted: a line per option, then "Prefer not to
/// say", and how many answered at all. `None` for written questions, which
/// the report quotes rather than counts.
pub struct CountedQuestion {
    pub lines: Vec<(String, u32)>,
    pub answered: u32,
}

pub fn count_answers(
    question: &Question,
    groups: &[(&Answer, u32)],
    promises: &[Promise],
) -> Option<CountedQuestion> {
    let total_where = |wanted: &dyn Fn(&Answer) -> bool| -> u32 {
        groups
            .iter()
            .filter(|(answer, _)| wanted(answer))
            .map(|(_, n)| n)
            .sum()
    };
    let faces = |rating_of: &dyn Fn(&Answer) -> Option<FaceRating>, prefix: &str| {
        FACES
            .iter()
            .map(|(score, words)| (FaceRating::Score(*score), format!("{prefix}{words}")))
            .chain(std::iter::once((
                FaceRating::NotSure,
                format!("{prefix}Not sure"),
            )))
            .map(|(rating, label)| (label, total_where(&|a| rating_of(a) == Some(rating))))
            .collect::<Vec<_>>()
    };
    let mut lines: Vec<(String, u32)> = match &question.kind {
        QuestionKind::ShortText | QuestionKind::LongText => return None,
        QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options, .. } => {
            let mut lines: Vec<(String, u32)> = options
                .iter()
                .map(|option| (option.clone(), total_where(&|a| a.matches(option))))
                .collect();
            if let QuestionKind::MultipleChoice { other: true, .. } = &question.kind {
                lines.push((
                    "Other".into(),
                    total_where(&|a| matches!(a, Answer::Choices { other: Some(_), .. })),
                ));
            }
            lines
        }
        QuestionKind::YesNoNotSure => YES_NO
            .iter()
            .map(|(value, words)| (words.to_string(), total_where(&|a| a.matches(value))))
            .collect(),
        QuestionKind::FaceScale => faces(
            &|a| match a {
                Answer::Face { rating } => Some(*rating),
                _ => None,
            },
            "",
        ),
        QuestionKind::PromiseRating { promise_ids } => promise_ids
            .iter()
            .flat_map(|id| {
                let position = promises
                    .iter()
                    .find(|p| p.id == *id)
                    .map_or(0, |p| p.position);
                faces(
                    &|a| match a {
                        Answer::Promises { ratings } => {
                            ratings.iter().find(|(p, _)| p == id).map(|(_, r)| *r)
                        }
                        _ => None,
                    },
                    &format!("Promise {position}: "),
                )
            })
            .collect(),
    };
    lines.push((
        "Prefer not to say".into(),
        total_where(&|a| *a == Answer::PreferNotToSay),
    ));
    Some(CountedQuestion {
        lines,
        answered: total_where(&|a| *a != Answer::Skipped),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(kind: QuestionKind) -> Question {
        Question {
            id: 1,
            prompt: "Which?".into(),
            hint: String::new(),
            kind,
            required: false,
            show_if: None,
        }
    }

    #[test]
    fn grouped_answers_add_up_per_option() {
        let poll = question(QuestionKind::MultipleChoice {
            options: vec!["Bowling".into(), "Cinema".into()],
            other: true,
        });
        let both = Answer::Choices {
            chosen: vec!["Bowling".into(), "Cinema".into()],
            other: None,
        };
        let bowling_and_other = Answer::Choices {
            chosen: vec!["Bowling".into()],
            other: Some("Ice skating".into()),
        };
        let groups = [
            (&both, 6),
            (&bowling_and_other, 2),
            (&Answer::PreferNotToSay, 3),
            (&Answer::Skipped, 9),
        ];
        let counted = count_answers(&poll, &groups, &[]).unwrap();
        assert_eq!(
            counted.lines,
            vec![
                ("Bowling".to_string(), 8),
                ("Cinema".to_string(), 6),
                ("Other".to_string(), 2),
                ("Prefer not to say".to_string(), 3)
            ]
        );
        assert_eq!(counted.answered, 11);
    }

    #[test]
    fn faces_count_not_sure_and_written_questions_are_not_counted() {
        let faces = question(QuestionKind::FaceScale);
        let four = Answer::Face {
            rating: FaceRating::Score(4),
        };
        let unsure = Answer::Face {
            rating: FaceRating::NotSure,
        };
        let counted = count_answers(&faces, &[(&four, 7), (&unsure, 1)], &[]).unwrap();
        assert_eq!(counted.lines[3].1, 7);
        assert_eq!(counted.lines[5], ("Not sure".to_string(), 1));
        assert!(count_answers(&question(QuestionKind::LongText), &[], &[]).is_none());
    }
}
