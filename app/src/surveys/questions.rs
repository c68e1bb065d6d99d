//! A survey's questions, the answers they take, and which questions a
//! young person is shown (skip logic). Pure rules: no database, no clock.

use crate::domain::FaceRating;
use crate::forms::FieldErrors;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub const MAX_PROMPT_CHARS: usize = 300;
pub const MAX_HINT_CHARS: usize = 500;
pub const MAX_OPTION_CHARS: usize = 120;
pub const MAX_OPTIONS: usize = 12;
pub const MAX_SHORT_TEXT_CHARS: usize = 200;
pub const MAX_LONG_TEXT_CHARS: usize = 2000;

/// The field every question page has for "prefer not to say".
pub const PREFER_NOT_TO_SAY: &str = "prefer_not_to_say";

/// What sort of answer a question takes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum QuestionKind {
    SingleChoice {
        options: Vec<String>,
    },
    /// `other` adds an "Other" choice with a box to say what.
    MultipleChoice {
        options: Vec<String>,
        other: bool,
    },
    /// The five faces with words, and "not sure".
    FaceScale,
    YesNoNotSure,
    ShortText,
    LongText,
    /// The face scale once for each chosen promise.
    PromiseRating {
        promise_ids: Vec<i64>,
    },
}

impl QuestionKind {
    /// Questions whose answers include "Not sure": that is their one way
    /// not to answer, so they do not offer "Prefer not to say" as well.
    pub fn offers_not_sure(&self) -> bool {
        matches!(self, QuestionKind::FaceScale | QuestionKind::YesNoNotSure)
    }

    /// The field a message about the whole answer goes beside.
    pub fn first_field(&self) -> String {
        match self {
            QuestionKind::PromiseRating { promise_ids } => {
                promise_field(promise_ids.first().copied().unwrap_or_default())
            }
            _ => "answer".to_string(),
        }
    }

    /// The names officers choose from, in the order they are offered.
    pub const NAMES: [(&'static str, &'static str); 7] = [
        ("single_choice", "Choose one"),
        ("multiple_choice", "Choose any"),
        ("face_scale", "Faces (1 to 5)"),
        ("yes_no", "Yes, no or not sure"),
        ("short_text", "Short text"),
        ("long_text", "Long text"),
        ("promise_rating", "Rate promises"),
    ];

    pub fn name(&self) -> &'static str {
        match self {
            QuestionKind::SingleChoice { .. } => "single_choice",
            QuestionKind::MultipleChoice { .. } => "multiple_choice",
            QuestionKind::FaceScale => "face_scale",
            QuestionKind::YesNoNotSure => "yes_no",
            QuestionKind::ShortText => "short_text",
            QuestionKind::LongText => "long_text",
            QuestionKind::PromiseRating { .. } => "promise_rating",
        }
    }

    pub fn label(&self) -> &'static str {
        let name = self.name();
        Self::NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("", |(_, label)| label)
    }

    /// The values an answer can match for skip logic, with their words.
    pub fn matchable_answers(&self) -> Vec<(String, String)> {
        match self {
            QuestionKind::SingleChoice { options }
            | QuestionKind::MultipleChoice { options, .. } => {
                options.iter().map(|o| (o.clone(), o.clone())).collect()
            }
            QuestionKind::YesNoNotSure => YES_NO
                .iter()
                .map(|(value, words)| (value.to_string(), words.to_string()))
                .collect(),
            QuestionKind::FaceScale => crate::domain::face_scale::FACES
                .iter()
                .map(|(score, words)| (score.to_string(), words.to_string()))
                .collect(),
            _ => Vec::new(),
        }
    }
}

pub const YES_NO: [(&str, &str); 3] = [("yes", "Yes"), ("no", "No"), ("not_sure", "Not sure")];

/// Show a question only when an earlier one was answered this way.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShowIf {
    pub question_id: u32,
    pub answer: String,
}

/// One question. Its id stays the same when the survey is edited, so a
/// new version's results can be set beside the old.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub id: u32,
    pub prompt: String,
    pub hint: String,
    pub kind: QuestionKind,
    pub required: bool,
    pub show_if: Option<ShowIf>,
}

