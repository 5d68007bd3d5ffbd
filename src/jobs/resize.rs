//! Renders a paid resize request: one file per headshot, from what the
//! retoucher handed in and the headshot's style. Headshots already done (a
//! second run after a lease expired) are skipped; the request is done when
//! every headshot has its file.

use super::{Job, JobContext, Outcome};
use crate::db::{self, files::FileRow, new_id};
use crate::domain::HeadshotId;
use crate::imaging::render::{Handed, render_size};
use crate::queue::ResizeJob;
use crate::services::Services;
use crate::storage::StorageKey;
use bytes::Bytes;

pub struct Resize;

impl Job for Resize {
    type Payload = ResizeJob;

    async fn run(svc: &Services, ctx: &JobContext, payload: ResizeJob) -> anyhow::Result<Outcome> {
        resize(svc, ctx, payload).await
    }
}

async fn resize(svc: &Services, ctx: &JobContext, payload: ResizeJob) -> anyhow::Result<Outcome> {
    let Some(r) = db::resizes::get(&svc.db.pool, &payload.request_id).await? else {
        return Ok(Outcome::Skipped("the resize request is gone"));
    };
    let ids: Vec<String> = serde_json::from_str(&r.headshot_ids)?;
    let max_pixels = svc.settings.photo.max_photo_pixels;
    for id in ids {
        if db::resizes::files_made(&svc.db.pool, &r.id, &id).await? > 0 {
            continue;
        }
        let Some(h) = db::headshots::get(&svc.db.pool, &HeadshotId::of(&id)).await? else {
            continue; // deleted since
        };
        let (Some(source), Some(kind)) = (&h.retouched_key, &h.retouched_kind) else {
            tracing::warn!(headshot.id = %h.id, "resize of a headshot with no hand-in");
            continue;
        };
        let handed = Handed::parse(kind).ok_or_else(|| anyhow::anyhow!("bad hand-in kind"))?;
        let recipe = svc.recipe_for(h.style_snapshot.as_deref()).await?;
        let data = svc.storage.get(source).await?;
        let (w, hgt, format) = (r.width as u32, r.height as u32, r.format.clone());
        let f = svc
            .imaging
            .run_costed(
                crate::imaging::decode::decode_cost(&data, true).saturating_mul(2),
                move || render_size(&data, handed, &recipe, w, hgt, &format, max_pixels),
            )
            .await??;
        let file_id = new_id();
        let key = StorageKey::Render {
            team_id: h.team_id.clone(),
            headshot_id: h.id.clone(),
            file_id: file_id.clone(),
            ext: f.format.into(),
        };
        let row = FileRow {
            id: file_id,
            headshot_id: h.id.to_string(),
            delivery: h.delivery_count,
            background_id: f.background_id,
            shape: f.shape.as_str().into(),
            width: i64::from(f.width),
            height: i64::from(f.height),
            format: f.format.into(),
            watermarked: 0,
            storage_key: key.path(),
            bytes: f.data.len() as i64,
            created_at: svc.now_ms(),
            resize_id: Some(r.id.clone()),
        };
        svc.storage.put(&key, Bytes::from(f.data)).await?;
        if let Err(e) = db::files::insert(&svc.db.pool, &row).await {
            svc.storage.delete(&key).await;
            return Err(e.into());
        }
    }
    let mut tx = svc.db.begin().await?;
    db::resizes::set_status(&mut *tx, &r.id, "rendering", "done", svc.now_ms()).await?;
    db::events::insert_team(
        &mut *tx,
        &r.team_id,
        svc.now_ms(),
        "system",
        &format!(
            "rendered {} resized file(s) at {}×{}",
            r.files, r.width, r.height
        ),
    )
    .await?;
    db::jobs::delete(&mut *tx, &ctx.id).await?;
    tx.commit().await?;
    Ok(Outcome::Done)
}
