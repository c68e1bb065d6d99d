//! The report's counting, done by the database with GROUP BY so that a
//! report over a million answers moves only counts, never the answers.
//! Written once in SQL that SQLite and PostgreSQL both understand.

use super::inputs::{
    ActionLine, ActivityCounts, ChosenQuote, ForumAttendance, Participation, RatingGroup,
    ReachedGroup, ReportInputs, RightsCounts, SessionCounts, SurveyCounts,
};
use super::TREND_PERIODS;
use crate::db::Db;
use crate::domain::concern::{ConcernKind, Outcome};
use crate::domain::period::uk_date;
use crate::domain::{AgeBand, Cohort, Day, Period, SurveyId};
use crate::stored::{face_score, stored_json, stored_question_id, FaceScore, StoredTime};
use crate::surveys::questions::{Answer, Question};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// Written answers are quoted, not counted: the counting leaves them out.
const NOT_WRITTEN: &str = "answer NOT LIKE '{\"answer\":\"text\"%'";

/// A period's bounds in each form the tables keep time in.
struct Bounds {
    starts_at: i64,
    ends_at: i64,
    key: String,
    first_day: String,
    last_day: String,
}

impl Bounds {
    fn of(period: Period) -> Bounds {
        Bounds {
            starts_at: period.starts_at().timestamp(),
            ends_at: period.ends_at().timestamp(),
            key: period.key(),
            first_day: Day(period.first_day()).as_stored(),
            last_day: Day(period.last_day()).as_stored(),
        }
    }
}

fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Counts everything a period's report needs.
pub async fn report_inputs(
    db: &Db,
    period: Period,
    now: DateTime<Utc>,
) -> Result<ReportInputs, sqlx::Error> {
    let (surveys, responses) = surveys(db, period).await?;
    let mut participation = participation_in(db, period).await?;
    (
        participation.responses_signed_in,
        participation.responses_anonymous,
    ) = responses;
    let mut participation_before = participation_in(db, period.previous()).await?;
    let (_, responses_before) = survey_responses(db, &Bounds::of(period.previous())).await?;
    (
        participation_before.responses_signed_in,
        participation_before.responses_anonymous,
    ) = responses_before;
    Ok(ReportInputs {
        period,
        built_at: now.timestamp(),
        promises: crate::promises::store::all_promises(db).await?,
        participation,
        participation_before,
        ratings: ratings(db, period).await?,
        surveys,
        sessions: sessions(db, period).await?,
        rights: rights(db, period).await?,
        rights_before: rights(db, period.previous()).await?,
        holidays: crate::rights::store::bank_holidays(db).await?,
        quotes: chosen_quotes(db, period).await?,
        actions: crate::promises::store::actions(db, None)
            .await?
            .into_iter()
            .filter(|action| action.period == period)
            .map(|action| ActionLine {
                you_said: action.you_said,
                we_did: action.we_did,
                status: action.status,
                promises: action.promises.iter().map(|p| p.id).collect(),
            })
            .collect(),
    })
}

