//! What the studio's reports read: sales, open invoices, credits, and each
//! team's headshots in a time range (`from` ≤ t < `to`, milliseconds).

use sqlx::{Any, Executor, FromRow};

/// A payment granted (an invoice issued, a card payment confirmed).
#[derive(Debug, Clone, FromRow)]
pub struct Sale {
    pub granted_at: i64,
    pub purpose: String,
    pub amount_cents: i64,
    pub currency: String,
}

pub async fn sales<'e, E: Executor<'e, Database = Any>>(
    e: E,
    from: i64,
    to: i64,
) -> sqlx::Result<Vec<Sale>> {
    sqlx::query_as(
        "SELECT granted_at, purpose, amount_cents, currency FROM payments \
         WHERE granted_at >= $1 AND granted_at < $2 ORDER BY granted_at",
    )
    .bind(from)
    .bind(to)
    .fetch_all(e)
    .await
}

/// Money paid back (refunds recorded by the studio, expedites refunded as
/// money): (at, cents paid back, currency).
pub async fn refunds<'e, E: Executor<'e, Database = Any>>(
    e: E,
    from: i64,
    to: i64,
) -> sqlx::Result<Vec<(i64, i64, Option<String>)>> {
    sqlx::query_as(
        "SELECT at, -amount_cents, currency FROM ledger \
         WHERE kind = 'money_refund' AND at >= $1 AND at < $2 ORDER BY at",
    )
    .bind(from)
    .bind(to)
    .fetch_all(e)
    .await
}

/// An invoice issued and not yet marked paid.
#[derive(Debug, Clone, FromRow)]
pub struct OpenInvoice {
    pub id: String,
    pub invoice_number: i64,
    pub team_id: String,
    pub team_name: String,
    pub amount_cents: i64,
    pub currency: String,
    pub issued_at: i64,
}

pub async fn open_invoices<'e, E: Executor<'e, Database = Any>>(
    e: E,
) -> sqlx::Result<Vec<OpenInvoice>> {
    sqlx::query_as(
        "SELECT p.id, i.number AS invoice_number, p.team_id, t.name AS team_name, p.amount_cents, \
         p.currency, i.issued_at FROM payments p JOIN teams t ON t.id = p.team_id \
         JOIN invoices i ON i.payment_id = p.id \
         WHERE p.provider = 'invoice' AND p.status = 'pending' AND p.granted_at IS NOT NULL \
         ORDER BY i.number",
    )
    .fetch_all(e)
    .await
}

/// Credits sold, spent on invitations and given back in the range.
pub async fn credits<'e, E: Executor<'e, Database = Any>>(
    e: E,
    from: i64,
    to: i64,
) -> sqlx::Result<(i64, i64, i64)> {
    // CAST: PostgreSQL's SUM of BIGINT is NUMERIC.
    sqlx::query_as(
        "SELECT \
         CAST(COALESCE(SUM(CASE WHEN kind = 'purchase' THEN credits ELSE 0 END), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN kind = 'invite' THEN -credits ELSE 0 END), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN kind = 'refund' THEN credits ELSE 0 END), 0) AS BIGINT) \
         FROM ledger WHERE at >= $1 AND at < $2",
    )
    .bind(from)
    .bind(to)
    .fetch_one(e)
    .await
}

/// One team's headshots in the range (deleted ones left out).
#[derive(Debug, Clone, FromRow)]
pub struct TeamProgress {
    pub team_id: String,
    pub name: String,
    pub invited: i64,
    pub delivered: i64,
    pub approved: i64,
    /// Owing a photo after its due date, today.
    pub overdue: i64,
    /// Delivered in the range with a promised time...
    pub promised: i64,
    /// ...and delivered by it.
    pub on_time: i64,
}

/// `today` is `YYYY-MM-DD` (due dates are dates).
pub async fn team_progress<'e, E: Executor<'e, Database = Any>>(
    e: E,
    from: i64,
    to: i64,
    today: &str,
) -> sqlx::Result<Vec<TeamProgress>> {
    sqlx::query_as(
        "SELECT t.id AS team_id, t.name, \
         COUNT(h.id) FILTER (WHERE h.created_at >= $1 AND h.created_at < $2) AS invited, \
         COUNT(h.id) FILTER (WHERE h.delivered_at >= $1 AND h.delivered_at < $2) AS delivered, \
         COUNT(h.id) FILTER (WHERE h.approved_at >= $1 AND h.approved_at < $2) AS approved, \
         COUNT(h.id) FILTER (WHERE h.due_date < $3 AND h.status IN \
           ('invited', 'email_opened', 'tutorial_started', 'new_photo_requested')) AS overdue, \
         COUNT(h.id) FILTER (WHERE h.delivered_at >= $1 AND h.delivered_at < $2 \
           AND h.retouch_due_at IS NOT NULL) AS promised, \
         COUNT(h.id) FILTER (WHERE h.delivered_at >= $1 AND h.delivered_at < $2 \
           AND h.retouch_due_at IS NOT NULL AND h.delivered_at <= h.retouch_due_at) AS on_time \
         FROM teams t LEFT JOIN headshots h ON h.team_id = t.id AND h.deleted_at IS NULL \
         GROUP BY t.id, t.name ORDER BY t.name",
    )
    .bind(from)
    .bind(to)
    .bind(today)
    .fetch_all(e)
    .await
}
