//! Studio endpoints (staff API token, checked against the role).

use super::team::Items;
use crate::domain::qc_reasons::QcReason;
use crate::domain::studio_settings::StudioSettings;
use crate::http::error::{ApiError, ApiResult, Problem};
use crate::http::extract::{ApiCaller, ApiJson, ApiMultipart, ApiQuery, read_uploads};
use crate::imaging::render::Handed;
use crate::services::bounces::{BounceMarked, BounceReport};
use crate::services::quality_check::QcDecision;
use crate::services::report_csv::ReportTable;
use crate::services::reports::{Report, ReportRange};
use crate::services::studio_queue::QueueItem;
use crate::services::teams::{Creator, GrantCredits, NewTeam, TeamCreated};
use crate::services::views::{Headshot, LedgerEntry, Team};
use crate::services::{Error, Principal, Services};
use axum::Json;
use axum::extract::{FromRequest, Path, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

#[derive(Deserialize, utoipa::IntoParams)]
pub struct QueueQuery {
    /// `quality_check` or `retouching`.
    pub stage: String,
}

#[utoipa::path(get, path = "/api/v1/studio/queue", tag = "studio", security(("bearer" = [])), params(QueueQuery),
    responses((status = 200, body = Items<QueueItem>, description = "earliest due first, expedited first on ties")))]
pub async fn queue(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiQuery(q): ApiQuery<QueueQuery>,
) -> ApiResult<Json<Items<QueueItem>>> {
    Ok(Json(Items {
        items: svc.studio_queue(&p, &q.stage).await?,
    }))
}

#[utoipa::path(get, path = "/api/v1/studio/qc-reasons", tag = "studio", security(("bearer" = [])), responses((status = 200, body = Items<QcReason>)))]
pub async fn qc_reasons(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<Items<QcReason>>> {
    Ok(Json(Items {
        items: svc.qc_reasons(&p).await?,
    }))
}

#[utoipa::path(get, path = "/api/v1/studio/headshots/{id}/photo", tag = "studio", security(("bearer" = [])),
    responses((status = 200, description = "the uploaded original, private metadata removed")))]
pub async fn photo(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    Ok(private_image(svc.original_photo(&p, &id).await?))
}

/// A picture only the caller may see: never kept by a cache.
fn private_image(d: crate::services::files::Download) -> Response {
    (
        [
            (header::CONTENT_TYPE, d.content_type),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        d.data,
    )
        .into_response()
}

#[utoipa::path(get, path = "/api/v1/studio/headshots/{id}/draft-cutout", tag = "studio", security(("bearer" = [])),
    responses((status = 200, description = "the automatic cut-out of the current photo: a PNG with transparency at the upright photo's full size"),
        (status = 409, body = Problem, description = "the draft is still being made, or there is none (the detail says why)")))]
pub async fn draft_cutout(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    Ok(private_image(svc.draft_cutout(&p, &id).await?))
}

#[utoipa::path(post, path = "/api/v1/studio/headshots/{id}/quality-check", tag = "studio", security(("bearer" = [])), request_body = QcDecision,
    responses((status = 200, body = Headshot), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn quality_check(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<QcDecision>,
) -> ApiResult<Json<Headshot>> {
    Ok(Json(svc.quality_check(&p, &id, body).await?))
}

#[utoipa::path(post, path = "/api/v1/studio/headshots/{id}/deliver", tag = "studio", security(("bearer" = [])),
    request_body(description = "multipart/form-data with the file in `cutout` (PNG with alpha) or `image` (or no file and `use_draft=true`); or JSON `{\"use_draft\": true}` to deliver the automatic cut-out"),
    responses((status = 200, body = Headshot), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn deliver(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
    req: Request,
) -> Response {
    let json = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let delivered = if json {
        match ApiJson::<UseDraft>::from_request(req, &svc).await {
            Ok(ApiJson(UseDraft { use_draft: true })) => svc.deliver_draft(&p, &id).await,
            Ok(_) => Err(Error::invalid(
                "use_draft",
                "Send {\"use_draft\": true} to deliver the draft, or the file as multipart/form-data.",
            )),
            Err(problem) => return problem.into_response(),
        }
    } else {
        let m = match ApiMultipart::from_request(req, &svc).await {
            Ok(ApiMultipart(m)) => m,
            Err(problem) => return problem.into_response(),
        };
        deliver_form(&svc, &p, &id, m).await
    };
    match delivered {
        Ok(h) => Json(h).into_response(),
        Err(e) => ApiError(e).into_response(),
    }
}

/// `{"use_draft": true}`: deliver the automatic cut-out.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct UseDraft {
    pub use_draft: bool,
}

/// A multipart delivery: the file in `cutout` or `image`, or no file and
/// `use_draft=true`.
async fn deliver_form(
    svc: &Services,
    p: &Principal,
    id: &str,
    m: axum::extract::Multipart,
) -> Result<Headshot, Error> {
    let up = read_uploads(m, &["cutout", "image"], svc.settings.photo.max_upload_bytes).await?;
    let use_draft = up
        .text
        .get("use_draft")
        .is_some_and(|v| v == "true" || v == "on");
    match up.files.into_iter().next() {
        Some((field, data)) => {
            let handed = if field == "cutout" {
                Handed::Cutout
            } else {
                Handed::Image
            };
            svc.deliver(p, id, data, handed).await
        }
        None if use_draft => svc.deliver_draft(p, id).await,
        None => Err(Error::invalid(
            "cutout",
            "Attach a file in the form field cutout or image, or send use_draft=true to deliver the draft.",
        )),
    }
}

#[utoipa::path(post, path = "/api/v1/studio/teams", tag = "studio", security(("bearer" = [])), request_body = NewTeam,
    responses((status = 201, body = TeamCreated), (status = 422, body = Problem)))]