/// Young people reached (each once, by the cohort and age band they had),
/// whether they had taken part before, and forum attendance.
async fn participation_in(db: &Db, period: Period) -> Result<Participation, sqlx::Error> {
    let bounds = Bounds::of(period);
    let reached: Vec<(Option<Cohort>, Option<AgeBand>, i64, i64)> = sqlx::query_as(
        "SELECT cohort, age_band, was_before, COUNT(*) FROM ( \
           SELECT a.account_id, MAX(a.cohort) AS cohort, MAX(a.age_band) AS age_band, \
             CASE WHEN EXISTS (SELECT 1 FROM survey_responses e \
                               WHERE e.account_id = a.account_id AND e.submitted_at < $1) \
                    OR EXISTS (SELECT 1 FROM promise_ratings e \
                               WHERE e.account_id = a.account_id AND e.period < $3) \
                    OR EXISTS (SELECT 1 FROM live_seats e JOIN live_sessions s ON s.id = e.session_id \
                               WHERE e.account_id = a.account_id AND s.held_on < $4 AND s.status <> 'draft') \
                    OR EXISTS (SELECT 1 FROM concerns e \
                               WHERE e.account_id = a.account_id AND e.received_at < $1) \
                  THEN 1 ELSE 0 END AS was_before \
           FROM ( \
             SELECT account_id, cohort, age_band FROM survey_responses \
               WHERE account_id IS NOT NULL AND submitted_at >= $1 AND submitted_at < $2 \
             UNION ALL SELECT account_id, cohort, age_band FROM promise_ratings WHERE period = $3 \
             UNION ALL SELECT e.account_id, e.cohort, e.age_band FROM live_seats e \
               JOIN live_sessions s ON s.id = e.session_id \
               WHERE e.account_id IS NOT NULL AND s.held_on >= $4 AND s.held_on <= $5 AND s.status <> 'draft' \
             UNION ALL SELECT account_id, cohort, age_band FROM concerns \
               WHERE received_at >= $1 AND received_at < $2 \
           ) a GROUP BY a.account_id \
         ) people GROUP BY cohort, age_band, was_before",
    )
    .bind(bounds.starts_at)
    .bind(bounds.ends_at)
    .bind(&bounds.key)
    .bind(&bounds.first_day)
    .bind(&bounds.last_day)
    .fetch_all(db)
    .await?;
    let forums: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT f.name, COUNT(DISTINCT s.id), COUNT(e.id) FROM forums f \
         LEFT JOIN live_sessions s ON s.forum_id = f.id AND s.held_on >= $1 AND s.held_on <= $2 \
           AND s.status <> 'draft' \
         LEFT JOIN live_seats e ON e.session_id = s.id \
         GROUP BY f.id, f.name ORDER BY f.id",
    )
    .bind(&bounds.first_day)
    .bind(&bounds.last_day)
    .fetch_all(db)
    .await?;
    Ok(Participation {
        reached: reached
            .into_iter()
            .map(|(cohort, band, before, people)| ReachedGroup {
                cohort,
                age_band: band,
                returning: before == 1,
                people: count(people),
            })
            .collect(),
        forums: forums
            .into_iter()
            .map(|(forum, sessions, attendance)| ForumAttendance {
                forum,
                sessions: count(sessions),
                attendance: count(attendance),
            })
            .collect(),
        ..Participation::default()
    })
}

/// Responses to one survey from one cohort (`None` through a link), and
/// whether anonymously.
type ResponseCount = (SurveyId, Option<Cohort>, bool, u32);

/// Responses sent in the period: per survey by (cohort, anonymous), and in
/// all (signed in, anonymous).
async fn survey_responses(
    db: &Db,
    bounds: &Bounds,
) -> Result<(Vec<ResponseCount>, (u32, u32)), sqlx::Error> {
    let rows: Vec<(SurveyId, Option<Cohort>, i64, i64)> = sqlx::query_as(
        "SELECT survey_id, cohort, CASE WHEN account_id IS NULL THEN 1 ELSE 0 END, COUNT(*) \
         FROM survey_responses WHERE submitted_at >= $1 AND submitted_at < $2 \
         GROUP BY 1, 2, 3",
    )
    .bind(bounds.starts_at)
    .bind(bounds.ends_at)
    .fetch_all(db)
    .await?;
    let rows: Vec<_> = rows
        .into_iter()
        .map(|(survey, cohort, anonymous, n)| (survey, cohort, anonymous == 1, count(n)))
        .collect();
    let total = |anonymous: bool| {
        rows.iter()
            .filter(|(_, _, a, _)| *a == anonymous)
            .map(|(_, _, _, n)| n)
            .sum()
    };
    let totals = (total(false), total(true));
    Ok((rows, totals))
}

/// The surveys open at some time in the period, with their answers counted,
/// and the period's responses in all.
async fn surveys(db: &Db, period: Period) -> Result<(Vec<SurveyCounts>, (u32, u32)), sqlx::Error> {
    let bounds = Bounds::of(period);
    let open: Vec<(SurveyId, String, Day, Day, i64)> = sqlx::query_as(
        "SELECT id, title, opens_on, closes_on, current_version FROM surveys \
         WHERE status <> 'draft' AND opens_on <= $1 AND closes_on >= $2 ORDER BY opens_on, title, id",
    )
    .bind(&bounds.last_day)
    .bind(&bounds.first_day)
    .fetch_all(db)
    .await?;
    let (responses, totals) = survey_responses(db, &bounds).await?;
    let answer_rows: Vec<(SurveyId, i64, String, i64)> = sqlx::query_as(&format!(
        "SELECT r.survey_id, a.question_id, a.answer, COUNT(*) FROM survey_answers a \
         JOIN survey_responses r ON r.id = a.response_id \
         WHERE r.submitted_at >= $1 AND r.submitted_at < $2 AND a.{NOT_WRITTEN} \
         GROUP BY r.survey_id, a.question_id, a.answer"
    ))
    .bind(bounds.starts_at)
    .bind(bounds.ends_at)
    .fetch_all(db)
    .await?;
    let mut answers: HashMap<SurveyId, Vec<(u32, Answer, u32)>> = HashMap::new();
    for (survey, question, json, n) in answer_rows {
        let (question, answer) = (stored_question_id(question)?, stored_json(&json)?);
        answers
            .entry(survey)
            .or_default()
            .push((question, answer, count(n)));
    }
    let mut surveys = Vec::new();
    for (id, title, opens_on, closes_on, version) in open {
        let responded = |wanted: &dyn Fn(Option<Cohort>, bool) -> bool| -> u32 {
            responses
                .iter()
                .filter(|(survey, cohort, anonymous, _)| {
                    *survey == id && wanted(*cohort, *anonymous)
                })
                .map(|(_, _, _, n)| n)
                .sum()
        };
        surveys.push(SurveyCounts {
            children_in_care: responded(&|c, a| !a && c == Some(Cohort::ChildInCare)),
            care_leavers: responded(&|c, a| !a && c == Some(Cohort::CareLeaver)),
            anonymous: responded(&|_, a| a),
            questions: crate::surveys::store::questions(db, &id, version).await?,
            answers: answers.remove(&id).unwrap_or_default(),
            opens_on: opens_on.0,
            closes_on: closes_on.0,
            title,
        });
    }
    Ok((surveys, totals))
}

