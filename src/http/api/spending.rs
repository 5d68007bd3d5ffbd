//! Members' paid requests waiting for a leader, and the team's choice to
//! let members spend without asking.

use super::team::Items;
use crate::http::error::{ApiResult, Problem};
use crate::http::extract::{ApiCaller, ApiJson};
use crate::services::Services;
use crate::services::billing::Payment;
use crate::services::spend_requests::SpendRequest;
use crate::services::views::Team;
use axum::Json;
use axum::extract::{Path, State};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[utoipa::path(get, path = "/api/v1/spend-requests", tag = "team", security(("bearer" = [])),
    responses((status = 200, body = Items<SpendRequest>, description = "members' paid re-edits and re-dos waiting for a leader")))]
pub async fn waiting(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<Items<SpendRequest>>> {
    Ok(Json(Items {
        items: svc.waiting_spend_requests(&p).await?,
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Approved {
    pub request: SpendRequest,
    /// The charge: granted at once with invoices; with Stripe, `checkout_url`
    /// is where the leader pays.
    pub payment: Payment,
}

#[utoipa::path(post, path = "/api/v1/spend-requests/{id}/approve", tag = "team", security(("bearer" = [])),
    responses((status = 200, body = Approved), (status = 404, body = Problem), (status = 409, body = Problem, description = "declined already")))]
pub async fn approve(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<Approved>> {
    let (request, payment) = svc.approve_spend(&p, &id).await?;
    Ok(Json(Approved { request, payment }))
}

#[utoipa::path(post, path = "/api/v1/spend-requests/{id}/decline", tag = "team", security(("bearer" = [])),
    responses((status = 200, body = SpendRequest), (status = 404, body = Problem), (status = 409, body = Problem, description = "approved already")))]
pub async fn decline(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<SpendRequest>> {
    Ok(Json(svc.decline_spend(&p, &id).await?))
}

/// What a leader changes about the team; fields left out stay as they are.
#[derive(Debug, Deserialize, ToSchema)]
pub struct TeamChange {
    /// Members pay for re-edits and re-dos after the guarantee without a
    /// leader's approval.
    pub members_may_spend: Option<bool>,
    /// The language of the members' pages and every email about the team:
    /// `auto` (each member's browser), `en`, `de`, `fr` or `es`.
    pub language: Option<crate::domain::TeamLanguage>,
    /// The address the team's invoices are made out to (lines of text; an
    /// empty text removes it).
    pub billing_address: Option<String>,
    /// A new headshot of each approved member every this many months
    /// (1 to 60; one credit each, the old headshot kept until the new one
    /// is approved); 0 turns refreshes off. Accountable leaders only.
    pub refresh_months: Option<i64>,
}

#[utoipa::path(patch, path = "/api/v1/team", tag = "team", security(("bearer" = [])), request_body = TeamChange,
    responses((status = 200, body = Team), (status = 403, body = Problem, description = "the share link")))]
pub async fn change_team(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiJson(b): ApiJson<TeamChange>,
) -> ApiResult<Json<Team>> {
    // The fields that can be refused for what they say go first, so a
    // refusal leaves the others unchanged.
    if let Some(months) = b.refresh_months {
        crate::services::refresh::checked_months(months)?;
    }
    if let Some(address) = b.billing_address {
        svc.set_billing_address(&p, &address).await?;
    }
    if let Some(months) = b.refresh_months {
        svc.set_refresh_months(&p, Some(months)).await?;
    }
    if let Some(on) = b.members_may_spend {
        svc.set_members_may_spend(&p, on).await?;
    }
    if let Some(language) = b.language {
        svc.set_team_language(&p, language).await?;
    }
    Ok(Json(svc.team(&p).await?))
}
