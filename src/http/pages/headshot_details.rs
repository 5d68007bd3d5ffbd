//! The leader corrects a member's name or email from the headshot page
//! (the same service as `PATCH /api/v1/headshots/{id}`).

use super::dashboard::{LeaderPage, headshot_page};
use super::{Chrome, PageResult, PathId};
use crate::http::extract::{CsrfForm, CsrfToken};
use crate::services::headshot_changes::HeadshotChange;
use crate::services::{Error, Services};
use axum::extract::State;
use serde::Deserialize;

/// Every field defaults, so who may do this is checked before what was typed.
#[derive(Deserialize)]
pub struct DetailsForm {
    #[serde(default)]
    first_name: String,
    #[serde(default)]
    last_name: String,
    #[serde(default)]
    email: String,
}

pub async fn details(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    PathId(id): PathId,
    CsrfForm(f): CsrfForm<DetailsForm>,
) -> PageResult {
    let email = f.email.trim().to_string();
    let change = HeadshotChange {
        first_name: Some(f.first_name),
        last_name: Some(f.last_name),
        email: Some(email.clone()),
        due_date: None,
    };
    let before = svc.headshot(&lp.p, &id).await?.headshot.member.email;
    let mut c = Chrome::new(&svc, &csrf).await;
    match svc.change_headshot(&lp.p, &id, change).await {
        Ok(h) => {
            c.notice = if before.eq_ignore_ascii_case(&h.member.email) {
                "Saved.".into()
            } else {
                format!(
                    "Saved. A new personal link is on its way to {}; the old link no longer works.",
                    h.member.email
                )
            };
        }
        Err(e @ (Error::Invalid(_) | Error::Conflict(_) | Error::BadRequest(_))) => {
            c = c.with_error(&e);
        }
        Err(e) => return Err(e.into()),
    }
    headshot_page(&svc, &lp, &id, c).await
}
