//! Team endpoints for many headshots at once: CSV import and export,
//! reminders, bulk actions, and the share link.

use super::team::Items;
use crate::http::error::{ApiResult, Problem};
use crate::http::extract::{ApiCaller, ApiJson, ApiQuery};
use crate::services::Services;
use crate::services::import::ImportResult;
use crate::services::team_actions::{BulkRequest, BulkResult};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

#[derive(Deserialize, utoipa::IntoParams)]
pub struct ImportQuery {
    /// Validate and preview only; nothing is created.
    #[serde(default)]
    pub dry_run: bool,
    /// Import addresses that look like typos of common mail domains
    /// (listed in a dry run's `typos`) as they are.
    #[serde(default)]
    pub confirm_addresses: bool,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ShareLink {
    pub url: String,
}

#[utoipa::path(post, path = "/api/v1/headshots/import", tag = "team", security(("bearer" = [])), params(ImportQuery),
    request_body(content = String, content_type = "text/csv", description = "columns first_name, last_name, email, optional due_date"),
    responses((status = 200, body = ImportResult), (status = 402, body = Problem, description = "more rows than credits; nothing created"),
              (status = 422, body = Problem, description = "`errors` name every bad line; nothing created")))]
pub async fn import(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiQuery(q): ApiQuery<ImportQuery>,
    body: Bytes,
) -> ApiResult<Json<ImportResult>> {
    Ok(Json(
        svc.import_members(&p, &body, q.dry_run, q.confirm_addresses)
            .await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/headshots/export.csv", tag = "team", security(("bearer" = [])),
    responses((status = 200, content_type = "text/csv", description = "one row per headshot, header first; formula-like cells are neutralised")))]
pub async fn export(State(svc): State<Services>, ApiCaller(p): ApiCaller) -> ApiResult<Response> {
    let csv = svc.status_csv(&p).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"headshots.csv\"",
            ),
        ],
        csv,
    )
        .into_response())
}

#[utoipa::path(post, path = "/api/v1/headshots/{id}/remind", tag = "team", security(("bearer" = [])),
    responses((status = 202, description = "the reminder is queued"), (status = 409, body = Problem, description = "photo already uploaded, or reminded within the studio's gap between reminders (24 hours by default)")))]
pub async fn remind(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    svc.remind(&p, &id).await?;
    Ok(StatusCode::ACCEPTED)
}

#[utoipa::path(post, path = "/api/v1/headshots/bulk", tag = "team", security(("bearer" = [])), request_body = BulkRequest,
    responses((status = 200, body = Items<BulkResult>), (status = 422, body = Problem)))]
pub async fn bulk(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    headers: HeaderMap,
    ApiJson(req): ApiJson<BulkRequest>,
) -> ApiResult<Response> {
    // Expedite is paid: an Idempotency-Key makes a repeated request charge once.
    let team = p.leader_team()?.to_string();
    let mut ids = req.ids.clone();
    ids.sort();
    let fp = super::billing::fingerprint(&[
        "bulk",
        req.action.as_str(),
        &ids.join(","),
        req.due_date.as_deref().unwrap_or(""),
    ]);
    let a = svc
        .idempotent(
            &team,
            super::billing::idempotency_key(&headers).as_deref(),
            &fp,
            {
                let svc = svc.clone();
                move || async move {
                    let results = svc.bulk(&p, req).await?;
                    Ok((200, serde_json::json!({ "results": results })))
                }
            },
        )
        .await?;
    Ok(super::billing::answer(a))
}

#[utoipa::path(post, path = "/api/v1/share-link", tag = "team", security(("bearer" = [])),
    responses((status = 200, body = ShareLink, description = "a new secret; the previous link stops working")))]
pub async fn rotate_share(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<ShareLink>> {
    Ok(Json(ShareLink {
        url: svc.rotate_share_link(&p).await?,
    }))
}

#[utoipa::path(delete, path = "/api/v1/share-link", tag = "team", security(("bearer" = [])), responses((status = 204, description = "revoked")))]
pub async fn revoke_share(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<StatusCode> {
    svc.revoke_share_link(&p).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/headshots/approved.zip", tag = "team", security(("bearer" = [])),
    responses((status = 200, content_type = "application/zip", description = "every approved headshot's final files, streamed")))]
pub async fn approved_zip(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Response> {
    let stream = svc.approved_zip(&p).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"approved-headshots.zip\"",
            ),
        ],
        axum::body::Body::from_stream(stream),
    )
        .into_response())
}
