//! Help requests: from the team's dashboard to the studio's support inbox,
//! with an email to the team's success manager.

use super::{Error, Principal, Result, Services};
use crate::db::{self, new_id, support::SupportRow};
use crate::domain::TeamId;
use crate::domain::UserKind;
use crate::domain::{FieldError, StaffRole};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

pub const KINDS: [(&str, &str); 4] = [
    ("background_correction", "Background correction"),
    ("resize", "Resize"),
    ("custom_background", "Custom background"),
    ("other", "Something else"),
];

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewSupportRequest {
    /// `background_correction`, `resize`, `custom_background` or `other`.
    pub kind: String,
    #[serde(default)]
    pub headshot_ids: Vec<String>,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SupportRequest {
    pub id: String,
    pub team_id: String,
    pub team_name: String,
    pub kind: String,
    pub headshot_ids: Vec<String>,
    pub message: String,
    pub status: String,
    pub from: String,
    pub created_at: String,
    /// The studio's answers, oldest first.
    pub replies: Vec<SupportReply>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SupportReply {
    pub author: String,
    pub message: String,
    pub at: String,
}

pub fn kind_label(kind: &str) -> &'static str {
    KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, l)| *l)
        .unwrap_or("Request")
}

impl Services {
    pub async fn create_support_request(
        &self,
        p: &Principal,
        input: NewSupportRequest,
    ) -> Result<SupportRequest> {
        let team_id = p.leader_team()?.to_string();
        let mut errors = Vec::new();
        if !KINDS.iter().any(|(k, _)| *k == input.kind) {
            errors.push(FieldError::new(
                "kind",
                "Choose background_correction, resize, custom_background or other.",
            ));
        }
        let message = input.message.trim().to_string();
        if message.is_empty() || message.chars().count() > 5000 {
            errors.push(FieldError::new(
                "message",
                "Tell us what you need (up to 5000 characters).",
            ));
        }
        for id in &input.headshot_ids {
            if self.load_visible(p, id).await.is_err() {
                errors.push(FieldError::new(
                    "headshot_ids",
                    format!("No headshot {id} in this team."),
                ));
            }
        }
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        let now = self.now_ms();
        let row = SupportRow {
            id: new_id(),
            team_id: team_id.clone(),
            kind: input.kind,
            headshot_ids: serde_json::to_string(&input.headshot_ids)
                .map_err(anyhow::Error::from)?,
            message,
            status: "open".into(),
            actor: p.audit_name(),
            created_at: now,
            reply_to: self.leader_email(p).await?,
        };
        let mut tx = self.db.begin().await?;
        db::support::insert(&mut *tx, &row).await?;
        crate::queue::enqueue(
            &mut tx,
            &crate::queue::SupportMail {
                request_id: row.id.clone(),
                reply_id: None,
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        self.jobs_ready.notify_waiters();
        self.audit_team(
            &team_id,
            p,
            &format!("asked the studio for help ({})", kind_label(&row.kind)),
        )
        .await?;
        self.support_view(row).await
    }

    /// The support inbox, for success staff and admins.
    pub async fn support_inbox(&self, p: &Principal) -> Result<Vec<SupportRequest>> {
        if p.require_staff(StaffRole::Success).is_err() {
            p.require_staff(StaffRole::Admin)?;
        }
        let mut out = Vec::new();
        for r in db::support::list(&self.db.pool).await? {
            out.push(self.support_view(r).await?);
        }
        Ok(out)
    }

    /// A studio admin names the success manager who looks after a team.
    pub async fn set_success_manager(
        &self,
        p: &Principal,
        team_id: &str,
        email: &str,
    ) -> Result<()> {
        p.require_staff(StaffRole::Admin)?;
        db::teams::get(&self.db.pool, &TeamId::of(team_id))
            .await?
            .ok_or(Error::NotFound("team"))?;
        let user = db::users::by_email(&self.db.pool, &email.trim().to_lowercase())
            .await?
            .filter(|u| {
                u.kind == UserKind::Staff
                    && matches!(u.role, Some(StaffRole::Success | StaffRole::Admin))
            })
            .ok_or_else(|| {
                Error::invalid(
                    "email",
                    "No studio user with the success (or admin) role has this email.",
                )
            })?;
        db::support::set_success_manager(&self.db.pool, team_id, &user.id).await?;
        Ok(())
    }

    /// Studio users who can look after teams (success and admin roles).
    pub async fn success_staff(&self, p: &Principal) -> Result<Vec<(String, String)>> {
        p.require_staff(StaffRole::Admin)?;
        Ok(db::users::staff_with_roles(&self.db.pool, &["success", "admin"]).await?)
    }

    pub(crate) async fn support_view(&self, r: SupportRow) -> Result<SupportRequest> {
        let team = db::teams::get(&self.db.pool, &TeamId::of(&r.team_id))
            .await?
            .map(|t| t.name)
            .unwrap_or_default();
        let replies = db::support::replies_of(&self.db.pool, &r.id)
            .await?
            .into_iter()
            .map(|x| SupportReply {
                author: x.author,
                message: x.message,
                at: super::views::rfc3339(x.created_at),
            })
            .collect();
        Ok(SupportRequest {
            replies,
            id: r.id,
            team_id: r.team_id,
            team_name: team,
            kind: r.kind,
            headshot_ids: serde_json::from_str(&r.headshot_ids).unwrap_or_default(),
            message: r.message,
            status: r.status,
            from: r.actor,
            created_at: super::views::rfc3339(r.created_at),
        })
    }
}
