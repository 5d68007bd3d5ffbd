//! Periodic refresh: which approved headshots are due for a new one, the
//! link from a refresh to the headshot it refreshes, and the old one set
//! aside once its refresh is approved.

use crate::domain::HeadshotId;
use sqlx::{Any, Executor, FromRow};

/// Teams that asked for refreshes: `(id, months, time zone)`.
pub async fn teams<'e, E: Executor<'e, Database = Any>>(
    e: E,
) -> sqlx::Result<Vec<(String, i64, String)>> {
    sqlx::query_as(
        "SELECT id, refresh_months, timezone FROM teams WHERE refresh_months IS NOT NULL ORDER BY id",
    )
    .fetch_all(e)
    .await
}

/// An approved headshot that will be refreshed.
#[derive(Debug, Clone, FromRow)]
pub struct Refreshable {
    pub id: HeadshotId,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub approved_at: i64,
    /// The member's answers, carried over to the refresh.
    pub intake: Option<String>,
    /// Its department: the refresh joins it and spends its allowance.
    pub department_id: Option<crate::domain::DepartmentId>,
}

/// A team's approved headshots approved at or before `approved_by`, oldest
/// first (`only`: that one alone), that have no refresh yet and are still
/// the member's latest (ids are UUIDv7, so they order headshots made
/// within one millisecond): a member a leader invited again since, or whose
/// address bounced, is left alone.
pub async fn refreshable<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    approved_by: i64,
    only: Option<&str>,
    limit: i64,
) -> sqlx::Result<Vec<Refreshable>> {
    sqlx::query_as(
        "SELECT h.id, h.first_name, h.last_name, h.email, h.approved_at, h.intake, h.department_id \
         FROM headshots h \
         WHERE h.team_id = $1 AND h.status = 'approved' AND h.approved_at <= $2 \
         AND h.deleted_at IS NULL AND h.replaced_at IS NULL AND h.email_bounced_at IS NULL \
         AND ($3 IS NULL OR h.id = $3) \
         AND NOT EXISTS (SELECT 1 FROM headshots r WHERE r.refresh_of = h.id) \
         AND NOT EXISTS (SELECT 1 FROM headshots n WHERE n.team_id = h.team_id \
             AND n.email = h.email AND n.deleted_at IS NULL \
             AND (n.created_at > h.created_at OR (n.created_at = h.created_at AND n.id > h.id))) \
         ORDER BY h.approved_at, h.id LIMIT $4",
    )
    .bind(team_id)
    .bind(approved_by)
    .bind(only)
    .bind(limit)
    .fetch_all(e)
    .await
}

/// Marks `id` as the refresh of `old` (one refresh per headshot: the
/// unique index refuses a second).
pub async fn set_refresh_of<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    old: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE headshots SET refresh_of = $2 WHERE id = $1")
        .bind(id)
        .bind(old)
        .execute(e)
        .await?;
    Ok(())
}

/// The refreshed headshot steps aside for its approved refresh; false if
/// it had already.
pub async fn mark_replaced<'e, E: Executor<'e, Database = Any>>(
    e: E,
    old: &str,
    now: i64,
) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "UPDATE headshots SET replaced_at = $2, updated_at = $2 WHERE id = $1 AND replaced_at IS NULL",
    )
    .bind(old)
    .bind(now)
    .execute(e)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// A team's refreshes not approved yet.
pub async fn under_way<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM headshots WHERE team_id = $1 AND refresh_of IS NOT NULL \
         AND status <> 'approved' AND deleted_at IS NULL",
    )
    .bind(team_id)
    .fetch_one(e)
    .await
}
