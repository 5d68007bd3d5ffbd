//! Invoice numbers: sequential and without gaps, taken when an invoice is
//! issued (see migration 0019).

use super::Tx;

/// Numbers the payment's invoice: the next number from the counter, in the
/// caller's transaction, so a rollback gives the number back and the
/// counter's row lock keeps two issuers apart. Called once per payment,
/// when it is granted (`payment_id` is UNIQUE: a second call fails).
pub async fn issue(tx: &mut Tx, payment_id: &str, now: i64) -> sqlx::Result<i64> {
    let number: i64 = sqlx::query_scalar(
        "UPDATE counters SET value = value + 1 WHERE name = 'invoice' RETURNING value",
    )
    .fetch_one(&mut **tx)
    .await?;
    sqlx::query("INSERT INTO invoices (number, payment_id, issued_at) VALUES ($1, $2, $3)")
        .bind(number)
        .bind(payment_id)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(number)
}
