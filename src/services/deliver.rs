//! Delivery: the retoucher hands in a cut-out or a finished image; the
//! platform renders the final and a watermarked preview.

use super::headshots::Move;
use super::views::Headshot;
use super::{Error, Principal, Result, Services};
use crate::db::{self, files::FileRow, new_id};
use crate::domain::transition::transition;
use crate::domain::{Action, HeadshotStatus, StaffRole};
use crate::imaging::render::{Handed, render_delivery};
use crate::jobs::mail::{self, Template};
use crate::storage::StorageKey;
use bytes::Bytes;

impl Services {
    pub async fn deliver(
        &self,
        p: &Principal,
        id: &str,
        data: Bytes,
        handed: Handed,
    ) -> Result<Headshot> {
        p.require_staff(StaffRole::Retoucher)?;
        let (h, t) = self.load_visible(p, id).await?;
        let from = HeadshotStatus::parse(&h.status).ok_or_else(|| anyhow::anyhow!("bad status"))?;
        transition(from, Action::Deliver, p.actor())?;
        if data.len() as u64 > self.settings.photo.max_upload_bytes {
            return Err(Error::TooLarge(
                self.settings.photo.max_upload_bytes / 1_000_000,
            ));
        }
        let max_pixels = self.settings.photo.max_photo_pixels;
        let field = if handed == Handed::Cutout {
            "cutout"
        } else {
            "image"
        };
        let rendered = {
            let data = data.clone();
            self.imaging
                .run(move || render_delivery(&data, handed, max_pixels))
                .await?
        }
        .map_err(|e| Error::invalid(field, e.to_string()))?;

        let delivery = db::files::next_delivery(&self.db.pool, &h.id).await?;
        let mut written = Vec::new();
        let source_key = StorageKey::Retouched {
            team_id: h.team_id.clone(),
            headshot_id: h.id.clone(),
            delivery,
            ext: if handed == Handed::Cutout {
                "png"
            } else {
                "img"
            },
        };
        let now = self.now_ms();
        let mut rows = Vec::new();
        let stored = async {
            self.storage.put(&source_key, data).await?;
            written.push(source_key.clone());
            for r in rendered {
                let file_id = new_id();
                let key = StorageKey::Render {
                    team_id: h.team_id.clone(),
                    headshot_id: h.id.clone(),
                    file_id: file_id.clone(),
                    ext: r.format.into(),
                };
                let bytes = r.data.len() as i64;
                self.storage.put(&key, Bytes::from(r.data)).await?;
                written.push(key.clone());
                rows.push(FileRow {
                    id: file_id,
                    headshot_id: h.id.clone(),
                    delivery,
                    background_id: None,
                    shape: "square".into(),
                    width: i64::from(r.width),
                    height: i64::from(r.height),
                    format: r.format.into(),
                    watermarked: i64::from(r.watermarked),
                    storage_key: key.path(),
                    bytes,
                    created_at: now,
                });
            }
            let mut tx = self.db.begin().await?;
            self.apply_move(
                &mut tx,
                &h,
                Move {
                    action: Action::Deliver,
                    actor: p.actor(),
                    who: &p.audit_name(),
                    event: "delivered the headshot",
                },
                now,
            )
            .await?;
            for row in &rows {
                db::files::insert(&mut *tx, row).await?;
            }
            db::headshots::set_delivered_at(&mut *tx, &h.id, now).await?;
            mail::enqueue(&mut tx, Template::Delivered, &h.id, now).await?;
            tx.commit().await.map_err(anyhow::Error::from)?;
            Ok::<_, Error>(())
        }
        .await;
        if let Err(e) = stored {
            for key in &written {
                self.storage.delete(key).await;
            }
            return Err(e);
        }
        self.jobs_ready.notify_waiters();
        self.view_of(&h.id, &t).await
    }
}
