//! Re-edits and re-dos: the member or a leader asks for changes to a
//! delivered (or approved) headshot, or sends a new photo. Free under the
//! Happiness Guarantee (the studio's days); otherwise the studio's re-edit
//! fee goes through the checkout, and the re-edit starts
//! when the payment is granted (at once for invoices).

use super::billing::{Item, Payment};
use super::headshots::Move;
use super::spend_requests::{SpendRequest, needs_leader_approval};
use super::views::Headshot;
use super::{Error, Principal, Result, Services};
use crate::db::{self, Tx};
use crate::domain::HeadshotId;
use crate::domain::guarantee::covered;
use crate::domain::transition::transition;
use crate::domain::{Action, Actor, HeadshotStatus};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct ReEditRequest {
    /// What to change, for the retoucher.
    pub notes: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReEditOutcome {
    pub headshot: Headshot,
    /// Null when the guarantee covers it, or while a leader is asked.
    pub payment: Option<Payment>,
    /// A member's paid request waiting for a leader's approval (teams that
    /// have not let members spend).
    pub awaiting_approval: Option<SpendRequest>,
}

fn ts(ms: Option<i64>) -> Option<Timestamp> {
    ms.and_then(|m| Timestamp::from_millisecond(m).ok())
}

/// A headshot whose refresh was approved is history: changes go to the new
/// one.
fn still_current(h: &crate::db::headshots::HeadshotRow) -> Result<()> {
    match h.replaced_at {
        Some(_) => Err(Error::Conflict(
            "This headshot was replaced by a newer one: ask for changes on the new one (its link is in your latest email)."
                .into(),
        )),
        None => Ok(()),
    }
}

impl Services {
    pub async fn request_re_edit(
        &self,
        p: &Principal,
        id: &str,
        input: ReEditRequest,
    ) -> Result<ReEditOutcome> {
        let notes = input.notes.trim().to_string();
        if notes.is_empty() || notes.chars().count() > 2000 {
            return Err(Error::invalid(
                "notes",
                "Say what to change (up to 2000 characters), e.g. \"soften the shadow on the left\".",
            ));
        }
        let (h, t) = self.load_visible(p, id).await?;
        still_current(&h)?;
        let from = h.status;
        transition(from, Action::RequestReEdit, p.actor())?;
        let now = self.now();
        let approved = from == HeadshotStatus::Approved;
        let days = self.studio_settings().await?.rules.guarantee_days;
        if covered(ts(h.delivered_at), approved, now, days) {
            let mut tx = self.db.begin().await?;
            self.start_re_edit(
                &mut tx,
                &h.id,
                &notes,
                &p.audit_name(),
                now.as_millisecond(),
            )
            .await?;
            tx.commit().await.map_err(anyhow::Error::from)?;
            return Ok(ReEditOutcome {
                headshot: self.view_of(p, &h.id, &t).await?,
                payment: None,
                awaiting_approval: None,
            });
        }
        let fee = self.studio_settings().await?.fees.re_edit;
        let item = Item::ReEdit {
            headshot_id: h.id.to_string(),
            notes,
            fee_cents: fee,
        };
        if needs_leader_approval(p, &t) {
            let request = self.ask_leader_to_pay(p, &t, &h.id, item, fee).await?;
            return Ok(ReEditOutcome {
                headshot: self.view_of(p, &h.id, &t).await?,
                payment: None,
                awaiting_approval: Some(request),
            });
        }
        let payment = self.checkout(p, &t, item, fee).await?;
        Ok(ReEditOutcome {
            headshot: self.view_of(p, &h.id, &t).await?,
            payment: Some(payment),
            awaiting_approval: None,
        })
    }

    /// Moves the headshot back to retouching with the notes and the re-edit
    /// turnaround (free re-edits, and paid ones once granted).
    pub(crate) async fn start_re_edit(
        &self,
        tx: &mut Tx,
        headshot_id: &str,
        notes: &str,
        who: &str,
        now: i64,
    ) -> Result<()> {
        let h = db::headshots::get(&mut **tx, &HeadshotId::of(headshot_id))
            .await?
            .ok_or(Error::NotFound("headshot"))?;
        // The person who asked (member or leader) is allowed the move; a
        // paid re-edit is applied by the system on their behalf.
        self.apply_move(
            tx,
            &h,
            Move {
                action: Action::RequestReEdit,
                actor: Actor::Leader,
                who,
                event: "asked for a re-edit",
            },
            now,
        )
        .await?;
        let studio = self.studio_settings().await?;
        let asked = Timestamp::from_millisecond(now).map_err(anyhow::Error::from)?;
        let due = studio.re_edit_due(asked, &studio.zone(&self.settings.studio_timezone));
        db::headshots::set_re_edit(&mut **tx, &h.id, notes, due.as_millisecond()).await?;
        // A member's request waiting for approval is moot now.
        db::spend_requests::close_waiting(&mut **tx, &h.id, now).await?;
        Ok(())
    }
}

impl Services {
    /// A re-do: a new photo (checked like any upload) goes back to quality
    /// check. Free under the guarantee; otherwise the photo is kept aside and
    /// the re-do starts when the re-do fee is granted.
    pub async fn request_redo(
        &self,
        p: &Principal,
        id: &str,
        data: bytes::Bytes,
    ) -> Result<ReEditOutcome> {
        let (h, t) = self.load_visible(p, id).await?;
        still_current(&h)?;
        let from = h.status;
        transition(from, Action::Redo, p.actor())?;
        let now = self.now();
        let days = self.studio_settings().await?.rules.guarantee_days;
        let free = covered(
            ts(h.delivered_at),
            from == HeadshotStatus::Approved,
            now,
            days,
        );
        let ask_leader = !free && needs_leader_approval(p, &t);
        // Refused before the photo is stored: one request waits at a time.
        if ask_leader
            && self
                .spend_request_of(&h.id)
                .await?
                .is_some_and(|r| r.is_waiting())
        {
            return Err(Error::Conflict(
                "A request is already waiting for your team leader's approval: you will hear from us once they decide."
                    .into(),
            ));
        }
        let stored = self.store_checked_photo(p, &h, data).await?;
        let fee = self.studio_settings().await?.fees.redo;
        let item = Item::Redo {
            headshot_id: h.id.to_string(),
            photo_id: stored.row.id.clone(),
            fee_cents: fee,
        };
        // The photo and what it waits for (nothing, or a leader's approval)
        // are recorded together: a refused request leaves no photo behind.
        let result = async {
            let mut tx = self.db.begin().await?;
            db::photos::insert(&mut *tx, &stored.row).await?;
            let mut asked = None;
            if free {
                self.attach_photo(
                    &mut tx,
                    &h.id,
                    &stored.row.id,
                    Action::Redo,
                    p.actor(),
                    &p.audit_name(),
                    "started a re-do with a new photo",
                    now.as_millisecond(),
                )
                .await?;
            } else if ask_leader {
                let request = self
                    .record_spend_request(&mut tx, p, &t, &h.id, item.clone(), fee)
                    .await?;
                asked = Some(request);
            }
            tx.commit().await.map_err(anyhow::Error::from)?;
            Ok::<_, Error>(asked)
        }
        .await;
        let awaiting_approval = match result {
            Ok(asked) => asked,
            Err(e) => {
                self.forget_photo(&stored).await;
                return Err(e);
            }
        };
        self.jobs_ready.notify_waiters();
        let payment = if free || ask_leader {
            None
        } else {
            Some(self.checkout(p, &t, item, fee).await?)
        };
        Ok(ReEditOutcome {
            headshot: self.view_of(p, &h.id, &t).await?,
            payment,
            awaiting_approval,
        })
    }
}
