//! Intake fields through the API: the team's questions and file-name
//! template (`/team/intake`), and a member's answers (`/me/intake` by the
//! member, `/headshots/{id}/intake` by a leader).

use super::member::own_id;
use crate::http::error::{ApiResult, Problem};
use crate::http::extract::{ApiCaller, ApiJson};
use crate::services::Services;
use crate::services::intake::{Answers, IntakeSettings, IntakeSettingsInput};
use crate::services::views::Headshot;
use axum::Json;
use axum::extract::{Path, State};

#[utoipa::path(get, path = "/api/v1/team/intake", tag = "team", security(("bearer" = [])),
    responses((status = 200, body = IntakeSettings)))]
pub async fn settings(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<IntakeSettings>> {
    Ok(Json(svc.intake_settings(&p).await?))
}

#[utoipa::path(put, path = "/api/v1/team/intake", tag = "team", security(("bearer" = [])), request_body = IntakeSettingsInput,
    responses((status = 200, body = IntakeSettings), (status = 403, body = Problem, description = "the share link"),
        (status = 422, body = Problem, description = "every problem, by `fields[i].label|key|choices` and `file_name_template`; nothing saved")))]
pub async fn save_settings(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiJson(b): ApiJson<IntakeSettingsInput>,
) -> ApiResult<Json<IntakeSettings>> {
    Ok(Json(svc.save_intake(&p, b).await?))
}

#[utoipa::path(put, path = "/api/v1/me/intake", tag = "member", security(("bearer" = [])), request_body = Answers,
    responses((status = 200, body = Headshot), (status = 422, body = Problem, description = "an unknown question, an answer not offered, or a required one missing (`values.KEY`)")))]
pub async fn answer(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiJson(b): ApiJson<Answers>,
) -> ApiResult<Json<Headshot>> {
    let id = own_id(&p)?.to_string();
    Ok(Json(svc.save_answers(&p, &id, b).await?))
}

#[utoipa::path(put, path = "/api/v1/headshots/{id}/intake", tag = "team", security(("bearer" = [])), request_body = Answers,
    responses((status = 200, body = Headshot), (status = 403, body = Problem, description = "the share link"), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn correct(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<Answers>,
) -> ApiResult<Json<Headshot>> {
    Ok(Json(svc.save_answers(&p, &id, b).await?))
}