pub async fn create_team(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiJson(body): ApiJson<NewTeam>,
) -> ApiResult<(StatusCode, Json<TeamCreated>)> {
    Ok((
        StatusCode::CREATED,
        Json(svc.create_team(Creator::Staff(&p), body).await?),
    ))
}

/// A permanent bounce reported by the studio's mail provider: every
/// headshot with that address shows *Email bounced* and gets no more mail
/// until a leader corrects it.
#[utoipa::path(post, path = "/api/v1/studio/bounces", tag = "studio", security(("bearer" = [])), request_body = BounceReport,
    responses((status = 200, body = BounceMarked), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn report_bounce(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiJson(body): ApiJson<BounceReport>,
) -> ApiResult<Json<BounceMarked>> {
    Ok(Json(svc.report_bounce(&p, body).await?))
}

#[utoipa::path(get, path = "/api/v1/studio/teams", tag = "studio", security(("bearer" = [])), responses((status = 200, body = Items<Team>)))]
pub async fn list_teams(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<Items<Team>>> {
    Ok(Json(Items {
        items: svc.list_teams(&p).await?,
    }))
}

#[utoipa::path(post, path = "/api/v1/studio/teams/{id}/credits", tag = "studio", security(("bearer" = [])), request_body = GrantCredits,
    responses((status = 201, body = LedgerEntry), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn grant_credits(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
    ApiJson(body): ApiJson<GrantCredits>,
) -> ApiResult<(StatusCode, Json<LedgerEntry>)> {
    Ok((
        StatusCode::CREATED,
        Json(svc.grant_credits(&p, &id, body).await?),
    ))
}

/// Turns Express on or off for a team.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct ExpressBody {
    pub enabled: bool,
}

#[utoipa::path(put, path = "/api/v1/studio/teams/{id}/express", tag = "studio", security(("bearer" = [])), request_body = ExpressBody,
    responses((status = 200, body = Team), (status = 404, body = Problem)))]
pub async fn set_express(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<ExpressBody>,
) -> ApiResult<Json<Team>> {
    Ok(Json(svc.set_team_express(&p, &id, b.enabled).await?))
}

#[utoipa::path(post, path = "/api/v1/studio/headshots/{id}/claim", tag = "studio", security(("bearer" = [])),
    responses((status = 200, body = QueueItem), (status = 409, body = Problem, description = "another retoucher has it")))]
pub async fn claim(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<QueueItem>> {
    Ok(Json(svc.claim(&p, &id).await?))
}

#[utoipa::path(post, path = "/api/v1/studio/headshots/{id}/release", tag = "studio", security(("bearer" = [])),
    responses((status = 200, body = QueueItem), (status = 403, body = Problem, description = "someone else's claim")))]
pub async fn release(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(id): Path<String>,
) -> ApiResult<Json<QueueItem>> {
    Ok(Json(svc.release(&p, &id).await?))
}

#[utoipa::path(get, path = "/api/v1/studio/settings", tag = "studio", security(("bearer" = [])),
    responses((status = 200, body = StudioSettings)))]
pub async fn settings(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
) -> ApiResult<Json<StudioSettings>> {
    Ok(Json((*svc.studio_settings_for(&p).await?).clone()))
}

#[utoipa::path(put, path = "/api/v1/studio/settings", tag = "studio", security(("bearer" = [])), request_body = StudioSettings,
    responses((status = 200, body = StudioSettings), (status = 422, body = Problem)))]
pub async fn save_settings(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiJson(input): ApiJson<StudioSettings>,
) -> ApiResult<Json<StudioSettings>> {
    Ok(Json((*svc.save_studio_settings(&p, input).await?).clone()))
}

#[utoipa::path(get, path = "/api/v1/studio/reports", tag = "studio", security(("bearer" = [])), params(ReportRange),
    responses((status = 200, body = Report, description = "admins only; amounts in cents, each with its currency"),
              (status = 422, body = Problem, description = "a bad date or range")))]
pub async fn reports(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    ApiQuery(range): ApiQuery<ReportRange>,
) -> ApiResult<Json<Report>> {
    Ok(Json(svc.report(&p, &range).await?))
}

#[utoipa::path(get, path = "/api/v1/studio/reports/{file}", tag = "studio", security(("bearer" = [])), params(ReportRange,
        ("file" = String, Path, description = "revenue-by-month.csv, revenue-by-kind.csv, outstanding-invoices.csv, credits.csv or teams.csv")),
    responses((status = 200, content_type = "text/csv", description = "one table of the report; formula-like cells neutralised")))]
pub async fn report_csv(
    State(svc): State<Services>,
    ApiCaller(p): ApiCaller,
    Path(file): Path<String>,
    ApiQuery(range): ApiQuery<ReportRange>,
) -> ApiResult<axum::response::Response> {
    let table = ReportTable::from_file_name(&file).ok_or(Error::NotFound("report"))?;
    let body = svc.report_csv(&p, &range, table).await?;
    Ok(crate::http::pages::studio_reports::csv_download(
        table, body,
    ))
}
