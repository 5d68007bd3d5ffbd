//! The one row of saved studio settings (JSON).

use sqlx::{Any, Executor};

pub async fn get<'e, E: Executor<'e, Database = Any>>(e: E) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT data FROM studio_settings WHERE id = 1")
        .fetch_optional(e)
        .await
}

pub async fn save<'e, E: Executor<'e, Database = Any>>(
    e: E,
    data: &str,
    now: i64,
    by: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO studio_settings (id, data, updated_at, updated_by) VALUES (1, $1, $2, $3) \
         ON CONFLICT (id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at, \
         updated_by = excluded.updated_by",
    )
    .bind(data)
    .bind(now)
    .bind(by)
    .execute(e)
    .await?;
    Ok(())
}
