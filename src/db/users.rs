//! Staff and team leaders (people who sign in with a password or a link).

use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct UserRow {
    pub id: String,
    pub email: String,
    pub name: String,
    pub password_hash: Option<String>,
    pub kind: String,
    pub role: Option<String>,
    pub team_id: Option<String>,
    pub created_at: i64,
}

const COLUMNS: &str = "id, email, name, password_hash, kind, role, team_id, created_at";

pub async fn insert<'e, E: Executor<'e, Database = Any>>(e: E, u: &UserRow) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO users (id, email, name, password_hash, kind, role, team_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&u.id)
    .bind(&u.email)
    .bind(&u.name)
    .bind(&u.password_hash)
    .bind(&u.kind)
    .bind(&u.role)
    .bind(&u.team_id)
    .bind(u.created_at)
    .execute(e)
    .await?;
    Ok(())
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
) -> sqlx::Result<Option<UserRow>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE id = $1"))
        .bind(id)
        .fetch_optional(e)
        .await
}

pub async fn by_email<'e, E: Executor<'e, Database = Any>>(
    e: E,
    email: &str,
) -> sqlx::Result<Option<UserRow>> {
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM users WHERE email = $1"))
        .bind(email)
        .fetch_optional(e)
        .await
}

pub async fn set_password<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    password_hash: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET password_hash = $2 WHERE id = $1")
        .bind(id)
        .bind(password_hash)
        .execute(e)
        .await?;
    Ok(())
}

pub async fn leaders_of<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
) -> sqlx::Result<Vec<UserRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM users WHERE kind = 'leader' AND team_id = $1 ORDER BY created_at, id"
    ))
    .bind(team_id)
    .fetch_all(e)
    .await
}

/// (email, name) of staff with one of `roles`, success first.
pub async fn staff_with_roles<'e, E: Executor<'e, Database = Any>>(
    e: E,
    roles: &[&str],
) -> sqlx::Result<Vec<(String, String)>> {
    let wanted = format!(",{},", roles.join(","));
    sqlx::query_as(
        "SELECT email, name FROM users WHERE kind = 'staff' AND $1 LIKE '%,' || role || ',%' \
         ORDER BY CASE WHEN role = 'success' THEN 0 ELSE 1 END, name",
    )
    .bind(wanted)
    .fetch_all(e)
    .await
}
