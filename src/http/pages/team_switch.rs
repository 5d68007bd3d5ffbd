//! The dashboard's team menu: a leader of several teams switches this
//! browser's session to another of them, and answers invitations to lead
//! one more.

use super::{CsrfOnly, PageResult, login::session_token};
use crate::http::cookies;
use crate::http::extract::{CSRF_COOKIE, CsrfForm, MaybeSession};
use crate::services::secrets::new_token;
use crate::services::team_switch::is_team_path;
use crate::services::{Error, Principal, Services};
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect};
use axum_extra::extract::cookie::CookieJar;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct SwitchForm {
    #[serde(default)]
    team: String,
}

pub async fn switch(
    State(svc): State<Services>,
    jar: CookieJar,
    MaybeSession(session): MaybeSession,
    CsrfForm(f): CsrfForm<SwitchForm>,
) -> PageResult {
    let (Some((p, _)), Some(token)) = (session, session_token(&jar)) else {
        return Err(Error::Unauthenticated.into());
    };
    svc.switch_team(&p, &token, &f.team, true).await?;
    Ok(to_other_team(&svc, "/team"))
}

#[derive(Deserialize)]
pub struct Next {
    #[serde(default)]
    next: Option<String>,
}

/// `GET /account/team/{team}?next=/team/…`: an email's link about one team.
/// Signed in on another team the account leads, the session switches to it
/// first; signed out, to the sign-in page (the link is no secret).
pub async fn open(
    State(svc): State<Services>,
    jar: CookieJar,
    MaybeSession(session): MaybeSession,
    Path(team): Path<String>,
    Query(q): Query<Next>,
) -> PageResult {
    let next = q
        .next
        .filter(|n| is_team_path(n))
        .unwrap_or_else(|| "/team".into());
    let (Some((p, _)), Some(token)) = (session, session_token(&jar)) else {
        return Ok(Redirect::to("/login").into_response());
    };
    if p.leader_scope().is_ok_and(|(t, _)| t.as_str() == team) {
        return Ok(Redirect::to(&next).into_response());
    }
    // A link does not change where the next sign-in opens.
    svc.switch_team(&p, &token, &team, false).await?;
    Ok(to_other_team(&svc, &next))
}

/// On to the dashboard of the team this session now looks at, with a new
/// CSRF token: forms still open in other tabs belong to the team they were
/// made for, and are refused ("reload the page") rather than acting on
/// this one.
fn to_other_team(svc: &Services, next: &str) -> axum::response::Response {
    let csrf = cookies::set(svc, CSRF_COOKIE, &new_token(), "/", None);
    ([(header::SET_COOKIE, csrf)], Redirect::to(next)).into_response()
}

/// `POST /account/invitations/{team}/accept` or `/decline`.
pub async fn answer(
    State(svc): State<Services>,
    jar: CookieJar,
    MaybeSession(session): MaybeSession,
    Path((team, answer)): Path<(String, String)>,
    _: CsrfForm<CsrfOnly>,
) -> PageResult {
    let (Some((p, _)), Some(token)) = (session, session_token(&jar)) else {
        return Err(Error::Unauthenticated.into());
    };
    if !matches!(p, Principal::Leader { .. }) {
        return Err(
            Error::Forbidden("Only a signed-in team leader answers an invitation.".into()).into(),
        );
    }
    let accept = match answer.as_str() {
        "accept" => true,
        "decline" => false,
        _ => return Err(Error::NotFound("page").into()),
    };
    svc.answer_invitation(&p, &token, &team, accept).await?;
    Ok(if accept {
        to_other_team(&svc, "/team")
    } else {
        Redirect::to("/team").into_response()
    })
}
