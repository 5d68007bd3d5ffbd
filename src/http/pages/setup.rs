//! `/setup`: the first run's page, there until the first admin exists.

use super::{Brand, Chrome, PageResult, render};
use crate::domain::Currency;
use crate::http::extract::{CsrfForm, CsrfToken};
use crate::services::auth::SignIn;
use crate::services::setup::FirstRun;
use crate::services::{Error, Services};
use askama::Template;
use axum::extract::State;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
pub struct SetupForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    studio_name: String,
    #[serde(default)]
    currency: String,
    #[serde(default)]
    timezone: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

#[derive(Template)]
#[template(path = "setup.html")]
struct SetupPage {
    studio: Brand,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    /// The form as sent (never the password).
    f: SetupForm,
    currencies: [Currency; 10],
}

fn page(c: Chrome, mut f: SetupForm) -> PageResult {
    f.password.clear();
    render(&SetupPage {
        studio: c.studio,
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        f,
        currencies: Currency::ALL,
    })
}

pub async fn show(State(svc): State<Services>, csrf: CsrfToken) -> PageResult {
    if !svc.setup_open().await? {
        return Err(Error::NotFound("page").into());
    }
    let studio = svc.studio_settings().await?;
    let f = SetupForm {
        studio_name: studio.branding.studio_name.clone(),
        currency: studio.currency.code().into(),
        timezone: svc.studio_zone().iana_name().unwrap_or("UTC").into(),
        ..SetupForm::default()
    };
    page(Chrome::new(&svc, &csrf).await, f)
}

pub async fn submit(
    State(svc): State<Services>,
    csrf: CsrfToken,
    CsrfForm(f): CsrfForm<SetupForm>,
) -> PageResult {
    let input = FirstRun {
        code: f.code.clone(),
        studio_name: f.studio_name.clone(),
        currency: f.currency.clone(),
        timezone: f.timezone.clone(),
        name: f.name.clone(),
        email: f.email.clone(),
        password: f.password.clone(),
    };
    match svc.complete_setup(input).await {
        Ok(admin) => {
            let token = svc.start_session(&admin, false).await?;
            super::two_factor::after_sign_in(&svc, SignIn::Session(token), Some("/studio/staff"))
                .await
        }
        Err(e @ Error::Invalid(_)) => page(Chrome::new(&svc, &csrf).await.with_error(&e), f),
        Err(e) => Err(e.into()),
    }
}