/// One answer as it is stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "answer", rename_all = "snake_case")]
pub enum Answer {
    PreferNotToSay,
    /// An optional question left blank.
    Skipped,
    Choice {
        value: String,
    },
    Choices {
        chosen: Vec<String>,
        other: Option<String>,
    },
    Face {
        rating: FaceRating,
    },
    Text {
        text: String,
    },
    Promises {
        ratings: Vec<(i64, FaceRating)>,
    },
}

impl Answer {
    /// What the young person wrote in their own words, if anything.
    pub fn written_words(&self) -> Option<&str> {
        self.writing().map(|(_, words)| words)
    }

    /// The field they wrote in (for a message beside it) and the words.
    pub fn writing(&self) -> Option<(&'static str, &str)> {
        match self {
            Answer::Text { text } => Some(("answer", text)),
            Answer::Choices {
                other: Some(other), ..
            } => Some(("other", other)),
            _ => None,
        }
    }

    /// Whether this answer satisfies a skip-logic condition.
    pub fn matches(&self, wanted: &str) -> bool {
        match self {
            Answer::Choice { value } => value == wanted,
            Answer::Choices { chosen, .. } => chosen.iter().any(|c| c == wanted),
            Answer::Face { rating } => {
                rating.score().map(|s| s.to_string()).as_deref() == Some(wanted)
            }
            _ => false,
        }
    }
}

/// What an officer typed for a question, before it is checked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionInput {
    pub kind: String,
    pub prompt: String,
    pub hint: String,
    /// Choices, one per line.
    pub options: String,
    pub other: bool,
    pub required: bool,
    pub promise_ids: Vec<String>,
    /// "question id=answer", or empty for always shown.
    pub show_if: String,
}

/// Checks a question. `earlier` are the questions before it (the only ones
/// skip logic may look at); `promises` the promises that can be rated.
pub fn parse_question(
    input: &QuestionInput,
    id: u32,
    earlier: &[Question],
    promises: &[i64],
) -> Result<Question, FieldErrors> {
    let mut errors = FieldErrors::default();
    let prompt = errors.text(
        "prompt",
        &input.prompt,
        MAX_PROMPT_CHARS,
        Some("Enter the question"),
    );
    let hint = errors.text("hint", &input.hint, MAX_HINT_CHARS, None);
    let kind = match input.kind.as_str() {
        "single_choice" | "multiple_choice" => {
            let options = parse_options(&input.options, &mut errors);
            if input.kind == "single_choice" {
                Some(QuestionKind::SingleChoice { options })
            } else {
                Some(QuestionKind::MultipleChoice {
                    options,
                    other: input.other,
                })
            }
        }
        "face_scale" => Some(QuestionKind::FaceScale),
        "yes_no" => Some(QuestionKind::YesNoNotSure),
        "short_text" => Some(QuestionKind::ShortText),
        "long_text" => Some(QuestionKind::LongText),
        "promise_rating" => {
            let chosen: Vec<i64> = input
                .promise_ids
                .iter()
                .filter_map(|id| id.parse().ok())
                .filter(|id| promises.contains(id))
                .collect();
            if chosen.is_empty() || chosen.len() != input.promise_ids.len() {
                errors.add("promise_ids", "Choose the promises to ask about");
            }
            Some(QuestionKind::PromiseRating {
                promise_ids: chosen,
            })
        }
        _ => {
            errors.add("kind", "Choose the kind of question");
            None
        }
    };
    let show_if = parse_show_if(&input.show_if, earlier, &mut errors);
    match kind {
        Some(kind) if errors.is_empty() => Ok(Question {
            id,
            prompt,
            hint,
            kind,
            required: input.required,
            show_if,
        }),
        _ => Err(errors),
    }
}

