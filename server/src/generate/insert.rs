//! Writes a generated data set in one transaction, many rows per INSERT,
//! so a million answers go in within seconds on either database.

use super::DataSet;
use app::db::Db;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, AnyConnection};

/// The account that wrote the surveys, ran the sessions, approved the
/// quotes and published the actions.
pub const GENERATED_STAFF_ID: &str = "generated-officer";

/// One value of a row to insert.
enum Value {
    Text(String),
    Int(i64),
    NullText,
    NullInt,
}

fn text(value: impl Into<String>) -> Value {
    Value::Text(value.into())
}

fn opt_text(value: Option<impl Into<String>>) -> Value {
    value.map_or(Value::NullText, |v| Value::Text(v.into()))
}

fn time(moment: DateTime<Utc>) -> Value {
    Value::Int(moment.timestamp())
}

fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn day(date: NaiveDate) -> Value {
    text(app::domain::Day(date).as_stored())
}

/// Most values bound in one statement. SQLite looks each numbered placeholder
/// up by name, so far bigger statements get slower, not faster.
const MAX_BINDS: usize = 1_000;

async fn insert_rows(
    connection: &mut AnyConnection,
    table: &str,
    columns: &[&str],
    rows: Vec<Vec<Value>>,
) -> Result<(), sqlx::Error> {
    let per_statement = (MAX_BINDS / columns.len()).max(1);
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Vec<Value>> = rows.by_ref().take(per_statement).collect();
        let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
        let mut n = 0;
        for (i, _) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push(',');
            }
            let placeholders: Vec<String> = columns
                .iter()
                .map(|_| {
                    n += 1;
                    format!("${n}")
                })
                .collect();
            sql.push('(');
            sql.push_str(&placeholders.join(","));
            sql.push(')');
        }
        let mut query: Query<'_, Any, AnyArguments<'_>> = sqlx::query(&sql);
        for value in chunk.into_iter().flatten() {
            query = match value {
                Value::Text(v) => query.bind(v),
                Value::Int(v) => query.bind(v),
                Value::NullText => query.bind(None::<String>),
                Value::NullInt => query.bind(None::<i64>),
            };
        }
        query.execute(&mut *connection).await?;
    }
    Ok(())
}

/// Inserts everything generated (and the generated officer's account).
pub async fn insert(db: &Db, data: &DataSet) -> Result<(), sqlx::Error> {
    let mut tx = db.begin().await?;
    let connection: &mut AnyConnection = &mut tx;
    let start = data.periods[0].starts_at();
    insert_rows(
        connection,
        "accounts",
        &["id", "role", "display_name", "email", "created_at"],
        vec![vec![
            text(GENERATED_STAFF_ID),
            text("participation_officer"),
            text("Generated officer"),
            text("generated.officer@voice.invalid"),
            time(start),
        ]],
    )
    .await?;
    insert_rows(
        connection,
        "accounts",
        &[
            "id",
            "role",
            "display_name",
            "username",
            "cohort",
            "birth_year",
            "birth_month",
            "created_at",
        ],
        data.people
            .iter()
            .enumerate()
            .map(|(n, p)| {
                vec![
                    text(&p.id),
                    text("young_person"),
                    text(format!("Young person {n}")),
                    text(format!("gen{n:05}")),
                    text(p.cohort.as_str()),
                    Value::Int(i64::from(p.birth_year)),
                    Value::Int(i64::from(p.birth_month)),
                    time(start),
                ]
            })
            .collect(),
    )
    .await?;
    surveys(connection, data).await?;
    ratings(connection, data).await?;
    sessions(connection, data).await?;
    concerns(connection, data).await?;
    quotes_and_actions(connection, data).await?;
    tx.commit().await
}

fn person_id(data: &DataSet, person: Option<usize>) -> Value {
    opt_text(person.map(|p| data.people[p].id.clone()))
}

