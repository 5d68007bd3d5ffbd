//! Jobs given up after every attempt: listed for admins, put back in the
//! queue by an admin or the operator (`teamshot jobs retry --dead`).

use super::views::rfc3339;
use super::{Result, Services, StudioActor};
use crate::db;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DeadJob {
    pub id: String,
    /// `mail`, `account_mail`, `render`, `webhook`, …
    pub kind: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub created_at: String,
    pub dead_at: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Revived {
    /// How many jobs went back into the queue.
    pub revived: u64,
}

impl Services {
    pub async fn dead_jobs(&self, by: StudioActor<'_>) -> Result<Vec<DeadJob>> {
        by.require_admin()?;
        Ok(db::jobs::dead(&self.db.pool)
            .await?
            .into_iter()
            .map(|j| DeadJob {
                id: j.id,
                kind: j.kind,
                attempts: j.attempts,
                last_error: j.last_error,
                created_at: rfc3339(j.created_at),
                dead_at: rfc3339(j.dead_at),
            })
            .collect())
    }

    /// Puts one dead job (`Some(id)`) or every dead job back in the queue,
    /// with a fresh set of attempts. Jobs check their own work first (an
    /// email already sent is not sent again), so a retry is safe.
    pub async fn retry_dead_jobs(&self, by: StudioActor<'_>, id: Option<&str>) -> Result<Revived> {
        by.require_admin()?;
        let mut tx = self.db.begin().await?;
        let revived = db::jobs::revive(&mut *tx, id, self.now_ms()).await?;
        if id.is_some() && revived == 0 {
            return Err(super::Error::NotFound("dead job"));
        }
        if revived > 0 {
            self.studio_audit(
                &mut tx,
                &by.audit_name(),
                &format!("put {revived} dead job(s) back in the queue"),
            )
            .await?;
        }
        tx.commit().await.map_err(anyhow::Error::from)?;
        self.jobs_ready.notify_waiters();
        Ok(Revived { revived })
    }
}
