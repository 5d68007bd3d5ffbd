//! The one row of the first-run setup: the current code's hash, and whether
//! the setup was completed.

use sqlx::{Any, Executor};

/// Whether the setup was completed (the page is gone for good).
pub async fn completed<'e, E: Executor<'e, Database = Any>>(e: E) -> sqlx::Result<bool> {
    let at: Option<Option<i64>> =
        sqlx::query_scalar("SELECT completed_at FROM studio_setup WHERE id = 1")
            .fetch_optional(e)
            .await?;
    Ok(matches!(at, Some(Some(_))))
}

/// Replaces the code of a setup not yet completed (each server start prints
/// a new one; the last printed works).
pub async fn open<'e, E: Executor<'e, Database = Any>>(
    e: E,
    code_hash: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO studio_setup (id, code_hash, created_at) VALUES (1, $1, $2) \
         ON CONFLICT (id) DO UPDATE SET code_hash = excluded.code_hash, \
         created_at = excluded.created_at WHERE studio_setup.completed_at IS NULL",
    )
    .bind(code_hash)
    .bind(now)
    .execute(e)
    .await?;
    Ok(())
}

/// Whether `code_hash` is the open setup's code.
pub async fn code_matches<'e, E: Executor<'e, Database = Any>>(
    e: E,
    code_hash: &str,
) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM studio_setup WHERE id = 1 AND completed_at IS NULL AND code_hash = $1",
    )
    .bind(code_hash)
    .fetch_one(e)
    .await?;
    Ok(n == 1)
}

/// Marks the setup completed if `code_hash` is the open code: true for
/// exactly one caller, however many submit at once.
pub async fn complete<'e, E: Executor<'e, Database = Any>>(
    e: E,
    code_hash: &str,
    now: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE studio_setup SET completed_at = $1 \
         WHERE id = 1 AND completed_at IS NULL AND code_hash = $2",
    )
    .bind(now)
    .bind(code_hash)
    .execute(e)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Whether any admin account exists, active or not (one made with
/// `teamshot staff add` closes the setup too).
pub async fn any_admin<'e, E: Executor<'e, Database = Any>>(e: E) -> sqlx::Result<bool> {
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE kind = 'staff' AND role = 'admin'")
            .fetch_one(e)
            .await?;
    Ok(n > 0)
}
