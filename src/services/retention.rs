//! The studio's retention: `rules.retention_days` after approval, an
//! approved headshot's original photos (with their thumbnails and display
//! copies) and automatic drafts are deleted; the finals stay, so downloads,
//! extra sizes and re-edits from the retoucher's work go on. Run by the
//! scheduler; each deletion is in the headshot's history and each run that
//! deleted something in the studio's audit log.

use super::{Result, Services};
use crate::db;
use crate::queue::{self, DeleteObjects};
use crate::storage::HeadshotObjects;

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
        for (id, team_id) in due {
            let now = self.now_ms();
            let mut tx = self.db.begin().await?;
            if !db::privacy::mark_sources_deleted(&mut *tx, &id, now).await? {
                continue;
            }
            db::privacy::delete_source_rows(&mut tx, &id).await?;
            db::events::insert(
                &mut *tx,
                &id,
                &team_id,
                now,
                ACTOR,
                "original photos and drafts deleted",
                Some(&detail),
            )
            .await?;
            let job = DeleteObjects {
                team_id,
                headshot_id: id,
                objects: HeadshotObjects::Sources,
            };
            queue::enqueue(&mut tx, &job, now).await?;
            tx.commit().await.map_err(anyhow::Error::from)?;
            done += 1;
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
}
