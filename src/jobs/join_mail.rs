//! Emails the confirmation link of someone joining through an open invite
//! link, in the team's language. The link is made when the email is
//! written (a retry makes a new one), so no usable secret sits in the queue.

use super::{Job, JobContext, Letter, Outcome};
use crate::db;
use crate::domain::TeamId;
use crate::email::templates::{SignInOccasion, SignInText, sign_in};
use crate::queue::JoinMail;
use crate::services::Services;
use crate::services::invite_links::InviteLinkState;
use crate::services::secrets::{hash_token, new_token};

pub struct ConfirmJoin;

impl Job for ConfirmJoin {
    type Payload = JoinMail;
    const SENDS_MAIL: bool = true;

    async fn run(svc: &Services, _: &JobContext, payload: JoinMail) -> anyhow::Result<Outcome> {
        let Some(join) = db::invite_links::join(&svc.db.pool, &payload.join_id).await? else {
            return Ok(Outcome::Skipped("the join request was removed"));
        };
        if join.confirmed_at.is_some() {
            return Ok(Outcome::Skipped("the join request is confirmed already"));
        }
        if join.expires_at <= svc.now_ms() {
            return Ok(Outcome::Skipped("the join request expired"));
        }
        let Some(link) = db::invite_links::by_id(&svc.db.pool, &join.link_id).await? else {
            return Ok(Outcome::Skipped("the invite link was removed"));
        };
        // A link that closed while the email waited would only lead to a
        // refusal.
        if InviteLinkState::of(&link, svc.now_ms()) != InviteLinkState::Open {
            return Ok(Outcome::Skipped("the invite link takes nobody any more"));
        }
        let Some(team) = db::teams::get(&svc.db.pool, &TeamId::of(&link.team_id)).await? else {
            return Ok(Outcome::Skipped("the team was removed"));
        };
        let token = new_token();
        db::invite_links::set_join_token(&svc.db.pool, &join.id, &hash_token(&token)).await?;
        let tr = svc.email_tr(&team).await;
        let valid_for = tr.t1(
            "valid-days",
            "days",
            crate::services::joins::CONFIRM_HOURS / 24,
        );
        let link = svc.url(&format!("/join/confirm/{token}"));
        let name = format!("{} {}", join.first_name, join.last_name);
        let mail = sign_in(
            &join.email,
            &SignInText {
                studio: &svc.studio_name().await,
                name: &name,
                link: &link,
                occasion: SignInOccasion::ConfirmJoin { team: &team.name },
                valid_for: &valid_for,
                tr,
            },
        )?;
        Ok(Outcome::Send(Letter {
            mail,
            template: "join_confirm",
            to: crate::domain::email::mask(&join.email),
            member: None,
        }))
    }
}
