//! An invoice as people read it — the same words on the page and in the PDF.

use super::billing::Payment;
use super::principal::Principal;
use super::{Error, Result, Services};
use crate::billing::PaymentStatus;

/// What an invoice says, formatted in the team's time zone and the
/// payment's own currency.
#[derive(Debug, Clone)]
pub struct InvoiceDocument {
    /// "Invoice #1001", or "Order" before a card payment is confirmed (no
    /// number yet).
    pub title: String,
    /// The day it was issued (or ordered, before that): "1 Dec 2026".
    pub date: String,
    /// RFC 3339, for `<time datetime>`.
    pub date_rfc3339: String,
    /// The studio: legal name, address lines, tax id.
    pub seller: Vec<String>,
    /// The team: name and billing address lines.
    pub buyer: Vec<String>,
    pub description: String,
    pub amount: String,
    /// Net and tax lines when a tax rate applies, then the total.
    pub totals: Vec<(String, String)>,
    /// "Paid on 2 Dec 2026 by card." / "Payable by bank transfer."
    pub status: String,
    /// `invoice-1001.pdf`.
    pub file_name: String,
}

impl Services {
    /// The invoice of a payment, for the leader of that team or an admin.
    pub async fn invoice_document(
        &self,
        p: &Principal,
        payment_id: &str,
    ) -> Result<(Payment, InvoiceDocument)> {
        let (pay, team, parties) = self.invoice(p, payment_id).await?;
        let tr = self.english().await;
        let tz = super::views::team_tz(&team.timezone);
        let day = |rfc: &str| {
            rfc.parse::<jiff::Timestamp>()
                .map(|t| t.to_zoned(tz.clone()).strftime("%-d %b %Y").to_string())
                .unwrap_or_else(|_| rfc.to_string())
        };
        let money = |cents: i64| tr.money_in(cents, &pay.currency);
        // An issued invoice keeps its title once paid: only its status
        // line changes.
        let (title, file_name) = match pay.invoice_number {
            Some(n) => (format!("Invoice #{n}"), format!("invoice-{n}.pdf")),
            None => ("Order (awaiting payment)".into(), String::new()),
        };
        let date_rfc3339 = pay
            .issued_at
            .clone()
            .unwrap_or_else(|| pay.created_at.clone());
        let mut seller = vec![parties.seller.clone()];
        seller.extend(parties.seller_address.iter().cloned());
        if let Some(id) = &parties.tax_id {
            seller.push(format!("Tax id: {id}"));
        }
        let mut buyer = vec![parties.buyer.clone()];
        buyer.extend(parties.buyer_address.iter().cloned());
        let mut totals = Vec::new();
        if let Some((rate, tax)) = parties.tax(pay.amount_cents) {
            totals.push(("Net".to_string(), money(pay.amount_cents - tax)));
            totals.push((format!("Tax {rate} % (included)"), money(tax)));
        }
        totals.push((format!("Total ({})", pay.currency), money(pay.amount_cents)));
        let how = match pay.provider {
            crate::billing::ProviderKind::Invoice => "bank transfer",
            crate::billing::ProviderKind::Stripe => "card",
        };
        let status = match (&pay.status, &pay.paid_at) {
            (PaymentStatus::Paid, Some(at)) => format!("Paid on {} by {how}.", day(at)),
            (PaymentStatus::Paid, None) => format!("Paid by {how}."),
            (PaymentStatus::Pending, _) => format!("Payable by {how}."),
            (PaymentStatus::Failed, _) => "Not paid: the payment failed or was abandoned.".into(),
        };
        let doc = InvoiceDocument {
            title,
            date: day(&date_rfc3339),
            date_rfc3339,
            seller,
            buyer,
            description: pay.description.clone(),
            amount: money(pay.amount_cents),
            totals,
            status,
            file_name,
        };
        Ok((pay, doc))
    }

    /// The invoice as a PDF (`file name`, bytes); only once it is issued.
    pub async fn invoice_pdf(&self, p: &Principal, payment_id: &str) -> Result<(String, Vec<u8>)> {
        let (pay, doc) = self.invoice_document(p, payment_id).await?;
        if pay.invoice_number.is_none() {
            return Err(Error::Conflict(
                "This payment has no invoice yet: it is issued when the payment is confirmed."
                    .into(),
            ));
        }
        let bytes = super::invoice_pdf::render(&doc);
        Ok((doc.file_name.clone(), bytes))
    }
}
