//! Rendered files of a delivery (watermarked previews and finals).

use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct FileRow {
    pub id: String,
    pub headshot_id: String,
    pub delivery: i64,
    pub background_id: Option<String>,
    pub shape: String,
    pub width: i64,
    pub height: i64,
    pub format: String,
    pub watermarked: i64,
    pub storage_key: String,
    pub bytes: i64,
    pub created_at: i64,
    /// Made for a resize request (not part of the standard delivery).
    pub resize_id: Option<String>,
}

const COLUMNS: &str = "id, headshot_id, delivery, background_id, shape, width, height, format, \
     watermarked, storage_key, bytes, created_at, resize_id";

pub async fn insert<'e, E: Executor<'e, Database = Any>>(e: E, f: &FileRow) -> sqlx::Result<()> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO headshot_files ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
    )))
    .bind(&f.id)
    .bind(&f.headshot_id)
    .bind(f.delivery)
    .bind(&f.background_id)
    .bind(&f.shape)
    .bind(f.width)
    .bind(f.height)
    .bind(&f.format)
    .bind(f.watermarked)
    .bind(&f.storage_key)
    .bind(f.bytes)
    .bind(f.created_at)
    .bind(&f.resize_id)
    .execute(e)
    .await?;
    Ok(())
}

/// The files of the latest delivery.
pub async fn latest_for<'e, E: Executor<'e, Database = Any>>(
    e: E,
    headshot_id: &str,
) -> sqlx::Result<Vec<FileRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM headshot_files WHERE headshot_id = $1 AND delivery = \
         (SELECT MAX(delivery) FROM headshot_files WHERE headshot_id = $1) ORDER BY watermarked DESC, width DESC, id"
    )))
    .bind(headshot_id)
    .fetch_all(e)
    .await
}

pub async fn count_for_delivery<'e, E: Executor<'e, Database = Any>>(
    e: E,
    headshot_id: &str,
    delivery: i64,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM headshot_files WHERE headshot_id = $1 AND delivery = $2",
    )
    .bind(headshot_id)
    .bind(delivery)
    .fetch_one(e)
    .await
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
) -> sqlx::Result<Option<FileRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM headshot_files WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(e)
    .await
}
