//! Staff and team leaders (people who sign in with a password or a link).

use crate::domain::{StaffRole, TeamId, UserId, UserKind};
use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct UserRow {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub password_hash: Option<String>,
    pub kind: UserKind,
    pub role: Option<StaffRole>,
    pub team_id: Option<TeamId>,
    pub created_at: i64,
    /// Set while a staff account is deactivated: no sign-in, no session, no token.
    pub disabled_at: Option<i64>,
}

const COLUMNS: &str =
    "id, email, name, password_hash, kind, role, team_id, created_at, disabled_at";

pub async fn insert<'e, E: Executor<'e, Database = Any>>(e: E, u: &UserRow) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO users (id, email, name, password_hash, kind, role, team_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&u.id)
    .bind(&u.email)
    .bind(&u.name)
    .bind(&u.password_hash)
    .bind(u.kind)
    .bind(u.role)
    .bind(&u.team_id)
    .bind(u.created_at)
    .execute(e)
    .await?;
    Ok(())
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &UserId,
) -> sqlx::Result<Option<UserRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM users WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(e)
    .await
}

pub async fn by_email<'e, E: Executor<'e, Database = Any>>(
    e: E,
    email: &str,
) -> sqlx::Result<Option<UserRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM users WHERE email = $1"
    )))
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
    sqlx::query_as(
        "SELECT u.id, u.email, u.name, u.password_hash, u.kind, u.role, u.team_id, u.created_at, \
         u.disabled_at FROM team_leaders tl JOIN users u ON u.id = tl.user_id \
         WHERE tl.team_id = $1 ORDER BY tl.added_at, u.id",
    )
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
        "SELECT email, name FROM users WHERE kind = 'staff' AND disabled_at IS NULL AND $1 LIKE '%,' || role || ',%' \
         ORDER BY CASE WHEN role = 'success' THEN 0 ELSE 1 END, name",
    )
    .bind(wanted)
    .fetch_all(e)
    .await
}

/// Every staff account, active first, then by name.
pub async fn staff<'e, E: Executor<'e, Database = Any>>(e: E) -> sqlx::Result<Vec<UserRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM users WHERE kind = 'staff' \
         ORDER BY CASE WHEN disabled_at IS NULL THEN 0 ELSE 1 END, name, id"
    )))
    .fetch_all(e)
    .await
}

/// Locks every admin row until the transaction ends (PostgreSQL; SQLite's
/// write transactions are serial already): two admins demoting or
/// deactivating each other at once then count each other's change.
pub async fn lock_admins<'e, E: Executor<'e, Database = Any>>(e: E) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET role = role WHERE kind = 'staff' AND role = 'admin'")
        .execute(e)
        .await?;
    Ok(())
}

/// A staff account's role.
pub async fn set_role<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    role: crate::domain::StaffRole,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET role = $2 WHERE id = $1 AND kind = 'staff'")
        .bind(id)
        .bind(role.as_str())
        .execute(e)
        .await?;
    Ok(())
}

/// Deactivates (`Some(now)`) or reactivates (`None`) a staff account;
/// whether the row changed.
pub async fn set_disabled<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    disabled_at: Option<i64>,
) -> sqlx::Result<bool> {
    Ok(sqlx::query(
        "UPDATE users SET disabled_at = $2 WHERE id = $1 AND kind = 'staff' \
         AND (disabled_at IS NULL) <> (CAST($2 AS BIGINT) IS NULL)",
    )
    .bind(id)
    .bind(disabled_at)
    .execute(e)
    .await?
    .rows_affected()
        > 0)
}

/// Active admins, counted inside the transaction that may remove one.
pub async fn active_admins<'e, E: Executor<'e, Database = Any>>(e: E) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM users WHERE kind = 'staff' AND role = 'admin' AND disabled_at IS NULL",
    )
    .fetch_one(e)
    .await
}

/// Removes a leader's account (their sessions and links go with it): done
/// when they lead no team any more.
pub async fn delete_leader<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
) -> sqlx::Result<bool> {
    Ok(
        sqlx::query("DELETE FROM users WHERE id = $1 AND kind = 'leader'")
            .bind(id)
            .execute(e)
            .await?
            .rows_affected()
            > 0,
    )
}

/// Locks an account's row until the transaction ends (PostgreSQL; SQLite's
/// writers are serial already), so changes to its teams take turns;
/// `false` when the account is gone.
pub async fn lock<'e, E: Executor<'e, Database = Any>>(e: E, id: &str) -> sqlx::Result<bool> {
    Ok(
        sqlx::query("UPDATE users SET team_id = team_id WHERE id = $1")
            .bind(id)
            .execute(e)
            .await?
            .rows_affected()
            == 1,
    )
}

/// The team a leader's next sign-in opens on (one they lead).
pub async fn set_home_team<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    team_id: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE users SET team_id = $2 WHERE id = $1 AND kind = 'leader' \
         AND EXISTS (SELECT 1 FROM team_leaders WHERE user_id = $1 AND team_id = $2)",
    )
    .bind(id)
    .bind(team_id)
    .execute(e)
    .await?;
    Ok(())
}
