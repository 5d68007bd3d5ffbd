//! Teams and their cached credit balance (the ledger is the source of truth;
//! the cache is updated in the same transaction as every ledger row).

use crate::domain::TeamId;
use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct TeamRow {
    pub id: TeamId,
    pub name: String,
    pub timezone: String,
    pub credits_available: i64,
    pub credits_used: i64,
    pub credits_purchased: i64,
    pub unit_price_cents: Option<i64>,
    pub share_version: i64,
    pub share_token_hash: Option<String>,
    pub default_style_id: Option<String>,
    pub created_at: i64,
    pub qc_preferences: Option<String>,
    /// 1 when drafts that passed the quality check deliver themselves.
    pub express_drafts: i64,
    /// 1 when members may pay for re-edits and re-dos themselves.
    pub members_may_spend: i64,
    /// `en`, `de`, `fr`, `es`; NULL: each member's browser language.
    pub language: Option<String>,
    /// Lines of the address invoices are made out to.
    pub billing_address: Option<String>,
    /// A new headshot of each approved member every this many months;
    /// NULL: never.
    pub refresh_months: Option<i64>,
    /// The questions members answer before the upload (JSON).
    pub intake_fields: Option<String>,
    /// How the ZIP names each member's files.
    pub file_name_template: Option<String>,
}

const COLUMNS: &str = "id, name, timezone, credits_available, credits_used, credits_purchased, \
     unit_price_cents, share_version, share_token_hash, default_style_id, created_at, qc_preferences, \
     express_drafts, members_may_spend, language, billing_address, refresh_months, intake_fields, file_name_template";

pub async fn insert<'e, E: Executor<'e, Database = Any>>(e: E, t: &TeamRow) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO teams (id, name, timezone, share_version, share_token_hash, created_at, language) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&t.id)
    .bind(&t.name)
    .bind(&t.timezone)
    .bind(t.share_version)
    .bind(&t.share_token_hash)
    .bind(t.created_at)
    .bind(&t.language)
    .execute(e)
    .await?;
    Ok(())
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &TeamId,
) -> sqlx::Result<Option<TeamRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM teams WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(e)
    .await
}

pub async fn by_share_hash<'e, E: Executor<'e, Database = Any>>(
    e: E,
    hash: &str,
) -> sqlx::Result<Option<TeamRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM teams WHERE share_token_hash = $1"
    )))
    .bind(hash)
    .fetch_optional(e)
    .await
}

pub async fn list<'e, E: Executor<'e, Database = Any>>(e: E) -> sqlx::Result<Vec<TeamRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM teams ORDER BY name, id"
    )))
    .fetch_all(e)
    .await
}

/// Gives back one used credit; `false` when none was used (nothing to
/// return, so nothing may be written to the ledger either).
pub async fn return_credit<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
) -> sqlx::Result<bool> {
    Ok(sqlx::query(
        "UPDATE teams SET credits_available = credits_available + 1, credits_used = credits_used - 1 \
         WHERE id = $1 AND credits_used >= 1",
    )
    .bind(team_id)
    .execute(e)
    .await?
    .rows_affected()
        == 1)
}

/// Credits given, or taken back (`delta` < 0), by the studio without a
/// purchase: they do not count toward the volume price tier. Taking back
/// never goes below zero available (`false`).
pub async fn adjust_available<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    delta: i64,
) -> sqlx::Result<bool> {
    Ok(sqlx::query(
        "UPDATE teams SET credits_available = credits_available + $2 \
         WHERE id = $1 AND credits_available + $2 >= 0",
    )
    .bind(team_id)
    .bind(delta)
    .execute(e)
    .await?
    .rows_affected()
        == 1)
}

pub async fn add_purchased<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    quantity: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE teams SET credits_available = credits_available + $2, credits_purchased = credits_purchased + $2 \
         WHERE id = $1",
    )
    .bind(team_id)
    .bind(quantity)
    .execute(e)
    .await?;
    Ok(())
}

pub async fn set_rate<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    cents: i64,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE teams SET unit_price_cents = $2 WHERE id = $1")
        .bind(team_id)
        .bind(cents)
        .execute(e)
        .await?;
    Ok(())
}

pub async fn set_billing_address<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &TeamId,
    address: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE teams SET billing_address = $2 WHERE id = $1")
        .bind(team_id)
        .bind(address)
        .execute(e)
        .await?;
    Ok(())
}

pub async fn set_language<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &TeamId,
    language: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE teams SET language = $2 WHERE id = $1")
        .bind(team_id)
        .bind(language)
        .execute(e)
        .await?;
    Ok(())
}

pub async fn set_members_may_spend<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &TeamId,
    on: bool,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE teams SET members_may_spend = $2 WHERE id = $1")
        .bind(team_id)
        .bind(i64::from(on))
        .execute(e)
        .await?;
    Ok(())
}

pub async fn set_refresh_months<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &TeamId,
    months: Option<i64>,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE teams SET refresh_months = $2 WHERE id = $1")
        .bind(team_id)
        .bind(months)
        .execute(e)
        .await?;
    Ok(())
}

pub async fn set_express<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &TeamId,
    on: bool,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE teams SET express_drafts = $2 WHERE id = $1")
        .bind(team_id)
        .bind(i64::from(on))
        .execute(e)
        .await?;
    Ok(())
}

/// Take `n` credits at once, or none. The guard in the `WHERE` clause makes
/// concurrent invites unable to overdraw: the loser updates no row.
pub async fn take_credits<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    n: i64,
) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "UPDATE teams SET credits_available = credits_available - $2, credits_used = credits_used + $2 \
         WHERE id = $1 AND credits_available >= $2",
    )
    .bind(team_id)
    .bind(n)
    .execute(e)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Rotate (a new version and hash) or revoke (`None`) the share link.
pub async fn set_share<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    version: i64,
    hash: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE teams SET share_version = $2, share_token_hash = $3 WHERE id = $1")
        .bind(team_id)
        .bind(version)
        .bind(hash)
        .execute(e)
        .await?;
    Ok(())
}

pub async fn set_qc_preferences<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    codes_json: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE teams SET qc_preferences = $2 WHERE id = $1")
        .bind(id)
        .bind(codes_json)
        .execute(e)
        .await?;
    Ok(())
}

/// Takes the team row's write lock for the rest of the transaction (a no-op
/// update: PostgreSQL locks the row, SQLite's writer lock is already held).
pub async fn lock<'e, E: Executor<'e, Database = Any>>(e: E, id: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE teams SET share_version = share_version WHERE id = $1")
        .bind(id)
        .execute(e)
        .await?;
    Ok(())
}
