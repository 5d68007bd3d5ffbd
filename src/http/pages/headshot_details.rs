//! The leader corrects a member's name or email from the headshot page
//! (the same service as `PATCH /api/v1/headshots/{id}`).

use super::dashboard::LeaderPage;
use super::team_headshot::headshot_page;
use super::{Chrome, PageResult, PathId};
use crate::http::extract::{CsrfForm, CsrfToken};
use crate::services::headshot_changes::HeadshotChange;
use crate::services::{Error, Services};
use axum::extract::State;
use serde::Deserialize;

/// Every field defaults, so who may do this is checked before what was
/// typed. A field the form did not send is left as it is; one sent empty
/// is an error to fix.
#[derive(Deserialize)]
pub struct DetailsForm {
    #[serde(default)]
    first_name: Option<String>,
    #[serde(default)]
    last_name: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    due_date: Option<String>,
}

pub async fn details(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    PathId(id): PathId,
    CsrfForm(f): CsrfForm<DetailsForm>,
) -> PageResult {
    // The name and email form is folded away; it opens again only when its
    // own fields had a problem (not the due-date form's).
    let corrections = f.first_name.is_some() || f.last_name.is_some() || f.email.is_some();
    let change = HeadshotChange {
        first_name: f.first_name,
        last_name: f.last_name,
        email: f.email.map(|e| e.trim().to_string()),
        due_date: f.due_date,
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
            c.open = corrections.then_some("details");
        }
        Err(e) => return Err(e.into()),
    }
    headshot_page(&svc, &lp, &id, c).await
}
