//! The background library and the teams' styles.

use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct BackgroundRow {
    pub id: String,
    pub team_id: Option<String>,
    pub name: String,
    pub kind: String,
    pub spec: String,
    pub storage_key: Option<String>,
    pub free: i64,
    pub position: i64,
    pub created_at: i64,
    /// For a paid library background: what a team pays to use it.
    pub price_cents: i64,
}

const BG_COLUMNS: &str =
    "id, team_id, name, kind, spec, storage_key, free, position, created_at, price_cents";

/// The studio's library (free and paid) plus the team's own backgrounds.
pub async fn backgrounds_for<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
) -> sqlx::Result<Vec<BackgroundRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {BG_COLUMNS} FROM backgrounds WHERE team_id IS NULL OR team_id = $1 \
         ORDER BY CASE WHEN team_id IS NULL THEN 0 ELSE 1 END, position, created_at, id"
    )))
    .bind(team_id)
    .fetch_all(e)
    .await
}

pub async fn background<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
) -> sqlx::Result<Option<BackgroundRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {BG_COLUMNS} FROM backgrounds WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(e)
    .await
}

pub async fn insert_background<'e, E: Executor<'e, Database = Any>>(
    e: E,
    b: &BackgroundRow,
) -> sqlx::Result<()> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO backgrounds ({BG_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
    )))
    .bind(&b.id)
    .bind(&b.team_id)
    .bind(&b.name)
    .bind(&b.kind)
    .bind(&b.spec)
    .bind(&b.storage_key)
    .bind(b.free)
    .bind(b.position)
    .bind(b.created_at)
    .bind(b.price_cents)
    .execute(e)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct StyleRow {
    pub id: String,
    pub team_id: String,
    pub name: String,
    pub spec: String,
    pub created_at: i64,
}

pub async fn insert_style<'e, E: Executor<'e, Database = Any>>(
    e: E,
    s: &StyleRow,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO styles (id, team_id, name, spec, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&s.id)
    .bind(&s.team_id)
    .bind(&s.name)
    .bind(&s.spec)
    .bind(s.created_at)
    .execute(e)
    .await?;
    Ok(())
}

pub async fn styles_of<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
) -> sqlx::Result<Vec<StyleRow>> {
    sqlx::query_as("SELECT id, team_id, name, spec, created_at FROM styles WHERE team_id = $1 ORDER BY created_at, id")
        .bind(team_id)
        .fetch_all(e)
        .await
}

pub async fn style<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
) -> sqlx::Result<Option<StyleRow>> {
    sqlx::query_as("SELECT id, team_id, name, spec, created_at FROM styles WHERE id = $1")
        .bind(id)
        .fetch_optional(e)
        .await
}

pub async fn set_default_style<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    style_id: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE teams SET default_style_id = $2 WHERE id = $1")
        .bind(team_id)
        .bind(style_id)
        .execute(e)
        .await?;
    Ok(())
}

/// Fixes the style a headshot is produced with (when it enters production).
pub async fn snapshot<'e, E: Executor<'e, Database = Any>>(
    e: E,
    headshot_id: &str,
    style_id: Option<&str>,
    spec: &str,
) -> sqlx::Result<()> {
    // Only the first entry into production fixes it; a re-do keeps it.
    sqlx::query("UPDATE headshots SET style_id = $2, style_snapshot = $3 WHERE id = $1 AND style_snapshot IS NULL")
        .bind(headshot_id)
        .bind(style_id)
        .bind(spec)
        .execute(e)
        .await?;
    Ok(())
}

/// The studio's library, for admins.
pub async fn library<'e, E: Executor<'e, Database = Any>>(
    e: E,
) -> sqlx::Result<Vec<BackgroundRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {BG_COLUMNS} FROM backgrounds WHERE team_id IS NULL ORDER BY position, created_at, id"
    )))
    .fetch_all(e)
    .await
}

pub async fn update_library<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    name: &str,
    position: i64,
    free: bool,
    price_cents: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE backgrounds SET name = $2, position = $3, free = $4, price_cents = $5 \
         WHERE id = $1 AND team_id IS NULL",
    )
    .bind(id)
    .bind(name)
    .bind(position)
    .bind(i64::from(free))
    .bind(price_cents)
    .execute(e)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Paid backgrounds this team has bought.
pub async fn unlocked_by<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar("SELECT background_id FROM background_unlocks WHERE team_id = $1")
        .bind(team_id)
        .fetch_all(e)
        .await
}

pub async fn unlock<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    background_id: &str,
    payment_id: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO background_unlocks (team_id, background_id, payment_id, created_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (team_id, background_id) DO NOTHING",
    )
    .bind(team_id)
    .bind(background_id)
    .bind(payment_id)
    .bind(now)
    .execute(e)
    .await?;
    Ok(())
}
