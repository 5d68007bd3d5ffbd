//! Tells the team's success manager (or the success staff) about a new
//! help request.

use crate::db;
use crate::services::Services;
use serde::{Deserialize, Serialize};

pub const KIND: &str = "support_mail";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SupportMail {
    pub request_id: String,
    /// Set for the studio's answer, which goes to the team.
    #[serde(default)]
    pub reply_id: Option<String>,
}

pub async fn run(svc: &Services, job: &db::jobs::JobRow) -> anyhow::Result<()> {
    let payload: SupportMail = serde_json::from_str(&job.payload)?;
    if db::jobs::mail_already_sent(&svc.db.pool, &job.id).await? {
        db::jobs::delete(&svc.db.pool, &job.id).await?;
        return Ok(());
    }
    let Some(r) = db::support::get(&svc.db.pool, &payload.request_id).await? else {
        db::jobs::delete(&svc.db.pool, &job.id).await?;
        return Ok(());
    };
    let team = db::teams::get(&svc.db.pool, &r.team_id)
        .await?
        .map(|t| t.name)
        .unwrap_or_default();
    if let Some(reply_id) = &payload.reply_id {
        return send_answer(svc, job, &r, reply_id, &team).await;
    }
    let to: Vec<String> = db::support::recipients(&svc.db.pool, &r.team_id)
        .await?
        .into_iter()
        .map(|(email, _)| email)
        .collect();
    if to.is_empty() {
        // Nobody to tell yet: the request waits in the inbox.
        tracing::warn!(request.id = %r.id, "no success or admin staff to notify of a help request");
        db::jobs::delete(&svc.db.pool, &job.id).await?;
        return Ok(());
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
    super::send_mail(svc, &job.id, &mail).await?;
    let mut tx = svc.db.begin().await?;
    db::jobs::record_mail_sent(
        &mut *tx,
        &job.id,
        "support_request",
        &format!("{} recipients", to.len()),
        svc.mailer.transport_name(),
        svc.now_ms(),
    )
    .await?;
    db::jobs::delete(&mut *tx, &job.id).await?;
    tx.commit().await?;
    Ok(())
}

/// The studio's answer, to the leader who asked (or every leader).
async fn send_answer(
    svc: &Services,
    job: &db::jobs::JobRow,
    r: &db::support::SupportRow,
    reply_id: &str,
    team: &str,
) -> anyhow::Result<()> {
    let Some(reply) = db::support::reply(&svc.db.pool, reply_id).await? else {
        db::jobs::delete(&svc.db.pool, &job.id).await?;
        return Ok(());
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
        db::jobs::delete(&svc.db.pool, &job.id).await?;
        return Ok(());
    }
    let mail = crate::email::templates::support_answer(
        &to.join(", "),
        &crate::email::templates::AnswerText {
            studio: &svc.studio_name().await,
            team,
            kind: crate::services::support::kind_label(&r.kind),
            question: &r.message,
            answer: &reply.message,
            link: &svc.url("/team/help"),
        },
    )?;
    super::send_mail(svc, &job.id, &mail).await?;
    let mut tx = svc.db.begin().await?;
    db::jobs::record_mail_sent(
        &mut *tx,
        &job.id,
        "support_answer",
        &format!("{} recipients", to.len()),
        svc.mailer.transport_name(),
        svc.now_ms(),
    )
    .await?;
    db::jobs::delete(&mut *tx, &job.id).await?;
    tx.commit().await?;
    Ok(())
}
