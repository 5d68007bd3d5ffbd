//! Open invite links, as leaders manage them: made with the domains that
//! may join, a cap, an expiry and the headshots' due date; listed with how
//! many joined; revoked. Only accountable leaders (never the share link):
//! a link spends the team's credits. Joining is in `joins.rs`.

use super::secrets::hash_token;
use super::views::{rfc3339, team_tz};
use super::{Error, Principal, Result, Services};
use crate::db::{self, invite_links::InviteLinkRow, new_id};
use crate::domain::allowed_domains::AllowedDomains;
use crate::domain::{DueDate, FieldError};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The most people one link lets in.
pub const MAX_CAP: i64 = 10_000;
/// The latest a link may expire, in days from now.
pub const MAX_DAYS_OPEN: i64 = 365;
pub const MAX_NAME_CHARS: usize = 80;
const DAY_MS: i64 = 86_400_000;

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NewInviteLink {
    /// What the link is for ("Berlin office"); "Invite link" if empty.
    #[serde(default)]
    pub name: String,
    /// The mail domains whose addresses may join (`acme.com`), exactly.
    pub domains: Vec<String>,
    /// How many people may join through it (each uses one credit).
    pub cap: i64,
    /// `YYYY-MM-DD` (the link works to the end of that day in the team's
    /// time zone) or an RFC 3339 instant; at most a year ahead.
    pub expires_at: String,
    /// The joined members' due date, `YYYY-MM-DD`, at least the studio's
    /// least notice from today. Someone joining later than that notice
    /// allows gets the least notice from the day they join.
    pub due_date: String,
}

/// Whether a link still lets people in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InviteLinkState {
    Open,
    Full,
    Expired,
    Revoked,
}

