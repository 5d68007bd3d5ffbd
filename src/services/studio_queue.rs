//! The studio's queues. Quality check and retouching are both ordered by
//! when retouching is due (earliest first, expedited first on ties).
//! Retouchers claim a job before working on it, so two of them never take
//! the same headshot; the claim ends with the delivery or a release.

use super::views::{Headshot, team_tz};
use super::{Error, Principal, Result, Services};
use crate::db::{self, headshots::HeadshotRow};
use crate::domain::StaffRole;
use crate::domain::style::StyleSpec;
use crate::domain::transition::{Action, Actor, possible_from, transition};
use crate::domain::{HeadshotId, UserId};
use serde::Serialize;
use std::collections::HashMap;
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QueueItem {
    #[serde(flatten)]
    pub headshot: Headshot,
    pub team_name: String,
    /// The retoucher working on it.
    pub claimed_by: Option<String>,
    /// Claimed by the caller.
    pub claimed_by_you: bool,
    /// Retouching is due and nothing is delivered yet.
    pub late: bool,
    /// The style it will be rendered in (fixed when it entered production).
    pub style: Option<StyleSpec>,
    /// The automatic cut-out of the current photo exists
    /// (`GET /api/v1/studio/headshots/{id}/draft-cutout`).
    pub draft_ready: bool,
    /// The draft rendered on the team's main background (watermarked).
    pub draft_preview_url: Option<String>,
}

impl Services {
    /// The studio's queue: `quality_check` or `retouching`.
    pub async fn studio_queue(&self, p: &Principal, stage: &str) -> Result<Vec<QueueItem>> {
        // Each queue holds what its staff can act on next.
        let (role, action) = match stage {
            "quality_check" => (StaffRole::Qc, Action::QcPass),
            "retouching" => (StaffRole::Retoucher, Action::Deliver),
            _ => return Err(Error::invalid("stage", "Use quality_check or retouching.")),
        };
        p.require_staff(role)?;
        let statuses = db::headshots::status_list(possible_from(action, Actor::Staff(role)));
        let rows = db::headshots::queue(&self.db.pool, &statuses).await?;
        let me = p.staff_id();
        let now = self.now_ms();
        let mut teams = HashMap::new();
        let mut names: HashMap<String, String> = HashMap::new();
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            if !teams.contains_key(&r.team_id) {
                let t = db::teams::get(&self.db.pool, &r.team_id).await?;
                let entry = t
                    .map(|t| (team_tz(&t.timezone), t.name))
                    .unwrap_or((jiff::tz::TimeZone::UTC, String::new()));
                teams.insert(r.team_id.clone(), entry);
            }
            let claimed_by = match &r.claimed_by {
                Some(id) if !names.contains_key(id) => {
                    let name = db::users::get(&self.db.pool, &UserId::of(id))
                        .await?
                        .map(|u| u.name)
                        .unwrap_or_default();
                    names.insert(id.clone(), name.clone());
                    Some(name)
                }
                Some(id) => names.get(id).cloned(),
                None => None,
            };
            let draft = match r.photo_id.as_deref() {
                Some(photo) => db::cutouts::for_photo(&self.db.pool, photo).await?,
                None => None,
            };
            let (tz, team_name) = &teams[&r.team_id];
            let mut v = p.redact(self.headshot_view(&r, tz));
            v.team_id = Some(r.team_id.to_string());
            out.push(QueueItem {
                late: r.retouch_due_at.is_some_and(|d| d < now),
                claimed_by_you: r.claimed_by.is_some()
                    && r.claimed_by.as_deref() == me.map(UserId::as_str),
                claimed_by,
                team_name: team_name.clone(),
                style: r
                    .style_snapshot
                    .as_deref()
                    .and_then(|s| serde_json::from_str(s).ok()),
                headshot: v,
                draft_ready: draft.as_ref().is_some_and(|c| c.storage_key.is_some()),
                draft_preview_url: draft
                    .filter(|c| c.preview_key.is_some())
                    .map(|c| self.preview_link(&c.photo_id)),
            });
        }
        Ok(out)
    }

    /// A retoucher takes a job. Claiming one's own claim again is fine.
    pub async fn claim(&self, p: &Principal, id: &str) -> Result<QueueItem> {
        p.require_staff(StaffRole::Retoucher)?;
        let me = p.staff_id().ok_or(Error::Unauthenticated)?;
        let h = self.retouching_job(id).await?;
        if !db::headshot_claims::claim(&self.db.pool, &h.id, me, self.now_ms()).await? {
            return Err(Error::Conflict(format!(
                "{} is already working on this headshot; pick another one.",
                self.claimer_name(id).await?
            )));
        }
        self.queue_item(p, id).await
    }

    /// Gives a job back to the queue: one's own, or anyone's for admins.
    pub async fn release(&self, p: &Principal, id: &str) -> Result<QueueItem> {
        p.require_staff(StaffRole::Retoucher)?;
        let me = p.staff_id().ok_or(Error::Unauthenticated)?;
        let h = self.retouching_job(id).await?;
        let whose = match p {
            Principal::Staff {
                role: StaffRole::Admin,
                ..
            } => None,
            _ => Some(me.as_str()),
        };
        if !db::headshot_claims::release(&self.db.pool, &h.id, whose).await? {
            return Err(match &h.claimed_by {
                None => Error::Conflict("Nobody has claimed this headshot.".into()),
                Some(_) => Error::Forbidden(format!(
                    "{} is working on this headshot; only they or an admin can release it.",
                    self.claimer_name(id).await?
                )),
            });
        }
        self.queue_item(p, id).await
    }

    /// Delivery needs the job to be unclaimed or claimed by the caller.
    pub(crate) fn check_claim(&self, p: &Principal, h: &HeadshotRow) -> Result<()> {
        match &h.claimed_by {
            Some(holder) if Some(holder.as_str()) != p.staff_id().map(UserId::as_str) => Err(Error::Conflict(
                "Another retoucher has claimed this headshot; ask them (or an admin) to release it first."
                    .into(),
            )),
            _ => Ok(()),
        }
    }

    async fn retouching_job(&self, id: &str) -> Result<HeadshotRow> {
        let h = db::headshots::get(&self.db.pool, &HeadshotId::of(id))
            .await?
            .ok_or(Error::NotFound("headshot"))?;
        // Claimable exactly when a retoucher could deliver it.
        let retoucher = Actor::Staff(StaffRole::Retoucher);
        if transition(h.status, Action::Deliver, retoucher).is_err() {
            return Err(Error::Conflict(
                "Only headshots waiting for retouching can be claimed or released.".into(),
            ));
        }
        Ok(h)
    }

    async fn claimer_name(&self, id: &str) -> Result<String> {
        let h = db::headshots::get(&self.db.pool, &HeadshotId::of(id)).await?;
        let user = match h.and_then(|h| h.claimed_by) {
            Some(u) => db::users::get(&self.db.pool, &UserId::of(&u)).await?,
            None => None,
        };
        Ok(user.map_or_else(|| "Another retoucher".into(), |u| u.name))
    }

    async fn queue_item(&self, p: &Principal, id: &str) -> Result<QueueItem> {
        self.studio_queue(p, "retouching")
            .await?
            .into_iter()
            .find(|i| i.headshot.id == id)
            .ok_or(Error::NotFound("headshot"))
    }
}