async fn surveys(connection: &mut AnyConnection, data: &DataSet) -> Result<(), sqlx::Error> {
    insert_rows(
        connection,
        "surveys",
        &[
            "id",
            "title",
            "introduction",
            "audience",
            "opens_on",
            "closes_on",
            "allow_anonymous",
            "status",
            "current_version",
            "created_by",
            "created_at",
            "changed_at",
        ],
        data.surveys
            .iter()
            .map(|s| {
                let status = if s.closes_on < data.today {
                    "closed"
                } else {
                    "open"
                };
                vec![
                    text(&s.id),
                    text(&s.title),
                    text(""),
                    text("8-10,11-18,16-25"),
                    day(s.opens_on),
                    day(s.closes_on),
                    Value::Int(1),
                    text(status),
                    Value::Int(1),
                    text(GENERATED_STAFF_ID),
                    Value::Int(0),
                    Value::Int(0),
                ]
            })
            .collect(),
    )
    .await?;
    insert_rows(
        connection,
        "survey_versions",
        &["survey_id", "version", "questions", "created_at"],
        data.surveys
            .iter()
            .map(|s| {
                vec![
                    text(&s.id),
                    Value::Int(1),
                    text(json(&s.questions)),
                    Value::Int(0),
                ]
            })
            .collect(),
    )
    .await?;
    insert_rows(
        connection,
        "survey_responses",
        &[
            "id",
            "survey_id",
            "version",
            "account_id",
            "cohort",
            "age_band",
            "started_at",
            "submitted_at",
        ],
        data.responses
            .iter()
            .map(|r| {
                vec![
                    text(&r.id),
                    text(&data.surveys[r.survey].id),
                    Value::Int(1),
                    person_id(data, r.person),
                    opt_text(r.cohort.map(|c| c.as_str())),
                    opt_text(r.age_band.map(|b| b.as_str())),
                    time(r.submitted_at),
                    time(r.submitted_at),
                ]
            })
            .collect(),
    )
    .await?;
    insert_rows(
        connection,
        "survey_answers",
        &["response_id", "question_id", "answer", "answered_at"],
        data.responses
            .iter()
            .flat_map(|r| {
                r.answers.iter().map(|(question, answer)| {
                    vec![
                        text(&r.id),
                        Value::Int(i64::from(*question)),
                        text(json(answer)),
                        time(r.submitted_at),
                    ]
                })
            })
            .collect(),
    )
    .await
}

async fn ratings(connection: &mut AnyConnection, data: &DataSet) -> Result<(), sqlx::Error> {
    insert_rows(
        connection,
        "promise_ratings",
        &[
            "id",
            "account_id",
            "promise_id",
            "period",
            "score",
            "why",
            "better",
            "cohort",
            "age_band",
            "rated_at",
            "changed_at",
        ],
        data.ratings
            .iter()
            .map(|r| {
                vec![
                    text(&r.id),
                    text(&data.people[r.person].id),
                    Value::Int(r.promise_id),
                    text(r.period.key()),
                    r.score.map_or(Value::NullInt, |s| Value::Int(i64::from(s))),
                    text(&r.why),
                    text(""),
                    text(r.cohort.as_str()),
                    text(r.age_band.as_str()),
                    time(r.rated_at),
                    time(r.rated_at),
                ]
            })
            .collect(),
    )
    .await
}

async fn sessions(connection: &mut AnyConnection, data: &DataSet) -> Result<(), sqlx::Error> {
    insert_rows(
        connection,
        "live_sessions",
        &[
            "id",
            "forum_id",
            "title",
            "held_on",
            "status",
            "min_answers",
            "created_by",
            "created_at",
            "closed_at",
        ],
        data.sessions
            .iter()
            .map(|s| {
                vec![
                    text(&s.id),
                    Value::Int(s.forum_id),
                    text(&s.title),
                    day(s.held_on),
                    text("closed"),
                    Value::Int(5),
                    text(GENERATED_STAFF_ID),
                    time(s.created_at),
                    time(s.created_at),
                ]
            })
            .collect(),
    )
    .await?;
    insert_rows(
        connection,
        "live_seats",
        &["id", "session_id", "account_id", "cohort", "age_band"],
        data.sessions
            .iter()
            .flat_map(|s| {
                s.seats.iter().map(|seat| {
                    vec![
                        text(&seat.id),
                        text(&s.id),
                        person_id(data, seat.person),
                        opt_text(seat.cohort.map(|c| c.as_str())),
                        opt_text(seat.age_band.map(|b| b.as_str())),
                    ]
                })
            })
            .collect(),
    )
    .await?;
    let mut answers = Vec::new();
    for session in &data.sessions {
        for (position, activity) in session.activities.iter().enumerate() {
            // The activity's id comes from the database, so one at a time.
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO live_activities (session_id, position, question) VALUES ($1, $2, $3) RETURNING id",
            )
            .bind(&session.id)
            .bind(position as i64 + 1)
            .bind(json(activity))
            .fetch_one(&mut *connection)
            .await?;
            for seat in &session.seats {
                for (_, answer) in seat.answers.iter().filter(|(index, _)| *index == position) {
                    answers.push(vec![
                        Value::Int(id),
                        text(&seat.id),
                        text(json(answer)),
                        Value::Int(0),
                        Value::Int(0),
                    ]);
                }
            }
        }
    }
    insert_rows(
        connection,
        "live_answers",
        &["activity_id", "seat_id", "answer", "approved", "flagged"],
        answers,
    )
    .await
}

