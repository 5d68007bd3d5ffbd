//! The studio's side of help requests: answers (emailed to the team),
//! and the open → answered → closed status.

use super::support::SupportRequest;
use super::{Error, Principal, Result, Services};
use crate::db::{self, new_id, support::ReplyRow};
use crate::domain::{FieldError, StaffRole};
use crate::queue::{self, SupportMail};
use serde::Deserialize;
use utoipa::ToSchema;

pub const STATUSES: [&str; 3] = ["open", "answered", "closed"];

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct SupportAnswer {
    pub message: String,
    /// `answered` (the default) or `closed`.
    #[serde(default)]
    pub status: Option<String>,
}

fn require_support_staff(p: &Principal) -> Result<()> {
    if p.require_staff(StaffRole::Success).is_err() {
        p.require_staff(StaffRole::Admin)?;
    }
    Ok(())
}

impl Services {
    /// The email of the leader account behind `p`, if it is one.
    pub(crate) async fn leader_email(&self, p: &Principal) -> Result<Option<String>> {
        Ok(match p {
            Principal::Leader {
                via: super::LeaderVia::User { user_id, .. },
                ..
            } => db::users::get(&self.db.pool, user_id)
                .await?
                .map(|u| u.email),
            _ => None,
        })
    }

    /// Success staff answer; the answer is emailed to the team in the same
    /// transaction that records it.
    pub async fn answer_support_request(
        &self,
        p: &Principal,
        id: &str,
        input: SupportAnswer,
    ) -> Result<SupportRequest> {
        require_support_staff(p)?;
        let status = input.status.unwrap_or_else(|| "answered".into());
        let message = input.message.trim().to_string();
        let mut errors = Vec::new();
        if message.is_empty() || message.chars().count() > 5000 {
            errors.push(FieldError::new(
                "message",
                "Write the answer (up to 5000 characters).",
            ));
        }
        if !matches!(status.as_str(), "answered" | "closed") {
            errors.push(FieldError::new("status", "Use answered or closed."));
        }
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        let r = db::support::get(&self.db.pool, id)
            .await?
            .ok_or(Error::NotFound("help request"))?;
        let now = self.now_ms();
        let reply = ReplyRow {
            id: new_id(),
            request_id: r.id.clone(),
            author: p.audit_name(),
            message,
            created_at: now,
        };
        let mut tx = self.db.begin().await?;
        db::support::insert_reply(&mut *tx, &reply).await?;
        db::support::set_status(&mut *tx, &r.id, &status).await?;
        queue::enqueue(
            &mut tx,
            &SupportMail {
                request_id: r.id.clone(),
                reply_id: Some(reply.id.clone()),
            },
            now,
        )
        .await?;
        db::events::insert_team(
            &mut *tx,
            &r.team_id,
            now,
            &p.audit_name(),
            "answered a help request",
        )
        .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        self.jobs_ready.notify_waiters();
        self.support_request(p, &r.id).await
    }

    /// Close or reopen without an answer.
    pub async fn set_support_status(
        &self,
        p: &Principal,
        id: &str,
        status: &str,
    ) -> Result<SupportRequest> {
        require_support_staff(p)?;
        if !STATUSES.contains(&status) {
            return Err(Error::invalid("status", "Use open, answered or closed."));
        }
        let r = db::support::get(&self.db.pool, id)
            .await?
            .ok_or(Error::NotFound("help request"))?;
        db::support::set_status(&self.db.pool, &r.id, status).await?;
        self.support_request(p, id).await
    }

    pub async fn support_request(&self, p: &Principal, id: &str) -> Result<SupportRequest> {
        let r = db::support::get(&self.db.pool, id)
            .await?
            .ok_or(Error::NotFound("help request"))?;
        match p {
            Principal::Staff { .. } => require_support_staff(p)?,
            _ if p.leader_team()? == r.team_id => {}
            _ => return Err(Error::NotFound("help request")),
        }
        self.support_view(r).await
    }

    /// The team's own requests with the studio's answers.
    pub async fn team_support_requests(&self, p: &Principal) -> Result<Vec<SupportRequest>> {
        let team_id = p.leader_team()?;
        let mut out = Vec::new();
        for r in db::support::list_for_team(&self.db.pool, team_id).await? {
            out.push(self.support_view(r).await?);
        }
        Ok(out)
    }
}
