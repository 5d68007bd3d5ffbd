//! Correcting a headshot: the member's name or email (until approval) and
//! the due date. A new email gets a fresh personal link — the old one stops
//! working at once — and a new welcome email, in the same transaction.

use super::secrets::hash_token;
use super::views::{Headshot, team_tz};
use super::{Error, Principal, Result, Services};
use crate::db;
use crate::domain::{DueDate, Email, FieldError, HeadshotStatus, PersonName};
use crate::queue::{self, MailJob};
use serde::Deserialize;
use utoipa::ToSchema;

/// Any subset of the fields; those left out stay as they are.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct HeadshotChange {
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    /// `YYYY-MM-DD`, at least the studio's least notice (5 days unless the
    /// studio changed it) after today in the team's time zone.
    #[serde(default)]
    pub due_date: Option<String>,
    /// The new email is right as typed, though it looks like a typo of a
    /// common mail domain (as on `POST /headshots`).
    #[serde(default)]
    pub confirm_address: bool,
}

impl HeadshotChange {
    pub fn due_date(due_date: String) -> Self {
        Self {
            due_date: Some(due_date),
            ..Self::default()
        }
    }
}

impl Services {
    /// Validates every given field (all problems at once), then writes the
    /// changes, their history and any new welcome in one transaction. The
    /// same change sent twice changes nothing the second time (and sends
    /// no second email).
    pub async fn change_headshot(
        &self,
        p: &Principal,
        id: &str,
        input: HeadshotChange,
    ) -> Result<Headshot> {
        p.leader_scope()?;
        let (h, t) = self.load_visible(p, id).await?;
        let today = self.now().to_zoned(team_tz(&t.timezone)).date();
        let min_days = self.studio_settings().await?.rules.min_due_days;
        let mut errors = Vec::new();
        let mut field = |name: &'static str, r: std::result::Result<String, String>| {
            r.map_err(|m| errors.push(FieldError::new(name, m))).ok()
        };
        let first = input.first_name.as_deref().and_then(|s| {
            field(
                "first_name",
                PersonName::parse(s, "first name").map(PersonName::into_string),
            )
        });
        let last = input.last_name.as_deref().and_then(|s| {
            field(
                "last_name",
                PersonName::parse(s, "last name").map(PersonName::into_string),
            )
        });
        let email = input
            .email
            .as_deref()
            .and_then(|s| field("email", Email::parse(s).map(|e| e.as_str().to_string())));
        let due = input.due_date.as_deref().and_then(|s| {
            field(
                "due_date",
                DueDate::parse(s, today, min_days).map(|d| d.date().to_string()),
            )
        });
        let check = self.address_check(&t.id).await?;
        // Parsed above; typed again to be checked.
        let new_email = email
            .as_deref()
            .filter(|e| !e.eq_ignore_ascii_case(&h.email))
            .and_then(|e| Email::parse(e).ok());
        if let Some(e) = &new_email {
            errors.extend(check.problem("email", e, input.confirm_address));
        }
        if !errors.is_empty() {
            return Err(Error::Invalid(errors));
        }
        // A likely typo that got this far was confirmed as typed.
        let confirmed = new_email.filter(|_| input.confirm_address);
        if [&first, &last, &email, &due].iter().all(|f| f.is_none()) {
            return Err(Error::BadRequest(
                "Send at least one of first_name, last_name, email and due_date.".into(),
            ));
        }
        let first = first.filter(|f| *f != h.first_name);
        let last = last.filter(|l| *l != h.last_name);
        // The same address saved again on a bounced headshot: the leader
        // says it works now (the mailbox was fixed); mail it again.
        let retry_bounced = h.email_bounced_at.is_some()
            && email
                .as_deref()
                .is_some_and(|e| e.eq_ignore_ascii_case(&h.email));
        let email = email.filter(|e| !e.eq_ignore_ascii_case(&h.email));
        let due = due.filter(|d| *d != h.due_date);
        let person_changes = first.is_some() || last.is_some() || email.is_some();
        if email.is_some() {
            // A new address moves the member's personal link: not for a
            // forwarded share link.
            p.not_share_link("members' email addresses")?;
        }
        if person_changes && h.status == HeadshotStatus::Approved {
            return Err(Error::Conflict(
                "This headshot is approved: its name and email can no longer be changed. Invite the member again if the details are wrong."
                    .into(),
            ));
        }

        let now = self.now_ms();
        // The history's lines: what changed, from what to what.
        let mut history: Vec<(&str, String)> = Vec::new();
        let mut tx = self.db.begin().await?;
        if person_changes {
            self.remember_confirmed_domains(
                &mut tx,
                &t.id,
                &check,
                confirmed.iter(),
                &p.audit_name(),
                now,
            )
            .await?;
            let link = email.as_ref().map(|_| {
                let version = h.member_token_version + 1;
                (version, hash_token(&self.member_secret(&h.id, version)))
            });
            // Only the fields that change are written: two corrections of
            // different fields at once both stay.
            let change = db::headshot_members::MemberChange {
                held: h.invite_held,
                first_name: first.as_deref(),
                last_name: last.as_deref(),
                email: email.as_deref(),
                link: link.as_ref().map(|(v, hash)| (*v, hash.as_str())),
            };
            // Guarded by the link's version and the status: a concurrent
            // change or approval makes this one lose instead of both applying.
            if !db::headshot_members::change_member(
                &mut *tx,
                &h.id,
                h.member_token_version,
                &change,
                now,
            )
            .await?
            {
                return Err(Error::changed_meanwhile());
            }
            if first.is_some() || last.is_some() {
                history.push((
                    "corrected the name",
                    format!(
                        "{} {} → {} {}",
                        h.first_name,
                        h.last_name,
                        change.first_name.unwrap_or(&h.first_name),
                        change.last_name.unwrap_or(&h.last_name)
                    ),
                ));
            }
            if let (Some(email), Some((version, _))) = (&email, &link) {
                history.push((
                    "changed the email and sent a new personal link (the old one no longer works)",
                    format!("{} → {email}", h.email),
                ));
                // A held-back invitation stays held: the leader sends it.
                if h.invite_held == 0 {
                    queue::enqueue(&mut tx, &MailJob::welcome(&h.id, *version), now).await?;
                }
            }
        }
        if retry_bounced && email.is_none() {
            p.not_share_link("members' email addresses")?;
            // Cleared once: a second click finds nothing to clear.
            if db::headshot_members::clear_bounce(&mut *tx, &h.id, &h.email).await? {
                history.push((
                    "asked to mail this address again after its bounce",
                    h.email.clone(),
                ));
                if h.invite_held == 0 {
                    queue::enqueue(
                        &mut tx,
                        &MailJob::welcome(&h.id, h.member_token_version),
                        now,
                    )
                    .await?;
                }
            }
        }
        if let Some(due) = &due {
            db::headshots::set_due_date(&mut *tx, &h.id, due, now).await?;
            history.push(("changed the due date", due.clone()));
        }
        let who = p.audit_name();
        for (what, detail) in &history {
            db::events::insert(&mut *tx, &h.id, &h.team_id, now, &who, what, Some(detail)).await?;
        }
        tx.commit().await.map_err(anyhow::Error::from)?;
        if email.is_some() || retry_bounced {
            self.jobs_ready.notify_waiters();
        }
        self.view_of(p, &h.id, &t).await
    }
}
