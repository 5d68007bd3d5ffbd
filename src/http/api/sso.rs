//! Sign-in with an identity provider (OpenID Connect): the team's for its
//! leaders, `GET/PUT/DELETE /team/sso`, and the studio's for its staff,
//! `GET/PUT/DELETE /studio/sso` (admins).

use crate::http::error::{ApiResult, Problem};
use crate::http::extract::{ApiCaller, ApiJson};
use crate::services::Services;
use crate::services::sso::{SsoFor, SsoInput, SsoSettings};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

async fn read(
    svc: &Services,
    p: &crate::services::Principal,
    which: SsoFor,
) -> ApiResult<Json<SsoSettings>> {
    Ok(Json(svc.sso_settings(p, which).await?))
}

#[utoipa::path(get, path = "/api/v1/team/sso", tag = "team", security(("bearer" = [])),
    responses((status = 200, body = SsoSettings, description = "`enabled: false` and the redirect URI to register before it is set up"), (status = 403, body = Problem, description = "the share link, or a department's leader"),
        (status = 404, body = Problem, description = "not a leader")))]
pub async fn team(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<SsoSettings>> {
    read(&svc, &p, SsoFor::Team).await
}

#[utoipa::path(put, path = "/api/v1/team/sso", tag = "team", security(("bearer" = [])), request_body = SsoInput,
    responses((status = 200, body = SsoSettings, description = "set up or changed, after reading the provider's discovery document"),
        (status = 403, body = Problem), (status = 422, body = Problem, description = "a field is missing or wrong, or the provider's discovery document could not be read (`issuer`)")))]
pub async fn set_team(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiJson(b): ApiJson<SsoInput>,
) -> ApiResult<Json<SsoSettings>> {
    Ok(Json(svc.set_sso(&p, SsoFor::Team, b).await?))
}

#[utoipa::path(delete, path = "/api/v1/team/sso", tag = "team", security(("bearer" = [])),
    responses((status = 204, description = "turned off (or off already): accounts stay"), (status = 403, body = Problem)))]
pub async fn remove_team(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<StatusCode> {
    svc.remove_sso(&p, SsoFor::Team).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/studio/sso", tag = "studio", security(("bearer" = [])),
    responses((status = 200, body = SsoSettings), (status = 403, body = Problem, description = "not an admin"), (status = 404, body = Problem)))]
pub async fn studio(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<SsoSettings>> {
    read(&svc, &p, SsoFor::Studio).await
}

#[utoipa::path(put, path = "/api/v1/studio/sso", tag = "studio", security(("bearer" = [])), request_body = SsoInput,
    responses((status = 200, body = SsoSettings), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn set_studio(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiJson(b): ApiJson<SsoInput>,
) -> ApiResult<Json<SsoSettings>> {
    Ok(Json(svc.set_sso(&p, SsoFor::Studio, b).await?))
}

#[utoipa::path(delete, path = "/api/v1/studio/sso", tag = "studio", security(("bearer" = [])),
    responses((status = 204, description = "turned off (or off already)"), (status = 403, body = Problem)))]
pub async fn remove_studio(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<StatusCode> {
    svc.remove_sso(&p, SsoFor::Studio).await?;
    Ok(StatusCode::NO_CONTENT)
}
