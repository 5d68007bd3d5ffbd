//! A leader's email notices, and the unsubscribe link every notice carries.

use super::dashboard::LeaderPage;
use super::{Brand, Chrome, PageResult, render};
use crate::domain::notices::{Digest, NoticePrefs};
use crate::http::extract::{CsrfForm, CsrfToken};
use crate::services::notices::NoticeChoice;
use crate::services::webhooks::LOW_CREDITS;
use crate::services::{Error, Services};
use askama::Template;
use axum::extract::{Path, State};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "notices.html")]
struct NoticesPage {
    studio: Brand,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    base: String,
    /// `None` for the share link: notices belong to an account.
    prefs: Option<NoticePrefs>,
    email: String,
    digests: [Digest; 3],
    hour: String,
    timezone: String,
    low: i64,
}

async fn page(svc: &Services, lp: &LeaderPage, c: Chrome) -> PageResult {
    let (prefs, email) = match svc.notice_prefs(&lp.p).await {
        Ok((p, e)) => (Some(p), e),
        Err(Error::Forbidden(_)) => (None, String::new()),
        Err(e) => return Err(e.into()),
    };
    render(&NoticesPage {
        studio: c.studio,
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        base: lp.base.clone(),
        prefs,
        email,
        digests: Digest::ALL,
        hour: format!("{:02}:00", svc.studio_settings().await?.reminder_hour),
        timezone: svc.team(&lp.p).await?.timezone,
        low: LOW_CREDITS,
    })
}

pub async fn show(State(svc): State<Services>, csrf: CsrfToken, lp: LeaderPage) -> PageResult {
    page(&svc, &lp, Chrome::new(&svc, &csrf).await).await
}

/// Unticked boxes are absent from a form, so absent means off.
#[derive(Deserialize)]
pub struct NoticesForm {
    #[serde(default)]
    digest: String,
    #[serde(default)]
    new_photo: Option<String>,
    #[serde(default)]
    credits_low: Option<String>,
    #[serde(default)]
    spend_request: Option<String>,
}

pub async fn save(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    CsrfForm(f): CsrfForm<NoticesForm>,
) -> PageResult {
    let choice = NoticeChoice {
        digest: f.digest,
        new_photo: f.new_photo.is_some(),
        credits_low: f.credits_low.is_some(),
        spend_request: f.spend_request.is_some(),
    };
    match svc.save_notice_prefs(&lp.p, choice).await {
        Ok(_) => {
            let mut c = Chrome::new(&svc, &csrf).await;
            c.notice = "Your email notices are saved.".into();
            page(&svc, &lp, c).await
        }
        Err(e @ Error::Invalid(_)) => {
            page(&svc, &lp, Chrome::new(&svc, &csrf).await.with_error(&e)).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "unsubscribe.html")]
struct UnsubscribePage {
    studio: Brand,
    notice: String,
    errors: Vec<String>,
    done: bool,
    what: &'static str,
    email: String,
    action: String,
}

/// The link in the email's body: a page with one button, so that mail
/// scanners which open every link do not unsubscribe anyone.
pub async fn unsubscribe_form(
    State(svc): State<Services>,
    Path((user, kind, sig)): Path<(String, String, String)>,
) -> PageResult {
    let kind = svc.unsubscribe_link(&user, &kind, &sig)?;
    render(&UnsubscribePage {
        studio: Brand::of(&svc).await,
        notice: String::new(),
        errors: vec![],
        done: false,
        what: kind.describe(),
        email: String::new(),
        action: format!("/unsubscribe/{user}/{kind}/{sig}"),
    })
}

/// The button, and the mail program's one-click POST (RFC 8058). No CSRF
/// token: the mail program has none, and the signed link is the
/// permission; all a forged request could do is turn off a notice.
pub async fn unsubscribe(
    State(svc): State<Services>,
    Path((user, kind, sig)): Path<(String, String, String)>,
) -> PageResult {
    let (kind, email) = svc.unsubscribe(&user, &kind, &sig).await?;
    render(&UnsubscribePage {
        studio: Brand::of(&svc).await,
        notice: String::new(),
        errors: vec![],
        done: true,
        what: kind.describe(),
        email,
        action: String::new(),
    })
}
