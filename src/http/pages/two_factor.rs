//! Two-factor sign-in pages: the code asked after a right password or link
//! (`/login/two-factor`), and setting it up or turning it off
//! (`/account/two-factor`). The rules live in `services::two_factor`.

use super::login::home_of;
use super::{Brand, Chrome, PageResult, render};
use crate::http::cookies;
use crate::http::extract::{CsrfForm, CsrfToken, MaybeSession, session_cookie};
use crate::services::auth::SignIn;
use crate::services::{Error, Services};
use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect};
use axum_extra::extract::cookie::CookieJar;
use serde::Deserialize;

/// The sign-in waiting for its code (only sent to `/login…`).
pub const CHALLENGE_COOKIE: &str = "ts_2fa";

/// After a right password or link: signed in (to `next`, or home), or on to
/// the code page.
pub async fn after_sign_in(svc: &Services, outcome: SignIn, next: Option<&str>) -> PageResult {
    match outcome {
        SignIn::Session(token) => {
            let (p, _) = svc
                .session_principal(&token)
                .await?
                .ok_or(Error::Unauthenticated)?;
            let to = next.unwrap_or(home_of(&p));
            Ok((
                [(header::SET_COOKIE, session_cookie(svc, &token))],
                Redirect::to(to),
            )
                .into_response())
        }
        SignIn::SecondFactor(challenge) => {
            let max_age = crate::services::two_factor::CHALLENGE_MINUTES * 60;
            let cookie = cookies::set(svc, CHALLENGE_COOKIE, &challenge, "/login", Some(max_age));
            Ok((
                [(header::SET_COOKIE, cookie)],
                Redirect::to("/login/two-factor"),
            )
                .into_response())
        }
    }
}

#[derive(Template)]
#[template(path = "login_code.html")]
struct CodePage {
    studio: Brand,
    notice: String,
    errors: Vec<String>,
    csrf: String,
}

fn code_page(c: Chrome) -> PageResult {
    render(&CodePage {
        studio: c.studio,
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
    })
}

pub async fn code_form(State(svc): State<Services>, csrf: CsrfToken) -> PageResult {
    code_page(Chrome::new(&svc, &csrf).await)
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

pub async fn code_submit(
    State(svc): State<Services>,
    csrf: CsrfToken,
    jar: CookieJar,
    CsrfForm(f): CsrfForm<CodeForm>,
) -> PageResult {
    let challenge = jar
        .get(CHALLENGE_COOKIE)
        .map(|c| c.value().to_string())
        .unwrap_or_default();
    match svc.complete_sign_in(&challenge, &f.code).await {
        Ok(token) => {
            let (p, _) = svc
                .session_principal(&token)
                .await?
                .ok_or(Error::Unauthenticated)?;
            let clear = cookies::remove(&svc, CHALLENGE_COOKIE, "/login");
            // Appended: two cookies under one header name.
            Ok((
                axum::response::AppendHeaders([
                    (header::SET_COOKIE, session_cookie(&svc, &token)),
                    (header::SET_COOKIE, clear),
                ]),
                Redirect::to(home_of(&p)),
            )
                .into_response())
        }
        Err(e @ Error::Invalid(_)) => code_page(Chrome::new(&svc, &csrf).await.with_error(&e)),
        Err(e @ (Error::TooManyAttempts(_) | Error::TooManyFromAddress(_))) => {
            let page = code_page(Chrome::new(&svc, &csrf).await.with_error(&e))?;
            Ok((StatusCode::TOO_MANY_REQUESTS, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "two_factor.html")]
struct AccountPage {
    studio: Brand,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    enabled: bool,
    recovery_left: i64,
    /// While setting up: the QR code (inline SVG) and the typed secret.
    qr_svg: String,
    secret: String,
    /// Just turned on: the recovery codes, shown this once.
    recovery_codes: Vec<String>,
    /// The studio requires it of this person.
    required: bool,
}

async fn account_page(
    svc: &Services,
    p: &crate::services::Principal,
    c: Chrome,
    recovery_codes: Vec<String>,
    fresh: bool,
) -> PageResult {
    let status = svc.two_factor_status(p).await?;
    let (qr_svg, secret) = if status.enabled {
        (String::new(), String::new())
    } else {
        let e = svc.two_factor_enrolment(p, fresh).await?;
        (e.qr_svg, e.secret)
    };
    render(&AccountPage {
        studio: c.studio,
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        enabled: status.enabled,
        recovery_left: status.recovery_codes_left,
        qr_svg,
        secret,
        recovery_codes,
        required: svc.two_factor_required_of(p).await?,
    })
}

pub async fn show(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
) -> PageResult {
    let (p, _) = s.ok_or(Error::Unauthenticated)?;
    account_page(&svc, &p, Chrome::new(&svc, &csrf).await, vec![], false).await
}

/// `…/enable`, `…/disable` or `…/restart` (a new QR code).
pub async fn change(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
    axum::extract::Path(action): axum::extract::Path<String>,
    CsrfForm(f): CsrfForm<CodeForm>,
) -> PageResult {
    let (p, _) = s.ok_or(Error::Unauthenticated)?;
    let mut c = Chrome::new(&svc, &csrf).await;
    let outcome = match action.as_str() {
        "enable" => svc.enable_two_factor(&p, &f.code).await.map(|codes| {
            c.notice =
                "Two-factor sign-in is on. Keep the recovery codes below somewhere safe.".into();
            (codes, false)
        }),
        "disable" => svc.disable_two_factor(&p, &f.code).await.map(|()| {
            c.notice = "Two-factor sign-in is off.".into();
            (vec![], false)
        }),
        "restart" => Ok((vec![], true)),
        _ => return Err(Error::NotFound("page").into()),
    };
    match outcome {
        Ok((codes, fresh)) => account_page(&svc, &p, c, codes, fresh).await,
        Err(e @ (Error::Invalid(_) | Error::Conflict(_))) => {
            account_page(
                &svc,
                &p,
                Chrome::new(&svc, &csrf).await.with_error(&e),
                vec![],
                false,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
