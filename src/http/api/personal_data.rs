//! A member's personal data through the API: the export (a ZIP of
//! `member.json` and the files) and the erasure, for an accountable leader
//! (`/headshots/{id}/…`) or the member (`/me/…`, the personal link's secret
//! as bearer token). The pages call the same services.

use super::member::own_id;
use crate::http::error::{ApiResult, Problem};
use crate::http::extract::{ApiCaller, ApiJson};
use crate::http::pages::personal_data::download;
use crate::services::{Principal, Services};
use axum::Json;
use axum::extract::{Path, State};
use axum::response::Response;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Deserialize, ToSchema)]
pub struct EraseRequest {
    /// Must be `true`: an erasure cannot be undone.
    #[serde(default)]
    pub confirm: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Erased {
    /// The member's headshots in the team that were erased.
    pub erased: usize,
}

async fn erase(
    svc: &Services,
    p: &Principal,
    id: &str,
    b: EraseRequest,
) -> ApiResult<Json<Erased>> {
    Ok(Json(Erased {
        erased: svc.erase_member(p, id, b.confirm).await?,
    }))
}

#[utoipa::path(get, path = "/api/v1/headshots/{id}/personal-data", tag = "team", security(("bearer" = [])),
    responses((status = 200, content_type = "application/zip", description = "everything held about the member in the team: `member.json`, their photos without private metadata, their headshot files"),
        (status = 403, body = Problem, description = "the share link"), (status = 404, body = Problem)))]
pub async fn headshot_export(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    Ok(download(svc.export_member(&p, &id).await?))
}

#[utoipa::path(post, path = "/api/v1/headshots/{id}/erase", tag = "team", security(("bearer" = [])), request_body = EraseRequest,
    responses((status = 200, body = Erased, description = "every headshot of the member's address in the team: photos and files deleted, name and address replaced by a tombstone; the ledger keeps its amounts"),
        (status = 403, body = Problem, description = "the share link"), (status = 404, body = Problem), (status = 422, body = Problem, description = "not confirmed")))]
pub async fn headshot_erase(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<EraseRequest>,
) -> ApiResult<Json<Erased>> {
    erase(&svc, &p, &id, b).await
}

#[utoipa::path(get, path = "/api/v1/me/personal-data", tag = "member", security(("bearer" = [])),
    responses((status = 200, content_type = "application/zip", description = "everything held about you in the team")))]
pub async fn me_export(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Response> {
    let id = own_id(&p)?.to_string();
    Ok(download(svc.export_member(&p, &id).await?))
}

#[utoipa::path(post, path = "/api/v1/me/erase", tag = "member", security(("bearer" = [])), request_body = EraseRequest,
    responses((status = 200, body = Erased), (status = 422, body = Problem, description = "not confirmed")))]
pub async fn me_erase(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiJson(b): ApiJson<EraseRequest>,
) -> ApiResult<Json<Erased>> {
    let id = own_id(&p)?.to_string();
    erase(&svc, &p, &id, b).await
}
