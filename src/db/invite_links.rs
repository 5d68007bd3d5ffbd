//! Open invite links and the people who asked to join through them
//! (migration 0024).

use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct InviteLinkRow {
    pub id: String,
    pub team_id: String,
    pub secret_hash: String,
    pub name: String,
    pub domains: String,
    pub cap: i64,
    pub used: i64,
    pub expires_at: i64,
    pub due_date: String,
    pub created_by: String,
    pub created_at: i64,
    pub revoked_at: Option<i64>,
}

const LINK_COLUMNS: &str = "id, team_id, secret_hash, name, domains, cap, used, expires_at, \
     due_date, created_by, created_at, revoked_at";

pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    e: E,
    l: &InviteLinkRow,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO invite_links (id, team_id, secret_hash, name, domains, cap, used, \
         expires_at, due_date, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8, $9, $10)",
    )
    .bind(&l.id)
    .bind(&l.team_id)
    .bind(&l.secret_hash)
    .bind(&l.name)
    .bind(&l.domains)
    .bind(l.cap)
    .bind(l.expires_at)
    .bind(&l.due_date)
    .bind(&l.created_by)
    .bind(l.created_at)
    .execute(e)
    .await?;
    Ok(())
}

/// A team's links, newest first.
pub async fn of_team<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
) -> sqlx::Result<Vec<InviteLinkRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {LINK_COLUMNS} FROM invite_links WHERE team_id = $1 ORDER BY created_at DESC, id"
    )))
    .bind(team_id)
    .fetch_all(e)
    .await
}

/// One of a team's links.
pub async fn get<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    id: &str,
) -> sqlx::Result<Option<InviteLinkRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {LINK_COLUMNS} FROM invite_links WHERE id = $1 AND team_id = $2"
    )))
    .bind(id)
    .bind(team_id)
    .fetch_optional(e)
    .await
}

pub async fn by_secret<'e, E: Executor<'e, Database = Any>>(
    e: E,
    secret_hash: &str,
) -> sqlx::Result<Option<InviteLinkRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {LINK_COLUMNS} FROM invite_links WHERE secret_hash = $1"
    )))
    .bind(secret_hash)
    .fetch_optional(e)
    .await
}

pub async fn by_id<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
) -> sqlx::Result<Option<InviteLinkRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {LINK_COLUMNS} FROM invite_links WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(e)
    .await
}

/// Revokes the link; false if it was revoked already.
pub async fn revoke<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    now: i64,
) -> sqlx::Result<bool> {
    let r =
        sqlx::query("UPDATE invite_links SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL")
            .bind(id)
            .bind(now)
            .execute(e)
            .await?;
    Ok(r.rows_affected() == 1)
}

/// Takes one place on the link: false when it is full, expired or
/// revoked. One statement, so two confirmations at once cannot both take
/// the last place.
pub async fn take_place<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    now: i64,
) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "UPDATE invite_links SET used = used + 1 \
         WHERE id = $1 AND used < cap AND revoked_at IS NULL AND expires_at > $2",
    )
    .bind(id)
    .bind(now)
    .execute(e)
    .await?;
    Ok(r.rows_affected() == 1)
}

#[derive(Debug, Clone, FromRow)]
pub struct JoinRow {
    pub id: String,
    pub link_id: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub token_hash: Option<String>,
    pub created_at: i64,
    pub expires_at: i64,
    pub confirmed_at: Option<i64>,
    pub headshot_id: Option<String>,
}

const JOIN_COLUMNS: &str = "id, link_id, first_name, last_name, email, token_hash, created_at, \
     expires_at, confirmed_at, headshot_id";

pub async fn insert_join<'e, E: Executor<'e, Database = Any>>(
    e: E,
    j: &JoinRow,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO invite_link_joins (id, link_id, first_name, last_name, email, created_at, \
         expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&j.id)
    .bind(&j.link_id)
    .bind(&j.first_name)
    .bind(&j.last_name)
    .bind(&j.email)
    .bind(j.created_at)
    .bind(j.expires_at)
    .execute(e)
    .await?;
    Ok(())
}

pub async fn join<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
) -> sqlx::Result<Option<JoinRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {JOIN_COLUMNS} FROM invite_link_joins WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(e)
    .await
}

pub async fn join_by_token<'e, E: Executor<'e, Database = Any>>(
    e: E,
    token_hash: &str,
) -> sqlx::Result<Option<JoinRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {JOIN_COLUMNS} FROM invite_link_joins WHERE token_hash = $1"
    )))
    .bind(token_hash)
    .fetch_optional(e)
    .await
}

/// The confirmation link's secret, made when the email is written (a
/// retried email replaces the link).
pub async fn set_join_token<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    token_hash: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE invite_link_joins SET token_hash = $2 WHERE id = $1 AND confirmed_at IS NULL",
    )
    .bind(id)
    .bind(token_hash)
    .execute(e)
    .await?;
    Ok(())
}

/// Confirms the join; false if it was confirmed already (a second click,
/// or a second request at the same moment, which waits for the first's
/// lock) or expired.
pub async fn claim_join<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    now: i64,
) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "UPDATE invite_link_joins SET confirmed_at = $2 \
         WHERE id = $1 AND confirmed_at IS NULL AND expires_at > $2",
    )
    .bind(id)
    .bind(now)
    .execute(e)
    .await?;
    Ok(r.rows_affected() == 1)
}

pub async fn set_join_headshot<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    headshot_id: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE invite_link_joins SET headshot_id = $2 WHERE id = $1")
        .bind(id)
        .bind(headshot_id)
        .execute(e)
        .await?;
    Ok(())
}

/// The team's newest headshot at `email` (not deleted), with its personal
/// link's version: someone already in the team joins no second time.
pub async fn live_headshot_at<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    email: &str,
) -> sqlx::Result<Option<(String, i64)>> {
    sqlx::query_as(
        "SELECT id, member_token_version FROM headshots \
         WHERE team_id = $1 AND email = $2 AND deleted_at IS NULL \
         ORDER BY created_at DESC, id LIMIT 1",
    )
    .bind(team_id)
    .bind(email)
    .fetch_optional(e)
    .await
}
