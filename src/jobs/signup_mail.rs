//! Emails a sign-up's confirmation link. The link is made when the email is
//! written (a retry makes a new one), so no usable secret sits in the queue.

use super::{Job, JobContext, Letter, Outcome};
use crate::db;
use crate::email::templates::{SignInOccasion, SignInText, sign_in};
use crate::queue::SignupMail;
use crate::services::Services;
use crate::services::secrets::{hash_token, new_token};

pub struct Confirm;

impl Job for Confirm {
    type Payload = SignupMail;
    const SENDS_MAIL: bool = true;

    async fn run(svc: &Services, _: &JobContext, payload: SignupMail) -> anyhow::Result<Outcome> {
        let Some(signup) = db::signups::get(&svc.db.pool, &payload.signup_id).await? else {
            return Ok(Outcome::Skipped("the sign-up was removed"));
        };
        if signup.confirmed_at.is_some() {
            return Ok(Outcome::Skipped("the sign-up is confirmed already"));
        }
        if signup.expires_at <= svc.now_ms() {
            return Ok(Outcome::Skipped("the sign-up expired"));
        }
        let token = new_token();
        db::signups::set_token(&svc.db.pool, &signup.id, &hash_token(&token)).await?;
        // The company has no team yet, so no team language: the studio's.
        let tr = svc.english().await;
        let valid_for = tr.t1(
            "valid-days",
            "days",
            crate::services::self_service::CONFIRM_HOURS / 24,
        );
        let link = svc.url(&format!("/get-started/confirm/{token}"));
        let mail = sign_in(
            &signup.email,
            &SignInText {
                studio: &svc.studio_name().await,
                name: &signup.leader_name,
                link: &link,
                occasion: SignInOccasion::ConfirmSignup {
                    team: &signup.company,
                },
                valid_for: &valid_for,
                tr,
            },
        )?;
        Ok(Outcome::Send(Letter {
            mail,
            template: "signup_confirm",
            to: crate::domain::email::mask(&signup.email),
            member: None,
        }))
    }
}
