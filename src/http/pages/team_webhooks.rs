//! Webhooks for signed-in leaders (`…/webhooks`): add an endpoint, see its
//! secret and the log of its deliveries, delete it. The API and this page
//! call the same services.

use super::Brand;
#[allow(unused_imports)]
use super::Readable;
use super::dashboard::LeaderPage;
use super::{Chrome, CsrfOnly, PageResult, PathId, render};
use crate::http::extract::{CsrfForm, CsrfToken};
use crate::services::webhooks::{EVENT_TYPES, NewWebhook, Webhook, WebhookDelivery};
use crate::services::{Error, Services};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

pub struct Endpoint {
    pub hook: Webhook,
    pub deliveries: Vec<WebhookDelivery>,
}

#[derive(Template)]
#[template(path = "webhooks.html")]
struct WebhooksPage {
    studio: Brand,
    /// The team's zone, for the log's times.
    tz: super::PageZone,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    base: String,
    endpoints: Vec<Endpoint>,
    event_types: Vec<&'static str>,
    form: WebhookForm,
}

#[derive(Deserialize, Default, Clone)]
pub struct WebhookForm {
    #[serde(default)]
    url: String,
    #[serde(default)]
    events: Vec<String>,
}

impl WebhookForm {
    /// The event is ticked.
    fn has(&self, event_type: &str) -> bool {
        self.events.iter().any(|e| e == event_type)
    }
}

async fn page(svc: &Services, lp: &LeaderPage, c: Chrome, form: WebhookForm) -> PageResult {
    let mut endpoints = Vec::new();
    for hook in svc.webhooks(&lp.p).await? {
        let deliveries = svc.webhook_deliveries(&lp.p, &hook.id).await?;
        endpoints.push(Endpoint { hook, deliveries });
    }
    render(&WebhooksPage {
        studio: c.studio,
        tz: super::PageZone::new(svc.team_zone(&lp.p).await?, svc),
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        base: lp.base.clone(),
        endpoints,
        event_types: EVENT_TYPES.to_vec(),
        form,
    })
}

#[derive(Deserialize, Default)]
pub struct ShowQuery {
    /// Set after an endpoint was added (the form posts, then redirects here).
    added: Option<u8>,
}

pub async fn show(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    Query(q): Query<ShowQuery>,
) -> PageResult {
    let form = WebhookForm {
        events: EVENT_TYPES.iter().map(|e| e.to_string()).collect(),
        ..Default::default()
    };
    let mut c = Chrome::new(&svc, &csrf).await;
    if q.added.is_some() {
        c.notice = "Endpoint added. Check each delivery's signature with its secret, below.".into();
    }
    page(&svc, &lp, c, form).await
}

pub async fn create(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    CsrfForm(f): CsrfForm<WebhookForm>,
) -> PageResult {
    let input = NewWebhook {
        url: f.url.clone(),
        events: f.events.clone(),
    };
    match svc.create_webhook(&lp.p, &input).await {
        // Redirected, so reloading the page cannot add the endpoint twice.
        Ok(_) => Ok(Redirect::to(&format!("{}/webhooks?added=1", lp.base)).into_response()),
        Err(e @ Error::Invalid(_)) => {
            page(&svc, &lp, Chrome::new(&svc, &csrf).await.with_error(&e), f).await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn delete(
    State(svc): State<Services>,
    lp: LeaderPage,
    PathId(id): PathId,
    _: CsrfForm<CsrfOnly>,
) -> PageResult {
    svc.delete_webhook(&lp.p, &id).await?;
    Ok(Redirect::to(&format!("{}/webhooks", lp.base)).into_response())
}
