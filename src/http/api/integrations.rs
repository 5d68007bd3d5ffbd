//! The services approved headshots become profile photos at:
//! `GET /team/integrations`, `DELETE /team/integrations/{provider}`
//! (connecting goes through the provider's consent page, in a browser).

use super::team::Items;
use crate::http::error::{ApiResult, Problem};
use crate::http::extract::ApiCaller;
use crate::services::Services;
use crate::services::photo_push::Integration;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;

#[utoipa::path(get, path = "/api/v1/team/integrations", tag = "team", security(("bearer" = [])),
    responses((status = 200, body = Items<Integration>, description = "each service: offered by the studio, connected, and the redirect URI"),
        (status = 403, body = Problem, description = "a department's leader")))]
pub async fn list(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<Items<Integration>>> {
    Ok(Json(Items {
        items: svc.integrations(&p).await?,
    }))
}

#[utoipa::path(delete, path = "/api/v1/team/integrations/{provider}", tag = "team", security(("bearer" = [])),
    responses((status = 204, description = "disconnected (or not connected): new approvals are not pushed"),
        (status = 403, body = Problem), (status = 404, body = Problem, description = "no such service")))]
pub async fn disconnect(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(provider): Path<String>,
) -> ApiResult<StatusCode> {
    svc.disconnect(&p, &provider).await?;
    Ok(StatusCode::NO_CONTENT)
}
