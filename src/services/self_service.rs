//! The *Get started* page: a company opens its own team. Nothing is made
//! until the leader's address is confirmed from an email; then the team,
//! its leader and its first payment (an invoice the studio marks paid, or
//! a Stripe checkout that credits the team when paid).

use super::billing::Payment;
use super::principal::LeaderVia;
use super::teams::NewTeam;
use super::{Error, Principal, Result, Services};
use crate::billing::ProviderKind;
use crate::db::{self, new_id, signups::SignupRow};
use crate::domain::studio_rules::Rules;
use crate::domain::{Currency, Email, FieldError, TeamId, UserId, pricing};
use crate::services::secrets::hash_token;

/// How long the emailed confirmation link works.
pub const CONFIRM_HOURS: i64 = 24;
/// Sign-ups from one client address per hour, and for one email address
/// per day: enough for a typo or two, not for a script.
const PER_ADDRESS_PER_HOUR: i64 = 5;
const PER_EMAIL_PER_DAY: i64 = 3;
const HOUR_MS: i64 = 3_600_000;

/// What the page asks for (the field names are the team's: `name`,
/// `leader_name`, `leader_email`).
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct SignupForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub leader_name: String,
    #[serde(default)]
    pub leader_email: String,
    #[serde(default)]
    pub quantity: String,
    /// The browser's IANA zone, filled in by the page's script (UTC
    /// without it).
    #[serde(default)]
    pub timezone: Option<String>,
}

/// What the page offers: the price tiers in the studio's currency, and
/// how the first payment is made.
#[derive(Debug, Clone)]
pub struct SelfServiceOffer {
    /// The studio's rules: its tiers (`tier_ranges`, `quote_above`).
    pub rules: Rules,
    pub currency: Currency,
    pub by_card: bool,
}

/// A sign-up waiting for its confirmation (or confirmed), as its link
/// shows it.
#[derive(Debug, Clone)]
pub struct SignupView {
    pub company: String,
    pub leader_name: String,
    pub email: String,
    pub quantity: i64,
    pub total_cents: i64,
    pub currency: Currency,
    pub confirmed: bool,
    /// The first payment, once made (none yet: the confirmation was cut
    /// off after the team was made, and pressing again finishes it).
    pub payment: Option<Payment>,
}

/// A confirmation's outcome: where the new leader goes next.
#[derive(Debug, Clone)]
pub struct SignupDone {
    /// This request made the team: the new leader's browser session (the
    /// email proved the address). A later click of the same link signs
    /// nobody in.
    pub session: Option<String>,
    pub payment: Payment,
}

impl Services {
    /// The page's offer, or "not found" while the studio keeps it closed.
    pub async fn self_service(&self) -> Result<SelfServiceOffer> {
        let st = self.studio_settings().await?;
        if !st.self_service.enabled {
            return Err(Error::NotFound("page"));
        }
        Ok(SelfServiceOffer {
            rules: st.rules.clone(),
            currency: st.currency,
            by_card: self.settings.billing.provider == ProviderKind::Stripe,
        })
    }