fn parse_options(text: &str, errors: &mut FieldErrors) -> Vec<String> {
    let options: Vec<String> = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_string)
        .collect();
    if options.len() < 2 {
        errors.add("options", "Enter at least two choices, one on each line");
    } else if options.len() > MAX_OPTIONS {
        errors.add("options", format!("Enter {MAX_OPTIONS} choices or fewer"));
    } else if options.iter().any(|o| o.chars().count() > MAX_OPTION_CHARS) {
        errors.add(
            "options",
            format!("Keep each choice to {MAX_OPTION_CHARS} characters or fewer"),
        );
    } else if (1..options.len()).any(|i| options[..i].contains(&options[i])) {
        errors.add("options", "Each choice must be different");
    }
    options
}

fn parse_show_if(text: &str, earlier: &[Question], errors: &mut FieldErrors) -> Option<ShowIf> {
    if text.trim().is_empty() {
        return None;
    }
    let condition = text.split_once('=').and_then(|(id, answer)| {
        let id: u32 = id.trim().parse().ok()?;
        let question = earlier.iter().find(|q| q.id == id)?;
        question
            .kind
            .matchable_answers()
            .iter()
            .any(|(value, _)| value == answer)
            .then(|| ShowIf {
                question_id: id,
                answer: answer.to_string(),
            })
    });
    if condition.is_none() {
        errors.add(
            "show_if",
            "Choose an answer to an earlier question, or always show it",
        );
    }
    condition
}

/// The fields of one question's page, as sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerFields {
    /// One choice, a face, yes/no/not sure, or text.
    #[serde(default)]
    pub answer: Option<String>,
    /// Multiple choice (`answers[]`).
    #[serde(default)]
    pub answers: Vec<String>,
    #[serde(default)]
    pub other: Option<String>,
    /// A promise block: a face for each promise id (`ratings[2]`).
    #[serde(default)]
    pub ratings: HashMap<String, String>,
    #[serde(default)]
    pub prefer_not_to_say: Option<String>,
}

impl AnswerFields {
    /// Whether anything was chosen or written.
    fn hold_an_answer(&self) -> bool {
        let written =
            |value: &Option<String>| value.as_deref().is_some_and(|v| !v.trim().is_empty());
        written(&self.answer)
            || written(&self.other)
            || !self.answers.is_empty()
            || self
                .ratings
                .values()
                .any(|rating| !rating.trim().is_empty())
    }
}

/// The field (and first input's id) a promise's faces use in a promise block.
pub fn promise_field(promise_id: i64) -> String {
    format!("promise_{promise_id}")
}

