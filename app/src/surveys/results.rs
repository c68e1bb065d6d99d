//! Results for officers: per survey and version, who answered (by cohort
//! and age band), counts and percentages per answer, the faces' spread and
//! mean, and the written answers for moderation. Counts from 1 to 4 are
//! shown as "fewer than 5". The tallying is pure; the CSV is made from it.

use super::questions::{Answer, Question, QuestionKind, YES_NO};
use crate::domain::face_scale::FACES;
use crate::domain::suppression::{suppress_cells, Shown};
use crate::domain::{AgeBand, Cohort, SurveyId};
use crate::errors::VoiceError;
use crate::promises::Promise;
use crate::quotes::{QuoteSource, Writing};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One sent response, as the tally needs it.
#[derive(Clone, Debug, PartialEq)]
pub struct SentResponse {
    pub response_id: String,
    pub cohort: Option<Cohort>,
    pub age_band: Option<AgeBand>,
    pub answers: HashMap<u32, Answer>,
}

/// One line of a question's results.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultRow {
    pub answer: String,
    pub count: Shown,
    pub percent: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuestionResult {
    pub question_id: u32,
    pub number: usize,
    pub prompt: String,
    /// How many answered it (prefer-not-to-say included).
    pub answered: u32,
    pub rows: Vec<ResultRow>,
    /// For faces: the mean score of those who chose a face, when at least 5 did.
    pub mean: Option<f64>,
    /// What they wrote, to read and perhaps quote: on the results page,
    /// the first few, or one page of them when they are being read.
    pub written: Vec<Writing>,
    /// How many wrote something (that an officer may read).
    pub written_total: usize,
    /// The way through the written answers, when they are being read.
    pub written_pages: Option<crate::domain::paging::PageLinks>,
}

/// How many written answers a question shows among the results; the rest
/// are read a page at a time.
pub const WRITTEN_PREVIEW: usize = 5;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tally {
    /// How many sent responses ("fewer than 5" when small, like every count).
    pub responses: Shown,
    /// Responses by group: each age band, then "anonymous link".
    pub groups: Vec<ResultRow>,
    pub questions: Vec<QuestionResult>,
}

/// The rows of one breakdown, suppressed together and as shares of `total`.
fn rows(labels: Vec<String>, counts: &[u32], total: u32) -> Vec<ResultRow> {
    let total = Shown::of(total);
    labels
        .into_iter()
        .zip(suppress_cells(counts))
        .map(|(answer, count)| ResultRow {
            answer,
            count,
            percent: count.percent_of(total),
        })
        .collect()
}

/// Tallies one version's sent responses.
pub fn tally(questions: &[Question], respondents: &[SentResponse], promises: &[Promise]) -> Tally {
    let responses = respondents.len() as u32;
    let mut group_labels: Vec<String> =
        AgeBand::ALL.iter().map(|b| b.label().to_string()).collect();
    group_labels.push("Through an anonymous link".into());
    let group_counts: Vec<u32> = AgeBand::ALL
        .iter()
        .map(|band| {
            respondents
                .iter()
                .filter(|r| r.age_band == Some(*band))
                .count() as u32
        })
        .chain(std::iter::once(
            respondents.iter().filter(|r| r.age_band.is_none()).count() as u32,
        ))
        .collect();
    Tally {
        responses: Shown::of(responses),
        groups: rows(group_labels, &group_counts, responses),
        questions: questions
            .iter()
            .enumerate()
            .map(|(index, question)| tally_question(index + 1, question, respondents, promises))
            .collect(),
    }
}

