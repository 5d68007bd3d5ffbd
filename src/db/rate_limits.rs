//! Fixed-window counters in the database, shared by every process.

use sqlx::{Any, Executor};

/// Counts one hit on `key` in the window that started at `window_start`
/// (a new window starts the count again); the count so far, this hit
/// included. One statement, so concurrent hits from any process add up.
pub async fn hit<'e, E: Executor<'e, Database = Any>>(
    e: E,
    key: &str,
    window_start: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, $2, 1) \
         ON CONFLICT (key) DO UPDATE SET \
           hits = CASE WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.hits + 1 ELSE 1 END, \
           window_start = excluded.window_start \
         RETURNING hits",
    )
    .bind(key)
    .bind(window_start)
    .fetch_one(e)
    .await
}
