//! A seeded generator of realistic data for reports: young people in care
//! and care leavers over three years (six reporting periods) answering
//! surveys, rating the promises, going to forum sessions and using Right to
//! Rights. The same seed and scale always give the same data, so the
//! report tests can recount it and the bench can rebuild it.
//!
//! `generate` is pure and returns everything it made; `insert` writes it.

mod insert;

pub use insert::insert;

use app::domain::concern::{ConcernKind, Outcome};
use app::domain::period::uk_midnight;
use app::domain::working_days::{add_working_days, stage_one_due, BankHolidays};
use app::domain::{AgeBand, Cohort, FaceRating, Period};
use app::promises::ActionStatus;
use app::surveys::questions::{Answer, Question, QuestionKind};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// How much to make, and how often young people take part.
#[derive(Clone, Debug)]
pub struct Scale {
    pub children_in_care: usize,
    pub care_leavers: usize,
    /// The chance a young person takes part at all in a period.
    pub active: f64,
    /// Given that, the chance they rate the promises...
    pub rates: f64,
    /// ...answer each survey open in the period...
    pub answers_survey: f64,
    /// ...go to each session of their forum...
    pub attends_session: f64,
    /// ...and raise something with Right to Rights.
    pub raises_concern: f64,
    pub surveys_per_period: usize,
    /// Each survey has 5 questions per round (choose one, yes/no, faces,
    /// choose any, a written answer).
    pub question_rounds: usize,
    pub anonymous_per_survey: usize,
    /// Phones that join each session without signing in.
    pub anonymous_seats: std::ops::RangeInclusive<usize>,
}

impl Scale {
    /// About the size of a council's service: 500 children in care and 320
    /// care leavers.
    pub fn council() -> Scale {
        Scale {
            children_in_care: 500,
            care_leavers: 320,
            active: 0.55,
            rates: 0.8,
            answers_survey: 0.45,
            attends_session: 0.12,
            raises_concern: 0.06,
            surveys_per_period: 1,
            question_rounds: 1,
            anonymous_per_survey: 40,
            anonymous_seats: 0..=4,
        }
    }

    /// For the report bench: over a million survey answers and about
    /// 200,000 promise ratings.
    pub fn bench() -> Scale {
        Scale {
            children_in_care: 5_000,
            care_leavers: 3_300,
            surveys_per_period: 3,
            question_rounds: 2,
            anonymous_per_survey: 4_600,
            ..Scale::council()
        }
    }
}

#[derive(Clone, Debug)]
pub struct Person {
    pub id: String,
    pub cohort: Cohort,
    pub birth_year: i32,
    pub birth_month: u32,
}

#[derive(Clone, Debug)]
pub struct GeneratedSurvey {
    pub id: String,
    pub title: String,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub questions: Vec<Question>,
}

#[derive(Clone, Debug)]
pub struct Response {
    pub id: String,
    /// Index into `surveys`.
    pub survey: usize,
    /// Index into `people`; `None` through an anonymous link.
    pub person: Option<usize>,
    pub cohort: Option<Cohort>,
    pub age_band: Option<AgeBand>,
    pub submitted_at: DateTime<Utc>,
    pub answers: Vec<(u32, Answer)>,
}

#[derive(Clone, Debug)]
pub struct Rating {
    pub id: String,
    pub person: usize,
    pub promise_id: i64,
    pub period: Period,
    /// `None` is "not sure".
    pub score: Option<u8>,
    pub cohort: Cohort,
    pub age_band: AgeBand,
    pub rated_at: DateTime<Utc>,
    pub why: String,
}

#[derive(Clone, Debug)]
pub struct Seat {
    pub id: String,
    pub person: Option<usize>,
    pub cohort: Option<Cohort>,
    pub age_band: Option<AgeBand>,
    /// (index into the session's activities, answer)
    pub answers: Vec<(usize, Answer)>,
}

#[derive(Clone, Debug)]
pub struct Session {
    pub id: String,
    /// 1 is the LACC, 2 the Care Leaver Forum (as the first migration made them).
    pub forum_id: i64,
    pub title: String,
    pub held_on: NaiveDate,
    pub created_at: DateTime<Utc>,
    pub activities: Vec<Question>,
    pub seats: Vec<Seat>,
}

