//! A member's own Slack photo: off to Slack's consent page
//! (`POST /m/{secret}/slack`) and back
//! (`/integrations/slack/member-callback`). The member's link travels in
//! a short-lived cookie only this browser holds: the consent finishes for
//! the page that began it, in the browser that began it. The cookie is
//! left to expire (15 minutes) rather than cleared, so that a second
//! consent begun meanwhile (a double press, another tab) finishes too.

use super::{Chrome, CsrfOnly, PageResult};
use crate::http::cookies;
use crate::http::extract::{BrowserLanguage, CsrfForm, CsrfToken, MaybeViewer};
use crate::services::slack_photo::{MEMBER_CALLBACK, SlackRefusal};
use crate::services::{Error, Services};
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect};
use axum_extra::extract::CookieJar;
use serde::Deserialize;

const COOKIE: &str = "ts_slack";
const PATH: &str = MEMBER_CALLBACK;

pub async fn start(
    State(svc): State<Services>,
    MaybeViewer(viewer): MaybeViewer,
    Path(secret): Path<String>,
    _: CsrfForm<CsrfOnly>,
) -> PageResult {
    let p = svc.member_principal(&secret, viewer.as_ref()).await?;
    let url = svc.begin_slack_photo(&p).await?;
    let max_age = crate::services::photo_push::CONSENT_MINUTES * 60;
    let cookie = cookies::set(&svc, COOKIE, &secret, PATH, Some(max_age));
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to(&url)).into_response())
}

#[derive(Deserialize)]
pub struct SlackAnswer {
    state: Option<String>,
    code: Option<String>,
    error: Option<String>,
}

/// Back from Slack: to the member's page, which says where the photo
/// stands, or that page saying why not.
pub async fn callback(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeViewer(viewer): MaybeViewer,
    browser: BrowserLanguage,
    jar: CookieJar,
    Query(q): Query<SlackAnswer>,
) -> PageResult {
    let Some(secret) = jar
        .get(COOKIE)
        .map(|c| c.value().to_string())
        .filter(|s| !s.is_empty())
    else {
        return Err(Error::BadRequest(
            "This Slack permission was started in another browser, or over 15 minutes ago: open your headshot's link and use the Slack button again.".into(),
        )
        .into());
    };
    let p = svc.member_principal(&secret, viewer.as_ref()).await?;
    let refusal = match (&q.error, &q.state) {
        // Cancelled at Slack (`access_denied`): nothing to finish.
        (Some(_), _) => Some(SlackRefusal::NotGranted),
        (None, Some(state)) => svc
            .finish_slack_photo(&p, state, q.code.clone())
            .await?
            .err(),
        (None, None) => Some(SlackRefusal::Expired),
    };
    let Some(refusal) = refusal else {
        let to = format!("/m/{secret}#slack-h");
        return Ok(Redirect::to(&to).into_response());
    };
    let tr = super::member::language(&svc, &p, &browser).await;
    let mut c = Chrome::new(&svc, &csrf).await;
    c.errors = vec![match refusal {
        SlackRefusal::Expired => tr.t("slack-expired"),
        SlackRefusal::NotGranted => tr.t("slack-not-granted"),
        SlackRefusal::OtherWorkspace(name) => tr.t1("slack-other-workspace", "workspace", name),
        SlackRefusal::OtherPerson(email) => tr.t1("slack-other-person", "account", email),
    }];
    let page = super::member::page(&svc, &p, secret, c, tr).await?;
    Ok((StatusCode::BAD_REQUEST, page).into_response())
}
