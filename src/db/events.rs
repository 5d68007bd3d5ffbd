//! The audit trail of every headshot: who did what and when.

use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct EventRow {
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub detail: Option<String>,
}

pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    e: E,
    headshot_id: &str,
    team_id: &str,
    at: i64,
    actor: &str,
    action: &str,
    detail: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO headshot_events (id, headshot_id, team_id, at, actor, action, detail) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(super::new_id())
    .bind(headshot_id)
    .bind(team_id)
    .bind(at)
    .bind(actor)
    .bind(action)
    .bind(detail)
    .execute(e)
    .await?;
    Ok(())
}

pub async fn for_headshot<'e, E: Executor<'e, Database = Any>>(
    e: E,
    headshot_id: &str,
) -> sqlx::Result<Vec<EventRow>> {
    sqlx::query_as("SELECT at, actor, action, detail FROM headshot_events WHERE headshot_id = $1 ORDER BY at, id")
        .bind(headshot_id)
        .fetch_all(e)
        .await
}