/// Ratings in the period and the trend periods before it, counted by
/// period, promise, cohort and face.
async fn ratings(db: &Db, period: Period) -> Result<Vec<RatingGroup>, sqlx::Error> {
    let mut earliest = period;
    for _ in 1..TREND_PERIODS {
        earliest = earliest.previous();
    }
    #[derive(sqlx::FromRow)]
    struct RatingRow {
        period: Period,
        promise_id: i64,
        cohort: Option<Cohort>,
        score: Option<FaceScore>,
        ratings: i64,
    }
    let rows: Vec<RatingRow> = sqlx::query_as(
        "SELECT period, promise_id, cohort, score, COUNT(*) AS ratings FROM promise_ratings \
         WHERE period >= $1 AND period <= $2 GROUP BY period, promise_id, cohort, score",
    )
    .bind(earliest.key())
    .bind(period.key())
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| RatingGroup {
            period: row.period,
            promise_id: row.promise_id,
            cohort: row.cohort,
            score: face_score(row.score),
            ratings: count(row.ratings),
        })
        .collect())
}

/// The forum sessions held in the period, with attendance and each
/// activity's answers counted.
async fn sessions(db: &Db, period: Period) -> Result<Vec<SessionCounts>, sqlx::Error> {
    let bounds = Bounds::of(period);
    let held: Vec<(String, String, String, Day, i64)> = sqlx::query_as(
        "SELECT s.id, f.name, s.title, s.held_on, \
           (SELECT COUNT(*) FROM live_seats e WHERE e.session_id = s.id) \
         FROM live_sessions s JOIN forums f ON f.id = s.forum_id \
         WHERE s.held_on >= $1 AND s.held_on <= $2 AND s.status <> 'draft' \
         ORDER BY s.held_on, s.created_at, s.id",
    )
    .bind(&bounds.first_day)
    .bind(&bounds.last_day)
    .fetch_all(db)
    .await?;
    let activities: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT v.id, v.session_id, v.question FROM live_activities v \
         JOIN live_sessions s ON s.id = v.session_id \
         WHERE s.held_on >= $1 AND s.held_on <= $2 AND s.status <> 'draft' \
         ORDER BY v.position, v.id",
    )
    .bind(&bounds.first_day)
    .bind(&bounds.last_day)
    .fetch_all(db)
    .await?;
    let answer_rows: Vec<(i64, String, i64)> = sqlx::query_as(&format!(
        "SELECT a.activity_id, a.answer, COUNT(*) FROM live_answers a \
         JOIN live_activities v ON v.id = a.activity_id \
         JOIN live_sessions s ON s.id = v.session_id \
         WHERE s.held_on >= $1 AND s.held_on <= $2 AND s.status <> 'draft' AND a.{NOT_WRITTEN} \
         GROUP BY a.activity_id, a.answer"
    ))
    .bind(&bounds.first_day)
    .bind(&bounds.last_day)
    .fetch_all(db)
    .await?;
    let mut answers: HashMap<i64, Vec<(Answer, u32)>> = HashMap::new();
    for (activity, json, n) in answer_rows {
        answers
            .entry(activity)
            .or_default()
            .push((stored_json(&json)?, count(n)));
    }
    held.into_iter()
        .map(|(id, forum, title, held_on, attendance)| {
            let activities = activities
                .iter()
                .filter(|(_, session, _)| *session == id)
                .map(|(activity, _, json)| {
                    Ok(ActivityCounts {
                        question: stored_json::<Question>(json)?,
                        answers: answers.remove(activity).unwrap_or_default(),
                    })
                })
                .collect::<Result<_, sqlx::Error>>()?;
            Ok(SessionCounts {
                activities,
                forum,
                title,
                held_on: held_on.0,
                attendance: count(attendance),
            })
        })
        .collect()
}

