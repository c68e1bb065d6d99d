//! Account records in the database.

use super::{AccountDetails, AccountFilter, AccountStatus, AccountSummary, NewAccount};
use crate::activation_key::ActivationKey;
use crate::db::Db;
use crate::domain::paging::PageNumber;
use crate::domain::{AccountId, ActivationCode, BirthMonth, Cohort, Role};
use crate::listing::{contains_pattern, fetch_page, Conditions};
use crate::stored::{stored_birth_month, StoredTime};
use chrono::{DateTime, Duration, Utc};
use rand::Rng;

/// How long an activation code can be used for.
pub const ACTIVATION_DAYS: i64 = 28;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("that {0} is already used by another account")]
    Taken(&'static str),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// What sign-in needs to know about an account.
pub struct SignInRecord {
    pub id: AccountId,
    pub password_hash: Option<String>,
    pub deactivated: bool,
}

fn new_code() -> ActivationCode {
    let mut rng = rand::rngs::OsRng;
    ActivationCode::from_indices(std::array::from_fn(|_| rng.gen_range(0..32u8)))
}

/// Looks an account up by what was typed at sign-in: an email address for
/// staff, a username for young people.
pub async fn find_for_sign_in(db: &Db, login: &str) -> Result<Option<SignInRecord>, sqlx::Error> {
    let column = if login.contains('@') {
        "email"
    } else {
        "username"
    };
    let row: Option<(AccountId, Option<String>, Option<i64>)> = sqlx::query_as(&format!(
        "SELECT id, password_hash, deactivated_at FROM accounts WHERE {column} = $1"
    ))
    .bind(login)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(id, password_hash, deactivated_at)| SignInRecord {
        id,
        password_hash,
        deactivated: deactivated_at.is_some(),
    }))
}

/// Creates an account waiting for activation and returns its id and code.
pub async fn create(
    db: &mut crate::db::Conn,
    key: &ActivationKey,
    account: &NewAccount,
    now: DateTime<Utc>,
) -> Result<(AccountId, ActivationCode), StoreError> {
    let (email, username, cohort, birth) = match account {
        NewAccount::Staff { email, .. } => (Some(email.as_str()), None, None, None),
        NewAccount::YoungPerson {
            username,
            cohort,
            birth_month,
            ..
        } => (
            None,
            Some(username.as_str()),
            Some(*cohort),
            Some(*birth_month),
        ),
    };
    if let Some(email) = email {
        if exists(&mut *db, "email", email).await? {
            return Err(StoreError::Taken("email address"));
        }
    }
    if let Some(username) = username {
        if exists(&mut *db, "username", username).await? {
            return Err(StoreError::Taken("username"));
        }
    }
    let id = AccountId::new_random();
    let code = new_code();
    sqlx::query(
        "INSERT INTO accounts (id, role, display_name, email, username, activation_code_hash, \
         activation_expires_at, cohort, birth_year, birth_month, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(&id)
    .bind(account.role().as_str())
    .bind(account.display_name())
    .bind(email)
    .bind(username)
    .bind(key.hash(&code))
    .bind((now + Duration::days(ACTIVATION_DAYS)).timestamp())
    .bind(cohort.map(Cohort::as_str))
    .bind(birth.map(|b: BirthMonth| i64::from(b.year())))
    .bind(birth.map(|b: BirthMonth| i64::from(b.month())))
    .bind(now.timestamp())
    .execute(&mut *db)
    .await?;
    Ok((id, code))
}

async fn exists(
    db: impl crate::db::Runs<'_>,
    column: &str,
    value: &str,
) -> Result<bool, sqlx::Error> {
    let count: i64 = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM accounts WHERE {column} = $1"
    ))
    .bind(value)
    .fetch_one(db)
    .await?;
    Ok(count > 0)
}

/// Gives an account a new code and clears its password and sessions: used
/// when someone has lost their password or their phone.
pub async fn reissue_code(
    db: &mut crate::db::Conn,
    key: &ActivationKey,
    account_id: &AccountId,
    now: DateTime<Utc>,
) -> Result<ActivationCode, sqlx::Error> {
    let code = new_code();
    sqlx::query(
        "UPDATE accounts SET activation_code_hash = $1, activation_expires_at = $2, password_hash = NULL \
         WHERE id = $3",
    )
    .bind(key.hash(&code))
    .bind((now + Duration::days(ACTIVATION_DAYS)).timestamp())
    .bind(account_id)
    .execute(&mut *db)
    .await?;
    super::sessions::end_all_for(&mut *db, account_id).await?;
    Ok(code)
}

/// Whether a code is one that activation would accept now: checked before a
/// password is hashed, so a wrong code costs no hash.
pub async fn is_pending_code(
    db: &Db,
    key: &ActivationKey,
    code: &ActivationCode,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM accounts \
         WHERE activation_code_hash = $1 AND activation_expires_at > $2 AND deactivated_at IS NULL",
    )
    .bind(key.hash(code))
    .bind(now.timestamp())
    .fetch_optional(db)
    .await?;
    Ok(found.is_some())
}

