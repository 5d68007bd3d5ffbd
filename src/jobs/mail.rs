//! The mail job: renders one message to a team member from current data;
//! the runner sends it once.

use super::{Job, JobContext, Letter, Outcome};
use crate::db;
use crate::domain::HeadshotId;
use crate::email::templates::{self, Common};
use crate::queue::{MailJob, Template};
use crate::services::Services;
use crate::services::views::team_tz;

pub struct Mail;

impl Job for Mail {
    type Payload = MailJob;
    const SENDS_MAIL: bool = true;

    async fn run(svc: &Services, _: &JobContext, payload: MailJob) -> anyhow::Result<Outcome> {
        // A headshot deleted since (before a photo) gets no more mail.
        let Some(h) =
            db::headshots::get(&svc.db.pool, &HeadshotId::of(&payload.headshot_id)).await?
        else {
            return Ok(Outcome::Skipped("the headshot was deleted"));
        };
        if payload
            .link_version
            .is_some_and(|v| v != h.member_token_version)
        {
            return Ok(Outcome::Skipped(
                "the email was corrected since: the new welcome goes instead",
            ));
        }
        if h.invite_held != 0 && payload.template != Template::Welcome {
            return Ok(Outcome::Skipped(
                "the invitation is held back: no mail before a leader sends it",
            ));
        }
        if h.email_bounced_at.is_some() {
            return Ok(Outcome::Skipped(
                "the address bounced: no mail until a leader corrects it",
            ));
        }
        let mail = render(svc, &h, payload.template, For::Member).await?;
        Ok(Outcome::Send(Letter {
            mail,
            template: payload.template.as_str(),
            to: crate::domain::email::mask(&h.email),
            member: Some(super::MemberAddress {
                headshot_id: h.id.to_string(),
                email: h.email.clone(),
            }),
        }))
    }
}

/// Who reads the rendered email.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum For {
    /// The member: their personal link, and opening it marks the headshot
    /// *Email Opened*.
    Member,
    /// A leader's preview: no personal link (the share link may preview,
    /// and must not get a member's key) and no opening counted.
    Preview,
}

/// One email to a team member, from current data: what the job sends, and
/// what a leader previews before sending held-back invitations.
pub async fn render(
    svc: &Services,
    h: &db::headshots::HeadshotRow,
    template: Template,
    reader: For,
) -> anyhow::Result<crate::email::OutgoingMail> {
    let team = db::teams::get(&svc.db.pool, &h.team_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("team of headshot {} is gone", h.id))?;
    let link = match reader {
        For::Member => svc.member_url(&h.id, h.member_token_version),
        For::Preview => svc.url("/m/personal-link"),
    };
    let studio = svc.studio_settings().await?;
    // The team's language (mail has no browser to ask).
    let tr = svc.email_tr(&team).await;
    let common = Common {
        studio: &studio.branding.studio_name,
        logo: studio.branding.logo_url.as_deref(),
        first_name: &h.first_name,
        team: &team.name,
        link: &link,
        tr,
    };
    // "Mon 16 Mar", as the member reads dates (the team's calendar).
    let today = svc.now().to_zoned(team_tz(&team.timezone)).date();
    let due = h
        .due_date
        .parse::<jiff::civil::Date>()
        .map(|d| tr.day(d, today))
        .unwrap_or_else(|_| h.due_date.clone());
    let mail = match template {
        Template::Welcome => {
            // A leader's preview must not count as the member opening it.
            let pixel = match reader {
                For::Member => svc.url(&format!(
                    "/o/{}/{}.gif",
                    h.id,
                    svc.keys.derive("open-pixel", &[&h.id])
                )),
                For::Preview => String::new(),
            };
            let why = if !h.status.owes_photo() {
                templates::Welcome::PhotoSent
            } else if h.refresh_of.is_some() {
                templates::Welcome::Refresh
            } else {
                templates::Welcome::New
            };
            templates::welcome(&h.email, &common, &due, &pixel, why)?
        }
        Template::Reminder => templates::reminder(
            &h.email,
            &common,
            &due,
            h.status == crate::domain::HeadshotStatus::NewPhotoRequested,
        )?,
        Template::NewPhotoRequested => {
            let view = svc.headshot_view(h, &team_tz(&team.timezone));
            let reasons: Vec<String> = view.qc_reasons.iter().map(|r| tr.qc_reason(r)).collect();
            templates::new_photo_requested(
                &h.email,
                &common,
                &reasons,
                h.qc_note.as_deref().unwrap_or(""),
            )?
        }
        Template::Delivered => templates::delivered(&h.email, &common)?,
    };
    Ok(mail)
}
