//! Renders a delivery's files from the stored hand-in and the headshot's
//! style snapshot, then — in one transaction with the file rows — queues the
//! "your headshot is ready" email. Safe to run twice: a delivery already
//! rendered, or replaced by a newer one, is skipped.

use super::{Job, JobContext, Outcome};
use crate::db::{self, files::FileRow, new_id};
use crate::domain::HeadshotId;
use crate::imaging::render::{Handed, render_delivery};
use crate::queue::{self, MailJob, RenderJob, Template};
use crate::services::Services;
use crate::storage::StorageKey;
use bytes::Bytes;

pub struct Render;

impl Job for Render {
    type Payload = RenderJob;

    async fn run(svc: &Services, ctx: &JobContext, r: RenderJob) -> anyhow::Result<Outcome> {
        render(svc, ctx, r).await
    }
}

async fn render(svc: &Services, ctx: &JobContext, r: RenderJob) -> anyhow::Result<Outcome> {
    let current = db::headshots::get(&svc.db.pool, &HeadshotId::of(&r.headshot_id)).await?;
    let Some(h) = current.filter(|h| h.delivery_count == r.delivery) else {
        return Ok(Outcome::Skipped(
            "deleted, or a newer delivery supersedes it",
        ));
    };
    if db::files::count_for_delivery(&svc.db.pool, &h.id, r.delivery).await? > 0 {
        return Ok(Outcome::Skipped("already rendered"));
    }
    let handed = Handed::parse(&r.handed).ok_or_else(|| anyhow::anyhow!("bad hand-in kind"))?;
    let recipe = svc.recipe_for(h.style_snapshot.as_deref()).await?;
    let data = svc.storage.get(&r.source_key).await?;
    let max_pixels = svc.settings.photo.max_photo_pixels;
    let started = std::time::Instant::now();
    let files = svc
        .imaging
        // The hand-in at full size and a canvas per size and background.
        .run_costed(
            crate::imaging::decode::decode_cost(&data, true).saturating_mul(2),
            move || render_delivery(&data, handed, &recipe, max_pixels),
        )
        .await??;
    tracing::info!(headshot.id = %h.id, delivery = r.delivery, files = files.len(), ms = started.elapsed().as_millis() as u64, "rendered a delivery");

    let now = svc.now_ms();
    let mut written = Vec::new();
    let mut rows = Vec::new();
    let stored = async {
        for f in files {
            let file_id = new_id();
            let key = StorageKey::Render {
                team_id: h.team_id.clone(),
                headshot_id: h.id.clone(),
                file_id: file_id.clone(),
                ext: f.format.into(),
            };
            let bytes = f.data.len() as i64;
            svc.storage.put(&key, Bytes::from(f.data)).await?;
            written.push(key.clone());
            rows.push(FileRow {
                id: file_id,
                headshot_id: h.id.to_string(),
                delivery: r.delivery,
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
        let mut tx = svc.db.begin().await?;
        // Serialises two runs of this job (lease expiry) on the headshot
        // row, then looks again: only one of them inserts.
        let still = db::headshots::touch_delivery(&mut *tx, &h.id, r.delivery).await?;
        if still && db::files::count_for_delivery(&mut *tx, &h.id, r.delivery).await? == 0 {
            for row in &rows {
                db::files::insert(&mut *tx, row).await?;
            }
            queue::enqueue(&mut tx, &MailJob::new(Template::Delivered, &h.id), now).await?;
            // Integrations hear of a delivery once its files can be fetched.
            let mut data = crate::services::webhooks::headshot_data(&h, h.status);
            data["delivery"] = r.delivery.into();
            svc.emit(&mut tx, &h.team_id, "headshot.delivered", data, now)
                .await?;
        } else {
            rows.clear();
        }
        // Removed with the files' rows: a second run finds nothing to do.
        db::jobs::delete(&mut *tx, &ctx.id).await?;
        tx.commit().await?;
        anyhow::Ok(rows.is_empty())
    }
    .await;
    match stored {
        Ok(false) => {
            svc.jobs_ready.notify_waiters();
            Ok(Outcome::Done)
        }
        Ok(true) => {
            for key in &written {
                svc.storage.delete(key).await;
            }
            Ok(Outcome::Skipped("another run stored this delivery first"))
        }
        Err(e) => {
            for key in &written {
                svc.storage.delete(key).await;
            }
            Err(e)
        }
    }
}
