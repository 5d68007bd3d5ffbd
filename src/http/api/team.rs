//! Team endpoints (team API token: acts as a leader of that team).

use crate::http::error::{ApiResult, Problem};
use crate::http::extract::{ApiCaller, ApiJson, ApiMultipart, ApiQuery, read_upload};
use crate::services::Services;
use crate::services::headshot_changes::HeadshotChange;
use crate::services::headshots::ListQuery;
use crate::services::invite::Invite;
use crate::services::re_edit::{ReEditOutcome, ReEditRequest};
use crate::services::views::{Headshot, HeadshotFile, HeadshotWithEvents, LedgerEntry, Team};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct Items<T> {
    pub items: Vec<T>,
}

#[utoipa::path(get, path = "/api/v1/team", tag = "team", security(("bearer" = [])),
    responses((status = 200, body = Team), (status = 401, body = Problem)))]
pub async fn get_team(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<Team>> {
    Ok(Json(svc.team(&p).await?))
}

#[utoipa::path(get, path = "/api/v1/headshots", tag = "team", security(("bearer" = [])), params(ListQuery),
    responses((status = 200, body = Items<Headshot>), (status = 422, body = Problem)))]
pub async fn list(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> ApiResult<Json<Items<Headshot>>> {
    Ok(Json(Items {
        items: svc.list_headshots(&p, &q).await?,
    }))
}

#[utoipa::path(post, path = "/api/v1/headshots", tag = "team", security(("bearer" = [])), request_body = Invite,
    responses((status = 201, body = Headshot), (status = 402, body = Problem, description = "no credit left"),
              (status = 422, body = Problem, description = "invalid field, e.g. a due date sooner than the studio's least notice (5 days)")))]
pub async fn invite(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiJson(body): ApiJson<Invite>,
) -> ApiResult<(StatusCode, Json<Headshot>)> {
    Ok((StatusCode::CREATED, Json(svc.invite(&p, body).await?)))
}

#[utoipa::path(get, path = "/api/v1/headshots/{id}", tag = "team", security(("bearer" = [])),
    responses((status = 200, body = HeadshotWithEvents), (status = 404, body = Problem)))]
pub async fn get_one(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<HeadshotWithEvents>> {
    Ok(Json(svc.headshot(&p, &id).await?))
}

#[utoipa::path(patch, path = "/api/v1/headshots/{id}", tag = "team", security(("bearer" = [])), request_body = HeadshotChange,
    responses((status = 200, body = Headshot), (status = 422, body = Problem), (status = 409, body = Problem, description = "name or email of an approved headshot")))]
pub async fn change(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<HeadshotChange>,
) -> ApiResult<Json<Headshot>> {
    Ok(Json(svc.change_headshot(&p, &id, body).await?))
}

#[utoipa::path(delete, path = "/api/v1/headshots/{id}", tag = "team", security(("bearer" = [])),
    responses((status = 204, description = "deleted, credit returned"), (status = 409, body = Problem, description = "a photo was uploaded")))]
pub async fn delete(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    svc.delete_headshot(&p, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/headshots/{id}/photo", tag = "team", security(("bearer" = [])),
    request_body(content_type = "multipart/form-data", description = "field `photo`"),
    responses((status = 201, body = Headshot), (status = 422, body = Problem, description = "every failed check"), (status = 413, body = Problem)))]
pub async fn upload_photo(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
    ApiMultipart(m): ApiMultipart,
) -> ApiResult<(StatusCode, Json<Headshot>)> {
    let up = read_upload(m, &["photo"], svc.settings.photo.max_upload_bytes).await?;
    Ok((
        StatusCode::CREATED,
        Json(svc.upload_photo(&p, &id, up.data).await?),
    ))
}

#[utoipa::path(post, path = "/api/v1/headshots/{id}/move-forward", tag = "team", security(("bearer" = [])),
    responses((status = 200, body = Headshot), (status = 409, body = Problem)))]
pub async fn move_forward(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<Headshot>> {
    Ok(Json(svc.move_forward(&p, &id).await?))
}

#[utoipa::path(post, path = "/api/v1/headshots/{id}/approve", tag = "team", security(("bearer" = [])),
    responses((status = 200, body = Headshot), (status = 409, body = Problem)))]
pub async fn approve(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<Headshot>> {
    Ok(Json(svc.approve(&p, &id).await?))
}

#[utoipa::path(get, path = "/api/v1/headshots/{id}/files", tag = "team", security(("bearer" = [])),
    responses((status = 200, body = Vec<HeadshotFile>)))]
pub async fn files(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<HeadshotFile>>> {
    Ok(Json(svc.files(&p, &id).await?))
}

#[utoipa::path(get, path = "/api/v1/ledger", tag = "team", security(("bearer" = [])),
    responses((status = 200, body = Items<LedgerEntry>)))]
pub async fn ledger(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<Items<LedgerEntry>>> {
    Ok(Json(Items {
        items: svc.ledger(&p).await?,
    }))
}

#[utoipa::path(post, path = "/api/v1/headshots/{id}/re-edit", tag = "team", security(("bearer" = [])), request_body = ReEditRequest,
    responses((status = 200, body = ReEditOutcome, description = "`payment` is null under the guarantee (30 days unless the studio changed it)"), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn re_edit(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<ReEditRequest>,
) -> ApiResult<Json<ReEditOutcome>> {
    Ok(Json(svc.request_re_edit(&p, &id, b).await?))
}

#[utoipa::path(post, path = "/api/v1/headshots/{id}/redo", tag = "team", security(("bearer" = [])),
    request_body(content_type = "multipart/form-data", description = "`photo`"),
    responses((status = 201, body = ReEditOutcome, description = "`payment` is null under the guarantee (30 days unless the studio changed it)"), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn redo(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
    ApiMultipart(m): ApiMultipart,
) -> ApiResult<(StatusCode, Json<ReEditOutcome>)> {
    let up = read_upload(m, &["photo"], svc.settings.photo.max_upload_bytes).await?;
    Ok((
        StatusCode::CREATED,
        Json(svc.request_redo(&p, &id, up.data).await?),
    ))
}
