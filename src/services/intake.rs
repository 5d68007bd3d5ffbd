//! Intake fields as the team and its members use them: leaders set the
//! questions and the ZIP's file-name template (accountable leaders only);
//! members answer before uploading (required questions first); leaders may
//! correct an answer. The answers go with the headshot: dashboard, status
//! CSV, webhooks and file names.

use super::views::{Headshot, team_tz};
use super::{Error, Principal, Result, Services};
use crate::db::{self, headshots::HeadshotRow, teams::TeamRow};
use crate::domain::intake::{self, FieldInput, IntakeField, NameTemplate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// A team's questions and how its ZIP names files.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IntakeSettings {
    pub fields: Vec<IntakeField>,
    /// E.g. `{last_name}_{first_name}_{job_title}`; null: the default
    /// (`{last_name}_{first_name}_{id}`).
    pub file_name_template: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct IntakeSettingsInput {
    /// At most ten; the whole list replaces the team's.
    pub fields: Vec<FieldInput>,
    /// Placeholders: `{first_name}`, `{last_name}`, `{id}` and each field's
    /// key; empty or null for the default.
    #[serde(default)]
    pub file_name_template: Option<String>,
}

/// A member's answers, by field key.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct Answers {
    pub values: BTreeMap<String, String>,
}

/// The team's questions (none when never set or unreadable).
pub fn team_fields(t: &TeamRow) -> Vec<IntakeField> {
    t.intake_fields
        .as_deref()
        .and_then(|j| serde_json::from_str(j).ok())
        .unwrap_or_default()
}

/// The team's file-name template, if it set one.
pub fn team_template(t: &TeamRow) -> Option<NameTemplate> {
    let text = t.file_name_template.as_deref()?;
    NameTemplate::parse(text, &team_fields(t)).ok()
}

/// A headshot's answers.
pub fn answers_of(h: &HeadshotRow) -> BTreeMap<String, String> {
    h.intake
        .as_deref()
        .and_then(|j| serde_json::from_str(j).ok())
        .unwrap_or_default()
}

impl Services {
    pub async fn intake_settings(&self, p: &Principal) -> Result<IntakeSettings> {
        // Read by a department's leader too (the headshot page's answers).
        let (team_id, _) = p.leader_scope()?;
        let t = db::teams::get(&self.db.pool, team_id)
            .await?
            .ok_or(Error::NotFound("team"))?;
        Ok(IntakeSettings {
            fields: team_fields(&t),
            file_name_template: t.file_name_template.clone(),
        })
    }

    /// Replaces the team's questions and template; every problem at once,
    /// nothing saved then. Answers to a question removed stay with the
    /// headshots (and show again if the question comes back).
    pub async fn save_intake(
        &self,
        p: &Principal,
        input: IntakeSettingsInput,
    ) -> Result<IntakeSettings> {
        let team_id = p.accountable_leader_team("the team's questions")?.clone();
        let (fields, mut errors) = match intake::parse_fields(&input.fields) {
            Ok(f) => (f, Vec::new()),
            Err(e) => (Vec::new(), e),
        };
        let template = match input.file_name_template.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => match NameTemplate::parse(text, &fields) {
                Ok(t) => Some(t),
                Err(m) if errors.is_empty() => {
                    errors.push(crate::domain::FieldError::new("file_name_template", m));
                    None
                }
                Err(_) => None,
            },
        };
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        let json = serde_json::to_string(&fields).map_err(anyhow::Error::from)?;
        let stored = (!fields.is_empty()).then_some(json.as_str());
        db::intake::set_team(
            &self.db.pool,
            team_id.as_str(),
            stored,
            template.as_ref().map(NameTemplate::as_str),
        )
        .await?;
        let names: Vec<&str> = fields.iter().map(|f| f.label.as_str()).collect();
        let what = if names.is_empty() {
            "removed the questions for members".to_string()
        } else {
            format!("set the questions for members: {}", names.join(", "))
        };
        self.audit_team(team_id.as_str(), p, &what).await?;
        Ok(IntakeSettings {
            fields,
            file_name_template: template.map(|t| t.as_str().to_string()),
        })
    }

    /// Saves answers: the member's own (every required question answered),
    /// or a leader's correction (accountable leaders; partial answers
    /// allowed). Answers not sent are kept.
    pub async fn save_answers(
        &self,
        p: &Principal,
        id: &str,
        answers: Answers,
    ) -> Result<Headshot> {
        if matches!(p, Principal::Leader { .. }) {
            p.accountable_leader_team("members' answers")?;
        }
        if matches!(p, Principal::Staff { .. }) {
            return Err(Error::NotFound("headshot"));
        }
        let (h, t) = self.load_visible(p, id).await?;
        let fields = team_fields(&t);
        // Only what is sent is checked: answers kept from a question since
        // renamed or removed stay as they were. Every problem at once.
        let (checked, mut errors) = match intake::check_values(&fields, &answers.values, false) {
            Ok(c) => (c, Vec::new()),
            Err(e) => (BTreeMap::new(), e),
        };
        let mut all = answers_of(&h);
        for key in answers.values.keys() {
            match checked.get(key) {
                Some(v) => all.insert(key.clone(), v.clone()),
                None => all.remove(key),
            };
        }
        let member = matches!(
            p,
            Principal::Member {
                on_behalf: None,
                ..
            }
        );
        if member {
            for f in intake::missing(&fields, &all) {
                let field = format!("values.{}", f.key);
                if !errors.iter().any(|e| e.field == field) {
                    errors.push(crate::domain::FieldError::new(
                        field,
                        format!("{}: please answer (the team needs it).", f.label),
                    ));
                }
            }
        }
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        let now = self.now_ms();
        let json = serde_json::to_string(&all).map_err(anyhow::Error::from)?;
        let mut tx = self.db.begin().await?;
        if !db::intake::set_answers(&mut *tx, &h.id, &json, now).await? {
            return Err(Error::NotFound("headshot"));
        }
        db::events::insert(
            &mut *tx,
            &h.id,
            t.id.as_str(),
            now,
            &p.audit_name(),
            "answered the team's questions",
            None,
        )
        .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        let row = db::headshots::get(&self.db.pool, &h.id)
            .await?
            .ok_or(Error::NotFound("headshot"))?;
        Ok(self.headshot_view(&row, &team_tz(&t.timezone)))
    }

    /// A member uploads once the required questions are answered (a leader
    /// uploading on their behalf is not held up).
    pub(crate) fn answers_before_upload(
        &self,
        p: &Principal,
        h: &HeadshotRow,
        t: &TeamRow,
    ) -> Result<()> {
        if !matches!(
            p,
            Principal::Member {
                on_behalf: None,
                ..
            }
        ) {
            return Ok(());
        }
        let fields = team_fields(t);
        let answers = answers_of(h);
        let missing = intake::missing(&fields, &answers);
        if missing.is_empty() {
            return Ok(());
        }
        Err(Error::Invalid(
            missing
                .iter()
                .map(|f| {
                    crate::domain::FieldError::new(
                        format!("values.{}", f.key),
                        format!("{}: please answer before sending your photo.", f.label),
                    )
                })
                .collect(),
        ))
    }
}
