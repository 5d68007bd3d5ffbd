//! Custom background requests and their pictures.

use crate::domain::CustomBackgroundStatus as Status;
use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct RequestRow {
    pub id: String,
    pub team_id: String,
    pub notes: String,
    pub status: Status,
    pub payment_id: Option<String>,
    pub support_request_id: Option<String>,
    pub requested_by: String,
    pub reply_to: Option<String>,
    pub background_id: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "id, team_id, notes, status, payment_id, support_request_id, requested_by, \
     reply_to, background_id, created_at, updated_at";

#[derive(Debug, Clone, FromRow)]
pub struct FileRow {
    pub id: String,
    pub request_id: String,
    pub kind: String,
    pub storage_key: String,
    pub content_type: String,
    pub note: Option<String>,
    pub created_at: i64,
}

const FILE_COLUMNS: &str = "id, request_id, kind, storage_key, content_type, note, created_at";

pub async fn insert<'e, E: Executor<'e, Database = Any>>(e: E, r: &RequestRow) -> sqlx::Result<()> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO custom_backgrounds ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
    )))
    .bind(&r.id)
    .bind(&r.team_id)
    .bind(&r.notes)
    .bind(r.status)
    .bind(&r.payment_id)
    .bind(&r.support_request_id)
    .bind(&r.requested_by)
    .bind(&r.reply_to)
    .bind(&r.background_id)
    .bind(r.created_at)
    .bind(r.updated_at)
    .execute(e)
    .await?;
    Ok(())
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
) -> sqlx::Result<Option<RequestRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM custom_backgrounds WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(e)
    .await
}

pub async fn for_team<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
) -> sqlx::Result<Vec<RequestRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM custom_backgrounds WHERE team_id = $1 AND status <> 'cancelled' \
         ORDER BY created_at DESC, id"
    )))
    .bind(team_id)
    .fetch_all(e)
    .await
}

/// Paid requests the studio is working on or waiting on the team for.
pub async fn open<'e, E: Executor<'e, Database = Any>>(e: E) -> sqlx::Result<Vec<RequestRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM custom_backgrounds WHERE status IN ('in_design', 'mockups_ready') \
         ORDER BY created_at, id"
    )))
    .fetch_all(e)
    .await
}

/// Moves a request on, guarded by the status it was decided from.
pub async fn set_status<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    from: &[Status],
    to: Status,
    now: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE custom_backgrounds SET status = $3, updated_at = $4 \
         WHERE id = $1 AND $2 LIKE '%,' || status || ',%'",
    )
    .bind(id)
    .bind(
        from.iter()
            .map(|s| format!(",{s}"))
            .chain([",".to_string()])
            .collect::<String>(),
    )
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
    sqlx::query("UPDATE custom_backgrounds SET payment_id = $2 WHERE id = $1")
        .bind(id)
        .bind(payment_id)
        .execute(e)
        .await?;
    Ok(())
}

pub async fn set_support_request<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    support_request_id: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE custom_backgrounds SET support_request_id = $2 WHERE id = $1")
        .bind(id)
        .bind(support_request_id)
        .execute(e)
        .await?;
    Ok(())
}

pub async fn set_background<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    background_id: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE custom_backgrounds SET background_id = $2 WHERE id = $1")
        .bind(id)
        .bind(background_id)
        .execute(e)
        .await?;
    Ok(())
}

pub async fn insert_file<'e, E: Executor<'e, Database = Any>>(
    e: E,
    f: &FileRow,
) -> sqlx::Result<()> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO custom_background_files ({FILE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)"
    )))
    .bind(&f.id)
    .bind(&f.request_id)
    .bind(&f.kind)
    .bind(&f.storage_key)
    .bind(&f.content_type)
    .bind(&f.note)
    .bind(f.created_at)
    .execute(e)
    .await?;
    Ok(())
}

pub async fn files_of<'e, E: Executor<'e, Database = Any>>(
    e: E,
    request_id: &str,
) -> sqlx::Result<Vec<FileRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {FILE_COLUMNS} FROM custom_background_files WHERE request_id = $1 ORDER BY created_at, id"
    )))
    .bind(request_id)
    .fetch_all(e)
    .await
}

pub async fn file<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
) -> sqlx::Result<Option<FileRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {FILE_COLUMNS} FROM custom_background_files WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(e)
    .await
}
