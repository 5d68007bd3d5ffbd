//! `/team/invite-links`: open invite links for signed-in leaders — make
//! one, copy it, see how many joined, turn it off. The share link gets the
//! services' refusal (a link spends the team's credits). The API calls the
//! same services.

use super::Readable;
use super::dashboard::LeaderPage;
use super::{Brand, Chrome, CsrfOnly, PageResult, PageZone, PathId, render};
use crate::domain::DueDate;
use crate::http::extract::{CsrfForm, CsrfToken};
use crate::services::invite_links::{InviteLinkView, MAX_CAP, NewInviteLink};
use crate::services::{Error, Services};
use askama::Template;
use axum::extract::State;
use jiff::ToSpan;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "invite_links.html")]
pub struct InviteLinksPage {
    pub studio: Brand,
    pub tz: PageZone,
    pub notice: String,
    pub errors: Vec<String>,
    pub csrf: String,
    pub base: String,
    pub back: String,
    pub links: Vec<InviteLinkView>,
    /// Just made: shown first, ready to copy.
    pub created: Option<InviteLinkView>,
    pub form: LinkForm,
    pub credits: i64,
    pub earliest_due: String,
    pub max_cap: i64,
}

impl InviteLinksPage {
    /// The last day a link works: the day before the instant it stops
    /// (the end of the day chosen).
    pub fn last_day(&self, l: &InviteLinkView) -> String {
        l.expires_at
            .parse::<jiff::Timestamp>()
            .ok()
            .and_then(|t| t.checked_sub(1.millisecond()).ok())
            .map_or_else(|| l.expires_at.clone(), |t| t.to_string())
            .date_in(&self.tz)
    }
}

/// The form as typed (kept on a refusal).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct LinkForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub domains: String,
    #[serde(default)]
    pub cap: String,
    #[serde(default)]
    pub expires_at: String,
    #[serde(default)]
    pub due_date: String,
}

async fn page(
    svc: &Services,
    lp: &LeaderPage,
    c: Chrome,
    created: Option<InviteLinkView>,
    form: Option<LinkForm>,
) -> PageResult {
    let links = svc.invite_links(&lp.p).await?;
    let tz = PageZone::new(svc.team_zone(&lp.p).await?, svc);
    let min_days = svc.studio_settings().await?.rules.min_due_days;
    let earliest = DueDate::earliest(tz.today, min_days);
    // A fortnight to join, and the studio's notice after that.
    let form = form.unwrap_or_else(|| LinkForm {
        cap: "25".into(),
        expires_at: tz
            .today
            .checked_add(14.days())
            .map(|d| d.to_string())
            .unwrap_or_default(),
        due_date: DueDate::earliest(tz.today, 14 + min_days).to_string(),
        ..LinkForm::default()
    });
    render(&InviteLinksPage {
        credits: svc.team(&lp.p).await?.credits.available,
        studio: c.studio,
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        base: format!("{}/invite-links", lp.base),
        back: lp.base.clone(),
        links,
        created,
        form,
        earliest_due: earliest.to_string(),
        max_cap: MAX_CAP,
        tz,
    })
}

pub async fn show(State(svc): State<Services>, csrf: CsrfToken, lp: LeaderPage) -> PageResult {
    page(&svc, &lp, Chrome::new(&svc, &csrf).await, None, None).await
}

pub async fn create(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    CsrfForm(f): CsrfForm<LinkForm>,
) -> PageResult {
    let input = NewInviteLink {
        name: f.name.clone(),
        domains: vec![f.domains.clone()],
        // An unreadable number is refused by the service's range check.
        cap: f.cap.trim().parse().unwrap_or(0),
        expires_at: f.expires_at.clone(),
        due_date: f.due_date.clone(),
    };
    match svc.create_invite_link(&lp.p, input).await {
        Ok(link) => {
            let mut c = Chrome::new(&svc, &csrf).await;
            c.notice = format!("The link \"{}\" is ready: copy it and share it.", link.name);
            page(&svc, &lp, c, Some(link), None).await
        }
        Err(e @ Error::Invalid(_)) => {
            page(
                &svc,
                &lp,
                Chrome::new(&svc, &csrf).await.with_error(&e),
                None,
                Some(f),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn revoke(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    PathId(id): PathId,
    _: CsrfForm<CsrfOnly>,
) -> PageResult {
    svc.revoke_invite_link(&lp.p, &id).await?;
    let mut c = Chrome::new(&svc, &csrf).await;
    c.notice = "The link is turned off: nobody can join through it any more.".into();
    page(&svc, &lp, c, None, None).await
}
