//! A team's webhook endpoints and their delivery log.

use super::team::Items;
use crate::http::error::{ApiResult, Problem};
use crate::http::extract::{ApiCaller, ApiJson};
use crate::services::Services;
use crate::services::webhooks::{NewWebhook, Webhook, WebhookDelivery};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;

#[utoipa::path(post, path = "/api/v1/webhooks", tag = "team", security(("bearer" = [])), request_body = NewWebhook,
    responses((status = 201, body = Webhook, description = "the endpoint with its signing secret"), (status = 422, body = Problem)))]
pub async fn create(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiJson(b): ApiJson<NewWebhook>,
) -> ApiResult<(StatusCode, Json<Webhook>)> {
    Ok((StatusCode::CREATED, Json(svc.create_webhook(&p, &b).await?)))
}

#[utoipa::path(get, path = "/api/v1/webhooks", tag = "team", security(("bearer" = [])),
    responses((status = 200, body = Items<Webhook>)))]
pub async fn list(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<Items<Webhook>>> {
    Ok(Json(Items {
        items: svc.webhooks(&p).await?,
    }))
}

#[utoipa::path(delete, path = "/api/v1/webhooks/{id}", tag = "team", security(("bearer" = [])),
    responses((status = 204, description = "deleted; pending deliveries are dropped"), (status = 404, body = Problem)))]
pub async fn delete(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    svc.delete_webhook(&p, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/webhooks/{id}/deliveries", tag = "team", security(("bearer" = [])),
    responses((status = 200, body = Items<WebhookDelivery>, description = "the newest 50 attempts, newest first"), (status = 404, body = Problem)))]
pub async fn deliveries(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<Items<WebhookDelivery>>> {
    Ok(Json(Items {
        items: svc.webhook_deliveries(&p, &id).await?,
    }))
}
