//! Stored answers for `Idempotency-Key`.

use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct IdemRow {
    pub fingerprint: String,
    pub status: Option<i64>,
    pub body: Option<String>,
}

/// Claims the key; false when another request holds it already.
pub async fn claim<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    key: &str,
    fingerprint: &str,
    now: i64,
) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "INSERT INTO idempotency (team_id, key, fingerprint, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (team_id, key) DO NOTHING",
    )
    .bind(team_id)
    .bind(key)
    .bind(fingerprint)
    .bind(now)
    .execute(e)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Takes over a claim whose request never stored an answer and is older
/// than `stale_before` (its process died): `true` when this caller now holds
/// it and should run the work again.
pub async fn take_over_stale<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    key: &str,
    fingerprint: &str,
    now: i64,
    stale_before: i64,
) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "UPDATE idempotency SET created_at = $4 WHERE team_id = $1 AND key = $2 AND fingerprint = $3 \
         AND status IS NULL AND created_at < $5",
    )
    .bind(team_id)
    .bind(key)
    .bind(fingerprint)
    .bind(now)
    .bind(stale_before)
    .execute(e)
    .await?;
    Ok(r.rows_affected() == 1)
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    key: &str,
) -> sqlx::Result<Option<IdemRow>> {
    sqlx::query_as(
        "SELECT fingerprint, status, body FROM idempotency WHERE team_id = $1 AND key = $2",
    )
    .bind(team_id)
    .bind(key)
    .fetch_optional(e)
    .await
}

pub async fn store<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    key: &str,
    status: i64,
    body: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE idempotency SET status = $3, body = $4 WHERE team_id = $1 AND key = $2")
        .bind(team_id)
        .bind(key)
        .bind(status)
        .bind(body)
        .execute(e)
        .await?;
    Ok(())
}

/// Forgets a key whose request failed on our side, so a retry can run.
pub async fn release<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    key: &str,
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM idempotency WHERE team_id = $1 AND key = $2 AND status IS NULL")
        .bind(team_id)
        .bind(key)
        .execute(e)
        .await?;
    Ok(())
}
