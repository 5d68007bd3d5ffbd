//! The files of one delivery: rendered from the hand-in, written to
//! storage, then recorded in the same transaction that makes the headshot
//! Delivered — so nobody (page, API, webhook consumer) ever sees a
//! delivered headshot without its files.

use super::{Error, Result, Services};
use crate::db::headshots::HeadshotRow;
use crate::db::{self, Tx, files::FileRow, new_id};
use crate::domain::HeadshotStatus;
use crate::imaging::render::{Handed, RenderedFile, render_delivery};
use crate::queue::{self, MailJob, Template};
use crate::storage::StorageKey;
use bytes::Bytes;

/// Rendered files written to storage, not yet recorded.
pub(crate) struct StoredFiles {
    pub keys: Vec<StorageKey>,
    pub rows: Vec<FileRow>,
}

impl Services {
    /// Every file of a delivery of `h` made from the hand-in, in the style
    /// the headshot was invited with. A hand-in that cannot be delivered is
    /// the retoucher's field error (`cutout` or `image`).
    pub(crate) async fn render_handin(
        &self,
        h: &HeadshotRow,
        data: Bytes,
        handed: Handed,
    ) -> Result<Vec<RenderedFile>> {
        let recipe = self.recipe_for(h.style_snapshot.as_deref()).await?;
        let max_pixels = self.settings.photo.max_photo_pixels;
        let started = std::time::Instant::now();
        let files = self
            .imaging
            // The hand-in at full size and a canvas per size and background.
            .run_costed(
                crate::imaging::decode::decode_cost(&data, true).saturating_mul(2),
                move || render_delivery(&data, handed, &recipe, max_pixels),
            )
            .await?
            .map_err(|e| Error::invalid(handed.as_str(), e.to_string()))?;
        tracing::info!(headshot.id = %h.id, files = files.len(), ms = started.elapsed().as_millis() as u64, "rendered a delivery");
        Ok(files)
    }

    /// Writes the files of delivery `delivery` to storage. On an error the
    /// files already written are removed again.
    pub(crate) async fn put_delivery_files(
        &self,
        h: &HeadshotRow,
        delivery: i64,
        files: Vec<RenderedFile>,
        now: i64,
    ) -> Result<StoredFiles> {
        let mut stored = StoredFiles {
            keys: Vec::new(),
            rows: Vec::new(),
        };
        for f in files {
            let file_id = new_id();
            let key = StorageKey::Render {
                team_id: h.team_id.clone(),
                headshot_id: h.id.clone(),
                file_id: file_id.clone(),
                ext: f.format.into(),
            };
            let bytes = f.data.len() as i64;
            if let Err(e) = self.storage.put(&key, Bytes::from(f.data)).await {
                self.discard_files(&stored.keys).await;
                return Err(e.into());
            }
            stored.keys.push(key.clone());
            stored.rows.push(FileRow {
                id: file_id,
                headshot_id: h.id.to_string(),
                delivery,
                background_id: f.background_id,
                shape: f.shape.as_str().into(),
                width: i64::from(f.width),
                height: i64::from(f.height),
                format: f.format.into(),
                watermarked: i64::from(f.watermarked),
                storage_key: key.path(),
                bytes,
                created_at: now,
                resize_id: None,
            });
        }
        Ok(stored)
    }

    /// In the delivery's transaction: the file rows, the member's "your
    /// headshot is ready" email and the `headshot.delivered` event —
    /// integrations hear of a delivery once its files can be fetched.
    pub(crate) async fn record_delivery_files(
        &self,
        tx: &mut Tx,
        h: &HeadshotRow,
        delivery: i64,
        rows: &[FileRow],
        now: i64,
    ) -> Result<()> {
        for row in rows {
            db::files::insert(&mut **tx, row).await?;
        }
        queue::enqueue(tx, &MailJob::new(Template::Delivered, &h.id), now).await?;
        let mut data = super::webhooks::headshot_data(h, HeadshotStatus::Delivered);
        data["delivery"] = delivery.into();
        self.emit(tx, &h.team_id, "headshot.delivered", data, now)
            .await?;
        Ok(())
    }

    /// Removes written files whose rows were not committed.
    pub(crate) async fn discard_files(&self, keys: &[StorageKey]) {
        for key in keys {
            self.storage.delete(key).await;
        }
    }
}