impl InviteLinkState {
    pub fn label(self) -> &'static str {
        match self {
            Self::Open => "Open",
            Self::Full => "Full",
            Self::Expired => "Expired",
            Self::Revoked => "Turned off",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Full => "full",
            Self::Expired => "expired",
            Self::Revoked => "revoked",
        }
    }

    pub(crate) fn of(l: &InviteLinkRow, now: i64) -> Self {
        if l.revoked_at.is_some() {
            Self::Revoked
        } else if l.expires_at <= now {
            Self::Expired
        } else if l.used >= l.cap {
            Self::Full
        } else {
            Self::Open
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InviteLinkView {
    pub id: String,
    pub name: String,
    /// The link to share; anyone with an address at `domains` may join.
    pub url: String,
    pub domains: Vec<String>,
    pub cap: i64,
    /// How many joined (confirmed their address) so far.
    pub used: i64,
    pub expires_at: String,
    pub due_date: String,
    pub state: InviteLinkState,
    pub created_at: String,
    pub created_by: String,
    pub revoked_at: Option<String>,
}

impl InviteLinkView {
    /// Joined, in percent of the cap (for the page's bar).
    pub fn percent(&self) -> i64 {
        (self.used * 100 / self.cap.max(1)).clamp(0, 100)
    }
}

impl Services {
    pub(crate) fn invite_link_secret(&self, id: &str) -> String {
        self.keys.derive("invite-link", &[id])
    }

    fn invite_link_view(&self, l: InviteLinkRow, now: i64) -> InviteLinkView {
        InviteLinkView {
            url: self.url(&format!("/join/{}", self.invite_link_secret(&l.id))),
            state: InviteLinkState::of(&l, now),
            domains: AllowedDomains::from_stored(&l.domains).list().to_vec(),
            expires_at: rfc3339(l.expires_at),
            created_at: rfc3339(l.created_at),
            revoked_at: l.revoked_at.map(rfc3339),
            id: l.id,
            name: l.name,
            cap: l.cap,
            used: l.used,
            due_date: l.due_date,
            created_by: l.created_by,
        }
    }

    pub async fn invite_links(&self, p: &Principal) -> Result<Vec<InviteLinkView>> {
        let team_id = p.accountable_leader_team("invite links")?;
        let now = self.now_ms();
        Ok(db::invite_links::of_team(&self.db.pool, team_id)
            .await?
            .into_iter()
            .map(|l| self.invite_link_view(l, now))
            .collect())
    }

    /// Checks every field (all problems at once) and makes the link.
    pub async fn create_invite_link(
        &self,
        p: &Principal,
        input: NewInviteLink,
    ) -> Result<InviteLinkView> {
        let team_id = p.accountable_leader_team("invite links")?.clone();
        let team = db::teams::get(&self.db.pool, &team_id)
            .await?
            .ok_or(Error::NotFound("team"))?;
        let tz = team_tz(&team.timezone);
        let now = self.now_ms();
        let today = self.now().to_zoned(tz.clone()).date();
        let mut errors = Vec::new();
        let name = match input.name.trim() {
            "" => "Invite link".to_string(),
            n if n.chars().count() > MAX_NAME_CHARS => {
                errors.push(FieldError::new(
                    "name",
                    format!("Keep the name to {MAX_NAME_CHARS} characters at most."),
                ));
                String::new()
            }
            n => n.to_string(),
        };
        let domains = AllowedDomains::parse(input.domains.iter().map(String::as_str))
            .map_err(|m| errors.push(FieldError::new("domains", m)))
            .ok();
        if !(1..=MAX_CAP).contains(&input.cap) {
            errors.push(FieldError::new(
                "cap",
                format!("Say how many people may join: a number from 1 to {MAX_CAP}."),
            ));
        }
        let expires_at = expiry(&input.expires_at, &tz, now)
            .map_err(|m| errors.push(FieldError::new("expires_at", m)))
            .ok();
        let min_days = self.studio_settings().await?.rules.min_due_days;
        let due = DueDate::parse(&input.due_date, today, min_days)
            .map_err(|m| errors.push(FieldError::new("due_date", m)))
            .ok();
        let (Some(domains), Some(expires_at), Some(due), true) =
            (domains, expires_at, due, errors.is_empty())
        else {
            return Err(Error::Invalid(errors));
        };
        let id = new_id();
        let row = InviteLinkRow {
            secret_hash: hash_token(&self.invite_link_secret(&id)),
            id,
            team_id: team_id.to_string(),
            name,
            domains: domains.stored(),
            cap: input.cap,
            used: 0,
            expires_at,
            due_date: due.date().to_string(),
            created_by: p.audit_name(),
            created_at: now,
            revoked_at: None,
        };
        db::invite_links::insert(&self.db.pool, &row).await?;
        self.audit_team(
            &row.team_id,
            p,
            &format!(
                "made the invite link \"{}\" for up to {} people at {}",
                row.name,
                row.cap,
                domains.spoken()
            ),
        )
        .await?;
        tracing::info!(team.id = %row.team_id, invite_link.id = %row.id, "invite link made");
        Ok(self.invite_link_view(row, now))
    }

    /// Turns the link off: nobody joins through it any more (a confirmation
    /// email already sent no longer works either). Twice is fine.
    pub async fn revoke_invite_link(&self, p: &Principal, id: &str) -> Result<()> {
        let team_id = p.accountable_leader_team("invite links")?;
        let link = db::invite_links::get(&self.db.pool, team_id, id)
            .await?
            .ok_or(Error::NotFound("invite link"))?;
        if db::invite_links::revoke(&self.db.pool, &link.id, self.now_ms()).await? {
            self.audit_team(
                &link.team_id,
                p,
                &format!("turned off the invite link \"{}\"", link.name),
            )
            .await?;
        }
        Ok(())
    }
}

/// When a link stops working: the end of a `YYYY-MM-DD` day in the team's
/// zone, or an exact instant; in the future, at most a year ahead.
fn expiry(input: &str, tz: &jiff::tz::TimeZone, now: i64) -> std::result::Result<i64, String> {
    let s = input.trim();
    let at = if let Ok(d) = s.parse::<jiff::civil::Date>() {
        d.tomorrow()
            .ok()
            .and_then(|next| next.to_zoned(tz.clone()).ok())
            .map(|z| z.timestamp().as_millisecond())
    } else {
        s.parse::<jiff::Timestamp>()
            .ok()
            .map(|t| t.as_millisecond())
    };
    let Some(at) = at else {
        return Err(format!(
            "\"{s}\" is not a date: use the form YYYY-MM-DD (the link works to the end of that day)."
        ));
    };
    if at <= now {
        return Err("The expiry is in the past: choose a later day.".into());
    }
    if at > now + MAX_DAYS_OPEN * DAY_MS + DAY_MS {
        return Err(format!(
            "A link stays open at most {MAX_DAYS_OPEN} days: choose an earlier day, and make a new link later."
        ));
    }
    Ok(at)
}
