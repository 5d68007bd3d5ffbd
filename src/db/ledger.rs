//! The append-only credit ledger.

use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct LedgerRow {
    pub id: String,
    pub team_id: String,
    pub at: i64,
    pub kind: crate::domain::LedgerKind,
    pub credits: i64,
    pub amount_cents: i64,
    pub headshot_id: Option<String>,
    pub actor: String,
    pub note: Option<String>,
    /// ISO 4217 of `amount_cents` (the payment's); NULL when no money moved.
    pub currency: Option<String>,
}

pub async fn insert<'e, E: Executor<'e, Database = Any>>(e: E, r: &LedgerRow) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO ledger (id, team_id, at, kind, credits, amount_cents, headshot_id, actor, note, currency) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&r.id)
    .bind(&r.team_id)
    .bind(r.at)
    .bind(r.kind)
    .bind(r.credits)
    .bind(r.amount_cents)
    .bind(&r.headshot_id)
    .bind(&r.actor)
    .bind(&r.note)
    .bind(&r.currency)
    .execute(e)
    .await?;
    Ok(())
}

/// Several at once (at most `BATCH_ROWS`).
pub async fn insert_many<'e, E: Executor<'e, Database = Any>>(
    e: E,
    rows: &[LedgerRow],
) -> sqlx::Result<()> {
    let sql = format!(
        "INSERT INTO ledger (id, team_id, at, kind, credits, amount_cents, headshot_id, actor, note) VALUES {}",
        super::values_list(rows.len(), 9)
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.as_str()));
    for r in rows {
        q = q
            .bind(&r.id)
            .bind(&r.team_id)
            .bind(r.at)
            .bind(r.kind)
            .bind(r.credits)
            .bind(r.amount_cents)
            .bind(&r.headshot_id)
            .bind(&r.actor)
            .bind(&r.note);
    }
    q.execute(e).await?;
    Ok(())
}

pub async fn for_team<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
) -> sqlx::Result<Vec<LedgerRow>> {
    sqlx::query_as(
        "SELECT id, team_id, at, kind, credits, amount_cents, headshot_id, actor, note, currency FROM ledger \
         WHERE team_id = $1 ORDER BY at, id",
    )
    .bind(team_id)
    .fetch_all(e)
    .await
}

/// The balance as the ledger's sum (the cached balance must always equal it).
pub async fn balance<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
) -> sqlx::Result<i64> {
    // CAST: PostgreSQL's SUM of BIGINT is NUMERIC.
    sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(credits), 0) AS BIGINT) FROM ledger WHERE team_id = $1",
    )
    .bind(team_id)
    .fetch_one(e)
    .await
}

/// The money paid as fees of `kind` for one headshot: (cents, currency) of
/// each row.
pub async fn fees_for<'e, E: Executor<'e, Database = Any>>(
    e: E,
    headshot_id: &str,
    kind: crate::domain::LedgerKind,
) -> sqlx::Result<Vec<(i64, Option<String>)>> {
    sqlx::query_as(
        "SELECT amount_cents, currency FROM ledger WHERE headshot_id = $1 AND kind = $2 \
         AND amount_cents > 0 ORDER BY at",
    )
    .bind(headshot_id)
    .bind(kind)
    .fetch_all(e)
    .await
}
