//! Uploaded originals (private to staff).

use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct PhotoRow {
    pub id: String,
    pub headshot_id: String,
    pub storage_key: String,
    pub content_type: String,
    pub bytes: i64,
    pub width: i64,
    pub height: i64,
    pub uploaded_by: String,
    pub created_at: i64,
    /// The instant checks' measurements (JSON).
    pub checks: Option<String>,
}

pub async fn insert<'e, E: Executor<'e, Database = Any>>(e: E, p: &PhotoRow) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO photos (id, headshot_id, storage_key, content_type, bytes, width, height, uploaded_by, created_at, checks) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&p.id)
    .bind(&p.headshot_id)
    .bind(&p.storage_key)
    .bind(&p.content_type)
    .bind(p.bytes)
    .bind(p.width)
    .bind(p.height)
    .bind(&p.uploaded_by)
    .bind(p.created_at)
    .bind(&p.checks)
    .execute(e)
    .await?;
    Ok(())
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
) -> sqlx::Result<Option<PhotoRow>> {
    sqlx::query_as(
        "SELECT id, headshot_id, storage_key, content_type, bytes, width, height, uploaded_by, created_at, checks \
         FROM photos WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(e)
    .await
}
