//! Creating teams, granting credits, and the team overview.

use super::leaders::{Consent, Joined, staff_address};
use super::secrets::hash_token;
use super::views::{Credits, LedgerEntry, Team};
use super::{Error, Principal, Result, Services};
use crate::db::{self, ledger::LedgerRow, new_id, teams::TeamRow};
use crate::domain::TeamId;
use crate::domain::UserKind;
use crate::domain::person::account_name;
use crate::domain::{Email, FieldError, LedgerKind, StaffRole, TeamLanguage};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewTeam {
    pub name: String,
    pub leader_email: String,
    pub leader_name: String,
    /// IANA time zone, e.g. `Europe/Paris`; default UTC.
    #[serde(default)]
    pub timezone: Option<String>,
    /// The language of the members' pages and of every email about the
    /// team, the leader's welcome first: `auto` (default), `en`, `de`,
    /// `fr` or `es`.
    #[serde(default)]
    pub language: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TeamCreated {
    pub team_id: String,
    /// Shown once; store it safely.
    pub api_token: String,
    /// One-time sign-in link for the first leader (valid 7 days); null
    /// when the address already leads other teams: that account signs in
    /// as it always does (a link would hand it, and its other teams, to
    /// whoever reads this answer).
    pub leader_login_url: Option<String>,
    pub share_url: String,
}

/// A new team's fields, checked.
#[derive(Debug, Clone)]
pub(crate) struct ValidNewTeam {
    pub name: String,
    pub email: Email,
    pub leader_name: String,
    pub timezone: String,
    pub language: TeamLanguage,
}

/// What `insert_team` made.
pub(crate) struct InsertedTeam {
    pub team_id: String,
    pub leader_id: String,
    /// The leader's account was made with the team (not a leader of
    /// other teams already).
    pub new_leader: bool,
    /// The share link's secret.
    pub share: String,
    pub api_token: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct GrantCredits {
    /// Credits to give (1 to 100000), or to take back (negative, with a note).
    pub quantity: i64,
    /// The reason; required to take credits back or record a refund.
    #[serde(default)]
    pub note: Option<String>,
    /// Money returned to the team, in cents (recorded, not paid out here).
    #[serde(default)]
    pub refund_cents: Option<i64>,
}

/// Who creates a team: a studio admin, or the operator at the command line.
pub use super::principal::StudioActor as Creator;

impl Services {
    pub async fn create_team(&self, by: Creator<'_>, input: NewTeam) -> Result<TeamCreated> {
        by.require_admin()?;
        let valid = self.valid_new_team(input, true).await?;
        let name_for_audit = valid.name.clone();
        let by = by.audit_name();
        let mut tx = self.db.begin().await?;
        let made = self.insert_team(&mut tx, valid, &by).await?;
        // The same leader and name again, from the studio, is a form sent
        // twice, not a new team (the Get started page has its own claim).
        // `join_team` locked the account's row, so a second transaction
        // waits for the first and sees its team.
        if !made.new_leader
            && db::team_leaders::leads_another_named(
                &mut *tx,
                &made.leader_id,
                &made.team_id,
                &name_for_audit,
            )
            .await?
        {
            return Err(Error::invalid(
                "name",
                format!(
                    "This leader already leads a team named {}: open it from the teams list, or choose another name.",
                    name_for_audit
                ),
            ));
        }
        self.studio_audit(
            &mut tx,
            &by,
            &format!("created the team {}", name_for_audit),
        )
        .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        self.jobs_ready.notify_waiters();
        // Alongside the welcome email's link, whichever is written first:
        // using either ends the other.
        let leader_login_url = if made.new_leader {
            Some(
                self.create_login_link_valid_for(
                    &made.leader_id,
                    super::auth::LOGIN_LINK_DAYS * 86_400_000,
                    false,
                )
                .await?,
            )
        } else {
            None
        };
        tracing::info!(team.id = %made.team_id, "team created");
        Ok(TeamCreated {
            team_id: made.team_id,
            api_token: made.api_token,
            leader_login_url,
            share_url: self.url(&format!("/d/{}", made.share)),
        })
    }

    /// A new team's fields checked: every problem at once, and (with
    /// `check_taken`) the leader's address not a staff account's. The public sign-up page
    /// checks that only once the address is confirmed, so it tells no
    /// stranger who has an account.
    pub(crate) async fn valid_new_team(
        &self,
        input: NewTeam,
        check_taken: bool,
    ) -> Result<ValidNewTeam> {
        let mut errors = Vec::new();
        let name = input.name.trim().to_string();
        if name.is_empty() || name.chars().count() > 120 || name.chars().any(char::is_control) {
            errors.push(FieldError::new(
                "name",
                "Enter the team's name (at most 120 characters).",
            ));
        }
        let email = Email::parse(&input.leader_email)
            .map_err(|m| errors.push(FieldError::new("leader_email", m)))
            .ok();
        let leader_name = account_name(
            &input.leader_name,
            "leader_name",
            "the leader's",
            &mut errors,
        );
        let timezone = input.timezone.unwrap_or_else(|| "UTC".into());
        if jiff::tz::TimeZone::get(&timezone).is_err() {
            errors.push(FieldError::new(
                "timezone",
                format!("\"{timezone}\" is not a known time zone: use an IANA name such as America/Chicago."),
            ));
        }
        let language = match input.language.as_deref().map(str::trim) {
            None | Some("") => TeamLanguage::Auto,
            Some(code) => TeamLanguage::parse(code).unwrap_or_else(|| {
                errors.push(FieldError::new(
                    "language",
                    "Choose auto (each member's browser), en, de, fr or es.",
                ));
                TeamLanguage::Auto
            }),
        };
        let Some(email) = email.filter(|_| errors.is_empty()) else {
            return Err(Error::Invalid(errors));
        };
        // A leader of other teams gains this one on the same account; a
        // staff address cannot lead a team.
        if check_taken
            && db::users::by_email(&self.db.pool, email.as_str())
                .await?
                .is_some_and(|u| u.kind != UserKind::Leader)
        {
            return Err(staff_address("leader_email"));
        }
        Ok(ValidNewTeam {
            name,
            email,
            leader_name,
            timezone,
            language,
        })
    }

    /// Writes the team, its first leader, the leader's welcome email and
    /// the team's first API token, in the caller's transaction: the welcome
    /// goes out with the team or not at all.
    pub(crate) async fn insert_team(
        &self,
        tx: &mut db::Tx,
        t: ValidNewTeam,
        by: &str,
    ) -> Result<InsertedTeam> {
        let now = self.now_ms();
        let team_id = new_id();
        let share = self.share_secret(&team_id, 1);
        db::teams::insert(
            &mut **tx,
            &TeamRow {
                id: TeamId::of(&team_id),
                name: t.name.clone(),
                timezone: t.timezone,
                credits_available: 0,
                credits_used: 0,
                credits_purchased: 0,
                unit_price_cents: None,
                share_version: 1,
                share_token_hash: Some(hash_token(&share)),
                default_style_id: None,
                created_at: now,
                qc_preferences: None,
                express_drafts: 0,
                members_may_spend: 0,
                language: t.language.stored().map(Into::into),
                billing_address: None,
                refresh_months: None,
                intake_fields: None,
                file_name_template: None,
            },
        )
        .await?;
        let (leader_id, new_leader) = match self
            .join_team(tx, &team_id, &t.email, t.leader_name, Consent::Given, now)
            .await?
        {
            Joined::New(u) => (u.id.to_string(), true),
            Joined::Existing(u) | Joined::Invited(u) | Joined::AlreadyLeads(u) => {
                (u.id.to_string(), false)
            }
            Joined::Staff => return Err(staff_address("leader_email")),
        };
        crate::queue::enqueue(
            tx,
            &crate::queue::AccountMail {
                user_id: leader_id.clone(),
                invited_by: None,
                occasion: crate::queue::AccountOccasion::TeamCreated,
                team_id: Some(team_id.clone()),
            },
            now,
        )
        .await?;
        let api_token = super::tokens::mint(
            tx,
            super::tokens::Owner::Team(&team_id),
            "Created with the team",
            by,
            now,
        )
        .await?
        .token;
        Ok(InsertedTeam {
            team_id,
            leader_id,
            new_leader,
            share,
            api_token,
        })
    }

    /// A studio admin grants credits, or (a negative quantity, with a
    /// reason) takes some back, or records money refunded to the team
    /// (`refund_cents`, with a reason). One ledger row and the cached balance
    /// move in the same transaction; given credits are not bought, so they
    /// do not count toward the volume price tier.
    pub async fn grant_credits(
        &self,
        p: &Principal,
        team_id: &str,
        input: GrantCredits,
    ) -> Result<LedgerEntry> {
        p.require_staff(StaffRole::Admin)?;
        let refund = input.refund_cents.unwrap_or(0);
        if !(-100_000..=100_000).contains(&input.quantity) || (input.quantity == 0 && refund == 0) {
            return Err(Error::invalid(
                "quantity",
                "Grant between 1 and 100000 credits, or take back up to 100000 with a negative number (give a reason in note).",
            ));
        }
        if !(0..=100_000_000).contains(&refund) {
            return Err(Error::invalid(
                "refund_cents",
                "Give the refunded amount in cents, between 0 and 100000000.",
            ));
        }
        let note = input
            .note
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty());
        if (input.quantity < 0 || refund > 0) && note.is_none() {
            return Err(Error::invalid(
                "note",
                "Say why: a reason is required to take credits back or record a refund.",
            ));
        }
        let team = db::teams::get(&self.db.pool, &TeamId::of(team_id))
            .await?
            .ok_or(Error::NotFound("team"))?;
        let kind = if refund > 0 {
            LedgerKind::MoneyRefund
        } else if input.quantity < 0 {
            LedgerKind::Adjustment
        } else {
            LedgerKind::Grant
        };
        // A refund is in the studio's currency of the day.
        let currency = match refund {
            0 => None,
            _ => Some(self.studio_settings().await?.currency.code().to_string()),
        };
        let row = LedgerRow {
            id: new_id(),
            team_id: team.id.to_string(),
            at: self.now_ms(),
            kind,
            credits: input.quantity,
            amount_cents: -refund,
            headshot_id: None,
            actor: p.audit_name(),
            note,
            currency,
        };
        let mut tx = self.db.begin().await?;
        if input.quantity != 0
            && !db::teams::adjust_available(&mut *tx, &team.id, input.quantity).await?
        {
            return Err(Error::invalid(
                "quantity",
                format!(
                    "{} has only {} credits available to take back.",
                    team.name, team.credits_available
                ),
            ));
        }
        db::ledger::insert(&mut *tx, &row).await?;
        let what = match kind {
            LedgerKind::Grant => format!("granted {} credits to {}", input.quantity, team.name),
            LedgerKind::Adjustment => {
                format!("took back {} credits from {}", -input.quantity, team.name)
            }
            _ => format!(
                "recorded a refund of {refund} cents to {} ({} credits)",
                team.name, input.quantity
            ),
        };
        self.studio_audit(&mut tx, &p.audit_name(), &what).await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(super::ledger::ledger_view(&row, None))
    }

    /// The zone the team's pages show times in.
    pub async fn team_zone(&self, p: &Principal) -> Result<jiff::tz::TimeZone> {
        Ok(super::views::team_tz(&self.team(p).await?.timezone))
    }

    pub async fn team(&self, p: &Principal) -> Result<Team> {
        let (team_id, own) = p.leader_scope()?;
        let t = db::teams::get(&self.db.pool, team_id)
            .await?
            .ok_or(Error::NotFound("team"))?;
        let mut view = self.team_view(&t);
        if let Some(d) = own {
            // The share link opens the whole team, and billing is the
            // whole team's: not a department's.
            view.share_url = None;
            view.billing_address = None;
            view.unit_price_cents = None;
            view.department = Some(self.department(p, d).await?);
        }
        Ok(view)
    }

    pub fn team_view(&self, t: &TeamRow) -> Team {
        Team {
            id: t.id.to_string(),
            name: t.name.clone(),
            timezone: t.timezone.clone(),
            credits: Credits {
                available: t.credits_available,
                used: t.credits_used,
                purchased: t.credits_purchased,
            },
            unit_price_cents: t.unit_price_cents.or_else(|| {
                self.studio_cached()
                    .rules
                    .unit_price_cents(t.credits_purchased + 1)
            }),
            default_style_id: t.default_style_id.clone(),
            share_url: t
                .share_token_hash
                .as_ref()
                .map(|_| self.url(&format!("/d/{}", self.share_secret(&t.id, t.share_version)))),
            express_drafts: t.express_drafts != 0,
            members_may_spend: t.members_may_spend != 0,
            language: crate::domain::TeamLanguage::from_stored(t.language.as_deref()),
            billing_address: t.billing_address.clone(),
            refresh_months: t.refresh_months,
            department: None,
        }
    }

    /// Every team, for studio admins.
    pub async fn list_teams(&self, p: &Principal) -> Result<Vec<Team>> {
        p.require_staff(StaffRole::Admin)?;
        let teams = db::teams::list(&self.db.pool).await?;
        Ok(teams.iter().map(|t| self.team_view(t)).collect())
    }
}