fn tally_question(
    number: usize,
    question: &Question,
    respondents: &[SentResponse],
    promises: &[Promise],
) -> QuestionResult {
    let answers: Vec<(&str, &Answer)> = respondents
        .iter()
        .filter_map(|r| {
            r.answers
                .get(&question.id)
                .map(|a| (r.response_id.as_str(), a))
        })
        .collect();
    let answered = answers
        .iter()
        .filter(|(_, a)| **a != Answer::Skipped)
        .count() as u32;
    let declined = answers
        .iter()
        .filter(|(_, a)| **a == Answer::PreferNotToSay)
        .count() as u32;
    let count_where = |matches: &dyn Fn(&Answer) -> bool| {
        answers.iter().filter(|(_, a)| matches(a)).count() as u32
    };
    let mut labels: Vec<String> = Vec::new();
    let mut counts: Vec<u32> = Vec::new();
    let mut mean = None;
    let mut written = Vec::new();
    match &question.kind {
        QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options, .. } => {
            for option in options {
                labels.push(option.clone());
                counts.push(count_where(&|a| a.matches(option)));
            }
            if let QuestionKind::MultipleChoice { other: true, .. } = &question.kind {
                labels.push("Other".into());
                counts.push(count_where(&|a| {
                    matches!(a, Answer::Choices { other: Some(_), .. })
                }));
                written = answers
                    .iter()
                    .filter_map(|(id, a)| match a {
                        Answer::Choices {
                            other: Some(text), ..
                        } => Some(writing(id, question, number, true, text)),
                        _ => None,
                    })
                    .collect();
            }
        }
        QuestionKind::YesNoNotSure => {
            for (value, words) in YES_NO {
                labels.push(words.to_string());
                counts.push(count_where(&|a| a.matches(value)));
            }
        }
        QuestionKind::FaceScale => {
            let scores: Vec<u8> = answers
                .iter()
                .filter_map(|(_, a)| match a {
                    Answer::Face { rating } => rating.score(),
                    _ => None,
                })
                .collect();
            for (score, words) in FACES {
                labels.push(words.to_string());
                counts.push(scores.iter().filter(|s| **s == score).count() as u32);
            }
            labels.push("Not sure".into());
            counts.push(count_where(
                &|a| matches!(a, Answer::Face { rating } if rating.score().is_none()),
            ));
            mean = mean_if_shown(&scores);
        }
        QuestionKind::ShortText | QuestionKind::LongText => {
            written = answers
                .iter()
                .filter_map(|(id, a)| match a {
                    Answer::Text { text } => Some(writing(id, question, number, false, text)),
                    _ => None,
                })
                .collect();
            labels.push("Wrote an answer".into());
            counts.push(written.len() as u32);
        }
        QuestionKind::PromiseRating { promise_ids } => {
            for id in promise_ids {
                let position = promises
                    .iter()
                    .find(|p| p.id == *id)
                    .map_or(0, |p| p.position);
                let scores: Vec<u8> = answers
                    .iter()
                    .filter_map(|(_, a)| match a {
                        Answer::Promises { ratings } => ratings
                            .iter()
                            .find(|(p, _)| p == id)
                            .and_then(|(_, r)| r.score()),
                        _ => None,
                    })
                    .collect();
                for (score, words) in FACES {
                    labels.push(format!("Promise {position}: {words}"));
                    counts.push(scores.iter().filter(|s| **s == score).count() as u32);
                }
            }
        }
    }
    labels.push("Prefer not to say".into());
    counts.push(declined);
    QuestionResult {
        question_id: question.id,
        number,
        prompt: question.prompt.clone(),
        answered,
        rows: rows(labels, &counts, answered),
        mean,
        written_total: written.len(),
        written,
        written_pages: None,
    }
}

/// Words from one response, with where they came from.
fn writing(
    response_id: &str,
    question: &Question,
    number: usize,
    other: bool,
    text: &str,
) -> Writing {
    Writing {
        source: QuoteSource::SurveyAnswer {
            response_id: response_id.to_string(),
            question_id: question.id,
            other,
        },
        context: format!("Question {number}{}", if other { " · “Other”" } else { "" }),
        text: text.to_string(),
        approved: None,
        dismissed: false,
    }
}

/// The mean face, only when enough people chose one that it identifies nobody.
fn mean_if_shown(scores: &[u8]) -> Option<f64> {
    (scores.len() as u32 >= crate::domain::suppression::SMALLEST_SHOWN).then(|| {
        let sum: u32 = scores.iter().map(|s| u32::from(*s)).sum();
        (f64::from(sum) / scores.len() as f64 * 10.0).round() / 10.0
    })
}

