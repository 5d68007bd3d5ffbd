//! API tokens and one-time sign-in links, stored as SHA-256 hashes.

use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct ApiTokenRow {
    pub id: String,
    pub team_id: Option<String>,
    pub user_id: Option<String>,
}

/// A token as its owner sees it later: never the secret.
#[derive(Debug, Clone, FromRow)]
pub struct ApiTokenInfo {
    pub id: String,
    pub name: String,
    pub prefix: Option<String>,
    pub team_id: Option<String>,
    pub user_id: Option<String>,
    pub created_at: i64,
    pub last_used_at: Option<i64>,
}

pub struct NewApiToken<'a> {
    pub id: &'a str,
    pub hash: &'a str,
    pub name: &'a str,
    pub prefix: &'a str,
    pub team_id: Option<&'a str>,
    pub user_id: Option<&'a str>,
    pub created_by: &'a str,
    pub now: i64,
}

pub async fn insert_api_token<'e, E: Executor<'e, Database = Any>>(
    e: E,
    t: &NewApiToken<'_>,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO api_tokens (token_hash, id, name, prefix, team_id, user_id, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(t.hash)
    .bind(t.id)
    .bind(t.name)
    .bind(t.prefix)
    .bind(t.team_id)
    .bind(t.user_id)
    .bind(t.created_by)
    .bind(t.now)
    .execute(e)
    .await?;
    Ok(())
}

/// The token with this hash, if it is still valid: a staff member's token
/// stops working the moment the account is deactivated.
pub async fn api_token<'e, E: Executor<'e, Database = Any>>(
    e: E,
    hash: &str,
) -> sqlx::Result<Option<ApiTokenRow>> {
    sqlx::query_as(
        "SELECT t.id, t.team_id, t.user_id FROM api_tokens t LEFT JOIN users u ON u.id = t.user_id \
         WHERE t.token_hash = $1 AND u.disabled_at IS NULL",
    )
    .bind(hash)
    .fetch_optional(e)
    .await
}

/// Records a use, at most once a minute per token (one write per minute,
/// not one per request).
pub async fn touch_api_token<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE api_tokens SET last_used_at = $2 \
         WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $3)",
    )
    .bind(id)
    .bind(now)
    .bind(now - 60_000)
    .execute(e)
    .await?;
    Ok(())
}

const INFO: &str = "id, name, prefix, team_id, user_id, created_at, last_used_at";

pub async fn team_tokens<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
) -> sqlx::Result<Vec<ApiTokenInfo>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {INFO} FROM api_tokens WHERE team_id = $1 ORDER BY created_at, id"
    )))
    .bind(team_id)
    .fetch_all(e)
    .await
}

/// Staff tokens: one user's, or everyone's when `user_id` is `None`.
pub async fn staff_tokens<'e, E: Executor<'e, Database = Any>>(
    e: E,
    user_id: Option<&str>,
) -> sqlx::Result<Vec<ApiTokenInfo>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {INFO} FROM api_tokens WHERE user_id IS NOT NULL AND (CAST($1 AS TEXT) IS NULL OR user_id = $1) \
         ORDER BY created_at, id"
    )))
    .bind(user_id)
    .fetch_all(e)
    .await
}

pub async fn token_info<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
) -> sqlx::Result<Option<ApiTokenInfo>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {INFO} FROM api_tokens WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(e)
    .await
}

/// Revokes a token; whether it existed.
pub async fn delete_api_token<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
) -> sqlx::Result<bool> {
    Ok(sqlx::query("DELETE FROM api_tokens WHERE id = $1")
        .bind(id)
        .execute(e)
        .await?
        .rows_affected()
        > 0)
}

pub async fn delete_user_tokens<'e, E: Executor<'e, Database = Any>>(
    e: E,
    user_id: &str,
) -> sqlx::Result<u64> {
    Ok(sqlx::query("DELETE FROM api_tokens WHERE user_id = $1")
        .bind(user_id)
        .execute(e)
        .await?
        .rows_affected())
}

/// A new sign-in link; the user's older unused links stop working (only the
/// newest link in someone's mailbox is ever good).
pub async fn insert_login_link(
    tx: &mut crate::db::Tx,
    hash: &str,
    user_id: &str,
    now: i64,
    expires_at: i64,
    supersede: bool,
) -> sqlx::Result<()> {
    if supersede {
        retire_login_links(&mut **tx, user_id, now).await?;
    }
    sqlx::query("INSERT INTO login_links (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(hash)
        .bind(user_id)
        .bind(now)
        .bind(expires_at)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Marks an unused, unexpired link as used and returns its user; a link
/// works once, even when two requests race (the guard updates one row).
pub async fn consume_login_link<'e, E: Executor<'e, Database = Any>>(
    e: E,
    hash: &str,
    now: i64,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar(
        "UPDATE login_links SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 \
         AND user_id IN (SELECT id FROM users WHERE disabled_at IS NULL) \
         RETURNING user_id",
    )
    .bind(hash)
    .bind(now)
    .fetch_optional(e)
    .await
}

/// Ends every unused sign-in link of a user.
pub async fn retire_login_links<'e, E: Executor<'e, Database = Any>>(
    e: E,
    user_id: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE login_links SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL")
        .bind(user_id)
        .bind(now)
        .execute(e)
        .await?;
    Ok(())
}

/// When the user's latest sign-in link was made (to throttle requests).
pub async fn latest_login_link<'e, E: Executor<'e, Database = Any>>(
    e: E,
    user_id: &str,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT MAX(created_at) FROM login_links WHERE user_id = $1")
        .bind(user_id)
        .fetch_one(e)
        .await
}
