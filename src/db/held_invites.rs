//! Invitations held back (`headshots.invite_held`): ending a hold once, and
//! listing a team's held invitations.

use sqlx::{Any, Executor};

/// Ends the hold on headshot `id`'s invitation, if it is still held and its
/// link is still `version` (a correction made meanwhile wins); whether this
/// call released it (a second click, or two at once, release it once).
pub async fn release<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    version: i64,
    now: i64,
) -> sqlx::Result<bool> {
    Ok(sqlx::query(
        "UPDATE headshots SET invite_held = 0, updated_at = $3 \
         WHERE id = $1 AND member_token_version = $2 AND invite_held = 1 AND deleted_at IS NULL",
    )
    .bind(id)
    .bind(version)
    .bind(now)
    .execute(e)
    .await?
    .rows_affected()
        == 1)
}

/// The ids of a team's headshots whose invitation is held back.
pub async fn of_team<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar(
        "SELECT id FROM headshots WHERE team_id = $1 AND invite_held = 1 AND deleted_at IS NULL \
         ORDER BY created_at, id",
    )
    .bind(team_id)
    .fetch_all(e)
    .await
}
