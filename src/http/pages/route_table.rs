//! Every page's path and handler.

use super::*;
use crate::http::routes::Routes;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

/// The pages' routes, remembering their paths (see [`Routes`]).
pub fn routes(upload_limit: usize) -> Routes {
    let dashboard = || {
        Routes::new()
            .route("/invite", post(dashboard::invite))
            .route("/headshots/{id}", get(team_headshot::headshot))
            .route("/headshots/{id}/approve", post(dashboard::approve))
            .route("/headshots/{id}/details", post(headshot_details::details))
            .route(
                "/headshots/{id}/move-forward",
                post(dashboard::move_forward),
            )
            .route("/headshots/{id}/delete", post(dashboard::delete))
            .route(
                "/headshots/{id}/personal-data.zip",
                get(personal_data::leader_export),
            )
            .route("/headshots/{id}/erase", post(personal_data::leader_erase))
            .route(
                "/headshots/{id}/photo",
                post(dashboard::upload).layer(DefaultBodyLimit::max(upload_limit)),
            )
            .route("/sections", get(dashboard::sections))
            .route("/live", get(dashboard_live::events))
            .route("/bulk", post(dashboard_bulk::bulk))
            .route("/send-invites", post(held_invites::send_all))
            .route("/invites/preview", get(held_invites::preview))
            .route(
                "/import",
                post(dashboard_bulk::import_preview).layer(DefaultBodyLimit::max(
                    crate::http::IMPORT_LIMIT_BYTES as usize,
                )),
            )
            .route(
                "/import/confirm",
                post(dashboard_bulk::import_confirm).layer(DefaultBodyLimit::max(4_000_000)),
            )
            .route("/export.csv", get(dashboard_bulk::export))
            .route("/approved.zip", get(dashboard_bulk::approved_zip))
            .route("/share", get(dashboard_bulk::share))
            .route("/help", get(team_admin::help).post(team_admin::help_submit))
            .route("/audit", get(team_admin::audit))
            .route("/style", get(team_style::show).post(team_style::create))
            .route("/style/default", post(team_style::make_default))
            .route("/style/preferences", post(team_style::set_preferences))
            .route("/style/language", post(team_style::set_language))
            .route("/style/unlock/{id}", post(team_style::unlock))
            .route("/style/{id}/sample", get(team_style::sample))
            .route(
                "/custom-background",
                get(team_extras::custom_background)
                    .post(team_extras::request_custom_background)
                    .layer(DefaultBodyLimit::max(
                        upload_limit * (crate::services::custom_backgrounds::MAX_REFERENCES + 1),
                    )),
            )
            .route(
                "/custom-background/{id}/approve",
                post(team_extras::approve_mockup),
            )
            .route(
                "/resize",
                get(team_extras::resize).post(team_extras::request_resize),
            )
            .route(
                "/style/background",
                post(team_style::upload_background).layer(DefaultBodyLimit::max(upload_limit)),
            )
            .route(
                "/leaders",
                get(team_admin::leaders).post(team_admin::invite_leader),
            )
            .route("/leaders/{id}/remove", post(team_admin::remove_leader))
            .route(
                "/leaders/{id}/department",
                post(team_admin::set_leader_department),
            )
            .route("/notices", get(team_notices::show).post(team_notices::save))
            .route("/spend-requests/{id}/approve", post(team_spending::approve))
            .route("/spend-requests/{id}/decline", post(team_spending::decline))
            .route("/members-may-spend", post(team_spending::members_may_spend))
            .route(
                "/invite-links",
                get(team_invite_links::show).post(team_invite_links::create),
            )
            .route("/invite-links/{id}/revoke", post(team_invite_links::revoke))
            .route("/refresh", get(team_refresh::show).post(team_refresh::save))
            .route(
                "/departments",
                get(team_departments::show).post(team_departments::create),
            )
            .route("/departments/{id}", post(team_departments::update))
            .route("/departments/{id}/delete", post(team_departments::delete))
            .route(
                "/sso",
                get(sso_settings::team_show).post(sso_settings::team_save),
            )
            .route("/sso/remove", post(sso_settings::team_remove))
            .route("/integrations", get(team_integrations::show))
            .route(
                "/integrations/{provider}/connect",
                post(team_integrations::connect),
            )
            .route(
                "/integrations/{provider}/disconnect",
                post(team_integrations::disconnect),
            )
            .route("/intake", get(intake::show).post(intake::save))
            .route("/tokens", get(team_tokens::show).post(team_tokens::create))
            .route("/tokens/{id}/revoke", post(team_tokens::revoke))
            .route(
                "/webhooks",
                get(team_webhooks::show).post(team_webhooks::create),
            )
            .route("/webhooks/{id}/delete", post(team_webhooks::delete))
            .route("/share/rotate", post(dashboard_bulk::share_rotate))
            .route("/share/revoke", post(dashboard_bulk::share_revoke))
            .route("/credits", get(team_billing::credits))
            .route("/credits/purchase", post(team_billing::purchase))
            .route(
                "/credits/billing-address",
                post(team_billing::billing_address),
            )
            .route("/invoices/{payment}", get(team_billing::invoice))
            .route("/invoices/{payment}/pdf", get(team_billing::invoice_pdf))
            .route("/headshots/{id}/expedite", post(dashboard::expedite))
    };
    Routes::new()
        .route("/", get(login::home))
        .route("/login", get(login::form).post(login::submit))
        .route("/setup", get(setup::show).post(setup::submit))
        .route(
            "/get-started",
            get(get_started::show).post(get_started::submit),
        )
        .route("/join/{secret}", get(join::show).post(join::submit))
        .route(
            "/join/confirm/{token}",
            get(join::confirm_page).post(join::confirm),
        )
        .route(
            "/get-started/confirm/{token}",
            get(get_started::confirm_page).post(get_started::confirm),
        )
        .route("/logout", post(login::logout))
        .route("/login/email", post(login::email_link))
        .route("/login/sso", post(login::sso_start))
        .route("/login/sso/callback", get(login::sso_callback))
        .route(
            "/integrations/{provider}/callback",
            get(team_integrations::callback),
        )
        .route(
            crate::services::slack_photo::MEMBER_CALLBACK,
            get(member_slack::callback),
        )
        .route(
            "/login/link/{token}",
            get(login::link_form).post(login::link_submit),
        )
        .route(
            "/account/password",
            get(login::password_form).post(login::password_submit),
        )
        .route(
            "/login/two-factor",
            get(two_factor::code_form).post(two_factor::code_submit),
        )
        .route("/account/team", post(team_switch::switch))
        .route("/account/team/{team}", get(team_switch::open))
        .route(
            "/account/invitations/{team}/{answer}",
            post(team_switch::answer),
        )
        .route("/account/two-factor", get(two_factor::show))
        .route("/account/two-factor/{action}", post(two_factor::change))
        .route("/team", get(dashboard::show))
        .nest("/team", dashboard())
        .route("/d/{share}", get(dashboard::show))
        .nest("/d/{share}", dashboard())
        .route(
            "/unsubscribe/{user}/{kind}/{sig}",
            get(team_notices::unsubscribe_form).post(team_notices::unsubscribe),
        )
        .route("/m/{secret}", get(member::show))
        .route("/m/{secret}/start", post(member::start))
        .route("/m/{secret}/approve", post(member::approve))
        .route("/m/{secret}/headshot.zip", get(member::files_zip))
        .route(
            "/m/{secret}/personal-data.zip",
            get(personal_data::member_export),
        )
        .route("/m/{secret}/erase", post(personal_data::member_erase))
        .route("/m/{secret}/intake", post(intake::answer))
        .route("/m/{secret}/re-edit", post(member::re_edit))
        .route("/m/{secret}/slack", post(member_slack::start))
        .route(
            "/m/{secret}/redo",
            post(member::redo).layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route(
            "/m/{secret}/photo",
            post(member::upload).layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route("/studio", get(studio::show))
        .route("/studio/qc", get(studio_qc::show))
        .route(
            "/studio/backgrounds",
            get(studio_library::library)
                .post(studio_library::add)
                .layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route("/studio/backgrounds/{id}", post(studio_library::change))
        .route("/studio/custom-backgrounds", get(studio_library::custom))
        .route(
            "/studio/custom-backgrounds/{id}/mockups",
            post(studio_library::add_mockup).layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route("/studio/support", get(studio_support::show))
        .route(
            "/studio/headshots/{id}/cancel",
            post(studio_support::cancel),
        )
        .route("/studio/support/{id}/answer", post(studio_support::answer))
        .route(
            "/studio/support/{id}/status",
            post(studio_support::set_status),
        )
        .route(
            "/studio/settings",
            get(studio_settings::show).post(studio_settings::save),
        )
        .route(
            "/studio/headshots/{id}/quality-check",
            post(studio_qc::decide),
        )
        .route("/studio/headshots/{id}/claim", post(studio::claim))
        .route("/studio/headshots/{id}/release", post(studio::release))
        .route(
            "/studio/headshots/{id}/deliver",
            post(studio::deliver).layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route("/studio/teams", post(studio::create_team))
        .route("/studio/teams/{id}/credits", post(studio::grant_credits))
        .route(
            "/studio/teams/{id}/success-manager",
            post(studio::set_manager),
        )
        .route("/studio/teams/{id}/express", post(studio::set_express))
        .route("/studio/teams/{id}/rate", post(studio::set_rate))
        .route("/studio/photo/{id}", get(studio::photo))
        .route("/studio/draft/{id}", get(studio::draft))
        .route("/studio/draft/{id}/small", get(studio::draft_small))
        .route("/studio/outbox", get(studio_admin::outbox))
        .route("/studio/invoices", get(studio_admin::invoices))
        .route("/studio/invoices/{payment}", get(studio_admin::invoice))
        .route(
            "/studio/invoices/{payment}/pdf",
            get(studio_admin::invoice_pdf),
        )
        .route(
            "/studio/payments/{payment}/mark-paid",
            post(studio_admin::mark_paid),
        )
        .route("/studio/outbox/{id}", get(studio_admin::outbox_mail))
        .route(
            "/studio/staff",
            get(studio_access::staff_list).post(studio_access::staff_invite),
        )
        .route("/studio/staff/{id}/role", post(studio_access::staff_role))
        .route("/studio/reports", get(studio_reports::show))
        .route("/studio/reports/{file}", get(studio_reports::csv))
        .route(
            "/studio/staff/{id}/{action}",
            post(studio_access::staff_change),
        )
        .route(
            "/studio/tokens",
            get(studio_access::tokens).post(studio_access::create_token),
        )
        .route(
            "/studio/tokens/{id}/revoke",
            post(studio_access::revoke_token),
        )
        .route("/studio/audit", get(studio_access::audit))
        .route(
            "/studio/sso",
            get(sso_settings::studio_show).post(sso_settings::studio_save),
        )
        .route("/studio/sso/remove", post(sso_settings::studio_remove))
        .route("/studio/jobs", get(studio_jobs::show))
        .route("/studio/jobs/retry", post(studio_jobs::retry))
}