/// Right to Rights items received in the period: counts by type and
/// outcome, and for the clock the dates only. Never their content.
async fn rights(db: &Db, period: Period) -> Result<RightsCounts, sqlx::Error> {
    let bounds = Bounds::of(period);
    let by_kind: Vec<(ConcernKind, i64)> = sqlx::query_as(
        "SELECT kind, COUNT(*) FROM concerns WHERE received_at >= $1 AND received_at < $2 GROUP BY kind",
    )
    .bind(bounds.starts_at)
    .bind(bounds.ends_at)
    .fetch_all(db)
    .await?;
    let by_outcome: Vec<(Option<Outcome>, i64)> = sqlx::query_as(
        "SELECT outcome, COUNT(*) FROM concerns WHERE received_at >= $1 AND received_at < $2 \
         GROUP BY outcome",
    )
    .bind(bounds.starts_at)
    .bind(bounds.ends_at)
    .fetch_all(db)
    .await?;
    let clock: Vec<(Day, Option<StoredTime>)> = sqlx::query_as(
        "SELECT received_on, first_response_at FROM concerns \
         WHERE received_at >= $1 AND received_at < $2 AND kind <> 'compliment'",
    )
    .bind(bounds.starts_at)
    .bind(bounds.ends_at)
    .fetch_all(db)
    .await?;
    Ok(RightsCounts {
        by_kind: by_kind
            .into_iter()
            .map(|(kind, n)| (kind, count(n)))
            .collect(),
        by_outcome: by_outcome
            .into_iter()
            .map(|(outcome, n)| (outcome, count(n)))
            .collect(),
        stage_one: clock
            .into_iter()
            .map(|(received, answered)| (received.0, answered.map(|StoredTime(at)| uk_date(at))))
            .collect(),
    })
}

/// The approved quotes an officer chose for the period's report.
async fn chosen_quotes(db: &Db, period: Period) -> Result<Vec<ChosenQuote>, sqlx::Error> {
    let rows: Vec<(String, Option<i64>, Option<String>)> = sqlx::query_as(
        "SELECT q.quote, p.position, s.title FROM report_quotes c \
         JOIN approved_quotes q ON q.id = c.quote_id \
         LEFT JOIN promises p ON p.id = q.promise_id \
         LEFT JOIN survey_responses r ON q.source_kind = 'survey_answer' AND r.id = q.source_id \
         LEFT JOIN surveys s ON s.id = r.survey_id \
         WHERE c.period = $1 ORDER BY q.approved_at, q.id",
    )
    .bind(period.key())
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(quote, promise, survey)| ChosenQuote {
            quote,
            about: match (promise, survey) {
                (Some(position), _) => format!("Promise {position}"),
                (None, Some(title)) => format!("Survey: {title}"),
                (None, None) => String::new(),
            },
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::NOT_WRITTEN;
    use crate::domain::FaceRating;
    use crate::surveys::questions::Answer;

    /// `NOT_WRITTEN` counts on serde writing a written answer's tag first:
    /// if that ever changes, written answers would be counted (or every
    /// answer left out) with no error anywhere, so this pins it.
    #[test]
    fn only_written_answers_start_with_the_prefix_the_counting_leaves_out() {
        let prefix = NOT_WRITTEN
            .strip_prefix("answer NOT LIKE '")
            .and_then(|rest| rest.strip_suffix("%'"))
            .expect("the clause's shape");
        let stored = |answer: &Answer| serde_json::to_string(answer).expect("json");
        let written = Answer::Text {
            text: "my carer listens".into(),
        };
        assert!(stored(&written).starts_with(prefix), "{}", stored(&written));
        let counted = [
            Answer::PreferNotToSay,
            Answer::Skipped,
            Answer::Choice {
                value: "text".into(),
            },
            Answer::Choices {
                chosen: vec!["text".into()],
                other: Some("text".into()),
            },
            Answer::Face {
                rating: FaceRating::Score(3),
            },
            Answer::Promises {
                ratings: vec![(1, FaceRating::NotSure)],
            },
        ];
        for answer in &counted {
            assert!(!stored(answer).starts_with(prefix), "{}", stored(answer));
        }
    }
}
