//! The QC team's decision: pass, or ask the member for a new photo.

use super::headshots::Move;
use super::views::Headshot;
use super::{Error, Principal, Result, Services};
use crate::db;
use crate::domain::qc_reasons::{self, QcReason};
use crate::domain::{Action, FieldError, StaffRole};
use crate::jobs::mail::{self, Template};
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

impl Services {
    pub fn qc_reasons(&self, p: &Principal) -> Result<Vec<QcReason>> {
        p.require_staff(StaffRole::Qc)?;
        Ok(qc_reasons::default_catalogue())
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
            let mut errors = Vec::new();
            if input.reasons.is_empty() {
                errors.push(FieldError::new(
                    "reasons",
                    "Pick at least one reason so the member knows what to change.",
                ));
            }
            for r in &input.reasons {
                if qc_reasons::find(r).is_none() {
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
            mail::enqueue(&mut tx, Template::NewPhotoRequested, &h.id, now).await?;
        }
        tx.commit().await.map_err(anyhow::Error::from)?;
        self.jobs_ready.notify_waiters();
        self.view_of(&h.id, &t).await
    }
}
