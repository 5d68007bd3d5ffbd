//! Invitations to lead a team sent to accounts that already lead other
//! teams (`leader_invitations`): the team joins the account only when its
//! owner accepts.

use crate::domain::{TeamId, UserId};
use sqlx::{Any, Executor, FromRow};

/// An invitation as the inviting team lists it.
#[derive(Debug, Clone, FromRow)]
pub struct SentInvitation {
    pub user_id: UserId,
    /// The name the inviter typed.
    pub name: String,
    pub email: String,
}

/// An invitation as the invited account sees it.
#[derive(Debug, Clone, FromRow)]
pub struct ReceivedInvitation {
    pub team_id: TeamId,
    pub team_name: String,
    pub invited_by: String,
}

/// Records an invitation; `false` when one is waiting already.
pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    user_id: &str,
    name: &str,
    invited_by: &str,
    now: i64,
) -> sqlx::Result<bool> {
    Ok(sqlx::query(
        "INSERT INTO leader_invitations (team_id, user_id, name, invited_by, created_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (team_id, user_id) DO NOTHING",
    )
    .bind(team_id)
    .bind(user_id)
    .bind(name)
    .bind(invited_by)
    .bind(now)
    .execute(e)
    .await?
    .rows_affected()
        == 1)
}

/// Removes the invitation (accepted, declined or cancelled); `false` when
/// there was none (answered already, by another click).
pub async fn take<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    user_id: &str,
) -> sqlx::Result<bool> {
    Ok(
        sqlx::query("DELETE FROM leader_invitations WHERE team_id = $1 AND user_id = $2")
            .bind(team_id)
            .bind(user_id)
            .execute(e)
            .await?
            .rows_affected()
            == 1,
    )
}

/// Whether `user_id` has an invitation from `team_id` waiting.
pub async fn waiting<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    user_id: &str,
) -> sqlx::Result<bool> {
    Ok(sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM leader_invitations WHERE team_id = $1 AND user_id = $2",
    )
    .bind(team_id)
    .bind(user_id)
    .fetch_one(e)
    .await?
        > 0)
}

/// The team's invitations waiting for an answer, oldest first.
pub async fn of_team<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
) -> sqlx::Result<Vec<SentInvitation>> {
    sqlx::query_as(
        "SELECT i.user_id, i.name, u.email FROM leader_invitations i JOIN users u ON u.id = i.user_id \
         WHERE i.team_id = $1 ORDER BY i.created_at, i.user_id",
    )
    .bind(team_id)
    .fetch_all(e)
    .await
}

/// The invitations waiting for `user_id`'s answer, oldest first.
pub async fn of_user<'e, E: Executor<'e, Database = Any>>(
    e: E,
    user_id: &UserId,
) -> sqlx::Result<Vec<ReceivedInvitation>> {
    sqlx::query_as(
        "SELECT i.team_id, t.name AS team_name, i.invited_by FROM leader_invitations i \
         JOIN teams t ON t.id = i.team_id WHERE i.user_id = $1 ORDER BY i.created_at, i.team_id",
    )
    .bind(user_id)
    .fetch_all(e)
    .await
}
