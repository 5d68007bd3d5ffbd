//! A team's billing address, and what an invoice shows besides its amount:
//! the studio's legal details and the tax included, fixed when the invoice
//! is issued.

use super::{Error, Principal, Result, Services};
use crate::db;
use crate::domain::invoicing::InvoiceDetails;
use serde::{Deserialize, Serialize};

/// Who sold to whom, as recorded on a payment when its invoice is issued.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct InvoiceParties {
    /// The studio's legal name, address lines and tax id.
    pub seller: String,
    pub seller_address: Vec<String>,
    pub tax_id: Option<String>,
    /// The team's name and billing address lines.
    pub buyer: String,
    pub buyer_address: Vec<String>,
    /// The tax included in the price, in hundredths of a percent.
    pub tax_rate_basis_points: u32,
}

impl InvoiceParties {
    /// "19" (percent) and the tax included in `total`, when there is a
    /// rate.
    pub fn tax(&self, total: i64) -> Option<(String, i64)> {
        let rate = InvoiceDetails {
            tax_rate_basis_points: self.tax_rate_basis_points,
            ..InvoiceDetails::default()
        };
        (self.tax_rate_basis_points > 0).then(|| (rate.rate_text(), rate.tax_included(total)))
    }
}

/// The address lines of `text`, blank lines dropped.
fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

impl Services {
    /// A leader sets the address the team's invoices are made out to
    /// (audited; the share link may not). Invoices already issued keep
    /// the address they were issued to.
    pub async fn set_billing_address(&self, p: &Principal, address: &str) -> Result<()> {
        let team_id = p
            .accountable_leader_team("the team's billing address")?
            .clone();
        let text = lines(address).join("\n");
        if text.lines().count() > 8 || text.chars().count() > 500 {
            return Err(Error::invalid(
                "billing_address",
                "The billing address is at most 8 lines and 500 characters.",
            ));
        }
        let stored = (!text.is_empty()).then_some(text.as_str());
        let mut tx = self.db.begin().await?;
        db::teams::set_billing_address(&mut *tx, &team_id, stored).await?;
        db::events::insert_team(
            &mut *tx,
            &team_id,
            self.now_ms(),
            &p.audit_name(),
            if stored.is_some() {
                "changed the billing address"
            } else {
                "removed the billing address"
            },
        )
        .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(())
    }

    /// The seller and buyer as they stand now, for an invoice issued now.
    pub async fn current_parties(&self, team: &db::teams::TeamRow) -> Result<InvoiceParties> {
        let studio = self.studio_settings().await?;
        let inv = &studio.invoicing;
        let address = if inv.address.is_empty() {
            &self.settings.billing.studio_address
        } else {
            &inv.address
        };
        Ok(InvoiceParties {
            seller: inv
                .legal_name
                .clone()
                .unwrap_or_else(|| studio.branding.studio_name.clone()),
            seller_address: lines(address),
            tax_id: inv.tax_id.clone(),
            buyer: team.name.clone(),
            buyer_address: lines(team.billing_address.as_deref().unwrap_or_default()),
            tax_rate_basis_points: inv.tax_rate_basis_points,
        })
    }

    /// `current_parties` as recorded on a payment.
    pub(crate) async fn current_parties_json(&self, team: &db::teams::TeamRow) -> Result<String> {
        Ok(serde_json::to_string(&self.current_parties(team).await?)
            .map_err(anyhow::Error::from)?)
    }

    /// The parties of an issued invoice: as recorded then; for invoices
    /// issued before they were recorded, today's names and addresses
    /// without a tax line (none was shown when they were issued).
    pub async fn invoice_parties(
        &self,
        recorded: Option<&str>,
        team: &db::teams::TeamRow,
    ) -> Result<InvoiceParties> {
        if let Some(p) = recorded.and_then(|json| serde_json::from_str(json).ok()) {
            return Ok(p);
        }
        let mut now = self.current_parties(team).await?;
        now.tax_rate_basis_points = 0;
        Ok(now)
    }
}