#[derive(Clone, Debug)]
pub struct Concern {
    pub id: String,
    pub reference: String,
    pub person: usize,
    pub kind: ConcernKind,
    pub cohort: Cohort,
    pub age_band: AgeBand,
    pub details: String,
    pub received_at: DateTime<Utc>,
    pub received_on: NaiveDate,
    pub due_on: NaiveDate,
    pub first_response_at: Option<DateTime<Utc>>,
    pub outcome: Option<Outcome>,
}

#[derive(Clone, Debug)]
pub struct Quote {
    pub id: String,
    /// Index into `ratings`: the "why" it quotes.
    pub rating: usize,
    pub quote: String,
    pub approved_at: DateTime<Utc>,
}

#[derive(Clone, Debug)]
pub struct Action {
    pub id: String,
    pub you_said: String,
    pub we_did: String,
    pub period: Period,
    pub status: ActionStatus,
    pub promise_id: i64,
    pub published_at: DateTime<Utc>,
}

/// Everything generated, as inserted.
#[derive(Clone, Debug)]
pub struct DataSet {
    /// The periods covered, oldest first; the last holds `today`.
    pub periods: Vec<Period>,
    pub today: NaiveDate,
    pub people: Vec<Person>,
    pub surveys: Vec<GeneratedSurvey>,
    pub responses: Vec<Response>,
    pub ratings: Vec<Rating>,
    pub sessions: Vec<Session>,
    pub concerns: Vec<Concern>,
    pub quotes: Vec<Quote>,
    pub actions: Vec<Action>,
}

impl DataSet {
    /// A person's age band at the start of a period (kept for the whole period).
    pub fn age_band(&self, person: usize, period: Period) -> AgeBand {
        age_band_of(&self.people[person], period)
    }
}

fn age_band_of(person: &Person, period: Period) -> AgeBand {
    let start = period.first_day();
    let mut age = start.year() - person.birth_year;
    if start.month() < person.birth_month {
        age -= 1;
    }
    AgeBand::for_person(person.cohort, u32::try_from(age).unwrap_or(0))
}

const PERIODS: usize = 6;
const WHY: [&str; 6] = [
    "My carer listens to me",
    "I moved school again this year",
    "My worker changes a lot",
    "I get to go to football every week",
    "Nobody asked me before my review",
    "I like my new flat",
];

struct Maker<'a> {
    rng: StdRng,
    scale: &'a Scale,
    today: NaiveDate,
    holidays: &'a BankHolidays,
}

impl Maker<'_> {
    fn id(&mut self) -> String {
        format!("{:032x}", self.rng.gen::<u128>())
    }

    /// A moment between two days (inclusive), never after today.
    fn moment_between(&mut self, first: NaiveDate, last: NaiveDate) -> Option<DateTime<Utc>> {
        let last = last.min(self.today);
        if last < first {
            return None;
        }
        let day = first + Duration::days(self.rng.gen_range(0..=(last - first).num_days()));
        let seconds = self.rng.gen_range(8 * 3600..21 * 3600);
        Some(uk_midnight(day) + Duration::seconds(seconds))
    }

    fn face(&mut self, lean: u8) -> FaceRating {
        if self.rng.gen_bool(0.08) {
            return FaceRating::NotSure;
        }
        // Most faces sit near the lean, a few anywhere.
        let score = if self.rng.gen_bool(0.7) {
            (i32::from(lean) + self.rng.gen_range(-1..=1)).clamp(1, 5)
        } else {
            self.rng.gen_range(1..=5)
        };
        FaceRating::Score(u8::try_from(score).unwrap_or(3))
    }
}

fn question(id: u32, prompt: &str, kind: QuestionKind) -> Question {
    Question {
        id,
        prompt: prompt.into(),
        hint: String::new(),
        kind,
        required: false,
        show_if: None,
    }
}

