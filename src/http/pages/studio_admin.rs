//! Admin pages of the studio: outbox, invoices, settings.

use super::Brand;
#[allow(unused_imports)]
use super::Money;
use super::studio::staff;
use super::{Chrome, CsrfOnly, PageResult, render};
use crate::domain::StaffRole;
use crate::email::outbox::{self, OutboxEntry};
use crate::http::extract::{CsrfForm, CsrfToken, MaybeSession};
use crate::services::{Error, Principal, Services};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};

#[derive(Template)]
#[template(path = "outbox.html")]
struct OutboxPage {
    studio: Brand,
    notice: String,
    errors: Vec<String>,
    mails: Vec<OutboxEntry>,
    open: Option<OutboxEntry>,
}

async fn outbox_page(
    svc: &Services,
    s: Option<(Principal, String)>,
    id: Option<String>,
) -> PageResult {
    let (p, _) = staff(s)?;
    p.require_staff(StaffRole::Admin)?;
    let dir = svc.settings.outbox_dir();
    let open = match id {
        Some(id) => Some(
            outbox::get(&dir, &id)
                .await?
                .ok_or(Error::NotFound("email"))?,
        ),
        None => None,
    };
    render(&OutboxPage {
        studio: super::Brand::of(svc).await,
        notice: String::new(),
        errors: vec![],
        mails: outbox::list(&dir).await?,
        open,
    })
}

pub async fn outbox(State(svc): State<Services>, MaybeSession(s): MaybeSession) -> PageResult {
    outbox_page(&svc, s, None).await
}

pub async fn outbox_mail(
    State(svc): State<Services>,
    MaybeSession(s): MaybeSession,
    Path(id): Path<String>,
) -> PageResult {
    outbox_page(&svc, s, Some(id)).await
}

#[derive(Template)]
#[template(path = "studio_invoices.html")]
struct InvoicesPage {
    /// Amounts in the studio's currency.
    tr: crate::i18n::Tr,
    studio: Brand,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    payments: Vec<(crate::services::billing::Payment, String)>,
}

pub async fn invoices(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
) -> PageResult {
    let (p, _) = staff(s)?;
    let c = Chrome::new(&svc, &csrf).await;
    render(&InvoicesPage {
        tr: c.tr,
        studio: c.studio,
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        payments: svc.all_payments(&p).await?,
    })
}

pub async fn invoice(
    State(svc): State<Services>,
    MaybeSession(s): MaybeSession,
    Path(id): Path<String>,
) -> PageResult {
    let (p, _) = staff(s)?;
    let here = format!("/studio/invoices/{id}");
    super::invoice_page(&svc, &p, &id, &here, "/studio/invoices".into()).await
}

pub async fn invoice_pdf(
    State(svc): State<Services>,
    MaybeSession(s): MaybeSession,
    Path(id): Path<String>,
) -> PageResult {
    let (p, _) = staff(s)?;
    super::invoice_pdf(&svc, &p, &id).await
}

pub async fn mark_paid(
    State(svc): State<Services>,
    MaybeSession(s): MaybeSession,
    Path(id): Path<String>,
    _: CsrfForm<CsrfOnly>,
) -> PageResult {
    let (p, _) = staff(s)?;
    svc.mark_invoice_paid(&p, &id).await?;
    Ok(Redirect::to("/studio/invoices").into_response())
}
