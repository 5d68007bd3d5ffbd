//! Makes the automatic cut-out (the draft) of an uploaded photo. Safe to run
//! twice: a photo that has its cut-out, or that a newer upload replaced, is
//! skipped; two runs at once store one result (the row's key is the photo).
//! A failure leaves the headshot exactly as it was: the retoucher cuts out
//! by hand, as without drafts.

use super::{Job, JobContext, Outcome};
use crate::db::{self, cutouts::CutoutRow};
use crate::domain::HeadshotId;
use crate::imaging::matting::{CutoutError, Draft, cut_out_photo, draft_cost};
use crate::imaging::render::render_preview;
use crate::queue::{CutoutJob, JobKind};
use crate::services::Services;
use crate::storage::{CutoutFile, StorageKey};
use bytes::Bytes;

pub struct Cutout;

impl Job for Cutout {
    type Payload = CutoutJob;

    async fn run(svc: &Services, ctx: &JobContext, c: CutoutJob) -> anyhow::Result<Outcome> {
        let made = cut_out(svc, &c).await;
        if let Err(e) = &made
            && ctx.attempt >= JobKind::Cutout.retry().max_attempts()
        {
            // The last try: say so, so that the member's page stops
            // waiting for a preview and the studio card says to cut out
            // by hand. The job itself is kept among the failed jobs.
            let reason = "the automatic cut-out failed";
            tracing::warn!(error = %format!("{e:#}"), photo.id = %c.photo_id, "{reason}");
            let mut row = CutoutRow::empty(&c.photo_id, &c.headshot_id, svc.now_ms());
            row.error = Some(reason.into());
            db::cutouts::insert(&svc.db.pool, &row).await?;
        }
        made
    }
}

async fn cut_out(svc: &Services, c: &CutoutJob) -> anyhow::Result<Outcome> {
    let current = db::headshots::get(&svc.db.pool, &HeadshotId::of(&c.headshot_id)).await?;
    let Some(h) = current.filter(|h| h.photo_id.as_deref() == Some(c.photo_id.as_str())) else {
        return Ok(Outcome::Skipped("deleted, or a newer photo replaces it"));
    };
    if db::cutouts::for_photo(&svc.db.pool, &c.photo_id)
        .await?
        .is_some()
    {
        // A run cut off after storing the draft still owes the Express check.
        svc.express_after_draft(&h.id).await?;
        return Ok(Outcome::Skipped("already cut out"));
    }
    let Some(photo) = db::photos::get(&svc.db.pool, &c.photo_id).await? else {
        return Ok(Outcome::Skipped("the photo is gone"));
    };
    let data = svc.storage.get(&photo.storage_key).await?;
    let max_pixels = svc.settings.photo.max_photo_pixels;
    // The member's preview is in the style the headshot will be delivered in.
    let recipe = svc.recipe_for(h.style_snapshot.as_deref()).await?;
    let started = std::time::Instant::now();
    let made = svc
        .imaging
        .run_costed(draft_cost(&data), move || {
            let cut = cut_out_photo(&data, max_pixels)?;
            let preview = render_preview(&cut, &recipe);
            Ok::<_, CutoutError>((Draft::of(&cut), preview))
        })
        .await?;
    let took_ms = started.elapsed().as_millis() as i64;
    let mut row = CutoutRow::empty(&c.photo_id, h.id.as_str(), svc.now_ms());
    row.took_ms = took_ms;
    let key = |file| StorageKey::Cutout {
        team_id: h.team_id.clone(),
        headshot_id: h.id.clone(),
        photo_id: c.photo_id.clone(),
        file,
    };
    // Each key is fixed by the photo: a second run writes the same objects.
    match made {
        Ok((draft, preview)) => {
            let (full, small) = (key(CutoutFile::Draft), key(CutoutFile::Small));
            svc.storage.put(&full, Bytes::from(draft.png)).await?;
            svc.storage.put(&small, Bytes::from(draft.small)).await?;
            row.storage_key = Some(full.path());
            row.small_key = Some(small.path());
            if let Some(preview) = preview {
                let at = key(CutoutFile::Preview);
                svc.storage.put(&at, Bytes::from(preview)).await?;
                row.preview_key = Some(at.path());
            }
            row.width = Some(i64::from(draft.width));
            row.height = Some(i64::from(draft.height));
        }
        // Nothing to retry: the photo itself has nobody in it.
        Err(CutoutError::NoPerson) => row.error = Some(CutoutError::NoPerson.to_string()),
        Err(CutoutError::Model(e)) => return Err(e.context("cutting out")),
    }
    let kept = db::cutouts::insert(&svc.db.pool, &row).await?;
    tracing::info!(headshot.id = %h.id, ms = took_ms, person = row.error.is_none(), "cut out a photo");
    if !kept && row.storage_key.is_some() {
        // Another run recorded its own (identical) draft under the same key.
        return Ok(Outcome::Skipped("another run cut it out first"));
    }
    if row.storage_key.is_some() {
        svc.express_after_draft(&h.id).await?;
    }
    Ok(Outcome::Done)
}
