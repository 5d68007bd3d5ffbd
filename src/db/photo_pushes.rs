//! Profile-photo pushes: teams' connections to the services, consents on
//! their way, and each approved headshot's push to each service.

use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct ConnectionRow {
    pub team_id: String,
    pub provider: String,
    /// The team's account at the provider (Entra: the tenant id; Google:
    /// the administrator who consented; Slack: the workspace's name).
    pub account: String,
    /// Slack: the workspace's id, which members' consents must name.
    pub account_id: Option<String>,
    /// Google: the refresh token, sealed.
    pub secret_sealed: Option<String>,
    pub connected_at: i64,
    pub connected_by: String,
}

pub async fn connections<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
) -> sqlx::Result<Vec<ConnectionRow>> {
    sqlx::query_as(
        "SELECT team_id, provider, account, account_id, secret_sealed, connected_at, connected_by \
         FROM push_connections \
         WHERE team_id = $1 ORDER BY provider",
    )
    .bind(team_id)
    .fetch_all(e)
    .await
}

pub async fn connection<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    provider: &str,
) -> sqlx::Result<Option<ConnectionRow>> {
    sqlx::query_as(
        "SELECT team_id, provider, account, account_id, secret_sealed, connected_at, connected_by \
         FROM push_connections \
         WHERE team_id = $1 AND provider = $2",
    )
    .bind(team_id)
    .bind(provider)
    .fetch_optional(e)
    .await
}

/// Connects (or reconnects, to another account) the team to `provider`.
pub async fn connect<'e, E: Executor<'e, Database = Any>>(
    e: E,
    c: &ConnectionRow,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO push_connections (team_id, provider, account, secret_sealed, connected_at, connected_by, account_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (team_id, provider) DO UPDATE SET \
         account = excluded.account, account_id = excluded.account_id, secret_sealed = excluded.secret_sealed, \
         connected_at = excluded.connected_at, connected_by = excluded.connected_by",
    )
    .bind(&c.team_id)
    .bind(&c.provider)
    .bind(&c.account)
    .bind(&c.secret_sealed)
    .bind(c.connected_at)
    .bind(&c.connected_by)
    .bind(&c.account_id)
    .execute(e)
    .await?;
    Ok(())
}

/// Whether there was a connection to remove.
pub async fn disconnect<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    provider: &str,
) -> sqlx::Result<bool> {
    Ok(
        sqlx::query("DELETE FROM push_connections WHERE team_id = $1 AND provider = $2")
            .bind(team_id)
            .bind(provider)
            .execute(e)
            .await?
            .rows_affected()
            == 1,
    )
}

#[derive(Debug, Clone, FromRow)]
pub struct ConsentRow {
    pub team_id: String,
    pub provider: String,
    pub user_id: String,
    pub expires_at: i64,
}

pub async fn insert_consent<'e, E: Executor<'e, Database = Any>>(
    e: E,
    state_hash: &str,
    c: &ConsentRow,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO push_consents (state_hash, team_id, provider, user_id, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(state_hash)
    .bind(&c.team_id)
    .bind(&c.provider)
    .bind(&c.user_id)
    .bind(c.expires_at)
    .execute(e)
    .await?;
    Ok(())
}

/// Takes the consent of `state_hash`, once, if `user_id` began it for
/// `team_id` and `provider`.
pub async fn take_consent<'e, E: Executor<'e, Database = Any>>(
    e: E,
    state_hash: &str,
    team_id: &str,
    user_id: &str,
    provider: &str,
) -> sqlx::Result<Option<ConsentRow>> {
    sqlx::query_as(
        "DELETE FROM push_consents WHERE state_hash = $1 AND team_id = $2 AND user_id = $3 \
         AND provider = $4 RETURNING team_id, provider, user_id, expires_at",
    )
    .bind(state_hash)
    .bind(team_id)
    .bind(user_id)
    .bind(provider)
    .fetch_optional(e)
    .await
}

pub async fn purge_consents<'e, E: Executor<'e, Database = Any>>(
    e: E,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM push_consents WHERE expires_at < $1")
        .bind(now)
        .execute(e)
        .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct PushRow {
    pub headshot_id: String,
    pub provider: String,
    pub state: String,
    pub detail: Option<String>,
    pub updated_at: i64,
}

/// Records where a headshot's push stands (created when first recorded).
pub async fn record<'e, E: Executor<'e, Database = Any>>(
    e: E,
    headshot_id: &str,
    provider: &str,
    state: &str,
    detail: Option<&str>,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO photo_pushes (headshot_id, provider, state, detail, updated_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (headshot_id, provider) DO UPDATE SET \
         state = excluded.state, detail = excluded.detail, updated_at = excluded.updated_at",
    )
    .bind(headshot_id)
    .bind(provider)
    .bind(state)
    .bind(detail)
    .bind(now)
    .execute(e)
    .await?;
    Ok(())
}

/// Every push of the team's headshots.
pub async fn of_team<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
) -> sqlx::Result<Vec<PushRow>> {
    sqlx::query_as(
        "SELECT p.headshot_id, p.provider, p.state, p.detail, p.updated_at \
         FROM photo_pushes p JOIN headshots h ON h.id = p.headshot_id \
         WHERE h.team_id = $1 ORDER BY p.headshot_id, p.provider",
    )
    .bind(team_id)
    .fetch_all(e)
    .await
}

pub async fn of_headshot<'e, E: Executor<'e, Database = Any>>(
    e: E,
    headshot_id: &str,
) -> sqlx::Result<Vec<PushRow>> {
    sqlx::query_as(
        "SELECT headshot_id, provider, state, detail, updated_at FROM photo_pushes \
         WHERE headshot_id = $1 ORDER BY provider",
    )
    .bind(headshot_id)
    .fetch_all(e)
    .await
}

/// Forgets a headshot's push to `provider` (an earlier version's).
pub async fn forget<'e, E: Executor<'e, Database = Any>>(
    e: E,
    headshot_id: &str,
    provider: &str,
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM photo_pushes WHERE headshot_id = $1 AND provider = $2")
        .bind(headshot_id)
        .bind(provider)
        .execute(e)
        .await?;
    Ok(())
}
