//! Sign-in: password, one-time link, sign-out, choosing a password.

use super::Brand;
use super::{Chrome, CsrfOnly, PageResult, render};
use crate::http::cookies;
use crate::http::extract::{
    CsrfForm, CsrfToken, MaybeSession, SESSION_COOKIE, clear_session_cookie,
};
use crate::services::{Error, Principal, Services};
use askama::Template;
use axum::extract::{Path, Query, State};
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
    /// An identity provider is set up: the company sign-in is offered.
    sso: bool,
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

async fn login_page(svc: &Services, c: Chrome, email: String) -> PageResult {
    render(&LoginPage {
        sso: svc.sso_offered().await?,
        studio: c.studio,
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        email,
    })
}

pub async fn form(State(svc): State<Services>, csrf: CsrfToken) -> PageResult {
    login_page(&svc, Chrome::new(&svc, &csrf).await, String::new()).await
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
            login_page(&svc, Chrome::new(&svc, &csrf).await.with_error(&e), f.email).await
        }
        Err(e @ (Error::TooManyAttempts(_) | Error::TooManyFromAddress(_))) => {
            let page =
                login_page(&svc, Chrome::new(&svc, &csrf).await.with_error(&e), f.email).await?;
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
    login_page(&svc, c, f.email).await
}

/// The cookie that ties a company sign-in to the browser that began it.
const SSO_COOKIE: &str = "ts_sso";
const SSO_PATH: &str = "/login/sso";

#[derive(Deserialize)]
pub struct SsoForm {
    email: String,
}

/// "Sign in with your company account": off to the address's identity
/// provider (303), with a cookie only this browser holds.
pub async fn sso_start(
    State(svc): State<Services>,
    csrf: CsrfToken,
    CsrfForm(f): CsrfForm<SsoForm>,
) -> PageResult {
    match svc.sso_begin(&f.email).await {
        Ok(to) => {
            let max_age = crate::services::sso_sign_in::LOGIN_MINUTES * 60;
            let cookie = cookies::set(&svc, SSO_COOKIE, &to.browser, SSO_PATH, Some(max_age));
            Ok(([(header::SET_COOKIE, cookie)], Redirect::to(&to.url)).into_response())
        }
        Err(e @ (Error::Invalid(_) | Error::Unavailable(_))) => {
            let status = status_of(&e);
            let page =
                login_page(&svc, Chrome::new(&svc, &csrf).await.with_error(&e), f.email).await?;
            Ok((status, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct SsoAnswer {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// Where the identity provider sends the browser back: a session (or the
/// second step), else the sign-in page saying why not.
pub async fn sso_callback(
    State(svc): State<Services>,
    csrf: CsrfToken,
    jar: CookieJar,
    Query(q): Query<SsoAnswer>,
) -> PageResult {
    let clear = cookies::remove(&svc, SSO_COOKIE, SSO_PATH);
    let outcome = match (&q.error, &q.code, &q.state) {
        // The provider's own description is not shown: any text can be put
        // in a link to this page. Its error code is a word.
        (Some(code), _, _) => Err(Error::BadRequest(format!(
            "Your identity provider did not sign you in ({}). Start again, or sign in with your password or an emailed link.",
            code.chars()
                .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
                .take(60)
                .collect::<String>()
        ))),
        (None, Some(code), Some(state)) => {
            let browser = jar.get(SSO_COOKIE).map(|c| c.value().to_string());
            svc.sso_finish(state, code, browser.as_deref()).await
        }
        _ => Err(Error::BadRequest(
            "This is where your identity provider sends you back after signing in: start from the sign-in page.".into(),
        )),
    };
    match outcome {
        Ok(signed_in) => {
            let mut resp = super::two_factor::after_sign_in(&svc, signed_in, None).await?;
            if let Ok(v) = header::HeaderValue::from_str(&clear) {
                resp.headers_mut().append(header::SET_COOKIE, v);
            }
            Ok(resp)
        }
        Err(e @ (Error::BadRequest(_) | Error::Forbidden(_) | Error::Unavailable(_))) => {
            let status = status_of(&e);
            let page = login_page(
                &svc,
                Chrome::new(&svc, &csrf).await.with_error(&e),
                String::new(),
            )
            .await?;
            Ok((status, [(header::SET_COOKIE, clear)], page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

fn status_of(e: &Error) -> axum::http::StatusCode {
    use axum::http::StatusCode;
    match e {
        Error::Forbidden(_) => StatusCode::FORBIDDEN,
        Error::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        Error::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
        _ => StatusCode::BAD_REQUEST,
    }
}
