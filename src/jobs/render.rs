//! Renders a delivery queued by an earlier version of Teamshot, which moved
//! the headshot to Delivered at the hand-in and made the files afterwards.
//! Hand-ins are now rendered before the move ([`Services::store_handin`]),
//! so this job only finishes what an upgrade found in the queue. Safe to
//! run twice: a delivery already rendered, or replaced by a newer one, is
//! skipped.

use super::{Job, JobContext, Outcome};
use crate::db;
use crate::domain::HeadshotId;
use crate::imaging::render::Handed;
use crate::queue::RenderJob;
use crate::services::Services;

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
    let data = svc.storage.get(&r.source_key).await?;
    let files = svc.render_handin(&h, data, handed).await?;
    let now = svc.now_ms();
    let stored = svc.put_delivery_files(&h, r.delivery, files, now).await?;
    let recorded = async {
        let mut tx = svc.db.begin().await?;
        // Serialises two runs of this job (lease expiry) on the headshot
        // row, then looks again: only one of them inserts.
        let still = db::headshots::touch_delivery(&mut *tx, &h.id, r.delivery).await?;
        let first = still && db::files::count_for_delivery(&mut *tx, &h.id, r.delivery).await? == 0;
        if first {
            svc.record_delivery_files(&mut tx, &h, r.delivery, &stored.rows, now)
                .await?;
        }
        // Removed with the files' rows: a second run finds nothing to do.
        db::jobs::delete(&mut *tx, &ctx.id).await?;
        tx.commit().await?;
        anyhow::Ok(first)
    }
    .await;
    match recorded {
        Ok(true) => {
            svc.jobs_ready.notify_waiters();
            Ok(Outcome::Done)
        }
        Ok(false) => {
            svc.discard_files(&stored.keys).await;
            Ok(Outcome::Skipped("another run stored this delivery first"))
        }
        Err(e) => {
            svc.discard_files(&stored.keys).await;
            Err(e)
        }
    }
}
