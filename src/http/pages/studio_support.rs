//! `/studio/support`: the success team's inbox of help requests, with
//! answers (emailed to the team) and open / answered / closed.

use super::Brand;
#[allow(unused_imports)]
use super::Readable;
use super::studio::{StaffNav, staff};
use super::{Chrome, PageResult, render};
use crate::http::extract::{CsrfForm, CsrfToken, MaybeSession};
use crate::services::cancel::{Cancellable, Cancellation};
use crate::services::support::SupportRequest;
use crate::services::support_replies::SupportAnswer;
use crate::services::{Error, Principal, Services};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "studio_support.html")]
struct SupportPage {
    studio: Brand,
    /// Times are shown in this zone (the team's, or the studio's).
    tz: super::PageZone,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    nav: StaffNav,
    /// The status shown (`open`, `answered`, `closed` or `all`).
    filter: String,
    /// (status, how many)
    counts: Vec<(&'static str, usize)>,
    requests: Vec<SupportRequest>,
    /// Each shown request's headshots that support may still cancel.
    cancellable: std::collections::HashMap<String, Vec<Cancellable>>,
}

#[derive(Deserialize)]
pub struct InboxQuery {
    status: Option<String>,
}

async fn page(
    svc: &Services,
    p: &Principal,
    nav: StaffNav,
    c: Chrome,
    filter: String,
) -> PageResult {
    let all = svc.support_inbox(p).await?;
    let counts = ["open", "answered", "closed"]
        .into_iter()
        .map(|s| (s, all.iter().filter(|r| r.status == s).count()))
        .collect();
    let requests: Vec<SupportRequest> = all
        .into_iter()
        .filter(|r| filter == "all" || r.status == filter)
        .collect();
    let mut cancellable = std::collections::HashMap::new();
    for r in requests.iter().filter(|r| !r.headshot_ids.is_empty()) {
        cancellable.insert(r.id.clone(), svc.cancellable(p, &r.headshot_ids).await?);
    }
    render(&SupportPage {
        studio: c.studio,
        tz: super::PageZone::new(svc.studio_zone(), svc),
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        nav,
        filter,
        counts,
        requests,
        cancellable,
    })
}

pub async fn show(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
    Query(q): Query<InboxQuery>,
) -> PageResult {
    let (p, nav) = staff(s)?;
    let filter = q.status.unwrap_or_else(|| "open".into());
    page(&svc, &p, nav, Chrome::new(&svc, &csrf).await, filter).await
}

#[derive(Deserialize)]
pub struct AnswerForm {
    message: String,
    status: Option<String>,
}

pub async fn answer(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<AnswerForm>,
) -> PageResult {
    let (p, nav) = staff(s)?;
    let input = SupportAnswer {
        message: f.message,
        status: f.status,
    };
    match svc.answer_support_request(&p, &id, input).await {
        Ok(r) => {
            let mut c = Chrome::new(&svc, &csrf).await;
            c.notice = format!("Answer sent to {}.", r.team_name);
            page(&svc, &p, nav, c, "open".into()).await
        }
        Err(e @ Error::Invalid(_)) => {
            let c = Chrome::new(&svc, &csrf).await.with_error(&e);
            page(&svc, &p, nav, c, "open".into()).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct StatusForm {
    status: String,
}

pub async fn set_status(
    State(svc): State<Services>,
    MaybeSession(s): MaybeSession,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<StatusForm>,
) -> PageResult {
    let (p, _) = staff(s)?;
    svc.set_support_status(&p, &id, &f.status).await?;
    Ok(Redirect::to(&format!("/studio/support?status={}", f.status)).into_response())
}

#[derive(Deserialize)]
pub struct CancelForm {
    #[serde(default)]
    reason: String,
    /// A ticked box sends `on`.
    #[serde(default)]
    return_credit: Option<String>,
}

/// Support cancels one of a request's headshots, with a reason.
pub async fn cancel(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<CancelForm>,
) -> PageResult {
    let (p, nav) = staff(s)?;
    let input = Cancellation {
        reason: f.reason,
        return_credit: f.return_credit.is_some(),
    };
    let mut c = Chrome::new(&svc, &csrf).await;
    match svc.cancel_headshot(&p, &id, input).await {
        Ok(()) => {
            c.notice = "The headshot is cancelled; the team sees why in its audit log.".into()
        }
        Err(e @ (Error::Invalid(_) | Error::Conflict(_))) => c = c.with_error(&e),
        Err(e) => return Err(e.into()),
    }
    page(&svc, &p, nav, c, "open".into()).await
}
