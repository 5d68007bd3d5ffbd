//! A team's webhook endpoints and the log of their deliveries.

use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct WebhookRow {
    pub id: String,
    pub team_id: String,
    pub url: String,
    /// Comma-wrapped event types (",a,b,").
    pub events: String,
    pub created_at: i64,
    pub created_by: String,
}

const COLUMNS: &str = "id, team_id, url, events, created_at, created_by";

pub async fn insert<'e, E: Executor<'e, Database = Any>>(e: E, w: &WebhookRow) -> sqlx::Result<()> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO webhooks ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)"
    )))
    .bind(&w.id)
    .bind(&w.team_id)
    .bind(&w.url)
    .bind(&w.events)
    .bind(w.created_at)
    .bind(&w.created_by)
    .execute(e)
    .await?;
    Ok(())
}

/// A live endpoint (not deleted).
pub async fn get<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
) -> sqlx::Result<Option<WebhookRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM webhooks WHERE id = $1 AND deleted_at IS NULL"
    )))
    .bind(id)
    .fetch_optional(e)
    .await
}

pub async fn for_team<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
) -> sqlx::Result<Vec<WebhookRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM webhooks WHERE team_id = $1 AND deleted_at IS NULL ORDER BY created_at, id"
    )))
    .bind(team_id)
    .fetch_all(e)
    .await
}

/// The team's live endpoints that asked for `event_type`.
pub async fn subscribed<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    event_type: &str,
) -> sqlx::Result<Vec<WebhookRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM webhooks WHERE team_id = $1 AND deleted_at IS NULL \
         AND events LIKE '%,' || $2 || ',%' ORDER BY id"
    )))
    .bind(team_id)
    .bind(event_type)
    .fetch_all(e)
    .await
}

/// Deletes a team's endpoint; false when there was none.
pub async fn delete<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    id: &str,
    now: i64,
) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "UPDATE webhooks SET deleted_at = $3 WHERE id = $1 AND team_id = $2 AND deleted_at IS NULL",
    )
    .bind(id)
    .bind(team_id)
    .bind(now)
    .execute(e)
    .await?;
    Ok(r.rows_affected() == 1)
}

#[derive(Debug, Clone, FromRow)]
pub struct DeliveryRow {
    pub id: String,
    pub webhook_id: String,
    pub event_id: String,
    pub event_type: String,
    pub attempt: i64,
    pub at: i64,
    pub status_code: Option<i64>,
    pub error: Option<String>,
    pub duration_ms: i64,
}

const DELIVERY_COLUMNS: &str =
    "id, webhook_id, event_id, event_type, attempt, at, status_code, error, duration_ms";

pub async fn log_delivery<'e, E: Executor<'e, Database = Any>>(
    e: E,
    d: &DeliveryRow,
) -> sqlx::Result<()> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO webhook_deliveries ({DELIVERY_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    )))
    .bind(&d.id)
    .bind(&d.webhook_id)
    .bind(&d.event_id)
    .bind(&d.event_type)
    .bind(d.attempt)
    .bind(d.at)
    .bind(d.status_code)
    .bind(&d.error)
    .bind(d.duration_ms)
    .execute(e)
    .await?;
    Ok(())
}

/// The newest `limit` attempts of one endpoint, newest first.
pub async fn deliveries<'e, E: Executor<'e, Database = Any>>(
    e: E,
    webhook_id: &str,
    limit: i64,
) -> sqlx::Result<Vec<DeliveryRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries WHERE webhook_id = $1 \
         ORDER BY at DESC, attempt DESC, id DESC LIMIT $2"
    )))
    .bind(webhook_id)
    .bind(limit)
    .fetch_all(e)
    .await
}
