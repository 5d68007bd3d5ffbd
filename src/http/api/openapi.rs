//! `/api/openapi.json`, generated from the handlers' annotations.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

struct Bearer;

impl Modify for Bearer {
    fn modify(&self, api: &mut utoipa::openapi::OpenApi) {
        let components = api.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A team API token, a member's personal-link secret, or a staff API token",
                    ))
                    .build(),
            ),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Teamshot API", description = "Team headshots: invite, upload, quality check, retouch, deliver, approve."),
    modifiers(&Bearer),
    paths(
        super::team::get_team, super::team::list, super::team::invite, super::team::get_one,
        super::team::change, super::team::delete, super::team::upload_photo,
        super::team::move_forward, super::team::approve, super::team::files, super::team::ledger,
        super::member::me, super::member::upload_photo, super::member::approve, super::member::files,
        super::studio::queue, super::studio::qc_reasons, super::studio::photo, super::studio::draft_cutout, super::studio::quality_check,
        super::studio::deliver, super::studio::claim, super::member::re_edit, super::member::redo, super::team::redo, super::team::re_edit, super::extras::unlock_background, super::extras::library, super::extras::add_library_background, super::extras::update_library_background, super::extras::request_custom_background, super::extras::custom_backgrounds, super::extras::approve_mockup, super::extras::studio_custom_backgrounds, super::extras::add_mockup, super::extras::request_resize, super::extras::resizes, super::support::list, super::support::answer, super::support::set_status, super::styles::preferences, super::styles::sample, super::styles::set_preferences, super::studio::release, super::studio::reports, super::studio::report_csv, super::studio::settings, super::studio::save_settings, super::studio::create_team, super::studio::list_teams, super::studio::grant_credits, super::studio::report_bounce, super::team_bulk::send_invite, super::team_bulk::send_invites, super::studio::set_express, super::personal_data::headshot_export, super::personal_data::headshot_erase, super::personal_data::me_export, super::personal_data::me_erase, super::intake::settings, super::intake::save_settings, super::intake::answer, super::intake::correct, super::departments::list, super::departments::create, super::departments::get, super::departments::replace, super::departments::delete, super::departments::move_headshot, super::departments::set_leader, super::integrations::list, super::integrations::disconnect, super::sso::team, super::sso::set_team, super::sso::remove_team, super::sso::studio, super::sso::set_studio, super::sso::remove_studio,
        super::team_bulk::import, super::team_bulk::export, super::team_bulk::approved_zip, super::team_bulk::remind, super::team_bulk::bulk,
        super::team_bulk::rotate_share, super::team_bulk::revoke_share,
        super::styles::list, super::styles::create, super::styles::set_default, super::styles::backgrounds, super::styles::upload_background,
        super::webhooks::create, super::webhooks::list, super::webhooks::delete, super::webhooks::deliveries,
        super::support::create, super::support::cancel_headshot, super::support::inbox, super::support::audit, super::support::leaders, super::support::invite_leader, super::support::set_manager,
        super::access::team_tokens, super::access::create_team_token, super::access::revoke_team_token,
        super::invite_links::list, super::invite_links::create, super::invite_links::revoke,
        super::access::studio_tokens, super::access::create_studio_token, super::access::revoke_studio_token,
        super::jobs::dead, super::jobs::retry,
        super::access::remove_leader, super::access::staff, super::access::invite_staff, super::access::change_staff_role, super::access::deactivate_staff, super::access::reactivate_staff, super::access::studio_audit,
        super::billing::quote, super::billing::purchase, super::billing::expedite, super::billing::payments,
        super::spending::waiting, super::spending::approve, super::spending::decline, super::spending::change_team,
        super::billing::set_rate, super::billing::studio_payments, super::billing::mark_paid, super::billing::invoice_pdf, super::billing::stripe_webhook,
    )
)]
pub struct ApiDoc;

pub async fn serve() -> axum::Json<utoipa::openapi::OpenApi> {
    axum::Json(ApiDoc::openapi())
}
