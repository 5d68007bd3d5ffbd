//! The studio's retention: `rules.retention_days` after approval, an
//! approved headshot's original photos (with their thumbnails and display
//! copies) and automatic drafts are deleted; the finals stay, so downloads,
//! extra sizes and re-edits from the retoucher's work go on. Run by the
//! scheduler; each deletion is in the headshot's history and each run that
//! deleted something in the studio's audit log.

use super::{Result, Services};
use crate::db;
use crate::domain::{HeadshotId, TeamId};
use crate::queue::{self, DeleteObjects};
use crate::storage::{HeadshotObjects, StorageKey};

const DAY_MS: i64 = 86_400_000;
/// Headshots handled per run; a larger backlog continues on the next run.
const PER_RUN: i64 = 500;
pub const ACTOR: &str = "system (retention)";

impl Services {
    /// Deletes the sources of every headshot approved `retention_days` ago
    /// or more; how many. Safe to run from several processes at once: each
    /// headshot is marked by one guarded update, and its objects go in a job
    /// queued in that transaction.
    pub async fn apply_retention(&self) -> Result<usize> {
        let Some(days) = self.studio_settings().await?.rules.retention_days else {
            return Ok(0);
        };
        let approved_by = self.now_ms() - days * DAY_MS;
        let due = db::privacy::sources_due(&self.db.pool, approved_by, PER_RUN).await?;
        let detail = format!("the studio keeps them {days} days after approval; the finals stay");
        let mut done = 0;
        for (id, team_id, approved_at) in due {
            match self
                .delete_sources(&id, &team_id, approved_at, &detail)
                .await
            {
                Ok(deleted) => done += usize::from(deleted),
                // One headshot's trouble does not hold up the others.
                Err(e) => {
                    tracing::error!(headshot.id = %id, error = %e, "retention failed for one headshot");
                }
            }
        }
        if done > 0 {
            let action = format!(
                "deleted the original photos and drafts of {done} headshot{} approved over {days} days ago",
                if done == 1 { "" } else { "s" }
            );
            self.studio_audit_now(ACTOR, &action).await?;
            self.jobs_ready.notify_waiters();
            tracing::info!(headshots = done, days, "retention applied");
        }
        Ok(done)
    }

    /// One headshot's sources, in one transaction: the photos sent up to
    /// its approval (a paid re-do's photo sent since waits for its fee and
    /// stays) with their cut-outs, the event, and the job that deletes
    /// exactly their objects. False when another run did it, or the headshot
    /// moved on.
    async fn delete_sources(
        &self,
        id: &str,
        team_id: &str,
        approved_at: i64,
        detail: &str,
    ) -> Result<bool> {
        let now = self.now_ms();
        let (team, headshot) = (TeamId::of(team_id), HeadshotId::of(id));
        let mut tx = self.db.begin().await?;
        if !db::privacy::mark_sources_deleted(&mut *tx, id, now).await? {
            return Ok(false);
        }
        let mut keys = Vec::new();
        for photo in db::privacy::photos_of(&mut *tx, id).await? {
            if photo.created_at > approved_at {
                continue;
            }
            if let Some(c) = db::cutouts::for_photo(&mut *tx, &photo.id).await? {
                keys.extend(
                    [c.storage_key, c.small_key, c.preview_key]
                        .into_iter()
                        .flatten(),
                );
            }
            keys.extend(
                StorageKey::copies_of(&team, &headshot, &photo.id)
                    .iter()
                    .map(StorageKey::path),
            );
            keys.push(photo.storage_key);
            db::privacy::delete_photo_rows(&mut tx, &photo.id).await?;
        }
        db::events::insert(
            &mut *tx,
            id,
            team_id,
            now,
            ACTOR,
            "original photos and drafts deleted",
            Some(detail),
        )
        .await?;
        let job = DeleteObjects {
            team_id: team_id.to_string(),
            headshot_id: id.to_string(),
            objects: HeadshotObjects::Keys(keys),
        };
        queue::enqueue(&mut tx, &job, now).await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(true)
    }
}