fn survey_questions(rounds: usize) -> Vec<Question> {
    let mut questions = Vec::new();
    for round in 0..rounds {
        let id = |n: usize| u32::try_from(round * 5 + n).unwrap_or(0);
        questions.extend([
            question(
                id(1),
                "Where do you live now?",
                QuestionKind::SingleChoice {
                    options: vec![
                        "With foster carers".into(),
                        "In a children's home".into(),
                        "With family".into(),
                        "On my own".into(),
                    ],
                },
            ),
            question(
                id(2),
                "Do you know who your social worker or personal adviser is?",
                QuestionKind::YesNoNotSure,
            ),
            question(
                id(3),
                "How happy are you at the moment?",
                QuestionKind::FaceScale,
            ),
            question(
                id(4),
                "What would you like more help with?",
                QuestionKind::MultipleChoice {
                    options: vec![
                        "School or college".into(),
                        "Money".into(),
                        "Health".into(),
                        "Seeing family".into(),
                    ],
                    other: true,
                },
            ),
            question(
                id(5),
                "Anything else you want to tell us?",
                QuestionKind::ShortText,
            ),
        ]);
    }
    questions
}

fn answer(maker: &mut Maker<'_>, question: &Question, lean: u8) -> Option<Answer> {
    if let QuestionKind::FaceScale = question.kind {
        if maker.rng.gen_bool(0.93) {
            return Some(Answer::Face {
                rating: maker.face(lean),
            });
        }
    }
    let rng = &mut maker.rng;
    if rng.gen_bool(0.04) {
        return Some(Answer::PreferNotToSay);
    }
    if rng.gen_bool(0.03) {
        return Some(Answer::Skipped);
    }
    Some(match &question.kind {
        QuestionKind::SingleChoice { options } => Answer::Choice {
            value: options[rng.gen_range(0..options.len())].clone(),
        },
        QuestionKind::YesNoNotSure => Answer::Choice {
            value: ["yes", "yes", "yes", "no", "not_sure"][rng.gen_range(0..5)].into(),
        },
        QuestionKind::FaceScale => Answer::Face {
            rating: FaceRating::Score(rng.gen_range(1..=5)),
        },
        QuestionKind::MultipleChoice { options, .. } => {
            let chosen: Vec<String> = options
                .iter()
                .filter(|_| rng.gen_bool(0.35))
                .cloned()
                .collect();
            let other = rng.gen_bool(0.05).then(|| "Driving lessons".to_string());
            Answer::Choices { chosen, other }
        }
        QuestionKind::ShortText | QuestionKind::LongText => {
            if !rng.gen_bool(0.3) {
                return None;
            }
            Answer::Text {
                text: WHY[rng.gen_range(0..WHY.len())].into(),
            }
        }
        QuestionKind::PromiseRating { .. } => return None,
    })
}

/// Generates the data for the six periods up to the one holding `today`.
pub fn generate(seed: u64, scale: &Scale, today: NaiveDate, holidays: &BankHolidays) -> DataSet {
    let mut maker = Maker {
        rng: StdRng::seed_from_u64(seed),
        scale,
        today,
        holidays,
    };
    let mut periods = vec![Period::containing(today)];
    while periods.len() < PERIODS {
        let earliest = *periods.last().expect("a period");
        periods.push(earliest.previous());
    }
    periods.reverse();

    let mut data = DataSet {
        periods: periods.clone(),
        today,
        people: people(&mut maker),
        surveys: Vec::new(),
        responses: Vec::new(),
        ratings: Vec::new(),
        sessions: Vec::new(),
        concerns: Vec::new(),
        quotes: Vec::new(),
        actions: Vec::new(),
    };
    for period in periods {
        period_activity(&mut maker, &mut data, period);
    }
    data
}

fn people(maker: &mut Maker<'_>) -> Vec<Person> {
    let (cic, cl) = (maker.scale.children_in_care, maker.scale.care_leavers);
    let year = maker.today.year();
    (0..cic + cl)
        .map(|n| {
            let cohort = if n < cic {
                Cohort::ChildInCare
            } else {
                Cohort::CareLeaver
            };
            let age = match cohort {
                Cohort::ChildInCare => maker.rng.gen_range(8..=17),
                Cohort::CareLeaver => maker.rng.gen_range(18..=24),
            };
            Person {
                id: maker.id(),
                cohort,
                birth_year: year - age,
                birth_month: maker.rng.gen_range(1..=12),
            }
        })
        .collect()
}

