//! Dead jobs, for studio admins.

use super::team::Items;
use crate::http::error::{ApiResult, Problem};
use crate::http::extract::{ApiCaller, ApiJson};
use crate::services::dead_jobs::{DeadJob, Revived};
use crate::services::{Services, StudioActor};
use axum::Json;
use axum::extract::State;

#[utoipa::path(get, path = "/api/v1/studio/jobs/dead", tag = "studio", security(("bearer" = [])),
    responses((status = 200, body = Items<DeadJob>, description = "jobs given up after every attempt; admins only")))]
pub async fn dead(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<Items<DeadJob>>> {
    Ok(Json(Items {
        items: svc.dead_jobs(StudioActor::Staff(&p)).await?,
    }))
}

#[derive(Debug, Default, serde::Deserialize, utoipa::ToSchema)]
pub struct RetryDead {
    /// One job; omitted: every dead job.
    #[serde(default)]
    pub id: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/studio/jobs/dead/retry", tag = "studio", security(("bearer" = [])), request_body = RetryDead,
    responses((status = 200, body = Revived), (status = 404, body = Problem, description = "no such dead job")))]
pub async fn retry(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiJson(b): ApiJson<RetryDead>,
) -> ApiResult<Json<Revived>> {
    Ok(Json(
        svc.retry_dead_jobs(StudioActor::Staff(&p), b.id.as_deref())
            .await?,
    ))
}
