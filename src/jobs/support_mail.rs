//! Tells the team's success manager (or the success staff) about a new
//! help request.

use super::{Job, JobContext, Letter, Outcome};
use crate::db;
use crate::domain::TeamId;
use crate::queue::SupportMail;
use crate::services::Services;

pub struct Support;

impl Job for Support {
    type Payload = SupportMail;
    const SENDS_MAIL: bool = true;

    async fn run(svc: &Services, _: &JobContext, payload: SupportMail) -> anyhow::Result<Outcome> {
        request(svc, payload).await
    }
}

async fn request(svc: &Services, payload: SupportMail) -> anyhow::Result<Outcome> {
    let Some(r) = db::support::get(&svc.db.pool, &payload.request_id).await? else {
        return Ok(Outcome::Skipped("the help request was removed"));
    };
    let team = db::teams::get(&svc.db.pool, &TeamId::of(&r.team_id))
        .await?
        .map(|t| t.name)
        .unwrap_or_default();
    if let Some(reply_id) = &payload.reply_id {
        return answer(svc, &r, reply_id, &team).await;
    }
    let to: Vec<String> = db::support::recipients(&svc.db.pool, &r.team_id)
        .await?
        .into_iter()
        .map(|(email, _)| email)
        .collect();
    if to.is_empty() {
        // Nobody to tell yet: the request waits in the inbox.
        tracing::warn!(request.id = %r.id, "no success or admin staff to notify of a help request");
        return Ok(Outcome::Skipped("nobody to tell"));
    }
    let kind = crate::services::support::kind_label(&r.kind);
    let inbox = svc.url("/studio/support");
    let mail = crate::email::templates::support_request(
        &to.join(", "),
        &crate::email::templates::SupportText {
            studio: &svc.studio_name().await,
            team: &team,
            kind,
            from: &r.actor,
            message: &r.message,
            inbox: &inbox,
        },
    )?;
    Ok(Outcome::Send(Letter {
        mail,
        template: "support_request",
        to: format!("{} recipients", to.len()),
        member: None,
    }))
}

/// The studio's answer, to the leader who asked (or every leader).
async fn answer(
    svc: &Services,
    r: &db::support::SupportRow,
    reply_id: &str,
    team: &str,
) -> anyhow::Result<Outcome> {
    let Some(reply) = db::support::reply(&svc.db.pool, reply_id).await? else {
        return Ok(Outcome::Skipped("the answer was removed"));
    };
    let to = match &r.reply_to {
        Some(email) => vec![email.clone()],
        None => db::users::leaders_of(&svc.db.pool, &r.team_id)
            .await?
            .into_iter()
            .map(|u| u.email)
            .collect(),
    };
    if to.is_empty() {
        tracing::warn!(request.id = %r.id, "no leader to send the studio's answer to");
        return Ok(Outcome::Skipped("no leader to answer"));
    }
    let team_row = db::teams::get(&svc.db.pool, &TeamId::of(&r.team_id)).await?;
    let tr = match &team_row {
        Some(t) => svc.email_tr(t).await,
        None => svc.english().await,
    };
    let mail = crate::email::templates::support_answer(
        &to.join(", "),
        &crate::email::templates::AnswerText {
            studio: &svc.studio_name().await,
            team,
            kind: &r.kind,
            question: &r.message,
            answer: &reply.message,
            link: &svc.team_link(&r.team_id, "/team/help"),
            tr,
        },
    )?;
    Ok(Outcome::Send(Letter {
        mail,
        template: "support_answer",
        to: format!("{} recipients", to.len()),
        member: None,
    }))
}
