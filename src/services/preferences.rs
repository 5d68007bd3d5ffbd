//! The team's photo preferences: which of the studio's QC reasons apply to
//! it (e.g. business attire). QC offers only those (and "other"); members
//! see them in the tutorial.

use super::quality_check::reasons_for_team;
use super::{Error, Principal, Result, Services};
use crate::db;
use crate::domain::FieldError;
use crate::domain::TeamId;
use crate::domain::qc_reasons::QcReason;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Preferences {
    /// Codes from the studio's catalogue; an empty list means all of them.
    pub qc_reasons: Vec<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PreferenceChoice {
    pub code: String,
    pub label: String,
    pub selected: bool,
}

impl Services {
    /// What a team asked its members for (empty: nothing picked), for the
    /// member's tutorial.
    pub async fn team_preferences(&self, team_id: &str) -> Result<Vec<QcReason>> {
        let team = db::teams::get(&self.db.pool, &TeamId::of(team_id))
            .await?
            .ok_or(Error::NotFound("team"))?;
        if team.qc_preferences.is_none() {
            return Ok(vec![]);
        }
        let studio = self.studio_settings().await?;
        Ok(
            reasons_for_team(&studio.qc_reasons, team.qc_preferences.as_deref())
                .into_iter()
                .filter(|r| r.code != "other")
                .collect(),
        )
    }

    /// The catalogue with the team's choices marked.
    pub async fn preferences(&self, p: &Principal) -> Result<Vec<PreferenceChoice>> {
        let team_id = p.leader_team()?;
        let team = db::teams::get(&self.db.pool, team_id)
            .await?
            .ok_or(Error::NotFound("team"))?;
        let studio = self.studio_settings().await?;
        let picked = reasons_for_team(&studio.qc_reasons, team.qc_preferences.as_deref());
        Ok(studio
            .qc_reasons
            .iter()
            .filter(|r| r.code != "other")
            .map(|r: &QcReason| PreferenceChoice {
                code: r.code.clone(),
                label: r.label.clone(),
                selected: team.qc_preferences.is_some() && picked.contains(r),
            })
            .collect())
    }

    pub async fn set_preferences(
        &self,
        p: &Principal,
        input: Preferences,
    ) -> Result<Vec<PreferenceChoice>> {
        let team_id = p.leader_team()?.to_string();
        let studio = self.studio_settings().await?;
        let mut codes = input.qc_reasons;
        codes.sort();
        codes.dedup();
        let unknown: Vec<FieldError> = codes
            .iter()
            .filter(|c| studio.qc_reason(c).is_none())
            .map(|c| {
                FieldError::new(
                    "qc_reasons",
                    format!("\"{c}\" is not one of the studio's preferences."),
                )
            })
            .collect();
        if !unknown.is_empty() {
            return Err(Error::Invalid(unknown));
        }
        let json = if codes.is_empty() {
            None
        } else {
            Some(serde_json::to_string(&codes).map_err(anyhow::Error::from)?)
        };
        db::teams::set_qc_preferences(&self.db.pool, &team_id, json.as_deref()).await?;
        self.audit_team(&team_id, p, "changed the photo preferences")
            .await?;
        self.preferences(p).await
    }
}
