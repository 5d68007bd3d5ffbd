//! Support staff cancel a headshot at any point before approval (a photo
//! uploaded included): credit returned or not, with a reason, audited. An
//! expedite paid for a headshot that ends before retouching is refunded,
//! as a credit or as money (the studio's setting), here and when a leader
//! deletes a headshot.

use super::{Error, Principal, Result, Services};
use crate::db::{self, headshots::HeadshotRow, ledger::LedgerRow, new_id};
use crate::domain::studio_rules::ExpediteRefund;
use crate::domain::transition::{Action, transition};
use crate::domain::{HeadshotId, HeadshotStatus, LedgerKind, StaffRole};
use serde::Deserialize;
use utoipa::ToSchema;

/// A headshot support may cancel, as the support inbox lists it.
#[derive(Debug, Clone)]
pub struct Cancellable {
    pub id: String,
    pub name: String,
    pub status: HeadshotStatus,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct Cancellation {
    /// Why (shown in the team's audit log and the credit history).
    pub reason: String,
    /// Give the team its credit back.
    #[serde(default)]
    pub return_credit: bool,
}

/// Whether retouching has not begun (nothing of the expedite was used):
/// never delivered, and not in a retoucher's hands.
fn before_retouching(h: &HeadshotRow) -> bool {
    use HeadshotStatus::*;
    h.delivered_at.is_none()
        && matches!(
            h.status,
            Invited | EmailOpened | TutorialStarted | InQualityCheck | NewPhotoRequested
        )
}

impl Services {
    pub async fn cancel_headshot(
        &self,
        p: &Principal,
        id: &str,
        input: Cancellation,
    ) -> Result<()> {
        p.require_staff(StaffRole::Success)?;
        let reason = input.reason.trim().to_string();
        if reason.is_empty() || reason.chars().count() > 500 {
            return Err(Error::invalid(
                "reason",
                "Say why the headshot is cancelled (up to 500 characters): the team reads it.",
            ));
        }
        let h = db::headshots::get(&self.db.pool, &HeadshotId::of(id))
            .await?
            .ok_or(Error::NotFound("headshot"))?;
        let from = h.status;
        transition(from, Action::Cancel, p.actor())?;
        if h.approved_at.is_some() {
            // Approved once, then a re-edit or re-do: the headshot was
            // accepted; what follows is a paid or free extra, not a cancel.
            return Err(Error::Conflict(
                "This headshot was approved once: it cannot be cancelled. Refund a paid re-edit or re-do as credits or money on the team instead.".into(),
            ));
        }
        let now = self.now_ms();
        let who = p.audit_name();
        let refund = self.studio_settings().await?.rules.expedite_refund;
        let mut tx = self.db.begin().await?;
        // The status guard: a second cancel (a double click) finds the
        // headshot gone and changes nothing.
        if !db::headshots::mark_deleted(&mut *tx, &h.id, from, now).await? {
            return Err(Error::changed_meanwhile());
        }
        super::slack_photo::forget_grant(&mut tx, h.id.as_str(), now).await?;
        if input.return_credit && db::teams::return_credit(&mut *tx, &h.team_id).await? {
            self.ledger_row(
                &mut tx,
                &h,
                (LedgerKind::Refund, 1, 0, None),
                &who,
                format!("headshot cancelled by the studio: {reason}"),
            )
            .await?;
        }
        self.refund_expedite(&mut tx, &h, &who, refund).await?;
        let credit = if input.return_credit {
            "credit returned"
        } else {
            "credit kept"
        };
        db::events::insert(
            &mut *tx,
            &h.id,
            &h.team_id,
            now,
            &who,
            &format!("cancelled by the studio ({credit}): {reason}"),
            None,
        )
        .await?;
        self.studio_audit(
            &mut tx,
            &who,
            &format!(
                "cancelled headshot {} of team {} ({credit}): {reason}",
                h.id, h.team_id
            ),
        )
        .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(())
    }

    /// Of `ids` (a help request's headshots), those that may still be
    /// cancelled: not deleted, never approved.
    pub async fn cancellable(&self, p: &Principal, ids: &[String]) -> Result<Vec<Cancellable>> {
        p.require_staff(StaffRole::Success)?;
        let mut out = Vec::new();
        for id in ids {
            if let Some(h) = db::headshots::get(&self.db.pool, &HeadshotId::of(id)).await?
                && h.approved_at.is_none()
                && transition(h.status, Action::Cancel, p.actor()).is_ok()
            {
                out.push(Cancellable {
                    id: h.id.to_string(),
                    name: format!("{} {}", h.first_name, h.last_name),
                    status: h.status,
                });
            }
        }
        Ok(out)
    }

    /// Refunds the expedite of a headshot ending before retouching, once
    /// (callers run it in the transaction that marks the headshot deleted,
    /// with the studio's choice read before it).
    pub(crate) async fn refund_expedite(
        &self,
        tx: &mut db::Tx,
        h: &HeadshotRow,
        who: &str,
        refund: ExpediteRefund,
    ) -> Result<()> {
        // The ledger, read in this transaction, says whether an expedite was
        // paid (the flag on `h` may predate a payment confirmed meanwhile).
        if !before_retouching(h) {
            return Ok(());
        }
        let fees = db::ledger::fees_for(&mut **tx, &h.id, LedgerKind::FeeExpedite).await?;
        let Some((cents, currency)) = fees.into_iter().next() else {
            // Expedited by the studio for free: nothing to give back.
            return Ok(());
        };
        match refund {
            ExpediteRefund::Credit => {
                db::teams::adjust_available(&mut **tx, &h.team_id, 1).await?;
                self.ledger_row(
                    tx,
                    h,
                    (LedgerKind::Refund, 1, 0, None),
                    who,
                    "expedite refunded as a credit: the headshot ended before retouching".into(),
                )
                .await
            }
            ExpediteRefund::Money => {
                self.ledger_row(
                    tx,
                    h,
                    (LedgerKind::MoneyRefund, 0, -cents, currency),
                    who,
                    "expedite refunded: the headshot ended before retouching".into(),
                )
                .await
            }
        }
    }

    /// One ledger row about `h`: (kind, credits, cents, currency).
    async fn ledger_row(
        &self,
        tx: &mut db::Tx,
        h: &HeadshotRow,
        (kind, credits, amount_cents, currency): (LedgerKind, i64, i64, Option<String>),
        who: &str,
        note: String,
    ) -> Result<()> {
        db::ledger::insert(
            &mut **tx,
            &LedgerRow {
                id: new_id(),
                team_id: h.team_id.to_string(),
                at: self.now_ms(),
                kind,
                credits,
                amount_cents,
                headshot_id: Some(h.id.to_string()),
                actor: who.into(),
                note: Some(note),
                currency,
            },
        )
        .await?;
        Ok(())
    }
}
