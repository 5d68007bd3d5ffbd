//! Browser sessions, in the database so any number of processes share them.

use crate::domain::{DepartmentId, StaffRole, TeamId, UserId, UserKind};
use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct SessionUser {
    pub user_id: UserId,
    pub email: String,
    pub name: String,
    pub kind: UserKind,
    pub role: Option<StaffRole>,
    pub team_id: Option<TeamId>,
    /// The department the account leads in that team (`None`: all of it).
    pub department_id: Option<DepartmentId>,
    /// When a sign-in link opened this session (None: a password).
    pub via_link_at: Option<i64>,
    /// The team whose identity provider opened this session, if one did.
    pub sso_team_id: Option<TeamId>,
}

pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id_hash: &str,
    user_id: &str,
    now: i64,
    expires_at: i64,
    via_link: bool,
    sso_team_id: Option<&str>,
) -> sqlx::Result<()> {
    // A leader's session opens on their home team; later switches change
    // this session alone.
    sqlx::query(
        "INSERT INTO sessions (id_hash, user_id, created_at, expires_at, via_link_at, team_id, sso_team_id) \
         VALUES ($1, $2, $3, $4, $5, COALESCE($6, (SELECT team_id FROM users WHERE id = $2)), $6)",
    )
    .bind(id_hash)
    .bind(user_id)
    .bind(now)
    .bind(expires_at)
    .bind(via_link.then_some(now))
    .bind(sso_team_id)
    .execute(e)
    .await?;
    Ok(())
}

pub async fn lookup<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id_hash: &str,
    now: i64,
) -> sqlx::Result<Option<SessionUser>> {
    sqlx::query_as(
        // The session's team while the account still leads it; else the
        // home team, else any team it leads (none: a staff account). A
        // session a team's identity provider opened ends once the account
        // leads another team.
        "SELECT x.*, (SELECT tl.department_id FROM team_leaders tl \
          WHERE tl.user_id = x.user_id AND tl.team_id = x.team_id) AS department_id FROM ( \
         SELECT u.id AS user_id, u.email, u.name, u.kind, u.role, \
         COALESCE( \
          (SELECT tl.team_id FROM team_leaders tl WHERE tl.user_id = u.id AND tl.team_id = s.team_id), \
          (SELECT tl.team_id FROM team_leaders tl WHERE tl.user_id = u.id AND tl.team_id = u.team_id), \
          (SELECT MIN(tl.team_id) FROM team_leaders tl WHERE tl.user_id = u.id)) AS team_id, \
         s.via_link_at, s.sso_team_id \
         FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.id_hash = $1 AND s.expires_at > $2 AND u.disabled_at IS NULL \
         AND (s.sso_team_id IS NULL OR NOT EXISTS (SELECT 1 FROM team_leaders tl \
              WHERE tl.user_id = s.user_id AND tl.team_id <> s.sso_team_id))) x",
    )
    .bind(id_hash)
    .bind(now)
    .fetch_optional(e)
    .await
}

/// Points a session at another team (the caller checked the account leads it).
pub async fn set_team<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id_hash: &str,
    team_id: &str,
) -> sqlx::Result<bool> {
    Ok(
        sqlx::query(
            "UPDATE sessions SET team_id = $2 WHERE id_hash = $1 AND EXISTS \
             (SELECT 1 FROM team_leaders tl WHERE tl.user_id = sessions.user_id AND tl.team_id = $2)",
        )
            .bind(id_hash)
            .bind(team_id)
            .execute(e)
            .await?
            .rows_affected()
            == 1,
    )
}

/// Ends the account's sessions looking at `team_id` (it no longer leads
/// it): pages open there must not go on acting on another team.
pub async fn end_on_team<'e, E: Executor<'e, Database = Any>>(
    e: E,
    user_id: &str,
    team_id: &str,
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND team_id = $2")
        .bind(user_id)
        .bind(team_id)
        .execute(e)
        .await?;
    Ok(())
}

pub async fn delete<'e, E: Executor<'e, Database = Any>>(e: E, id_hash: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
        .bind(id_hash)
        .execute(e)
        .await?;
    Ok(())
}

/// Ends every session of a user except `keep` (the hash of the session
/// that made the change, if any).
pub async fn delete_for_user<'e, E: Executor<'e, Database = Any>>(
    e: E,
    user_id: &str,
    keep: Option<&str>,
) -> sqlx::Result<u64> {
    Ok(sqlx::query(
        "DELETE FROM sessions WHERE user_id = $1 AND (CAST($2 AS TEXT) IS NULL OR id_hash <> $2)",
    )
    .bind(user_id)
    .bind(keep)
    .execute(e)
    .await?
    .rows_affected())
}

pub async fn purge_expired<'e, E: Executor<'e, Database = Any>>(
    e: E,
    now: i64,
) -> sqlx::Result<u64> {
    Ok(sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(now)
        .execute(e)
        .await?
        .rows_affected())
}