    /// Checks the form and emails the confirmation link; nothing else is
    /// made yet.
    pub async fn start_signup(&self, form: SignupForm) -> Result<()> {
        let st = self.studio_settings().await?;
        if !st.self_service.enabled {
            return Err(Error::NotFound("page"));
        }
        let quantity = form.quantity.trim().parse::<i64>().unwrap_or(0);
        // Every problem at once: the team's fields, then the domain and
        // the quantity.
        let mut errors = match self.valid_new_team(self.signup_team(&form), false).await {
            Ok(_) => Vec::new(),
            Err(Error::Invalid(e)) => e,
            Err(e) => return Err(e),
        };
        let email = Email::parse(&form.leader_email).ok();
        if let Some(why) = email.as_ref().and_then(|e| st.self_service.refusal(e)) {
            errors.push(FieldError::new("leader_email", why));
        }
        match pricing::quote(0, quantity, None, &st.rules) {
            Ok(_) => {}
            Err(pricing::QuoteError::NeedsQuote { .. }) => errors.push(FieldError::new(
                "quantity",
                "For this many credits the studio makes you an offer: please contact the studio.",
            )),
            Err(e) => errors.push(FieldError::new("quantity", e.to_string())),
        }
        let Some(email) = email.filter(|_| errors.is_empty()) else {
            return Err(Error::Invalid(errors));
        };
        self.count_signup(email.as_str()).await?;
        let now = self.now_ms();
        let row = SignupRow {
            id: new_id(),
            company: form.name.trim().to_string(),
            leader_name: form.leader_name.trim().to_string(),
            email: email.as_str().into(),
            quantity,
            timezone: self.signup_team(&form).timezone,
            token_hash: None,
            created_at: now,
            expires_at: now + CONFIRM_HOURS * HOUR_MS,
            confirmed_at: None,
            team_id: None,
        };
        let mut tx = self.db.begin().await?;
        db::signups::insert(&mut *tx, &row).await?;
        crate::queue::enqueue(
            &mut tx,
            &crate::queue::SignupMail {
                signup_id: row.id.clone(),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        self.jobs_ready.notify_waiters();
        tracing::info!(signup.id = %row.id, "self-service sign-up started");
        Ok(())
    }

    /// The team the form describes.
    fn signup_team(&self, form: &SignupForm) -> NewTeam {
        NewTeam {
            name: form.name.clone(),
            leader_email: form.leader_email.clone(),
            leader_name: form.leader_name.clone(),
            timezone: form
                .timezone
                .clone()
                .filter(|z| jiff::tz::TimeZone::get(z).is_ok()),
            language: None,
        }
    }

    /// Counts a sign-up from this client address and for this email.
    async fn count_signup(&self, email: &str) -> Result<()> {
        self.count_public_request("signup", email, PER_ADDRESS_PER_HOUR)
            .await
    }

    /// Counts a request of a public form that sends an email (`purpose`:
    /// "signup", "join"), by client address and by the address mailed:
    /// enough for a typo or two, not for a script. `per_address_per_hour`
    /// is the client address's share (an office joining through one
    /// network address needs more than a company signing up).
    pub(crate) async fn count_public_request(
        &self,
        purpose: &str,
        email: &str,
        per_address_per_hour: i64,
    ) -> Result<()> {
        let now = self.now_ms();
        let mut keys = vec![(
            self.keys.derive(&format!("{purpose}-email"), &[email]),
            PER_EMAIL_PER_DAY,
            24 * HOUR_MS,
        )];
        if let Some(addr) = super::request_context::client_address() {
            keys.push((
                self.keys.derive(&format!("{purpose}-address"), &[&addr]),
                per_address_per_hour,
                HOUR_MS,
            ));
        }
        for (key, limit, window) in keys {
            if db::rate_limits::hit(&self.db.pool, &key, now, window).await? > limit {
                let started = db::rate_limits::window_start(&self.db.pool, &key)
                    .await?
                    .unwrap_or(now);
                let minutes = ((started + window - now) / 60_000).max(1);
                return Err(Error::TooManySignups(minutes));
            }
        }
        Ok(())
    }

    /// The sign-up behind a confirmation link.
    pub async fn signup_by_token(&self, token: &str) -> Result<SignupView> {
        let row = self.signup_row(token).await?;
        let st = self.studio_settings().await?;
        let total_cents = pricing::quote(0, row.quantity, None, &st.rules)
            .map(|q| q.total_cents)
            .unwrap_or_default();
        let payment = match &row.team_id {
            Some(team) => {
                db::payments::by_idempotency_key(&self.db.pool, team, &Self::signup_key(&row.id))
                    .await?
                    .as_ref()
                    .map(super::billing::payment_view)
            }
            None => None,
        };
        Ok(SignupView {
            payment,
            company: row.company,
            leader_name: row.leader_name,
            email: row.email,
            quantity: row.quantity,
            total_cents,
            currency: st.currency,
            confirmed: row.confirmed_at.is_some(),
        })
    }

    async fn signup_row(&self, token: &str) -> Result<SignupRow> {
        let expired = || {
            Error::BadRequest(
                "This confirmation link has expired or is not valid: start again on the Get started page."
                    .into(),
            )
        };
        let row = db::signups::by_token(&self.db.pool, &hash_token(token))
            .await?
            .ok_or_else(expired)?;
        // Confirmed or not, the link ends with its day: until then it
        // finishes a confirmation that was cut off.
        if row.expires_at <= self.now_ms() {
            return Err(expired());
        }
        Ok(row)
    }

    /// Confirms the address: makes the team, its leader (welcomed by
    /// email) and its first payment. A second click, or two at once, make
    /// nothing twice: the team once, the payment under one key.
    pub async fn confirm_signup(&self, token: &str) -> Result<SignupDone> {
        let row = self.signup_row(token).await?;
        let mut login_for = None;
        if row.confirmed_at.is_none() {
            // The studio may have closed the page or blocked the domain
            // since the email went out.
            let st = self.studio_settings().await?;
            if !st.self_service.enabled {
                return Err(Error::NotFound("page"));
            }
            if let Some(why) = Email::parse(&row.email)
                .ok()
                .and_then(|e| st.self_service.refusal(&e))
            {
                return Err(Error::invalid("leader_email", why));
            }
            let now = self.now_ms();
            let mut tx = self.db.begin().await?;
            // Claimed first: a second press waits here for the first to
            // finish, then finds the sign-up confirmed.
            if db::signups::claim(&mut *tx, &row.id, now).await? {
                let valid = match self.valid_new_team(self.signup_team_of(&row), true).await {
                    Ok(v) => v,
                    Err(e) => {
                        tx.rollback().await.map_err(anyhow::Error::from)?;
                        return Err(e);
                    }
                };
                let by = format!("{} (Get started page)", row.email);
                let made = self.insert_team(&mut tx, valid, &by).await?;
                db::signups::set_team(&mut *tx, &row.id, &made.team_id).await?;
                self.studio_audit(
                    &mut tx,
                    &by,
                    &format!("opened the team {} on the Get started page", row.company),
                )
                .await?;
                tx.commit().await.map_err(anyhow::Error::from)?;
                self.jobs_ready.notify_waiters();
                tracing::info!(team.id = %made.team_id, "team opened on the Get started page");
                // A leader of other teams already signs in as usual (their
                // password, their second factor): the new team waits in
                // their account's team menu.
                login_for = made.new_leader.then_some(made.leader_id);
            } else {
                tx.rollback().await.map_err(anyhow::Error::from)?;
            }
        }
        let row = db::signups::get(&self.db.pool, &row.id)
            .await?
            .ok_or(Error::NotFound("sign-up"))?;
        let Some(team_id) = row.team_id else {
            return Err(Error::Conflict(
                "This team is being opened by another click: reload the page in a moment.".into(),
            ));
        };
        let leader = db::users::leaders_of(&self.db.pool, &TeamId::of(&team_id))
            .await?
            .into_iter()
            .next()
            .ok_or(Error::NotFound("team"))?;
        let p = Principal::Leader {
            team_id: TeamId::of(&team_id),
            via: LeaderVia::User {
                user_id: UserId::of(&leader.id),
                name: leader.name.clone(),
            },
            department: None,
        };
        // The first payment under the sign-up's own key: a retry after a
        // crash, or a later click, finds it instead of charging again.
        let key = Self::signup_key(&row.id);
        let purchase = super::idempotency::with_payment_key(
            &team_id,
            key,
            self.purchase_credits(&p, row.quantity),
        )
        .await?;
        let session = match login_for {
            Some(id) => Some(self.start_session(&id, true).await?),
            None => None,
        };
        Ok(SignupDone {
            session,
            payment: purchase.payment,
        })
    }

    /// The idempotency key of a sign-up's first payment.
    fn signup_key(signup_id: &str) -> String {
        format!("signup:{signup_id}")
    }

    fn signup_team_of(&self, row: &SignupRow) -> NewTeam {
        NewTeam {
            name: row.company.clone(),
            leader_email: row.email.clone(),
            leader_name: row.leader_name.clone(),
            timezone: row.timezone.clone(),
            language: None,
        }
    }
}