/// Reads one question's page. A required question must be answered, or
/// "prefer not to say" ticked; an optional one left blank is `Skipped`.
pub fn parse_answer(question: &Question, fields: &AnswerFields) -> Result<Answer, FieldErrors> {
    let mut errors = FieldErrors::default();
    if fields
        .prefer_not_to_say
        .as_deref()
        .is_some_and(|v| !v.is_empty())
    {
        // An answer and "prefer not to say" together: which they meant is
        // theirs to say, not ours to guess.
        if fields.hold_an_answer() {
            errors.add(
                &question.kind.first_field(),
                "Choose an answer or “Prefer not to say”, not both",
            );
            return Err(errors);
        }
        return Ok(Answer::PreferNotToSay);
    }
    let answer_text = fields
        .answer
        .as_deref()
        .unwrap_or_default()
        .trim()
        .to_string();
    let answer = match &question.kind {
        QuestionKind::SingleChoice { options } => one_of(
            answer_text,
            options.iter().map(String::as_str),
            "Choose one of the answers",
            &mut errors,
        ),
        QuestionKind::YesNoNotSure => one_of(
            answer_text,
            YES_NO.iter().map(|(v, _)| *v),
            "Choose yes, no or not sure",
            &mut errors,
        ),
        QuestionKind::MultipleChoice { options, other } => {
            let chosen = fields.answers.clone();
            let other_text = fields
                .other
                .as_deref()
                .unwrap_or_default()
                .trim()
                .to_string();
            if chosen.iter().any(|c| !options.contains(c)) || (!*other && !other_text.is_empty()) {
                errors.add("answer", "Choose from the answers given");
            }
            if other_text.chars().count() > MAX_SHORT_TEXT_CHARS {
                errors.add(
                    "other",
                    format!("Write {MAX_SHORT_TEXT_CHARS} characters or fewer"),
                );
            }
            (!chosen.is_empty() || !other_text.is_empty()).then(|| Answer::Choices {
                chosen,
                other: (!other_text.is_empty()).then_some(other_text),
            })
        }
        QuestionKind::FaceScale => (!answer_text.is_empty())
            .then(|| errors.check("answer", FaceRating::parse(Some(&answer_text))))
            .flatten()
            .map(|rating| Answer::Face { rating }),
        QuestionKind::ShortText | QuestionKind::LongText => {
            let max = if question.kind == QuestionKind::ShortText {
                MAX_SHORT_TEXT_CHARS
            } else {
                MAX_LONG_TEXT_CHARS
            };
            let text = errors.text("answer", &answer_text, max, None);
            (!text.is_empty()).then_some(Answer::Text { text })
        }
        QuestionKind::PromiseRating { promise_ids } => {
            let mut ratings = Vec::new();
            for id in promise_ids {
                let value = fields
                    .ratings
                    .get(&id.to_string())
                    .map(|v| v.trim())
                    .unwrap_or_default();
                if !value.is_empty() {
                    if let Some(rating) =
                        errors.check(&promise_field(*id), FaceRating::parse(Some(value)))
                    {
                        ratings.push((*id, rating));
                    }
                }
            }
            // A required block, once started, is finished: one face per promise.
            if question.required && !ratings.is_empty() && ratings.len() < promise_ids.len() {
                for id in promise_ids
                    .iter()
                    .filter(|id| !ratings.iter().any(|(rated, _)| rated == *id))
                {
                    errors.add(&promise_field(*id), "Choose a face, or choose Not sure");
                }
            }
            (!ratings.is_empty()).then_some(Answer::Promises { ratings })
        }
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    match answer {
        Some(answer) => Ok(answer),
        None if question.required => {
            let message = if question.kind.offers_not_sure() {
                "Choose an answer, or choose “Not sure”"
            } else {
                "Answer the question, or tick “Prefer not to say”"
            };
            errors.add(&question.kind.first_field(), message);
            Err(errors)
        }
        None => Ok(Answer::Skipped),
    }
}

/// A single answer that must be one of `allowed`; blank is `None`.
fn one_of<'a>(
    value: String,
    mut allowed: impl Iterator<Item = &'a str>,
    wrong: &str,
    errors: &mut FieldErrors,
) -> Option<Answer> {
    if value.is_empty() {
        None
    } else if allowed.any(|a| a == value) {
        Some(Answer::Choice { value })
    } else {
        errors.add("answer", wrong);
        None
    }
}

/// The questions this person is shown, given their answers so far: a
/// question with a condition shows only when the earlier answer matches.
pub fn shown<'q>(questions: &'q [Question], answers: &HashMap<u32, Answer>) -> Vec<&'q Question> {
    questions
        .iter()
        .filter(|question| match &question.show_if {
            None => true,
            Some(condition) => answers
                .get(&condition.question_id)
                .is_some_and(|answer| answer.matches(&condition.answer)),
        })
        .collect()
}

/// Where someone coming back carries on: the first question shown to them
/// that they have not answered, or `None` when only checking is left.
pub fn resume_at(questions: &[Question], answers: &HashMap<u32, Answer>) -> Option<u32> {
    shown(questions, answers)
        .into_iter()
        .find(|question| !answers.contains_key(&question.id))
        .map(|question| question.id)
}

/// The questions this person is shown, and where `current` is among them.
fn shown_around<'q>(
    questions: &'q [Question],
    answers: &HashMap<u32, Answer>,
    current: u32,
) -> Option<(Vec<&'q Question>, usize)> {
    let shown = shown(questions, answers);
    let position = shown.iter().position(|q| q.id == current)?;
    Some((shown, position))
}

/// The question after `current` for this person, or `None` for the check page.
pub fn next_after(
    questions: &[Question],
    answers: &HashMap<u32, Answer>,
    current: u32,
) -> Option<u32> {
    let (shown, position) = shown_around(questions, answers, current)?;
    shown.get(position + 1).map(|q| q.id)
}

