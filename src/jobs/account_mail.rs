//! Emails a one-time sign-in link. The link is made when the email is
//! written, so no usable secret ever sits in the job queue.

use super::{Job, JobContext, Letter, Outcome};
use crate::db;
use crate::domain::{TeamId, UserId};
use crate::email::templates::{SignInOccasion, SignInText, sign_in};
use crate::queue::{AccountMail, AccountOccasion};
use crate::services::Services;

pub struct SignInMail;

impl Job for SignInMail {
    type Payload = AccountMail;
    const SENDS_MAIL: bool = true;

    async fn run(svc: &Services, _: &JobContext, payload: AccountMail) -> anyhow::Result<Outcome> {
        let Some(user) = db::users::get(&svc.db.pool, &UserId::of(&payload.user_id)).await? else {
            return Ok(Outcome::Skipped("the account was removed"));
        };
        let team_id = payload
            .team_id
            .clone()
            .map(TeamId::from)
            .or(user.team_id.clone());
        // An invitation to an account that leads other teams waits for its
        // yes; one cancelled, or a removal, before this email went leaves
        // nothing to say.
        let mut to_accept = false;
        if let (Some(t), Some(_)) = (&team_id, &payload.team_id)
            && !db::team_leaders::leads(&svc.db.pool, t, &user.id).await?
        {
            to_accept = db::leader_invitations::waiting(&svc.db.pool, t, &user.id).await?;
            if !to_accept {
                return Ok(Outcome::Skipped("the account no longer leads the team"));
            }
        }
        let team_row = match &team_id {
            Some(t) => db::teams::get(&svc.db.pool, t).await?,
            None => None,
        };
        // A leader of other teams too is told where to switch between them.
        let other_teams = db::team_leaders::teams_of(&svc.db.pool, &user.id)
            .await?
            .len()
            > 1;
        // A leader reads their team's language; staff read English.
        let tr = match &team_row {
            Some(t) => svc.email_tr(t).await,
            None => svc.english().await,
        };
        let team = team_row.map(|t| t.name).unwrap_or_default();
        let occasion = match (payload.occasion, &payload.invited_by) {
            (AccountOccasion::SignIn, Some(_)) => AccountOccasion::LeaderInvited,
            (o, _) => o,
        };
        let valid_ms = if occasion == AccountOccasion::StaffInvited {
            crate::services::auth::STAFF_INVITATION_DAYS * 86_400_000
        } else {
            crate::services::auth::login_link_validity(&user)
        };
        let minutes = valid_ms / 60_000;
        let valid_for = if minutes >= 24 * 60 {
            tr.t1("valid-days", "days", minutes / (24 * 60))
        } else {
            tr.t1("valid-minutes", "minutes", minutes)
        };
        // An invitation to an account that already signs in carries no
        // sign-in link: anyone may invite, and a link would be a way in.
        let (link, valid_for) = if to_accept {
            (svc.url("/team"), String::new())
        } else {
            let link = svc
                // A link asked for replaces the earlier ones; a welcome or an
                // invitation leaves them (the admin's printed link, a link the
                // person asked for meanwhile) usable.
                .create_login_link_valid_for(
                    &user.id,
                    valid_ms,
                    occasion == AccountOccasion::SignIn,
                )
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            (link, valid_for)
        };
        let inviter = payload.invited_by.as_deref().unwrap_or("");
        let role = user.role.map(|r| r.label()).unwrap_or_default();
        let occasion = match occasion {
            AccountOccasion::SignIn => SignInOccasion::Asked,
            AccountOccasion::LeaderInvited => SignInOccasion::LeaderInvited {
                inviter,
                team: &team,
                to_accept,
            },
            AccountOccasion::TeamCreated => SignInOccasion::TeamCreated {
                team: &team,
                other_teams,
            },
            AccountOccasion::StaffInvited => SignInOccasion::StaffInvited { inviter, role },
        };
        let mail = sign_in(
            &user.email,
            &SignInText {
                studio: &svc.studio_name().await,
                name: &user.name,
                link: &link,
                occasion,
                valid_for: &valid_for,
                tr,
            },
        )?;
        Ok(Outcome::Send(Letter {
            mail,
            template: "sign_in",
            to: crate::domain::email::mask(&user.email),
            member: None,
        }))
    }
}
