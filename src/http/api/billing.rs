//! Credits and payments: quotes, purchases, expedite, invoices, Stripe's webhook.

use super::team::Items;
use crate::http::error::{ApiResult, Problem};
use crate::http::extract::{ApiCaller, ApiJson, ApiQuery};
use crate::services::billing::{Expedited, Payment, Purchase, QuoteView};
use crate::services::idempotency::Answer;
use crate::services::views::Team;
use crate::services::{Principal, Services};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

#[derive(Deserialize, utoipa::IntoParams, utoipa::ToSchema)]
pub struct QuantityQuery {
    pub quantity: i64,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PurchaseBody {
    pub quantity: i64,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct RateBody {
    pub unit_price_cents: i64,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct StudioPayment {
    #[serde(flatten)]
    pub payment: Payment,
    pub team_name: String,
}

pub(super) fn idempotency_key(h: &HeaderMap) -> Option<String> {
    h.get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(|s| s.trim().to_string())
}

pub(super) fn fingerprint(parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update(b"\x1f");
    }
    hex::encode(h.finalize())
}

pub(super) fn answer(a: Answer) -> Response {
    let status = StatusCode::from_u16(a.0).unwrap_or(StatusCode::OK);
    let ctype = if status.is_success() {
        "application/json"
    } else {
        "application/problem+json"
    };
    (status, [(header::CONTENT_TYPE, ctype)], a.1.to_string()).into_response()
}

fn team_of(p: &Principal) -> ApiResult<String> {
    Ok(p.leader_team()?.to_string())
}

#[utoipa::path(get, path = "/api/v1/credits/quote", tag = "billing", security(("bearer" = [])), params(QuantityQuery),
    responses((status = 200, body = QuoteView), (status = 409, body = Problem, description = "above 1000 credits the studio quotes a rate")))]
pub async fn quote(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiQuery(q): ApiQuery<QuantityQuery>,
) -> ApiResult<Json<QuoteView>> {
    Ok(Json(svc.quote_credits(&p, q.quantity).await?))
}

#[utoipa::path(post, path = "/api/v1/credits/purchase", tag = "billing", security(("bearer" = [])), request_body = PurchaseBody,
    params(("Idempotency-Key" = Option<String>, Header, description = "the same key gives the same answer and one purchase")),
    responses((status = 200, body = Purchase), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn purchase(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    headers: HeaderMap,
    ApiJson(body): ApiJson<PurchaseBody>,
) -> ApiResult<Response> {
    let team = team_of(&p)?;
    let fp = fingerprint(&["purchase", &body.quantity.to_string()]);
    let a = svc
        .idempotent(&team, idempotency_key(&headers).as_deref(), &fp, {
            let svc = svc.clone();
            move || async move {
                let r = svc.purchase_credits(&p, body.quantity).await?;
                Ok((200, serde_json::to_value(r).map_err(anyhow::Error::from)?))
            }
        })
        .await?;
    Ok(answer(a))
}

#[utoipa::path(post, path = "/api/v1/headshots/{id}/expedite", tag = "billing", security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "the same key gives the same answer and one charge")),
    responses((status = 200, body = Expedited), (status = 409, body = Problem)))]
pub async fn expedite(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let team = team_of(&p)?;
    let fp = fingerprint(&["expedite", &id]);
    let a = svc
        .idempotent(&team, idempotency_key(&headers).as_deref(), &fp, {
            let svc = svc.clone();
            move || async move {
                let (mut hs, payment) = svc.expedite(&p, std::slice::from_ref(&id)).await?;
                let r = Expedited {
                    headshot: hs.remove(0),
                    payment,
                };
                Ok((200, serde_json::to_value(r).map_err(anyhow::Error::from)?))
            }
        })
        .await?;
    Ok(answer(a))
}

#[utoipa::path(get, path = "/api/v1/payments", tag = "billing", security(("bearer" = [])), responses((status = 200, body = Items<Payment>)))]
pub async fn payments(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<Items<Payment>>> {
    Ok(Json(Items {
        items: svc.payments(&p).await?,
    }))
}

#[utoipa::path(put, path = "/api/v1/studio/teams/{id}/rate", tag = "studio", security(("bearer" = [])), request_body = RateBody,
    responses((status = 200, body = Team), (status = 422, body = Problem)))]
pub async fn set_rate(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<RateBody>,
) -> ApiResult<Json<Team>> {
    Ok(Json(svc.set_team_rate(&p, &id, b.unit_price_cents).await?))
}

#[utoipa::path(get, path = "/api/v1/studio/payments", tag = "studio", security(("bearer" = [])), responses((status = 200, body = Items<StudioPayment>)))]
pub async fn studio_payments(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<Items<StudioPayment>>> {
    let items = svc
        .all_payments(&p)
        .await?
        .into_iter()
        .map(|(payment, team_name)| StudioPayment { payment, team_name })
        .collect();
    Ok(Json(Items { items }))
}

#[utoipa::path(post, path = "/api/v1/studio/payments/{id}/mark-paid", tag = "studio", security(("bearer" = [])),
    responses((status = 200, body = Payment), (status = 409, body = Problem)))]
pub async fn mark_paid(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<Payment>> {
    Ok(Json(svc.mark_invoice_paid(&p, &id).await?))
}

/// A PDF download (`Content-Disposition: attachment`), never cached by a
/// shared proxy.
pub fn pdf_response(file_name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        bytes,
    )
        .into_response()
}

/// A payment's invoice as a PDF, for the team's leaders and the studio's
/// admins.
#[utoipa::path(get, path = "/api/v1/payments/{id}/invoice.pdf", tag = "billing", security(("bearer" = [])),
    responses((status = 200, content_type = "application/pdf", description = "the invoice"), (status = 404, body = Problem), (status = 409, body = Problem, description = "a card payment not yet confirmed: no invoice yet")))]
pub async fn invoice_pdf(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let (name, bytes) = svc.invoice_pdf(&p, &id).await?;
    Ok(pdf_response(&name, bytes))
}

/// Stripe calls this; the signature is the authentication.
#[utoipa::path(post, path = "/api/v1/stripe/webhook", tag = "billing",
    request_body(content = String, content_type = "application/json", description = "a Stripe event, signed in `Stripe-Signature`"),
    responses((status = 200, description = "accepted (also for events it ignores)"), (status = 400, body = Problem, description = "bad signature: nothing changed")))]
pub async fn stripe_webhook(
    State(svc): State<Services>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Json<serde_json::Value>> {
    let sig = headers
        .get("stripe-signature")
        .and_then(|v| v.to_str().ok());
    svc.stripe_webhook(sig, &body).await?;
    Ok(Json(serde_json::json!({"received": true})))
}
