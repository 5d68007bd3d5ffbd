//! `/team/sso` and `/studio/sso`: the identity provider a team's leaders,
//! or the studio's staff, sign in with. One page for both; the API's
//! `/sso` and `/studio/sso` call the same services.

use super::dashboard::LeaderPage;
use super::studio::staff;
use super::{Brand, Chrome, CsrfOnly, PageResult, render};
use crate::http::extract::{CsrfForm, CsrfToken, MaybeSession};
use crate::services::sso::{SsoFor, SsoInput, SsoSettings};
use crate::services::{Error, Principal, Services};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "sso.html")]
struct SsoPage {
    studio: Brand,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    studio_side: bool,
    base: String,
    back: String,
    redirect_uri: String,
    configured: bool,
    settings: SsoSettings,
    form: SsoForm,
}

/// The form's fields, as typed (kept when a save is refused).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SsoForm {
    #[serde(default)]
    issuer: String,
    #[serde(default)]
    client_id: String,
    #[serde(default)]
    client_secret: String,
    #[serde(default)]
    allowed_domains: String,
    #[serde(default)]
    create_accounts: Option<String>,
}

impl SsoForm {
    fn of(s: &SsoSettings) -> Self {
        Self {
            issuer: s.issuer.clone().unwrap_or_default(),
            client_id: s.client_id.clone().unwrap_or_default(),
            client_secret: String::new(),
            allowed_domains: s.allowed_domains.join(", "),
            create_accounts: s.create_accounts.then(|| "on".into()),
        }
    }
}

/// Where the page is: the team's (under the dashboard's base) or the studio's.
struct Place {
    which: SsoFor,
    base: String,
    back: String,
}

fn team_place(lp: &LeaderPage) -> Place {
    Place {
        which: SsoFor::Team,
        base: format!("{}/sso", lp.base),
        back: lp.base.clone(),
    }
}

fn studio_place() -> Place {
    Place {
        which: SsoFor::Studio,
        base: "/studio/sso".into(),
        back: "/studio".into(),
    }
}

async fn page(
    svc: &Services,
    p: &Principal,
    place: Place,
    c: Chrome,
    form: Option<SsoForm>,
) -> PageResult {
    let settings = svc.sso_settings(p, place.which).await?;
    render(&SsoPage {
        studio: c.studio,
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        studio_side: place.which == SsoFor::Studio,
        base: place.base,
        back: place.back,
        redirect_uri: svc.sso_redirect_uri(),
        configured: settings.enabled,
        form: form.unwrap_or_else(|| SsoForm::of(&settings)),
        settings,
    })
}

async fn save(
    svc: &Services,
    p: &Principal,
    place: Place,
    csrf: &CsrfToken,
    f: SsoForm,
) -> PageResult {
    let input = SsoInput {
        issuer: f.issuer.clone(),
        client_id: f.client_id.clone(),
        client_secret: Some(f.client_secret.clone()),
        allowed_domains: vec![f.allowed_domains.clone()],
        create_accounts: f.create_accounts.is_some(),
    };
    let mut c = Chrome::new(svc, csrf).await;
    match svc.set_sso(p, place.which, input).await {
        Ok(s) => {
            c.notice = format!(
                "Saved: addresses at {} now sign in with {}.",
                s.allowed_domains.join(", "),
                s.issuer.unwrap_or_default()
            );
            page(svc, p, place, c, None).await
        }
        Err(e @ Error::Invalid(_)) => page(svc, p, place, c.with_error(&e), Some(f)).await,
        Err(e) => Err(e.into()),
    }
}

async fn remove(svc: &Services, p: &Principal, place: Place) -> PageResult {
    svc.remove_sso(p, place.which).await?;
    Ok(Redirect::to(&place.base).into_response())
}

pub async fn team_show(State(svc): State<Services>, csrf: CsrfToken, lp: LeaderPage) -> PageResult {
    page(
        &svc,
        &lp.p,
        team_place(&lp),
        Chrome::new(&svc, &csrf).await,
        None,
    )
    .await
}

pub async fn team_save(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    CsrfForm(f): CsrfForm<SsoForm>,
) -> PageResult {
    save(&svc, &lp.p, team_place(&lp), &csrf, f).await
}

pub async fn team_remove(
    State(svc): State<Services>,
    lp: LeaderPage,
    _: CsrfForm<CsrfOnly>,
) -> PageResult {
    remove(&svc, &lp.p, team_place(&lp)).await
}

pub async fn studio_show(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
) -> PageResult {
    let (p, _) = staff(s)?;
    page(
        &svc,
        &p,
        studio_place(),
        Chrome::new(&svc, &csrf).await,
        None,
    )
    .await
}

pub async fn studio_save(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
    CsrfForm(f): CsrfForm<SsoForm>,
) -> PageResult {
    let (p, _) = staff(s)?;
    save(&svc, &p, studio_place(), &csrf, f).await
}

pub async fn studio_remove(
    State(svc): State<Services>,
    MaybeSession(s): MaybeSession,
    _: CsrfForm<CsrfOnly>,
) -> PageResult {
    let (p, _) = staff(s)?;
    remove(&svc, &p, studio_place()).await
}
