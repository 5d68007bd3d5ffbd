//! Server-rendered pages (askama templates). Handlers call the same services
//! as the API; errors render as HTML.

pub mod chart;
pub mod dashboard;
pub mod dashboard_bulk;
pub mod dashboard_live;
pub mod dashboard_view;
mod expedite_confirm;
pub mod get_started;
mod headshot_details;
mod held_invites;
pub mod intake;
pub mod join;
pub mod login;
pub mod member;
pub mod member_slack;
pub mod personal_data;
mod route_table;
pub mod setup;
pub mod sso_settings;
pub mod team_integrations;
pub use route_table::routes;
pub mod studio;
pub mod studio_access;
pub mod studio_admin;
pub mod studio_jobs;
pub mod studio_library;
pub mod studio_qc;
pub mod studio_reports;
pub mod studio_settings;
mod studio_settings_rules;
pub mod studio_support;
pub mod team_admin;
pub mod team_billing;
pub mod team_departments;
pub mod team_extras;
pub mod team_headshot;
pub mod team_invite_links;
pub mod team_notices;
pub mod team_refresh;
pub mod team_spending;
pub mod team_style;
pub mod team_switch;
pub mod team_tokens;
pub mod team_webhooks;
pub mod two_factor;

use crate::services::{Error, Services};
use askama::Template;
use axum::Router;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};

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
    /// The part of the page the errors belong to, when it is folded away
    /// (`details`: a headshot's name and email corrections).
    pub open: Option<&'static str>,
    /// Amounts in the studio's currency (English: the team's and studio's
    /// own pages; members' pages choose their language themselves).
    pub tr: crate::i18n::Tr,
}

