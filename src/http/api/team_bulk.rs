//! Team endpoints for many headshots at once: CSV import and export,
//! reminders, bulk actions, and the share link.

use super::team::Items;
use crate::http::error::{ApiResult, Problem};
use crate::http::extract::{ApiCaller, ApiJson, ApiQuery};
use crate::services::Services;
use crate::services::import::{ImportOptions, ImportResult};
use crate::services::invite::Hold;
use crate::services::team_actions::{BulkRequest, BulkResult};
use crate::services::views::Headshot;
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
    /// `false` holds the welcome emails back, to send later
    /// (`POST /headshots/{id}/send-invite`, `POST /headshots/send-invites`).
    #[serde(default = "yes")]
    pub send_invites: bool,
}

fn yes() -> bool {
    true
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
        svc.import_members(
            &p,
            &body,
            ImportOptions {
                dry_run: q.dry_run,
                confirm_addresses: q.confirm_addresses,
                hold: Hold::sending(q.send_invites),
            },
        )
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

/// Sends a held-back invitation; an invitation already sent is left as it
/// is (sent twice, or twice at once, one email goes).
#[utoipa::path(post, path = "/api/v1/headshots/{id}/send-invite", tag = "team", security(("bearer" = [])),
    responses((status = 200, body = Headshot), (status = 404, body = Problem), (status = 409, body = Problem, description = "the address was corrected meanwhile: reload")))]
pub async fn send_invite(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<Headshot>> {
    Ok(Json(svc.send_invite(&p, &id).await?))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct InvitesSent {
    /// How many held-back invitations this call sent.
    pub sent: usize,
}

/// Sends every invitation of the team still held back.
#[utoipa::path(post, path = "/api/v1/headshots/send-invites", tag = "team", security(("bearer" = [])),
    responses((status = 200, body = InvitesSent)))]
pub async fn send_invites(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<InvitesSent>> {
    Ok(Json(InvitesSent {
        sent: svc.send_held_invites(&p).await?,
    }))
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
