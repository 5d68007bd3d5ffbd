//! `/metrics` (Prometheus text format) and the layer that times requests.

use crate::services::Services;
use axum::extract::{MatchedPath, Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::time::Instant;

/// Times every request under its route template (`/api/v1/headshots/{id}`),
/// never its concrete path: paths hold secrets and ids.
pub async fn timed(req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", MatchedPath::as_str)
        .to_string();
    // Clients choose the method: a fixed set keeps the label count bounded.
    let method = match req.method().as_str() {
        m @ ("GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS") => m,
        _ => "other",
    }
    .to_string();
    let start = Instant::now();
    let response = next.run(req).await;
    crate::telemetry::metrics().request(
        &method,
        &route,
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

pub async fn serve(State(svc): State<Services>) -> Response {
    let now = svc.now_ms();
    // Without the database the process's own counters still matter most.
    let queue = match crate::db::jobs::queue_stats(&svc.db.pool, now).await {
        Ok(rows) => Some(
            rows.into_iter()
                .map(|(kind, n, oldest)| {
                    let age = oldest.map_or(0.0, |t| (now - t).max(0) as f64 / 1000.0);
                    (kind, n, age)
                })
                .collect::<Vec<_>>(),
        ),
        Err(e) => {
            tracing::error!(error = %e, "metrics: the job queue could not be read");
            None
        }
    };
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        crate::telemetry::metrics().render(queue.as_deref()),
    )
        .into_response()
}