/// The question before `current` for this person (the back link).
pub fn previous_before(
    questions: &[Question],
    answers: &HashMap<u32, Answer>,
    current: u32,
) -> Option<u32> {
    let (shown, position) = shown_around(questions, answers, current)?;
    position.checked_sub(1).map(|p| shown[p].id)
}

/// "Question 2 of 7", counting only the questions this person is shown.
pub fn progress(
    questions: &[Question],
    answers: &HashMap<u32, Answer>,
    current: u32,
) -> Option<(usize, usize)> {
    let (shown, position) = shown_around(questions, answers, current)?;
    Some((position + 1, shown.len()))
}

/// The answers that count for a submitted response: answers to questions
/// the person was not shown in the end (they changed an earlier answer)
/// are left out.
pub fn answers_that_count(
    questions: &[Question],
    answers: &HashMap<u32, Answer>,
) -> HashMap<u32, Answer> {
    shown(questions, answers)
        .into_iter()
        .filter_map(|question| answers.get(&question.id).map(|a| (question.id, a.clone())))
        .collect()
}

/// Whether every question shown has an answer, so the response can be sent.
pub fn is_complete(questions: &[Question], answers: &HashMap<u32, Answer>) -> bool {
    resume_at(questions, answers).is_none()
}

/// "Shown only if the answer to question 1 is “Yes”", for a question with
/// skip logic (numbered by position in `questions`).
pub fn describe_condition(questions: &[Question], question: &Question) -> Option<String> {
    let condition = question.show_if.as_ref()?;
    let earlier = questions
        .iter()
        .position(|q| q.id == condition.question_id)?;
    let words = questions[earlier]
        .kind
        .matchable_answers()
        .into_iter()
        .find(|(value, _)| *value == condition.answer)
        .map_or_else(|| condition.answer.clone(), |(_, words)| words);
    Some(format!(
        "Shown only if the answer to question {} is “{words}”",
        earlier + 1
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(id: u32, kind: QuestionKind, required: bool, show_if: Option<ShowIf>) -> Question {
        Question {
            id,
            prompt: format!("Question {id}"),
            hint: String::new(),
            kind,
            required,
            show_if,
        }
    }

    fn answer(value: &str) -> AnswerFields {
        AnswerFields {
            answer: Some(value.into()),
            ..Default::default()
        }
    }

    fn choice(options: &[&str]) -> QuestionKind {
        QuestionKind::SingleChoice {
            options: options.iter().map(|o| o.to_string()).collect(),
        }
    }

    #[test]
    fn choice_questions_need_two_different_choices() {
        let mut input = QuestionInput {
            kind: "single_choice".into(),
            prompt: "Where do you live?".into(),
            options: "Foster care\n\n   ".into(),
            ..Default::default()
        };
        let errors = parse_question(&input, 1, &[], &[]).unwrap_err();
        assert_eq!(
            errors.get("options"),
            Some("Enter at least two choices, one on each line")
        );
        input.options = "Foster care\nFoster care\nChildren's home".into();
        assert_eq!(
            parse_question(&input, 1, &[], &[])
                .unwrap_err()
                .get("options"),
            Some("Each choice must be different")
        );
        input.options = "Foster care\nChildren's home\n".into();
        let parsed = parse_question(&input, 1, &[], &[]).unwrap();
        assert_eq!(parsed.kind, choice(&["Foster care", "Children's home"]));
    }

    #[test]
    fn a_question_needs_words_and_a_kind() {
        let errors = parse_question(&QuestionInput::default(), 1, &[], &[]).unwrap_err();
        assert_eq!(errors.get("prompt"), Some("Enter the question"));
        assert_eq!(errors.get("kind"), Some("Choose the kind of question"));
    }

    #[test]
    fn promise_blocks_ask_about_promises_that_exist() {
        let mut input = QuestionInput {
            kind: "promise_rating".into(),
            prompt: "How are we doing?".into(),
            promise_ids: vec!["2".into(), "99".into()],
            ..Default::default()
        };
        assert!(parse_question(&input, 1, &[], &[1, 2, 3])
            .unwrap_err()
            .get("promise_ids")
            .is_some());
        input.promise_ids = vec!["2".into(), "3".into()];
        assert_eq!(
            parse_question(&input, 1, &[], &[1, 2, 3]).unwrap().kind,
            QuestionKind::PromiseRating {
                promise_ids: vec![2, 3]
            }
        );
    }

    #[test]
    fn skip_logic_may_only_look_back_at_answers_that_exist() {
        let earlier = [question(1, QuestionKind::YesNoNotSure, true, None)];
        let mut input = QuestionInput {
            kind: "long_text".into(),
            prompt: "Tell us more".into(),
            show_if: "1=maybe".into(),
            ..Default::default()
        };
        assert!(parse_question(&input, 2, &earlier, &[])
            .unwrap_err()
            .get("show_if")
            .is_some());
        input.show_if = "7=yes".into();
        assert!(parse_question(&input, 2, &earlier, &[]).is_err());
        input.show_if = "1=yes".into();
        assert_eq!(
            parse_question(&input, 2, &earlier, &[]).unwrap().show_if,
            Some(ShowIf {
                question_id: 1,
                answer: "yes".into()
            })
        );
    }

    #[test]
    fn a_required_question_needs_an_answer_or_prefer_not_to_say() {
        let q = question(1, choice(&["Red", "Blue"]), true, None);
        assert_eq!(
            parse_answer(&q, &AnswerFields::default())
                .unwrap_err()
                .get("answer"),
            Some("Answer the question, or tick “Prefer not to say”")
        );
        let declined = AnswerFields {
            prefer_not_to_say: Some("yes".into()),
            ..Default::default()
        };
        assert_eq!(parse_answer(&q, &declined), Ok(Answer::PreferNotToSay));
        assert_eq!(
            parse_answer(&q, &answer("Blue")),
            Ok(Answer::Choice {
                value: "Blue".into()
            })
        );
        assert!(parse_answer(&q, &answer("Green")).is_err());
        let optional = question(2, QuestionKind::ShortText, false, None);
        assert_eq!(parse_answer(&optional, &answer("  ")), Ok(Answer::Skipped));
    }

    #[test]
    fn an_answer_and_prefer_not_to_say_together_is_asked_about_not_guessed() {
        let both = AnswerFields {
            prefer_not_to_say: Some("yes".into()),
            ..answer("Blue")
        };
        let q = question(1, choice(&["Red", "Blue"]), true, None);
        assert_eq!(
            parse_answer(&q, &both).unwrap_err().get("answer"),
            Some("Choose an answer or “Prefer not to say”, not both")
        );
        let block = question(
            2,
            QuestionKind::PromiseRating {
                promise_ids: vec![4, 5],
            },
            true,
            None,
        );
        let mut rated = AnswerFields {
            prefer_not_to_say: Some("yes".into()),
            ..Default::default()
        };
        rated.ratings.insert("5".into(), "3".into());
        assert!(parse_answer(&block, &rated)
            .unwrap_err()
            .get("promise_4")
            .is_some());
        let blank_words = AnswerFields {
            prefer_not_to_say: Some("yes".into()),
            ..answer("   ")
        };
        let text = question(3, QuestionKind::LongText, true, None);
        assert_eq!(
            parse_answer(&text, &blank_words),
            Ok(Answer::PreferNotToSay)
        );
    }

    #[test]
    fn a_question_with_not_sure_asks_for_it_rather_than_prefer_not_to_say() {
        for kind in [QuestionKind::FaceScale, QuestionKind::YesNoNotSure] {
            assert!(kind.offers_not_sure());
            let q = question(1, kind, true, None);
            assert_eq!(
                parse_answer(&q, &AnswerFields::default())
                    .unwrap_err()
                    .get("answer"),
                Some("Choose an answer, or choose “Not sure”")
            );
        }
        assert!(!QuestionKind::LongText.offers_not_sure());
    }

    #[test]
    fn multiple_choice_takes_several_and_other_only_when_offered() {
        let options = vec!["Sport".to_string(), "Music".to_string()];
        let q = question(
            1,
            QuestionKind::MultipleChoice {
                options: options.clone(),
                other: true,
            },
            true,
            None,
        );
        let fields = AnswerFields {
            answers: options.clone(),
            other: Some("Chess".into()),
            ..Default::default()
        };
        assert_eq!(
            parse_answer(&q, &fields),
            Ok(Answer::Choices {
                chosen: options.clone(),
                other: Some("Chess".into())
            })
        );
        let no_other = question(
            1,
            QuestionKind::MultipleChoice {
                options,
                other: false,
            },
            true,
            None,
        );
        assert!(parse_answer(&no_other, &fields).is_err());
        let made_up = AnswerFields {
            answers: vec!["Darts".into()],
            ..Default::default()
        };
        assert!(parse_answer(&q, &made_up).is_err());
    }

    #[test]
    fn text_answers_have_a_length_limit() {
        let q = question(1, QuestionKind::ShortText, true, None);
        let long = "a".repeat(MAX_SHORT_TEXT_CHARS + 1);
        assert!(parse_answer(&q, &answer(&long)).is_err());
        assert_eq!(
            parse_answer(&q, &answer(" hi ")),
            Ok(Answer::Text { text: "hi".into() })
        );
    }

    #[test]
    fn promise_blocks_need_every_promise_once_started() {
        let q = question(
            1,
            QuestionKind::PromiseRating {
                promise_ids: vec![2, 5],
            },
            true,
            None,
        );
        let mut fields = AnswerFields::default();
        fields.ratings.insert("2".into(), "4".into());
        let errors = parse_answer(&q, &fields).unwrap_err();
        assert!(errors.get("promise_5").is_some());
        fields.ratings.insert("5".into(), "not_sure".into());
        assert_eq!(
            parse_answer(&q, &fields),
            Ok(Answer::Promises {
                ratings: vec![(2, FaceRating::Score(4)), (5, FaceRating::NotSure)]
            })
        );
    }

    #[test]
    fn skip_logic_shows_follow_ups_only_after_a_matching_answer() {
        let questions = vec![
            question(1, QuestionKind::YesNoNotSure, true, None),
            question(
                2,
                QuestionKind::LongText,
                false,
                Some(ShowIf {
                    question_id: 1,
                    answer: "yes".into(),
                }),
            ),
            question(3, QuestionKind::FaceScale, true, None),
        ];
        let mut answers = HashMap::new();
        assert_eq!(resume_at(&questions, &answers), Some(1));
        answers.insert(1, Answer::Choice { value: "no".into() });
        assert_eq!(next_after(&questions, &answers, 1), Some(3));
        assert_eq!(progress(&questions, &answers, 3), Some((2, 2)));
        answers.insert(
            1,
            Answer::Choice {
                value: "yes".into(),
            },
        );
        assert_eq!(next_after(&questions, &answers, 1), Some(2));
        assert_eq!(previous_before(&questions, &answers, 3), Some(2));
        assert_eq!(progress(&questions, &answers, 3), Some((3, 3)));
        answers.insert(
            2,
            Answer::Text {
                text: "More".into(),
            },
        );
        answers.insert(
            3,
            Answer::Face {
                rating: FaceRating::Score(2),
            },
        );
        assert!(is_complete(&questions, &answers));
        // Changing the first answer to "no" drops the follow-up from what counts.
        answers.insert(1, Answer::Choice { value: "no".into() });
        assert!(!answers_that_count(&questions, &answers).contains_key(&2));
        assert_eq!(answers_that_count(&questions, &answers).len(), 2);
    }

    #[test]
    fn a_condition_is_described_in_the_words_young_people_see() {
        let pet = question(1, QuestionKind::YesNoNotSure, true, None);
        let name = question(
            4,
            QuestionKind::ShortText,
            true,
            Some(ShowIf {
                question_id: 1,
                answer: "not_sure".into(),
            }),
        );
        let questions = vec![pet.clone(), name.clone()];
        assert_eq!(
            describe_condition(&questions, &name).as_deref(),
            Some("Shown only if the answer to question 1 is “Not sure”")
        );
        assert_eq!(describe_condition(&questions, &pet), None);
    }
}
