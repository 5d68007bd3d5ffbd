//! Payments, Stripe events and the counter behind payment references.
//! Invoice numbers are in `invoices` (numbered when issued).

use crate::billing::{PaymentStatus, ProviderKind};
use crate::domain::TeamId;
use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct PaymentRow {
    pub id: String,
    pub team_id: TeamId,
    pub provider: ProviderKind,
    pub status: PaymentStatus,
    pub purpose: String,
    pub details: String,
    pub amount_cents: i64,
    /// The payment's own sequential reference (every payment has one).
    pub reference: i64,
    pub granted_at: Option<i64>,
    pub checkout_session_id: Option<String>,
    pub checkout_url: Option<String>,
    pub created_at: i64,
    pub paid_at: Option<i64>,
    pub actor: String,
    /// The Idempotency-Key of the request that made it, if any.
    pub idempotency_key: Option<String>,
    /// ISO 4217, fixed when the payment is made (`USD`).
    pub currency: String,
    /// The invoice's seller and buyer as they were when it was issued
    /// (JSON `InvoiceParties`); NULL before they were recorded.
    pub parties: Option<String>,
    /// The invoice's number, once issued (read from `invoices`; never
    /// written through this row).
    pub invoice_number: Option<i64>,
    pub invoice_issued_at: Option<i64>,
}

const INSERTED: &str = "id, team_id, provider, status, purpose, details, amount_cents, reference, \
     granted_at, checkout_session_id, checkout_url, created_at, paid_at, actor, idempotency_key, currency, \
     parties";

/// The payment's columns and its invoice's number and date, if issued.
const COLUMNS: &str = "id, team_id, provider, status, purpose, details, amount_cents, reference, \
     granted_at, checkout_session_id, checkout_url, created_at, paid_at, actor, idempotency_key, currency, \
     parties, invoices.number AS invoice_number, invoices.issued_at AS invoice_issued_at";

/// `payments` with its invoice (the columns do not clash).
const FROM: &str = "payments LEFT JOIN invoices ON invoices.payment_id = payments.id";

pub async fn next_reference<'e, E: Executor<'e, Database = Any>>(e: E) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "UPDATE counters SET value = value + 1 WHERE name = 'payment_reference' RETURNING value",
    )
    .fetch_one(e)
    .await
}

pub async fn insert<'e, E: Executor<'e, Database = Any>>(e: E, p: &PaymentRow) -> sqlx::Result<()> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO payments ({INSERTED}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)"
    )))
    .bind(&p.id)
    .bind(&p.team_id)
    .bind(p.provider)
    .bind(p.status)
    .bind(&p.purpose)
    .bind(&p.details)
    .bind(p.amount_cents)
    .bind(p.reference)
    .bind(p.granted_at)
    .bind(&p.checkout_session_id)
    .bind(&p.checkout_url)
    .bind(p.created_at)
    .bind(p.paid_at)
    .bind(&p.actor)
    .bind(&p.idempotency_key)
    .bind(&p.currency)
    .bind(&p.parties)
    .execute(e)
    .await?;
    Ok(())
}

/// The payment made under an Idempotency-Key.
pub async fn by_idempotency_key<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    key: &str,
) -> sqlx::Result<Option<PaymentRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE team_id = $1 AND idempotency_key = $2"
    )))
    .bind(team_id)
    .bind(key)
    .fetch_optional(e)
    .await
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
) -> sqlx::Result<Option<PaymentRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(e)
    .await
}

pub async fn by_session<'e, E: Executor<'e, Database = Any>>(
    e: E,
    session: &str,
) -> sqlx::Result<Option<PaymentRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE checkout_session_id = $1"
    )))
    .bind(session)
    .fetch_optional(e)
    .await
}

pub async fn for_team<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
) -> sqlx::Result<Vec<PaymentRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE team_id = $1 ORDER BY created_at DESC, id"
    )))
    .bind(team_id)
    .fetch_all(e)
    .await
}

/// Payments of one purpose still waiting for the payer (not granted).
pub async fn unpaid_for_team<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    purpose: &str,
) -> sqlx::Result<Vec<PaymentRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE team_id = $1 AND purpose = $2 \
         AND status = 'pending' AND granted_at IS NULL ORDER BY created_at, id"
    )))
    .bind(team_id)
    .bind(purpose)
    .fetch_all(e)
    .await
}

pub async fn all<'e, E: Executor<'e, Database = Any>>(e: E) -> sqlx::Result<Vec<PaymentRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM {FROM} ORDER BY created_at DESC, id"
    )))
    .fetch_all(e)
    .await
}

pub async fn set_checkout<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    session: &str,
    url: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE payments SET checkout_session_id = $2, checkout_url = $3 WHERE id = $1")
        .bind(id)
        .bind(session)
        .bind(url)
        .execute(e)
        .await?;
    Ok(())
}

/// Marks the effects as applied; false if they already were (replays).
pub async fn mark_granted<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    now: i64,
) -> sqlx::Result<bool> {
    let r = sqlx::query("UPDATE payments SET granted_at = $2 WHERE id = $1 AND granted_at IS NULL")
        .bind(id)
        .bind(now)
        .execute(e)
        .await?;
    Ok(r.rows_affected() == 1)
}

/// pending → paid; false if it was not pending.
pub async fn mark_paid<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    now: i64,
) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "UPDATE payments SET status = 'paid', paid_at = $2 WHERE id = $1 AND status = 'pending'",
    )
    .bind(id)
    .bind(now)
    .execute(e)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// A payment that will not be paid; it lets go of its Idempotency-Key, so
/// the same key may make a new payment.
pub async fn mark_failed<'e, E: Executor<'e, Database = Any>>(e: E, id: &str) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE payments SET status = 'failed', idempotency_key = NULL WHERE id = $1 AND status = 'pending'",
    )
        .bind(id)
        .execute(e)
        .await?;
    Ok(())
}

/// Records a Stripe event id; false if it was seen before.
pub async fn record_stripe_event<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    kind: &str,
    now: i64,
) -> sqlx::Result<bool> {
    let r = sqlx::query("INSERT INTO stripe_events (id, type, received_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING")
        .bind(id)
        .bind(kind)
        .bind(now)
        .execute(e)
        .await?;
    Ok(r.rows_affected() == 1)
}
