//! Studio endpoints (staff API token, checked against the role).

use super::team::Items;
use crate::domain::qc_reasons::QcReason;
use crate::domain::studio_settings::StudioSettings;
use crate::http::error::{ApiResult, Problem};
use crate::http::extract::{ApiCaller, ApiJson, ApiMultipart, ApiQuery, read_upload};
use crate::imaging::render::Handed;
use crate::services::Services;
use crate::services::quality_check::QcDecision;
use crate::services::studio_queue::QueueItem;
use crate::services::teams::{Creator, GrantCredits, NewTeam, TeamCreated};
use crate::services::views::{Headshot, LedgerEntry, Team};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

#[derive(Deserialize, utoipa::IntoParams)]
pub struct QueueQuery {
    /// `quality_check` or `retouching`.
    pub stage: String,
}

#[utoipa::path(get, path = "/api/v1/studio/queue", tag = "studio", security(("bearer" = [])), params(QueueQuery),
    responses((status = 200, body = Items<QueueItem>, description = "earliest due first, expedited first on ties")))]
pub async fn queue(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiQuery(q): ApiQuery<QueueQuery>,
) -> ApiResult<Json<Items<QueueItem>>> {
    Ok(Json(Items {
        items: svc.studio_queue(&p, &q.stage).await?,
    }))
}

#[utoipa::path(get, path = "/api/v1/studio/qc-reasons", tag = "studio", security(("bearer" = [])), responses((status = 200, body = Items<QcReason>)))]
pub async fn qc_reasons(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<Items<QcReason>>> {
    Ok(Json(Items {
        items: svc.qc_reasons(&p).await?,
    }))
}

#[utoipa::path(get, path = "/api/v1/studio/headshots/{id}/photo", tag = "studio", security(("bearer" = [])),
    responses((status = 200, description = "the uploaded original, private metadata removed")))]
pub async fn photo(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let d = svc.original_photo(&p, &id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, d.content_type),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        d.data,
    )
        .into_response())
}

#[utoipa::path(post, path = "/api/v1/studio/headshots/{id}/quality-check", tag = "studio", security(("bearer" = [])), request_body = QcDecision,
    responses((status = 200, body = Headshot), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn quality_check(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<QcDecision>,
) -> ApiResult<Json<Headshot>> {
    Ok(Json(svc.quality_check(&p, &id, body).await?))
}

#[utoipa::path(post, path = "/api/v1/studio/headshots/{id}/deliver", tag = "studio", security(("bearer" = [])),
    request_body(content_type = "multipart/form-data", description = "field `cutout` (PNG with alpha) or `image`"),
    responses((status = 200, body = Headshot), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn deliver(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
    ApiMultipart(m): ApiMultipart,
) -> ApiResult<Json<Headshot>> {
    let up = read_upload(m, &["cutout", "image"], svc.settings.photo.max_upload_bytes).await?;
    let handed = if up.field == "cutout" {
        Handed::Cutout
    } else {
        Handed::Image
    };
    Ok(Json(svc.deliver(&p, &id, up.data, handed).await?))
}

#[utoipa::path(post, path = "/api/v1/studio/teams", tag = "studio", security(("bearer" = [])), request_body = NewTeam,
    responses((status = 201, body = TeamCreated), (status = 422, body = Problem)))]
pub async fn create_team(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiJson(body): ApiJson<NewTeam>,
) -> ApiResult<(StatusCode, Json<TeamCreated>)> {
    Ok((
        StatusCode::CREATED,
        Json(svc.create_team(Creator::Staff(&p), body).await?),
    ))
}

#[utoipa::path(get, path = "/api/v1/studio/teams", tag = "studio", security(("bearer" = [])), responses((status = 200, body = Items<Team>)))]
pub async fn list_teams(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<Items<Team>>> {
    Ok(Json(Items {
        items: svc.list_teams(&p).await?,
    }))
}

#[utoipa::path(post, path = "/api/v1/studio/teams/{id}/credits", tag = "studio", security(("bearer" = [])), request_body = GrantCredits,
    responses((status = 201, body = LedgerEntry), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn grant_credits(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<GrantCredits>,
) -> ApiResult<(StatusCode, Json<LedgerEntry>)> {
    Ok((
        StatusCode::CREATED,
        Json(svc.grant_credits(&p, &id, body).await?),
    ))
}

#[utoipa::path(post, path = "/api/v1/studio/headshots/{id}/claim", tag = "studio", security(("bearer" = [])),
    responses((status = 200, body = QueueItem), (status = 409, body = Problem, description = "another retoucher has it")))]
pub async fn claim(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<QueueItem>> {
    Ok(Json(svc.claim(&p, &id).await?))
}

#[utoipa::path(post, path = "/api/v1/studio/headshots/{id}/release", tag = "studio", security(("bearer" = [])),
    responses((status = 200, body = QueueItem), (status = 403, body = Problem, description = "someone else's claim")))]
pub async fn release(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<QueueItem>> {
    Ok(Json(svc.release(&p, &id).await?))
}

#[utoipa::path(get, path = "/api/v1/studio/settings", tag = "studio", security(("bearer" = [])),
    responses((status = 200, body = StudioSettings)))]
pub async fn settings(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<StudioSettings>> {
    Ok(Json((*svc.studio_settings_for(&p).await?).clone()))
}

#[utoipa::path(put, path = "/api/v1/studio/settings", tag = "studio", security(("bearer" = [])), request_body = StudioSettings,
    responses((status = 200, body = StudioSettings), (status = 422, body = Problem)))]
pub async fn save_settings(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiJson(input): ApiJson<StudioSettings>,
) -> ApiResult<Json<StudioSettings>> {
    Ok(Json((*svc.save_studio_settings(&p, input).await?).clone()))
}
