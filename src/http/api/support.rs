//! Help requests and the studio's support inbox.

use super::team::Items;
use crate::http::error::{ApiResult, Problem};
use crate::http::extract::{ApiCaller, ApiJson};
use crate::services::Services;
use crate::services::cancel::Cancellation;
use crate::services::support::{NewSupportRequest, SupportRequest};
use crate::services::support_replies::SupportAnswer;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ManagerBody {
    /// A studio user with the success (or admin) role.
    pub email: String,
}

#[utoipa::path(post, path = "/api/v1/support-requests", tag = "team", security(("bearer" = [])), request_body = NewSupportRequest,
    responses((status = 201, body = SupportRequest), (status = 422, body = Problem)))]
pub async fn create(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiJson(b): ApiJson<NewSupportRequest>,
) -> ApiResult<(StatusCode, Json<SupportRequest>)> {
    Ok((
        StatusCode::CREATED,
        Json(svc.create_support_request(&p, b).await?),
    ))
}

#[utoipa::path(get, path = "/api/v1/studio/support-requests", tag = "studio", security(("bearer" = [])),
    responses((status = 200, body = Items<SupportRequest>)))]
pub async fn inbox(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<Items<SupportRequest>>> {
    Ok(Json(Items {
        items: svc.support_inbox(&p).await?,
    }))
}

#[utoipa::path(put, path = "/api/v1/studio/teams/{id}/success-manager", tag = "studio", security(("bearer" = [])), request_body = ManagerBody,
    responses((status = 204, description = "assigned"), (status = 422, body = Problem)))]
pub async fn set_manager(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<ManagerBody>,
) -> ApiResult<StatusCode> {
    svc.set_success_manager(&p, &id, &b.email).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/audit", tag = "team", security(("bearer" = [])),
    responses((status = 200, body = Items<crate::services::audit::AuditEntry>, description = "newest first, up to 1000")))]
pub async fn audit(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<Items<crate::services::audit::AuditEntry>>> {
    Ok(Json(Items {
        items: svc.audit_log(&p).await?,
    }))
}

#[utoipa::path(get, path = "/api/v1/leaders", tag = "team", security(("bearer" = [])),
    responses((status = 200, body = Items<crate::services::leaders::Leader>)))]
pub async fn leaders(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<Items<crate::services::leaders::Leader>>> {
    Ok(Json(Items {
        items: svc.leaders(&p).await?,
    }))
}

#[utoipa::path(post, path = "/api/v1/leaders", tag = "team", security(("bearer" = [])), request_body = crate::services::leaders::NewLeader,
    responses((status = 201, body = crate::services::leaders::Leader, description = "added, and a sign-in link emailed; an address that already leads other teams is invited instead (`pending`: it joins when they accept on their dashboard)"), (status = 422, body = Problem, description = "a field is wrong, the person already leads this team, or the address is a studio staff account")))]
pub async fn invite_leader(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiJson(b): ApiJson<crate::services::leaders::NewLeader>,
) -> ApiResult<(StatusCode, Json<crate::services::leaders::Leader>)> {
    Ok((StatusCode::CREATED, Json(svc.invite_leader(&p, b).await?)))
}

#[utoipa::path(get, path = "/api/v1/support-requests", tag = "team", security(("bearer" = [])),
    responses((status = 200, body = Items<SupportRequest>, description = "the team's requests with the studio's answers")))]
pub async fn list(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<Items<SupportRequest>>> {
    Ok(Json(Items {
        items: svc.team_support_requests(&p).await?,
    }))
}

#[utoipa::path(post, path = "/api/v1/studio/support-requests/{id}/answer", tag = "studio", security(("bearer" = [])), request_body = SupportAnswer,
    responses((status = 200, body = SupportRequest, description = "recorded and emailed to the team"), (status = 422, body = Problem)))]
pub async fn answer(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<SupportAnswer>,
) -> ApiResult<Json<SupportRequest>> {
    Ok(Json(svc.answer_support_request(&p, &id, b).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct StatusBody {
    /// `open`, `answered` or `closed`.
    pub status: String,
}

#[utoipa::path(put, path = "/api/v1/studio/support-requests/{id}/status", tag = "studio", security(("bearer" = [])), request_body = StatusBody,
    responses((status = 200, body = SupportRequest), (status = 422, body = Problem)))]
pub async fn set_status(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<StatusBody>,
) -> ApiResult<Json<SupportRequest>> {
    Ok(Json(svc.set_support_status(&p, &id, &b.status).await?))
}

#[utoipa::path(post, path = "/api/v1/studio/headshots/{id}/cancel", tag = "studio", security(("bearer" = [])), request_body = Cancellation,
    responses((status = 204, description = "cancelled: gone from the team's dashboard, the credit returned if asked, a paid expedite refunded before retouching; audited"),
              (status = 409, body = Problem, description = "approved headshots cannot be cancelled"),
              (status = 422, body = Problem, description = "no reason given")))]
pub async fn cancel_headshot(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<Cancellation>,
) -> ApiResult<StatusCode> {
    svc.cancel_headshot(&p, &id, b).await?;
    Ok(StatusCode::NO_CONTENT)
}
