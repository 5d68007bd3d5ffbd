//! `/studio/jobs`: jobs given up after every attempt, for admins to read and
//! put back in the queue.

#[allow(unused_imports)]
use super::Readable;
use super::studio::staff;
use super::{Brand, Chrome, PageResult, render};
use crate::http::extract::{CsrfForm, CsrfToken, MaybeSession};
use crate::services::dead_jobs::DeadJob;
use crate::services::{Error, Principal, Services, StudioActor};
use askama::Template;
use axum::extract::State;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "studio_jobs.html")]
struct JobsPage {
    studio: Brand,
    /// Times are shown in this zone (the team's, or the studio's).
    tz: super::PageZone,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    jobs: Vec<DeadJob>,
}

async fn jobs_page(svc: &Services, p: &Principal, c: Chrome) -> PageResult {
    render(&JobsPage {
        studio: c.studio,
        tz: super::PageZone::new(svc.studio_zone(), svc),
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        jobs: svc.dead_jobs(StudioActor::Staff(p)).await?,
    })
}

pub async fn show(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
) -> PageResult {
    let (p, _) = staff(s)?;
    jobs_page(&svc, &p, Chrome::new(&svc, &csrf).await).await
}

#[derive(Deserialize)]
pub struct RetryForm {
    /// Empty: every dead job.
    #[serde(default)]
    id: String,
}

pub async fn retry(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
    CsrfForm(f): CsrfForm<RetryForm>,
) -> PageResult {
    let (p, _) = staff(s)?;
    let id = Some(f.id.as_str()).filter(|i| !i.is_empty());
    let mut c = Chrome::new(&svc, &csrf).await;
    match svc.retry_dead_jobs(StudioActor::Staff(&p), id).await {
        Ok(r) => c.notice = format!("{} job(s) back in the queue.", r.revived),
        Err(e @ Error::NotFound(_)) => c = c.with_error(&e),
        Err(e) => return Err(e.into()),
    }
    jobs_page(&svc, &p, c).await
}
