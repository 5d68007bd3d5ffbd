//! The mail job: renders one message from current data and sends it once.

use crate::db::{self, Tx};
use crate::email::templates::{self, Common};
use crate::services::Services;
use crate::services::views::team_tz;
use serde::{Deserialize, Serialize};

pub const KIND: &str = "mail";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Template {
    Welcome,
    Reminder,
    NewPhotoRequested,
    Delivered,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MailJob {
    pub template: Template,
    pub headshot_id: String,
}

pub async fn enqueue(
    tx: &mut Tx,
    template: Template,
    headshot_id: &str,
    now: i64,
) -> anyhow::Result<()> {
    super::enqueue(
        tx,
        KIND,
        &MailJob {
            template,
            headshot_id: headshot_id.into(),
        },
        now,
    )
    .await?;
    Ok(())
}

/// One email per headshot, queued together (at most `BATCH_ROWS`).
pub async fn enqueue_many(
    tx: &mut Tx,
    template: Template,
    headshot_ids: &[String],
    now: i64,
) -> anyhow::Result<()> {
    let jobs = headshot_ids
        .iter()
        .map(|id| {
            Ok((
                db::new_id(),
                serde_json::to_string(&MailJob {
                    template,
                    headshot_id: id.clone(),
                })?,
            ))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    db::jobs::insert_many(&mut **tx, KIND, &jobs, super::MAX_ATTEMPTS, now).await?;
    Ok(())
}

pub async fn run(svc: &Services, job: &db::jobs::JobRow) -> anyhow::Result<()> {
    let payload: MailJob = serde_json::from_str(&job.payload)?;
    if db::jobs::mail_already_sent(&svc.db.pool, &job.id).await? {
        db::jobs::delete(&svc.db.pool, &job.id).await?;
        return Ok(());
    }
    // A headshot deleted since (before a photo) gets no more mail.
    let Some(h) = db::headshots::get(&svc.db.pool, &payload.headshot_id).await? else {
        db::jobs::delete(&svc.db.pool, &job.id).await?;
        return Ok(());
    };
    let team = db::teams::get(&svc.db.pool, &h.team_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("team of headshot {} is gone", h.id))?;
    let link = svc.member_url(&h.id, h.member_token_version);
    let studio = svc.studio_settings().await?;
    let common = Common {
        studio: &studio.branding.studio_name,
        logo: studio.branding.logo_url.as_deref(),
        first_name: &h.first_name,
        team: &team.name,
        link: &link,
    };
    let mail = match payload.template {
        Template::Welcome => {
            let pixel = svc.url(&format!(
                "/o/{}/{}.gif",
                h.id,
                svc.keys.derive("open-pixel", &[&h.id])
            ));
            templates::welcome(&h.email, &common, &h.due_date, &pixel)?
        }
        Template::Reminder => templates::reminder(&h.email, &common, &h.due_date)?,
        Template::NewPhotoRequested => {
            let view = svc.headshot_view(&h, &team_tz(&team.timezone));
            let reasons: Vec<String> = view.qc_reasons.into_iter().map(|r| r.label).collect();
            templates::new_photo_requested(
                &h.email,
                &common,
                &reasons,
                h.qc_note.as_deref().unwrap_or(""),
            )?
        }
        Template::Delivered => templates::delivered(&h.email, &common)?,
    };
    super::send_mail(svc, &job.id, &mail).await?;
    // Recorded with the job's removal in one transaction: a retry after this
    // point sees the record and does not send again.
    let mut tx = svc.db.begin().await?;
    db::jobs::record_mail_sent(
        &mut *tx,
        &job.id,
        template_name(payload.template),
        &crate::domain::email::mask(&h.email),
        svc.mailer.transport_name(),
        svc.now_ms(),
    )
    .await?;
    db::jobs::delete(&mut *tx, &job.id).await?;
    tx.commit().await?;
    tracing::info!(job.id = %job.id, to = %crate::domain::email::mask(&h.email), template = template_name(payload.template), "mail sent");
    Ok(())
}

fn template_name(t: Template) -> &'static str {
    match t {
        Template::Welcome => "welcome",
        Template::Reminder => "reminder",
        Template::NewPhotoRequested => "new_photo_requested",
        Template::Delivered => "delivered",
    }
}
