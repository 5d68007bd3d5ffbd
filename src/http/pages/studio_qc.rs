//! The quality-check screen: one photo at a time, one key per decision, and
//! the next photo already loading.

use super::Brand;
use super::studio::{StaffNav, staff};
use super::{Chrome, PageResult, render};
use crate::http::extract::{CsrfForm, CsrfToken, MaybeSession};
use crate::services::Services;
use crate::services::quality_check::{QcDecision, QcView};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "studio_qc.html")]
struct QcPage {
    studio: Brand,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    nav: StaffNav,
    view: Option<QcView>,
}

#[derive(Deserialize)]
pub struct QcQuery {
    id: Option<String>,
    done: Option<String>,
}

pub async fn show(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
    Query(q): Query<QcQuery>,
) -> PageResult {
    let (p, nav) = staff(s)?;
    let mut c = Chrome::new(&svc, &csrf).await;
    if let Some(done) = q.done {
        c.notice = done.chars().take(200).collect();
    }
    page(&svc, &p, nav, c, q.id.as_deref()).await
}

async fn page(
    svc: &Services,
    p: &crate::services::Principal,
    nav: StaffNav,
    c: Chrome,
    id: Option<&str>,
) -> PageResult {
    let view = svc.qc_view(p, id).await?;
    render(&QcPage {
        studio: c.studio,
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        nav,
        view,
    })
}

#[derive(Deserialize)]
pub struct QcForm {
    decision: String,
    #[serde(default)]
    reasons: Vec<String>,
    #[serde(default)]
    note: Option<String>,
}

/// Decides, then shows the next photo (a redirect, so reloading the page
/// never decides twice).
pub async fn decide(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<QcForm>,
) -> PageResult {
    let (p, nav) = staff(s)?;
    let decision = QcDecision {
        decision: f.decision,
        reasons: f.reasons,
        note: f.note,
    };
    match svc.quality_check(&p, &id, decision).await {
        Ok(h) => {
            let done = format!(
                "{} {}: {}.",
                h.member.first_name,
                h.member.last_name,
                h.status.label()
            );
            let url = format!("/studio/qc?done={}", urlencoding(&done));
            Ok(Redirect::to(&url).into_response())
        }
        Err(e @ crate::services::Error::Invalid(_)) => {
            let c = Chrome::new(&svc, &csrf).await.with_error(&e);
            page(&svc, &p, nav, c, Some(&id)).await
        }
        Err(e) => Err(e.into()),
    }
}

fn urlencoding(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
