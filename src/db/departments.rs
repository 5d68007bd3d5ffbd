//! A team's departments, the headshots and leaders in them, and what each
//! has used of its allowance.

use crate::domain::{DepartmentId, TeamId};
use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct DepartmentRow {
    pub id: DepartmentId,
    pub team_id: TeamId,
    pub name: String,
    pub style_id: Option<String>,
    pub allowance: Option<i64>,
    pub created_at: i64,
}

/// A department with its counts, for the list.
#[derive(Debug, Clone, FromRow)]
pub struct DepartmentStats {
    pub id: DepartmentId,
    pub name: String,
    pub style_id: Option<String>,
    pub allowance: Option<i64>,
    pub created_at: i64,
    /// Headshots on the dashboard (not deleted, not replaced).
    pub members: i64,
    /// Credits used, net of refunds.
    pub used: i64,
    pub leaders: i64,
}

const COLUMNS: &str = "id, team_id, name, style_id, allowance, created_at";

/// Credits used by a department's headshots, net of refunds: per headshot,
/// what its ledger rows took (purchases tie to none), never below nothing —
/// an expedite refunded as a credit is the team's, not the department's.
const USED: &str = "CAST(COALESCE((SELECT SUM(CASE \
     WHEN (SELECT -SUM(l.credits) FROM ledger l WHERE l.headshot_id = h.id) > 0 \
     THEN (SELECT -SUM(l.credits) FROM ledger l WHERE l.headshot_id = h.id) ELSE 0 END) \
     FROM headshots h WHERE h.department_id = d.id), 0) AS BIGINT)";

/// `false` when the team has a department of that name already.
pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    e: E,
    d: &DepartmentRow,
    name_key: &str,
) -> sqlx::Result<bool> {
    Ok(sqlx::query(
        "INSERT INTO departments (id, team_id, name, name_key, style_id, allowance, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (team_id, name_key) DO NOTHING",
    )
    .bind(&d.id)
    .bind(&d.team_id)
    .bind(&d.name)
    .bind(name_key)
    .bind(&d.style_id)
    .bind(d.allowance)
    .bind(d.created_at)
    .execute(e)
    .await?
    .rows_affected()
        == 1)
}

/// `Err` with a unique violation when another department has the name.
pub async fn update<'e, E: Executor<'e, Database = Any>>(
    e: E,
    d: &DepartmentRow,
    name_key: &str,
) -> sqlx::Result<bool> {
    Ok(sqlx::query(
        "UPDATE departments SET name = $3, name_key = $4, style_id = $5, allowance = $6 \
         WHERE id = $1 AND team_id = $2",
    )
    .bind(&d.id)
    .bind(&d.team_id)
    .bind(&d.name)
    .bind(name_key)
    .bind(&d.style_id)
    .bind(d.allowance)
    .execute(e)
    .await?
    .rows_affected()
        == 1)
}

/// The team's department `id` (none of another team's).
pub async fn get<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    id: &str,
) -> sqlx::Result<Option<DepartmentRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM departments WHERE id = $1 AND team_id = $2"
    )))
    .bind(id)
    .bind(team_id)
    .fetch_optional(e)
    .await
}

/// The team's departments by name.
pub async fn of_team<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
) -> sqlx::Result<Vec<DepartmentRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM departments WHERE team_id = $1 ORDER BY name_key, id"
    )))
    .bind(team_id)
    .fetch_all(e)
    .await
}

/// The team's departments (or the one `only`) with their counts.
pub async fn stats<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    only: Option<&str>,
) -> sqlx::Result<Vec<DepartmentStats>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT d.id, d.name, d.style_id, d.allowance, d.created_at, \
         (SELECT COUNT(*) FROM headshots h WHERE h.department_id = d.id AND h.deleted_at IS NULL \
          AND h.replaced_at IS NULL) AS members, \
         {USED} AS used, \
         (SELECT COUNT(*) FROM team_leaders tl WHERE tl.department_id = d.id) AS leaders \
         FROM departments d WHERE d.team_id = $1 AND ($2 = '' OR d.id = $2) ORDER BY d.name_key, d.id"
    )))
    .bind(team_id)
    .bind(only.unwrap_or(""))
    .fetch_all(e)
    .await
}

/// Credits the department has used, net of refunds.
pub async fn used<'e, E: Executor<'e, Database = Any>>(e: E, id: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT {USED} FROM departments d WHERE d.id = $1"
    )))
    .bind(id)
    .fetch_one(e)
    .await
}

