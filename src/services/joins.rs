//! Joining a team through an open invite link: the person enters their
//! name and an address at one of the link's domains, confirms the address
//! from an email, and only then gets a headshot (one credit, one place on
//! the link), in one transaction. Leaders manage the links in
//! `invite_links.rs`.

use super::invite::{Hold, NewMember};
use super::invite_links::InviteLinkState;
use super::secrets::hash_token;
use super::views::team_tz;
use super::{Error, Result, Services};
use crate::db::invite_links::{InviteLinkRow, JoinRow};
use crate::db::{self, Tx, new_id};
use crate::domain::allowed_domains::AllowedDomains;
use crate::domain::{DueDate, Email, FieldError, PersonName, TeamId};

/// How long the emailed confirmation link works.
pub const CONFIRM_HOURS: i64 = 24;
const HOUR_MS: i64 = 3_600_000;
/// Join requests from one client address per hour: a whole office behind
/// one network address, not a script mailing every address it can guess
/// (each address also gets at most three a day).
const JOINS_PER_ADDRESS_PER_HOUR: i64 = 200;

/// What the join page asks for.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct JoinForm {
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub last_name: String,
    #[serde(default)]
    pub email: String,
}

/// What the join page shows about its link.
#[derive(Debug, Clone)]
pub struct JoinOffer {
    pub team: String,
    /// "acme.com or acme.de".
    pub domains: String,
    pub state: InviteLinkState,
}

impl JoinOffer {
    /// Why nobody can join now, for a closed link.
    pub fn closed(&self) -> Option<&'static str> {
        closed_message(self.state)
    }
}

/// A confirmation link's join, as its page shows it.
#[derive(Debug, Clone)]
pub struct JoinView {
    pub team: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub confirmed: bool,
    /// Why the link takes nobody now (not confirmed yet only).
    pub closed: Option<&'static str>,
}

fn closed_message(state: InviteLinkState) -> Option<&'static str> {
    match state {
        InviteLinkState::Open => None,
        InviteLinkState::Full => Some(
            "This invite link is full: as many people as it was meant for have joined. Ask whoever sent it to invite you.",
        ),
        InviteLinkState::Expired => {
            Some("This invite link has expired: ask whoever sent it for a new one.")
        }
        InviteLinkState::Revoked => {
            Some("This invite link was turned off: ask whoever sent it for a new one.")
        }
    }
}

const NO_CREDIT: &str = "The team has no credits left for new headshots, so nobody can join right now: tell whoever sent you the link, then try again.";

impl Services {
    async fn link_by_secret(&self, secret: &str) -> Result<InviteLinkRow> {
        db::invite_links::by_secret(&self.db.pool, &hash_token(secret))
            .await?
            .ok_or(Error::NotFound("invite link"))
    }

    async fn team_name(&self, team_id: &str) -> Result<String> {
        Ok(db::teams::get(&self.db.pool, &TeamId::of(team_id))
            .await?
            .ok_or(Error::NotFound("invite link"))?
            .name)
    }

    pub async fn join_offer(&self, secret: &str) -> Result<JoinOffer> {
        let link = self.link_by_secret(secret).await?;
        Ok(JoinOffer {
            team: self.team_name(&link.team_id).await?,
            domains: AllowedDomains::from_stored(&link.domains).spoken(),
            state: InviteLinkState::of(&link, self.now_ms()),
        })
    }

