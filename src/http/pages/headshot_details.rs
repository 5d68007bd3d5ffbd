//! The leader corrects a member's name or email from the headshot page
//! (the same service as `PATCH /api/v1/headshots/{id}`).

use super::dashboard::LeaderPage;
use super::team_headshot::{EmailTypo, headshot_page_with};
use super::{Chrome, PageResult, PathId};
use crate::domain::email_typos;
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
    /// "The address is right as typed" (shown with a likely typo).
    #[serde(default)]
    confirm_address: Option<String>,
    /// The "Save … instead" button: the address probably meant.
    #[serde(default)]
    use_email: Option<String>,
}

pub async fn details(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    PathId(id): PathId,
    CsrfForm(mut f): CsrfForm<DetailsForm>,
) -> PageResult {
    // The name and email form is folded away; it opens again only when its
    // own fields had a problem (not the due-date form's).
    let corrections = f.first_name.is_some() || f.last_name.is_some() || f.email.is_some();
    if let (Some(typed), Some(meant)) = (&f.email, f.use_email.take())
        && email_typos::is_offer_for(typed, &meant)
    {
        f.email = Some(meant);
    }
    let typed = (f.first_name.clone(), f.last_name.clone(), f.email.clone());
    let change = HeadshotChange {
        first_name: f.first_name,
        last_name: f.last_name,
        email: f.email.map(|e| e.trim().to_string()),
        due_date: f.due_date,
        confirm_address: f.confirm_address.is_some(),
    };
    let before = svc.headshot(&lp.p, &id).await?.headshot.member.email;
    let mut c = Chrome::new(&svc, &csrf).await;
    let mut retry = None;
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
            retry = e.suggestion_for("email").map(|meant| EmailTypo {
                first_name: typed.0.unwrap_or_default(),
                last_name: typed.1.unwrap_or_default(),
                typed: typed.2.unwrap_or_default(),
                meant: meant.to_string(),
            });
            c = c.with_error(&e);
            c.open = corrections.then_some("details");
        }
        Err(e) => return Err(e.into()),
    }
    headshot_page_with(&svc, &lp, &id, c, retry).await
}
