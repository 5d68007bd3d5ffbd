//! A team leader's email notice, rendered from current data when sent; a
//! notice the leader turned off since it was queued, or one that no longer
//! holds (credits were added), is skipped.

use super::{Job, JobContext, Letter, Outcome};
use crate::db;
use crate::domain::{HeadshotId, TeamId, UserId};
use crate::email::notices::{self, Footer};
use crate::email::templates::Common;
use crate::queue::{LeaderNotice, Notice};
use crate::services::Services;
use crate::services::views::team_tz;
use crate::services::webhooks::LOW_CREDITS;

pub struct NoticeMail;

impl Job for NoticeMail {
    type Payload = LeaderNotice;
    const SENDS_MAIL: bool = true;

    async fn run(svc: &Services, _: &JobContext, payload: LeaderNotice) -> anyhow::Result<Outcome> {
        let user_id = UserId::of(&payload.user_id);
        let Some(leader) = db::users::get(&svc.db.pool, &user_id).await? else {
            return Ok(Outcome::Skipped("the leader's account was removed"));
        };
        let Some(team_id) = payload.team_id.map(TeamId::from).or(leader.team_id.clone()) else {
            return Ok(Outcome::Skipped("the account leads no team"));
        };
        // Removed from that team since it was queued: not theirs to read.
        if !db::team_leaders::leads(&svc.db.pool, &team_id, &user_id).await? {
            return Ok(Outcome::Skipped("the leader no longer leads the team"));
        }
        let kind = payload.notice.kind();
        let prefs = db::notices::get(&svc.db.pool, &user_id, svc.notice_defaults()).await?;
        if !prefs.wants(kind) {
            return Ok(Outcome::Skipped("the leader turned this notice off"));
        }
        let Some(team) = db::teams::get(&svc.db.pool, &team_id).await? else {
            return Ok(Outcome::Skipped("the team was removed"));
        };
        let studio = svc.studio_settings().await?;
        let unsubscribe = svc.unsubscribe_url(&user_id, kind);
        let what = format!("notice-what-{}", kind.as_str());
        let footer = Footer {
            unsubscribe: &unsubscribe,
            choose: &svc.url("/team/notices"),
            what: &what,
        };
        // The team's language, as every email about the team.
        let tr = svc.email_tr(&team).await;
        let first_name = leader
            .name
            .split_whitespace()
            .next()
            .unwrap_or(&leader.name);
        let common = |link| Common {
            studio: &studio.branding.studio_name,
            logo: studio.branding.logo_url.as_deref(),
            first_name,
            team: &team.name,
            link,
            tr,
        };
        let mail = match &payload.notice {
            Notice::NewPhoto { headshot_id } => {
                let Some(h) =
                    db::headshots::get(&svc.db.pool, &HeadshotId::of(headshot_id)).await?
                else {
                    return Ok(Outcome::Skipped("the headshot was deleted"));
                };
                if h.status != crate::domain::HeadshotStatus::NewPhotoRequested {
                    return Ok(Outcome::Skipped("the member sent a new photo since"));
                }
                let view = svc.headshot_view(&h, &team_tz(&team.timezone));
                let reasons: Vec<String> =
                    view.qc_reasons.iter().map(|r| tr.qc_reason(r)).collect();
                let link = svc.team_link(&team_id, &format!("/team/headshots/{}", h.id));
                let member = format!("{} {}", h.first_name, h.last_name);
                notices::new_photo(&leader.email, &common(&link), &footer, &member, &reasons)?
            }
            Notice::CreditsLow => {
                if team.credits_available >= LOW_CREDITS {
                    return Ok(Outcome::Skipped("credits were added since"));
                }
                let link = svc.team_link(&team_id, "/team/credits");
                notices::credits_low(
                    &leader.email,
                    &common(&link),
                    &footer,
                    team.credits_available,
                )?
            }
            Notice::SpendRequest { request_id } => {
                let Some(r) = db::spend_requests::get(&svc.db.pool, request_id).await? else {
                    return Ok(Outcome::Skipped("the request is gone"));
                };
                if r.decided_at.is_some() {
                    return Ok(Outcome::Skipped("a leader decided already"));
                }
                let Some(h) = db::headshots::get(&svc.db.pool, &r.headshot_id).await? else {
                    return Ok(Outcome::Skipped("the headshot was deleted"));
                };
                let Some(v) = svc.spend_request_of(&h.id).await? else {
                    return Ok(Outcome::Skipped("the request is gone"));
                };
                let link = svc.team_link(&team_id, &format!("/team/headshots/{}#spend", h.id));
                let member = format!("{} {}", h.first_name, h.last_name);
                let what = tr.t(format!("spend-what-{}", v.kind));
                let notes = v.notes.clone().unwrap_or_default();
                notices::spend_request(
                    &leader.email,
                    &common(&link),
                    &footer,
                    notices::Asked {
                        member: &member,
                        what: &what,
                        amount: &tr.money(v.amount_cents),
                        notes: &notes,
                    },
                )?
            }
            Notice::Digest { since, until } => {
                // A department's leader hears of their department alone.
                let department =
                    crate::db::departments::of_leader(&svc.db.pool, &team_id, &user_id).await?;
                let report = svc
                    .digest_report(&team_id, department.as_ref(), *since, *until)
                    .await?;
                if report.is_empty() {
                    return Ok(Outcome::Skipped("nothing to report"));
                }
                let link = svc.team_link(&team_id, "/team");
                notices::digest(
                    &leader.email,
                    &common(&link),
                    &footer,
                    prefs.digest.as_str(),
                    &report,
                )?
            }
        };
        Ok(Outcome::Send(Letter {
            mail,
            template: match kind {
                crate::domain::notices::NoticeKind::Digest => "digest",
                crate::domain::notices::NoticeKind::NewPhoto => "notice_new_photo",
                crate::domain::notices::NoticeKind::CreditsLow => "notice_credits_low",
                crate::domain::notices::NoticeKind::SpendRequest => "notice_spend_request",
            },
            to: crate::domain::email::mask(&leader.email),
            member: None,
        }))
    }
}
