//! Express teams: the studio lets the automatic cut-out of a photo that
//! passed the quality check be delivered without a retoucher. The headshot
//! then follows the normal Delivered → Approved path; re-edits, photos a
//! leader moved forward despite the quality check, and headshots a
//! retoucher has claimed stay with people.

use super::deliver::HandedBy;
use super::views::Team;
use super::{Error, Principal, Result, Services};
use crate::db::headshots::HeadshotRow;
use crate::db::{self, Tx};
use crate::domain::transition::Actor;
use crate::domain::{Action, HeadshotId, HeadshotStatus, StaffRole, TeamId};
use crate::imaging::render::Handed;
use crate::queue::{self, ExpressJob};

/// What the Express job found.
#[derive(Debug, PartialEq, Eq)]
pub enum Express {
    Delivered,
    /// Why the draft was not delivered (it stays with the retouchers).
    NotNow(&'static str),
}

/// How Express deliveries are named in the headshot's history.
const EXPRESS_ACTOR: &str = "Express (automatic cut-out)";

impl Services {
    /// Turns Express on or off for a team (studio admins). It applies to
    /// photos that pass the quality check from now on; those already
    /// waiting for a retoucher stay in the queue.
    pub async fn set_team_express(&self, p: &Principal, team_id: &str, on: bool) -> Result<Team> {
        p.require_staff(StaffRole::Admin)?;
        let id = TeamId::of(team_id);
        let t = db::teams::get(&self.db.pool, &id)
            .await?
            .ok_or(Error::NotFound("team"))?;
        let mut tx = self.db.begin().await?;
        db::teams::set_express(&mut *tx, &id, on).await?;
        let verb = if on { "turned on" } else { "turned off" };
        self.studio_audit(
            &mut tx,
            &p.audit_name(),
            &format!("{verb} Express for {}", t.name),
        )
        .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        let t = db::teams::get(&self.db.pool, &id)
            .await?
            .ok_or(Error::NotFound("team"))?;
        Ok(self.team_view(&t))
    }

    /// In the quality-check pass: an Express team's headshot gets its
    /// delivery job (which waits for the draft if it is not made yet).
    pub(crate) async fn express_after_qc(
        &self,
        tx: &mut Tx,
        headshot_id: &HeadshotId,
        team_id: &TeamId,
        now: i64,
    ) -> Result<()> {
        let express = db::teams::get(&mut **tx, team_id)
            .await?
            .is_some_and(|t| t.express_drafts != 0);
        if express {
            let job = ExpressJob {
                headshot_id: headshot_id.to_string(),
            };
            queue::enqueue(tx, &job, now).await?;
        }
        Ok(())
    }

    /// After the cut-out job stored a draft: if the photo has already
    /// passed the quality check in an Express team, deliver it.
    pub(crate) async fn express_after_draft(&self, headshot_id: &HeadshotId) -> Result<()> {
        let Some(h) = db::headshots::get(&self.db.pool, headshot_id).await? else {
            return Ok(());
        };
        let express = db::teams::get(&self.db.pool, &h.team_id)
            .await?
            .is_some_and(|t| t.express_drafts != 0);
        if !express || h.status != HeadshotStatus::InRetouching {
            return Ok(());
        }
        let mut tx = self.db.begin().await?;
        let job = ExpressJob {
            headshot_id: headshot_id.to_string(),
        };
        queue::enqueue(&mut tx, &job, self.now_ms()).await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        self.jobs_ready.notify_waiters();
        Ok(())
    }

    /// Delivers the draft of an Express team's headshot when everything
    /// allows it; otherwise says why not and changes nothing.
    pub async fn express_deliver(&self, id: &HeadshotId) -> Result<Express> {
        let Some(h) = db::headshots::get(&self.db.pool, id).await? else {
            return Ok(Express::NotNow("the headshot was deleted"));
        };
        let express = db::teams::get(&self.db.pool, &h.team_id)
            .await?
            .is_some_and(|t| t.express_drafts != 0);
        if !express {
            return Ok(Express::NotNow("the team is not an Express team"));
        }
        if h.status != HeadshotStatus::InRetouching {
            return Ok(Express::NotNow("not waiting for retouching"));
        }
        if h.claimed_by.is_some() {
            return Ok(Express::NotNow("a retoucher claimed it"));
        }
        if flagged_by_qc(&h) {
            return Ok(Express::NotNow(
                "a leader moved it forward past the quality check",
            ));
        }
        let draft = match h.photo_id.as_deref() {
            Some(photo) => db::cutouts::for_photo(&self.db.pool, photo).await?,
            None => None,
        };
        let Some(key) = draft.and_then(|d| d.storage_key) else {
            return Ok(Express::NotNow("no draft yet (or no person found)"));
        };
        let data = self.storage.get(&key).await?;
        let by = HandedBy {
            action: Action::ExpressDeliver,
            actor: Actor::System,
            who: EXPRESS_ACTOR.into(),
            staff_id: None,
        };
        match self.store_handin(&h, data, Handed::Cutout, by).await {
            Ok(()) => Ok(Express::Delivered),
            // A retoucher delivered or claimed it meanwhile: theirs wins.
            Err(Error::Conflict(_)) => Ok(Express::NotNow("a retoucher took it meanwhile")),
            Err(e) => Err(e),
        }
    }
}

/// The quality check asked for a new photo and a leader moved forward with
/// this one anyway (a new upload clears the reasons; a pass never sets them).
fn flagged_by_qc(h: &HeadshotRow) -> bool {
    serde_json::from_str::<Vec<String>>(&h.qc_reasons).map_or(true, |r| !r.is_empty())
}
