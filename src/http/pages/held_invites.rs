//! Invitations held back: the preview of the email, and sending them all
//! (the chosen ones go through the toolbar's *Send invites*). The same
//! services as `POST /api/v1/headshots/{id}/send-invite`.

use super::dashboard::LeaderPage;
use super::{Brand, Chrome, CsrfOnly, PageResult, render};
use crate::http::extract::{CsrfForm, CsrfToken};
use crate::services::Services;
use askama::Template;
use axum::extract::{Query, State};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "invite_preview.html")]
struct PreviewPage {
    studio: Brand,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    base: String,
    /// `None` when no invitation waits.
    mail: Option<Preview>,
    /// How many invitations are still held back.
    held: usize,
}

struct Preview {
    name: String,
    to: String,
    subject: String,
    html: String,
    text: String,
}

#[derive(Deserialize)]
pub struct PreviewQuery {
    /// Whose email to show; the first held-back invitation when absent.
    #[serde(default)]
    id: Option<String>,
}

/// The welcome email exactly as one held-back member will get it.
pub async fn preview(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    Query(q): Query<PreviewQuery>,
) -> PageResult {
    let held = svc.held_invite_ids(&lp.p).await?;
    let mail = match q.id.or_else(|| held.first().cloned()) {
        Some(id) => {
            let (name, mail) = svc.invite_preview(&lp.p, &id).await?;
            Some(Preview {
                name,
                to: mail.to,
                subject: mail.subject,
                html: mail.html,
                text: mail.text,
            })
        }
        None => None,
    };
    let c = Chrome::new(&svc, &csrf).await;
    render(&PreviewPage {
        studio: c.studio,
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        base: lp.base.clone(),
        mail,
        held: held.len(),
    })
}

/// *Send all*: every invitation still held back.
pub async fn send_all(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    _: CsrfForm<CsrfOnly>,
) -> PageResult {
    let sent = svc.send_held_invites(&lp.p).await?;
    let mut c = Chrome::new(&svc, &csrf).await;
    c.notice = match sent {
        0 => "No invitation was waiting: they were sent already.".into(),
        1 => "1 invitation sent.".into(),
        n => format!("{n} invitations sent."),
    };
    super::dashboard::render_dashboard(&svc, &lp, c).await
}
