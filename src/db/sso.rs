//! Identity providers (OpenID Connect), sign-ins on their way through one,
//! and the provider subjects linked to accounts.

use crate::domain::UserId;
use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct ProviderRow {
    /// `studio`, or `team:<id>`.
    pub owner: String,
    pub issuer: String,
    pub client_id: String,
    pub client_secret_sealed: String,
    /// Lower-case domains separated by spaces.
    pub allowed_domains: String,
    pub create_accounts: i64,
    pub updated_at: i64,
    pub updated_by: String,
}

const COLUMNS: &str = "owner, issuer, client_id, client_secret_sealed, allowed_domains, \
                       create_accounts, updated_at, updated_by";

pub async fn get<'e, E: Executor<'e, Database = Any>>(
    e: E,
    owner: &str,
) -> sqlx::Result<Option<ProviderRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM sso_providers WHERE owner = $1"
    )))
    .bind(owner)
    .fetch_optional(e)
    .await
}

/// Every provider whose allowed domains include `domain` (a space-bounded
/// match in the stored list).
pub async fn for_domain<'e, E: Executor<'e, Database = Any>>(
    e: E,
    domain: &str,
) -> sqlx::Result<Vec<ProviderRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM sso_providers \
         WHERE (' ' || allowed_domains || ' ') LIKE $1 ORDER BY owner"
    )))
    .bind(format!("% {} %", domain.replace(['%', '_', '\\'], "")))
    .fetch_all(e)
    .await
}

/// Creates or replaces the provider of `owner` (`team_id` for a team's).
pub async fn upsert<'e, E: Executor<'e, Database = Any>>(
    e: E,
    r: &ProviderRow,
    team_id: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO sso_providers (owner, team_id, issuer, client_id, client_secret_sealed, \
         allowed_domains, create_accounts, updated_at, updated_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         ON CONFLICT (owner) DO UPDATE SET issuer = excluded.issuer, \
         client_id = excluded.client_id, client_secret_sealed = excluded.client_secret_sealed, \
         allowed_domains = excluded.allowed_domains, create_accounts = excluded.create_accounts, \
         updated_at = excluded.updated_at, updated_by = excluded.updated_by",
    )
    .bind(&r.owner)
    .bind(team_id)
    .bind(&r.issuer)
    .bind(&r.client_id)
    .bind(&r.client_secret_sealed)
    .bind(&r.allowed_domains)
    .bind(r.create_accounts)
    .bind(r.updated_at)
    .bind(&r.updated_by)
    .execute(e)
    .await?;
    Ok(())
}

/// Removes the provider of `owner` with the sign-ins on their way and its
/// linked subjects, in the caller's transaction; whether there was one.
pub async fn delete(tx: &mut super::Tx, owner: &str) -> sqlx::Result<bool> {
    for table in ["sso_logins", "sso_identities"] {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM {table} WHERE owner = $1"
        )))
        .bind(owner)
        .execute(&mut **tx)
        .await?;
    }
    Ok(sqlx::query("DELETE FROM sso_providers WHERE owner = $1")
        .bind(owner)
        .execute(&mut **tx)
        .await?
        .rows_affected()
        == 1)
}

#[derive(Debug, Clone, FromRow)]
pub struct LoginRow {
    pub owner: String,
    pub browser_hash: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub expires_at: i64,
}

/// Records a sign-in on its way.
pub async fn insert_login<'e, E: Executor<'e, Database = Any>>(
    e: E,
    state_hash: &str,
    l: &LoginRow,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO sso_logins (state_hash, owner, browser_hash, nonce, pkce_verifier, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(state_hash)
    .bind(&l.owner)
    .bind(&l.browser_hash)
    .bind(&l.nonce)
    .bind(&l.pkce_verifier)
    .bind(l.expires_at)
    .execute(e)
    .await?;
    Ok(())
}

/// Forgets the sign-ins that were never finished in time.
pub async fn purge_logins<'e, E: Executor<'e, Database = Any>>(e: E, now: i64) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sso_logins WHERE expires_at < $1")
        .bind(now)
        .execute(e)
        .await?;
    Ok(())
}

/// Takes the sign-in of `state_hash` (once: a second callback with the same
/// state, or two at once, find nothing).
pub async fn take_login<'e, E: Executor<'e, Database = Any>>(
    e: E,
    state_hash: &str,
) -> sqlx::Result<Option<LoginRow>> {
    sqlx::query_as(
        "DELETE FROM sso_logins WHERE state_hash = $1 \
         RETURNING owner, browser_hash, nonce, pkce_verifier, expires_at",
    )
    .bind(state_hash)
    .fetch_optional(e)
    .await
}

/// The account linked to `subject` of `issuer` at `owner`'s provider.
pub async fn identity<'e, E: Executor<'e, Database = Any>>(
    e: E,
    owner: &str,
    issuer: &str,
    subject: &str,
) -> sqlx::Result<Option<UserId>> {
    sqlx::query_scalar(
        "SELECT user_id FROM sso_identities WHERE owner = $1 AND issuer = $2 AND subject = $3",
    )
    .bind(owner)
    .bind(issuer)
    .bind(subject)
    .fetch_optional(e)
    .await
}

/// Whether `user_id` is linked to a subject of `owner`'s provider at `issuer`.
pub async fn user_linked<'e, E: Executor<'e, Database = Any>>(
    e: E,
    owner: &str,
    issuer: &str,
    user_id: &UserId,
) -> sqlx::Result<bool> {
    Ok(sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM sso_identities WHERE owner = $1 AND issuer = $2 AND user_id = $3",
    )
    .bind(owner)
    .bind(issuer)
    .bind(user_id)
    .fetch_one(e)
    .await?
        > 0)
}

/// Links `subject` to `user_id`; `false` when the subject was linked
/// meanwhile (two first sign-ins at once).
pub async fn link<'e, E: Executor<'e, Database = Any>>(
    e: E,
    owner: &str,
    issuer: &str,
    subject: &str,
    user_id: &UserId,
    now: i64,
) -> sqlx::Result<bool> {
    Ok(sqlx::query(
        "INSERT INTO sso_identities (owner, issuer, subject, user_id, linked_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (owner, issuer, subject) DO NOTHING",
    )
    .bind(owner)
    .bind(issuer)
    .bind(subject)
    .bind(user_id)
    .bind(now)
    .execute(e)
    .await?
    .rows_affected()
        == 1)
}

/// How many providers are set up.
pub async fn count<'e, E: Executor<'e, Database = Any>>(e: E) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM sso_providers")
        .fetch_one(e)
        .await
}