impl Chrome {
    pub async fn new(svc: &Services, csrf: &crate::http::extract::CsrfToken) -> Self {
        Self {
            tr: svc.english().await,
            studio: Brand::of(svc).await,
            notice: String::new(),
            errors: vec![],
            csrf: csrf.0.clone(),
            open: None,
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

/// Cents for a form field's value: `{{ x.plain_money() }}` (amounts for
/// reading go through the page's `tr.money(x)`, in the studio's currency).
pub trait Money {
    /// `19.50` or `20`.
    fn plain_money(&self) -> String;
}

/// The zone a page shows times in (the team's, or the studio's) and today
/// there, from the services' clock, so a page reads the same in tests as in
/// the year it was made.
#[derive(Debug, Clone)]
pub struct PageZone {
    pub tz: jiff::tz::TimeZone,
    pub today: jiff::civil::Date,
    /// The day and month names (the team's and studio's pages: English).
    pub tr: crate::i18n::Tr,
}

impl PageZone {
    pub fn new(tz: jiff::tz::TimeZone, svc: &Services) -> Self {
        let today = svc.now().to_zoned(tz.clone()).date();
        Self {
            tz,
            today,
            tr: crate::i18n::Tr::new(crate::domain::Lang::En, Default::default()),
        }
    }
}

/// An RFC 3339 instant as people read it in the page's zone: "Fri 4 Dec,
/// 17:00" (`{{ t.readable_in(tz) }}`; the `<time>` element keeps the exact
/// instant), or the day with its year for documents ("1 Dec 2026").
pub trait Readable {
    fn readable_in(&self, z: &PageZone) -> String;
    fn date_in(&self, z: &PageZone) -> String;
}

impl Readable for String {
    fn readable_in(&self, z: &PageZone) -> String {
        match self.parse::<jiff::Timestamp>() {
            Ok(t) => z.tr.instant(t, &z.tz, z.today),
            Err(_) => self.clone(),
        }
    }

    fn date_in(&self, z: &PageZone) -> String {
        match self.parse::<jiff::Timestamp>() {
            Ok(t) => t.to_zoned(z.tz.clone()).strftime("%-d %b %Y").to_string(),
            Err(_) => self.clone(),
        }
    }
}

/// A date (`2026-03-16`) as people read it: "Mon 16 Mar" in the page's
/// year (`{{ d.day_in(zone) }}`), or with the year ("Mon 16 Mar 2026").
pub trait HumanDay {
    fn day_in(&self, z: &PageZone) -> String;
    fn full_day(&self) -> String;
}

impl HumanDay for String {
    fn day_in(&self, z: &PageZone) -> String {
        match self.parse::<jiff::civil::Date>() {
            Ok(d) => z.tr.day(d, z.today),
            Err(_) => self.clone(),
        }
    }

    fn full_day(&self) -> String {
        match self.parse::<jiff::civil::Date>() {
            Ok(d) => d.strftime("%a %-d %b %Y").to_string(),
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
    fn plain_money(&self) -> String {
        crate::domain::Cents(*self).plain()
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
    /// The same words as the PDF.
    pub doc: crate::services::invoice_document::InvoiceDocument,
    /// The PDF's address, once the invoice is issued.
    pub pdf: Option<String>,
    pub back: String,
}

pub async fn invoice_page(
    svc: &Services,
    p: &crate::services::Principal,
    payment_id: &str,
    here: &str,
    back: String,
) -> PageResult {
    let (payment, doc) = svc.invoice_document(p, payment_id).await?;
    render(&InvoicePage {
        studio: Brand::of(svc).await,
        doc,
        pdf: payment.invoice_number.map(|_| format!("{here}/pdf")),
        back,
    })
}

/// The invoice's PDF, as a download named for its number.
pub async fn invoice_pdf(
    svc: &Services,
    p: &crate::services::Principal,
    payment_id: &str,
) -> PageResult {
    let (name, bytes) = svc.invoice_pdf(p, payment_id).await?;
    Ok(crate::http::api::billing::pdf_response(&name, bytes))
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
        path_param(parts, state, "id").await.map(PathId)
    }
}

/// The `{provider}` of a path that may also hold the share link's secret.
pub struct PathProvider(pub String);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for PathProvider {
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        path_param(parts, state, "provider").await.map(PathProvider)
    }
}

/// The path parameter `name`, whichever others the path holds.
async fn path_param<S: Send + Sync>(
    parts: &mut axum::http::request::Parts,
    state: &S,
    name: &str,
) -> Result<String, PageError> {
    let axum::extract::Path(params) =
        <axum::extract::Path<Vec<(String, String)>> as axum::extract::FromRequestParts<S>>::from_request_parts(parts, state)
            .await
            .map_err(|_| PageError(Error::NotFound("page")))?;
    params
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
        .ok_or(PageError(Error::NotFound("page")))
}

pub fn render<T: Template>(t: &T) -> PageResult {
    Ok(Html(t.render().map_err(|e| Error::Internal(e.into()))?).into_response())
}

pub fn router(upload_limit: usize) -> Router<Services> {
    route_table::routes(upload_limit).into_router()
}

#[cfg(test)]
mod readable_tests {
    use super::{HumanDay, Readable};

    #[test]
    fn instants_read_in_the_pages_zone() {
        let z = super::PageZone {
            tz: jiff::tz::TimeZone::get("Europe/Paris").unwrap(),
            today: jiff::civil::date(2026, 12, 2),
            tr: crate::i18n::Tr::new(crate::domain::Lang::En, Default::default()),
        };
        let at = "2026-12-01T09:05:00Z".to_string();
        assert_eq!(at.readable_in(&z), "Tue 1 Dec, 10:05");
        assert_eq!(at.date_in(&z), "1 Dec 2026");
        assert_eq!("soon".to_string().readable_in(&z), "soon");
        let last_year = super::PageZone {
            today: jiff::civil::date(2027, 1, 5),
            ..z
        };
        assert_eq!(at.readable_in(&last_year), "Tue 1 Dec 2026, 10:05");
        assert_eq!(
            "2026-03-16".to_string().day_in(&last_year),
            "Mon 16 Mar 2026"
        );
        assert_eq!("2026-03-16".to_string().full_day(), "Mon 16 Mar 2026");
    }
}
