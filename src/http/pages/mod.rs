//! Server-rendered pages (askama templates). Handlers call the same services
//! as the API; errors render as HTML.

pub mod dashboard;
pub mod dashboard_bulk;
pub mod dashboard_view;
pub mod login;
pub mod member;
pub mod studio;
pub mod studio_access;
pub mod studio_admin;
pub mod studio_jobs;
pub mod studio_library;
pub mod studio_qc;
pub mod studio_settings;
pub mod studio_support;
pub mod team_admin;
pub mod team_billing;
pub mod team_extras;
pub mod team_style;
pub mod team_tokens;
pub mod team_webhooks;
pub mod two_factor;

use super::routes::Routes;
use crate::services::{Error, Services};
use askama::Template;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};

/// The studio's name and logo, shown in every page's header
/// (`{{ studio }}` prints the name).
#[derive(Debug, Clone, Default)]
pub struct Brand {
    pub name: String,
    pub logo_url: Option<String>,
}

impl std::fmt::Display for Brand {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

impl From<&str> for Brand {
    fn from(name: &str) -> Self {
        Self {
            name: name.into(),
            logo_url: None,
        }
    }
}

impl Brand {
    pub async fn of(svc: &Services) -> Self {
        match svc.studio_settings().await {
            Ok(s) => Self {
                name: s.branding.studio_name.clone(),
                logo_url: s.branding.logo_url.clone(),
            },
            Err(_) => Self {
                name: svc.settings.studio_name.clone(),
                logo_url: None,
            },
        }
    }
}

/// What every page shows around its content.
pub struct Chrome {
    pub studio: Brand,
    pub notice: String,
    pub errors: Vec<String>,
    pub csrf: String,
}

impl Chrome {
    pub async fn new(svc: &Services, csrf: &crate::http::extract::CsrfToken) -> Self {
        Self {
            studio: Brand::of(svc).await,
            notice: String::new(),
            errors: vec![],
            csrf: csrf.0.clone(),
        }
    }

