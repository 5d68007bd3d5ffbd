//! Sign-in: password, one-time link, sign-out, choosing a password.

use super::Brand;
use super::{Chrome, CsrfOnly, PageResult, render};
use crate::http::extract::{
    CsrfForm, CsrfToken, MaybeSession, SESSION_COOKIE, clear_session_cookie,
};
use crate::services::{Error, Principal, Services};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect};
use axum_extra::extract::cookie::CookieJar;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage {
    studio: Brand,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    email: String,
}

#[derive(Template)]
#[template(path = "link_login.html")]
struct LinkPage {
    studio: Brand,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    token: String,
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage {
    studio: Brand,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    /// The current password is asked for (see `Services::password_needs_current`).
    needs_current: bool,
}

pub(super) fn session_token(jar: &CookieJar) -> Option<String> {
    jar.get(SESSION_COOKIE).map(|c| c.value().to_string())
}

async fn account_page(svc: &Services, c: Chrome, p: &Principal, jar: &CookieJar) -> PageResult {
    let needs_current = svc
        .password_needs_current(p, session_token(jar).as_deref())
        .await?;
    render(&AccountPage {
        studio: c.studio,
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        needs_current,
    })
}

pub(super) fn home_of(p: &Principal) -> &'static str {
    match p {
        Principal::Staff { .. } => "/studio",
        _ => "/team",
    }
}

/// The signed-in person's home; else sign-in, or the first run's setup
/// while the studio has no admin.
pub async fn home(State(svc): State<Services>, MaybeSession(s): MaybeSession) -> Redirect {
    match s {
        Some((p, _)) => Redirect::to(home_of(&p)),
        None if svc.setup_open().await.unwrap_or(false) => Redirect::to("/setup"),
        None => Redirect::to("/login"),
    }
}

fn login_page(c: Chrome, email: String) -> PageResult {
    render(&LoginPage {
        studio: c.studio,
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        email,
    })
}

pub async fn form(State(svc): State<Services>, csrf: CsrfToken) -> PageResult {
    login_page(Chrome::new(&svc, &csrf).await, String::new())
}

#[derive(Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
}

pub async fn submit(
    State(svc): State<Services>,
    csrf: CsrfToken,
    CsrfForm(f): CsrfForm<LoginForm>,
) -> PageResult {
    match svc.login(&f.email, &f.password).await {
        Ok(outcome) => super::two_factor::after_sign_in(&svc, outcome, None).await,
        Err(e @ Error::Invalid(_)) => {
            login_page(Chrome::new(&svc, &csrf).await.with_error(&e), f.email)
        }
        Err(e @ (Error::TooManyAttempts(_) | Error::TooManyFromAddress(_))) => {
            let page = login_page(Chrome::new(&svc, &csrf).await.with_error(&e), f.email)?;
            Ok((axum::http::StatusCode::TOO_MANY_REQUESTS, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn logout(
    State(svc): State<Services>,
    headers: axum::http::HeaderMap,
    _: CsrfForm<CsrfOnly>,
) -> PageResult {
    let jar = axum_extra::extract::cookie::CookieJar::from_headers(&headers);
    if let Some(c) = jar.get(crate::http::extract::SESSION_COOKIE) {
        svc.logout(c.value()).await?;
    }
    Ok((
        [(header::SET_COOKIE, clear_session_cookie(&svc))],
        Redirect::to("/login"),
    )
        .into_response())
}

/// Showing the link's page does not use it: mail scanners that open links
/// would otherwise burn one-time links before the person clicks.
pub async fn link_form(
    State(svc): State<Services>,
    csrf: CsrfToken,
    Path(token): Path<String>,
) -> PageResult {
    let c = Chrome::new(&svc, &csrf).await;
    render(&LinkPage {
        studio: c.studio,
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        token,
    })
}

pub async fn link_submit(
    State(svc): State<Services>,
    Path(token): Path<String>,
    _: CsrfForm<CsrfOnly>,
) -> PageResult {
    let outcome = svc.use_login_link(&token).await?;
    super::two_factor::after_sign_in(&svc, outcome, Some("/account/password")).await
}

pub async fn password_form(
    State(svc): State<Services>,
    csrf: CsrfToken,
    jar: CookieJar,
    MaybeSession(s): MaybeSession,
) -> PageResult {
    let (p, _) = s.ok_or(Error::Unauthenticated)?;
    account_page(&svc, Chrome::new(&svc, &csrf).await, &p, &jar).await
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: Option<String>,
    password: String,
}

pub async fn password_submit(
    State(svc): State<Services>,
    csrf: CsrfToken,
    jar: CookieJar,
    MaybeSession(s): MaybeSession,
    CsrfForm(f): CsrfForm<PasswordForm>,
) -> PageResult {
    let (p, _) = s.ok_or(Error::Unauthenticated)?;
    let token = session_token(&jar);
    match svc
        .change_password(
            &p,
            token.as_deref(),
            f.current_password.as_deref(),
            &f.password,
        )
        .await
    {
        Ok(()) => Ok(Redirect::to(home_of(&p)).into_response()),
        Err(e @ Error::Invalid(_)) => {
            account_page(
                &svc,
                Chrome::new(&svc, &csrf).await.with_error(&e),
                &p,
                &jar,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct LinkRequestForm {
    email: String,
}

/// "Email me a sign-in link": the same answer whether or not the account exists.
pub async fn email_link(
    State(svc): State<Services>,
    csrf: CsrfToken,
    CsrfForm(f): CsrfForm<LinkRequestForm>,
) -> PageResult {
    let mut c = Chrome::new(&svc, &csrf).await;
    match svc.email_login_link(&f.email).await {
        Ok(()) => c.notice = "If an account uses this address, a sign-in link is on its way. It works once, and only the newest link works.".into(),
        Err(e @ Error::Invalid(_)) => c = c.with_error(&e),
        Err(e) => return Err(e.into()),
    }
    login_page(c, f.email)
}
