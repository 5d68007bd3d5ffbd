//! The studio's audit trail.

use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct StudioEventRow {
    pub at: i64,
    pub actor: String,
    pub address: Option<String>,
    pub action: String,
}

pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    e: E,
    at: i64,
    actor: &str,
    address: Option<&str>,
    action: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO studio_events (id, at, actor, address, action) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(super::new_id())
    .bind(at)
    .bind(actor)
    .bind(address)
    .bind(action)
    .execute(e)
    .await?;
    Ok(())
}

/// Newest first.
pub async fn newest<'e, E: Executor<'e, Database = Any>>(
    e: E,
    limit: i64,
) -> sqlx::Result<Vec<StudioEventRow>> {
    sqlx::query_as(
        "SELECT at, actor, address, action FROM studio_events ORDER BY at DESC, id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(e)
    .await
}
