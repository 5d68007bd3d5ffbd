//! A leader's answer to a member's paid request, and the team's choice to
//! let members spend without asking.

use super::dashboard::LeaderPage;
use super::team_headshot::headshot_page;
use super::{Chrome, PageResult, PathId};
use crate::http::extract::{CsrfForm, CsrfToken};
use crate::services::{Error, Services};
use axum::extract::State;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

/// The request's headshot page, with `notice` or the action's error.
async fn back(
    svc: &Services,
    lp: &LeaderPage,
    csrf: &CsrfToken,
    id: &str,
    result: Result<String, Error>,
) -> PageResult {
    // The refusal first: only a caller allowed to see the request learns
    // which headshot it is about.
    let mut c = Chrome::new(svc, csrf).await;
    match result {
        Ok(notice) => c.notice = notice,
        Err(e @ (Error::Conflict(_) | Error::Unavailable(_))) => c = c.with_error(&e),
        Err(e) => return Err(e.into()),
    }
    let headshot = svc.spend_request_headshot(&lp.p, id).await?.to_string();
    headshot_page(svc, lp, &headshot, c).await
}

pub async fn approve(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    PathId(id): PathId,
    _: CsrfForm<super::CsrfOnly>,
) -> PageResult {
    let result = match svc.approve_spend(&lp.p, &id).await {
        // With Stripe the leader pays on the checkout page.
        Ok((_, payment)) if payment.pay_at().is_some() => {
            let url = payment.pay_at().unwrap_or_default().to_string();
            return Ok(Redirect::to(&url).into_response());
        }
        Ok((request, payment)) => Ok(format!(
            "Approved: {} is under way ({}).",
            request.description.to_lowercase(),
            payment.invoice_label()
        )),
        Err(e) => Err(e),
    };
    back(&svc, &lp, &csrf, &id, result).await
}

pub async fn decline(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    PathId(id): PathId,
    _: CsrfForm<super::CsrfOnly>,
) -> PageResult {
    let tr = svc.english().await;
    let result = svc.decline_spend(&lp.p, &id).await.map(|r| {
        format!(
            "Declined: nothing is charged, and the member's page says so ({}).",
            tr.money(r.amount_cents)
        )
    });
    back(&svc, &lp, &csrf, &id, result).await
}

#[derive(Deserialize)]
pub struct SpendingForm {
    #[serde(default)]
    enabled: String,
}

pub async fn members_may_spend(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    CsrfForm(f): CsrfForm<SpendingForm>,
) -> PageResult {
    let on = f.enabled == "yes";
    svc.set_members_may_spend(&lp.p, on).await?;
    let mut c = Chrome::new(&svc, &csrf).await;
    c.notice = if on {
        "Members may now pay for re-edits and re-dos after the guarantee without asking."
    } else {
        "You now approve each member's paid re-edit and re-do first."
    }
    .into();
    super::team_billing::credits_page(&svc, &lp, c, None).await
}
