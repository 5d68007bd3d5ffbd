//! Resize requests.

use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct ResizeRow {
    pub id: String,
    pub team_id: String,
    pub headshot_ids: String,
    pub width: i64,
    pub height: i64,
    pub format: String,
    pub files: i64,
    pub status: String,
    pub payment_id: Option<String>,
    pub requested_by: String,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "id, team_id, headshot_ids, width, height, format, files, status, \
     payment_id, requested_by, created_at, updated_at";

pub async fn insert<'e, E: Executor<'e, Database = Any>>(e: E, r: &ResizeRow) -> sqlx::Result<()> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO resize_requests ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)"
    )))
    .bind(&r.id)
    .bind(&r.team_id)
    .bind(&r.headshot_ids)
    .bind(r.width)
    .bind(r.height)
    .bind(&r.format)
    .bind(r.files)
    .bind(&r.status)
    .bind(&r.payment_id)
    .bind(&r.requested_by)
    .bind(r.created_at)
    .bind(r.updated_at)
    .execute(e)
    .await?;
    Ok(())
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
) -> sqlx::Result<Option<ResizeRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM resize_requests WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(e)
    .await
}

pub async fn for_team<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
) -> sqlx::Result<Vec<ResizeRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM resize_requests WHERE team_id = $1 AND status <> 'cancelled' \
         ORDER BY created_at DESC, id"
    )))
    .bind(team_id)
    .fetch_all(e)
    .await
}

pub async fn set_status<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    from: &str,
    to: &str,
    now: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE resize_requests SET status = $3, updated_at = $4 WHERE id = $1 AND status = $2",
    )
    .bind(id)
    .bind(from)
    .bind(to)
    .bind(now)
    .execute(e)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_payment<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    payment_id: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE resize_requests SET payment_id = $2 WHERE id = $1")
        .bind(id)
        .bind(payment_id)
        .execute(e)
        .await?;
    Ok(())
}

/// How many files of this request a headshot already has.
pub async fn files_made<'e, E: Executor<'e, Database = Any>>(
    e: E,
    resize_id: &str,
    headshot_id: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM headshot_files WHERE resize_id = $1 AND headshot_id = $2",
    )
    .bind(resize_id)
    .bind(headshot_id)
    .fetch_one(e)
    .await
}
