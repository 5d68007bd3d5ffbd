//! Mail domains a team confirmed as right although they look like a typo of
//! a common provider's: invites to them are no longer held back.

use sqlx::{Any, Executor};

/// Records that `team_id` confirmed `domain`; a second confirmation (or two
/// at once) keeps the first.
pub async fn add<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    domain: &str,
    by: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO confirmed_domains (team_id, domain, confirmed_by, confirmed_at) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (team_id, domain) DO NOTHING",
    )
    .bind(team_id)
    .bind(domain)
    .bind(by)
    .bind(now)
    .execute(e)
    .await?;
    Ok(())
}

/// The domains `team_id` confirmed.
pub async fn of_team<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar("SELECT domain FROM confirmed_domains WHERE team_id = $1")
        .bind(team_id)
        .fetch_all(e)
        .await
}
