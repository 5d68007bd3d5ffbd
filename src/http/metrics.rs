//! `/metrics` (OpenMetrics text, which Prometheus reads) and the layer that
//! times requests.

use crate::services::Services;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use secrecy::ExposeSecret;
use std::time::Instant;

/// Times every request under its route template (`/api/v1/headshots/{id}`),
/// never its concrete path: paths hold secrets and ids.
pub async fn timed(req: Request, next: Next) -> Response {
    // Cheap to clone (shared): no allocation per request.
    let route = req.extensions().get::<MatchedPath>().cloned();
    // Clients choose the method: a fixed set keeps the label count bounded.
    let method = match req.method().as_str() {
        "GET" => "GET",
        "HEAD" => "HEAD",
        "POST" => "POST",
        "PUT" => "PUT",
        "PATCH" => "PATCH",
        "DELETE" => "DELETE",
        "OPTIONS" => "OPTIONS",
        _ => "other",
    };
    let start = Instant::now();
    let response = next.run(req).await;
    crate::telemetry::metrics().request(
        method,
        route.as_ref().map_or("unmatched", MatchedPath::as_str),
        response.status().as_u16(),
        start.elapsed().as_secs_f64(),
    );
    response
}

/// `/metrics` and `/healthz` alone, for `teamshot worker --metrics-listen`.
pub fn router(svc: Services) -> axum::Router {
    axum::Router::new()
        .route("/metrics", axum::routing::get(serve))
        .route("/healthz", axum::routing::get(super::healthz))
        .with_state(svc)
}

/// Serves `/metrics` and `/healthz` on their own address until `stop`.
pub async fn serve_separately(
    svc: &Services,
    addr: std::net::SocketAddr,
    stop: tokio_util::sync::CancellationToken,
) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
        anyhow::anyhow!("cannot listen on {addr} for metrics ({e}): choose a free address (--metrics-listen / TEAMSHOT_METRICS_LISTEN)")
    })?;
    let app = router(svc.clone());
    tokio::spawn(async move {
        axum::serve(listener, app)
            .with_graceful_shutdown(stop.cancelled_owned())
            .await
    });
    Ok(())
}

/// `/metrics` on the public listener: absent when a separate metrics
/// address is set.
pub async fn public(State(svc): State<Services>, headers: HeaderMap) -> Response {
    if svc.settings.metrics_listen.is_some() {
        return crate::http::error::plain_problem(
            StatusCode::NOT_FOUND,
            "Not found",
            "Metrics are served on the separate metrics address.",
        )
        .into_response();
    }
    serve(State(svc), headers).await
}

pub async fn serve(State(svc): State<Services>, headers: HeaderMap) -> Response {
    if let Some(token) = &svc.settings.metrics_token {
        let given = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .unwrap_or_default();
        if !crate::services::secrets::constant_time_eq(given, token.expose_secret()) {
            return (
                StatusCode::UNAUTHORIZED,
                [(header::WWW_AUTHENTICATE, "Bearer")],
                "Metrics need Authorization: Bearer <metrics token>.\n",
            )
                .into_response();
        }
    }
    let now = svc.now_ms();
    // Without the database the process's own counters still matter most.
    let queue = match crate::db::jobs::queue_stats(&svc.db.pool, now).await {
        Ok(rows) => {
            let mut stats: Vec<_> = rows
                .into_iter()
                .map(|(kind, n, oldest, dead)| {
                    let age = oldest.map_or(0.0, |t| (now - t).max(0) as f64 / 1000.0);
                    (kind, n, age, dead)
                })
                .collect();
            // Every kind has a figure, 0 when it has no jobs: an empty
            // queue reads as zero, not as missing data.
            for kind in crate::queue::JobKind::ALL {
                if !stats.iter().any(|s| s.0 == kind.as_str()) {
                    stats.push((kind.as_str().to_string(), 0, 0.0, 0));
                }
            }
            Some(stats)
        }
        Err(e) => {
            tracing::error!(error = %e, "metrics: the job queue could not be read");
            None
        }
    };
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        crate::telemetry::metrics().render(queue.as_deref()),
    )
        .into_response()
}
