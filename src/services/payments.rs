//! After checkout: Stripe's webhook, invoices marked paid by staff, payment
//! listings, printable invoices and the studio's rates for large teams.

use super::billing::{Payment, payment_view};
use super::{Error, Principal, Result, Services};
use crate::billing::ProviderKind;
use crate::billing::stripe::verify_signature;
use crate::db::{self, teams::TeamRow};
use crate::domain::StaffRole;
use crate::domain::TeamId;
use secrecy::ExposeSecret;

const SESSION_COMPLETED: &str = "checkout.session.completed";
const SESSION_ASYNC_SUCCEEDED: &str = "checkout.session.async_payment_succeeded";
const SESSION_ASYNC_FAILED: &str = "checkout.session.async_payment_failed";
const SESSION_EXPIRED: &str = "checkout.session.expired";

/// The session must be for exactly what the payment row asked: a mismatch
/// (a session reused for another payment, a changed price) grants nothing,
/// is logged as an error and answered 409, so Stripe retries and the
/// dashboard shows the failing deliveries.
fn check_amount(session: &serde_json::Value, payment: &db::payments::PaymentRow) -> Result<()> {
    let amount = session["amount_total"].as_i64();
    let currency = session["currency"].as_str().map(str::to_ascii_lowercase);
    if amount == Some(payment.amount_cents)
        && currency.as_deref() == Some(payment.currency.to_ascii_lowercase().as_str())
    {
        return Ok(());
    }
    tracing::error!(
        payment.id = %payment.id,
        expected_cents = payment.amount_cents,
        got_cents = ?amount,
        got_currency = ?currency,
        "Stripe session amount or currency does not match the payment; nothing granted"
    );
    Err(Error::Conflict(format!(
        "The Stripe session's amount ({} {}) does not match payment {} ({} {}); nothing was granted.",
        amount.map_or("none".into(), |a| a.to_string()),
        currency.unwrap_or_else(|| "none".into()),
        payment.id,
        payment.amount_cents,
        payment.currency.to_ascii_lowercase()
    )))
}

impl Services {
    /// `POST /webhooks/stripe`: verified, de-duplicated, applied once.
    pub async fn stripe_webhook(&self, signature: Option<&str>, body: &[u8]) -> Result<()> {
        let secret = self
            .settings
            .billing
            .stripe_webhook_secret
            .as_ref()
            .ok_or_else(|| {
                Error::BadRequest("Stripe webhooks are not configured on this server.".into())
            })?;
        let now = self.now().as_second();
        verify_signature(
            signature.unwrap_or_default(),
            body,
            secret.expose_secret(),
            now,
        )
        .map_err(|e| Error::BadRequest(format!("Webhook refused: {e}.")))?;
        let event: serde_json::Value = serde_json::from_slice(body)
            .map_err(|_| Error::BadRequest("The webhook body is not JSON.".into()))?;
        let (Some(event_id), Some(kind)) = (event["id"].as_str(), event["type"].as_str()) else {
            return Err(Error::BadRequest(
                "The webhook has no event id or type.".into(),
            ));
        };
        let mut tx = self.db.begin().await?;
        if !db::payments::record_stripe_event(&mut *tx, event_id, kind, self.now_ms()).await? {
            tracing::info!(event = event_id, "Stripe event seen before; ignored");
            return Ok(());
        }
        let session = &event["data"]["object"];
        let session_id = session["id"].as_str().unwrap_or_default();
        let payment = match kind {
            SESSION_COMPLETED
            | SESSION_ASYNC_SUCCEEDED
            | SESSION_ASYNC_FAILED
            | SESSION_EXPIRED => db::payments::by_session(&mut *tx, session_id).await?,
            _ => None,
        };
        match (kind, payment) {
            (SESSION_COMPLETED | SESSION_ASYNC_SUCCEEDED, Some(payment)) => {
                // A completed session may still wait for a bank transfer or a
                // debit: only `paid` grants; the async events follow.
                if session["payment_status"].as_str() != Some("paid") {
                    tracing::info!(payment.id = %payment.id, "Stripe checkout completed, payment not yet received");
                } else {
                    check_amount(session, &payment)?;
                    let now = self.now_ms();
                    db::payments::mark_paid(&mut *tx, &payment.id, now).await?;
                    self.grant(&mut tx, &payment, now).await?;
                    tracing::info!(payment.id = %payment.id, "Stripe payment completed");
                }
            }
            (SESSION_ASYNC_FAILED | SESSION_EXPIRED, Some(payment)) => {
                db::payments::mark_failed(&mut *tx, &payment.id).await?;
                tracing::info!(payment.id = %payment.id, event = kind, "Stripe payment failed or expired");
            }
            (
                SESSION_COMPLETED
                | SESSION_ASYNC_SUCCEEDED
                | SESSION_ASYNC_FAILED
                | SESSION_EXPIRED,
                None,
            ) => {
                tracing::warn!(
                    event = event_id,
                    kind,
                    "Stripe event for an unknown session; ignored"
                )
            }
            _ => {}
        }
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(())
    }

