//! Delivery: the retoucher hands in a cut-out or a finished image. The
//! hand-in is rendered into the delivery's files at once (a fraction of a
//! second; mistakes are reported to the retoucher), and the files and the
//! move to Delivered are committed together, with the member's email.

use super::headshots::Move;
use super::views::Headshot;
use super::{Error, Principal, Result, Services};
use crate::db;
use crate::db::headshots::HeadshotRow;
use crate::domain::transition::transition;
use crate::domain::{Action, Actor, StaffRole, UserId};
use crate::imaging::render::Handed;
use crate::storage::StorageKey;
use bytes::Bytes;

impl Services {
    /// A hand-in from the retoucher, within the upload size limit.
    pub async fn deliver(
        &self,
        p: &Principal,
        id: &str,
        data: Bytes,
        handed: Handed,
    ) -> Result<Headshot> {
        if data.len() as u64 > self.settings.photo.max_upload_bytes {
            return Err(Error::TooLarge(self.settings.photo.max_upload_bytes));
        }
        self.hand_in(p, id, data, handed).await
    }

    /// Delivers the automatic cut-out of the current photo exactly as if
    /// the retoucher had handed it in.
    pub async fn deliver_draft(&self, p: &Principal, id: &str) -> Result<Headshot> {
        p.require_staff(StaffRole::Retoucher)?;
        let draft = self.draft_cutout(p, id).await?;
        self.hand_in(p, id, draft.data, Handed::Cutout).await
    }

    async fn hand_in(
        &self,
        p: &Principal,
        id: &str,
        data: Bytes,
        handed: Handed,
    ) -> Result<Headshot> {
        p.require_staff(StaffRole::Retoucher)?;
        let (h, t) = self.load_visible(p, id).await?;
        transition(h.status, Action::Deliver, p.actor())?;
        self.check_claim(p, &h)?;
        let by = HandedBy {
            action: Action::Deliver,
            actor: p.actor(),
            who: p.audit_name(),
            staff_id: p.staff_id().cloned(),
        };
        self.store_handin(&h, data, handed, by).await?;
        self.view_of(p, &h.id, &t).await
    }

    /// Renders the hand-in into the delivery's files, stores them, and in
    /// one transaction records them and moves the headshot to Delivered —
    /// the status never says delivered before the files exist. The caller
    /// has checked who may do it.
    pub(crate) async fn store_handin(
        &self,
        h: &HeadshotRow,
        data: Bytes,
        handed: Handed,
        by: HandedBy,
    ) -> Result<()> {
        // Refused before any work: a second click, or a delivery since.
        transition(h.status, by.action, by.actor)?;
        let files = self.render_handin(h, data.clone(), handed).await?;
        let delivery = h.delivery_count + 1;
        let source = StorageKey::Retouched {
            team_id: h.team_id.clone(),
            headshot_id: h.id.clone(),
            delivery,
            handin_id: crate::db::new_id(),
            ext: if handed == Handed::Cutout {
                "png"
            } else {
                "img"
            },
        };
        let now = self.now_ms();
        // The objects first, then the rows that point at them; removed
        // again if the rows are not committed (a lost race, a crash leaves
        // only unreferenced objects).
        self.storage.put(&source, data).await?;
        let stored = match self.put_delivery_files(h, delivery, files, now).await {
            Ok(stored) => stored,
            Err(e) => {
                self.storage.delete(&source).await;
                return Err(e);
            }
        };
        let committed = async {
            let mut tx = self.db.begin().await?;
            self.apply_move(
                &mut tx,
                h,
                Move {
                    action: by.action,
                    actor: by.actor,
                    who: &by.who,
                    event: "delivered the headshot",
                },
                now,
            )
            .await?;
            // The claim is checked again in the write itself: a claim taken
            // since it was read above makes this delivery lose (409).
            if !db::headshots::set_delivered(
                &mut *tx,
                &h.id,
                delivery,
                (&source.path(), handed.as_str()),
                by.staff_id.as_ref().map(UserId::as_str),
                now,
            )
            .await?
            {
                return Err(Error::Conflict(
                    "Another retoucher claimed this headshot meanwhile; ask them (or an admin) to release it first."
                        .into(),
                ));
            }
            self.record_delivery_files(&mut tx, h, delivery, &stored.rows, now)
                .await?;
            tx.commit().await.map_err(anyhow::Error::from)?;
            Ok::<_, Error>(())
        }
        .await;
        if let Err(e) = committed {
            self.storage.delete(&source).await;
            self.discard_files(&stored.keys).await;
            return Err(e);
        }
        self.jobs_ready.notify_waiters();
        Ok(())
    }
}

/// Who delivers: a retoucher, or the studio itself for an Express team.
pub(crate) struct HandedBy {
    pub action: Action,
    pub actor: Actor,
    pub who: String,
    /// The retoucher, whose claim (if any) the delivery must hold.
    pub staff_id: Option<UserId>,
}
