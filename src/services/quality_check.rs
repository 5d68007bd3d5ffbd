//! The QC team's decision: pass, or ask the member for a new photo with
//! reasons from the studio's catalogue — narrowed to the preferences the
//! team picked — and a note.

use super::headshots::Move;
use super::studio_queue::QueueItem;
use super::views::{Headshot, PhotoFacts};
use super::{Error, Principal, Result, Services};
use crate::db;
use crate::domain::HeadshotId;
use crate::domain::qc_reasons::QcReason;
use crate::domain::style::StyleSpec;
use crate::domain::{Action, FieldError, StaffRole};
use crate::queue::{self, MailJob, Template};
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct QcDecision {
    /// `pass` or `new_photo`.
    pub decision: String,
    /// Reason codes from `GET /studio/qc-reasons` (needed for `new_photo`).
    #[serde(default)]
    pub reasons: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// What the QC screen shows for one photo.
pub struct QcView {
    pub item: QueueItem,
    /// Reasons offered for this team (its preferences, and always `other`).
    pub reasons: Vec<QcReason>,
    pub style: StyleSpec,
    /// The photo and what the instant checks measured on it.
    pub photo: Option<PhotoFacts>,
    /// The photo after this one, to load ahead.
    pub next_id: Option<String>,
    pub waiting: usize,
}

/// The team's preferences within the catalogue (all of it when the team
/// picked none), with `other` last.
pub fn reasons_for_team(catalogue: &[QcReason], preferences: Option<&str>) -> Vec<QcReason> {
    let picked: Option<Vec<String>> = preferences.and_then(|p| serde_json::from_str(p).ok());
    catalogue
        .iter()
        .filter(|r| {
            r.code == "other"
                || picked
                    .as_ref()
                    .is_none_or(|codes| codes.iter().any(|c| c == &r.code))
        })
        .cloned()
        .collect()
}

impl Services {
    pub async fn qc_reasons(&self, p: &Principal) -> Result<Vec<QcReason>> {
        p.require_staff(StaffRole::Qc)?;
        Ok(self.studio_settings().await?.qc_reasons.clone())
    }

    /// The photo to check (`id`, or the first in the queue) and what goes
    /// with it; `None` when the queue is empty.
    pub async fn qc_view(&self, p: &Principal, id: Option<&str>) -> Result<Option<QcView>> {
        let queue = self.studio_queue(p, "quality_check").await?;
        let pos = match id {
            Some(id) => queue.iter().position(|i| i.headshot.id == id),
            None => None,
        }
        .unwrap_or(0);
        let Some(item) = queue.get(pos).cloned() else {
            return Ok(None);
        };
        let h = db::headshots::get(&self.db.pool, &HeadshotId::of(&item.headshot.id))
            .await?
            .ok_or(Error::NotFound("headshot"))?;
        let team = db::teams::get(&self.db.pool, &h.team_id)
            .await?
            .ok_or(Error::NotFound("team"))?;
        let settings = self.studio_settings().await?;
        let mut conn = self.db.pool.acquire().await.map_err(anyhow::Error::from)?;
        let style = self
            .style_for(&mut conn, &team, h.department_id.as_ref())
            .await?
            .and_then(|s| serde_json::from_str(&s.spec).ok())
            .unwrap_or_else(StyleSpec::studio_default);
        drop(conn);
        let photo = match &h.photo_id {
            Some(pid) => db::photos::get(&self.db.pool, pid).await?,
            None => None,
        };
        Ok(Some(QcView {
            reasons: reasons_for_team(&settings.qc_reasons, team.qc_preferences.as_deref()),
            style,
            photo: photo.as_ref().map(PhotoFacts::of),
            next_id: queue.get(pos + 1).map(|i| i.headshot.id.clone()),
            waiting: queue.len(),
            item,
        }))
    }

    pub async fn quality_check(
        &self,
        p: &Principal,
        id: &str,
        input: QcDecision,
    ) -> Result<Headshot> {
        p.require_staff(StaffRole::Qc)?;
        let note = input
            .note
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string);
        let (action, event) = match input.decision.as_str() {
            "pass" => (Action::QcPass, "passed the quality check"),
            "new_photo" => (Action::QcRequestNewPhoto, "requested a new photo"),
            other => {
                return Err(Error::invalid(
                    "decision",
                    format!("\"{other}\" is not a decision: use pass or new_photo."),
                ));
            }
        };
        if action == Action::QcRequestNewPhoto {
            let settings = self.studio_settings().await?;
            let mut errors = Vec::new();
            if input.reasons.is_empty() {
                errors.push(FieldError::new(
                    "reasons",
                    "Pick at least one reason so the member knows what to change.",
                ));
            }
            for r in &input.reasons {
                if settings.qc_reason(r).is_none() {
                    errors.push(FieldError::new(
                        "reasons",
                        format!("\"{r}\" is not in the studio's list of reasons."),
                    ));
                }
            }
            if input.reasons.iter().any(|r| r == "other") && note.is_none() {
                errors.push(FieldError::new("note", "Explain \"other\" in the note."));
            }
            if !errors.is_empty() {
                return Err(Error::Invalid(errors));
            }
        }
        let (h, t) = self.load_visible(p, id).await?;
        let now = self.now_ms();
        let mut tx = self.db.begin().await?;
        self.apply_move(
            &mut tx,
            &h,
            Move {
                action,
                actor: p.actor(),
                who: &p.audit_name(),
                event,
            },
            now,
        )
        .await?;
        if action == Action::QcPass {
            self.snapshot_style(&mut tx, &h.id, &h.team_id).await?;
            self.express_after_qc(&mut tx, &h.id, &h.team_id, now)
                .await?;
        }
        if action == Action::QcRequestNewPhoto {
            let mut reasons = input.reasons.clone();
            reasons.dedup();
            db::headshots::set_qc_result(
                &mut *tx,
                &h.id,
                &serde_json::to_string(&reasons).map_err(anyhow::Error::from)?,
                note.as_deref(),
            )
            .await?;
            queue::enqueue(
                &mut tx,
                &MailJob::new(Template::NewPhotoRequested, &h.id),
                now,
            )
            .await?;
            let notice = crate::queue::Notice::NewPhoto {
                headshot_id: h.id.to_string(),
            };
            self.queue_notice(&mut tx, &h.team_id, notice, now).await?;
        }
        tx.commit().await.map_err(anyhow::Error::from)?;
        self.jobs_ready.notify_waiters();
        self.view_of(p, &h.id, &t).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::qc_reasons::default_catalogue;

    #[test]
    fn a_team_sees_its_preferences_and_other() {
        let all = default_catalogue();
        assert_eq!(reasons_for_team(&all, None).len(), all.len());
        let picked = reasons_for_team(&all, Some(r#"["business_attire","no_other_people"]"#));
        let codes: Vec<_> = picked.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(codes, ["business_attire", "no_other_people", "other"]);
    }
}