    /// Checks the form and emails the confirmation link; nothing is spent
    /// yet. Returns the address written to.
    pub async fn ask_to_join(&self, secret: &str, form: &JoinForm) -> Result<Email> {
        let link = self.link_by_secret(secret).await?;
        let now = self.now_ms();
        if let Some(why) = closed_message(InviteLinkState::of(&link, now)) {
            return Err(Error::Conflict(why.into()));
        }
        let domains = AllowedDomains::from_stored(&link.domains);
        let mut errors = Vec::new();
        let first = PersonName::parse(&form.first_name, "first name")
            .map_err(|m| errors.push(FieldError::new("first_name", m)))
            .ok();
        let last = PersonName::parse(&form.last_name, "last name")
            .map_err(|m| errors.push(FieldError::new("last_name", m)))
            .ok();
        let email = match Email::parse(&form.email) {
            Ok(e) if domains.admits(&e) => Some(e),
            Ok(_) => {
                errors.push(FieldError::new(
                    "email",
                    format!(
                        "Use your address at {}: this link is for people there.",
                        domains.spoken()
                    ),
                ));
                None
            }
            Err(m) => {
                errors.push(FieldError::new("email", m));
                None
            }
        };
        let (Some(first), Some(last), Some(email), true) = (first, last, email, errors.is_empty())
        else {
            return Err(Error::Invalid(errors));
        };
        let team = db::teams::get(&self.db.pool, &TeamId::of(&link.team_id))
            .await?
            .ok_or(Error::NotFound("invite link"))?;
        // Said now rather than after the email: the confirmation would
        // fail the same way.
        if team.credits_available < 1 {
            return Err(Error::Conflict(NO_CREDIT.into()));
        }
        self.count_public_request("join", email.as_str(), JOINS_PER_ADDRESS_PER_HOUR)
            .await?;
        let row = JoinRow {
            id: new_id(),
            link_id: link.id.clone(),
            first_name: first.as_str().into(),
            last_name: last.as_str().into(),
            email: email.as_str().into(),
            token_hash: None,
            created_at: now,
            expires_at: now + CONFIRM_HOURS * HOUR_MS,
            confirmed_at: None,
            headshot_id: None,
        };
        let mut tx = self.db.begin().await?;
        db::invite_links::insert_join(&mut *tx, &row).await?;
        crate::queue::enqueue(
            &mut tx,
            &crate::queue::JoinMail {
                join_id: row.id.clone(),
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        self.jobs_ready.notify_waiters();
        tracing::info!(invite_link.id = %link.id, join.id = %row.id, "asked to join through an invite link");
        Ok(email)
    }

    async fn join_row(&self, token: &str) -> Result<JoinRow> {
        let expired = || {
            Error::BadRequest(
                "This confirmation link has expired or is not valid: open the invite link again and enter your details."
                    .into(),
            )
        };
        let row = db::invite_links::join_by_token(&self.db.pool, &hash_token(token))
            .await?
            .ok_or_else(expired)?;
        if row.expires_at <= self.now_ms() {
            // The link no longer opens the member's page: the welcome
            // email's personal link does.
            if row.confirmed_at.is_some() {
                return Err(Error::BadRequest(
                    "You joined already: open your headshot page with the personal link in your welcome email."
                        .into(),
                ));
            }
            return Err(expired());
        }
        Ok(row)
    }

    async fn link_of(&self, join: &JoinRow) -> Result<InviteLinkRow> {
        db::invite_links::by_id(&self.db.pool, &join.link_id)
            .await?
            .ok_or(Error::NotFound("invite link"))
    }

    pub async fn join_by_token(&self, token: &str) -> Result<JoinView> {
        let join = self.join_row(token).await?;
        let link = self.link_of(&join).await?;
        let confirmed = join.confirmed_at.is_some();
        Ok(JoinView {
            team: self.team_name(&link.team_id).await?,
            closed: (!confirmed)
                .then(|| closed_message(InviteLinkState::of(&link, self.now_ms())))
                .flatten(),
            first_name: join.first_name,
            last_name: join.last_name,
            email: join.email,
            confirmed,
        })
    }

    /// Confirms the address and makes the headshot: one place on the link
    /// and one credit, or nothing at all. A second click, or two at once,
    /// make nothing twice. Returns the member's personal page.
    pub async fn confirm_join(&self, token: &str) -> Result<String> {
        let join = self.join_row(token).await?;
        if join.confirmed_at.is_none() {
            let link = self.link_of(&join).await?;
            let now = self.now_ms();
            let mut tx = self.db.begin().await?;
            // Claimed first: a second press waits here for the first to
            // finish, then finds the join confirmed.
            if db::invite_links::claim_join(&mut *tx, &join.id, now).await? {
                match self.admit(&mut tx, &link, &join, now).await {
                    Ok(headshot_id) => {
                        db::invite_links::set_join_headshot(&mut *tx, &join.id, &headshot_id)
                            .await?;
                        tx.commit().await.map_err(anyhow::Error::from)?;
                        self.jobs_ready.notify_waiters();
                    }
                    // Nothing kept: once the leader adds credits, the same
                    // link confirms.
                    Err(e) => {
                        tx.rollback().await.map_err(anyhow::Error::from)?;
                        return Err(e);
                    }
                }
            } else {
                tx.rollback().await.map_err(anyhow::Error::from)?;
            }
        }
        let join = db::invite_links::join(&self.db.pool, &join.id)
            .await?
            .ok_or(Error::NotFound("invite link"))?;
        let Some(headshot_id) = join.headshot_id else {
            return Err(Error::Conflict(
                "Your address is being confirmed by another click: reload the page in a moment."
                    .into(),
            ));
        };
        let headshot =
            db::headshots::get(&self.db.pool, &crate::domain::HeadshotId::of(&headshot_id))
                .await?
                .ok_or_else(|| {
                    Error::Conflict(
                "The team's leader removed your headshot: ask them if you should still have one."
                    .into(),
            )
                })?;
        Ok(self.member_url(&headshot_id, headshot.member_token_version))
    }

    /// Inside the confirmation: the headshot for a confirmed join. Someone
    /// with a headshot in the team already is taken to it, for no credit.
    async fn admit(
        &self,
        tx: &mut Tx,
        link: &InviteLinkRow,
        join: &JoinRow,
        now: i64,
    ) -> Result<String> {
        // Two requests to join for one address (two emails, two buttons
        // pressed at once) must not both find no headshot yet.
        db::teams::lock(&mut **tx, &link.team_id).await?;
        if let Some((id, _)) =
            db::invite_links::live_headshot_at(&mut **tx, &link.team_id, &join.email).await?
        {
            return Ok(id);
        }
        if !db::invite_links::take_place(&mut **tx, &link.id, now).await? {
            // Read again: it may have filled up since the page was shown.
            let fresh = db::invite_links::by_id(&mut **tx, &link.id)
                .await?
                .ok_or(Error::NotFound("invite link"))?;
            let why = closed_message(InviteLinkState::of(&fresh, now))
                .unwrap_or("This invite link takes nobody now: ask whoever sent it.");
            return Err(Error::Conflict(why.into()));
        }
        if !db::teams::take_credits(&mut **tx, &link.team_id, 1).await? {
            return Err(Error::Conflict(NO_CREDIT.into()));
        }
        self.credits_taken(tx, &link.team_id, 1, now).await?;
        let team = db::teams::get(&mut **tx, &TeamId::of(&link.team_id))
            .await?
            .ok_or(Error::NotFound("invite link"))?;
        let today = self.now().to_zoned(team_tz(&team.timezone)).date();
        let min_days = self.studio_settings().await?.rules.min_due_days;
        // The link's due date, unless joining this late leaves the studio
        // less than its least notice.
        let earliest = DueDate::earliest(today, min_days);
        let date = link
            .due_date
            .parse::<jiff::civil::Date>()
            .map_or(earliest, |d| d.max(earliest));
        let due = DueDate::new(date, today, min_days).map_err(anyhow::Error::msg)?;
        let first =
            PersonName::parse(&join.first_name, "first name").map_err(anyhow::Error::msg)?;
        let last = PersonName::parse(&join.last_name, "last name").map_err(anyhow::Error::msg)?;
        let email = Email::parse(&join.email).map_err(anyhow::Error::msg)?;
        let member = NewMember {
            first: &first,
            last: &last,
            email: &email,
            due,
            answers: None,
            department: None,
        };
        let actor = format!("{} (invite link \"{}\")", join.email, link.name);
        let id = self
            .create_headshots(
                tx,
                &actor,
                &link.team_id,
                std::slice::from_ref(&member),
                Hold::Send,
                now,
            )
            .await?
            .remove(0);
        tracing::info!(team.id = %link.team_id, headshot.id = %id, "joined through an invite link");
        Ok(id)
    }
}
