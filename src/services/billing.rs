//! One checkout for every paid action (credits, expedite, and later fees),
//! with two providers: `invoice` grants at once and is marked paid by staff;
//! `stripe` grants only on a verified `checkout.session.completed` webhook.
//! Effects are applied exactly once, guarded by `payments.granted_at`.

pub use super::payment_view::{Payment, payment_view};
use super::views::{Credits, Headshot};
use super::{Error, Principal, Result, Services};
use crate::billing::stripe::{NewSession, StripeClient};
use crate::billing::{PaymentStatus, ProviderKind};
use crate::db::{self, new_id, payments::PaymentRow, teams::TeamRow};
use crate::domain::pricing::{self, Quote, QuoteError};
use crate::domain::{HeadshotStatus, TeamId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// What a payment buys; stored as JSON on the payment.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "purpose", rename_all = "snake_case")]
pub enum Item {
    Credits {
        quantity: i64,
        unit_price_cents: i64,
    },
    Expedite {
        headshot_ids: Vec<String>,
        fee_cents: i64,
    },
    CustomBackground {
        request_id: String,
        fee_cents: i64,
    },
    Resize {
        request_id: String,
        files: i64,
        fee_cents: i64,
    },
    Background {
        background_id: String,
        fee_cents: i64,
    },
    /// A re-do outside the guarantee; the checked photo waits for the payment.
    Redo {
        headshot_id: String,
        photo_id: String,
        fee_cents: i64,
    },
    /// A re-edit outside the guarantee; the notes wait for the payment.
    ReEdit {
        headshot_id: String,
        notes: String,
        fee_cents: i64,
    },
}

impl Item {
    pub(crate) fn purpose(&self) -> &'static str {
        match self {
            Self::Credits { .. } => "credits",
            Self::Expedite { .. } => "expedite",
            Self::CustomBackground { .. } => "custom_background",
            Self::Resize { .. } => "resize",
            Self::Background { .. } => "background",
            Self::ReEdit { .. } => "re_edit",
            Self::Redo { .. } => "redo",
        }
    }

    /// The headshots this item pays for (expedites, re-edits, re-dos): one
    /// unpaid payment at a time may cover each.
    pub(crate) fn headshot_ids(&self) -> Vec<&str> {
        match self {
            Self::Expedite { headshot_ids, .. } => {
                headshot_ids.iter().map(String::as_str).collect()
            }
            Self::ReEdit { headshot_id, .. } | Self::Redo { headshot_id, .. } => vec![headshot_id],
            _ => vec![],
        }
    }

    pub(crate) fn describe(&self) -> String {
        match self {
            Self::Credits { quantity, .. } => format!(
                "{quantity} headshot credit{}",
                if *quantity == 1 { "" } else { "s" }
            ),
            Self::Expedite { headshot_ids, .. } => format!(
                "Expedited retouching for {} headshot{}",
                headshot_ids.len(),
                if headshot_ids.len() == 1 { "" } else { "s" }
            ),
            Self::CustomBackground { .. } => "Custom background design".into(),
            Self::Background { .. } => "A paid background from the studio's library".into(),
            Self::ReEdit { .. } => "A re-edit of a delivered headshot".into(),
            Self::Redo { .. } => "A re-do with a new photo".into(),
            Self::Resize { files, .. } => format!(
                "Resized files ({files} file{})",
                if *files == 1 { "" } else { "s" }
            ),
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QuoteView {
    pub quantity: i64,
    pub unit_price_cents: i64,
    pub total_cents: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Purchase {
    pub payment: Payment,
    pub credits: Credits,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Expedited {
    pub headshot: Headshot,
    pub payment: Payment,
}

fn quote_error(e: QuoteError) -> Error {
    match e {
        QuoteError::BadQuantity => Error::invalid("quantity", e.to_string()),
        QuoteError::NeedsQuote { .. } => Error::Conflict(e.to_string()),
    }
}

impl Services {
    fn stripe(&self) -> Result<StripeClient> {
        let b = &self.settings.billing;
        let key = b
            .stripe_secret_key
            .clone()
            .ok_or_else(|| anyhow::anyhow!("Stripe is not configured"))?;
        Ok(StripeClient::new(b.stripe_api_base.clone(), key))
    }

    pub async fn quote_credits(&self, p: &Principal, quantity: i64) -> Result<QuoteView> {
        let team_id = p.leader_team()?;
        let t = db::teams::get(&self.db.pool, team_id)
            .await?
            .ok_or(Error::NotFound("team"))?;
        let q = pricing::quote(
            t.credits_purchased,
            quantity,
            t.unit_price_cents,
            &self.studio_settings().await?.rules,
        )
        .map_err(quote_error)?;
        Ok(QuoteView {
            quantity: q.quantity,
            unit_price_cents: q.unit_price_cents,
            total_cents: q.total_cents,
        })
    }

    pub async fn purchase_credits(&self, p: &Principal, quantity: i64) -> Result<Purchase> {
        let team_id = p.leader_team()?;
        let t = db::teams::get(&self.db.pool, team_id)
            .await?
            .ok_or(Error::NotFound("team"))?;
        let Quote {
            unit_price_cents,
            total_cents,
            ..
        } = pricing::quote(
            t.credits_purchased,
            quantity,
            t.unit_price_cents,
            &self.studio_settings().await?.rules,
        )
        .map_err(quote_error)?;
        let payment = self
            .checkout(
                p,
                &t,
                Item::Credits {
                    quantity,
                    unit_price_cents,
                },
                total_cents,
            )
            .await?;
        let t = db::teams::get(&self.db.pool, team_id)
            .await?
            .ok_or(Error::NotFound("team"))?;
        Ok(Purchase {
            payment,
            credits: self.team_view(&t).credits,
        })
    }

    /// Expedite one or more headshots: one payment for all of them.
    pub async fn expedite(
        &self,
        p: &Principal,
        ids: &[String],
    ) -> Result<(Vec<Headshot>, Payment)> {
        let team_id = p.leader_team()?.to_string();
        let ids = &super::team_actions::unique(ids);
        if ids.is_empty() {
            return Err(Error::invalid(
                "ids",
                "Choose at least one headshot to expedite.",
            ));
        }
        let mut rows = Vec::new();
        for id in ids {
            let (h, _) = self.load_visible(p, id).await?;
            let status = h.status;
            if h.expedited != 0 {
                return Err(Error::Conflict(format!(
                    "{} {}'s headshot is already expedited.",
                    h.first_name, h.last_name
                )));
            }
            if matches!(status, HeadshotStatus::Delivered | HeadshotStatus::Approved) {
                return Err(Error::Conflict(format!(
                    "{} {}'s headshot is already delivered.",
                    h.first_name, h.last_name
                )));
            }
            rows.push(h);
        }
        let t = db::teams::get(&self.db.pool, &TeamId::of(&team_id))
            .await?
            .ok_or(Error::NotFound("team"))?;
        let fee = self.studio_settings().await?.fees.expedite;
        // Headshots whose expedite is already waiting to be paid are not
        // charged again; when every one is, `checkout` returns that payment.
        let waiting = self.awaiting_expedite_payment(&team_id).await?;
        let mut to_charge: Vec<String> = ids
            .iter()
            .filter(|i| !waiting.contains(*i))
            .cloned()
            .collect();
        if to_charge.is_empty() {
            to_charge = ids.to_vec();
        }
        let item = Item::Expedite {
            headshot_ids: to_charge.clone(),
            fee_cents: fee,
        };
        let payment = self
            .checkout(p, &t, item, fee * to_charge.len() as i64)
            .await?;
        let mut out = Vec::new();
        for h in rows {
            out.push(self.view_of(p, &h.id, &t).await?);
        }
        Ok((out, payment))
    }

    /// Headshots of the team with an expedite payment waiting to be paid.
    async fn awaiting_expedite_payment(&self, team_id: &str) -> Result<Vec<String>> {
        let pending = db::payments::unpaid_for_team(&self.db.pool, team_id, "expedite").await?;
        Ok(pending
            .iter()
            .filter_map(|row| serde_json::from_str::<Item>(&row.details).ok())
            .flat_map(|i| {
                i.headshot_ids()
                    .into_iter()
                    .map(String::from)
                    .collect::<Vec<_>>()
            })
            .collect())
    }

    /// A payment for the same kind of item covering every one of the same
    /// headshots that is still waiting to be paid (Stripe): paying it is
    /// the way forward, not a second charge.
    async fn unpaid_for_same_headshots(
        &self,
        tx: &mut crate::db::Tx,
        team: &TeamRow,
        item: &Item,
    ) -> Result<Option<PaymentRow>> {
        let wanted = item.headshot_ids();
        if wanted.is_empty() {
            return Ok(None);
        }
        let pending = db::payments::unpaid_for_team(&mut **tx, &team.id, item.purpose()).await?;
        Ok(pending.into_iter().find(|row| {
            serde_json::from_str::<Item>(&row.details)
                .map(|i| {
                    let covered = i.headshot_ids();
                    wanted.iter().all(|h| covered.contains(h))
                })
                .unwrap_or(false)
        }))
    }

    /// Opens the Stripe Checkout Session of a payment. Stripe's own
    /// idempotency key is the payment id, so opening it again returns the
    /// same session. If Stripe cannot be reached, the payment is marked
    /// failed (and forgets its Idempotency-Key, so a retry starts afresh).
    async fn open_checkout(&self, row: &PaymentRow, item: &Item) -> Result<()> {
        // Back to the paying team's page, whichever team the browser
        // looks at by then.
        let back = self.team_link(&row.team_id, "/team/credits");
        let success = self.team_link(&row.team_id, &format!("/team/credits?paid={}", row.id));
        let session = self
            .stripe()?
            .create_session(&NewSession {
                payment_id: &row.id,
                amount_cents: row.amount_cents,
                currency: &row.currency.to_ascii_lowercase(),
                description: &item.describe(),
                success_url: &success,
                cancel_url: &back,
            })
            .await;
        match session {
            Ok(s) => db::payments::set_checkout(&self.db.pool, &row.id, &s.id, &s.url).await?,
            Err(e) => {
                db::payments::mark_failed(&self.db.pool, &row.id).await?;
                tracing::error!(error = %format!("{e:#}"), payment.id = %row.id, "Stripe checkout failed");
                return Err(Error::Unavailable("The payment provider could not be reached; nothing was charged. Try again in a moment.".into()));
            }
        }
        Ok(())
    }

    /// Creates the payment; grants at once for invoices, or opens a Stripe
    /// Checkout Session (granted later by the webhook).
    pub(crate) async fn checkout(
        &self,
        p: &Principal,
        team: &TeamRow,
        item: Item,
        amount_cents: i64,
    ) -> Result<Payment> {
        let provider = self.settings.billing.provider;
        let now = self.now_ms();
        let key = super::idempotency::current_key()
            .filter(|(t, _)| *t == team.id)
            .map(|(_, k)| k);
        // Read with the price, before the transaction holds a connection.
        let currency = self.studio_settings().await?.currency;
        let parties = self.current_parties_json(team).await?;
        let mut tx = self.db.begin().await?;
        // One payment at a time per team decides here (a row lock on
        // PostgreSQL; SQLite's writers are serial), so a double click finds
        // the first click's payment.
        db::teams::lock(&mut *tx, &team.id).await?;
        // The same Idempotency-Key run again after a crash: the payment the
        // first run made is the answer (its checkout opened if it was not).
        if let Some(k) = &key
            && let Some(existing) = db::payments::by_idempotency_key(&mut *tx, &team.id, k).await?
        {
            tx.rollback().await.map_err(anyhow::Error::from)?;
            if existing.provider == ProviderKind::Stripe
                && existing.status == PaymentStatus::Pending
                && existing.checkout_url.is_none()
            {
                self.open_checkout(&existing, &item).await?;
            }
            let row = db::payments::get(&self.db.pool, &existing.id)
                .await?
                .ok_or(Error::NotFound("payment"))?;
            return Ok(payment_view(&row));
        }
        if let Some(existing) = self.unpaid_for_same_headshots(&mut tx, team, &item).await? {
            tx.rollback().await.map_err(anyhow::Error::from)?;
            return Ok(payment_view(&existing));
        }
        let row = PaymentRow {
            id: new_id(),
            team_id: team.id.clone(),
            provider,
            status: PaymentStatus::Pending,
            purpose: item.purpose().into(),
            details: serde_json::to_string(&item).map_err(anyhow::Error::from)?,
            amount_cents,
            reference: db::payments::next_reference(&mut *tx).await?,
            granted_at: None,
            checkout_session_id: None,
            checkout_url: None,
            created_at: now,
            paid_at: None,
            actor: p.audit_name(),
            idempotency_key: key,
            currency: currency.code().into(),
            parties: Some(parties),
            invoice_number: None,
            invoice_issued_at: None,
        };
        db::payments::insert(&mut *tx, &row).await?;
        if provider == ProviderKind::Invoice {
            self.grant(&mut tx, &row, now).await?;
        }
        tx.commit().await.map_err(anyhow::Error::from)?;
        if provider == ProviderKind::Stripe {
            self.open_checkout(&row, &item).await?;
        }
        let row = db::payments::get(&self.db.pool, &row.id)
            .await?
            .ok_or(Error::NotFound("payment"))?;
        let what = format!(
            "started payment #{} ({}, {}{})",
            row.reference,
            item.describe(),
            provider.as_str(),
            row.invoice_number
                .map(|n| format!(", invoice #{n}"))
                .unwrap_or_default()
        );
        self.audit_team(&team.id, p, &what).await?;
        Ok(payment_view(&row))
    }
}
