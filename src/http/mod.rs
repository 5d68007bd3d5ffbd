//! The web layer: the JSON API, the pages, file downloads and health.

pub mod api;
pub mod assets;
pub mod client_address;
pub mod cookies;
pub mod error;
pub mod extract;
pub mod metrics;
pub mod pages;
pub mod routes;
pub mod serve;

use crate::services::Services;
use crate::services::views::PhotoPicture;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

/// The largest CSV a team may import (the body limit of the import routes).
pub const IMPORT_LIMIT_BYTES: u64 = 2_000_000;

pub fn router(svc: Services) -> Router {
    // Multipart overhead on top of the largest accepted file.
    let upload_limit = svc.settings.photo.max_upload_bytes as usize + 64 * 1024;
    routes(upload_limit)
        .into_router()
        // A body that stops arriving is cut off (a slow upload still goes
        // through: the clock restarts with every chunk).
        .layer(tower_http::timeout::RequestBodyTimeoutLayer::new(svc.settings.body_timeout))
        .layer(axum::middleware::from_fn_with_state(svc.clone(), extract::csrf_layer))
        .layer(axum::middleware::from_fn(metrics::timed))
        .layer(axum::middleware::from_fn_with_state(svc.clone(), client_address::layer))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::if_not_present(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        // Scripts only from our own files; pictures may come from https (the studio's logo).
        .layer(SetResponseHeaderLayer::if_not_present(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(
            "default-src 'self'; img-src 'self' https: data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
        )))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &axum::http::Request<_>| {
            // The path holds secrets (personal and share links): log the route shape only.
            tracing::info_span!("request", method = %req.method(), path = %redact(req.uri().path()))
        }))
        .with_state(svc)
}

/// Every route of the server, remembering its path: the API under
/// `/api/v1`, the pages, files and health.
pub fn routes(upload_limit: usize) -> routes::Routes {
    routes::Routes::new()
        .nest("/api/v1", api::routes(upload_limit))
        .route("/api/openapi.json", get(api::openapi::serve))
        .merge(pages::routes(upload_limit))
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics::public))
        .route("/files/{id}", get(download))
        .route("/thumbs/{team}/{headshot}/{photo}", get(thumbnail))
        .route("/photos/{team}/{headshot}/{photo}", get(display_photo))
        .route("/previews/{photo}", get(draft_preview))
        .route("/backgrounds/{id}/preview.svg", get(background_svg))
        .route("/backgrounds/{id}/preview.jpg", get(background_jpeg))
        .route(
            "/custom-backgrounds/files/{id}",
            get(custom_background_file),
        )
        .route("/backgrounds/{id}/image", get(background_image))
        .route(
            "/backgrounds/{id}/locked-preview.jpg",
            get(background_locked_preview),
        )
        .route("/o/{id}/{pixel}", get(open_pixel))
        .route(
            "/static/team-import-template.csv",
            get(assets::import_template),
        )
        .route("/static/{name}", get(assets::serve))
}

/// `/m/<secret>` → `/m/…` for logs: every path segment that is a bearer
/// secret (personal, share, sign-in, open-pixel, invite and confirmation
/// links).
fn redact(path: &str) -> String {
    let original: Vec<&str> = path.split('/').collect();
    let mut parts = original.clone();
    for i in 1..parts.len() {
        if matches!(
            original[i - 1],
            "m" | "d" | "link" | "o" | "join" | "confirm"
        ) {
            parts[i] = "…";
        }
    }
    parts.join("/")
}

pub(crate) async fn healthz(State(svc): State<Services>) -> Response {
    match sqlx::query("SELECT 1").execute(&svc.db.pool).await {
        Ok(_) => (
            StatusCode::OK,
            axum::Json(serde_json::json!({"status": "ok"})),
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                axum::Json(serde_json::json!({"status": "database unreachable"})),
            )
                .into_response()
        }
    }
}

#[derive(Deserialize)]
struct FileQuery {
    exp: i64,
    sig: String,
    #[serde(default)]
    download: Option<String>,
}

async fn download(
    State(svc): State<Services>,
    Path(id): Path<String>,
    extract::ApiQuery(q): extract::ApiQuery<FileQuery>,
) -> Result<Response, error::ApiError> {
    let d = svc.download(&id, q.exp, &q.sig).await?;
    let disposition = if q.download.is_some() {
        "attachment"
    } else {
        "inline"
    };
    Ok((
        [
            (header::CONTENT_TYPE, d.content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("{disposition}; filename=\"{}\"", d.file_name),
            ),
            (header::CACHE_CONTROL, "private, max-age=3600".to_string()),
        ],
        d.data,
    )
        .into_response())
}

#[derive(Deserialize)]
struct SignedQuery {
    exp: i64,
    sig: String,
}