    /// Shows a failed action's messages above the form it came from.
    pub fn with_error(mut self, e: &Error) -> Self {
        self.errors = error_lines(e);
        self
    }
}

/// A form that carries nothing but its CSRF token (a button).
#[derive(serde::Deserialize)]
pub struct CsrfOnly {
    pub csrf: Option<String>,
}

/// Cents as dollars, for templates: `{{ x.money() }}`.
pub trait Money {
    fn money(&self) -> String;
}

/// An RFC 3339 instant as people read it, "1 Dec 2026, 11:19 UTC":
/// `{{ t.created_at.readable() }}` (the `<time>` element keeps the exact one).
pub trait Readable {
    fn readable(&self) -> String;
}

impl Readable for String {
    fn readable(&self) -> String {
        match self.parse::<jiff::Timestamp>() {
            Ok(t) => t.strftime("%-d %b %Y, %H:%M UTC").to_string(),
            Err(_) => self.clone(),
        }
    }
}

/// The first letter of a name, for avatars: `{{ name.initial() }}`.
pub trait Initial {
    fn initial(&self) -> String;
}

impl Initial for String {
    fn initial(&self) -> String {
        self.chars()
            .next()
            .map(|c| c.to_uppercase().collect())
            .unwrap_or_default()
    }
}

impl Money for i64 {
    fn money(&self) -> String {
        let sign = if *self < 0 { "-" } else { "" };
        let c = self.unsigned_abs();
        format!("{sign}${}.{:02}", c / 100, c % 100)
    }
}

pub fn error_lines(e: &Error) -> Vec<String> {
    let p = crate::http::error::problem(e);
    if p.errors.is_empty() {
        vec![p.detail]
    } else {
        p.errors.into_iter().map(|i| i.message).collect()
    }
}

#[derive(Template)]
#[template(path = "invoice.html")]
pub struct InvoicePage {
    pub studio: Brand,
    pub studio_address: Vec<String>,
    pub team_name: String,
    pub p: crate::services::billing::Payment,
    pub back: String,
}

pub async fn invoice_page(
    svc: &Services,
    p: &crate::services::Principal,
    payment_id: &str,
    back: String,
) -> PageResult {
    let (payment, team) = svc.invoice(p, payment_id).await?;
    render(&InvoicePage {
        studio: Brand::of(svc).await,
        studio_address: svc
            .settings
            .billing
            .studio_address
            .lines()
            .map(str::to_string)
            .collect(),
        team_name: team.name,
        p: payment,
        back,
    })
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    studio: Brand,
    notice: String,
    errors: Vec<String>,
    title: String,
    detail: String,
}

/// A page's error: signs the visitor in when needed, otherwise an HTML page
/// with the problem's title and detail.
#[derive(Debug)]
pub struct PageError(pub Error);

impl<E: Into<Error>> From<E> for PageError {
    fn from(e: E) -> Self {
        Self(e.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        if matches!(self.0, Error::Unauthenticated) {
            return Redirect::to("/login").into_response();
        }
        if matches!(self.0, Error::TwoFactorSetupRequired) {
            return Redirect::to("/account/two-factor").into_response();
        }
        let p = crate::http::error::problem(&self.0);
        let status = StatusCode::from_u16(p.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let lines = if p.errors.is_empty() {
            vec![]
        } else {
            p.errors.iter().map(|i| i.message.clone()).collect()
        };
        let page = ErrorPage {
            studio: "Teamshot".into(),
            notice: String::new(),
            errors: lines,
            title: p.title.clone(),
            detail: p.detail.clone(),
        };
        match page.render() {
            Ok(html) => (status, Html(html)).into_response(),
            Err(_) => (status, p.detail).into_response(),
        }
    }
}

pub type PageResult<T = Response> = Result<T, PageError>;

/// The `{id}` of a leader page route, which also lives under
/// `/d/{secret}` (so the path holds one or two parameters).
pub struct PathId(pub String);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for PathId {
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        let axum::extract::Path(params) =
            axum::extract::Path::<Vec<(String, String)>>::from_request_parts(parts, state)
                .await
                .map_err(|_| PageError(Error::NotFound("page")))?;
        params
            .into_iter()
            .find(|(k, _)| k == "id")
            .map(|(_, v)| PathId(v))
            .ok_or(PageError(Error::NotFound("page")))
    }
}

pub fn render<T: Template>(t: &T) -> PageResult {
    Ok(Html(t.render().map_err(|e| Error::Internal(e.into()))?).into_response())
}

pub fn router(upload_limit: usize) -> Router<Services> {
    routes(upload_limit).into_router()
}

/// The pages' routes, remembering their paths (see [`Routes`]).
pub fn routes(upload_limit: usize) -> Routes {
    let dashboard = || {
        Routes::new()
            .route("/invite", post(dashboard::invite))
            .route("/headshots/{id}", get(dashboard::headshot))
            .route("/headshots/{id}/approve", post(dashboard::approve))
            .route(
                "/headshots/{id}/move-forward",
                post(dashboard::move_forward),
            )
            .route("/headshots/{id}/delete", post(dashboard::delete))
            .route(
                "/headshots/{id}/photo",
                post(dashboard::upload).layer(DefaultBodyLimit::max(upload_limit)),
            )
            .route("/sections", get(dashboard::sections))
            .route("/bulk", post(dashboard_bulk::bulk))
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
            .route("/style/unlock/{id}", post(team_style::unlock))
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
            .route("/invoices/{payment}", get(team_billing::invoice))
            .route("/headshots/{id}/expedite", post(dashboard::expedite))
    };
    Routes::new()
        .route("/", get(login::home))
        .route("/login", get(login::form).post(login::submit))
        .route("/logout", post(login::logout))
        .route("/login/email", post(login::email_link))
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
        .route("/account/two-factor", get(two_factor::show))
        .route("/account/two-factor/{action}", post(two_factor::change))
        .route("/team", get(dashboard::show))
        .nest("/team", dashboard())
        .route("/d/{share}", get(dashboard::show))
        .nest("/d/{share}", dashboard())
        .route("/m/{secret}", get(member::show))
        .route("/m/{secret}/start", post(member::start))
        .route("/m/{secret}/approve", post(member::approve))
        .route("/m/{secret}/re-edit", post(member::re_edit))
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
        .route("/studio/photo/{id}", get(studio::photo))
        .route("/studio/outbox", get(studio_admin::outbox))
        .route("/studio/invoices", get(studio_admin::invoices))
        .route("/studio/invoices/{payment}", get(studio_admin::invoice))
        .route(
            "/studio/payments/{payment}/mark-paid",
            post(studio_admin::mark_paid),
        )
        .route("/studio/outbox/{id}", get(studio_admin::outbox_mail))
        .route("/studio/staff", get(studio_access::staff_list))
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
        .route("/studio/jobs", get(studio_jobs::show))
        .route("/studio/jobs/retry", post(studio_jobs::retry))
}

#[cfg(test)]
mod readable_tests {
    use super::Readable;

    #[test]
    fn instants_read_as_dates() {
        assert_eq!(
            "2026-12-01T09:05:00Z".to_string().readable(),
            "1 Dec 2026, 09:05 UTC"
        );
        assert_eq!("soon".to_string().readable(), "soon");
    }
}
