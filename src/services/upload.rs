//! Uploading a photo (the member, or a leader on the member's behalf).

use super::headshots::Move;
use super::views::{Headshot, team_tz};
use super::{Error, Principal, Result, Services};
use crate::db::{self, new_id, photos::PhotoRow};
use crate::domain::transition::transition;
use crate::domain::{Action, HeadshotStatus};
use crate::imaging::checks::check_upload;
use crate::storage::StorageKey;
use bytes::Bytes;

impl Services {
    /// Checks the photo at once (every failure reported), stores the original
    /// (private), then moves the headshot to quality check. The object is
    /// written before the row that points at it; if the row cannot be
    /// committed the object is removed again.
    pub async fn upload_photo(&self, p: &Principal, id: &str, data: Bytes) -> Result<Headshot> {
        let (h, t) = self.load_visible(p, id).await?;
        let from = HeadshotStatus::parse(&h.status).ok_or_else(|| anyhow::anyhow!("bad status"))?;
        // Refuse an impossible move before spending CPU on the image.
        transition(from, Action::UploadPhoto, p.actor())?;
        let studio = self.studio_settings().await?;
        let limits = self.photo_limits().await?;
        if data.len() as u64 > limits.max_upload_bytes {
            return Err(Error::TooLarge(limits.max_upload_bytes / 1_000_000));
        }
        let checked = {
            let data = data.clone();
            self.imaging
                .run(move || check_upload(&data, &limits))
                .await?
        };
        let accepted = checked.map_err(Error::PhotoRejected)?;
        let photo_id = new_id();
        let key = StorageKey::Original {
            team_id: h.team_id.clone(),
            headshot_id: h.id.clone(),
            photo_id: photo_id.clone(),
        };
        let thumb_key = StorageKey::Thumbnail {
            team_id: h.team_id.clone(),
            headshot_id: h.id.clone(),
            photo_id: photo_id.clone(),
        };
        let size = data.len() as i64;
        self.storage.put(&key, data).await?;
        if let Err(e) = self
            .storage
            .put(&thumb_key, Bytes::from(accepted.thumbnail.clone()))
            .await
        {
            self.storage.delete(&key).await;
            return Err(e.into());
        }
        let now = self.now();
        let result = async {
            let mut tx = self.db.begin().await?;
            let who = p.audit_name();
            let event = if matches!(p, Principal::Member { .. }) {
                "uploaded a photo"
            } else {
                "uploaded a photo on the member's behalf"
            };
            self.apply_move(
                &mut tx,
                &h,
                Move {
                    action: Action::UploadPhoto,
                    actor: p.actor(),
                    who: &who,
                    event,
                },
                now.as_millisecond(),
            )
            .await?;
            db::photos::insert(
                &mut *tx,
                &PhotoRow {
                    id: photo_id.clone(),
                    headshot_id: h.id.clone(),
                    storage_key: key.path(),
                    content_type: accepted.content_type.into(),
                    bytes: size,
                    width: i64::from(accepted.width),
                    height: i64::from(accepted.height),
                    uploaded_by: who.clone(),
                    created_at: now.as_millisecond(),
                    checks: serde_json::to_string(&accepted.measurements).ok(),
                },
            )
            .await?;
            let due = studio.retouch_due(now, &self.settings.studio_timezone, h.expedited != 0);
            db::headshots::set_photo(
                &mut *tx,
                &h.id,
                &photo_id,
                now.as_millisecond(),
                due.as_millisecond(),
            )
            .await?;
            tx.commit().await.map_err(anyhow::Error::from)?;
            Ok::<_, Error>(())
        }
        .await;
        if let Err(e) = result {
            self.storage.delete(&key).await;
            self.storage.delete(&thumb_key).await;
            return Err(e);
        }
        tracing::info!(headshot.id = %h.id, bytes = size, "photo uploaded");
        let row = db::headshots::get(&self.db.pool, &h.id)
            .await?
            .ok_or(Error::NotFound("headshot"))?;
        Ok(self.headshot_view(&row, &team_tz(&t.timezone)))
    }
}
