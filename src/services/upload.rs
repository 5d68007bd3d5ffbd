//! Uploading a photo (the member, or a leader on the member's behalf).

use super::headshots::Move;
use super::views::{Headshot, team_tz};
use super::{Error, Principal, Result, Services};
use crate::db::{self, Tx, headshots::HeadshotRow, new_id, photos::PhotoRow};
use crate::domain::HeadshotId;
use crate::domain::transition::transition;
use crate::domain::{Action, Actor};
use crate::imaging::checks::check_upload;
use crate::queue::{self, CutoutJob};
use crate::storage::StorageKey;
use bytes::Bytes;

impl Services {
    /// Checks the photo at once (every failure reported), stores the original
    /// (private), then moves the headshot to quality check. The object is
    /// written before the row that points at it; if the row cannot be
    /// committed the object is removed again.
    pub async fn upload_photo(&self, p: &Principal, id: &str, data: Bytes) -> Result<Headshot> {
        let (h, t) = self.load_visible(p, id).await?;
        let from = h.status;
        // Refuse an impossible move before spending CPU on the image.
        transition(from, Action::UploadPhoto, p.actor())?;
        self.answers_before_upload(p, &h, &t)?;
        let stored = self.store_checked_photo(p, &h, data).await?;
        let event = if matches!(p, Principal::Member { .. }) {
            "uploaded a photo"
        } else {
            "uploaded a photo on the member's behalf"
        };
        let now = self.now_ms();
        let result = async {
            let mut tx = self.db.begin().await?;
            db::photos::insert(&mut *tx, &stored.row).await?;
            self.attach_photo(
                &mut tx,
                &h.id,
                &stored.row.id,
                Action::UploadPhoto,
                p.actor(),
                &p.audit_name(),
                event,
                now,
            )
            .await?;
            tx.commit().await.map_err(anyhow::Error::from)?;
            Ok::<_, Error>(())
        }
        .await;
        if let Err(e) = result {
            self.forget_photo(&stored).await;
            return Err(e);
        }
        // The cut-out job, if any, may start.
        self.jobs_ready.notify_waiters();
        tracing::info!(headshot.id = %h.id, bytes = stored.row.bytes, "photo uploaded");
        let row = db::headshots::get(&self.db.pool, &h.id)
            .await?
            .ok_or(Error::NotFound("headshot"))?;
        Ok(self.headshot_view(&row, &team_tz(&t.timezone)))
    }

    /// Runs the instant checks and stores the original and its thumbnail;
    /// the photo's row is returned for the caller to insert.
    pub(crate) async fn store_checked_photo(
        &self,
        p: &Principal,
        h: &HeadshotRow,
        data: Bytes,
    ) -> Result<StoredPhoto> {
        let limits = self.photo_limits().await?;
        if data.len() as u64 > limits.max_upload_bytes {
            return Err(Error::TooLarge(limits.max_upload_bytes));
        }
        let checked = {
            let data = data.clone();
            self.imaging
                .run_costed(
                    crate::imaging::decode::decode_cost(&data, false),
                    move || check_upload(&data, &limits),
                )
                .await?
        };
        match &checked {
            Ok(_) => crate::telemetry::metrics().photo_check(["accepted"]),
            Err(failures) => {
                crate::telemetry::metrics().photo_check(failures.iter().map(|f| f.check))
            }
        }
        let mut accepted = checked.map_err(Error::PhotoRejected)?;
        // A HEIC upload is kept as the JPEG made from it.
        let data = accepted.converted.take().map_or(data, Bytes::from);
        let photo_id = new_id();
        let key = StorageKey::Original {
            team_id: h.team_id.clone(),
            headshot_id: h.id.clone(),
            photo_id: photo_id.clone(),
        };
        let thumb = StorageKey::Thumbnail {
            team_id: h.team_id.clone(),
            headshot_id: h.id.clone(),
            photo_id: photo_id.clone(),
        };
        let display = StorageKey::Display {
            team_id: h.team_id.clone(),
            headshot_id: h.id.clone(),
            photo_id: photo_id.clone(),
        };
        let size = data.len() as i64;
        let objects = [
            (&key, data),
            (&thumb, Bytes::from(std::mem::take(&mut accepted.thumbnail))),
            (&display, Bytes::from(std::mem::take(&mut accepted.display))),
        ];
        let mut written: Vec<&StorageKey> = Vec::new();
        for (k, bytes) in objects {
            if let Err(e) = self.storage.put(k, bytes).await {
                for k in written {
                    self.storage.delete(k).await;
                }
                return Err(e.into());
            }
            written.push(k);
        }
        Ok(StoredPhoto {
            row: PhotoRow {
                id: photo_id,
                headshot_id: h.id.to_string(),
                storage_key: key.path(),
                content_type: accepted.content_type.into(),
                bytes: size,
                width: i64::from(accepted.width),
                height: i64::from(accepted.height),
                uploaded_by: p.audit_name(),
                created_at: self.now_ms(),
                checks: serde_json::to_string(&accepted.measurements).ok(),
            },
            keys: [key, thumb, display],
        })
    }

    /// Removes a stored photo whose rows were not committed.
    pub(crate) async fn forget_photo(&self, stored: &StoredPhoto) {
        for key in &stored.keys {
            self.storage.delete(key).await;
        }
    }

    /// Inside a transaction: the headshot moves (upload or re-do) and takes
    /// the photo (already inserted) with a fresh turnaround.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn attach_photo(
        &self,
        tx: &mut Tx,
        headshot_id: &str,
        photo_id: &str,
        action: Action,
        actor: Actor,
        who: &str,
        event: &str,
        now: i64,
    ) -> Result<()> {
        let h = db::headshots::get(&mut **tx, &HeadshotId::of(headshot_id))
            .await?
            .ok_or(Error::NotFound("headshot"))?;
        self.apply_move(
            tx,
            &h,
            Move {
                action,
                actor,
                who,
                event,
            },
            now,
        )
        .await?;
        let studio = self.studio_settings().await?;
        let at = jiff::Timestamp::from_millisecond(now).map_err(anyhow::Error::from)?;
        let due = studio.retouch_due(
            at,
            &studio.zone(&self.settings.studio_timezone),
            h.expedited != 0,
        );
        db::headshots::set_photo(&mut **tx, &h.id, photo_id, now, due.as_millisecond()).await?;
        if action == Action::Redo {
            db::spend_requests::close_waiting(&mut **tx, &h.id, now).await?;
        }
        if self.settings.cutouts {
            let job = CutoutJob {
                headshot_id: h.id.to_string(),
                photo_id: photo_id.to_string(),
            };
            queue::enqueue(tx, &job, now).await?;
        }
        Ok(())
    }
}

/// A checked photo in storage, its row not yet inserted.
pub(crate) struct StoredPhoto {
    pub row: PhotoRow,
    keys: [StorageKey; 3],
}
