//! The dashboard's team menu: a leader of several teams switches this
//! browser's session to another of them.

use super::{PageResult, login::session_token};
use crate::http::extract::{CsrfForm, MaybeSession};
use crate::services::{Error, Services};
use axum::extract::State;
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
    svc.switch_team(&p, &token, &f.team).await?;
    Ok(Redirect::to("/team").into_response())
}
