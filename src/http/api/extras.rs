//! Paid extras: custom backgrounds (team and success staff) and resizes.

use super::team::Items;
use crate::http::error::{ApiResult, Problem};
use crate::http::extract::{
    ApiCaller, ApiJson, ApiMultipart, read_upload, read_uploads, spool_uploads,
};
use crate::services::Services;
use crate::services::billing::Payment;
use crate::services::custom_backgrounds::{CustomBackground, CustomBackgroundOrder};
use crate::services::library::{LibraryBackground, LibraryChange, NewLibraryBackground};
use crate::services::resizes::{NewResize, Resize, ResizeOrder};
use crate::services::styles::Background;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;

#[utoipa::path(post, path = "/api/v1/custom-backgrounds", tag = "team", security(("bearer" = [])),
    request_body(content_type = "multipart/form-data", description = "`notes`, and up to 5 `references` pictures"),
    responses((status = 201, body = CustomBackgroundOrder, description = "the flat fee goes through the checkout"), (status = 422, body = Problem)))]
pub async fn request_custom_background(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiMultipart(m): ApiMultipart,
) -> ApiResult<(StatusCode, Json<CustomBackgroundOrder>)> {
    let up = spool_uploads(
        m,
        &["references"],
        svc.settings.photo.max_upload_bytes
            * (crate::services::custom_backgrounds::MAX_REFERENCES as u64 + 1),
        &svc.settings.spool_dir(),
    )
    .await?;
    let notes = up.text.get("notes").cloned().unwrap_or_default();
    let refs = up.files;
    Ok((
        StatusCode::CREATED,
        Json(svc.request_custom_background(&p, &notes, refs).await?),
    ))
}

#[utoipa::path(get, path = "/api/v1/custom-backgrounds", tag = "team", security(("bearer" = [])),
    responses((status = 200, body = Items<CustomBackground>)))]
pub async fn custom_backgrounds(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<Items<CustomBackground>>> {
    Ok(Json(Items {
        items: svc.team_custom_backgrounds(&p).await?,
    }))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ApproveMockup {
    pub mockup_id: String,
}

#[utoipa::path(post, path = "/api/v1/custom-backgrounds/{id}/approve", tag = "team", security(("bearer" = [])), request_body = ApproveMockup,
    responses((status = 200, body = CustomBackground, description = "the mock-up is a team background and the new default style"), (status = 409, body = Problem)))]
pub async fn approve_mockup(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<ApproveMockup>,
) -> ApiResult<Json<CustomBackground>> {
    Ok(Json(svc.approve_mockup(&p, &id, &b.mockup_id).await?))
}

#[utoipa::path(get, path = "/api/v1/studio/custom-backgrounds", tag = "studio", security(("bearer" = [])),
    responses((status = 200, body = Items<CustomBackground>, description = "paid requests being designed or awaiting the team")))]
pub async fn studio_custom_backgrounds(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<Items<CustomBackground>>> {
    Ok(Json(Items {
        items: svc.studio_custom_backgrounds(&p).await?,
    }))
}

#[utoipa::path(post, path = "/api/v1/studio/custom-backgrounds/{id}/mockups", tag = "studio", security(("bearer" = [])),
    request_body(content_type = "multipart/form-data", description = "`mockup` picture (JPEG or PNG, shorter side ≥ 1200 px) and an optional `note`"),
    responses((status = 201, body = CustomBackground, description = "the team is emailed"), (status = 422, body = Problem)))]
pub async fn add_mockup(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
    ApiMultipart(m): ApiMultipart,
) -> ApiResult<(StatusCode, Json<CustomBackground>)> {
    let up = read_upload(m, &["mockup"], svc.settings.photo.max_upload_bytes).await?;
    let note = up.text.get("note").cloned();
    Ok((
        StatusCode::CREATED,
        Json(svc.add_mockup(&p, &id, up.data, note.as_deref()).await?),
    ))
}

#[utoipa::path(post, path = "/api/v1/resizes", tag = "team", security(("bearer" = [])), request_body = NewResize,
    responses((status = 201, body = ResizeOrder, description = "charged per file through the checkout; rendered once paid"), (status = 422, body = Problem)))]
pub async fn request_resize(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiJson(b): ApiJson<NewResize>,
) -> ApiResult<(StatusCode, Json<ResizeOrder>)> {
    Ok((StatusCode::CREATED, Json(svc.request_resize(&p, b).await?)))
}

#[utoipa::path(get, path = "/api/v1/resizes", tag = "team", security(("bearer" = [])),
    responses((status = 200, body = Items<Resize>)))]
pub async fn resizes(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<Items<Resize>>> {
    Ok(Json(Items {
        items: svc.resizes(&p).await?,
    }))
}

#[utoipa::path(post, path = "/api/v1/backgrounds/{id}/unlock", tag = "team", security(("bearer" = [])),
    responses((status = 200, body = Payment, description = "usable in styles once granted"), (status = 409, body = Problem)))]
pub async fn unlock_background(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<Payment>> {
    Ok(Json(svc.unlock_background(&p, &id).await?))
}

#[utoipa::path(get, path = "/api/v1/studio/backgrounds", tag = "studio", security(("bearer" = [])),
    responses((status = 200, body = Items<LibraryBackground>)))]
pub async fn library(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<Items<LibraryBackground>>> {
    Ok(Json(Items {
        items: svc.library(&p).await?,
    }))
}

/// Reads the library form (API and page): `name`, `position`, `free`,
/// `price_cents`, `colors` (comma-separated) and an optional `image`.
pub fn new_library_background(up: crate::http::extract::Uploads) -> NewLibraryBackground {
    let text = |k: &str| {
        up.text
            .get(k)
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    };
    NewLibraryBackground {
        change: LibraryChange {
            name: text("name"),
            position: text("position").parse().unwrap_or(100),
            free: matches!(text("free").as_str(), "true" | "1" | "on"),
            price_cents: text("price_cents").parse().unwrap_or(-1),
        },
        colors: text("colors")
            .split(',')
            .map(|c| c.trim().to_string())
            .collect(),
        image: up.files.into_iter().next().map(|(_, d)| d),
    }
}

#[utoipa::path(post, path = "/api/v1/studio/backgrounds", tag = "studio", security(("bearer" = [])),
    request_body(content_type = "multipart/form-data", description = "`name`, `position`, `free` (true/false), `price_cents`, and `colors` (comma-separated #rrggbb) or an `image`"),
    responses((status = 201, body = Background), (status = 422, body = Problem)))]
pub async fn add_library_background(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiMultipart(m): ApiMultipart,
) -> ApiResult<(StatusCode, Json<Background>)> {
    let up = read_uploads(m, &["image"], svc.settings.photo.max_upload_bytes).await?;
    Ok((
        StatusCode::CREATED,
        Json(
            svc.add_library_background(&p, new_library_background(up))
                .await?,
        ),
    ))
}

#[utoipa::path(patch, path = "/api/v1/studio/backgrounds/{id}", tag = "studio", security(("bearer" = [])), request_body = LibraryChange,
    responses((status = 200, body = Items<LibraryBackground>), (status = 422, body = Problem)))]
pub async fn update_library_background(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<LibraryChange>,
) -> ApiResult<Json<Items<LibraryBackground>>> {
    Ok(Json(Items {
        items: svc.update_library_background(&p, &id, b).await?,
    }))
}
