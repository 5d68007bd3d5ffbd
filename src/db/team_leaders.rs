//! Which teams each leader account leads (`team_leaders`): one account may
//! lead several teams and switch between them without signing out.

use crate::domain::{TeamId, UserId};
use sqlx::{Any, Executor};

/// Makes `user_id` a leader of `team_id`; `false` when they lead it already
/// (a second click, or two at once, add one row).
pub async fn add<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    user_id: &str,
    now: i64,
) -> sqlx::Result<bool> {
    Ok(sqlx::query(
        "INSERT INTO team_leaders (team_id, user_id, added_at) VALUES ($1, $2, $3) \
         ON CONFLICT (team_id, user_id) DO NOTHING",
    )
    .bind(team_id)
    .bind(user_id)
    .bind(now)
    .execute(e)
    .await?
    .rows_affected()
        == 1)
}

/// Ends `user_id`'s leadership of `team_id`; whether they led it.
pub async fn remove<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    user_id: &str,
) -> sqlx::Result<bool> {
    Ok(
        sqlx::query("DELETE FROM team_leaders WHERE team_id = $1 AND user_id = $2")
            .bind(team_id)
            .bind(user_id)
            .execute(e)
            .await?
            .rows_affected()
            == 1,
    )
}

/// Whether `user_id` leads `team_id`.
pub async fn leads<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    user_id: &str,
) -> sqlx::Result<bool> {
    Ok(sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM team_leaders WHERE team_id = $1 AND user_id = $2",
    )
    .bind(team_id)
    .bind(user_id)
    .fetch_one(e)
    .await?
        > 0)
}

/// Whether `user_id` leads a team other than `team_id` named `name` (in
/// any case; compared here, as SQLite's `lower` knows ASCII only).
pub async fn leads_another_named<'e, E: Executor<'e, Database = Any>>(
    e: E,
    user_id: &str,
    team_id: &str,
    name: &str,
) -> sqlx::Result<bool> {
    let name = name.to_lowercase();
    Ok(teams_of(e, &UserId::of(user_id))
        .await?
        .iter()
        .any(|(id, other)| id.as_str() != team_id && other.to_lowercase() == name))
}

/// The teams `user_id` leads, by name: `(id, name)`.
pub async fn teams_of<'e, E: Executor<'e, Database = Any>>(
    e: E,
    user_id: &UserId,
) -> sqlx::Result<Vec<(TeamId, String)>> {
    sqlx::query_as(
        "SELECT t.id, t.name FROM team_leaders tl JOIN teams t ON t.id = tl.team_id \
         WHERE tl.user_id = $1 ORDER BY t.name, t.id",
    )
    .bind(user_id)
    .fetch_all(e)
    .await
}
