//! Open invite links: `GET/POST /invite-links`, `DELETE /invite-links/{id}`.

use super::team::Items;
use crate::http::error::{ApiResult, Problem};
use crate::http::extract::{ApiCaller, ApiJson};
use crate::services::Services;
use crate::services::invite_links::{InviteLinkView, NewInviteLink};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;

#[utoipa::path(get, path = "/api/v1/invite-links", tag = "team", security(("bearer" = [])),
    responses((status = 200, body = Items<InviteLinkView>, description = "the team's invite links, newest first, with how many joined"), (status = 403, body = Problem)))]
pub async fn list(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<Items<InviteLinkView>>> {
    Ok(Json(Items {
        items: svc.invite_links(&p).await?,
    }))
}

#[utoipa::path(post, path = "/api/v1/invite-links", tag = "team", security(("bearer" = [])), request_body = NewInviteLink,
    responses((status = 201, body = InviteLinkView, description = "the link, to share"), (status = 422, body = Problem)))]
pub async fn create(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiJson(b): ApiJson<NewInviteLink>,
) -> ApiResult<(StatusCode, Json<InviteLinkView>)> {
    Ok((
        StatusCode::CREATED,
        Json(svc.create_invite_link(&p, b).await?),
    ))
}

#[utoipa::path(delete, path = "/api/v1/invite-links/{id}", tag = "team", security(("bearer" = [])),
    responses((status = 204, description = "turned off: nobody joins through it any more"), (status = 404, body = Problem)))]
pub async fn revoke(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    svc.revoke_invite_link(&p, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
