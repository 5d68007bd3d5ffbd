//! An account that already leads other teams answers an invitation to lead
//! one more: accepted, the team joins its menu (and this session looks at
//! it); declined, nothing joins. Either answer counts once.

use super::secrets::hash_token;
use super::{Error, LeaderVia, Principal, Result, Services};
use crate::db;
use crate::db::leader_invitations::ReceivedInvitation;
use crate::domain::UserId;

/// The signed-in leader's account, or why there is none.
fn account(p: &Principal) -> Result<(&UserId, &str)> {
    match p {
        Principal::Leader {
            via: LeaderVia::User { user_id, name },
            ..
        } => Ok((user_id, name)),
        _ => Err(Error::Forbidden(
            "Only a signed-in team leader answers an invitation to lead a team.".into(),
        )),
    }
}

impl Services {
    /// The invitations waiting for the signed-in leader's answer (none for
    /// the share link or an API token).
    pub async fn received_invitations(&self, p: &Principal) -> Result<Vec<ReceivedInvitation>> {
        let Ok((user_id, _)) = account(p) else {
            return Ok(vec![]);
        };
        Ok(db::leader_invitations::of_user(&self.db.pool, user_id).await?)
    }

    /// Accepts (`true`) or declines the invitation from `team_id`; an
    /// accepted team becomes the one this session looks at. A second click
    /// finds the invitation answered: "not found".
    pub async fn answer_invitation(
        &self,
        p: &Principal,
        session_token: &str,
        team_id: &str,
        accept: bool,
    ) -> Result<()> {
        let (user_id, _) = account(p)?;
        if accept {
            self.refuse_team_sso_session(
                Some(session_token),
                "You signed in with your team's identity provider, which vouches for you on that team alone: to accept another team's invitation, sign in with your password or an emailed link.",
            )
            .await?;
        }
        let now = self.now_ms();
        let mut tx = self.db.begin().await?;
        db::users::lock(&mut *tx, user_id).await?;
        let department = db::departments::of_invitation(&mut *tx, team_id, user_id).await?;
        if !db::leader_invitations::take(&mut *tx, team_id, user_id).await? {
            return Err(Error::NotFound("invitation"));
        }
        let what = if accept {
            db::team_leaders::add(&mut *tx, team_id, user_id, now).await?;
            if let Some(d) = &department {
                db::departments::set_leader(&mut *tx, team_id, user_id, Some(d)).await?;
            }
            db::sessions::set_team(&mut *tx, &hash_token(session_token), team_id).await?;
            "accepted the invitation to lead the team"
        } else {
            "declined the invitation to lead the team"
        };
        db::events::insert_team(&mut *tx, team_id, now, &p.audit_name(), what).await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(())
    }
}