async fn concerns(connection: &mut AnyConnection, data: &DataSet) -> Result<(), sqlx::Error> {
    insert_rows(
        connection,
        "concerns",
        &[
            "id",
            "reference",
            "account_id",
            "kind",
            "details",
            "contact_method",
            "cohort",
            "age_band",
            "status",
            "created_at",
            "received_at",
            "received_on",
            "due_on",
            "first_response_at",
            "outcome",
            "closed_at",
        ],
        data.concerns
            .iter()
            .map(|c| {
                let status = match (c.outcome, c.first_response_at) {
                    (Some(_), _) => "closed",
                    (None, Some(_)) => "answered",
                    (None, None) => "received",
                };
                let closed_at = c.outcome.and(c.first_response_at);
                vec![
                    text(&c.id),
                    text(&c.reference),
                    text(&data.people[c.person].id),
                    text(c.kind.as_str()),
                    text(&c.details),
                    text("in_app"),
                    text(c.cohort.as_str()),
                    text(c.age_band.as_str()),
                    text(status),
                    time(c.received_at),
                    time(c.received_at),
                    day(c.received_on),
                    day(c.due_on),
                    c.first_response_at.map_or(Value::NullInt, time),
                    opt_text(c.outcome.map(|o| o.as_str())),
                    closed_at.map_or(Value::NullInt, time),
                ]
            })
            .collect(),
    )
    .await
}

async fn quotes_and_actions(
    connection: &mut AnyConnection,
    data: &DataSet,
) -> Result<(), sqlx::Error> {
    insert_rows(
        connection,
        "approved_quotes",
        &[
            "id",
            "source_kind",
            "source_id",
            "source_field",
            "period",
            "promise_id",
            "quote",
            "approved_by",
            "approved_at",
        ],
        data.quotes
            .iter()
            .map(|q| {
                let rating = &data.ratings[q.rating];
                vec![
                    text(&q.id),
                    text("promise_rating"),
                    text(&rating.id),
                    text("why"),
                    text(rating.period.key()),
                    Value::Int(rating.promise_id),
                    text(&q.quote),
                    text(GENERATED_STAFF_ID),
                    time(q.approved_at),
                ]
            })
            .collect(),
    )
    .await?;
    insert_rows(
        connection,
        "report_quotes",
        &["period", "quote_id"],
        data.quotes
            .iter()
            .map(|q| vec![text(data.ratings[q.rating].period.key()), text(&q.id)])
            .collect(),
    )
    .await?;
    insert_rows(
        connection,
        "you_said_we_did",
        &[
            "id",
            "you_said",
            "we_did",
            "period",
            "status",
            "published_by",
            "published_at",
            "changed_at",
        ],
        data.actions
            .iter()
            .map(|a| {
                vec![
                    text(&a.id),
                    text(&a.you_said),
                    text(&a.we_did),
                    text(a.period.key()),
                    text(a.status.as_str()),
                    text(GENERATED_STAFF_ID),
                    time(a.published_at),
                    time(a.published_at),
                ]
            })
            .collect(),
    )
    .await?;
    insert_rows(
        connection,
        "you_said_we_did_promises",
        &["action_id", "promise_id"],
        data.actions
            .iter()
            .map(|a| vec![text(&a.id), Value::Int(a.promise_id)])
            .collect(),
    )
    .await
}
