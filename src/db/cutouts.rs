//! Automatic cut-outs, one per uploaded photo (see `jobs::cutout`).

use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct CutoutRow {
    pub photo_id: String,
    pub headshot_id: String,
    /// The draft PNG, once made.
    pub storage_key: Option<String>,
    /// The draft at card size.
    pub small_key: Option<String>,
    /// The member's watermarked preview in the team's style.
    pub preview_key: Option<String>,
    pub width: Option<i64>,
    pub height: Option<i64>,
    /// Why there is no draft (no person in the photo, or the job failed).
    pub error: Option<String>,
    /// How long the job took to make it.
    pub took_ms: i64,
    pub created_at: i64,
}

impl CutoutRow {
    /// A row with no files yet and nothing wrong; the job fills it in.
    pub fn empty(photo_id: &str, headshot_id: &str, created_at: i64) -> Self {
        Self {
            photo_id: photo_id.into(),
            headshot_id: headshot_id.into(),
            storage_key: None,
            small_key: None,
            preview_key: None,
            width: None,
            height: None,
            error: None,
            took_ms: 0,
            created_at,
        }
    }
}

/// Records the job's result; a second result for the same photo (two
/// runners that both made it) keeps the first. True when this one was kept.
pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    e: E,
    c: &CutoutRow,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO cutouts (photo_id, headshot_id, storage_key, small_key, preview_key, width, height, error, took_ms, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (photo_id) DO NOTHING",
    )
    .bind(&c.photo_id)
    .bind(&c.headshot_id)
    .bind(&c.storage_key)
    .bind(&c.small_key)
    .bind(&c.preview_key)
    .bind(c.width)
    .bind(c.height)
    .bind(&c.error)
    .bind(c.took_ms)
    .bind(c.created_at)
    .execute(e)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn for_photo<'e, E: Executor<'e, Database = Any>>(
    e: E,
    photo_id: &str,
) -> sqlx::Result<Option<CutoutRow>> {
    sqlx::query_as(
        "SELECT photo_id, headshot_id, storage_key, small_key, preview_key, width, height, error, took_ms, created_at \
         FROM cutouts WHERE photo_id = $1",
    )
    .bind(photo_id)
    .fetch_optional(e)
    .await
}

/// A team member whose current photo has a draft, for showing the team's
/// styles on a real person.
#[derive(Debug, Clone, FromRow)]
pub struct SampleRow {
    pub headshot_id: String,
    pub first_name: String,
    pub last_name: String,
    pub small_key: String,
}

/// The team's members with a draft of their current photo, newest first.
pub async fn samples_of_team<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    limit: i64,
) -> sqlx::Result<Vec<SampleRow>> {
    sqlx::query_as(
        "SELECT h.id AS headshot_id, h.first_name, h.last_name, c.small_key FROM cutouts c \
         JOIN headshots h ON h.id = c.headshot_id AND h.photo_id = c.photo_id \
         WHERE h.team_id = $1 AND c.small_key IS NOT NULL \
         ORDER BY c.created_at DESC, h.id LIMIT $2",
    )
    .bind(team_id)
    .bind(limit)
    .fetch_all(e)
    .await
}
