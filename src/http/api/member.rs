//! Member endpoints (the secret of the personal link as bearer token).

use crate::config::PhotoLimits;
use crate::http::error::{ApiResult, Problem};
use crate::http::extract::{ApiCaller, ApiJson, ApiMultipart, read_upload};
use crate::services::re_edit::{ReEditOutcome, ReEditRequest};
use crate::services::views::{Headshot, HeadshotFile};
use crate::services::{Error, Principal, Services};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct TeamName {
    pub name: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Requirements {
    pub min_bytes: u64,
    pub max_bytes: u64,
    pub min_shortest_side: u32,
    pub formats: Vec<&'static str>,
}

impl From<&PhotoLimits> for Requirements {
    fn from(l: &PhotoLimits) -> Self {
        Self {
            min_bytes: l.min_photo_bytes,
            max_bytes: l.max_upload_bytes,
            min_shortest_side: l.min_photo_side,
            formats: crate::imaging::decode::photo_media_types(),
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Me {
    pub headshot: Headshot,
    /// The watermarked preview in the team's style made from the automatic
    /// cut-out while the photo waits for the studio; null until it is ready.
    pub preview_url: Option<String>,
    pub team: TeamName,
    pub requirements: Requirements,
}

pub(super) fn own_id(p: &Principal) -> Result<&str, Error> {
    match p {
        Principal::Member { headshot_id, .. } => Ok(headshot_id),
        _ => Err(Error::NotFound("personal link")),
    }
}

#[utoipa::path(get, path = "/api/v1/me", tag = "member", security(("bearer" = [])), responses((status = 200, body = Me)))]
pub async fn me(State(svc): State<Services>, ApiCaller(p): ApiCaller) -> ApiResult<Json<Me>> {
    let id = own_id(&p)?;
    let (row, team) = svc.load_visible(&p, id).await?;
    Ok(Json(Me {
        preview_url: svc.draft_preview_url(&row).await?,
        headshot: svc.headshot_view(&row, &crate::services::views::team_tz(&team.timezone)),
        team: TeamName { name: team.name },
        requirements: Requirements::from(&svc.photo_limits().await?),
    }))
}

#[utoipa::path(post, path = "/api/v1/me/photo", tag = "member", security(("bearer" = [])),
    request_body(content_type = "multipart/form-data", description = "field `photo`"),
    responses((status = 201, body = Headshot), (status = 422, body = Problem, description = "every failed check")))]
pub async fn upload_photo(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiMultipart(m): ApiMultipart,
) -> ApiResult<(StatusCode, Json<Headshot>)> {
    let id = own_id(&p)?.to_string();
    let up = read_upload(m, &["photo"], svc.settings.photo.max_upload_bytes).await?;
    Ok((
        StatusCode::CREATED,
        Json(svc.upload_photo(&p, &id, up.data).await?),
    ))
}

#[utoipa::path(post, path = "/api/v1/me/approve", tag = "member", security(("bearer" = [])),
    responses((status = 200, body = Headshot), (status = 409, body = Problem)))]
pub async fn approve(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<Headshot>> {
    let id = own_id(&p)?.to_string();
    Ok(Json(svc.approve(&p, &id).await?))
}

#[utoipa::path(get, path = "/api/v1/me/files", tag = "member", security(("bearer" = [])), responses((status = 200, body = Vec<HeadshotFile>)))]
pub async fn files(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<Vec<HeadshotFile>>> {
    let id = own_id(&p)?.to_string();
    Ok(Json(svc.files(&p, &id).await?))
}

#[utoipa::path(post, path = "/api/v1/me/re-edit", tag = "member", security(("bearer" = [])), request_body = ReEditRequest,
    responses((status = 200, body = ReEditOutcome, description = "`payment` is null under the guarantee (30 days unless the studio changed it), and while `awaiting_approval` waits for a leader"), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn re_edit(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiJson(b): ApiJson<ReEditRequest>,
) -> ApiResult<Json<ReEditOutcome>> {
    let id = own_id(&p)?.to_string();
    Ok(Json(svc.request_re_edit(&p, &id, b).await?))
}

#[utoipa::path(post, path = "/api/v1/me/redo", tag = "member", security(("bearer" = [])),
    request_body(content_type = "multipart/form-data", description = "`photo`"),
    responses((status = 201, body = ReEditOutcome, description = "`payment` is null under the guarantee (30 days unless the studio changed it), and while `awaiting_approval` waits for a leader"), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn redo(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiMultipart(m): ApiMultipart,
) -> ApiResult<(StatusCode, Json<ReEditOutcome>)> {
    let id = own_id(&p)?.to_string();
    let up = read_upload(m, &["photo"], svc.settings.photo.max_upload_bytes).await?;
    Ok((
        StatusCode::CREATED,
        Json(svc.request_redo(&p, &id, up.data).await?),
    ))
}
