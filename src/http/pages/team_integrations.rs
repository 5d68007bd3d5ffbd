//! `/team/integrations`: the services approved headshots become profile
//! photos at, connected through the provider's consent page and its way
//! back (`/integrations/{provider}/callback`). The API's
//! `/team/integrations` calls the same services.

use super::dashboard::LeaderPage;
use super::{Brand, Chrome, CsrfOnly, PageResult, PathProvider, render};
use crate::http::extract::{CsrfForm, CsrfToken, MaybeSession};
use crate::services::photo_push::{ConsentReply, Integration};
use crate::services::{Error, Principal, Services};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "integrations.html")]
struct IntegrationsPage {
    studio: Brand,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    base: String,
    integrations: Vec<Integration>,
}

async fn page(svc: &Services, p: &Principal, base: String, c: Chrome) -> PageResult {
    render(&IntegrationsPage {
        integrations: svc.integrations(p).await?,
        studio: c.studio,
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        base,
    })
}

pub async fn show(State(svc): State<Services>, csrf: CsrfToken, lp: LeaderPage) -> PageResult {
    page(&svc, &lp.p, lp.base.clone(), Chrome::new(&svc, &csrf).await).await
}

/// Off to the provider's consent page.
pub async fn connect(
    State(svc): State<Services>,
    lp: LeaderPage,
    PathProvider(provider): PathProvider,
    _: CsrfForm<CsrfOnly>,
) -> PageResult {
    let url = svc.begin_connect(&lp.p, &provider).await?;
    Ok(Redirect::to(&url).into_response())
}

pub async fn disconnect(
    State(svc): State<Services>,
    lp: LeaderPage,
    PathProvider(provider): PathProvider,
    _: CsrfForm<CsrfOnly>,
) -> PageResult {
    svc.disconnect(&lp.p, &provider).await?;
    Ok(Redirect::to(&format!("{}/integrations", lp.base)).into_response())
}

#[derive(Deserialize)]
pub struct ConsentAnswer {
    state: Option<String>,
    /// The code to trade for tokens.
    code: Option<String>,
    error: Option<String>,
}

/// Back from the provider's consent page: connected, or why not.
pub async fn callback(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
    Path(provider): Path<String>,
    Query(q): Query<ConsentAnswer>,
) -> PageResult {
    let (p, _) = s.ok_or(Error::Unauthenticated)?;
    let outcome = match (&q.error, &q.state) {
        // The provider's own description is not shown: any text can be put
        // in a link to this page. Its error code is a word.
        (Some(code), _) => Err(Error::BadRequest(format!(
            "The administrator did not consent ({}): nothing was connected.",
            code.chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
                .take(60)
                .collect::<String>()
        ))),
        (None, Some(state)) => {
            let reply = ConsentReply {
                code: q.code.clone(),
            };
            svc.finish_connect(&p, &provider, state, reply).await
        }
        _ => Err(Error::BadRequest(
            "This is where the provider sends you back after consenting: start from the team's profile photos page.".into(),
        )),
    };
    let mut c = Chrome::new(&svc, &csrf).await;
    match outcome {
        Ok(i) => {
            c.notice = format!(
                "Connected {}: approved headshots now become profile photos there.",
                i.label
            );
            page(&svc, &p, "/team".into(), c).await
        }
        Err(e @ Error::BadRequest(_)) => {
            let html = page(&svc, &p, "/team".into(), c.with_error(&e)).await?;
            Ok((axum::http::StatusCode::BAD_REQUEST, html).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
