//! Members' Slack consents: on their way (found by `state`, used once) and
//! granted (the member's token, sealed, kept until their photo is set).

use sqlx::{Any, Executor, FromRow};

pub async fn insert_consent<'e, E: Executor<'e, Database = Any>>(
    e: E,
    state_hash: &str,
    headshot_id: &str,
    expires_at: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO slack_photo_consents (state_hash, headshot_id, expires_at) VALUES ($1, $2, $3)",
    )
    .bind(state_hash)
    .bind(headshot_id)
    .bind(expires_at)
    .execute(e)
    .await?;
    Ok(())
}

/// Takes the consent of `state_hash` for `headshot_id`, once: its expiry.
pub async fn take_consent<'e, E: Executor<'e, Database = Any>>(
    e: E,
    state_hash: &str,
    headshot_id: &str,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "DELETE FROM slack_photo_consents WHERE state_hash = $1 AND headshot_id = $2 \
         RETURNING expires_at",
    )
    .bind(state_hash)
    .bind(headshot_id)
    .fetch_optional(e)
    .await
}

pub async fn purge_consents<'e, E: Executor<'e, Database = Any>>(
    e: E,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM slack_photo_consents WHERE expires_at < $1")
        .bind(now)
        .execute(e)
        .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct GrantRow {
    pub headshot_id: String,
    /// The workspace it was given in: used only while the team's
    /// connection names the same.
    pub workspace_id: String,
    pub slack_user: String,
    pub token_sealed: String,
    pub granted_at: i64,
}

/// Keeps the member's token (a later consent replaces an earlier one).
pub async fn put_grant<'e, E: Executor<'e, Database = Any>>(
    e: E,
    g: &GrantRow,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO slack_photo_grants (headshot_id, slack_user, token_sealed, granted_at, workspace_id) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (headshot_id) DO UPDATE SET \
         slack_user = excluded.slack_user, token_sealed = excluded.token_sealed, \
         workspace_id = excluded.workspace_id, \
         granted_at = excluded.granted_at",
    )
    .bind(&g.headshot_id)
    .bind(&g.slack_user)
    .bind(&g.token_sealed)
    .bind(g.granted_at)
    .bind(&g.workspace_id)
    .execute(e)
    .await?;
    Ok(())
}

pub async fn grant<'e, E: Executor<'e, Database = Any>>(
    e: E,
    headshot_id: &str,
) -> sqlx::Result<Option<GrantRow>> {
    sqlx::query_as(
        "SELECT headshot_id, workspace_id, slack_user, token_sealed, granted_at \
         FROM slack_photo_grants WHERE headshot_id = $1",
    )
    .bind(headshot_id)
    .fetch_optional(e)
    .await
}

/// Deletes the grant if it still holds `token_sealed` (not a newer
/// consent's): whether it did.
pub async fn delete_grant<'e, E: Executor<'e, Database = Any>>(
    e: E,
    headshot_id: &str,
    token_sealed: &str,
) -> sqlx::Result<bool> {
    Ok(
        sqlx::query("DELETE FROM slack_photo_grants WHERE headshot_id = $1 AND token_sealed = $2")
            .bind(headshot_id)
            .bind(token_sealed)
            .execute(e)
            .await?
            .rows_affected()
            == 1,
    )
}

/// Takes every token held for the team's members (when it disconnects
/// Slack or names another workspace), with the Slack pushes that were
/// waiting on them: the tokens, to be revoked.
pub async fn take_team_grants(tx: &mut super::Tx, team_id: &str) -> sqlx::Result<Vec<GrantRow>> {
    sqlx::query(
        "DELETE FROM photo_pushes WHERE provider = 'slack' \
         AND state IN ('consented', 'waiting', 'retrying') \
         AND headshot_id IN (SELECT id FROM headshots WHERE team_id = $1)",
    )
    .bind(team_id)
    .execute(&mut **tx)
    .await?;
    sqlx::query_as(
        "DELETE FROM slack_photo_grants WHERE headshot_id IN \
         (SELECT id FROM headshots WHERE team_id = $1) \
         RETURNING headshot_id, workspace_id, slack_user, token_sealed, granted_at",
    )
    .bind(team_id)
    .fetch_all(&mut **tx)
    .await
}

/// Takes the token held for one headshot (erasure): to be revoked.
pub async fn take_grant(tx: &mut super::Tx, headshot_id: &str) -> sqlx::Result<Option<GrantRow>> {
    sqlx::query_as(
        "DELETE FROM slack_photo_grants WHERE headshot_id = $1 \
         RETURNING headshot_id, workspace_id, slack_user, token_sealed, granted_at",
    )
    .bind(headshot_id)
    .fetch_optional(&mut **tx)
    .await
}
