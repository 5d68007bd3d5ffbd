//! The team's billing pages: + Add Credits with the price shown before
//! paying, invoices and receipts.

use super::Brand;
#[allow(unused_imports)]
use super::Money;
#[allow(unused_imports)]
use super::Readable;
use super::dashboard::LeaderPage;
use super::{Chrome, PageResult, render};
use crate::http::extract::{CsrfForm, CsrfToken};
use crate::services::billing::{Payment, QuoteView};
use crate::services::views::{LedgerEntry, Team};
use crate::services::{Error, Services};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "credits.html")]
struct CreditsPage {
    /// Amounts in the studio's currency.
    tr: crate::i18n::Tr,
    studio: Brand,
    /// Times are shown in this zone (the team's, or the studio's).
    tz: super::PageZone,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    base: String,
    team: Team,
    ledger: Vec<LedgerEntry>,
    payments: Vec<Payment>,
    quantity: String,
    quote: Option<QuoteView>,
    /// A fresh Idempotency-Key per rendered form: a double click buys once.
    key: String,
    stripe: bool,
    /// A signed-in leader (the share link may not change who spends).
    signed_in: bool,
    re_edit_fee: i64,
    /// The studio's price tiers.
    rules: crate::domain::studio_rules::Rules,
    redo_fee: i64,
}

#[derive(Deserialize)]
pub struct CreditsQuery {
    quantity: Option<String>,
    paid: Option<String>,
}

pub(super) async fn credits_page(
    svc: &Services,
    lp: &LeaderPage,
    mut c: Chrome,
    quantity: Option<String>,
) -> PageResult {
    let quote = match quantity.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        Some(q) => match q.parse::<i64>() {
            Ok(n) => match svc.quote_credits(&lp.p, n).await {
                Ok(v) => Some(v),
                Err(e @ (Error::Invalid(_) | Error::Conflict(_))) => {
                    c.errors = super::error_lines(&e);
                    None
                }
                Err(e) => return Err(e.into()),
            },
            Err(_) => {
                c.errors = vec!["Enter a whole number of credits.".into()];
                None
            }
        },
        None => None,
    };
    render(&CreditsPage {
        tr: c.tr,
        studio: c.studio,
        tz: super::PageZone::new(svc.team_zone(&lp.p).await?, svc),
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        base: lp.base.clone(),
        team: svc.team(&lp.p).await?,
        ledger: svc.ledger(&lp.p).await?,
        payments: svc.payments(&lp.p).await?,
        quantity: quantity.unwrap_or_else(|| "10".into()),
        quote,
        key: crate::services::secrets::new_token(),
        stripe: svc.settings.billing.provider == crate::billing::ProviderKind::Stripe,
        signed_in: lp.signed_in,
        re_edit_fee: svc.studio_settings().await?.fees.re_edit,
        rules: svc.studio_settings().await?.rules.clone(),
        redo_fee: svc.studio_settings().await?.fees.redo,
    })
}

pub async fn credits(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    Query(q): Query<CreditsQuery>,
) -> PageResult {
    let mut c = Chrome::new(&svc, &csrf).await;
    if q.paid.is_some() {
        c.notice =
            "Thank you! Your payment is being confirmed; the credits appear here as soon as it is."
                .into();
    }
    credits_page(&svc, &lp, c, q.quantity).await
}

#[derive(Deserialize)]
pub struct PurchaseForm {
    quantity: String,
    key: Option<String>,
}

pub async fn purchase(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    CsrfForm(f): CsrfForm<PurchaseForm>,
) -> PageResult {
    let team_id = lp.p.leader_team()?.to_string();
    let quantity: i64 = f
        .quantity
        .trim()
        .parse()
        .map_err(|_| Error::invalid("quantity", "Enter a whole number of credits."))?;
    let fp = format!("page-purchase:{quantity}");
    let answer = svc
        .idempotent(&team_id, f.key.as_deref(), &fp, {
            let (svc, p) = (svc.clone(), lp.p.clone());
            move || async move {
                let r = svc.purchase_credits(&p, quantity).await?;
                Ok((200, serde_json::to_value(r).map_err(anyhow::Error::from)?))
            }
        })
        .await;
    match answer {
        Ok((200, body)) => {
            if let Some(url) = body["payment"]["checkout_url"].as_str() {
                return Ok(Redirect::to(url).into_response());
            }
            let mut c = Chrome::new(&svc, &csrf).await;
            c.notice = format!(
                "{quantity} credits added. Invoice #{} is on its way to be paid.",
                body["payment"]["invoice_number"]
            );
            credits_page(&svc, &lp, c, None).await
        }
        Ok((_, body)) => {
            let mut c = Chrome::new(&svc, &csrf).await;
            c.errors = vec![
                body["detail"]
                    .as_str()
                    .unwrap_or("The purchase was refused.")
                    .to_string(),
            ];
            credits_page(&svc, &lp, c, Some(f.quantity)).await
        }
        Err(e @ (Error::Invalid(_) | Error::Conflict(_) | Error::Unavailable(_))) => {
            credits_page(
                &svc,
                &lp,
                Chrome::new(&svc, &csrf).await.with_error(&e),
                Some(f.quantity),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// The `{payment}` of an invoice's path (under `/team` and `/d/{share}`).
fn payment_param(params: &[(String, String)]) -> Result<String, Error> {
    params
        .iter()
        .find(|(k, _)| k == "payment")
        .map(|(_, v)| v.clone())
        .ok_or(Error::NotFound("invoice"))
}

pub async fn invoice(
    State(svc): State<Services>,
    lp: LeaderPage,
    Path(params): Path<Vec<(String, String)>>,
) -> PageResult {
    let id = payment_param(&params)?;
    let here = format!("{}/invoices/{id}", lp.base);
    super::invoice_page(&svc, &lp.p, &id, &here, format!("{}/credits", lp.base)).await
}

/// The invoice's PDF.
pub async fn invoice_pdf(
    State(svc): State<Services>,
    lp: LeaderPage,
    Path(params): Path<Vec<(String, String)>>,
) -> PageResult {
    let id = payment_param(&params)?;
    super::invoice_pdf(&svc, &lp.p, &id).await
}

#[derive(Deserialize)]
pub struct AddressForm {
    #[serde(default)]
    address: String,
}

/// The address the team's invoices are made out to.
pub async fn billing_address(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    CsrfForm(f): CsrfForm<AddressForm>,
) -> PageResult {
    let mut c = Chrome::new(&svc, &csrf).await;
    match svc.set_billing_address(&lp.p, &f.address).await {
        Ok(()) => {
            c.notice = "Billing address saved: invoices from now on are made out to it.".into()
        }
        Err(e @ Error::Invalid(_)) => c = c.with_error(&e),
        Err(e) => return Err(e.into()),
    }
    credits_page(&svc, &lp, c, None).await
}