async fn thumbnail(
    svc: State<Services>,
    path: Path<(String, String, String)>,
    q: extract::ApiQuery<SignedQuery>,
) -> Result<Response, error::ApiError> {
    photo_picture(PhotoPicture::Thumbnail, svc, path, q).await
}

async fn display_photo(
    svc: State<Services>,
    path: Path<(String, String, String)>,
    q: extract::ApiQuery<SignedQuery>,
) -> Result<Response, error::ApiError> {
    photo_picture(PhotoPicture::Display, svc, path, q).await
}

async fn photo_picture(
    kind: PhotoPicture,
    State(svc): State<Services>,
    Path((team, headshot, photo)): Path<(String, String, String)>,
    extract::ApiQuery(q): extract::ApiQuery<SignedQuery>,
) -> Result<Response, error::ApiError> {
    let d = svc
        .photo_picture(kind, (&team, &headshot, &photo), q.exp, &q.sig)
        .await?;
    Ok((
        [
            (header::CONTENT_TYPE, d.content_type),
            (header::CACHE_CONTROL, "private, max-age=3600"),
        ],
        d.data,
    )
        .into_response())
}

async fn draft_preview(
    State(svc): State<Services>,
    Path(photo): Path<String>,
    extract::ApiQuery(q): extract::ApiQuery<SignedQuery>,
) -> Result<Response, error::ApiError> {
    let d = svc.draft_preview_file(&photo, q.exp, &q.sig).await?;
    Ok((
        [
            (header::CONTENT_TYPE, d.content_type),
            (header::CACHE_CONTROL, "private, max-age=3600"),
        ],
        d.data,
    )
        .into_response())
}

async fn background_svg(
    State(svc): State<Services>,
    Path(id): Path<String>,
) -> Result<Response, error::ApiError> {
    let svg = svc.background_svg(&id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        svg,
    )
        .into_response())
}

async fn background_jpeg(
    State(svc): State<Services>,
    Path(id): Path<String>,
) -> Result<Response, error::ApiError> {
    let jpeg = svc.background_generated_preview(&id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/jpeg"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        jpeg,
    )
        .into_response())
}

async fn custom_background_file(
    State(svc): State<Services>,
    Path(id): Path<String>,
    extract::ApiQuery(q): extract::ApiQuery<SignedQuery>,
) -> Result<Response, error::ApiError> {
    let (content_type, data) = svc.custom_background_file(&id, q.exp, &q.sig).await?;
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "private, max-age=3600".into()),
        ],
        data,
    )
        .into_response())
}

async fn background_image(
    State(svc): State<Services>,
    Path(id): Path<String>,
    extract::ApiQuery(q): extract::ApiQuery<SignedQuery>,
) -> Result<Response, error::ApiError> {
    let data = svc.background_image(&id, q.exp, &q.sig).await?;
    let ctype = if data.starts_with(b"\x89PNG") {
        "image/png"
    } else {
        "image/jpeg"
    };
    Ok((
        [
            (header::CONTENT_TYPE, ctype),
            (header::CACHE_CONTROL, "private, max-age=3600"),
        ],
        data,
    )
        .into_response())
}

async fn background_locked_preview(
    State(svc): State<Services>,
    Path(id): Path<String>,
    extract::ApiQuery(q): extract::ApiQuery<SignedQuery>,
) -> Result<Response, error::ApiError> {
    let jpeg = svc.background_locked_preview(&id, q.exp, &q.sig).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/jpeg"),
            (header::CACHE_CONTROL, "private, max-age=3600"),
        ],
        jpeg,
    )
        .into_response())
}

/// 1×1 transparent GIF.
const PIXEL: &[u8] = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;";

async fn open_pixel(
    State(svc): State<Services>,
    Path((id, pixel)): Path<(String, String)>,
) -> Response {
    let sig = pixel.trim_end_matches(".gif");
    if let Err(e) = svc.pixel_opened(&id, sig).await {
        tracing::debug!(error = %e, "open pixel ignored");
    }
    (
        [
            (header::CONTENT_TYPE, "image/gif"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        PIXEL,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    #[test]
    fn secrets_in_paths_are_redacted_for_logs() {
        assert_eq!(super::redact("/m/abcdef/photo"), "/m/…/photo");
        assert_eq!(super::redact("/d/xyz"), "/d/…");
        assert_eq!(super::redact("/join/abc"), "/join/…");
        assert_eq!(super::redact("/join/confirm/tok"), "/join/…/…");
        assert_eq!(
            super::redact("/get-started/confirm/tok"),
            "/get-started/confirm/…"
        );
        assert_eq!(super::redact("/api/v1/headshots"), "/api/v1/headshots");
    }
}
