//! A retoucher's claim on a headshot in the studio's queue: one holder at a
//! time, released by the holder, an admin, or the holder's deactivation.

use sqlx::{Any, Executor};

/// Claims a retouching job for `user_id` unless someone else holds it.
/// `false` when another retoucher has it.
pub async fn claim<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    user_id: &str,
    now: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE headshots SET claimed_by = $2, claimed_at = $3 \
         WHERE id = $1 AND (claimed_by IS NULL OR claimed_by = $2)",
    )
    .bind(id)
    .bind(user_id)
    .bind(now)
    .execute(e)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Releases a claim (`user_id` `None`: whoever holds it, for admins).
pub async fn release<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    user_id: Option<&str>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE headshots SET claimed_by = NULL, claimed_at = NULL \
         WHERE id = $1 AND claimed_by IS NOT NULL AND ($2 IS NULL OR claimed_by = $2)",
    )
    .bind(id)
    .bind(user_id)
    .execute(e)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Returns every claim of a user to the queue (a deactivated retoucher).
pub async fn release_claims_of<'e, E: Executor<'e, Database = Any>>(
    e: E,
    user_id: &str,
) -> sqlx::Result<u64> {
    Ok(sqlx::query(
        "UPDATE headshots SET claimed_by = NULL, claimed_at = NULL WHERE claimed_by = $1",
    )
    .bind(user_id)
    .execute(e)
    .await?
    .rows_affected())
}
