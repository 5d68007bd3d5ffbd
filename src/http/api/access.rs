//! Who may act: API tokens (team and studio), leaders' removal, staff
//! accounts, the studio's audit trail.

use super::team::Items;
use crate::http::error::{ApiResult, Problem};
use crate::http::extract::{ApiCaller, ApiJson};
use crate::services::staff::StaffMember;
use crate::services::staff_invites::{NewStaff, RoleChange};
use crate::services::studio_audit::StudioAuditEntry;
use crate::services::tokens::{NewToken, TokenCreated, TokenView};
use crate::services::{Services, StudioActor};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;

#[utoipa::path(get, path = "/api/v1/team/tokens", tag = "team", security(("bearer" = [])),
    responses((status = 200, body = Items<TokenView>, description = "the team's tokens, without their secrets"), (status = 403, body = Problem)))]
pub async fn team_tokens(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<Items<TokenView>>> {
    Ok(Json(Items {
        items: svc.team_tokens(&p).await?,
    }))
}

#[utoipa::path(post, path = "/api/v1/team/tokens", tag = "team", security(("bearer" = [])), request_body = NewToken,
    responses((status = 201, body = TokenCreated, description = "the secret, shown this once"), (status = 422, body = Problem)))]
pub async fn create_team_token(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiJson(b): ApiJson<NewToken>,
) -> ApiResult<(StatusCode, Json<TokenCreated>)> {
    Ok((
        StatusCode::CREATED,
        Json(svc.create_team_token(&p, b).await?),
    ))
}

#[utoipa::path(delete, path = "/api/v1/team/tokens/{id}", tag = "team", security(("bearer" = [])),
    responses((status = 204, description = "revoked: its next use gets 401"), (status = 404, body = Problem)))]
pub async fn revoke_team_token(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    svc.revoke_team_token(&p, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/studio/tokens", tag = "studio", security(("bearer" = [])),
    responses((status = 200, body = Items<TokenView>, description = "your tokens (an admin: every staff token)")))]
pub async fn studio_tokens(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<Items<TokenView>>> {
    Ok(Json(Items {
        items: svc.staff_tokens(&p).await?,
    }))
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
pub struct NewStaffToken {
    pub name: String,
    /// Admins only: mint the token for this staff member.
    #[serde(default)]
    pub user_id: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/studio/tokens", tag = "studio", security(("bearer" = [])), request_body = NewStaffToken,
    responses((status = 201, body = TokenCreated, description = "the secret, shown this once"), (status = 422, body = Problem)))]
pub async fn create_studio_token(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiJson(b): ApiJson<NewStaffToken>,
) -> ApiResult<(StatusCode, Json<TokenCreated>)> {
    let created = svc
        .create_staff_token(&p, NewToken { name: b.name }, b.user_id.as_deref())
        .await?;
    Ok((StatusCode::CREATED, Json(created)))
}

#[utoipa::path(delete, path = "/api/v1/studio/tokens/{id}", tag = "studio", security(("bearer" = [])),
    responses((status = 204, description = "revoked: its next use gets 401"), (status = 404, body = Problem)))]
pub async fn revoke_studio_token(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    svc.revoke_staff_token(&p, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(delete, path = "/api/v1/leaders/{id}", tag = "team", security(("bearer" = [])),
    responses((status = 204, description = "removed; their sessions ended"), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem, description = "the team's last leader")))]
pub async fn remove_leader(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    svc.remove_leader(&p, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/studio/staff", tag = "studio", security(("bearer" = [])),
    responses((status = 200, body = Items<StaffMember>, description = "admins only")))]
pub async fn staff(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<Items<StaffMember>>> {
    Ok(Json(Items {
        items: svc.staff_members(&p).await?,
    }))
}

#[utoipa::path(post, path = "/api/v1/studio/staff", tag = "studio", security(("bearer" = [])), request_body = NewStaff,
    responses((status = 201, body = StaffMember, description = "invited: an email with a sign-in link (valid 3 days) to choose a password"), (status = 422, body = Problem, description = "a bad email, name or role, or the email has an account")))]
pub async fn invite_staff(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiJson(b): ApiJson<NewStaff>,
) -> ApiResult<(StatusCode, Json<StaffMember>)> {
    let m = svc.invite_staff(StudioActor::Staff(&p), b).await?;
    Ok((StatusCode::CREATED, Json(m)))
}

#[utoipa::path(patch, path = "/api/v1/studio/staff/{id}", tag = "studio", security(("bearer" = [])), request_body = RoleChange,
    responses((status = 200, body = StaffMember, description = "the new role applies from the next request"), (status = 409, body = Problem, description = "yourself, or the last active admin")))]
pub async fn change_staff_role(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<RoleChange>,
) -> ApiResult<Json<StaffMember>> {
    Ok(Json(
        svc.set_staff_role(StudioActor::Staff(&p), &id, b).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/studio/staff/{id}/deactivate", tag = "studio", security(("bearer" = [])),
    responses((status = 200, body = StaffMember, description = "sessions and tokens ended at once"), (status = 409, body = Problem, description = "yourself, or the last active admin")))]
pub async fn deactivate_staff(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<StaffMember>> {
    Ok(Json(
        svc.deactivate_staff(StudioActor::Staff(&p), &id).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/studio/staff/{id}/reactivate", tag = "studio", security(("bearer" = [])),
    responses((status = 200, body = StaffMember, description = "may sign in again (new link or password)")))]
pub async fn reactivate_staff(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<StaffMember>> {
    Ok(Json(
        svc.reactivate_staff(StudioActor::Staff(&p), &id).await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/studio/audit", tag = "studio", security(("bearer" = [])),
    responses((status = 200, body = Items<StudioAuditEntry>, description = "newest first; admins only")))]
pub async fn studio_audit(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<Items<StudioAuditEntry>>> {
    Ok(Json(Items {
        items: svc.studio_audit_log(&p).await?,
    }))
}
