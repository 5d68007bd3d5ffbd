//! Headshot Styles and the background library.

use super::team::Items;
use crate::domain::style::StyleInput;
use crate::http::error::{ApiResult, Problem};
use crate::http::extract::{ApiCaller, ApiJson, ApiMultipart, ApiQuery, read_upload};
use crate::services::Services;
use crate::services::preferences::{PreferenceChoice, Preferences};
use crate::services::styles::{Background, Style};
use crate::services::views::Team;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

#[derive(Deserialize, utoipa::ToSchema)]
pub struct DefaultStyle {
    pub style_id: String,
}

#[utoipa::path(get, path = "/api/v1/styles", tag = "team", security(("bearer" = [])), responses((status = 200, body = Items<Style>)))]
pub async fn list(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<Items<Style>>> {
    Ok(Json(Items {
        items: svc.styles(&p).await?,
    }))
}

#[utoipa::path(post, path = "/api/v1/styles", tag = "team", security(("bearer" = [])), request_body = StyleInput,
    responses((status = 201, body = Style, description = "the team's first style becomes its default"), (status = 422, body = Problem)))]
pub async fn create(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiJson(b): ApiJson<StyleInput>,
) -> ApiResult<(StatusCode, Json<Style>)> {
    Ok((StatusCode::CREATED, Json(svc.create_style(&p, b).await?)))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct SampleQuery {
    /// The member (headshot id) to show the style on; the newest draft when absent.
    pub headshot: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/styles/{id}/sample", tag = "team", security(("bearer" = [])), params(SampleQuery),
    responses((status = 200, content_type = "image/jpeg", description = "the style on a member's draft cut-out, watermarked"), (status = 404, body = Problem, description = "no such style, or no draft to show it on")))]
pub async fn sample(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
    ApiQuery(q): ApiQuery<SampleQuery>,
) -> ApiResult<Response> {
    let d = svc.style_sample(&p, &id, q.headshot.as_deref()).await?;
    Ok((
        [
            (header::CONTENT_TYPE, d.content_type),
            (header::CACHE_CONTROL, "private, max-age=300"),
        ],
        d.data,
    )
        .into_response())
}

#[utoipa::path(put, path = "/api/v1/team/default-style", tag = "team", security(("bearer" = [])), request_body = DefaultStyle,
    responses((status = 200, body = Team, description = "new headshots get this style; those in production keep theirs"), (status = 404, body = Problem)))]
pub async fn set_default(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiJson(b): ApiJson<DefaultStyle>,
) -> ApiResult<Json<Team>> {
    Ok(Json(svc.set_default_style(&p, &b.style_id).await?))
}

#[utoipa::path(get, path = "/api/v1/backgrounds", tag = "team", security(("bearer" = [])), responses((status = 200, body = Items<Background>)))]
pub async fn backgrounds(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<Items<Background>>> {
    Ok(Json(Items {
        items: svc.backgrounds(&p).await?,
    }))
}

#[utoipa::path(post, path = "/api/v1/backgrounds", tag = "team", security(("bearer" = [])),
    request_body(content_type = "multipart/form-data", description = "field `file` (JPEG or PNG, shorter side at least 1200 px), optional `name`"),
    responses((status = 201, body = Background), (status = 422, body = Problem)))]
pub async fn upload_background(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiMultipart(m): ApiMultipart,
) -> ApiResult<(StatusCode, Json<Background>)> {
    let up = read_upload(m, &["file"], svc.settings.photo.max_upload_bytes).await?;
    let name = up.text.get("name").cloned().unwrap_or_default();
    Ok((
        StatusCode::CREATED,
        Json(svc.upload_background(&p, &name, up.data).await?),
    ))
}

#[utoipa::path(get, path = "/api/v1/team/preferences", tag = "team", security(("bearer" = [])),
    responses((status = 200, body = Items<PreferenceChoice>, description = "the studio's reasons, the team's marked")))]
pub async fn preferences(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<Items<PreferenceChoice>>> {
    Ok(Json(Items {
        items: svc.preferences(&p).await?,
    }))
}

#[utoipa::path(put, path = "/api/v1/team/preferences", tag = "team", security(("bearer" = [])), request_body = Preferences,
    responses((status = 200, body = Items<PreferenceChoice>), (status = 422, body = Problem)))]
pub async fn set_preferences(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiJson(b): ApiJson<Preferences>,
) -> ApiResult<Json<Items<PreferenceChoice>>> {
    Ok(Json(Items {
        items: svc.set_preferences(&p, b).await?,
    }))
}