fn period_activity(maker: &mut Maker<'_>, data: &mut DataSet, period: Period) {
    let (first, last) = (period.first_day(), period.last_day());
    let first_survey = data.surveys.len();
    for n in 0..maker.scale.surveys_per_period {
        let opens_on = first + Duration::days(10 + 20 * n as i64);
        data.surveys.push(GeneratedSurvey {
            id: maker.id(),
            title: format!("Your say, {} (part {})", period.name(), n + 1),
            opens_on,
            closes_on: opens_on + Duration::days(60),
            questions: survey_questions(maker.scale.question_rounds),
        });
    }
    let sessions = sessions_in(maker, period);
    let first_session = data.sessions.len();
    data.sessions.extend(sessions);
    // Each promise has its own lean, drifting a little period by period.
    let leans: Vec<u8> = (0..9).map(|_| maker.rng.gen_range(2..=4)).collect();

    for person in 0..data.people.len() {
        if !maker.rng.gen_bool(maker.scale.active) {
            continue;
        }
        let cohort = data.people[person].cohort;
        let band = data.age_band(person, period);
        if maker.rng.gen_bool(maker.scale.rates) {
            if let Some(rated_at) = maker.moment_between(first, last) {
                for (promise, lean) in leans.iter().enumerate() {
                    let score = maker.face(*lean).score();
                    let why = if maker.rng.gen_bool(0.1) {
                        WHY[maker.rng.gen_range(0..WHY.len())].to_string()
                    } else {
                        String::new()
                    };
                    data.ratings.push(Rating {
                        id: maker.id(),
                        person,
                        promise_id: promise as i64 + 1,
                        period,
                        score,
                        cohort,
                        age_band: band,
                        rated_at,
                        why,
                    });
                }
            }
        }
        for survey in first_survey..data.surveys.len() {
            if maker.rng.gen_bool(maker.scale.answers_survey) {
                if let Some(response) = response(maker, data, survey, Some((person, cohort, band)))
                {
                    data.responses.push(response);
                }
            }
        }
        let forum = if cohort == Cohort::ChildInCare { 1 } else { 2 };
        for session in &mut data.sessions[first_session..] {
            if session.forum_id == forum && maker.rng.gen_bool(maker.scale.attends_session) {
                let seat = seat(maker, &session.activities, Some((person, cohort, band)));
                session.seats.push(seat);
            }
        }
        if maker.rng.gen_bool(maker.scale.raises_concern) {
            if let Some(concern) = concern(maker, data.concerns.len(), person, cohort, band, period)
            {
                data.concerns.push(concern);
            }
        }
    }
    for survey in first_survey..data.surveys.len() {
        for _ in 0..maker.scale.anonymous_per_survey {
            if let Some(response) = response(maker, data, survey, None) {
                data.responses.push(response);
            }
        }
    }
    for session in &mut data.sessions[first_session..] {
        let anonymous = maker.rng.gen_range(maker.scale.anonymous_seats.clone());
        for _ in 0..anonymous {
            let seat = seat(maker, &session.activities, None);
            session.seats.push(seat);
        }
    }
    quotes_and_actions(maker, data, period);
}

fn response(
    maker: &mut Maker<'_>,
    data: &DataSet,
    survey: usize,
    who: Option<(usize, Cohort, AgeBand)>,
) -> Option<Response> {
    let survey_row = &data.surveys[survey];
    let submitted_at = maker.moment_between(survey_row.opens_on, survey_row.closes_on)?;
    let lean = maker.rng.gen_range(2..=4);
    let answers = survey_row
        .questions
        .iter()
        .filter_map(|q| Some((q.id, answer(maker, q, lean)?)))
        .collect();
    Some(Response {
        id: maker.id(),
        survey,
        person: who.map(|(p, _, _)| p),
        cohort: who.map(|(_, c, _)| c),
        age_band: who.map(|(_, _, b)| b),
        submitted_at,
        answers,
    })
}

