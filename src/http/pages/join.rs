//! `/join/{secret}`: someone with the team's open invite link asks to join
//! (name and work email), then confirms the address from the email's link
//! (`/join/confirm/{token}`, a button, so a mail scanner opening links
//! joins nobody) and lands on their headshot page.

use super::{Brand, Chrome, CsrfOnly, PageResult, render};
use crate::http::extract::{CsrfForm, CsrfToken};
use crate::services::joins::{JoinForm, JoinOffer, JoinView};
use crate::services::{Error, Services};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};

#[derive(Template)]
#[template(path = "join.html")]
struct JoinPage {
    studio: Brand,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    offer: JoinOffer,
    secret: String,
    f: JoinForm,
    /// The form was accepted: the email is on its way to this address.
    sent_to: Option<String>,
}

#[derive(Template)]
#[template(path = "join_confirm.html")]
struct ConfirmPage {
    studio: Brand,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    j: JoinView,
    token: String,
}

async fn form_page(
    svc: &Services,
    c: Chrome,
    secret: String,
    f: JoinForm,
    sent_to: Option<String>,
) -> PageResult {
    render(&JoinPage {
        offer: svc.join_offer(&secret).await?,
        studio: c.studio,
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        secret,
        f,
        sent_to,
    })
}

pub async fn show(
    State(svc): State<Services>,
    csrf: CsrfToken,
    Path(secret): Path<String>,
) -> PageResult {
    let c = Chrome::new(&svc, &csrf).await;
    form_page(&svc, c, secret, JoinForm::default(), None).await
}

pub async fn submit(
    State(svc): State<Services>,
    csrf: CsrfToken,
    Path(secret): Path<String>,
    CsrfForm(f): CsrfForm<JoinForm>,
) -> PageResult {
    let c = Chrome::new(&svc, &csrf).await;
    match svc.ask_to_join(&secret, &f).await {
        Ok(to) => {
            let to = Some(to.as_str().to_string());
            form_page(&svc, c, secret, JoinForm::default(), to).await
        }
        Err(e @ (Error::Invalid(_) | Error::TooManySignups(_) | Error::Conflict(_))) => {
            form_page(&svc, c.with_error(&e), secret, f, None).await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn confirm_page(
    State(svc): State<Services>,
    csrf: CsrfToken,
    Path(token): Path<String>,
) -> PageResult {
    confirm_render(&svc, Chrome::new(&svc, &csrf).await, token).await
}

async fn confirm_render(svc: &Services, c: Chrome, token: String) -> PageResult {
    render(&ConfirmPage {
        j: svc.join_by_token(&token).await?,
        studio: c.studio,
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        token,
    })
}

/// Confirmed: on to the member's own page and its tutorial.
pub async fn confirm(
    State(svc): State<Services>,
    csrf: CsrfToken,
    Path(token): Path<String>,
    _: CsrfForm<CsrfOnly>,
) -> PageResult {
    match svc.confirm_join(&token).await {
        Ok(url) => Ok(Redirect::to(&url).into_response()),
        Err(e @ Error::Conflict(_)) => {
            confirm_render(&svc, Chrome::new(&svc, &csrf).await.with_error(&e), token).await
        }
        Err(e) => Err(e.into()),
    }
}
