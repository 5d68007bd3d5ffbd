//! The JSON API under `/api/v1`. Handlers only translate HTTP to service
//! calls; rules live in `services`.

pub mod access;
pub mod billing;
pub mod departments;
pub mod extras;
pub mod intake;
pub mod integrations;
pub mod invite_links;
pub mod jobs;
pub mod member;
pub mod openapi;
pub mod personal_data;
pub mod spending;
pub mod sso;
pub mod studio;
pub mod styles;
pub mod support;
pub mod team;
pub mod team_bulk;
pub mod webhooks;

use super::error::plain_problem;
use super::routes::Routes;
use crate::services::Services;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::{delete, get, patch, post, put};

pub fn router(upload_limit: usize) -> Router<Services> {
    routes(upload_limit).into_router()
}

/// The API's routes, remembering their paths (see [`Routes`]).
pub fn routes(upload_limit: usize) -> Routes {
    let limit = || DefaultBodyLimit::max(upload_limit);
    let uploads = Routes::new()
        .route(
            "/headshots/{id}/photo",
            post(team::upload_photo).layer(limit()),
        )
        .route("/me/photo", post(member::upload_photo).layer(limit()))
        .route("/me/redo", post(member::redo).layer(limit()))
        .route("/headshots/{id}/redo", post(team::redo).layer(limit()))
        .route(
            "/backgrounds",
            post(styles::upload_background).layer(limit()),
        )
        .route(
            "/studio/headshots/{id}/deliver",
            post(studio::deliver).layer(limit()),
        )
        .route(
            "/studio/custom-backgrounds/{id}/mockups",
            post(extras::add_mockup).layer(limit()),
        )
        .route(
            "/studio/backgrounds",
            get(extras::library)
                .post(extras::add_library_background)
                .layer(limit()),
        );
    // Notes and up to five reference pictures.
    let references = Routes::new().route(
        "/custom-backgrounds",
        post(extras::request_custom_background).layer(DefaultBodyLimit::max(
            upload_limit * (crate::services::custom_backgrounds::MAX_REFERENCES + 1),
        )),
    );
    Routes::new()
        .route("/team", get(team::get_team).patch(spending::change_team))
        .route("/spend-requests", get(spending::waiting))
        .route("/spend-requests/{id}/approve", post(spending::approve))
        .route("/spend-requests/{id}/decline", post(spending::decline))
        .route("/headshots", get(team::list).post(team::invite))
        .route(
            "/headshots/import",
            post(team_bulk::import).layer(DefaultBodyLimit::max(
                crate::http::IMPORT_LIMIT_BYTES as usize,
            )),
        )
        .route("/headshots/export.csv", get(team_bulk::export))
        .route("/headshots/approved.zip", get(team_bulk::approved_zip))
        .route("/headshots/bulk", post(team_bulk::bulk))
        .route("/headshots/{id}/remind", post(team_bulk::remind))
        .route("/headshots/{id}/send-invite", post(team_bulk::send_invite))
        .route("/headshots/send-invites", post(team_bulk::send_invites))
        .route(
            "/share-link",
            post(team_bulk::rotate_share).delete(team_bulk::revoke_share),
        )
        .route(
            "/headshots/{id}",
            get(team::get_one).patch(team::change).delete(team::delete),
        )
        .route("/headshots/{id}/move-forward", post(team::move_forward))
        .route("/headshots/{id}/approve", post(team::approve))
        .route("/headshots/{id}/re-edit", post(team::re_edit))
        .route("/headshots/{id}/files", get(team::files))
        .route(
            "/headshots/{id}/personal-data",
            get(personal_data::headshot_export),
        )
        .route("/headshots/{id}/erase", post(personal_data::headshot_erase))
        .route("/headshots/{id}/intake", put(intake::correct))
        .route(
            "/headshots/{id}/department",
            put(departments::move_headshot),
        )
        .route(
            "/departments",
            get(departments::list).post(departments::create),
        )
        .route(
            "/departments/{id}",
            get(departments::get)
                .put(departments::replace)
                .delete(departments::delete),
        )
        .route("/leaders/{id}/department", put(departments::set_leader))
        .route("/team/integrations", get(integrations::list))
        .route(
            "/team/integrations/{provider}",
            delete(integrations::disconnect),
        )
        .route(
            "/team/sso",
            get(sso::team).put(sso::set_team).delete(sso::remove_team),
        )
        .route(
            "/studio/sso",
            get(sso::studio)
                .put(sso::set_studio)
                .delete(sso::remove_studio),
        )
        .route(
            "/team/intake",
            get(intake::settings).put(intake::save_settings),
        )
        .route("/ledger", get(team::ledger))
        .route("/credits/quote", get(billing::quote))
        .route("/credits/purchase", post(billing::purchase))
        .route("/payments", get(billing::payments))
        .route("/payments/{id}/invoice.pdf", get(billing::invoice_pdf))
        .route("/headshots/{id}/expedite", post(billing::expedite))
        .route(
            "/studio/teams/{id}/rate",
            axum::routing::put(billing::set_rate),
        )
        .route("/studio/payments", get(billing::studio_payments))
        .route("/studio/payments/{id}/mark-paid", post(billing::mark_paid))
        .route("/stripe/webhook", post(billing::stripe_webhook))
        .route(
            "/support-requests",
            get(support::list).post(support::create),
        )
        .route("/audit", get(support::audit))
        .route("/webhooks", get(webhooks::list).post(webhooks::create))
        .route("/webhooks/{id}", axum::routing::delete(webhooks::delete))
        .route("/webhooks/{id}/deliveries", get(webhooks::deliveries))
        .route("/styles", get(styles::list).post(styles::create))
        .route("/styles/{id}/sample", get(styles::sample))
        .route(
            "/team/preferences",
            get(styles::preferences).put(styles::set_preferences),
        )
        .route(
            "/team/default-style",
            axum::routing::put(styles::set_default),
        )
        .route("/backgrounds", get(styles::backgrounds))
        .route(
            "/leaders",
            get(support::leaders).post(support::invite_leader),
        )
        .route("/leaders/{id}", delete(access::remove_leader))
        .route(
            "/team/tokens",
            get(access::team_tokens).post(access::create_team_token),
        )
        .route("/team/tokens/{id}", delete(access::revoke_team_token))
        .route(
            "/invite-links",
            get(invite_links::list).post(invite_links::create),
        )
        .route("/invite-links/{id}", delete(invite_links::revoke))
        .route(
            "/studio/tokens",
            get(access::studio_tokens).post(access::create_studio_token),
        )
        .route("/studio/tokens/{id}", delete(access::revoke_studio_token))
        .route(
            "/studio/staff",
            get(access::staff).post(access::invite_staff),
        )
        .route("/studio/staff/{id}", patch(access::change_staff_role))
        .route(
            "/studio/staff/{id}/deactivate",
            post(access::deactivate_staff),
        )
        .route(
            "/studio/staff/{id}/reactivate",
            post(access::reactivate_staff),
        )
        .route("/studio/audit", get(access::studio_audit))
        .route("/studio/reports", get(studio::reports))
        .route("/studio/reports/{file}", get(studio::report_csv))
        .route("/studio/jobs/dead", get(jobs::dead))
        .route("/studio/jobs/dead/retry", post(jobs::retry))
        .route("/studio/support-requests", get(support::inbox))
        .route(
            "/studio/support-requests/{id}/answer",
            post(support::answer),
        )
        .route(
            "/studio/support-requests/{id}/status",
            put(support::set_status),
        )
        .route(
            "/studio/teams/{id}/success-manager",
            axum::routing::put(support::set_manager),
        )
        .route("/me", get(member::me))
        .route("/me/approve", post(member::approve))
        .route("/me/re-edit", post(member::re_edit))
        .route("/me/files", get(member::files))
        .route("/me/personal-data", get(personal_data::me_export))
        .route("/me/erase", post(personal_data::me_erase))
        .route("/me/intake", put(intake::answer))
        .route("/custom-backgrounds", get(extras::custom_backgrounds))
        .route(
            "/custom-backgrounds/{id}/approve",
            post(extras::approve_mockup),
        )
        .route(
            "/studio/custom-backgrounds",
            get(extras::studio_custom_backgrounds),
        )
        .route("/backgrounds/{id}/unlock", post(extras::unlock_background))
        .route(
            "/studio/backgrounds/{id}",
            patch(extras::update_library_background),
        )
        .route(
            "/resizes",
            get(extras::resizes).post(extras::request_resize),
        )
        .route("/studio/queue", get(studio::queue))
        .route("/studio/qc-reasons", get(studio::qc_reasons))
        .route("/studio/headshots/{id}/claim", post(studio::claim))
        .route(
            "/studio/headshots/{id}/cancel",
            post(support::cancel_headshot),
        )
        .route("/studio/headshots/{id}/release", post(studio::release))
        .route(
            "/studio/settings",
            get(studio::settings).put(studio::save_settings),
        )
        .route("/studio/headshots/{id}/photo", get(studio::photo))
        .route(
            "/studio/headshots/{id}/draft-cutout",
            get(studio::draft_cutout),
        )
        .route(
            "/studio/headshots/{id}/quality-check",
            post(studio::quality_check),
        )
        .route(
            "/studio/teams",
            get(studio::list_teams).post(studio::create_team),
        )
        .route("/studio/teams/{id}/credits", post(studio::grant_credits))
        .route("/studio/bounces", post(studio::report_bounce))
        .route(
            "/studio/teams/{id}/express",
            axum::routing::put(studio::set_express),
        )
        .merge(uploads)
        .merge(references)
        .fallback(|| async {
            plain_problem(
                StatusCode::NOT_FOUND,
                "Not found",
                "There is no such API endpoint; see /api/openapi.json.",
            )
        })
        .method_not_allowed_fallback(|| async {
            plain_problem(
                StatusCode::METHOD_NOT_ALLOWED,
                "Method not allowed",
                "This endpoint does not accept this HTTP method; see /api/openapi.json.",
            )
        })
}