/// Each forum meets once a month, on the second Tuesday, up to today.
fn sessions_in(maker: &mut Maker<'_>, period: Period) -> Vec<Session> {
    let mut sessions = Vec::new();
    let mut month_start = period.first_day();
    while month_start <= period.last_day() && month_start <= maker.today {
        let first_tuesday = month_start
            + Duration::days(i64::from(
                (7 + 1 - month_start.weekday().num_days_from_monday()) % 7,
            ));
        let held_on = first_tuesday + Duration::days(7);
        if held_on <= maker.today {
            for (forum_id, forum) in [(1, "LACC"), (2, "Care Leaver Forum")] {
                sessions.push(Session {
                    id: maker.id(),
                    forum_id,
                    title: format!("{forum} meeting, {}", held_on.format("%B %Y")),
                    held_on,
                    created_at: uk_midnight(held_on) + Duration::hours(8 + forum_id),
                    activities: vec![
                        question(
                            1,
                            "What should we talk to councillors about?",
                            QuestionKind::SingleChoice {
                                options: vec![
                                    "Money".into(),
                                    "Housing".into(),
                                    "Contact with family".into(),
                                ],
                            },
                        ),
                        question(2, "How was today's meeting?", QuestionKind::FaceScale),
                        question(3, "One word for today", QuestionKind::ShortText),
                    ],
                    seats: Vec::new(),
                });
            }
        }
        month_start = NaiveDate::from_ymd_opt(
            month_start.year() + i32::from(month_start.month() == 12),
            month_start.month() % 12 + 1,
            1,
        )
        .expect("the first of a month");
    }
    sessions
}

fn seat(
    maker: &mut Maker<'_>,
    activities: &[Question],
    who: Option<(usize, Cohort, AgeBand)>,
) -> Seat {
    let lean = maker.rng.gen_range(3..=5);
    let mut answers = Vec::new();
    for (index, question) in activities.iter().enumerate() {
        if !maker.rng.gen_bool(0.9) {
            continue;
        }
        match answer(maker, question, lean) {
            None | Some(Answer::Skipped) => {}
            Some(given) => answers.push((index, given)),
        }
    }
    Seat {
        id: maker.id(),
        person: who.map(|(p, _, _)| p),
        cohort: who.map(|(_, c, _)| c),
        age_band: who.map(|(_, _, b)| b),
        answers,
    }
}

fn concern(
    maker: &mut Maker<'_>,
    number: usize,
    person: usize,
    cohort: Cohort,
    age_band: AgeBand,
    period: Period,
) -> Option<Concern> {
    let received_at = maker.moment_between(period.first_day(), period.last_day())?;
    let received_on = app::domain::period::uk_date(received_at);
    let kind = match maker.rng.gen_range(0..20) {
        0..=8 => ConcernKind::Concern,
        9..=13 => ConcernKind::Help,
        14..=16 => ConcernKind::Advocate,
        _ => ConcernKind::Compliment,
    };
    let answered_on = add_working_days(received_on, maker.rng.gen_range(1..=14), maker.holidays);
    let first_response_at = (kind != ConcernKind::Compliment && answered_on <= maker.today)
        .then(|| uk_midnight(answered_on) + Duration::hours(11));
    let outcome = (first_response_at.is_some() && maker.rng.gen_bool(0.8))
        .then(|| Outcome::ALL[maker.rng.gen_range(0..Outcome::ALL.len())]);
    Some(Concern {
        id: maker.id(),
        reference: format!("GEN-{number:06}"),
        person,
        kind,
        cohort,
        age_band,
        details: "Generated: my placement is far from my school.".into(),
        received_at,
        received_on,
        due_on: stage_one_due(received_on, false, maker.holidays),
        first_response_at,
        outcome,
    })
}

/// A few "why" comments approved as quotes, and two actions, per period.
fn quotes_and_actions(maker: &mut Maker<'_>, data: &mut DataSet, period: Period) {
    let with_words: Vec<usize> = data
        .ratings
        .iter()
        .enumerate()
        .filter(|(_, r)| r.period == period && !r.why.is_empty())
        .map(|(i, _)| i)
        .take(3)
        .collect();
    for (n, rating) in with_words.into_iter().enumerate() {
        let approved_at = data.ratings[rating].rated_at + Duration::days(3 + n as i64);
        data.quotes.push(Quote {
            id: maker.id(),
            quote: data.ratings[rating].why.clone(),
            rating,
            approved_at,
        });
    }
    for (n, status) in [ActionStatus::Done, ActionStatus::InProgress]
        .into_iter()
        .enumerate()
    {
        data.actions.push(Action {
            id: maker.id(),
            you_said: format!(
                "You said {} needed to change ({})",
                ["reviews", "pocket money"][n],
                period.name()
            ),
            we_did: "We took it to the Corporate Parenting Panel".into(),
            period,
            status,
            promise_id: [4, 5][n],
            published_at: uk_midnight(period.first_day()) + Duration::days(20 + n as i64),
        });
    }
}
