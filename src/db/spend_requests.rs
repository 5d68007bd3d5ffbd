//! Members' paid re-edits and re-dos waiting for a leader's approval.

use crate::domain::{HeadshotId, TeamId};
use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct SpendRequestRow {
    pub id: String,
    pub team_id: TeamId,
    pub headshot_id: HeadshotId,
    /// The billing item (JSON), charged once approved.
    pub item: String,
    pub amount_cents: i64,
    pub created_at: i64,
    /// `approved` or `declined`; `None` while waiting.
    pub decision: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<i64>,
    pub payment_id: Option<String>,
}

const COLUMNS: &str = "id, team_id, headshot_id, item, amount_cents, created_at, decision, \
     decided_by, decided_at, payment_id";

/// Records a request; `false` when the headshot has one waiting already.
pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    e: E,
    r: &SpendRequestRow,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO spend_requests (id, team_id, headshot_id, item, amount_cents, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (headshot_id) WHERE decided_at IS NULL DO NOTHING",
    )
    .bind(&r.id)
    .bind(&r.team_id)
    .bind(&r.headshot_id)
    .bind(&r.item)
    .bind(r.amount_cents)
    .bind(r.created_at)
    .execute(e)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
) -> sqlx::Result<Option<SpendRequestRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM spend_requests WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(e)
    .await
}

/// The team's requests still waiting, oldest first.
pub async fn open_for_team<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &TeamId,
) -> sqlx::Result<Vec<SpendRequestRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM spend_requests WHERE team_id = $1 AND decided_at IS NULL \
         ORDER BY created_at, id"
    )))
    .bind(team_id)
    .fetch_all(e)
    .await
}

/// The headshot's latest request (waiting or decided).
pub async fn latest_for_headshot<'e, E: Executor<'e, Database = Any>>(
    e: E,
    headshot_id: &HeadshotId,
) -> sqlx::Result<Option<SpendRequestRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM spend_requests WHERE headshot_id = $1 \
         ORDER BY created_at DESC, id DESC LIMIT 1"
    )))
    .bind(headshot_id)
    .fetch_optional(e)
    .await
}

/// Decides a waiting request; `false` when it was decided already (a second
/// click, or another leader first).
pub async fn decide<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    decision: &str,
    by: &str,
    now: i64,
) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "UPDATE spend_requests SET decision = $2, decided_by = $3, decided_at = $4 \
         WHERE id = $1 AND decided_at IS NULL",
    )
    .bind(id)
    .bind(decision)
    .bind(by)
    .bind(now)
    .execute(e)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Records the payment an approval made.
pub async fn set_payment<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    payment_id: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE spend_requests SET payment_id = $2 \
         WHERE id = $1 AND decision = 'approved' AND payment_id IS NULL",
    )
    .bind(id)
    .bind(payment_id)
    .execute(e)
    .await?;
    Ok(())
}

/// Reopens an approval whose charge could not be made (the payment
/// provider was unreachable), so a leader can try again — unless the member
/// asked anew meanwhile (one waiting request per headshot).
pub async fn reopen<'e, E: Executor<'e, Database = Any>>(e: E, id: &str) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE spend_requests SET decision = NULL, decided_by = NULL, decided_at = NULL \
         WHERE id = $1 AND payment_id IS NULL AND NOT EXISTS (SELECT 1 FROM spend_requests o \
         WHERE o.headshot_id = spend_requests.headshot_id AND o.decided_at IS NULL)",
    )
    .bind(id)
    .execute(e)
    .await?;
    Ok(())
}

/// Who closes a request the headshot moved past (the member's page then
/// says nothing of it; the leaders' list drops it).
pub const MOVED_ON: &str = "system (the headshot moved on)";

/// Closes the headshot's waiting request, if any: a re-edit or re-do
/// started another way makes it moot.
pub async fn close_waiting<'e, E: Executor<'e, Database = Any>>(
    e: E,
    headshot_id: &HeadshotId,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE spend_requests SET decision = 'declined', decided_by = $2, decided_at = $3 \
         WHERE headshot_id = $1 AND decided_at IS NULL",
    )
    .bind(headshot_id)
    .bind(MOVED_ON)
    .bind(now)
    .execute(e)
    .await?;
    Ok(())
}
