//! Departments: `GET/POST /departments`, `GET/PUT/DELETE /departments/{id}`,
//! and who is in which: `PUT /headshots/{id}/department`,
//! `PUT /leaders/{id}/department`.

use super::team::Items;
use crate::http::error::{ApiResult, Problem};
use crate::http::extract::{ApiCaller, ApiJson};
use crate::services::Services;
use crate::services::departments::{Department, DepartmentInput};
use crate::services::views::Headshot;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;

/// Which department; `null` for none (the team at large, or the whole
/// team for a leader).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct InDepartment {
    pub department_id: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/departments", tag = "team", security(("bearer" = [])),
    responses((status = 200, body = Items<Department>, description = "the team's departments by name, with members, leaders and credits used; a department's leader gets their own")))]
pub async fn list(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<Items<Department>>> {
    Ok(Json(Items {
        items: svc.departments(&p).await?,
    }))
}

#[utoipa::path(post, path = "/api/v1/departments", tag = "team", security(("bearer" = [])), request_body = DepartmentInput,
    responses((status = 201, body = Department), (status = 403, body = Problem, description = "the share link, or a department's leader"),
        (status = 422, body = Problem, description = "`name` empty, too long or taken; `allowance` out of range; `style_id` not one of the team's")))]
pub async fn create(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiJson(b): ApiJson<DepartmentInput>,
) -> ApiResult<(StatusCode, Json<Department>)> {
    Ok((
        StatusCode::CREATED,
        Json(svc.create_department(&p, b).await?),
    ))
}

#[utoipa::path(get, path = "/api/v1/departments/{id}", tag = "team", security(("bearer" = [])),
    responses((status = 200, body = Department), (status = 404, body = Problem)))]
pub async fn get(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<Department>> {
    Ok(Json(svc.department(&p, &id).await?))
}

#[utoipa::path(put, path = "/api/v1/departments/{id}", tag = "team", security(("bearer" = [])), request_body = DepartmentInput,
    responses((status = 200, body = Department, description = "replaced: a field left out is cleared (no style of its own, no allowance)"), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn replace(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<DepartmentInput>,
) -> ApiResult<Json<Department>> {
    Ok(Json(svc.update_department(&p, &id, b).await?))
}

#[utoipa::path(delete, path = "/api/v1/departments/{id}", tag = "team", security(("bearer" = [])),
    responses((status = 204, description = "removed: its headshots return to the team at large"), (status = 404, body = Problem),
        (status = 409, body = Problem, description = "it still has leaders: move or remove them first")))]
pub async fn delete(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    svc.delete_department(&p, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(put, path = "/api/v1/headshots/{id}/department", tag = "team", security(("bearer" = [])), request_body = InDepartment,
    responses((status = 200, body = Headshot), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem, description = "no such department")))]
pub async fn move_headshot(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<InDepartment>,
) -> ApiResult<Json<Headshot>> {
    Ok(Json(
        svc.set_headshot_department(&p, &id, b.department_id.as_deref())
            .await?,
    ))
}

#[utoipa::path(put, path = "/api/v1/leaders/{id}/department", tag = "team", security(("bearer" = [])), request_body = InDepartment,
    responses((status = 204, description = "they lead that department (or the whole team) from their next request"), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem, description = "the team's last leader of the whole team")))]
pub async fn set_leader(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<InDepartment>,
) -> ApiResult<StatusCode> {
    svc.set_leader_department(&p, &id, b.department_id.as_deref())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
