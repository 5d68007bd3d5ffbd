//! `/get-started`: a company opens its own team (when the studio allows
//! it). The form, the "check your email" page, and the confirmation.

use super::two_factor::after_sign_in;
use super::{Brand, Chrome, CsrfOnly, PageResult, render};
use crate::http::extract::{CsrfForm, CsrfToken};
use crate::services::auth::SignIn;
use crate::services::self_service::{SelfServiceOffer, SignupForm, SignupView};
use crate::services::{Error, Services};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};

#[derive(Template)]
#[template(path = "get_started.html")]
struct GetStartedPage {
    studio: Brand,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    tr: crate::i18n::Tr,
    offer: SelfServiceOffer,
    f: SignupForm,
    /// The form was accepted: the email is on its way to this address.
    sent_to: Option<String>,
}

#[derive(Template)]
#[template(path = "get_started_confirm.html")]
struct ConfirmPage {
    studio: Brand,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    tr: crate::i18n::Tr,
    s: SignupView,
    token: String,
}

async fn form_page(
    svc: &Services,
    c: Chrome,
    f: SignupForm,
    sent_to: Option<String>,
) -> PageResult {
    render(&GetStartedPage {
        offer: svc.self_service().await?,
        studio: c.studio,
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        tr: c.tr,
        f,
        sent_to,
    })
}

pub async fn show(State(svc): State<Services>, csrf: CsrfToken) -> PageResult {
    svc.self_service().await?;
    form_page(
        &svc,
        Chrome::new(&svc, &csrf).await,
        SignupForm::default(),
        None,
    )
    .await
}

pub async fn submit(
    State(svc): State<Services>,
    csrf: CsrfToken,
    CsrfForm(f): CsrfForm<SignupForm>,
) -> PageResult {
    match svc.start_signup(f.clone()).await {
        Ok(()) => {
            let to = f.leader_email.trim().to_lowercase();
            form_page(
                &svc,
                Chrome::new(&svc, &csrf).await,
                SignupForm::default(),
                Some(to),
            )
            .await
        }
        Err(e @ (Error::Invalid(_) | Error::TooManySignups(_))) => {
            form_page(&svc, Chrome::new(&svc, &csrf).await.with_error(&e), f, None).await
        }
        Err(e) => Err(e.into()),
    }
}

/// The emailed link opens this page; only its button confirms (a mail
/// scanner that opens links makes nothing).
pub async fn confirm_page(
    State(svc): State<Services>,
    csrf: CsrfToken,
    Path(token): Path<String>,
) -> PageResult {
    confirm_render(&svc, Chrome::new(&svc, &csrf).await, token).await
}

async fn confirm_render(svc: &Services, c: Chrome, token: String) -> PageResult {
    render(&ConfirmPage {
        s: svc.signup_by_token(&token).await?,
        studio: c.studio,
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        tr: c.tr,
        token,
    })
}

pub async fn confirm(
    State(svc): State<Services>,
    csrf: CsrfToken,
    Path(token): Path<String>,
    _: CsrfForm<CsrfOnly>,
) -> PageResult {
    match svc.confirm_signup(&token).await {
        // Signed in, on to the team's dashboard — or first to Stripe's
        // page to pay by card.
        Ok(done) => {
            let pay_at = done.payment.pay_at().map(str::to_string);
            match done.session {
                Some(session) => {
                    let next = pay_at.as_deref().unwrap_or("/team");
                    after_sign_in(&svc, SignIn::Session(session), Some(next)).await
                }
                None => Ok(Redirect::to(pay_at.as_deref().unwrap_or("/login")).into_response()),
            }
        }
        Err(e @ (Error::Invalid(_) | Error::Conflict(_))) => {
            confirm_render(&svc, Chrome::new(&svc, &csrf).await.with_error(&e), token).await
        }
        Err(e) => Err(e.into()),
    }
}