/// The results as CSV: one line per answer of each question, with the
/// same suppression as the page.
pub fn csv(title: &str, version: i64, tally: &Tally) -> String {
    let mut out = String::from("survey,version,question,answer,count,percent\n");
    let mut line = |question: &str, row: &ResultRow| {
        let fields = [
            title.to_string(),
            version.to_string(),
            question.to_string(),
            row.answer.clone(),
            row.count.label(),
            row.percent.map(|p| p.to_string()).unwrap_or_default(),
        ];
        out.push_str(
            &fields
                .iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push('\n');
    };
    line(
        "Responses",
        &ResultRow {
            answer: "All".into(),
            count: tally.responses,
            percent: None,
        },
    );
    for group in &tally.groups {
        line("Responses", group);
    }
    for question in &tally.questions {
        let label = format!("{}. {}", question.number, question.prompt);
        for row in &question.rows {
            line(&label, row);
        }
    }
    out
}

/// One CSV field, quoted when it must be, and never read as a formula by a
/// spreadsheet (a leading =, +, - or @ is put behind a quote mark).
pub(crate) fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::FaceRating;

    fn respondent(n: usize, band: Option<AgeBand>, answers: Vec<(u32, Answer)>) -> SentResponse {
        SentResponse {
            response_id: format!("r{n}"),
            cohort: None,
            age_band: band,
            answers: answers.into_iter().collect(),
        }
    }

    fn yes_no() -> Question {
        Question {
            id: 1,
            prompt: "Pet?".into(),
            hint: String::new(),
            kind: QuestionKind::YesNoNotSure,
            required: true,
            show_if: None,
        }
    }

    fn face() -> Question {
        Question {
            id: 2,
            prompt: "School?".into(),
            hint: String::new(),
            kind: QuestionKind::FaceScale,
            required: true,
            show_if: None,
        }
    }

    #[test]
    fn small_counts_are_hidden_and_large_ones_shown_with_percentages() {
        let mut people = Vec::new();
        for n in 0..6 {
            people.push(respondent(
                n,
                Some(AgeBand::Child11To18),
                vec![(
                    1,
                    Answer::Choice {
                        value: "yes".into(),
                    },
                )],
            ));
        }
        for n in 6..8 {
            people.push(respondent(
                n,
                None,
                vec![(1, Answer::Choice { value: "no".into() })],
            ));
        }
        people.push(respondent(
            8,
            None,
            vec![(
                1,
                Answer::Choice {
                    value: "not_sure".into(),
                },
            )],
        ));
        let tally = tally(&[yes_no()], &people, &[]);
        assert_eq!(tally.responses, Shown::Count(9));
        let rows = &tally.questions[0].rows;
        assert_eq!(
            (rows[0].answer.as_str(), rows[0].count, rows[0].percent),
            ("Yes", Shown::Count(6), Some(67))
        );
        assert_eq!(
            (rows[1].count, rows[1].percent),
            (Shown::FewerThanFive, None)
        );
        assert_eq!(rows[2].count, Shown::FewerThanFive);
        assert_eq!(rows[3].answer, "Prefer not to say");
        let anonymous = tally.groups.last().unwrap();
        assert_eq!(anonymous.count, Shown::FewerThanFive);
        // With one small cell, the smallest other is hidden too, so the
        // total cannot give it away.
        people.pop();
        let tally = super::tally(&[yes_no()], &people, &[]);
        assert_eq!(tally.questions[0].rows[0].count, Shown::Withheld);
    }

    #[test]
    fn faces_get_a_mean_only_from_five_people() {
        let scores = [5, 4, 4, 3, 2];
        let people: Vec<SentResponse> = scores
            .iter()
            .enumerate()
            .map(|(n, s)| {
                respondent(
                    n,
                    None,
                    vec![(
                        2,
                        Answer::Face {
                            rating: FaceRating::Score(*s),
                        },
                    )],
                )
            })
            .collect();
        assert_eq!(tally(&[face()], &people, &[]).questions[0].mean, Some(3.6));
        assert_eq!(tally(&[face()], &people[..4], &[]).questions[0].mean, None);
    }

    #[test]
    fn csv_quotes_what_it_must_and_never_starts_a_formula() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=SUM(A1)"), "'=SUM(A1)");
        let people: Vec<SentResponse> = (0..5)
            .map(|n| {
                respondent(
                    n,
                    Some(AgeBand::CareLeaver16To25),
                    vec![(
                        1,
                        Answer::Choice {
                            value: "yes".into(),
                        },
                    )],
                )
            })
            .collect();
        let text = csv("Homes, and more", 1, &tally(&[yes_no()], &people, &[]));
        assert!(text.starts_with("survey,version,question,answer,count,percent\n\"Homes, and more\",1,Responses,All,5,\n"));
        assert!(
            text.contains("\"Homes, and more\",1,1. Pet?,Yes,5,100\n"),
            "{text}"
        );
    }
}