/// Takes the department's row for the rest of the transaction: spending
/// against its allowance takes turns (SQLite's write transactions are
/// serial already).
pub async fn lock<'e, E: Executor<'e, Database = Any>>(e: E, id: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE departments SET created_at = created_at WHERE id = $1")
        .bind(id)
        .execute(e)
        .await?;
    Ok(())
}

/// Its headshots and leaders return to the team at large, then it goes.
pub async fn delete(tx: &mut super::Tx, team_id: &str, id: &str) -> sqlx::Result<bool> {
    sqlx::query("UPDATE headshots SET department_id = NULL WHERE department_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    sqlx::query("UPDATE team_leaders SET department_id = NULL WHERE department_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    sqlx::query("UPDATE leader_invitations SET department_id = NULL WHERE department_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(
        sqlx::query("DELETE FROM departments WHERE id = $1 AND team_id = $2")
            .bind(id)
            .bind(team_id)
            .execute(&mut **tx)
            .await?
            .rows_affected()
            == 1,
    )
}

/// Credits headshot `id` holds, net of refunds (never below nothing).
pub async fn headshot_used<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
) -> sqlx::Result<i64> {
    let n: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(-SUM(credits), 0) AS BIGINT) FROM ledger WHERE headshot_id = $1",
    )
    .bind(id)
    .fetch_one(e)
    .await?;
    Ok(n.max(0))
}

/// Moves a headshot into a department (or out, with `None`).
pub async fn set_headshot<'e, E: Executor<'e, Database = Any>>(
    e: E,
    headshot_id: &str,
    department_id: Option<&str>,
) -> sqlx::Result<bool> {
    Ok(
        sqlx::query("UPDATE headshots SET department_id = $2 WHERE id = $1 AND deleted_at IS NULL")
            .bind(headshot_id)
            .bind(department_id)
            .execute(e)
            .await?
            .rows_affected()
            == 1,
    )
}

/// The department a leader leads in a team (`None`: the whole team).
pub async fn of_leader<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    user_id: &str,
) -> sqlx::Result<Option<DepartmentId>> {
    Ok(sqlx::query_scalar::<_, Option<String>>(
        "SELECT department_id FROM team_leaders WHERE team_id = $1 AND user_id = $2",
    )
    .bind(team_id)
    .bind(user_id)
    .fetch_optional(e)
    .await?
    .flatten()
    .map(DepartmentId::from))
}

/// Makes a leader of the team a leader of one department (or of the whole
/// team again); whether they lead the team.
pub async fn set_leader<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    user_id: &str,
    department_id: Option<&str>,
) -> sqlx::Result<bool> {
    Ok(sqlx::query(
        "UPDATE team_leaders SET department_id = $3 WHERE team_id = $1 AND user_id = $2",
    )
    .bind(team_id)
    .bind(user_id)
    .bind(department_id)
    .execute(e)
    .await?
    .rows_affected()
        == 1)
}

/// Leaders of the whole team (not of one department).
pub async fn whole_team_leaders<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM team_leaders WHERE team_id = $1 AND department_id IS NULL",
    )
    .bind(team_id)
    .fetch_one(e)
    .await
}

/// The department a waiting invitation to lead the team is for.
pub async fn of_invitation<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    user_id: &str,
) -> sqlx::Result<Option<DepartmentId>> {
    Ok(sqlx::query_scalar::<_, Option<String>>(
        "SELECT department_id FROM leader_invitations WHERE team_id = $1 AND user_id = $2",
    )
    .bind(team_id)
    .bind(user_id)
    .fetch_optional(e)
    .await?
    .flatten()
    .map(DepartmentId::from))
}

/// Sets the department of a waiting invitation (none waiting: nothing).
pub async fn set_invitation<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    user_id: &str,
    department_id: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE leader_invitations SET department_id = $3 WHERE team_id = $1 AND user_id = $2",
    )
    .bind(team_id)
    .bind(user_id)
    .bind(department_id)
    .execute(e)
    .await?;
    Ok(())
}

/// `(user, department)` of each of the team's leaders and invitations.
pub async fn leader_departments<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
) -> sqlx::Result<Vec<(String, Option<String>)>> {
    sqlx::query_as(
        "SELECT user_id, department_id FROM team_leaders WHERE team_id = $1 \
         UNION ALL SELECT user_id, department_id FROM leader_invitations WHERE team_id = $1",
    )
    .bind(team_id)
    .fetch_all(e)
    .await
}
