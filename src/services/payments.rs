//! After checkout: Stripe's webhook, invoices marked paid by staff, payment
//! listings, printable invoices and the studio's rates for large teams.

use super::billing::{Payment, payment_view};
use super::{Error, Principal, Result, Services};
use crate::billing::stripe::verify_signature;
use crate::db::{self, teams::TeamRow};
use crate::domain::StaffRole;
use secrecy::ExposeSecret;

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
        if kind == "checkout.session.completed" {
            let session = event["data"]["object"]["id"].as_str().unwrap_or_default();
            match db::payments::by_session(&mut *tx, session).await? {
                Some(payment) => {
                    let now = self.now_ms();
                    db::payments::mark_paid(&mut *tx, &payment.id, now).await?;
                    self.grant(&mut tx, &payment, now).await?;
                    tracing::info!(payment.id = %payment.id, "Stripe payment completed");
                }
                None => tracing::warn!(
                    event = event_id,
                    "checkout.session.completed for an unknown session; ignored"
                ),
            }
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
            let team = db::teams::get(&self.db.pool, &r.team_id)
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
        if row.provider != "invoice" {
            return Err(Error::Conflict(
                "Stripe payments are marked paid by Stripe itself.".into(),
            ));
        }
        if !db::payments::mark_paid(&self.db.pool, &row.id, self.now_ms()).await? {
            return Err(Error::Conflict(format!(
                "Invoice {} is already {}.",
                row.invoice_number, row.status
            )));
        }
        let row = db::payments::get(&self.db.pool, payment_id)
            .await?
            .ok_or(Error::NotFound("payment"))?;
        Ok(payment_view(&row))
    }

    /// An invoice with its team, for the leader of that team or an admin.
    pub async fn invoice(&self, p: &Principal, payment_id: &str) -> Result<(Payment, TeamRow)> {
        let row = db::payments::get(&self.db.pool, payment_id)
            .await?
            .ok_or(Error::NotFound("invoice"))?;
        let allowed = match p {
            Principal::Leader { team_id, .. } => *team_id == row.team_id,
            Principal::Staff { role, .. } => *role == StaffRole::Admin,
            Principal::Member { .. } => false,
        };
        if !allowed {
            return Err(Error::NotFound("invoice"));
        }
        let team = db::teams::get(&self.db.pool, &row.team_id)
            .await?
            .ok_or(Error::NotFound("invoice"))?;
        Ok((payment_view(&row), team))
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
        db::teams::get(&self.db.pool, team_id)
            .await?
            .ok_or(Error::NotFound("team"))?;
        db::teams::set_rate(&self.db.pool, team_id, unit_price_cents).await?;
        let t = db::teams::get(&self.db.pool, team_id)
            .await?
            .ok_or(Error::NotFound("team"))?;
        Ok(self.team_view(&t))
    }
}