/// One version's results, for the page and the CSV.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VersionResults {
    pub survey_id: SurveyId,
    pub title: String,
    pub version: i64,
    /// Every version, so the officer can look at the others.
    pub versions: Vec<i64>,
    pub tally: Tally,
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::{tally, VersionResults};
    use crate::errors::Context;
    use crate::errors::VoiceError;
    use crate::state::AppState;
    use crate::surveys::store;

    /// Tallies a version (the current one if not given); `None` if there is
    /// no such survey or version.
    pub async fn results(
        state: &AppState,
        survey_id: &crate::domain::SurveyId,
        version: Option<i64>,
    ) -> Result<Option<VersionResults>, VoiceError> {
        let Some(survey) = store::survey(&state.db, survey_id)
            .await
            .context("survey")?
        else {
            return Ok(None);
        };
        let versions: Vec<i64> = (1..=survey.version).collect();
        let version = version.unwrap_or(survey.version);
        if !versions.contains(&version) {
            return Ok(None);
        }
        let questions = store::questions(&state.db, &survey.id, version)
            .await
            .context("questions")?;
        let respondents = store::sent_responses(&state.db, &survey.id, version)
            .await
            .context("responses")?;
        let promises = crate::promises::store::all_promises(&state.db)
            .await
            .context("promises")?;
        let mut tally = tally(&questions, &respondents, &promises);
        let approved = crate::quotes::store::approved_from_survey(&state.db, &survey.id)
            .await
            .context("quotes")?;
        let phrases = crate::rights::safeguarding::ssr::harm_phrases(state).await?;
        for question in &mut tally.questions {
            crate::quotes::leave_out_harm(&mut question.written, &phrases);
        }
        for writing in tally.questions.iter_mut().flat_map(|q| &mut q.written) {
            let (_, id, field) = writing.source.columns();
            writing.approved = approved.get(&(id.to_string(), field)).cloned();
        }
        Ok(Some(VersionResults {
            survey_id: survey.id,
            title: survey.settings.title,
            version,
            versions,
            tally,
        }))
    }
}

/// One version's results for the page: each question's first few written
/// answers, or (`written`, a question id) one page of that question's.
#[leptos::server(prefix = "/api", endpoint = "survey-results")]
pub async fn survey_results(
    survey_id: SurveyId,
    version: Option<i64>,
    written: Option<String>,
    page: Option<String>,
) -> Result<Option<VersionResults>, VoiceError> {
    use crate::domain::paging::{PageNumber, Paged};
    let (_, state) = super::authoring::ssr::officer()?;
    let Some(mut found) = ssr::results(&state, &survey_id, version).await? else {
        return Ok(None);
    };
    let reading = written.and_then(|id| id.trim().parse::<u32>().ok());
    let path = format!("/officer/surveys/{}/results", found.survey_id);
    for question in &mut found.tally.questions {
        let all = std::mem::take(&mut question.written);
        if reading == Some(question.question_id) {
            let filters = [
                ("version", found.version.to_string()),
                ("written", question.question_id.to_string()),
            ];
            let paged = Paged::of_all(
                all,
                PageNumber::parse(page.as_deref()),
                crate::listing::page_address(&path, &filters),
            );
            question.written = paged.items;
            question.written_pages = Some(paged.links);
        } else {
            question.written = all.into_iter().take(WRITTEN_PREVIEW).collect();
        }
    }
    Ok(Some(found))
}