/// Uses a code: sets the password and forgets the code, so it works once.
/// Returns the account id, or `None` if the code is wrong, used or expired.
pub async fn activate(
    db: impl crate::db::Runs<'_>,
    key: &ActivationKey,
    code: &ActivationCode,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<AccountId>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE accounts SET password_hash = $1, activation_code_hash = NULL, activation_expires_at = NULL \
         WHERE activation_code_hash = $2 AND activation_expires_at > $3 AND deactivated_at IS NULL \
         RETURNING id",
    )
    .bind(password_hash)
    .bind(key.hash(code))
    .bind(now.timestamp())
    .fetch_optional(db)
    .await
}

pub async fn deactivate(
    db: &mut crate::db::Conn,
    account_id: &AccountId,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let result = sqlx::query(
        "UPDATE accounts SET deactivated_at = $1 WHERE id = $2 AND deactivated_at IS NULL",
    )
    .bind(now.timestamp())
    .bind(account_id)
    .execute(&mut *db)
    .await?;
    super::sessions::end_all_for(&mut *db, account_id).await?;
    Ok(result.rows_affected() > 0)
}

/// An account as stored, before it is put into words for a page.
#[derive(sqlx::FromRow)]
struct AccountRow {
    id: AccountId,
    role: Role,
    display_name: String,
    email: Option<String>,
    username: Option<String>,
    password_hash: Option<String>,
    deactivated_at: Option<i64>,
    cohort: Option<Cohort>,
    birth_year: Option<i64>,
    birth_month: Option<i64>,
    created_at: StoredTime,
}

const ACCOUNT_COLUMNS: &str =
    "id, role, display_name, email, username, password_hash, deactivated_at, \
                               cohort, birth_year, birth_month, created_at";

fn status(password_hash: &Option<String>, deactivated_at: Option<i64>) -> AccountStatus {
    match (deactivated_at, password_hash) {
        (Some(_), _) => AccountStatus::Closed,
        (None, Some(_)) => AccountStatus::Active,
        (None, None) => AccountStatus::WaitingForActivation,
    }
}

fn details_from_row(row: AccountRow) -> Result<AccountDetails, sqlx::Error> {
    let AccountRow {
        id,
        email,
        username,
        password_hash,
        deactivated_at,
        ..
    } = row;
    // Every account signs in with one or the other (a CHECK says so).
    let sign_in_name = email.or(username).ok_or_else(|| {
        sqlx::Error::Decode(
            format!("account {id} has neither an email address nor a username").into(),
        )
    })?;
    Ok(AccountDetails {
        summary: AccountSummary {
            id,
            role: row.role,
            display_name: row.display_name,
            sign_in_name,
            status: status(&password_hash, deactivated_at),
        },
        cohort: row.cohort,
        birth_month: stored_birth_month(row.birth_year, row.birth_month)?,
        created_at: row.created_at.0.format("%-d %B %Y").to_string(),
    })
}

/// One page of the accounts `filter` picks: open accounts first, then by
/// name. A page past the end is the last page.
pub async fn page(
    db: &Db,
    filter: &AccountFilter,
    page: PageNumber,
) -> Result<(Vec<AccountSummary>, PageNumber, u64), sqlx::Error> {
    let mut conditions = Conditions::default();
    if !filter.search.is_empty() {
        conditions.add(
            "(LOWER(display_name) LIKE ? ESCAPE '\\' OR LOWER(COALESCE(username, '')) LIKE ? ESCAPE '\\' \
             OR LOWER(COALESCE(email, '')) LIKE ? ESCAPE '\\')",
            contains_pattern(&filter.search),
        );
    }
    if let Some(role) = filter.role {
        conditions.add("role = ?", role.as_str());
    }
    if let Some(cohort) = filter.cohort {
        conditions.add("cohort = ?", cohort.as_str());
    }
    if let Some(status) = filter.status {
        conditions.add_fixed(match status {
            AccountStatus::Closed => "deactivated_at IS NOT NULL",
            AccountStatus::Active => "deactivated_at IS NULL AND password_hash IS NOT NULL",
            AccountStatus::WaitingForActivation => {
                "deactivated_at IS NULL AND password_hash IS NULL"
            }
        });
    }
    let (rows, page, total) = fetch_page::<AccountRow>(
        db,
        ACCOUNT_COLUMNS,
        "FROM accounts",
        &conditions,
        "deactivated_at IS NOT NULL, display_name, id",
        page,
    )
    .await?;
    let summaries = rows
        .into_iter()
        .map(|row| Ok(details_from_row(row)?.summary))
        .collect::<Result<_, sqlx::Error>>()?;
    Ok((summaries, page, total))
}

pub async fn get(db: &Db, account_id: &AccountId) -> Result<Option<AccountDetails>, sqlx::Error> {
    let row: Option<AccountRow> = sqlx::query_as(&format!(
        "SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE id = $1"
    ))
    .bind(account_id)
    .fetch_optional(db)
    .await?;
    row.map(details_from_row).transpose()
}

pub async fn count(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM accounts")
        .fetch_one(db)
        .await
}
