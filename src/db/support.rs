//! Support requests and who receives them.

use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct SupportRow {
    pub id: String,
    pub team_id: String,
    pub kind: String,
    pub headshot_ids: String,
    pub message: String,
    pub status: String,
    pub actor: String,
    pub created_at: i64,
    pub reply_to: Option<String>,
}

const COLUMNS: &str =
    "id, team_id, kind, headshot_ids, message, status, actor, created_at, reply_to";

pub async fn insert<'e, E: Executor<'e, Database = Any>>(e: E, r: &SupportRow) -> sqlx::Result<()> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO support_requests ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    )))
    .bind(&r.id)
    .bind(&r.team_id)
    .bind(&r.kind)
    .bind(&r.headshot_ids)
    .bind(&r.message)
    .bind(&r.status)
    .bind(&r.actor)
    .bind(r.created_at)
    .bind(&r.reply_to)
    .execute(e)
    .await?;
    Ok(())
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
) -> sqlx::Result<Option<SupportRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM support_requests WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(e)
    .await
}

pub async fn list<'e, E: Executor<'e, Database = Any>>(e: E) -> sqlx::Result<Vec<SupportRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM support_requests ORDER BY created_at DESC, id"
    )))
    .fetch_all(e)
    .await
}

/// The team's success manager; without one, every success user; without
/// those, the admins.
pub async fn recipients<'e, E: Executor<'e, Database = Any> + Copy>(
    e: E,
    team_id: &str,
) -> sqlx::Result<Vec<(String, String)>> {
    let manager: Vec<(String, String)> = sqlx::query_as(
        "SELECT u.email, u.name FROM teams t JOIN users u ON u.id = t.success_manager_id WHERE t.id = $1",
    )
    .bind(team_id)
    .fetch_all(e)
    .await?;
    if !manager.is_empty() {
        return Ok(manager);
    }
    for role in ["success", "admin"] {
        let staff: Vec<(String, String)> = sqlx::query_as(
            "SELECT email, name FROM users WHERE kind = 'staff' AND role = $1 ORDER BY created_at",
        )
        .bind(role)
        .fetch_all(e)
        .await?;
        if !staff.is_empty() {
            return Ok(staff);
        }
    }
    Ok(Vec::new())
}

pub async fn set_success_manager<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    user_id: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE teams SET success_manager_id = $2 WHERE id = $1")
        .bind(team_id)
        .bind(user_id)
        .execute(e)
        .await?;
    Ok(())
}

pub async fn list_for_team<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
) -> sqlx::Result<Vec<SupportRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM support_requests WHERE team_id = $1 ORDER BY created_at DESC, id"
    )))
    .bind(team_id)
    .fetch_all(e)
    .await
}

pub async fn set_status<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    status: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE support_requests SET status = $2 WHERE id = $1")
        .bind(id)
        .bind(status)
        .execute(e)
        .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct ReplyRow {
    pub id: String,
    pub request_id: String,
    pub author: String,
    pub message: String,
    pub created_at: i64,
}

pub async fn insert_reply<'e, E: Executor<'e, Database = Any>>(
    e: E,
    r: &ReplyRow,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO support_replies (id, request_id, author, message, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&r.id)
    .bind(&r.request_id)
    .bind(&r.author)
    .bind(&r.message)
    .bind(r.created_at)
    .execute(e)
    .await?;
    Ok(())
}

pub async fn reply<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
) -> sqlx::Result<Option<ReplyRow>> {
    sqlx::query_as(
        "SELECT id, request_id, author, message, created_at FROM support_replies WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(e)
    .await
}

pub async fn replies_of<'e, E: Executor<'e, Database = Any>>(
    e: E,
    request_id: &str,
) -> sqlx::Result<Vec<ReplyRow>> {
    sqlx::query_as(
        "SELECT id, request_id, author, message, created_at FROM support_replies \
         WHERE request_id = $1 ORDER BY created_at, id",
    )
    .bind(request_id)
    .fetch_all(e)
    .await
}
