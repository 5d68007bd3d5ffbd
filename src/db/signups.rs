//! Sign-ups from the *Get started* page (migration 0020).

use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct SignupRow {
    pub id: String,
    pub company: String,
    pub leader_name: String,
    pub email: String,
    pub quantity: i64,
    pub timezone: Option<String>,
    pub token_hash: Option<String>,
    pub created_at: i64,
    pub expires_at: i64,
    pub confirmed_at: Option<i64>,
    pub team_id: Option<String>,
}

const COLUMNS: &str = "id, company, leader_name, email, quantity, timezone, token_hash, created_at, \
     expires_at, confirmed_at, team_id";

pub async fn insert<'e, E: Executor<'e, Database = Any>>(e: E, s: &SignupRow) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO signups (id, company, leader_name, email, quantity, timezone, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&s.id)
    .bind(&s.company)
    .bind(&s.leader_name)
    .bind(&s.email)
    .bind(s.quantity)
    .bind(&s.timezone)
    .bind(s.created_at)
    .bind(s.expires_at)
    .execute(e)
    .await?;
    Ok(())
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
) -> sqlx::Result<Option<SignupRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM signups WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(e)
    .await
}

pub async fn by_token<'e, E: Executor<'e, Database = Any>>(
    e: E,
    token_hash: &str,
) -> sqlx::Result<Option<SignupRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM signups WHERE token_hash = $1"
    )))
    .bind(token_hash)
    .fetch_optional(e)
    .await
}

/// The confirmation link's secret, made when the email is written (a
/// retried email replaces the link).
pub async fn set_token<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    token_hash: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE signups SET token_hash = $2 WHERE id = $1 AND confirmed_at IS NULL")
        .bind(id)
        .bind(token_hash)
        .execute(e)
        .await?;
    Ok(())
}

/// Confirms the sign-up; false if it was confirmed already (a second
/// click, or a second request at the same moment: the row lock makes it
/// wait for the first) or expired.
pub async fn claim<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    now: i64,
) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "UPDATE signups SET confirmed_at = $2 \
         WHERE id = $1 AND confirmed_at IS NULL AND expires_at > $2",
    )
    .bind(id)
    .bind(now)
    .execute(e)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// The team made for a confirmed sign-up.
pub async fn set_team<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    team_id: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE signups SET team_id = $2 WHERE id = $1")
        .bind(id)
        .bind(team_id)
        .execute(e)
        .await?;
    Ok(())
}
