//! Two-factor sign-in: the sealed TOTP secret on `users`, recovery codes,
//! and sign-ins waiting for their second factor.

use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct TotpState {
    pub totp_secret: Option<String>,
    pub totp_enabled_at: Option<i64>,
    pub totp_last_step: Option<i64>,
}

pub async fn state<'e, E: Executor<'e, Database = Any>>(
    e: E,
    user_id: &str,
) -> sqlx::Result<Option<TotpState>> {
    sqlx::query_as("SELECT totp_secret, totp_enabled_at, totp_last_step FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(e)
        .await
}

/// A new pending enrolment (replacing any earlier pending one), unless two
/// factors are already on.
pub async fn set_pending<'e, E: Executor<'e, Database = Any>>(
    e: E,
    user_id: &str,
    sealed: &str,
) -> sqlx::Result<bool> {
    Ok(sqlx::query(
        "UPDATE users SET totp_secret = $2, totp_last_step = NULL WHERE id = $1 AND totp_enabled_at IS NULL",
    )
    .bind(user_id)
    .bind(sealed)
    .execute(e)
    .await?
    .rows_affected()
        == 1)
}

/// Turns the pending enrolment on, with the step of the code that proved it.
pub async fn enable<'e, E: Executor<'e, Database = Any>>(
    e: E,
    user_id: &str,
    step: i64,
    now: i64,
) -> sqlx::Result<bool> {
    Ok(sqlx::query(
        "UPDATE users SET totp_enabled_at = $3, totp_last_step = $2 \
         WHERE id = $1 AND totp_enabled_at IS NULL AND totp_secret IS NOT NULL",
    )
    .bind(user_id)
    .bind(step)
    .bind(now)
    .execute(e)
    .await?
    .rows_affected()
        == 1)
}

pub async fn disable<'e, E: Executor<'e, Database = Any>>(e: E, user_id: &str) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE users SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = $1",
    )
    .bind(user_id)
    .execute(e)
    .await?;
    Ok(())
}

/// Accepts a code's time step once: `false` when this step (or a later one)
/// was used already, so a seen code cannot be replayed.
pub async fn use_step<'e, E: Executor<'e, Database = Any>>(
    e: E,
    user_id: &str,
    step: i64,
) -> sqlx::Result<bool> {
    Ok(sqlx::query(
        "UPDATE users SET totp_last_step = $2 WHERE id = $1 \
         AND (totp_last_step IS NULL OR totp_last_step < $2)",
    )
    .bind(user_id)
    .bind(step)
    .execute(e)
    .await?
    .rows_affected()
        == 1)
}

pub async fn replace_recovery_codes(
    tx: &mut super::Tx,
    user_id: &str,
    hashes: &[String],
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    for h in hashes {
        sqlx::query("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)")
            .bind(user_id)
            .bind(h)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Uses a recovery code once; whether it was valid and unused.
pub async fn use_recovery_code<'e, E: Executor<'e, Database = Any>>(
    e: E,
    user_id: &str,
    hash: &str,
    now: i64,
) -> sqlx::Result<bool> {
    Ok(sqlx::query(
        "UPDATE recovery_codes SET used_at = $3 WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL",
    )
    .bind(user_id)
    .bind(hash)
    .bind(now)
    .execute(e)
    .await?
    .rows_affected()
        == 1)
}

pub async fn unused_recovery_codes<'e, E: Executor<'e, Database = Any>>(
    e: E,
    user_id: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL")
        .bind(user_id)
        .fetch_one(e)
        .await
}

pub async fn delete_recovery_codes<'e, E: Executor<'e, Database = Any>>(
    e: E,
    user_id: &str,
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
        .bind(user_id)
        .execute(e)
        .await?;
    Ok(())
}

pub async fn insert_challenge<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id_hash: &str,
    user_id: &str,
    via_link: bool,
    sso_team_id: Option<&str>,
    now: i64,
    expires_at: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO sign_in_challenges (id_hash, user_id, via_link, created_at, expires_at, sso_team_id) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id_hash)
    .bind(user_id)
    .bind(i64::from(via_link))
    .bind(now)
    .bind(expires_at)
    .bind(sso_team_id)
    .execute(e)
    .await?;
    Ok(())
}

/// The user and how they got this far (a link; a team's identity
/// provider), while the challenge is fresh.
pub async fn challenge<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id_hash: &str,
    now: i64,
) -> sqlx::Result<Option<(String, i64, Option<String>)>> {
    sqlx::query_as(
        "SELECT user_id, via_link, sso_team_id FROM sign_in_challenges \
         WHERE id_hash = $1 AND expires_at > $2",
    )
    .bind(id_hash)
    .bind(now)
    .fetch_optional(e)
    .await
}

/// Ends a challenge (answered, or expired); whether it was still there.
pub async fn end_challenge<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id_hash: &str,
) -> sqlx::Result<bool> {
    Ok(
        sqlx::query("DELETE FROM sign_in_challenges WHERE id_hash = $1")
            .bind(id_hash)
            .execute(e)
            .await?
            .rows_affected()
            == 1,
    )
}
