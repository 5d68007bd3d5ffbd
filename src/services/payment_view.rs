//! A payment as the API and the pages show it.

use super::billing::Item;
use super::views::rfc3339;
use crate::billing::{PaymentStatus, ProviderKind};
use crate::db::payments::PaymentRow;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Payment {
    pub id: String,
    pub provider: ProviderKind,
    pub status: PaymentStatus,
    pub amount_cents: i64,
    /// ISO 4217 (`USD`, `EUR`): the studio's currency when it was made.
    pub currency: String,
    /// Where to pay (Stripe); null for invoices.
    pub checkout_url: Option<String>,
    /// Given when the invoice is issued: at once for invoices, when the
    /// payment is confirmed for Stripe (null until then).
    pub invoice_number: Option<i64>,
    pub description: String,
    pub created_at: String,
    /// When the invoice was issued (its date); null until then.
    pub issued_at: Option<String>,
    pub paid_at: Option<String>,
    /// Credits or the service were granted (at once for invoices, after payment for Stripe).
    pub granted: bool,
}

impl Payment {
    /// "#1001", or "—" until the invoice is issued.
    pub fn number_text(&self) -> String {
        self.invoice_number
            .map_or_else(|| "—".into(), |n| format!("#{n}"))
    }

    /// "invoice #1001", or what stands in for the number until the
    /// payment is confirmed.
    pub fn invoice_label(&self) -> String {
        match self.invoice_number {
            Some(n) => format!("invoice #{n}"),
            None => "invoice issued once paid".into(),
        }
    }

    /// Where the payer goes next: the provider's checkout page while the
    /// payment is still to be made there (never for invoices).
    pub fn pay_at(&self) -> Option<&str> {
        self.checkout_url
            .as_deref()
            .filter(|_| self.status == PaymentStatus::Pending && !self.granted)
    }
}

pub fn payment_view(p: &PaymentRow) -> Payment {
    let item: Option<Item> = serde_json::from_str(&p.details).ok();
    Payment {
        id: p.id.clone(),
        provider: p.provider,
        status: p.status,
        amount_cents: p.amount_cents,
        currency: p.currency.clone(),
        checkout_url: p.checkout_url.clone(),
        invoice_number: p.invoice_number,
        description: item.map(|i| i.describe()).unwrap_or_default(),
        created_at: rfc3339(p.created_at),
        issued_at: p.invoice_issued_at.map(rfc3339),
        paid_at: p.paid_at.map(rfc3339),
        granted: p.granted_at.is_some(),
    }
}