    pub async fn payments(&self, p: &Principal) -> Result<Vec<Payment>> {
        let team_id = p.leader_team()?;
        Ok(db::payments::for_team(&self.db.pool, team_id)
            .await?
            .iter()
            .map(payment_view)
            .collect())
    }

    /// Every payment, for studio admins, with the team's name.
    pub async fn all_payments(&self, p: &Principal) -> Result<Vec<(Payment, String)>> {
        p.require_staff(StaffRole::Admin)?;
        let rows = db::payments::all(&self.db.pool).await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let team = db::teams::get(&self.db.pool, &TeamId::of(&r.team_id))
                .await?
                .map(|t| t.name)
                .unwrap_or_default();
            out.push((payment_view(&r), team));
        }
        Ok(out)
    }

    /// Staff mark an invoice paid (the credits were granted already).
    pub async fn mark_invoice_paid(&self, p: &Principal, payment_id: &str) -> Result<Payment> {
        p.require_staff(StaffRole::Admin)?;
        let row = db::payments::get(&self.db.pool, payment_id)
            .await?
            .ok_or(Error::NotFound("payment"))?;
        if row.provider != ProviderKind::Invoice {
            return Err(Error::Conflict(
                "Stripe payments are marked paid by Stripe itself.".into(),
            ));
        }
        let mut tx = self.db.begin().await?;
        if !db::payments::mark_paid(&mut *tx, &row.id, self.now_ms()).await? {
            return Err(Error::Conflict(format!(
                "Invoice #{} is already {}.",
                row.invoice_number.unwrap_or(row.reference),
                row.status
            )));
        }
        self.studio_audit(
            &mut tx,
            &p.audit_name(),
            &format!(
                "marked invoice #{} paid ({} cents)",
                row.invoice_number.unwrap_or(row.reference),
                row.amount_cents
            ),
        )
        .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        let row = db::payments::get(&self.db.pool, payment_id)
            .await?
            .ok_or(Error::NotFound("payment"))?;
        Ok(payment_view(&row))
    }

    /// An invoice with its seller and buyer, for the leader of that team or
    /// an admin.
    pub async fn invoice(
        &self,
        p: &Principal,
        payment_id: &str,
    ) -> Result<(Payment, TeamRow, super::invoicing::InvoiceParties)> {
        // Staff who are not admins are told so (invoices are the admins').
        if let Principal::Staff { .. } = p {
            p.require_staff(StaffRole::Admin)?;
        }
        let row = db::payments::get(&self.db.pool, payment_id)
            .await?
            .ok_or(Error::NotFound("invoice"))?;
        let allowed = match p {
            // Billing is the whole team's leaders' (not a department's).
            Principal::Leader {
                team_id,
                department: None,
                ..
            } => *team_id == row.team_id,
            Principal::Leader { .. } => false,
            Principal::Staff { .. } => true,
            Principal::Member { .. } => false,
        };
        if !allowed {
            return Err(Error::NotFound("invoice"));
        }
        let team = db::teams::get(&self.db.pool, &TeamId::of(&row.team_id))
            .await?
            .ok_or(Error::NotFound("invoice"))?;
        let parties = self.invoice_parties(row.parties.as_deref(), &team).await?;
        Ok((payment_view(&row), team, parties))
    }

    /// From 1001 credits the studio sets the team's rate.
    pub async fn set_team_rate(
        &self,
        p: &Principal,
        team_id: &str,
        unit_price_cents: i64,
    ) -> Result<super::views::Team> {
        p.require_staff(StaffRole::Admin)?;
        if !(1..=1_000_000).contains(&unit_price_cents) {
            return Err(Error::invalid(
                "unit_price_cents",
                "Give the price per credit in cents, between 1 and 1000000.",
            ));
        }
        let before = db::teams::get(&self.db.pool, &TeamId::of(team_id))
            .await?
            .ok_or(Error::NotFound("team"))?;
        let mut tx = self.db.begin().await?;
        db::teams::set_rate(&mut *tx, team_id, unit_price_cents).await?;
        self.studio_audit(
            &mut tx,
            &p.audit_name(),
            &format!(
                "set {}'s price per credit to {} cents (was {})",
                before.name,
                unit_price_cents,
                before
                    .unit_price_cents
                    .map_or("the tier price".to_string(), |c| format!("{c} cents"))
            ),
        )
        .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        let t = db::teams::get(&self.db.pool, &TeamId::of(team_id))
            .await?
            .ok_or(Error::NotFound("team"))?;
        Ok(self.team_view(&t))
    }
}
