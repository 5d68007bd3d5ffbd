//! Counters over a window that starts with a key's first hit, in the
//! database, shared by every process.

use sqlx::{Any, Executor};

/// Counts one hit on `key` at `now`: the count in the current window, this
/// hit included. A window lasts `window_ms` from its first hit; a hit after
/// that starts a new one. One statement, so concurrent hits from any process
/// add up, and no clock-aligned boundary can split a burst.
pub async fn hit<'e, E: Executor<'e, Database = Any>>(
    e: E,
    key: &str,
    now: i64,
    window_ms: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, $2, 1) \
         ON CONFLICT (key) DO UPDATE SET \
           hits = CASE WHEN rate_limits.window_start > $2 - $3 THEN rate_limits.hits + 1 ELSE 1 END, \
           window_start = CASE WHEN rate_limits.window_start > $2 - $3 THEN rate_limits.window_start ELSE $2 END \
         RETURNING hits",
    )
    .bind(key)
    .bind(now)
    .bind(window_ms)
    .fetch_one(e)
    .await
}

/// Takes one hit back (a counted attempt that succeeded).
pub async fn take_back<'e, E: Executor<'e, Database = Any>>(e: E, key: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE rate_limits SET hits = hits - 1 WHERE key = $1 AND hits > 0")
        .bind(key)
        .execute(e)
        .await?;
    Ok(())
}

/// When the key's current window started.
pub async fn window_start<'e, E: Executor<'e, Database = Any>>(
    e: E,
    key: &str,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT window_start FROM rate_limits WHERE key = $1")
        .bind(key)
        .fetch_optional(e)
        .await
}

/// The longest window any limit uses (the sign-up page's day): a sweep
/// keeps every row younger than this, so one limit's sweep never resets
/// another's longer window.
pub const LONGEST_WINDOW_MS: i64 = 24 * 3_600_000;

/// Forgets windows that ended before `before`.
pub async fn sweep<'e, E: Executor<'e, Database = Any>>(e: E, before: i64) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM rate_limits WHERE window_start < $1")
        .bind(before)
        .execute(e)
        .await?;
    Ok(())
}
