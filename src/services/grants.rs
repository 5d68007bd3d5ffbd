//! What a payment buys, applied exactly once: when an invoice is created,
//! or when Stripe confirms the payment. Each paid service has its arm here.

use super::billing::Item;
use super::{Result, Services};
use crate::db::{self, Tx, ledger::LedgerRow, new_id, payments::PaymentRow};
use crate::domain::HeadshotId;
use crate::domain::LedgerKind;

impl Services {
    /// Applies what a payment buys, once (replays find it granted already).
    pub(crate) async fn grant(&self, tx: &mut Tx, payment: &PaymentRow, now: i64) -> Result<()> {
        if !db::payments::mark_granted(&mut **tx, &payment.id, now).await? {
            return Ok(());
        }
        // Granting is issuing: the invoice takes its number here, once.
        let number = db::invoices::issue(tx, &payment.id, now).await?;
        let item: Item = serde_json::from_str(&payment.details).map_err(anyhow::Error::from)?;
        let entry =
            |kind: LedgerKind, credits: i64, amount: i64, headshot: Option<String>| LedgerRow {
                id: new_id(),
                team_id: payment.team_id.to_string(),
                at: now,
                kind,
                credits,
                amount_cents: amount,
                headshot_id: headshot,
                actor: payment.actor.clone(),
                note: Some(format!("invoice {number}")),
                currency: Some(payment.currency.clone()),
            };
        let studio = self.studio_settings().await?;
        match item {
            Item::Credits { quantity, .. } => {
                db::ledger::insert(
                    &mut **tx,
                    &entry(LedgerKind::Purchase, quantity, payment.amount_cents, None),
                )
                .await?;
                db::teams::add_purchased(&mut **tx, &payment.team_id, quantity).await?;
            }
            Item::Expedite {
                headshot_ids,
                fee_cents,
            } => {
                for id in headshot_ids {
                    db::ledger::insert(
                        &mut **tx,
                        &entry(LedgerKind::FeeExpedite, 0, fee_cents, Some(id.clone())),
                    )
                    .await?;
                    let Some(h) = db::headshots::get(&mut **tx, &HeadshotId::of(&id)).await? else {
                        continue;
                    };
                    let due = h
                        .uploaded_at
                        .and_then(|ms| jiff::Timestamp::from_millisecond(ms).ok())
                        .map(|up| {
                            studio
                                .retouch_due(up, &studio.zone(&self.settings.studio_timezone), true)
                                .as_millisecond()
                        });
                    db::headshots::set_expedited(&mut **tx, &id, due, now).await?;
                    db::events::insert(
                        &mut **tx,
                        &id,
                        &h.team_id,
                        now,
                        &payment.actor,
                        "expedited",
                        None,
                    )
                    .await?;
                }
            }
            // The other paid services: one fee row for the payment, then
            // the service itself.
            Item::CustomBackground { request_id, .. } => {
                let fee = entry(
                    LedgerKind::FeeCustomBackground,
                    0,
                    payment.amount_cents,
                    None,
                );
                db::ledger::insert(&mut **tx, &fee).await?;
                self.grant_custom_background(tx, &request_id, now).await?;
            }
            Item::Resize { request_id, .. } => {
                let fee = entry(LedgerKind::FeeResize, 0, payment.amount_cents, None);
                db::ledger::insert(&mut **tx, &fee).await?;
                self.grant_resize(tx, &request_id, now).await?;
            }
            Item::Redo {
                headshot_id,
                photo_id,
                ..
            } => {
                let fee = entry(
                    LedgerKind::FeeRedo,
                    0,
                    payment.amount_cents,
                    Some(headshot_id.clone()),
                );
                db::ledger::insert(&mut **tx, &fee).await?;
                let started = self
                    .attach_photo(
                        tx,
                        &headshot_id,
                        &photo_id,
                        crate::domain::Action::Redo,
                        crate::domain::Actor::Leader,
                        &payment.actor,
                        "started a re-do with a new photo",
                        now,
                    )
                    .await;
                match started {
                    Err(
                        e @ (super::Error::Transition(_)
                        | super::Error::Conflict(_)
                        | super::Error::NotFound(_)),
                    ) => {
                        tracing::warn!(payment.id = %payment.id, error = %e, "a paid re-do could not start");
                    }
                    other => other?,
                }
            }
            Item::ReEdit {
                headshot_id, notes, ..
            } => {
                let fee = entry(
                    LedgerKind::FeeReEdit,
                    0,
                    payment.amount_cents,
                    Some(headshot_id.clone()),
                );
                db::ledger::insert(&mut **tx, &fee).await?;
                match self
                    .start_re_edit(tx, &headshot_id, &notes, &payment.actor, now)
                    .await
                {
                    // Changed since it was paid for (deleted, already re-edited):
                    // the payment stands and the studio sorts it out.
                    Err(
                        e @ (super::Error::Transition(_)
                        | super::Error::Conflict(_)
                        | super::Error::NotFound(_)),
                    ) => {
                        tracing::warn!(payment.id = %payment.id, error = %e, "a paid re-edit could not start");
                    }
                    other => other?,
                }
            }
            Item::Background { background_id, .. } => {
                let fee = entry(LedgerKind::FeeBackground, 0, payment.amount_cents, None);
                db::ledger::insert(&mut **tx, &fee).await?;
                self.grant_background(tx, payment, &background_id, now)
                    .await?;
            }
        }
        Ok(())
    }
}
