//! API tokens and one-time sign-in links, stored as SHA-256 hashes.

use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct ApiTokenRow {
    pub team_id: Option<String>,
    pub user_id: Option<String>,
}

pub async fn insert_api_token<'e, E: Executor<'e, Database = Any>>(
    e: E,
    hash: &str,
    team_id: Option<&str>,
    user_id: Option<&str>,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO api_tokens (token_hash, team_id, user_id, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(hash)
    .bind(team_id)
    .bind(user_id)
    .bind(now)
    .execute(e)
    .await?;
    Ok(())
}

pub async fn api_token<'e, E: Executor<'e, Database = Any>>(
    e: E,
    hash: &str,
) -> sqlx::Result<Option<ApiTokenRow>> {
    sqlx::query_as("SELECT team_id, user_id FROM api_tokens WHERE token_hash = $1")
        .bind(hash)
        .fetch_optional(e)
        .await
}

pub async fn insert_login_link<'e, E: Executor<'e, Database = Any>>(
    e: E,
    hash: &str,
    user_id: &str,
    now: i64,
    expires_at: i64,
) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO login_links (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(hash)
        .bind(user_id)
        .bind(now)
        .bind(expires_at)
        .execute(e)
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
         RETURNING user_id",
    )
    .bind(hash)
    .bind(now)
    .fetch_optional(e)
    .await
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
